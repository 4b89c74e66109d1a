//! The contradiction checker: groups comparable claims and gives each group a verdict.
//!
//! * Groups: same family, subject, dimension and (for rates) period. Values are brought to a
//!   common unit first: money in several currencies to USD at the rate of each claim's as-of
//!   month (`fx`, widened by `FX_MARGIN`), money in one currency stays in it, durations go
//!   to days (`interval::days_per`).
//! * Sources: a claim's source is its document plus its speaker, so two people quoted in one
//!   article are two sources; repeated statements of one figure (`mentions`) are not.
//! * Agreement: two claims agree when their intervals intersect, after `约` widens by the
//!   family's approx tolerance and `近` v becomes [v·(1−tolerance), v].
//! * Time: in cumulative families, figures of overlapping periods must agree, and a later
//!   figure entirely below an earlier one conflicts; a later, higher figure is a timeline.
//!   Elsewhere any disagreement is a conflict. Dates not stated in the text are the
//!   publication date, and reasons that depend on them say so.
//! * Verdicts: `conflict` (some pair of different sources conflicts), `timeline` (figures
//!   rise with time, none conflicts), `corroborated` (all compatible, two or more sources),
//!   `single` (one source).

pub mod fx;
pub mod interval;
mod verdict;

pub use fx::{FxError, FxTable, Month};
pub use interval::{Bound, Interval};

use crate::claim::{AsOfSource, Claim, PartialDate};
use crate::quantity::{Currency, Dimension, Per, Unit};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// How a family of claims behaves over time and how loosely its qualifiers read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindPolicy {
    /// Counts that only grow (models released, users): rising figures form a timeline.
    pub cumulative: bool,
    /// `约`/`左右` widen a figure by this fraction each way (0.1 = ±10%).
    pub approx_tolerance: Decimal,
    /// `近`/`将近` v reads as [v·(1−tolerance), v].
    pub nearly_tolerance: Decimal,
}

impl Default for KindPolicy {
    fn default() -> Self {
        KindPolicy {
            cumulative: false,
            approx_tolerance: Decimal::new(1, 1),
            nearly_tolerance: Decimal::new(1, 1),
        }
    }
}

/// Policies by family; families not listed get `KindPolicy::default()`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policies(pub BTreeMap<String, KindPolicy>);

impl Policies {
    pub fn get(&self, family: &str) -> KindPolicy {
        self.0.get(family).copied().unwrap_or_default()
    }
}

/// Converted amounts widen by this fraction: a monthly average is not the day's rate and
/// the bundled table is itself approximate (about 1%).
pub const FX_MARGIN: Decimal = Decimal::from_parts(2, 0, 0, false, 2);

/// Who stands behind a figure: the document, and the person or body quoted in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceKey {
    pub document: String,
    pub speaker: Option<String>,
}

impl SourceKey {
    pub fn of(claim: &Claim) -> SourceKey {
        SourceKey {
            document: claim.source.clone(),
            speaker: claim.speaker.clone(),
        }
    }

    /// The speaker when known, else the document.
    pub fn label(&self) -> &str {
        self.speaker.as_deref().unwrap_or(&self.document)
    }
}

/// A group's verdict, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    Conflict,
    Timeline,
    Corroborated,
    Single,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Conflict => "conflict",
            Verdict::Timeline => "timeline",
            Verdict::Corroborated => "corroborated",
            Verdict::Single => "single",
        }
    }
}

/// The exchange rate a money figure was converted with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FxNote {
    pub currency: Currency,
    /// USD per one unit of `currency`.
    pub rate: Decimal,
    pub month: PartialDate,
}

/// A claim as the checker sees it: its interval in the group's common unit and its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub claim_id: String,
    /// Index into the `claims` slice given to `check`.
    pub claim_index: usize,
    pub source: SourceKey,
    /// The interval as stated, in the claim's own unit.
    pub stated: Interval,
    /// The stated interval in the group's common unit (USD, days, count…).
    pub normalized: Interval,
    /// `normalized` widened by qualifier tolerance (and FX margin): what is compared.
    pub compared: Interval,
    /// Money only: the stated interval in USD (converted at `fx` unless already USD).
    pub usd: Option<Interval>,
    /// The rate to USD for money in another currency, when the table has one.
    pub fx: Option<FxNote>,
    /// The as-of date used for comparison.
    pub date: Option<PartialDate>,
    /// True when `date` is the publication date standing in for an unstated as-of.
    pub date_assumed: bool,
}

/// Two figures that cannot both be true, with a sentence saying why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub a: String,
    pub b: String,
    pub reason: String,
}

