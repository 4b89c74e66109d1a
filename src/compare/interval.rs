//! Value intervals with open or closed bounds, the tolerance a qualifier implies, and the
//! precision a written figure carries.
//!
//! All interval arithmetic of the checker lives here, so that it can later be unified with
//! the quantity engine's own bounds in one type.

use crate::claim::Claim;
use crate::quantity::{Qualifier, TimeUnit};
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::fmt;

/// One end of an interval; `open` excludes the value itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bound {
    pub value: Decimal,
    pub open: bool,
}

/// A set of values; a missing bound is unbounded on that side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Interval {
    pub low: Option<Bound>,
    pub high: Option<Bound>,
}

impl Interval {
    pub fn exact(value: Decimal) -> Interval {
        let b = Some(Bound { value, open: false });
        Interval { low: b, high: b }
    }

    /// The interval the claim states, in the claim's own unit, before any tolerance.
    pub fn of_claim(claim: &Claim) -> Interval {
        Interval {
            low: claim.low.map(|value| Bound {
                value,
                open: claim.low_open,
            }),
            high: claim.high.map(|value| Bound {
                value,
                open: claim.high_open,
            }),
        }
    }

    /// Both bounds multiplied by a positive factor (unit conversion).
    pub fn scaled(self, factor: Decimal) -> Interval {
        let scale = |b: Bound| Bound {
            value: b
                .value
                .checked_mul(factor)
                .unwrap_or(if b.value.is_sign_negative() {
                    Decimal::MIN
                } else {
                    Decimal::MAX
                }),
            open: b.open,
        };
        Interval {
            low: self.low.map(scale),
            high: self.high.map(scale),
        }
    }

    /// Widens by the qualifier's tolerance: `Approx` by ±`approx` (a fraction),
    /// `Nearly` becomes [v·(1−`nearly`), v]; other qualifiers already set their bounds.
    pub fn with_tolerance(
        self,
        qualifier: Qualifier,
        approx: Decimal,
        nearly: Decimal,
    ) -> Interval {
        match qualifier {
            Qualifier::Approx => self.widened(approx),
            Qualifier::Nearly => match self.high.or(self.low) {
                Some(b) => Interval {
                    low: Some(Bound {
                        value: shifted(b.value, nearly, false),
                        open: false,
                    }),
                    high: Some(Bound {
                        value: b.value,
                        open: false,
                    }),
                },
                None => self,
            },
            _ => self,
        }
    }

    /// Widens both present bounds by a fraction of their magnitude; bounds become closed.
    pub fn widened(self, fraction: Decimal) -> Interval {
        Interval {
            low: self.low.map(|b| Bound {
                value: shifted(b.value, fraction, false),
                open: false,
            }),
            high: self.high.map(|b| Bound {
                value: shifted(b.value, fraction, true),
                open: false,
            }),
        }
    }

    /// Whether the two intervals share at least one value.
    pub fn intersects(&self, other: &Interval) -> bool {
        let low = tighter_low(self.low, other.low);
        let high = tighter_high(self.high, other.high);
        match (low, high) {
            (Some(l), Some(h)) => l.value < h.value || (l.value == h.value && !l.open && !h.open),
            _ => true,
        }
    }

    /// Whether every value of `self` is below every value of `other`.
    pub fn entirely_below(&self, other: &Interval) -> bool {
        self.high_key() < other.low_key()
    }

    /// The upper end as a point on the sweep line (missing: +∞).
    pub fn high_key(&self) -> Key {
        match self.high {
            Some(b) => Key::Finite(b.value, if b.open { 0 } else { 1 }),
            None => Key::PosInf,
        }
    }

    /// The lower end as a point on the sweep line (missing: −∞). Chosen so that
    /// `a.high_key() < b.low_key()` exactly when `a` lies entirely below `b`.
    pub fn low_key(&self) -> Key {
        match self.low {
            Some(b) => Key::Finite(b.value, if b.open { 2 } else { 1 }),
            None => Key::NegInf,
        }
    }

