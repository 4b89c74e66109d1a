//! Plain-text report: a one-screen summary, then every group, conflicts first.

use super::{as_of_text, claim_of, normalized_text, shorten, statements};
use crate::claim::Claim;
use crate::compare::{Check, Group, Summary, Verdict};
use std::fmt::Write;

const QUOTE_CHARS: usize = 60;
/// Conflicts and agreeing sets shown per group; the strongest come first.
const LIST_LIMIT: usize = 8;

pub(super) fn render(check: &Check, claims: &[Claim], color: bool) -> String {
    let mut out = String::new();
    summary(&mut out, &check.summary);
    for group in &check.groups {
        out.push('\n');
        render_group(&mut out, group, claims, color);
    }
    out
}

fn summary(out: &mut String, s: &Summary) {
    let _ = writeln!(out, "claimcheck report");
    let _ = writeln!(
        out,
        "groups: {}  conflicts: {}  timelines: {}  corroborated: {}  single: {}",
        s.groups, s.conflicts, s.timelines, s.corroborated, s.single
    );
    let _ = writeln!(
        out,
        "conflicting pairs: {}  corroborations: {}  claims: {}  sources: {} documents",
        s.conflicting_pairs, s.corroborations, s.claims, s.sources
    );
    if s.notes.is_empty() {
        let _ = writeln!(out, "skipped files: none");
    } else {
        let _ = writeln!(out, "skipped or partly decoded files:");
        for note in &s.notes {
            let _ = writeln!(out, "  - {note}");
        }
    }
}

fn verdict_tag(verdict: Verdict, color: bool) -> String {
    let tag = verdict.as_str().to_uppercase();
    if !color {
        return format!("[{tag}]");
    }
    let code = match verdict {
        Verdict::Conflict => "31",
        Verdict::Timeline => "33",
        Verdict::Corroborated => "32",
        Verdict::Single => "2",
    };
    format!("\x1b[1;{code}m[{tag}]\x1b[0m")
}

/// `count`, or `duration in days` when the common unit is not the dimension's name.
fn unit_text(group: &Group) -> String {
    let dimension = group.dimension.as_str();
    if group.common_unit == dimension {
        dimension.to_string()
    } else {
        format!("{dimension} in {}", group.common_unit)
    }
}

fn render_group(out: &mut String, group: &Group, claims: &[Claim], color: bool) {
    let _ = writeln!(
        out,
        "{} {} {} / {} ({}, {} source{})",
        verdict_tag(group.verdict, color),
        group.id,
        group.family,
        group.subject,
        unit_text(group),
        group.sources,
        if group.sources == 1 { "" } else { "s" }
    );
    let _ = writeln!(out, "  why: {}", group.reason);
    for figure in &group.figures {
        let Some(claim) = claim_of(claims, figure) else {
            continue;
        };
        let speaker = claim.speaker.as_deref().unwrap_or("-");
        let _ = writeln!(
            out,
            "  • {}  = {}  as of {}  [{}] {}",
            claim.value_text,
            normalized_text(figure, claim, group),
            as_of_text(figure),
            claim.source,
            speaker
        );
        let mentions = match statements(claim) {
            1 => String::new(),
            n => format!(", stated {n} times"),
        };
        let _ = writeln!(
            out,
            "      “{}” ({}:{}{mentions})",
            shorten(&claim.quote, &claim.value_text, QUOTE_CHARS),
            claim.source,
            claim.line
        );
    }
    for c in group.conflicts.iter().take(LIST_LIMIT) {
        let _ = writeln!(out, "  ✗ {} vs {}: {}", c.a, c.b, c.reason);
    }
    more(out, group.conflicts.len(), "conflicting pairs");
    for cluster in group.corroborations.iter().take(LIST_LIMIT) {
        let _ = writeln!(out, "  ✓ agree: {}", cluster.join(" + "));
    }
    more(out, group.corroborations.len(), "agreeing sets");
}

/// Notes what a shortened list left out.
fn more(out: &mut String, total: usize, what: &str) {
    if total > LIST_LIMIT {
        let _ = writeln!(
            out,
            "  … {} more {what} (the JSON and HTML reports list all)",
            total - LIST_LIMIT
        );
    }
}
