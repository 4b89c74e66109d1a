//! Bytes → text: byte order marks, UTF-8, legacy Chinese encodings, binary rejection.
//!
//! Order of decisions:
//! 1. A byte order mark (UTF-8, UTF-16LE, UTF-16BE) wins; the BOM is not part of the text.
//! 2. Binary data (NUL bytes not explained by BOM-less UTF-16, or many control bytes) is
//!    rejected.
//! 3. Valid UTF-8 is taken as is.
//! 4. Mostly-valid UTF-8 (few invalid sequences against many valid multi-byte characters)
//!    is decoded lossily: one bad byte must not turn a UTF-8 article into GB18030 mojibake.
//! 5. Otherwise GB18030 (which also decodes GBK) or Big5 — chardetng's guess if it is one
//!    of them, else whichever of the two replaces fewer sequences — provided it replaces
//!    fewer than UTF-8 would; failing that, lossy UTF-8. Other legacy encodings
//!    (Shift_JIS, windows-1252, …) are not decoded; a note names chardetng's guess.
//!
//! Nothing is dropped silently: every replacement with U+FFFD is counted in a note that
//! names the byte offset (in the file, BOM included) of the first one.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{BIG5, DecoderResult, Encoding, GB18030, GBK, UTF_16BE, UTF_16LE};
use thiserror::Error;

/// A decoded text, the name of the encoding it was read as, and what was done to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub notes: Vec<String>,
}

/// Why bytes could not be decoded as text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeError {
    /// Looks like binary data; the detail says what gave it away and where.
    #[error("binary file ({0})")]
    Binary(String),
}

/// Share of control bytes (other than tab, newline, CR, VT, FF) above which data is binary.
const MAX_CONTROL_PER_MILLE: usize = 50;

/// Invalid UTF-8 sequences tolerated per valid non-ASCII character before a legacy
/// encoding is considered instead (1 in 8).
const MAX_INVALID_UTF8_RATIO: usize = 8;

/// Decodes `bytes` as described in the module documentation.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(decoded) = decode_with_bom(bytes) {
        return reject_binary_text(decoded);
    }
    if let Some(nul) = memchr::memchr(0, bytes) {
        return decode_utf16_without_bom(bytes)
            .ok_or_else(|| DecodeError::Binary(format!("NUL bytes at byte {nul}")));
    }
    check_control_bytes(bytes)?;
    // simdutf8 validates CJK text at a fraction of std's per-byte cost; its `basic`
    // error carries no position, which the valid case does not need.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: "UTF-8",
            notes: line_ending_notes(text).into_iter().collect(),
        });
    }
    Ok(decode_invalid_utf8(bytes))
}

/// Decodes data that starts with a byte order mark; `None` if there is none.
fn decode_with_bom(bytes: &[u8]) -> Option<Decoded> {
    let (encoding, name, bom_len): (&'static Encoding, _, _) = match bytes {
        [0xEF, 0xBB, 0xBF, ..] => (encoding_rs::UTF_8, "UTF-8 (BOM)", 3),
        [0xFF, 0xFE, ..] => (UTF_16LE, "UTF-16LE", 2),
        [0xFE, 0xFF, ..] => (UTF_16BE, "UTF-16BE", 2),
        _ => return None,
    };
    let (text, replaced) = decode_counting(encoding, &bytes[bom_len..]);
    let mut notes = vec![format!(
        "{} byte order mark removed; offsets count from the first byte after it",
        label(encoding)
    )];
    notes.extend(replacement_note(&replaced, bom_len, label(encoding)));
    notes.extend(line_ending_notes(&text));
    Some(Decoded {
        text,
        encoding: name,
        notes,
    })
}

/// UTF-16 without a BOM shows as NULs mostly on one parity (the high byte of ASCII; CJK
/// characters like 一 U+4E00 put a few on the other).
fn decode_utf16_without_bom(bytes: &[u8]) -> Option<Decoded> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let nuls_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nuls_at(0), nuls_at(1));
    let encoding = if odd >= 4 * even {
        UTF_16LE
    } else if even >= 4 * odd {
        UTF_16BE
    } else {
        return None;
    };
    let (text, replaced) = decode_counting(encoding, bytes);
    if !replaced.is_empty() || text.contains('\0') || control_char_share_too_high(&text) {
        return None;
    }
    let mut notes = vec![format!(
        "no byte order mark; guessed {} from the position of NUL bytes",
        label(encoding)
    )];
    notes.extend(line_ending_notes(&text));
    Some(Decoded {
        text,
        encoding: label(encoding),
        notes,
    })
}

