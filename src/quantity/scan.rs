//! The scanner: finds numeral starts with a cheap character test, parses the
//! numeral, then reads the words around it (sign, currency, qualifier, unit,
//! rate, range partner) and decides whether it is a quantity at all.

use super::numeral::{
    Interval, Numeral, Vague, char_at, cn_digit, is_alphanumeric, is_magnitude, negate,
    parse_numeral, read_arabic, skip_spaces, small_magnitude,
};
use super::types::{Currency, Per, Qualifier, Quantity, TimeUnit, Unit};
use super::units::{
    Bound, bmp_bits, currency_prefix, currency_suffix, date_word, duration_suffix, has_at,
    is_classifier, is_classifier_for_yi, one_of, prefix_qualifier, rate_prefix, rate_suffix,
    spaced_word_at, suffix_qualifier, word_at,
};
use rust_decimal::Decimal;

#[path = "english.rs"]
mod english;
pub use english::is_percentage_points;

/// Finds every quantity in normalised `text`, sorted and non-overlapping.
pub fn scan(text: &str) -> Vec<Quantity> {
    let bytes = text.as_bytes();
    let mut out: Vec<Quantity> = Vec::new();
    let mut pos = 0;
    let mut floor = 0;
    loop {
        pos = next_candidate(bytes, pos);
        if pos >= bytes.len() {
            break;
        }
        // Candidates are ASCII or three-byte characters.
        let len = if bytes[pos] < 0x80 { 1 } else { 3 };
        match quantity_at(text, pos, floor) {
            Outcome::Found(q) => {
                pos = q.end.max(pos + len);
                floor = q.end;
                out.push(q);
            }
            Outcome::Skip(end) => pos = end.max(pos + len),
            Outcome::Nothing => pos += len,
        }
    }
    pair_bounds(text, &mut out);
    out
}

/// The first character boundary at or after `pos` where a numeral may start,
/// or the end of the text. Runs over every character, so it reads the bytes
/// directly and tests three-byte characters (most of the text) against a
/// bitmap; kept out of line so that its loop has the registers to itself.
#[inline(never)]
fn next_candidate(bytes: &[u8], pos: usize) -> usize {
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
            2
        };
        rest = rest.get(len..).unwrap_or_default();
    }
    // The last two bytes hold no three-byte character.
    while let [b, ..] = *rest {
        if b < 0x80 && ascii_start(bytes, at(rest)) {
            return at(rest);
        }
        rest = rest.get(if b < 0x80 { 1 } else { 2 }..).unwrap_or_default();
    }
    bytes.len()
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

/// Chinese characters a numeral can start with.
const START_CHARS: &str = "零〇一壹二贰两俩三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万负几数上半对";

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

enum Outcome {
    Found(Quantity),
    /// Not a quantity, and nothing up to this offset is one either.
    Skip(usize),
    Nothing,
}

/// A numeral with the words read around it, before bounds are applied.
#[derive(Debug, Clone)]
struct Piece {
    start: usize,
    end: usize,
    num_end: usize,
    value: Interval,
    vague: Vague,
    unit: Unit,
    unit_explicit: bool,
    per: Option<Per>,
    prefix: Option<Bound>,
    suffix: Option<Bound>,
    numeral: Numeral,
    /// A lone Chinese digit not (yet) confirmed by a classifier or unit.
    unconfirmed: bool,
}

fn quantity_at(text: &str, pos: usize, floor: usize) -> Outcome {
    if text.as_bytes()[pos].is_ascii()
        && let Some(outcome) = english::quantity_at(text, pos, floor)
    {
        return outcome;
    }
    if !may_start_numeral(text, pos) {
        return match word_at(text, pos, "对折") {
            Some(end) => Outcome::Found(half_price(pos, end)),
            None => Outcome::Nothing,
        };
    }
    let first = match piece_at(text, pos, floor, true) {
        Ok(p) => p,
        Err(o) => return o,
    };
    match range_with(text, &first) {
        Ok(Some(q)) => return Outcome::Found(q),
        Ok(None) => {}
        Err(o) => return o,
    }
    if first.unconfirmed {
        return Outcome::Nothing;
    }
    Outcome::Found(to_quantity(&first, None))
}

/// 对折: half price, a percentage with no digit.
fn half_price(start: usize, end: usize) -> Quantity {
    let fifty = Interval::exact(Decimal::from(50));
    Quantity {
        start,
        end,
        low: Some(fifty.lo),
        high: Some(fifty.hi),
        low_open: false,
        high_open: false,
        unit: Unit::Percent,
        per: None,
        qualifier: Qualifier::Exact,
    }
}

