//! Multiples said with a verb instead of a numeral: `翻倍`, `翻了一番`, `翻两番`,
//! `doubled`, `tripling`, `threefold`. Each is a `multiple` quantity of its own
//! (翻两番 is ×4: doubled twice), qualified by the words before it as any figure
//! is (`近翻倍`, `nearly doubles`, `more than tripled`).

use crate::quantity::numeral::Reading;
use crate::quantity::types::{Qualifier, Quantity, Unit};
use crate::quantity::units::Bound;
use memchr::memmem::Finder;
use rust_decimal::Decimal;
use std::sync::OnceLock;

/// English words and their multiple; matched as whole words, any case.
const ENGLISH: &[(&str, u32)] = &[
    ("doubled", 2),
    ("doubles", 2),
    ("doubling", 2),
    ("tripled", 3),
    ("triples", 3),
    ("tripling", 3),
    ("quadrupled", 4),
    ("quadruples", 4),
    ("quadrupling", 4),
    ("twofold", 2),
    ("two-fold", 2),
    ("threefold", 3),
    ("three-fold", 3),
    ("fourfold", 4),
    ("four-fold", 4),
    ("fivefold", 5),
    ("five-fold", 5),
    ("tenfold", 10),
    ("ten-fold", 10),
    ("hundredfold", 100),
];

/// Every English word above holds one of these, in lower case after its first
/// letter; each holds an `l`, at the offset given. An `l` is rare in Chinese
/// text, so the words are found from the `l`s, in one pass.
const ANCHORS: [(&[u8], usize); 4] = [(b"oubl", 3), (b"ripl", 3), (b"uadrupl", 6), (b"fold", 2)];

/// `翻` starts every Chinese form.
fn han() -> &'static Finder<'static> {
    static F: OnceLock<Finder<'static>> = OnceLock::new();
    F.get_or_init(|| Finder::new("翻"))
}

/// Adds the verbal multiples of `text` to `out` (sorted, non-overlapping): only where
/// no figure already stands.
pub(super) fn add_verbal_multiples(text: &str, out: &mut Vec<Quantity>) {
    let bytes = text.as_bytes();
    // Each with the rank of what found it (`翻`, then `ANCHORS` in order): of
    // two at one start, the first found that way is kept.
    let mut found: Vec<(Quantity, usize)> = Vec::new();
    for at in han().find_iter(bytes) {
        if let Some((end, times)) = chinese_at(text, at) {
            found.push((quantity(text, at, end, times), 0));
        }
    }
    for l in memchr::memchr_iter(b'l', bytes) {
        let anchor = ANCHORS.iter().enumerate().find_map(|(i, &(a, off))| {
            let at = l.checked_sub(off)?;
            bytes
                .get(at..at + a.len())
                .filter(|w| *w == a)
                .map(|_| (i, at))
        });
        if let Some((i, hit)) = anchor
            && let Some((start, end, times)) = english_around(text, hit)
        {
            found.push((quantity(text, start, end, times), i + 1));
        }
    }
    if found.is_empty() {
        return;
    }
    found.sort_by_key(|(q, rank)| (q.start, *rank));
    found.dedup_by_key(|(q, _)| q.start);
    for (q, _) in found {
        let i = out.partition_point(|o| o.start < q.start);
        let clear_before = i == 0 || out[i - 1].end <= q.start;
        let clear_after = out.get(i).is_none_or(|o| q.end <= o.start);
        if clear_before && clear_after {
            out.insert(i, q);
        }
    }
}

/// `翻倍` (×2), `翻番`/`翻一番`/`翻了一番` (×2), `翻两番` (×4), `翻三番` (×8) at byte
/// `at`: where it ends and the multiple.
fn chinese_at(text: &str, at: usize) -> Option<(usize, u32)> {
    let after = &text[at + "翻".len()..];
    let (after, skipped) = match after.strip_prefix('了') {
        Some(r) => (r, '了'.len_utf8()),
        None => (after, 0),
    };
    let base = at + "翻".len() + skipped;
    if after.starts_with('倍') {
        return Some((base + '倍'.len_utf8(), 2));
    }
    if after.starts_with('番') {
        return Some((base + '番'.len_utf8(), 2));
    }
    let mut chars = after.chars();
    let times = match chars.next()? {
        '一' => 1,
        '两' | '二' => 2,
        '三' => 3,
        _ => return None,
    };
    (chars.next()? == '番').then(|| (base + 2 * '番'.len_utf8(), 1 << times))
}

