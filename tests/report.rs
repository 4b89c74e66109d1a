//! The contradiction report on the bundled articles: what issue 10 asks of it.

use claimcheck::claim::Claim;
use claimcheck::compare::{Check, FxTable, Group, Policies, Relation, Verdict, check_with};
use claimcheck::extract::Extractor;
use claimcheck::input::corpus::Corpus;
use claimcheck::report::{self, DocText, Format};
use claimcheck::rules::RuleSet;
use std::path::PathBuf;

struct Run {
    claims: Vec<Claim>,
    check: Check,
    docs: Vec<DocText>,
}

fn run() -> Run {
    let rules = RuleSet::bundled().unwrap();
    let corpus = Corpus::load(&[PathBuf::from("data")]);
    let claims = corpus.extract(&Extractor::new(&rules));
    let (docs, options) = report::prepare(&corpus.docs, true);
    let check = check_with(
        &claims,
        &Policies::from_rules(&rules),
        &FxTable::bundled(),
        &options,
    );
    Run {
        claims,
        check,
        docs,
    }
}

/// The group holding a claim whose text and document match.
fn group_with<'a>(run: &'a Run, doc: &str, written: &str) -> Option<&'a Group> {
    let i = run
        .claims
        .iter()
        .position(|c| c.source.starts_with(doc) && c.value_text.contains(written))?;
    run.check.place(i).map(|(g, _)| g)
}

fn index(run: &Run, doc: &str, written: &str) -> usize {
    run.claims
        .iter()
        .position(|c| c.source.starts_with(doc) && c.value_text == written)
        .unwrap_or_else(|| panic!("no claim {written} in {doc}"))
}

#[test]
fn china_llm_count_and_the_gap_to_openai_are_conflicts() {
    let run = run();
    let china = crate::rules_support::subject("中国");
    let llm = run
        .check
        .groups
        .iter()
        .find(|g| g.subject == china && g.family == "model_count" && g.verdict == Verdict::Conflict)
        .expect("a China LLM-count conflict");
    assert!(llm.counts.conflicts > 0, "{}", llm.reason);
    let gap = group_with(&run, "000", "兩個月").expect("gap figure checked");
    assert_eq!(gap.verdict, Verdict::Conflict, "{}", gap.reason);
    assert!(gap.origins >= 2);
}

#[test]
fn a_restatement_by_the_same_author_is_not_flagged() {
    let run = run();
    let more = index(&run, "000", "80%還要多");
    let plain = index(&run, "000", "80%");
    assert_ne!(run.check.relation(more, plain), Relation::Conflict);
}

#[test]
fn the_first_screen_tells_the_llm_count_story_in_one_sentence() {
    let run = run();
    let html = report::render(&run.check, &run.claims, &run.docs, Format::Html, false);
    let list = &html[html.find("<ol class=\"story\">").expect("ranked conflicts")..];
    let list = &list[..list.find("</ol>").unwrap()];
    let llm = list
        .lines()
        .find(|l| l.contains("China · LLMs:"))
        .expect("China · LLMs sentence");
    assert!(llm.contains("116"), "{llm}");
    assert!(llm.contains("related:"), "{llm}");
    // Titles, not file stems, name unattributed origins.
    assert!(html.contains("大逃杀里的中国AI大模型"));
    // Nothing before the story but the heading and the counts.
    let story = html.find("<section id=\"conflicts\">").unwrap();
    assert!(!html[..story].contains("<table"));
}

#[test]
fn the_copilot_price_is_one_origin_not_four_sources() {
    let run = run();
    let g = group_with(&run, "000", "30美元/月").expect("Copilot price");
    assert_eq!(g.origins, 1);
    assert_eq!(g.verdict, Verdict::Single);
}

#[test]
fn electricity_and_running_cost_are_not_compared() {
    let run = run();
    let electricity = group_with(&run, "000", "至少5萬美元").unwrap();
    let running = group_with(&run, "000", "70萬美元").unwrap();
    assert_ne!(electricity.id, running.id);
}

#[test]
fn no_claim_of_kind_other_is_reported() {
    let run = run();
    for g in &run.check.groups {
        for f in &g.figures {
            assert_ne!(run.claims[f.claim_index].kind, "other");
        }
    }
    let text = report::render(&run.check, &run.claims, &run.docs, Format::Text, false);
    assert!(!text.contains("cues:other"));
}

#[test]
fn report_snapshot() {
    let run = run();
    let text = report::render(&run.check, &run.claims, &run.docs, Format::Text, false);
    insta::with_settings!({
        snapshot_path => "../snapshots",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!("report", text);
    });
}

#[test]
fn every_format_renders_and_json_parses() {
    let run = run();
    for format in [Format::Markdown, Format::Html, Format::Json, Format::Text] {
        let out = report::render(&run.check, &run.claims, &run.docs, format, false);
        assert!(out.contains("China · LLMs"), "{format:?}");
    }
    let json = report::render(&run.check, &run.claims, &run.docs, Format::Json, false);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ids: Vec<&str> = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["claim_id"].as_str().unwrap())
        .collect();
    for c in run.claims.iter().filter(|c| c.kind != "other") {
        assert!(ids.contains(&c.claim_id.as_str()));
    }
}
