//! Claims out: CSV for spreadsheets, JSON / JSON lines for programs, a table for people.

use crate::claim::Claim;
use rust_decimal::Decimal;
use serde::Serialize;
use std::io::{self, Write};

/// The CSV columns, in order. Part of the interface: spreadsheets depend on it.
pub const CSV_COLUMNS: [&str; 16] = [
    "claim_id",
    "source",
    "kind",
    "subject",
    "low",
    "high",
    "unit",
    "qualifier",
    "as_of",
    "published",
    "speaker",
    "quote",
    "line",
    "start",
    "end",
    "rule",
];

/// Excel and LibreOffice read UTF-8 CSV as a legacy code page unless it starts with a BOM.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

fn plain(d: Option<Decimal>) -> String {
    d.map_or(String::new(), |d| d.normalize().to_string())
}

fn csv_record(c: &Claim) -> [String; 16] {
    [
        c.claim_id.clone(),
        c.source.clone(),
        c.kind.clone(),
        c.subject.clone(),
        plain(c.low),
        plain(c.high),
        c.unit_label(),
        c.qualifier.to_string(),
        c.as_of.map_or(String::new(), |d| d.to_string()),
        c.published.map_or(String::new(), |d| d.to_string()),
        c.speaker.clone().unwrap_or_default(),
        c.quote.clone(),
        c.line.to_string(),
        c.start.to_string(),
        c.end.to_string(),
        c.rule.clone(),
    ]
}

/// Writes claims as CSV with the fixed columns; `excel` prefixes a UTF-8 BOM.
pub fn write_csv<W: Write>(out: W, claims: &[Claim], excel: bool) -> io::Result<()> {
    let mut out = out;
    if excel {
        out.write_all(UTF8_BOM)?;
    }
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_COLUMNS).map_err(csv_io)?;
    for c in claims {
        w.write_record(csv_record(c)).map_err(csv_io)?;
    }
    w.flush()
}

fn csv_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// The JSON form of a claim: the CSV fields plus open-bound flags, the figure
/// as written, the as-of provenance and the further mentions.
#[derive(Serialize)]
pub struct ClaimJson<'a> {
    pub claim_id: &'a str,
    pub source: &'a str,
    pub kind: &'a str,
    pub family: &'a str,
    pub subject: &'a str,
    pub low: Option<String>,
    pub high: Option<String>,
    pub low_open: bool,
    pub high_open: bool,
    pub unit: String,
    pub qualifier: &'static str,
    pub value_text: &'a str,
    pub as_of: Option<String>,
    pub as_of_source: crate::claim::AsOfSource,
    pub published: Option<String>,
    pub speaker: Option<&'a str>,
    pub noun: Option<&'a str>,
    pub quote: &'a str,
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub rule: &'a str,
    pub mentions: &'a [crate::claim::Mention],
}

impl<'a> From<&'a Claim> for ClaimJson<'a> {
    fn from(c: &'a Claim) -> Self {
        let dec = |d: Option<Decimal>| d.map(|d| d.normalize().to_string());
        ClaimJson {
            claim_id: &c.claim_id,
            source: &c.source,
            kind: &c.kind,
            family: &c.family,
            subject: &c.subject,
            low: dec(c.low),
            high: dec(c.high),
            low_open: c.low_open,
            high_open: c.high_open,
            unit: c.unit_label(),
            qualifier: c.qualifier.as_str(),
            value_text: &c.value_text,
            as_of: c.as_of.map(|d| d.to_string()),
            as_of_source: c.as_of_source,
            published: c.published.map(|d| d.to_string()),
            speaker: c.speaker.as_deref(),
            noun: c.noun.as_deref(),
            quote: &c.quote,
            line: c.line,
            start: c.start,
            end: c.end,
            rule: &c.rule,
            mentions: &c.mentions,
        }
    }
}

pub fn write_json<W: Write>(mut out: W, claims: &[Claim]) -> io::Result<()> {
    let all: Vec<ClaimJson> = claims.iter().map(ClaimJson::from).collect();
    serde_json::to_writer_pretty(&mut out, &all)?;
    writeln!(out)
}

pub fn write_jsonl<W: Write>(mut out: W, claims: &[Claim]) -> io::Result<()> {
    for c in claims {
        serde_json::to_writer(&mut out, &ClaimJson::from(c))?;
        writeln!(out)?;
    }
    Ok(())
}

/// One block per claim, for reading in a terminal.
pub fn write_table<W: Write>(mut out: W, claims: &[Claim]) -> io::Result<()> {
    for c in claims {
        let range = match (c.low, c.high) {
            (Some(l), Some(h)) if l == h => format!("{}", l.normalize()),
            (l, h) => format!("{}..{}", plain(l), plain(h)),
        };
        writeln!(
            out,
            "{}:{}  {}  {}  {} {} ({})  as of {}{}",
            c.source,
            c.line,
            c.kind,
            c.subject,
            range,
            c.unit_label(),
            c.qualifier,
            c.as_of.map_or("?".to_string(), |d| d.to_string()),
            c.speaker
                .as_ref()
                .map_or(String::new(), |s| format!("  — {s}")),
        )?;
        writeln!(out, "    {}", c.value_text)?;
    }
    Ok(())
}
