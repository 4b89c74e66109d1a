//! Metadata written at the top of a text file rather than in it: comment lines
//! such as `# source: URL (outlet)` / `# date: 2023-05-16`, or a YAML front-matter
//! block between `---` lines. They describe the article; they are not its text,
//! so extraction never sees them (they are blanked in `Document::visible`).

use crate::claim::PartialDate;
use std::collections::BTreeMap;

/// What a document's header says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocMeta {
    /// Every `key: value` of the header, keys lower-cased.
    pub fields: BTreeMap<String, String>,
    /// `date`/`published`, when it is a date (`unknown` is not).
    pub published: Option<PartialDate>,
    /// The first `http(s)://` address in `url` or `source`.
    pub url: Option<String>,
    /// `title`, else the words of `source`/`outlet` other than the address
    /// (`# source: https://… (华尔街见闻, citing 证券时报)` gives `华尔街见闻, citing 证券时报`).
    pub title: Option<String>,
}

/// Keys that make a `# key: value` line a header line rather than a Markdown heading.
const KNOWN_KEYS: &[&str] = &[
    "source",
    "url",
    "date",
    "published",
    "title",
    "author",
    "outlet",
    "lang",
    "language",
];

/// The header of `text` and the byte length it occupies (0 when there is none).
///
/// A comment header is the run of leading lines `# key: value` with a known key;
/// a front-matter block is `---` on the first line, `key: value` lines, and a
/// closing `---`. Blank lines directly after either belong to the header.
pub fn parse_header(text: &str) -> (DocMeta, usize) {
    let mut fields = BTreeMap::new();
    let mut end = 0;
    if let Some(after) = first_line_is(text, "---") {
        let mut pos = after;
        let mut closed = None;
        for line in lines_from(text, pos) {
            let body = line.trim_end_matches(['\r', '\n']);
            if body.trim() == "---" {
                closed = Some(pos + line.len());
                break;
            }
            if let Some((k, v)) = key_value(body) {
                fields.insert(k, unquote(v));
            } else if !body.trim().is_empty() && !body.starts_with([' ', '\t', '-', '#']) {
                // Not YAML we understand: treat the file as having no header.
                fields.clear();
                break;
            }
            pos += line.len();
        }
        match closed {
            Some(e) => end = e,
            None => fields.clear(),
        }
    } else {
        let mut pos = 0;
        for line in lines_from(text, 0) {
            let body = line.trim_end_matches(['\r', '\n']);
            let Some(rest) = body.strip_prefix('#') else {
                break;
            };
            let Some((k, v)) = key_value(rest.trim_start()) else {
                break;
            };
            if !KNOWN_KEYS.contains(&k.as_str()) {
                break;
            }
            fields.insert(k, v.to_string());
            pos += line.len();
            end = pos;
        }
    }
    if fields.is_empty() {
        return (DocMeta::default(), 0);
    }
    for line in lines_from(text, end) {
        if !line.trim().is_empty() {
            break;
        }
        end += line.len();
    }
    (meta_of(fields), end)
}

fn meta_of(fields: BTreeMap<String, String>) -> DocMeta {
    let get = |k: &str| fields.get(k).map(|s| s.trim()).filter(|s| !s.is_empty());
    let published = get("date")
        .or(get("published"))
        .and_then(|d| PartialDate::parse(d.split_whitespace().next().unwrap_or("")));
    let url = ["url", "source"]
        .iter()
        .filter_map(|k| get(k))
        .find_map(|v| v.split_whitespace().find(|w| is_url(w)))
        .map(str::to_string);
    let title = get("title").map(str::to_string).or_else(|| {
        ["source", "outlet"]
            .iter()
            .filter_map(|k| get(k))
            .find_map(|v| {
                let rest: Vec<&str> = v.split_whitespace().filter(|w| !is_url(w)).collect();
                let rest = rest.join(" ");
                let rest = rest
                    .trim()
                    .trim_start_matches('(')
                    .trim_end_matches(')')
                    .trim();
                (!rest.is_empty()).then(|| rest.to_string())
            })
    });
    DocMeta {
        fields,
        published,
        url,
        title,
    }
}

