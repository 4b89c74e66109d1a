//! The normalised view of a document and its map back to the original bytes.

use super::fold::fold_char;
use std::ops::Range;

/// A normalised copy of `original`: folded characters, converter debris removed.
///
/// `map[i]` is the original byte offset of the normalised character that starts
/// at byte `i` (continuation bytes repeat their character's offset), and
/// `map[text.len()]` is `original.len()`.
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    pub original: &'a str,
    pub text: String,
    map: Vec<u32>,
}

/// Builds the normalised view of `original`.
pub fn normalize(original: &str) -> Normalized<'_> {
    let mut text = String::with_capacity(original.len());
    let mut map: Vec<u32> = Vec::with_capacity(original.len() + 1);
    let bytes = original.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            // ASCII needs no folding: copy the whole run.
            let run = bytes[i..]
                .iter()
                .position(|b| !b.is_ascii())
                .unwrap_or(bytes.len() - i);
            text.push_str(&original[i..i + run]);
            map.extend(i as u32..(i + run) as u32);
            i += run;
            continue;
        }
        let c = original[i..].chars().next().unwrap_or('\u{FFFD}');
        let folded = fold_char(c);
        let before = text.len();
        text.push(folded);
        map.extend(std::iter::repeat_n(i as u32, text.len() - before));
        i += c.len_utf8();
        if is_han(folded) {
            i += pinyin_debris_len(&original[i..]);
        }
    }
    map.push(original.len() as u32);
    Normalized {
        original,
        text,
        map,
    }
}

impl<'a> Normalized<'a> {
    /// The original byte range of normalised range `span`: from the start of its
    /// first character to the end of its last.
    pub fn original_range(&self, span: Range<usize>) -> Range<usize> {
        let start = self.original_offset(span.start);
        if span.end <= span.start {
            return start..start;
        }
        let last = floor_char_boundary(&self.text, span.end - 1);
        let last_orig = self.original_offset(last);
        let len = self.original[last_orig..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        start..last_orig + len
    }

    /// The original byte offset of normalised byte `offset` (clamped to the text).
    pub fn original_offset(&self, offset: usize) -> usize {
        self.map[offset.min(self.text.len())] as usize
    }

    /// The original text behind a normalised range.
    pub fn original_slice(&self, span: Range<usize>) -> &'a str {
        let r = self.original_range(span);
        &self.original[r]
    }
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

const TONE_MARKED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü";
const NEUTRAL_SYLLABLES: [&str; 10] =
    ["de", "le", "me", "ma", "ne", "ba", "men", "zi", "ge", "zhe"];

fn is_pinyin_syllable(s: &str) -> bool {
    let letters = s.chars().count();
    if !(1..=6).contains(&letters) {
        return false;
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_lowercase() || TONE_MARKED.contains(c))
    {
        return false;
    }
    s.chars().any(|c| TONE_MARKED.contains(c)) || NEUTRAL_SYLLABLES.contains(&s)
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

    #[test]
    fn empty_and_ascii() {
        assert_eq!(normalize("").text, "");
        let n = normalize("abc");
        assert_eq!(n.original_range(1..2), 1..2);
        assert_eq!(n.original_range(3..3), 3..3);
    }
}
