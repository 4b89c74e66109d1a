//! Reports of a `Check`: plain text for a terminal, Markdown to paste, JSON for programs
//! (schema in docs/report-json.md) and a self-contained HTML page with the articles.
//!
//! Every format opens the same way: the conflicts, strongest first (by how far apart the
//! figures are and how many independent origins take part), each as one sentence naming
//! figure, origin and date, with related groups (`China · LLM makers` beside `China ·
//! LLMs`). Groups where two or more origins meet follow in detail; groups of one origin are
//! collapsed into one table.

mod html;
mod json;
mod md;
mod text;

use crate::claim::Claim;
use crate::compare::{Check, Figure, Group, Verdict};
use crate::quantity::{Currency, Qualifier};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::Path;

pub use json::SCHEMA;

/// Output formats, chosen by file extension or flag (`--format text|md|json|html`:
/// the names are derived, [`strum::VariantNames`] lists them).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    strum::EnumString,
    strum::Display,
    strum::IntoStaticStr,
    strum::VariantNames,
)]
#[strum(serialize_all = "lowercase")]
pub enum Format {
    Text,
    #[strum(to_string = "md")]
    Markdown,
    Json,
    Html,
}

impl Format {
    /// The extension `-o` takes for each format, in the order of the variants.
    pub const EXTENSIONS: [&str; 4] = ["txt", "md", "json", "html"];

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

/// An article: its original text for the HTML view, and its title and address.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocText {
    /// The document stem, as in `Claim::source`.
    pub source: String,
    pub text: String,
    /// From `sources.toml` beside the file, else the text's header.
    pub title: Option<String>,
    pub url: Option<String>,
}

impl DocText {
    /// The article text and header metadata of a document read from disk.
    pub fn of(doc: &crate::input::Document) -> DocText {
        DocText {
            source: doc.source.clone(),
            text: doc.text.clone(),
            title: doc.meta.title.clone(),
            url: doc.meta.url.clone(),
        }
    }

    /// Every document of a corpus, titles and addresses from `sources.toml` beside each
    /// file taking precedence over the text's header (a broken file is ignored here: the
    /// corpus loader already reported it).
    pub fn all(docs: &[crate::input::Document]) -> Vec<DocText> {
        Self::all_with(docs, true)
    }

    fn all_with(docs: &[crate::input::Document], with_text: bool) -> Vec<DocText> {
        let mut tables: BTreeMap<std::path::PathBuf, BTreeMap<String, _>> = BTreeMap::new();
        docs.iter()
            .map(|doc| {
                let mut d = DocText {
                    source: doc.source.clone(),
                    text: if with_text {
                        doc.text.clone()
                    } else {
                        String::new()
                    },
                    title: doc.meta.title.clone(),
                    url: doc.meta.url.clone(),
                };
                let dir = doc.path.parent().unwrap_or(Path::new(".")).to_path_buf();
                let table = tables.entry(dir.clone()).or_insert_with(|| {
                    let file = dir.join(crate::input::corpus::SOURCES_FILE);
                    if file.is_file() {
                        crate::input::sources::load_sources(&file).unwrap_or_default()
                    } else {
                        BTreeMap::new()
                    }
                });
                let stem = doc.path.file_stem().map(|s| s.to_string_lossy());
                if let Some(info) = stem.and_then(|stem| table.get(stem.as_ref())) {
                    if info.title.is_some() {
                        d.title = info.title.clone();
                    }
                    if info.url.is_some() {
                        d.url = info.url.clone();
                    }
                }
                d
            })
            .collect()
    }
}