    /// The smallest interval holding both (a conversion and the figure it restates).
    pub fn hull(&self, other: &Interval) -> Interval {
        let low = match (self.low, other.low) {
            (Some(a), Some(b)) => Some(match a.value.cmp(&b.value) {
                Ordering::Less => a,
                Ordering::Greater => b,
                Ordering::Equal => Bound {
                    value: a.value,
                    open: a.open && b.open,
                },
            }),
            _ => None,
        };
        let high = match (self.high, other.high) {
            (Some(a), Some(b)) => Some(match a.value.cmp(&b.value) {
                Ordering::Greater => a,
                Ordering::Less => b,
                Ordering::Equal => Bound {
                    value: a.value,
                    open: a.open && b.open,
                },
            }),
            _ => None,
        };
        Interval { low, high }
    }

    /// The interval with open ends closed: a restatement such as `80%还要多` (> 80)
    /// touches `80%` at its excluded end.
    pub fn closed(self) -> Interval {
        let close = |b: Bound| Bound {
            value: b.value,
            open: false,
        };
        Interval {
            low: self.low.map(close),
            high: self.high.map(close),
        }
    }

    /// The single value of a closed point interval.
    pub fn point(&self) -> Option<Decimal> {
        match (self.low, self.high) {
            (Some(l), Some(h)) if l.value == h.value && !l.open && !h.open => Some(l.value),
            _ => None,
        }
    }

    /// How far apart two disjoint intervals are, as a share of the larger magnitude at
    /// the gap (0 when they meet, 1 when one side is zero or of opposite sign).
    pub fn relative_gap(&self, other: &Interval) -> Decimal {
        let (lower, upper) = if self.entirely_below(other) {
            (self, other)
        } else if other.entirely_below(self) {
            (other, self)
        } else {
            return Decimal::ZERO;
        };
        let (Some(h), Some(l)) = (lower.high, upper.low) else {
            return Decimal::ONE;
        };
        let scale = h.value.abs().max(l.value.abs());
        if scale.is_zero() || h.value.is_sign_negative() != l.value.is_sign_negative() {
            return Decimal::ONE;
        }
        ((l.value - h.value) / scale).min(Decimal::ONE)
    }

    /// A value to sort by: the lower bound, else the upper one.
    pub fn sort_key(&self) -> Option<Decimal> {
        self.low.or(self.high).map(|b| b.value)
    }

    /// The largest finite magnitude mentioned, for plotting ranges.
    pub fn finite_values(&self) -> impl Iterator<Item = Decimal> {
        self.low.into_iter().chain(self.high).map(|b| b.value)
    }

    /// Rounds bounds for display (`places` decimals, trailing zeros dropped).
    pub fn rounded(self, places: u32) -> Interval {
        let r = |b: Bound| Bound {
            value: b.value.round_dp(places).normalize(),
            open: b.open,
        };
        Interval {
            low: self.low.map(r),
            high: self.high.map(r),
        }
    }
}

/// A point on the value line for sweeps: −∞, a finite value with a tie-breaker that orders
/// open and closed ends (see `Interval::low_key`), or +∞.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    NegInf,
    Finite(Decimal, u8),
    PosInf,
}

