//! Sentence boundaries in normalised text.

use std::ops::Range;

fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | '\n' | '…')
}

/// Byte ranges of the sentences of `text`, each trimmed of surrounding whitespace;
/// blank sentences are skipped. A closing quote right after the end mark stays
/// with its sentence.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Most characters cannot be an end mark: step over them by their
        // lead byte, without decoding.
        let step = STEP[bytes[i] as usize];
        if step != 0 {
            i += usize::from(step);
            continue;
        }
        // Candidate bytes are ASCII or lead bytes, so `i` is a char boundary.
        let Some(c) = text[i..].chars().next().filter(|&c| ends_sentence(c)) else {
            i += 1;
            continue;
        };
        let mut end = i + c.len_utf8();
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

fn closes_quote(c: char) -> bool {
    matches!(c, '”' | '"' | '’' | '」' | ')')
}

/// For each byte at a char boundary: 0 if it may start an end mark (`!?;\n`,
/// and 0xE2/0xE3, the lead bytes of `…` and `。`), else the length of the
/// character it starts (continuation bytes are never reached).
const STEP: [u8; 256] = {
    let mut table = [1u8; 256];
    let mut b = 0xC0;
    while b < 0x100 {
        table[b] = if b < 0xE0 {
            2
        } else if b < 0xF0 {
            3
        } else {
            4
        };
        b += 1;
    }
    let mut marks = ['。', '!', '?', ';', '\n', '…'].as_slice();
    while let [mark, rest @ ..] = marks {
        let mut buf = [0u8; 4];
        table[mark.encode_utf8(&mut buf).as_bytes()[0] as usize] = 0;
        marks = rest;
    }
    table
};

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_chinese_marks_and_lines() {
        let t = "第一句。第二句!\n  第三句“引语。”后面";
        let got: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(got, ["第一句。", "第二句!", "第三句“引语。”", "后面"]);
    }

    #[test]
    fn empty_text_has_no_sentences() {
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\n ").is_empty());
    }
}
