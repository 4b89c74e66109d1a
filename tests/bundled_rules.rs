//! The shipped rule files: valid, all compiled into the binary, every example passing.

use claimcheck::rules::RuleSet;
use claimcheck::verify::verify;
use std::path::Path;

const KINDS: [&str; 14] = [
    "model_count",
    "org_count",
    "training_cost",
    "gpu_count",
    "daily_cost",
    "price",
    "funding",
    "loss",
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
        "rebuild after adding a rule file to BUNDLED"
    );
    assert_eq!(from_dir.entities, bundled.entities);
}

#[test]
fn every_required_kind_has_a_rule() {
    let rules = RuleSet::bundled().unwrap();
    for kind in KINDS {
        assert!(
            rules.rules.iter().any(|r| r.kind == kind),
            "no rule for kind {kind}"
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
