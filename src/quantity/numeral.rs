//! Numerals: Arabic (`1,200`, `5.4`, `40k`, `2e5`), Chinese (`两千四百五`, `壹佰`,
//! `十余万`, `两三百`) and mixed (`3万多`, `5万4千6百`), parsed into exact intervals.
//!
//! The parser is a single left-to-right pass over characters that keeps the
//! classic three accumulators of Chinese numerals (total above 万/亿, the section
//! below it, the pending digit), each as a `[lo, hi]` pair so that vague forms
//! (`两三百`, `几十`, `上百`) ride through the same arithmetic as exact ones.

use super::QuantityError;
use super::chars::{char_at, cn_digit, is_alphanumeric, skip_spaces};
use super::units::{bmp_bits, has_at, is_classifier, one_of};
use crate::interval::{Bound, Interval};
use rust_decimal::Decimal;
use std::str::FromStr;

/// What a numeral reads: both ends always known — a point for `1,200`, a spread for
/// `两三百`, half-open for `三万多`. Arithmetic on both ends at once is what the grammar
/// needs; a qualifier then makes it a claim's `Interval` (`Qualifier::bounds`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub lo: Decimal,
    pub hi: Decimal,
    pub lo_open: bool,
    pub hi_open: bool,
}

impl Reading {
    pub fn exact(v: Decimal) -> Reading {
        Reading {
            lo: v,
            hi: v,
            lo_open: false,
            hi_open: false,
        }
    }

    /// The reading as an interval, both ends as read.
    pub fn interval(self) -> Interval {
        Interval::new(
            Some(Bound::new(self.lo, self.lo_open)),
            Some(Bound::new(self.hi, self.hi_open)),
        )
    }
}

/// The kind of vagueness a numeral carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vague {
    None,
    /// 多/余/几 after a base: (base, base + one place).
    More,
    /// 几十, 两三百: a spread of values.
    Several,
    /// 上百, 上万: reaching the magnitude (at least it; read as [X, 10X)).
    Reach,
}

/// A parsed numeral and what the scanner needs to know about its shape.
#[derive(Debug, Clone)]
pub struct Numeral {
    pub end: usize,
    pub value: Reading,
    pub vague: Vague,
    /// Contains Arabic digits.
    pub arabic: bool,
    /// Number of Chinese digit characters (一, 两, 壹, 零 …).
    pub cn_digits: usize,
    /// Number of magnitude characters (十 百 千 万 亿 兆).
    pub magnitudes: usize,
    /// Chinese digits read one by one without magnitudes (二〇二三, 三八).
    pub digit_string: bool,
    /// Arabic integer without separators, decimals or magnitudes: its digit count.
    pub plain_int_len: Option<usize>,
    /// Began with a magnitude and no digit (百分之, 千万, 十分).
    pub bare_magnitude: bool,
    /// The factor of trailing magnitude characters (`1200万` → 10000), for `3-5万`.
    pub tail_factor: Option<Decimal>,
    /// Has a decimal part written with 点.
    pub has_point: bool,
    /// Holds 万, 亿 or 兆.
    pub has_big: bool,
    /// Begins with 十 (十万, 十余万 are numbers; 十 alone is often "very").
    pub starts_with_ten: bool,
}

impl Numeral {
    /// Chinese digits without magnitudes (一, 两, 一二, 二〇二三) or magnitudes
    /// without digits (十, 千万): too ambiguous to report without a classifier
    /// or unit after them (一起, 一二线, 十分, 千万不要).
    pub fn is_lone_chinese(&self) -> bool {
        let tens = self.starts_with_ten && self.magnitudes >= 2;
        !self.arabic
            && !self.has_point
            && self.vague != Vague::More
            && (self.magnitudes == 0 || (self.cn_digits == 0 && !tens))
    }
}

/// Verbs of reaching or passing a round magnitude (破亿, 过万, 上亿, 近千亿): after
/// them 万 and 亿 stand alone, and at a clause end a bare magnitude is a figure.
pub const PASSING: &str = "破过超逾上近达";

pub fn small_magnitude(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

pub fn big_magnitude(c: char) -> Option<Decimal> {
    Some(match c {
        '万' => Decimal::from(10_000u64),
        '亿' => Decimal::from(100_000_000u64),
        '兆' => Decimal::from(1_000_000_000_000u64),
        _ => return None,
    })
}

pub fn is_magnitude(c: char) -> bool {
    small_magnitude(c).is_some() || big_magnitude(c).is_some()
}

/// Every non-ASCII character `Parser::step` reads.
const NUMERAL_BITS: [u64; 1024] = bmp_bits(
    "零〇一壹二贰两俩三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿兆点多余几数上半打来廿卅",
);

/// Whether `c` may continue (or begin) a Chinese numeral.
#[inline]
fn is_numeral_char(c: char) -> bool {
    let c = c as usize;
    c >= 0x10000 || (NUMERAL_BITS[c / 64] >> (c % 64)) & 1 != 0
}

fn overflow(what: &str) -> QuantityError {
    QuantityError::Overflow(what.to_string())
}

/// A `[lo, hi]` pair carried through the numeral arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pair {
    lo: Decimal,
    hi: Decimal,
}

impl Pair {
    const ZERO: Pair = Pair {
        lo: Decimal::ZERO,
        hi: Decimal::ZERO,
    };

