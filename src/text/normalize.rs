//! The normalised view of a document and its map back to the original bytes.

use super::fold::{Folder, utf8_entry, utf8_entry_len};
use std::ops::Range;

/// A normalised copy of `original`: folded characters, converter debris removed.
///
/// Most characters fold to one of the same UTF-8 length, so the offset map is
/// stored sparsely: `breaks` lists (normalised offset, original offset) pairs
/// from which the two texts advance in step until the next pair.
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    pub original: &'a str,
    pub text: String,
    breaks: Vec<(u32, u32)>,
}

/// Builds the normalised view of `original`.
pub fn normalize(original: &str) -> Normalized<'_> {
    let mut out = Builder::new(original);
    let folder = Folder::get();
    let table = folder.bmp_utf8();
    let bytes = original.as_bytes();
    let at = |rest: &[u8]| bytes.len() - rest.len();
    // Read through a shrinking slice, as `quantity::scan` does: no offset
    // arithmetic or bounds checks per character in the loop that runs over
    // every byte of every document. The commonest cases come first, each
    // decided by a guard on the lead byte alone.
    let mut rest = bytes;
    loop {
        match *rest {
            // Three-byte characters are nearly all of Chinese text: one table
            // lookup, no decoding to `char` unless the character changes.
            [b0, b1, b2, ref after @ ..] if b0 & 0xF0 == 0xE0 => {
                let entry = table[bmp_code(b0, b1, b2)];
                if entry != 0 {
                    out.replace(at(rest), 3, entry);
                }
                rest = after;
            }
            // ASCII never folds; only `(` may open converter debris.
            [b, ref tail @ ..] if b < 0x80 => {
                rest = if b == b'(' {
                    &bytes[out.drop_debris_at(at(rest))..]
                } else {
                    tail
                };
            }
            [] => break,
            _ => {
                let i = at(rest);
                let (c, len) = char_at(original, i);
                let folded = folder.fold(c);
                if folded != c {
                    out.replace(i, len, utf8_entry(folded));
                }
                rest = &bytes[i + len..];
            }
        }
    }
    out.finish()
}

/// The code point of the three-byte sequence `b0 b1 b2` (lead byte 0xE0–0xEF,
/// two continuation bytes): the sum of the shifted bytes less their marker
/// bits, which takes fewer instructions than masking each byte. The mask
/// keeps the index in the table whatever the bytes.
#[inline(always)]
fn bmp_code(b0: u8, b1: u8, b2: u8) -> usize {
    const MARKERS: usize = (0xE0 << 12) + (0x80 << 6) + 0x80;
    ((usize::from(b0) << 12) + (usize::from(b1) << 6) + usize::from(b2)).wrapping_sub(MARKERS)
        & 0xFFFF
}

/// Collects the normalised text: unchanged runs are copied whole when the next
/// change comes, and each change whose byte length differs records a break.
/// The text is built as bytes, without a check of char boundaries or an
/// encoding per change: every piece is valid UTF-8 (see [`Builder::finish`]).
struct Builder<'a> {
    original: &'a str,
    text: Vec<u8>,
    breaks: Vec<(u32, u32)>,
    /// Start of the original bytes not yet copied.
    run_start: usize,
}

impl<'a> Builder<'a> {
    fn new(original: &'a str) -> Self {
        Builder {
            original,
            // Room for the four bytes `replace` writes past a shorter fold.
            text: Vec::with_capacity(original.len() + 4),
            breaks: vec![(0, 0)],
            run_start: 0,
        }
    }

    /// The `len` original bytes at `at`, a whole character, become the fold
    /// whose UTF-8 encoding is packed in `entry` (first byte lowest, as
    /// [`Folder::bmp_utf8`] holds it). Inlined: it runs for one character in
    /// six of traditional Chinese text, and the call cost as much as the
    /// copying.
    #[inline(always)]
    fn replace(&mut self, at: usize, len: usize, entry: u32) {
        let bytes = self.original.as_bytes();
        if at > self.run_start {
            self.text.extend_from_slice(&bytes[self.run_start..at]);
        }
        // All four bytes at once, then the unused ones dropped again: one
        // store, not a store per byte.
        let folded_len = utf8_entry_len(entry);
        self.text.extend_from_slice(&entry.to_le_bytes());
        self.text.truncate(self.text.len() - 4 + folded_len);
        self.run_start = at + len;
        if folded_len != len {
            self.record_break();
        }
    }

    /// Drops `(xùn)` at `open` when it follows a Chinese character; returns
    /// where scanning goes on.
    fn drop_debris_at(&mut self, open: usize) -> usize {
        // Cheapest test first: a syllable starts with a lowercase or a
        // tone-marked letter (`(WAIC)`, `(1)` and `()` are no debris).
        let next = self.original.as_bytes().get(open + 1);
        if !next.is_some_and(|&b| b.is_ascii_lowercase() || b >= 0x80) {
            return open + 1;
        }
        let before = self.original[..open].chars().next_back();
        if !before.is_some_and(|c| is_han(Folder::get().fold(c))) {
            return open + 1;
        }
        let debris = pinyin_debris_len(&self.original[open..]);
        if debris == 0 {
            return open + 1;
        }
        self.text
            .extend_from_slice(&self.original.as_bytes()[self.run_start..open]);
        self.run_start = open + debris;
        self.record_break();
        self.run_start
    }

