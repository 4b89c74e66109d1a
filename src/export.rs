//! Claims out: CSV for spreadsheets, JSON / JSON lines for programs, a table for people.

use crate::claim::Claim;
use crate::text::{Avx2, ByteSet, printable};
use rust_decimal::Decimal;
use serde::Serialize;
use std::io::{self, Write};

/// The CSV columns, in order. Part of the interface: spreadsheets depend on it, so
/// new columns go at the end (documented in `docs/csv.md`).
pub const CSV_COLUMNS: [&str; 23] = [
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
    "measure",
    "converts",
    "value_as_written",
    "date_assumed",
    "low_open",
    "high_open",
    "as_of_text",
];

/// Excel and LibreOffice read UTF-8 CSV as a legacy code page unless it starts with a BOM.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

fn plain(d: Option<Decimal>) -> String {
    d.map_or(String::new(), |d| d.normalize().to_string())
}

/// A text cell a spreadsheet will not run: text starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return gets a leading `'` (OWASP's advice on CSV injection), so
/// `=HYPERLINK(…)` in an article stays text. Numeric columns are never passed here: a
/// negative figure is a number.
pub fn csv_text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// A date cell: the period the date stands for as an ISO 8601 interval of days,
/// `first/last` (`2023-05-28/2023-05-28`, `2023-05-01/2023-05-31`,
/// `2023-01-01/2023-12-31`), empty when unknown. One form for a day, a month and a
/// year: a spreadsheet keeps every cell as text (a bare `2023` is read as a
/// number, `2023-05-28` as a date and `2023-05` as either, so one column mixed
/// types), and sorting the text sorts by first day, then last.
pub fn csv_date(d: Option<crate::claim::PartialDate>) -> String {
    d.map_or(String::new(), |d| {
        let (first, last) = d.bounds();
        format!("{}/{}", first.format("%Y-%m-%d"), last.format("%Y-%m-%d"))
    })
}

fn csv_record(c: &Claim) -> [String; 23] {
    [
        csv_text(&c.claim_id),
        csv_text(&c.source),
        csv_text(&c.kind),
        csv_text(&c.subject),
        plain(c.value.low_value()),
        plain(c.value.high_value()),
        csv_text(&c.unit_label()),
        csv_text(c.qualifier.as_str()),
        csv_date(c.as_of),
        csv_date(c.published),
        csv_text(c.speaker.as_deref().unwrap_or_default()),
        csv_text(&c.quote),
        c.line.to_string(),
        c.start.to_string(),
        c.end.to_string(),
        csv_text(&c.rule),
        csv_text(&c.measure),
        csv_text(c.converts.as_deref().unwrap_or_default()),
        csv_text(&c.value_text),
        (c.as_of_source == crate::claim::AsOfSource::Published).to_string(),
        c.value.low_open().to_string(),
        c.value.high_open().to_string(),
        csv_text(c.as_of_text.as_deref().unwrap_or_default()),
    ]
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
    pub measure: &'a str,
    pub low: Option<String>,
    pub high: Option<String>,
    pub low_open: bool,
    pub high_open: bool,
    pub unit: String,
    pub qualifier: &'static str,
    pub value_text: &'a str,
    pub as_of: Option<String>,
    pub as_of_source: crate::claim::AsOfSource,
    pub as_of_text: Option<&'a str>,
    pub published: Option<String>,
    pub speaker: Option<&'a str>,
    pub noun: Option<&'a str>,
    pub quote: &'a str,
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub rule: &'a str,
    pub mentions: &'a [crate::claim::Mention],
    pub converts: Option<&'a str>,
    /// The key the checker groups the claim by (`GroupKey::label`); `null` for a claim
    /// compared with nothing (kind `other`, or no subject).
    pub group_key: Option<String>,
    /// The document's title, address and bylined authors, so that claims read back
    /// (`report --claims`, however partitioned) name and group sources as a run over the
    /// documents does. Left out when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub source_authors: &'a [String],
}

/// What a claims file keeps of each document beside its claims: its title, address and
/// bylined authors (origins are told apart by them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceDoc {
    pub title: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
}

impl<'a> ClaimJson<'a> {
    /// The JSON form of each claim of a document (or any set of claims holding the
    /// claims their conversions restate), with its group key.
    pub fn all(
        claims: &'a [Claim],
        doc: Option<&'a SourceDoc>,
    ) -> impl Iterator<Item = ClaimJson<'a>> {
        claims
            .iter()
            .zip(crate::compare::group_key_labels(claims))
            .map(move |(c, key)| ClaimJson {
                group_key: key,
                source_title: doc.and_then(|d| d.title.as_deref()),
                source_url: doc.and_then(|d| d.url.as_deref()),
                source_authors: doc.map_or(&[], |d| &d.authors),
                ..ClaimJson::from(c)
            })
    }
}