    fn of(v: Decimal) -> Pair {
        Pair { lo: v, hi: v }
    }

    fn add(self, o: Pair) -> Result<Pair, QuantityError> {
        Ok(Pair {
            lo: add_decimal(self.lo, o.lo).ok_or_else(|| overflow("sum"))?,
            hi: add_decimal(self.hi, o.hi).ok_or_else(|| overflow("sum"))?,
        })
    }

    fn mul(self, f: Decimal) -> Result<Pair, QuantityError> {
        Ok(Pair {
            lo: self.lo.checked_mul(f).ok_or_else(|| overflow("product"))?,
            hi: self.hi.checked_mul(f).ok_or_else(|| overflow("product"))?,
        })
    }

    fn is_zero(self) -> bool {
        self.lo.is_zero() && self.hi.is_zero()
    }
}

/// `a + b`, skipping the call when one side is zero: most sums here add an
/// empty section. rust_decimal returns the other operand unchanged (its
/// scale included) in that case, so the result is the same.
#[inline]
fn add_decimal(a: Decimal, b: Decimal) -> Option<Decimal> {
    if a.is_zero() {
        Some(b)
    } else if b.is_zero() {
        Some(a)
    } else {
        a.checked_add(b)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    None,
    Arabic,
    CnDigit,
    Zero,
    SmallMag,
    BigMag,
    Point,
    Vague,
}

/// The state of one numeral being read.
struct Parser<'a> {
    text: &'a str,
    pos: usize,
    total: Pair,
    section: Pair,
    number: Option<Pair>,
    /// Magnitude just read (no 零 since): a following lone digit abbreviates
    /// (两千四百五 → 450, 九万四 → 4000).
    abbrev_unit: Option<Decimal>,
    /// Smallest 万/亿/兆 factor already folded into `total`.
    last_big: Decimal,
    last: Token,
    lo_open: bool,
    hi_open: bool,
    vague: Vague,
    arabic: bool,
    arabic_plain: Option<usize>,
    cn_digits: usize,
    magnitudes: usize,
    digit_string: bool,
    bare_magnitude: bool,
    tail_factor: Option<Decimal>,
    /// Smallest of 十/百/千 used in the current section: 七十百 is not a number.
    section_mag: Option<Decimal>,
    has_point: bool,
    has_big: bool,
}

