//! Text normalisation: a simplified, half-width view of a document for matching,
//! with an offset map so every match can be reported against the original bytes.

mod find;
mod fold;
pub mod lang;
mod lines;
mod normalize;

pub(crate) use find::{Avx2, ByteSet};
pub use fold::{fold_char, to_simplified};
pub use lines::{CharCounter, LineIndex, Location};
pub use normalize::{Normalized, normalize};

/// Article text made safe for a terminal or a plain-text file: tabs, line and paragraph
/// breaks become spaces (one field stays on one line), and control characters — escape
/// sequences' ESC among them, C1 controls, bidirectional overrides that reorder what a
/// terminal shows — are dropped. Text without any is returned as is.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    fn unsafe_char(c: char) -> bool {
        c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    }
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => Some(' '),
            c if unsafe_char(c) => None,
            c => Some(c),
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod printable_tests {
    use super::printable;

    #[test]
    fn escape_sequences_and_breaks_cannot_reach_a_terminal() {
        assert_eq!(printable("79个"), "79个");
        assert_eq!(printable("a\x1b[2J\x1b]0;x\x07b"), "a[2J]0;xb");
        assert_eq!(printable("line\nnext\tcol\r"), "line next col ");
        assert_eq!(printable("\u{202E}cba\u{9b}"), "cba");
    }
}