/// The article views of a corpus and the check options they imply: each document's title
/// (naming unattributed figures' origin) and the author its byline names. Only the HTML
/// page shows the articles, so only it needs `with_text` (the text is not copied otherwise).
pub fn prepare(
    docs: &[crate::input::Document],
    with_text: bool,
) -> (Vec<DocText>, crate::compare::CheckOptions) {
    let views = DocText::all_with(docs, with_text);
    let options = crate::compare::CheckOptions {
        authors: docs
            .iter()
            .map(|d| {
                (
                    d.source.clone(),
                    crate::compare::origin::authors_of(d.visible()),
                )
            })
            .collect(),
        titles: views
            .iter()
            .filter_map(|d| d.title.clone().map(|t| (d.source.clone(), t)))
            .collect(),
        ..Default::default()
    };
    (views, options)
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
    let mut bytes: Vec<u8> = Vec::new();
    // Writing to memory cannot fail.
    let _ = render_to(check, claims, docs, format, color, &mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}

/// Renders the check into `sink` a section at a time, so a report of a million claims is
/// never held whole in memory.
pub fn render_to(
    check: &Check,
    claims: &[Claim],
    docs: &[DocText],
    format: Format,
    color: bool,
    sink: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let ctx = Ctx::new(check, claims, docs);
    if format == Format::Json {
        return json::render(&ctx, sink);
    }
    let mut out = Out {
        buf: String::new(),
        sink,
        error: None,
    };
    match format {
        Format::Text => text::render(&ctx, color, &mut out),
        Format::Markdown => md::render(&ctx, &mut out),
        Format::Html => html::render(&ctx, &mut out),
        Format::Json => {}
    }
    out.flush();
    match out.error {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// A buffer the renderers write into and flush to the sink after each section.
pub(crate) struct Out<'w> {
    buf: String,
    sink: &'w mut dyn std::io::Write,
    error: Option<std::io::Error>,
}

impl Out<'_> {
    /// Hands the buffered text to the sink (after the first error, text is dropped).
    pub fn flush(&mut self) {
        if self.error.is_none()
            && let Err(e) = self.sink.write_all(self.buf.as_bytes())
        {
            self.error = Some(e);
        }
        self.buf.clear();
    }
}

impl std::ops::Deref for Out<'_> {
    type Target = String;
    fn deref(&self) -> &String {
        &self.buf
    }
}

impl std::ops::DerefMut for Out<'_> {
    fn deref_mut(&mut self) -> &mut String {
        &mut self.buf
    }
}

/// What every renderer needs: the check, the claims and the documents by stem.
pub(crate) struct Ctx<'a> {
    pub check: &'a Check,
    pub claims: &'a [Claim],
    pub docs: &'a [DocText],
    by_stem: BTreeMap<&'a str, &'a DocText>,
}

impl<'a> Ctx<'a> {
    fn new(check: &'a Check, claims: &'a [Claim], docs: &'a [DocText]) -> Ctx<'a> {
        Ctx {
            check,
            claims,
            docs,
            by_stem: docs.iter().map(|d| (d.source.as_str(), d)).collect(),
        }
    }

    pub fn claim(&self, f: &Figure) -> &'a Claim {
        &self.claims[f.claim_index]
    }

    /// A document's title when known, else its stem.
    pub fn doc_name(&self, stem: &'a str) -> &'a str {
        self.by_stem
            .get(stem)
            .and_then(|d| d.title.as_deref())
            .filter(|t| !t.trim().is_empty())
            .unwrap_or(stem)
    }

    pub fn doc(&self, stem: &str) -> Option<&'a DocText> {
        self.by_stem.get(stem).copied()
    }

