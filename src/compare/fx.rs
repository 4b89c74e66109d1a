//! Monthly exchange rates to US dollars, so money claims in different currencies compare.
//!
//! The table maps (currency, month) to "USD per one unit". A conversion uses the rate of
//! the claim's as-of month; when the table lacks that month, the nearest month present is
//! used (ties go to the earlier month). A year-only date uses its middle (July); no date at
//! all uses the latest month in the table.

use crate::claim::PartialDate;
use crate::input::toml_file::TomlFile;
use crate::quantity::Currency;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;
use toml::Spanned;

/// A year and month, ordered in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    pub fn as_date(self) -> PartialDate {
        PartialDate::month(self.year, self.month)
    }

    /// The month a date stands for when picking a rate (see the module docs).
    fn of_date(date: PartialDate) -> Month {
        Month {
            year: date.year,
            month: date.month.unwrap_or(7),
        }
    }
}

/// Rates to USD by currency and month.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FxTable {
    rates: BTreeMap<Currency, BTreeMap<Month, Decimal>>,
}

/// A problem in an FX file, located by file, line and column.
/// Why an FX table could not be loaded (the one TOML loader's error).
pub type FxError = crate::input::toml_file::LoadError;

type RawTable = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<String>>>;

const BUNDLED: &str = include_str!("../../data/fx_rates.toml");

impl FxTable {
    /// The rates shipped in `data/fx_rates.toml`.
    pub fn bundled() -> FxTable {
        // The bundled file is checked by a unit test, so failing here means a broken build.
        FxTable::parse(BUNDLED, "data/fx_rates.toml").unwrap_or_default()
    }

    /// Reads a file in the format of `data/fx_rates.toml` (`--fx FILE`).
    pub fn load(path: &std::path::Path) -> Result<FxTable, FxError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| FxError::Io {
            path: shown.clone(),
            source,
        })?;
        FxTable::parse(&text, &shown)
    }

    /// Parses the TOML format of `data/fx_rates.toml`; errors name `path`, line and column.
    pub fn parse(text: &str, path: &str) -> Result<FxTable, FxError> {
        let toml = TomlFile::new(path, text);
        let error_at = |offset: usize, message: String| FxError::from(toml.error(offset, message));
        let raw: RawTable = toml.parse()?;
        let mut rates: BTreeMap<Currency, BTreeMap<Month, Decimal>> = BTreeMap::new();
        for (code, months) in raw {
            let currency = Currency::parse(code.get_ref()).ok_or_else(|| {
                error_at(
                    code.span().start,
                    format!("unknown currency code {:?}", code.get_ref()),
                )
            })?;
            let table = rates.entry(currency).or_default();
            for (key, value) in months {
                let month = parse_month(key.get_ref()).ok_or_else(|| {
                    error_at(
                        key.span().start,
                        format!(
                            "expected a month like \"2023-07\", found {:?}",
                            key.get_ref()
                        ),
                    )
                })?;
                let rate = Decimal::from_str(value.get_ref().trim())
                    .ok()
                    .filter(|r| *r > Decimal::ZERO)
                    .ok_or_else(|| {
                        error_at(
                            value.span().start,
                            format!(
                                "expected a positive decimal rate, found {:?}",
                                value.get_ref()
                            ),
                        )
                    })?;
                table.insert(month, rate);
            }
        }
        Ok(FxTable { rates })
    }

    /// USD per one unit of `currency` for the month nearest `at`, with that month.
    pub fn rate_to_usd(
        &self,
        currency: Currency,
        at: Option<PartialDate>,
    ) -> Option<(Decimal, Month)> {
        if currency == Currency::USD {
            let month = at.map(Month::of_date).unwrap_or(Month {
                year: 1970,
                month: 1,
            });
            return Some((Decimal::ONE, month));
        }
        let table = self.rates.get(&currency)?;
        let month = match at {
            Some(date) => nearest(table, Month::of_date(date))?,
            None => *table.keys().next_back()?,
        };
        table.get(&month).map(|r| (*r, month))
    }

    /// Converts `amount` between currencies through USD. The month is the rate month used,
    /// `None` when no conversion was needed (same currency).
    pub fn convert(
        &self,
        amount: Decimal,
        from: Currency,
        to: Currency,
        at: Option<PartialDate>,
    ) -> Option<(Decimal, Option<PartialDate>)> {
        if from == to {
            return Some((amount, None));
        }
        let (from_rate, from_month) = self.rate_to_usd(from, at)?;
        let (to_rate, to_month) = self.rate_to_usd(to, at)?;
        let usd = amount.checked_mul(from_rate)?;
        let converted = usd.checked_div(to_rate)?;
        // Report the month of the non-USD side (USD has no table).
        let month = if from == Currency::USD {
            to_month
        } else {
            from_month
        };
        Some((converted, Some(month.as_date())))
    }

    pub fn is_empty(&self) -> bool {
        self.rates.is_empty()
    }
}

