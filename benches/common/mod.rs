//! What the benches share: the generator's digit shift.

/// `text` with every ASCII digit shifted by `shift` (mod 10): copies of one
/// article whose figures, and so whose claims, differ.
pub fn shift_digits(text: &str, shift: u8) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => (b'0' + (c as u8 - b'0' + shift) % 10) as char,
            _ => c,
        })
        .collect()
}
