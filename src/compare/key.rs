//! What makes two claims comparable: the group key.
//!
//! Two figures are compared only when they measure the same thing: same kind, same subject,
//! same measure, same scope (actual, forecast or hypothetical), same unit basis (dimension,
//! and what a rate is per) and the same counted noun. Flows over a period (revenue, losses)
//! also need periods of the same length: a first half is not a year. A claim whose subject
//! is unknown is compared with nothing: nothing says two such figures are about one thing.

use crate::claim::{AsOfSource, Claim};
use crate::quantity::{Dimension, Per};

/// Whether a figure is stated as fact, as a forecast, or under a supposition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Scope {
    Actual,
    Forecast,
    Hypothetical,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The length of the period a flow (revenue, loss) is summed over, from how precisely its
/// date is written: `2023` is a year, `2023-06` (H1, Q2, June) is part of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Span {
    Year,
    PartOfYear,
    /// `去年同期`, `the year-ago period` with no month: the same period a year before,
    /// as long as the report's own, which the sentence does not give (a half-year
    /// report's `去年同期` is a first half, not the year).
    SamePeriod,
}

/// The group key. `alone` holds the claim index of a claim compared with nothing.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupKey {
    pub subject: String,
    pub kind: String,
    pub measure: String,
    pub noun: Option<String>,
    pub scope: Scope,
    pub dimension: Dimension,
    pub per: Option<Per>,
    pub span: Option<Span>,
    pub alone: Option<usize>,
}

/// Builds group keys for many claims, folding each distinct measure once.
#[derive(Default)]
pub struct Keys<'c> {
    /// (Hashed by the extractor's hash: the default one spent more on a measure than the
    /// look-up did.)
    measures: std::collections::HashMap<&'c str, MeasureFolds, crate::extract::FastHash>,
}

/// What a measure says for the key, worked out once per measure: its fold, the scope
/// it names, and its words of a flow ([`flow_words`]).
#[derive(Clone)]
struct MeasureFolds {
    folded: String,
    scope: Option<Scope>,
    flow_words: (bool, bool),
}

impl<'c> Keys<'c> {
    pub fn key(&mut self, index: usize, claim: &'c Claim) -> GroupKey {
        let folds = self
            .measures
            .entry(claim.measure.as_str())
            .or_insert_with(|| measure_folds(&claim.measure));
        let flow = flow_given(claim, folds.flow_words);
        let measure = folds.folded.clone();
        let scope = folds.scope.unwrap_or_else(|| sentence_scope(claim));
        GroupKey::with(index, claim, measure, scope, flow)
    }
}

/// `fold_measure` and `measure_scope` of `measure`, remembered by the thread: the
/// claims of every document repeat the few hundred measures the rules name.
fn measure_folds(measure: &str) -> MeasureFolds {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static SEEN: RefCell<HashMap<String, MeasureFolds, crate::extract::FastHash>> =
            RefCell::new(HashMap::default());
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(folds) = seen.get(measure) {
            return folds.clone();
        }
        let folds = MeasureFolds {
            folded: fold_measure(measure),
            scope: measure_scope(measure),
            flow_words: flow_words(measure),
        };
        // Claims files read back may hold any measures: stay small.
        if seen.len() >= 4096 {
            seen.clear();
        }
        seen.insert(measure.to_string(), folds.clone());
        folds
    })
}

impl GroupKey {
    pub fn of(index: usize, claim: &Claim) -> GroupKey {
        GroupKey::with(
            index,
            claim,
            fold_measure(&claim.measure),
            scope_of(claim),
            is_flow(claim),
        )
    }

    /// The key, given the claim's folded measure, its scope and whether it is a flow.
    fn with(index: usize, claim: &Claim, measure: String, scope: Scope, flow: bool) -> GroupKey {
        let subject = claim.subject.trim().to_string();
        GroupKey {
            alone: subject.is_empty().then_some(index),
            subject,
            kind: claim.kind.clone(),
            measure,
            // The measure names what is counted (`LLMs`, `LLM makers`); the noun stands in
            // only when no measure does, since a noun beside a classifier (`230家` vs
            // `79个模型`) would split one count in two.
            noun: if claim.measure.trim().is_empty() {
                counted_noun(claim.noun.as_deref())
            } else if claim.kind == "gpu_count" {
                // Orders of H20s and of H200s are different counts: a count that names
                // its chips is compared only with counts of the same chips.
                chip_models(claim)
            } else {
                None
            },
            scope,
            dimension: claim.dimension(),
            per: claim.per.map(basis),
            span: flow.then(|| span_of(claim)),
        }
    }
}