/// Rejects the candidates that are most often no number (上海, 数据, 对于,
/// 一些, 百度) from the characters around them, before any parsing. Each
/// test is one that `piece_at` would make later, at greater cost.
fn may_start_numeral(text: &str, pos: usize) -> bool {
    if text.as_bytes().get(pos).is_some_and(u8::is_ascii) {
        return true;
    }
    let Some(c) = char_at(text, pos) else {
        return false;
    };
    let next = char_at(text, pos + c.len_utf8());
    match c {
        // 对 only in 对折, which the caller reads.
        '对' => false,
        // 上百, 数十, 几千: these begin a numeral only before a magnitude.
        '上' | '数' | '几' => next.is_some_and(is_magnitude),
        '负' => true,
        _ => !next.is_some_and(|n| rejected_lone(text, pos, n)),
    }
}

/// A Chinese digit or magnitude at `pos` before a character `next` that does
/// not continue the numeral: `piece_at` would read it as a lone digit and
/// reject it, as `next` may not follow one (一些, 统一, 百度), unless a sign
/// or 是/前 comes before it.
fn rejected_lone(text: &str, pos: usize, next: char) -> bool {
    let continues = next.is_ascii_digit()
        || cn_digit(next).is_some()
        || is_magnitude(next)
        || one_of!("点多余几打", next);
    let kept = continues
        || may_follow_lone_char(next)
        || (pos > 0 && text.as_bytes()[pos - 1] == b'-')
        || prev_char(text, pos).is_some_and(|p| p == '是' || p == '前');
    !kept
}

fn prev_char(text: &str, pos: usize) -> Option<char> {
    text.get(..pos).and_then(|h| h.chars().next_back())
}

/// End of the run of identifier characters (letters, digits, `._-/`) at `pos`.
fn word_run_end(text: &str, pos: usize) -> usize {
    let b = text.as_bytes();
    let mut i = pos;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b"._-/:".contains(&b[i])) {
        i += 1;
    }
    i
}

/// End of the run of numeral characters at `pos` (to skip an unparseable one).
fn numeral_run_end(text: &str, pos: usize) -> usize {
    let mut i = pos;
    while let Some(c) = char_at(text, i) {
        let numeric =
            c.is_ascii_digit() || c == ',' || c == '.' || cn_digit(c).is_some() || is_magnitude(c);
        if !numeric {
            break;
        }
        i += c.len_utf8();
    }
    i.max(pos + char_at(text, pos).map_or(1, char::len_utf8))
}

/// Whether `pos` only has spaces before it on its line.
fn at_line_start(text: &str, pos: usize) -> bool {
    text[..pos]
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .all(|c| one_of!(" \t\r•·*->", c))
}

fn piece_at(text: &str, pos: usize, floor: usize, with_prefix: bool) -> Result<Piece, Outcome> {
    let c = char_at(text, pos).ok_or(Outcome::Nothing)?;
    let mut num_pos = pos;
    let mut start = pos;
    let mut negative = false;
    if c == '负' {
        num_pos = pos + c.len_utf8();
        negative = true;
        if !char_at(text, num_pos).is_some_and(|n| n.is_ascii_digit() || cn_digit(n).is_some()) {
            return Err(Outcome::Nothing);
        }
    } else if with_prefix
        && pos > floor
        && text.as_bytes()[pos - 1] == b'-'
        && minus_is_sign(text, pos - 1)
    {
        negative = true;
        start = pos - 1;
    }
    let arabic_start = char_at(text, num_pos).is_some_and(|c| c.is_ascii_digit() || c == '.');
    // The currency prefix is looked up only where it can matter: most
    // candidates (一, 上, 数 …) are rejected before it is needed.
    let cur_prefix = || {
        if with_prefix {
            currency_prefix(text, start, floor)
        } else {
            None
        }
    };
    if arabic_start && glued_to_identifier(text, start) && cur_prefix().is_none() {
        return Err(Outcome::Skip(word_run_end(text, num_pos)));
    }
    let prev = prev_char(text, start);
    if prev == Some('第') {
        let end = parse_numeral(text, num_pos)
            .ok()
            .flatten()
            .map_or(num_pos + 1, |n| n.end);
        return Err(Outcome::Skip(end));
    }
    let numeral = match parse_numeral(text, num_pos) {
        Ok(Some(n)) => n,
        Ok(None) => return Err(Outcome::Nothing),
        Err(_) => return Err(Outcome::Skip(numeral_run_end(text, num_pos))),
    };
    if numeral.arabic {
        check_arabic_context(text, start, &numeral)?;
    } else if numeral.is_lone_chinese()
        && !prev.is_some_and(|c| c == '是' || c == '前')
        && !may_follow_lone(text, numeral.end)
    {
        // 一起, 一些, 统一 …: nothing after the digit could make it a quantity.
        return Err(Outcome::Nothing);
    }
    let mut value = numeral.value;
    let mut p = numeral.end;
    let mut unit = Unit::Count;
    let mut unit_explicit = false;
    let fraction = fraction_after(text, &numeral);
    if let Some((v, end, u)) = fraction {
        value = Interval::exact(v);
        p = end;
        unit = u;
        unit_explicit = u != Unit::Count;
    }
    if negative {
        value = negate(value);
    }
    let mut piece = Piece {
        start,
        end: p,
        num_end: p,
        value,
        vague: numeral.vague,
        unit,
        unit_explicit,
        per: None,
        prefix: None,
        suffix: None,
        numeral,
        unconfirmed: false,
    };
    if !piece.unit_explicit {
        read_unit(text, &mut piece)?;
    }
    if let Some((cur, s)) = cur_prefix() {
        match piece.unit {
            Unit::Count => {
                piece.unit = Unit::Money(cur);
                piece.unit_explicit = true;
                piece.start = s;
            }
            Unit::Money(_) => piece.start = s,
            _ => {}
        }
    }
    if piece.unit == Unit::Count && fraction.is_none() && piece.numeral.is_lone_chinese() {
        piece.unconfirmed = !lone_digit_confirmed(text, start, &piece);
    }
    if has_at(text, num_pos, "上") && prev.is_some_and(|c| c == '千' || c == '百') {
        // 成千上万, 成百上千: idioms, not figures.
        return Err(Outcome::Nothing);
    }
    if has_at(text, num_pos, "半")
        && piece.numeral.magnitudes == 0
        && !matches!(piece.unit, Unit::Duration(_) | Unit::Percent)
        || has_at(text, num_pos, "半年") && prev.is_some_and(|c| one_of!("上下前后大", c))
    {
        // 半步 is a figure of speech; 上半年 is a date.
        return Err(Outcome::Nothing);
    }
    if piece.unit == Unit::Count && is_bare_year(text, &piece) {
        return Err(Outcome::Skip(piece.num_end));
    }
    if piece.unconfirmed {
        // Only a range can still confirm it (一到五个); its words are not needed.
        return Ok(piece);
    }
    read_suffixes(text, &mut piece);
    if with_prefix {
        read_prefixes(text, &mut piece, floor);
    }
    Ok(piece)
}

