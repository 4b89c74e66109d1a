//! How loosely the checker reads a figure: the tolerance its qualifier implies (`约`,
//! `近`), the precision its digits were written to (`11.8億` holds 11.84亿), magnitude
//! slips (美分 vs 美元) and days per unit of time. The interval itself is
//! `crate::interval`.

use crate::interval::{Bound, Interval};
use crate::quantity::{Qualifier, TimeUnit};
use rust_decimal::Decimal;

/// Widens by the qualifier's tolerance: `Approx` by ±`approx` (a fraction),
/// `Nearly` becomes [v·(1−`nearly`), v]; other qualifiers already set their bounds.
pub fn with_tolerance(
    stated: Interval,
    qualifier: Qualifier,
    approx: Decimal,
    nearly: Decimal,
) -> Interval {
    match qualifier {
        Qualifier::Approx => widened(stated, approx),
        Qualifier::Nearly => match stated.high.or(stated.low) {
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
            None => stated,
        },
        _ => stated,
    }
}

/// Widens both present bounds by a fraction of their magnitude; bounds become closed.
pub fn widened(stated: Interval, fraction: Decimal) -> Interval {
    Interval {
        low: stated.low.map(|b| Bound {
            value: shifted(b.value, fraction, false),
            open: false,
        }),
        high: stated.high.map(|b| Bound {
            value: shifted(b.value, fraction, true),
            open: false,
        }),
    }
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
    // (Claims read from a file may hold any value: a quotient too large is no such ratio.)
    let ratio = value.checked_div(number)?.abs().normalize();
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
    use crate::interval::tests::{d, iv};

    #[test]
    fn tolerance_by_qualifier() {
        let ten = Interval::exact(d("10"));
        let approx = with_tolerance(ten, Qualifier::Approx, d("0.1"), d("0.05"));
        assert_eq!(approx.to_string(), "[9, 11]");
        let nearly = with_tolerance(ten, Qualifier::Nearly, d("0.1"), d("0.05"));
        assert_eq!(nearly.to_string(), "[9.5, 10]");
        let upto = iv(None, Some(("10", false)));
        let nearly = with_tolerance(upto, Qualifier::Nearly, d("0.1"), d("0.05"));
        assert_eq!(nearly.to_string(), "[9.5, 10]");
        assert_eq!(
            with_tolerance(ten, Qualifier::Exact, d("0.1"), d("0.1")),
            ten
        );
        let huge = widened(Interval::exact(Decimal::MAX), d("0.1"));
        assert_eq!(
            huge.high.unwrap().value,
            Decimal::MAX,
            "saturates, no overflow panic"
        );
        let negative = widened(Interval::exact(d("-10")), d("0.1"));
        assert_eq!(negative.to_string(), "[-11, -9]");
    }

    #[test]
    fn precision_as_written() {
        let p = |t: &str, v: &str| written_precision(t, d(v));
        // 11.8億 is 11.8 ± 0.05: it holds 11.84亿.
        let r = p("11.8億", "1180000000").unwrap();
        assert_eq!(r, d("0.05") / d("11.8"));
        let wide = widened(Interval::exact(d("1180000000")), r);
        assert!(wide.intersects(&Interval::exact(d("1184000000"))));
        // 200% holds 199.9%; 35% holds 34.8%; 1.3 billion holds 1.25 billion.
        let w = |t: &str, v: &str| widened(Interval::exact(d(v)), p(t, v).unwrap());
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
    fn days_in_units() {
        assert_eq!(days_per(TimeUnit::Years) * d("3"), d("1095.75"));
    }
}
