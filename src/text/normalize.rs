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
    let mut i = 0;
    loop {
        // Nearly every character keeps its length: Chinese ones (folded or
        // not) and ASCII but `(`. They go through the copying loop, which
        // stops only at another character.
        i = out.copy_same_length(table, i);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        if b < 0x80 {
            // ASCII never folds; only `(` may open converter debris.
            i = if b == b'(' {
                out.debris_at(i)
            } else {
                out.push_ascii(b);
                i + 1
            };
            continue;
        }
        let (c, len) = char_at(original, i);
        let entry = match u16::try_from(u32::from(c)) {
            Ok(code) => table[usize::from(code)],
            Err(_) => utf8_entry(folder.fold(c)),
        };
        i += len;
        out.push_fold(entry, len, i);
    }
    out.finish()
}

/// Whether `entry`, a fold as [`Folder::bmp_utf8`] packs it, is three bytes
/// long: from 0x10000 (a third byte) to below 0x1000000 (no fourth).
#[inline(always)]
fn is_three_bytes(entry: u32) -> bool {
    entry.wrapping_sub(0x1_0000) < 0xFF_0000
}

/// Collects the normalised text, written a character at a time into a
/// buffer kept large enough that no write checks its room; each change of
/// byte length records a break. Every piece written is valid UTF-8 (see
/// [`Builder::finish`]).
struct Builder<'a> {
    original: &'a str,
    /// Its capacity holds at least `len` bytes, the original bytes not yet
    /// read, and 4 more (so a character is written as four bytes at once):
    /// characters that keep their length keep this true.
    text: Vec<u8>,
    /// Bytes written to `text` (its `len` stays 0 until `finish`).
    len: usize,
    breaks: Vec<(u32, u32)>,
}

impl<'a> Builder<'a> {
    fn new(original: &'a str) -> Self {
        Builder {
            original,
            text: Vec::with_capacity(original.len() + 4),
            len: 0,
            breaks: vec![(0, 0)],
        }
    }