impl GroupKey {
    /// The key as one string, the same for claims the checker groups together and
    /// different otherwise: `subject|kind|measure|noun|scope|dimension|per|span`, empty
    /// fields for what does not apply, `|` and `\` in names escaped with `\`. `None`
    /// for a claim compared with nothing (no subject).
    pub fn label(&self) -> Option<String> {
        let mut label =
            String::with_capacity(self.subject.len() + self.kind.len() + self.measure.len() + 40);
        self.write_label(&mut label).then_some(label)
    }

    /// Appends [`GroupKey::label`] to `label` (a claims file carries one for every claim,
    /// written through one buffer); `false`, writing nothing, when there is none.
    pub fn write_label(&self, label: &mut String) -> bool {
        if self.alone.is_some() {
            return false;
        }
        fn escaped(out: &mut String, s: &str) {
            for part in s.split_inclusive(['\\', '|']) {
                match part.as_bytes().last() {
                    Some(&b) if b == b'\\' || b == b'|' => {
                        out.push_str(&part[..part.len() - 1]);
                        out.push('\\');
                        out.push(b as char);
                    }
                    _ => out.push_str(part),
                }
            }
        }
        escaped(label, &self.subject);
        label.push('|');
        escaped(label, &self.kind);
        label.push('|');
        escaped(label, &self.measure);
        label.push('|');
        if let Some(noun) = &self.noun {
            escaped(label, noun);
        }
        label.push('|');
        label.push_str(self.scope.as_str());
        label.push('|');
        label.push_str(self.dimension.as_str());
        label.push('|');
        if let Some(per) = self.per {
            label.push_str(per.as_str());
        }
        label.push('|');
        label.push_str(match self.span {
            Some(Span::Year) => "year",
            Some(Span::PartOfYear) => "part-of-year",
            Some(Span::SamePeriod) => "same-period",
            None => "",
        });
        true
    }
}

/// For each claim, the claim it converts (`3亿美元(22亿元)`: the 22亿元 restates the
/// 3亿美元), found by id in the same document among the `included` claims.
pub fn originals(claims: &[Claim], included: &[bool]) -> Vec<Option<usize>> {
    use std::collections::{BTreeSet, HashMap};
    let wanted: BTreeSet<(&str, &str)> = claims
        .iter()
        .zip(included)
        .filter(|(_, inc)| **inc)
        .filter_map(|(c, _)| c.converts.as_deref().map(|id| (c.source.as_str(), id)))
        .collect();
    let mut by_id: HashMap<(&str, &str), usize> = HashMap::new();
    if !wanted.is_empty() {
        for (i, c) in claims.iter().enumerate() {
            let k = (c.source.as_str(), c.claim_id.as_str());
            if included[i] && wanted.contains(&k) {
                by_id.entry(k).or_insert(i);
            }
        }
    }
    claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let id = c.converts.as_deref()?;
            by_id
                .get(&(c.source.as_str(), id))
                .copied()
                .filter(|&o| o != i)
        })
        .collect()
}

/// The key the checker groups each `included` claim by (`None` for the others), given
/// `originals`: a conversion takes the key of the claim it restates, unless it is in
/// another dimension (then it is no conversion and stands on its own).
pub fn keys_of(
    claims: &[Claim],
    included: &[bool],
    originals: &[Option<usize>],
) -> Vec<Option<GroupKey>> {
    let mut keys = Keys::default();
    claims
        .iter()
        .enumerate()
        .map(|(i, claim)| {
            if !included[i] {
                return None;
            }
            let key_claim = originals[i].unwrap_or(i);
            let key = keys.key(key_claim, &claims[key_claim]);
            Some(if claim.dimension() != key.dimension {
                keys.key(i, claim)
            } else {
                key
            })
        })
        .collect()
}

