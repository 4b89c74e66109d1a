//! Sentence boundaries in normalised text.

use crate::text::{Avx2, ByteSet};
use std::ops::Range;

fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | '\n' | '…')
}

/// Byte ranges of the sentences of `text`, each trimmed of surrounding whitespace;
/// blank sentences are skipped. A closing quote right after the end mark stays
/// with its sentence.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    match Avx2::detect() {
        Some(avx2) => avx2.run(|| split(text, |bytes, from| avx2.find(&MARK_BYTES, bytes, from))),
        None => {
            let mut marks = MarkBytes::default();
            split(text, |bytes, from| marks.next(bytes, from))
        }
    }
}

/// The bytes that may start an end mark: `!?;\n.`, and the lead bytes of
/// `。` (E3) and `…` (E2), which start other characters too (、《》, “”).
/// None of them is ever a UTF-8 continuation byte, so every hit is a char
/// boundary.
const MARK_BYTES: ByteSet<7, 0> = ByteSet::new([b'\n', b'!', b'?', b';', b'.', 0xE2, 0xE3], []);

/// [`sentences`], with `next_mark(bytes, from)` giving the first byte at or
/// after `from` that may start an end mark, or `bytes.len()`: one vectorised
/// pass for all of them where the CPU allows, else memchr's searches.
#[inline(always)]
fn split(text: &str, mut next_mark: impl FnMut(&[u8], usize) -> usize) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    // About one piece per line or sentence (news: a few dozen bytes).
    let mut out = Vec::with_capacity(text.len() / 64);
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Most characters cannot be an end mark: jump to the next byte that
        // may start one.
        i = next_mark(bytes, i);
        if i >= bytes.len() {
            break;
        }
        // Candidate bytes are ASCII or lead bytes, so `i` is a char boundary.
        // The lead byte 0xE3 also starts 、《》「」 and the like, and
        // most dots are decimal points: the bytes tell these apart before any
        // decoding.
        let Some(c) = mark_at(text, i) else {
            i += 1;
            continue;
        };
        let mut end = i + c.len_utf8();
        // A line ending in a copula and a colon leads into the next one, which holds its
        // value (`训练所需的时间是:` over a formula, `the cost was:` over a figure): the
        // sentence runs on through blank lines. Labels (`英语如下:`, `News Title:`) do not.
        if c == '\n' && leads_into_value(&text[start..i]) {
            while let Some(w) = text[end..].chars().next().filter(|w| w.is_whitespace()) {
                end += w.len_utf8();
            }
            i = end;
            continue;
        }
        if c != '\n' {
            while let Some(next) = text[end..].chars().next().filter(|&n| closes_quote(n)) {
                end += next.len_utf8();
            }
        }
        push_trimmed(text, start..end, &mut out);
        start = end;
        i = end;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// The end mark starting at byte `i`, a char boundary, if there is one there.
#[inline(always)]
fn mark_at(text: &str, i: usize) -> Option<char> {
    let bytes = text.as_bytes();
    let c = match bytes[i] {
        b'\n' => '\n',
        b'!' => '!',
        b'?' => '?',
        b';' => ';',
        // `1.5`: a dot before a digit ends no sentence.
        b'.' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => return None,
        b'.' => '.',
        0xE3 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0x82]) => '。',
        0xE2 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0xA6]) => '…',
        0x80.. => return None,
        _ => text[i..].chars().next()?,
    };
    debug_assert_eq!(text[i..].chars().next(), Some(c));
    (ends_sentence(c) || (c == '.' && english_full_stop(text, i))).then_some(c)
}

/// Whether the `.` at byte `at` ends an English sentence: followed by a space
/// and a capital, digit, quote or Chinese character, and not closing a number
/// (`1.5`), an initial (`U.S.`, `J.`) or a common abbreviation (`Inc.`, `Mr.`).
fn english_full_stop(text: &str, at: usize) -> bool {
    let after = &text[at + 1..];
    let rest = after.trim_start_matches([' ', '\t']);
    if rest.len() == after.len()
        && !after.is_empty()
        && !after.starts_with(['\n', '\r', '"', '”', '’', ')'])
        && !glued_sentences(text, at)
    {
        return false;
    }
    let next_ok = rest.chars().next().is_none_or(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || !c.is_ascii()
            || matches!(c, '"' | '“' | '‘' | '(' | '\n' | '\r')
    });
    if !next_ok {
        return false;
    }
    let word: String = text[..at]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.is_empty() {
        return true;
    }
    // `U.S.`, `e.g.`: an inner dot; `J.`: an initial.
    if word.contains('.') || (word.chars().count() == 1 && word.chars().all(char::is_uppercase)) {
        return false;
    }
    const ABBREVIATIONS: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Inc", "Ltd", "Co", "Corp", "vs", "etc", "No", "St", "Jr",
        "Sr", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "approx", "est",
    ];
    !ABBREVIATIONS.contains(&word.as_str())
}

