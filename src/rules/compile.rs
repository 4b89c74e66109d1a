//! Turns parsed rule files into matchers: placeholders expanded, regexes built,
//! every field checked, every problem located.

use super::error::{Locator, RuleError};
use super::schema::{EntityType, ExampleSpec, KindSpec, RuleFile, RuleSpec, SubjectsFile};
use super::{Counterexample, Entity, Example, Expectation, Family, Kind, Rule};
use crate::quantity::{Dimension, Per, Qualifier, Unit};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;
use toml::Spanned;

/// The character standing in for a quantity of each dimension in masked text.
pub fn sentinel(dimension: Dimension) -> char {
    match dimension {
        Dimension::Count => '\u{E001}',
        Dimension::Money => '\u{E002}',
        Dimension::Percent => '\u{E003}',
        Dimension::Multiple => '\u{E004}',
        Dimension::Duration => '\u{E005}',
    }
}

const ANY_SENTINEL: &str = "[\u{E001}-\u{E005}]";
/// Patterns are matched against short sentences; a roomier DFA cache keeps the
/// lazy DFA from thrashing on Unicode classes.
const DFA_SIZE_LIMIT: usize = 8 << 20;

pub const DEFAULT_APPROX_TOLERANCE: &str = "0.1";

/// Compiles one parsed rule file. `lists` are the file's keyword lists.
pub fn compile_file(
    file: &RuleFile,
    loc: &Locator,
    default_family: &str,
    errors: &mut Vec<RuleError>,
) -> (Option<Family>, Vec<Rule>, Vec<Kind>) {
    let family = file.family.as_ref().map(|f| Family {
        name: f.name.get_ref().clone(),
        cumulative: f.cumulative,
        volatile: f.volatile,
        approx_tolerance: f
            .approx_tolerance
            .as_ref()
            .and_then(|t| parse_decimal(t, loc, None, "family.approx_tolerance", errors))
            .unwrap_or_else(|| Decimal::from_str(DEFAULT_APPROX_TOLERANCE).unwrap_or_default()),
        drift_ratio: f.drift_ratio.as_ref().and_then(|r| {
            let ratio = parse_decimal(r, loc, None, "family.drift_ratio", errors)?;
            if ratio > Decimal::ONE {
                return Some(ratio);
            }
            errors.push(
                loc.error(r.span().start, format!("drift_ratio must exceed 1: {ratio}"))
                    .field("family.drift_ratio")
                    .hint("a factor such as \"1.5\": figures further apart than it may be of different moments"),
            );
            None
        }),
    });
    let family_name = family
        .as_ref()
        .map_or(default_family.to_string(), |f| f.name.clone());
    let rules = file
        .rules
        .iter()
        .filter_map(|spec| compile_rule(spec, &file.lists, &family_name, loc, errors))
        .collect();
    let kinds = file
        .kinds
        .iter()
        .filter_map(|spec| compile_kind(spec, &family_name, loc, errors))
        .collect();
    (family, rules, kinds)
}

/// A lexicon word as matched: normalised like the text it is matched in.
pub fn lexicon_word(word: &str) -> String {
    crate::text::normalize(word.trim()).text
}