/// The key `check` groups each claim of `claims` by: `None` for figures of kind `other`,
/// which are never checked. Conversions are resolved within `claims`, so a document's
/// claims give the same keys alone as in a whole corpus.
pub fn group_keys(claims: &[Claim]) -> Vec<Option<GroupKey>> {
    let included: Vec<bool> = claims.iter().map(|c| c.kind != super::OTHER_KIND).collect();
    keys_of(claims, &included, &originals(claims, &included))
}

/// `group_keys` as strings (`GroupKey::label`): what claims files carry as `group_key`.
pub fn group_key_labels(claims: &[Claim]) -> Vec<Option<String>> {
    group_keys(claims)
        .into_iter()
        .map(|k| k.and_then(|k| k.label()))
        .collect()
}

/// Token prices compare per million tokens whatever denominator was written.
pub fn basis(per: Per) -> Per {
    match per {
        Per::Token | Per::Ktok => Per::Mtok,
        p => p,
    }
}

/// Lower case, single spaces.
pub fn fold_measure(measure: &str) -> String {
    let folded = measure
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    // The scope is a part of the key of its own: `revenue forecast` and `revenue
    // (forecast)` measure the same thing.
    let base = folded.strip_suffix(" (forecast)").unwrap_or(&folded);
    let base = base.strip_suffix(" forecast").unwrap_or(base);
    if base.is_empty() {
        folded
    } else {
        base.to_string()
    }
}

/// The accelerator models a GPU count names (`A100`, `H20`, `H200`, `B200`, `MI300X`,
/// `GB200`), from its counted noun, its clause, or else the clause before (`…H800
/// GPU集群,总计…`), upper case, sorted and joined by `+` (`A100+H800`); `None` when none.
fn chip_models(claim: &Claim) -> Option<String> {
    let mut models = std::collections::BTreeSet::new();
    if let Some(noun) = claim.noun.as_deref() {
        models.extend(model_names(noun));
    }
    let (clause, before) = figure_clause(&claim.quote, &claim.value_text);
    models.extend(model_names(clause));
    if models.is_empty() {
        models.extend(model_names(before));
    }
    (!models.is_empty()).then(|| models.into_iter().collect::<Vec<_>>().join("+"))
}

/// Accelerator model names in `text`: a maker's series letter (or two) and two to four
/// digits, an optional suffix letter (`MI300X`, `L40S`) and a plural `s`, standing apart
/// from other ASCII letters and digits (`H1` of `23H1` and `FY24` are none).
fn model_names(text: &str) -> Vec<String> {
    const SERIES: [&str; 8] = ["GB", "MI", "A", "B", "H", "L", "V", "T"];
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts_word = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        let series = SERIES
            .iter()
            .find(|s| starts_word && b[i..].starts_with(s.as_bytes()));
        let Some(series) = series else {
            i += 1;
            continue;
        };
        let digits_at = i + series.len();
        let digits = b[digits_at..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let mut end = digits_at + digits;
        if end < b.len() && b[end].is_ascii_uppercase() {
            end += 1;
        }
        let name_end = end;
        if end < b.len() && b[end] == b's' {
            end += 1;
        }
        if (2..=4).contains(&digits) && (end == b.len() || !b[end].is_ascii_alphanumeric()) {
            out.push(text[i..name_end].to_string());
        }
        i = end.max(i + 1);
    }
    out
}

/// A classifier (个, 家, 款) names no thing; only a real noun splits groups.
fn counted_noun(noun: Option<&str>) -> Option<String> {
    const CLASSIFIERS: &[&str] = &[
        "个", "個", "家", "款", "种", "種", "位", "名", "块", "塊", "张", "張", "台", "次", "项",
        "項", "件", "只", "枚", "颗", "顆",
    ];
    let n = noun?.trim();
    (!n.is_empty() && !CLASSIFIERS.contains(&n)).then(|| n.to_string())
}

/// Revenue, losses and spending are sums over a period; counts and prices are states. A
/// ratio of such sums (a share of revenue, revenue growth, a margin) belongs to the
/// period too: the first half's share and the year's are different figures.
pub fn is_flow(claim: &Claim) -> bool {
    flow_given(claim, flow_words(&claim.measure))
}

