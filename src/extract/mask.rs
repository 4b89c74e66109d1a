//! The masked document: the sentences that hold figures, each figure replaced
//! by one sentinel character of its dimension, so rule patterns never see (or
//! re-parse) number grammar. Spaces are dropped except between two Latin
//! letters or digits, so patterns need not allow for each site's spacing
//! (`5.4 亿美元`, `300 家`). Sentences are joined by `SEPARATOR`; a match that
//! contains it spans two sentences and is not used.

use crate::quantity::Quantity;
use crate::rules::sentinel;
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
        let mut next = 0;
        for range in sentences {
            let first = next + quantities[next..].partition_point(|q| q.start < range.start);
            let last = first + quantities[first..].partition_point(|q| q.end <= range.end);
            next = first;
            if first < last {
                masked.push_sentence(text, range.clone(), &quantities[first..last], first);
            }
        }
        masked
    }

    fn push_sentence(&mut self, text: &str, range: Range<usize>, qs: &[Quantity], first: usize) {
        if !self.sentences.is_empty() {
            self.text.push(SEPARATOR);
        }
        self.sentences.push((self.text.len(), range.clone()));
        let mut pos = range.start;
        for (i, q) in qs.iter().enumerate() {
            push_unspaced(&mut self.text, &text[pos..q.start]);
            self.slots.push((self.text.len(), first + i));
            self.text.push(sentinel(q.dimension()));
            pos = q.end;
        }
        push_unspaced(&mut self.text, &text[pos..range.end]);
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
/// two ASCII letters or digits (`Microsoft 365 Copilot`).
fn push_unspaced(out: &mut String, segment: &str) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_go_except_between_latin_words() {
        let mut s = String::new();
        push_unspaced(&mut s, "微软 Microsoft 365 Copilot 的 测试 ");
        assert_eq!(s, "微软Microsoft 365 Copilot的测试");
    }
}
