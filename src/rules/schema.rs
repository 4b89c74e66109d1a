//! The rule-file format (TOML), as serde reads it. Fields that errors must point
//! at are `Spanned` so messages can name their line and column.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// One file under `rules/`: a family of claim kinds and the rules that find them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub family: Option<FamilySpec>,
    /// Named keyword lists, usable in patterns as `{name}`.
    #[serde(default)]
    pub lists: BTreeMap<String, Vec<String>>,
    #[serde(default, rename = "rule")]
    pub rules: Vec<RuleSpec>,
    /// Claim kinds and the cue words that classify a figure as one of them.
    #[serde(default, rename = "kind")]
    pub kinds: Vec<KindSpec>,
    /// Words that make a figure a forecast rather than a fact.
    pub modality: Option<ModalitySpec>,
}

/// Words in a figure's clause, before it, that change what kind of statement it is.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModalitySpec {
    /// The figure is expected, not observed (预计, 有望, 将达, expected to): its
    /// measure gains ` (forecast)`, so forecasts are compared with forecasts.
    #[serde(default)]
    pub forecast: Vec<Spanned<String>>,
    /// Words that keep a figure after them actual despite a forecast word before:
    /// a forecast word inside one (`低于预期`, `beat expectations`: the figure is
    /// measured against the forecast) or before one (`预计…已`, `expected … had`).
    #[serde(default)]
    pub actual: Vec<Spanned<String>>,
}

/// A kind of claim as the figure-first classifier sees it: which figures it can
/// take and which words around a figure say that the figure is of this kind.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindSpec {
    /// `funding`, `gpu_count`…; `other` is the kind of figures that are not claims.
    pub name: Spanned<String>,
    pub description: String,
    /// Dimensions of the figures it takes: count, money, percent, multiple, duration.
    pub dimensions: Vec<Spanned<String>>,
    /// What is measured, when no `measures` refinement applies (`GPUs`, `funding raised`).
    pub measure: Spanned<String>,
    /// Words in the figure's clause (either side) that point to this kind.
    /// `训练+成本` needs both words in the clause.
    #[serde(default)]
    pub cues: Vec<Spanned<String>>,
    /// The counted noun right after the figure (`10万块GPU`, `79个大模型`).
    #[serde(default)]
    pub nouns: Vec<Spanned<String>>,
    /// Entity types that, named right after the figure, are its counted noun (`chip`).
    #[serde(default)]
    pub noun_entities: Vec<Spanned<super::schema::EntityType>>,
    /// Like `cues`, at half the weight: words that only suggest the kind
    /// (verbs such as 提升 or 增加, which many kinds share).
    #[serde(default)]
    pub weak_cues: Vec<Spanned<String>>,
    /// Words in the figure's clause that rule this kind out.
    #[serde(default)]
    pub not: Vec<Spanned<String>>,
    /// What the money goes to (`data centers`, `算力`): named as the object of one
    /// of `object_verbs` (`invest $80 billion in AI data centers`, `投资600亿元建设…
    /// 基础设施`), it makes the figure this kind, whatever kind the verb alone names.
    #[serde(default)]
    pub objects: Vec<Spanned<String>>,
    /// The verbs whose object `objects` are (invest, spend, 投资, 投入); listed with
    /// `objects`, each needing the other.
    #[serde(default)]
    pub object_verbs: Vec<Spanned<String>>,
    /// Entity types that are never this kind's subject: what is used or
    /// counted (`chip` for a training run), not whose figure it is.
    #[serde(default)]
    pub not_subjects: Vec<Spanned<super::schema::EntityType>>,
    /// Gazetteer types that stand for their maker as this kind's subject (a
    /// product's valuation is its company's: 估值800亿美元 of ChatGPT is OpenAI's).
    #[serde(default)]
    pub maker_subjects: Vec<Spanned<super::schema::EntityType>>,
    /// Gazetteer types (makers) that stand for their model as this kind's subject
    /// when the document names exactly one model of theirs: a parameter count or
    /// training time given for DeepSeek in an article on DeepSeek-V3 is the model's.
    #[serde(default)]
    pub model_subjects: Vec<Spanned<super::schema::EntityType>>,
    /// Gazetteer types (makers) that stand for the one product of theirs the figure's
    /// sentence names: the price Nvidia asks for H20s is the H20's price.
    #[serde(default)]
    pub product_subjects: Vec<Spanned<super::schema::EntityType>>,
    /// Figures below this are not of this kind (`一家公司` is "a company", not a count).
    pub min: Option<Spanned<String>>,
    /// Figures whose bottom is above this are not of this kind: no count of models
    /// reaches `400B` (400 billion parameters).
    pub max: Option<Spanned<String>>,
    /// Units that by themselves say the kind (`GPU-hours` → training time).
    #[serde(default)]
    pub units: Vec<Spanned<String>>,
    /// Magnitude letters glued to a count that say the kind, as a counted noun does:
    /// model sizes are written `70B`, `1.8T`.
    #[serde(default)]
    pub written_with: Vec<Spanned<String>>,
    /// Count figures fit only at these rates (`second`: tokens per second is
    /// speed; a bare token count is not); other dimensions are not restricted.
    #[serde(default)]
    pub count_rates: Vec<Spanned<String>>,
    /// Measure words (classifiers) that say a count is of this kind: 颗/块/张 count
    /// chips and cards, 家 companies. One character each.
    #[serde(default)]
    pub classifiers: Vec<Spanned<String>>,
    /// Measure words that say a count is not of this kind, whatever the cues around it
    /// say: 组 (sets) and 台 (machines) count no models, 条 (items) no users. One character
    /// each, none of them in `classifiers`.
    #[serde(default)]
    pub not_classifiers: Vec<Spanned<String>>,
    /// Take figures of these dimensions that no cue speaks for.
    #[serde(default)]
    pub default: bool,
    /// Refinements of `measure`: the first whose words occur in the clause wins.
    #[serde(default)]
    pub measures: Vec<MeasureSpec>,
    /// Rate period to assume when the figure names none (usage is per day).
    pub per: Option<Spanned<String>>,
    #[serde(default)]
    pub examples: Vec<ExampleSpec>,
    #[serde(default)]
    pub counterexamples: Vec<CounterexampleSpec>,
}