/// Parses the numeral starting at byte `start` (no sign). `Ok(None)` when no
/// numeral starts there.
pub fn parse_numeral(text: &str, start: usize) -> Result<Option<Numeral>, QuantityError> {
    let mut p = Parser {
        text,
        pos: start,
        total: Pair::ZERO,
        section: Pair::ZERO,
        number: None,
        abbrev_unit: None,
        last_big: Decimal::ZERO,
        last: Token::None,
        lo_open: false,
        hi_open: false,
        vague: Vague::None,
        arabic: false,
        arabic_plain: None,
        cn_digits: 0,
        magnitudes: 0,
        digit_string: false,
        bare_magnitude: false,
        tail_factor: None,
        section_mag: None,
        has_point: false,
        has_big: false,
    };
    p.run()?;
    if p.last == Token::None {
        return Ok(None);
    }
    let end = p.pos;
    let value = p.finish()?;
    let plain_int_len = if p.magnitudes == 0 && p.cn_digits == 0 {
        p.arabic_plain
    } else {
        None
    };
    Ok(Some(Numeral {
        end,
        value,
        vague: p.vague,
        arabic: p.arabic,
        cn_digits: p.cn_digits,
        magnitudes: p.magnitudes,
        digit_string: p.digit_string,
        plain_int_len,
        bare_magnitude: p.bare_magnitude,
        tail_factor: p.tail_factor,
        has_point: p.has_point,
        has_big: p.has_big,
        starts_with_ten: has_at(text, start, "十") || has_at(text, start, "拾"),
    }))
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        char_at(self.text, self.pos)
    }

    fn run(&mut self) -> Result<(), QuantityError> {
        loop {
            let here = self.pos;
            if self.last != Token::None {
                let after = skip_spaces(self.text, self.pos);
                if after > self.pos && !self.continues_after_space(after) {
                    return Ok(());
                }
                self.pos = after;
            }
            let Some(c) = self.peek() else {
                self.pos = here;
                return Ok(());
            };
            if !self.step(c)? {
                self.pos = here;
                return Ok(());
            }
        }
    }

    /// Whether the numeral goes on after spaces (`7 万5 千4 百`, `一百 五 十 二`):
    /// only into magnitudes, 点, 余/多, or digits that lead to more numeral.
    fn continues_after_space(&self, at: usize) -> bool {
        let Some(c) = char_at(self.text, at) else {
            return false;
        };
        if is_magnitude(c) || c == '余' {
            return true;
        }
        if c == '多' || c == '几' {
            // 600 多家, 一百 二 十 几亿: a spaced 多/几 still belongs to the number.
            return matches!(self.last, Token::Arabic | Token::SmallMag | Token::BigMag);
        }
        if c == '点' {
            return self.fraction_digits_start(at + c.len_utf8()).is_some();
        }
        let next_pos = at + c.len_utf8();
        if c.is_ascii_digit() {
            if self.last == Token::Arabic {
                return false;
            }
            let mut q = next_pos;
            while char_at(self.text, q).is_some_and(|d| d.is_ascii_digit()) {
                q += 1;
            }
            return char_at(self.text, q).is_some_and(is_magnitude);
        }
        if cn_digit(c).is_some() {
            let after = skip_spaces(self.text, next_pos);
            let follows = char_at(self.text, after);
            return follows.is_some_and(|n| is_magnitude(n) || n == '点')
                || (self.last == Token::SmallMag && follows.is_none_or(|n| cn_digit(n).is_none()));
        }
        false
    }

    /// Consumes one token starting with `c`; false when `c` ends the numeral.
    fn step(&mut self, c: char) -> Result<bool, QuantityError> {
        if !c.is_ascii() && !is_numeral_char(c) {
            // The character after every numeral ends up here: one bit test
            // instead of the four matches below.
            return Ok(false);
        }
        let len = c.len_utf8();
        if c.is_ascii_digit() || (c == '.' && self.last == Token::None) {
            return self.arabic_number();
        }
        if let Some(d) = cn_digit(c) {
            return self.cn_digit(d, len);
        }
        if let Some(m) = small_magnitude(c) {
            return self.small_mag(Decimal::from(m), len);
        }
        if let Some(m) = big_magnitude(c) {
            return self.big_mag(m, len);
        }
        match c {
            '点' => self.point(len),
            '多' | '余' => self.more(len, false),
            '来' if self.lai_is_more(len) => self.more(len, false),
            '几' if self.last != Token::None => self.more(len, true),
            '几' | '数' if self.last == Token::None => self.several(Pair::of(2.into()), len),
            '廿' | '卅' if self.number.is_none() && !self.digit_string => {
                // 廿 = 二十, 卅 = 三十.
                self.number = Some(Pair::of(if c == '廿' { 2 } else { 3 }.into()));
                self.cn_digits += 1;
                self.small_mag(Decimal::TEN, len)
            }
            '上' if self.last == Token::None => {
                self.hi_open = true;
                let read = self.several(
                    Pair {
                        lo: 1.into(),
                        hi: 10.into(),
                    },
                    len,
                )?;
                if read {
                    self.vague = Vague::Reach;
                }
                Ok(read)
            }
            '半' if self.last == Token::None => {
                let next = char_at(self.text, self.pos + len);
                self.pos += len;
                self.number = Some(Pair::of(Decimal::new(5, 1)));
                self.last = Token::CnDigit;
                self.cn_digits += 1;
                if next == Some('百') {
                    // 半百 = 50: the half counts as a digit.
                    self.cn_digits += 1;
                }
                Ok(true)
            }
            '打' if self.last != Token::None && self.last != Token::Point => self.dozen(len),
            _ => Ok(false),
        }
    }

    fn several(&mut self, pair: Pair, len: usize) -> Result<bool, QuantityError> {
        // 几/数/上 count before a magnitude (几十, 数百, 上万); 几/数 also
        // before what they count (几款, 数家, 数倍, 几个月).
        let at = self.pos + len;
        let counts = pair.lo == pair.hi && several_counts(self.text, self.pos, at);
        if !counts && !char_at(self.text, at).is_some_and(is_magnitude) {
            return Ok(false);
        }
        let pair = if pair.lo == pair.hi {
            Pair {
                lo: 2.into(),
                hi: 9.into(),
            }
        } else {
            pair
        };
        self.pos += len;
        self.number = Some(pair);
        self.vague = Vague::Several;
        self.last = Token::CnDigit;
        self.cn_digits += 1;
        Ok(true)
    }

    fn arabic_number(&mut self) -> Result<bool, QuantityError> {
        if self.number.is_some() || self.last == Token::Arabic || self.last == Token::Point {
            return Ok(false);
        }
        let Some((value, end, plain)) = read_arabic(self.text, self.pos)? else {
            return Ok(false);
        };
        self.pos = end;
        self.number = Some(Pair::of(value));
        self.arabic = true;
        self.arabic_plain = plain;
        self.abbrev_unit = None;
        self.last = Token::Arabic;
        if self
            .text
            .as_bytes()
            .get(end)
            .is_some_and(|&b| b == b'w' || b == b'W')
            && wan_letter(self.text, end)
        {
            // 640w, 1.2w: w for 万.
            return self.big_mag(Decimal::from(10_000), 1);
        }
        Ok(true)
    }

    fn cn_digit(&mut self, d: u32, len: usize) -> Result<bool, QuantityError> {
        if d == 0 {
            let next = char_at(self.text, self.pos + len);
            if self.last == Token::None && next.and_then(small_magnitude).is_some() {
                // 零十 = 10: a leading 零 before a magnitude adds nothing.
                self.pos += len;
                self.last = Token::Zero;
                self.cn_digits += 1;
                return Ok(true);
            }
            if self.last == Token::None
                || self.last == Token::CnDigit && self.digit_string_allowed()
            {
                return self.string_digit(0, len);
            }
            // 零 separates places (一千零五) and blocks abbreviation.
            if self.number.is_some() {
                return Ok(false);
            }
            self.pos += len;
            self.abbrev_unit = None;
            self.last = Token::Zero;
            self.cn_digits += 1;
            return Ok(true);
        }
        if self.number.is_some() {
            if self.last == Token::CnDigit && self.digit_string_allowed() {
                return self.string_digit(d, len);
            }
            return Ok(false);
        }
        let next_pos = self.pos + len;
        if d == 1
            && self.abbrev_unit.is_some_and(|u| u >= Decimal::ONE_HUNDRED)
            && char_at(self.text, next_pos)
                .is_some_and(|c| is_classifier(c) || one_of!("年天月周", c))
        {
            // 300万一台, 两万一个月: 一 starts "one machine", "a month";
            // it does not abbreviate 300万一 (3001000).
            return Ok(false);
        }
        if let Some(d2) = char_at(self.text, next_pos).and_then(cn_digit)
            && (d2 == d + 1 || (d, d2) == (3, 5))
            && d2 != 0
        {
            let after = next_pos + char_at(self.text, next_pos).map_or(0, char::len_utf8);
            if char_at(self.text, after).is_none_or(|c| cn_digit(c).is_none()) {
                // 两三百, 三五家: a spread between two neighbouring digits.
                self.pos = after;
                self.number = Some(Pair {
                    lo: d.into(),
                    hi: d2.into(),
                });
                self.vague = Vague::Several;
                self.cn_digits += 2;
                self.last = Token::CnDigit;
                return Ok(true);
            }
        }
        self.pos = next_pos;
        self.number = Some(Pair::of(d.into()));
        self.cn_digits += 1;
        self.last = Token::CnDigit;
        Ok(true)
    }

    fn digit_string_allowed(&self) -> bool {
        self.magnitudes == 0 && self.vague == Vague::None && !self.arabic
    }

    /// 二〇二三, 三八: digits read one by one.
    fn string_digit(&mut self, d: u32, len: usize) -> Result<bool, QuantityError> {
        let prev = self.number.unwrap_or(Pair::ZERO);
        if self.last == Token::CnDigit {
            self.digit_string = true;
        }
        self.number = Some(prev.mul(10.into())?.add(Pair::of(d.into()))?);
        self.pos += len;
        self.cn_digits += 1;
        self.last = Token::CnDigit;
        Ok(true)
    }

    fn small_mag(&mut self, m: Decimal, len: usize) -> Result<bool, QuantityError> {
        if self.digit_string {
            return Ok(false);
        }
        if self.section_mag.is_some_and(|sm| m >= sm) {
            return Ok(false);
        }
        if self.last == Token::None {
            self.bare_magnitude = true;
        }
        self.section_mag = Some(m);
        let n = self.number.take().unwrap_or(Pair::of(Decimal::ONE));
        self.section = self.section.add(n.mul(m)?)?;
        self.pos += len;
        self.magnitudes += 1;
        self.abbrev_unit = Some(m);
        self.tail_factor = Some(m);
        self.last = Token::SmallMag;
        Ok(true)
    }

    fn big_mag(&mut self, u: Decimal, len: usize) -> Result<bool, QuantityError> {
        if self.digit_string {
            return Ok(false);
        }
        let cur = self.section.add(self.number.take().unwrap_or(Pair::ZERO))?;
        if self.last == Token::None {
            // A numeral starts with 万/亿 only in 万分之, 万万分之, 万亿,
            // before what a bare 万 counts (万卡, 万张, 万元; 万一 is "in case")
            // and after a verb of passing.
            let next = self.pos + len;
            // 破亿, 过万, 上亿用户: after a verb of passing, 万 and 亿 stand alone.
            let passed = u <= Decimal::from(100_000_000u64)
                && char_at(self.text, next) != Some('一')
                && self.text[..self.pos]
                    .chars()
                    .next_back()
                    .is_some_and(|c| PASSING.contains(c));
            let leads = char_at(self.text, next).is_some_and(|c| big_magnitude(c).is_some())
                || char_at(self.text, skip_spaces(self.text, next)) == Some('分')
                || (u == Decimal::from(10_000) && counted_after_bare(self.text, next))
                || passed;
            if !leads {
                return Ok(false);
            }
            self.bare_magnitude = true;
            self.total = Pair::of(u);
            self.last_big = u;
        } else if cur.is_zero() {
            // 10万万, 4.78万亿: a magnitude scaling everything before it.
            self.total = self.total.mul(u)?;
            self.last_big = self
                .last_big
                .checked_mul(u)
                .ok_or_else(|| overflow("magnitude"))?;
        } else if self.last_big.is_zero() || u >= self.last_big {
            // 一万五千亿: the new magnitude is larger, so it scales the whole.
            self.total = self.total.add(cur)?.mul(u)?;
            self.last_big = u;
        } else {
            self.total = self.total.add(cur.mul(u)?)?;
            self.last_big = u;
        }
        self.section = Pair::ZERO;
        self.section_mag = None;
        self.pos += len;
        self.magnitudes += 1;
        self.has_big = true;
        self.abbrev_unit = Some(u);
        self.tail_factor = Some(match (self.last, self.tail_factor) {
            (Token::BigMag, Some(f)) => f.checked_mul(u).ok_or_else(|| overflow("magnitude"))?,
            _ => u,
        });
        self.last = Token::BigMag;
        Ok(true)
    }

    /// Position of the first fraction digit after 点 (spaces allowed).
    fn fraction_digits_start(&self, at: usize) -> Option<usize> {
        let at = skip_spaces(self.text, at);
        let c = char_at(self.text, at)?;
        // 两 and 俩 never write decimals: 一点两小时 is 一 and 两.
        let ok = c.is_ascii_digit() || (cn_digit(c).is_some() && c != '两' && c != '俩');
        ok.then_some(at)
    }

    fn point(&mut self, len: usize) -> Result<bool, QuantityError> {
        if matches!(self.last, Token::Point | Token::Vague | Token::Arabic) {
            return Ok(false);
        }
        let Some(mut q) = self.fraction_digits_start(self.pos + len) else {
            return Ok(false);
        };
        let whole = self.value_so_far()?;
        let mut frac = Decimal::ZERO;
        let mut scale = Decimal::ONE;
        let tenth = Decimal::new(1, 1);
        while let Some(c) = char_at(self.text, q) {
            let d = match c {
                '0'..='9' => c as u32 - '0' as u32,
                '两' | '俩' => break,
                _ => match cn_digit(c) {
                    Some(d) => d,
                    None => break,
                },
            };
            scale = scale
                .checked_mul(tenth)
                .ok_or_else(|| overflow("decimal"))?;
            if scale.is_zero() {
                return Err(overflow("too many decimal places"));
            }
            frac += scale * Decimal::from(d);
            q += c.len_utf8();
        }
        if char_at(self.text, q) == Some('点') {
            // 一点一点 is "bit by bit", not 1.1.
            return Ok(false);
        }
        self.total = Pair::ZERO;
        self.section = Pair::ZERO;
        self.section_mag = None;
        self.last_big = Decimal::ZERO;
        self.abbrev_unit = None;
        self.number = Some(whole.add(Pair::of(frac))?);
        self.cn_digits += 1;
        self.has_point = true;
        self.pos = q;
        self.last = Token::Point;
        Ok(true)
    }

    /// 多/余 (and 几 after a base): the value so far plus up to one more unit of
    /// its last place; 十余万 is (100000, 200000), 一百多 is (100, 200).
    fn more(&mut self, len: usize, is_ji: bool) -> Result<bool, QuantityError> {
        let next = char_at(self.text, self.pos + len);
        if self.vague == Vague::More
            && self.last == Token::BigMag
            && next.and_then(big_magnitude).is_some()
        {
            // 十几万多亿: the second 多 repeats the vagueness already read.
            self.pos += len;
            return Ok(true);
        }
        if matches!(self.last, Token::None | Token::Vague) || self.vague != Vague::None {
            return Ok(false);
        }
        let base = self.value_so_far()?;
        let place = if is_ji && self.last == Token::Zero {
            Decimal::TEN
        } else {
            last_place(base.lo)
        };
        let hi = base.hi.checked_add(place).ok_or_else(|| overflow("sum"))?;
        self.total = Pair::ZERO;
        self.section = Pair::ZERO;
        self.section_mag = None;
        self.last_big = Decimal::ZERO;
        self.abbrev_unit = None;
        self.number = Some(Pair { lo: base.lo, hi });
        self.lo_open = true;
        self.hi_open = true;
        self.vague = Vague::More;
        self.pos += len;
        self.last = Token::Vague;
        Ok(true)
    }

    /// 来 as "-odd" (十来个, 20来岁, 一百来万): after a round number and
    /// before what it counts; 一来 (firstly), 3年来 (over three years) and
    /// 看来 are other words.
    fn lai_is_more(&self, len: usize) -> bool {
        let round = match self.last {
            Token::SmallMag | Token::BigMag => true,
            Token::Arabic => self.number.is_some_and(|n| {
                n.lo == n.hi && n.lo >= Decimal::TEN && last_place(n.lo) >= Decimal::TEN
            }),
            _ => false,
        };
        round
            && char_at(self.text, self.pos + len).is_some_and(|c| {
                is_magnitude(c) || is_classifier(c) || one_of!("岁年天月周倍元美块", c)
            })
    }

    /// 一打 = 12, 五十打 = 600; not 打造, 打破 …
    fn dozen(&mut self, len: usize) -> Result<bool, QuantityError> {
        let next = char_at(self.text, self.pos + len);
        if next.is_some_and(|c| one_of!("造破开击通响算工败进出入赢车call", c)) {
            return Ok(false);
        }
        let v = self.value_so_far()?;
        self.total = Pair::ZERO;
        self.section = Pair::ZERO;
        self.section_mag = None;
        self.last_big = Decimal::ZERO;
        self.abbrev_unit = None;
        self.number = Some(v.mul(12.into())?);
        self.magnitudes += 1;
        self.pos += len;
        self.last = Token::Vague;
        Ok(true)
    }

    /// total + section + pending digit, applying the abbreviation rule.
    fn value_so_far(&self) -> Result<Pair, QuantityError> {
        let mut n = self.number.unwrap_or(Pair::ZERO);
        if self.last == Token::CnDigit
            && !self.digit_string
            && let Some(unit) = self.abbrev_unit
            && unit >= Decimal::ONE_HUNDRED
        {
            n = n.mul(unit / Decimal::TEN)?;
        }
        if self.total.is_zero() && self.section.is_zero() {
            // Most numerals have no 万/亿 part and no section: zero plus `n`
            // is `n` exactly (see `add_decimal`).
            return Ok(n);
        }
        self.total.add(self.section)?.add(n)
    }

    fn finish(&self) -> Result<Reading, QuantityError> {
        let v = self.value_so_far()?;
        // Past 28 significant digits rounding can swallow the spread of 多/余
        // and leave an empty interval: the number is out of range.
        // Exact numerals (most of them) carry the very same Decimal at both
        // ends: comparing those is a library call worth skipping.
        let same = u128::from_ne_bytes(v.lo.serialize()) == u128::from_ne_bytes(v.hi.serialize());
        let empty = if same {
            self.lo_open || self.hi_open
        } else {
            v.lo > v.hi || (v.lo == v.hi && (self.lo_open || self.hi_open))
        };
        if empty {
            return Err(overflow("precision"));
        }
        Ok(Reading {
            lo: v.lo,
            hi: v.hi,
            lo_open: self.lo_open,
            hi_open: self.hi_open,
        })
    }
}

