//! Masked sentences: every quantity replaced by one sentinel character of its
//! dimension, so rule patterns never see (or re-parse) number grammar.

use crate::quantity::Quantity;
use crate::rules::sentinel;

pub struct Masked {
    pub text: String,
    /// (byte offset of the sentinel in `text`, index of its quantity).
    slots: Vec<(usize, usize)>,
}

impl Masked {
    /// `quantities` lie inside `sentence`, which starts at `offset` in the document.
    pub fn new(sentence: &str, offset: usize, quantities: &[Quantity]) -> Masked {
        let mut text = String::with_capacity(sentence.len());
        let mut slots = Vec::with_capacity(quantities.len());
        let mut pos = 0;
        for (i, q) in quantities.iter().enumerate() {
            let (start, end) = (q.start - offset, q.end - offset);
            text.push_str(&sentence[pos..start]);
            slots.push((text.len(), i));
            text.push(sentinel(q.dimension()));
            pos = end;
        }
        text.push_str(&sentence[pos..]);
        Masked { text, slots }
    }

    /// The quantity whose sentinel starts at byte `at` of the masked text.
    pub fn quantity_at(&self, at: usize) -> Option<usize> {
        self.slots
            .binary_search_by_key(&at, |&(p, _)| p)
            .ok()
            .map(|i| self.slots[i].1)
    }
}
