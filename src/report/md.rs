//! Markdown report: a summary table, then one section per group with a table of figures.

use super::{as_of_text, claim_of, normalized_text, shorten, statements};
use crate::claim::Claim;
use crate::compare::{Check, Group, Summary};
use std::fmt::Write;

const QUOTE_CHARS: usize = 80;
/// Conflicts listed per group; the strongest come first.
const LIST_LIMIT: usize = 15;

pub(super) fn render(check: &Check, claims: &[Claim]) -> String {
    let mut out = String::from("# claimcheck report\n\n");
    summary(&mut out, &check.summary);
    for group in &check.groups {
        render_group(&mut out, group, claims);
    }
    out
}

/// Escapes a table cell: pipes and backslashes, and keeps the cell on one line.
pub(super) fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

fn summary(out: &mut String, s: &Summary) {
    out.push_str("| | count |\n|---|---:|\n");
    for (name, n) in super::summary_rows(s) {
        let _ = writeln!(out, "| {name} | {n} |");
    }
    if !s.notes.is_empty() {
        out.push_str("\nSkipped or partly decoded files:\n\n");
        for note in &s.notes {
            let _ = writeln!(out, "- {}", cell(note));
        }
    }
    out.push('\n');
}

fn render_group(out: &mut String, group: &Group, claims: &[Claim]) {
    let _ = writeln!(
        out,
        "## {} · {}: {} — {}\n",
        group.id,
        group.verdict.as_str(),
        cell(&group.family),
        cell(&group.subject)
    );
    let _ = writeln!(out, "{}\n", cell(&group.reason));
    out.push_str("| value as written | normalised | as of | source | speaker | quote (line) |\n");
    out.push_str("|---|---|---|---|---|---|\n");
    for figure in &group.figures {
        let Some(claim) = claim_of(claims, figure) else {
            continue;
        };
        let times = match statements(claim) {
            1 => String::new(),
            n => format!(", ×{n}"),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} ({}:{}{times}) |",
            cell(&claim.value_text),
            cell(&normalized_text(figure, claim, group)),
            cell(&as_of_text(figure)),
            cell(&claim.source),
            cell(claim.speaker.as_deref().unwrap_or("")),
            cell(&shorten(&claim.quote, &claim.value_text, QUOTE_CHARS)),
            cell(&claim.source),
            claim.line
        );
    }
    if !group.conflicts.is_empty() {
        out.push_str("\nConflicts:\n\n");
        for c in group.conflicts.iter().take(LIST_LIMIT) {
            let _ = writeln!(out, "- `{}` vs `{}`: {}", c.a, c.b, cell(&c.reason));
        }
        if group.conflicts.len() > LIST_LIMIT {
            let _ = writeln!(
                out,
                "- … {} more conflicting pairs (the JSON and HTML reports list all)",
                group.conflicts.len() - LIST_LIMIT
            );
        }
    }
    if !group.corroborations.is_empty() {
        out.push_str("\nAgreeing figures:\n\n");
        for cluster in &group.corroborations {
            let _ = writeln!(out, "- {}", cluster.join(" + "));
        }
    }
    out.push('\n');
}