fn nearest(table: &BTreeMap<Month, Decimal>, target: Month) -> Option<Month> {
    table
        .keys()
        .copied()
        .min_by_key(|m| ((m.index() - target.index()).abs(), m.index()))
}

fn parse_month(s: &str) -> Option<Month> {
    let date = PartialDate::parse(s)?;
    match (date.month, date.day) {
        (Some(month), None) => Some(Month {
            year: date.year,
            month,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn bundled_table_parses_and_covers_2023() {
        let table = FxTable::parse(BUNDLED, "data/fx_rates.toml").expect("bundled rates parse");
        for c in [
            Currency::CNY,
            Currency::EUR,
            Currency::JPY,
            Currency::HKD,
            Currency::GBP,
        ] {
            for m in 1..=12 {
                let (_, month) = table
                    .rate_to_usd(c, Some(PartialDate::month(2023, m)))
                    .unwrap();
                assert_eq!(
                    month,
                    Month {
                        year: 2023,
                        month: m
                    }
                );
            }
        }
        assert_eq!(FxTable::bundled(), table);
    }

    #[test]
    fn converts_with_the_as_of_month_and_nearest_fallback() {
        let table = FxTable::parse(
            "[CNY]\n\"2023-01\" = \"0.15\"\n\"2023-06\" = \"0.14\"\n",
            "t.toml",
        )
        .unwrap();
        let (usd, month) = table
            .convert(
                dec("1000"),
                Currency::CNY,
                Currency::USD,
                Some(PartialDate::month(2023, 6)),
            )
            .unwrap();
        assert_eq!(
            (usd, month),
            (dec("140"), Some(PartialDate::month(2023, 6)))
        );
        // 2023-03 is nearer January (2 months) than June (3 months).
        let (usd, month) = table
            .convert(
                dec("1000"),
                Currency::CNY,
                Currency::USD,
                Some(PartialDate::month(2023, 3)),
            )
            .unwrap();
        assert_eq!(
            (usd, month),
            (dec("150"), Some(PartialDate::month(2023, 1)))
        );
        // No date: the latest month.
        let (usd, _) = table
            .convert(dec("1000"), Currency::CNY, Currency::USD, None)
            .unwrap();
        assert_eq!(usd, dec("140"));
        let (cny, _) = table
            .convert(dec("14"), Currency::USD, Currency::CNY, None)
            .unwrap();
        assert_eq!(cny, dec("100"));
        assert!(
            table
                .convert(dec("1"), Currency::EUR, Currency::USD, None)
                .is_none()
        );
        assert_eq!(
            table.convert(dec("5"), Currency::EUR, Currency::EUR, None),
            Some((dec("5"), None))
        );
    }

    fn invalid(text: &str, path: &str) -> crate::input::toml_file::TomlError {
        match FxTable::parse(text, path) {
            Err(FxError::Invalid(e)) => e,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let err = invalid("[CNY]\n\"2023-01\" = \"abc\"\n", "rates.toml");
        assert_eq!(
            (
                err.location.file.as_str(),
                err.location.line,
                err.location.column
            ),
            ("rates.toml", 2, 13)
        );
        assert!(err.to_string().starts_with("rates.toml:2:13: "), "{err}");
        let err = invalid("[XXX]\n\"2023-01\" = \"1\"\n", "r");
        assert_eq!((err.location.line, err.location.column), (1, 2));
        let err = invalid("[CNY]\n\"2023-13\" = \"1\"\n", "r");
        assert_eq!((err.location.line, err.location.column), (2, 1));
        let err = invalid("[CNY]\n\"2023-01\" = \"-1\"\n", "r");
        assert!(err.message.contains("positive"));
        let err = invalid("[CNY\n", "r");
        assert_eq!(err.location.line, 1);
    }
}