/// The English word holding the search hit at `hit`, if it is one of [`ENGLISH`]:
/// its span and multiple.
fn english_around(text: &str, hit: usize) -> Option<(usize, usize, u32)> {
    let b = text.as_bytes();
    let word_char = |c: u8| c.is_ascii_alphabetic() || c == b'-';
    let mut start = hit;
    while start > 0 && word_char(b[start - 1]) {
        start -= 1;
    }
    let mut end = hit;
    while end < b.len() && word_char(b[end]) {
        end += 1;
    }
    // A word of its own: not glued to digits (`3-fold` is the number grammar's).
    if start > 0 && b[start - 1].is_ascii_alphanumeric() || end < b.len() && b[end].is_ascii_digit()
    {
        return None;
    }
    let word = &text[start..end];
    ENGLISH
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, n)| (start, end, n))
}

/// The multiple at `start..end`, qualified by the words before it.
fn quantity(text: &str, start: usize, end: usize, times: u32) -> Quantity {
    let reading = Reading::exact(Decimal::from(times));
    let (qualifier, start) = match prefix_bound(text, start) {
        Some((bound, s)) => (bound.qualifier(), s),
        None => (Qualifier::Exact, start),
    };
    Quantity {
        start,
        end,
        value: qualifier.bounds(reading),
        unit: Unit::Multiple,
        per: None,
        qualifier,
    }
}

/// A qualifier right before `start`: Chinese (`近`, `超过`) or English (`nearly`,
/// `more than`), and where it starts.
fn prefix_bound(text: &str, start: usize) -> Option<(Bound, usize)> {
    super::english::qualifier_before(text, start, 0)
}

#[cfg(test)]
mod tests {
    use super::super::scan;
    use super::*;

    fn multiples(text: &str) -> Vec<(String, Qualifier, Option<Decimal>, Option<Decimal>)> {
        scan(text)
            .into_iter()
            .filter(|q| q.unit == Unit::Multiple)
            .map(|q| {
                (
                    text[q.start..q.end].to_string(),
                    q.qualifier,
                    q.value.low_value(),
                    q.value.high_value(),
                )
            })
            .collect()
    }

    fn d(n: u32) -> Option<Decimal> {
        Some(Decimal::from(n))
    }

    #[test]
    fn chinese_verbal_multiples() {
        assert_eq!(
            multiples("这项成本今年将翻倍"),
            vec![("翻倍".into(), Qualifier::Exact, d(2), d(2))]
        );
        assert_eq!(
            multiples("营收翻了一番,用户数翻两番"),
            vec![
                ("翻了一番".into(), Qualifier::Exact, d(2), d(2)),
                ("翻两番".into(), Qualifier::Exact, d(4), d(4)),
            ]
        );
        assert_eq!(
            multiples("营收近翻倍"),
            vec![("近翻倍".into(), Qualifier::Nearly, None, d(2))]
        );
        // 翻译, 翻身: no multiple.
        assert!(multiples("这本书翻译成英文,公司翻身").is_empty());
    }

    #[test]
    fn english_verbal_multiples() {
        assert_eq!(
            multiples("It nearly doubles OpenAI's valuation"),
            vec![("nearly doubles".into(), Qualifier::Nearly, None, d(2))]
        );
        assert_eq!(
            multiples("Revenue tripled, a threefold rise; sales Doubled"),
            vec![
                ("tripled".into(), Qualifier::Exact, d(3), d(3)),
                ("threefold".into(), Qualifier::Exact, d(3), d(3)),
                ("Doubled".into(), Qualifier::Exact, d(2), d(2)),
            ]
        );
        // Not words of their own, or other words.
        assert!(multiples("a double-digit rise; redoubled efforts; folding chairs").is_empty());
        // The number grammar keeps its own (`3-fold`).
        assert_eq!(multiples("a 3-fold rise").len(), 1);
    }
}
