//! What the benches share: the bundled articles and the generator's digit shift.

/// The bundled articles of `data/` as (file stem, text), in name order.
pub fn bundled_articles() -> Vec<(String, String)> {
    let mut paths: Vec<_> = std::fs::read_dir("data")
        .expect("run from the repository root")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            (stem, std::fs::read_to_string(p).unwrap())
        })
        .collect()
}

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
