//! Where a numeral may start: the scanner's walk over every byte of the text.
//!
//! A position is a candidate by what lies at it alone (and the byte before
//! it): a three-byte character of `START_CHARS`, an ASCII digit, a `.` before
//! a digit, or a word that may start an English numeral. UTF-8 continuation
//! bytes are never candidates, so the test needs no walk from character to
//! character, and on x86-64 with AVX2 thirty-two positions are tested at once
//! by a filter that every candidate passes; the few positions it lets through
//! are then tested exactly.

use super::english;
use crate::quantity::units::bmp_bits;

/// The scanner's walk over the text: the first position at or after a given
/// one where a numeral may start. With AVX2 it keeps which positions of the
/// last 64 bytes filtered passed the filter, so that after a candidate the
/// walk goes on from them instead of filtering those bytes again.
pub(super) struct Candidates<'a> {
    bytes: &'a [u8],
    /// Position `start + i` passed the filter if bit `i` of `passed` is set
    /// and it has not been tested yet (`usize::MAX` before the first block).
    start: usize,
    passed: u64,
    avx2: bool,
}

impl<'a> Candidates<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        #[cfg(target_arch = "x86_64")]
        let avx2 = std::arch::is_x86_feature_detected!("avx2");
        #[cfg(not(target_arch = "x86_64"))]
        let avx2 = false;
        Candidates {
            bytes,
            start: usize::MAX,
            passed: 0,
            avx2,
        }
    }

    /// The first position at or after `pos` (a character boundary) where a
    /// numeral may start, or the end of the text. `pos` must be past the
    /// position the call before returned: that one is no longer remembered.
    #[inline]
    pub(super) fn next(&mut self, mut pos: usize) -> usize {
        if !self.avx2 {
            return next_candidate_scalar(self.bytes, pos);
        }
        let bytes = self.bytes;
        loop {
            if pos >= self.start && pos - self.start < 64 {
                let mut passed = self.passed & (!0u64 << (pos - self.start));
                while passed != 0 {
                    let p = self.start + passed.trailing_zeros() as usize;
                    passed &= passed - 1;
                    if candidate_at(bytes, p) {
                        self.passed = passed;
                        return p;
                    }
                }
                pos = self.start + 64;
            }
            if pos + 66 > bytes.len() {
                let end = (pos..bytes.len()).find(|&p| candidate_at(bytes, p));
                return end.unwrap_or(bytes.len());
            }
            if pos == 0 {
                // The filter reads the byte before each position.
                if candidate_at(bytes, 0) {
                    return 0;
                }
                pos = 1;
                continue;
            }
            self.start = pos;
            #[cfg(target_arch = "x86_64")]
            {
                // SAFETY: AVX2 is available (`new` checked), and `pos - 1 ..
                // pos + 66` lies within the text.
                self.passed = unsafe { avx2::passed(bytes, pos) };
            }
        }
    }
}

/// `Candidates::next` a character at a time: three-byte characters (most of
/// the text) are tested against a bitmap, words that cannot start a numeral
/// are stepped over whole.
fn next_candidate_scalar(bytes: &[u8], pos: usize) -> usize {
    let mut rest = &bytes[pos..];
    let at = |rest: &[u8]| bytes.len() - rest.len();
    // While three bytes remain, every character can be read without checks.
    while let [b, b1, b2, ..] = *rest {
        if b & 0xF0 == 0xE0 {
            if is_start_char(b, b1, b2) {
                return at(rest);
            }
            rest = &rest[3..];
            continue;
        }
        let len = if b.is_ascii_alphabetic() {
            if english::word_start(bytes, at(rest)) {
                return at(rest);
            }
            // The rest of a word cannot start a numeral.
            english::letters_from(rest)
        } else if b < 0x80 {
            if ascii_start(bytes, at(rest)) {
                return at(rest);
            }
            1
        } else if b >= 0xF0 {
            4
        } else {
            if is_latin1_fraction(bytes, at(rest)) {
                return at(rest);
            }
            2
        };
        rest = rest.get(len..).unwrap_or_default();
    }
    // The last two bytes hold no three-byte character.
    while let [b, ..] = *rest {
        if b < 0x80 && ascii_start(bytes, at(rest)) || is_latin1_fraction(bytes, at(rest)) {
            return at(rest);
        }
        rest = rest.get(if b < 0x80 { 1 } else { 2 }..).unwrap_or_default();
    }
    bytes.len()
}