/// Whether the `w`/`W` at `pos`, right after Arabic digits, stands for 万
/// (640w个GPU小时, 1.2w, 10w+用户): not inside an identifier (3w3, w2v), and
/// not watts (700W, 300w电源, 功耗350w). A capital W is 万 only before what
/// it counts (640W个, 3W人).
pub fn wan_letter(text: &str, pos: usize) -> bool {
    let b = text.as_bytes();
    let after = pos + 1;
    if b.get(after)
        .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_' || c == b'.')
    {
        return false;
    }
    let next = char_at(text, after);
    if b[pos] == b'W' {
        return next.is_some_and(|c| (is_classifier(c) && c != '卡') || one_of!("元人+", c));
    }
    const POWER: [&str; 7] = ["电源", "功耗", "功率", "供电", "的功耗", "的功率", "充电"];
    if POWER.iter().any(|w| has_at(text, after, w)) {
        return false;
    }
    // 功耗350w, TDP 700w: watts named before the figure in the same clause.
    let head = &text[..pos];
    let clause = head
        .rfind(|c: char| !(is_alphanumeric(c) || c == ' ' || c == '.'))
        .map_or(head, |i| &head[i..]);
    // The last ten characters of the clause.
    let from = clause
        .char_indices()
        .rev()
        .take(10)
        .last()
        .map_or(clause.len(), |(i, _)| i);
    let tail = &clause[from..];
    !["功耗", "功率", "TDP", "电源", "瓦"]
        .iter()
        .any(|w| tail.contains(w))
}

