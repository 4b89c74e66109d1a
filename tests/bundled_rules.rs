//! The shipped rule files: valid, all compiled into the binary, every example passing.

use claimcheck::rules::RuleSet;
use claimcheck::rules::verify::verify;
use std::collections::BTreeSet;
use std::path::Path;

/// The claim kinds real articles are full of: every kind of the bundled articles'
/// gold file and, when the dev corpus is beside the repository, of its gold file.
/// Read from the data, so a kind renamed or added in `rules/` and in the gold
/// needs no edit here.
fn gold_kinds() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let golds = [
        root.join("tests/data/bundled-gold.tsv"),
        root.join("../shared/corpus/dev/gold.tsv"),
    ];
    let mut kinds = BTreeSet::new();
    for (i, gold) in golds.iter().enumerate() {
        let Ok(text) = std::fs::read_to_string(gold) else {
            assert!(i > 0, "{} is missing", gold.display());
            continue;
        };
        // Tab-separated `doc kind subject …` under a header line.
        kinds.extend(
            text.lines()
                .skip(1)
                .filter_map(|l| l.split('\t').nth(1))
                .filter(|k| !k.is_empty())
                .map(str::to_string),
        );
    }
    kinds
}

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
    assert_eq!(from_dir.families, bundled.families);
}

#[test]
fn every_required_kind_is_declared_with_examples() {
    let rules = RuleSet::bundled().unwrap();
    let kinds = gold_kinds();
    assert!(
        kinds.len() >= 15,
        "only {} gold kinds: {kinds:?}",
        kinds.len()
    );
    for kind in &kinds {
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
