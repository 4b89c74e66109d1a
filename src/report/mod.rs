//! Reports of a `Check`: plain text for a terminal, Markdown to paste, JSON for programs
//! (schema in docs/report-json.md) and a self-contained HTML page with the articles.

mod html;
mod json;
mod md;
mod text;

use crate::claim::Claim;
use crate::compare::{Check, Figure, Group};
use crate::quantity::Qualifier;
use std::path::Path;

pub use json::SCHEMA;

/// Output formats, chosen by file extension or flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Markdown,
    Json,
    Html,
}

impl Format {
    /// `.txt`, `.md`, `.json`, `.html`/`.htm` (any case); `None` otherwise.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "json" => Format::Json,
            "html" | "htm" => Format::Html,
            _ => return None,
        })
    }
}

/// An article's original text, for the HTML view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocText {
    /// The document stem, as in `Claim::source`.
    pub source: String,
    pub text: String,
}

impl DocText {
    /// The article text of a document read from disk.
    pub fn of(doc: &crate::input::Document) -> DocText {
        DocText {
            source: doc.source.clone(),
            text: doc.text.clone(),
        }
    }
}

/// Renders the check. `claims` must be the slice given to `check`; `color` adds ANSI
/// colours to the text format only.
pub fn render(
    check: &Check,
    claims: &[Claim],
    docs: &[DocText],
    format: Format,
    color: bool,
) -> String {
    match format {
        Format::Text => text::render(check, claims, color),
        Format::Markdown => md::render(check, claims),
        Format::Json => json::render(check, claims),
        Format::Html => html::render(check, claims, docs),
    }
}

/// The summary's counts with their labels, in the order reports show them.
fn summary_rows(s: &crate::compare::Summary) -> [(&'static str, usize); 9] {
    [
        ("groups", s.groups),
        ("conflicts", s.conflicts),
        ("timelines", s.timelines),
        ("corroborated", s.corroborated),
        ("single source", s.single),
        ("conflicting pairs", s.conflicting_pairs),
        ("corroborations", s.corroborations),
        ("claims", s.claims),
        ("source documents", s.sources),
    ]
}

/// The claim behind a figure (by index, checked against the id).
fn claim_of<'a>(claims: &'a [Claim], figure: &Figure) -> Option<&'a Claim> {
    claims
        .get(figure.claim_index)
        .filter(|c| c.claim_id == figure.claim_id)
        .or_else(|| claims.iter().find(|c| c.claim_id == figure.claim_id))
}

/// `≥ 1400000 USD`, `[100, 1000) count`, `≈ 700000 USD/day`, then the common-unit value
/// when it differs: `(≈ 1392760 USD at 2023-07 rate)`, `(= 1095.75 days)`.
/// Money in another currency always shows its USD value, even when compared natively.
fn normalized_text(figure: &Figure, claim: &Claim, group: &Group) -> String {
    let prefix = match claim.qualifier {
        Qualifier::Approx => "≈ ",
        Qualifier::Nearly => "nearly ",
        _ => "",
    };
    let mut text = format!("{prefix}{} {}", figure.stated, claim.unit_label());
    if let (Some(fx), Some(usd)) = (figure.fx, figure.usd) {
        let per = claim
            .per
            .map_or(String::new(), |p| format!("/{}", p.as_str()));
        text.push_str(&format!(
            " (≈ {} USD{per} at {} rate)",
            usd.rounded(2),
            fx.month
        ));
    } else if figure.normalized != figure.stated {
        text.push_str(&format!(
            " (= {} {})",
            figure.normalized.rounded(2),
            group.common_unit
        ));
    }
    text
}

/// `2023-07`, `2023-09 (assumed)` or `undated`.
fn as_of_text(figure: &Figure) -> String {
    match figure.date {
        Some(d) if figure.date_assumed => format!("{d} (assumed)"),
        Some(d) => d.to_string(),
        None => "undated".into(),
    }
}

/// At most `max` characters of `quote`, kept around `focus` when it is far in.
fn shorten(quote: &str, focus: &str, max: usize) -> String {
    let chars: Vec<char> = quote.chars().collect();
    if chars.len() <= max {
        return quote.to_string();
    }
    let focus_at = quote
        .find(focus)
        .filter(|_| !focus.is_empty())
        .map_or(0, |b| quote[..b].chars().count());
    let keep = max.saturating_sub(2).max(1);
    let start = focus_at
        .saturating_sub(keep / 3)
        .min(chars.len().saturating_sub(keep));
    let end = (start + keep).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// How many times the figure was stated in its document.
fn statements(claim: &Claim) -> usize {
    1 + claim.mentions.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::from_path(Path::new("r.TXT")), Some(Format::Text));
        assert_eq!(
            Format::from_path(Path::new("a/r.md")),
            Some(Format::Markdown)
        );
        assert_eq!(Format::from_path(Path::new("r.json")), Some(Format::Json));
        assert_eq!(Format::from_path(Path::new("r.htm")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("r.html")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("r.csv")), None);
        assert_eq!(Format::from_path(Path::new("report")), None);
    }

    #[test]
    fn shortening_keeps_the_figure_in_view() {
        let long = format!(
            "{}国内已经发布了79个大模型{}",
            "前".repeat(80),
            "后".repeat(80)
        );
        let short = shorten(&long, "79个", 60);
        assert!(short.contains("79个"), "{short}");
        assert!(short.chars().count() <= 60);
        assert!(short.starts_with('…') && short.ends_with('…'));
        assert_eq!(shorten("短句", "x", 60), "短句");
    }
}