impl<'a> From<&'a Claim> for ClaimJson<'a> {
    /// Without the group key, which needs the document's other claims (see `all`).
    fn from(c: &'a Claim) -> Self {
        let dec = |d: Option<Decimal>| d.map(decimal_text);
        ClaimJson {
            claim_id: &c.claim_id,
            source: &c.source,
            kind: &c.kind,
            family: &c.family,
            subject: &c.subject,
            measure: &c.measure,
            low: dec(c.value.low_value()),
            high: dec(c.value.high_value()),
            low_open: c.value.low_open(),
            high_open: c.value.high_open(),
            unit: c.unit_label(),
            qualifier: c.qualifier.as_str(),
            value_text: &c.value_text,
            as_of: c.as_of.map(|d| d.to_string()),
            as_of_source: c.as_of_source,
            as_of_text: c.as_of_text.as_deref(),
            published: c.published.map(|d| d.to_string()),
            speaker: c.speaker.as_deref(),
            noun: c.noun.as_deref(),
            quote: &c.quote,
            line: c.line,
            start: c.start,
            end: c.end,
            rule: &c.rule,
            mentions: &c.mentions,
            converts: c.converts.as_deref(),
            group_key: None,
            source_title: None,
            source_url: None,
            source_authors: &[],
        }
    }
}

/// `d.normalize().to_string()`, without the formatting machinery: two numbers a claim,
/// written for every claim extracted.
fn decimal_text(d: Decimal) -> String {
    let mut buf = [0u8; 64];
    crate::extract::id::plain_form(Some(d), &mut buf).to_string()
}

/// What `serde_json::to_writer` writes for `ClaimJson` of claim `c` with group key
/// `key` of document `doc`, written directly from the claim: claims files are most of
/// what extraction writes, serde_json escapes strings a byte at a time, and the
/// figures, dates and unit go into `out` without a string of their own. The test
/// `compact_json_is_serde_json` keeps the two the same.
fn write_compact(out: &mut Vec<u8>, c: &Claim, key: Option<&str>, doc: Option<&SourceDoc>) {
    // Decimals, dates and units hold no character JSON escapes: written bare.
    let mut buf = [0u8; 64];
    let mut decimal = |out: &mut Vec<u8>, d: Option<Decimal>| match d {
        Some(d) => {
            out.push(b'"');
            out.extend_from_slice(crate::extract::id::plain_form(Some(d), &mut buf).as_bytes());
            out.push(b'"');
        }
        None => out.extend_from_slice(b"null"),
    };
    let date = |out: &mut Vec<u8>, d: Option<crate::claim::PartialDate>| match d {
        Some(d) => {
            out.push(b'"');
            push_date(out, d);
            out.push(b'"');
        }
        None => out.extend_from_slice(b"null"),
    };
    out.extend_from_slice(b"{\"claim_id\":");
    json_str(out, &c.claim_id);
    out.extend_from_slice(b",\"source\":");
    json_str(out, &c.source);
    out.extend_from_slice(b",\"kind\":");
    json_str(out, &c.kind);
    out.extend_from_slice(b",\"family\":");
    json_str(out, &c.family);
    out.extend_from_slice(b",\"subject\":");
    json_str(out, &c.subject);
    out.extend_from_slice(b",\"measure\":");
    json_str(out, &c.measure);
    out.extend_from_slice(b",\"low\":");
    decimal(out, c.value.low_value());
    out.extend_from_slice(b",\"high\":");
    decimal(out, c.value.high_value());
    out.extend_from_slice(b",\"low_open\":");
    json_bool(out, c.value.low_open());
    out.extend_from_slice(b",\"high_open\":");
    json_bool(out, c.value.high_open());
    out.extend_from_slice(b",\"unit\":\"");
    push_unit_label(out, c);
    out.extend_from_slice(b"\",\"qualifier\":\"");
    out.extend_from_slice(c.qualifier.as_str().as_bytes());
    out.extend_from_slice(b"\",\"value_text\":");
    json_str(out, &c.value_text);
    out.extend_from_slice(b",\"as_of\":");
    date(out, c.as_of);
    out.extend_from_slice(match c.as_of_source {
        crate::claim::AsOfSource::Text => b",\"as_of_source\":\"text\"",
        crate::claim::AsOfSource::Published => b",\"as_of_source\":\"published\"",
        crate::claim::AsOfSource::Unknown => b",\"as_of_source\":\"unknown\"",
    });
    out.extend_from_slice(b",\"as_of_text\":");
    json_opt_str(out, c.as_of_text.as_deref());
    out.extend_from_slice(b",\"published\":");
    date(out, c.published);
    out.extend_from_slice(b",\"speaker\":");
    json_opt_str(out, c.speaker.as_deref());
    out.extend_from_slice(b",\"noun\":");
    json_opt_str(out, c.noun.as_deref());
    out.push(b',');
    push_place(out, &c.quote, c.line, c.start, c.end);
    out.extend_from_slice(b",\"rule\":");
    json_str(out, &c.rule);
    out.extend_from_slice(b",\"mentions\":[");
    for (i, m) in c.mentions.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'{');
        push_place(out, &m.quote, m.line, m.start, m.end);
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"converts\":");
    json_opt_str(out, c.converts.as_deref());
    out.extend_from_slice(b",\"group_key\":");
    json_opt_str(out, key);
    if let Some(doc) = doc {
        if let Some(title) = &doc.title {
            out.extend_from_slice(b",\"source_title\":");
            json_str(out, title);
        }
        if let Some(url) = &doc.url {
            out.extend_from_slice(b",\"source_url\":");
            json_str(out, url);
        }
        if !doc.authors.is_empty() {
            out.extend_from_slice(b",\"source_authors\":[");
            for (i, a) in doc.authors.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                json_str(out, a);
            }
            out.push(b']');
        }
    }
    out.push(b'}');
}

