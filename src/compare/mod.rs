//! The contradiction checker: groups comparable claims and says only what the evidence
//! supports about them.
//!
//! * Groups (`key`): same kind, subject, measure, scope, unit basis and counted noun. A
//!   claim with no subject stands alone. Claims of kind `other` are left out entirely.
//!   Values are brought to a common unit: money in several currencies to USD at the rate
//!   of each claim's as-of month (`fx`, widened by `FX_MARGIN`), money in one currency
//!   stays in it, durations go to days.
//! * Origins (`origin`): a speaker, whichever article quotes them, else the document;
//!   abbreviated speaker names, the document's own author and copied sentences are
//!   folded together, so corroboration means independent origins.
//! * Intervals (`interval`): a figure's interval after its qualifier (`约` widens by the
//!   family's tolerance) and after the precision it is written to (`11.8亿` holds
//!   11.84亿). A conversion written beside a figure (`converts`) is the same statement.
//! * Relations (`verdict::relate`): figures whose intervals meet agree; figures that do not
//!   meet conflict only when they come from different origins and their periods overlap.
//!   In cumulative families an undated difference is `unordered`, a rise over time is a
//!   timeline and a fall is a conflict. In a family with a drift ratio (valuations), figures
//!   further apart than it, a date of the two not stated, are `unordered`: different
//!   moments, not a contradiction. One origin's differing figures are `restated`, or a
//!   timeline when the text dates them at different moments (its own present included).
//! * Corroboration (`verdict::corroborates`): agreeing figures confirm each other only when
//!   near (an open bound closed at the drift ratio, else `CORROBORATION_RATIO`) and, for
//!   a figure that changes, of periods that may overlap; agreeing clusters are such sets.
//! * Scale (`sweep`): counts, agreeing clusters and representative conflicting pairs come
//!   from sorting intervals, never from listing every pair, so memory is linear in the
//!   claims; every pair is listed only on request (`CheckOptions::all_pairs`), and
//!   `Check::relation` answers for any two claims.

pub mod fx;
pub mod key;
pub mod origin;
mod sweep;
pub mod tolerance;
mod verdict;

pub use crate::interval::{Bound, Interval};
pub use fx::{FxError, FxTable, Month};
pub use key::{GroupKey, Scope, Span, group_key_labels, group_keys};
pub use verdict::{Mode, Relation, label};

use crate::claim::{AsOfSource, Claim, PartialDate};
use crate::quantity::{Currency, Dimension, Per, Qualifier, Unit};
use chrono::Datelike;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The kind extraction gives figures no cue classifies; never checked or reported.
pub const OTHER_KIND: &str = "other";

/// How a family of claims behaves over time and how loosely its qualifiers read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindPolicy {
    /// Counts that only grow (models released, users): rising figures form a timeline.
    pub cumulative: bool,
    /// Values that move over time with no direction (prices): an undated difference is
    /// unordered.
    pub volatile: bool,
    /// `约`/`左右` widen a figure by this fraction each way (0.1 = ±10%).
    pub approx_tolerance: Decimal,
    /// `近`/`将近` v reads as [v·(1−tolerance), v].
    pub nearly_tolerance: Decimal,
    /// Values that move by large factors over time (valuations, round to round): figures
    /// further apart than this factor, a date of the two not stated, are from different
    /// moments rather than contradictory.
    pub drift_ratio: Option<Decimal>,
}

impl Default for KindPolicy {
    fn default() -> Self {
        KindPolicy {
            cumulative: false,
            volatile: false,
            approx_tolerance: Decimal::new(1, 1),
            nearly_tolerance: Decimal::new(1, 1),
            drift_ratio: None,
        }
    }
}

/// Policies by family; families not listed get `KindPolicy::default()`. Then the measures
/// (folded) that say nothing of what is measured: the measure of a kind given to what no
/// other kind claims (`share or change`). Two origins' figures of such a measure share
/// only a word: each origin's are compared among themselves (a timeline of one text),
/// never with another's (`4×` growth against `three-quarters` of interactions is no
/// timeline, `9%` a share moved against a take of `20%` no conflict).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policies(pub BTreeMap<String, KindPolicy>, pub BTreeSet<String>);

