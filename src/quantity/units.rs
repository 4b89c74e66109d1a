//! The words around a numeral: units, currencies, rates, qualifiers, classifiers
//! and the date/time words that make a number not a quantity.

use super::chars::{char_at, cn_digit, is_alphanumeric, skip_spaces};
use super::types::{Currency, Per, Qualifier, TimeUnit};

/// Byte equality written as a loop: the words are a few bytes long and a
/// `memcmp` call per comparison dominated the scanner's profile.
#[inline]
fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `word` occurs at byte `pos`.
#[inline]
pub fn has_at(text: &str, pos: usize, word: &str) -> bool {
    has_at_bytes(text.as_bytes(), pos, word.as_bytes())
}

#[inline]
fn has_at_bytes(text: &[u8], pos: usize, word: &[u8]) -> bool {
    text.get(pos..pos.saturating_add(word.len()))
        .is_some_and(|s| bytes_eq(s, word))
}

/// Whether `text[..end]` ends with `word`.
#[inline]
pub fn has_before(text: &str, end: usize, word: &str) -> bool {
    end >= word.len()
        && text
            .as_bytes()
            .get(end - word.len()..end)
            .is_some_and(|s| bytes_eq(s, word.as_bytes()))
}

/// A set of characters fixed at compile time, kept sorted for a binary
/// search. `str::contains(char)` on a short set of CJK characters builds a
/// substring searcher on every call, which dominated the scanner's profile.
pub struct CharSet<const N: usize>([char; N]);

/// The number of characters in `s`, for sizing a `CharSet`.
pub const fn char_count(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] & 0xC0 != 0x80 {
            n += 1;
        }
        i += 1;
    }
    n
}

impl<const N: usize> CharSet<N> {
    /// The characters of `s`, sorted (`N` must be `char_count(s)`).
    pub const fn new(s: &str) -> Self {
        let b = s.as_bytes();
        let mut chars = ['\0'; N];
        let (mut i, mut n) = (0, 0);
        while i < b.len() {
            let (c, len) = decode_at(b, i);
            // Insertion sort: the sets are a few dozen characters.
            let mut j = n;
            while j > 0 && chars[j - 1] as u32 > c as u32 {
                chars[j] = chars[j - 1];
                j -= 1;
            }
            chars[j] = c;
            n += 1;
            i += len;
        }
        assert!(n == N, "CharSet size differs from the character count");
        CharSet(chars)
    }

    #[inline]
    pub fn contains(&self, c: char) -> bool {
        self.0.binary_search(&c).is_ok()
    }
}

/// The character encoded at byte `i` of `b` and its length, at compile time.
const fn decode_at(b: &[u8], i: usize) -> (char, usize) {
    let len = utf8_len(b[i]);
    let mut code = if len == 1 {
        b[i] as u32
    } else {
        (b[i] as u32) & (0x7F >> len)
    };
    let mut k = 1;
    while k < len {
        code = (code << 6) | (b[i + k] as u32 & 0x3F);
        k += 1;
    }
    match char::from_u32(code) {
        Some(c) => (c, len),
        None => panic!("not a character"),
    }
}

/// One bit per code point below U+10000: whether it is one of `chars`
/// (which must all lie there). A lookup is a load and a bit test.
pub const fn bmp_bits(chars: &str) -> [u64; 1024] {
    let b = chars.as_bytes();
    let mut bits = [0u64; 1024];
    let mut i = 0;
    while i < b.len() {
        let (c, len) = decode_at(b, i);
        let c = c as usize;
        assert!(c < 0x10000, "not in the basic multilingual plane");
        bits[c / 64] |= 1 << (c % 64);
        i += len;
    }
    bits
}

/// Whether character `$c` is one of the characters of the literal `$set`.
macro_rules! one_of {
    ($set:expr, $c:expr $(,)?) => {{
        const SET: $crate::quantity::units::CharSet<{ $crate::quantity::units::char_count($set) }> =
            $crate::quantity::units::CharSet::new($set);
        SET.contains($c)
    }};
}
pub(crate) use one_of;

/// The length of the UTF-8 sequence that starts with byte `b`.
#[inline]
pub const fn utf8_len(b: u8) -> usize {
    match b {
        0x00..0x80 => 1,
        0x80..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// `word` at `pos`, returning its end.
pub fn word_at(text: &str, pos: usize, word: &str) -> Option<usize> {
    has_at(text, pos, word).then_some(pos + word.len())
}

/// `word` at `pos` with ASCII spaces allowed before and between its characters
/// (`个 百 分 点`).
#[inline]
pub fn spaced_word_at(text: &str, pos: usize, word: &str) -> Option<usize> {
    let w = word.as_bytes();
    // Most places hold neither a space nor the word: one byte tells.
    let first = *text.as_bytes().get(pos)?;
    if first != b' ' && first != w[0] {
        return None;
    }
    spaced_word_from(text, pos, w)
}

/// `spaced_word_at` past its first-byte test. Compares encoded characters:
/// equal bytes at a character boundary are equal characters, and nothing
/// needs decoding.
fn spaced_word_from(text: &str, pos: usize, w: &[u8]) -> Option<usize> {
    let mut p = pos;
    let mut i = 0;
    while i < w.len() {
        let len = utf8_len(w[i]);
        p = skip_spaces(text, p);
        if !has_at_bytes(text.as_bytes(), p, &w[i..i + len]) {
            return None;
        }
        p += len;
        i += len;
    }
    Some(p)
}

/// A word table (longer words first where one extends another) with
/// bitmaps of its words' first and last characters, and of their first two
/// and last two characters. Most places hold none of the words, so a lookup
/// usually ends after a bit test or two instead of a walk over the table
/// (the scanner looks words up around every numeral, and characters such as
/// 日, 人, 年 that start some word follow numbers all the time).
pub struct Words<T: 'static> {
    list: &'static [(&'static str, T)],
    first: CharBits,
    last: CharBits,
    /// First (last) characters of the one-character words.
    first_single: CharBits,
    last_single: CharBits,
    /// The first (last) two characters of the longer words, hashed.
    first_pairs: PairBits,
    last_pairs: PairBits,
    /// The length of the longest word, in bytes.
    longest: usize,
}

/// The `char_key` of the character starting at byte `i` of `w` and its
/// length, or None past the end or for a character of two or four bytes.
const fn key_at(w: &[u8], i: usize) -> Option<(usize, usize)> {
    if i >= w.len() {
        return None;
    }
    let b = w[i];
    if b < 0x80 {
        Some((char_key(0, b), 1))
    } else if b & 0xF0 == 0xE0 && i + 2 < w.len() {
        Some((char_key(w[i + 1], w[i + 2]), 3))
    } else {
        None
    }
}

/// The `char_key` of the character ending at byte `end` of `w` and its
/// start, or None for a character of two or four bytes.
const fn key_before(w: &[u8], end: usize) -> Option<(usize, usize)> {
    if end == 0 {
        return None;
    }
    let b = w[end - 1];
    if b < 0x80 {
        Some((char_key(0, b), end - 1))
    } else if end >= 3 && w[end - 3] & 0xF0 == 0xE0 {
        Some((char_key(w[end - 2], b), end - 3))
    } else {
        None
    }
}