/// `PartialDate`'s `Display`: a year of four digits at least, a month and day of two.
fn push_date(out: &mut Vec<u8>, d: crate::claim::PartialDate) {
    if d.year < 0 {
        out.extend_from_slice(d.to_string().as_bytes());
        return;
    }
    push_number(out, d.year.unsigned_abs() as usize, 4);
    for part in [d.month, d.day].into_iter().flatten() {
        out.push(b'-');
        push_number(out, part as usize, 2);
    }
}

/// `"quote":…,"line":…,"start":…,"end":…`: where a claim or one of its mentions stands.
fn push_place(out: &mut Vec<u8>, quote: &str, line: usize, start: usize, end: usize) {
    out.extend_from_slice(b"\"quote\":");
    json_str(out, quote);
    out.extend_from_slice(b",\"line\":");
    json_usize(out, line);
    out.extend_from_slice(b",\"start\":");
    json_usize(out, start);
    out.extend_from_slice(b",\"end\":");
    json_usize(out, end);
}

/// [`Claim::unit_label`] (`USD/day` for rates), written without a string of its own.
fn push_unit_label(out: &mut Vec<u8>, c: &Claim) {
    out.extend_from_slice(c.unit.as_str().as_bytes());
    if let Some(p) = c.per {
        out.push(b'/');
        out.extend_from_slice(p.as_str().as_bytes());
    }
}

fn json_bool(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

fn json_usize(out: &mut Vec<u8>, n: usize) {
    push_number(out, n, 0);
}

fn json_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => json_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// `s` as a JSON string, escaped as serde_json escapes it: `"`, `\\` and the
/// control characters, the common ones by letter and the others as `\u00xx`.
fn json_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // The bytes from `run` on are not yet copied.
    let mut run = 0;
    loop {
        let at = next_escaped(bytes, run);
        let Some(&b) = bytes.get(at) else {
            break;
        };
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            _ => &[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 0xf) as usize],
            ],
        };
        out.extend_from_slice(&bytes[run..at]);
        out.extend_from_slice(escape);
        run = at + 1;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// The bytes JSON escapes: `"`, `\\` and the control characters.
const ESCAPED: ByteSet<2, 1> = ByteSet::new([b'"', b'\\'], [(0x00, 0x1f)]);

/// The first byte at or after `from` of `bytes` that JSON escapes, or `bytes.len()`.
fn next_escaped(bytes: &[u8], from: usize) -> usize {
    // Quotes are most of the text written: 32 bytes a step through them where the
    // CPU can (nearly all of them need no escape); the short fields a word at a time.
    if bytes.len() - from >= 64
        && let Some(avx2) = Avx2::detect()
    {
        return avx2.find(&ESCAPED, bytes, from);
    }
    let mut i = from;
    while i < bytes.len() {
        // Sixteen bytes at a time through text with nothing to escape (nearly all).
        while let Some(two) = bytes[i..].first_chunk::<16>()
            && let (Some(a), Some(b)) = (two.first_chunk::<8>(), two.last_chunk::<8>())
            && escaped(u64::from_le_bytes(*a)) | escaped(u64::from_le_bytes(*b)) == 0
        {
            i += 16;
        }
        // Then eight; the last few as the last eight bytes of all when those from
        // `from` to `i` need no escape (so the first flagged is not among them).
        let (start, word) = match bytes[i..].first_chunk::<8>() {
            Some(word) => (i, *word),
            None => match bytes.last_chunk::<8>() {
                Some(word) if bytes.len() - 8 >= from => (bytes.len() - 8, *word),
                _ => break,
            },
        };
        let found = escaped(u64::from_le_bytes(word));
        if found != 0 {
            return start + (found.trailing_zeros() / 8) as usize;
        }
        i = start + 8;
    }
    // Fewer than eight bytes from `from`.
    bytes[i.min(bytes.len())..]
        .iter()
        .position(|&b| ESCAPED.contains(b))
        .map_or(bytes.len(), |p| i + p)
}

/// The high bit of each byte of `w` (little-endian) that is a control character,
/// `"` or `\\`, the word tricks of Hacker's Delight. Bytes above the first one
/// found may be flagged wrongly (a borrow runs up), never the first.
fn escaped(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * n as u64) & !x & HIGH;
    let quote = w ^ (ONES * b'"' as u64);
    let backslash = w ^ (ONES * b'\\' as u64);
    below(w, 0x20) | below(quote, 1) | below(backslash, 1)
}

/// The table's first line: says what each block holds, and marks the file as claimcheck's
/// (a folder holding `extract -o claims.txt` is read again without it).
pub const TABLE_HEADER: &str = "claimcheck claims: source:line  kind  subject · measure  value unit (qualifier)  as of date  — speaker\n";