impl Policies {
    pub fn get(&self, family: &str) -> KindPolicy {
        self.0.get(family).copied().unwrap_or_default()
    }

    /// The comparison policy each rule family declares.
    pub fn from_rules(rules: &crate::rules::RuleSet) -> Policies {
        Policies(
            rules
                .families
                .values()
                .map(|f| {
                    let policy = KindPolicy {
                        cumulative: f.cumulative,
                        volatile: f.volatile,
                        approx_tolerance: f.approx_tolerance,
                        nearly_tolerance: f.approx_tolerance,
                        drift_ratio: f.drift_ratio,
                    };
                    (f.name.clone(), policy)
                })
                .collect(),
            rules
                .kinds
                .iter()
                .filter(|k| k.default)
                .map(|k| key::fold_measure(&k.measure))
                .collect(),
        )
    }

    /// Whether a folded measure is one that says nothing of what is measured.
    pub fn generic(&self, measure: &str) -> bool {
        self.1.contains(measure)
    }
}

/// Converted amounts widen by this fraction: a monthly average is not the day's rate and
/// the bundled table is itself approximate (about 1%).
pub const FX_MARGIN: Decimal = Decimal::from_parts(2, 0, 0, false, 2);

/// Representative conflicting pairs kept per group (all of them with `all_pairs`).
pub const REPRESENTATIVE_PAIRS: usize = 12;
/// Agreeing clusters kept per group, and members named per cluster.
pub const CLUSTERS_KEPT: usize = 16;
pub const CLUSTER_MEMBERS_NAMED: usize = 12;
/// Related groups named per group.
pub const RELATED_KEPT: usize = 6;

/// What the checker is asked for beyond the claims.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// List every conflicting pair (quadratic in a group's size) instead of a bounded set.
    pub all_pairs: bool,
    /// Per document stem, the names it gives itself (`origin::authors_of`).
    pub authors: BTreeMap<String, Vec<String>>,
    /// Per document stem, its title: how unattributed figures' origin is named.
    pub titles: BTreeMap<String, String>,
}

/// A group's verdict, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Verdict {
    Conflict,
    Timeline,
    Unordered,
    Corroborated,
    /// One origin, or origins whose figures meet only through an open bound.
    Single,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        self.into()
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

/// When a figure holds, as days since the common era: stated in the text, assumed from
/// the publication date, or unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum When {
    Known(i32, i32),
    Assumed(i32, i32),
    /// Words date it but the calendar cannot (`去年12月` in a text without a date): a
    /// hash of the words, to tell one moment of a text from another.
    Unplaced(u32),
    Unknown,
}

/// A claim as the checker sees it: its interval in the group's common unit and its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// Index into the `claims` slice given to `check`.
    pub claim_index: usize,
    /// Index into `Check::origins`.
    pub origin: u32,
    /// The stated interval in the group's common unit is `normalized(claim)`; this is it
    /// widened by qualifier tolerance, written precision and FX margin.
    pub compared: Interval,
    /// Money compared in USD (the group mixes currencies).
    pub in_usd: bool,
    /// The rate to USD for money in another currency, when the table has one (boxed: few
    /// figures are converted, and a million figures should stay small).
    pub fx: Option<Box<FxNote>>,
    /// When the figure holds; `date()` gives it back as written.
    pub when: When,
    /// For a conversion, the claim index of the figure it restates.
    pub converts: Option<u32>,
    /// Part of at least one conflicting pair.
    pub in_conflict: bool,
}

impl Figure {
    /// The as-of date compared at (stated, or the publication date standing in).
    pub fn date(&self) -> Option<PartialDate> {
        match self.when {
            When::Known(a, b) | When::Assumed(a, b) => Some(partial_date(a, b)),
            When::Unplaced(_) | When::Unknown => None,
        }
    }

    /// True when `date()` is the publication date standing in for an unstated as-of.
    pub fn date_assumed(&self) -> bool {
        matches!(self.when, When::Assumed(..))
    }

    /// Whether this figure is a conversion of the claim at `claim_index`.
    pub fn converts(&self, claim_index: usize) -> bool {
        self.converts.is_some_and(|c| c as usize == claim_index)
    }