impl<T: Copy> Words<T> {
    pub const fn new(list: &'static [(&'static str, T)]) -> Self {
        let mut first = KeyBits([0; CHAR_BIT_WORDS]);
        let mut last = KeyBits([0; CHAR_BIT_WORDS]);
        let mut first_single = KeyBits([0; CHAR_BIT_WORDS]);
        let mut last_single = KeyBits([0; CHAR_BIT_WORDS]);
        let mut first_pairs = KeyBits([0; PAIR_BIT_WORDS]);
        let mut last_pairs = KeyBits([0; PAIR_BIT_WORDS]);
        let mut longest = 0;
        let mut i = 0;
        while i < list.len() {
            let w = list[i].0.as_bytes();
            if w.len() > longest {
                longest = w.len();
            }
            let n = utf8_len(w[0]);
            let k1 = char_key(if n > 1 { w[n - 2] } else { 0 }, w[n - 1]);
            first.insert(k1);
            let n = w.len();
            let k_last = char_key(if n > 1 { w[n - 2] } else { 0 }, w[n - 1]);
            last.insert(k_last);
            // Words of characters other than ASCII and three-byte ones are
            // marked single, so that they are always looked for.
            let single = match (key_at(w, 0), key_before(w, w.len())) {
                (Some((_, len)), Some(_)) => len == w.len(),
                _ => true,
            };
            if single {
                first_single.insert(k1);
                last_single.insert(k_last);
            } else {
                match key_at(w, utf8_len(w[0])) {
                    Some((k2, _)) => first_pairs.insert(pair_key(k1, k2)),
                    None => first_single.insert(k1),
                }
                let start_last = match key_before(w, w.len()) {
                    Some((_, s)) => s,
                    None => 0,
                };
                match key_before(w, start_last) {
                    Some((k0, _)) => last_pairs.insert(pair_key(k0, k_last)),
                    None => last_single.insert(k_last),
                }
            }
            i += 1;
        }
        Words {
            list,
            first,
            last,
            first_single,
            last_single,
            first_pairs,
            last_pairs,
            longest,
        }
    }

    /// Whether a word of the table may start at the start of `rest` (a
    /// character boundary), from its first one or two characters. Only
    /// ASCII and three-byte characters are looked up; others may start a word.
    #[inline]
    fn may_start(&self, rest: &[u8]) -> bool {
        let Some((k1, len)) = key_at(rest, 0) else {
            return !rest.is_empty();
        };
        if !self.first.contains(k1) {
            return false;
        }
        if self.first_single.contains(k1) {
            return true;
        }
        match key_at(rest, len) {
            Some((k2, _)) => self.first_pairs.contains(pair_key(k1, k2)),
            None => rest.len() > len,
        }
    }

    /// Whether a word of the table may end with the character that ends
    /// `head` (a character boundary), from that character alone.
    #[inline]
    fn may_end_char(&self, head: &[u8]) -> bool {
        match head {
            [] => false,
            [b] => self.last.contains(char_key(0, *b)),
            [.., a, b] => self.last.contains(char_key(*a, *b)),
        }
    }

    /// Whether a word of the table may end `head` (a character boundary),
    /// from its last one or two characters.
    #[inline]
    fn may_end(&self, head: &[u8]) -> bool {
        if !self.may_end_char(head) {
            return false;
        }
        let Some((k_last, start)) = key_before(head, head.len()) else {
            return true;
        };
        if self.last_single.contains(k_last) {
            return true;
        }
        match key_before(head, start) {
            Some((k0, _)) => self.last_pairs.contains(pair_key(k0, k_last)),
            None => start > 0,
        }
    }
}

const PAIR_BIT_WORDS: usize = 8192 / 64;

/// A set of keys (character pairs by `pair_key`, characters by `char_key`):
/// different items may share a key.
struct KeyBits<const WORDS: usize>([u64; WORDS]);

impl<const WORDS: usize> KeyBits<WORDS> {
    const fn insert(&mut self, key: usize) {
        self.0[key / 64] |= 1 << (key % 64);
    }

    #[inline]
    fn contains(&self, key: usize) -> bool {
        (self.0[key / 64] >> (key % 64)) & 1 != 0
    }
}

type PairBits = KeyBits<PAIR_BIT_WORDS>;

/// A key for two consecutive characters given by their `char_key`s.
#[inline]
const fn pair_key(a: usize, b: usize) -> usize {
    (a.wrapping_mul(0x9E37) ^ b.wrapping_mul(0x2F1)) % (PAIR_BIT_WORDS * 64)
}

const CHAR_BIT_WORDS: usize = (4096 + 128) / 64;

type CharBits = KeyBits<CHAR_BIT_WORDS>;

/// A key for the character whose last two bytes are `a`, `b`: ASCII by its
/// byte, others by the six payload bits of each (`a` is then its lead byte
/// or a continuation byte, as the encoding has it).
#[inline]
const fn char_key(a: u8, b: u8) -> usize {
    if b < 0x80 {
        4096 + b as usize
    } else {
        ((a as usize & 0x3F) << 6) | (b as usize & 0x3F)
    }
}

/// The first of `table` found at `pos`; tables list longer words first.
pub fn first_at<T: Copy>(text: &str, pos: usize, table: &Words<T>) -> Option<(T, usize)> {
    let rest = text.as_bytes().get(pos..)?;
    if !table.may_start(rest) {
        return None;
    }
    table.list.iter().find_map(|&(w, t)| {
        let w = w.as_bytes();
        let found = rest.len() >= w.len() && bytes_eq(&rest[..w.len()], w);
        found.then_some((t, pos + w.len()))
    })
}

/// The first of `table` that `text[..end]` ends with, returning its start.
pub fn first_before<T: Copy>(text: &str, end: usize, table: &Words<T>) -> Option<(T, usize)> {
    if !table.may_end(text.as_bytes().get(..end)?) {
        return None;
    }
    table
        .list
        .iter()
        .find_map(|&(w, t)| has_before(text, end, w).then(|| (t, end - w.len())))
}