/// Half a unit of the last digit written, as a share of the value: `11.8亿` is
/// 11.8 ± 0.05 (0.42%), `35%` is 35 ± 0.5 (1.4%), `200%` is 200 ± 50 capped to ±5%.
/// Trailing zeros of a whole number are read as rounding (`400B` may be 405B), but
/// no figure is read looser than `MAX_ROUNDING` so `100` never swallows `116`.
/// `None` when the written text has no Arabic figure that is the value times a power
/// of ten, or is a fraction (`1/10` is exact).
pub fn written_precision(value_text: &str, value: Decimal) -> Option<Decimal> {
    if value.is_zero() || value_text.contains('/') || value_text.contains("分之") {
        return None;
    }
    let number = first_number(value_text)?;
    if number.is_zero() {
        return None;
    }
    // The written number must be the value up to a power of ten (万, 亿, billion…).
    let ratio = (value / number).abs().normalize();
    if !is_power_of_ten(ratio) {
        return None;
    }
    let digits = number.normalize();
    let scale = digits.scale();
    let step = if scale > 0 {
        Decimal::new(1, scale)
    } else {
        // A whole number: the place of its last non-zero digit.
        let mut place = Decimal::ONE;
        let mut n = digits.abs().trunc();
        let ten = Decimal::TEN;
        while !n.is_zero() && (n % ten).is_zero() {
            n /= ten;
            place *= ten;
        }
        place
    };
    let half = step / Decimal::TWO / digits.abs();
    Some(half.min(MAX_ROUNDING))
}

/// The loosest reading rounding may give a written figure (±5%).
pub const MAX_ROUNDING: Decimal = Decimal::from_parts(5, 0, 0, false, 2);

fn is_power_of_ten(d: Decimal) -> bool {
    let d = d.normalize();
    if d.is_zero() || d.is_sign_negative() {
        return false;
    }
    let m = d.mantissa();
    let mut m = m;
    while m % 10 == 0 {
        m /= 10;
    }
    m == 1
}

/// The first Arabic number in `text` (ASCII or full-width digits, `,` grouping, one `.`).
fn first_number(text: &str) -> Option<Decimal> {
    let mut digits = String::new();
    let mut started = false;
    for ch in text.chars() {
        let ch = match ch {
            '０'..='９' => char::from_u32(ch as u32 - '０' as u32 + '0' as u32)?,
            '．' => '.',
            '，' => ',',
            c => c,
        };
        match ch {
            '0'..='9' => {
                digits.push(ch);
                started = true;
            }
            '.' if started && !digits.contains('.') => digits.push('.'),
            ',' if started => {}
            _ if started => break,
            _ => {}
        }
    }
    digits.trim_end_matches('.').parse().ok()
}

/// The power of ten by which two point values differ, when one is exactly the other
/// times 10ⁿ with n ≥ 2 (美分 vs 美元 is 100×, 万 vs 亿 is 10⁴×).
pub fn magnitude_slip(a: Decimal, b: Decimal) -> Option<u32> {
    if a.is_zero() || b.is_zero() || a.is_sign_negative() != b.is_sign_negative() {
        return None;
    }
    let (small, large) = if a.abs() < b.abs() { (a, b) } else { (b, a) };
    let ratio = (large / small).abs().normalize();
    if !is_power_of_ten(ratio) || large.abs() < small.abs() * Decimal::ONE_HUNDRED {
        return None;
    }
    // Exactness: the division must not have been rounded.
    if ratio * small != large {
        return None;
    }
    let mut n = 0;
    let mut r = ratio;
    while r > Decimal::ONE {
        r /= Decimal::TEN;
        n += 1;
    }
    Some(n)
}

/// `value` moved up or down by `fraction` of its magnitude, saturating at the Decimal range.
fn shifted(value: Decimal, fraction: Decimal, up: bool) -> Decimal {
    let delta = value.abs().checked_mul(fraction).unwrap_or(Decimal::MAX);
    let moved = if up {
        value.checked_add(delta)
    } else {
        value.checked_sub(delta)
    };
    moved.unwrap_or(if up { Decimal::MAX } else { Decimal::MIN })
}

fn tighter_low(a: Option<Bound>, b: Option<Bound>) -> Option<Bound> {
    match (a, b) {
        (Some(x), Some(y)) => Some(match x.value.cmp(&y.value) {
            Ordering::Greater => x,
            Ordering::Less => y,
            Ordering::Equal => Bound {
                value: x.value,
                open: x.open || y.open,
            },
        }),
        (x, None) => x,
        (None, y) => y,
    }
}

