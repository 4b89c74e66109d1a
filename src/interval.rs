//! The one interval type of claimcheck: a set of values with open, closed or missing
//! ends. The number grammar reads a figure into one (`Qualifier::bounds`), claims carry
//! it, and the checker compares, sweeps and displays it — so `> 120`, `[100, 1000)` and
//! `≈ 10` mean the same thing at every stage.
//!
//! Only the geometry lives here; how loosely the checker reads a figure (qualifier
//! tolerance, the precision written) is `compare::tolerance`.

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

impl Bound {
    pub fn new(value: Decimal, open: bool) -> Bound {
        Bound { value, open }
    }

    pub fn closed(value: Decimal) -> Bound {
        Bound { value, open: false }
    }

    pub fn open(value: Decimal) -> Bound {
        Bound { value, open: true }
    }
}

impl Interval {
    pub fn new(low: Option<Bound>, high: Option<Bound>) -> Interval {
        Interval { low, high }
    }

    /// The lower end's value; `None` when unbounded below.
    pub fn low_value(&self) -> Option<Decimal> {
        self.low.map(|b| b.value)
    }

    /// The upper end's value; `None` when unbounded above.
    pub fn high_value(&self) -> Option<Decimal> {
        self.high.map(|b| b.value)
    }

    /// Whether the lower end excludes its value (false when unbounded).
    pub fn low_open(&self) -> bool {
        self.low.is_some_and(|b| b.open)
    }

    /// The same interval with each bound's decimal in its shortest form (`1.50` → `1.5`),
    /// as claims store it.
    pub fn normalized(self) -> Interval {
        let n = |b: Bound| Bound::new(b.value.normalize(), b.open);
        Interval::new(self.low.map(n), self.high.map(n))
    }

    /// Whether no value lies in it (`大于10小于10`, `(5, 5]`).
    pub fn is_empty(&self) -> bool {
        match (self.low, self.high) {
            (Some(l), Some(h)) => l.value > h.value || (l.value == h.value && (l.open || h.open)),
            _ => false,
        }
    }

    /// Whether the upper end excludes its value (false when unbounded).
    pub fn high_open(&self) -> bool {
        self.high.is_some_and(|b| b.open)
    }

    pub fn exact(value: Decimal) -> Interval {
        let b = Some(Bound { value, open: false });
        Interval { low: b, high: b }
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

    /// The upper end times `factor` as a point on the sweep line, for an interval of
    /// positive values only (a ratio to zero or to a negative value says nothing):
    /// `a.scaled_high_key(f) < b.low_key()` exactly when every value of `b` is more than
    /// `f` times every value of `a`.
    pub fn scaled_high_key(&self, factor: Decimal) -> Option<Key> {
        match self.low {
            Some(l) if l.value > Decimal::ZERO => Some(self.scaled(factor).high_key()),
            _ => None,
        }
    }

    /// Whether every value of `other` is more than `factor` times every value of `self`,
    /// `self` being positive (`$86 billion` against `$730 billion` at 1.5).
    pub fn below_by_factor(&self, other: &Interval, factor: Decimal) -> bool {
        self.scaled_high_key(factor)
            .is_some_and(|k| k < other.low_key())
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

fn tighter_low(a: Option<Bound>, b: Option<Bound>) -> Option<Bound> {
    tighter(a, b, Ordering::Greater)
}

fn tighter_high(a: Option<Bound>, b: Option<Bound>) -> Option<Bound> {
    tighter(a, b, Ordering::Less)
}

/// The bound of `a` and `b` that lies further in the direction `inward` (the larger
/// low, the smaller high); at equal values the open one. A missing bound is no limit.
fn tighter(a: Option<Bound>, b: Option<Bound>, inward: Ordering) -> Option<Bound> {
    match (a, b) {
        (Some(x), Some(y)) => Some(match x.value.cmp(&y.value) {
            Ordering::Equal => Bound {
                value: x.value,
                open: x.open || y.open,
            },
            o if o == inward => x,
            _ => y,
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// An interval from `(value, open)` ends; `None` is unbounded.
    pub(crate) fn iv(low: Option<(&str, bool)>, high: Option<(&str, bool)>) -> Interval {
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
    fn factors_between_positive_intervals() {
        let closed = |v: &str| Interval::exact(d(v));
        // 730 is more than 1.5 times 86; 157 is not more than twice 86.
        assert!(closed("86").below_by_factor(&closed("730"), d("1.5")));
        assert!(!closed("86").below_by_factor(&closed("157"), d("2")));
        // Exactly the factor is not more than it, unless the upper end is open.
        assert!(!closed("10").below_by_factor(&closed("20"), d("2")));
        assert!(iv(Some(("5", false)), Some(("10", true))).below_by_factor(&closed("20"), d("2")));
        assert!(closed("10").below_by_factor(&iv(Some(("20", true)), None), d("2")));
        // Unbounded above, zero or negative: no ratio.
        assert!(!iv(Some(("1", false)), None).below_by_factor(&closed("100"), d("2")));
        assert!(!closed("0").below_by_factor(&closed("100"), d("2")));
        assert!(
            !iv(Some(("-1", false)), Some(("1", false))).below_by_factor(&closed("100"), d("2"))
        );
        assert_eq!(closed("0").scaled_high_key(d("2")), None);
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
    }
}