    /// Who stands behind a figure: the speaker as written, else the origin's name (the
    /// document's title, or the original a repost copies).
    pub fn who(&self, f: &Figure) -> String {
        let c = self.claim(f);
        match c.speaker.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(s) => s.trim().to_string(),
            None => {
                let label = self.check.origin_label(f.origin);
                if label == c.source {
                    self.doc_name(&c.source).to_string()
                } else {
                    label.to_string()
                }
            }
        }
    }

    /// Conflict groups, strongest first (the check's order).
    pub fn conflicts(&self) -> impl Iterator<Item = &'a Group> {
        self.check
            .groups
            .iter()
            .filter(|g| g.verdict == Verdict::Conflict)
    }

    /// Groups where two or more independent origins meet, in report order.
    pub fn multi(&self) -> impl Iterator<Item = &'a Group> {
        self.check.groups.iter().filter(|g| g.origins >= 2)
    }

    /// Groups of one origin.
    pub fn single(&self) -> impl Iterator<Item = &'a Group> {
        self.check.groups.iter().filter(|g| g.origins < 2)
    }

    /// One sentence for a group: its figures with origin and date, then related figures.
    /// `China · LLMs: 116 (腾讯研究院副秘书长杨望, 2023-07) · 超过120 (星海情报局,
    /// 2023-07); related: 130 LLM makers (优刻得CEO季昕华, 2023-07)`.
    pub fn sentence(&self, g: &Group) -> String {
        // One phrase per value and date: `79个 (赵志耕; 星海情报局, 2023-05-28)` says that two
        // origins agree without repeating the figure.
        let chosen = sentence_figures(g, SENTENCE_FIGURES);
        let mut phrases: Vec<(&Figure, Vec<String>)> = Vec::new();
        for f in &chosen {
            let who = self.who(f);
            match phrases
                .iter_mut()
                .find(|(p, _)| p.compared == f.compared && p.when == f.when)
            {
                Some((_, names)) if !names.contains(&who) => names.push(who),
                Some(_) => {}
                None => phrases.push((f, vec![who])),
            }
        }
        let mut parts: Vec<String> = phrases
            .iter()
            .map(|(f, names)| self.phrase(f, None, &names.join("; ")))
            .collect();
        let shown = chosen.len();
        if g.figures.len() > shown {
            parts.push(format!("… {} more", g.figures.len() - shown));
        }
        let mut text = format!("{}: {}", g.title(), parts.join(" · "));
        // One figure per related group, the groups most origins speak to first.
        let related: Vec<String> = g
            .related
            .iter()
            .filter_map(|&r| self.check.groups.get(r))
            .take(RELATED_IN_SENTENCE)
            .filter_map(|r| sentence_figures(r, 1).into_iter().next().map(|f| (r, f)))
            .map(|(r, f)| self.figure_phrase(f, Some(r)))
            .collect();
        if !related.is_empty() {
            text.push_str("; related: ");
            text.push_str(&related.join(" · "));
        }
        text
    }

    /// `116 (腾讯研究院副秘书长杨望, 2023-07)`; with `group`, the measure follows the value.
    pub fn figure_phrase(&self, f: &Figure, group: Option<&Group>) -> String {
        self.phrase(f, group, &self.who(f))
    }

    fn phrase(&self, f: &Figure, group: Option<&Group>, who: &str) -> String {
        let c = self.claim(f);
        let mut value = clean_debris(c.value_text.trim());
        if let Some(g) = group {
            let what = if g.measure.is_empty() {
                g.kind.replace('_', " ")
            } else {
                g.measure.clone()
            };
            value = format!("{value} {what}");
        }
        let date = match f.date() {
            Some(d) if f.date_assumed() => format!(", {d} assumed"),
            Some(d) => format!(", {d}"),
            None => String::new(),
        };
        format!("{value} ({who}{date})")
    }
}

/// Figures named in a sentence, and related groups named after it.
const SENTENCE_FIGURES: usize = 6;
const RELATED_IN_SENTENCE: usize = 3;

/// Up to `limit` figures of a group for a sentence: first those of its strongest
/// conflicting pairs, then others in conflicts, then the rest (one per distinct value and
/// origin), shown in date order.
fn sentence_figures(g: &Group, limit: usize) -> Vec<&Figure> {
    let mut chosen: Vec<usize> = Vec::new();
    let mut seen: Vec<(u32, String)> = Vec::new();
    let named = g
        .conflicts
        .iter()
        .flat_map(|c| [c.a_index, c.b_index])
        .filter_map(|i| g.figures.iter().position(|f| f.claim_index == i));
    let in_conflict = (0..g.figures.len()).filter(|&p| g.figures[p].in_conflict);
    let rest = 0..g.figures.len();
    for p in named.chain(in_conflict).chain(rest) {
        if chosen.len() == limit {
            break;
        }
        let f = &g.figures[p];
        let key = (f.origin, f.compared.to_string());
        if chosen.len() < limit && !chosen.contains(&p) && !seen.contains(&key) {
            seen.push(key);
            chosen.push(p);
        }
    }
    chosen.sort_unstable();
    chosen.into_iter().map(|p| &g.figures[p]).collect()
}

