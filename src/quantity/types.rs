//! The value types every later stage shares: a quantity is an interval with a unit.

use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;

/// How the text qualified a figure; decides how the interval's bounds were set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
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
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::Over => "over",
            Qualifier::AtLeast => "at_least",
            Qualifier::Nearly => "nearly",
            Qualifier::Under => "under",
            Qualifier::UpTo => "up_to",
            Qualifier::Range => "range",
        }
    }

    pub fn parse(s: &str) -> Option<Qualifier> {
        Some(match s {
            "exact" => Qualifier::Exact,
            "approx" => Qualifier::Approx,
            "over" => Qualifier::Over,
            "at_least" => Qualifier::AtLeast,
            "nearly" => Qualifier::Nearly,
            "under" => Qualifier::Under,
            "up_to" => Qualifier::UpTo,
            "range" => Qualifier::Range,
            _ => return None,
        })
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// ISO 4217 codes of the currencies the grammar knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Currency {
    USD,
    CNY,
    EUR,
    JPY,
    HKD,
    GBP,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::USD => "USD",
            Currency::CNY => "CNY",
            Currency::EUR => "EUR",
            Currency::JPY => "JPY",
            Currency::HKD => "HKD",
            Currency::GBP => "GBP",
        }
    }

    pub fn parse(code: &str) -> Option<Currency> {
        Some(match code {
            "USD" => Currency::USD,
            "CNY" => Currency::CNY,
            "EUR" => Currency::EUR,
            "JPY" => Currency::JPY,
            "HKD" => Currency::HKD,
            "GBP" => Currency::GBP,
            _ => return None,
        })
    }
}

/// Units of time, for durations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum TimeUnit {
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

impl TimeUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            TimeUnit::Minutes => "minutes",
            TimeUnit::Hours => "hours",
            TimeUnit::Days => "days",
            TimeUnit::Weeks => "weeks",
            TimeUnit::Months => "months",
            TimeUnit::Years => "years",
        }
    }
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
}

/// The broad family of a unit, used by rules (`{money}`, `{count}`, …) and grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Count,
    Money,
    Percent,
    Multiple,
    Duration,
}

impl Dimension {
    pub const ALL: [Dimension; 5] = [
        Dimension::Count,
        Dimension::Money,
        Dimension::Percent,
        Dimension::Multiple,
        Dimension::Duration,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Count => "count",
            Dimension::Money => "money",
            Dimension::Percent => "percent",
            Dimension::Multiple => "multiple",
            Dimension::Duration => "duration",
        }
    }

    pub fn parse(s: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

impl Unit {
    pub fn dimension(self) -> Dimension {
        match self {
            Unit::Count => Dimension::Count,
            Unit::Money(_) => Dimension::Money,
            Unit::Percent => Dimension::Percent,
            Unit::Multiple => Dimension::Multiple,
            Unit::Duration(_) => Dimension::Duration,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Count => "count",
            Unit::Money(c) => c.code(),
            Unit::Percent => "percent",
            Unit::Multiple => "multiple",
            Unit::Duration(t) => t.as_str(),
        }
    }

    /// Parses the names `as_str` prints (used by rule examples).
    pub fn parse(s: &str) -> Option<Unit> {
        if let Some(c) = Currency::parse(s) {
            return Some(Unit::Money(c));
        }
        Some(match s {
            "count" => Unit::Count,
            "percent" => Unit::Percent,
            "multiple" => Unit::Multiple,
            "minutes" => Unit::Duration(TimeUnit::Minutes),
            "hours" => Unit::Duration(TimeUnit::Hours),
            "days" => Unit::Duration(TimeUnit::Days),
            "weeks" => Unit::Duration(TimeUnit::Weeks),
            "months" => Unit::Duration(TimeUnit::Months),
            "years" => Unit::Duration(TimeUnit::Years),
            _ => return None,
        })
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

/// The period of a rate: 30美元/月 is 30 USD per month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    Day,
    Month,
    Year,
}

impl Per {
    pub fn as_str(self) -> &'static str {
        match self {
            Per::Day => "day",
            Per::Month => "month",
            Per::Year => "year",
        }
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
    pub low: Option<Decimal>,
    pub high: Option<Decimal>,
    pub low_open: bool,
    pub high_open: bool,
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