/// `measure` when one of `when` occurs in the figure's clause (and, if `with` is given,
/// one of `with` too: `收入` with `占` is a share of revenue, not its growth).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureSpec {
    pub when: Vec<Spanned<String>>,
    #[serde(default)]
    pub with: Vec<Spanned<String>>,
    pub measure: Spanned<String>,
}

/// How the checker treats claims of this family.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilySpec {
    pub name: Spanned<String>,
    /// Whether the quantity accumulates over time (model counts, users).
    #[serde(default)]
    pub cumulative: bool,
    /// Whether the value moves over time with no direction (prices): figures that
    /// differ where a date is missing are unordered, not contradictory.
    #[serde(default)]
    pub volatile: bool,
    /// Relative tolerance for `approx` figures, as a decimal string ("0.1" = ±10 %).
    pub approx_tolerance: Option<Spanned<String>>,
    /// Whether the value moves by large factors over time (a company's valuation from
    /// round to round): two figures further apart than this factor ("1.5"), one of them
    /// dated only by publication or not at all, are read as different moments rather
    /// than a contradiction. A decimal string above 1.
    pub drift_ratio: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    pub description: String,
    pub dimension: Spanned<String>,
    pub patterns: Vec<Spanned<String>>,
    /// Subject, with `{entity}` standing for the one found in the text (the
    /// default) and `{aspect}` for the pattern's `aspect` group.
    pub subject: Option<Spanned<String>>,
    #[serde(default)]
    pub entities: Vec<Spanned<String>>,
    pub default_entity: Option<Spanned<String>>,
    /// Drop matches whose sentence names none of `entities` (and no default).
    #[serde(default)]
    pub require_entity: bool,
    /// Skip figures whose upper bound is below this (一个大模型 is "a model", not a count).
    pub min: Option<Spanned<String>>,
    /// Regexes over the figure's clause that veto a match (forecasts: 或将, 预计).
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    /// The counted noun (模型, 公司), shown when counts of different things meet.
    pub noun: Option<String>,
    /// What the figure measures; default: as the kind's measures decide.
    /// `{aspect}` is the pattern's `aspect` group.
    pub measure: Option<String>,
    /// Rate period to assume when the figure itself names none ("day", "month", "year").
    pub per: Option<Spanned<String>>,
    #[serde(default)]
    pub examples: Vec<ExampleSpec>,
    #[serde(default)]
    pub counterexamples: Vec<CounterexampleSpec>,
}

/// Text that must produce a claim of this rule, and the claim it must produce.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    pub text: Spanned<String>,
    /// Shorthand for `low = high = value`.
    pub value: Option<Spanned<String>>,
    pub low: Option<Spanned<String>>,
    pub high: Option<Spanned<String>>,
    pub unit: Spanned<String>,
    pub qualifier: Option<Spanned<String>>,
    pub subject: Option<Spanned<String>>,
    pub per: Option<Spanned<String>>,
    /// Kind examples: the expected measure.
    pub measure: Option<Spanned<String>>,
}

/// Text that must not produce a claim of this rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CounterexampleSpec {
    pub text: Spanned<String>,
}

/// `rules/subjects.toml`: entities and the words that name them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectsFile {
    #[serde(default, rename = "entity")]
    pub entities: Vec<EntitySpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntitySpec {
    pub key: Spanned<String>,
    /// What sort of thing it is; regions are scopes (全球, 海外, 北京).
    #[serde(rename = "type", default)]
    pub entity_type: Option<Spanned<EntityType>>,
    pub aliases: Vec<Spanned<String>>,
    /// The entity it belongs to (a model's maker, a city's country).
    pub parent: Option<Spanned<String>>,
}

/// The sorts of entity `subjects.toml` knows.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    Company,
    Lab,
    Institution,
    Government,
    Investor,
    Media,
    Model,
    Product,
    Chip,
    Region,
    Person,
    /// Written without a type.
    Other,
}
