//! Rule files: data that says which sentences state which kinds of claims.
//!
//! A rule pairs regex patterns over normalised text, where `{count}`, `{money}`
//! … stand for a figure found by the quantity engine, with how to name the
//! claim's subject, and carries examples that `claimcheck rules test` runs.

mod aliases;
mod compile;
mod error;
mod lazy;
pub mod lexicon;
mod schema;
pub mod verify;

pub use aliases::{AliasHit, AliasIndex};
pub use compile::{PatternError, expand_pattern, sentinel};
pub use error::{RuleError, RuleErrors};
pub use schema::EntityType;

use crate::quantity::{Dimension, Per, Qualifier, Unit};
use error::Locator;
use regex::Regex;
use regex_automata::meta;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, PatternSet};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The file holding entities and their aliases, beside the rule files.
pub const SUBJECTS_FILE: &str = "subjects.toml";

// Rule files compiled into the binary, so it runs without a `rules/` folder:
// every `rules/*.toml`, listed by build.rs.
include!(concat!(env!("OUT_DIR"), "/bundled_rules.rs"));

/// How claims of one family are compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    pub name: String,
    pub cumulative: bool,
    pub volatile: bool,
    pub approx_tolerance: Decimal,
    /// Figures further apart than this factor, a date not stated, are different moments.
    pub drift_ratio: Option<Decimal>,
}

/// A thing claims are about, and the words that name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub key: String,
    pub entity_type: EntityType,
    pub aliases: Vec<String>,
    /// Index of the parent entity in `RuleSet::entities`.
    pub parent: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub kind: String,
    pub family: String,
    pub description: String,
    pub dimension: Dimension,
    pub patterns: Vec<Regex>,
    pub subject: String,
    pub entities: Vec<String>,
    pub default_entity: Option<String>,
    pub require_entity: bool,
    pub min: Option<Decimal>,
    pub exclude: Vec<Regex>,
    pub noun: Option<String>,
    pub measure: Option<String>,
    pub per: Option<Per>,
    pub examples: Vec<Example>,
    pub counterexamples: Vec<Counterexample>,
    /// Where the rule's id is written (file, line, column).
    pub location: RuleError,
}

#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    /// Where the example's text is written in its rule file.
    pub line: usize,
    pub column: usize,
    pub expect: Expectation,
}

/// Text that must not produce a claim of its rule, and where it is written.
#[derive(Debug, Clone)]
pub struct Counterexample {
    pub text: String,
    pub line: usize,
    pub column: usize,
}

/// One refinement of a kind's measure.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureRule {
    /// Any of these in the clauses searched selects it…
    pub when: Vec<String>,
    /// …when one of these is there too (none: no further condition).
    pub with: Vec<String>,
    pub measure: String,
}

/// A kind of claim for the figure-first classifier (see `rules/*.toml` `[[kind]]`).
#[derive(Debug, Clone)]
pub struct Kind {
    pub name: String,
    pub family: String,
    pub description: String,
    pub dimensions: Vec<Dimension>,
    pub measure: String,
    /// Each cue as its parts (normalised words that must all be in the clause)
    /// and its weight (1, or ½ for a weak cue).
    pub cues: Vec<(Vec<String>, f64)>,
    pub nouns: Vec<String>,
    pub noun_entities: Vec<EntityType>,
    pub not_subjects: Vec<EntityType>,
    /// Types whose maker (gazetteer parent) is the subject instead.
    pub maker_subjects: Vec<EntityType>,
    /// Maker types that stand for the document's one model of theirs.
    pub model_subjects: Vec<EntityType>,
    /// Maker types that stand for the one product of theirs named in the sentence.
    pub product_subjects: Vec<EntityType>,
    pub min: Option<rust_decimal::Decimal>,
    pub max: Option<rust_decimal::Decimal>,
    /// Magnitude letters glued to a count (`B` of `70B`) that name this kind.
    pub written_with: Vec<String>,
    pub not: Vec<String>,
    /// What the money of one of `object_verbs` goes to, naming this kind over the
    /// verb's own (normalised words).
    pub objects: Vec<String>,
    pub object_verbs: Vec<String>,
    pub units: Vec<Unit>,
    pub count_rates: Vec<Per>,
    /// Classifiers after a count that point to this kind (`8颗…GPU的服务器` counts GPUs).
    pub classifiers: Vec<char>,
    /// Classifiers after a count that rule this kind out (`400万组`: sets, not models).
    pub not_classifiers: Vec<char>,
    pub default: bool,
    /// The refinements of `measure`, in order: the first whose words occur in the
    /// clause names the measure.
    pub measures: Vec<MeasureRule>,
    pub per: Option<Per>,
    pub examples: Vec<Example>,
    pub counterexamples: Vec<Counterexample>,
    pub location: RuleError,
}