/// Removes converter debris: a CJK character followed by its pinyin in parentheses with a
/// tone mark (`發(fā)展` → `發展`, `训(xùn)练` → `训练`). Real parentheses such as `(WAIC)`
/// or `(ID:junwu2333)` stay.
pub fn clean_debris(text: &str) -> String {
    use std::sync::OnceLock;
    static DEBRIS: OnceLock<regex::Regex> = OnceLock::new();
    let re = DEBRIS.get_or_init(|| {
        regex::Regex::new(r"(\p{Han})[(（]\s*[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]*\s*[)）]")
            .expect("debris pattern")
    });
    // A quote cut inside debris starts with its tail (`yōu)…`).
    static TAIL: OnceLock<regex::Regex> = OnceLock::new();
    let tail = TAIL.get_or_init(|| {
        regex::Regex::new(r"^[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]*[)）]")
            .expect("debris tail pattern")
    });
    let text = tail.replace(text, "");
    re.replace_all(&text, "$1").into_owned()
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
    let stated = Figure::stated(claim);
    let mut text = format!("{prefix}{stated} {}", claim.unit_label());
    if let (Some(fx), Some(usd)) = (figure.fx.as_ref(), figure.usd(claim)) {
        let per = claim
            .per
            .map_or(String::new(), |p| format!("/{}", p.as_str()));
        text.push_str(&format!(
            " (≈ {} USD{per} at {} rate)",
            usd.rounded(2),
            fx.month
        ));
    } else if figure.normalized(claim) != stated {
        text.push_str(&format!(
            " (= {} {})",
            figure.normalized(claim).rounded(2),
            group.common_unit
        ));
    }
    text
}

/// `2023-07`, `2023-09 (assumed)` or `undated`.
fn as_of_text(figure: &Figure) -> String {
    match figure.date() {
        Some(d) if figure.date_assumed() => format!("{d} (assumed)"),
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

/// A value for axes and labels: `1.4M`, `230`, `0.25`, and money as `$1.4M` or `1.4亿`.
pub(crate) fn human(value: Decimal, unit: &str) -> String {
    let chinese = unit.starts_with(Currency::CNY.as_str())
        || unit.starts_with(Currency::HKD.as_str())
        || unit.starts_with(Currency::TWD.as_str());
    let abs = value.abs();
    let (scaled, suffix) = if chinese {
        if abs >= Decimal::from(100_000_000) {
            (value / Decimal::from(100_000_000), "亿")
        } else if abs >= Decimal::from(10_000) {
            (value / Decimal::from(10_000), "万")
        } else {
            (value, "")
        }
    } else if abs >= Decimal::from(1_000_000_000_000u64) {
        (value / Decimal::from(1_000_000_000_000u64), "T")
    } else if abs >= Decimal::from(1_000_000_000) {
        (value / Decimal::from(1_000_000_000), "B")
    } else if abs >= Decimal::from(1_000_000) {
        (value / Decimal::from(1_000_000), "M")
    } else if abs >= Decimal::from(10_000) {
        (value / Decimal::from(1_000), "K")
    } else {
        (value, "")
    };
    let places = if scaled.abs() >= Decimal::from(100) {
        0
    } else {
        2
    };
    let number = scaled.round_dp(places).normalize().to_string();
    let prefix = if unit.starts_with("USD") { "$" } else { "" };
    format!("{prefix}{number}{suffix}")
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

    #[test]
    fn debris_is_cleaned_and_real_parentheses_stay() {
        assert_eq!(clean_debris("發(fā)展"), "發展");
        assert_eq!(clean_debris("yōu)棹蓋S集體參戰"), "棹蓋S集體參戰");
        assert_eq!(
            clean_debris("国内(nèi)的大模型已经(jīng)超过"),
            "国内的大模型已经超过"
        );
        assert_eq!(clean_debris("大会(WAIC)在上海"), "大会(WAIC)在上海");
        assert_eq!(
            clean_debris("星海情报局(ID:junwu2333)"),
            "星海情报局(ID:junwu2333)"
        );
    }

    #[test]
    fn human_values() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(human(d("1400000"), "USD"), "$1.4M");
        assert_eq!(human(d("120000000"), "CNY"), "1.2亿");
        assert_eq!(human(d("35000"), "CNY"), "3.5万");
        assert_eq!(human(d("230"), "count"), "230");
        assert_eq!(human(d("1800000000000"), "count"), "1.8T");
        assert_eq!(human(d("0.25"), "multiple"), "0.25");
    }
}