/// Cheap pre-check for lone Chinese digits: can the next character start a
/// unit, classifier, qualifier, fraction or clause end?
fn may_follow_lone(text: &str, end: usize) -> bool {
    char_at(text, skip_spaces(text, end)).is_none_or(may_follow_lone_char)
}

fn may_follow_lone_char(c: char) -> bool {
    !is_alphanumeric(c)
        || is_classifier(c)
        || cn_digit(c).is_some()
        || one_of!(
            "美欧日港英人块元倍成折分又小星周天年月时点秒季世届财以左上之还或打到至和与",
            c,
        )
}

/// Whether a lone Chinese digit (一, 两, 三 …) is used as a number: before a
/// classifier (一只, 三家) or a bound (一以上); other digits also at the end of
/// a clause or after 是/前 (答案是四, 前三). 一 is kept strict: 统一, 之一,
/// 一样, 一致 are words.
fn lone_digit_confirmed(text: &str, start: usize, piece: &Piece) -> bool {
    let prev = prev_char(text, start);
    // 之一, 统一, 周二, 略窥一二: part of a word or of a digit sequence.
    let word_part = |c: char| one_of!("之统唯万周初每单同逐另下新上这那哪其期第星", c);
    if prev.is_some_and(|c| word_part(c) || cn_digit(c).is_some()) {
        return false;
    }
    let after = skip_spaces(text, piece.num_end);
    let next = char_at(text, after);
    let is_yi = piece.num_end == start + '一'.len_utf8() && has_at(text, start, "一");
    let quoted =
        prev.is_some_and(|c| c == '“' || c == '"') && next.is_some_and(|c| c == '”' || c == '"');
    if is_yi {
        return quoted
            || next.is_some_and(is_classifier_for_yi)
            || word_at(text, after, "以上").is_some()
            || word_at(text, after, "以下").is_some();
    }
    if next.is_some_and(is_classifier) || suffix_qualifier(text, after).is_some() {
        return true;
    }
    let n = &piece.numeral;
    let single = (n.magnitudes == 0 && n.cn_digits == 1 && !piece.value.lo.is_zero())
        || (n.magnitudes == 1 && n.cn_digits == 0 && n.starts_with_ten);
    let clause_end = next.is_none_or(|c| !is_alphanumeric(c));
    single && (clause_end || prev.is_some_and(|c| c == '是' || c == '前'))
}

/// 2023世界人工智能大会: a year used as a name, not a count of 2023 things.
fn is_bare_year(text: &str, piece: &Piece) -> bool {
    let year_like = piece.numeral.plain_int_len == Some(4)
        && (Decimal::from(1900)..=Decimal::from(2100)).contains(&piece.value.lo);
    year_like
        && char_at(text, piece.num_end)
            .is_some_and(|c| !c.is_ascii() && is_alphanumeric(c) && !is_classifier(c))
}

/// `-` is a minus sign only where no word or number ends right before it.
fn minus_is_sign(text: &str, minus: usize) -> bool {
    match prev_char(text, minus) {
        None => true,
        Some(c) => {
            !(c.is_alphanumeric() || c == ')' || c == '%' || c == '.' || c == '-' || c == ' ')
                || c == '负'
        }
    }
}