/// The name of the kind given to figures that are not claims.
pub const OTHER_KIND: &str = "other";

/// The claim an example must produce; `None` fields are not checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    pub low: Option<Decimal>,
    pub high: Option<Decimal>,
    pub unit: Unit,
    pub qualifier: Option<Qualifier>,
    pub subject: Option<String>,
    pub per: Option<Per>,
    pub measure: Option<String>,
}

/// Every rule, family and entity, validated.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// Claim kinds, in file order; `lexicon` roles index into it.
    pub kinds: Vec<Kind>,
    /// Every cue, noun, veto and measure word of every kind.
    pub lexicon: lexicon::Lexicon,
    /// Forecast words (normalised), from every file's `[modality]`.
    pub forecast: Vec<String>,
    /// Words that keep a figure actual despite a forecast word (`低于预期`, `已`).
    pub actual: Vec<String>,
    pub families: BTreeMap<String, Family>,
    pub entities: Vec<Entity>,
    /// Every alias of every entity, searched in one pass.
    pub aliases: AliasIndex,
    /// Every pattern of every rule in one set: one pass over a sentence says
    /// which few patterns need running with captures.
    pub prefilter: Prefilter,
}

/// All patterns in one multi-pattern regex, with the rule and pattern each
/// index stands for.
#[derive(Debug, Clone)]
pub struct Prefilter {
    set: meta::Regex,
    owners: Vec<(usize, usize)>,
}

/// The default lazy-DFA cache thrashes on ~60 Unicode patterns; a larger one
/// keeps the set's single pass fast.
const PREFILTER_DFA_LIMIT: usize = 64 << 20;

impl Prefilter {
    /// Configured as `regex::RegexSet` is, except for the literal prefilter:
    /// the patterns' leading literals are common Chinese words, so on a
    /// sentence-long haystack it costs more than the DFA pass it would skip.
    fn new(rules: &[Rule]) -> Result<Prefilter, Box<meta::BuildError>> {
        let owners: Vec<(usize, usize)> = rules
            .iter()
            .enumerate()
            .flat_map(|(r, rule)| (0..rule.patterns.len()).map(move |p| (r, p)))
            .collect();
        let patterns: Vec<&str> = owners
            .iter()
            .map(|&(r, p)| rules[r].patterns[p].as_str())
            .collect();
        let config = meta::Config::new()
            .match_kind(MatchKind::All)
            .utf8_empty(true)
            .which_captures(WhichCaptures::None)
            .auto_prefilter(false)
            .nfa_size_limit(Some(PREFILTER_DFA_LIMIT))
            .hybrid_cache_capacity(PREFILTER_DFA_LIMIT);
        let set = meta::Builder::new()
            .configure(config)
            .syntax(syntax::Config::new().utf8(true))
            .build_many(&patterns)
            .map_err(Box::new)?;
        Ok(Prefilter { set, owners })
    }

    /// (rule index, pattern index) of each pattern matching `text`, in rule order.
    pub fn matching(&self, text: &str) -> Vec<(usize, usize)> {
        let input = Input::new(text);
        // Most sentences match no pattern: a search for any match (stopping at the
        // first) runs the DFA's fast loop, the overlapping one that names every
        // pattern a slower one.
        if !self.set.is_match(input.clone()) {
            return Vec::new();
        }
        let mut matched = PatternSet::new(self.set.pattern_len());
        self.set.which_overlapping_matches(&input, &mut matched);
        matched.iter().map(|p| self.owners[p.as_usize()]).collect()
    }
}

impl RuleSet {
    /// The rules compiled into the binary.
    pub fn bundled() -> Result<RuleSet, RuleErrors> {
        let files: Vec<(String, String)> = BUNDLED
            .iter()
            .map(|(name, text)| (format!("rules/{name}"), text.to_string()))
            .collect();
        RuleSet::from_files(&files)
    }

