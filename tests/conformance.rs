//! Runs every case of tests/conformance/numbers-public.tsv (Chinese) through
//! the public API and asserts a pass-rate floor. The matching is described in
//! `conformance_support`.

mod conformance_support;

/// Pass rate (percent) the grammar must keep; just under what it reaches.
const FLOOR: f64 = 96.0;

#[test]
fn conformance_pass_rate() {
    let cases = conformance_support::load(include_str!("conformance/numbers-public.tsv"));
    conformance_support::check(&cases, 600, FLOOR);
}