/// Picks between lossy UTF-8 and a legacy Chinese encoding, whichever replaces fewer
/// sequences (UTF-8 wins ties, and wins outright when it is mostly valid).
fn decode_invalid_utf8(bytes: &[u8]) -> Decoded {
    let utf8 = Utf8Stats::new(bytes);
    if utf8.invalid.count * MAX_INVALID_UTF8_RATIO <= utf8.valid_non_ascii {
        return utf8.into_decoded(bytes, None);
    }
    let guess = chardetng_guess(bytes);
    let candidates: &[&'static Encoding] = if guess == GBK || guess == GB18030 {
        &[GB18030]
    } else if guess == BIG5 {
        &[BIG5]
    } else {
        &[GB18030, BIG5]
    };
    let best = candidates
        .iter()
        .map(|&encoding| (encoding, decode_counting(encoding, bytes)))
        .min_by_key(|(_, (_, replaced))| replaced.count);
    match best {
        Some((encoding, (text, replaced))) if replaced.count < utf8.invalid.count => {
            let mut notes = vec![format!("decoded as {} (detected)", label(encoding))];
            notes.extend(replacement_note(&replaced, 0, label(encoding)));
            notes.extend(line_ending_notes(&text));
            Decoded {
                text,
                encoding: label(encoding),
                notes,
            }
        }
        _ => {
            let unsupported = ![GBK, GB18030, BIG5].contains(&guess);
            let why = unsupported.then(|| {
                format!(
                    "not valid UTF-8; looks like {}, which is not supported (only GB18030 and Big5)",
                    guess.name()
                )
            });
            utf8.into_decoded(bytes, why)
        }
    }
}

/// How much of a file chardetng looks at: plenty for a guess, and bounded time on huge files.
const DETECTION_PREFIX: usize = 1 << 20;

/// chardetng's guess among all legacy encodings.
fn chardetng_guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let prefix = &bytes[..bytes.len().min(DETECTION_PREFIX)];
    detector.feed(prefix, prefix.len() == bytes.len());
    detector.guess(None, Utf8Detection::Deny)
}

/// Display name of an encoding; GBK is always decoded (and reported) as its superset GB18030.
fn label(encoding: &'static Encoding) -> &'static str {
    if encoding == GBK || encoding == GB18030 {
        "GB18030"
    } else {
        encoding.name()
    }
}

/// Where and how often bytes were replaced with U+FFFD.
#[derive(Debug, Default, Clone, Copy)]
struct Replacements {
    count: usize,
    first: Option<usize>,
}

impl Replacements {
    fn record(&mut self, offset: usize) {
        self.count += 1;
        self.first.get_or_insert(offset);
    }

    fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// Decodes with `encoding` (no BOM sniffing), replacing malformed sequences with U+FFFD and
/// recording their offsets within `bytes`.
fn decode_counting(encoding: &'static Encoding, bytes: &[u8]) -> (String, Replacements) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::new();
    let mut replaced = Replacements::default();
    let mut read_total = 0;
    loop {
        let needed = decoder
            .max_utf8_buffer_length_without_replacement(bytes.len() - read_total)
            .unwrap_or(bytes.len() - read_total);
        text.reserve(needed.max(4));
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut text, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => return (text, replaced),
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(bad, after) => {
                let end = read_total - usize::from(after);
                replaced.record(end.saturating_sub(usize::from(bad)));
                text.push('\u{FFFD}');
            }
        }
    }
}

/// How well bytes fit UTF-8: used to judge whether invalid UTF-8 is still UTF-8.
struct Utf8Stats {
    invalid: Replacements,
    /// Characters of two or more bytes in the valid stretches.
    valid_non_ascii: usize,
}

impl Utf8Stats {
    fn new(bytes: &[u8]) -> Utf8Stats {
        let mut invalid = Replacements::default();
        let mut valid_non_ascii = 0;
        let mut offset = 0;
        for chunk in bytes.utf8_chunks() {
            let valid = chunk.valid().as_bytes();
            // Lead bytes of multi-byte characters: cheaper than decoding chars.
            valid_non_ascii += valid.iter().filter(|&&b| b >= 0xC0).count();
            offset += valid.len();
            if !chunk.invalid().is_empty() {
                invalid.record(offset);
                offset += chunk.invalid().len();
            }
        }
        Utf8Stats {
            invalid,
            valid_non_ascii,
        }
    }

    /// The text with one U+FFFD per invalid sequence (as `String::from_utf8_lossy`).
    fn into_decoded(self, bytes: &[u8], why: Option<String>) -> Decoded {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let mut notes: Vec<String> = why.into_iter().collect();
        notes.extend(replacement_note(&self.invalid, 0, "UTF-8"));
        notes.extend(line_ending_notes(&text));
        Decoded {
            text,
            encoding: "UTF-8",
            notes,
        }
    }
}

/// "3 invalid GB18030 sequences replaced with U+FFFD (first at byte 1234)"; offsets are in
/// the file, so `skipped` (the BOM length) is added back.
fn replacement_note(replaced: &Replacements, skipped: usize, encoding: &str) -> Option<String> {
    let first = replaced.first?;
    let plural = if replaced.count == 1 { "" } else { "s" };
    Some(format!(
        "{} invalid {encoding} sequence{plural} replaced with U+FFFD (first at byte {})",
        replaced.count,
        first + skipped
    ))
}

/// Old Mac files end lines with a bare CR; line numbers only count LF, so say so.
fn line_ending_notes(text: &str) -> Option<String> {
    // memchr's vectorised search: `<[u8]>::contains` reads a word at a time.
    let has_cr = memchr::memchr(b'\r', text.as_bytes()).is_some();
    (has_cr && memchr::memchr(b'\n', text.as_bytes()).is_none()).then(|| {
        "lines end with CR only; line numbers count LF, so the text is one line".to_owned()
    })
}

fn is_control_byte(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)) || b == 0x7F
}