    /// The stated interval in the group's common unit (USD, days, count…), computed from
    /// the claim rather than stored, so a million figures stay small.
    pub fn normalized(&self, claim: &Claim) -> Interval {
        normalize(claim, self.fx.as_deref(), self.in_usd).0
    }

    /// The interval as stated, in the claim's own unit (kept with the claim, not the figure,
    /// so a million figures stay small).
    pub fn stated(claim: &Claim) -> Interval {
        proper(claim.value)
    }

    /// Money only: the stated interval in USD (converted at `fx` unless already USD).
    pub fn usd(&self, claim: &Claim) -> Option<Interval> {
        match claim.unit {
            Unit::Money(Currency::USD) => Some(Figure::stated(claim)),
            Unit::Money(_) => self
                .fx
                .as_ref()
                .map(|n| Figure::stated(claim).scaled(n.rate)),
            _ => None,
        }
    }
}

/// Two figures that cannot both be true, with a sentence saying why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub a: String,
    pub b: String,
    /// Claim indices of `a` and `b`.
    pub a_index: usize,
    pub b_index: usize,
    pub reason: String,
    /// How far apart the two intervals are, as a share of the larger value (0–1].
    pub gap: Decimal,
    /// 10ⁿ when the two values differ by exactly that: a probable unit slip.
    pub slip: Option<u32>,
}

/// Figures whose intervals share a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    /// Claim indices, in figure order; at most `CLUSTER_MEMBERS_NAMED` (indices, not ids:
    /// ten thousand groups' clusters would otherwise copy millions of ids).
    pub members: Vec<usize>,
    pub size: usize,
    /// Independent origins among the members.
    pub origins: usize,
}

impl Cluster {
    /// The members' claim ids.
    pub fn ids<'a>(&self, claims: &'a [Claim]) -> Vec<&'a str> {
        self.members
            .iter()
            .map(|&i| claims[i].claim_id.as_str())
            .collect()
    }
}

/// How many pairs of a group stand in each relation (pairs whose values differ).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PairCounts {
    pub conflicts: u64,
    /// Conflicting pairs whose values differ by exactly 10ⁿ.
    pub slips: u64,
    pub timeline: u64,
    pub unordered: u64,
    pub restated: u64,
}

/// Comparable claims and what the checker concluded about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// `g001`, `g002`… in report order.
    pub id: String,
    pub kind: String,
    pub family: String,
    pub subject: String,
    pub measure: String,
    pub noun: Option<String>,
    pub scope: Scope,
    pub dimension: Dimension,
    pub per: Option<Per>,
    /// The unit every figure's `normalized` interval is in (`USD`, `days`, `count/day`…).
    pub common_unit: String,
    pub cumulative: bool,
    /// Values that move over time with no direction (prices).
    pub volatile: bool,
    /// Sums over a period (revenue, losses): periods of one length, dated to compare.
    pub flow: bool,
    /// Recurring events (funding rounds): differing amounts are different events unless
    /// dated to one month.
    pub event: bool,
    /// Values that move by large factors over time (valuations): figures further apart
    /// than this, a date of the two not stated, are from different moments.
    pub drift_ratio: Option<Decimal>,
    pub verdict: Verdict,
    pub reason: String,
    /// Sorted by as-of date (undated last), value, origin, id.
    pub figures: Vec<Figure>,
    pub counts: PairCounts,
    /// The strongest conflicting pairs (all of them with `all_pairs`), strongest first.
    pub conflicts: Vec<Conflict>,
    /// Agreeing clusters, most origins first; `clusters_total` counts all of them.
    pub clusters: Vec<Cluster>,
    pub clusters_total: usize,
    /// Distinct origins and documents.
    pub origins: usize,
    pub documents: usize,
    /// Origins with a figure in some conflicting pair.
    pub origins_in_conflict: usize,
    /// The largest relative gap of a conflicting pair (0 without conflicts).
    pub strength: Decimal,
    /// Indices (into `Check::groups`) of groups about the same subject in the same family
    /// (`China · LLMs` beside `China · LLM makers`).
    pub related: Vec<usize>,
}