    /// The names of the rule files compiled into the binary (every `rules/*.toml`
    /// when it was built).
    pub fn bundled_files() -> impl Iterator<Item = &'static str> {
        BUNDLED.iter().map(|(name, _)| *name)
    }

    /// Every `*.toml` in `dir` (sorted by name); `subjects.toml` holds entities.
    pub fn load_dir(dir: &Path) -> Result<RuleSet, RuleErrors> {
        let entries = std::fs::read_dir(dir).map_err(|e| io_error(dir, &e))?;
        let mut paths: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        let mut files = Vec::new();
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|e| io_error(&path, &e))?;
            files.push((path.display().to_string(), text));
        }
        RuleSet::from_files(&files)
    }

    /// Compiles named rule-file texts; names ending in `subjects.toml` hold entities.
    pub fn from_files(files: &[(String, String)]) -> Result<RuleSet, RuleErrors> {
        let mut errors = Vec::new();
        let mut rules = Vec::new();
        let mut families = BTreeMap::new();
        let mut entities = Vec::new();
        let mut kinds = Vec::new();
        let mut forecast = Vec::new();
        let mut actual = Vec::new();
        for (name, text) in files {
            let loc = Locator::new(name, text);
            if name.ends_with(SUBJECTS_FILE) {
                match toml::from_str::<schema::SubjectsFile>(text) {
                    Ok(file) => {
                        entities.extend(compile::compile_subjects(&file, &loc, &mut errors))
                    }
                    Err(e) => errors.push(toml_error(&loc, text, &e)),
                }
                continue;
            }
            let stem = Path::new(name)
                .file_stem()
                .map_or(name.clone(), |s| s.to_string_lossy().into_owned());
            match toml::from_str::<schema::RuleFile>(text) {
                Ok(file) => {
                    let (family, compiled, file_kinds) =
                        compile::compile_file(&file, &loc, &stem, &mut errors);
                    // A file of modality words alone is no family.
                    if family.is_some() || !compiled.is_empty() || !file_kinds.is_empty() {
                        let family = family.unwrap_or_else(|| default_family(&stem));
                        families.insert(family.name.clone(), family);
                    }
                    rules.extend(compiled);
                    kinds.extend(file_kinds);
                    if let Some(m) = &file.modality {
                        for (field, words, out) in [
                            ("forecast", &m.forecast, &mut forecast),
                            ("actual", &m.actual, &mut actual),
                        ] {
                            for (i, w) in words.iter().enumerate() {
                                let word = compile::lexicon_word(w.get_ref());
                                if word.is_empty() {
                                    errors.push(
                                        loc.error(w.span().start, "empty word")
                                            .field(format!("modality.{field}[{i}]"))
                                            .hint(
                                                "an empty word would match everywhere; remove it",
                                            ),
                                    );
                                } else {
                                    out.push(word);
                                }
                            }
                        }
                    }
                }
                Err(e) => errors.push(toml_error(&loc, text, &e)),
            }
        }
        check_cross_references(&rules, &entities, &mut errors);
        check_kinds(&kinds, &rules, &mut errors);
        if !errors.is_empty() {
            return Err(RuleErrors(errors));
        }
        let lexicon = build_lexicon(&kinds).map_err(|e| {
            RuleErrors(vec![RuleError {
                file: "rules".into(),
                line: 0,
                column: 0,
                rule: None,
                field: Some("cues".into()),
                message: format!("the cue words together cannot be compiled: {e}"),
                hint: None,
            }])
        })?;
        let prefilter = Prefilter::new(&rules).map_err(|e| {
            RuleErrors(vec![RuleError {
                file: "rules".into(),
                line: 0,
                column: 0,
                rule: None,
                field: Some("patterns".into()),
                message: format!("the patterns together are too large to compile: {e}"),
                hint: Some("simplify the largest patterns or shorten keyword lists".into()),
            }])
        })?;
        let aliases = AliasIndex::new(&entities);
        Ok(RuleSet {
            rules,
            kinds,
            lexicon,
            forecast,
            actual,
            families,
            entities,
            aliases,
            prefilter,
        })
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    pub fn kind(&self, name: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.name == name)
    }
}

