//! JSON report, schema `claimcheck-report/2` (documented in docs/report-json.md).
//! Decimals are strings so no precision is lost; keys keep declaration order.

use super::Ctx;
use crate::claim::Claim;
use crate::compare::{Bound, Figure, Group, Interval, Summary};
use serde::Serialize;
use std::io::Write;

/// The schema name written at the top of every JSON report.
pub const SCHEMA: &str = "claimcheck-report/2";

#[derive(Serialize)]
struct Report<'a, 'c> {
    schema: &'static str,
    summary: JsonSummary<'a>,
    /// Conflict groups, strongest first, each as the sentence the other formats show.
    ranking: Vec<Ranked<'a>>,
    groups: Lazy<'a, 'c, GroupsOf>,
    claims: Lazy<'a, 'c, ClaimsOf>,
}

/// A list serialised as it is produced, so no list of a million entries is built first.
struct Lazy<'a, 'c, K> {
    ctx: &'c Ctx<'a>,
    kind: std::marker::PhantomData<K>,
}

struct GroupsOf;
struct ClaimsOf;

impl Serialize for Lazy<'_, '_, GroupsOf> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.ctx.check.groups.iter().map(|g| group(self.ctx, g)))
    }
}

impl Serialize for Lazy<'_, '_, ClaimsOf> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let ctx = self.ctx;
        s.collect_seq(
            ctx.check
                .groups
                .iter()
                .flat_map(|g| g.figures.iter().map(move |f| (g, f)))
                .map(|(g, f)| claim(ctx, g, f, ctx.claim(f))),
        )
    }
}

#[derive(Serialize)]
struct Ranked<'a> {
    group: &'a str,
    sentence: String,
    score: String,
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    groups: usize,
    conflicts: usize,
    timelines: usize,
    unordered: usize,
    corroborated: usize,
    single: usize,
    conflicting_pairs: u64,
    slips: u64,
    corroborations: usize,
    claims: usize,
    excluded: usize,
    sources: usize,
    origins: usize,
    notes: &'a [String],
}

#[derive(Serialize)]
struct Counts {
    conflicts: u64,
    slips: u64,
    timeline: u64,
    unordered: u64,
    restated: u64,
}

#[derive(Serialize)]
struct JsonConflict<'a> {
    a: &'a str,
    b: &'a str,
    reason: &'a str,
    gap: String,
    slip: Option<u32>,
}

#[derive(Serialize)]
struct JsonCluster<'a> {
    members: Vec<&'a str>,
    size: usize,
    origins: usize,
}

#[derive(Serialize)]
struct JsonGroup<'a> {
    id: &'a str,
    title: String,
    kind: &'a str,
    family: &'a str,
    subject: &'a str,
    measure: &'a str,
    noun: Option<&'a str>,
    scope: &'static str,
    dimension: &'static str,
    per: Option<&'static str>,
    common_unit: &'a str,
    cumulative: bool,
    flow: bool,
    verdict: &'static str,
    reason: &'a str,
    origins: usize,
    documents: usize,
    origins_in_conflict: usize,
    counts: Counts,
    claims: Vec<&'a str>,
    conflicts: Vec<JsonConflict<'a>>,
    conflicts_complete: bool,
    clusters: Vec<JsonCluster<'a>>,
    clusters_total: usize,
    related: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonClaim<'a> {
    claim_id: &'a str,
    group: &'a str,
    source: &'a str,
    source_title: Option<&'a str>,
    kind: &'a str,
    family: &'a str,
    subject: &'a str,
    measure: &'a str,
    noun: Option<&'a str>,
    value_text: &'a str,
    low: Option<String>,
    high: Option<String>,
    low_open: bool,
    high_open: bool,
    unit: String,
    qualifier: &'static str,
    as_of: Option<String>,
    as_of_source: crate::claim::AsOfSource,
    as_of_text: Option<&'a str>,
    date_used: Option<String>,
    date_assumed: bool,
    published: Option<String>,
    speaker: Option<&'a str>,
    origin: &'a str,
    converts: Option<&'a str>,
    in_conflict: bool,
    quote: &'a str,
    line: usize,
    start: usize,
    end: usize,
    rule: &'a str,
    mentions: usize,
    usd_low: Option<String>,
    usd_high: Option<String>,
    fx_rate: Option<String>,
    fx_month: Option<String>,
}