/// [`is_flow`], given the [`flow_words`] of the claim's measure.
fn flow_given(claim: &Claim, (sums, ratios): (bool, bool)) -> bool {
    if matches!(claim.kind.as_str(), "revenue" | "loss" | "profit") {
        return claim.per.is_none();
    }
    claim.per.is_none()
        && match claim.dimension() {
            Dimension::Money => sums,
            Dimension::Percent | Dimension::Multiple => sums || ratios,
            _ => false,
        }
}

/// Whether `measure` names a sum over a period (`revenue`, `loss`…) and whether a ratio
/// (`margin`), in any case.
fn flow_words(measure: &str) -> (bool, bool) {
    let m = measure.to_lowercase();
    // Capital expenditure is a sum over a period as spending is: a quarter's is not the
    // year's.
    let sums = [
        "revenue",
        "sales",
        "loss",
        "profit",
        "income",
        "spend",
        "expenditure",
        "capex",
    ];
    (sums.iter().any(|w| m.contains(w)), m.contains("margin"))
}

/// Whether figures of `kind` and folded `measure` are amounts of events that recur: a
/// funding round (or one sought) is one of several a company raises, unlike the total
/// raised, which only grows.
pub fn is_event(kind: &str, measure: &str) -> bool {
    (kind == "funding" && !measure.contains("total") && !measure.contains("cumulative"))
        || measure.contains("round")
}

fn span_of(claim: &Claim) -> Span {
    let same_period = || {
        claim.as_of_text.as_deref().is_some_and(|t| {
            let t = t.to_ascii_lowercase();
            ["同期", "same period", "year-ago", "year ago"]
                .iter()
                .any(|w| t.contains(w))
        })
    };
    match (claim.as_of_source, claim.as_of) {
        (AsOfSource::Text, Some(d)) if d.month.is_some() => Span::PartOfYear,
        // `去年同期` is as long as the period the sentence reports on, when it says so
        // (`全年实现收入34.06亿元,上年同期为38.09亿元`); else it is unknown.
        (AsOfSource::Text, Some(_)) if same_period() => period_named(&claim.quote),
        // A flow whose period is not written is most often a year's.
        _ => Span::Year,
    }
}

/// The length of the period `quote` says it reports on: a year (`全年`, `full-year`),
/// part of one (`上半年`, `第三季度`, `quarter`), or [`Span::SamePeriod`] when it names
/// neither.
fn period_named(quote: &str) -> Span {
    let q = quote.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| q.contains(w));
    if has(&[
        "上半年",
        "下半年",
        "半年",
        "中期",
        "季度",
        "前三季",
        "first half",
        "second half",
        "quarter",
        "h1",
        "h2",
        "q1",
        "q2",
        "q3",
        "q4",
    ]) {
        Span::PartOfYear
    } else if has(&[
        "全年",
        "年度",
        "full year",
        "full-year",
        "annual",
        "fiscal year",
    ]) {
        Span::Year
    } else {
        Span::SamePeriod
    }
}

/// Forecasts named in the measure; suppositions named in the measure or in the sentence
/// (`如果…`, `假设…`, `if … would`), since a hypothetical GPU count is no actual one.
pub fn scope_of(claim: &Claim) -> Scope {
    measure_scope(&claim.measure).unwrap_or_else(|| sentence_scope(claim))
}

/// The scope a measure names, if it names one.
pub fn measure_scope(measure: &str) -> Option<Scope> {
    let m = measure.to_lowercase();
    if ["hypothetical", "if ", "假设", "如果"]
        .iter()
        .any(|w| m.contains(w))
    {
        return Some(Scope::Hypothetical);
    }
    if [
        "forecast",
        "projected",
        "expected",
        "预计",
        "预测",
        "預計",
        "預測",
    ]
    .iter()
    .any(|w| m.contains(w))
    {
        return Some(Scope::Forecast);
    }
    None
}