/// Whether what follows a bare magnitude at `at` is what it counts (万卡,
/// 千亿参数, 百万用户, 万亿token): a classifier, a currency, or one of a few
/// counted nouns. 千万别, 万一, 百万富翁 are words.
pub fn counted_after_bare(text: &str, at: usize) -> bool {
    let Some(c) = char_at(text, at) else {
        return false;
    };
    if (is_classifier(c) && !one_of!("起手头步", c)) || one_of!("元", c) {
        return true;
    }
    const NOUNS: [&str; 16] = [
        "参数",
        "参",
        "用户",
        "开发者",
        "使用者",
        "网民",
        "访客",
        "粉丝",
        "规模",
        "美元",
        "美金",
        "GPU",
        "token",
        "Token",
        "tokens",
        "Tokens",
    ];
    NOUNS.iter().any(|w| has_at(text, at, w))
}

/// Whether 几/数 at `pos` counts what follows at `at` (2 to 9 of them): a
/// classifier or a unit (几款, 数家, 几个, 数倍, 数年, 几个月). Not 数字,
/// 数码, 数组, 数位 (words), nor 几月 ("which month").
pub fn several_counts(text: &str, pos: usize, at: usize) -> bool {
    let Some(c) = char_at(text, at) else {
        return false;
    };
    let shu = has_at(text, pos, "数");
    if shu && one_of!("字码组位手市级", c) {
        return false;
    }
    // 指数级, 人数, 次数, 参数: 数 ends a word here, it does not count.
    let prev = text[..pos].chars().next_back();
    if shu
        && prev.is_some_and(|p| {
            one_of!(
                "指函参倍系分人次总个基整小复变常多少无岁票页层步天字点位帧件户算",
                p
            )
        })
    {
        return false;
    }
    (is_classifier(c) && c != '起')
        || one_of!("倍年天周", c)
        || (shu && c == '月')
        || has_at(text, at, "小时")
}

