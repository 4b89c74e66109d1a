//! JSON report, schema `claimcheck-report/1` (documented in docs/report-json.md).
//! Decimals are strings so no precision is lost; keys keep declaration order.

use super::claim_of;
use crate::claim::Claim;
use crate::compare::{Bound, Check, Figure, Group, Interval, Summary};
use serde::Serialize;

/// The schema name written at the top of every JSON report.
pub const SCHEMA: &str = "claimcheck-report/1";

#[derive(Serialize)]
struct Report<'a> {
    schema: &'static str,
    summary: JsonSummary<'a>,
    groups: Vec<JsonGroup<'a>>,
    claims: Vec<JsonClaim<'a>>,
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    groups: usize,
    conflicts: usize,
    timelines: usize,
    corroborated: usize,
    single: usize,
    conflicting_pairs: usize,
    corroborations: usize,
    claims: usize,
    sources: usize,
    notes: &'a [String],
}

#[derive(Serialize)]
struct JsonGroup<'a> {
    id: &'a str,
    family: &'a str,
    subject: &'a str,
    dimension: &'static str,
    per: Option<&'static str>,
    common_unit: &'a str,
    cumulative: bool,
    verdict: &'static str,
    reason: &'a str,
    sources: usize,
    claims: Vec<&'a str>,
    conflicts: Vec<[&'a str; 3]>,
    corroborations: &'a [Vec<String>],
}

#[derive(Serialize)]
struct JsonClaim<'a> {
    claim_id: &'a str,
    group: &'a str,
    source: &'a str,
    kind: &'a str,
    family: &'a str,
    subject: &'a str,
    noun: Option<&'a str>,
    value_text: &'a str,
    low: Option<String>,
    high: Option<String>,
    low_open: bool,
    high_open: bool,
    unit: String,
    qualifier: &'static str,
    as_of: Option<String>,
    as_of_source: &'static str,
    date_used: Option<String>,
    date_assumed: bool,
    published: Option<String>,
    speaker: Option<&'a str>,
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

pub(super) fn render(check: &Check, claims: &[Claim]) -> String {
    let report = Report {
        schema: SCHEMA,
        summary: summary(&check.summary),
        groups: check.groups.iter().map(group).collect(),
        claims: check
            .groups
            .iter()
            .flat_map(|g| g.figures.iter().map(move |f| (g, f)))
            .filter_map(|(g, f)| claim_of(claims, f).map(|c| claim(g, f, c)))
            .collect(),
    };
    // Serialising plain structs of strings and numbers cannot fail.
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}

fn summary(s: &Summary) -> JsonSummary<'_> {
    JsonSummary {
        groups: s.groups,
        conflicts: s.conflicts,
        timelines: s.timelines,
        corroborated: s.corroborated,
        single: s.single,
        conflicting_pairs: s.conflicting_pairs,
        corroborations: s.corroborations,
        claims: s.claims,
        sources: s.sources,
        notes: &s.notes,
    }
}

fn group(g: &Group) -> JsonGroup<'_> {
    JsonGroup {
        id: &g.id,
        family: &g.family,
        subject: &g.subject,
        dimension: g.dimension.as_str(),
        per: g.per.map(|p| p.as_str()),
        common_unit: &g.common_unit,
        cumulative: g.cumulative,
        verdict: g.verdict.as_str(),
        reason: &g.reason,
        sources: g.sources,
        claims: g.claim_ids().collect(),
        conflicts: g
            .conflicts
            .iter()
            .map(|c| [c.a.as_str(), c.b.as_str(), c.reason.as_str()])
            .collect(),
        corroborations: &g.corroborations,
    }
}

fn claim<'a>(g: &'a Group, f: &Figure, c: &'a Claim) -> JsonClaim<'a> {
    let usd = |b: fn(&Interval) -> Option<Bound>| {
        f.usd
            .as_ref()
            .and_then(b)
            .map(|b| b.value.round_dp(2).normalize().to_string())
    };
    JsonClaim {
        claim_id: &c.claim_id,
        group: &g.id,
        source: &c.source,
        kind: &c.kind,
        family: &c.family,
        subject: &c.subject,
        noun: c.noun.as_deref(),
        value_text: &c.value_text,
        low: c.low.map(|d| d.normalize().to_string()),
        high: c.high.map(|d| d.normalize().to_string()),
        low_open: c.low_open,
        high_open: c.high_open,
        unit: c.unit_label(),
        qualifier: c.qualifier.as_str(),
        as_of: c.as_of.map(|d| d.to_string()),
        as_of_source: match c.as_of_source {
            crate::claim::AsOfSource::Text => "text",
            crate::claim::AsOfSource::Published => "published",
            crate::claim::AsOfSource::Unknown => "unknown",
        },
        date_used: f.date.map(|d| d.to_string()),
        date_assumed: f.date_assumed,
        published: c.published.map(|d| d.to_string()),
        speaker: c.speaker.as_deref(),
        quote: &c.quote,
        line: c.line,
        start: c.start,
        end: c.end,
        rule: &c.rule,
        mentions: c.mentions.len(),
        usd_low: usd(|i| i.low),
        usd_high: usd(|i| i.high),
        fx_rate: f.fx.map(|fx| fx.rate.normalize().to_string()),
        fx_month: f.fx.map(|fx| fx.month.to_string()),
    }
}