    /// From here on the texts advance in step again: one pair per offset, the
    /// latest wins.
    fn record_break(&mut self) {
        let pair = (self.text.len() as u32, self.run_start as u32);
        match self.breaks.last_mut() {
            Some(last) if last.0 == pair.0 => *last = pair,
            _ => self.breaks.push(pair),
        }
    }

    fn finish(mut self) -> Normalized<'a> {
        self.text
            .extend_from_slice(&self.original.as_bytes()[self.run_start..]);
        debug_assert!(std::str::from_utf8(&self.text).is_ok());
        // SAFETY: the text is a sequence of pieces each of which is valid
        // UTF-8: runs of `original` (a `str`) that start and end on char
        // boundaries — every run starts at 0 or where a replaced character or
        // dropped debris ended, and ends where the next one starts or at the
        // end — and fold encodings, each the UTF-8 of a `char` (the table's
        // entries are built by `char::encode_utf8`, and `replace` keeps
        // exactly the encoding's bytes). The loop in `normalize` only passes
        // offsets of whole characters: it steps by the length the lead byte
        // gives, and debris is ASCII from `(` to `)`.
        let text = unsafe { String::from_utf8_unchecked(self.text) };
        Normalized {
            original: self.original,
            text,
            breaks: self.breaks,
        }
    }
}

impl<'a> Normalized<'a> {
    /// The original byte range of normalised range `span`: from the start of its
    /// first character to the end of its last.
    pub fn original_range(&self, span: Range<usize>) -> Range<usize> {
        let (first_break, start) = self.locate(span.start, 0);
        if span.end <= span.start {
            return start..start;
        }
        let last = floor_char_boundary(&self.text, span.end - 1);
        // The last character's break is at or after the first's: search on
        // from there (spans are short, and usually share their break).
        let from = if last >= span.start { first_break } else { 0 };
        let (_, last_orig) = self.locate(last, from);
        let len = self.original[last_orig..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        start..last_orig + len
    }

    /// The original byte offset of the normalised character starting at byte
    /// `offset` (clamped to the text; the text's end maps to the original's end).
    pub fn original_offset(&self, offset: usize) -> usize {
        self.locate(offset, 0).1
    }

    /// The index of the break governing normalised `offset` (clamped to the
    /// text), looked for from break `from` on, which must not lie after
    /// `offset`; and the original offset of `offset`.
    fn locate(&self, offset: usize, from: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len()) as u32;
        let breaks = &self.breaks[from..];
        let at = match breaks.get(1) {
            // No binary search when the next break lies beyond `offset`.
            Some(&(next, _)) if next > offset => from,
            None => from,
            Some(_) => from + breaks.partition_point(|&(norm, _)| norm <= offset) - 1,
        };
        let (norm, orig) = self.breaks[at];
        (at, (orig + (offset - norm)) as usize)
    }

    /// The original text behind a normalised range.
    pub fn original_slice(&self, span: Range<usize>) -> &'a str {
        let r = self.original_range(span);
        &self.original[r]
    }
}