    /// Copies the characters from byte `i` on that keep their length under
    /// the fold (three-byte characters whose fold is three bytes, ASCII but
    /// `(`), each as its fold, up to the first other character or the last
    /// two bytes; returns where it stopped. The loop runs over nearly every
    /// byte of every document: one table lookup and one four-byte store per
    /// Chinese character, whether it changes or not, and one counter (input
    /// and output advance in step).
    #[inline(always)]
    fn copy_same_length(&mut self, table: &[u32; 0x10000], start: usize) -> usize {
        const MARKERS: usize = (0xE0 << 12) + (0x80 << 6) + 0x80;
        let bytes = self.original.as_bytes();
        let src = bytes.as_ptr();
        // Where the byte read at `i` is written: `i` less the bytes the
        // text has shrunk by (or plus those it has grown by).
        let dst = self
            .text
            .as_mut_ptr()
            .wrapping_add(self.len)
            .wrapping_sub(start);
        // The table less the markers' offset: indexed by the plain sum of
        // the shifted bytes.
        let table = table.as_ptr().wrapping_sub(MARKERS);
        debug_assert!(self.text.capacity() >= self.len + bytes.len() - start + 4);
        let end = bytes.len().saturating_sub(2);
        let mut i = start;
        'copy: while i < end {
            // A run of Chinese characters: each is read, looked up and
            // written with no other test than whether the next one is one.
            loop {
                // SAFETY: `i + 2 < bytes.len()`.
                let b0 = unsafe { *src.add(i) };
                if b0.wrapping_sub(0xE0) >= 0x10 {
                    break;
                }
                // SAFETY: as above. `i` starts a character of `original`, a
                // `str`, so a three-byte one: its bytes 1 and 2 are
                // continuation bytes (0x80–0xBF) and the sum less the
                // markers is its code, below 0x10000: an entry of the table.
                let entry = unsafe {
                    let sum = (usize::from(b0) << 12)
                        + (usize::from(*src.add(i + 1)) << 6)
                        + usize::from(*src.add(i + 2));
                    *table.wrapping_add(sum)
                };
                if !is_three_bytes(entry) {
                    break 'copy;
                }
                // SAFETY: `dst + i` is `len` bytes into the text, and its
                // capacity holds `len`, the unread bytes (3 or more) and 4
                // more (see `text`), so 4 bytes there fit.
                unsafe { dst.wrapping_add(i).cast::<u32>().write_unaligned(entry) };
                i += 3;
                if i >= end {
                    break 'copy;
                }
            }
            // A run of ASCII.
            loop {
                // SAFETY: `i < end`, as above.
                let b0 = unsafe { *src.add(i) };
                if b0 >= 0x80 || b0 == b'(' {
                    break 'copy;
                }
                // SAFETY: as above.
                unsafe { dst.wrapping_add(i).write(b0) };
                i += 1;
                if i >= end {
                    break 'copy;
                }
                // SAFETY: as above.
                if unsafe { *src.add(i) } >= 0x80 {
                    continue 'copy;
                }
            }
        }
        self.len = self.len + i - start;
        i
    }

    /// Writes ASCII byte `b`, read from the original.
    fn push_ascii(&mut self, b: u8) {
        // SAFETY: one byte read, one written: the capacity still holds it.
        unsafe { self.text.as_mut_ptr().add(self.len).write(b) };
        self.len += 1;
    }

    /// Writes `entry`, the fold (as [`Folder::bmp_utf8`] packs it) of the
    /// `len` original bytes ending at `end`, and records a break when its
    /// length differs.
    fn push_fold(&mut self, entry: u32, len: usize, end: usize) {
        let folded_len = utf8_entry_len(entry);
        if folded_len > len {
            // Room for the fold, the unread bytes and 4 more (see `text`).
            // SAFETY: the first `self.len` bytes are written.
            unsafe { self.text.set_len(self.len) };
            self.text
                .reserve(folded_len + self.original.len() - end + 4);
        }
        debug_assert!(
            self.text.capacity() >= self.len + folded_len + self.original.len() - end + 4
        );
        // SAFETY: the capacity holds `self.len`, the fold (no longer than
        // the `len` bytes just read, or reserved above), the unread bytes
        // and 4 more.
        unsafe {
            self.text
                .as_mut_ptr()
                .add(self.len)
                .cast::<u32>()
                .write_unaligned(entry);
        }
        self.len += folded_len;
        if folded_len != len {
            self.record_break(end);
        }
    }

    /// Drops `(xùn)` at `open` when it follows a Chinese character, else
    /// writes the `(`; returns where scanning goes on.
    fn debris_at(&mut self, open: usize) -> usize {
        let debris = self.debris_len(open);
        if debris == 0 {
            self.push_ascii(b'(');
            return open + 1;
        }
        self.record_break(open + debris);
        open + debris
    }

    /// The length of the converter debris `(xùn)` at `open`, 0 for none.
    fn debris_len(&self, open: usize) -> usize {
        // Cheapest test first: a syllable starts with a lowercase or a
        // tone-marked letter (`(WAIC)`, `(1)` and `()` are no debris).
        let next = self.original.as_bytes().get(open + 1);
        if !next.is_some_and(|&b| b.is_ascii_lowercase() || b >= 0x80) {
            return 0;
        }
        let before = self.original[..open].chars().next_back();
        if !before.is_some_and(|c| is_han(Folder::get().fold(c))) {
            return 0;
        }
        pinyin_debris_len(&self.original[open..])
    }

    /// From original offset `resume` on, the texts advance in step again:
    /// one pair per offset, the latest wins.
    fn record_break(&mut self, resume: usize) {
        let pair = (self.len as u32, resume as u32);
        match self.breaks.last_mut() {
            Some(last) if last.0 == pair.0 => *last = pair,
            _ => self.breaks.push(pair),
        }
    }

    fn finish(mut self) -> Normalized<'a> {
        // SAFETY: the first `len` bytes are written, and within the capacity.
        unsafe { self.text.set_len(self.len) };
        debug_assert!(std::str::from_utf8(&self.text).is_ok());
        // SAFETY: the text is a sequence of pieces each of which is valid
        // UTF-8: ASCII bytes of `original`, and fold encodings, each the
        // UTF-8 of a `char` (the table's entries are built by
        // `char::encode_utf8`, and each write keeps exactly the encoding's
        // bytes: the next write or the end cuts off the rest of the four).
        // The entries read are those of characters of `original` (a `str`):
        // the loops only pass offsets of whole characters, as they step by
        // the length the lead byte gives, and debris is ASCII from `(` to
        // `)`; no character is a surrogate, whose entries are 0.
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
    // Read as bytes: this runs for every parenthesis after a Chinese
    // character, and some converters leave one after every few characters.
    let b = rest.as_bytes();
    if b.first() != Some(&b'(') {
        return 0;
    }
    let (mut i, mut letters, mut toned) = (1, 0, false);
    loop {
        let Some(&c) = b.get(i) else {
            return 0;
        };
        if c == b')' {
            break;
        }
        // A syllable has one to six letters.
        if letters == 6 {
            return 0;
        }
        letters += 1;
        if c.is_ascii_lowercase() {
            i += 1;
            continue;
        }
        // Every tone-marked vowel is a two-byte character.
        let tone_marked = matches!(c, 0xC0..=0xDF)
            && b.get(i + 1).is_some_and(|&c1| {
                let code = (u32::from(c & 0x1F) << 6) | u32::from(c1 & 0x3F);
                char::from_u32(code).is_some_and(is_tone_marked)
            });
        if !tone_marked {
            return 0;
        }
        toned = true;
        i += 2;
    }
    if letters == 0 || !(toned || NEUTRAL_SYLLABLES.contains(&&rest[1..i])) {
        return 0;
    }
    i + 1
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
            // Folds to a four-byte character: the text grows.
            &"㗲訓".repeat(300),
            &"㗲".repeat(300),
            "a㗲",
            "㗲",
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
                "㗲", "\0", "é", "中",
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

    /// The character-by-character reading the byte one must agree with.
    fn reference_debris_len(rest: &str) -> usize {
        let Some(inner) = rest.strip_prefix('(') else {
            return 0;
        };
        let Some(close) = inner.char_indices().take(8).find(|&(_, c)| c == ')') else {
            return 0;
        };
        let syllable = &inner[..close.0];
        let letters = syllable.chars().count();
        let letters_ok = syllable
            .chars()
            .all(|c| c.is_ascii_lowercase() || is_tone_marked(c));
        let toned = syllable.chars().any(is_tone_marked);
        if letters_ok
            && (1..=6).contains(&letters)
            && (toned || NEUTRAL_SYLLABLES.contains(&syllable))
        {
            close.0 + 2
        } else {
            0
        }
    }

    proptest::proptest! {
        #[test]
        fn debris_is_read_as_characters_read_it(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "(", ")", "x", "ù", "n", "me", "de", "zhe", "ü", "A", "1", " ", "é", "e\u{301}",
                "ǜ", "ÿ", "中", "𠀀", "ǎ", "z",
            ]), 0..12)
        ) {
            let rest: String = parts.concat();
            for (i, _) in rest.char_indices() {
                proptest::prop_assert_eq!(
                    pinyin_debris_len(&rest[i..]),
                    reference_debris_len(&rest[i..]),
                    "{:?}", &rest[i..]
                );
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