fn build_lexicon(kinds: &[Kind]) -> Result<lexicon::Lexicon, lazy::LazyBuildError> {
    use lexicon::Role;
    let mut b = lexicon::LexiconBuilder::default();
    for (k, kind) in kinds.iter().enumerate() {
        for (c, (parts, _)) in kind.cues.iter().enumerate() {
            for (p, word) in parts.iter().enumerate() {
                b.add(
                    word,
                    Role::Cue {
                        kind: k,
                        cue: c,
                        part: p as u8,
                    },
                );
            }
        }
        // A counted noun before the figure names what it measures too
        // (`注册用户已经超过2亿`): every noun is also a one-word cue.
        // One-character nouns (人, 卡) stay nouns only: as cues they would
        // fire inside every word that holds them (人工智能, 信用卡).
        for (n, word) in kind.nouns.iter().enumerate() {
            b.add(word, Role::Noun { kind: k });
            // `other` names what is counted but not what a sentence is about.
            if word.chars().count() > 1 && kind.name != OTHER_KIND {
                b.add(
                    word,
                    Role::Cue {
                        kind: k,
                        cue: kind.cues.len() + n,
                        part: 0,
                    },
                );
            }
        }
        for word in &kind.not {
            b.add(word, Role::Not { kind: k });
        }
        for word in &kind.objects {
            b.add(word, Role::Object { kind: k });
        }
        for word in &kind.object_verbs {
            b.add(word, Role::ObjectVerb { kind: k });
        }
        for (i, m) in kind.measures.iter().enumerate() {
            for word in &m.when {
                b.add(word, Role::Measure { kind: k, index: i });
            }
        }
    }
    b.build()
}

/// Kind names are unique, at most one kind is the default of a dimension, and a
/// pattern rule names a declared kind (when any are declared).
fn check_kinds(kinds: &[Kind], rules: &[Rule], errors: &mut Vec<RuleError>) {
    let mut seen: BTreeMap<&str, &RuleError> = BTreeMap::new();
    let mut defaults: BTreeMap<Dimension, &Kind> = BTreeMap::new();
    for kind in kinds {
        if let Some(first) = seen.insert(kind.name.as_str(), &kind.location) {
            errors.push(
                RuleError {
                    message: format!(
                        "duplicate kind {:?} (first defined at {}:{})",
                        kind.name, first.file, first.line
                    ),
                    ..kind.location.clone()
                }
                .field("name")
                .hint("each kind is defined once; add cues to the first definition"),
            );
        }
        check_objects(kind, errors);
        if !kind.default {
            continue;
        }
        for &d in &kind.dimensions {
            if let Some(other) = defaults.insert(d, kind) {
                errors.push(
                    RuleError {
                        message: format!(
                            "kind {:?} is also the default for {} figures (as is {:?} at {}:{})",
                            kind.name,
                            d.as_str(),
                            other.name,
                            other.location.file,
                            other.location.line
                        ),
                        ..kind.location.clone()
                    }
                    .field("default")
                    .hint("one default kind per dimension"),
                );
            }
        }
    }
    if kinds.is_empty() {
        return;
    }
    for rule in rules {
        if !seen.contains_key(rule.kind.as_str()) {
            errors.push(
                RuleError {
                    message: format!("rule kind {:?} is not a declared kind", rule.kind),
                    ..rule.location.clone()
                }
                .rule(&rule.id)
                .field("kind")
                .hint(format!(
                    "declare it with [[kind]] name = {:?} in a rule file, or use one of: {}",
                    rule.kind,
                    seen.keys().copied().collect::<Vec<_>>().join(", ")
                )),
            );
        }
    }
}

/// `objects` and `object_verbs` go together (either alone does nothing), and no
/// object is a `not` word of its kind (the object would name the kind it rules out).
fn check_objects(kind: &Kind, errors: &mut Vec<RuleError>) {
    let alone = match (kind.objects.is_empty(), kind.object_verbs.is_empty()) {
        (false, true) => Some((
            "objects",
            "object_verbs",
            "the verbs (invest, 投资) they are the objects of",
        )),
        (true, false) => Some((
            "object_verbs",
            "objects",
            "the words (data centers, 算力) the verbs' money goes to",
        )),
        _ => None,
    };
    if let Some((has, lacks, what)) = alone {
        errors.push(
            RuleError {
                message: format!("kind {:?} has {has} but no {lacks}", kind.name),
                ..kind.location.clone()
            }
            .rule(&format!("kind {}", kind.name))
            .field(has)
            .hint(format!("add {lacks}: {what}")),
        );
    }
    for word in kind.objects.iter().filter(|w| kind.not.contains(w)) {
        errors.push(
            RuleError {
                message: format!(
                    "{word:?} is both an object and a `not` word of kind {:?}",
                    kind.name
                ),
                ..kind.location.clone()
            }
            .rule(&format!("kind {}", kind.name))
            .field("objects")
            .hint("an object names the kind; remove it from one of the lists"),
        );
    }
}

