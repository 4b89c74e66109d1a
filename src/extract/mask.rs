//! The masked document: the sentences that hold figures, each figure replaced
//! by one sentinel character of its dimension, so rule patterns never see (or
//! re-parse) number grammar. Spaces are dropped except between two Latin
//! letters or digits, so patterns need not allow for each site's spacing
//! (`5.4 亿美元`, `300 家`). Sentences are joined by `SEPARATOR`; a match that
//! contains it spans two sentences and is not used.

use crate::quantity::Quantity;
use crate::rules::sentinel;
use crate::text::{Avx2, ByteSet};
use std::ops::Range;

/// Stands between sentences in the masked text.
pub const SEPARATOR: char = '\u{E000}';

pub struct Masked {
    pub text: String,
    /// (byte offset of the sentinel in `text`, index of its quantity).
    slots: Vec<(usize, usize)>,
    /// (masked offset where the sentence starts, its range in the normalised text).
    sentences: Vec<(usize, Range<usize>)>,
}

impl Masked {
    /// `sentences` are ranges of `text` in order; `quantities` are sorted.
    pub fn new(text: &str, sentences: &[Range<usize>], quantities: &[Quantity]) -> Masked {
        let mut masked = Masked {
            text: String::with_capacity(text.len() / 2),
            slots: Vec::with_capacity(quantities.len()),
            sentences: Vec::new(),
        };
        let avx2 = Avx2::detect();
        let mut next = 0;
        for range in sentences {
            // Most sentences hold no figure: the next figure, found by
            // stepping (sentences and figures are both in order), ends past
            // them, and no search is needed.
            while quantities.get(next).is_some_and(|q| q.start < range.start) {
                next += 1;
            }
            if quantities.get(next).is_none_or(|q| q.end > range.end) {
                continue;
            }
            let first = next;
            let last = first + quantities[first..].partition_point(|q| q.end <= range.end);
            if first < last {
                let qs = &quantities[first..last];
                masked.push_sentence(text, range.clone(), qs, first, avx2);
            }
        }
        masked
    }

    fn push_sentence(
        &mut self,
        text: &str,
        range: Range<usize>,
        qs: &[Quantity],
        first: usize,
        avx2: Option<Avx2>,
    ) {
        if !self.sentences.is_empty() {
            self.text.push(SEPARATOR);
        }
        self.sentences.push((self.text.len(), range.clone()));
        let mut pos = range.start;
        for (i, q) in qs.iter().enumerate() {
            push_unspaced(&mut self.text, &text[pos..q.start], avx2);
            self.slots.push((self.text.len(), first + i));
            self.text.push(sentinel(q.dimension()));
            pos = q.end;
        }
        push_unspaced(&mut self.text, &text[pos..range.end], avx2);
    }

    /// The quantity whose sentinel starts at byte `at` of the masked text.
    pub fn quantity_at(&self, at: usize) -> Option<usize> {
        self.slots
            .binary_search_by_key(&at, |&(p, _)| p)
            .ok()
            .map(|i| self.slots[i].1)
    }

    /// The normalised-text range of each masked sentence.
    pub fn sentence_ranges(&self) -> impl Iterator<Item = &Range<usize>> {
        self.sentences.iter().map(|(_, r)| r)
    }

    /// The masked text of sentence `i`, without the separators around it.
    pub fn sentence_span(&self, i: usize) -> Range<usize> {
        let start = self.sentences[i].0;
        let end = self
            .sentences
            .get(i + 1)
            .map_or(self.text.len(), |(next, _)| next - SEPARATOR.len_utf8());
        start..end
    }
}

/// Appends `segment` without whitespace, keeping one space where it separates
/// two ASCII letters or digits (`Microsoft 365 Copilot`). Copies the runs
/// between spaces whole rather than character by character.
fn push_unspaced(out: &mut String, segment: &str, avx2: Option<Avx2>) {
    match avx2 {
        Some(avx2) => {
            avx2.run(|| unspaced(out, segment, |b, from| avx2.find(&SPACE_LEADS, b, from)))
        }
        None => unspaced(out, segment, next_by_steps),
    }
}

/// The bytes [`SKIP`] stops at, for the vectorised search.
const SPACE_LEADS: ByteSet<4, 1> = ByteSet::new([0xC2, 0xE1, 0xE2, 0xE3], [(0x00, 0x20)]);

