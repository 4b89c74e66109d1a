//! Value intervals with open or closed bounds, and the tolerance a qualifier implies.

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
        match (self.high, other.low) {
            (Some(h), Some(l)) => h.value < l.value || (h.value == l.value && (h.open || l.open)),
            _ => false,
        }
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
