//! English number grammar, read by the scanner where an English numeral may
//! start: an ASCII digit in English context, or an ASCII word that can begin
//! a numeral (`two`, `a dozen`, `half`, `tens of`).
//!
//! It is a child of `scan` (declared there with `#[path]`), so it builds the
//! scanner's own `Piece` and hands it to the shared `to_quantity`: English
//! qualifiers follow the same conventions as Chinese ones.
//!
//! What it reads:
//! - digits with `,` groups and decimals, space groups (`1 234 567`), `x10^6`;
//!   suffixes after digits: `k`, `M`/`m`/`mn`/`MM`/`mil`, `bn`/`B`/`b`, `tn`/`T`;
//!   `m` is metres before a length word (`100m sprint`);
//! - number words (`twenty-one trillion and three hundred`, `nought point
//!   five`, `a dozen`, `half a million`, `one and a half`, `13 lakh`),
//!   fractions (`two thirds`, `one-eighth`, `1/11th`, `1 over 3`, `one out of
//!   three`) as multiples, vague amounts (`tens of billions` = [2e10, 9e10],
//!   `hundreds of` = [200, 900], `dozens of` = [24, 108], `several billion` =
//!   [2e9, 9e9]) as ranges;
//! - units: percent (`%`, `percent`, `per cent`, `percentage points` — see
//!   [`is_percentage_points`]), currencies before and after the figure, cents
//!   and pence, multiples (`3x`, `3-fold`, `3 times faster`), durations, GPU
//!   hours, rates after money (`a day`, `per month`, `/1M tokens`);
//! - qualifiers before (`about`, `more than`, `at least`, `up to`, `nearly`,
//!   `less than` …) and after (`or more`, `or less`, `or so`, `+`), ranges
//!   (`between X and Y`, `X to Y`, `X-Y`) with the magnitude and currency of
//!   either end applied to both.
//!
//! Identifiers are told by token shape, not by a list of names: a number glued
//! to letters (`A100`, `B2B`, `5G`), after a letter and a hyphen (`GPT-4`,
//! `COVID-19`), after a capitalised word and a space when it looks like a
//! version (`Office 365`, `Llama 3.1`, `May 4`; a function word such as `Over`
//! or `The` does not count), or after such a version (`Llama 3.1 405B`) is
//! part of a name; dates, times, years, list numbers and URLs are skipped.

use super::{Outcome, Piece, at_line_start, minus_is_sign, prev_char, to_quantity, word_run_end};
use crate::quantity::chars::{char_at, is_alphanumeric};
use crate::quantity::numeral::{Numeral, Reading, Vague, negate, read_arabic};
use crate::quantity::types::{Currency, Per, Qualifier, Quantity, TimeUnit, Unit};
use crate::quantity::units::{Bound, currency_suffix as cn_currency_suffix, prefix_qualifier};
use rust_decimal::Decimal;

/// Letters an English numeral can start with: a(n) b(illions) d(ozen)
/// e(ight) f(our) h(alf) m(illions, minus) n(ine, negative) o(ne) q(uarter)
/// s(ix, several) t(wo, tens) z(ero).
const START_LETTERS: u32 = {
    let s = b"abdefhmnoqstz";
    let mut bits = 0u32;
    let mut i = 0;
    while i < s.len() {
        bits |= 1 << (s[i] - b'a');
        i += 1;
    }
    bits
};

/// Whether byte `pos` (an ASCII letter) starts a word that may begin an
/// English numeral. Cheap: a bit test on the first letter, a look at the
/// byte before, then the first two letters.
#[inline(always)]
pub(super) fn word_start(bytes: &[u8], pos: usize) -> bool {
    let b = bytes[pos] | 0x20;
    b.is_ascii_lowercase()
        && (START_LETTERS >> (b - b'a')) & 1 != 0
        && (pos == 0 || !bytes[pos - 1].is_ascii_alphanumeric())
        && start_pair(b, bytes.get(pos + 1).map_or(0, |c| c | 0x20))
}

/// The length of the run of ASCII letters that `rest` starts with, or 1:
/// the scanner steps over a word that does not start a numeral at once.
#[inline(always)]
pub(super) fn letters_from(rest: &[u8]) -> usize {
    if !rest[0].is_ascii_alphabetic() {
        return 1;
    }
    let mut n = 1;
    while n < rest.len() && rest[n].is_ascii_alphabetic() {
        n += 1;
    }
    n
}

/// The first two letters (lower case) of the words a numeral can start
/// with: one, two … ninety, hundreds, a(n), half, quarter, minus, several,
/// tens, dozens, nought, zero.
#[inline]
fn start_pair(b0: u8, b1: u8) -> bool {
    match b0 {
        b'a' => !b1.is_ascii_lowercase() || b1 == b'n',
        b'b' => b1 == b'i',
        b'd' => b1 == b'o',
        b'e' => b1 == b'i' || b1 == b'l',
        b'f' => b1 == b'o' || b1 == b'i',
        b'h' => b1 == b'u' || b1 == b'a',
        b'm' => b1 == b'i',
        b'n' => matches!(b1, b'o' | b'a' | b'i' | b'e'),
        b'o' => b1 == b'n',
        b'q' => b1 == b'u',
        b's' => b1 == b'i' || b1 == b'e',
        b't' => matches!(b1, b'w' | b'h' | b'e' | b'r'),
        b'z' => b1 == b'e',
        _ => false,
    }
}

/// Whether the gap between a lower and an upper bound joins them into one
/// range (`more than 10 and less than 20`).
pub(super) fn joins_bounds(gap: &str) -> bool {
    let g = gap.trim_matches(|c: char| c == ' ' || c == ',');
    g.eq_ignore_ascii_case("and") || g.eq_ignore_ascii_case("but")
}

/// Whether a percent quantity was stated in percentage points (`2.5
/// percentage points`, `3 pp`, `5个百分点`): the unit stays `Percent`, and
/// the span, which keeps the unit words, tells the two apart.
pub fn is_percentage_points(span: &str) -> bool {
    let s = span.trim_end().to_ascii_lowercase();
    s.ends_with("points")
        || s.ends_with("point")
        || s.ends_with("pp")
        || s.ends_with("ppts")
        || s.ends_with("ppt")
        || s.ends_with("百分点")
}

// ---------------------------------------------------------------------------
// Small text helpers.

/// An ASCII word lower-cased into a small buffer.
#[derive(Clone, Copy)]
struct Lw {
    buf: [u8; 16],
    len: usize,
}