impl Group {
    pub fn claim_indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.figures.iter().map(|f| f.claim_index)
    }

    /// How the group's figures behave over time.
    pub fn mode(&self) -> Mode {
        Mode {
            cumulative: self.cumulative,
            volatile: self.volatile,
            flow: self.flow,
            event: self.event,
            drift_ratio: self.drift_ratio,
        }
    }

    /// Groups of this subject and measure are about something known.
    pub fn title(&self) -> String {
        let subject = if self.subject.is_empty() {
            "(unknown subject)"
        } else {
            &self.subject
        };
        let measure = match (&self.noun, self.measure.is_empty()) {
            (_, true) => self.kind.replace('_', " "),
            // The chips a GPU count names (`GPUs ordered (H200)`): what tells it from
            // another count of the subject's.
            (Some(noun), false) => format!("{} ({noun})", self.measure),
            (None, false) => self.measure.clone(),
        };
        // `LLMs (forecast)` already says its scope.
        let scope = match self.scope {
            Scope::Actual => String::new(),
            s if measure.contains(&format!("({})", s.as_str())) => String::new(),
            s => format!(" ({})", s.as_str()),
        };
        format!("{subject} · {measure}{scope}")
    }

    /// The figure of a claim index.
    pub fn figure_of(&self, claim_index: usize) -> Option<&Figure> {
        self.figures.iter().find(|f| f.claim_index == claim_index)
    }

    /// How the ranking orders conflicts: strength of the disagreement times the
    /// independent origins taking part.
    pub fn rank_score(&self) -> Decimal {
        self.strength * Decimal::from(self.origins_in_conflict.max(1) as u64)
    }
}

/// Counts for the top of a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub groups: usize,
    /// Groups by verdict.
    pub conflicts: usize,
    pub timelines: usize,
    pub unordered: usize,
    pub corroborated: usize,
    pub single: usize,
    /// Pairs over all groups.
    pub conflicting_pairs: u64,
    pub slips: u64,
    /// Agreeing clusters spanning two or more independent origins.
    pub corroborations: usize,
    /// Claims checked, and claims of kind `other` left out.
    pub claims: usize,
    pub excluded: usize,
    /// Distinct documents and independent origins.
    pub sources: usize,
    pub origins: usize,
    /// Skipped or partly decoded input files, as the caller described them.
    pub notes: Vec<String>,
}

/// The checker's result: groups in report order and a summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub summary: Summary,
    pub groups: Vec<Group>,
    /// Origin labels (a speaker as written, or a document stem), by origin id.
    pub origins: Vec<String>,
    /// Per claim index: (group index, figure index); `u32::MAX` for claims left out.
    placement: Vec<(u32, u32)>,
}

impl Check {
    /// Adds the caller's notes on skipped or partly decoded files to the summary.
    pub fn with_notes(mut self, notes: &[String]) -> Check {
        self.summary.notes.extend(notes.iter().cloned());
        self
    }

    /// The group and figure of a claim (by index into the claims given to `check`).
    pub fn place(&self, claim_index: usize) -> Option<(&Group, &Figure)> {
        let &(g, f) = self.placement.get(claim_index)?;
        let group = self.groups.get(g as usize)?;
        Some((group, &group.figures[f as usize]))
    }

    /// How two claims relate, computed from the two figures alone (no pair is stored).
    pub fn relation(&self, a: usize, b: usize) -> Relation {
        let (Some((ga, fa)), Some((gb, fb))) = (self.place(a), self.place(b)) else {
            return Relation::Unchecked;
        };
        if ga.id != gb.id {
            return Relation::Different;
        }
        verdict::relate(fa, fb, ga.mode())
    }

    /// The relation and a one-line reason in plain words.
    pub fn explain(&self, a: usize, b: usize, claims: &[Claim]) -> (Relation, String) {
        let relation = self.relation(a, b);
        let (Some((ga, fa)), Some((gb, fb))) = (self.place(a), self.place(b)) else {
            return (
                relation,
                "a claim is not checked (kind other or unknown)".into(),
            );
        };
        if ga.id != gb.id {
            return (
                relation,
                format!(
                    "different groups: {} ({}) vs {} ({})",
                    ga.title(),
                    ga.common_unit,
                    gb.title(),
                    gb.common_unit
                ),
            );
        }
        let reason = verdict::pair_reason(fa, fb, relation, ga, claims, &self.origins);
        (relation, reason)
    }

