//! The shipped rule files: valid, all compiled into the binary, every example passing.

use claimcheck::rules::RuleSet;
use claimcheck::rules::verify::verify;
use std::path::Path;

/// The claim kinds real articles are full of (the dev corpus's gold kinds).
const KINDS: [&str; 19] = [
    "model_count",
    "org_count",
    "training_cost",
    "gpu_count",
    "daily_cost",
    "price",
    "funding",
    "valuation",
    "loss",
    "profit",
    "revenue",
    "capex",
    "usage",
    "user_count",
    "share",
    "gap",
    "training_time",
    "param_count",
    "performance",
];

#[test]
fn rules_folder_and_bundled_rules_agree() {
    let from_dir = RuleSet::load_dir(Path::new("rules")).expect("rules/ is valid");
    let bundled = RuleSet::bundled().expect("bundled rules are valid");
    let ids = |s: &RuleSet| s.rules.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        ids(&from_dir),
        ids(&bundled),
        "build.rs embeds every rules/*.toml"
    );
    let kinds = |s: &RuleSet| s.kinds.iter().map(|k| k.name.clone()).collect::<Vec<_>>();
    assert_eq!(kinds(&from_dir), kinds(&bundled));
    assert_eq!(from_dir.entities, bundled.entities);
}

#[test]
fn every_required_kind_is_declared_with_examples() {
    let rules = RuleSet::bundled().unwrap();
    for kind in KINDS {
        let declared = rules.kind(kind);
        assert!(declared.is_some(), "no [[kind]] {kind}");
        assert!(
            declared.is_some_and(|k| !k.examples.is_empty() && !k.cues.is_empty()),
            "kind {kind} has no cues or no examples"
        );
    }
}

#[test]
fn every_rule_has_an_example_and_all_cases_pass() {
    let rules = RuleSet::bundled().unwrap();
    for rule in &rules.rules {
        assert!(!rule.examples.is_empty(), "rule {} has no example", rule.id);
    }
    let results = verify(&rules);
    let failed: Vec<String> = results
        .iter()
        .filter(|r| !r.passed())
        .map(|r| r.to_string())
        .collect();
    assert!(
        failed.is_empty(),
        "{} rule cases failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
    assert!(results.len() >= 40, "only {} cases", results.len());
}
