//! One readable snapshot of claims per bundled article, in `snapshots/`.
//! After changing a rule or the code: `cargo insta review` (or `cargo insta test --review`).

use claimcheck::claim::Claim;
use claimcheck::extract::Extractor;
use claimcheck::input::corpus::Corpus;
use claimcheck::rules::RuleSet;
use serde::Serialize;

/// What a reviewer needs to judge a claim, one line per field.
#[derive(Serialize)]
struct Snap {
    id: String,
    rule: String,
    subject: String,
    measure: String,
    value: String,
    written: String,
    as_of: String,
    speaker: String,
    line: usize,
    mentions: Vec<usize>,
    quote: String,
}

fn bounds(c: &Claim) -> String {
    let d = |v: Option<rust_decimal::Decimal>| v.map_or("…".to_string(), |v| v.to_string());
    let (l, h) = (
        if c.value.low_open() { "(" } else { "[" },
        if c.value.high_open() { ")" } else { "]" },
    );
    match (c.value.low_value(), c.value.high_value()) {
        (Some(a), Some(b)) if a == b => format!("{a} {} {}", c.unit_label(), c.qualifier),
        _ => format!(
            "{l}{}, {}{h} {} {}",
            d(c.value.low_value()),
            d(c.value.high_value()),
            c.unit_label(),
            c.qualifier
        ),
    }
}

/// Long sentences are cut in the snapshot (the CSV has them whole).
fn short(quote: &str) -> String {
    const MAX: usize = 70;
    if quote.chars().count() <= MAX {
        quote.to_string()
    } else {
        quote.chars().take(MAX).collect::<String>() + "…"
    }
}

fn snap(c: &Claim) -> Snap {
    Snap {
        id: c.claim_id.clone(),
        rule: c.rule.clone(),
        subject: c.subject.clone(),
        measure: c.measure.clone(),
        value: bounds(c),
        written: c.value_text.clone(),
        as_of: c.as_of.map_or("unknown".into(), |d| {
            format!(
                "{d} ({})",
                serde_json::to_value(c.as_of_source)
                    .unwrap()
                    .as_str()
                    .unwrap()
            )
        }),
        speaker: c.speaker.clone().unwrap_or_default(),
        line: c.line,
        mentions: c.mentions.iter().map(|m| m.line).collect(),
        quote: short(&c.quote),
    }
}

#[test]
fn claims_per_article() {
    let rules = RuleSet::bundled().unwrap();
    let extractor = Extractor::new(&rules);
    insta::glob!("../data", "*.txt", |path| {
        let corpus = Corpus::load(&[path.to_path_buf()]);
        // Figures of kind `other` are not claims; the snapshot shows what is checked.
        let claims: Vec<Snap> = corpus
            .extract(&extractor)
            .iter()
            .filter(|c| c.kind != claimcheck::rules::OTHER_KIND)
            .map(snap)
            .collect();
        insta::with_settings!({
            snapshot_path => "../snapshots",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_yaml_snapshot!("claims", claims);
        });
    });
}