    pub fn origin_label(&self, origin: u32) -> &str {
        self.origins.get(origin as usize).map_or("", String::as_str)
    }
}

/// Groups the claims and compares each group (see the module docs).
pub fn check(claims: &[Claim], policies: &Policies, fx: &FxTable) -> Check {
    check_with(claims, policies, fx, &CheckOptions::default())
}

/// `check` with options.
pub fn check_with(
    claims: &[Claim],
    policies: &Policies,
    fx: &FxTable,
    options: &CheckOptions,
) -> Check {
    let included: Vec<bool> = claims.iter().map(|c| c.kind != OTHER_KIND).collect();
    let origins = origin::resolve(claims, &included, &options.authors, &options.titles);

    // A conversion takes the key of the claim it restates (looked up by id in its document).
    let originals = key::originals(claims, &included);
    let original_of = |i: usize| -> Option<usize> { originals[i] };

    // Keys are hashed while claims are read (most share a few thousand keys), then sorted
    // once, so the order of groups never depends on hashing.
    let mut slots: HashMap<GroupKey, usize> = HashMap::new();
    let mut members_of: Vec<Vec<usize>> = Vec::new();
    for (i, key) in key::keys_of(claims, &included, &originals)
        .into_iter()
        .enumerate()
    {
        let Some(key) = key else { continue };
        let next = members_of.len();
        let slot = *slots.entry(key).or_insert(next);
        if slot == next {
            members_of.push(Vec::new());
        }
        members_of[slot].push(i);
    }
    let mut buckets: Vec<(GroupKey, Vec<usize>)> = slots
        .into_iter()
        .map(|(k, slot)| (k, std::mem::take(&mut members_of[slot])))
        .collect();
    buckets.sort_by(|a, b| a.0.cmp(&b.0));

    let mut groups: Vec<Group> = Vec::with_capacity(buckets.len());
    for (key, members) in buckets {
        let family = claims[members[0]].family.clone();
        let policy = policies.get(&family);
        let mixed = currencies(claims, &members).len() > 1;
        // A generic measure's figures are compared within their origin only.
        let by_origin = policies.generic(&key.measure);
        // Money in a currency without a rate cannot join the USD comparison.
        let mut by_unit: BTreeMap<(String, u32), Vec<Figure>> = BTreeMap::new();
        let capacity = members.len();
        for &i in &members {
            let origin = origins.of_claim[i].unwrap_or(0);
            let (mut figure, unit) = figure_of(i, &claims[i], &policy, fx, mixed, origin);
            figure.converts = original_of(i).and_then(|o| u32::try_from(o).ok());
            by_unit
                .entry((unit, if by_origin { origin } else { 0 }))
                .or_insert_with(|| Vec::with_capacity(capacity))
                .push(figure);
        }
        for ((common_unit, _), mut figures) in by_unit {
            figures.shrink_to_fit();
            groups.push(build_group(
                &key,
                family.clone(),
                common_unit,
                figures,
                claims,
                policy,
                &origins.labels,
                options.all_pairs,
            ));
        }
    }

    link_related(&mut groups);
    // Report order: verdict, then the strongest conflicts with the most origins, then
    // the groups most sources speak to, then the key (stable).
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&groups[a], &groups[b]);
        x.verdict
            .cmp(&y.verdict)
            .then_with(|| y.rank_score().cmp(&x.rank_score()))
            .then_with(|| y.origins.cmp(&x.origins))
            .then_with(|| x.title().cmp(&y.title()))
            .then_with(|| x.common_unit.cmp(&y.common_unit))
            .then_with(|| x.figures[0].claim_index.cmp(&y.figures[0].claim_index))
    });
    let mut new_index = vec![0usize; groups.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<Group>> = groups.into_iter().map(Some).collect();
    let mut groups: Vec<Group> = order
        .iter()
        .map(|&old| slots[old].take().expect("each group once"))
        .collect();
    for (i, g) in groups.iter_mut().enumerate() {
        g.id = format!("g{:03}", i + 1);
        for r in &mut g.related {
            *r = new_index[*r];
        }
        g.related.sort_unstable();
    }

    let mut placement: Vec<(u32, u32)> = vec![(u32::MAX, u32::MAX); claims.len()];
    for (gi, g) in groups.iter().enumerate() {
        for (fi, f) in g.figures.iter().enumerate() {
            placement[f.claim_index] = (gi as u32, fi as u32);
        }
    }
    let summary = summarize(&groups, claims, &included, origins.labels.len());
    Check {
        summary,
        groups,
        origins: origins.labels,
        placement,
    }
}