fn is_url(w: &str) -> bool {
    w.starts_with("http://") || w.starts_with("https://")
}

/// The byte offset after the first line when that line is `marker`.
fn first_line_is(text: &str, marker: &str) -> Option<usize> {
    let line = lines_from(text, 0).next()?;
    (line.trim_end_matches(['\r', '\n']) == marker).then_some(line.len())
}

/// Lines of `text` from byte `pos`, each with its line ending.
fn lines_from(text: &str, pos: usize) -> impl Iterator<Item = &str> {
    text[pos..].split_inclusive('\n')
}

/// `key: value` with a short ASCII key (letters, digits, `_`, `-`), key lower-cased.
fn key_value(line: &str) -> Option<(String, &str)> {
    let (k, v) = line.split_once(':')?;
    let k = k.trim();
    let ok = (1..=24).contains(&k.len())
        && k.starts_with(|c: char| c.is_ascii_alphabetic())
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    ok.then(|| (k.to_ascii_lowercase(), v.trim()))
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return v[1..v.len() - 1].to_string();
        }
    }
    v.to_string()
}

/// `text` with bytes `..end` blanked: every non-newline byte becomes a space, so
/// byte offsets and line numbers are unchanged and every character boundary of
/// the original is still one.
pub fn blank_prefix(text: &str, end: usize) -> String {
    // `end` ends a line, so the blanked part holds whole characters and the rest is
    // copied as it is: nothing to validate again (the document may be megabytes).
    let end = (0..=end.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let mut out = String::with_capacity(text.len());
    out.extend(text.as_bytes()[..end].iter().map(|&b| match b {
        b'\n' | b'\r' => b as char,
        _ => ' ',
    }));
    out.push_str(&text[end..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_header_is_metadata() {
        let text = "# source: https://example.com/a/1 (华尔街见闻, citing 证券时报)\n# date: 2023-05-16\n\n正文3亿美元。\n";
        let (meta, end) = parse_header(text);
        assert_eq!(meta.published, PartialDate::parse("2023-05-16"));
        assert_eq!(meta.url.as_deref(), Some("https://example.com/a/1"));
        assert_eq!(meta.title.as_deref(), Some("华尔街见闻, citing 证券时报"));
        assert_eq!(&text[end..], "正文3亿美元。\n");
        let blanked = blank_prefix(text, end);
        assert_eq!(blanked.len(), text.len());
        assert!(blanked.ends_with("正文3亿美元。\n"));
        assert_eq!(blanked.matches('\n').count(), text.matches('\n').count());
    }

    #[test]
    fn unknown_date_and_markdown_headings() {
        let (meta, end) = parse_header("# date: unknown\nText\n");
        assert_eq!(meta.published, None);
        assert_eq!(end, "# date: unknown\n".len());
        // A Markdown heading is text, not a header.
        let (meta, end) = parse_header("# 国内大模型: 79个\n正文\n");
        assert_eq!((meta, end), (DocMeta::default(), 0));
        let (_, end) = parse_header("no header\n# date: 2023-01-01\n");
        assert_eq!(end, 0);
    }

    #[test]
    fn front_matter() {
        let text = "---\ntitle: \"大模型\"\ndate: 2024-05\nurl: https://x.org/p\n---\n正文\n";
        let (meta, end) = parse_header(text);
        assert_eq!(meta.title.as_deref(), Some("大模型"));
        assert_eq!(meta.published, PartialDate::parse("2024-05"));
        assert_eq!(meta.url.as_deref(), Some("https://x.org/p"));
        assert_eq!(&text[end..], "正文\n");
        // Unclosed: no header.
        assert_eq!(parse_header("---\ntitle: x\n正文\n").1, 0);
    }
}