/// Comparable claims and what the checker concluded about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// `g001`, `g002`… in report order.
    pub id: String,
    pub family: String,
    pub subject: String,
    pub dimension: Dimension,
    pub per: Option<Per>,
    /// The unit every figure's `normalized` interval is in (`USD`, `days`, `count/day`…).
    pub common_unit: String,
    pub cumulative: bool,
    pub verdict: Verdict,
    pub reason: String,
    /// Sorted by as-of date, value, source.
    pub figures: Vec<Figure>,
    pub conflicts: Vec<Conflict>,
    /// Sets of claim ids whose values agree, each spanning at least two sources.
    pub corroborations: Vec<Vec<String>>,
    /// Distinct (document, speaker) sources.
    pub sources: usize,
}

impl Group {
    pub fn claim_ids(&self) -> impl Iterator<Item = &str> {
        self.figures.iter().map(|f| f.claim_id.as_str())
    }

    pub fn figure(&self, claim_id: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.claim_id == claim_id)
    }
}

/// Counts for the top of a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub groups: usize,
    /// Groups by verdict.
    pub conflicts: usize,
    pub timelines: usize,
    pub corroborated: usize,
    pub single: usize,
    /// Conflicting pairs and agreeing clusters over all groups.
    pub conflicting_pairs: usize,
    pub corroborations: usize,
    pub claims: usize,
    /// Distinct documents.
    pub sources: usize,
    /// Skipped or partly decoded input files, as the caller described them.
    pub notes: Vec<String>,
}

/// The checker's result: groups in report order and a summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub summary: Summary,
    pub groups: Vec<Group>,
}

impl Check {
    /// Adds the caller's notes on skipped or partly decoded files to the summary.
    pub fn with_notes(mut self, notes: &[String]) -> Check {
        self.summary.notes.extend(notes.iter().cloned());
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct GroupKey {
    family: String,
    subject: String,
    dimension: Dimension,
    per: Option<Per>,
    common_unit: String,
}

/// Groups the claims, compares each group and orders the result (see the module docs).
pub fn check(claims: &[Claim], policies: &Policies, fx: &FxTable) -> Check {
    let mut grouped: BTreeMap<GroupKey, Vec<Figure>> = BTreeMap::new();
    for (bucket, members) in buckets(claims) {
        let mixed_currencies = currencies(claims, &members).len() > 1;
        for index in members {
            let claim = &claims[index];
            let policy = policies.get(&claim.family);
            let (figure, common_unit) = figure_of(index, claim, &policy, fx, mixed_currencies);
            let key = GroupKey {
                common_unit,
                ..bucket.clone()
            };
            grouped.entry(key).or_default().push(figure);
        }
    }
    let mut groups: Vec<Group> = grouped
        .into_iter()
        .map(|(key, figures)| build_group(key, figures, claims, policies))
        .collect();
    groups.sort_by(|a, b| group_order(a).cmp(&group_order(b)));
    for (i, g) in groups.iter_mut().enumerate() {
        g.id = format!("g{:03}", i + 1);
    }
    let summary = summarize(&groups, claims);
    Check { summary, groups }
}

fn group_order(g: &Group) -> (Verdict, &str, &str, Dimension, &str) {
    (
        g.verdict,
        &g.family,
        &g.subject,
        g.dimension,
        &g.common_unit,
    )
}

/// Claims by family, subject, dimension and period (common unit not yet decided).
fn buckets(claims: &[Claim]) -> BTreeMap<GroupKey, Vec<usize>> {
    let mut out: BTreeMap<GroupKey, Vec<usize>> = BTreeMap::new();
    for (index, claim) in claims.iter().enumerate() {
        let key = GroupKey {
            family: claim.family.clone(),
            subject: claim.subject.clone(),
            dimension: claim.dimension(),
            per: claim.per,
            common_unit: String::new(),
        };
        out.entry(key).or_default().push(index);
    }
    out
}

fn currencies(claims: &[Claim], members: &[usize]) -> BTreeSet<Currency> {
    members
        .iter()
        .filter_map(|&i| match claims[i].unit {
            Unit::Money(c) => Some(c),
            _ => None,
        })
        .collect()
}

fn build_group(
    key: GroupKey,
    mut figures: Vec<Figure>,
    claims: &[Claim],
    policies: &Policies,
) -> Group {
    figures.sort_by(|a, b| figure_order(a).cmp(&figure_order(b)));
    let policy = policies.get(&key.family);
    let assessment = verdict::assess(&figures, claims, &key.common_unit, policy.cumulative);
    let sources = figures
        .iter()
        .map(|f| &f.source)
        .collect::<BTreeSet<_>>()
        .len();
    Group {
        id: String::new(),
        family: key.family,
        subject: key.subject,
        dimension: key.dimension,
        per: key.per,
        common_unit: key.common_unit,
        cumulative: policy.cumulative,
        verdict: assessment.verdict,
        reason: assessment.reason,
        figures,
        conflicts: assessment.conflicts,
        corroborations: assessment.corroborations,
        sources,
    }
}

type FigureOrder<'a> = (
    bool,
    Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    Option<Decimal>,
    &'a SourceKey,
    &'a str,
);

/// As-of (undated last), value, source, id.
fn figure_order(f: &Figure) -> FigureOrder<'_> {
    (
        f.date.is_none(),
        f.date.map(|d| d.bounds()),
        f.normalized.sort_key(),
        &f.source,
        &f.claim_id,
    )
}

