//! The scanner: finds numeral starts with a cheap character test, parses the
//! numeral, then reads the words around it (sign, currency, qualifier, unit,
//! rate, range partner) and decides whether it is a quantity at all.

use super::chars::{char_at, cn_digit, is_alphanumeric, skip_spaces};
use super::numeral::{
    Numeral, PASSING, Reading, Vague, big_magnitude, counted_after_bare, is_magnitude, negate,
    parse_numeral, read_arabic, several_counts, small_magnitude,
};
use super::types::{Currency, Per, Qualifier, Quantity, TimeUnit, Unit};
use super::units::{
    Bound, Words, bmp_bits, coin_suffix, currency_code_at, currency_prefix, currency_suffix,
    date_word, duration_suffix, first_at, first_before, gpu_hours_unit, half_share_end, has_at,
    has_before, is_classifier, is_classifier_for_yi, is_plain_yuan, one_of, prefix_qualifier,
    rate_before, rate_suffix, spaced_word_at, suffix_qualifier, tenths_end, token_denominator,
    word_at,
};
use crate::interval::Interval;
use rust_decimal::Decimal;

#[path = "candidates.rs"]
mod candidates;
#[path = "english.rs"]
mod english;
#[path = "verbal.rs"]
mod verbal;
pub use english::is_percentage_points;

/// Finds every quantity in normalised `text`, sorted and non-overlapping.
pub fn scan(text: &str) -> Vec<Quantity> {
    let bytes = text.as_bytes();
    let mut out: Vec<Quantity> = Vec::new();
    let mut pos = 0;
    let mut floor = 0;
    let mut candidates = candidates::Candidates::new(bytes);
    loop {
        pos = candidates.next(pos);
        if pos >= bytes.len() {
            break;
        }
        // Candidates are ASCII, `¼ ½ ¾` (two bytes) or three-byte characters.
        let len = match bytes[pos] {
            0..0x80 => 1,
            0xC0..0xE0 => 2,
            _ => 3,
        };
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
    verbal::add_verbal_multiples(text, &mut out);
    pair_bounds(text, &mut out);
    share_rates(text, &mut out);
    share_change_units(text, &mut out);
    out
}

/// `从3亿增长到40亿美元`, `由10.4提升至34.8%`: the start of a change written
/// without its unit takes the unit of the end (a bare count before a
/// figure with a unit), and, written with no magnitude, the magnitude of the
/// end (从30降至8亿元 is 30亿 to 8亿). Only between 从/由 and a verb of change
/// ending in 到/至, so that two separate figures keep their own readings.
fn share_change_units(text: &str, out: &mut [Quantity]) {
    // Each verb with whether it says the figures rise.
    const VERBS: [(&str, bool); 16] = [
        ("增长", true),
        ("增加", true),
        ("提升", true),
        ("提高", true),
        ("上升", true),
        ("上涨", true),
        ("攀升", true),
        ("飙升", true),
        ("跃升", true),
        ("增", true),
        ("升", true),
        ("下降", false),
        ("下滑", false),
        ("减少", false),
        ("减", false),
        ("降", false),
    ];
    for i in 1..out.len() {
        let (a, b) = (&out[i - 1], &out[i]);
        if !(a.unit == Unit::Count || a.unit == b.unit) || a.end > b.start {
            continue;
        }
        // The start's span ends in its number or magnitude: no unit written.
        let a_text = &text[a.start..a.end];
        let bare = a_text
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || one_of!("万亿千百十", c));
        let gap = text[a.end..b.start].trim();
        let verb = gap
            .strip_suffix('到')
            .or_else(|| gap.strip_suffix('至'))
            .and_then(|v| VERBS.iter().find(|(w, _)| *w == v.trim()));
        let from = text[..a.start]
            .trim_end_matches(' ')
            .ends_with(['从', '由']);
        let (true, Some(&(_, rising)), true) = (bare, verb, from) else {
            continue;
        };
        // 30 (no magnitude of its own) before 8亿: the end's 亿 is both's.
        let no_magnitude = !a_text.chars().any(is_magnitude);
        let factor = text[b.start..b.end]
            .char_indices()
            .find(|&(_, c)| c.is_ascii_digit() || cn_digit(c).is_some())
            .and_then(|(k, _)| parse_numeral(text, b.start + k).ok().flatten())
            .and_then(|n| n.tail_factor)
            .filter(|&f| f > Decimal::TEN);
        if no_magnitude
            && let (Some(f), Some(l), Some(h)) = (factor, a.value.low, a.value.high)
            && let Some(end) = b.value.low_value().or(b.value.high_value())
            && change_shares_magnitude(l.value, f, end, Some(rising))
            && let (Some(lo), Some(hi)) = (l.value.checked_mul(f), h.value.checked_mul(f))
        {
            use crate::interval::Bound as End;
            out[i - 1].value =
                Interval::new(Some(End::new(lo, l.open)), Some(End::new(hi, h.open)));
        }
        let (unit, per) = (out[i].unit, out[i].per);
        out[i - 1].unit = unit;
        out[i - 1].per = out[i - 1].per.or(per);
    }
}

/// `每百万tokens输入1元、输出2元`, `$2 and $8 per million tokens`: the items of a
/// list of prices share the rate one of them names. Only across a list mark (、,
/// /, 和, 及, 与, `and`, `or`) and a label of at most four characters or two words
/// (输出, output), an aside in brackets aside, so that a price in the next clause
/// (`每天成本70万美元,融资10亿美元`) keeps none.
fn share_rates(text: &str, out: &mut [Quantity]) {
    let listed = |gap: &str| -> bool {
        let mut g = gap.trim_start();
        // The first item's aside: `0.5元(缓存命中)/2元`.
        if g.starts_with('(')
            && let Some(close) = g.find(')')
        {
            g = g[close + 1..].trim_start();
        }
        let Some(rest) = ["、", "/", "和", "及", "与", "and ", "or "]
            .iter()
            .find_map(|m| g.strip_prefix(m))
        else {
            return false;
        };
        let label = rest.trim();
        let words = label.split_whitespace().count();
        // A label naming a period of its own (全年, 每月) sets its own rate.
        label
            .chars()
            .all(|c| (c.is_alphabetic() || c == ' ') && !one_of!("年月日天周季时期", c))
            && if label.is_ascii() {
                words <= 2
            } else {
                label.chars().count() <= 4
            }
    };
    // Two neighbours of one currency joined as a list, the first in text order.
    let joined = |a: &Quantity, b: &Quantity| {
        a.unit == b.unit
            && matches!(a.unit, Unit::Money(_))
            && b.start >= a.end
            && b.start - a.end <= 40
            && text.get(a.end..b.start).is_some_and(listed)
    };
    for i in 1..out.len() {
        if out[i].per.is_none() && joined(&out[i - 1], &out[i]) {
            out[i].per = out[i - 1].per;
        }
    }
    // Backwards too: `$2 and $8 per million tokens`.
    for i in (1..out.len()).rev() {
        if out[i - 1].per.is_none() && joined(&out[i - 1], &out[i]) {
            out[i - 1].per = out[i].per;
        }
    }
}

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
    value: Reading,
    vague: Vague,
    unit: Unit,
    unit_explicit: bool,
    per: Option<Per>,
    prefix: Option<Bound>,
    suffix: Option<Bound>,
    numeral: Numeral,
    /// A lone Chinese digit not (yet) confirmed by a classifier or unit.
    unconfirmed: bool,
    /// The currency was the plain 元/圆/块, which a currency named before
    /// the figure overrides (港币5亿元 is HKD).
    plain_yuan: bool,
    /// A bare round magnitude (千亿参数, 万卡, 百万字): an order of size, so
    /// approx unless a qualifier says otherwise.
    round: bool,
    /// Percentage points (个百分点, pct): never a range with a percentage
    /// (下降20.7pct至45.3% is a fall to 45.3%).
    points: bool,
    /// The unit is only a currency named before the number (人民币30, 台币96):
    /// nothing written after the number, so a range's second end may still
    /// lend it its magnitude (人民币30至50亿元 is 3e9 to 5e9).
    unit_before_only: bool,
}