/// The first byte at or after `from`, a char boundary, that [`SKIP`] stops
/// at, or `bytes.len()`, found a character at a time.
fn next_by_steps(bytes: &[u8], mut from: usize) -> usize {
    while let Some(&b) = bytes.get(from) {
        let skip = SKIP[usize::from(b)];
        if skip == 0 {
            return from;
        }
        from += usize::from(skip);
    }
    bytes.len()
}

/// [`push_unspaced`], with `next_candidate(bytes, from)` the first byte at
/// or after `from` that may start a space (a superset), or `bytes.len()`.
#[inline(always)]
fn unspaced(
    out: &mut String,
    segment: &str,
    mut next_candidate: impl FnMut(&[u8], usize) -> usize,
) {
    let bytes = segment.as_bytes();
    let mut pending_space = false;
    let mut run_start = 0;
    let mut i = 0;
    loop {
        i = next_candidate(bytes, i);
        if i >= bytes.len() {
            break;
        }
        // Candidate bytes are ASCII or lead bytes, so `i` is a char boundary.
        let c = segment[i..].chars().next().unwrap_or_default();
        if !c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        push_run(out, &segment[run_start..i], &mut pending_space);
        pending_space = true;
        i += c.len_utf8();
        run_start = i;
    }
    push_run(out, &segment[run_start..], &mut pending_space);
}

/// Appends a run of non-space characters, first the one space kept if spaces
/// came before it and it joins two ASCII words.
fn push_run(out: &mut String, run: &str, pending_space: &mut bool) {
    let Some(first) = run.chars().next() else {
        return;
    };
    if *pending_space
        && first.is_ascii_alphanumeric()
        && out
            .chars()
            .next_back()
            .is_some_and(|p| p.is_ascii_alphanumeric())
    {
        out.push(' ');
    }
    *pending_space = false;
    out.push_str(run);
}

/// For each byte at a character boundary, how many bytes to step over when
/// the character it starts cannot be whitespace, or 0 when it may be: ASCII
/// controls and space, and the lead bytes of U+0085/U+00A0 (0xC2), U+1680
/// (0xE1), U+2000–U+205F (0xE2) and U+3000 (0xE3). A superset: candidates are
/// decoded and checked. Stepping over whole characters reads Chinese text a
/// character, not a byte, at a time.
const SKIP: [u8; 256] = {
    let mut table = [1u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b {
            0..=0x20 | 0xC2 | 0xE1 | 0xE2 | 0xE3 => 0,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xFF => 4,
            // ASCII, and continuation bytes (never at a boundary).
            _ => 1,
        };
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_go_except_between_latin_words() {
        let mut s = String::new();
        push_unspaced(
            &mut s,
            "微软 Microsoft 365 Copilot 的 测试 ",
            Avx2::detect(),
        );
        assert_eq!(s, "微软Microsoft 365 Copilot的测试");
    }

    /// The character-by-character definition the run-copying version must match.
    fn reference(out: &mut String, segment: &str) {
        let mut pending_space = false;
        for c in segment.chars() {
            if c.is_whitespace() {
                pending_space = true;
                continue;
            }
            if pending_space
                && c.is_ascii_alphanumeric()
                && out
                    .chars()
                    .next_back()
                    .is_some_and(|p| p.is_ascii_alphanumeric())
            {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }

    #[test]
    fn agrees_with_the_per_character_definition() {
        let samples = [
            "",
            "   ",
            "a b\tc\u{3000}d\u{85}e\u{A0}f\u{1680}g\u{2001}h\u{2028}i\u{205F}j",
            "“引语” 300 家 5.4 亿美元 —— x",
            " lead and trail ",
            "\u{E000}a b",
            // Longer than a vectorised block.
            &"“引语” 300 家 5.4 亿美元 —— x ".repeat(5),
            &"a b\tc\u{3000}d\u{85}e\u{A0}f\u{1680}g\u{2001}h\u{2028}i\u{205F}j".repeat(3),
        ];
        for avx2 in [None, Avx2::detect()] {
            for prefix in ["", "x", "中"] {
                for sample in samples {
                    let (mut got, mut want) = (prefix.to_string(), prefix.to_string());
                    push_unspaced(&mut got, sample, avx2);
                    reference(&mut want, sample);
                    assert_eq!(got, want, "{sample:?} after {prefix:?}");
                }
            }
        }
    }
}
