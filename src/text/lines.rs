//! Byte offset → line, column and character offset in the original text.

/// A place in a file, as errors name it: `file:line:column`, 1-based, the column in
/// characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}")]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub fn new(file: &str, line: usize, column: usize) -> Location {
        Location {
            file: file.to_string(),
            line,
            column,
        }
    }
}

/// Line starts of a text, for turning byte offsets into positions people use.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text));
        LineIndex { line_starts }
    }

    /// 1-based line number of the byte at `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }

    /// Byte offset where the line holding `offset` starts.
    pub fn line_start(&self, offset: usize) -> usize {
        self.line_starts[self.line(offset) - 1]
    }

    /// 1-based line and 1-based column (in characters) of `offset` within `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.line_starts[line - 1];
        let col = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (line, col)
    }
}

/// The memchr crate's vectorised search: several times fewer instructions per
/// byte than `match_indices`, which runs over every document.
fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)
}

/// Counts characters before a byte offset, incrementally for ascending offsets.
/// Two places are remembered: claims ask for a quote's start and end by turns,
/// often the same sentence for several figures, and counting back and forth
/// over it each time cost more than the rest of placing a claim.
#[derive(Debug)]
pub struct CharCounter<'a> {
    text: &'a str,
    /// (byte offset, characters before it); `points[1]` was used last.
    points: [(usize, usize); 2],
}

impl<'a> CharCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        CharCounter {
            text,
            points: [(0, 0); 2],
        }
    }

    /// Character offset of byte `offset` (a char boundary); cheap when offsets
    /// are asked for roughly in order.
    pub fn char_offset(&mut self, offset: usize) -> usize {
        let distance = |(byte, _): (usize, usize)| byte.abs_diff(offset);
        let from = if distance(self.points[0]) < distance(self.points[1]) {
            self.points[0]
        } else {
            self.points[1]
        };
        let chars = if offset < from.0 {
            from.1
                - self
                    .text
                    .get(offset..from.0)
                    .map_or(0, |s| s.chars().count())
        } else {
            from.1
                + self
                    .text
                    .get(from.0..offset)
                    .map_or(0, |s| s.chars().count())
        };
        // The place used less recently gives way.
        self.points = [self.points[1], (offset, chars)];
        chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let text = "ab\n中文x\n\nz";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        assert_eq!(idx.line_col(text, 9), (2, 3));
        assert_eq!(idx.line_col(text, 12), (4, 1));
        assert_eq!(idx.line_start(10), 3);
    }

    #[test]
    fn char_offsets() {
        let text = "中文ab";
        let mut c = CharCounter::new(text);
        assert_eq!(c.char_offset(3), 1);
        assert_eq!(c.char_offset(7), 3);
        assert_eq!(c.char_offset(3), 1);
        assert_eq!(c.char_offset(0), 0);
        assert_eq!(c.char_offset(8), 4);
        assert_eq!(c.char_offset(6), 2);
        assert_eq!(c.char_offset(8), 4);
    }
}