pub(super) fn render(ctx: &Ctx, sink: &mut dyn std::io::Write) -> std::io::Result<()> {
    let check = ctx.check;
    let report = Report {
        schema: SCHEMA,
        summary: summary(&check.summary),
        ranking: ctx
            .conflicts()
            .map(|g| Ranked {
                group: &g.id,
                sentence: ctx.sentence(g),
                score: g.rank_score().round_dp(4).normalize().to_string(),
            })
            .collect(),
        groups: Lazy {
            ctx,
            kind: std::marker::PhantomData,
        },
        claims: Lazy {
            ctx,
            kind: std::marker::PhantomData,
        },
    };
    let mut writer = std::io::BufWriter::new(sink);
    serde_json::to_writer_pretty(&mut writer, &report)?;
    writeln!(writer)?;
    std::io::Write::flush(&mut writer)
}

fn summary(s: &Summary) -> JsonSummary<'_> {
    JsonSummary {
        groups: s.groups,
        conflicts: s.conflicts,
        timelines: s.timelines,
        unordered: s.unordered,
        corroborated: s.corroborated,
        single: s.single,
        conflicting_pairs: s.conflicting_pairs,
        slips: s.slips,
        corroborations: s.corroborations,
        claims: s.claims,
        excluded: s.excluded,
        sources: s.sources,
        origins: s.origins,
        notes: &s.notes,
    }
}

fn group<'a>(ctx: &Ctx<'a>, g: &'a Group) -> JsonGroup<'a> {
    JsonGroup {
        id: &g.id,
        title: g.title(),
        kind: &g.kind,
        family: &g.family,
        subject: &g.subject,
        measure: &g.measure,
        noun: g.noun.as_deref(),
        scope: g.scope.as_str(),
        dimension: g.dimension.as_str(),
        per: g.per.map(|p| p.as_str()),
        common_unit: &g.common_unit,
        cumulative: g.cumulative,
        flow: g.flow,
        verdict: g.verdict.as_str(),
        reason: &g.reason,
        origins: g.origins,
        documents: g.documents,
        origins_in_conflict: g.origins_in_conflict,
        counts: Counts {
            conflicts: g.counts.conflicts,
            slips: g.counts.slips,
            timeline: g.counts.timeline,
            unordered: g.counts.unordered,
            restated: g.counts.restated,
        },
        claims: g
            .figures
            .iter()
            .map(|f| ctx.claims[f.claim_index].claim_id.as_str())
            .collect(),
        conflicts: g
            .conflicts
            .iter()
            .map(|c| JsonConflict {
                a: &c.a,
                b: &c.b,
                reason: &c.reason,
                gap: c.gap.round_dp(4).normalize().to_string(),
                slip: c.slip,
            })
            .collect(),
        conflicts_complete: g.conflicts.len() as u64 == g.counts.conflicts,
        clusters: g
            .clusters
            .iter()
            .map(|c| JsonCluster {
                members: c.ids(ctx.claims),
                size: c.size,
                origins: c.origins,
            })
            .collect(),
        clusters_total: g.clusters_total,
        related: g
            .related
            .iter()
            .filter_map(|&r| ctx.check.groups.get(r))
            .map(|r| r.id.as_str())
            .collect(),
    }
}

fn claim<'a>(ctx: &Ctx<'a>, g: &'a Group, f: &Figure, c: &'a Claim) -> JsonClaim<'a> {
    let usd = |b: fn(&Interval) -> Option<Bound>| {
        f.usd(c)
            .as_ref()
            .and_then(b)
            .map(|b| b.value.round_dp(2).normalize().to_string())
    };
    JsonClaim {
        claim_id: &c.claim_id,
        group: &g.id,
        source: &c.source,
        source_title: ctx.doc(&c.source).and_then(|d| d.title.as_deref()),
        kind: &c.kind,
        family: &c.family,
        subject: &c.subject,
        measure: &c.measure,
        noun: c.noun.as_deref(),
        value_text: &c.value_text,
        low: c.value.low_value().map(|d| d.normalize().to_string()),
        high: c.value.high_value().map(|d| d.normalize().to_string()),
        low_open: c.value.low_open(),
        high_open: c.value.high_open(),
        unit: c.unit_label(),
        qualifier: c.qualifier.as_str(),
        as_of: c.as_of.map(|d| d.to_string()),
        as_of_source: c.as_of_source,
        as_of_text: c.as_of_text.as_deref(),
        date_used: f.date().map(|d| d.to_string()),
        date_assumed: f.date_assumed(),
        published: c.published.map(|d| d.to_string()),
        speaker: c.speaker.as_deref(),
        origin: ctx.check.origin_label(f.origin),
        converts: c.converts.as_deref(),
        in_conflict: f.in_conflict,
        quote: &c.quote,
        line: c.line,
        start: c.start,
        end: c.end,
        rule: &c.rule,
        mentions: c.mentions.len(),
        usd_low: usd(|i| i.low),
        usd_high: usd(|i| i.high),
        fx_rate: f.fx.as_ref().map(|fx| fx.rate.normalize().to_string()),
        fx_month: f.fx.as_ref().map(|fx| fx.month.to_string()),
    }
}