fn default_family(name: &str) -> Family {
    Family {
        name: name.to_string(),
        cumulative: false,
        volatile: false,
        approx_tolerance: compile::DEFAULT_APPROX_TOLERANCE
            .parse()
            .unwrap_or_default(),
        drift_ratio: None,
    }
}

fn io_error(path: &Path, e: &std::io::Error) -> RuleErrors {
    RuleErrors(vec![RuleError {
        file: path.display().to_string(),
        line: 0,
        column: 0,
        rule: None,
        field: None,
        message: format!("cannot read: {e}"),
        hint: None,
    }])
}

fn toml_error(loc: &Locator, text: &str, e: &toml::de::Error) -> RuleError {
    let offset = e.span().map_or(0, |s| s.start);
    let error = RuleError::toml(loc.de_error(e));
    match owner_at(text, offset) {
        Some(owner) => error.rule(&owner),
        None => error,
    }
}

/// The rule (`gpu_count.per_year`), kind (`kind gpu_count`) or entity (`entity
/// Baidu`) whose table holds byte `offset` of a rule file that is valid TOML but
/// not a valid rule file (an unknown or missing field), so the error names it.
fn owner_at(text: &str, offset: usize) -> Option<String> {
    use toml::de::DeTable;
    let doc = DeTable::parse(text).ok()?;
    for (array, name_key, prefix) in [
        ("rule", "id", ""),
        ("kind", "name", "kind "),
        ("entity", "key", "entity "),
    ] {
        let Some((_, value)) = doc.get_ref().iter().find(|(k, _)| k.get_ref() == array) else {
            continue;
        };
        let Some(items) = value.get_ref().as_array() else {
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            let Some(table) = item.get_ref().as_table() else {
                continue;
            };
            let mut span = item.span();
            extend_span(item.get_ref(), &mut span);
            if !span.contains(&offset) {
                continue;
            }
            let name = table
                .iter()
                .find(|(k, _)| k.get_ref() == name_key)
                .and_then(|(_, v)| v.get_ref().as_str());
            return Some(match name {
                Some(name) => format!("{prefix}{name}"),
                None => format!("{prefix}#{} (no `{name_key}`)", i + 1),
            });
        }
    }
    None
}

/// Widens `span` to every key and value written inside `value` (an array of
/// tables' element spans only its header).
fn extend_span(value: &toml::de::DeValue, span: &mut std::ops::Range<usize>) {
    fn widen(span: &mut std::ops::Range<usize>, s: std::ops::Range<usize>) {
        span.start = span.start.min(s.start);
        span.end = span.end.max(s.end);
    }
    if let Some(table) = value.as_table() {
        for (k, v) in table.iter() {
            widen(span, k.span());
            widen(span, v.span());
            extend_span(v.get_ref(), span);
        }
    } else if let Some(items) = value.as_array() {
        for v in items.iter() {
            widen(span, v.span());
            extend_span(v.get_ref(), span);
        }
    }
}

fn check_cross_references(rules: &[Rule], entities: &[Entity], errors: &mut Vec<RuleError>) {
    let known: BTreeSet<&str> = entities.iter().map(|e| e.key.as_str()).collect();
    let mut ids: BTreeMap<&str, &RuleError> = BTreeMap::new();
    for rule in rules {
        if let Some(first) = ids.insert(rule.id.as_str(), &rule.location) {
            errors.push(
                RuleError {
                    message: format!(
                        "duplicate rule id (first defined at {}:{})",
                        first.file, first.line
                    ),
                    ..rule.location.clone()
                }
                .rule(&rule.id)
                .field("id")
                .hint("give each rule a unique id"),
            );
        }
        let named = rule.entities.iter().chain(rule.default_entity.iter());
        for entity in named.filter(|e| !known.contains(e.as_str())) {
            errors.push(
                RuleError {
                    message: format!("unknown entity {entity:?}"),
                    ..rule.location.clone()
                }
                .rule(&rule.id)
                .field("entities")
                .hint(format!(
                    "define it in rules/{SUBJECTS_FILE} or use one of: {}",
                    {
                        let v: Vec<&str> = known.iter().copied().collect();
                        v.join(", ")
                    }
                )),
            );
        }
    }
}