/// Currency names after a number, in simplified characters (the text is
/// normalised before scanning: 新台幣 arrives as 新台币). Where one name
/// starts another, the longer comes first.
const CURRENCY_WORDS: Words<Currency> = Words::new(&[
    // The commonest first: a lookup walks the table in order.
    ("元", Currency::CNY),
    ("美元", Currency::USD),
    ("美金", Currency::USD),
    ("美圆", Currency::USD),
    ("USD", Currency::USD),
    ("欧元", Currency::EUR),
    ("EUR", Currency::EUR),
    ("日元", Currency::JPY),
    ("日圆", Currency::JPY),
    ("日币", Currency::JPY),
    ("JPY", Currency::JPY),
    ("港元", Currency::HKD),
    ("港币", Currency::HKD),
    ("港圆", Currency::HKD),
    ("HKD", Currency::HKD),
    ("英镑", Currency::GBP),
    ("GBP", Currency::GBP),
    ("新台币", Currency::TWD),
    ("新台元", Currency::TWD),
    ("台币", Currency::TWD),
    ("TWD", Currency::TWD),
    ("NTD", Currency::TWD),
    ("韩元", Currency::KRW),
    ("韩币", Currency::KRW),
    ("韩圆", Currency::KRW),
    ("KRW", Currency::KRW),
    ("印度卢比", Currency::INR),
    ("卢比", Currency::INR),
    ("INR", Currency::INR),
    ("澳大利亚元", Currency::AUD),
    ("澳元", Currency::AUD),
    ("澳币", Currency::AUD),
    ("AUD", Currency::AUD),
    ("加拿大元", Currency::CAD),
    ("加元", Currency::CAD),
    ("加币", Currency::CAD),
    ("CAD", Currency::CAD),
    ("瑞士法郎", Currency::CHF),
    ("瑞郎", Currency::CHF),
    ("法郎", Currency::CHF),
    ("CHF", Currency::CHF),
    ("新加坡元", Currency::SGD),
    ("新加坡币", Currency::SGD),
    ("SGD", Currency::SGD),
    ("俄罗斯卢布", Currency::RUB),
    ("卢布", Currency::RUB),
    ("RUB", Currency::RUB),
    ("泰铢", Currency::THB),
    ("THB", Currency::THB),
    ("新西兰元", Currency::NZD),
    ("纽西兰元", Currency::NZD),
    ("纽元", Currency::NZD),
    ("纽币", Currency::NZD),
    ("瑞典克朗", Currency::SEK),
    ("挪威克朗", Currency::NOK),
    ("丹麦克朗", Currency::DKK),
    ("捷克克朗", Currency::CZK),
    ("波兰兹罗提", Currency::PLN),
    ("兹罗提", Currency::PLN),
    ("匈牙利福林", Currency::HUF),
    ("福林", Currency::HUF),
    ("土耳其里拉", Currency::TRY),
    ("里拉", Currency::TRY),
    ("南非兰特", Currency::ZAR),
    ("兰特", Currency::ZAR),
    ("巴西雷亚尔", Currency::BRL),
    ("雷亚尔", Currency::BRL),
    ("墨西哥比索", Currency::MXN),
    ("阿根廷比索", Currency::ARS),
    ("智利比索", Currency::CLP),
    ("哥伦比亚比索", Currency::COP),
    ("菲律宾比索", Currency::PHP),
    ("印尼盾", Currency::IDR),
    ("印度尼西亚盾", Currency::IDR),
    ("印尼卢比", Currency::IDR),
    ("马来西亚林吉特", Currency::MYR),
    ("林吉特", Currency::MYR),
    ("令吉", Currency::MYR),
    ("马币", Currency::MYR),
    ("越南盾", Currency::VND),
    ("巴基斯坦卢比", Currency::PKR),
    ("斯里兰卡卢比", Currency::LKR),
    ("孟加拉塔卡", Currency::BDT),
    ("阿联酋迪拉姆", Currency::AED),
    ("迪拉姆", Currency::AED),
    ("沙特里亚尔", Currency::SAR),
    ("沙特阿拉伯里亚尔", Currency::SAR),
    ("卡塔尔里亚尔", Currency::QAR),
    ("里亚尔", Currency::SAR),
    ("以色列新谢克尔", Currency::ILS),
    ("新谢克尔", Currency::ILS),
    ("谢克尔", Currency::ILS),
    ("埃及镑", Currency::EGP),
    ("尼日利亚奈拉", Currency::NGN),
    ("奈拉", Currency::NGN),
    ("肯尼亚先令", Currency::KES),
    ("澳门元", Currency::MOP),
    ("澳门币", Currency::MOP),
    ("澳门圆", Currency::MOP),
    ("葡币", Currency::MOP),
    ("乌克兰格里夫纳", Currency::UAH),
    ("格里夫纳", Currency::UAH),
    ("哈萨克斯坦坚戈", Currency::KZT),
    ("坚戈", Currency::KZT),
    ("比特币", Currency::BTC),
    ("哥斯达黎加科朗", Currency::CRC),
    ("格鲁吉亚拉里", Currency::GEL),
    ("老挝基普", Currency::LAK),
    ("基普", Currency::LAK),
    ("芬兰马克", Currency::FIM),
    ("德国马克", Currency::DEM),
    ("西德马克", Currency::DEM),
    ("马克", Currency::DEM),
    ("比塞塔", Currency::ESP),
    ("荷兰盾", Currency::NLG),
    ("法国法郎", Currency::FRF),
    ("比利时法郎", Currency::BEF),
    ("意大利里拉", Currency::ITL),
    ("奥地利先令", Currency::ATS),
    ("埃斯库多", Currency::PTE),
    ("德拉克马", Currency::GRD),
    ("爱尔兰镑", Currency::IEP),
    ("人民币", Currency::CNY),
    ("块钱", Currency::CNY),
    ("RMB", Currency::CNY),
    ("CNY", Currency::CNY),
    ("圆", Currency::CNY),
]);

/// Whether the currency word at `pos` is the plain yuan (元, 圆, 块): a
/// currency named before the figure (港币5亿元, 新台币300元) overrides it.
pub fn is_plain_yuan(text: &str, pos: usize) -> bool {
    has_at(text, pos, "元") || has_at(text, pos, "圆") || has_at(text, pos, "块")
}

/// The names `currency_suffix` reads (for the test that the scanner's gate knows
/// their first characters).
#[cfg(test)]
pub(crate) fn currency_names() -> impl Iterator<Item = &'static str> {
    CURRENCY_WORDS.list.iter().map(|&(w, _)| w)
}

/// A currency word after a number (`万美元` has already lost its 万).
pub fn currency_suffix(text: &str, pos: usize) -> Option<(Currency, usize)> {
    let (cur, end) = first_at(text, pos, &CURRENCY_WORDS).or_else(|| kuai(text, pos))?;
    let next = char_at(text, end);
    if next.is_some_and(|c| c.is_ascii_alphanumeric()) && text.as_bytes()[pos].is_ascii() {
        return None;
    }
    // 元宇宙 (metaverse), 元素, 元年 are not yuan; 圆满, 圆形 not either.
    if has_at(text, pos, "元") && next.is_some_and(|c| one_of!("宇素年旦月件器老首", c)) {
        return None;
    }
    // 一元二次方程: an equation in one unknown.
    if has_at(text, pos, "元")
        && next.is_some_and(|c| cn_digit(c).is_some())
        && char_at(text, end + 3) == Some('次')
    {
        return None;
    }
    if has_at(text, pos, "圆") && next.is_some_and(|c| one_of!("满形桌周心梦润滑顶明球", c))
    {
        return None;
    }
    // 8亿元人民币: the trailing 人民币 repeats the currency.
    let end = if cur == Currency::CNY {
        word_at(text, end, "人民币").unwrap_or(end)
    } else {
        end
    };
    Some((cur, end))
}

/// 块 is a classifier (3万块GPU, 2.7万块, 三块) unless it is money: 块钱, or
/// a digit for the tenths after it (三块五, 两块八毛).
fn kuai(text: &str, pos: usize) -> Option<(Currency, usize)> {
    let end = word_at(text, pos, "块")?;
    let Some(c) = char_at(text, end) else {
        return paid_before(text, pos).then_some((Currency::CNY, end));
    };
    if !is_alphanumeric(c) {
        // 花费我三块。: a bare 块 ends the clause after a word for paying.
        return paid_before(text, pos).then_some((Currency::CNY, end));
    }
    let d = c.to_digit(10).or_else(|| cn_digit(c))?;
    if d == 0 {
        return None;
    }
    let at = end + c.len_utf8();
    tenths_end(text, at).map(|_| (Currency::CNY, end))
}

