//! Gold files: hand-checked claims (`gold.tsv`) and relations between them
//! (`pairs.tsv`), in the format of the dev corpus (see its README).

use crate::claim::PartialDate;
use crate::quantity::{Per, Qualifier, Unit};
use crate::text::Location;
use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;

/// One hand-checked claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldRow {
    /// The document's prefix (`01`): a claim's source must start with it.
    pub doc: String,
    pub kind: String,
    pub subject: String,
    pub lo: Option<Decimal>,
    pub hi: Option<Decimal>,
    pub unit: GoldUnit,
    pub qualifier: Qualifier,
    pub as_of: Option<PartialDate>,
    pub quote: String,
    /// Line of the row in the gold file (1-based).
    pub line: usize,
}

/// A gold unit: what is counted or paid, and what it is per (`USD/Mtok`, `calls/day`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoldUnit {
    pub unit: Unit,
    pub per: Option<Per>,
}

impl GoldUnit {
    /// `count`, `USD`, `USD/day`, `USD/Mtok`, `calls/day`, `tokens/s`, `GPU-hours`,
    /// `minutes/GPU-hour`. Counted things (`calls`, `tokens`) are counts.
    pub fn parse(s: &str) -> Option<GoldUnit> {
        let (base, per) = match s.split_once('/') {
            Some((b, p)) => (b, Some(p)),
            None => (s, None),
        };
        let unit = match base {
            "calls" | "tokens" | "requests" | "queries" => Unit::Count,
            b => Unit::parse(b)?,
        };
        let per = match per {
            None => None,
            Some("s" | "sec") => Some(Per::Second),
            Some(p) => Some(Per::parse(p)?),
        };
        Some(GoldUnit { unit, per })
    }
}

/// A relation a careful reader assigns to two gold claims.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Relation {
    Conflict,
    Agree,
    Timeline,
    Different,
}

impl Relation {
    pub const ALL: &[Relation] = <Relation as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    fn parse(s: &str) -> Option<Relation> {
        s.parse().ok()
    }