/// The place value of the last non-zero digit: 120 → 10, 30000 → 10000, 1.5 → 0.1.
pub fn last_place(v: Decimal) -> Decimal {
    let v = v.normalize();
    if v.is_zero() {
        return Decimal::ONE;
    }
    if v.scale() > 0 {
        return Decimal::new(1, v.scale());
    }
    let mut m = v.mantissa().unsigned_abs();
    let mut place = Decimal::ONE;
    while m > 0 && m.is_multiple_of(10) {
        m /= 10;
        place *= Decimal::TEN;
    }
    place
}

/// Reads an Arabic number at `pos`: digits with `,` thousands groups, a
/// decimal part, an optional `k` and an exponent (`e5`, `^-1`). Returns the
/// value, the end and, for a bare integer, its digit count.
pub fn read_arabic(
    text: &str,
    pos: usize,
) -> Result<Option<(Decimal, usize, Option<usize>)>, QuantityError> {
    let b = text.as_bytes();
    let mut i = pos;
    let mut int_len = 0;
    let mut grouped = false;
    while i < b.len() {
        match b[i] {
            b'0'..=b'9' => {
                int_len += 1;
                i += 1;
            }
            b',' if int_len > 0
                && b.len() >= i + 4
                && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
                && !b.get(i + 4).is_some_and(u8::is_ascii_digit) =>
            {
                grouped = true;
                i += 1;
            }
            _ => break,
        }
    }
    let mut frac_len: u32 = 0;
    if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            frac_len += 1;
            i += 1;
        }
    }
    let mut is_int = frac_len == 0;
    if int_len == 0 && is_int {
        return Ok(None);
    }
    let digits = || digit_text(&b[pos..i], int_len == 0);
    let mut value = if int_len + frac_len as usize <= 18 {
        small_decimal(&b[pos..i], frac_len)
    } else {
        let digits = digits();
        Decimal::from_str(&digits).map_err(|_| overflow(&digits))?
    };
    let k_at = if b.get(i) == Some(&b' ') { i + 1 } else { i };
    if k_at < b.len()
        && (b[k_at] == b'k' || b[k_at] == b'K')
        && !b.get(k_at + 1).is_some_and(is_word_byte)
    {
        // 40k, 52.5 k: thousands.
        value = value
            .checked_mul(Decimal::ONE_THOUSAND)
            .ok_or_else(|| overflow(&digits()))?;
        i = k_at + 1;
        is_int = false;
    } else if let Some((exp, base_is_power, end)) = read_exponent(b, i) {
        value = if base_is_power {
            power(value, exp).ok_or_else(|| overflow(&digits()))?
        } else {
            power(Decimal::TEN, exp)
                .and_then(|f| value.checked_mul(f))
                .ok_or_else(|| overflow(&digits()))?
        };
        i = end;
        is_int = false;
    }
    let plain = (is_int && !grouped).then_some(int_len);
    Ok(Some((value, i, plain)))
}