/// Words for paying or pricing: before a clause-final X块 they make it money.
const PAID_WORDS: Words<()> = Words::new(&[
    ("花费", ()),
    ("花了", ()),
    ("支付", ()),
    ("付了", ()),
    ("售价", ()),
    ("价格", ()),
    ("价钱", ()),
    ("要价", ()),
    ("收费", ()),
    ("费用", ()),
    ("卖", ()),
    ("值", ()),
    ("花", ()),
    ("赚", ()),
    ("亏", ()),
]);

/// Whether a paying word ends within a few characters before `pos`, in the
/// same clause.
fn paid_before(text: &str, pos: usize) -> bool {
    let mut end = pos;
    for _ in 0..10 {
        let Some(c) = text.get(..end).and_then(|h| h.chars().next_back()) else {
            return false;
        };
        if !is_alphanumeric(c) && c != ' ' && c != '.' {
            return false;
        }
        if first_before(text, end, &PAID_WORDS).is_some() {
            return true;
        }
        end -= c.len_utf8();
    }
    false
}

/// After the digit of 三块五 (at `at`): where the money ends, if the digit is
/// the tenths — the end of the clause, 毛/角/钱, or 一 + classifier
/// (三块五一个, "3.5 each").
pub fn tenths_end(text: &str, at: usize) -> Option<usize> {
    match char_at(text, at) {
        None => Some(at),
        Some('钱') => Some(at + '钱'.len_utf8()),
        Some('一') if char_at(text, at + '一'.len_utf8()).is_some_and(is_classifier) => Some(at),
        Some(a) if !is_alphanumeric(a) || one_of!("毛角", a) => Some(at),
        Some(_) => None,
    }
}

/// Coins named on their own, with the power of ten they take off the
/// currency: 50美分 is 0.5 USD, 5毛钱 0.5 CNY.
const COIN_WORDS: Words<(Currency, u32)> = Words::new(&[
    ("美分", (Currency::USD, 2)),
    ("欧分", (Currency::EUR, 2)),
    ("便士", (Currency::GBP, 2)),
    ("分钱", (Currency::CNY, 2)),
    ("毛钱", (Currency::CNY, 1)),
    ("角钱", (Currency::CNY, 1)),
]);

/// A coin word after a number: the currency, the scale to apply and the end.
pub fn coin_suffix(text: &str, pos: usize) -> Option<(Currency, u32, usize)> {
    let ((cur, scale), end) = first_at(text, pos, &COIN_WORDS)?;
    Some((cur, scale, end))
}

const CURRENCY_PREFIXES: Words<Currency> = Words::new(&[
    ("US$", Currency::USD),
    ("HK$", Currency::HKD),
    ("NT$", Currency::TWD),
    ("NZ$", Currency::NZD),
    ("R$", Currency::BRL),
    ("MX$", Currency::MXN),
    ("A$", Currency::AUD),
    ("AU$", Currency::AUD),
    ("C$", Currency::CAD),
    ("CA$", Currency::CAD),
    ("S$", Currency::SGD),
    ("SG$", Currency::SGD),
    ("$", Currency::USD),
    ("USD", Currency::USD),
    ("¥", Currency::CNY),
    ("￥", Currency::CNY),
    ("RMB", Currency::CNY),
    ("CNY", Currency::CNY),
    ("€", Currency::EUR),
    ("EUR", Currency::EUR),
    ("£", Currency::GBP),
    ("GBP", Currency::GBP),
    ("JPY", Currency::JPY),
    ("HKD", Currency::HKD),
    ("TWD", Currency::TWD),
    ("NTD", Currency::TWD),
    ("KRW", Currency::KRW),
    ("₩", Currency::KRW),
    ("INR", Currency::INR),
    ("₹", Currency::INR),
    ("AUD", Currency::AUD),
    ("CAD", Currency::CAD),
    ("CHF", Currency::CHF),
    ("SGD", Currency::SGD),
    ("RUB", Currency::RUB),
    ("₽", Currency::RUB),
    ("THB", Currency::THB),
    ("฿", Currency::THB),
    ("₺", Currency::TRY),
    ("₱", Currency::PHP),
    ("₫", Currency::VND),
    ("₪", Currency::ILS),
    ("₦", Currency::NGN),
    ("₴", Currency::UAH),
    ("₸", Currency::KZT),
    ("₿", Currency::BTC),
    ("₡", Currency::CRC),
    ("₾", Currency::GEL),
    ("₭", Currency::LAK),
    // Names written before the figure: 人民币22亿元, 港币5亿元, 美金100万.
    ("人民币", Currency::CNY),
    ("美元", Currency::USD),
    ("美金", Currency::USD),
    ("欧元", Currency::EUR),
    ("日元", Currency::JPY),
    ("日圆", Currency::JPY),
    ("港元", Currency::HKD),
    ("港币", Currency::HKD),
    ("英镑", Currency::GBP),
    ("新台币", Currency::TWD),
    ("台币", Currency::TWD),
    ("韩元", Currency::KRW),
    ("韩币", Currency::KRW),
    ("印度卢比", Currency::INR),
    ("卢比", Currency::INR),
    ("澳元", Currency::AUD),
    ("澳币", Currency::AUD),
    ("加元", Currency::CAD),
    ("加币", Currency::CAD),
    ("瑞士法郎", Currency::CHF),
    ("瑞郎", Currency::CHF),
    ("新加坡元", Currency::SGD),
    ("俄罗斯卢布", Currency::RUB),
    ("卢布", Currency::RUB),
    ("泰铢", Currency::THB),
    ("新西兰元", Currency::NZD),
    ("土耳其里拉", Currency::TRY),
    ("南非兰特", Currency::ZAR),
    ("巴西雷亚尔", Currency::BRL),
    ("墨西哥比索", Currency::MXN),
    ("菲律宾比索", Currency::PHP),
    ("印尼盾", Currency::IDR),
    ("马来西亚林吉特", Currency::MYR),
    ("林吉特", Currency::MYR),
    ("令吉", Currency::MYR),
    ("越南盾", Currency::VND),
    ("阿联酋迪拉姆", Currency::AED),
    ("沙特里亚尔", Currency::SAR),
    ("澳门币", Currency::MOP),
    ("澳门元", Currency::MOP),
    ("比特币", Currency::BTC),
]);

/// ISO codes (and NTD) that may follow a number directly (100USD, 5 CHF).
pub fn currency_code_at(text: &str, pos: usize) -> bool {
    let b = text.as_bytes();
    b.get(pos..pos + 3).is_some_and(|w| {
        w.iter().all(u8::is_ascii_uppercase)
            && (w == b"NTD" || Currency::ALL.iter().any(|c| c.code().as_bytes() == w))
    }) && !b.get(pos + 3).is_some_and(u8::is_ascii_alphanumeric)
}

/// A currency sign or code right before the number (spaces allowed).
pub fn currency_prefix(text: &str, start: usize, floor: usize) -> Option<(Currency, usize)> {
    let mut end = start;
    while end > floor && text.as_bytes()[end - 1] == b' ' {
        end -= 1;
    }
    let (cur, s) = first_before(text, end, &CURRENCY_PREFIXES)?;
    if s < floor {
        return None;
    }
    // XUSD100 is an identifier, not a price.
    let before = text.get(..s).and_then(|h| h.chars().next_back());
    if before.is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some((cur, s))
}

