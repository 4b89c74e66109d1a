//! The value types every later stage shares: a quantity is an interval with a unit.

use crate::interval::{Bound, Interval};
use serde::Serialize;
use std::fmt;

/// The names of a fieldless enum are derived (`strum`, and `serde` for JSON) from
/// its variants: written once, in the enum's `#[strum]` / `#[serde]` attributes.
/// This adds the methods every such enum offers: `ALL`, `as_str`, `parse` and
/// `names` (for error hints), all read off the derived names.
macro_rules! derived_names {
    ($($name:ident),+ $(,)?) => {$(
        impl $name {
            pub const ALL: &'static [$name] = <$name as strum::VariantArray>::VARIANTS;

            pub fn as_str(self) -> &'static str {
                self.into()
            }

            pub fn parse(s: &str) -> Option<$name> {
                s.parse().ok()
            }

            /// Every name, for error hints.
            pub fn names() -> String {
                <$name as strum::VariantNames>::VARIANTS.join(", ")
            }
        }
    )+};
}

derived_names!(Qualifier, Currency, TimeUnit, Dimension, Per);

/// How the text qualified a figure; decides how the interval's bounds were set.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
    strum::VariantNames,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Qualifier {
    Exact,
    Approx,
    Over,
    AtLeast,
    Nearly,
    Under,
    UpTo,
    Range,
}

impl Qualifier {
    /// The interval this qualifier makes of a numeral's reading `v` — the one place that
    /// says so, for the number grammar and for qualifiers a rule pattern captures:
    /// over v is (v, ∞), at least [v, ∞), nearly and up to (−∞, v], under (−∞, v);
    /// exact, approx and range keep `v` (tolerance is the checker's business).
    pub fn bounds(self, v: crate::quantity::Reading) -> Interval {
        match self {
            Qualifier::Over => Interval::new(Some(Bound::open(v.lo)), None),
            Qualifier::AtLeast => Interval::new(Some(Bound::new(v.lo, v.lo_open)), None),
            Qualifier::Nearly => Interval::new(None, Some(Bound::closed(v.hi))),
            Qualifier::Under => Interval::new(None, Some(Bound::open(v.lo))),
            Qualifier::UpTo => Interval::new(None, Some(Bound::new(v.hi, v.hi_open))),
            Qualifier::Exact | Qualifier::Approx | Qualifier::Range => v.interval(),
        }
    }
}

/// ISO 4217 codes of the currencies the grammar knows.
#[allow(clippy::upper_case_acronyms)]
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
    strum::VariantNames,
    strum::VariantArray,
)]
pub enum Currency {
    USD,
    CNY,
    EUR,
    JPY,
    HKD,
    GBP,
    TWD,
    KRW,
    INR,
    AUD,
    CAD,
    CHF,
    SGD,
    RUB,
    THB,
    // Beyond the currencies the AI industry reports in: others a news figure may be
    // written in (most have no rate in `data/fx_rates.toml`, so they compare only
    // with figures in the same currency).
    NZD,
    SEK,
    NOK,
    DKK,
    PLN,
    CZK,
    HUF,
    TRY,
    ZAR,
    BRL,
    MXN,
    ARS,
    CLP,
    COP,
    PHP,
    IDR,
    MYR,
    VND,
    PKR,
    LKR,
    BDT,
    AED,
    SAR,
    QAR,
    ILS,
    EGP,
    NGN,
    KES,
    MOP,
    UAH,
    KZT,
    CRC,
    GEL,
    LAK,
    // Currencies the euro replaced: archives and retrospectives quote them.
    FIM,
    ESP,
    NLG,
    DEM,
    FRF,
    ITL,
    BEF,
    ATS,
    PTE,
    GRD,
    IEP,
    /// Bitcoin: not ISO 4217, but priced and paid in like one (mining capacity turned
    /// into AI compute is reported in it).
    BTC,
}

impl Currency {
    pub fn code(self) -> &'static str {
        self.as_str()
    }
}

/// Units of time, for durations.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
    strum::VariantNames,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum TimeUnit {
    Seconds,
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// A plain number of things (models, GPUs, users, companies).
    Count,
    Money(Currency),
    /// In percent units: 80% is 80.
    Percent,
    /// A factor: 3倍 is 3, 十分之一 is 0.1.
    Multiple,
    Duration(TimeUnit),
    /// Accelerator time (`280万GPU小时`, `GPU-hours`): a quantity of compute, not of
    /// calendar time, so it never converts to days.
    GpuHours,
}

/// The broad family of a unit, used by rules (`{money}`, `{count}`, …) and grouping.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
    strum::VariantNames,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Dimension {
    Count,
    Money,
    Percent,
    Multiple,
    Duration,
}