/// A supposition in the sentence around the figure.
fn sentence_scope(claim: &Claim) -> Scope {
    // Only the clause holding the figure: `如果要用时间衡量,OpenAI…突出三年` frames a
    // measurement, it supposes nothing about the three years. A clause that draws a
    // consequence (`…,意味着2963张卡`) carries the supposition before it.
    let (clause, before) = figure_clause(&claim.quote, &claim.value_text);
    let opening = clause.trim_start();
    let consequence = [
        "意味着",
        "意味著",
        "那么",
        "那麼",
        "则",
        "則",
        "就需要",
        "would",
    ]
    .iter()
    .any(|w| opening.starts_with(w));
    let q: std::borrow::Cow<str> = if consequence {
        format!("{before}{clause}").into()
    } else {
        clause.into()
    };
    // One pass for all the words, each search of which built a searcher. Their
    // letters are ASCII and lower case, and no character but an ASCII letter lowers
    // to one of them (`K`, the Kelvin sign, to `k`, which none holds; `İ` to `i` and a
    // combining dot): matching ASCII case-insensitively is matching the lowered text.
    // No two of the words overlap (none ends as another starts), so the matches of a
    // non-overlapping search are all their occurrences.
    let (mut if_, mut would) = (false, false);
    for m in supposition_words().find_iter(q.as_ref()) {
        match SUPPOSITION_WORDS[m.pattern().as_usize()] {
            "if " => if_ = true,
            "would" => would = true,
            _ => return Scope::Hypothetical,
        }
    }
    if if_ && would {
        Scope::Hypothetical
    } else {
        Scope::Actual
    }
}

/// Words that make a sentence a supposition (`if ` and `would` only together).
const SUPPOSITION_WORDS: [&str; 9] = [
    "如果",
    "假如",
    "假设",
    "假設",
    "倘若",
    "若是",
    "hypothetical",
    "if ",
    "would",
];

/// [`SUPPOSITION_WORDS`] in one automaton, ASCII case folded.
fn supposition_words() -> &'static aho_corasick::AhoCorasick {
    static WORDS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(SUPPOSITION_WORDS)
            .expect("supposition words build")
    })
}

/// Where `needle` (not empty) first occurs in `haystack`: the places its first byte is
/// found, compared. Quotes are short, and `str::find` built a searcher for each.
fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let &first = n.first()?;
    memchr::memchr_iter(first, h).find(|&i| h[i..].starts_with(n))
}