/// The character starting at byte `i`, a char boundary of `s`, and its length.
/// Decodes the three-byte sequences of Chinese text inline: slicing and
/// `chars()` cost several times more, once per character of every document.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes();
    if b[i] & 0xF0 == 0xE0
        && let [b0, b1, b2, ..] = b[i..]
    {
        let code =
            (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
        if let Some(c) = char::from_u32(code) {
            return (c, 3);
        }
    }
    let c = s[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
    (c, c.len_utf8())
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Length in bytes of converter debris at the start of `rest`: `(xùn)` after a
/// character, i.e. parentheses holding one pinyin syllable. Real parentheses
/// (`(WAIC)`, `(ID:junwu2333)`) hold capitals, digits or punctuation and stay.
fn pinyin_debris_len(rest: &str) -> usize {
    let Some(inner) = rest.strip_prefix('(') else {
        return 0;
    };
    let Some(close) = inner.char_indices().take(8).find(|&(_, c)| c == ')') else {
        return 0;
    };
    let syllable = &inner[..close.0];
    if is_pinyin_syllable(syllable) {
        close.0 + 2
    } else {
        0
    }
}

/// Vowels with a tone mark (and ü), as a `match`: this runs for every
/// character of every parenthesis after a Chinese character.
fn is_tone_marked(c: char) -> bool {
    matches!(
        c,
        'ā' | 'á'
            | 'ǎ'
            | 'à'
            | 'ē'
            | 'é'
            | 'ě'
            | 'è'
            | 'ī'
            | 'í'
            | 'ǐ'
            | 'ì'
            | 'ō'
            | 'ó'
            | 'ǒ'
            | 'ò'
            | 'ū'
            | 'ú'
            | 'ǔ'
            | 'ù'
            | 'ǖ'
            | 'ǘ'
            | 'ǚ'
            | 'ǜ'
            | 'ü'
    )
}
const NEUTRAL_SYLLABLES: [&str; 10] =
    ["de", "le", "me", "ma", "ne", "ba", "men", "zi", "ge", "zhe"];

fn is_pinyin_syllable(s: &str) -> bool {
    // One pass: this runs for every parenthesis after a Chinese character.
    let (mut letters, mut toned) = (0, false);
    for c in s.chars() {
        letters += 1;
        if is_tone_marked(c) {
            toned = true;
        } else if !c.is_ascii_lowercase() {
            return false;
        }
    }
    (1..=6).contains(&letters) && (toned || NEUTRAL_SYLLABLES.contains(&s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_pinyin_debris_but_keeps_real_parentheses() {
        let n = normalize("GPT-3訓(xùn)練一次");
        assert_eq!(n.text, "GPT-3训练一次");
        let n = normalize("世界人工智能大會(WAIC)在上海");
        assert_eq!(n.text, "世界人工智能大会(WAIC)在上海");
        let n = normalize("星海情報局(ID:junwu2333),作者");
        assert_eq!(n.text, "星海情报局(ID:junwu2333),作者");
        let n = normalize("什么(me)");
        assert_eq!(n.text, "什么");
    }

    #[test]
    fn maps_spans_back_to_original_bytes() {
        let original = "成本約為140萬美元,訓(xùn)練成本";
        let n = normalize(original);
        let needle = "约为140万美元";
        let start = n.text.find(needle).unwrap();
        let span = start..start + needle.len();
        assert_eq!(n.original_slice(span), "約為140萬美元");
        let start = n.text.find("训练").unwrap();
        // The debris sits inside the span, so the original quote includes it.
        assert_eq!(n.original_slice(start..start + 6), "訓(xùn)練");
    }

    #[test]
    fn full_width_maps_back() {
        let original = "约１２０个";
        let n = normalize(original);
        assert_eq!(n.text, "约120个");
        let s = n.text.find("120").unwrap();
        assert_eq!(n.original_slice(s..s + 3), "１２０");
    }

    /// The plain per-byte map the sparse one must agree with.
    fn reference_map(original: &str) -> (String, Vec<usize>) {
        let (mut text, mut map) = (String::new(), Vec::new());
        let mut i = 0;
        while i < original.len() {
            let c = original[i..].chars().next().unwrap();
            let f = super::super::fold::fold_char(c);
            map.push(i);
            text.push(f);
            map.extend(std::iter::repeat_n(usize::MAX, f.len_utf8() - 1));
            i += c.len_utf8();
            if is_han(f) {
                i += pinyin_debris_len(&original[i..]);
            }
        }
        map.push(original.len());
        (text, map)
    }

    #[test]
    fn sparse_map_agrees_with_a_per_byte_map() {
        let samples = [
            "成本約為140萬美元,訓(xùn)練成本",
            "约１２０个　全角（ＷＡＩＣ）—— 破折号",
            "創(chuàng)業(yè)邦經(jīng)授權(quán)發(fā)布𠀀𫝈㑮 end",
            "",
            "纯简体文本没有变化",
        ];
        for original in samples {
            let n = normalize(original);
            let (text, map) = reference_map(original);
            assert_eq!(n.text, text);
            for (p, &orig) in map.iter().enumerate() {
                if orig != usize::MAX {
                    assert_eq!(n.original_offset(p), orig, "{original:?} at {p}");
                }
            }
        }
    }

    proptest::proptest! {
        /// Strings built from the characters the normaliser treats specially:
        /// traditional, full-width, dashes, spaces, debris parentheses, pinyin,
        /// four-byte ideographs.
        #[test]
        fn agrees_with_the_per_byte_map(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "訓", "练", "萬", "薴", "(", ")", "xùn", "me", "ａ", "１", "，", "（", "—",
                "\u{3000}", "\u{00A0}", "𠀀", "ü", " ", "a", "7", "。", "\n", "\u{FFFF}",
            ]), 0..24)
        ) {
            let original: String = parts.concat();
            let n = normalize(&original);
            let (text, map) = reference_map(&original);
            proptest::prop_assert_eq!(&n.text, &text);
            for (p, &orig) in map.iter().enumerate() {
                if orig != usize::MAX {
                    proptest::prop_assert_eq!(n.original_offset(p), orig);
                }
            }
        }
    }

    #[test]
    fn empty_and_ascii() {
        assert_eq!(normalize("").text, "");
        let n = normalize("abc");
        assert_eq!(n.original_range(1..2), 1..2);
        assert_eq!(n.original_range(3..3), 3..3);
    }
}