/// `…at $300 billion.SoftBank will invest…`: two sentences glued where a page lost
/// its space: a lower-case word of three letters or more, the dot, then a
/// capitalised word (a domain, `openai.com`, and `U.S.Army` are not).
fn glued_sentences(text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    let before = b[..at].iter().rev().take_while(|c| c.is_ascii_alphabetic());
    let (mut letters, mut lower) = (0, true);
    for c in before {
        letters += 1;
        lower &= c.is_ascii_lowercase();
    }
    let starts_word = b.get(at + 1).is_some_and(u8::is_ascii_uppercase)
        && b.get(at + 2).is_some_and(u8::is_ascii_lowercase);
    letters >= 3 && lower && starts_word
}

/// Whether a line ends in a verb of being and a colon (`…的时间是:`, `成本为:`, `is:`).
fn leads_into_value(line: &str) -> bool {
    let Some(head) = line.trim_end_matches([' ', '\t', '\r']).strip_suffix(':') else {
        return false;
    };
    let head = head.trim_end();
    const CHINESE: [&str; 6] = ["是", "为", "為", "达", "達", "等于"];
    const ENGLISH: [&str; 6] = ["is", "are", "was", "were", "be", "equals"];
    CHINESE.iter().any(|w| head.ends_with(w))
        || ENGLISH.iter().any(|w| {
            head.strip_suffix(w).is_some_and(|rest| {
                rest.is_empty() || rest.ends_with(|c: char| !c.is_ascii_alphanumeric())
            })
        })
}

fn closes_quote(c: char) -> bool {
    matches!(c, '”' | '"' | '’' | '」' | ')')
}

/// Finds the bytes that may start an end mark without AVX2: `!?;\n.`, 0xE3,
/// the lead byte of `。`, and `…` whole. None of the bytes is ever a UTF-8 continuation
/// byte, so they are searched for as plain bytes and every hit is a char
/// boundary. `…` is searched for as its three bytes: its lead byte 0xE2 also
/// starts the quotes “”, which are common, and each hit costs a restart.
/// Each of the four searches keeps its next hit until the scan passes it, so
/// the text is read about once per search.
#[derive(Default)]
struct MarkBytes {
    /// The next hit of each search at or after where it last started, or
    /// `usize::MAX` when it has none; `None` before its first run.
    next: [Option<usize>; 4],
}

fn ellipsis_finder() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new("…"))
}

impl MarkBytes {
    /// The first byte at or after `from` that may start an end mark, or
    /// `bytes.len()`.
    fn next(&mut self, bytes: &[u8], from: usize) -> usize {
        let search = |k: usize, rest: &[u8]| match k {
            0 => memchr::memchr2(0xE3, b'\n', rest),
            1 => memchr::memchr3(b'!', b'?', b';', rest),
            2 => memchr::memchr(b'.', rest),
            _ => ellipsis_finder().find(rest),
        };
        let mut first = bytes.len();
        for (k, slot) in self.next.iter_mut().enumerate() {
            let hit = match *slot {
                Some(at) if at >= from => at,
                _ => {
                    let at = search(k, &bytes[from..]).map_or(usize::MAX, |p| from + p);
                    *slot = Some(at);
                    at
                }
            };
            first = first.min(hit);
        }
        first
    }
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let b = s.as_bytes();
    // Most pieces start with a character that is plainly no space, many end
    // in `\n` and some are blank (between two line breaks): ASCII whitespace
    // is stepped over by bytes, and the general trims only run from a byte
    // that may belong to a wider space.
    let mut lead = 0;
    while lead < b.len() && matches!(b[lead], b' ' | b'\t' | b'\n' | b'\r') {
        lead += 1;
    }
    if lead < b.len() && !plainly_no_space(b[lead]) {
        lead = s.len() - s[lead..].trim_start().len();
    }
    let mut end = b.len();
    while end > lead && matches!(b[end - 1], b' ' | b'\t' | b'\n' | b'\r') {
        end -= 1;
    }
    if end > lead && !ends_plainly(&b[..end]) {
        end = lead + s[lead..end].trim_end().len();
    }
    if lead < end {
        out.push(r.start + lead..r.start + end);
    }
}

/// Whether the text `b`, which ends on a char boundary, plainly does not end
/// in whitespace: its last byte says so, or its last character is `。` (the
/// commonest end, whose last byte is also U+2002's) or another three-byte
/// character whose lead byte no whitespace character has (E1, E2, E3).
fn ends_plainly(b: &[u8]) -> bool {
    match *b {
        [.., last] if plainly_no_space(last) => true,
        [.., 0xE3, 0x80, 0x82] => true,
        [.., lead, _, _] => lead & 0xF0 == 0xE0 && !matches!(lead, 0xE1..=0xE3),
        _ => false,
    }
}

