//! Every integration test in one binary (ripgrep's layout): one link of the library
//! instead of one per file, and one process running them all in parallel.
//!
//! Each former test file is a module here, unchanged in its place in `tests/`. They
//! are loaded with `#[path]`, which makes each behave as a `mod.rs` for its own
//! `mod` lines, so `mod compare_support;` inside `compare_check.rs` still finds
//! `tests/compare_support/mod.rs` (the shared support modules stay where they were).
//! Run one file's tests with `cargo test --test integration compare_check::`.

// The test files stay as they were, so edits to them on other branches merge: each
// keeps its own `mod compare_support;` (a copy per module, as each had in its own
// binary before).
#![allow(clippy::duplicate_mod)]

#[path = "bundled_rules.rs"]
mod bundled_rules;
#[path = "cli.rs"]
mod cli;
#[path = "compare_check.rs"]
mod compare_check;
#[path = "compare_pairs.rs"]
mod compare_pairs;
#[path = "compare_props.rs"]
mod compare_props;
#[path = "compare_report.rs"]
mod compare_report;
#[path = "conformance.rs"]
mod conformance;
#[path = "conformance_en.rs"]
mod conformance_en;
#[path = "dev_corpus.rs"]
mod dev_corpus;
#[path = "encoded_corpus.rs"]
mod encoded_corpus;
#[path = "figure_first.rs"]
mod figure_first;
#[path = "fuzz_regressions.rs"]
mod fuzz_regressions;
#[path = "hostile_input.rs"]
mod hostile_input;
#[path = "hostile_output.rs"]
mod hostile_output;
#[path = "layering.rs"]
mod layering;
#[path = "modality.rs"]
mod modality;
#[path = "provenance.rs"]
mod provenance;
#[path = "quantity_props.rs"]
mod quantity_props;
#[path = "report.rs"]
mod report;
#[path = "rule_errors.rs"]
mod rule_errors;
#[path = "rules_support.rs"]
mod rules_support;
#[path = "runs.rs"]
mod runs;
#[path = "snapshots.rs"]
mod snapshots;

/// With `autotests = false`, a test file nobody declares above would silently never
/// run: every `tests/*.rs` must be a module here.
#[test]
fn every_test_file_is_a_module() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let main = std::fs::read_to_string(dir.join("main.rs")).unwrap();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.extension().is_some_and(|x| x == "rs")
            && name != "main.rs"
            && !main.contains(&format!("#[path = \"{name}\"]"))
        {
            missing.push(name);
        }
    }
    assert!(missing.is_empty(), "add to tests/main.rs: {missing:?}");
}
