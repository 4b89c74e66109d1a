//! Invariant checks shared by the fuzz targets (`fuzz/fuzz_targets/*.rs` include this
//! file by path) and the regression tests in `tests/fuzz_regressions.rs`, so a crash
//! found by the fuzzer is re-checked by exactly the code that found it.
//!
//! Each check panics with a message naming the broken invariant.

use claimcheck::claim::Claim;
use claimcheck::extract::{DocInput, Extractor};
use claimcheck::input::{decode, visible_text};
use claimcheck::quantity::{Quantity, parse_number, quantities_json, scan};
use claimcheck::rules::RuleSet;
use claimcheck::text::{Normalized, fold_char, normalize};
use std::ops::Range;
use std::sync::OnceLock;

/// Spans checked pairwise are limited so one long input stays fast (quadratic otherwise).
const MAX_PAIRWISE_CHARS: usize = 64;

/// Normalisation: every normalised span maps back to a valid, monotone original
/// range; each character is the fold of the original character it maps to; and
/// the only original text without a normalised counterpart is pinyin debris
/// right after a Han character.
pub fn check_normalize(original: &str) {
    let n = normalize(original);
    let bounds: Vec<usize> = char_bounds(&n.text);
    let mut previous_end = 0;
    for pair in bounds.windows(2) {
        let span = pair[0]..pair[1];
        let r = checked_range(&n, span.clone());
        assert!(
            r.start >= previous_end,
            "span {span:?} maps to {r:?}, before the previous character's end {previous_end}"
        );
        check_gap(original, &n, previous_end..r.start, pair[0]);
        let orig_char = single_char(&original[r.clone()], &span);
        let norm_char = n.text[span.clone()].chars().next().unwrap();
        assert_eq!(
            fold_char(orig_char),
            norm_char,
            "normalised {norm_char:?} at {span:?} is not the fold of original {orig_char:?} at {r:?}"
        );
        previous_end = r.end;
    }
    assert_eq!(
        n.original_offset(n.text.len()),
        original.len(),
        "end of text"
    );
    check_gap(original, &n, previous_end..original.len(), n.text.len());
    check_pairwise(&n, &bounds);
    if let Some(c) = n.text.chars().find(|&c| fold_char(c) != c) {
        panic!(
            "fold is not idempotent: {c:?} folds again to {:?}",
            fold_char(c)
        );
    }
}

/// The original range of a normalised span, checked to be a char-boundary range inside
/// the original text.
fn checked_range(n: &Normalized, span: Range<usize>) -> Range<usize> {
    let r = n.original_range(span.clone());
    assert!(r.start <= r.end, "{span:?} maps to reversed {r:?}");
    assert!(
        r.end <= n.original.len(),
        "{span:?} maps to {r:?} past the end"
    );
    assert!(
        n.original.is_char_boundary(r.start) && n.original.is_char_boundary(r.end),
        "{span:?} maps to {r:?}, not on char boundaries"
    );
    r
}

/// Original bytes skipped between two normalised characters must be `(pinyin)` debris
/// following a Han character.
fn check_gap(original: &str, n: &Normalized, gap: Range<usize>, norm_at: usize) {
    if gap.is_empty() {
        return;
    }
    let skipped = &original[gap.clone()];
    assert!(
        skipped.starts_with('(') && skipped.ends_with(')') && skipped.len() >= 3,
        "original {gap:?} = {skipped:?} was dropped but is not parenthesised debris"
    );
    let inner = &skipped[1..skipped.len() - 1];
    assert!(
        inner
            .chars()
            .all(|c| c.is_ascii_lowercase() || !c.is_ascii()),
        "dropped {skipped:?} is not a pinyin syllable"
    );
    let before = n.text[..norm_at].chars().next_back();
    assert!(
        before.is_some_and(is_han),
        "dropped {skipped:?} does not follow a Han character (follows {before:?})"
    );
}

/// Every pair of boundaries (a ≤ b) maps to a valid range, and ranges grow with spans.
fn check_pairwise(n: &Normalized, bounds: &[usize]) {
    let bounds = &bounds[..bounds.len().min(MAX_PAIRWISE_CHARS + 1)];
    for (i, &a) in bounds.iter().enumerate() {
        let mut last: Option<Range<usize>> = None;
        for &b in &bounds[i..] {
            let r = checked_range(n, a..b);
            if let Some(prev) = last {
                assert!(
                    r.start == prev.start && r.end >= prev.end,
                    "{a}..{b} maps to {r:?}, not an extension of {prev:?}"
                );
            }
            last = Some(r);
        }
    }
}

fn char_bounds(s: &str) -> Vec<usize> {
    s.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect()
}