/// The most frequent words first: a lookup walks the table in order (no
/// word here starts another, so the order is free).
const DURATIONS: Words<TimeUnit> = Words::new(&[
    ("年", TimeUnit::Years),
    ("天", TimeUnit::Days),
    ("个月", TimeUnit::Months),
    ("小时", TimeUnit::Hours),
    ("周", TimeUnit::Weeks),
    ("个小时", TimeUnit::Hours),
    ("分钟", TimeUnit::Minutes),
    ("个多月", TimeUnit::Months),
    ("个半月", TimeUnit::Months),
    ("星期", TimeUnit::Weeks),
    ("个星期", TimeUnit::Weeks),
    ("个钟头", TimeUnit::Hours),
    ("个礼拜", TimeUnit::Weeks),
    ("个多小时", TimeUnit::Hours),
    ("个半小时", TimeUnit::Hours),
    ("个多星期", TimeUnit::Weeks),
    ("个半星期", TimeUnit::Weeks),
    ("个多钟头", TimeUnit::Hours),
    ("个半钟头", TimeUnit::Hours),
    ("个多礼拜", TimeUnit::Weeks),
    ("个半礼拜", TimeUnit::Weeks),
]);

/// A duration word after a number; `年` is decided by the caller (dates).
pub fn duration_suffix(text: &str, pos: usize) -> Option<(TimeUnit, usize, bool)> {
    // 个 follows most counts (3个): only a few second characters make it a
    // duration, so the table walk is skipped for the rest.
    if has_at(text, pos, "个")
        && !char_at(text, pos + '个'.len_utf8()).is_some_and(|c| one_of!("半多小钟星礼月", c))
    {
        return None;
    }
    let (unit, end) = first_at(text, pos, &DURATIONS)?;
    let next = char_at(text, end);
    // 周年 is an anniversary, 周一 a weekday, 年代 a decade, 天使 an angel.
    if has_at(text, pos, "周") && next.is_some_and(|c| one_of!("年一二三四五六日末边", c))
    {
        return None;
    }
    if has_at(text, pos, "年") && next.is_some_and(|c| one_of!("代级度初底末中报份间", c))
    {
        return None;
    }
    if has_at(text, pos, "天") && next.is_some_and(|c| one_of!("使才然津下气空猫", c)) {
        return None;
    }
    let half = text[pos..end].contains('半');
    Some((unit, end, half))
}

/// Words after a number that make it a date or time, not a quantity.
pub fn date_word(text: &str, pos: usize) -> Option<usize> {
    const WORDS: Words<()> = Words::new(&[
        ("月份", ()),
        ("月", ()),
        ("日", ()),
        ("号", ()),
        ("时", ()),
        ("点钟", ()),
        ("点", ()),
        ("分", ()),
        ("秒", ()),
        ("季度", ()),
        ("世纪", ()),
        ("年代", ()),
        ("届", ()),
        ("财年", ()),
    ]);
    first_at(text, pos, &WORDS).map(|(_, end)| end)
}

/// Counting words: a lone Chinese digit is a quantity only before one of these.
pub fn is_classifier(c: char) -> bool {
    matches!(
        c,
        '个' | '只'
            | '家'
            | '款'
            | '位'
            | '名'
            | '张'
            | '台'
            | '块'
            | '项'
            | '条'
            | '件'
            | '篇'
            | '部'
            | '本'
            | '座'
            | '所'
            | '辆'
            | '架'
            | '枚'
            | '颗'
            | '层'
            | '级'
            | '批'
            | '轮'
            | '场'
            | '期'
            | '组'
            | '套'
            | '类'
            | '份'
            | '人'
            | '次'
            | '双'
            | '对'
            | '斤'
            | '吨'
            | '章'
            | '句'
            | '首'
            | '支'
            | '根'
            | '间'
            | '栋'
            | '匹'
            | '头'
            | '艘'
            | '笔'
            | '股'
            | '步'
            | '票'
            | '例'
            | '国'
            | '省'
            | '市'
            | '手'
            | '起'
            | '卡'
            | '片'
            | '字'
            | '码'
    )
}

/// Classifiers that make sense after 一 meaning "one" rather than "a"/"once".
pub fn is_classifier_for_yi(c: char) -> bool {
    is_classifier(c) && !one_of!("次起下手头步场", c)
}

/// Periods after 每 or `/` (每个月 and 每个小时 have lost their 个).
const PERIODS: Words<Per> = Words::new(&[
    ("秒钟", Per::Second),
    ("秒", Per::Second),
    ("分钟", Per::Minute),
    ("小时", Per::Hour),
    ("钟头", Per::Hour),
    ("天", Per::Day),
    ("日", Per::Day),
    ("星期", Per::Week),
    ("礼拜", Per::Week),
    ("周", Per::Week),
    ("月", Per::Month),
    ("季度", Per::Quarter),
    ("年", Per::Year),
]);

/// A request after 每次 (每次调用, 每次查询).
const QUERIES: Words<()> = Words::new(&[
    ("调用", ()),
    ("查询", ()),
    ("请求", ()),
    ("搜索", ()),
    ("对话", ()),
    ("API调用", ()),
]);

/// What a rate is per, read after 每 or `/` at `pos`: a period (秒, 分钟,
/// 小时, 天/日, 周/星期, 月/个月, 季度, 年), tokens (token, 千tokens,
/// 百万输入tokens, 1M tokens), GPU time (GPU小时, 卡时, H800 GPU小时) or a
/// request (次调用, 次查询; after `/` a bare 次). `8万元/台` is a price per
/// machine, not a rate.
pub fn rate_unit_at(text: &str, pos: usize, slash: bool) -> Option<(Per, usize)> {
    let p = skip_spaces(text, pos);
    if let Some(r) = token_denominator(text, p) {
        return Some(r);
    }
    if slash && let Some(r) = unnamed_token_scale(text, p) {
        return Some(r);
    }
    let p = word_at(text, p, "个").unwrap_or(p);
    if let Some(e) = gpu_hour_word(text, p) {
        return Some((Per::GpuHour, e));
    }
    if let Some((per, e)) = first_at(text, p, &PERIODS) {
        // 每日经济新闻 is a newspaper; 每年化 no period.
        if char_at(text, e).is_some_and(|c| one_of!("经报化", c)) {
            return None;
        }
        return Some((per, e));
    }
    let e = word_at(text, p, "次")?;
    match first_at(text, e, &QUERIES) {
        Some((_, end)) => Some((Per::Query, end)),
        None if slash && !char_at(text, e).is_some_and(is_alphanumeric) => Some((Per::Query, e)),
        None => None,
    }
}

/// Thousands and millions as a rate's denominator.
const TOKEN_SCALES: Words<Per> = Words::new(&[
    ("一百万", Per::Mtok),
    ("百万", Per::Mtok),
    ("一千", Per::Ktok),
    ("千", Per::Ktok),
    ("1,000,000", Per::Mtok),
    ("1000000", Per::Mtok),
    ("1,000", Per::Ktok),
    ("1000", Per::Ktok),
    ("1M", Per::Mtok),
    ("1m", Per::Mtok),
    ("1K", Per::Ktok),
    ("1k", Per::Ktok),
    ("M", Per::Mtok),
    ("K", Per::Ktok),
    ("k", Per::Ktok),
]);