    /// `a, b, c or d`: every name, for error hints.
    fn names() -> String {
        let names: Vec<&str> = Relation::ALL.iter().map(|r| r.as_str()).collect();
        match names.split_last() {
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

/// Two gold claims and how they relate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldPair {
    pub doc_a: String,
    pub quote_a: String,
    pub doc_b: String,
    pub quote_b: String,
    pub relation: Relation,
    pub note: String,
    pub line: usize,
}

/// Why a gold or pairs file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A row (or the header) that does not parse.
    #[error("{location}: {message}")]
    Invalid { location: Location, message: String },
    /// `--docs` is not a list of numbers and ranges.
    #[error("--docs: {0:?} is not a number or a range like 01-24")]
    Docs(String),
}

impl EvalError {
    fn at(path: &str, line: usize, column: usize, message: String) -> EvalError {
        EvalError::Invalid {
            location: Location::new(path, line, column),
            message,
        }
    }
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// Reads and parses `gold.tsv` at `path`.
pub fn load_gold(path: &Path) -> Result<Vec<GoldRow>, EvalError> {
    parse_gold(&read(path)?, &path.display().to_string())
}

/// Reads and parses `pairs.tsv` at `path`.
pub fn load_pairs(path: &Path) -> Result<Vec<GoldPair>, EvalError> {
    parse_pairs(&read(path)?, &path.display().to_string())
}

/// Splits a TSV file into data rows, checking the header and column count.
/// Errors read `path:line:column: message`.
fn rows<'t>(
    text: &'t str,
    path: &str,
    header: &[&str],
) -> Result<Vec<(usize, Vec<&'t str>)>, EvalError> {
    let mut lines = text.lines().enumerate();
    let first = lines
        .next()
        .map(|(_, l)| l.trim_start_matches('\u{feff}'))
        .unwrap_or("");
    let got: Vec<&str> = first.split('\t').collect();
    if got != header {
        return Err(EvalError::at(
            path,
            1,
            1,
            format!(
                "header is {got:?}, expected the columns {}",
                header.join(" ")
            ),
        ));
    }
    let mut out = Vec::new();
    for (i, line) in lines {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != header.len() {
            return Err(EvalError::at(
                path,
                i + 1,
                1,
                format!(
                    "{} columns, expected {} ({})",
                    cols.len(),
                    header.len(),
                    header.join(" ")
                ),
            ));
        }
        out.push((i + 1, cols));
    }
    Ok(out)
}

/// The column of `cols[index]` within its line, 1-based, for error messages.
fn column(cols: &[&str], index: usize) -> usize {
    cols[..index]
        .iter()
        .map(|c| c.chars().count() + 1)
        .sum::<usize>()
        + 1
}

/// Parses `gold.tsv` (`doc kind subject lo hi unit qualifier as_of quote`).
pub fn parse_gold(text: &str, path: &str) -> Result<Vec<GoldRow>, EvalError> {
    const HEADER: [&str; 9] = [
        "doc",
        "kind",
        "subject",
        "lo",
        "hi",
        "unit",
        "qualifier",
        "as_of",
        "quote",
    ];
    let mut out = Vec::new();
    for (line, cols) in rows(text, path, &HEADER)? {
        let at = |i: usize, what: String| EvalError::at(path, line, column(&cols, i), what);
        let decimal = |i: usize| -> Result<Option<Decimal>, EvalError> {
            let s = cols[i].trim();
            if s.is_empty() {
                return Ok(None);
            }
            Decimal::from_str(s)
                .or_else(|_| Decimal::from_scientific(s))
                .map(Some)
                .map_err(|_| at(i, format!("{} {s:?} is not a decimal", HEADER[i])))
        };
        let (lo, hi) = (decimal(3)?, decimal(4)?);
        if lo.is_none() && hi.is_none() {
            return Err(at(3, "row has neither lo nor hi".into()));
        }
        let unit = GoldUnit::parse(cols[5].trim())
            .ok_or_else(|| at(5, format!("unknown unit {:?}", cols[5])))?;
        let qualifier = Qualifier::parse(cols[6].trim()).ok_or_else(|| {
            at(
                6,
                format!(
                    "unknown qualifier {:?} (one of {})",
                    cols[6],
                    Qualifier::names()
                ),
            )
        })?;
        let as_of = match cols[7].trim() {
            "" => None,
            s => Some(
                PartialDate::parse(s)
                    .ok_or_else(|| at(7, format!("as_of {s:?} is not YYYY[-MM[-DD]]")))?,
            ),
        };
        if cols[8].is_empty() {
            return Err(at(8, "empty quote".into()));
        }
        out.push(GoldRow {
            doc: cols[0].trim().to_string(),
            kind: cols[1].trim().to_string(),
            subject: cols[2].trim().to_string(),
            lo,
            hi,
            unit,
            qualifier,
            as_of,
            quote: cols[8].to_string(),
            line,
        });
    }
    Ok(out)
}

/// Parses `pairs.tsv` (`doc_a quote_a doc_b quote_b relation note`).
pub fn parse_pairs(text: &str, path: &str) -> Result<Vec<GoldPair>, EvalError> {
    const HEADER: [&str; 6] = ["doc_a", "quote_a", "doc_b", "quote_b", "relation", "note"];
    let mut out = Vec::new();
    for (line, cols) in rows(text, path, &HEADER)? {
        let relation = Relation::parse(cols[4].trim()).ok_or_else(|| {
            EvalError::at(
                path,
                line,
                column(&cols, 4),
                format!("unknown relation {:?} ({})", cols[4], Relation::names()),
            )
        })?;
        out.push(GoldPair {
            doc_a: cols[0].trim().to_string(),
            quote_a: cols[1].to_string(),
            doc_b: cols[2].trim().to_string(),
            quote_b: cols[3].to_string(),
            relation,
            note: cols[5].to_string(),
            line,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "doc\tkind\tsubject\tlo\thi\tunit\tqualifier\tas_of\tquote\n";

    #[test]
    fn parses_rows_and_units() {
        let text = format!(
            "{HEAD}01\tprice\tX\t0.25\t\tUSD/Mtok\texact\t2024-11\t每百万Token $0.25\n02\tusage\tY\t50000000\t\tcalls/day\tapprox\t\t5000万次\n"
        );
        let rows = parse_gold(&text, "g.tsv").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].unit.per, Some(Per::Mtok));
        assert_eq!(rows[1].unit.unit, Unit::Count);
        assert_eq!(rows[1].unit.per, Some(Per::Day));
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn errors_are_located() {
        let text = format!("{HEAD}01\tprice\tX\tabc\t\tUSD\texact\t\tq\n");
        let e = parse_gold(&text, "g.tsv").unwrap_err().to_string();
        assert!(e.starts_with("g.tsv:2:"), "{e}");
        assert!(e.contains("not a decimal"), "{e}");
        let e = parse_gold("doc\tkind\n", "g.tsv").unwrap_err().to_string();
        assert!(e.starts_with("g.tsv:1:1: header"), "{e}");
        let text = format!("{HEAD}01\tprice\tX\t1\t\tfurlongs\texact\t\tq\n");
        assert!(
            parse_gold(&text, "g.tsv")
                .unwrap_err()
                .to_string()
                .contains("unknown unit")
        );
    }
}
