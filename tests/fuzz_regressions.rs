//! Inputs the fuzzers (`fuzz/`) found, re-checked with the same invariants the fuzz
//! targets assert (`tests/fuzz_invariants/mod.rs`), plus the seed sentences so the
//! checks themselves are exercised on real text.

mod fuzz_invariants;

use claimcheck::text::fold_char;
use fuzz_invariants::{check_extract, check_normalize, check_quantity};

const SEEDS: [&str; 4] = [
    "GPT-3訓(xùn)練一次的成本約為140萬美元",
    "99999999999999999999999999999亿",
    "世界人工智能大會(WAIC)在上海,國內的大模型已經超過了120個",
    "约１２０个,十余万到二十万元之间,近3年",
];

#[test]
fn seed_sentences_hold_every_invariant() {
    for s in SEEDS {
        check_normalize(s);
        check_quantity(s);
        check_extract(s.as_bytes());
    }
}

/// OpenCC maps 薴 → 苧 and 苧 → 苎: applied once, the normalised text still held a
/// traditional form, so normalising twice differed from normalising once.
#[test]
fn fold_chain_normalises_in_one_pass() {
    check_normalize("薴麻");
    assert_eq!(fold_char('薴'), '苎');
}

#[test]
fn fold_is_idempotent_on_every_char() {
    let unstable: Vec<(char, char)> = (0..=char::MAX as u32)
        .filter_map(char::from_u32)
        .map(|c| (c, fold_char(c)))
        .filter(|&(_, f)| fold_char(f) != f)
        .collect();
    assert!(unstable.is_empty(), "fold chains left: {unstable:?}");
}

/// Found by the `quantity` fuzzer: 二〇 (20, digit by digit) to 十余 ((10, 20)) was
/// reported as the empty range [20, 20).
#[test]
fn range_ending_open_at_its_start_is_not_a_range() {
    check_quantity("二〇-十余");
}

/// The same empty interval from two bounds stated next to each other.
#[test]
fn adjacent_bounds_meeting_at_an_open_end_are_not_a_range() {
    check_quantity("大于10小于10");
    check_quantity("超过10,低于10");
}