/// A number glued to an identifier: A100, GPT-4, junwu2333, AI2.0, v1.5,
/// Office 365, a URL path.
fn glued_to_identifier(text: &str, start: usize) -> bool {
    let Some(prev) = prev_char(text, start) else {
        return false;
    };
    if prev.is_ascii_alphanumeric() || one_of!("_/=#@&\\", prev) {
        return true;
    }
    if prev == '-' || prev == '+' {
        let before = prev_char(text, start - 1);
        // 5k-20k is a range; GPT-4 a name.
        let thousands = matches!(before, Some('k' | 'K'))
            && start >= 3
            && text.as_bytes()[start - 3].is_ascii_digit();
        return before.is_some_and(|c| c.is_ascii_alphabetic()) && !thousands;
    }
    if prev == '.' {
        let before = prev_char(text, start - 1);
        return before.is_some_and(|c| c.is_ascii_alphanumeric());
    }
    if prev == ' ' {
        // Office 365, but not `released 42`: decided by the word's shape.
        let head = text[..start].trim_end_matches(' ');
        return head
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && english::name_before(text, start, true);
    }
    false
}

/// What follows an Arabic number decides whether it is an identifier, a time,
/// a version, a file name or a list marker.
fn check_arabic_context(text: &str, start: usize, n: &Numeral) -> Result<(), Outcome> {
    let b = text.as_bytes();
    let end = n.end;
    let next = b.get(end).copied();
    let after = b.get(end + 1).copied();
    let skip = || Outcome::Skip(word_run_end(text, end));
    let pure_arabic = n.magnitudes == 0 && n.cn_digits == 0;
    match next {
        // 6B, 5G, 3D are names; 1.3万亿token is a count of tokens.
        Some(c) if c.is_ascii_alphabetic() && pure_arabic => {
            let rest = &text[end..];
            let code = ["USD", "RMB", "CNY", "EUR", "JPY", "HKD", "GBP"]
                .iter()
                .any(|w| rest.starts_with(w));
            if !code {
                return Err(skip());
            }
        }
        Some(b'.') if after.is_some_and(|a| a.is_ascii_alphanumeric()) => return Err(skip()),
        Some(b':') if after.is_some_and(|a| a.is_ascii_digit()) => return Err(skip()),
        Some(b'_') => return Err(skip()),
        Some(b'-') if after.is_some_and(|a| a.is_ascii_digit()) => {
            // 2023-04-10: two hyphens make a date, not a range.
            let second = parse_numeral(text, end + 1).ok().flatten();
            if let Some(s) = second
                && b.get(s.end) == Some(&b'-')
                && b.get(s.end + 1).is_some_and(u8::is_ascii_digit)
            {
                return Err(Outcome::Skip(word_run_end(text, end)));
            }
        }
        _ => {}
    }
    if prev_char(text, start) == Some(':') && start >= 2 && b[start - 2].is_ascii_digit() {
        return Err(skip());
    }
    if let Some(len) = n.plain_int_len
        && len <= 3
    {
        let marker_after = matches!(next, Some(b')'))
            || has_at(text, end, "、")
            || (next == Some(b'.') && after.is_some_and(|a| !a.is_ascii_digit()));
        if at_line_start(text, start) && marker_after {
            return Err(Outcome::Skip(end + 1));
        }
        if prev_char(text, start) == Some('(') && next == Some(b')') {
            return Err(Outcome::Skip(end + 1));
        }
    }
    Ok(())
}

/// `X分之Y`, `A又B分之C`, `3/5`, `1 3/5` right after numeral `n`.
fn fraction_after(text: &str, n: &Numeral) -> Option<(Decimal, usize, Unit)> {
    if let Some(after) = spaced_word_at(text, n.end, "分之") {
        let (num, end) = signed_numeral(text, skip_spaces(text, after))?;
        let den = n.value.lo;
        if n.value.lo != n.value.hi || den.is_zero() {
            return None;
        }
        // 百分之四十 is a percentage; 一百分之四十 is the fraction 0.4.
        if n.bare_magnitude && n.cn_digits == 0 && !n.arabic && den >= Decimal::ONE_HUNDRED {
            let v = num.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(den)?;
            return Some((v, end, Unit::Percent));
        }
        return Some((num.checked_div(den)?, end, Unit::Multiple));
    }
    if let Some(after) = spaced_word_at(text, n.end, "又") {
        let start = skip_spaces(text, after);
        let den = parse_numeral(text, start).ok().flatten()?;
        let (frac, end, _) = fraction_after(text, &den)?;
        let v = n.value.lo.checked_add(frac)?;
        return Some((v, end, Unit::Count));
    }
    if n.plain_int_len.is_some() {
        let b = text.as_bytes();
        if b.get(n.end) == Some(&b'/') {
            let (num, den, end) = slash(text, n.value.lo, n.end)?;
            return Some((num.checked_div(den)?, end, Unit::Multiple));
        }
        if b.get(n.end) == Some(&b' ') {
            let (whole_num, den, end) = slash_after_space(text, n.end)?;
            let v = n.value.lo.checked_add(whole_num.checked_div(den)?)?;
            return Some((v, end, Unit::Count));
        }
    }
    None
}