fn compile_kind(
    spec: &KindSpec,
    family: &str,
    loc: &Locator,
    errors: &mut Vec<RuleError>,
) -> Option<Kind> {
    let name = spec.name.get_ref().clone();
    let before = errors.len();
    let id = format!("kind {name}");
    let err = |at: usize, field: &str, msg: String| loc.error(at, msg).rule(&id).field(field);
    if !valid_id(&name) || name.contains('.') {
        errors.push(
            err(
                spec.name.span().start,
                "name",
                format!("invalid kind name {name:?}"),
            )
            .hint("use lowercase letters, digits and '_', e.g. \"gpu_count\""),
        );
    }
    let mut dimensions = Vec::new();
    for d in &spec.dimensions {
        match Dimension::parse(d.get_ref()) {
            Some(dim) => dimensions.push(dim),
            None => errors.push(
                err(
                    d.span().start,
                    "dimensions",
                    format!("unknown dimension {:?}", d.get_ref()),
                )
                .hint(format!("one of: {}", Dimension::names())),
            ),
        }
    }
    if spec.dimensions.is_empty() {
        errors.push(
            err(
                spec.name.span().start,
                "dimensions",
                "kind takes no dimension".into(),
            )
            .hint("add dimensions = [\"money\"] (count, money, percent, multiple, duration)"),
        );
    }
    if spec.measure.get_ref().trim().is_empty() {
        errors.push(
            err(spec.measure.span().start, "measure", "empty measure".into())
                .hint("say what the figure measures, e.g. measure = \"GPUs\""),
        );
    }
    let words =
        |list: &[Spanned<String>], field: &str, errors: &mut Vec<RuleError>| -> Vec<String> {
            let mut out = Vec::new();
            for (i, w) in list.iter().enumerate() {
                let word = lexicon_word(w.get_ref());
                if word.is_empty() {
                    errors.push(
                        err(
                            w.span().start,
                            &format!("{field}[{i}]"),
                            "empty word".into(),
                        )
                        .hint("an empty word would match everywhere; remove it"),
                    );
                } else {
                    out.push(word);
                }
            }
            out
        };
    let mut cues = Vec::new();
    let lists = [
        (&spec.cues, "cues", 1.0),
        (&spec.weak_cues, "weak_cues", 0.5),
    ];
    for (list, field, weight) in lists {
        for (i, cue) in list.iter().enumerate() {
            let parts: Vec<String> = cue.get_ref().split('+').map(lexicon_word).collect();
            if parts.iter().any(String::is_empty) {
                errors.push(
                    err(cue.span().start, &format!("{field}[{i}]"), format!("empty word in cue {:?}", cue.get_ref()))
                        .hint("write a cue as a word, or words joined by + that must all be in the clause"),
                );
                continue;
            }
            if parts.len() > 4 {
                errors.push(
                    err(
                        cue.span().start,
                        &format!("{field}[{i}]"),
                        format!("cue {:?} has more than 4 parts", cue.get_ref()),
                    )
                    .hint("split it into shorter cues"),
                );
                continue;
            }
            cues.push((parts, weight));
        }
    }
    let nouns = words(&spec.nouns, "nouns", errors);
    let min = spec
        .min
        .as_ref()
        .and_then(|m| parse_decimal(m, loc, Some(&id), "min", errors));
    let max = spec
        .max
        .as_ref()
        .and_then(|m| parse_decimal(m, loc, Some(&id), "max", errors));
    if let (Some(lo), Some(hi), Some(at)) = (min, max, spec.max.as_ref())
        && hi < lo
    {
        errors.push(
            loc.error(at.span().start, format!("max {hi} is below min {lo}"))
                .rule(&id)
                .field("max")
                .hint("max is the largest plausible figure of the kind; raise it or lower min"),
        );
    }
    let not = words(&spec.not, "not", errors);
    let objects = words(&spec.objects, "objects", errors);
    let object_verbs = words(&spec.object_verbs, "object_verbs", errors);
    let mut measures = Vec::new();
    for (i, m) in spec.measures.iter().enumerate() {
        let when = words(&m.when, &format!("measures[{i}].when"), errors);
        if when.is_empty() {
            errors.push(
                err(
                    m.measure.span().start,
                    &format!("measures[{i}].when"),
                    "no words".into(),
                )
                .hint("list the words that select this measure"),
            );
        }
        let with = words(&m.with, &format!("measures[{i}].with"), errors);
        measures.push(super::MeasureRule {
            when,
            with,
            measure: m.measure.get_ref().trim().to_string(),
        });
    }
    let per = spec.per.as_ref().and_then(|p| {
        let parsed = parse_per(p.get_ref());
        if parsed.is_none() {
            errors.push(
                err(
                    p.span().start,
                    "per",
                    format!("unknown period {:?}", p.get_ref()),
                )
                .hint(format!("one of: {}", Per::names())),
            );
        }
        parsed
    });
    let mut units = Vec::new();
    for (i, u) in spec.units.iter().enumerate() {
        match Unit::parse(u.get_ref()) {
            Some(unit) => units.push(unit),
            None => errors.push(
                err(
                    u.span().start,
                    &format!("units[{i}]"),
                    format!("unknown unit {:?}", u.get_ref()),
                )
                .hint(format!("one of: {}", Unit::names())),
            ),
        }
    }
    let mut written_with = Vec::new();
    for (i, w) in spec.written_with.iter().enumerate() {
        let letters = w.get_ref();
        if letters.is_empty() || !letters.bytes().all(|b| b.is_ascii_alphabetic()) {
            errors.push(
                err(
                    w.span().start,
                    &format!("written_with[{i}]"),
                    format!("not a magnitude letter: {letters:?}"),
                )
                .hint("Latin letters written right after the digits, e.g. \"B\" of 70B"),
            );
        } else {
            written_with.push(letters.clone());
        }
    }
    let mut count_rates = Vec::new();
    for (i, p) in spec.count_rates.iter().enumerate() {
        match parse_per(p.get_ref()) {
            Some(per) => count_rates.push(per),
            None => errors.push(
                err(
                    p.span().start,
                    &format!("count_rates[{i}]"),
                    format!("unknown rate {:?}", p.get_ref()),
                )
                .hint(format!("one of: {}", Per::names())),
            ),
        }
    }
    let mut classifiers = Vec::new();
    for (i, c) in spec.classifiers.iter().enumerate() {
        let mut chars = c.get_ref().chars();
        match (chars.next(), chars.next()) {
            (Some(ch), None) if crate::quantity::is_classifier(ch) => classifiers.push(ch),
            _ => errors.push(
                err(
                    c.span().start,
                    &format!("classifiers[{i}]"),
                    format!(
                        "{:?} is not a measure word the number grammar knows",
                        c.get_ref()
                    ),
                )
                .hint("one character, such as 颗, 块, 张, 台 or 家".to_string()),
            ),
        }
    }
    let mut not_classifiers = Vec::new();
    for (i, c) in spec.not_classifiers.iter().enumerate() {
        let mut chars = c.get_ref().chars();
        let field = format!("not_classifiers[{i}]");
        match (chars.next(), chars.next()) {
            (Some(ch), None) if classifiers.contains(&ch) => errors.push(
                err(
                    c.span().start,
                    &field,
                    format!("{ch:?} is in classifiers too"),
                )
                .hint("a measure word either points to the kind or rules it out; keep one"),
            ),
            (Some(ch), None) if crate::quantity::is_classifier(ch) => not_classifiers.push(ch),
            _ => errors.push(
                err(
                    c.span().start,
                    &field,
                    format!(
                        "{:?} is not a measure word the number grammar knows",
                        c.get_ref()
                    ),
                )
                .hint("one character, such as 组, 台 or 条"),
            ),
        }
    }
    let examples = spec
        .examples
        .iter()
        .enumerate()
        .filter_map(|(i, ex)| compile_example(ex, i, &id, loc, errors))
        .collect();
    if errors.len() > before {
        return None;
    }
    Some(Kind {
        units,
        count_rates,
        classifiers,
        not_classifiers,
        name,
        family: family.to_string(),
        description: spec.description.clone(),
        dimensions,
        measure: spec.measure.get_ref().trim().to_string(),
        cues,
        nouns,
        noun_entities: spec.noun_entities.iter().map(|t| *t.get_ref()).collect(),
        not_subjects: spec.not_subjects.iter().map(|t| *t.get_ref()).collect(),
        maker_subjects: spec.maker_subjects.iter().map(|t| *t.get_ref()).collect(),
        model_subjects: spec.model_subjects.iter().map(|t| *t.get_ref()).collect(),
        product_subjects: spec.product_subjects.iter().map(|t| *t.get_ref()).collect(),
        min,
        max,
        written_with,
        not,
        objects,
        object_verbs,
        default: spec.default,
        measures,
        per,
        examples,
        counterexamples: spec
            .counterexamples
            .iter()
            .map(|c| {
                let at = loc.error(c.text.span().start, "");
                Counterexample {
                    text: c.text.get_ref().clone(),
                    line: at.line,
                    column: at.column,
                }
            })
            .collect(),
        location: loc.error(spec.name.span().start, ""),
    })
}