/// One block per claim, for reading in a terminal; article text is made `printable` (no
/// escape sequences, one field per line).
/// The table rows, written piece by piece: through `writeln!` the formatting
/// machinery cost more than the rest of writing a claim (a table is what
/// `extract` prints by default). `table_rows_are_as_formatted` keeps the two alike.
fn write_table(out: &mut Vec<u8>, claims: &[Claim]) {
    let mut buf = [0u8; 64];
    for c in claims {
        let text = |out: &mut Vec<u8>, s: &str| out.extend_from_slice(printable(s).as_bytes());
        text(out, &c.source);
        out.push(b':');
        push_number(out, c.line, 1);
        out.extend_from_slice(b"  ");
        text(out, &c.kind);
        out.extend_from_slice(b"  ");
        text(out, &c.subject);
        out.extend_from_slice(" · ".as_bytes());
        text(out, &c.measure);
        out.extend_from_slice(b"  ");
        // (`plain_form` writes what `Display` of the normalised decimal does.)
        let plain = crate::extract::id::plain_form;
        match (c.value.low_value(), c.value.high_value()) {
            (Some(l), Some(h)) if l == h => {
                out.extend_from_slice(plain(Some(l), &mut buf).as_bytes())
            }
            (l, h) => {
                out.extend_from_slice(plain(l, &mut buf).as_bytes());
                out.extend_from_slice(b"..");
                out.extend_from_slice(plain(h, &mut buf).as_bytes());
            }
        }
        out.push(b' ');
        push_unit_label(out, c);
        out.extend_from_slice(b" (");
        out.extend_from_slice(c.qualifier.as_str().as_bytes());
        out.extend_from_slice(b")  as of ");
        match c.as_of {
            Some(d) => push_date(out, d),
            None => out.push(b'?'),
        }
        if let Some(s) = &c.speaker {
            out.extend_from_slice("  — ".as_bytes());
            text(out, s);
        }
        out.extend_from_slice(b"\n    ");
        text(out, &c.value_text);
        out.push(b'\n');
    }
}

/// `n` in decimal, zero-padded to `width` digits (`format!("{n:0width$}")`).
fn push_number(out: &mut Vec<u8>, mut n: usize, width: usize) {
    let mut digits = [b'0'; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let at = at.min(digits.len() - width.min(digits.len()));
    out.extend_from_slice(&digits[at..]);
}

/// The formats claims can be written in (`--format table|csv|json|jsonl`: the names
/// are derived, [`strum::VariantNames`] lists them).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    strum::EnumString,
    strum::Display,
    strum::IntoStaticStr,
    strum::VariantNames,
)]
#[strum(serialize_all = "lowercase")]
pub enum ClaimFormat {
    Table,
    Csv,
    Json,
    Jsonl,
}

impl ClaimFormat {
    /// The extension `-o` takes for each format, in the order of the variants.
    pub const EXTENSIONS: [&str; 4] = ["txt", "csv", "json", "jsonl"];

    /// `.txt` (table), `.csv`, `.json`, `.jsonl`/`.ndjson` (any case); `None` otherwise.
    pub fn from_path(path: &std::path::Path) -> Option<ClaimFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" => ClaimFormat::Table,
            "csv" => ClaimFormat::Csv,
            "json" => ClaimFormat::Json,
            "jsonl" | "ndjson" => ClaimFormat::Jsonl,
            _ => return None,
        })
    }
}

/// A batch of claims already formatted for `ClaimWriter::write_encoded`, so that the
/// formatting can run on worker threads and only the writing stays in order.
#[derive(Debug, Default)]
pub struct Encoded {
    bytes: Vec<u8>,
    claims: usize,
}

impl Encoded {
    /// Formats `claims` (one document's, for JSON: conversions find their claim) in `format`,
    /// without what only the whole output has (CSV header, JSON brackets and separators
    /// between batches).
    /// `doc`, when known, is written with each claim in JSON and JSON lines.
    pub fn new(
        format: ClaimFormat,
        claims: &[Claim],
        doc: Option<&SourceDoc>,
    ) -> io::Result<Encoded> {
        // Room for the quotes and the fields around them, so the batch is not
        // copied as it grows.
        let per_doc = doc.map_or(0, |d| {
            d.title.as_ref().map_or(0, String::len)
                + d.url.as_ref().map_or(0, String::len)
                + d.authors.iter().map(|a| a.len() + 3).sum::<usize>()
        });
        let room = claims
            .iter()
            .map(|c| {
                // (The field names and short fields alone take some 400 bytes.)
                768 + per_doc
                    + c.quote.len()
                    + c.subject.len()
                    + c.value_text.len()
                    + c.mentions.iter().map(|m| m.quote.len() + 64).sum::<usize>()
            })
            .sum();
        let mut bytes = Vec::with_capacity(room);
        match format {
            ClaimFormat::Table => write_table(&mut bytes, claims),
            ClaimFormat::Csv => {
                let mut w = csv::Writer::from_writer(&mut bytes);
                for c in claims {
                    w.write_record(csv_record(c)).map_err(csv_io)?;
                }
                w.flush()?;
            }
            ClaimFormat::Jsonl => {
                let mut label = String::new();
                for (c, key) in claims.iter().zip(crate::compare::group_keys(claims)) {
                    label.clear();
                    let key = key.filter(|k| k.write_label(&mut label)).map(|_| &*label);
                    write_compact(&mut bytes, c, key, doc);
                    bytes.push(b'\n');
                }
            }
            ClaimFormat::Json => {
                for (i, c) in ClaimJson::all(claims, doc).enumerate() {
                    if i > 0 {
                        bytes.extend_from_slice(b",\n");
                    }
                    serde_json::to_writer_pretty(&mut bytes, &c)?;
                }
            }
        }
        Ok(Encoded {
            bytes,
            claims: claims.len(),
        })
    }