fn slash(text: &str, num: Decimal, slash_pos: usize) -> Option<(Decimal, Decimal, usize)> {
    let (den, end, plain) = read_arabic(text, slash_pos + 1).ok().flatten()?;
    plain?;
    let b = text.as_bytes();
    // 2023/4/10 is a date.
    if b.get(end) == Some(&b'/') || b.get(end).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    if den.is_zero() {
        return None;
    }
    Some((num, den, end))
}

fn slash_after_space(text: &str, pos: usize) -> Option<(Decimal, Decimal, usize)> {
    let at = pos + 1;
    let (num, end, plain) = read_arabic(text, at).ok().flatten()?;
    plain?;
    if text.as_bytes().get(end) != Some(&b'/') {
        return None;
    }
    slash(text, num, end)
}

fn signed_numeral(text: &str, pos: usize) -> Option<(Decimal, usize)> {
    let (neg, at) = match char_at(text, pos) {
        Some('负') => (true, pos + '负'.len_utf8()),
        Some('-') => (true, pos + 1),
        _ => (false, pos),
    };
    let n = parse_numeral(text, at).ok().flatten()?;
    if n.value.lo != n.value.hi {
        return None;
    }
    Some((if neg { -n.value.lo } else { n.value.lo }, n.end))
}

/// Reads the unit after the numeral; `Err(Skip)` for dates and times.
fn read_unit(text: &str, piece: &mut Piece) -> Result<(), Outcome> {
    let n = &piece.numeral;
    let p = piece.num_end;
    let q = skip_spaces(text, p);
    let v = piece.value;
    let Some(c) = char_at(text, q) else {
        return Ok(());
    };
    let set = |piece: &mut Piece, unit: Unit, end: usize, value: Interval| {
        piece.unit = unit;
        piece.unit_explicit = true;
        piece.end = end;
        piece.value = value;
    };
    if c == '%' {
        set(piece, Unit::Percent, q + 1, v);
        return Ok(());
    }
    if let Some(end) =
        spaced_word_at(text, q, "个百分点").or_else(|| spaced_word_at(text, q, "百分点"))
    {
        set(piece, Unit::Percent, end, v);
        return Ok(());
    }
    if c == '倍' {
        let mut end = q + c.len_utf8();
        let mut value = v;
        // 1倍多: more than one times, below two.
        if char_at(text, end) == Some('多') && v.lo == v.hi {
            value = Interval {
                lo: v.lo,
                hi: v.hi + super::numeral::last_place(v.lo),
                lo_open: true,
                hi_open: true,
            };
            piece.vague = Vague::More;
            end += '多'.len_utf8();
        }
        set(piece, Unit::Multiple, end, value);
        return Ok(());
    }
    if c == '成'
        && let Some((value, end)) = cheng(text, q, v)
    {
        set(piece, Unit::Percent, end, value);
        return Ok(());
    }
    if let Some((value, end)) = spaced_discount(text, p, q, v) {
        set(piece, Unit::Percent, end, value);
        return Ok(());
    }
    if c == '折'
        && let Some(value) = zhe(text, q, v)
    {
        set(piece, Unit::Percent, q + c.len_utf8(), value);
        return Ok(());
    }
    if let Some((cur, end)) = currency_suffix(text, q) {
        let (value, end) = sub_units(text, end, cur, v);
        set(piece, Unit::Money(cur), end, value);
        return Ok(());
    }
    if let Some((tu, end, half)) = duration_suffix(text, q) {
        let mut end = end;
        let mut value = v;
        if tu == TimeUnit::Years && is_year_date(text, n, end) {
            return Err(Outcome::Skip(end));
        }
        let half = half || word_at(text, end, "半").is_some();
        if half {
            if !text[q..end].contains('半') {
                end += '半'.len_utf8();
            }
            let h = Decimal::new(5, 1);
            value = Interval {
                lo: v.lo + h,
                hi: v.hi + h,
                ..v
            };
        }
        set(piece, Unit::Duration(tu), end, value);
        return Ok(());
    }
    if let Some(end) = date_word(text, q) {
        // 两百点两: 点 is an o'clock only for hours.
        let clock = has_at(text, q, "点");
        if clock && (v.lo != v.hi || v.lo > Decimal::from(24) || !v.lo.fract().is_zero()) {
            return Ok(());
        }
        return Err(Outcome::Skip(end));
    }
    Ok(())
}