fn compile_rule(
    spec: &RuleSpec,
    lists: &BTreeMap<String, Vec<String>>,
    family: &str,
    loc: &Locator,
    errors: &mut Vec<RuleError>,
) -> Option<Rule> {
    let id = spec.id.get_ref().clone();
    let before = errors.len();
    let err = |s: &Spanned<String>, field: &str, msg: String| {
        loc.error(s.span().start, msg).rule(&id).field(field)
    };
    if !valid_id(&id) {
        errors.push(
            err(&spec.id, "id", format!("invalid rule id {id:?}"))
                .hint("use lowercase letters, digits, '_' and '.', e.g. \"model_count.china\""),
        );
    }
    let dimension = Dimension::parse(spec.dimension.get_ref());
    if dimension.is_none() {
        errors.push(
            err(
                &spec.dimension,
                "dimension",
                format!("unknown dimension {:?}", spec.dimension.get_ref()),
            )
            .hint("one of: count, money, percent, multiple, duration"),
        );
    }
    let per = spec.per.as_ref().and_then(|p| {
        let parsed = parse_per(p.get_ref());
        if parsed.is_none() {
            errors.push(
                err(p, "per", format!("unknown period {:?}", p.get_ref()))
                    .hint(format!("one of: {}", Per::names())),
            );
        }
        parsed
    });
    let mut patterns = Vec::new();
    for (i, pattern) in spec.patterns.iter().enumerate() {
        let field = format!("patterns[{i}]");
        match expand_pattern(pattern.get_ref(), lists, dimension) {
            Ok(expanded) => match regex::RegexBuilder::new(&expanded)
                .dfa_size_limit(DFA_SIZE_LIMIT)
                .build()
            {
                Ok(re) => patterns.push(re),
                Err(e) => errors.push(
                    err(
                        pattern,
                        &field,
                        format!("bad regex {:?}: {}", pattern.get_ref(), regex_reason(&e)),
                    )
                    .hint("patterns use Rust regex syntax; escape literal ( ) . + ? with \\"),
                ),
            },
            Err(e) => errors.push(err(pattern, &field, e.to_string()).hint(e.hint())),
        }
    }
    let min = spec
        .min
        .as_ref()
        .and_then(|m| parse_decimal(m, loc, Some(&id), "min", errors));
    let mut exclude = Vec::new();
    for (i, pattern) in spec.exclude.iter().enumerate() {
        match regex::Regex::new(pattern.get_ref()) {
            Ok(re) => exclude.push(re),
            Err(e) => errors.push(
                err(
                    pattern,
                    &format!("exclude[{i}]"),
                    format!("bad regex {:?}: {}", pattern.get_ref(), regex_reason(&e)),
                )
                .hint("exclude patterns are plain Rust regexes over the figure's clause"),
            ),
        }
    }
    if spec.patterns.is_empty() {
        errors.push(
            err(&spec.id, "patterns", "rule has no patterns".into())
                .hint("add patterns = ['…{count}…']"),
        );
    }
    let examples = spec
        .examples
        .iter()
        .enumerate()
        .filter_map(|(i, ex)| compile_example(ex, i, &id, loc, errors))
        .collect();
    if errors.len() > before {
        return None;
    }
    Some(Rule {
        id,
        kind: spec.kind.get_ref().clone(),
        family: family.to_string(),
        description: spec.description.clone(),
        dimension: dimension?,
        patterns,
        subject: spec
            .subject
            .as_ref()
            .map_or_else(|| "{entity}".to_string(), |s| s.get_ref().clone()),
        entities: spec.entities.iter().map(|e| e.get_ref().clone()).collect(),
        default_entity: spec.default_entity.as_ref().map(|e| e.get_ref().clone()),
        require_entity: spec.require_entity,
        min,
        exclude,
        noun: spec.noun.clone(),
        measure: spec.measure.clone(),
        per,
        examples,
        counterexamples: spec
            .counterexamples
            .iter()
            .map(|c| {
                let at = loc.error(c.text.span().start, "");
                Counterexample {
                    text: c.text.get_ref().clone(),
                    line: at.line,
                    column: at.column,
                }
            })
            .collect(),
        location: loc.error(spec.id.span().start, ""),
    })
}

