//! Inputs the fuzzers (`fuzz/`) found, re-checked with the same invariants the fuzz
//! targets assert (`tests/fuzz_invariants/mod.rs`), plus the seed sentences so the
//! checks themselves are exercised on real text.

mod fuzz_invariants;

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
