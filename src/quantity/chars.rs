//! Character-level reading both the numeral parser (`numeral.rs`) and the unit
//! and qualifier words (`units.rs`) use. It imports neither, so the two depend
//! one way: `numeral` → `units` → `chars`.

/// The value of a Chinese digit (`两` and the financial forms included).
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '贰' | '两' | '俩' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The character at byte `pos`, if any.
pub fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..).and_then(|s| s.chars().next())
}

/// `char::is_alphanumeric`, answering the common CJK ideographs (all letters)
/// without the Unicode table search.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || c.is_alphanumeric()
}

/// Position after any ASCII spaces at `pos`.
pub fn skip_spaces(text: &str, mut pos: usize) -> usize {
    let b = text.as_bytes();
    while pos < b.len() && b[pos] == b' ' {
        pos += 1;
    }
    pos
}