/// 五元三毛, 50元6角三分, 两美元又三美分: smaller coins after the main unit.
fn sub_units(text: &str, end: usize, cur: Currency, v: Interval) -> (Interval, usize) {
    if v.lo != v.hi {
        return (v, end);
    }
    let units: &[(&str, Decimal)] = match cur {
        Currency::CNY => &[
            ("角", Decimal::new(1, 1)),
            ("毛", Decimal::new(1, 1)),
            ("分", Decimal::new(1, 2)),
        ],
        Currency::USD => &[("美分", Decimal::new(1, 2))],
        _ => return (v, end),
    };
    let mut total = v.lo;
    let mut p = word_at(text, end, "又").unwrap_or(end);
    let mut matched = end;
    for &(word, factor) in units {
        let Ok(Some(n)) = parse_numeral(text, p) else {
            continue;
        };
        if n.value.lo != n.value.hi || n.value.lo >= Decimal::from(100) {
            continue;
        }
        if let Some(e) = word_at(text, n.end, word) {
            total += n.value.lo * factor;
            p = e;
            matched = e;
        }
    }
    (Interval::exact(total), matched)
}

/// 2023年, 二〇二三年, 2019 年 3 月, 23年5月: a year, not a duration.
fn is_year_date(text: &str, n: &Numeral, after_nian: usize) -> bool {
    if n.plain_int_len == Some(4) || n.digit_string {
        return true;
    }
    let q = skip_spaces(text, after_nian);
    match parse_numeral(text, q) {
        Ok(Some(m)) => word_at(text, skip_spaces(text, m.end), "月").is_some(),
        _ => false,
    }
}

/// 5成 = 50%, 七成六 = 76%, 三成半 = 35%; not 成为, 成功, 一成不变.
fn cheng(text: &str, q: usize, v: Interval) -> Option<(Interval, usize)> {
    let mut end = q + '成'.len_utf8();
    let next_at = skip_spaces(text, end);
    let next = char_at(text, next_at);
    if next.is_some_and(|c| one_of!("为功立本员果熟长交绩就都型品效千语分不了", c))
    {
        return None;
    }
    if v.hi > Decimal::TEN || v.lo.is_sign_negative() {
        return None;
    }
    let ten = Decimal::TEN;
    let mut extra = Decimal::ZERO;
    if let Some(c) = next {
        if let Some(d) = cn_digit(c).filter(|&d| d > 0) {
            // 七成六: the digit after 成 is the next place, unless it starts a count (七成三家).
            let after = char_at(text, next_at + c.len_utf8());
            if !after.is_some_and(|a| is_classifier(a) || small_magnitude(a).is_some()) {
                extra = Decimal::from(d);
                end = next_at + c.len_utf8();
            }
        } else if c == '半' {
            extra = Decimal::from(5);
            end = next_at + c.len_utf8();
        }
    }
    Some((
        Interval {
            lo: v.lo * ten + extra,
            hi: v.hi * ten + extra,
            ..v
        },
        end,
    ))
}

/// 九 九 折, 7 2 折: a discount written digit by digit.
fn spaced_discount(text: &str, p: usize, q: usize, v: Interval) -> Option<(Interval, usize)> {
    // Spaces first: it is the cheap test, and most numbers have none after them.
    if q == p {
        return None;
    }
    let one_digit =
        v.lo == v.hi && v.lo.fract().is_zero() && (Decimal::ONE..Decimal::TEN).contains(&v.lo);
    if !one_digit {
        return None;
    }
    let c = char_at(text, q)?;
    let d = c.to_digit(10).or_else(|| cn_digit(c))?;
    let after = skip_spaces(text, q + c.len_utf8());
    let end = word_at(text, after, "折")?;
    let pct = v.lo * Decimal::TEN + Decimal::from(d);
    Some((Interval::exact(pct), end))
}

/// 九折 = 90%, 75折 = 75%, 三点一折 = 31%; not 折合, 折叠, 折扣.
fn zhe(text: &str, q: usize, v: Interval) -> Option<Interval> {
    let next = char_at(text, q + '折'.len_utf8());
    if next.is_some_and(|c| one_of!("合叠扣旧算射线腾服中价半", c)) {
        return None;
    }
    if v.lo != v.hi || v.lo <= Decimal::ZERO || v.lo >= Decimal::ONE_HUNDRED {
        return None;
    }
    if v.lo == Decimal::new(5, 1) {
        // 半折: half price.
        return Some(Interval::exact(Decimal::from(50)));
    }
    let pct = if v.lo < Decimal::TEN {
        v.lo * Decimal::TEN
    } else {
        v.lo
    };
    Some(Interval::exact(pct))
}