/// The digits of `run` (digits, `,` groups, a `.` part) as `Decimal::from_str`
/// reads them: no commas, a `0` before a bare decimal point.
fn digit_text(run: &[u8], no_int: bool) -> String {
    let mut digits = String::with_capacity(run.len() + 1);
    if no_int {
        digits.push('0');
    }
    digits.extend(run.iter().filter(|&&c| c != b',').map(|&c| char::from(c)));
    digits
}

/// A run of at most 18 digits (commas and one `.` skipped) with `scale`
/// decimal places, without formatting and reparsing it.
fn small_decimal(run: &[u8], scale: u32) -> Decimal {
    let mantissa = run
        .iter()
        .filter(|c| c.is_ascii_digit())
        .fold(0i64, |m, &c| m * 10 + i64::from(c - b'0'));
    Decimal::new(mantissa, scale)
}

fn is_word_byte(b: &u8) -> bool {
    b.is_ascii_alphanumeric() || *b == b'_'
}

/// `e-1`, `E+14`, `^5`, `^--23`: (exponent, whether it is a power `^`, end).
fn read_exponent(b: &[u8], mut i: usize) -> Option<(i64, bool, usize)> {
    let is_power = match b.get(i) {
        Some(b'e' | b'E') => false,
        Some(b'^') => true,
        _ => return None,
    };
    i += 1;
    let mut negative = false;
    let mut signs = 0;
    while let Some(&s @ (b'+' | b'-')) = b.get(i) {
        negative ^= s == b'-';
        signs += 1;
        i += 1;
    }
    if signs > 2 || (!is_power && signs > 1) {
        return None;
    }
    let start = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    if i == start || i - start > 3 || b.get(i).is_some_and(is_word_byte) {
        return None;
    }
    let mut exp: i64 = std::str::from_utf8(&b[start..i]).ok()?.parse().ok()?;
    if negative {
        exp = -exp;
    }
    Some((exp, is_power, i))
}

/// `base^exp` with checked arithmetic; None on overflow or 0^-n.
pub fn power(base: Decimal, exp: i64) -> Option<Decimal> {
    if exp.unsigned_abs() > 96 {
        return None;
    }
    let mut acc = Decimal::ONE;
    for _ in 0..exp.unsigned_abs() {
        acc = acc.checked_mul(base)?;
    }
    if exp < 0 {
        Decimal::ONE.checked_div(acc)
    } else {
        Some(acc)
    }
}