/// Groups about the same subject in the same family and dimension are related (models
/// beside the companies making them), nearest measures first.
fn link_related(groups: &mut [Group]) {
    let mut by_topic: BTreeMap<(String, String, Dimension), Vec<usize>> = BTreeMap::new();
    for (i, g) in groups.iter().enumerate() {
        if !g.subject.is_empty() {
            by_topic
                .entry((g.subject.clone(), g.family.clone(), g.dimension))
                .or_default()
                .push(i);
        }
    }
    for members in by_topic.values() {
        if members.len() < 2 {
            continue;
        }
        for &i in members {
            let mut others: Vec<usize> = members.iter().copied().filter(|&j| j != i).collect();
            // More origins first: the related figures a reader most needs.
            others.sort_by(|&a, &b| {
                groups[b]
                    .origins
                    .cmp(&groups[a].origins)
                    .then_with(|| groups[a].title().cmp(&groups[b].title()))
            });
            others.truncate(RELATED_KEPT);
            groups[i].related = others;
        }
    }
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

#[allow(clippy::too_many_arguments)]
fn build_group(
    key: &GroupKey,
    family: String,
    common_unit: String,
    mut figures: Vec<Figure>,
    claims: &[Claim],
    policy: KindPolicy,
    origin_labels: &[String],
    all_pairs: bool,
) -> Group {
    figures.sort_by_cached_key(|f| figure_order(f, claims));
    // A conversion is the same statement as its figure: its interval holds both readings
    // (a rounded conversion at another day's rate must not become a disagreement), and it
    // has its figure's origin. A conversion whose figure is elsewhere stands on its own.
    if figures.iter().any(|f| f.converts.is_some()) {
        let present: HashMap<usize, (Interval, u32)> = figures
            .iter()
            .map(|f| (f.claim_index, (f.compared, f.origin)))
            .collect();
        let mut widen_original: HashMap<usize, Interval> = HashMap::new();
        for f in &mut figures {
            let original = f.converts.map(|o| o as usize);
            match original.and_then(|o| present.get(&o).map(|p| (o, *p))) {
                Some((o, (interval, origin))) => {
                    f.compared = f.compared.hull(&interval);
                    f.origin = origin;
                    widen_original.insert(o, f.compared);
                }
                None => f.converts = None,
            }
        }
        for f in &mut figures {
            if let Some(i) = widen_original.get(&f.claim_index) {
                f.compared = f.compared.hull(i);
            }
        }
    }

    let point = |p: usize| {
        figures[p]
            .normalized(&claims[figures[p].claim_index])
            .point()
    };
    let mode = Mode {
        cumulative: policy.cumulative,
        volatile: policy.volatile,
        flow: key.span.is_some(),
        event: key::is_event(&key.kind, &key.measure),
        drift_ratio: policy.drift_ratio,
    };
    let outcome = sweep::analyse(&figures, mode, &point);
    for (f, &hit) in figures.iter_mut().zip(&outcome.in_conflict) {
        f.in_conflict = hit;
    }
    let origins: BTreeSet<u32> = figures.iter().map(|f| f.origin).collect();
    let documents = figures
        .iter()
        .map(|f| claims[f.claim_index].source.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    let origins_in_conflict = figures
        .iter()
        .filter(|f| f.in_conflict)
        .map(|f| f.origin)
        .collect::<BTreeSet<_>>()
        .len();
    let mut group = Group {
        id: String::new(),
        kind: key.kind.clone(),
        family,
        subject: key.subject.clone(),
        measure: claims[figures[0].claim_index].measure.trim().to_string(),
        noun: key.noun.clone(),
        scope: key.scope,
        dimension: key.dimension,
        per: key.per,
        common_unit,
        cumulative: policy.cumulative,
        volatile: policy.volatile,
        flow: mode.flow,
        event: mode.event,
        drift_ratio: mode.drift_ratio,
        verdict: Verdict::Single,
        reason: String::new(),
        figures,
        counts: outcome.counts,
        conflicts: Vec::new(),
        clusters: Vec::new(),
        clusters_total: outcome.clusters.len(),
        origins: origins.len(),
        documents,
        origins_in_conflict,
        strength: Decimal::ZERO,
        related: Vec::new(),
    };
    let pairs: Vec<(usize, usize)> = if all_pairs {
        sweep::all_conflicts(&group.figures, mode)
    } else {
        outcome.representatives
    };
    group.conflicts = verdict::conflicts(&group, &pairs, claims, origin_labels);
    if !all_pairs {
        group.conflicts.truncate(REPRESENTATIVE_PAIRS);
    }
    group.strength = group
        .conflicts
        .iter()
        .map(|c| c.gap)
        .max()
        .unwrap_or_default();
    let mut clusters = outcome.clusters;
    clusters.sort_by(|a, b| {
        b.origins
            .cmp(&a.origins)
            .then_with(|| b.size.cmp(&a.size))
            .then_with(|| a.members.cmp(&b.members))
    });
    clusters.truncate(CLUSTERS_KEPT);
    group.clusters = clusters
        .into_iter()
        .map(|c| Cluster {
            members: c
                .members
                .iter()
                .map(|&p| group.figures[p].claim_index)
                .collect(),
            size: c.size,
            origins: c.origins,
        })
        .collect();
    group.verdict = verdict::verdict_of(&group);
    group.reason = verdict::group_reason(&group, &outcome.examples, claims, origin_labels);
    group
}

type FigureOrder<'a> = (bool, Option<(i32, i32)>, crate::interval::Key, u32, &'a str);

/// As-of (undated last), value, origin, id.
fn figure_order<'a>(f: &Figure, claims: &'a [Claim]) -> FigureOrder<'a> {
    let days = match f.when {
        When::Known(a, b) | When::Assumed(a, b) => Some((a, b)),
        When::Unplaced(_) | When::Unknown => None,
    };
    (
        days.is_none(),
        days,
        f.normalized(&claims[f.claim_index]).low_key(),
        f.origin,
        &claims[f.claim_index].claim_id,
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

/// The date a day range stands for: a day, a whole month or a whole year.
fn partial_date(first: i32, last: i32) -> PartialDate {
    let (Some(a), Some(b)) = (
        chrono::NaiveDate::from_num_days_from_ce_opt(first),
        chrono::NaiveDate::from_num_days_from_ce_opt(last),
    ) else {
        return PartialDate::year(1);
    };
    if a == b {
        PartialDate::day(a)
    } else if a.month() == b.month() && a.year() == b.year() {
        PartialDate::month(a.year(), a.month())
    } else {
        PartialDate::year(a.year())
    }
}

/// FNV-1a of the words, spaces left out: stable across runs and platforms.
fn words_hash(words: &str) -> u32 {
    words
        .bytes()
        .filter(|b| !b.is_ascii_whitespace())
        .fold(0x811c_9dc5u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        })
}

