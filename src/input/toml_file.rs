//! The one TOML loader: parses a TOML text with serde and turns byte offsets (a
//! `toml::de::Error`'s span, a `toml::Spanned` value's start) into the
//! `file:line:column` every loader reports — rule files, `sources.toml` and the
//! FX rates alike.

use crate::text::{LineIndex, Location};
use serde::de::DeserializeOwned;

/// A problem at a place in a TOML file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {message}")]
pub struct TomlError {
    pub location: Location,
    pub message: String,
}

/// Why a TOML data file (FX rates, `sources.toml`) could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Invalid(#[from] TomlError),
}

impl LoadError {
    /// A read error of `path`.
    pub fn io(path: &std::path::Path, source: std::io::Error) -> LoadError {
        LoadError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}

/// A TOML text and the name its errors give it.
pub struct TomlFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
    lines: LineIndex,
}

impl<'a> TomlFile<'a> {
    pub fn new(name: &'a str, text: &'a str) -> TomlFile<'a> {
        TomlFile {
            name,
            text,
            lines: LineIndex::new(text),
        }
    }

    /// Where byte `offset` is (an offset inside a character counts as that character;
    /// one past the end as the end).
    pub fn locate(&self, offset: usize) -> Location {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let (line, column) = self.lines.line_col(self.text, offset);
        Location {
            file: self.name.to_string(),
            line,
            column,
        }
    }

    /// An error at byte `offset`.
    pub fn error(&self, offset: usize, message: impl Into<String>) -> TomlError {
        TomlError {
            location: self.locate(offset),
            message: message.into(),
        }
    }

    /// The text deserialised as `T`; a syntax or schema error is located at the
    /// start of its span (the file's start when it has none), with toml's message
    /// (trimmed).
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, TomlError> {
        toml::from_str(self.text).map_err(|e| self.de_error(&e))
    }

    /// A `toml::de::Error` of this text, located.
    pub fn de_error(&self, e: &toml::de::Error) -> TomlError {
        self.error(e.span().map_or(0, |s| s.start), e.message().trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let file = TomlFile::new("f.toml", "a = 1\nb = \"数字\"\n");
        assert_eq!(file.locate(0).to_string(), "f.toml:1:1");
        assert_eq!(file.locate(6).to_string(), "f.toml:2:1");
        // After `b = "数` (one three-byte character): column 7.
        assert_eq!(file.locate(6 + 5 + 3).to_string(), "f.toml:2:7");
        // Inside a character: that character.
        assert_eq!(file.locate(6 + 5 + 1).to_string(), "f.toml:2:6");
        assert_eq!(file.locate(999).to_string(), "f.toml:3:1");
    }

    #[test]
    fn parse_errors_are_located() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct S {
            a: i64,
        }
        let file = TomlFile::new("s.toml", "a = 1\nb = 2\n");
        let err = file.parse::<S>().unwrap_err();
        assert_eq!(err.location.line, 2, "{err}");
        assert!(err.to_string().starts_with("s.toml:2:1: "), "{err}");
        assert!(err.message.contains("unknown field"), "{err}");
    }
}