/// Parses one numeral that must span all of `s` (spaces around it allowed);
/// `负`/`-` make it negative.
pub fn parse_number(s: &str) -> Result<Reading, QuantityError> {
    let trimmed = s.trim();
    let (negative, body) = match trimmed
        .strip_prefix('负')
        .or_else(|| trimmed.strip_prefix('-'))
    {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let n = parse_numeral(body, 0)?.ok_or_else(|| QuantityError::NotANumber(s.to_string()))?;
    if n.end != body.len() {
        return Err(QuantityError::NotANumber(s.to_string()));
    }
    Ok(if negative { negate(n.value) } else { n.value })
}

/// The interval of the negated values.
pub fn negate(v: Reading) -> Reading {
    Reading {
        lo: -v.hi,
        hi: -v.lo,
        lo_open: v.hi_open,
        hi_open: v.lo_open,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn val(s: &str) -> Decimal {
        let v = parse_number(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(v.lo, v.hi, "{s} is not a point: {v:?}");
        v.lo
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn cjk_ideographs_are_alphanumeric() {
        assert!(('\u{4E00}'..='\u{9FFF}').all(char::is_alphanumeric));
    }

    #[test]
    fn small_decimals_match_from_str() {
        let mut runs: Vec<String> = [
            "0",
            "00",
            "0.0",
            "0.50",
            "000.000",
            "1,234",
            "1,234.50",
            "007",
            "123456789012345678",
            "12345678.9012345678",
            "0.000000000000000001",
            "999,999,999,999,999.999",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..5000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let int_len = (x % 12) as usize;
            let frac_len = ((x >> 8) % 8) as usize;
            let digits: String = (0..int_len + frac_len)
                .map(|k| char::from(b'0' + ((x >> (k * 3 % 60)) % 10) as u8))
                .collect();
            let mut run = digits[..int_len].to_string();
            if frac_len > 0 {
                run.push('.');
                run.push_str(&digits[int_len..]);
            }
            runs.push(run);
        }
        for run in runs
            .iter()
            .filter(|r| r.bytes().any(|c| c.is_ascii_digit()))
        {
            let b = run.as_bytes();
            let scale = run.find('.').map_or(0, |p| run.len() - p - 1) as u32;
            let text = digit_text(b, b[0] == b'.');
            let expected = Decimal::from_str(&text).unwrap();
            let got = small_decimal(b, scale);
            assert_eq!(got, expected, "{run}");
            assert_eq!(got.to_string(), expected.to_string(), "{run}");
            assert_eq!(got.scale(), expected.scale(), "{run}");
        }
    }

    #[test]
    fn arabic_with_separators_and_decimals() {
        assert_eq!(val("1,200"), d("1200"));
        assert_eq!(val("4,565"), d("4565"));
        assert_eq!(val("5.4 亿"), d("540000000"));
        assert_eq!(val("128.2万"), d("1282000"));
        assert_eq!(val("1000 亿"), d("100000000000"));
        assert_eq!(val("40k"), d("40000"));
        assert_eq!(val("2e5"), d("200000"));
        assert_eq!(val("-12e-1"), d("-1.2"));
        assert_eq!(val("2^-1"), d("0.5"));
    }

    #[test]
    fn chinese_numerals() {
        for (s, v) in [
            ("一百", "100"),
            ("两", "2"),
            ("一万亿", "1000000000000"),
            ("一千零五", "1005"),
            ("两千四百五", "2450"),
            ("九万四", "94000"),
            ("一万三", "13000"),
            ("壹佰伍拾", "150"),
            ("肆佰陆拾", "460"),
            ("负三十二", "-32"),
            ("一百零一万一千", "1011000"),
            ("五亿零六", "500000006"),
            ("一万五千亿", "1500000000000"),
            (
                "四千五百六十九万八千三百一十一亿四千八百七十二万五千三百八十二",
                "4569831148725382",
            ),
            ("十", "10"),
            ("百三", "130"),
            ("一百零十万", "1100000"),
            ("一打", "12"),
            ("五十打", "600"),
            ("半百", "50"),
            ("两千三点一", "2300.1"),
            ("四百亿点零五零", "40000000000.05"),
            ("一百 五 十 二", "152"),
        ] {
            assert_eq!(val(s), d(v), "{s}");
        }
    }

    #[test]
    fn mixed_numerals() {
        assert_eq!(val("5万4千6百"), d("54600"));
        assert_eq!(val("7 万5 千4 百"), d("75400"));
        assert_eq!(val("10万万"), d("1000000000"));
        assert_eq!(val("4.78万亿"), d("4780000000000"));
        assert_eq!(val("3万4000"), d("34000"));
        assert_eq!(val("2千零30万"), d("20300000"));
        assert_eq!(val("140万"), d("1400000"));
    }

    #[test]
    fn vague_numerals_are_intervals_from_their_base() {
        let v = parse_number("一百多").unwrap();
        assert_eq!(
            (v.lo, v.hi, v.lo_open, v.hi_open),
            (d("100"), d("200"), true, true)
        );
        let v = parse_number("3万多").unwrap();
        assert_eq!((v.lo, v.hi), (d("30000"), d("40000")));
        let v = parse_number("十余万").unwrap();
        assert_eq!((v.lo, v.hi), (d("100000"), d("200000")));
        let v = parse_number("两三百").unwrap();
        assert_eq!(
            (v.lo, v.hi, v.lo_open, v.hi_open),
            (d("200"), d("300"), false, false)
        );
        let v = parse_number("上百").unwrap();
        assert_eq!((v.lo, v.hi, v.hi_open), (d("100"), d("1000"), true));
        let v = parse_number("几十").unwrap();
        assert_eq!((v.lo, v.hi), (d("20"), d("90")));
        let v = parse_number("二十几万").unwrap();
        assert_eq!((v.lo, v.hi), (d("200000"), d("300000")));
        let v = parse_number("一百零几万").unwrap();
        assert_eq!((v.lo, v.hi), (d("1000000"), d("1100000")));
        let v = parse_number("120多").unwrap();
        assert_eq!((v.lo, v.hi), (d("120"), d("130")));
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        assert!(matches!(
            parse_number("99999999999999999999999999999亿"),
            Err(QuantityError::Overflow(_))
        ));
        assert!(matches!(
            parse_number("9999999999999999999999999999亿"),
            Err(QuantityError::Overflow(_))
        ));
        assert!(parse_number("亿亿亿亿亿亿亿亿").is_err());
        assert!(matches!(
            parse_number("abc"),
            Err(QuantityError::NotANumber(_))
        ));
    }
}
