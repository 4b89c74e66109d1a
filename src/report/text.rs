//! Plain-text report: the conflicts as ranked sentences, then the groups where two or more
//! origins meet, then the single-origin figures one line each.

use super::{Ctx, Out, as_of_text, clean_debris, normalized_text, shorten, statements};
use crate::compare::{Group, Summary, Verdict};
use crate::text::printable as p;
use std::fmt::Write;

const QUOTE_CHARS: usize = 60;
/// Conflicts and agreeing sets shown per group; the strongest come first.
const LIST_LIMIT: usize = 8;

pub(super) fn render(ctx: &Ctx, color: bool, out: &mut Out) {
    summary(out, &ctx.check.summary);
    let conflicts: Vec<&Group> = ctx.conflicts().collect();
    if conflicts.is_empty() {
        let _ = writeln!(out, "\nNo conflicts.");
    } else {
        let _ = writeln!(out, "\nConflicts, strongest first:");
        for (n, g) in conflicts.iter().enumerate() {
            let _ = writeln!(out, "{:>2}. {} [{}]", n + 1, p(&ctx.sentence(g)), p(&g.id));
            if let Some(c) = g.conflicts.first() {
                let _ = writeln!(out, "    {}", p(&c.reason));
            }
        }
    }
    let multi: Vec<&Group> = ctx.multi().collect();
    if !multi.is_empty() {
        let _ = writeln!(out, "\nGroups where two or more origins meet:");
    }
    for group in multi {
        out.push('\n');
        render_group(out, ctx, group, color);
        out.flush();
    }
    let single: Vec<&Group> = ctx.single().collect();
    if !single.is_empty() {
        let _ = writeln!(out, "\nSingle-origin figures ({} groups):", single.len());
        for g in single {
            let figures: Vec<String> = g
                .figures
                .iter()
                .map(|f| p(&ctx.figure_phrase(f, None)).into_owned())
                .collect();
            let _ = writeln!(
                out,
                "  {} {}: {}",
                p(&g.id),
                p(&g.title()),
                figures.join(" · ")
            );
            out.flush();
        }
    }
}

fn summary(out: &mut String, s: &Summary) {
    let _ = writeln!(out, "claimcheck report");
    let _ = writeln!(
        out,
        "groups: {}  conflicts: {}  timelines: {}  unordered: {}  corroborated: {}  single: {}",
        s.groups, s.conflicts, s.timelines, s.unordered, s.corroborated, s.single
    );
    let _ = writeln!(
        out,
        "conflicting pairs: {}  unit slips: {}  corroborations: {}  claims: {}  origins: {}  documents: {}",
        s.conflicting_pairs, s.slips, s.corroborations, s.claims, s.origins, s.sources
    );
    if s.notes.is_empty() {
        let _ = writeln!(out, "skipped files: none");
    } else {
        let _ = writeln!(out, "skipped or partly decoded files:");
        for note in &s.notes {
            let _ = writeln!(out, "  - {}", p(note));
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
        Verdict::Unordered => "36",
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

fn render_group(out: &mut String, ctx: &Ctx, group: &Group, color: bool) {
    let _ = writeln!(
        out,
        "{} {} {} ({}, {} origin{})",
        verdict_tag(group.verdict, color),
        p(&group.id),
        p(&group.title()),
        unit_text(group),
        group.origins,
        if group.origins == 1 { "" } else { "s" }
    );
    let _ = writeln!(out, "  why: {}", p(&group.reason));
    for figure in &group.figures {
        let claim = ctx.claim(figure);
        let _ = writeln!(
            out,
            "  • {}  = {}  as of {}  — {}",
            p(&claim.value_text),
            p(&normalized_text(figure, claim, group)),
            p(&as_of_text(figure)),
            p(&ctx.who(figure))
        );
        let mentions = match statements(claim) {
            1 => String::new(),
            n => format!(", stated {n} times"),
        };
        let _ = writeln!(
            out,
            "      “{}” ({}:{}{mentions})",
            p(&shorten(
                &clean_debris(&claim.quote),
                &claim.value_text,
                QUOTE_CHARS
            )),
            p(&claim.source),
            claim.line
        );
    }
    for c in group.conflicts.iter().take(LIST_LIMIT) {
        let _ = writeln!(out, "  ✗ {} vs {}: {}", p(&c.a), p(&c.b), p(&c.reason));
    }
    let listed = group.conflicts.len().min(LIST_LIMIT) as u64;
    if group.counts.conflicts > listed {
        let _ = writeln!(
            out,
            "  … {} more conflicting pairs (`report --all-pairs` lists every one)",
            group.counts.conflicts - listed
        );
    }
    for cluster in group.clusters.iter().take(LIST_LIMIT) {
        let more = if cluster.size > cluster.members.len() {
            format!(" + {} more", cluster.size - cluster.members.len())
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  ✓ agree ({} origin{}): {}{more}",
            cluster.origins,
            if cluster.origins == 1 { "" } else { "s" },
            p(&cluster.ids(ctx.claims).join(" + "))
        );
    }
    if group.clusters_total > LIST_LIMIT.min(group.clusters.len()) {
        let _ = writeln!(
            out,
            "  … {} more agreeing sets",
            group.clusters_total - LIST_LIMIT.min(group.clusters.len())
        );
    }
    if !group.related.is_empty() {
        let names: Vec<String> = group
            .related
            .iter()
            .filter_map(|&r| ctx.check.groups.get(r))
            .map(|r| format!("{} {}", p(&r.id), p(&r.title())))
            .collect();
        let _ = writeln!(out, "  related: {}", names.join("; "));
    }
}