/// Whether a numeral may start at byte `p`, from the bytes at and before it
/// alone (false inside a character).
#[inline(always)]
fn candidate_at(bytes: &[u8], p: usize) -> bool {
    let b = bytes[p];
    if b & 0xF0 == 0xE0 {
        return p + 2 < bytes.len() && is_start_char(b, bytes[p + 1], bytes[p + 2]);
    }
    if b == 0xC2 {
        return is_latin1_fraction(bytes, p);
    }
    b < 0x80 && ascii_start(bytes, p)
}

/// `¼ ½ ¾` (C2 BC–BE): the two-byte characters a numeral can start with.
#[inline(always)]
fn is_latin1_fraction(bytes: &[u8], p: usize) -> bool {
    bytes[p] == 0xC2 && bytes.get(p + 1).is_some_and(|b| (0xBC..=0xBE).contains(b))
}

/// A digit, or a `.` starting a number (`.5`, not the second dot of `1.2.3`),
/// or a word that may start an English numeral.
#[inline(always)]
fn ascii_start(bytes: &[u8], pos: usize) -> bool {
    let b = bytes[pos];
    b.is_ascii_digit()
        || (b == b'.'
            && bytes.get(pos + 1).is_some_and(u8::is_ascii_digit)
            && (pos == 0 || !matches!(bytes[pos - 1], b'.' | b'0'..=b'9')))
        || (b.is_ascii_alphabetic() && english::word_start(bytes, pos))
}

/// Whether the three-byte character `b0 b1 b2` can start a numeral: the lead
/// and second byte name a block of 64 code points, the third byte's low six
/// bits the code point within it. The third byte alone rules out most
/// characters, with a test against a constant.
#[inline(always)]
fn is_start_char(b0: u8, b1: u8, b2: u8) -> bool {
    if (START_THIRD_BYTES >> (b2 & 0x3F)) & 1 == 0 {
        return false;
    }
    let block = (usize::from(b0 & 0x0F) << 6) | usize::from(b1 & 0x3F);
    (START_BITS[block] >> (b2 & 0x3F)) & 1 != 0
}

/// Chinese characters a numeral can start with, and the three-byte vulgar fractions
/// (`⅓`, `⅔`, `⅛`: the English grammar's).
const START_CHARS: &str =
    "零〇一壹二贰两俩三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿负几数上半对廿卅⅐⅑⅒⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞";

/// One bit per code point below U+10000: whether it is in `START_CHARS`.
const START_BITS: [u64; 1024] = bmp_bits(START_CHARS);

/// The low six bits of the last byte of every `START_CHARS` character (a
/// code point's position in its block of 64).
const START_THIRD_BYTES: u64 = {
    let mut bits = 0;
    let mut i = 0;
    while i < START_BITS.len() {
        bits |= START_BITS[i];
        i += 1;
    }
    bits
};