/// `API调用价格降至0.0008元/千`: a thousand or a million after `/` with no
/// word after it counts what the sentence prices, tokens when it speaks of
/// an API, tokens, calls, input or output (`元/千克`, `元/千瓦时` name their
/// own unit; `元/千` in a sentence about anything else stays no rate).
fn unnamed_token_scale(text: &str, pos: usize) -> Option<(Per, usize)> {
    const CUES: [&str; 8] = [
        "token", "Token", "TOKEN", "API", "调用", "输入", "输出", "词元",
    ];
    let (per, end) = first_at(text, pos, &TOKEN_SCALES)?;
    if char_at(text, end).is_some_and(char::is_alphanumeric) {
        return None;
    }
    let head = &text[..pos];
    let sentence = head
        .rfind(['。', '!', '?', ';', '\n'])
        .map_or(head, |i| &head[i..]);
    CUES.iter()
        .any(|c| sentence.contains(c))
        .then_some((per, end))
}

/// A token count as a rate's denominator at `pos`: `token`, `千tokens`,
/// `百万输入tokens`, `1M tokens`, `1,000 tokens`, `百万个token`, `百万输入标记`.
pub fn token_denominator(text: &str, pos: usize) -> Option<(Per, usize)> {
    const NAMES: Words<()> = Words::new(&[
        ("tokens", ()),
        ("token", ()),
        ("Tokens", ()),
        ("Token", ()),
        ("TOKENS", ()),
        ("TOKEN", ()),
        // Chinese translations of "token" (词元, 标记, 令牌).
        ("词元", ()),
        ("标记", ()),
        ("令牌", ()),
    ]);
    const SIDES: Words<()> =
        Words::new(&[("输入", ()), ("输出", ()), ("input ", ()), ("output ", ())]);
    let (per, p) = match first_at(text, pos, &TOKEN_SCALES) {
        Some((per, e)) => (per, skip_spaces(text, e)),
        None => (Per::Token, pos),
    };
    let p = word_at(text, p, "个").unwrap_or(p);
    let p = first_at(text, p, &SIDES).map_or(p, |(_, e)| e);
    let (_, end) = first_at(text, p, &NAMES)?;
    if text
        .as_bytes()
        .get(end)
        .is_some_and(u8::is_ascii_alphanumeric)
    {
        return None;
    }
    Some((per, end))
}

/// GPU time at `pos`: `GPU小时`, `GPU时`, `GPU hours`, `卡时`, `卡小时`, with
/// an optional accelerator name before (`H800 GPU小时`, `A100卡时`).
pub fn gpu_hour_word(text: &str, pos: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut p = pos;
    // An accelerator name: a capital letter and digits (H800, A100, H20).
    if b.get(p).is_some_and(u8::is_ascii_uppercase) && !has_at(text, p, "GPU") {
        let mut q = p + 1;
        while b.get(q).is_some_and(u8::is_ascii_digit) {
            q += 1;
        }
        if q - p < 2 || q - p > 5 {
            return None;
        }
        p = skip_spaces(text, q);
    }
    if let Some(e) = word_at(text, p, "GPU") {
        let mut q = skip_spaces(text, e);
        if b.get(q).is_some_and(|&c| c == b'-') || has_at(text, q, "·") {
            q += if b[q] == b'-' { 1 } else { "·".len() };
        }
        for w in ["小时", "时", "hours", "hour"] {
            if let Some(end) = word_at(text, q, w) {
                if w.is_ascii() && b.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                    return None;
                }
                return Some(end);
            }
        }
        return None;
    }
    let k = word_at(text, p, "卡")?;
    let k = if has_at(text, k, "·") {
        k + "·".len()
    } else {
        k
    };
    word_at(text, k, "小时").or_else(|| word_at(text, k, "时"))
}

/// GPU-hours as the unit after a number: `280万GPU小时`, `640w个GPU小时`,
/// `278.8万H800 GPU小时`, `10万卡时`.
pub fn gpu_hours_unit(text: &str, pos: usize) -> Option<usize> {
    let p = word_at(text, pos, "个").unwrap_or(pos);
    gpu_hour_word(text, p)
}

/// Money periods written with 一 after the figure: 30美元一个月.
const ONE_PERIODS: Words<Per> = Words::new(&[
    ("一个月", Per::Month),
    ("一个小时", Per::Hour),
    ("一小时", Per::Hour),
    ("一个星期", Per::Week),
    ("一周", Per::Week),
    ("一年", Per::Year),
    ("一天", Per::Day),
    ("一日", Per::Day),
]);

/// A rate after a figure: `/月`, `/每天`, `/百万tokens`, `/GPU小时`, `/次`;
/// for money also `每月` and `一个月` (30美元一个月).
pub fn rate_suffix(text: &str, pos: usize, money: bool) -> Option<(Per, usize)> {
    let p = skip_spaces(text, pos);
    if text.as_bytes().get(p) == Some(&b'/') {
        let q = word_at(text, p + 1, "每").unwrap_or(p + 1);
        return rate_unit_at(text, q, true);
    }
    if !money {
        return None;
    }
    if let Some(q) = word_at(text, p, "每") {
        return rate_unit_at(text, q, false);
    }
    let (per, end) = first_at(text, p, &ONE_PERIODS)?;
    // 一年半 is a duration after the money, not a rate; 一天之内 likewise.
    if char_at(text, end).is_some_and(|c| c == '半' || c == '内') {
        return None;
    }
    Some((per, end))
}

/// Rate words that are not 每 + unit: 日均, 单日, 一天 (before the figure).
const RATE_PREFIXES: Words<Per> = Words::new(&[
    ("月均", Per::Month),
    ("单月", Per::Month),
    ("年均", Per::Year),
    ("周均", Per::Week),
    ("单日", Per::Day),
    ("日均", Per::Day),
    ("一天", Per::Day),
]);