/// Rate and qualifier words after the unit; classifiers stay outside the span.
fn read_suffixes(text: &str, piece: &mut Piece) {
    let money = matches!(piece.unit, Unit::Money(_));
    if money && let Some((per, end)) = rate_suffix(text, piece.end) {
        piece.per = Some(per);
        piece.end = end;
    }
    if let Some((bound, end)) = suffix_qualifier(text, piece.end) {
        piece.suffix = Some(bound);
        piece.end = end;
    } else if piece.unit == Unit::Count {
        // 120家左右: the qualifier is read past the classifier but the span
        // keeps only the number.
        let after = skip_spaces(text, piece.end);
        if let Some(c) = char_at(text, after)
            && is_classifier(c)
            && let Some((bound, _)) = suffix_qualifier(text, after + c.len_utf8())
        {
            piece.suffix = Some(bound);
        }
    }
    if money
        && piece.per.is_none()
        && let Some((per, end)) = rate_suffix(text, piece.end)
    {
        piece.per = Some(per);
        piece.end = end;
    }
}

/// Qualifier, currency and rate words before the number.
fn read_prefixes(text: &str, piece: &mut Piece, floor: usize) {
    if piece.suffix.is_none()
        && let Some((bound, s, e)) = comparison(text, piece, floor)
    {
        piece.prefix = Some(bound);
        piece.start = s;
        piece.end = e;
        return;
    }
    if let Some((bound, s)) = prefix_qualifier(text, piece.start, floor) {
        // 近3年 is "the last three years", not "nearly".
        let recent = bound == Bound::Nearly && matches!(piece.unit, Unit::Duration(_));
        if !recent {
            piece.prefix = Some(bound);
            piece.start = s;
        }
    }
    if !matches!(piece.unit, Unit::Money(_)) || piece.per.is_some() {
        return;
    }
    if let Some((per, s)) = rate_prefix(text, piece.start, floor) {
        piece.per = Some(per);
        piece.start = s;
    } else if let Some(per) = rate_before_noun(text, piece.start, floor) {
        // 单日成本70万美元: the rate word is one noun away, so it sets the
        // period but stays outside the span.
        piece.per = Some(per);
    }
}

/// A rate word a few Chinese characters before `start` in the same clause
/// (单日运营成本大约是70万美元, 每天光电费至少5万美元).
fn rate_before_noun(text: &str, start: usize, floor: usize) -> Option<Per> {
    let mut end = start;
    for _ in 0..8 {
        let c = prev_char(text, end)?;
        if end <= floor || !('\u{4E00}'..='\u{9FFF}').contains(&c) {
            return None;
        }
        end -= c.len_utf8();
        if let Some((per, _)) = rate_prefix(text, end, floor) {
            return Some(per);
        }
    }
    None
}

/// 比三十大, 比 170 低: a comparison around the number.
fn comparison(text: &str, piece: &Piece, floor: usize) -> Option<(Bound, usize, usize)> {
    let head = text.get(floor..piece.start)?.trim_end_matches(' ');
    let s = floor + head.strip_suffix('比')?.len();
    let after = skip_spaces(text, piece.end);
    let c = char_at(text, after)?;
    let bound = match c {
        '大' | '高' | '多' => Bound::Over,
        '小' | '低' | '少' => Bound::Below,
        _ => return None,
    };
    Some((bound, s, after + c.len_utf8()))
}

/// `A-B`, `A至B`, `A到B`, `A~B`, `A和B之间` as one Range quantity.
fn range_with(text: &str, a: &Piece) -> Result<Option<Quantity>, Outcome> {
    if a.suffix.is_some() || a.vague != Vague::None {
        return Ok(None);
    }
    let p = skip_spaces(text, a.end);
    let Some(conn) = char_at(text, p) else {
        return Ok(None);
    };
    if !one_of!("-~至到和与", conn) {
        return Ok(None);
    }
    let q = skip_spaces(text, p + conn.len_utf8());
    let Some(c) = char_at(text, q) else {
        return Ok(None);
    };
    if !(c.is_ascii_digit() || cn_digit(c).is_some() || small_magnitude(c).is_some()) {
        return Ok(None);
    }
    let b = match piece_at(text, q, q, false) {
        Ok(b) => b,
        Err(Outcome::Skip(end)) if one_of!("-~至到", conn) => {
            // 3-5 月, 2020到2023年: the whole range is a date.
            return Err(Outcome::Skip(end));
        }
        Err(_) => return Ok(None),
    };
    let end = b.end;
    if conn == '和' || conn == '与' {
        let after = skip_spaces(text, b.end);
        // 和/与 join a range only in "A和B之间"; the 之间 stays outside the span.
        if word_at(text, after, "之间")
            .or_else(|| word_at(text, after, "间"))
            .is_none()
        {
            return Ok(None);
        }
    }
    if a.unit_explicit && b.unit_explicit && a.unit != b.unit {
        return Ok(None);
    }
    if a.numeral.plain_int_len == Some(4) && b.numeral.plain_int_len == Some(4) && !b.unit_explicit
    {
        // 2019-2023: years.
        return Err(Outcome::Skip(b.end));
    }
    let mut lo = a.value;
    if !a.unit_explicit
        && a.numeral.magnitudes == 0
        && let Some(f) = b.numeral.tail_factor
        && let Some(scaled) = lo.hi.checked_mul(f)
        && scaled <= b.value.lo
        && let Some(scaled_lo) = lo.lo.checked_mul(f)
    {
        // 3-5万: the magnitude of the second number applies to both.
        lo = Interval {
            lo: scaled_lo,
            hi: scaled,
            ..lo
        };
    }
    // Also no range when an open end meets the start: 二〇-十余 is [20, 20), empty.
    if lo.lo > b.value.hi || (lo.lo == b.value.hi && (lo.lo_open || b.value.hi_open)) {
        return Ok(None);
    }
    let merged = Piece {
        start: a.start,
        end,
        num_end: b.num_end,
        value: Interval {
            lo: lo.lo,
            hi: b.value.hi,
            lo_open: lo.lo_open,
            hi_open: b.value.hi_open,
        },
        vague: Vague::None,
        unit: if b.unit_explicit { b.unit } else { a.unit },
        unit_explicit: a.unit_explicit || b.unit_explicit,
        per: b.per.or(a.per),
        prefix: None,
        suffix: b.suffix,
        numeral: b.numeral.clone(),
        unconfirmed: false,
    };
    Ok(Some(to_quantity(&merged, Some(Qualifier::Range))))
}