fn compile_example(
    ex: &ExampleSpec,
    index: usize,
    id: &str,
    loc: &Locator,
    errors: &mut Vec<RuleError>,
) -> Option<Example> {
    let field = |name: &str| format!("examples[{index}].{name}");
    let before = errors.len();
    let unit = Unit::parse(ex.unit.get_ref());
    if unit.is_none() {
        errors.push(
            loc.error(
                ex.unit.span().start,
                format!("unknown unit {:?}", ex.unit.get_ref()),
            )
            .rule(id)
            .field(field("unit"))
            .hint(format!("one of: {}", Unit::names())),
        );
    }
    let qualifier = ex.qualifier.as_ref().and_then(|q| {
        let parsed = Qualifier::parse(q.get_ref());
        if parsed.is_none() {
            errors.push(
                loc.error(
                    q.span().start,
                    format!("unknown qualifier {:?}", q.get_ref()),
                )
                .rule(id)
                .field(field("qualifier"))
                .hint(format!("one of: {}", Qualifier::names())),
            );
        }
        parsed
    });
    let per = ex.per.as_ref().and_then(|p| {
        let parsed = parse_per(p.get_ref());
        if parsed.is_none() {
            errors.push(
                loc.error(p.span().start, format!("unknown period {:?}", p.get_ref()))
                    .rule(id)
                    .field(field("per"))
                    .hint(format!("one of: {}", Per::names())),
            );
        }
        parsed
    });
    let decimal = |s: &Option<Spanned<String>>, name: &str, errors: &mut Vec<RuleError>| {
        s.as_ref()
            .and_then(|v| parse_decimal(v, loc, Some(id), &field(name), errors))
    };
    let value = decimal(&ex.value, "value", errors);
    let (low, high) = match value {
        Some(v) => (Some(v), Some(v)),
        None => (
            decimal(&ex.low, "low", errors),
            decimal(&ex.high, "high", errors),
        ),
    };
    if ex.value.is_none() && ex.low.is_none() && ex.high.is_none() {
        errors.push(
            loc.error(ex.text.span().start, "example states no expected value")
                .rule(id)
                .field(field("value"))
                .hint("add value = \"79\" (or low/high for intervals)"),
        );
    }
    if errors.len() > before {
        return None;
    }
    let at = loc.error(ex.text.span().start, "");
    Some(Example {
        text: ex.text.get_ref().clone(),
        line: at.line,
        column: at.column,
        expect: Expectation {
            low,
            high,
            unit: unit?,
            qualifier,
            subject: ex.subject.as_ref().map(|s| s.get_ref().clone()),
            per,
            measure: ex.measure.as_ref().map(|s| s.get_ref().trim().to_string()),
        },
    })
}