/// The nearest rate word before `start` in the same clause, at most twelve
/// characters away (每天70万美元, 单日运营成本大约是70万美元, 每秒能生成60个,
/// 每百万输入tokens价格为0.5元, 每GPU小时2美元): the period, where the rate
/// word starts, and whether only spaces separate it from the figure (then it
/// belongs to the span).
pub fn rate_before(text: &str, start: usize, floor: usize) -> Option<(Per, usize, bool)> {
    // Runs for most figures: walks the bytes back three at a time over
    // Chinese characters, decoding nothing, and only looks words up at 每 and
    // at the last characters of RATE_PREFIXES (均 日 月 天).
    const fn key(c: char) -> u32 {
        let mut b = [0; 4];
        let b = c.encode_utf8(&mut b).as_bytes();
        (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32
    }
    const MEI: u32 = key('每');
    const JUN: u32 = key('均');
    const RI: u32 = key('日');
    const YUE: u32 = key('月');
    const TIAN: u32 = key('天');
    let b = text.as_bytes();
    let mut end = start;
    // Twelve words back: a run of ASCII letters, digits and spaces
    // (`tokens `) counts as one.
    for _ in 0..12 {
        if end <= floor {
            return None;
        }
        let last = b[end - 1];
        let found = if last < 0x80 {
            if !(last.is_ascii_alphanumeric() || last == b' ') {
                return None;
            }
            while end > floor && (b[end - 1].is_ascii_alphanumeric() || b[end - 1] == b' ') {
                end -= 1;
            }
            continue;
        } else if end >= floor + 3 && (0xE4..=0xE9).contains(&b[end - 3]) {
            // A CJK ideograph (U+4000..U+9FFF), the common case.
            let k = (b[end - 3] as u32) << 16 | (b[end - 2] as u32) << 8 | last as u32;
            end -= 3;
            match k {
                MEI => {
                    let (per, e) = rate_unit_at(text, end + 3, false)?;
                    Some((per, end, e))
                }
                JUN | RI | YUE | TIAN => {
                    first_before(text, end + 3, &RATE_PREFIXES).map(|(per, s)| (per, s, end + 3))
                }
                _ => None,
            }
        } else {
            let c = text[..end].chars().next_back()?;
            if !is_alphanumeric(c) {
                return None;
            }
            end -= c.len_utf8();
            continue;
        };
        let Some((per, s, e)) = found else {
            continue;
        };
        if e > start || s < floor {
            return None;
        }
        // 4月均价 is April's average price, not a monthly rate.
        let date = text[..s]
            .chars()
            .next_back()
            .is_some_and(|d| d.is_ascii_digit() || cn_digit(d).is_some() || d == '十');
        if date && !has_at(text, s, "每") {
            return None;
        }
        // 一天 is a rate only right before the figure.
        let adjacent = skip_spaces(text, e) == start;
        if !adjacent && has_at(text, s, "一") {
            return None;
        }
        return Some((per, s, adjacent));
    }
    None
}

/// How a qualifier word bounds the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Approx,
    Over,
    AtLeast,
    Nearly,
    /// Strictly below (不到, 不足, 低于).
    Below,
    /// Below or equal: an upper bound (最多, 不超过, 可能高达, 以内).
    UpTo,
    /// 等于: stated as exact.
    Equal,
}

impl Bound {
    /// The qualifier a figure with this word before or after it has.
    pub fn qualifier(self) -> Qualifier {
        match self {
            Bound::Approx => Qualifier::Approx,
            Bound::Over => Qualifier::Over,
            Bound::AtLeast => Qualifier::AtLeast,
            Bound::Nearly => Qualifier::Nearly,
            Bound::Below => Qualifier::Under,
            Bound::UpTo => Qualifier::UpTo,
            Bound::Equal => Qualifier::Exact,
        }
    }
}

/// Qualifiers before the number, longest first (a word must come before
/// any word it ends with). 高达/多达 are emphasis, not bounds: stated alone
/// they give the figure as exact; after a hedge (可能高达) they are an upper
/// bound.
const PREFIX_QUALIFIERS: Words<Bound> = Words::new(&[
    ("没有突破", Bound::Below),
    ("没有超过", Bound::UpTo),
    ("未突破", Bound::Below),
    ("未超过", Bound::UpTo),
    ("大于或者等于", Bound::AtLeast),
    ("大于或等于", Bound::AtLeast),
    ("小于或者等于", Bound::UpTo),
    ("小于或等于", Bound::UpTo),
    ("可能高达", Bound::UpTo),
    ("可能多达", Bound::UpTo),
    ("或将高达", Bound::UpTo),
    ("或许高达", Bound::UpTo),
    ("也许高达", Bound::UpTo),
    ("大于等于", Bound::AtLeast),
    ("小于等于", Bound::UpTo),
    ("最高达", Bound::UpTo),
    ("最多达", Bound::UpTo),
    ("或高达", Bound::UpTo),
    ("或多达", Bound::UpTo),
    ("不少于", Bound::AtLeast),
    ("不低于", Bound::AtLeast),
    ("不小于", Bound::AtLeast),
    ("不超过", Bound::UpTo),
    ("不大于", Bound::UpTo),
    ("不多于", Bound::UpTo),
    ("不高于", Bound::UpTo),
    ("差不多", Bound::Approx),
    ("至少", Bound::AtLeast),
    ("最少", Bound::AtLeast),
    ("最低", Bound::AtLeast),
    ("起码", Bound::AtLeast),
    ("超过", Bound::Over),
    ("超出", Bound::Over),
    ("多于", Bound::Over),
    ("高于", Bound::Over),
    ("大于", Bound::Over),
    ("不止", Bound::Over),
    ("突破", Bound::Over),
    ("将近", Bound::Nearly),
    ("接近", Bound::Nearly),
    ("逼近", Bound::Nearly),
    ("不到", Bound::Below),
    ("不足", Bound::Below),
    ("少于", Bound::Below),
    ("低于", Bound::Below),
    ("小于", Bound::Below),
    ("不满", Bound::Below),
    ("未满", Bound::Below),
    ("未达", Bound::Below),
    ("高达", Bound::Equal),
    ("多达", Bound::Equal),
    ("最高", Bound::UpTo),
    ("最多", Bound::UpTo),
    ("至多", Bound::UpTo),
    ("约为", Bound::Approx),
    ("大约", Bound::Approx),
    ("大概", Bound::Approx),
    ("约合", Bound::Approx),
    ("大致", Bound::Approx),
    ("等于", Bound::Equal),
    ("约", Bound::Approx),
    // ≈178 days, ≈ 4.5 亿: the sign of an estimate.
    ("≈", Bound::Approx),
    ("逾", Bound::Over),
    ("超", Bound::Over),
    ("近", Bound::Nearly),
    ("≥", Bound::AtLeast),
]);

/// Words allowed between a qualifier and its number: 超过了80, 至少有10,
/// 最多为5, 至少达到上万. On their own 达到/达/为 are emphasis, not bounds.
const FILLERS: Words<()> = Words::new(&[
    ("达到", ()),
    ("了", ()),
    ("是", ()),
    ("有", ()),
    ("为", ()),
    ("达", ()),
]);

/// A qualifier ending right before `start`, returning its bound and start.
pub fn prefix_qualifier(text: &str, start: usize, floor: usize) -> Option<(Bound, usize)> {
    let mut end = start;
    while end > floor && text.as_bytes()[end - 1] == b' ' {
        end -= 1;
    }
    // One bit test or two for the many figures after no qualifier at all.
    let head = text.as_bytes().get(..end)?;
    // ~300k, ~$5 billion, ～3万 (folded to ~): a tilde opening a figure is
    // "about". After a figure or its unit (3~5万, 5%~8%) it joins a range,
    // which the range reader takes; a figure it left alone is not approximate.
    if let Some(t) = tilde_start(text, end)
        && t >= floor
    {
        return Some((Bound::Approx, t));
    }
    let may = PREFIX_QUALIFIERS.may_end_char(head)
        || FILLERS.may_end_char(head)
        || matches!(head.last(), Some(b'=' | b'>' | b'<'))
        || has_before(text, end, "≤")
        || has_before(text, end, "过");
    if !may {
        return None;
    }
    let found = first_before_spaced(text, end, &PREFIX_QUALIFIERS).or_else(|| {
        let (_, s) = first_before(text, end, &FILLERS)?;
        first_before_spaced(text, s, &PREFIX_QUALIFIERS)
    });
    let (bound, s) = found
        .or_else(|| ascii_comparison(text, end))
        .or_else(|| guo(text, end))?;
    if s < floor {
        return None;
    }
    // 最近3年 (recently), 附近: not "nearly".
    if bound == Bound::Nearly && text[..s].ends_with(['最', '附', '靠', '临']) {
        return None;
    }
    Some((bound, s))
}

