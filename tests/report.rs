//! The contradiction report on the bundled articles: the verdicts issue #4 names.

use claimcheck::claim::Claim;
use claimcheck::compare::{Check, FxTable, Group, Policies, Verdict, check};
use claimcheck::corpus::Corpus;
use claimcheck::extract::Extractor;
use claimcheck::report::{self, DocText, Format};
use claimcheck::rules::RuleSet;
use rust_decimal::Decimal;
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
    let check = check(&claims, &Policies::from_rules(&rules), &FxTable::bundled());
    let docs = corpus.docs.iter().map(DocText::of).collect();
    Run {
        claims,
        check,
        docs,
    }
}

fn group<'a>(run: &'a Run, family: &str, subject: &str) -> &'a Group {
    run.check
        .groups
        .iter()
        .find(|g| g.family == family && g.subject == subject)
        .unwrap_or_else(|| panic!("no group {family} / {subject}"))
}

fn claim<'a>(run: &'a Run, id: &str) -> &'a Claim {
    run.claims.iter().find(|c| c.claim_id == id).unwrap()
}

fn dec(s: &str) -> Option<Decimal> {
    Some(s.parse().unwrap())
}

/// (source prefix, low) of every figure in a group.
fn figures(run: &Run, g: &Group) -> Vec<(String, Option<Decimal>)> {
    g.claim_ids()
        .map(|id| {
            let c = claim(run, id);
            (c.source[..3].to_string(), c.low)
        })
        .collect()
}

#[test]
fn china_llm_count_is_a_conflict_showing_every_figure() {
    let run = run();
    let g = group(&run, "model_count", "China LLMs");
    assert_eq!(g.verdict, Verdict::Conflict, "{}", g.reason);
    let figs = figures(&run, g);
    for (doc, low) in [
        ("003", "79"),
        ("000", "79"),
        ("003", "116"),
        ("003", "130"),
        ("003", "230"),
        ("000", "120"),
        ("001", "100"),
    ] {
        assert!(
            figs.contains(&(doc.to_string(), dec(low))),
            "missing {low} from {doc} in {figs:?}"
        );
    }
    // 79, 116 and 130 in 003 come from three different bodies.
    let speakers: Vec<_> = g
        .claim_ids()
        .map(|id| claim(&run, id))
        .filter(|c| c.source.starts_with("003") && c.speaker.is_some())
        .map(|c| c.speaker.clone().unwrap())
        .collect();
    assert!(speakers.len() >= 3, "{speakers:?}");
    assert!(!g.conflicts.is_empty());
}

#[test]
fn the_79_in_000_and_003_corroborate_each_other() {
    let run = run();
    let g = group(&run, "model_count", "China LLMs");
    let seventy_nine: Vec<&str> = g
        .claim_ids()
        .filter(|id| claim(&run, id).low == dec("79"))
        .collect();
    assert_eq!(seventy_nine.len(), 2);
    assert!(
        g.corroborations
            .iter()
            .any(|set| seventy_nine.iter().all(|id| set.iter().any(|s| s == id))),
        "{:?}",
        g.corroborations
    );
}

#[test]
fn the_gap_to_openai_is_a_conflict() {
    let run = run();
    let g = group(&run, "gap", "China vs OpenAI");
    assert_eq!(g.verdict, Verdict::Conflict, "{}", g.reason);
    let written: Vec<String> = g
        .claim_ids()
        .map(|id| claim(&run, id).value_text.clone())
        .collect();
    for w in ["兩個月", "三年", "兩年"] {
        assert!(
            written.iter().any(|x| x.contains(w)),
            "{w} not in {written:?}"
        );
    }
}

#[test]
fn the_copilot_price_is_one_claim_with_mentions_not_four_sources() {
    let run = run();
    let g = group(&run, "price", "Copilot");
    assert_eq!(g.figures.len(), 1);
    assert_eq!(g.sources, 1);
    assert_eq!(g.verdict, Verdict::Single);
    let c = claim(&run, &g.figures[0].claim_id);
    assert_eq!(c.mentions.len(), 3, "{:?}", c.mentions);
}

#[test]
fn electricity_and_running_cost_are_not_compared() {
    let run = run();
    let electricity = group(&run, "daily_cost", "ChatGPT electricity");
    let running = group(&run, "daily_cost", "ChatGPT");
    assert_ne!(electricity.id, running.id);
    assert_ne!(electricity.verdict, Verdict::Conflict);
    assert_ne!(running.verdict, Verdict::Conflict);
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
        assert!(out.contains("China LLMs"), "{format:?}");
    }
    let json = report::render(&run.check, &run.claims, &run.docs, Format::Json, false);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ids: Vec<&str> = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["claim_id"].as_str().unwrap())
        .collect();
    for c in &run.claims {
        assert!(ids.contains(&c.claim_id.as_str()));
    }
}