fn when_of(date: Option<PartialDate>, assumed: bool) -> When {
    match date {
        None => When::Unknown,
        Some(d) => {
            let (a, b) = d.bounds();
            let (a, b) = (a.num_days_from_ce(), b.num_days_from_ce());
            if assumed {
                When::Assumed(a, b)
            } else {
                When::Known(a, b)
            }
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
    origin: u32,
) -> (Figure, String) {
    let (date, date_assumed) = effective_date(claim);
    let stated = proper(claim.value);
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
    let in_usd = mixed_currencies && matches!(claim.unit, Unit::Money(_));
    let (normalized, base_unit) = normalize(claim, fx_note.as_ref(), in_usd);
    let converted = in_usd && fx_note.is_some();
    let per = claim.per.map(key::basis);
    let mut compared = tolerance::with_tolerance(
        normalized,
        claim.qualifier,
        policy.approx_tolerance,
        policy.nearly_tolerance,
    );
    // Rounding to the precision written: 11.8亿 holds 11.84亿. For `约` the tolerance
    // already reads the figure loosely; the looser of the two applies.
    if let Some(value) = stated.point()
        && let Some(precision) = tolerance::written_precision(&claim.value_text, value)
    {
        compared = match claim.qualifier {
            Qualifier::Exact => tolerance::widened(compared, precision),
            Qualifier::Approx if precision > policy.approx_tolerance => {
                tolerance::widened(normalized, precision)
            }
            _ => compared,
        };
    }
    if converted {
        compared = tolerance::widened(compared, FX_MARGIN);
    }
    let common_unit = match per {
        Some(p) => format!("{base_unit}/{}", p.as_str()),
        None => base_unit,
    };
    let figure = Figure {
        claim_index: index,
        origin,
        compared,
        in_usd,
        fx: fx_note.map(Box::new),
        when: match (date, claim.as_of_text.as_deref()) {
            (None, Some(words)) => When::Unplaced(words_hash(words)),
            _ => when_of(date, date_assumed),
        },
        converts: None,
        in_conflict: false,
    };
    (figure, common_unit)
}

/// The claim's stated interval in the unit it is compared in, and that unit's name (before
/// any rate period): money in USD when `in_usd` (at `fx`, unless USD already; a currency
/// without a rate stays as it is), durations in days, token prices per million tokens.
fn normalize(claim: &Claim, fx: Option<&FxNote>, in_usd: bool) -> (Interval, String) {
    let stated = proper(claim.value);
    let (mut normalized, base_unit) = match claim.unit {
        Unit::Money(Currency::USD) if in_usd => (stated, "USD".to_string()),
        Unit::Money(_) if in_usd && fx.is_some() => (
            stated.scaled(fx.map_or(Decimal::ONE, |n| n.rate)),
            "USD".to_string(),
        ),
        Unit::Duration(t) => (stated.scaled(tolerance::days_per(t)), "days".into()),
        unit => (stated, unit.as_str().to_string()),
    };
    if let Some(p) = claim.per
        && let (Some(from), Some(to)) = (p.tokens(), key::basis(p).tokens())
    {
        normalized = normalized.scaled(to / from);
    }
    (normalized, base_unit)
}

/// Bounds in order (a claim with low above high is read as the range between them).
fn proper(i: Interval) -> Interval {
    match (i.low, i.high) {
        (Some(l), Some(h)) if l.value > h.value => Interval {
            low: Some(h),
            high: Some(l),
        },
        (Some(l), Some(h)) if l.value == h.value && (l.open || h.open) => Interval::exact(l.value),
        _ => i,
    }
}

fn summarize(groups: &[Group], claims: &[Claim], included: &[bool], origins: usize) -> Summary {
    let by = |v: Verdict| groups.iter().filter(|g| g.verdict == v).count();
    let checked = included.iter().filter(|i| **i).count();
    Summary {
        groups: groups.len(),
        conflicts: by(Verdict::Conflict),
        timelines: by(Verdict::Timeline),
        unordered: by(Verdict::Unordered),
        corroborated: by(Verdict::Corroborated),
        single: by(Verdict::Single),
        conflicting_pairs: groups.iter().map(|g| g.counts.conflicts).sum(),
        slips: groups.iter().map(|g| g.counts.slips).sum(),
        corroborations: groups
            .iter()
            .flat_map(|g| &g.clusters)
            .filter(|c| c.origins >= 2)
            .count(),
        claims: checked,
        excluded: claims.len() - checked,
        sources: claims
            .iter()
            .zip(included)
            .filter(|(_, i)| **i)
            .map(|(c, _)| c.source.as_str())
            .collect::<BTreeSet<_>>()
            .len(),
        origins,
        notes: Vec::new(),
    }
}