/// The clause of `quote` (between , ; 。 and the like) that holds `figure`, and the clause
/// before it.
fn figure_clause<'q>(quote: &'q str, figure: &str) -> (&'q str, &'q str) {
    let Some(at) = find(quote, figure) else {
        return (quote, "");
    };
    let is_break = |c: char| {
        matches!(
            c,
            ',' | '，' | ';' | '；' | '。' | '!' | '！' | '?' | '？' | ':' | '：' | '\n'
        )
    };
    let clause_start = |end: usize| {
        quote[..end]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_break(c))
            .map_or(0, |(i, c)| i + c.len_utf8())
    };
    let start = clause_start(at);
    let end = quote[at..]
        .char_indices()
        .find(|&(_, c)| is_break(c))
        .map_or(quote.len(), |(i, _)| at + i);
    let before_end = quote[..start]
        .char_indices()
        .next_back()
        .map_or(0, |(i, _)| i);
    let before = &quote[clause_start(before_end)..before_end];
    (&quote[start..end], before)
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_forecast_named_in_the_measure_is_the_scope_not_the_measure() {
        assert_eq!(fold_measure("revenue forecast (forecast)"), "revenue");
        assert_eq!(fold_measure("Revenue  (forecast)"), "revenue");
        assert_eq!(fold_measure("revenue"), "revenue");
        assert_eq!(fold_measure("forecast"), "forecast");
    }

    use super::*;

    #[test]
    fn labels_escape_bars_and_backslashes() {
        let key = GroupKey {
            subject: r"a|b\c\|".into(),
            kind: "price".into(),
            measure: "|".into(),
            noun: Some(r"\".into()),
            scope: Scope::Forecast,
            dimension: Dimension::Money,
            per: Some(Per::Mtok),
            span: Some(Span::PartOfYear),
            alone: None,
        };
        let escape = |s: &str| s.replace('\\', "\\\\").replace('|', "\\|");
        let expected = [
            escape(&key.subject),
            "price".into(),
            escape("|"),
            escape(r"\"),
            "forecast".into(),
            Dimension::Money.as_str().into(),
            Per::Mtok.as_str().into(),
            "part-of-year".into(),
        ]
        .join("|");
        assert_eq!(key.label(), Some(expected));
        let plain = GroupKey {
            noun: None,
            per: None,
            span: None,
            ..key.clone()
        };
        assert!(plain.label().unwrap().ends_with("|forecast|money||"));
        assert_eq!(
            GroupKey {
                alone: Some(0),
                ..key
            }
            .label(),
            None
        );
    }

    #[test]
    fn suppositions_are_found_in_any_ascii_case_and_if_needs_would() {
        use crate::claim::AsOfSource;
        use crate::quantity::{Qualifier, Unit};
        let claim = |quote: &str| Claim {
            claim_id: String::new(),
            source: "000".into(),
            kind: "gpu_count".into(),
            family: "gpu_count".into(),
            subject: "OpenAI".into(),
            measure: "GPUs".into(),
            noun: None,
            value: crate::interval::Interval::exact(25000.into()),
            unit: Unit::Count,
            per: None,
            qualifier: Qualifier::Exact,
            value_text: "25000".into(),
            as_of: None,
            as_of_source: AsOfSource::Unknown,
            as_of_text: None,
            published: None,
            speaker: None,
            quote: quote.into(),
            line: 1,
            start: 0,
            end: 0,
            rule: String::new(),
            mentions: Vec::new(),
            converts: None,
        };
        let scope = |quote: &str| sentence_scope(&claim(quote));
        assert_eq!(scope("如果用25000张A100训练"), Scope::Hypothetical);
        assert_eq!(scope("假設用25000張A100"), Scope::Hypothetical);
        assert_eq!(
            scope("IF it trained it WOULD need 25000 GPUs"),
            Scope::Hypothetical
        );
        assert_eq!(scope("A Hypothetical 25000 GPUs"), Scope::Hypothetical);
        assert_eq!(scope("If it did, 25000 GPUs"), Scope::Actual);
        assert_eq!(scope("it would need 25000 GPUs"), Scope::Actual);
        assert_eq!(scope("OpenAI used 25000 GPUs"), Scope::Actual);
        // Only the figure's clause is read.
        assert_eq!(scope("如果不算,OpenAI用了25000张"), Scope::Actual);
    }

    #[test]
    fn the_first_occurrence_is_found_as_str_find_finds_it() {
        for (h, n) in [
            ("营收11.8亿元,11.8亿", "11.8亿"),
            ("a", "a"),
            ("", "a"),
            ("abc", ""),
            ("aab", "ab"),
            ("中中文", "中文"),
            ("xyz", "yzz"),
        ] {
            assert_eq!(
                find(h, n),
                h.find(n).filter(|_| !n.is_empty()),
                "{h:?} {n:?}"
            );
        }
    }

    #[test]
    fn accelerator_models_stand_apart_from_other_letters_and_digits() {
        assert_eq!(
            model_names("8×A100、3万块H800和H20, 100k H100s, MI300X, GB200"),
            ["A100", "H800", "H20", "H100", "MI300X", "GB200"]
        );
        // Periods, fiscal years, model names and plain numbers are no chips.
        assert!(model_names("23H1 1H23 FY24 GPT-4 H1 A1234567 B2B AH100").is_empty());
        assert_eq!(model_names("H100-80GB"), ["H100"]);
    }

    #[test]
    fn classifiers_are_not_nouns() {
        assert_eq!(counted_noun(Some("家")), None);
        assert_eq!(counted_noun(Some("公司")), Some("公司".into()));
        assert_eq!(fold_measure("  LLMs   Released "), "llms released");
        assert_eq!(basis(Per::Ktok), Per::Mtok);
        assert_eq!(
            figure_clause("如果要用时间衡量,OpenAI比国内突出三年的时间。", "三年"),
            ("OpenAI比国内突出三年的时间", "如果要用时间衡量")
        );
    }
}