/// Control bytes in `bytes`, counted in blocks with a byte-wide tally so that the
/// loop vectorises (the plain `filter().count()` ran at ~14 instructions a byte).
/// The blocks are of one size, a multiple of the vector width under 256, so that
/// each compiles to vector steps alone, without the tail loop of an odd length.
fn count_control_bytes(bytes: &[u8]) -> usize {
    const BLOCK: usize = 224;
    let blocks = bytes.chunks_exact(BLOCK);
    let tail = blocks.remainder();
    let tally = |block: &[u8]| {
        let n = block
            .iter()
            .fold(0u8, |n, &b| n + u8::from(is_control_byte(b)));
        usize::from(n)
    };
    blocks.map(tally).sum::<usize>() + tally(tail)
}

fn check_control_bytes(bytes: &[u8]) -> Result<(), DecodeError> {
    let count = count_control_bytes(bytes);
    if count * 1000 <= bytes.len() * MAX_CONTROL_PER_MILLE {
        return Ok(());
    }
    let first = bytes.iter().position(|&b| is_control_byte(b)).unwrap_or(0);
    Err(DecodeError::Binary(format!(
        "{count} control bytes in {}, first at byte {first}",
        bytes.len()
    )))
}

fn is_control_char(c: char) -> bool {
    u8::try_from(c).is_ok_and(is_control_byte)
}

fn control_char_share_too_high(text: &str) -> bool {
    let (mut controls, mut total) = (0usize, 0usize);
    for c in text.chars() {
        total += 1;
        controls += usize::from(is_control_char(c));
    }
    controls * 1000 > total * MAX_CONTROL_PER_MILLE
}