    /// The formatted claims.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The number of claims in the batch.
    pub fn len(&self) -> usize {
        self.claims
    }

    pub fn is_empty(&self) -> bool {
        self.claims == 0
    }
}

/// Writes claims as they come, in any format: the header (CSV) or opening
/// bracket (JSON) first, the closing bracket on `finish`.
pub struct ClaimWriter<W: Write> {
    format: ClaimFormat,
    out: W,
    written: usize,
}

impl<W: Write> ClaimWriter<W> {
    /// `excel` starts CSV with a UTF-8 BOM.
    pub fn new(format: ClaimFormat, mut out: W, excel: bool) -> io::Result<Self> {
        match format {
            ClaimFormat::Table => out.write_all(TABLE_HEADER.as_bytes())?,
            ClaimFormat::Jsonl => {}
            ClaimFormat::Json => out.write_all(b"[")?,
            ClaimFormat::Csv => {
                if excel {
                    out.write_all(UTF8_BOM)?;
                }
                let mut w = csv::Writer::from_writer(&mut out);
                w.write_record(CSV_COLUMNS).map_err(csv_io)?;
                w.flush()?;
            }
        }
        Ok(ClaimWriter {
            format,
            out,
            written: 0,
        })
    }

    /// Writes one document's claims (or any set holding the claims their conversions restate).
    pub fn write(&mut self, claims: &[Claim]) -> io::Result<()> {
        self.write_encoded(&Encoded::new(self.format, claims, None)?)
    }

    /// Writes a batch formatted by `Encoded::new` in this writer's format.
    pub fn write_encoded(&mut self, batch: &Encoded) -> io::Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        if self.format == ClaimFormat::Json {
            self.out
                .write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        }
        self.written += batch.claims;
        self.out.write_all(&batch.bytes)
    }

    /// Closes the JSON array and flushes.
    pub fn finish(mut self) -> io::Result<()> {
        if self.format == ClaimFormat::Json {
            self.out.write_all(b"\n]\n")?;
        }
        self.out.flush()
    }
}

/// Writes all `claims` in one go.
pub fn write_claims<W: Write>(
    out: W,
    claims: &[Claim],
    format: ClaimFormat,
    excel: bool,
) -> io::Result<()> {
    let mut w = ClaimWriter::new(format, out, excel)?;
    w.write(claims)?;
    w.finish()
}

/// A claim read back from `extract --format json|jsonl` output.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimRecord {
    claim_id: String,
    source: String,
    kind: String,
    family: String,
    subject: String,
    #[serde(default)]
    measure: String,
    low: Option<String>,
    high: Option<String>,
    low_open: bool,
    high_open: bool,
    unit: String,
    qualifier: String,
    value_text: String,
    as_of: Option<String>,
    as_of_source: crate::claim::AsOfSource,
    #[serde(default)]
    as_of_text: Option<String>,
    published: Option<String>,
    speaker: Option<String>,
    noun: Option<String>,
    quote: String,
    line: usize,
    start: usize,
    end: usize,
    rule: String,
    mentions: Vec<crate::claim::Mention>,
    #[serde(default)]
    converts: Option<String>,
    /// Written for other programs; the checker computes its own.
    #[serde(default, rename = "group_key")]
    _group_key: Option<String>,
    #[serde(default)]
    source_title: Option<String>,
    #[serde(default)]
    source_url: Option<String>,
    #[serde(default)]
    source_authors: Vec<String>,
}

impl ClaimRecord {
    fn into_claim(self) -> Result<Claim, String> {
        use crate::claim::PartialDate;
        use crate::interval::{Bound, Interval};
        use crate::quantity::{Per, Qualifier, Unit};
        let dec = |s: Option<String>, field: &str| -> Result<Option<Decimal>, String> {
            s.map(|s| {
                s.parse::<Decimal>()
                    .map_err(|_| format!("{field}: not a decimal: {s:?}"))
            })
            .transpose()
        };
        let date = |s: Option<String>, field: &str| -> Result<Option<PartialDate>, String> {
            s.map(|s| PartialDate::parse(&s).ok_or(format!("{field}: not a date: {s:?}")))
                .transpose()
        };
        let (unit, per) = match self.unit.split_once('/') {
            Some((u, p)) => (u, Some(p)),
            None => (self.unit.as_str(), None),
        };
        let per = match per {
            None => None,
            Some(p) => Some(Per::parse(p).ok_or(format!("unit: unknown period {p:?}"))?),
        };
        Ok(Claim {
            unit: Unit::parse(unit).ok_or(format!("unit: unknown unit {unit:?}"))?,
            per,
            qualifier: Qualifier::parse(&self.qualifier)
                .ok_or(format!("qualifier: unknown qualifier {:?}", self.qualifier))?,
            value: Interval::new(
                dec(self.low, "low")?.map(|v| Bound::new(v, self.low_open)),
                dec(self.high, "high")?.map(|v| Bound::new(v, self.high_open)),
            ),
            as_of: date(self.as_of, "as_of")?,
            published: date(self.published, "published")?,
            claim_id: self.claim_id,
            source: self.source,
            kind: self.kind,
            family: self.family,
            subject: self.subject,
            measure: self.measure,
            noun: self.noun,
            value_text: self.value_text,
            as_of_source: self.as_of_source,
            as_of_text: self.as_of_text,
            speaker: self.speaker,
            quote: self.quote,
            line: self.line,
            start: self.start,
            end: self.end,
            rule: self.rule,
            mentions: self.mentions,
            converts: self.converts,
        })
    }
}