fn parse_decimal(
    s: &Spanned<String>,
    loc: &Locator,
    rule: Option<&str>,
    field: &str,
    errors: &mut Vec<RuleError>,
) -> Option<Decimal> {
    match Decimal::from_str(s.get_ref()) {
        Ok(d) => Some(d),
        Err(_) => {
            let mut e = loc
                .error(
                    s.span().start,
                    format!("not a decimal number: {:?}", s.get_ref()),
                )
                .field(field)
                .hint("write plain decimals as strings, e.g. \"1400000\" or \"0.1\"");
            if let Some(r) = rule {
                e = e.rule(r);
            }
            errors.push(e);
            None
        }
    }
}

fn parse_per(s: &str) -> Option<Per> {
    Per::parse(s)
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
}

/// The regex crate's own reason ("unclosed group"), without its echo of the
/// expanded pattern, whose sentinel characters would only confuse.
fn regex_reason(e: &regex::Error) -> String {
    let text = e.to_string();
    text.lines()
        .find_map(|l| l.trim().strip_prefix("error: "))
        .map_or_else(|| one_line(&text), str::to_string)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Why a pattern's placeholders cannot be expanded; [`PatternError::hint`] says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    #[error("placeholder {{{name}}} does not match the rule's dimension {dimension}")]
    WrongDimension {
        name: String,
        dimension: &'static str,
    },
    #[error("unknown placeholder {{{name}}}")]
    UnknownPlaceholder {
        name: String,
        /// The placeholders this rule may use, written `{name}`.
        known: Vec<String>,
    },
    #[error("pattern has no value placeholder")]
    NoValue,
    #[error("pattern has more than one value placeholder")]
    SeveralValues,
}

impl PatternError {
    pub fn hint(&self) -> String {
        match self {
            PatternError::WrongDimension { .. } => {
                "use the placeholder of the rule's dimension, or {any_…} for context figures".into()
            }
            PatternError::UnknownPlaceholder { known, .. } => {
                format!("known placeholders: {}", known.join(" "))
            }
            PatternError::NoValue => {
                let names: Vec<String> = Dimension::ALL
                    .iter()
                    .map(|d| format!("{{{}}}", d.as_str()))
                    .collect();
                let (last, rest) = names.split_last().expect("dimensions");
                format!("mark the claim's figure with {} or {last}", rest.join(", "))
            }
            PatternError::SeveralValues => {
                "keep one {…} for the claim's figure; write other figures as {any_count} etc."
                    .into()
            }
        }
    }
}