/// A BOM does not make binary data text: check the decoded characters too.
fn reject_binary_text(decoded: Decoded) -> Result<Decoded, DecodeError> {
    if let Some(nul) = decoded.text.find('\0') {
        return Err(DecodeError::Binary(format!(
            "NUL characters after a {} byte order mark, first at character byte {nul}",
            decoded.encoding
        )));
    }
    if control_char_share_too_high(&decoded.text) {
        return Err(DecodeError::Binary(format!(
            "mostly control characters after a {} byte order mark",
            decoded.encoding
        )));
    }
    Ok(decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "7月份，微軟公布了Office 365 Copliot的企業版價格，30美元/月。\
        訓練一次的成本約為140萬美元，对于一些更大的模型，成本更高。\n";

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "test text must be encodable");
        bytes.into_owned()
    }

    #[test]
    fn control_bytes_counted_across_blocks() {
        // Every byte value, many times over, so blocks of 255 split runs of controls and
        // a byte-wide tally would overflow if a block were longer.
        let bytes: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 256) as u8).collect();
        let naive = bytes.iter().filter(|&&b| is_control_byte(b)).count();
        assert_eq!(count_control_bytes(&bytes), naive);
        let all_controls = vec![1u8; 1000];
        assert_eq!(count_control_bytes(&all_controls), 1000);
        assert_eq!(count_control_bytes(&[]), 0);
    }

    #[test]
    fn plain_utf8_is_unchanged() {
        let d = decode(ARTICLE.as_bytes()).unwrap();
        assert_eq!(d.text, ARTICLE);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.notes.is_empty(), "{:?}", d.notes);
    }

    #[test]
    fn empty_input_is_empty_utf8() {
        let d = decode(b"").unwrap();
        assert_eq!(d.text, "");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf8_bom_is_stripped_and_noted() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(ARTICLE.as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, ARTICLE);
        assert_eq!(d.encoding, "UTF-8 (BOM)");
        assert!(d.notes[0].contains("byte order mark removed"));
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        for (bom, encoding, name) in [
            (&b"\xFF\xFE"[..], UTF_16LE, "UTF-16LE"),
            (&b"\xFE\xFF"[..], UTF_16BE, "UTF-16BE"),
        ] {
            let mut bytes = bom.to_vec();
            bytes.extend(utf16_bytes(ARTICLE, encoding == UTF_16LE));
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, ARTICLE, "{name}");
            assert_eq!(d.encoding, name);
        }
    }

    fn utf16_bytes(text: &str, little_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if little_endian {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_nul_parity() {
        let d = decode(&utf16_bytes(ARTICLE, true)).unwrap();
        assert_eq!(d.text, ARTICLE);
        assert_eq!(d.encoding, "UTF-16LE");
        let d = decode(&utf16_bytes(ARTICLE, false)).unwrap();
        assert_eq!(d.encoding, "UTF-16BE");
        assert_eq!(d.text, ARTICLE);
    }

    #[test]
    fn gb18030_is_detected() {
        let d = decode(&encode(GB18030, ARTICLE)).unwrap();
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.text, ARTICLE);
        assert!(d.notes.iter().any(|n| n.contains("decoded as GB18030")));
    }

    #[test]
    fn short_gbk_is_detected() {
        let d = decode(&encode(GBK, "成本约为140万美元")).unwrap();
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.text, "成本约为140万美元");
    }

    #[test]
    fn big5_is_detected() {
        let text = "微軟公布了企業版價格，每月30美元，訓練一次的成本約為140萬美元。";
        let d = decode(&encode(BIG5, text)).unwrap();
        assert_eq!(d.encoding, "Big5");
        assert_eq!(d.text, text);
    }

    #[test]
    fn one_bad_byte_keeps_utf8() {
        let mut bytes = ARTICLE.as_bytes().to_vec();
        let at = ARTICLE.find("30美元").unwrap();
        bytes.insert(at, 0xFF);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, ARTICLE.replacen("30美元", "\u{FFFD}30美元", 1));
        assert_eq!(
            d.notes,
            vec![format!(
                "1 invalid UTF-8 sequence replaced with U+FFFD (first at byte {at})"
            )]
        );
    }

    #[test]
    fn truncated_last_char_keeps_utf8() {
        let bytes = &ARTICLE.as_bytes()[..ARTICLE.len() - 3];
        let d = decode(bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.ends_with('\u{FFFD}'));
        assert!(d.notes[0].starts_with("1 invalid UTF-8 sequence"));
    }

    #[test]
    fn ascii_with_stray_high_byte_is_lossy_utf8() {
        let d = decode(b"price: 30 \xFF dollars").unwrap();
        assert_eq!(d.text, "price: 30 \u{FFFD} dollars");
        assert!(d.notes.iter().any(|n| n.contains("first at byte 10")));
    }

    #[test]
    fn nul_bytes_are_binary() {
        let err = decode(b"PK\x03\x04\x00\x00abc\x00").unwrap_err();
        assert_eq!(err.to_string(), "binary file (NUL bytes at byte 4)");
    }

    #[test]
    fn control_bytes_are_binary() {
        let bytes: Vec<u8> = (0..100u8)
            .map(|i| if i % 3 == 0 { 1 } else { b'a' })
            .collect();
        let err = decode(&bytes).unwrap_err();
        assert!(err.to_string().contains("control bytes"), "{err}");
    }

    #[test]
    fn a_few_control_bytes_are_tolerated() {
        let text = format!("{}\x1b[0m", "a".repeat(200));
        assert_eq!(decode(text.as_bytes()).unwrap().text, text);
    }

    #[test]
    fn bom_followed_by_binary_is_binary() {
        let mut bytes = b"\xFF\xFE".to_vec();
        bytes.extend([0u8; 64]);
        assert!(decode(&bytes).is_err());
    }

    #[test]
    fn undecodable_legacy_bytes_are_reported() {
        let mut bytes = encode(GB18030, ARTICLE);
        bytes.push(0x81); // lead byte cut off at end of file
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "GB18030");
        assert!(d.text.ends_with('\u{FFFD}'));
        let at = bytes.len() - 1;
        assert!(
            d.notes
                .iter()
                .any(|n| n.contains(&format!("first at byte {at}"))),
            "{:?}",
            d.notes
        );
    }

    #[test]
    fn cr_only_line_endings_are_noted() {
        let d = decode(b"line one\rline two\r").unwrap();
        assert_eq!(d.text, "line one\rline two\r");
        assert!(d.notes[0].contains("CR only"));
    }
}