impl Unit {
    pub fn dimension(self) -> Dimension {
        match self {
            Unit::Count => Dimension::Count,
            Unit::Money(_) => Dimension::Money,
            Unit::Percent => Dimension::Percent,
            Unit::Multiple => Dimension::Multiple,
            Unit::Duration(_) | Unit::GpuHours => Dimension::Duration,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Count => "count",
            Unit::Money(c) => c.as_str(),
            Unit::Percent => "percent",
            Unit::Multiple => "multiple",
            Unit::Duration(t) => t.as_str(),
            Unit::GpuHours => "GPU-hours",
        }
    }

    /// Parses the names `as_str` prints (used by rule examples).
    pub fn parse(s: &str) -> Option<Unit> {
        if let Some(c) = Currency::parse(s) {
            return Some(Unit::Money(c));
        }
        if let Some(t) = TimeUnit::parse(s) {
            return Some(Unit::Duration(t));
        }
        Some(match s {
            "count" => Unit::Count,
            "percent" => Unit::Percent,
            "multiple" => Unit::Multiple,
            "GPU-hours" => Unit::GpuHours,
            _ => return None,
        })
    }

    /// Every unit name, for error hints.
    pub fn names() -> String {
        format!(
            "count, percent, multiple, GPU-hours, {}, {}",
            Currency::names(),
            TimeUnit::names()
        )
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// What a rate is per: a period (30美元/月 is 30 USD per month) or a thing
/// (`0.5元/百万tokens` is 0.5 CNY per million tokens).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
    strum::VariantNames,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Per {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Token,
    /// A thousand tokens.
    #[serde(rename = "Ktok")]
    #[strum(serialize = "Ktok")]
    Ktok,
    /// A million tokens.
    #[serde(rename = "Mtok")]
    #[strum(serialize = "Mtok")]
    Mtok,
    /// One request or query.
    Query,
    /// One hour of one accelerator.
    #[serde(rename = "GPU-hour")]
    #[strum(serialize = "GPU-hour")]
    GpuHour,
}

impl Per {
    /// Days in one period, for rates per unit of time.
    pub fn days(self) -> Option<rust_decimal::Decimal> {
        use rust_decimal::Decimal;
        Some(match self {
            Per::Second => Decimal::ONE / Decimal::from(86400),
            Per::Minute => Decimal::ONE / Decimal::from(1440),
            Per::Hour => Decimal::ONE / Decimal::from(24),
            Per::Day => Decimal::ONE,
            Per::Week => Decimal::from(7),
            Per::Month => Decimal::new(3044, 2),
            Per::Quarter => Decimal::new(9131, 2),
            Per::Year => Decimal::new(36525, 2),
            _ => return None,
        })
    }

    /// Tokens in one `Token`/`Ktok`/`Mtok` denominator.
    pub fn tokens(self) -> Option<rust_decimal::Decimal> {
        use rust_decimal::Decimal;
        Some(match self {
            Per::Token => Decimal::ONE,
            Per::Ktok => Decimal::from(1000),
            Per::Mtok => Decimal::from(1_000_000),
            _ => return None,
        })
    }
}

/// One figure found in a text: the interval it states, its unit and where it was.
///
/// `start`/`end` are byte offsets into the text that was scanned. A bound of
/// `None` is open (超过120家 has no upper bound); `low_open`/`high_open` say
/// whether a present bound is itself excluded (一百多 is (100, 200)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    pub start: usize,
    pub end: usize,
    /// The values the figure allows, its qualifier applied.
    pub value: Interval,
    pub unit: Unit,
    pub per: Option<Per>,
    pub qualifier: Qualifier,
}

impl Quantity {
    pub fn dimension(&self) -> Dimension {
        self.unit.dimension()
    }
}

/// Why a span that looks like a number could not become a quantity.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    #[error("number out of range: {0}")]
    Overflow(String),
    #[error("not a number: {0}")]
    NotANumber(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// JSON (serde) and text (strum) spell every variant the same way, and parsing
    /// reads back what is written.
    #[test]
    fn derived_names_agree() {
        fn check<T: Serialize + Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            as_str: fn(T) -> &'static str,
            parse: fn(&str) -> Option<T>,
        ) {
            for &v in all {
                let json = serde_json::to_string(&v).unwrap();
                assert_eq!(json, format!("\"{}\"", as_str(v)), "{v:?}");
                assert_eq!(parse(as_str(v)), Some(v));
            }
        }
        check(Qualifier::ALL, Qualifier::as_str, Qualifier::parse);
        check(Currency::ALL, Currency::as_str, Currency::parse);
        check(TimeUnit::ALL, TimeUnit::as_str, TimeUnit::parse);
        check(Dimension::ALL, Dimension::as_str, Dimension::parse);
        check(Per::ALL, Per::as_str, Per::parse);
        assert_eq!(Per::GpuHour.as_str(), "GPU-hour");
        assert_eq!(Qualifier::AtLeast.to_string(), "at_least");
        assert!(Qualifier::names().starts_with("exact, approx, over, at_least"));
    }
}