fn single_char(s: &str, span: &Range<usize>) -> char {
    let mut chars = s.chars();
    let c = chars.next();
    assert!(
        c.is_some() && chars.next().is_none(),
        "one normalised character at {span:?} maps to {s:?}, not one character"
    );
    c.unwrap()
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Quantities: `scan` on raw and normalised text, `parse_number`, and `quantities_json`.
pub fn check_quantity(text: &str) {
    check_scan(text);
    check_scan(&normalize(text).text);
    if let Ok(v) = parse_number(text) {
        assert!(
            v.lo <= v.hi,
            "parse_number({text:?}) gave lo {} > hi {}",
            v.lo,
            v.hi
        );
    }
    check_quantities_json(text);
}

/// Sorted, non-overlapping, non-empty quantities on char boundaries with low ≤ high.
pub fn check_scan(text: &str) {
    let found = scan(text);
    let mut previous_end = 0;
    for q in &found {
        assert!(q.start < q.end, "empty or reversed quantity {q:?}");
        assert!(q.end <= text.len(), "quantity {q:?} past the end");
        assert!(
            text.is_char_boundary(q.start) && text.is_char_boundary(q.end),
            "quantity {q:?} not on char boundaries"
        );
        assert!(
            q.start >= previous_end,
            "quantity {q:?} overlaps or precedes the one ending at {previous_end}"
        );
        check_bounds(q);
        previous_end = q.end;
    }
}

fn check_bounds(q: &Quantity) {
    if let (Some(low), Some(high)) = (q.value.low_value(), q.value.high_value()) {
        assert!(low <= high, "quantity {q:?} has low > high");
        assert!(
            low < high || !(q.value.low_open() || q.value.high_open()),
            "quantity {q:?} is an empty interval"
        );
    }
    assert!(
        q.value.low_value().is_some() || q.value.high_value().is_some(),
        "quantity {q:?} has no bound"
    );
}

/// Each reported quantity's text is the line's characters at its character offsets.
fn check_quantities_json(line: &str) {
    let json = quantities_json(line);
    let chars: Vec<char> = line.chars().collect();
    let list = json["quantities"].as_array().expect("quantities array");
    for q in list {
        let start = q["start"].as_u64().expect("start") as usize;
        let end = q["end"].as_u64().expect("end") as usize;
        assert!(start <= end && end <= chars.len(), "json offsets {q}");
        let text: String = chars[start..end].iter().collect();
        assert_eq!(q["text"].as_str(), Some(text.as_str()), "json text {q}");
    }
}

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::bundled().expect("bundled rules compile"))
}

/// Extraction on arbitrary bytes: decode, extract as plain text and (when it looks like
/// markup) as HTML; every claim must quote the decoded text at its character offsets.
pub fn check_extract(bytes: &[u8]) {
    let Ok(decoded) = decode(bytes) else {
        return;
    };
    let text = decoded.text.as_str();
    let extractor = Extractor::new(rules());
    let claims = extractor.extract(&DocInput::plain("fuzz", text, None));
    check_claims(text, &claims);
    if text.contains('<') {
        let visible = visible_text(text);
        assert_eq!(
            visible.len(),
            text.len(),
            "visible text changes byte length"
        );
        let doc = DocInput {
            source: "fuzz",
            text,
            visible: &visible,
            published: None,
            text_searched: false,
        };
        check_claims(text, &extractor.extract(&doc));
    }
}

/// Quotes equal the text's characters at `start..end`, lines exist and hold the quote.
pub fn check_claims(text: &str, claims: &[Claim]) {
    let chars: Vec<char> = text.chars().collect();
    let line_count = text.matches('\n').count() + 1;
    for c in claims {
        assert!(!c.claim_id.is_empty(), "claim without id: {c:?}");
        if let (Some(low), Some(high)) = (c.value.low_value(), c.value.high_value()) {
            assert!(low <= high, "claim {} has low > high", c.claim_id);
        }
        assert!(
            c.quote.contains(c.value_text.as_str()),
            "claim {}: value {:?} not inside quote {:?}",
            c.claim_id,
            c.value_text,
            c.quote
        );
        check_mention(&chars, line_count, &c.quote, c.line, c.start..c.end);
        for m in &c.mentions {
            check_mention(&chars, line_count, &m.quote, m.line, m.start..m.end);
        }
    }
}

fn check_mention(chars: &[char], line_count: usize, quote: &str, line: usize, at: Range<usize>) {
    assert!(
        at.start <= at.end && at.end <= chars.len(),
        "mention {at:?} outside the {}-character text",
        chars.len()
    );
    let actual: String = chars[at.clone()].iter().collect();
    assert_eq!(quote, actual, "quote differs from the text at {at:?}");
    assert!(
        (1..=line_count).contains(&line),
        "line {line} outside 1..={line_count}"
    );
    let first_line = chars[..at.start].iter().filter(|&&c| c == '\n').count() + 1;
    let last_line = first_line + quote.matches('\n').count();
    assert!(
        (first_line..=last_line).contains(&line),
        "line {line} is not one of the quote's lines {first_line}..={last_line}"
    );
}