/// Whether byte `b`, the first or last of a piece of text, shows that the
/// character it belongs to is not whitespace: printable ASCII, or a lead or
/// final byte of a multi-byte character whose value no whitespace character
/// has there. Whitespace beyond ASCII is U+0085, U+00A0 (C2 85, C2 A0),
/// U+1680 (E1 9A 80), U+2000–U+200A, U+2028, U+2029, U+202F, U+205F
/// (E2 80 80–8A, A8, A9, AF; E2 81 9F) and U+3000 (E3 80 80).
/// Tabulated: it runs at both ends of every piece.
#[inline(always)]
fn plainly_no_space(b: u8) -> bool {
    const PLAIN: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = match b {
                0x21..=0x7E => true,
                0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF | 0xC2 | 0xE1 | 0xE2 | 0xE3 => false,
                0x80..=0xFF => true,
                _ => false,
            };
            b += 1;
        }
        table
    };
    PLAIN[usize::from(b)]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentences of `t` as text.
    fn pieces(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn a_line_ending_in_a_colon_leads_into_the_next() {
        let t = "训练所需的时间是:\n\n  Duration≈178days\n下一段";
        let got = pieces(t);
        assert_eq!(got, ["训练所需的时间是:\n\n  Duration≈178days", "下一段"]);
        let t = "The total cost was:\n$63 million\nNews Title:\nChina-US gap";
        let got = pieces(t);
        assert_eq!(
            got,
            [
                "The total cost was:\n$63 million",
                "News Title:",
                "China-US gap"
            ],
            "a label is not a lead-in"
        );
        assert_eq!(sentences("英语如下:\nNews").len(), 2);
        assert_eq!(sentences("This:\nNews").len(), 2, "`is` only as a word");
        // Blank lines after a lead-in are stepped over once, not rescanned per line.
        let long = format!("a is:{}b", "\n".repeat(100_000));
        assert_eq!(sentences(&long).len(), 1);
    }

    #[test]
    fn splits_on_chinese_marks_and_lines() {
        let t = "第一句。第二句!\n  第三句“引语。”后面";
        let got = pieces(t);
        assert_eq!(got, ["第一句。", "第二句!", "第三句“引语。”", "后面"]);
    }

    #[test]
    fn splits_english_at_full_stops_only() {
        let t = "OpenAI raised $6.6 billion. The U.S. firm, valued at $157 billion, said so. Mr. Altman agreed.\nNext line";
        let got = pieces(t);
        assert_eq!(
            got,
            [
                "OpenAI raised $6.6 billion.",
                "The U.S. firm, valued at $157 billion, said so.",
                "Mr. Altman agreed.",
                "Next line"
            ]
        );
        // Sentences glued where a page lost its space; a domain and initials stay.
        let t = "valued at $300 billion.SoftBank will invest $7.5 billion. See openai.com and the U.S.Army.";
        assert_eq!(
            pieces(t),
            [
                "valued at $300 billion.",
                "SoftBank will invest $7.5 billion.",
                "See openai.com and the U.S.Army."
            ]
        );
    }

    #[test]
    fn pieces_are_trimmed_as_str_trim_does() {
        let samples = [
            "",
            " ",
            "\n\n",
            "第一句。",
            " \n第一句。\n",
            "\u{3000}标题\u{3000}\n",
            "a\u{2002}",
            "\u{2002}",
            "x\u{0B}",
            "\u{0B}x",
            "句子\u{00A0}",
            "\u{1680}甲\u{205F}",
            "结束。 \n",
            "end…\r\n",
            "\t中\t",
        ];
        for s in samples {
            let mut out = Vec::new();
            push_trimmed(s, 0..s.len(), &mut out);
            let t = s.trim();
            let start = s.len() - s.trim_start().len();
            let expected = (!t.is_empty()).then_some(start..start + t.len());
            assert!(out.len() <= 1, "{s:?}");
            assert_eq!(out.first().cloned(), expected, "{s:?}");
        }
    }

    proptest::proptest! {
        /// The vectorised pass and memchr's searches cut alike.
        #[test]
        fn both_searches_cut_alike(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "。", "…", "“", "”", "、", "!", "?", ";", ".", "\n", " ", "a", "1.5", "中文",
                "Mr. ", "is:\n", "\u{3000}", "好", "x. Y",
            ]), 0..40)
        ) {
            let text: String = parts.concat();
            let mut marks = MarkBytes::default();
            let generic = split(&text, |b, from| marks.next(b, from));
            let fast = sentences(&text);
            proptest::prop_assert_eq!(fast, generic);
        }
    }

    #[test]
    fn empty_text_has_no_sentences() {
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\n ").is_empty());
    }
}
