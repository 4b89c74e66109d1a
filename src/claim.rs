//! The claim record: what extraction produces and comparison, reports and exports read.

use crate::interval::Interval;
use crate::quantity::{Dimension, Per, Qualifier, Unit};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A date known to a year, a month or a day (`2023`, `2023-07`, `2023-05-28`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn year(year: i32) -> PartialDate {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    pub fn month(year: i32, month: u32) -> PartialDate {
        PartialDate {
            year,
            month: Some(month),
            day: None,
        }
    }

    pub fn day(date: NaiveDate) -> PartialDate {
        use chrono::Datelike;
        PartialDate {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    /// First and last calendar day the date may mean.
    pub fn bounds(&self) -> (NaiveDate, NaiveDate) {
        let first_month = self.month.unwrap_or(1);
        let last_month = self.month.unwrap_or(12);
        let first = NaiveDate::from_ymd_opt(self.year, first_month, self.day.unwrap_or(1));
        let last = match self.day {
            Some(d) => NaiveDate::from_ymd_opt(self.year, last_month, d),
            None => last_day_of_month(self.year, last_month),
        };
        let fallback = NaiveDate::from_ymd_opt(self.year.clamp(1, 9999), 1, 1).unwrap_or_default();
        (first.unwrap_or(fallback), last.unwrap_or(fallback))
    }

    /// Parses `2023`, `2023-07` or `2023-05-28`.
    pub fn parse(s: &str) -> Option<PartialDate> {
        let mut parts = s.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next().map(str::parse).transpose().ok()?;
        let day = parts.next().map(str::parse).transpose().ok()?;
        if parts.next().is_some() || (month.is_none() && day.is_some()) {
            return None;
        }
        let date = PartialDate { year, month, day };
        (month.is_none_or(|m| (1..=12).contains(&m))
            && NaiveDate::from_ymd_opt(year, month.unwrap_or(1), day.unwrap_or(1)).is_some())
        .then_some(date)
    }
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Where the as-of date of a claim came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AsOfSource {
    /// Stated in the sentence (`5月28日`, `截至5月上旬`).
    Text,
    /// Not stated; the document's publication date stands in.
    Published,
    /// Neither is known.
    Unknown,
}

/// One more place in the same document where the same figure is stated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub quote: String,
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// A quantitative claim with its provenance. Offsets are character offsets into
/// the original (decoded) document; `quote` is a substring of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub claim_id: String,
    pub source: String,
    pub kind: String,
    /// Kinds sharing a family are compared with each other (model and org counts).
    pub family: String,
    /// Who or what the figure is about: an entity key from `rules/subjects.toml`,
    /// a name found in the text, or a scope (`China`, `World`).
    pub subject: String,
    /// What the figure measures (`GPUs ordered`, `training cost per run`), so that
    /// look-alike figures about one subject are not compared.
    pub measure: String,
    /// The counted noun when the text names one (模型, 公司), for reasons.
    pub noun: Option<String>,
    /// The values the figure allows, its qualifier applied (`超过120` is `> 120`).
    pub value: Interval,
    pub unit: Unit,
    pub per: Option<Per>,
    pub qualifier: Qualifier,
    /// The figure as written in the original text (`约为140万美元`).
    pub value_text: String,
    pub as_of: Option<PartialDate>,
    pub as_of_source: AsOfSource,
    /// The words that date the figure, as written (`今年3月`, `去年12月`, `22年`), when the
    /// sentence has them: where `as_of` comes from, and in a text without a date the only
    /// sign that two of its figures are from different moments.
    pub as_of_text: Option<String>,
    pub published: Option<PartialDate>,
    pub speaker: Option<String>,
    pub quote: String,
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub rule: String,
    /// Further statements of the same figure in the same document.
    pub mentions: Vec<Mention>,
    /// For a conversion written beside a figure (`3亿美元(22亿元)`), the id of
    /// the claim it converts: the same statement in another unit, never a second source.
    pub converts: Option<String>,
}

impl Claim {
    pub fn dimension(&self) -> Dimension {
        self.unit.dimension()
    }

    /// `USD/day` for rates, else the unit itself.
    pub fn unit_label(&self) -> String {
        match self.per {
            Some(p) => format!("{}/{}", self.unit, p.as_str()),
            None => self.unit.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_round_trip_and_bound() {
        for s in ["2023", "2023-07", "2023-05-28"] {
            assert_eq!(PartialDate::parse(s).unwrap().to_string(), s);
        }
        assert!(PartialDate::parse("2023-13").is_none());
        assert!(PartialDate::parse("2023-02-30").is_none());
        let (a, b) = PartialDate::parse("2024-02").unwrap().bounds();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2024-02-01".into(), "2024-02-29".into())
        );
        let (a, b) = PartialDate::year(2023).bounds();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2023-01-01".into(), "2023-12-31".into())
        );
    }
}
