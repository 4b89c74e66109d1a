//! Masked sentences: every quantity replaced by one sentinel character of its
//! dimension, so rule patterns never see (or re-parse) number grammar; and
//! spaces dropped except between two Latin letters or digits, so patterns need
//! not allow for the spacing habits of each site (`5.4 亿美元`, `300 家`).

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
            push_unspaced(&mut text, &sentence[pos..start]);
            slots.push((text.len(), i));
            text.push(sentinel(q.dimension()));
            pos = end;
        }
        push_unspaced(&mut text, &sentence[pos..]);
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