/// Expands `{money}` (the claim's figure), `{any_money}` (context figures),
/// `{any_quantity}` and `{list}` placeholders into regex syntax.
pub fn expand_pattern(
    pattern: &str,
    lists: &BTreeMap<String, Vec<String>>,
    dimension: Option<Dimension>,
) -> Result<String, PatternError> {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut values = 0;
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let escaped = rest[..open].ends_with('\\') && !rest[..open].ends_with("\\\\");
        let name_len = rest[open + 1..]
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(rest.len() - open - 1);
        let name = &rest[open + 1..open + 1 + name_len];
        let closes = rest[open + 1 + name_len..].starts_with('}');
        if escaped || name.is_empty() || !closes {
            // A regex repetition like {2,5} or a literal brace.
            out.push_str(&rest[..=open]);
            rest = &rest[open + 1..];
            continue;
        }
        out.push_str(&rest[..open]);
        rest = &rest[open + name_len + 2..];
        if let Some(dim) = Dimension::parse(name) {
            values += 1;
            if dimension.is_some_and(|d| d != dim) {
                return Err(PatternError::WrongDimension {
                    name: name.to_string(),
                    dimension: dimension.map_or("?", Dimension::as_str),
                });
            }
            out.push_str(&format!("(?P<value>{})", sentinel(dim)));
        } else if let Some(dim) = name.strip_prefix("any_").and_then(Dimension::parse) {
            out.push(sentinel(dim));
        } else if name == "any_quantity" {
            out.push_str(ANY_SENTINEL);
        } else if let Some(words) = lists.get(name) {
            out.push_str("(?:");
            let mut sorted: Vec<&String> = words.iter().collect();
            // Longest first, so 大模型 is preferred over 模型.
            sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
            let escaped: Vec<String> = sorted.iter().map(|w| regex::escape(w)).collect();
            out.push_str(&escaped.join("|"));
            out.push(')');
        } else {
            let mut known: Vec<String> = Dimension::ALL
                .iter()
                .map(|d| format!("{{{}}}", d.as_str()))
                .collect();
            known.push("{any_<dimension>}".into());
            known.extend(lists.keys().map(|k| format!("{{{k}}}")));
            return Err(PatternError::UnknownPlaceholder {
                name: name.to_string(),
                known,
            });
        }
    }
    out.push_str(rest);
    match values {
        1 => Ok(out),
        0 => Err(PatternError::NoValue),
        _ => Err(PatternError::SeveralValues),
    }
}

/// Validates `rules/subjects.toml` into entities.
pub fn compile_subjects(
    file: &SubjectsFile,
    loc: &Locator,
    errors: &mut Vec<RuleError>,
) -> Vec<Entity> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut out: Vec<Entity> = Vec::new();
    let mut parents = Vec::new();
    for e in &file.entities {
        let key = e.key.get_ref();
        let line = loc.error(e.key.span().start, "").line;
        if let Some(prev) = seen.insert(key.clone(), line) {
            errors.push(
                loc.error(
                    e.key.span().start,
                    format!("duplicate entity {key:?} (first at line {prev})"),
                )
                .field("entity.key")
                .hint("merge the alias lists into one entity"),
            );
            continue;
        }
        if e.aliases.is_empty() {
            errors.push(
                loc.error(e.key.span().start, format!("entity {key:?} has no aliases"))
                    .field("entity.aliases")
                    .hint("list the words that name it, e.g. aliases = [\"国内\", \"中国\"]"),
            );
        }
        for alias in e.aliases.iter().filter(|a| a.get_ref().trim().is_empty()) {
            errors.push(
                loc.error(
                    alias.span().start,
                    format!("entity {key:?} has an empty alias"),
                )
                .field("entity.aliases")
                .hint("an empty alias would name the entity everywhere; remove it"),
            );
        }
        if let Some(p) = &e.parent {
            parents.push((out.len(), p));
        }
        out.push(Entity {
            key: key.clone(),
            entity_type: e
                .entity_type
                .as_ref()
                .map_or(EntityType::Other, |t| *t.get_ref()),
            aliases: e.aliases.iter().map(|a| a.get_ref().clone()).collect(),
            parent: None,
        });
    }
    // Parents are resolved once every key is known, so order in the file does not matter.
    for (entity, parent) in parents {
        match out.iter().position(|x| x.key == *parent.get_ref()) {
            Some(p) if p != entity => {
                if let Some(child) = out.get_mut(entity) {
                    child.parent = Some(p);
                }
            }
            _ => errors.push(
                loc.error(
                    parent.span().start,
                    format!("unknown parent {:?}", parent.get_ref()),
                )
                .field("entity.parent")
                .hint("name the key of another entity in this file"),
            ),
        }
    }
    out
}