fn tighter_high(a: Option<Bound>, b: Option<Bound>) -> Option<Bound> {
    match (a, b) {
        (Some(x), Some(y)) => Some(match x.value.cmp(&y.value) {
            Ordering::Less => x,
            Ordering::Greater => y,
            Ordering::Equal => Bound {
                value: x.value,
                open: x.open || y.open,
            },
        }),
        (x, None) => x,
        (None, y) => y,
    }
}

/// `79`, `≥ 1400000`, `> 120`, `< 5`, `[100, 1000)`, `any`.
impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.low, self.high) {
            (Some(l), Some(h)) if l.value == h.value && !l.open && !h.open => {
                write!(f, "{}", l.value.normalize())
            }
            (Some(l), Some(h)) => write!(
                f,
                "{}{}, {}{}",
                if l.open { '(' } else { '[' },
                l.value.normalize(),
                h.value.normalize(),
                if h.open { ')' } else { ']' }
            ),
            (Some(l), None) => write!(
                f,
                "{} {}",
                if l.open { ">" } else { "≥" },
                l.value.normalize()
            ),
            (None, Some(h)) => write!(
                f,
                "{} {}",
                if h.open { "<" } else { "≤" },
                h.value.normalize()
            ),
            (None, None) => f.write_str("any"),
        }
    }
}