/// The date a claim is compared at, and whether it was assumed from publication.
pub fn effective_date(claim: &Claim) -> (Option<PartialDate>, bool) {
    match (claim.as_of_source, claim.as_of) {
        (AsOfSource::Text, Some(d)) => (Some(d), false),
        _ => {
            let date = claim.as_of.or(claim.published);
            (date, date.is_some())
        }
    }
}

/// The claim as a figure and the unit it is compared in. Money compares in its own
/// currency when the whole group shares it (exact, no rate error), else in USD; a currency
/// without a rate stays as it is and so lands in a group of its own.
fn figure_of(
    index: usize,
    claim: &Claim,
    policy: &KindPolicy,
    fx: &FxTable,
    mixed_currencies: bool,
) -> (Figure, String) {
    let (date, date_assumed) = effective_date(claim);
    let stated = Interval::of_claim(claim);
    let fx_note = match claim.unit {
        Unit::Money(c) if c != Currency::USD => {
            fx.rate_to_usd(c, date).map(|(rate, month)| FxNote {
                currency: c,
                rate,
                month: month.as_date(),
            })
        }
        _ => None,
    };
    let usd = match claim.unit {
        Unit::Money(Currency::USD) => Some(stated),
        Unit::Money(_) => fx_note.map(|n| stated.scaled(n.rate)),
        _ => None,
    };
    let (normalized, base_unit, converted) = match (claim.unit, usd) {
        (Unit::Money(_), Some(usd)) if mixed_currencies => {
            (usd, "USD".to_string(), fx_note.is_some())
        }
        (Unit::Duration(t), _) => (stated.scaled(interval::days_per(t)), "days".into(), false),
        (unit, _) => (stated, unit.as_str().to_string(), false),
    };
    let mut compared = normalized.with_tolerance(
        claim.qualifier,
        policy.approx_tolerance,
        policy.nearly_tolerance,
    );
    if converted {
        compared = compared.widened(FX_MARGIN);
    }
    let common_unit = match claim.per {
        Some(p) => format!("{base_unit}/{}", p.as_str()),
        None => base_unit,
    };
    let figure = Figure {
        claim_id: claim.claim_id.clone(),
        claim_index: index,
        source: SourceKey::of(claim),
        stated,
        normalized,
        compared,
        usd,
        fx: fx_note,
        date,
        date_assumed,
    };
    (figure, common_unit)
}

fn summarize(groups: &[Group], claims: &[Claim]) -> Summary {
    let by = |v: Verdict| groups.iter().filter(|g| g.verdict == v).count();
    Summary {
        groups: groups.len(),
        conflicts: by(Verdict::Conflict),
        timelines: by(Verdict::Timeline),
        corroborated: by(Verdict::Corroborated),
        single: by(Verdict::Single),
        conflicting_pairs: groups.iter().map(|g| g.conflicts.len()).sum(),
        corroborations: groups.iter().map(|g| g.corroborations.len()).sum(),
        claims: claims.len(),
        sources: claims
            .iter()
            .map(|c| c.source.as_str())
            .collect::<BTreeSet<_>>()
            .len(),
        notes: Vec::new(),
    }
}

impl Policies {
    /// The comparison policy each rule family declares.
    pub fn from_rules(rules: &crate::rules::RuleSet) -> Policies {
        Policies(
            rules
                .families
                .values()
                .map(|f| {
                    let policy = KindPolicy {
                        cumulative: f.cumulative,
                        approx_tolerance: f.approx_tolerance,
                        nearly_tolerance: f.approx_tolerance,
                    };
                    (f.name.clone(), policy)
                })
                .collect(),
        )
    }
}