fn quantity_at(text: &str, pos: usize, floor: usize) -> Outcome {
    if (text.as_bytes()[pos].is_ascii() || english::vulgar_fraction(text.as_bytes(), pos).is_some())
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
    let fifty = Reading::exact(Decimal::from(50));
    Quantity {
        start,
        end,
        value: fifty.interval(),
        unit: Unit::Percent,
        per: None,
        qualifier: Qualifier::Exact,
    }
}

/// 一半, 半数, 过半 as a share: where the word ends.
fn half_share(text: &str, num_pos: usize, n: &Numeral) -> Option<usize> {
    if n.arabic || n.magnitudes != 0 || n.cn_digits != 1 {
        return None;
    }
    half_share_end(text, num_pos, prev_char(text, num_pos) == Some('过'))
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
        '上' => next.is_some_and(is_magnitude),
        '数' | '几' => {
            next.is_some_and(is_magnitude) || several_counts(text, pos, pos + c.len_utf8())
        }
        '负' => true,
        // 半数, 过半的: shares; 半导体 is not.
        '半' if next == Some('数') || prev_char(text, pos) == Some('过') => true,
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
        || one_of!("点多余几打来半", next);
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
    let mut change_sign = false;
    if c == '负' {
        num_pos = pos + c.len_utf8();
        negative = true;
        if !char_at(text, num_pos).is_some_and(|n| n.is_ascii_digit() || cn_digit(n).is_some()) {
            return Err(Outcome::Nothing);
        }
    } else if with_prefix && pos > floor && matches!(text.as_bytes()[pos - 1], b'-' | b'+') {
        // yoy-6.1%, 同比-3%, yoy+47.5%: a sign after a word for change; a
        // minus also where no word or number ends before it.
        let minus = text.as_bytes()[pos - 1] == b'-';
        change_sign = change_word_before(text, pos - 1);
        if change_sign || (minus && minus_is_sign(text, pos - 1)) {
            negative = minus;
            start = pos - 1;
        }
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
    if arabic_start
        && !change_sign
        && glued_to_identifier(text, start)
        && cur_prefix().is_none()
        && !spaced_amount(text, start, num_pos)
    {
        return Err(Outcome::Skip(word_run_end(text, num_pos)));
    }
    let prev = prev_char(text, start);
    if prev.is_some_and(|c| c == '每' || c == '/')
        && let Some((_, end)) = token_denominator(text, num_pos)
    {
        // 每1000个token, /百万tokens: the denominator of a rate, not a count.
        return Err(Outcome::Skip(end));
    }
    if prev == Some('第') {
        let mut end = parse_numeral(text, num_pos)
            .ok()
            .flatten()
            .map_or(num_pos + 1, |n| n.end);
        // 第1-3名, 第三至五位: the second end is an ordinal too.
        if let Some(c) = char_at(text, end)
            && one_of!("-~至到", c)
            && let Ok(Some(n)) = parse_numeral(text, end + c.len_utf8())
        {
            end = n.end;
        }
        return Err(Outcome::Skip(end));
    }
    let numeral = match parse_numeral(text, num_pos) {
        Ok(Some(n)) => n,
        Ok(None) => return Err(Outcome::Nothing),
        Err(_) => return Err(Outcome::Skip(numeral_run_end(text, num_pos))),
    };
    let share_end = half_share(text, num_pos, &numeral);
    if numeral.bare_magnitude && prev.is_some_and(|c| c.is_ascii_digit() || cn_digit(c).is_some()) {
        // The tail of a number that was skipped (junwu2333万): not a bare 万.
        return Err(Outcome::Skip(numeral.end));
    }
    if text[num_pos..numeral.end].len() == 9
        && ["十一五", "十二五", "十三五", "十四五", "十五五"].contains(&&text[num_pos..numeral.end])
    {
        // 十四五 is the 14th Five-Year Plan, not 14 to 15.
        return Err(Outcome::Skip(numeral.end));
    }
    if has_before(text, numeral.end, "万")
        && char_at(text, numeral.end).is_some_and(|c| one_of!("物事众岁能象般幸恶籁难", c))
    {
        // 零一万物, 万事, 万众: words, not ten thousand.
        return Err(Outcome::Skip(numeral.end));
    }
    if numeral.arabic {
        check_arabic_context(text, start, &numeral)?;
    } else if share_end.is_none()
        && numeral.is_lone_chinese()
        && !prev.is_some_and(|c| c == '是' || c == '前')
        && !may_follow_lone(text, numeral.end)
        && !(numeral.bare_magnitude && counted_after_bare(text, numeral.end))
    {
        // 一起, 一些, 统一 …: nothing after the digit could make it a quantity.
        return Err(Outcome::Nothing);
    }
    let mut value = numeral.value;
    let mut p = numeral.end;
    let mut unit = Unit::Count;
    let mut unit_explicit = false;
    let fraction = fraction_after(text, &numeral).or_else(|| {
        share_end.map(|end| {
            (
                Reading::exact(Decimal::from(50)),
                end,
                Unit::Percent,
                Vague::None,
            )
        })
    });
    let round = numeral.bare_magnitude
        && numeral.cn_digits == 0
        && !numeral.arabic
        && !numeral.starts_with_ten
        && numeral.vague == Vague::None
        && fraction.is_none();
    let mut vague = numeral.vague;
    if let Some((v, end, u, fraction_vague)) = fraction {
        value = v;
        vague = fraction_vague;
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
        vague,
        unit,
        unit_explicit,
        per: None,
        prefix: None,
        suffix: None,
        numeral,
        unconfirmed: false,
        plain_yuan: false,
        round,
        points: false,
        unit_before_only: false,
    };
    if !piece.unit_explicit {
        read_unit(text, &mut piece)?;
    }
    if let Some((cur, s)) = cur_prefix() {
        match piece.unit {
            Unit::Count => {
                piece.unit = Unit::Money(cur);
                piece.unit_explicit = true;
                piece.unit_before_only = true;
                piece.start = s;
            }
            Unit::Money(_) => {
                if piece.plain_yuan {
                    piece.unit = Unit::Money(cur);
                }
                piece.start = s;
            }
            _ => {}
        }
    }
    if piece.unit == Unit::Count && !piece.unit_explicit && fraction.is_none() {
        packed_first(text, &mut piece);
    }
    if piece.unit == Unit::Count
        && !piece.unit_explicit
        && piece.numeral.has_big
        && implicit_yuan(text, &piece, floor)
    {
        piece.unit = Unit::Money(Currency::CNY);
    }
    if piece.unit == Unit::Count && fraction.is_none() && piece.numeral.is_lone_chinese() {
        piece.unconfirmed = !lone_digit_confirmed(text, start, &piece, floor);
    }
    if has_at(text, num_pos, "上") && prev.is_some_and(|c| c == '千' || c == '百') {
        // 成千上万, 成百上千: idioms, not figures.
        return Err(Outcome::Nothing);
    }
    if piece.numeral.vague == Vague::Several
        && (has_at(text, num_pos, "几") || has_at(text, num_pos, "数"))
    {
        several_context(text, num_pos, &mut piece)?;
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
    if prev == Some('=')
        && piece.unit == Unit::Count
        && !char_at(text, skip_spaces(text, piece.num_end)).is_some_and(is_classifier)
    {
        // x=152, 1+1=2: after `=` only a figure with a classifier or a unit.
        return Err(Outcome::Skip(piece.end));
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
            "美欧日港英人块元圆倍成折分又小星周天年月时点秒季世届财以左上之还或打到至和与韩澳卢泰瑞毛角便及",
            c,
        )
}

/// Whether a lone Chinese digit (一, 两, 三 …) is used as a number: before a
/// classifier (一只, 三家) or a bound (一以上); other digits also at the end of
/// a clause or after 是/前 (答案是四, 前三). 一 is kept strict: 统一, 之一,
/// 一样, 一致 are words.
fn lone_digit_confirmed(text: &str, start: usize, piece: &Piece, floor: usize) -> bool {
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
    if n.bare_magnitude && n.cn_digits == 0 && counted_after_bare(text, after) {
        // 千亿参数, 百万用户.
        return true;
    }
    let clause_end = next.is_none_or(|c| !is_alphanumeric(c));
    if n.bare_magnitude
        && n.cn_digits == 0
        && clause_end
        && piece.value.lo >= Decimal::from(10_000)
        && (prefix_qualifier(text, start, floor).is_some() || reached_before(text, start))
    {
        // 超过百亿, 规模达千亿, 近百万。: a bound or a verb of reaching makes a
        // round magnitude at a clause end a figure (千万 alone is "by all means").
        return true;
    }
    let single = (n.magnitudes == 0 && n.cn_digits == 1 && !piece.value.lo.is_zero())
        || (n.magnitudes == 1 && n.cn_digits == 0 && n.starts_with_ten);
    single && (clause_end || prev.is_some_and(|c| c == '是' || c == '前'))
}

/// Whether a verb of reaching or passing ([`PASSING`]) stands right before `start`.
fn reached_before(text: &str, start: usize) -> bool {
    prev_char(text, start).is_some_and(|c| PASSING.contains(c))
}

/// The words before 几/数: 这几年, 前几天, 近数月 are vague times, not
/// amounts; 好几 is 几 (2 to 9); 大几十万 is the upper part of the spread
/// (500000 to 900000), unless 大 ends a verb (扩大几十倍).
fn several_context(text: &str, num_pos: usize, piece: &mut Piece) -> Result<(), Outcome> {
    let Some(prev) = prev_char(text, num_pos) else {
        return Ok(());
    };
    if one_of!("这那哪前后近每头", prev) {
        return Err(Outcome::Nothing);
    }
    let ji = has_at(text, num_pos, "几");
    if ji && prev == '好' {
        piece.start = num_pos - '好'.len_utf8();
    } else if ji && prev == '大' && piece.numeral.magnitudes > 0 {
        let before = prev_char(text, num_pos - '大'.len_utf8());
        if before.is_some_and(|c| one_of!("扩放加增最很巨强重庞伟较更远宽长高夸壮伸", c))
        {
            return Ok(());
        }
        let v = piece.value;
        piece.value = Reading {
            lo: v.hi * Decimal::from(5) / Decimal::from(9),
            ..v
        };
        piece.start = num_pos - '大'.len_utf8();
    }
    Ok(())
}

/// 2023世界人工智能大会: a year used as a name, not a count of 2023 things.
fn is_bare_year(text: &str, piece: &Piece) -> bool {
    let year_like = piece.numeral.plain_int_len == Some(4)
        && (Decimal::from(1900)..=Decimal::from(2100)).contains(&piece.value.lo);
    year_like
        && char_at(text, piece.num_end)
            .is_some_and(|c| !c.is_ascii() && is_alphanumeric(c) && !is_classifier(c))
}

/// Whether `text[..end]` ends with a word for a change, after which a sign
/// is a sign and a number no part of a name: yoy, QoQ, 同比, 环比, 增速 …
fn change_word_before(text: &str, end: usize) -> bool {
    const WORDS: [&str; 12] = [
        "yoy", "qoq", "mom", "同比", "环比", "增速", "增幅", "涨幅", "跌幅", "变动", "按年", "按季",
    ];
    let head = text[..end].trim_end_matches(' ');
    // Most places end in none of the words' last bytes: y m q (yoy, mom,
    // qoq) or the last byte of 比 速 幅 动 年 季.
    let last = match head.as_bytes().last() {
        Some(&l) => l,
        None => return false,
    };
    const LAST: [u8; 6] = [0x94, 0x9F, 0x85, 0xA8, 0xB4, 0xA3];
    if !(matches!(last | 0x20, b'y' | b'm' | b'q') || LAST.contains(&last)) {
        return false;
    }
    WORDS.iter().any(|w| {
        let n = w.len();
        head.len() >= n
            && head.is_char_boundary(head.len() - n)
            && head[head.len() - n..].eq_ignore_ascii_case(w)
            && (!w.is_ascii()
                || !head[..head.len() - n]
                    .bytes()
                    .next_back()
                    .is_some_and(|b| b.is_ascii_alphanumeric()))
    })
}

/// `-` is a minus sign where no number ends right before it: after
/// punctuation, after a Chinese word (毛利率为-24.7%) other than a unit or
/// date character (1月-3月 is a span), and after an English word and a space
/// (margin was -24.7%). After a number, a Latin letter (GPT-4) or a number
/// and a space (10 -20) it is a dash.
fn minus_is_sign(text: &str, minus: usize) -> bool {
    match prev_char(text, minus) {
        None => true,
        Some(' ') => {
            let head = text[..minus].trim_end_matches(' ');
            head.bytes()
                .next_back()
                .is_some_and(|b| b.is_ascii_alphabetic())
                && head
                    .bytes()
                    .rev()
                    .take_while(u8::is_ascii_alphabetic)
                    .count()
                    >= 2
        }
        Some(c) if !c.is_ascii() && c.is_alphabetic() => {
            c == '负' || !(cn_digit(c).is_some() || is_magnitude(c) || one_of!(SPAN_ENDS, c))
        }
        Some(c) => !(c.is_alphanumeric() || c == ')' || c == '%' || c == '.' || c == '-'),
    }
}

/// Units and date characters a span ends on before a dash (1月-3月, 3万-5万元,
/// 8卡-16卡): a `-` after them opens the span's second end.
const SPAN_ENDS: &str = "年月日号季度时点分秒周天期元个台张家位名款次倍卡块颗件人";

/// Money nouns: a 万/亿 figure next to one of them with no unit is yuan, as
/// Chinese financial writing leaves 元 out (收入为11.8亿, 两天涨价30万,
/// 超过10亿收入).
const MONEY_NOUNS: Words<()> = Words::new(&[
    ("营业收入", ()),
    ("净利润", ()),
    ("净亏损", ()),
    ("营业额", ()),
    ("销售额", ()),
    ("订单额", ()),
    ("投资额", ()),
    ("追加投资", ()),
    ("增资", ()),
    ("收入", ()),
    ("营收", ()),
    ("利润", ()),
    ("净利", ()),
    ("亏损", ()),
    ("毛利", ()),
    ("售价", ()),
    ("价格", ()),
    ("单价", ()),
    ("均价", ()),
    ("涨价", ()),
    ("降价", ()),
    ("融资", ()),
    ("估值", ()),
    ("市值", ()),
    ("成本", ()),
    ("费用", ()),
    ("花费", ()),
    ("金额", ()),
    ("预算", ()),
    ("研发投入", ()),
    ("投入", ()),
    ("投资", ()),
    ("支出", ()),
    ("开支", ()),
    ("薪酬", ()),
    ("年薪", ()),
    ("补贴", ()),
    ("罚款", ()),
]);

/// Whether a 万/亿 count with no unit is yuan: a money noun right after it
/// (10亿收入) or a few words before it in the clause (收入为11.8亿), or a
/// price per machine after it (近300万一台). The figure must end its phrase:
/// 收入来自300万用户 counts users.
fn implicit_yuan(text: &str, piece: &Piece, floor: usize) -> bool {
    let after = skip_spaces(text, piece.end);
    const PER_UNIT: [&str; 7] = ["一台", "一张", "一块", "一套", "每台", "每张", "每块"];
    if PER_UNIT.iter().any(|w| has_at(text, after, w))
        || first_at(text, after, &MONEY_NOUNS).is_some()
    {
        return true;
    }
    if char_at(text, after).is_some_and(|c| is_alphanumeric(c) && c != '的') {
        return false;
    }
    let mut end = piece.start;
    for _ in 0..8 {
        let Some(c) = prev_char(text, end) else {
            return false;
        };
        if end <= floor || !is_alphanumeric(c) {
            return false;
        }
        if first_before(text, end, &MONEY_NOUNS).is_some() {
            return true;
        }
        end -= c.len_utf8();
    }
    false
}

/// 31.43/23.93 亿元, 100/200万元: the first of two figures packed with `/`
/// takes the magnitude and unit written once after the second.
fn packed_first(text: &str, piece: &mut Piece) {
    let b = text.as_bytes();
    let at = piece.num_end;
    if !piece.numeral.arabic
        || b.get(at) != Some(&b'/')
        || !b.get(at + 1).is_some_and(u8::is_ascii_digit)
    {
        return;
    }
    let Ok(second) = piece_at(text, at + 1, at + 1, false) else {
        return;
    };
    if !(second.unit_explicit || second.numeral.has_big) {
        return;
    }
    if !piece.numeral.has_big
        && second.numeral.has_big
        && let Some(f) = second.numeral.tail_factor
    {
        let v = piece.value;
        if let (Some(lo), Some(hi)) = (v.lo.checked_mul(f), v.hi.checked_mul(f)) {
            piece.value = Reading { lo, hi, ..v };
        }
    }
    piece.unit = second.unit;
    piece.unit_explicit = second.unit_explicit;
    piece.per = second.per;
}

/// `Google 7至10年`: a number that opens a Chinese range is a figure, not a
/// version after a name.
fn chinese_range_follows(text: &str, start: usize) -> bool {
    let b = text.as_bytes();
    let mut p = start;
    while p < b.len() && (b[p].is_ascii_digit() || b[p] == b'.') {
        p += 1;
    }
    let rest = &text[p..];
    ["至", "到", "~", "～"].iter().any(|j| {
        rest.strip_prefix(j)
            .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// `x` + an accelerator name after a count (8x H100, 8xA100): the number
/// counts the accelerators.
pub(super) fn accelerators_after(text: &str, pos: usize) -> bool {
    let b = text.as_bytes();
    if !b.get(pos).is_some_and(|&c| c == b'x' || c == b'X') {
        return false;
    }
    let p = skip_spaces(text, pos + 1);
    let digits = b
        .get(p + 1..)
        .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count());
    b.get(p).is_some_and(u8::is_ascii_uppercase) && (2..=4).contains(&digits)
}

/// 2.0%/6.7%, 31.43/23.93 亿元, 100/200万元: the second of two figures
/// packed with `/` (a URL path or 2023/4/10 is not).
fn packed_after_slash(text: &str, start: usize) -> bool {
    let b = text.as_bytes();
    let Some(&before) = start.checked_sub(2).and_then(|i| b.get(i)) else {
        return false;
    };
    if before == b'%' {
        return true;
    }
    if !before.is_ascii_digit() {
        // `0.5元(缓存命中)/2元`, `3万/5万元`: after a unit or an aside, an amount
        // with its own currency is an alternative, not a rate's denominator
        // (`2元/100万tokens` is one).
        return (before == b')' || before >= 0x80 || before == b'%')
            && read_arabic(text, start)
                .ok()
                .flatten()
                .is_some_and(|(_, end, _)| {
                    let mut p = skip_spaces(text, end);
                    if char_at(text, p).is_some_and(|c| one_of!("万亿", c)) {
                        p += '万'.len_utf8();
                    }
                    currency_suffix(text, p).is_some()
                });
    }
    let Ok(Some((_, end, plain))) = read_arabic(text, start) else {
        return false;
    };
    // The first figure has decimals, or the pair shares a magnitude or unit.
    let head = &b[..start - 1];
    let run = head
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit() || **c == b'.');
    let decimal_before = run.clone().any(|&c| c == b'.');
    decimal_before || plain.is_none() || shared_unit_at(text, skip_spaces(text, end))
}

/// Whether the `=` at `eq` states a total rather than sits in code or a
/// URL: 京津冀:北京+天津=152款, a=152 models, >=100 (but not ?id=152, a==1,
/// x_1=3 or key:v=2, whose ASCII token holds a mark of code). The figure after it
/// still needs a unit or a counted word (the callers check).
fn equals_value(text: &str, eq: usize) -> bool {
    let head = &text[..eq];
    if head.ends_with(['=', '!']) {
        return false;
    }
    // Code and URLs are ASCII: the token ends at a space or a Chinese word.
    let token = head
        .rsplit(|c: char| c.is_whitespace() || !c.is_ascii())
        .next()
        .unwrap_or("");
    !token.contains(['?', '&', '/', '\\', ':', '#', '@', '%', '_', '"', '\'', '='])
}

/// A number glued to an identifier: A100, GPT-4, junwu2333, AI2.0, v1.5,
/// Office 365, a URL path.
fn glued_to_identifier(text: &str, start: usize) -> bool {
    let Some(prev) = prev_char(text, start) else {
        return false;
    };
    if prev == '/' && packed_after_slash(text, start) {
        return false;
    }
    if prev == '%' && start >= 2 && text.as_bytes()[start - 2].is_ascii_alphanumeric() {
        // %E6%94%BB: percent-encoding in a URL.
        return true;
    }
    if prev == '=' && equals_value(text, start - 1) {
        // 沧州=152款: a total; `piece_at` asks for its classifier or unit.
        return false;
    }
    if prev.is_ascii_alphanumeric() || one_of!("_/=#@&\\", prev) {
        return true;
    }
    if (prev == '-' || prev == '+' || prev == ' ') && change_word_before(text, start - 1) {
        // yoy-6.1%, YoY 5%: a change, not a name.
        return false;
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
        // 每千tokens 0.008元: a rate's denominator, not a name like Office 365.
        let rate = ["tokens", "token", "Tokens", "Token", "TOKENS"]
            .iter()
            .any(|w| head.ends_with(w));
        return !rate
            && !chinese_range_follows(text, start)
            && head
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphabetic())
            && english::name_before(text, start, true);
    }
    false
}

/// 每块GPU 3万元, H100 8万元: after a word and a space, a number followed by
/// 万/亿 or money is an amount, not part of a name like Office 365.
fn spaced_amount(text: &str, start: usize, num_pos: usize) -> bool {
    if prev_char(text, start) != Some(' ') {
        return false;
    }
    let Ok(Some((_, end, _))) = read_arabic(text, num_pos) else {
        return false;
    };
    let q = skip_spaces(text, end);
    char_at(text, q).is_some_and(|c| one_of!("万亿元%倍", c)) || currency_suffix(text, q).is_some()
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
            let code = currency_code_at(text, end)
                || accelerators_after(text, end)
                || has_at(text, end, "RMB")
                || gpu_hours_unit(text, end).is_some()
                || percent_points(text, end).is_some();
            if !code {
                return Err(skip());
            }
        }
        Some(b'.') if after.is_some_and(|a| a.is_ascii_alphanumeric()) => return Err(skip()),
        // 2023/4/10: a date.
        Some(b'/')
            if after.is_some_and(|a| a.is_ascii_digit()) && {
                let (_, e, _) = read_arabic(text, end + 1)
                    .ok()
                    .flatten()
                    .unwrap_or_default();
                b.get(e) == Some(&b'/')
            } =>
        {
            return Err(skip());
        }
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
    // 4.8∗1025, 312∗1012: MathJax residue of 4.8×10^25 whose exponent lost
    // its superscript. Neither the mantissa nor the flattened power is a figure.
    if matches!(next, Some(b'*' | b' ' | 0xE2 | 0xC3))
        && let Some(e) = flattened_power_after(text, end)
    {
        return Err(Outcome::Skip(e));
    }
    if start > 0
        && matches!(b[start - 1], b'*' | 0x97)
        && let Some(op) = prev_char(text, start)
        && one_of!("∗*×", op)
        && flattened_power_after(text, start - op.len_utf8()).is_some()
    {
        return Err(skip());
    }
    // 鼎好大厦的A座20层: a floor in an address, not a count of floors.
    if has_at(text, end, "层") && prev_char(text, start).is_some_and(|c| one_of!("座栋幢楼厦馆", c))
    {
        return Err(skip());
    }
    if let Some(len) = n.plain_int_len
        && len > 1
        && b[end - len] == b'0'
    {
        // 00020 (a stock code), 01 (a heading), 03/28 (a date): not amounts.
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
        // 综合:1)毛利润同比下降;2)降本: a list number inside a line.
        if len <= 2
            && next == Some(b')')
            && prev_char(text, start).is_some_and(|c| one_of!(":;。,!?", c))
        {
            return Err(Outcome::Skip(end + 1));
        }
        if prev_char(text, start) == Some('(') && next == Some(b')') {
            return Err(Outcome::Skip(end + 1));
        }
    }
    Ok(())
}

/// At `pos`, a multiplication sign (∗, *, ×) and a power of ten written
/// without its superscript (`10` and a two-digit exponent from 06 to 30:
/// 1025 for 10^25): where the power ends.
fn flattened_power_after(text: &str, pos: usize) -> Option<usize> {
    let op = char_at(text, skip_spaces(text, pos))?;
    if !one_of!("∗*×", op) {
        return None;
    }
    let at = skip_spaces(text, skip_spaces(text, pos) + op.len_utf8());
    let b = text.as_bytes();
    let digits = b
        .get(at..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if !(3..=4).contains(&digits) || &b[at..at + 2] != b"10" || b.get(at + digits) == Some(&b'.') {
        return None;
    }
    let exp: u32 = text[at + 2..at + digits].parse().ok()?;
    (6..=30).contains(&exp).then_some(at + digits)
}

/// A fraction read after a numeral: its value, where it ends, its unit and
/// the vagueness of its numerator (百分之十几 is 10-odd percent).
type Fraction = (Reading, usize, Unit, Vague);

/// `X分之Y`, `A又B分之C`, `3/5`, `1 3/5` right after numeral `n`.
fn fraction_after(text: &str, n: &Numeral) -> Option<Fraction> {
    let exact =
        |v: Decimal, end: usize, unit: Unit| Some((Reading::exact(v), end, unit, Vague::None));
    if let Some(after) = spaced_word_at(text, n.end, "分之") {
        let den = n.value.lo;
        if n.value.lo != n.value.hi || den.is_zero() {
            return None;
        }
        let num_at = skip_spaces(text, after);
        // 百分之四十 is a percentage; 一百分之四十 is the fraction 0.4.
        if n.bare_magnitude && n.cn_digits == 0 && !n.arabic && den >= Decimal::ONE_HUNDRED {
            if let Some(vague) = vague_numerator(text, num_at) {
                // 百分之十几, 百分之几十: the numerator's spread, scaled.
                let scale = |v: Decimal| v.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(den);
                let r = vague.value;
                let value = Reading {
                    lo: scale(r.lo)?,
                    hi: scale(r.hi)?,
                    ..r
                };
                return Some((value, vague.end, Unit::Percent, vague.vague));
            }
            let (num, end) = signed_numeral(text, num_at)?;
            let v = num.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(den)?;
            return exact(v, end, Unit::Percent);
        }
        let (num, end) = signed_numeral(text, num_at)?;
        return exact(num.checked_div(den)?, end, Unit::Multiple);
    }
    if let Some(after) = spaced_word_at(text, n.end, "又") {
        let start = skip_spaces(text, after);
        let den = parse_numeral(text, start).ok().flatten()?;
        let (frac, end, _, vague) = fraction_after(text, &den)?;
        if vague != Vague::None || frac.lo != frac.hi {
            return None;
        }
        let v = n.value.lo.checked_add(frac.lo)?;
        return exact(v, end, Unit::Count);
    }
    if n.plain_int_len.is_some() {
        let b = text.as_bytes();
        if b.get(n.end) == Some(&b'/') {
            let len = n.plain_int_len.unwrap_or(0);
            if len > 1 && b[n.end - len] == b'0' {
                // 03/28: a date.
                return None;
            }
            let (num, den, end) = slash(text, n.value.lo, n.end)?;
            return exact(num.checked_div(den)?, end, Unit::Multiple);
        }
        if b.get(n.end) == Some(&b' ') {
            let (whole_num, den, end) = slash_after_space(text, n.end)?;
            let v = n.value.lo.checked_add(whole_num.checked_div(den)?)?;
            return exact(v, end, Unit::Count);
        }
    }
    None
}

fn slash(text: &str, num: Decimal, slash_pos: usize) -> Option<(Decimal, Decimal, usize)> {
    let (den, end, plain) = read_arabic(text, slash_pos + 1).ok().flatten()?;
    let den_len = plain?;
    let b = text.as_bytes();
    // 2023/4/10 is a date.
    if b.get(end) == Some(&b'/') || b.get(end).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    // 03/28 15:58 is a date; 100/200万元 two figures sharing 万元.
    let q = skip_spaces(text, end);
    let clock = b.get(q).is_some_and(u8::is_ascii_digit) && q > end;
    if (den_len > 1 && b[slash_pos + 1] == b'0') || clock || shared_unit_at(text, q) {
        return None;
    }
    if den.is_zero() {
        return None;
    }
    Some((num, den, end))
}

/// Whether a magnitude or a unit starts at `pos` (after the second of two
/// figures packed with `/`).
fn shared_unit_at(text: &str, pos: usize) -> bool {
    char_at(text, pos).is_some_and(|c| one_of!("万亿%倍", c))
        || currency_suffix(text, pos).is_some()
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

/// A vague numeral (十几, 几十, 二三十) at `pos`, as the numerator of a percentage.
fn vague_numerator(text: &str, pos: usize) -> Option<Numeral> {
    let n = parse_numeral(text, pos).ok().flatten()?;
    (n.vague != Vague::None && n.vague != Vague::Reach).then_some(n)
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

/// The first characters of the Chinese currency names `currency_suffix` reads
/// (`units::CURRENCY_WORDS`; a test checks the two agree). A macro, so that the
/// literal can join the unit-start set below.
macro_rules! currency_starts {
    () => {
        "元美欧日港英新台韩印卢澳加瑞法俄泰纽挪丹捷波兹匈福土里南兰巴雷墨阿智哥菲马林令越斯孟迪沙卡以谢埃尼奈肯葡乌格哈坚比老基芬德西荷意奥爱人块圆"
    };
}

/// Every character a word `read_unit` reads can start with: %, pct/bp,
/// currency codes and accelerator names, digits (九 九 折), 个百分点, 倍, 成,
/// 折, 卡时, coins, currencies, durations and date words.
const UNIT_START_BITS: [u64; 1024] = bmp_bits(concat!(
    "%pbABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    "个百倍成折卡美欧便分毛角",
    currency_starts!(),
    "小星周天年礼钟月号时点秒季世届财",
    "零〇一壹二贰两俩三叁四肆五伍六陆七柒八捌九玖",
));

/// Whether a unit read by `read_unit` may start with `c` (one bit test).
#[inline]
fn may_start_unit(c: char) -> bool {
    let c = c as usize;
    c < 0x10000 && (UNIT_START_BITS[c / 64] >> (c % 64)) & 1 != 0
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
    if !may_start_unit(c) {
        // 家, 的, 是, punctuation …: most figures end here.
        return Ok(());
    }
    let set = |piece: &mut Piece, unit: Unit, end: usize, value: Reading| {
        piece.unit = unit;
        piece.unit_explicit = true;
        piece.end = end;
        piece.value = value;
    };
    if c == '%' {
        set(piece, Unit::Percent, q + 1, v);
        return Ok(());
    }
    // 个百分点, 百分点 (spaces allowed): looked up only at 百 or 个 + 百.
    let points_word =
        c == '百' || (c == '个' && has_at(text, skip_spaces(text, q + '个'.len_utf8()), "百"));
    if points_word
        && let Some(end) =
            spaced_word_at(text, q, "个百分点").or_else(|| spaced_word_at(text, q, "百分点"))
    {
        set(piece, Unit::Percent, end, v);
        piece.points = true;
        return Ok(());
    }
    if matches!(c, 'p' | 'b' | 'P' | 'B')
        && let Some((scale, end)) = percent_points(text, q)
    {
        // 20.7pct, 3ppt: percentage points, kept as percent; 50bp = 0.5.
        let value = Reading {
            lo: v.lo * scale,
            hi: v.hi * scale,
            ..v
        };
        set(piece, Unit::Percent, end, value);
        piece.points = true;
        return Ok(());
    }
    // 好几个倍: the classifier before 倍 changes nothing.
    let (c, q) = match word_at(text, q, "个倍") {
        Some(e) => ('倍', e - '倍'.len_utf8()),
        None => (c, q),
    };
    if c == '倍' {
        let mut end = q + c.len_utf8();
        let mut value = v;
        // 1倍多: more than one times, below two.
        if char_at(text, end) == Some('多') && v.lo == v.hi {
            value = Reading {
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
    // Each lookup below runs only where its words can start: the chain is
    // walked for every figure that reaches here.
    let upper = c.is_ascii_uppercase();
    if q != p
        && let Some((value, end)) = spaced_discount(text, p, q, v)
    {
        set(piece, Unit::Percent, end, value);
        return Ok(());
    }
    if c == '折'
        && let Some(value) = zhe(text, q, v)
    {
        set(piece, Unit::Percent, q + c.len_utf8(), value);
        return Ok(());
    }
    if (upper || c == '个' || c == '卡')
        && let Some(end) = gpu_hours_unit(text, q)
    {
        // 280万GPU小时, 640w个GPU小时: accelerator time.
        set(piece, Unit::GpuHours, end, v);
        return Ok(());
    }
    if one_of!("美欧便分毛角", c)
        && let Some((cur, scale, end)) = coin_suffix(text, q)
    {
        // 50美分 = 0.5 USD, 5毛钱 = 0.5 CNY.
        let f = Decimal::new(1, scale);
        let value = Reading {
            lo: v.lo * f,
            hi: v.hi * f,
            ..v
        };
        set(piece, Unit::Money(cur), end, value);
        return Ok(());
    }
    if (upper || one_of!(currency_starts!(), c))
        && let Some((cur, end)) = currency_suffix(text, q)
    {
        piece.plain_yuan = is_plain_yuan(text, q);
        let (value, end) = sub_units(text, end, cur, v);
        set(piece, Unit::Money(cur), end, value);
        return Ok(());
    }
    // 22年底, 23年初: 年 with what follows is no duration word, but still a year.
    let after_nian = q + '年'.len_utf8();
    if c == '年' && n.plain_int_len == Some(2) && is_year_date(text, n, after_nian) {
        return Err(Outcome::Skip(after_nian));
    }
    if one_of!("年天个小周星分", c)
        && let Some((tu, end, half)) = duration_suffix(text, q)
    {
        let mut end = end;
        let mut value = v;
        if tu == TimeUnit::Years && is_year_date(text, n, end) {
            return Err(Outcome::Skip(end));
        }
        if tu == TimeUnit::Years
            && !n.arabic
            && n.cn_digits == 1
            && n.magnitudes == 0
            && p >= '半'.len_utf8()
            && has_at(text, p - '半'.len_utf8(), "半")
        {
            // 半年 is six months (一年半 stays 1.5 years).
            set(
                piece,
                Unit::Duration(TimeUnit::Months),
                end,
                Reading::exact(Decimal::from(6)),
            );
            return Ok(());
        }
        let half = half || word_at(text, end, "半").is_some();
        if half {
            if !text[q..end].contains('半') {
                end += '半'.len_utf8();
            }
            let h = Decimal::new(5, 1);
            value = Reading {
                lo: v.lo + h,
                hi: v.hi + h,
                ..v
            };
        } else if v.lo == v.hi
            && let Some(e) = duration_more(text, q, end)
        {
            // 两个多月, 一年多: over the stated time.
            end = e;
            piece.vague = Vague::More;
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

/// 多 in or right after a duration word (两个多月, 一个多小时, 一年多的时间):
/// where the duration ends. Not 一年多少 ("how much a year").
fn duration_more(text: &str, q: usize, end: usize) -> Option<usize> {
    if text[q..end].contains('多') {
        return Some(end);
    }
    let e = word_at(text, end, "多")?;
    let next = char_at(text, e);
    let ok = next.is_none_or(|c| !is_alphanumeric(c) || one_of!("的来后前时里间内了以", c));
    ok.then_some(e)
}

/// `pct`, `ppt`, `pp` (percentage points) and `bp`/`bps` (basis points) at
/// `pos`: the factor to percent and the end.
fn percent_points(text: &str, pos: usize) -> Option<(Decimal, usize)> {
    let b = text.as_bytes();
    if !b
        .get(pos)
        .is_some_and(|&c| c == b'p' || c == b'b' || c == b'P' || c == b'B')
    {
        return None;
    }
    let mut e = pos;
    while b.get(e).is_some_and(u8::is_ascii_alphabetic) {
        e += 1;
    }
    let scale = match text[pos..e].to_ascii_lowercase().as_str() {
        "pct" | "pcts" | "ppt" | "ppts" | "pp" => Decimal::ONE,
        "bp" | "bps" => Decimal::new(1, 2),
        _ => return None,
    };
    if b.get(e).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some((scale, e))
}

/// 五元三毛, 50元6角三分, 2元5角, 两美元又三美分: smaller coins after the main
/// unit; a bare digit after a unit is its next place (三块五 = 3.5, 两块八毛五
/// = 2.85).
fn sub_units(text: &str, end: usize, cur: Currency, v: Reading) -> (Reading, usize) {
    if v.lo != v.hi {
        return (v, end);
    }
    let units: &[(&str, Decimal)] = match cur {
        Currency::CNY => &[
            ("角", Decimal::new(1, 1)),
            ("毛", Decimal::new(1, 1)),
            ("分", Decimal::new(1, 2)),
            ("厘", Decimal::new(1, 3)),
        ],
        Currency::USD => &[("美分", Decimal::new(1, 2))],
        Currency::EUR => &[("欧分", Decimal::new(1, 2))],
        _ => return (v, end),
    };
    let mut total = v.lo;
    let mut p = word_at(text, end, "又").unwrap_or(end);
    let mut matched = end;
    // The factor of the last unit read: 1 for the main unit.
    let mut last = Decimal::ONE;
    for &(word, factor) in units {
        if factor >= last {
            continue;
        }
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
            last = factor;
        }
    }
    if cur == Currency::CNY
        && last >= Decimal::new(1, 1)
        && matched == p
        && let Some(c) = char_at(text, matched)
        && let Some(d) = c.to_digit(10).or_else(|| cn_digit(c)).filter(|&d| d > 0)
    {
        // 三块五, 两块八毛五: the digit is the next place.
        if let Some(end) = tenths_end(text, matched + c.len_utf8()) {
            total += Decimal::from(d) * last / Decimal::TEN;
            matched = end;
        }
    }
    (Reading::exact(total), matched)
}

/// 2023年, 二〇二三年, 2019 年 3 月, 23年5月, 23年全年, 22年底: a year, not a duration.
fn is_year_date(text: &str, n: &Numeral, after_nian: usize) -> bool {
    if n.plain_int_len == Some(4) || n.digit_string {
        return true;
    }
    let q = skip_spaces(text, after_nian);
    // A two-digit year of this century before a part of the year (as `extract::date`
    // reads it); `22年的经验` stays a duration.
    const PARTS: [&str; 22] = [
        "全年",
        "上半年",
        "下半年",
        "年初",
        "年底",
        "年末",
        "底",
        "末",
        "初",
        "前三季度",
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        "H1",
        "H2",
        "一季度",
        "二季度",
        "三季度",
        "四季度",
        "第一季度",
        "第四季度",
    ];
    let two_digit_year = n.plain_int_len == Some(2)
        && n.value.lo == n.value.hi
        && (Decimal::from(15)..=Decimal::from(29)).contains(&n.value.lo);
    if two_digit_year && PARTS.iter().any(|p| text[q..].starts_with(p)) {
        return true;
    }
    match parse_numeral(text, q) {
        Ok(Some(m)) => word_at(text, skip_spaces(text, m.end), "月").is_some(),
        _ => false,
    }
}

/// 5成 = 50%, 七成六 = 76%, 三成半 = 35%; not 成为, 成功, 一成不变.
fn cheng(text: &str, q: usize, v: Reading) -> Option<(Reading, usize)> {
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
        Reading {
            lo: v.lo * ten + extra,
            hi: v.hi * ten + extra,
            ..v
        },
        end,
    ))
}

/// 九 九 折, 7 2 折: a discount written digit by digit.
fn spaced_discount(text: &str, p: usize, q: usize, v: Reading) -> Option<(Reading, usize)> {
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
    Some((Reading::exact(pct), end))
}

/// 九折 = 90%, 75折 = 75%, 三点一折 = 31%; not 折合, 折叠, 折扣.
fn zhe(text: &str, q: usize, v: Reading) -> Option<Reading> {
    let next = char_at(text, q + '折'.len_utf8());
    if next.is_some_and(|c| one_of!("合叠扣旧算射线腾服中价半", c)) {
        return None;
    }
    if v.lo != v.hi || v.lo <= Decimal::ZERO || v.lo >= Decimal::ONE_HUNDRED {
        return None;
    }
    if v.lo == Decimal::new(5, 1) {
        // 半折: half price.
        return Some(Reading::exact(Decimal::from(50)));
    }
    let pct = if v.lo < Decimal::TEN {
        v.lo * Decimal::TEN
    } else {
        v.lo
    };
    Some(Reading::exact(pct))
}

/// Whether a figure in `unit` can be a rate: money (30美元/月) and counts
/// (每秒33.33个Token, 日均调用量达2亿次).
fn rated(unit: Unit) -> bool {
    matches!(unit, Unit::Money(_) | Unit::Count)
}

/// Rate and qualifier words after the unit; classifiers stay outside the span.
fn read_suffixes(text: &str, piece: &mut Piece) {
    let money = matches!(piece.unit, Unit::Money(_));
    if rated(piece.unit)
        && let Some((per, end)) = rate_suffix(text, piece.end, money)
    {
        piece.per = Some(per);
        piece.end = end;
    } else if piece.unit == Unit::Count
        && let Some(c) = char_at(text, piece.end)
        && is_classifier(c)
        && let Some((per, _)) = rate_suffix(text, piece.end + c.len_utf8(), false)
    {
        // 2亿次/天: the rate follows the classifier, which stays outside.
        piece.per = Some(per);
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
        && let Some((per, end)) = rate_suffix(text, piece.end, money)
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
    } else if let Some(c) = prev_char(text, piece.start)
        && one_of!("破过", c)
        && piece.start - c.len_utf8() >= floor
        && piece.numeral.bare_magnitude
        && piece.numeral.cn_digits == 0
        && !piece.numeral.arabic
    {
        // 破亿, 过万, 破百亿: passing a round magnitude is going over it.
        piece.prefix = Some(Bound::Over);
        piece.start -= c.len_utf8();
    } else if piece.unit == Unit::Percent
        && piece.suffix.is_none()
        && share_hedged(text, piece.start, floor)
    {
        // 约占全国的一半: 约 qualifies the share named a few words later.
        piece.prefix = Some(Bound::Approx);
    }
    // A lone Chinese digit (一个, 三家) is not looked at as a rate.
    if !rated(piece.unit) || piece.per.is_some() || piece.numeral.is_lone_chinese() {
        return;
    }
    if let Some((per, s, adjacent)) = rate_before(text, piece.start, floor) {
        piece.per = Some(per);
        // 每天70万美元: the rate word belongs to the span; 单日成本70万美元:
        // it is a noun away, so it sets the period but stays outside. For
        // counts it always stays outside, where rules name it (每天约有{count}).
        if adjacent && matches!(piece.unit, Unit::Money(_)) {
            piece.start = s;
        }
    }
}

/// Whether 约占/大约占 opens the clause part before a share (约占全国的一半,
/// 约占总收入的35%): the 约 is several words before the figure.
fn share_hedged(text: &str, start: usize, floor: usize) -> bool {
    let mut end = start;
    for _ in 0..12 {
        let Some(c) = prev_char(text, end) else {
            return false;
        };
        if end <= floor || !(is_alphanumeric(c) || c == ' ') {
            return false;
        }
        end -= c.len_utf8();
        if c == '占' {
            return text[..end].ends_with('约');
        }
    }
    false
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
    // 3个月到半年: a half of a time unit ends a range of durations.
    let half = c == '半' && matches!(a.unit, Unit::Duration(_)) && a.unit_explicit;
    if !(c.is_ascii_digit() || cn_digit(c).is_some() || small_magnitude(c).is_some() || half) {
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
    // 港币100-200元: the plain 元 of the second end takes the first's currency.
    let b_unit = if b.plain_yuan && matches!(a.unit, Unit::Money(_)) {
        a.unit
    } else {
        b.unit
    };
    // 6个月到1年, 18 months to two years: both ends in the smaller unit.
    let scaled = |r: Reading, f: Decimal| Reading {
        lo: r.lo * f,
        hi: r.hi * f,
        ..r
    };
    let (mut a_value, mut b_value, mut a_unit, mut b_unit) = (a.value, b.value, a.unit, b_unit);
    if a.unit_explicit
        && b.unit_explicit
        && let (Unit::Duration(ta), Unit::Duration(tb)) = (a.unit, b_unit)
        && let Some((small, fa, fb)) = common_time_unit(ta, tb)
    {
        a_value = scaled(a_value, fa);
        b_value = scaled(b_value, fb);
        a_unit = Unit::Duration(small);
        b_unit = a_unit;
    }
    if a.unit_explicit && b.unit_explicit && (a_unit != b_unit || a.points != b.points) {
        return Ok(None);
    }
    if a.numeral.plain_int_len == Some(4) && b.numeral.plain_int_len == Some(4) && !b.unit_explicit
    {
        // 2019-2023: years.
        return Err(Outcome::Skip(b.end));
    }
    if a.numeral.plain_int_len == Some(4)
        && (Decimal::from(1900)..=Decimal::from(2100)).contains(&a.value.lo)
        && b.numeral.plain_int_len == Some(2)
        && !matches!(b.unit, Unit::Money(_) | Unit::Percent)
    {
        // 2024-25年, 2023-24财年: a span of years with the century once.
        return Err(Outcome::Skip(b.end.max(b.num_end)));
    }
    let mut lo = a_value;
    // Nothing written after the first number (a currency before it is no
    // unit after it: 人民币30至50亿元).
    let a_bare = !a.unit_explicit || a.unit_before_only;
    // 3-5千万, 二至三百亿: a bare first end takes all the magnitudes the second
    // writes after its number, not only the last one.
    let shared = match lead_factor(&text[q..b.numeral.end]) {
        Some(f) if a.numeral.magnitudes == 0 => Some(f),
        _ => b.numeral.tail_factor,
    };
    if a_bare
        && !a.numeral.has_big
        && let Some(f) = shared
        && shares_magnitude(&a.numeral, f)
        && let Some(hi) = lo.hi.checked_mul(f)
        && hi <= b_value.lo
        && let Some(scaled_lo) = lo.lo.checked_mul(f)
    {
        // 3-5万, 二十至五十万, 1.6-1.8万亿: the magnitude written once, after
        // the second number, applies to both.
        lo = Reading {
            lo: scaled_lo,
            hi,
            ..lo
        };
    }
    if !a.unit_explicit
        && b.unit == Unit::Percent
        && a.numeral.magnitudes == 0
        && lo.hi <= Decimal::TEN
        && one_of!("成折", char_at(text, b.numeral.end).unwrap_or(' '))
    {
        // 三至五成, 七到八折: the first end is in tenths too.
        lo = Reading {
            lo: lo.lo * Decimal::TEN,
            hi: lo.hi * Decimal::TEN,
            ..lo
        };
    }
    // Also no range when an open end meets the start: 二〇-十余 is [20, 20), empty.
    if lo.lo > b_value.hi || (lo.lo == b_value.hi && (lo.lo_open || b_value.hi_open)) {
        return Ok(None);
    }
    if one_of!("至到", conn) && from_to_change(text, a.start, end) {
        // A start and an end: the first figure alone, with the magnitude and
        // unit the second writes for both (从3亿到40亿美元 starts at 3亿 USD,
        // 从30到8亿元的下降 at 30亿, though a range never falls); the scan
        // reads the second on its own next.
        if a_bare
            && lo == a_value
            && let Some(f) = shared
            && shares_magnitude(&a.numeral, f)
            && !a.numeral.has_big
            && change_shares_magnitude(lo.lo, f, b_value.lo, None)
            && let (Some(l), Some(h)) = (lo.lo.checked_mul(f), lo.hi.checked_mul(f))
        {
            lo = Reading { lo: l, hi: h, ..lo };
        }
        let first = if a.unit_before_only {
            Piece {
                value: lo,
                ..a.clone()
            }
        } else if a.unit_explicit {
            a.clone()
        } else {
            Piece {
                value: lo,
                unit: b_unit,
                unit_explicit: b.unit_explicit,
                per: a.per.or(b.per),
                ..a.clone()
            }
        };
        return Ok(Some(to_quantity(&first, None)));
    }
    let merged = Piece {
        start: a.start,
        end,
        num_end: b.num_end,
        value: Reading {
            lo: lo.lo,
            hi: b_value.hi,
            lo_open: lo.lo_open,
            hi_open: b_value.hi_open,
        },
        vague: Vague::None,
        unit: if b.unit_explicit { b_unit } else { a_unit },
        unit_explicit: a.unit_explicit || b.unit_explicit,
        per: b.per.or(a.per),
        prefix: None,
        suffix: b.suffix,
        numeral: b.numeral.clone(),
        unconfirmed: false,
        plain_yuan: false,
        round: false,
        points: false,
        unit_before_only: false,
    };
    Ok(Some(to_quantity(&merged, Some(Qualifier::Range))))
}

/// Whether `从A到B` spanning `start..end` is a change from A to B rather than
/// a range: 从/由 before it and a word of change after it in the same clause
/// (从3亿到40亿美元的估值跃迁, 由5%到12%的提升). A word of spread (从5万到10万元
/// 不等, 的区间, 之间) or none at all leaves the range.
fn from_to_change(text: &str, start: usize, end: usize) -> bool {
    const SPREAD: [&str; 6] = ["不等", "之间", "区间", "范围", "浮动", "波动"];
    const CHANGE: [&str; 30] = [
        "跃迁", "跃升", "飞跃", "跨越", "增长", "增加", "提升", "提高", "上升", "上涨", "攀升",
        "飙升", "激增", "猛增", "暴涨", "大涨", "翻", "涨", "下降", "下滑", "下跌", "减少", "缩减",
        "缩水", "跌", "降", "扩大", "变化", "转变", "蜕变",
    ];
    if !text[..start].trim_end_matches(' ').ends_with(['从', '由']) {
        return false;
    }
    // The clause after the span, a few characters of it (的估值跃迁).
    let rest = &text[end..];
    let clause_end = rest
        .char_indices()
        .take(10)
        .find(|&(_, c)| matches!(c, ',' | '.' | ';' | '!' | '?' | ':' | '\n' | '。'))
        .map_or_else(
            || rest.char_indices().nth(10).map_or(rest.len(), |(i, _)| i),
            |(i, _)| i,
        );
    let tail = &rest[..clause_end];
    if tail.trim_start().starts_with('间') || SPREAD.iter().any(|w| tail.contains(w)) {
        return false;
    }
    CHANGE.iter().any(|w| tail.contains(w))
}

/// Whether the start `a` of a change, written with no magnitude, takes the
/// magnitude `f` its end `b` writes (从30降至8亿元 is 30亿 to 8亿, from 3 to 40
/// billion is 3 billion to 40 billion): when the scaled start agrees with the
/// direction the words give (`rising`), or with none given, when it is no
/// more than ten times the end (from 800 to 1.2 million stays 800).
fn change_shares_magnitude(a: Decimal, f: Decimal, b: Decimal, rising: Option<bool>) -> bool {
    let Some(scaled) = a.checked_mul(f) else {
        return false;
    };
    match rising {
        Some(true) => scaled <= b,
        Some(false) => scaled >= b && a < b,
        None => b.checked_mul(Decimal::TEN).is_some_and(|t| scaled <= t),
    }
}

/// The smaller of two time units one converts to exactly, with the factor that
/// takes each into it (years and months, weeks and days, days and hours, hours
/// and minutes, minutes and seconds); none for units a calendar makes inexact.
fn common_time_unit(a: TimeUnit, b: TimeUnit) -> Option<(TimeUnit, Decimal, Decimal)> {
    use TimeUnit::*;
    let step = |big: TimeUnit, small: TimeUnit| -> Option<u32> {
        match (big, small) {
            (Years, Months) => Some(12),
            (Weeks, Days) => Some(7),
            (Days, Hours) => Some(24),
            (Hours, Minutes) | (Minutes, Seconds) => Some(60),
            _ => None,
        }
    };
    if let Some(f) = step(a, b) {
        Some((b, Decimal::from(f), Decimal::ONE))
    } else {
        step(b, a).map(|f| (a, Decimal::ONE, Decimal::from(f)))
    }
}

/// The product of the magnitudes a numeral ends with when they follow its
/// number directly (3千万 → 10⁷, 1.6万亿 → 10¹², 五百万 → 10⁶); none when 十
/// is among them (三至五十 is 3 to 50) or a magnitude stands earlier
/// (三千五百万).
fn lead_factor(span: &str) -> Option<Decimal> {
    let mut f = Decimal::ONE;
    let mut rest = span;
    while let Some(c) = rest.chars().next_back() {
        let m = match c {
            '百' | '佰' => Decimal::ONE_HUNDRED,
            '千' | '仟' => Decimal::ONE_THOUSAND,
            _ => match big_magnitude(c) {
                Some(u) => u,
                None => break,
            },
        };
        f = f.checked_mul(m)?;
        rest = &rest[..rest.len() - c.len_utf8()];
    }
    let mixed = rest
        .chars()
        .any(|c| small_magnitude(c).is_some() || big_magnitude(c).is_some());
    (f > Decimal::ONE && !rest.is_empty() && !mixed).then_some(f)
}

/// Whether the first end of a range takes the second end's trailing magnitude
/// `f`: a bare first end does (3-5万, 3至5千); one with its own 十/百/千 only
/// takes 万 and above (二十至五十万, 三百到五百万). 十 is never shared: 三至五十
/// is 3 to 50.
fn shares_magnitude(a: &Numeral, f: Decimal) -> bool {
    if f <= Decimal::TEN {
        return false;
    }
    a.magnitudes == 0 || f >= Decimal::from(10_000)
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
    // 一百多, 十余万, 3万多: over the base, with no upper bound.
    let more = p.vague == Vague::More;
    let qualifier = match (forced, bound) {
        (Some(q), Some(Bound::Approx | Bound::Equal) | None) => q,
        (_, Some(Bound::Approx)) if more => Qualifier::Over,
        (
            _,
            Some(
                b @ (Bound::Approx
                | Bound::Over
                | Bound::AtLeast
                | Bound::Nearly
                | Bound::Below
                | Bound::UpTo),
            ),
        ) => b.qualifier(),
        (None, Some(Bound::Equal) | None) => match p.vague {
            Vague::None if p.round => Qualifier::Approx,
            Vague::None => Qualifier::Exact,
            Vague::More => Qualifier::Over,
            Vague::Several => Qualifier::Range,
            // 上百个: at least a hundred (上 = reaching).
            Vague::Reach => Qualifier::AtLeast,
        },
    };
    // A qualifier forced on a figure (a range's ends) keeps its values as read.
    let value = match forced {
        Some(_) if matches!(bound, Some(Bound::Approx | Bound::Equal) | None) => v.interval(),
        _ => qualifier.bounds(v),
    };
    Quantity {
        start: p.start,
        end: p.end,
        value,
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
            l.value.low.is_some()
                && l.value.high.is_none()
                && u.value.low.is_none()
                && u.value.high.is_some()
        };
        let merged = if joinable && a.unit == b.unit {
            if lower_upper(a, b) {
                Some(Interval::new(a.value.low, b.value.high))
            } else if lower_upper(b, a) {
                Some(Interval::new(b.value.low, a.value.high))
            } else {
                None
            }
        } else {
            None
        };
        match merged {
            // 大于10小于10 holds no value: keep the two bounds apart.
            Some(value) if !value.is_empty() => {
                let q = Quantity {
                    start: a.start,
                    end: b.end,
                    value,
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

#[cfg(test)]
mod gate_tests {
    #[test]
    fn currency_gate_knows_every_chinese_currency_name() {
        // The gate before `currency_suffix` is a hand-written set; a name added to the
        // table without its first character would never be read.
        for name in super::super::units::currency_names() {
            let c = name.chars().next().expect("non-empty name");
            assert!(
                c.is_ascii_uppercase() || super::one_of!(currency_starts!(), c),
                "{name}: add {c} to currency_starts!"
            );
            assert!(
                super::may_start_unit(c),
                "{name}: {c} not in UNIT_START_BITS"
            );
        }
    }
}