/// Days in one unit of time. A month is 30.44 days and a year 365.25 (Gregorian averages),
/// so 两个月 and 60天 compare as nearly equal rather than exactly.
pub fn days_per(unit: TimeUnit) -> Decimal {
    match unit {
        TimeUnit::Seconds => Decimal::ONE / Decimal::from(86400),
        TimeUnit::Minutes => Decimal::ONE / Decimal::from(1440),
        TimeUnit::Hours => Decimal::ONE / Decimal::from(24),
        TimeUnit::Days => Decimal::ONE,
        TimeUnit::Weeks => Decimal::from(7),
        TimeUnit::Months => Decimal::new(3044, 2),
        TimeUnit::Years => Decimal::new(36525, 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn iv(low: Option<(&str, bool)>, high: Option<(&str, bool)>) -> Interval {
        let b = |(v, open): (&str, bool)| Bound { value: d(v), open };
        Interval {
            low: low.map(b),
            high: high.map(b),
        }
    }

    #[test]
    fn intersection_respects_open_bounds() {
        let over_120 = iv(Some(("120", true)), None);
        assert!(!Interval::exact(d("120")).intersects(&over_120));
        assert!(Interval::exact(d("121")).intersects(&over_120));
        let hundreds = iv(Some(("100", false)), Some(("1000", true)));
        assert!(hundreds.intersects(&Interval::exact(d("100"))));
        assert!(!hundreds.intersects(&Interval::exact(d("1000"))));
        assert!(hundreds.intersects(&over_120));
        assert!(Interval::default().intersects(&hundreds));
        assert!(Interval::exact(d("79")).entirely_below(&hundreds));
        assert!(!hundreds.entirely_below(&Interval::exact(d("79"))));
        assert!(Interval::exact(d("120")).entirely_below(&over_120));
    }

    #[test]
    fn tolerance_by_qualifier() {
        let ten = Interval::exact(d("10"));
        let approx = ten.with_tolerance(Qualifier::Approx, d("0.1"), d("0.05"));
        assert_eq!(approx.to_string(), "[9, 11]");
        let nearly = ten.with_tolerance(Qualifier::Nearly, d("0.1"), d("0.05"));
        assert_eq!(nearly.to_string(), "[9.5, 10]");
        let upto = iv(None, Some(("10", false)));
        let nearly = upto.with_tolerance(Qualifier::Nearly, d("0.1"), d("0.05"));
        assert_eq!(nearly.to_string(), "[9.5, 10]");
        assert_eq!(
            ten.with_tolerance(Qualifier::Exact, d("0.1"), d("0.1")),
            ten
        );
        let huge = Interval::exact(Decimal::MAX).widened(d("0.1"));
        assert_eq!(
            huge.high.unwrap().value,
            Decimal::MAX,
            "saturates, no overflow panic"
        );
        let negative = Interval::exact(d("-10")).widened(d("0.1"));
        assert_eq!(negative.to_string(), "[-11, -9]");
    }

    #[test]
    fn keys_order_open_and_closed_ends() {
        let closed = |v: &str| Interval::exact(d(v));
        let over = iv(Some(("80", true)), None);
        assert!(closed("80").entirely_below(&over));
        assert!(!closed("80").entirely_below(&closed("80")));
        assert!(closed("79").entirely_below(&closed("80")));
        assert!(!over.entirely_below(&closed("90")));
        assert!(
            closed("80").intersects(&over.closed()),
            "a restatement touches"
        );
        let under = iv(None, Some(("5", true)));
        assert!(under.entirely_below(&closed("5")));
        assert_eq!(closed("10").hull(&closed("20")).to_string(), "[10, 20]");
        assert_eq!(closed("10").hull(&over).to_string(), "≥ 10");
    }

    #[test]
    fn precision_as_written() {
        let p = |t: &str, v: &str| written_precision(t, d(v));
        // 11.8億 is 11.8 ± 0.05: it holds 11.84亿.
        let r = p("11.8億", "1180000000").unwrap();
        assert_eq!(r, d("0.05") / d("11.8"));
        let widened = Interval::exact(d("1180000000")).widened(r);
        assert!(widened.intersects(&Interval::exact(d("1184000000"))));
        // 200% holds 199.9%; 35% holds 34.8%; 1.3 billion holds 1.25 billion.
        let w = |t: &str, v: &str| Interval::exact(d(v)).widened(p(t, v).unwrap());
        assert!(w("200%", "200").intersects(&Interval::exact(d("199.9"))));
        assert!(w("35%", "35").intersects(&Interval::exact(d("34.8"))));
        assert!(w("$1.3 billion", "1300000000").intersects(&Interval::exact(d("1250000000"))));
        // …but 100 never holds 116, and 80 billion never holds 86.
        assert!(!w("100个", "100").intersects(&Interval::exact(d("116"))));
        assert!(!w("$80 billion", "80000000000").intersects(&Interval::exact(d("86000000000"))));
        assert_eq!(p("1/10", "0.1"), None, "fractions are exact");
        assert_eq!(p("三年", "3"), None, "no Arabic figure");
        assert_eq!(p("1,200", "1200"), Some(d("50") / d("1200")));
    }

    #[test]
    fn slips_are_exact_powers_of_ten() {
        assert_eq!(magnitude_slip(d("30"), d("0.3")), Some(2));
        assert_eq!(magnitude_slip(d("5"), d("50000")), Some(4));
        assert_eq!(
            magnitude_slip(d("5"), d("50")),
            None,
            "10× is too common to call"
        );
        assert_eq!(magnitude_slip(d("5"), d("501")), None);
        assert_eq!(magnitude_slip(d("0"), d("0")), None);
    }

    #[test]
    fn display_forms() {
        assert_eq!(iv(Some(("1400000", false)), None).to_string(), "≥ 1400000");
        assert_eq!(iv(Some(("120", true)), None).to_string(), "> 120");
        assert_eq!(iv(None, Some(("5", true))).to_string(), "< 5");
        assert_eq!(
            iv(Some(("100", false)), Some(("1000", true))).to_string(),
            "[100, 1000)"
        );
        assert_eq!(Interval::default().to_string(), "any");
        assert_eq!(days_per(TimeUnit::Years) * d("3"), d("1095.75"));
    }
}
