//! Rule-file errors: each names the file, line, column, rule and field, with a hint.

use crate::input::toml_file::{TomlError, TomlFile};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub rule: Option<String>,
    pub field: Option<String>,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if let Some(rule) = &self.rule {
            write!(f, "rule {rule}: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleError {}

/// All the errors found in a set of rule files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleErrors {}

/// Turns byte spans into located rule errors for one source file (the
/// shared TOML loader does the locating).
pub struct Locator<'a> {
    toml: TomlFile<'a>,
}

impl<'a> Locator<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Self {
        Locator {
            toml: TomlFile::new(file, text),
        }
    }

    pub fn error(&self, offset: usize, message: impl Into<String>) -> RuleError {
        self.toml.error(offset, message).into()
    }

    /// A `toml::de::Error` of this file, located.
    pub fn de_error(&self, e: &toml::de::Error) -> TomlError {
        self.toml.de_error(e)
    }
}

impl From<TomlError> for RuleError {
    fn from(e: TomlError) -> RuleError {
        RuleError {
            file: e.location.file,
            line: e.location.line,
            column: e.location.column,
            rule: None,
            field: None,
            message: e.message,
            hint: None,
        }
    }
}

impl RuleError {
    /// A TOML syntax or schema error of a rule file, with a hint.
    pub fn toml(e: TomlError) -> RuleError {
        let hint = if e.message.contains("unknown field") {
            "remove the field or fix its spelling (the message lists the allowed ones)"
        } else if e.message.contains("missing field") {
            "add the missing field"
        } else {
            "check the TOML syntax at this position"
        };
        RuleError::from(e).hint(hint)
    }

    pub fn rule(mut self, id: &str) -> Self {
        self.rule = Some(id.to_string());
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}