/// Applies the qualifier words to the numeral's interval.
fn to_quantity(p: &Piece, forced: Option<Qualifier>) -> Quantity {
    let v = p.value;
    let bounding = |b: &Bound| !matches!(b, Bound::Approx | Bound::Equal);
    let bound = p
        .prefix
        .filter(bounding)
        .or(p.suffix.filter(bounding))
        .or(p.prefix.filter(|b| *b == Bound::Approx))
        .or(p.suffix.filter(|b| *b == Bound::Approx));
    let point = (Some(v.lo), Some(v.hi), v.lo_open, v.hi_open);
    let ((low, high, low_open, high_open), qualifier) = match (forced, bound) {
        (Some(q), Some(Bound::Approx) | None) => (point, q),
        (_, Some(Bound::Approx)) => (point, Qualifier::Approx),
        (_, Some(Bound::Over)) => {
            let high = (p.vague == Vague::More).then_some(v.hi);
            ((Some(v.lo), high, true, high.is_some()), Qualifier::Over)
        }
        (_, Some(Bound::AtLeast)) => ((Some(v.lo), None, v.lo_open, false), Qualifier::AtLeast),
        (_, Some(Bound::Nearly)) => ((None, Some(v.hi), false, false), Qualifier::Nearly),
        (_, Some(Bound::Below)) => ((None, Some(v.lo), false, true), Qualifier::Under),
        (_, Some(Bound::NotAbove)) => ((None, Some(v.hi), false, v.hi_open), Qualifier::Under),
        (_, Some(Bound::UpTo)) => ((None, Some(v.hi), false, v.hi_open), Qualifier::UpTo),
        (None, Some(Bound::Equal) | None) => (
            point,
            match p.vague {
                Vague::None => Qualifier::Exact,
                Vague::More => Qualifier::Over,
                Vague::Several => Qualifier::Range,
            },
        ),
        (Some(q), Some(Bound::Equal)) => (point, q),
    };
    Quantity {
        start: p.start,
        end: p.end,
        low,
        high,
        low_open,
        high_open,
        unit: p.unit,
        per: p.per,
        qualifier,
    }
}

/// 大于10小于20, 最多100最少20, 1000以上, 1500以下: a lower and an upper bound
/// stated next to each other become one range.
fn pair_bounds(text: &str, out: &mut Vec<Quantity>) {
    let mut i = 0;
    while i + 1 < out.len() {
        let (a, b) = (&out[i], &out[i + 1]);
        let gap = if b.start - a.end <= 15 {
            text.get(a.end..b.start).unwrap_or("x")
        } else {
            "x"
        };
        let joinable = gap.chars().count() <= 5
            && gap.chars().all(|c| one_of!(" ,的同时并且和、", c))
            || english::joins_bounds(gap);
        let lower_upper = |l: &Quantity, u: &Quantity| {
            l.low.is_some() && l.high.is_none() && u.low.is_none() && u.high.is_some()
        };
        let merged = if joinable && a.unit == b.unit {
            if lower_upper(a, b) {
                Some((a.low, a.low_open, b.high, b.high_open))
            } else if lower_upper(b, a) {
                Some((b.low, b.low_open, a.high, a.high_open))
            } else {
                None
            }
        } else {
            None
        };
        match merged {
            // 大于10小于10 holds no value: keep the two bounds apart.
            Some((Some(lo), lo_open, Some(hi), hi_open))
                if lo < hi || (lo == hi && !lo_open && !hi_open) =>
            {
                let q = Quantity {
                    start: a.start,
                    end: b.end,
                    low: Some(lo),
                    high: Some(hi),
                    low_open: lo_open,
                    high_open: hi_open,
                    unit: a.unit,
                    per: a.per.or(b.per),
                    qualifier: Qualifier::Range,
                };
                out[i] = q;
                out.remove(i + 1);
            }
            _ => i += 1,
        }
    }
}