impl Lw {
    fn as_str(&self) -> &str {
        // Only ASCII letters are stored.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }

    fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// The run of ASCII letters at `pos`, lower-cased, and its end. None when
/// there is no letter there or the word is too long to be one we know.
fn word_at(b: &[u8], pos: usize) -> Option<(Lw, usize)> {
    let mut e = pos;
    while e < b.len() && b[e].is_ascii_alphabetic() {
        e += 1;
    }
    if e == pos || e - pos > 16 {
        return None;
    }
    let mut w = Lw {
        buf: [0; 16],
        len: e - pos,
    };
    for (i, c) in b[pos..e].iter().enumerate() {
        w.buf[i] = c.to_ascii_lowercase();
    }
    Some((w, e))
}

/// The lower-cased word at `pos` if it is followed by a non-letter.
fn word_is(b: &[u8], pos: usize, w: &str) -> bool {
    let n = w.len();
    b.len() >= pos + n
        && b[pos..pos + n].eq_ignore_ascii_case(w.as_bytes())
        && !b.get(pos + n).is_some_and(u8::is_ascii_alphanumeric)
}

/// Position after ASCII spaces and tabs.
fn skip_sp(b: &[u8], mut p: usize) -> usize {
    while p < b.len() && (b[p] == b' ' || b[p] == b'\t') {
        p += 1;
    }
    p
}

/// Start of the ASCII spaces ending at `p`.
fn back_sp(b: &[u8], mut p: usize) -> usize {
    while p > 0 && (b[p - 1] == b' ' || b[p - 1] == b'\t') {
        p -= 1;
    }
    p
}

/// A phrase of words (single spaces in `phrase` match any run of spaces,
/// case ignored) at `pos`, ending at a word boundary; returns its end.
fn phrase_at(b: &[u8], pos: usize, phrase: &str) -> Option<usize> {
    let mut p = pos;
    for &c in phrase.as_bytes() {
        if c == b' ' {
            let q = skip_sp(b, p);
            if q == p {
                return None;
            }
            p = q;
        } else {
            if b.get(p).map(u8::to_ascii_lowercase) != Some(c) {
                return None;
            }
            p += 1;
        }
    }
    let last = phrase.as_bytes().last().copied().unwrap_or(b' ');
    if last.is_ascii_alphanumeric() && b.get(p).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    Some(p)
}

/// A phrase ending at `end` (spaces before `end` are not skipped here);
/// returns its start, which must be at a word boundary. A space in the
/// phrase matches a run of spaces.
fn phrase_before(b: &[u8], end: usize, phrase: &str) -> Option<usize> {
    let ph = phrase.as_bytes();
    let mut p = end;
    let mut i = ph.len();
    while i > 0 {
        let c = ph[i - 1];
        if c == b' ' {
            let q = back_sp(b, p);
            if q == p {
                return None;
            }
            p = q;
        } else {
            if p == 0 || b[p - 1].to_ascii_lowercase() != c {
                return None;
            }
            p -= 1;
        }
        i -= 1;
    }
    let first = ph.first().copied().unwrap_or(b' ');
    if first.is_ascii_alphanumeric() && p > 0 && b[p - 1].is_ascii_alphanumeric() {
        return None;
    }
    Some(p)
}

/// The word (ASCII letters) ending at `end`, after skipping spaces; with its start.
fn word_before(b: &[u8], end: usize) -> Option<(Lw, usize)> {
    let e = back_sp(b, end);
    let mut s = e;
    while s > 0 && b[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    if s == e {
        return None;
    }
    if s > 0 && b[s - 1].is_ascii_digit() {
        return None;
    }
    word_at(b, s)
        .filter(|&(_, we)| we == e)
        .map(|(w, _)| (w, s))
}

fn is_cjk(c: char) -> bool {
    !c.is_ascii() && is_alphanumeric(c)
}

fn dec(v: i64) -> Decimal {
    Decimal::from(v)
}

fn pow10(n: u32) -> Decimal {
    Decimal::from_i128_with_scale(10i128.pow(n), 0)
}

// ---------------------------------------------------------------------------
// Entry point.

/// Reads an English quantity at `pos` (an ASCII byte that `scan` found as a
/// candidate). None hands a digit back to the Chinese grammar: the number is
/// not in English context.
pub(super) fn quantity_at(text: &str, pos: usize, floor: usize) -> Option<Outcome> {
    let b = text.as_bytes();
    if !b[pos].is_ascii() {
        // Only a vulgar fraction (`½ million`) starts an English numeral with a
        // character outside ASCII; the Chinese grammar does not read it.
        return vulgar_fraction(b, pos).map(|_| read_quantity(text, pos, floor));
    }
    if b[pos].is_ascii_alphabetic() {
        // Most words are no number: one lookup rejects them before any parsing.
        let numeric = word_at(b, pos).filter(|&(w, end)| {
            !b.get(end).is_some_and(u8::is_ascii_digit) && number_word(w.as_bytes(), None).is_some()
        });
        return Some(match numeric {
            Some(_) => read_quantity(text, pos, floor),
            None => Outcome::Skip(word_run_end(text, pos).max(pos + 1)),
        });
    }
    // Between two Chinese characters (有79个, 约1.5亿): the Chinese grammar's, at once.
    if pos > 0 && b[pos - 1] >= 0x80 {
        let mut e = pos + 1;
        while e < b.len() && (b[e].is_ascii_digit() || b[e] == b'.' || b[e] == b',') {
            e += 1;
        }
        if b.get(e).is_none_or(|&c| c >= 0xE0) {
            return None;
        }
    }
    if !english_context(text, pos) {
        return None;
    }
    Some(read_quantity(text, pos, floor))
}

/// Whether the number at `pos` stands among English words: letters glued to
/// it (`8B`, `25k`, `5G`), or an ASCII word as the nearest word on either side
/// with no Chinese character as the other nearest neighbour.
fn english_context(text: &str, pos: usize) -> bool {
    let b = text.as_bytes();
    let mut e = pos;
    while e < b.len() && (b[e].is_ascii_digit() || b[e] == b',' || b[e] == b'.') {
        e += 1;
    }
    // `1½`: the fraction is part of the figure, not a word beside it.
    e += vulgar_fraction(b, e).map_or(0, |(_, len)| len);
    if b.get(e).is_some_and(u8::is_ascii_alphabetic) {
        // 8B, 25k GPUs, 5G; but 12k个百分点 is the Chinese grammar's (it reads `k`).
        // 640w, 3W元 (万 or watts) are the Chinese grammar's too.
        let k_then_chinese =
            matches!(b[e], b'k' | b'K') && b.get(e + 1).is_some_and(|c| !c.is_ascii());
        let wan = matches!(b[e], b'w' | b'W') && !b.get(e + 1).is_some_and(u8::is_ascii_alphabetic);
        return !k_then_chinese && !wan;
    }
    if pos > 0
        && matches!(b[pos - 1], b'=' | b'&' | b'%' | b'#' | b'@' | b'\\' | b'_')
        && !(b[pos - 1] == b'=' && super::equals_value(text, pos - 1))
    {
        // Inside a URL or code: the English reader skips the whole token.
        return true;
    }
    if char_at(text, skip_sp(b, e)).is_some_and(|c| symbol_currency(c).is_some()) {
        // 10 $, 5 €: a currency sign after the figure.
        return true;
    }
    // The nearest word to the right, past spaces, digits and signs.
    let mut r = e;
    let limit = (e + 16).min(b.len());
    while r < limit
        && matches!(
            b[r],
            b' ' | b'0'..=b'9' | b',' | b'.' | b'%' | b'-' | b':' | b'$' | b'/'
        )
    {
        r += 1;
    }
    let right = char_at(text, r);
    if right.is_some_and(|c| c != '$' && symbol_currency(c).is_some()) {
        return true;
    }
    // An ASCII word glued to Chinese (GPU小时, 每百万Token) is part of Chinese
    // text; so is a 万 letter glued to a second figure (3-5w个).
    let mut embedded = false;
    if right.is_some_and(|c| c.is_ascii_alphabetic()) {
        if matches!(b[r], b'w' | b'W') && b[r - 1].is_ascii_digit() {
            return false;
        }
        let we = r + letters_from(&b[r..]);
        embedded = char_at(text, we).is_some_and(is_cjk);
        if !embedded {
            return true;
        }
    }
    let mut l = pos;
    let stop = pos.saturating_sub(16);
    while l > stop
        && matches!(
            b[l - 1],
            b' ' | b'0'..=b'9' | b',' | b'.' | b'$' | b'(' | b'%' | b'-' | b'<' | b'>' | b'='
        )
    {
        l -= 1;
    }
    let left = prev_char(text, l);
    if embedded || right.is_some_and(is_cjk) || left.is_some_and(is_cjk) {
        return false;
    }
    if !left.is_some_and(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    let mut ws = l;
    while ws > 0 && b[ws - 1].is_ascii_alphabetic() {
        ws -= 1;
    }
    !prev_char(text, ws).is_some_and(is_cjk)
}

/// One English quantity (or range) at `pos`.
fn read_quantity(text: &str, pos: usize, floor: usize) -> Outcome {
    let first = match en_piece(text, pos, floor, Mode::First) {
        Ok(p) => p,
        Err(o) => return o,
    };
    match en_range(text, &first) {
        Ok(Some(q)) => return Outcome::Found(q),
        Ok(None) => {}
        Err(o) => return o,
    }
    Outcome::Found(to_quantity(&first.piece, None))
}

// ---------------------------------------------------------------------------
// Tokens of a numeral.

/// What a denominator word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OrdKind {
    /// half, halves.
    Half,
    /// quarter(s): also a period of time, so read with care.
    Quarter,
    /// first … ninth: binds a tens word before it (`thirty fifths` = 35ths).
    Unit,
    /// tenth … ninetieth.
    Other,
    /// hundredth, thousandth, millionth …
    Mag,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Ordinal {
    den: Decimal,
    plural: bool,
    kind: OrdKind,
}

/// Digits read as one token, with any glued magnitude already applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Digits {
    value: Decimal,
    /// Digit count of a bare integer (no grouping, decimals or suffix).
    plain: Option<usize>,
    /// The magnitude of a suffix (`k`, `M`, `bn` …).
    suffix: Option<Decimal>,
    /// A lower-case `m` glued: metres or minutes before some words.
    lower_m: bool,
    /// A glued `x`: a multiple (`10x`).
    times: bool,
    /// Written with `,` groups or a decimal point.
    formatted: bool,
    /// A single digit with a glued upper-case `K` (`4K`, `8K`): a resolution.
    resolution: bool,
}

impl Digits {
    /// A value written in a form of its own (`1,00,000`, `½`, `1½`): formatted, with
    /// no suffix, no plain digit count and no glued letter.
    fn written(value: Decimal) -> Digits {
        Digits {
            value,
            plain: None,
            suffix: None,
            lower_m: false,
            times: false,
            formatted: true,
            resolution: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum W {
    Digits(Digits),
    /// zero … nineteen.
    Unit(u32),
    /// twenty … ninety.
    Tens(u32),
    Hundred,
    /// thousand, million, billion, trillion, lakh, crore (bn, mn … after digits).
    Big(Decimal),
    Dozen,
    /// a, an.
    A,
    And,
    Point,
    Of,
    Minus,
    Several,
    Few,
    Ord(Ordinal),
    /// tens, hundreds, thousands, millions … dozens: vague before `of`.
    Plural(Decimal),
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    w: W,
    start: usize,
    end: usize,
    /// Joined to the token before by a hyphen (`twenty-five`).
    hyphen: bool,
}

/// Why digits are not a number token.
enum DigitsErr {
    /// Part of an identifier or a date: skip to here.
    Skip(usize),
    /// No number here.
    None,
}

fn ord(den: i64, plural: bool, kind: OrdKind) -> W {
    W::Ord(Ordinal {
        den: dec(den),
        plural,
        kind,
    })
}

/// The number word `w` (lower case), given the token before it.
fn number_word(w: &[u8], prev: Option<&W>) -> Option<W> {
    use OrdKind::*;
    let after_digits = matches!(prev, Some(W::Digits(d)) if d.suffix.is_none());
    let after_number = matches!(
        prev,
        Some(W::Digits(_) | W::Unit(_) | W::Tens(_) | W::Hundred | W::Big(_) | W::A)
    );
    Some(match w {
        b"zero" | b"nought" | b"naught" => W::Unit(0),
        b"one" => W::Unit(1),
        b"two" => W::Unit(2),
        b"three" => W::Unit(3),
        b"four" => W::Unit(4),
        b"five" => W::Unit(5),
        b"six" => W::Unit(6),
        b"seven" => W::Unit(7),
        b"eight" => W::Unit(8),
        b"nine" => W::Unit(9),
        b"ten" => W::Unit(10),
        b"eleven" => W::Unit(11),
        b"twelve" => W::Unit(12),
        b"thirteen" => W::Unit(13),
        b"fourteen" => W::Unit(14),
        b"fifteen" => W::Unit(15),
        b"sixteen" => W::Unit(16),
        b"seventeen" => W::Unit(17),
        b"eighteen" => W::Unit(18),
        b"nineteen" => W::Unit(19),
        b"twenty" => W::Tens(20),
        b"thirty" => W::Tens(30),
        b"forty" => W::Tens(40),
        b"fifty" => W::Tens(50),
        b"sixty" => W::Tens(60),
        b"seventy" => W::Tens(70),
        b"eighty" => W::Tens(80),
        b"ninety" => W::Tens(90),
        b"hundred" => W::Hundred,
        b"thousand" => W::Big(dec(1000)),
        b"million" => W::Big(pow10(6)),
        b"billion" => W::Big(pow10(9)),
        b"trillion" => W::Big(pow10(12)),
        b"lakh" | b"lakhs" | b"lac" => W::Big(pow10(5)),
        b"crore" | b"crores" => W::Big(pow10(7)),
        b"mn" | b"mln" | b"mil" if after_digits => W::Big(pow10(6)),
        b"bn" | b"bln" | b"bil" if after_digits => W::Big(pow10(9)),
        b"tn" | b"tln" | b"trn" if after_digits => W::Big(pow10(12)),
        b"dozen" | b"dz" | b"doz" => W::Dozen,
        b"dozens" | b"dzs" | b"dozs" if after_number => W::Dozen,
        b"dozens" => W::Plural(dec(12)),
        b"a" | b"an" => W::A,
        b"and" => W::And,
        b"point" => W::Point,
        b"of" => W::Of,
        b"minus" | b"negative" => W::Minus,
        b"several" => W::Several,
        b"few" => W::Few,
        b"half" => ord(2, false, Half),
        b"halves" => ord(2, true, Half),
        b"quarter" => ord(4, false, Quarter),
        b"quarters" => ord(4, true, Quarter),
        b"first" => ord(1, false, Unit),
        b"firsts" => ord(1, true, Unit),
        b"third" => ord(3, false, Unit),
        b"thirds" => ord(3, true, Unit),
        b"fourth" => ord(4, false, Unit),
        b"fourths" => ord(4, true, Unit),
        b"fifth" => ord(5, false, Unit),
        b"fifths" => ord(5, true, Unit),
        b"sixth" => ord(6, false, Unit),
        b"sixths" => ord(6, true, Unit),
        b"seventh" => ord(7, false, Unit),
        b"sevenths" => ord(7, true, Unit),
        b"eighth" => ord(8, false, Unit),
        b"eighths" => ord(8, true, Unit),
        b"ninth" => ord(9, false, Unit),
        b"ninths" => ord(9, true, Unit),
        b"tenth" => ord(10, false, Other),
        b"tenths" => ord(10, true, Other),
        b"eleventh" => ord(11, false, Other),
        b"elevenths" => ord(11, true, Other),
        b"twelfth" => ord(12, false, Other),
        b"twelfths" => ord(12, true, Other),
        b"thirteenth" => ord(13, false, Other),
        b"thirteenths" => ord(13, true, Other),
        b"fourteenth" => ord(14, false, Other),
        b"fourteenths" => ord(14, true, Other),
        b"fifteenth" => ord(15, false, Other),
        b"fifteenths" => ord(15, true, Other),
        b"sixteenth" => ord(16, false, Other),
        b"sixteenths" => ord(16, true, Other),
        b"seventeenth" => ord(17, false, Other),
        b"seventeenths" => ord(17, true, Other),
        b"eighteenth" => ord(18, false, Other),
        b"eighteenths" => ord(18, true, Other),
        b"nineteenth" => ord(19, false, Other),
        b"nineteenths" => ord(19, true, Other),
        b"twentieth" => ord(20, false, Other),
        b"twentieths" => ord(20, true, Other),
        b"thirtieth" => ord(30, false, Other),
        b"thirtieths" => ord(30, true, Other),
        b"fortieth" => ord(40, false, Other),
        b"fortieths" => ord(40, true, Other),
        b"fiftieth" => ord(50, false, Other),
        b"fiftieths" => ord(50, true, Other),
        b"sixtieth" => ord(60, false, Other),
        b"sixtieths" => ord(60, true, Other),
        b"seventieth" => ord(70, false, Other),
        b"seventieths" => ord(70, true, Other),
        b"eightieth" => ord(80, false, Other),
        b"eightieths" => ord(80, true, Other),
        b"ninetieth" => ord(90, false, Other),
        b"ninetieths" => ord(90, true, Other),
        b"hundredth" => ord(100, false, Mag),
        b"hundredths" => ord(100, true, Mag),
        b"thousandth" => ord(1000, false, Mag),
        b"thousandths" => ord(1000, true, Mag),
        b"millionth" | b"millionths" | b"billionth" | b"billionths" | b"trillionth"
        | b"trillionths" => {
            let n = match w[0] {
                b'm' => 6,
                b'b' => 9,
                _ => 12,
            };
            W::Ord(Ordinal {
                den: pow10(n),
                plural: w.ends_with(b"s"),
                kind: Mag,
            })
        }
        b"tens" => W::Plural(dec(10)),
        // two out of five hundreds
        b"hundreds" if after_number => W::Hundred,
        b"hundreds" => W::Plural(dec(100)),
        b"thousands" => W::Plural(dec(1000)),
        b"millions" => W::Plural(pow10(6)),
        b"billions" => W::Plural(pow10(9)),
        b"trillions" => W::Plural(pow10(12)),
        _ => return None,
    })
}

/// Glued magnitude suffixes after digits (`25k` is read by `read_arabic`).
fn glued_suffix(word: &[u8]) -> Option<Decimal> {
    Some(match word {
        b"M" | b"m" | b"MM" | b"mn" | b"Mn" | b"mln" | b"mil" => pow10(6),
        b"B" | b"b" | b"bn" | b"Bn" | b"BN" | b"bln" | b"bil" => pow10(9),
        b"T" | b"tn" | b"Tn" | b"tln" | b"trn" => pow10(12),
        _ => return None,
    })
}

/// Kinds of product after a figure with a suffix make it a model number
/// (`910B chips`), not an amount.
fn product_noun(text: &str, p: usize) -> bool {
    let rest = text.get(p..).unwrap_or("");
    ["芯片", "显卡", "处理器", "服务器", "加速卡"]
        .iter()
        .any(|w| rest.starts_with(w))
        || word_at(text.as_bytes(), p).is_some_and(|(w, _)| {
            matches!(
                w.as_str(),
                "chip"
                    | "chips"
                    | "gpu"
                    | "gpus"
                    | "card"
                    | "cards"
                    | "processor"
                    | "processors"
                    | "accelerator"
                    | "accelerators"
            )
        })
}

/// Currency codes glued to digits or used as words (`115usd`, `USD 200`).
fn currency_code(w: &str) -> Option<Currency> {
    Some(match w {
        "usd" => Currency::USD,
        "rmb" | "cny" => Currency::CNY,
        "eur" => Currency::EUR,
        "jpy" => Currency::JPY,
        "hkd" => Currency::HKD,
        "gbp" => Currency::GBP,
        "twd" | "ntd" => Currency::TWD,
        "krw" => Currency::KRW,
        "inr" => Currency::INR,
        "aud" => Currency::AUD,
        "cad" => Currency::CAD,
        "chf" => Currency::CHF,
        "sgd" => Currency::SGD,
        "rub" => Currency::RUB,
        "thb" => Currency::THB,
        "nzd" => Currency::NZD,
        "sek" => Currency::SEK,
        "nok" => Currency::NOK,
        "dkk" => Currency::DKK,
        "pln" => Currency::PLN,
        "czk" => Currency::CZK,
        "huf" => Currency::HUF,
        "zar" => Currency::ZAR,
        "brl" => Currency::BRL,
        "mxn" => Currency::MXN,
        "clp" => Currency::CLP,
        "idr" => Currency::IDR,
        "myr" => Currency::MYR,
        "vnd" => Currency::VND,
        "pkr" => Currency::PKR,
        "lkr" => Currency::LKR,
        "bdt" => Currency::BDT,
        "aed" => Currency::AED,
        "qar" => Currency::QAR,
        "ngn" => Currency::NGN,
        "uah" => Currency::UAH,
        "kzt" => Currency::KZT,
        "btc" => Currency::BTC,
        "dem" => Currency::DEM,
        "frf" => Currency::FRF,
        "nlg" => Currency::NLG,
        // TRY, COP, PHP, ARS, SAR, ILS, EGP, KES and MOP are left out: as words they are
        // English (`try`, `cop`), a language or an abbreviation (`SAR` regions), and
        // their names (`turkish lira`, `pesos`) read the figure.
        _ => return None,
    })
}

/// Digits at `pos`: `read_arabic` (groups, decimals, `k`, exponents), then
/// space groups (`1 234 567`), `x10^6`, and a glued suffix or unit letters.
fn read_digits(text: &str, pos: usize) -> Result<(Digits, usize), DigitsErr> {
    let b = text.as_bytes();
    if let Some((value, len)) = vulgar_fraction(b, pos) {
        // `½`, `⅔ of`: a fraction written as one character.
        return Ok((Digits::written(value), pos + len));
    }
    if let Some((v, e)) = indian_grouping(b, pos) {
        return Ok((Digits::written(v), e));
    }
    let Ok(Some((mut value, mut end, plain))) = read_arabic(text, pos) else {
        return Err(DigitsErr::None);
    };
    let raw_end = {
        let mut e = pos;
        while e < b.len() && (b[e].is_ascii_digit() || b[e] == b',' || b[e] == b'.') {
            e += 1;
        }
        e.min(end)
    };
    if end == raw_end
        && plain.is_some()
        && let Some((fraction, len)) = vulgar_fraction(b, end)
        && let Some(v) = value.checked_add(fraction)
    {
        // `1½`, `2¾ million`: a whole number and a fraction character glued to it.
        return Ok((Digits::written(v), end + len));
    }
    let has_k = end > raw_end && b[raw_end..end].iter().any(|c| c | 0x20 == b'k');
    let mut d = Digits {
        value,
        plain,
        suffix: has_k.then_some(dec(1000)),
        lower_m: false,
        times: false,
        formatted: b[pos..raw_end].iter().any(|&c| c == b',' || c == b'.'),
        resolution: false,
    };
    if has_k && end == raw_end + 1 && b[raw_end] == b'K' && plain.is_none() && raw_end == pos + 1 {
        // 4K, 8K: a resolution unless a currency or `tokens` makes it an amount.
        d.resolution = true;
    }
    if d.plain.is_some_and(|n| n <= 3) {
        // 1 234 567: groups of three after single spaces.
        let mut v = value;
        let mut e = end;
        let mut grouped = false;
        while b.get(e) == Some(&b' ')
            && b.len() >= e + 4
            && b[e + 1..e + 4].iter().all(u8::is_ascii_digit)
            && !b.get(e + 4).is_some_and(|c| c.is_ascii_alphanumeric())
        {
            let group = b[e + 1..e + 4]
                .iter()
                .fold(0i64, |n, c| n * 10 + i64::from(c - b'0'));
            match v.checked_mul(dec(1000)) {
                Some(x) => v = x + dec(group),
                None => break,
            }
            e += 4;
            grouped = true;
        }
        if grouped {
            if b.get(e) == Some(&b'.') && b.get(e + 1).is_some_and(u8::is_ascii_digit) {
                let mut f = e + 1;
                while f < b.len() && b[f].is_ascii_digit() {
                    f += 1;
                }
                let frac: Decimal = std::str::from_utf8(&b[e..f])
                    .ok()
                    .and_then(|s| format!("0{s}").parse().ok())
                    .unwrap_or_default();
                v += frac;
                e = f;
            }
            value = v;
            end = e;
            d.value = v;
            d.plain = None;
            d.formatted = true;
        }
    }
    // 1.3x10^6, 6.23x10^-4
    if b.get(end) == Some(&b'x') && b.get(end + 1..end + 4) == Some(b"10^") {
        let mut q = end + 4;
        let neg = b.get(q) == Some(&b'-');
        if neg || b.get(q) == Some(&b'+') {
            q += 1;
        }
        let s = q;
        let mut n = 0u32;
        while q < b.len() && b[q].is_ascii_digit() && q - s < 2 {
            n = n * 10 + u32::from(b[q] - b'0');
            q += 1;
        }
        if q > s && n <= 20 && !b.get(q).is_some_and(u8::is_ascii_alphanumeric) {
            let f = pow10(n);
            let Some(v) = (if neg {
                value.checked_div(f)
            } else {
                value.checked_mul(f)
            }) else {
                return Err(DigitsErr::Skip(q));
            };
            d.value = v;
            d.plain = None;
            return Ok((d, q));
        }
    }
    let Some(&c) = b.get(end) else {
        return Ok((d, end));
    };
    if !c.is_ascii_alphabetic() {
        return Ok((d, end));
    }
    if super::accelerators_after(text, end) {
        // 8xA100: eight accelerators (the caller reads the count).
        d.times = true;
        return Ok((d, end + 1));
    }
    let mut e = end;
    while e < b.len() && b[e].is_ascii_alphabetic() {
        e += 1;
    }
    let letters = &b[end..e];
    let glued_word = b.get(e).is_some_and(|c| c.is_ascii_digit() || *c == b'_');
    if glued_word {
        return Err(DigitsErr::Skip(word_run_end(text, pos)));
    }
    if value == dec(2) && plain == Some(1) && matches!(letters, b"B" | b"C" | b"G") {
        // 2B, 2C, 2G: "to business", "to consumer", "to government".
        let q = skip_sp(b, e);
        let params = ["参数", "模型", "param", "model", "Param", "Model"]
            .iter()
            .any(|w| text.get(q..).is_some_and(|t| t.starts_with(w)));
        if !params {
            return Err(DigitsErr::Skip(e));
        }
    }
    if let Some(m) = glued_suffix(letters) {
        if product_noun(text, skip_sp(b, e)) {
            // 昇腾910B芯片, Ascend 910B chips: a model number.
            return Err(DigitsErr::Skip(e));
        }
        let Some(v) = value.checked_mul(m) else {
            return Err(DigitsErr::Skip(e));
        };
        d.value = v;
        d.plain = None;
        d.suffix = Some(m);
        d.lower_m = letters == b"m";
        return Ok((d, e));
    }
    if letters == b"x" || letters == b"X" {
        d.times = true;
        return Ok((d, e));
    }
    let lw = std::str::from_utf8(letters)
        .unwrap_or("")
        .to_ascii_lowercase();
    if matches!(lw.as_str(), "st" | "nd" | "rd" | "th") {
        // 4th, 21st: an ordinal (the caller reads 1/11th).
        return Err(DigitsErr::Skip(e));
    }
    if currency_code(&lw).is_some()
        || (lw.len() == 4 && lw.starts_with('m') && currency_code(&lw[1..]).is_some())
        || matches!(
            lw.as_str(),
            "pct" | "pc" | "ppt" | "pp" | "bp" | "bps" | "am" | "pm" | "s"
        )
        || (lw.len() >= 3 && duration_word(&lw).is_some())
    {
        // 178days, 3months: a duration with its space lost.
        // 115usd, 30MUSD, 5pct: read as units by the caller (am/pm, 1990s skipped there).
        return Ok((d, end));
    }
    Err(DigitsErr::Skip(word_run_end(text, pos)))
}

/// `12,34,567.89`: lakh grouping (two digits between commas, three last).
fn indian_grouping(b: &[u8], pos: usize) -> Option<(Decimal, usize)> {
    let mut i = pos;
    while i < b.len() && b[i].is_ascii_digit() && i - pos < 2 {
        i += 1;
    }
    if i == pos || b.get(i) != Some(&b',') {
        return None;
    }
    let mut pairs = 0;
    while b.get(i) == Some(&b',')
        && b.get(i + 1..i + 3)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && b.get(i + 3) == Some(&b',')
    {
        i += 3;
        pairs += 1;
    }
    let last_group = b.get(i) == Some(&b',')
        && b.get(i + 1..i + 4)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && !b.get(i + 4).is_some_and(u8::is_ascii_digit);
    if pairs == 0 || !last_group {
        return None;
    }
    let mut e = i + 4;
    if b.get(e) == Some(&b'.') && b.get(e + 1).is_some_and(u8::is_ascii_digit) {
        e += 1;
        while e < b.len() && b[e].is_ascii_digit() {
            e += 1;
        }
    }
    let digits: String = b[pos..e]
        .iter()
        .filter(|&&c| c != b',')
        .map(|&c| char::from(c))
        .collect();
    digits.parse().ok().map(|v| (v, e))
}

/// The fraction a vulgar-fraction character at `pos` stands for (`½`, `¾`, `⅔`) and its
/// length in bytes.
pub(super) fn vulgar_fraction(b: &[u8], pos: usize) -> Option<(Decimal, usize)> {
    let (n, d, len) = match *b.get(pos..pos + 2)? {
        [0xC2, x @ 0xBC..=0xBE] => match x {
            0xBC => (1, 4, 2),
            0xBD => (1, 2, 2),
            _ => (3, 4, 2),
        },
        [0xE2, 0x85] => {
            // U+2150 ⅐ … U+215E ⅞.
            let (n, d) = match *b.get(pos + 2)? {
                0x90 => (1, 7),
                0x91 => (1, 9),
                0x92 => (1, 10),
                0x93 => (1, 3),
                0x94 => (2, 3),
                0x95 => (1, 5),
                0x96 => (2, 5),
                0x97 => (3, 5),
                0x98 => (4, 5),
                0x99 => (1, 6),
                0x9A => (5, 6),
                0x9B => (1, 8),
                0x9C => (3, 8),
                0x9D => (5, 8),
                0x9E => (7, 8),
                _ => return None,
            };
            (n, d, 3)
        }
        _ => return None,
    };
    Some((dec(n).checked_div(dec(d))?, len))
}

/// The tokens of a numeral starting at `pos`, up to the first word that is
/// not part of one. Tokens are separated by spaces or a hyphen.
fn tokens(text: &str, pos: usize) -> Result<Vec<Tok>, DigitsErr> {
    let b = text.as_bytes();
    let mut toks: Vec<Tok> = Vec::new();
    let mut p = pos;
    let mut hyphen = false;
    loop {
        let c = b[p];
        let tok = if c.is_ascii_digit() || c == b'.' || vulgar_fraction(b, p).is_some() {
            match read_digits(text, p) {
                Ok((d, end)) => Tok {
                    w: W::Digits(d),
                    start: p,
                    end,
                    hyphen,
                },
                Err(e) if toks.is_empty() => return Err(e),
                Err(_) => break,
            }
        } else if c.is_ascii_alphabetic() {
            let Some((w, end)) = word_at(b, p) else {
                break;
            };
            if b.get(end).is_some_and(u8::is_ascii_digit) {
                break;
            }
            let prev = toks.last().map(|t| &t.w);
            let mut word = number_word(w.as_bytes(), prev);
            if word.is_none()
                && let Some(last) = toks.last()
                && let W::Digits(d) = last.w
                && d.formatted
                && d.suffix.is_none()
                && end == p + 1
                && !b.get(end).is_some_and(|&c| {
                    c == b'-' || c == b'.' && b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric)
                })
            {
                // 1,674,200.5 M: a spaced magnitude letter after a formatted
                // number (lower case only after `,` groups: 5.5 m is metres).
                let grouped = text[last.start..last.end].contains(',');
                word = match c {
                    b'M' => Some(W::Big(pow10(6))),
                    b'B' => Some(W::Big(pow10(9))),
                    b'T' => Some(W::Big(pow10(12))),
                    b'm' if grouped => Some(W::Big(pow10(6))),
                    b'b' if grouped => Some(W::Big(pow10(9))),
                    b't' if grouped => Some(W::Big(pow10(12))),
                    _ => None,
                };
            }
            let Some(word) = word else {
                break;
            };
            // twenty-first, thirty-fifths: one denominator.
            if hyphen
                && let W::Ord(o) = word
                && o.kind == OrdKind::Unit
                && let Some(last) = toks.last_mut()
                && let W::Tens(t) = last.w
            {
                last.w = W::Ord(Ordinal {
                    den: dec(i64::from(t)) + o.den,
                    plural: o.plural,
                    kind: OrdKind::Other,
                });
                last.end = end;
                p = end;
            } else {
                toks.push(Tok {
                    w: word,
                    start: p,
                    end,
                    hyphen,
                });
                p = end;
            }
            if toks.len() >= 24 {
                break;
            }
            let Some(next) = separator(b, p) else {
                break;
            };
            hyphen = next.1;
            p = next.0;
            continue;
        } else {
            break;
        };
        let digits_end = tok.end;
        toks.push(tok);
        if toks.len() >= 24 {
            break;
        }
        let Some((q, h)) = separator(b, digits_end) else {
            break;
        };
        // 2-12: a range, read by the caller; but `a 175-billion-parameter model`,
        // `a $10-million round`: a magnitude word after the hyphen scales the digits.
        let magnitude = || {
            word_at(b, q).is_some_and(|(w, e)| {
                !b.get(e).is_some_and(u8::is_ascii_digit)
                    && matches!(number_word(w.as_bytes(), None), Some(W::Big(_)))
            })
        };
        if h && !magnitude() {
            break;
        }
        p = q;
        hyphen = h;
    }
    Ok(toks)
}

/// The start of the next token after `end`: spaces, or a hyphen with
/// optional spaces around it. None if neither follows.
fn separator(b: &[u8], end: usize) -> Option<(usize, bool)> {
    let q = skip_sp(b, end);
    if b.get(q) == Some(&b'-') {
        let r = skip_sp(b, q + 1);
        if b.get(r).is_some_and(u8::is_ascii_alphanumeric) {
            return Some((r, true));
        }
        return None;
    }
    (q > end
        && b.get(q)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.'))
    .then_some((q, false))
}

// ---------------------------------------------------------------------------
// Reading a numeral from its tokens.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cur {
    Empty,
    Zero,
    Units,
    Teen,
    Tens,
    TensUnits,
    Digits,
    Decimal,
    Done,
}

#[derive(Clone, Copy, Debug)]
struct Acc {
    total: Decimal,
    section: Decimal,
    cur: Decimal,
    state: Cur,
    hundred: bool,
    last_big: Option<Decimal>,
    last_was_big: bool,
}

impl Acc {
    fn value(&self) -> Decimal {
        self.total
            .checked_add(self.section)
            .and_then(|v| v.checked_add(self.cur))
            .unwrap_or(Decimal::MAX)
    }
}

/// An integer (or decimal) read from the start of a token list.
#[derive(Clone, Copy, Debug)]
struct IntRead {
    value: Decimal,
    /// Tokens consumed.
    n: usize,
    /// The last big magnitude used (`twelve million` → 1e6).
    last_big: Option<Decimal>,
    /// Ends with a big magnitude word or suffix.
    ends_big: bool,
}

/// The digits of the number words after `point` (`zero three` → "03",
/// `seventy-one` → "71"), and the tokens they take.
fn point_digits(toks: &[Tok]) -> (String, usize) {
    let mut s = String::new();
    let mut j = 0;
    while j < toks.len() {
        match toks[j].w {
            W::Unit(u) => s.push_str(&u.to_string()),
            W::Tens(t) => {
                s.push(char::from(b'0' + (t / 10) as u8));
                if let Some(W::Unit(u @ 1..=9)) = toks.get(j + 1).map(|t| t.w) {
                    s.push(char::from(b'0' + u as u8));
                    j += 1;
                } else {
                    s.push('0');
                }
            }
            _ => break,
        }
        j += 1;
    }
    (s, j)
}

/// The longest integer or decimal at the start of `toks`: `twenty-one
/// trillion and three hundred`, `4 thousand 3 hundred and 21`, `two hundred
/// point zero three`, `three lakh crore`. An `and` joins only a smaller part
/// (`3 hundred and 2 hundred` is two numbers).
fn int_prefix(toks: &[Tok]) -> Option<IntRead> {
    let mut acc = Acc {
        total: Decimal::ZERO,
        section: Decimal::ZERO,
        cur: Decimal::ZERO,
        state: Cur::Empty,
        hundred: false,
        last_big: None,
        last_was_big: false,
    };
    let mut best: Option<IntRead> = None;
    let mut and_at: Option<Option<IntRead>> = None;
    let counting = |s: Cur| {
        matches!(
            s,
            Cur::Units | Cur::Teen | Cur::Tens | Cur::TensUnits | Cur::Digits | Cur::Decimal
        )
    };
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let mut is_big = false;
        let mut next_i = i + 1;
        let ok = match t.w {
            W::A => {
                let next = toks.get(i + 1).map(|t| t.w);
                if i == 0 && matches!(next, Some(W::Hundred | W::Big(_) | W::Dozen)) {
                    acc.cur = Decimal::ONE;
                    acc.state = Cur::Units;
                    // "a" alone is no number: do not record it as one.
                    i += 1;
                    continue;
                }
                false
            }
            W::Unit(u) => match acc.state {
                // zero, nought: only alone (or before `point`).
                Cur::Empty if u == 0 && i == 0 => {
                    acc.state = Cur::Zero;
                    true
                }
                Cur::Empty if u == 0 => false,
                Cur::Empty => {
                    acc.cur = dec(i64::from(u));
                    acc.state = if u < 10 { Cur::Units } else { Cur::Teen };
                    true
                }
                Cur::Tens if (1..10).contains(&u) => {
                    acc.cur += dec(i64::from(u));
                    acc.state = Cur::TensUnits;
                    true
                }
                _ => false,
            },
            W::Tens(v) if acc.state == Cur::Empty => {
                acc.cur = dec(i64::from(v));
                acc.state = Cur::Tens;
                true
            }
            W::Hundred if counting(acc.state) && !acc.hundred && !acc.cur.is_zero() => {
                match acc
                    .cur
                    .checked_mul(dec(100))
                    .and_then(|h| h.checked_add(acc.section))
                {
                    Some(v) => {
                        acc.section = v;
                        acc.cur = Decimal::ZERO;
                        acc.state = Cur::Empty;
                        acc.hundred = true;
                        true
                    }
                    None => false,
                }
            }
            W::Big(m) => {
                let group = acc.section.checked_add(acc.cur).unwrap_or(Decimal::MAX);
                is_big = true;
                if matches!(acc.state, Cur::Zero | Cur::Done) {
                    false
                } else if group.is_zero() {
                    // three lakh crore: consecutive magnitudes multiply.
                    match acc.total.checked_mul(m) {
                        Some(v) if acc.last_was_big && acc.last_big.is_some_and(|lb| m > lb) => {
                            acc.total = v;
                            acc.last_big = Some(m);
                            true
                        }
                        _ => false,
                    }
                } else if acc.last_big.is_none_or(|lb| m < lb)
                    && let Some(v) = group.checked_mul(m).and_then(|g| g.checked_add(acc.total))
                {
                    acc.total = v;
                    acc.section = Decimal::ZERO;
                    acc.cur = Decimal::ZERO;
                    acc.hundred = false;
                    acc.state = Cur::Empty;
                    acc.last_big = Some(m);
                    true
                } else {
                    false
                }
            }
            W::Dozen if counting(acc.state) && !acc.cur.is_zero() => {
                match acc.cur.checked_mul(dec(12)) {
                    Some(v) => {
                        acc.cur = v;
                        acc.state = Cur::Done;
                        true
                    }
                    None => false,
                }
            }
            W::Digits(d) if acc.state == Cur::Empty => {
                if i == 0 {
                    if let Some(m) = d.suffix {
                        acc.total = d.value;
                        acc.last_big = Some(m);
                        is_big = true;
                    } else {
                        acc.cur = d.value;
                        acc.state = if d.value.fract().is_zero() && !d.formatted {
                            Cur::Digits
                        } else {
                            Cur::Decimal
                        };
                    }
                    true
                } else {
                    // 4 thousand 3 hundred and 21: a smaller part after a magnitude.
                    let limit = if acc.hundred {
                        dec(100)
                    } else {
                        acc.last_big.unwrap_or_default()
                    };
                    let fits = d.suffix.is_none()
                        && d.value.fract().is_zero()
                        && !d.value.is_zero()
                        && d.value < limit
                        && (acc.hundred || acc.last_was_big);
                    if fits {
                        acc.cur = d.value;
                        acc.state = Cur::Digits;
                    }
                    fits
                }
            }
            W::Point => {
                let may = matches!(
                    acc.state,
                    Cur::Units | Cur::Teen | Cur::Tens | Cur::TensUnits | Cur::Zero
                ) || (acc.state == Cur::Empty && acc.hundred);
                let (digits, n) = point_digits(&toks[i + 1..]);
                match format!("0.{digits}").parse::<Decimal>() {
                    Ok(frac) if may && n > 0 => {
                        acc.cur = acc.cur.checked_add(frac).unwrap_or(Decimal::MAX);
                        acc.state = Cur::Decimal;
                        next_i = i + 1 + n;
                        true
                    }
                    _ => false,
                }
            }
            W::And => {
                let allowed = best.is_some()
                    && ((acc.state == Cur::Empty && (acc.hundred || acc.last_was_big))
                        || acc.state == Cur::Tens);
                if !allowed {
                    break;
                }
                and_at = Some(best);
                i += 1;
                continue;
            }
            _ => false,
        };
        if !ok {
            if let Some(before) = and_at {
                // 3 hundred and 2 hundred: the `and` did not join.
                return before;
            }
            break;
        }
        if is_big {
            and_at = None;
        }
        acc.last_was_big = is_big;
        best = Some(IntRead {
            value: acc.value(),
            n: next_i,
            last_big: acc.last_big,
            ends_big: is_big,
        });
        i = next_i;
    }
    best
}

/// `int_prefix` that must take every token; `a`/`an` alone is one (as a numerator).
fn int_exact(toks: &[Tok]) -> Option<IntRead> {
    if let [t] = toks
        && t.w == W::A
    {
        return Some(IntRead {
            value: Decimal::ONE,
            n: 1,
            last_big: None,
            ends_big: false,
        });
    }
    int_prefix(toks).filter(|r| r.n == toks.len())
}

/// A numeral read from text: its interval and the shape facts the caller needs.
#[derive(Clone, Copy, Debug)]
struct Num {
    start: usize,
    end: usize,
    value: Reading,
    vague: Vague,
    /// The magnitude it ends with (`12 million` → 1e6), applied across a range.
    mag: Option<Decimal>,
    /// Bare integer digits: their count.
    plain: Option<usize>,
    /// Digits only, no number words.
    digits_only: bool,
    /// A fraction below one with no magnitude (`two thirds`): a multiple.
    fraction: bool,
    /// `half`/`a half` alone: a number only in some contexts.
    half: bool,
    /// The word `one` alone.
    lone_one: bool,
    digits: Option<Digits>,
}

impl Num {
    fn exact(start: usize, end: usize, v: Decimal) -> Num {
        Num {
            start,
            end,
            value: Reading::exact(v),
            vague: Vague::None,
            mag: None,
            plain: None,
            digits_only: false,
            fraction: false,
            half: false,
            lone_one: false,
            digits: None,
        }
    }
}

/// The numeral at `pos` (digits or words).
fn read_number(text: &str, pos: usize) -> Result<Num, DigitsErr> {
    let toks = tokens(text, pos)?;
    let (neg, t) = match toks.first().map(|t| t.w) {
        Some(W::Minus) => (true, &toks[1..]),
        Some(_) => (false, &toks[..]),
        None => return Err(DigitsErr::None),
    };
    if t.is_empty() {
        return Err(DigitsErr::None);
    }
    let mut num = vague(t)
        .or_else(|| fraction(text, t))
        .or_else(|| integer(text, t))
        .ok_or(DigitsErr::None)?;
    if neg {
        num.value = negate(num.value);
        num.start = toks[0].start;
        num.lone_one = false;
    }
    Ok(num)
}

/// `tens of billions` = [2e10, 9e10], `hundreds of` = [200, 900], `dozens
/// of` = [24, 108], `several billion` = [2e9, 9e9], `a few hundred`.
fn vague(t: &[Tok]) -> Option<Num> {
    let several = |lo: Decimal, hi: Decimal, end: usize, mag: Decimal| {
        let mut n = Num::exact(t[0].start, end, lo);
        n.value = Reading {
            lo,
            hi,
            lo_open: false,
            hi_open: false,
        };
        n.vague = Vague::Several;
        n.mag = Some(mag);
        n
    };
    match t[0].w {
        W::Plural(p) if t.get(1).is_some_and(|x| x.w == W::Of) => {
            let (mut f, mut end, mut mag) = (p, t[0].end, p);
            if let Some(W::Plural(q)) = t.get(2).map(|x| x.w)
                && q > p
            {
                f = f.checked_mul(q)?;
                end = t[2].end;
                mag = q;
            }
            Some(several(dec(2) * f, f.checked_mul(dec(9))?, end, mag))
        }
        W::Several | W::A => {
            let mut j = 1;
            if t[0].w == W::A {
                if t.get(1).map(|x| x.w) != Some(W::Few) {
                    return None;
                }
                j = 2;
            }
            let mut f = Decimal::ONE;
            let mut end = 0;
            let mut mag = Decimal::ONE;
            while let Some(x) = t.get(j) {
                match x.w {
                    W::Hundred if f == Decimal::ONE => f = dec(100),
                    W::Big(m) if m > mag => {
                        f = f.checked_mul(m)?;
                        mag = m;
                    }
                    _ => break,
                }
                end = x.end;
                j += 1;
            }
            let hi = f.checked_mul(dec(9))?;
            (end > 0).then(|| several(dec(2) * f, hi, end, mag.max(f)))
        }
        _ => None,
    }
}

/// The numerator and denominator of `ts` + ordinal `o`, where the words just
/// before a unit ordinal may belong to it: `one hundred thirty fifths` =
/// 100/35, `one one hundred fifth` = 1/105, but `twenty fifths` = 20/5.
fn num_den(ts: &[Tok], o: Ordinal) -> Option<(Decimal, Decimal)> {
    let n = ts.len();
    if o.kind == OrdKind::Unit {
        if n >= 2
            && let W::Tens(tv) = ts[n - 1].w
            && !ts[n - 1].hyphen
            && let Some(r) = int_exact(&ts[..n - 1])
        {
            return Some((r.value, dec(i64::from(tv)) + o.den));
        }
        if n >= 3
            && matches!(ts[n - 2].w, W::Unit(1) | W::A)
            && let Some(m) = match ts[n - 1].w {
                W::Hundred => Some(dec(100)),
                W::Big(m) if m == dec(1000) => Some(m),
                _ => None,
            }
            && let Some(r) = int_exact(&ts[..n - 2])
        {
            return Some((r.value, m + o.den));
        }
        if o.den == Decimal::ONE {
            // `first` is a denominator only in twenty-first, twenty firsts.
            return None;
        }
    }
    if n == 0 {
        return Some((Decimal::ONE, o.den));
    }
    let r = int_exact(ts)?;
    Some((r.value, o.den))
}

/// Fractions in words: `two thirds`, `one-eighth`, `three and a fifth`,
/// `one hundred and three quarters`, `half a million`, `two thirds of a
/// million`, `five and a half million`, `one million and a half`.
fn fraction(text: &str, t: &[Tok]) -> Option<Num> {
    let b = text.as_bytes();
    let k = t.iter().position(|x| matches!(x.w, W::Ord(_)))?;
    let W::Ord(o) = t[k].w else {
        return None;
    };
    let head = &t[..k];
    if !head.iter().all(|x| {
        matches!(
            x.w,
            W::Unit(_) | W::Tens(_) | W::Hundred | W::Big(_) | W::A | W::And | W::Digits(_)
        )
    }) {
        return None;
    }
    // The whole part before `and`, when what follows is a proper fraction.
    let mut whole: Option<IntRead> = None;
    let mut frac: Option<Decimal> = None;
    if let Some(a) = head.iter().rposition(|x| x.w == W::And) {
        let after = &head[a + 1..];
        if after.is_empty() {
            // one hundred and fifth: the ordinal is `hundred and fifth`.
            if o.kind == OrdKind::Unit
                && a >= 2
                && matches!(head[a - 2].w, W::Unit(1) | W::A)
                && let Some(m) = match head[a - 1].w {
                    W::Hundred => Some(dec(100)),
                    W::Big(m) if m == dec(1000) => Some(m),
                    _ => None,
                }
                && let Some(r) = int_exact(&head[..a - 2])
            {
                frac = r.value.checked_div(m + o.den);
            } else {
                return None;
            }
        } else if let Some((n, d)) = num_den(after, o)
            && n < d
        {
            whole = Some(int_exact(&head[..a])?);
            frac = Some(n.checked_div(d)?);
        }
    }
    let frac = match frac {
        Some(f) => f,
        None => {
            let (n, d) = num_den(head, o)?;
            n.checked_div(d)?
        }
    };
    // A magnitude after it: half a million, two thirds of a million.
    let mut end = t[k].end;
    let mut mag: Option<Decimal> = None;
    let mut j = k + 1;
    if t.get(j).is_some_and(|x| x.w == W::Of) {
        j += 1;
    }
    if t.get(j).is_some_and(|x| x.w == W::A) {
        j += 1;
    }
    match t.get(j).map(|x| x.w) {
        Some(W::Big(m)) => mag = Some(m),
        Some(W::Dozen) => mag = Some(dec(12)),
        _ => {}
    }
    if mag.is_some() {
        end = t[j].end;
    }
    let bare = head.is_empty();
    let small_head = bare || matches!(head, [x] if matches!(x.w, W::A | W::Unit(1)));
    if whole.is_none() && mag.is_none() {
        if bare && o.kind != OrdKind::Half {
            return None;
        }
        // a third party, one third-generation: an ordinal, not a fraction.
        let p = t[k].end;
        if b.get(p) == Some(&b'-') && b.get(p + 1).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        if (small_head && !o.plural && !bare) || o.kind == OrdKind::Quarter {
            let q = skip_sp(b, p);
            if let Some((w, _)) = word_at(b, q)
                && !matches!(w.as_str(), "of" | "and" | "or" | "to" | "than")
            {
                return None;
            }
            if o.kind == OrdKind::Quarter && o.plural && q < b.len() && !word_is(b, q, "of") {
                // the past three quarters: periods, not 3/4.
                return None;
            }
        }
    }
    let value = match (whole, mag) {
        (None, None) => Some(frac),
        (None, Some(m)) => frac.checked_mul(m),
        (Some(w), Some(m)) if w.ends_big => {
            frac.checked_mul(m).and_then(|f| w.value.checked_add(f))
        }
        (Some(w), Some(m)) => w.value.checked_add(frac).and_then(|v| v.checked_mul(m)),
        (Some(w), None) if w.ends_big => frac
            .checked_mul(w.last_big.unwrap_or(Decimal::ONE))
            .and_then(|f| w.value.checked_add(f)),
        (Some(w), None) => w.value.checked_add(frac),
    }?;
    let mut num = Num::exact(t[0].start, end, value);
    num.fraction = whole.is_none() && mag.is_none();
    num.half = bare && o.kind == OrdKind::Half && mag.is_none();
    num.mag = mag.or(whole.filter(|w| w.ends_big).and_then(|w| w.last_big));
    Some(num)
}

/// An integer or decimal, and `X over Y`, `X out of Y`, `X in Y` fractions.
fn integer(text: &str, t: &[Tok]) -> Option<Num> {
    let b = text.as_bytes();
    let r = int_prefix(t)?;
    let last = t[r.n - 1];
    let mut num = Num::exact(t[0].start, last.end, r.value);
    num.mag = r.ends_big.then_some(r.last_big).flatten();
    num.digits_only = t[..r.n].iter().all(|x| matches!(x.w, W::Digits(_)));
    if let W::Digits(d) = t[0].w
        && r.n == 1
    {
        num.plain = d.plain;
        num.digits = Some(d);
    }
    num.lone_one = r.n == 1 && t[0].w == W::Unit(1);
    // 1 over 3, one out of three, 2 in 5.
    let p = skip_sp(b, num.end);
    if p > num.end && r.value.fract().is_zero() && !r.value.is_zero() {
        let (rel, q) = if word_is(b, p, "over") {
            (0, p + 4)
        } else if let Some(q) = phrase_at(b, p, "out of") {
            (1, q)
        } else if word_is(b, p, "in") {
            (2, p + 2)
        } else {
            (3, p)
        };
        let q = skip_sp(b, q);
        if rel < 3
            && q < b.len()
            && (b[q].is_ascii_alphanumeric())
            && let Ok(dt) = tokens(text, q)
            && let Some(dr) = int_prefix(&dt)
            && !dr.value.is_zero()
            && dr.value.fract().is_zero()
        {
            let den_end = dt[dr.n - 1].end;
            let after = skip_sp(b, den_end);
            let year = dr.n == 1
                && matches!(dt[0].w, W::Digits(d) if d.plain == Some(4))
                && (dec(1900)..=dec(2100)).contains(&dr.value);
            let fits = match rel {
                0 => after >= b.len() || !b[after].is_ascii_alphanumeric(),
                _ => r.value < dr.value && !year,
            };
            if fits {
                let mut f = Num::exact(num.start, den_end, r.value.checked_div(dr.value)?);
                f.fraction = true;
                return Some(f);
            }
        }
    }
    Some(num)
}

// ---------------------------------------------------------------------------
// Word tables around the figure.

/// Currency words after a figure, longest first (case ignored; spaces in a
/// phrase match runs of spaces). The factor turns minor units into major ones.
const CURRENCY_WORDS: &[(&str, Currency, i64)] = &[
    ("new taiwan dollars", Currency::TWD, 1),
    ("new taiwan dollar", Currency::TWD, 1),
    ("hong kong dollars", Currency::HKD, 1),
    ("hong kong dollar", Currency::HKD, 1),
    ("south korean won", Currency::KRW, 1),
    ("u.s. dollars", Currency::USD, 1),
    ("u.s. dollar", Currency::USD, 1),
    ("us dollars", Currency::USD, 1),
    ("us dollar", Currency::USD, 1),
    ("american dollars", Currency::USD, 1),
    ("australian dollars", Currency::AUD, 1),
    ("australian dollar", Currency::AUD, 1),
    ("canadian dollars", Currency::CAD, 1),
    ("canadian dollar", Currency::CAD, 1),
    ("singapore dollars", Currency::SGD, 1),
    ("singapore dollar", Currency::SGD, 1),
    ("taiwan dollars", Currency::TWD, 1),
    ("taiwan dollar", Currency::TWD, 1),
    ("hk dollars", Currency::HKD, 1),
    ("nt dollars", Currency::TWD, 1),
    ("chinese yuan", Currency::CNY, 1),
    ("japanese yen", Currency::JPY, 1),
    ("indian rupees", Currency::INR, 1),
    ("korean won", Currency::KRW, 1),
    ("swiss francs", Currency::CHF, 1),
    ("swiss franc", Currency::CHF, 1),
    ("british pounds", Currency::GBP, 1),
    ("pounds sterling", Currency::GBP, 1),
    ("russian rubles", Currency::RUB, 1),
    ("thai baht", Currency::THB, 1),
    ("new zealand dollars", Currency::NZD, 1),
    ("new zealand dollar", Currency::NZD, 1),
    ("swedish kronor", Currency::SEK, 1),
    ("swedish krona", Currency::SEK, 1),
    ("norwegian kroner", Currency::NOK, 1),
    ("norwegian krone", Currency::NOK, 1),
    ("danish kroner", Currency::DKK, 1),
    ("danish krone", Currency::DKK, 1),
    ("polish zlotys", Currency::PLN, 1),
    ("polish zloty", Currency::PLN, 1),
    ("czech korunas", Currency::CZK, 1),
    ("czech koruna", Currency::CZK, 1),
    ("hungarian forints", Currency::HUF, 1),
    ("hungarian forint", Currency::HUF, 1),
    ("turkish liras", Currency::TRY, 1),
    ("turkish lira", Currency::TRY, 1),
    ("south african rand", Currency::ZAR, 1),
    ("brazilian reais", Currency::BRL, 1),
    ("brazilian real", Currency::BRL, 1),
    ("mexican pesos", Currency::MXN, 1),
    ("mexican peso", Currency::MXN, 1),
    ("argentine pesos", Currency::ARS, 1),
    ("argentine peso", Currency::ARS, 1),
    ("chilean pesos", Currency::CLP, 1),
    ("chilean peso", Currency::CLP, 1),
    ("colombian pesos", Currency::COP, 1),
    ("colombian peso", Currency::COP, 1),
    ("philippine pesos", Currency::PHP, 1),
    ("philippine peso", Currency::PHP, 1),
    ("indonesian rupiah", Currency::IDR, 1),
    ("malaysian ringgit", Currency::MYR, 1),
    ("vietnamese dong", Currency::VND, 1),
    ("pakistani rupees", Currency::PKR, 1),
    ("sri lankan rupees", Currency::LKR, 1),
    ("sri lankan rupee", Currency::LKR, 1),
    ("bangladeshi taka", Currency::BDT, 1),
    ("uae dirhams", Currency::AED, 1),
    ("emirati dirhams", Currency::AED, 1),
    ("saudi riyals", Currency::SAR, 1),
    ("saudi riyal", Currency::SAR, 1),
    ("qatari riyals", Currency::QAR, 1),
    ("qatari riyal", Currency::QAR, 1),
    ("israeli shekels", Currency::ILS, 1),
    ("new shekels", Currency::ILS, 1),
    ("egyptian pounds", Currency::EGP, 1),
    ("nigerian naira", Currency::NGN, 1),
    ("kenyan shillings", Currency::KES, 1),
    ("macau patacas", Currency::MOP, 1),
    ("macanese patacas", Currency::MOP, 1),
    ("ukrainian hryvnias", Currency::UAH, 1),
    ("ukrainian hryvnia", Currency::UAH, 1),
    ("kazakh tenge", Currency::KZT, 1),
    ("costa rican colones", Currency::CRC, 1),
    ("costa rican colón", Currency::CRC, 1),
    ("costa rican colon", Currency::CRC, 1),
    ("georgian lari", Currency::GEL, 1),
    ("lao kips", Currency::LAK, 1),
    ("lao kip", Currency::LAK, 1),
    ("finnish markkaa", Currency::FIM, 1),
    ("finnish markkas", Currency::FIM, 1),
    ("finnish markka", Currency::FIM, 1),
    ("finnish marks", Currency::FIM, 1),
    ("deutsche marks", Currency::DEM, 1),
    ("deutsche mark", Currency::DEM, 1),
    ("deutschmarks", Currency::DEM, 1),
    ("deutschemarks", Currency::DEM, 1),
    ("west german marks", Currency::DEM, 1),
    ("german marks", Currency::DEM, 1),
    ("dutch guilders", Currency::NLG, 1),
    ("dutch guilder", Currency::NLG, 1),
    ("french francs", Currency::FRF, 1),
    ("french franc", Currency::FRF, 1),
    ("belgian francs", Currency::BEF, 1),
    ("belgian franc", Currency::BEF, 1),
    ("italian lire", Currency::ITL, 1),
    ("italian lira", Currency::ITL, 1),
    ("austrian schillings", Currency::ATS, 1),
    ("portuguese escudos", Currency::PTE, 1),
    ("greek drachmas", Currency::GRD, 1),
    ("greek drachmae", Currency::GRD, 1),
    ("irish punts", Currency::IEP, 1),
    ("irish pounds", Currency::IEP, 1),
    ("dollars", Currency::USD, 1),
    ("dollar", Currency::USD, 1),
    ("bucks", Currency::USD, 1),
    ("cents", Currency::USD, 100),
    ("cent", Currency::USD, 100),
    ("yuan", Currency::CNY, 1),
    ("renminbi", Currency::CNY, 1),
    ("euros", Currency::EUR, 1),
    ("euro", Currency::EUR, 1),
    ("pounds", Currency::GBP, 1),
    ("pound", Currency::GBP, 1),
    ("sterling", Currency::GBP, 1),
    ("pence", Currency::GBP, 100),
    ("yen", Currency::JPY, 1),
    ("rupees", Currency::INR, 1),
    ("rupee", Currency::INR, 1),
    ("won", Currency::KRW, 1),
    // Bare francs: today's franc in the news is the Swiss one.
    ("francs", Currency::CHF, 1),
    ("franc", Currency::CHF, 1),
    ("baht", Currency::THB, 1),
    ("rubles", Currency::RUB, 1),
    ("roubles", Currency::RUB, 1),
    ("bitcoins", Currency::BTC, 1),
    ("bitcoin", Currency::BTC, 1),
    ("ringgit", Currency::MYR, 1),
    ("rupiah", Currency::IDR, 1),
    ("kronor", Currency::SEK, 1),
    ("zlotys", Currency::PLN, 1),
    ("zloty", Currency::PLN, 1),
    ("forints", Currency::HUF, 1),
    ("forint", Currency::HUF, 1),
    ("liras", Currency::TRY, 1),
    ("lira", Currency::TRY, 1),
    ("reais", Currency::BRL, 1),
    ("dirhams", Currency::AED, 1),
    ("riyals", Currency::SAR, 1),
    ("shekels", Currency::ILS, 1),
    ("naira", Currency::NGN, 1),
    ("hryvnias", Currency::UAH, 1),
    ("hryvnia", Currency::UAH, 1),
    ("patacas", Currency::MOP, 1),
    ("tenge", Currency::KZT, 1),
    ("rand", Currency::ZAR, 1),
    ("markkaa", Currency::FIM, 1),
    ("markkas", Currency::FIM, 1),
    ("markka", Currency::FIM, 1),
    ("deutschmarks", Currency::DEM, 1),
    ("pesetas", Currency::ESP, 1),
    ("peseta", Currency::ESP, 1),
    ("guilders", Currency::NLG, 1),
    ("guilder", Currency::NLG, 1),
    ("lire", Currency::ITL, 1),
    ("schillings", Currency::ATS, 1),
    ("escudos", Currency::PTE, 1),
    ("drachmas", Currency::GRD, 1),
    ("drachmae", Currency::GRD, 1),
    ("colones", Currency::CRC, 1),
    ("kips", Currency::LAK, 1),
];

/// Symbols after a figure (`10 $`, `10 €`).
fn symbol_currency(c: char) -> Option<Currency> {
    Some(match c {
        '$' => Currency::USD,
        '€' => Currency::EUR,
        '£' => Currency::GBP,
        '¥' | '￥' => Currency::CNY,
        '₹' => Currency::INR,
        '₩' => Currency::KRW,
        '₽' => Currency::RUB,
        '₺' => Currency::TRY,
        '₱' => Currency::PHP,
        '₫' => Currency::VND,
        '₪' => Currency::ILS,
        '₦' => Currency::NGN,
        '₴' => Currency::UAH,
        '₸' => Currency::KZT,
        '₿' => Currency::BTC,
        '₡' => Currency::CRC,
        '₾' => Currency::GEL,
        '₭' => Currency::LAK,
        _ => return None,
    })
}

/// A currency after the figure at `p`: a word (`dollars`, `US dollars`,
/// `cents`), a code (`USD`, `usd`, `MUSD` = million USD) or a symbol.
/// Returns the currency, the end, and the factor to apply (0.01 for cents,
/// 1e6 for `MUSD` or `USD million`).
fn currency_after(text: &str, p: usize, value: Decimal) -> Option<(Currency, usize, Decimal)> {
    let b = text.as_bytes();
    if let Some(c) = char_at(text, p)
        && let Some(cur) = symbol_currency(c)
    {
        return Some((cur, p + c.len_utf8(), Decimal::ONE));
    }
    let (w, we) = word_at(b, p)?;
    if b.get(we).is_some_and(u8::is_ascii_digit) {
        // 3 USD50 Cards: the code belongs to the figure after it.
        return None;
    }
    let mut found = None;
    if let Some(cur) = currency_code(w.as_str()) {
        found = Some((cur, we, Decimal::ONE));
    } else if w.len == 4
        && w.buf[0] == b'm'
        && b[p] == b'M'
        && let Some(cur) = currency_code(&w.as_str()[1..])
    {
        found = Some((cur, we, pow10(6)));
    } else {
        let first = w.buf[0];
        for &(phrase, cur, minor) in CURRENCY_WORDS {
            if phrase.as_bytes()[0] != first {
                continue;
            }
            if let Some(e) = phrase_at(b, p, phrase) {
                if phrase == "won" && !won_is_currency(b, e, value) {
                    return None;
                }
                let f = if minor == 1 {
                    Decimal::ONE
                } else {
                    Decimal::ONE / dec(minor)
                };
                found = Some((cur, e, f));
                break;
            }
        }
    }
    let (cur, mut e, mut f) = found?;
    // 75 USD million.
    let q = skip_sp(b, e);
    if let Some((mw, me)) = word_at(b, q)
        && let Some(W::Big(m)) = number_word(mw.as_bytes(), None)
        && f == Decimal::ONE
    {
        f = m;
        e = me;
    }
    Some((cur, e, f))
}

/// `won` after a figure is the currency unless it reads as the verb (`the 3
/// won the race`): it needs a figure of some size and no object after it.
fn won_is_currency(b: &[u8], end: usize, value: Decimal) -> bool {
    let q = skip_sp(b, end);
    let object = word_at(b, q).is_some_and(|(w, _)| {
        matches!(
            w.as_str(),
            "the" | "a" | "an" | "its" | "their" | "his" | "her" | "by" | "in" | "over" | "against"
        )
    });
    !object && value.abs() >= dec(100)
}

/// A currency sign or code before the figure starting at `start`: `$`,
/// `US$`, `US $`, `HK$`, `NT$`, `A$`, `C$`, `S$`, `€`, `£`, `¥`, `₹`, `₩`,
/// `USD`, `RMB`, `Rs`, `MUSD` (million USD). Returns the currency, its start
/// and a factor.
fn currency_before(text: &str, start: usize, floor: usize) -> Option<(Currency, usize, Decimal)> {
    let b = text.as_bytes();
    let e = back_sp(b, start).max(floor);
    let head = text.get(floor..e)?;
    let c = head.chars().next_back()?;
    let clean = |s: usize| s >= floor && !(s > 0 && b[s - 1].is_ascii_alphanumeric());
    if c == '$' {
        let d = e - 1;
        // Letters before the `$`, possibly dotted or spaced: US$, U.S. $, us $, C$.
        let le = back_sp(b, d).max(floor);
        let spaced = le < d;
        let mut ls = le;
        while ls > floor && (b[ls - 1].is_ascii_alphabetic() || b[ls - 1] == b'.') {
            ls -= 1;
        }
        let letters: String = text[ls..le]
            .chars()
            .filter(|c| c.is_ascii_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase();
        if letters.is_empty() {
            return clean(d).then_some((Currency::USD, d, Decimal::ONE));
        }
        let cur = match letters.as_str() {
            "us" | "usd" => Some(Currency::USD),
            "hk" | "hkd" => Some(Currency::HKD),
            "nt" | "ntd" => Some(Currency::TWD),
            "a" | "au" | "aud" if !spaced => Some(Currency::AUD),
            // c $ 300 million (lower case, spaced) is Canadian; `C $` after a word is not.
            "c" if !spaced || b[ls].is_ascii_lowercase() => Some(Currency::CAD),
            "ca" | "cad" => Some(Currency::CAD),
            "s" | "sg" | "sgd" if !spaced => Some(Currency::SGD),
            "nz" | "nzd" => Some(Currency::NZD),
            "mx" | "mex" | "mxn" => Some(Currency::MXN),
            "r" if !spaced => Some(Currency::BRL),
            _ => None,
        };
        return match cur {
            Some(cur) => clean(ls).then_some((cur, ls, Decimal::ONE)),
            // `a $5 billion deal`: the word before is not part of the sign.
            None if spaced => clean(d).then_some((Currency::USD, d, Decimal::ONE)),
            // Z$, J$: a dollar the grammar does not know.
            None => None,
        };
    }
    if let Some(cur) = symbol_currency(c) {
        let s = e - c.len_utf8();
        return clean(s).then_some((cur, s, Decimal::ONE));
    }
    // Codes: USD 200, USD115, RMB 5bn, Rs 500, MUSD 60.
    let mut s = e;
    while s > floor && (b[s - 1].is_ascii_alphabetic() || b[s - 1] == b'.') {
        s -= 1;
    }
    if s == e || !clean(s) {
        return None;
    }
    let word = &text[s..e];
    if word.eq_ignore_ascii_case("rs") || word.eq_ignore_ascii_case("rs.") {
        return Some((Currency::INR, s, Decimal::ONE));
    }
    if word == "Rmb" {
        return Some((Currency::CNY, s, Decimal::ONE));
    }
    // Codes are capitals, unless glued to the figure (usd115).
    let upper = word.bytes().all(|c| c.is_ascii_uppercase());
    if !upper && e != start {
        return None;
    }
    let lw = word.to_ascii_lowercase();
    if let Some(cur) = currency_code(&lw) {
        return Some((cur, s, Decimal::ONE));
    }
    if lw.len() == 4
        && lw.starts_with('m')
        && let Some(cur) = currency_code(&lw[1..])
    {
        return Some((cur, s, pow10(6)));
    }
    None
}

/// Qualifiers before a figure, longest first (case ignored).
const PREFIX_QUALIFIERS: &[(&str, Bound)] = &[
    ("greater than or equal to", Bound::AtLeast),
    ("larger than or equal to", Bound::AtLeast),
    ("bigger than or equal to", Bound::AtLeast),
    ("higher than or equal to", Bound::AtLeast),
    ("more than or equal to", Bound::AtLeast),
    ("smaller than or equal to", Bound::UpTo),
    ("lower than or equal to", Bound::UpTo),
    ("less than or equal to", Bound::UpTo),
    ("equal to or greater than", Bound::AtLeast),
    ("equal to or higher than", Bound::AtLeast),
    ("equal to or more than", Bound::AtLeast),
    ("equal to or larger than", Bound::AtLeast),
    ("equal to or less than", Bound::UpTo),
    ("equal to or lower than", Bound::UpTo),
    ("equal to or smaller than", Bound::UpTo),
    ("equal to or fewer than", Bound::UpTo),
    ("greater or equal than", Bound::AtLeast),
    ("bigger or equal than", Bound::AtLeast),
    ("larger or equal than", Bound::AtLeast),
    ("higher or equal than", Bound::AtLeast),
    ("more or equal than", Bound::AtLeast),
    ("smaller or equal than", Bound::UpTo),
    ("lower or equal than", Bound::UpTo),
    ("less or equal than", Bound::UpTo),
    ("at least or equal to", Bound::AtLeast),
    ("a little less than", Bound::Nearly),
    ("a little under", Bound::Nearly),
    ("slightly less than", Bound::Nearly),
    ("slightly under", Bound::Nearly),
    ("a bit less than", Bound::Nearly),
    ("just less than", Bound::Nearly),
    ("a little more than", Bound::Over),
    ("slightly more than", Bound::Over),
    ("a bit more than", Bound::Over),
    ("in excess of", Bound::Over),
    ("upwards of", Bound::Over),
    ("upward of", Bound::Over),
    ("north of", Bound::Over),
    ("no fewer than", Bound::AtLeast),
    ("no less than", Bound::AtLeast),
    ("not less than", Bound::AtLeast),
    ("not fewer than", Bound::AtLeast),
    ("a minimum of", Bound::AtLeast),
    ("as much as", Bound::UpTo),
    ("as many as", Bound::UpTo),
    ("as high as", Bound::UpTo),
    ("as large as", Bound::UpTo),
    ("no more than", Bound::UpTo),
    ("not more than", Bound::UpTo),
    ("a maximum of", Bound::UpTo),
    ("an estimated", Bound::Approx),
    ("estimated at", Bound::Approx),
    ("just shy of", Bound::Nearly),
    ("just under", Bound::Nearly),
    ("just below", Bound::Nearly),
    ("close to", Bound::Nearly),
    ("just over", Bound::Over),
    ("just above", Bound::Over),
    ("well over", Bound::Over),
    ("well above", Bound::Over),
    ("more than", Bound::Over),
    ("greater than", Bound::Over),
    ("larger than", Bound::Over),
    ("bigger than", Bound::Over),
    ("higher than", Bound::Over),
    ("at least", Bound::AtLeast),
    ("at most", Bound::UpTo),
    ("up to", Bound::UpTo),
    ("less than", Bound::Below),
    ("fewer than", Bound::Below),
    ("lower than", Bound::Below),
    ("smaller than", Bound::Below),
    ("equal to", Bound::Equal),
    ("equals to", Bound::Equal),
    ("equaling to", Bound::Equal),
    ("approximately", Bound::Approx),
    ("approx.", Bound::Approx),
    ("approx", Bound::Approx),
    ("around", Bound::Approx),
    ("roughly", Bound::Approx),
    ("about", Bound::Approx),
    ("circa", Bound::Approx),
    ("some", Bound::Approx),
    ("estimated", Bound::Approx),
    ("nearly", Bound::Nearly),
    ("almost", Bound::Nearly),
    ("approaching", Bound::Nearly),
    ("over", Bound::Over),
    ("above", Bound::Over),
    ("exceeding", Bound::Over),
    ("exceeds", Bound::Over),
    ("exceeded", Bound::Over),
    ("exceed", Bound::Over),
    ("surpassing", Bound::Over),
    ("surpasses", Bound::Over),
    ("surpassed", Bound::Over),
    ("surpass", Bound::Over),
    ("under", Bound::Below),
    ("below", Bound::Below),
    ("equals", Bound::Equal),
    ("equaling", Bound::Equal),
    ("exactly", Bound::Equal),
    ("precisely", Bound::Equal),
];

/// The qualifier ending at `start` (spaces allowed before the figure).
pub(super) fn qualifier_before(text: &str, start: usize, floor: usize) -> Option<(Bound, usize)> {
    let b = text.as_bytes();
    let e = back_sp(b, start);
    if e <= floor {
        return None;
    }
    let last = b[e - 1];
    if last.is_ascii_alphabetic() || last == b'.' {
        for &(phrase, bound) in PREFIX_QUALIFIERS {
            if phrase
                .as_bytes()
                .last()
                .is_some_and(|&c| c != last.to_ascii_lowercase())
            {
                continue;
            }
            if let Some(s) = phrase_before(b, e, phrase)
                && s >= floor
            {
                return Some((bound, s));
            }
        }
        return None;
    }
    // >, >=, <, < =, ≥, ≤
    prefix_qualifier(text, start, floor)
}

/// Qualifiers after a figure (and its unit). A phrase ending in a comparison
/// word must not be followed by another figure (`5000 or less than 6000` is
/// two figures).
const SUFFIX_QUALIFIERS: &[(&str, Bound)] = &[
    ("or greater than", Bound::AtLeast),
    ("or more than", Bound::AtLeast),
    ("or higher than", Bound::AtLeast),
    ("or less than", Bound::UpTo),
    ("or fewer than", Bound::UpTo),
    ("or lower than", Bound::UpTo),
    ("or equal to", Bound::Equal),
    ("or equal", Bound::Equal),
    ("or more", Bound::AtLeast),
    ("and more", Bound::AtLeast),
    ("or above", Bound::AtLeast),
    ("and above", Bound::AtLeast),
    ("or greater", Bound::AtLeast),
    ("or higher", Bound::AtLeast),
    ("or over", Bound::AtLeast),
    ("and up", Bound::AtLeast),
    ("or less", Bound::UpTo),
    ("or fewer", Bound::UpTo),
    ("or lower", Bound::UpTo),
    ("or below", Bound::UpTo),
    ("and below", Bound::UpTo),
    ("or under", Bound::UpTo),
    ("and under", Bound::UpTo),
    ("or so", Bound::Approx),
    ("plus", Bound::AtLeast),
];

fn qualifier_after(text: &str, end: usize) -> Option<(Bound, usize)> {
    let b = text.as_bytes();
    if b.get(end) == Some(&b'+') && !b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric) {
        return Some((Bound::AtLeast, end + 1));
    }
    // `130-plus models`, `$10bn-plus`, `200-odd startups` (somewhat more than 200).
    if b.get(end) == Some(&b'-') {
        for (w, bound) in [("plus", Bound::AtLeast), ("odd", Bound::Over)] {
            if word_is(b, end + 1, w) && b.get(end + 1 + w.len()) != Some(&b'-') {
                return Some((bound, end + 1 + w.len()));
            }
        }
    }
    let p = skip_sp(b, end);
    if p == end
        || !b
            .get(p)
            .is_some_and(|c| matches!(c | 0x20, b'o' | b'a' | b'p'))
    {
        return None;
    }
    let first = b[p] | 0x20;
    for &(phrase, bound) in SUFFIX_QUALIFIERS {
        if phrase.as_bytes()[0] != first {
            continue;
        }
        let Some(e) = phrase_at(b, p, phrase) else {
            continue;
        };
        // Another figure after it starts a comparison of its own.
        let q = skip_sp(b, e);
        let q = ["than", "to"]
            .iter()
            .find_map(|w| word_is(b, q, w).then(|| skip_sp(b, q + w.len())))
            .unwrap_or(q);
        let figure = b.get(q).is_some_and(|c| *c == b'$' || *c == b'-')
            || (b.get(q).is_some_and(u8::is_ascii_alphanumeric) && read_number(text, q).is_ok());
        if figure {
            return None;
        }
        // `or equal to it`, `or more than`: take the dangling word too.
        let e = ["than", "to"]
            .iter()
            .find_map(|w| {
                let s = skip_sp(b, e);
                word_is(b, s, w).then_some(s + w.len())
            })
            .unwrap_or(e);
        return Some((bound, e));
    }
    None
}

/// Rates after money, read as a period word with an optional count: `a
/// day`, `per month`, `each year`, `/month`, `per 1M tokens`, `per million
/// input tokens`, `per GPU hour`; or an adverb (`daily`, `annually`).
fn rate_after(text: &str, end: usize) -> Option<(Per, usize)> {
    let b = text.as_bytes();
    let p = skip_sp(b, end);
    let (w, we) = match b.get(p) {
        Some(b'/') => (None, p + 1),
        Some(_) => {
            let (w, we) = word_at(b, p)?;
            (Some(w), we)
        }
        None => return None,
    };
    if let Some(w) = w {
        let per = match w.as_str() {
            "daily" => Some(Per::Day),
            "weekly" => Some(Per::Week),
            "monthly" => Some(Per::Month),
            "quarterly" => Some(Per::Quarter),
            "annually" | "yearly" => Some(Per::Year),
            "hourly" => Some(Per::Hour),
            _ => None,
        };
        if let Some(per) = per {
            // daily active users: an adjective, not a rate.
            let q = skip_sp(b, we);
            let noun = word_at(b, q).is_some_and(|(n, _)| {
                matches!(
                    n.as_str(),
                    "active" | "users" | "revenue" | "sales" | "basis"
                )
            });
            return (!noun).then_some((per, we));
        }
        if let Some(e) = phrase_at(b, p, "per annum") {
            return Some((Per::Year, e));
        }
        if !matches!(w.as_str(), "a" | "an" | "per" | "each" | "every") {
            return None;
        }
    }
    let article = w.is_some_and(|w| matches!(w.as_str(), "a" | "an"));
    let mut q = if b.get(p) == Some(&b'/') {
        we
    } else {
        skip_sp(b, we)
    };
    // A count: 1M, 1K, 1,000, million, thousand, 1 million.
    let mut count = Decimal::ONE;
    if b.get(q).is_some_and(u8::is_ascii_digit) {
        let (d, e) = read_digits(text, q).ok()?;
        count = d.value;
        q = skip_sp(b, e);
    }
    if let Some((cw, ce)) = word_at(b, q)
        && let Some(W::Big(m)) = number_word(cw.as_bytes(), None)
    {
        count = count.checked_mul(m)?;
        q = skip_sp(b, ce);
    } else if let Some((cw, ce)) = word_at(b, q)
        && matches!(cw.as_str(), "m" | "k")
        && count == Decimal::ONE
        && b.get(ce) == Some(&b' ')
    {
        count = if cw.as_str() == "m" {
            pow10(6)
        } else {
            dec(1000)
        };
        q = skip_sp(b, ce);
    }
    if let Some((aw, ae)) = word_at(b, q)
        && matches!(
            aw.as_str(),
            "input" | "output" | "prompt" | "completion" | "generated"
        )
    {
        q = skip_sp(b, ae);
    }
    // GPU hours: per GPU hour, per GPU-hour, per H100 hour, an H100-hour.
    let accel_end = accelerator_at(b, q);
    if let Some(ae) = accel_end {
        let r = if b.get(ae) == Some(&b'-') {
            ae + 1
        } else {
            skip_sp(b, ae)
        };
        if word_is(b, r, "hour") || word_is(b, r, "hr") {
            return Some((Per::GpuHour, r + if word_is(b, r, "hour") { 4 } else { 2 }));
        }
        if word_is(b, r, "per") {
            let s = skip_sp(b, r + 3);
            if word_is(b, s, "hour") {
                return Some((Per::GpuHour, s + 4));
            }
        }
        return None;
    }
    let (nw, ne) = word_at(b, q)?;
    let per = match nw.as_str() {
        "second" | "sec" | "s" => Per::Second,
        "minute" | "min" => Per::Minute,
        "hour" | "hr" | "h" => Per::Hour,
        "day" | "d" => Per::Day,
        "week" | "wk" => Per::Week,
        "month" | "mo" | "mth" => Per::Month,
        "quarter" => Per::Quarter,
        "year" | "yr" | "y" | "annum" => Per::Year,
        "query" | "queries" | "request" | "requests" | "call" | "calls" | "search" => Per::Query,
        "token" | "tokens" | "tok" => match count {
            c if c == Decimal::ONE => Per::Token,
            c if c == dec(1000) => Per::Ktok,
            c if c == pow10(6) => Per::Mtok,
            _ => return None,
        },
        _ => return None,
    };
    if count != Decimal::ONE && !matches!(per, Per::Ktok | Per::Mtok) {
        return None;
    }
    if article {
        // a year earlier, a month ago: a time, not a rate.
        let s = skip_sp(b, ne);
        if word_at(b, s).is_some_and(|(x, _)| {
            matches!(
                x.as_str(),
                "earlier"
                    | "ago"
                    | "before"
                    | "later"
                    | "after"
                    | "prior"
                    | "previously"
                    | "from"
                    | "since"
                    | "or"
                    | "and"
            )
        }) {
            return None;
        }
        if !matches!(
            per,
            Per::Second
                | Per::Minute
                | Per::Hour
                | Per::Day
                | Per::Week
                | Per::Month
                | Per::Quarter
                | Per::Year
                | Per::Query
                | Per::Token
        ) {
            return None;
        }
    }
    Some((per, ne))
}

/// The period of a count, a few words after it: `200 million API calls a
/// day`, `10,000 units per month`, `30,000 a day`. The words between are
/// the counted noun (letters only, no preposition: `in a day` is a time).
fn count_rate_after(text: &str, end: usize) -> Option<Per> {
    let b = text.as_bytes();
    let mut p = end;
    for _ in 0..4 {
        if let Some((per, _)) = rate_after(text, p)
            && per.days().is_some()
        {
            return Some(per);
        }
        let q = skip_sp(b, p);
        if q == p && p != end {
            return None;
        }
        let (w, we) = word_at(b, q)?;
        if b.get(we).is_some_and(|c| c.is_ascii_digit())
            || matches!(
                w.as_str(),
                "in" | "within"
                    | "for"
                    | "of"
                    | "on"
                    | "at"
                    | "by"
                    | "from"
                    | "over"
                    | "to"
                    | "than"
                    | "and"
                    | "or"
                    | "per"
                    | "a"
                    | "an"
                    | "each"
                    | "every"
                    | "the"
            )
        {
            return None;
        }
        p = if b.get(we) == Some(&b'-') { we + 1 } else { we };
    }
    None
}

/// An accelerator name at `p` (`GPU`, `TPU`, `H100`, `A100`, `H800`), returning its end.
fn accelerator_at(b: &[u8], p: usize) -> Option<usize> {
    if word_is(b, p, "GPU") || word_is(b, p, "TPU") || word_is(b, p, "NPU") {
        return Some(p + 3);
    }
    // H100, A800: capitals then digits.
    let mut e = p;
    while e < b.len() && b[e].is_ascii_uppercase() {
        e += 1;
    }
    if e == p || e - p > 2 {
        return None;
    }
    let d = e;
    while e < b.len() && b[e].is_ascii_digit() {
        e += 1;
    }
    if e == d || b.get(e).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    Some(e)
}

/// Durations after a figure (singular and plural, short forms).
fn duration_word(w: &str) -> Option<TimeUnit> {
    Some(match w {
        "second" | "seconds" | "sec" | "secs" => TimeUnit::Seconds,
        "minute" | "minutes" | "min" | "mins" => TimeUnit::Minutes,
        "hour" | "hours" | "hr" | "hrs" => TimeUnit::Hours,
        "day" | "days" => TimeUnit::Days,
        "week" | "weeks" | "wk" | "wks" => TimeUnit::Weeks,
        "month" | "months" | "mo" | "mos" => TimeUnit::Months,
        "year" | "years" | "yr" | "yrs" => TimeUnit::Years,
        _ => return None,
    })
}

/// Words that say a `x times` is a ratio: `3 times faster`, `10 times as many`.
fn comparative(w: &str) -> bool {
    matches!(
        w,
        "more"
            | "less"
            | "fewer"
            | "larger"
            | "bigger"
            | "higher"
            | "lower"
            | "greater"
            | "smaller"
            | "faster"
            | "slower"
            | "cheaper"
            | "better"
            | "worse"
            | "longer"
            | "shorter"
            | "as"
            | "the"
            | "that"
            | "what"
            | "over"
    )
}

/// Whether `N times` with no comparative after it is still a ratio (`r` is
/// where the word after `times` starts): a number no count of occasions
/// takes (2.5 times), a possessive after it (four times its total), or a
/// verb of growth before it (up three times, grew nearly four times, rose by
/// three times). A whole number alone stays a count of occasions: tried
/// three times, rates rose three times in 2022, three times a day.
fn times_is_ratio(text: &str, num: &Num, r: usize) -> bool {
    let b = text.as_bytes();
    if num.value.lo != num.value.hi || !num.value.lo.fract().is_zero() {
        return num.vague == Vague::None;
    }
    if word_at(b, r).is_some_and(|(w, _)| {
        matches!(
            w.as_str(),
            "its" | "their" | "his" | "her" | "our" | "your" | "my"
        )
    }) {
        return true;
    }
    let mut s = num.start;
    if let Some((_, qs)) = qualifier_before(text, s, 0) {
        s = qs;
    }
    let Some((w, ws)) = word_before(b, s) else {
        return false;
    };
    if w.as_str() == "by" {
        // increased by three times: `by` makes it the size of the change.
        return word_before(b, ws).is_some_and(|(v, _)| change_word(v.as_str()));
    }
    // Verbs that rarely count occasions (rose, increased, raised often do).
    matches!(
        w.as_str(),
        "up" | "grew"
            | "grown"
            | "grow"
            | "grows"
            | "growing"
            | "expanded"
            | "surged"
            | "soared"
            | "jumped"
            | "multiplied"
            | "skyrocketed"
            | "ballooned"
    )
}

/// Closed-class words: after one of these and a space a number is prose,
/// even when the word is capitalised (`The 4`, `Over 40`, `All 70 of us`).
fn function_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "of"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "from"
            | "to"
            | "with"
            | "within"
            | "since"
            | "until"
            | "than"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "if"
            | "as"
            | "per"
            | "after"
            | "before"
            | "during"
            | "between"
            | "among"
            | "into"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "my"
            | "your"
            | "these"
            | "those"
            | "this"
            | "that"
            | "there"
            | "here"
            | "more"
            | "less"
            | "fewer"
            | "least"
            | "most"
            | "up"
            | "down"
            | "top"
            | "another"
            | "each"
            | "every"
            | "no"
            | "not"
            | "only"
            | "just"
            | "all"
            | "both"
            | "some"
            | "about"
            | "around"
            | "over"
            | "under"
            | "nearly"
            | "almost"
            | "roughly"
            | "approximately"
            | "estimated"
            | "total"
            | "totalling"
            | "totaling"
            | "what"
            | "which"
            | "when"
            | "where"
            | "who"
            | "how"
            | "has"
            | "have"
            | "had"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "did"
            | "does"
            | "do"
            | "says"
            | "said"
            | "x"
            | "y"
            | "it"
            | "we"
            | "they"
            | "he"
            | "she"
            | "i"
            | "you"
            | "yoy"
            | "qoq"
            | "mom"
    )
}

/// Month names, for `4 May` and `May 4`.
fn month_word(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

/// Verbs of change: `rose from 5% to 10%` is two figures, not a range.
fn change_word(w: &str) -> bool {
    matches!(
        w,
        "rose"
            | "risen"
            | "rise"
            | "rises"
            | "rising"
            | "grew"
            | "grown"
            | "grow"
            | "grows"
            | "growing"
            | "increased"
            | "increase"
            | "increases"
            | "increasing"
            | "jumped"
            | "jumps"
            | "jump"
            | "climbed"
            | "fell"
            | "fallen"
            | "fall"
            | "falls"
            | "dropped"
            | "drops"
            | "declined"
            | "decreased"
            | "cut"
            | "slashed"
            | "raised"
            | "boosted"
            | "lifted"
            | "lowered"
            | "reduced"
            | "surged"
            | "soared"
            | "plunged"
            | "slipped"
            | "went"
            | "up"
            | "down"
            | "expanded"
            | "shrank"
            | "doubled"
            | "tripled"
            | "moved"
            | "changed"
            // Nouns of change: a leap from $3 billion to $40 billion.
            | "leap"
            | "leapt"
            | "leaped"
            | "growth"
            | "surge"
            | "climb"
            | "decline"
            | "drop"
            | "shift"
            | "spike"
            | "spiked"
            | "ballooned"
            | "skyrocketed"
    )
}

/// Whether a word of change says the figures rise (`grew`), fall (`fell`),
/// or neither (`moved`, `changed`).
fn rising(w: &str) -> Option<bool> {
    match w {
        "fell" | "fallen" | "fall" | "falls" | "dropped" | "drops" | "declined" | "decreased"
        | "cut" | "slashed" | "lowered" | "reduced" | "plunged" | "slipped" | "down" | "shrank"
        | "decline" | "drop" => Some(false),
        "went" | "moved" | "changed" | "shift" => None,
        _ => Some(true),
    }
}

/// The start of a change from `a` to `b` (two figures, `b` read next): a
/// first end written bare takes the unit, rate and magnitude the second
/// writes for both (rose from 8 to 20 per cent starts at 8 per cent, fell
/// from 20 to 8 billion at 20 billion); none when the first has a unit of
/// its own, which the scan then reads as it stands.
fn change_start(a: &En, b: &En, rising: Option<bool>) -> Option<Quantity> {
    let (ap, bq) = (&a.piece, &b.piece);
    if ap.unit_explicit {
        return None;
    }
    let mut first = ap.clone();
    if let (None, Some(f)) = (a.num.mag, b.num.mag)
        && super::change_shares_magnitude(ap.value.lo, f, bq.value.lo, rising)
        && let (Some(lo), Some(hi)) = (ap.value.lo.checked_mul(f), ap.value.hi.checked_mul(f))
    {
        first.value = Reading { lo, hi, ..ap.value };
    }
    if bq.unit_explicit {
        first.unit = bq.unit;
        first.unit_explicit = true;
        first.points = bq.points;
    }
    first.per = ap.per.or(bq.per);
    Some(to_quantity(&first, None))
}

/// Whether `in two years`, `over the past 18 months`, `within a decade`
/// follows `end`: the time a change from one figure to another took.
fn span_of_time_after(text: &str, end: usize) -> bool {
    let mut words = text[end..]
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(5)
        .map(str::to_ascii_lowercase);
    if !words
        .next()
        .is_some_and(|w| matches!(w.as_str(), "in" | "over" | "within"))
    {
        return false;
    }
    words.any(|w| {
        matches!(
            w.trim_end_matches('s'),
            "year" | "month" | "week" | "day" | "quarter" | "decade"
        )
    })
}

// ---------------------------------------------------------------------------
// A figure with its words.

/// An English figure with the words read around it.
struct En {
    piece: Piece,
    num: Num,
}

/// The end of the identifier-like run at `pos` (letters, digits, `._-/:`).
fn token_end(text: &str, pos: usize) -> usize {
    word_run_end(text, pos).max(pos + 1)
}

/// The end of the run of non-space characters at `pos` (a URL, a path).
fn nonspace_end(b: &[u8], pos: usize) -> usize {
    let mut e = pos;
    while e < b.len() && b[e].is_ascii() && !b[e].is_ascii_whitespace() {
        e += 1;
    }
    e.max(pos + 1)
}

/// Shapes left of a number that make it part of a name or a code: `A100`,
/// `GPT-4`, `COVID-19`, `v1.5`, a URL. Returns where to skip to.
fn identifier_before(text: &str, pos: usize) -> Option<usize> {
    let b = text.as_bytes();
    if pos == 0 {
        return None;
    }
    let prev = b[pos - 1];
    if prev.is_ascii_alphabetic() {
        // USD115, usd50, MUSD 60 are currency codes glued to the figure.
        let mut s = pos;
        while s > 0 && b[s - 1].is_ascii_alphabetic() {
            s -= 1;
        }
        let w = text[s..pos].to_ascii_lowercase();
        let code = currency_code(&w).is_some()
            || w == "rs"
            || (w.len() == 4 && w.starts_with('m') && currency_code(&w[1..]).is_some());
        if code && (s == 0 || !b[s - 1].is_ascii_alphanumeric()) {
            return None;
        }
        return Some(token_end(text, pos));
    }
    if prev.is_ascii_digit() {
        return Some(token_end(text, pos));
    }
    if prev == b'=' && super::equals_value(text, pos - 1) {
        // a=152 models: a total; `en_piece` asks for its unit or counted word.
        return None;
    }
    if matches!(prev, b'_' | b'/' | b'=' | b'#' | b'@' | b'&' | b'\\' | b'%') {
        return Some(nonspace_end(b, pos));
    }
    if prev == b'.' && pos >= 2 && b[pos - 2].is_ascii_alphanumeric() {
        return Some(token_end(text, pos));
    }
    if (prev == b'-' || prev == b'+')
        && pos >= 2
        && b[pos - 2].is_ascii_alphabetic()
        && !word_before(b, pos - 1)
            .is_some_and(|(w, _)| matches!(w.as_str(), "yoy" | "qoq" | "mom"))
    {
        // 5k-20k, 1.6T-1.8T: the letter is the magnitude of a figure before.
        let mut s = pos - 1;
        while s > 0 && b[s - 1].is_ascii_alphabetic() {
            s -= 1;
        }
        let suffix = &b[s..pos - 1];
        let after_figure = s > 0 && b[s - 1].is_ascii_digit();
        let magnitude = glued_suffix(suffix).is_some() || suffix.eq_ignore_ascii_case(b"k");
        if after_figure && magnitude {
            return None;
        }
        return Some(token_end(text, pos));
    }
    None
}

/// Whether the token before the figure (after a space) makes it part of a
/// name: a capitalised or mixed-case word that is not a function word
/// (`Office 365`, `Llama 3`, `May 4`, `FY 2024`), a code (`Q3 2024`), or a
/// version after a name (`Llama 3.1 405B`).
pub(super) fn name_before(text: &str, start: usize, version_like: bool) -> bool {
    let b = text.as_bytes();
    let e = back_sp(b, start);
    if e == start || e == 0 {
        return false;
    }
    // The ASCII token before the spaces (in Chinese text it starts after the
    // last Chinese character: 微软公布了Office 365).
    let mut s = e;
    while s > 0 && (b[s - 1].is_ascii_alphanumeric() || matches!(b[s - 1], b'.' | b'-')) {
        s -= 1;
    }
    let tok = &b[s..e];
    if tok.is_empty() {
        return false;
    }
    let last = tok[tok.len() - 1];
    if last == b'.' && tok.len() >= 2 && tok[tok.len() - 2].is_ascii_alphabetic() {
        // Sept. 9, No. 1, Fig. 3: an abbreviation that numbers what follows.
        let mut ws = tok.len() - 1;
        while ws > 0 && tok[ws - 1].is_ascii_alphabetic() {
            ws -= 1;
        }
        let w = String::from_utf8_lossy(&tok[ws..tok.len() - 1]).to_ascii_lowercase();
        let numbering = matches!(
            w.as_str(),
            "no" | "nos" | "fig" | "vol" | "p" | "pp" | "ch" | "sec" | "art" | "para"
        );
        return version_like && (month_word(&w) || numbering);
    }
    if last.is_ascii_alphabetic() {
        if !version_like || !tok.iter().any(u8::is_ascii_uppercase) {
            return false;
        }
        let mut ws = tok.len();
        while ws > 0 && tok[ws - 1].is_ascii_alphabetic() {
            ws -= 1;
        }
        let w = String::from_utf8_lossy(&tok[ws..]).to_ascii_lowercase();
        if function_word(&w) || qualifier_before(text, e, s).is_some() {
            return false;
        }
        // Approved 14 models: a capitalised past tense opens a sentence.
        let capitalised = tok[1..].iter().all(|c| !c.is_ascii_uppercase());
        if capitalised && w.ends_with("ed") && ws == 0 {
            return false;
        }
        return true;
    }
    if last.is_ascii_digit() {
        if tok.iter().any(u8::is_ascii_alphabetic) {
            // Q3 2024, H1 2023, GPT-4 1106.
            return version_like;
        }
        // Llama 3.1 405B: a version right after a name.
        let version = tok.iter().all(|c| c.is_ascii_digit() || *c == b'.')
            && tok.len() <= 4
            && tok.iter().filter(|&&c| c == b'.').count() <= 1;
        return version && name_before(text, s, true);
    }
    false
}

/// A plural noun after a figure, past an optional model token (`2048 GPUs`,
/// `2048 H800 GPUs`, `1999 models`): a count, where a bare year-like figure
/// would otherwise be a year.
fn counted_noun_after(b: &[u8], end: usize) -> bool {
    let mut q = skip_sp(b, end);
    if q == end {
        return false;
    }
    if let Some(ae) = accelerator_at(b, q)
        && !word_is(b, q, "GPU")
    {
        q = skip_sp(b, ae);
    }
    let Some((w, we)) = word_at(b, q) else {
        return false;
    };
    let w = w.as_bytes();
    let lower_or_acronym =
        b[q].is_ascii_lowercase() || b[q..we - 1].iter().all(u8::is_ascii_uppercase);
    w.len() >= 3 && w.ends_with(b"s") && !w.ends_with(b"ss") && lower_or_acronym
}

/// `3/4`, `-4/5`, `1/11th`, `2 1/4` after a bare integer.
fn slash_fraction(text: &str, num: &Num) -> Option<Num> {
    let b = text.as_bytes();
    num.plain?;
    let whole_then = |at: usize| -> Option<(Decimal, Decimal, usize)> {
        let (n, e, p) = read_arabic(text, at).ok()??;
        p?;
        if b.get(e) != Some(&b'/') {
            return None;
        }
        let (d, e2, p2) = read_arabic(text, e + 1).ok()??;
        p2?;
        if d.is_zero() || b.get(e2) == Some(&b'/') {
            return None;
        }
        let mut end = e2;
        if let Some((w, we)) = word_at(b, e2) {
            if !matches!(w.as_str(), "st" | "nd" | "rd" | "th" | "ths") {
                return None;
            }
            end = we;
        }
        if b.get(end).is_some_and(u8::is_ascii_alphanumeric) {
            return None;
        }
        Some((n, d, end))
    };
    if b.get(num.end) == Some(&b'/') {
        let (n, d, end) = whole_then(num.start)?;
        let mut f = Num::exact(num.start, end, n.checked_div(d)?);
        f.fraction = true;
        return Some(f);
    }
    let q = skip_sp(b, num.end);
    if q > num.end && q - num.end <= 2 && b.get(q).is_some_and(u8::is_ascii_digit) {
        let (n, d, end) = whole_then(q)?;
        if n < d {
            return Some(Num::exact(
                num.start,
                end,
                num.value.lo.checked_add(n.checked_div(d)?)?,
            ));
        }
    }
    None
}

/// The unit after a figure: its unit, end and a factor (cents are 0.01 USD).
fn unit_after(text: &str, num: &Num, prefixed: bool) -> Option<(Unit, usize, Decimal)> {
    let b = text.as_bytes();
    let one = Decimal::ONE;
    let p = num.end;
    if num.digits.is_some_and(|d| d.times) {
        // 3x faster is a ratio (8x H100 is a machine's name, skipped by the caller).
        return Some((Unit::Multiple, p, one));
    }
    // A hyphen compound (12-cent, 90-day, 10-percent, 3-fold) or spaces.
    let compound = b.get(p) == Some(&b'-') && b.get(p + 1).is_some_and(u8::is_ascii_alphabetic);
    let q = if compound { p + 1 } else { skip_sp(b, p) };
    if b.get(q) == Some(&b'%') && q - p <= 1 {
        return Some((Unit::Percent, q + 1, one));
    }
    for at in [p, q] {
        if b.get(at).is_none_or(|c| c | 0x20 != b'p') {
            continue;
        }
        for w in [
            "percentage points",
            "percentage point",
            "pct points",
            "per cent",
            "per-cent",
            "percents",
            "percentage",
            "percent",
            "pct",
            "pc",
            "ppts",
            "ppt",
            "pp",
        ] {
            // 5 PC makers: the abbreviations only in lower case.
            if w.len() == 2 && b[at].is_ascii_uppercase() {
                continue;
            }
            if let Some(e) = phrase_at(b, at, w) {
                return Some((Unit::Percent, e, one));
            }
        }
    }
    // Basis points: 50bp = 0.5 percent.
    for at in [p, q] {
        for w in ["basis points", "basis point", "bps", "bp"] {
            if let Some(e) = phrase_at(b, at, w) {
                return Some((Unit::Percent, e, Decimal::new(1, 2)));
            }
        }
    }
    let next = word_at(b, q);
    if let Some((w, we)) = next {
        match w.as_str() {
            "fold" => return Some((Unit::Multiple, we, one)),
            "times" => {
                let r = skip_sp(b, we);
                if word_at(b, r).is_some_and(|(c, _)| comparative(c.as_str()))
                    || times_is_ratio(text, num, r)
                {
                    return Some((Unit::Multiple, we, one));
                }
            }
            _ => {}
        }
    }
    // GPU hours: 2.8 million GPU hours, 2.788M H800 GPU hours, H100-hours.
    if let Some(ae) = accelerator_at(b, q) {
        let mut r = if b.get(ae) == Some(&b'-') {
            ae + 1
        } else {
            skip_sp(b, ae)
        };
        if word_is(b, r, "GPU") {
            r += 3;
            r = if b.get(r) == Some(&b'-') {
                r + 1
            } else {
                skip_sp(b, r)
            };
        }
        for w in ["hours", "hour", "hrs", "hr"] {
            if word_is(b, r, w) {
                return Some((Unit::GpuHours, r + w.len(), one));
            }
        }
    }
    if let Some((w, we)) = next
        && let Some(tu) = duration_word(w.as_str())
    {
        return Some((Unit::Duration(tu), we, one));
    }
    // half an hour; half a year is six months (as 半年).
    if (num.half || num.fraction)
        && let Some((w, we)) = next
        && matches!(w.as_str(), "a" | "an")
        && let Some((d, de)) = word_at(b, skip_sp(b, we))
        && let Some(tu) = duration_word(d.as_str())
        && !d.as_str().ends_with('s')
    {
        if tu == TimeUnit::Years {
            return Some((Unit::Duration(TimeUnit::Months), de, dec(12)));
        }
        return Some((Unit::Duration(tu), de, one));
    }
    // Currencies; vague amounts take `of`: billions of dollars.
    let mut r = if compound { p + 1 } else { q };
    if num.vague != Vague::None && word_is(b, r, "of") {
        r = skip_sp(b, r + 2);
    }
    if let Some((cur, e, f)) = currency_after(text, r, num.value.lo)
        && (!prefixed || b[r].is_ascii_alphabetic())
    {
        // After `$ 20,000.00` a `$` is the sign of the next figure.
        return Some((Unit::Money(cur), e, f));
    }
    if let Some(c) = char_at(text, q)
        && is_cjk(c)
        && let Some((cur, e)) = cn_currency_suffix(text, q)
    {
        return Some((Unit::Money(cur), e, one));
    }
    None
}

/// `3 dollars 50 cents`, `thirteen dollars and forty-five cents`, `15
/// dollars 50`: smaller coins after a currency word.
fn sub_units(text: &str, end: usize) -> Option<(Decimal, usize)> {
    let b = text.as_bytes();
    let mut q = skip_sp(b, end);
    if q == end {
        return None;
    }
    if word_is(b, q, "and") {
        q = skip_sp(b, q + 3);
    }
    if !b.get(q).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    let toks = tokens(text, q).ok()?;
    let r = int_prefix(&toks)?;
    if r.value.is_zero() || r.value >= dec(100) || !r.value.fract().is_zero() || r.ends_big {
        return None;
    }
    let e = toks[r.n - 1].end;
    let s = skip_sp(b, e);
    for w in ["cents", "cent", "pence", "p"] {
        if word_is(b, s, w) {
            return Some((r.value / dec(100), s + w.len()));
        }
    }
    // Not when a unit of its own follows (50 dollar 40 rmb, $ 2 times).
    let fake = Num::exact(q, e, r.value);
    if unit_after(text, &fake, false).is_some() {
        return None;
    }
    if b.get(e).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some((r.value / dec(100), e))
}

/// The `Numeral` the shared scanner code keeps for a piece.
fn numeral_of(num: &Num) -> Numeral {
    Numeral {
        end: num.end,
        value: num.value,
        vague: num.vague,
        arabic: num.digits_only,
        cn_digits: 0,
        magnitudes: usize::from(num.mag.is_some()),
        digit_string: false,
        plain_int_len: num.plain,
        bare_magnitude: false,
        tail_factor: num.mag,
        has_point: false,
        has_big: false,
        starts_with_ten: false,
    }
}

/// Lengths and runs: `100m sprint` is metres, not a million.
fn metres_word(w: &str) -> bool {
    matches!(
        w,
        "long"
            | "tall"
            | "high"
            | "deep"
            | "wide"
            | "away"
            | "sprint"
            | "race"
            | "run"
            | "dash"
            | "hurdles"
            | "freestyle"
            | "relay"
            | "walk"
            | "swim"
            | "above"
            | "below"
            | "underwater"
            | "radius"
            | "diameter"
            | "altitude"
    )
}

/// How much of the text around the figure a piece reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A figure on its own: qualifiers and currency before it.
    First,
    /// The second end of a range: only a currency before it.
    Partner,
}

/// The figure at `pos` with its unit, currency, rate and qualifiers.
fn en_piece(text: &str, pos: usize, floor: usize, mode: Mode) -> Result<En, Outcome> {
    let b = text.as_bytes();
    let digit = b[pos].is_ascii_digit() || b[pos] == b'.' || vulgar_fraction(b, pos).is_some();
    if digit && let Some(end) = identifier_before(text, pos) {
        return Err(Outcome::Skip(end));
    }
    let mut num = match read_number(text, pos) {
        Ok(n) => n,
        Err(DigitsErr::Skip(e)) => return Err(Outcome::Skip(e)),
        Err(DigitsErr::None) if digit => return Err(Outcome::Nothing),
        Err(DigitsErr::None) => {
            let e = word_at(b, pos).map_or(pos + 1, |(_, e)| e);
            return Err(Outcome::Skip(e));
        }
    };
    if num.mag.is_none() && num.value.lo < Decimal::ONE && vulgar_fraction(b, num.start).is_some() {
        // `⅔` alone is a fraction, as `2/3` is.
        num.fraction = true;
    }
    if num.digits_only && num.digits.is_some() {
        // What follows the digits: a version, a time, a date, an ordinal.
        let e = num.end;
        let next = b.get(e).copied();
        let after = b.get(e + 1).copied();
        let skip = || Outcome::Skip(token_end(text, pos));
        match next {
            Some(b'.') if after.is_some_and(|a| a.is_ascii_alphanumeric()) => return Err(skip()),
            Some(b':') if after.is_some_and(|a| a.is_ascii_digit()) => return Err(skip()),
            Some(b'-' | b'/') if after.is_some_and(|a| a.is_ascii_digit()) => {
                let sep = next.unwrap_or(b'-');
                if let Ok(Some((_, e2, Some(_)))) = read_arabic(text, e + 1)
                    && b.get(e2) == Some(&sep)
                    && b.get(e2 + 1).is_some_and(u8::is_ascii_digit)
                {
                    return Err(Outcome::Skip(nonspace_end(b, pos)));
                }
            }
            Some(c)
                if c.is_ascii_alphabetic()
                    && num.digits.is_some_and(|d| d.suffix.is_none() && !d.times) =>
            {
                // 1990s, 10am, 115usd (read as a unit below).
                let (w, we) = word_at(b, e).unwrap_or((
                    Lw {
                        buf: [0; 16],
                        len: 0,
                    },
                    e + 1,
                ));
                if matches!(w.as_str(), "s" | "am" | "pm") {
                    return Err(Outcome::Skip(we));
                }
            }
            _ => {}
        }
        if let Some(f) = slash_fraction(text, &num) {
            num = f;
            // `4 1/2 million`, `3/4 billion`: a magnitude after the fraction scales it.
            let q = skip_sp(b, num.end);
            if q == num.end + 1
                && let Some((w, we)) = word_at(b, q)
                && let Some(W::Big(m)) = number_word(w.as_bytes(), None)
                && let Some(v) = num.value.lo.checked_mul(m)
            {
                num = Num::exact(num.start, we, v);
                num.mag = Some(m);
            }
        }
    }
    let mut start = num.start;
    let mut value = num.value;
    let mut negative = false;
    let op_before = |m: usize| {
        let o = back_sp(b, m);
        o == 0 || matches!(b[o - 1], b'<' | b'>' | b'=' | b'(' | b':')
    };
    let change_before = |m: usize| {
        word_before(b, m).is_some_and(|(w, _)| matches!(w.as_str(), "yoy" | "qoq" | "mom"))
    };
    if digit
        && pos > floor
        && matches!(b[pos - 1], b'-' | b'+')
        && ((b[pos - 1] == b'-' && (minus_is_sign(text, pos - 1) || op_before(pos - 1)))
            || change_before(pos - 1))
    {
        // -5, <= -30, yoy-6.1%, QoQ -12%, YoY +5%.
        negative = b[pos - 1] == b'-';
        start = pos - 1;
    } else if let Some((w, s)) = word_before(b, num.start)
        && matches!(w.as_str(), "minus" | "negative")
        && s >= floor
        && num.value.lo >= Decimal::ZERO
    {
        negative = true;
        start = s;
    }
    let sign = currency_before(text, start, floor);
    let (mut unit, mut end, factor) = match unit_after(text, &num, sign.is_some()) {
        Some((u, e, f)) => (u, e, f),
        None => (Unit::Count, num.end, Decimal::ONE),
    };
    if num.start > 0
        && b[num.start - 1] == b'='
        && !matches!(unit, Unit::Money(_) | Unit::Percent)
        && !(unit == Unit::Count && counted_noun_after(b, num.end))
    {
        // x=152, y=2x+3: after `=` only money, a share or a count of a noun.
        return Err(Outcome::Skip(token_end(text, num.start)));
    }
    if let Some(d) = num.digits
        && d.times
        && (skip_sp(b, num.end) > num.end || super::accelerators_after(text, num.end - 1))
        && b.get(skip_sp(b, num.end))
            .is_some_and(u8::is_ascii_uppercase)
    {
        // 8x H100, 8x A100 80GB: not a ratio but how many accelerators the
        // machine holds (the gold reads 8x H100 as 8 GPUs).
        let x = num.end - 1;
        if !(matches!(b[x], b'x' | b'X') && super::accelerators_after(text, x)) {
            return Err(Outcome::Skip(num.end));
        }
        unit = Unit::Count;
        end = x;
    }
    if let Some(d) = num.digits
        && d.lower_m
        && word_at(b, skip_sp(b, num.end)).is_some_and(|(w, _)| metres_word(w.as_str()))
    {
        return Err(Outcome::Skip(num.end));
    }
    let scale = |v: Reading, f: Decimal| match (v.lo.checked_mul(f), v.hi.checked_mul(f)) {
        (Some(lo), Some(hi)) => Ok(Reading { lo, hi, ..v }),
        _ => Err(Outcome::Skip(num.end)),
    };
    if factor != Decimal::ONE {
        value = scale(value, factor)?;
    }
    let mut unit_explicit = unit != Unit::Count;
    // Smaller coins after a currency word.
    if let Unit::Money(_) = unit
        && factor == Decimal::ONE
        && value.lo == value.hi
        && value.lo.fract().is_zero()
        && num.mag.is_none()
        && let Some((extra, e)) = sub_units(text, end)
    {
        value = Reading::exact(value.lo.checked_add(extra).unwrap_or(value.lo));
        end = e;
    }
    let mut cur_prefix = false;
    if let Some((cur, s, f)) = sign {
        match unit {
            Unit::Count => {
                unit = Unit::Money(cur);
                unit_explicit = true;
                if f != Decimal::ONE {
                    value = scale(value, f)?;
                }
                start = s;
                cur_prefix = true;
            }
            Unit::Money(_) => {
                start = s;
                cur_prefix = true;
            }
            _ => {}
        }
    }
    if negative {
        value = negate(value);
    }
    if let Some(d) = num.digits
        && d.resolution
        && !cur_prefix
        && !word_at(b, skip_sp(b, num.end)).is_some_and(|(w, _)| {
            matches!(
                w.as_str(),
                "tokens" | "token" | "context" | "users" | "gpus"
            )
        })
    {
        // 4K video.
        return Err(Outcome::Skip(num.end));
    }
    let mut piece = Piece {
        start,
        end,
        num_end: num.end,
        value,
        vague: num.vague,
        unit,
        unit_explicit,
        per: None,
        prefix: None,
        suffix: None,
        numeral: numeral_of(&num),
        unconfirmed: false,
        plain_yuan: false,
        round: false,
        points: false,
        unit_before_only: false,
    };
    if matches!(unit, Unit::Money(_))
        && let Some((per, e)) = rate_after(text, piece.end)
    {
        piece.per = Some(per);
        piece.end = e;
    } else if unit == Unit::Count && !num.fraction {
        // 200 million API calls a day: a count per period; the period stays
        // outside the span (as for Chinese counts).
        piece.per = count_rate_after(text, piece.end);
    }
    if let Some((bound, e)) = qualifier_after(text, piece.end) {
        piece.suffix = Some(bound);
        piece.end = e;
    }
    if mode == Mode::First
        && let Some((bound, s)) = qualifier_before(text, piece.start, floor)
    {
        // over 3 years is "during", unless an age (over thirty years old).
        let during = bound == Bound::Over
            && matches!(unit, Unit::Duration(_))
            && word_is(b, s, "over")
            && word_at(b, skip_sp(b, piece.end)).is_none_or(|(w, _)| w.as_str() != "old")
            && word_before(b, s).is_none_or(|(w, _)| w.as_str() != "for");
        if !during {
            piece.prefix = Some(bound);
            piece.start = s;
        }
    }
    // less than 5000 or equal; equal to 5000 or less.
    match (piece.prefix, piece.suffix) {
        (Some(Bound::Over), Some(Bound::Equal)) => {
            piece.prefix = Some(Bound::AtLeast);
            piece.suffix = None;
        }
        (Some(Bound::Below), Some(Bound::Equal)) => {
            piece.prefix = Some(Bound::UpTo);
            piece.suffix = None;
        }
        (Some(Bound::Equal), Some(_)) => piece.prefix = None,
        _ => {}
    }
    let qualified = piece.prefix.is_some() || piece.suffix.is_some();
    // Names, dates, times and list numbers.
    if num.digits_only && !cur_prefix && unit == Unit::Count && !qualified {
        // 365, 11, 3.1, 2.0: short, no groups, no suffix.
        let written = &text[num.start..num.end];
        let version_like = num.plain.is_some_and(|n| n <= 4)
            || num.digits.is_some_and(|d| {
                d.suffix.is_none()
                    && !d.times
                    && !written.contains(',')
                    && written.matches('.').count() == 1
                    && written.len() <= 6
            });
        if name_before(text, num.start, version_like) {
            return Err(Outcome::Skip(token_end(text, num.start)));
        }
        let date_word_before = word_before(b, num.start).is_some_and(|(w, _)| {
            month_word(w.as_str())
                || matches!(
                    w.as_str(),
                    "in" | "since"
                        | "by"
                        | "from"
                        | "until"
                        | "till"
                        | "through"
                        | "during"
                        | "early"
                        | "late"
                        | "mid"
                        | "fiscal"
                        | "year"
                        | "before"
                        | "after"
                )
        });
        let year = num.plain == Some(4)
            && (dec(1900)..=dec(2100)).contains(&num.value.lo)
            && (date_word_before || !counted_noun_after(b, num.end));
        if year {
            return Err(Outcome::Skip(num.end));
        }
        let q = skip_sp(b, num.end);
        if let Some((w, we)) = word_at(b, q) {
            let capital = b[q].is_ascii_uppercase();
            let time = matches!(w.as_str(), "am" | "pm" | "a" | "p")
                && (matches!(w.as_str(), "am" | "pm") || b.get(we) == Some(&b'.'));
            if time || (capital && month_word(w.as_str())) {
                return Err(Outcome::Skip(we));
            }
        }
        if let Some(n) = num.plain
            && n <= 3
            && at_line_start(text, num.start)
            && matches!(b.get(num.end), Some(b'.' | b')'))
            && b.get(num.end + 1)
                .is_some_and(|c| *c == b' ' || *c == b'\n')
        {
            return Err(Outcome::Skip(num.end + 1));
        }
    }
    // `the one`, `one of them`: the pronoun, not a count.
    if num.lone_one && unit == Unit::Count && !qualified && !cur_prefix && !negative {
        let pronoun = word_before(b, num.start).is_some_and(|(w, _)| {
            matches!(
                w.as_str(),
                "the"
                    | "this"
                    | "that"
                    | "which"
                    | "each"
                    | "every"
                    | "any"
                    | "no"
                    | "another"
                    | "one"
                    | "only"
                    | "first"
                    | "second"
                    | "last"
                    | "next"
                    | "new"
                    | "other"
                    | "latest"
                    | "best"
                    | "big"
            )
        }) || word_at(b, skip_sp(b, num.end))
            .is_none_or(|(w, _)| matches!(w.as_str(), "of" | "another" | "day"));
        if pronoun {
            return Err(Outcome::Skip(num.end));
        }
    }
    // `half` on its own: a figure after a qualifier or before `of`.
    if num.half && unit == Unit::Count {
        let ok = (piece.prefix.is_some() || word_is(b, skip_sp(b, num.end), "of"))
            && !word_before(b, num.start).is_some_and(|(w, _)| {
                matches!(
                    w.as_str(),
                    "first"
                        | "second"
                        | "latter"
                        | "former"
                        | "other"
                        | "back"
                        | "front"
                        | "top"
                        | "bottom"
                        | "better"
                )
            });
        if !ok {
            return Err(Outcome::Skip(num.end));
        }
    }
    if num.fraction && unit == Unit::Count {
        piece.unit = Unit::Multiple;
    }
    Ok(En { piece, num })
}

/// `between X and Y`, `from X to Y`, `X to Y`, `X-Y`, `X through Y`, with
/// the magnitude and unit of either end applied to both.
fn en_range(text: &str, a: &En) -> Result<Option<Quantity>, Outcome> {
    let b = text.as_bytes();
    if a.piece.suffix.is_some() || a.num.vague != Vague::None || a.piece.per.is_some() {
        return Ok(None);
    }
    let p = skip_sp(b, a.piece.end);
    let intro =
        word_before(b, a.piece.start).filter(|(w, _)| matches!(w.as_str(), "between" | "from"));
    let (and, q) = match b.get(p) {
        Some(b'-' | b'~') => (false, p + 1),
        Some(_) if word_is(b, p, "to") => (false, p + 2),
        Some(_) if word_is(b, p, "through") => (false, p + 7),
        Some(_) if word_is(b, p, "thru") => (false, p + 4),
        Some(_) if word_is(b, p, "and") => (true, p + 3),
        _ => return Ok(None),
    };
    if b[p] == b'-'
        && !a.num.digits_only
        && !b
            .get(skip_sp(b, p + 1))
            .is_some_and(|c| c.is_ascii_digit() || *c == b'$')
    {
        // three-nought-four: words joined by hyphens, not a range.
        return Ok(None);
    }
    let intro_word = intro.map(|(w, _)| w);
    if and && intro_word.is_none_or(|w| w.as_str() != "between") {
        return Ok(None);
    }
    let bounding = a
        .piece
        .prefix
        .is_some_and(|p| !matches!(p, Bound::Approx | Bound::Equal));
    if bounding && intro.is_none() && b[p] != b'-' && b[p] != b'~' {
        // more than 5 to 10: not a range.
        return Ok(None);
    }
    // rose 5% to 10%, grew from $1 billion to $2 billion: a change, two figures.
    let before = match intro {
        Some((_, s)) => s,
        None => a.piece.start,
    };
    let verb = if matches!(b[p], b'-' | b'~') {
        None
    } else {
        word_before(b, before)
            .filter(|(w, _)| change_word(w.as_str()))
            .map(|(w, _)| rising(w.as_str()))
    };
    let q = skip_sp(b, q);
    // The second end may carry its own currency sign: $1 billion to $2 billion.
    let mut r = q;
    if let Some(c) = char_at(text, r)
        && (symbol_currency(c).is_some())
    {
        r = skip_sp(b, r + c.len_utf8());
    } else if b.get(r).is_some_and(u8::is_ascii_alphabetic) {
        // US$, HK$, USD 5
        let mut e = r;
        while e < b.len() && (b[e].is_ascii_alphabetic() || b[e] == b'.') {
            e += 1;
        }
        if b.get(e) == Some(&b'$') {
            r = skip_sp(b, e + 1);
        } else if text.get(r..e).is_some_and(|w| {
            w.bytes().all(|c| c.is_ascii_uppercase())
                && currency_code(&w.to_ascii_lowercase()).is_some()
        }) {
            r = skip_sp(b, e);
        }
    }
    let Some(&c) = b.get(r) else {
        return Ok(None);
    };
    let starts = c.is_ascii_digit()
        || (c.is_ascii_alphabetic() && word_start(b, r))
        || (c == b'.' && b.get(r + 1).is_some_and(u8::is_ascii_digit));
    if !starts {
        return Ok(None);
    }
    let bp = match en_piece(text, r, q, Mode::Partner) {
        Ok(x) => x,
        Err(_) => return Ok(None),
    };
    let (ap, bq) = (&a.piece, &bp.piece);
    if ap.unit_explicit && bq.unit_explicit && ap.unit != bq.unit {
        return Ok(None);
    }
    let spread = |w: &str| w.starts_with("rang") || w.starts_with("var");
    let years = |n: &Num| n.plain == Some(4) && (dec(1900)..=dec(2100)).contains(&n.value.lo);
    // from 20 to 8 per cent, from 20 to 8 billion: a range never falls, so
    // a first end above the second (with the second's magnitude, when it
    // writes none of its own) starts a change.
    let falls = || {
        let to = !and && word_is(b, p, "to");
        let shared = match (a.num.mag, bp.num.mag) {
            (None, Some(f))
                if super::change_shares_magnitude(ap.value.lo, f, bq.value.lo, None) =>
            {
                f
            }
            _ => Decimal::ONE,
        };
        to && !(years(&a.num) && years(&bp.num))
            && ap
                .value
                .lo
                .checked_mul(shared)
                .is_some_and(|v| v > bq.value.hi)
    };
    let change = if let Some(dir) = verb {
        Some(dir)
    } else if intro_word.is_some_and(|w| w.as_str() == "from")
        && !word_before(b, before).is_some_and(|(w, _)| spread(w.as_str()))
        && span_of_time_after(text, bq.end)
    {
        // from $3 billion to $40 billion in two years: a start and an end
        // (but prices ranging from $5 to $10 over the year spread).
        Some(None)
    } else if falls() {
        Some(Some(false))
    } else {
        None
    };
    if let Some(dir) = change {
        return Ok(change_start(a, &bp, dir));
    }
    if years(&a.num) && years(&bp.num) && !bq.unit_explicit {
        // 2019-2023: years.
        return Err(Outcome::Skip(bq.end));
    }
    let mut lo = ap.value;
    if a.num.mag.is_none()
        && let Some(f) = bp.num.mag
        && let Some(scaled) = lo.hi.checked_mul(f)
        && scaled <= bq.value.lo
        && let Some(scaled_lo) = lo.lo.checked_mul(f)
    {
        // $2-12 million: the magnitude of the second applies to both.
        lo = Reading {
            lo: scaled_lo,
            hi: scaled,
            ..lo
        };
    }
    // A currency before the first end carries to the second (and back).
    if lo.lo > bq.value.hi || (lo.lo == bq.value.hi && (lo.lo_open || bq.value.hi_open)) {
        return Ok(None);
    }
    let start = match intro {
        Some((_, s)) => s.min(ap.start),
        None => ap.start,
    };
    let merged = Piece {
        start,
        end: bq.end,
        num_end: bq.num_end,
        value: Reading {
            lo: lo.lo,
            hi: bq.value.hi,
            lo_open: lo.lo_open,
            hi_open: bq.value.hi_open,
        },
        vague: Vague::None,
        unit: if bq.unit_explicit { bq.unit } else { ap.unit },
        unit_explicit: ap.unit_explicit || bq.unit_explicit,
        per: bq.per.or(ap.per),
        prefix: None,
        suffix: bq.suffix,
        numeral: bq.numeral.clone(),
        unconfirmed: false,
        plain_yuan: false,
        round: false,
        points: bq.points,
        unit_before_only: false,
    };
    Ok(Some(to_quantity(&merged, Some(Qualifier::Range))))
}