/// Reads claims written by `write_json` or `write_jsonl`; errors name the line.
pub fn read_claims(text: &str, name: &str) -> Result<Vec<Claim>, ClaimsError> {
    let json = |line: usize, e: serde_json::Error| ClaimsError::Json {
        location: crate::text::Location::new(name, line, e.column()),
        message: e.to_string(),
    };
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('[') {
        let records: Vec<ClaimRecord> =
            serde_json::from_str(trimmed).map_err(|e| json(e.line(), e))?;
        return records
            .into_iter()
            .map(|r| {
                r.into_claim()
                    .map_err(|e| ClaimsError::Claim(format!("{name}: {e}")))
            })
            .collect();
    }
    let mut claims = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: ClaimRecord = serde_json::from_str(line).map_err(|e| json(i + 1, e))?;
        claims.push(
            record
                .into_claim()
                .map_err(|e| ClaimsError::Claim(format!("{name}:{}: {e}", i + 1)))?,
        );
    }
    Ok(claims)
}

/// Why a claims file cannot be read at all (a claim that cannot be read is skipped
/// instead, see [`ClaimsRead`]).
#[derive(Debug, thiserror::Error)]
pub enum ClaimsError {
    #[error("{file}: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    /// A JSON array that does not parse.
    #[error("{location}: {message}")]
    Json {
        location: crate::text::Location,
        message: String,
    },
    /// Strict reading: the first claim that could not be read (`file:line: what`).
    #[error("{0}")]
    Claim(String),
}

/// What reading claims files skipped, and the claim ids seen so far (an id given twice
/// is an error on the line repeating it).
#[derive(Debug, Default)]
pub struct ClaimsRead {
    /// `file:line[:column]: what` for each claim skipped.
    pub skipped: Vec<String>,
    /// Each source's title, address and authors, as its first claim carrying them says.
    pub docs: std::collections::BTreeMap<String, SourceDoc>,
    /// Claim id → where it was first read.
    seen: std::collections::HashMap<String, String>,
}

impl ClaimsRead {
    /// Keeps what a record says of its document, the first time it says anything.
    fn note_doc(&mut self, r: &ClaimRecord) {
        if r.source_title.is_none() && r.source_url.is_none() && r.source_authors.is_empty() {
            return;
        }
        if !self.docs.contains_key(&r.source) {
            self.docs.insert(
                r.source.clone(),
                SourceDoc {
                    title: r.source_title.clone(),
                    url: r.source_url.clone(),
                    authors: r.source_authors.clone(),
                },
            );
        }
    }

    /// Checks a claim read at `place`: bounds in order, an id not seen before.
    fn admit(&mut self, claim: &Claim, place: String) -> Result<(), String> {
        if let (Some(low), Some(high)) = (claim.value.low_value(), claim.value.high_value())
            && low > high
        {
            return Err(format!(
                "{place}: low {} is above high {}",
                low.normalize(),
                high.normalize()
            ));
        }
        if let Some(first) = self.seen.get(&claim.claim_id) {
            return Err(format!(
                "{place}: duplicate claim id {:?} (first at {first})",
                claim.claim_id
            ));
        }
        self.seen.insert(claim.claim_id.clone(), place);
        Ok(())
    }
}

/// Reads claims from a file written by `write_json` or `write_jsonl`, line by line for
/// JSON lines so that a large file is never held as one string; claims `keep` rejects are
/// dropped as they are read. Errors name the file and line; for strict reading, see
/// [`read_claims`].
pub fn read_claims_from(
    input: impl std::io::BufRead,
    name: &str,
    keep: impl Fn(&Claim) -> bool,
) -> Result<Vec<Claim>, ClaimsError> {
    let mut claims = Vec::new();
    let mut state = ClaimsRead::default();
    read_claims_into(input, name, keep, &mut claims, &mut state)?;
    match state.skipped.into_iter().next() {
        Some(first) => Err(ClaimsError::Claim(first)),
        None => Ok(claims),
    }
}