/// The AVX2 filter's test of a three-byte character by the low twelve bits of
/// its code point, as three nibbles: the second byte's low four bits, the
/// two bits above them in the second and in the third byte, and the third
/// byte's low four bits. The `START_CHARS` characters are put into eight
/// buckets by the third byte's low three bits, and each table has, for each
/// nibble value, a bit for every bucket that holds a character with that
/// nibble; a character passes when one bucket has all three of its nibbles.
/// One Chinese character in eleven passes (about one in thirty is a start).
#[cfg(target_arch = "x86_64")]
const fn nibble_tables() -> [[i8; 16]; 3] {
    let mut t = [[0i8; 16]; 3];
    let mut block = 0;
    while block < START_BITS.len() {
        let mut low = 0;
        while low < 64 {
            if (START_BITS[block] >> low) & 1 != 0 {
                // The second byte's low six bits are the block's, the third
                // byte's are `low`.
                let second = block % 64;
                let bucket = 1u8 << (low % 8);
                let nibbles = [second % 16, (second / 16) * 4 + low / 16, low % 16];
                let mut j = 0;
                while j < 3 {
                    t[j][nibbles[j]] = (t[j][nibbles[j]] as u8 | bucket) as i8;
                    j += 1;
                }
            }
            low += 1;
        }
        block += 1;
    }
    t
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::nibble_tables;
    use std::arch::x86_64::*;

    const TABLES: [[i8; 16]; 3] = nibble_tables();

    /// Which of the 64 positions from `pos` pass the filter, as bits. A
    /// position passes when it holds an ASCII digit or `.`, a letter after no
    /// letter or digit, or a three-byte lead whose character passes
    /// `nibble_tables`; each that passes is then tested exactly.
    ///
    /// # Safety
    /// The CPU must support AVX2, and `pos - 1 .. pos + 66` must lie within
    /// `bytes`.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn passed(bytes: &[u8], pos: usize) -> u64 {
        debug_assert!(pos >= 1 && pos + 66 <= bytes.len());
        // SAFETY: each table is 16 bytes long.
        let [low2, mid, low3] = TABLES
            .map(|t| unsafe { _mm256_broadcastsi128_si256(_mm_loadu_si128(t.as_ptr().cast())) });
        let nibble = _mm256_set1_epi8(0x0F);
        let zero = _mm256_setzero_si256();
        // Bytes `x` with `x - lo <= span` (unsigned).
        let within = |x: __m256i, lo: u8, span: u8| {
            let d = _mm256_sub_epi8(x, _mm256_set1_epi8(lo as i8));
            _mm256_cmpeq_epi8(_mm256_min_epu8(d, _mm256_set1_epi8(span as i8)), d)
        };
        let letter = |x: __m256i| within(_mm256_or_si256(x, _mm256_set1_epi8(0x20)), b'a', 25);
        let block = |at: usize| {
            // SAFETY: `at - 1 .. at + 34` lies within `bytes` (`at` is `pos`
            // or `pos + 32`): the loads read 32 bytes from `at - 1`, `at`,
            // `at + 1` and `at + 2`.
            let (before, here, next, after) = unsafe {
                let p = bytes.as_ptr().add(at);
                (
                    _mm256_loadu_si256(p.sub(1).cast()),
                    _mm256_loadu_si256(p.cast()),
                    _mm256_loadu_si256(p.add(1).cast()),
                    _mm256_loadu_si256(p.add(2).cast()),
                )
            };
            let lead = _mm256_cmpeq_epi8(
                _mm256_and_si256(here, _mm256_set1_epi8(0xF0u8 as i8)),
                _mm256_set1_epi8(0xE0u8 as i8),
            );
            // The three nibbles of each character's low twelve bits.
            let mid_bits = _mm256_or_si256(
                _mm256_and_si256(_mm256_srli_epi16::<2>(next), _mm256_set1_epi8(0x0C)),
                _mm256_and_si256(_mm256_srli_epi16::<4>(after), _mm256_set1_epi8(0x03)),
            );
            let buckets = _mm256_and_si256(
                _mm256_and_si256(
                    _mm256_shuffle_epi8(low2, _mm256_and_si256(next, nibble)),
                    _mm256_shuffle_epi8(mid, mid_bits),
                ),
                _mm256_shuffle_epi8(low3, _mm256_and_si256(after, nibble)),
            );
            let chinese = _mm256_andnot_si256(_mm256_cmpeq_epi8(buckets, zero), lead);
            let digit = within(here, b'0', 9);
            let dot = _mm256_cmpeq_epi8(here, _mm256_set1_epi8(b'.' as i8));
            let word = _mm256_andnot_si256(
                _mm256_or_si256(within(before, b'0', 9), letter(before)),
                letter(here),
            );
            // `¼ ½ ¾`: C2 then BC–BE.
            let fraction = _mm256_and_si256(
                _mm256_cmpeq_epi8(here, _mm256_set1_epi8(0xC2u8 as i8)),
                within(next, 0xBC, 2),
            );
            let flags = _mm256_or_si256(
                _mm256_or_si256(chinese, word),
                _mm256_or_si256(_mm256_or_si256(digit, dot), fraction),
            );
            u64::from(_mm256_movemask_epi8(flags) as u32)
        };
        block(pos) | block(pos + 32) << 32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The filtered walk finds what the walk a character at a time finds,
    /// from every starting boundary and along the text.
    #[test]
    fn filtered_walk_agrees_with_the_plain_walk() {
        let texts = [
            "据统计,中国已有79个大模型,其中三成来自北京;百度、阿里和腾讯共投入超过一百亿元。",
            "OpenAI spent about two billion dollars, roughly 3.5 times more than .5 of the 2023 budget, 一二三",
            "零〇一壹二贰两俩三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿负几数上半对廿卅 abc x1 z9 .9 1.2.3",
            "émoji 😀 and ß then 上海数据对于一些百度 and half a dozen eighty-one nine",
            "½ and 1¼, ¾ million, ⅔ of ⅞ · ¶ © ¹ ½",
        ];
        for t in texts {
            let long = t.repeat(5);
            let b = long.as_bytes();
            for pos in (0..=b.len()).filter(|&p| long.is_char_boundary(p)) {
                let found = Candidates::new(b).next(pos);
                assert_eq!(
                    found,
                    next_candidate_scalar(b, pos),
                    "from {pos} in {long:?}"
                );
            }
            let mut walk = Candidates::new(b);
            let mut pos = 0;
            while pos < b.len() {
                let found = walk.next(pos);
                assert_eq!(
                    found,
                    next_candidate_scalar(b, pos),
                    "from {pos} in {long:?}"
                );
                pos = found + long[found..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
}