/// Where a tilde ending at `end` starts, if it opens a figure rather than
/// joining two (`3~5`, `5%~8%`, `3万 ~ 5万`, `Q1~Q2`, `$5 billion ~ $6
/// billion`): what comes before it is no figure's end. A word glued to the
/// tilde joins; a word before a space joins only if it holds a digit or is a
/// magnitude (`bought ~300k` opens).
fn tilde_start(text: &str, end: usize) -> Option<usize> {
    let t = end.checked_sub(1)?;
    if text.as_bytes().get(t) != Some(&b'~') {
        return None;
    }
    let before = text[..t].trim_end_matches(' ');
    let spaced = before.len() < t;
    let last = before.chars().next_back();
    let figure_end = |c: char| {
        c.is_ascii_digit()
            || matches!(c, '%' | '万' | '亿' | '千' | '百' | '十' | '兆')
            || cn_digit(c).is_some()
    };
    let joins = match last {
        None => false,
        Some(c) if figure_end(c) => true,
        Some(c) if !spaced => c.is_ascii_alphanumeric() || c == '.',
        Some(c) if c.is_ascii_alphabetic() => {
            let word = before
                .rsplit(|c: char| !c.is_ascii_alphanumeric())
                .next()
                .unwrap_or("");
            word.bytes().any(|b| b.is_ascii_digit())
                || [
                    "thousand", "million", "billion", "trillion", "bn", "mn", "m", "b", "k",
                ]
                .iter()
                .any(|m| word.eq_ignore_ascii_case(m))
        }
        Some(_) => false,
    };
    (!joins).then_some(t)
}

/// Like `first_before`, but the word may have ASCII spaces between its
/// characters (小于 或 等于).
fn first_before_spaced<T: Copy>(text: &str, end: usize, table: &Words<T>) -> Option<(T, usize)> {
    let head = text.get(..end)?.as_bytes();
    let trimmed = trim_end_spaces(head);
    if !table.may_end_char(trimmed) {
        return None;
    }
    let last = trimmed[trimmed.len() - 1];
    // Without a space in reach of the longest word, a word can only end
    // `head` written without spaces: a plain byte comparison finds it.
    let reach = &trimmed[trimmed.len().saturating_sub(table.longest)..];
    let spaced = reach.contains(&b' ');
    if !spaced && !table.may_end(trimmed) {
        return None;
    }
    table.list.iter().find_map(|&(w, t)| {
        let w = w.as_bytes();
        // Cheap last-byte test before comparing the word.
        if w[w.len() - 1] != last {
            return None;
        }
        if !spaced {
            let start = trimmed.len().checked_sub(w.len())?;
            return bytes_eq(&trimmed[start..], w).then_some((t, start));
        }
        Some((t, spaced_suffix_start(head, w)?))
    })
}

/// Where `word` starts if `head` ends with it, with ASCII spaces allowed
/// after and between its characters. Compares encoded characters from the
/// end: equal bytes ending at a character boundary are equal characters.
fn spaced_suffix_start(head: &[u8], word: &[u8]) -> Option<usize> {
    let mut r = head.len();
    let mut i = word.len();
    while i > 0 {
        let mut k = i - 1;
        while word[k] & 0xC0 == 0x80 {
            k -= 1;
        }
        r = trim_end_spaces(&head[..r]).len();
        let c = &word[k..i];
        if r < c.len() || !bytes_eq(&head[r - c.len()..r], c) {
            return None;
        }
        r -= c.len();
        i = k;
    }
    Some(r)
}

/// `b` without trailing ASCII spaces (tabs and newlines stay).
fn trim_end_spaces(b: &[u8]) -> &[u8] {
    let mut e = b.len();
    while e > 0 && b[e - 1] == b' ' {
        e -= 1;
    }
    &b[..e]
}

/// 占比过20: a bare 过 means "over" only after a measure word (比, 率, 额 …)
/// or before a half (过半); 经过, 不过, 讲过 are other words.
fn guo(text: &str, end: usize) -> Option<(Bound, usize)> {
    let s = end.checked_sub('过'.len_utf8())?;
    if !text.get(s..end)?.starts_with('过') {
        return None;
    }
    let prev = text.get(..s)?.chars().next_back();
    // 过半 (more than half) needs no measure word.
    let half = half_share_end(text, end, true).is_some();
    if !half && !prev.is_some_and(|c| one_of!("比率例额量值数重速幅", c)) {
        return None;
    }
    Some((Bound::Over, s))
}

/// Where 一半, 半数 or — after 过 (`after_guo`) — a bare 半 ends when it
/// stands for a share (约占全国的一半, 过半, 半数以上); 一年半, 半年, 一个半月,
/// 半价 and 半途 are other words.
pub fn half_share_end(text: &str, pos: usize, after_guo: bool) -> Option<usize> {
    let end = if let Some(e) = word_at(text, pos, "一半") {
        e
    } else {
        let e = word_at(text, pos, "半")?;
        match word_at(text, e, "数") {
            Some(e) => e,
            None if after_guo => e,
            None => return None,
        }
    };
    let next = char_at(text, end);
    if next.is_some_and(|c| one_of!("年天月个周星钟日夜价场途导", c)) {
        return None;
    }
    Some(end)
}

/// `>=`, `<=`, `< =`, `>`, `<`, `≤` before a number.
fn ascii_comparison(text: &str, end: usize) -> Option<(Bound, usize)> {
    const OPS: Words<Bound> = Words::new(&[
        (">=", Bound::AtLeast),
        ("<=", Bound::UpTo),
        ("< =", Bound::UpTo),
        ("≤", Bound::UpTo),
        (">", Bound::Over),
        ("<", Bound::Below),
    ]);
    first_before(text, end, &OPS)
}

/// Qualifiers after the number (and unit), longest first.
const SUFFIX_QUALIFIERS: Words<Bound> = Words::new(&[
    ("或者以上", Bound::AtLeast),
    ("或以上", Bound::AtLeast),
    ("及以上", Bound::AtLeast),
    ("及以下", Bound::UpTo),
    ("或者更多", Bound::AtLeast),
    ("或更多", Bound::AtLeast),
    ("还要多", Bound::Over),
    ("还多", Bound::Over),
    ("左右", Bound::Approx),
    ("上下", Bound::Approx),
    ("以上", Bound::Over),
    ("之上", Bound::Over),
    ("以下", Bound::Below),
    ("之下", Bound::Below),
    ("以内", Bound::UpTo),
    ("之内", Bound::UpTo),
]);

pub fn suffix_qualifier(text: &str, pos: usize) -> Option<(Bound, usize)> {
    let p = skip_spaces(text, pos);
    let (bound, end) = first_at(text, p, &SUFFIX_QUALIFIERS)?;
    // 上下游, 上下文: not "about".
    if has_at(text, p, "上下") && char_at(text, end).is_some_and(|c| one_of!("游文班级半", c))
    {
        return None;
    }
    Some((bound, end))
}
