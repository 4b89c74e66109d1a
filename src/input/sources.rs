//! `sources.toml`: what the user records about documents that their text does
//! not say (publication date, URL, title), keyed by file name without extension.

use crate::claim::PartialDate;
use crate::input::toml_file::TomlFile;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// What `data/sources.toml` records about one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceInfo {
    pub published: Option<PartialDate>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub note: Option<String>,
}

/// Why a `sources.toml` could not be loaded (the one TOML loader's error).
pub type SourcesError = crate::input::toml_file::LoadError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    #[serde(default)]
    sources: BTreeMap<String, RawSource>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    /// A string (`"2023-05"`) or a TOML date (`2023-05-13`).
    published: Option<toml::Spanned<toml::Value>>,
    url: Option<String>,
    title: Option<String>,
    note: Option<String>,
}

/// Reads the sources file at `path`, keyed by document file stem.
pub fn load_sources(path: &Path) -> Result<BTreeMap<String, SourceInfo>, SourcesError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| SourcesError::Io {
        path: shown.clone(),
        source,
    })?;
    parse_sources(&text, &shown)
}

/// Parses sources TOML; `path_for_messages` names the file in errors.
pub fn parse_sources(
    toml_text: &str,
    path_for_messages: &str,
) -> Result<BTreeMap<String, SourceInfo>, SourcesError> {
    let toml = TomlFile::new(path_for_messages, toml_text);
    let file: SourcesFile = toml.parse()?;
    file.sources
        .into_iter()
        .map(|(key, raw)| {
            let published = match raw.published {
                None => None,
                Some(value) => Some(published_value(value.get_ref()).ok_or_else(|| {
                    let message = format!(
                        "sources.\"{key}\".published: invalid date {} (expected \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\")",
                        value.get_ref()
                    );
                    SourcesError::from(toml.error(value.span().start, message))
                })?),
            };
            let info = SourceInfo {
                published,
                url: raw.url,
                title: raw.title,
                note: raw.note,
            };
            Ok((key, info))
        })
        .collect()
}

fn published_value(value: &toml::Value) -> Option<PartialDate> {
    match value {
        toml::Value::String(s) => PartialDate::parse(s.trim()),
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
            PartialDate::parse(&dt.to_string())
        }
        toml::Value::Integer(y) => i32::try_from(*y).ok().map(PartialDate::year),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::published::published_from_text;

    fn date(s: &str) -> Option<PartialDate> {
        Some(PartialDate::parse(s).expect("test date"))
    }

    #[test]
    fn parses_sources() {
        let text = r#"
# comment
[sources."002_928c09a2169fac78"]
published = "2023-05-13"
url = "https://www.btchangqing.cn/532489.html"
title = "国产大模型即将跨越\"算力关\""

[sources.004_x]
published = 2023-04-14
note = "TOML dates work too"

[sources.005_y]
published = "2023"
"#;
        let map = parse_sources(text, "sources.toml").expect("valid");
        let keys: Vec<&str> = map.keys().map(String::as_str).collect();
        assert_eq!(keys, ["002_928c09a2169fac78", "004_x", "005_y"]);
        let first = &map["002_928c09a2169fac78"];
        assert_eq!(first.published, date("2023-05-13"));
        assert_eq!(
            first.url.as_deref(),
            Some("https://www.btchangqing.cn/532489.html")
        );
        assert_eq!(first.note, None);
        assert_eq!(map["004_x"].published, date("2023-04-14"));
        assert_eq!(map["005_y"].published, date("2023"));
        assert!(
            parse_sources("", "empty.toml")
                .expect("empty is fine")
                .is_empty()
        );
    }

    #[test]
    fn unknown_fields_are_rejected_with_position() {
        let text = "[sources.a]\npublished = \"2023\"\npublshed = \"2023\"\n";
        let err = parse_sources(text, "data/sources.toml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("data/sources.toml:3:1:"), "{err}");
        assert!(err.contains("publshed"), "{err}");
    }

    #[test]
    fn bad_dates_are_rejected_with_position_and_value() {
        let text = "[sources.a]\npublished = \"2023-13\"\n";
        let err = parse_sources(text, "s.toml").unwrap_err().to_string();
        assert!(err.starts_with("s.toml:2:13:"), "{err}");
        assert!(
            err.contains("sources.\"a\".published") && err.contains("2023-13"),
            "{err}"
        );
        let err = parse_sources("[sources.a]\npublished = true\n", "s.toml").unwrap_err();
        assert!(err.to_string().starts_with("s.toml:2:13:"), "{err}");
    }

    #[test]
    fn syntax_errors_and_missing_files_are_reported() {
        let err = parse_sources("[sources.a]\npublished = \n", "s.toml").unwrap_err();
        assert!(err.to_string().starts_with("s.toml:2:"), "{err}");
        let err = parse_sources("[sources.a]\nurl = 3\n", "s.toml").unwrap_err();
        assert!(err.to_string().starts_with("s.toml:2:"), "{err}");
        let err = load_sources(Path::new("/nonexistent/sources.toml")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("/nonexistent/sources.toml: cannot read"),
            "{err}"
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "[0-9年月日:更新时间发布\\[\\]=\"\n a-z\\PC]{0,80}") {
            let _ = parse_sources(&text, "p.toml");
        }
    }

    #[test]
    fn bundled_sources_cover_every_article_and_agree_with_the_text() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let sources = load_sources(&dir.join("sources.toml")).expect("bundled sources.toml");
        let mut articles = 0;
        for entry in std::fs::read_dir(&dir).expect("data dir") {
            let path = entry.expect("dir entry").path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            articles += 1;
            let stem = path.file_stem().and_then(|s| s.to_str()).expect("stem");
            let info = sources
                .get(stem)
                .unwrap_or_else(|| panic!("no entry for {stem}"));
            assert!(info.published.is_some(), "{stem} has no published date");
            let raw = std::fs::read_to_string(&path).expect("article");
            let text = crate::text::normalize(&raw).text;
            if let Some(stated) = published_from_text(&text) {
                assert_eq!(info.published, Some(stated), "{stem}");
            }
        }
        assert_eq!(articles, sources.len());
        assert_eq!(
            sources["002_928c09a2169fac78"].published,
            date("2023-05-13")
        );
    }
}