/// `read_claims_from`, appending to `claims` (several files into one list without a copy).
/// A JSON-lines line that cannot be read (not UTF-8, not a claim, bounds out of order, an id
/// already read) is recorded in `state.skipped` as `file:line: what` and reading goes on;
/// `Err` only when the file cannot be read or a JSON array does not parse.
pub fn read_claims_into(
    mut input: impl std::io::BufRead,
    name: &str,
    keep: impl Fn(&Claim) -> bool,
    claims: &mut Vec<Claim>,
    state: &mut ClaimsRead,
) -> Result<(), ClaimsError> {
    let io_error = |source| ClaimsError::Io {
        file: name.to_string(),
        source,
    };
    let mut bytes = Vec::new();
    let mut line_no = 0;
    let mut array = None;
    loop {
        bytes.clear();
        let n = input.read_until(b'\n', &mut bytes).map_err(io_error)?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let text = match std::str::from_utf8(&bytes) {
            Ok(t) => t,
            Err(e) => {
                state.skipped.push(format!(
                    "{name}:{line_no}:{}: not UTF-8",
                    e.valid_up_to() + 1
                ));
                continue;
            }
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text = text.trim_end_matches(['\n', '\r']);
        if text.trim().is_empty() {
            continue;
        }
        // The first non-blank line tells a JSON array from JSON lines.
        if array.is_none() {
            array = Some(text.trim_start().starts_with('['));
            if array == Some(true) {
                let mut rest = format!("{text}\n");
                input.read_to_string(&mut rest).map_err(io_error)?;
                let records: Vec<ClaimRecord> =
                    serde_json::from_str(&rest).map_err(|e| ClaimsError::Json {
                        location: crate::text::Location::new(
                            name,
                            line_no - 1 + e.line(),
                            e.column(),
                        ),
                        message: e.to_string(),
                    })?;
                for (i, record) in records.into_iter().enumerate() {
                    let place = format!("{name}: claim {}", i + 1);
                    state.note_doc(&record);
                    match record.into_claim().and_then(|c| {
                        state.admit(&c, place.clone())?;
                        Ok(c)
                    }) {
                        Ok(c) if keep(&c) => claims.push(c),
                        Ok(_) => {}
                        Err(e) if e.starts_with(&place) => state.skipped.push(e),
                        Err(e) => state.skipped.push(format!("{place}: {e}")),
                    }
                }
                return Ok(());
            }
        }
        let place = format!("{name}:{line_no}");
        let record: ClaimRecord = match serde_json::from_str(text) {
            Ok(r) => r,
            Err(e) => {
                state.skipped.push(format!("{place}:{}: {e}", e.column()));
                continue;
            }
        };
        state.note_doc(&record);
        let claim = match record.into_claim() {
            Ok(c) => c,
            Err(e) => {
                state.skipped.push(format!("{place}: {e}"));
                continue;
            }
        };
        if let Err(e) = state.admit(&claim, place) {
            state.skipped.push(e);
            continue;
        }
        if keep(&claim) {
            claims.push(claim);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{AsOfSource, Mention, PartialDate};
    use crate::interval::{Bound, Interval};
    use crate::quantity::{Currency, Per, Qualifier, Unit};

    fn claim(text: &str) -> Claim {
        Claim {
            claim_id: format!("a/{text}-1"),
            source: "a".into(),
            kind: "price".into(),
            family: "price".into(),
            subject: text.into(),
            measure: String::new(),
            noun: None,
            value: Interval::default(),
            unit: Unit::Count,
            per: None,
            qualifier: Qualifier::Exact,
            value_text: "30".into(),
            as_of: None,
            as_of_source: AsOfSource::Unknown,
            as_of_text: None,
            published: None,
            speaker: None,
            quote: text.into(),
            line: 1,
            start: 0,
            end: 0,
            rule: "test".into(),
            mentions: Vec::new(),
            converts: None,
        }
    }

    #[test]
    fn table_rows_are_as_formatted() {
        use std::str::FromStr;
        // What the table writer printed through `writeln!`.
        fn formatted(c: &Claim) -> String {
            let plain = |d: Option<Decimal>| d.map_or(String::new(), |d| d.normalize().to_string());
            let range = match (c.value.low_value(), c.value.high_value()) {
                (Some(l), Some(h)) if l == h => format!("{}", l.normalize()),
                (l, h) => format!("{}..{}", plain(l), plain(h)),
            };
            format!(
                "{}:{}  {}  {} · {}  {} {} ({})  as of {}{}\n    {}\n",
                printable(&c.source),
                c.line,
                printable(&c.kind),
                printable(&c.subject),
                printable(&c.measure),
                range,
                c.unit_label(),
                c.qualifier,
                c.as_of.map_or("?".to_string(), |d| d.to_string()),
                c.speaker
                    .as_ref()
                    .map_or(String::new(), |s| format!("  — {}", printable(s))),
                printable(&c.value_text),
            )
        }
        let d = |s: &str| Decimal::from_str(s).unwrap();
        let dates = [
            None,
            Some(PartialDate {
                year: 2023,
                month: None,
                day: None,
            }),
            Some(PartialDate {
                year: 987,
                month: Some(7),
                day: Some(5),
            }),
            Some(PartialDate {
                year: -12,
                month: Some(11),
                day: None,
            }),
            Some(PartialDate {
                year: 12345,
                month: Some(123),
                day: Some(31),
            }),
        ];
        let values = [
            Interval::default(),
            Interval::exact(d("1.50")),
            Interval::new(
                Some(Bound::closed(d("100"))),
                Some(Bound::new(d("1e3"), true)),
            ),
            Interval::new(None, Some(Bound::closed(d("-0.05")))),
            Interval::new(Some(Bound::new(d("2.8e6"), true)), None),
        ];
        let mut claims = Vec::new();
        for (i, (as_of, value)) in dates.into_iter().zip(values).enumerate() {
            let mut c = claim(["OpenAI", "a\tb\x1b[2J", "", "英伟达", "x\ny"][i]);
            c.as_of = as_of;
            c.value = value;
            c.line = [1, 10, 999, 12_345, 0][i];
            c.unit = [
                Unit::Count,
                Unit::Money(Currency::USD),
                Unit::Percent,
                Unit::GpuHours,
                Unit::Multiple,
            ][i];
            c.per = (i % 2 == 1).then_some(Per::Month);
            c.qualifier = Qualifier::ALL[i % Qualifier::ALL.len()];
            c.speaker = (i % 2 == 0).then(|| format!("某人{i}\r"));
            c.measure = ["", "revenue", "a\u{202E}b", "训练成本", " "][i].into();
            c.value_text = ["30", "1.5亿美元", "\t", "约 100", "x"][i].into();
            claims.push(c);
        }
        let mut written = Vec::new();
        write_table(&mut written, &claims);
        let expected: String = claims.iter().map(formatted).collect();
        assert_eq!(String::from_utf8(written).unwrap(), expected);
    }

    #[test]
    fn decimal_text_is_display() {
        use std::str::FromStr;
        for text in [
            "0",
            "-0",
            "0.0",
            "1",
            "-1",
            "10",
            "100.00",
            "0.05",
            "-0.05",
            "1.5",
            "12.3400",
            "0.000001",
            "123456789012345678901234567",
            "-79228162514264337593543950335",
            "7922816251426433759354395033.5",
            "0.0000000000000000000000000001",
            "18446744073709551616",
            "18446744073709551615",
            "-1844674407370955161.6",
        ] {
            let d = Decimal::from_str(text).unwrap();
            assert_eq!(decimal_text(d), d.normalize().to_string(), "{text}");
        }
        for m in [-1_000_001i64, -7, 0, 3, 250, 99_999, i64::MAX] {
            for scale in 0..=28 {
                let d = Decimal::new(m, scale);
                assert_eq!(decimal_text(d), d.normalize().to_string(), "{m} {scale}");
            }
        }
    }

    #[test]
    fn compact_json_is_serde_json() {
        let every_ascii: String = (0u8..0x80).map(char::from).collect();
        let texts = [
            String::new(),
            "据统计30美元/月。".into(),
            every_ascii.clone(),
            format!("长一些的句子,\"引号\"\\和\u{7f}{every_ascii}中文\u{1f600}"),
            "0123456\n89abcdef\u{1}".into(),
            // Escapes in the tails of short fields.
            "ab\"".into(),
            "12345678\\".into(),
            "abcdefghij\u{1f}".into(),
            "\"abcdefghijklmnopq\"".into(),
            "abcdefghij\"k".into(),
        ];
        let mut claims: Vec<Claim> = texts.iter().map(|t| claim(t)).collect();
        claims[1].value = Interval::new(
            Some(Bound::new("1.50".parse().unwrap(), true)),
            Some(Bound::new("1234567890123".parse().unwrap(), false)),
        );
        claims[1].unit = Unit::Money(Currency::USD);
        claims[1].per = Some(Per::Month);
        claims[1].as_of = PartialDate::parse("2023-05");
        claims[1].as_of_source = AsOfSource::Text;
        claims[1].published = PartialDate::parse("2023-05-28");
        claims[1].speaker = Some("OpenAI\t".into());
        claims[1].noun = Some("个".into());
        claims[1].measure = "subscription price".into();
        claims[1].line = 12_345;
        claims[1].start = 9;
        claims[1].end = 1_000_000;
        claims[2].as_of_source = AsOfSource::Published;
        // Years of other widths, a month and day of one digit.
        claims[2].as_of = Some(PartialDate {
            year: -12,
            month: Some(3),
            day: None,
        });
        claims[4].as_of = Some(PartialDate {
            year: 12345,
            month: Some(1),
            day: Some(2),
        });
        claims[4].published = Some(PartialDate {
            year: 7,
            month: None,
            day: None,
        });
        claims[2].converts = Some("a/x-2".into());
        claims[3].mentions = vec![
            Mention {
                quote: every_ascii.clone(),
                line: 2,
                start: 3,
                end: 4,
            },
            Mention {
                quote: "又说\"30\"".into(),
                line: 0,
                start: 0,
                end: 0,
            },
        ];
        let docs = [
            None,
            Some(SourceDoc::default()),
            Some(SourceDoc {
                title: Some(format!("标题 {every_ascii}")),
                url: Some("https://example.com/a?b=\"c\"".into()),
                authors: vec!["甲".into(), "B\\".into()],
            }),
        ];
        let labels = crate::compare::group_key_labels(&claims);
        for doc in &docs {
            for ((c, json), key) in claims
                .iter()
                .zip(ClaimJson::all(&claims, doc.as_ref()))
                .zip(&labels)
            {
                let mut ours = Vec::new();
                write_compact(&mut ours, c, key.as_deref(), doc.as_ref());
                let theirs = serde_json::to_vec(&json).unwrap();
                assert_eq!(
                    String::from_utf8(ours).unwrap(),
                    String::from_utf8(theirs).unwrap()
                );
            }
        }
    }
}
