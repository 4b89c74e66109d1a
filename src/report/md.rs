//! Markdown report: the ranked conflict sentences, a section per group where two or more
//! origins meet, and one table of the single-origin figures. Article text is escaped:
//! `|` and newlines cannot break a table, and raw HTML shows as text.

use super::{Ctx, Out, as_of_text, clean_debris, normalized_text, shorten, statements};
use crate::compare::{Group, Summary};
use std::fmt::Write;

const QUOTE_CHARS: usize = 80;
/// Conflicts listed per group; the strongest come first.
const LIST_LIMIT: usize = 15;

pub(super) fn render(ctx: &Ctx, out: &mut Out) {
    out.push_str("# claimcheck report\n\n");
    out.push_str(crate::input::MD_GENERATOR);
    out.push_str("\n\n");
    summary(out, &ctx.check.summary);
    let conflicts: Vec<&Group> = ctx.conflicts().collect();
    out.push_str("## Conflicts, strongest first\n\n");
    if conflicts.is_empty() {
        out.push_str("No conflicts.\n\n");
    }
    for (n, g) in conflicts.iter().enumerate() {
        let _ = writeln!(out, "{}. {} ({})", n + 1, text(&ctx.sentence(g)), g.id);
        if let Some(c) = g.conflicts.first() {
            let _ = writeln!(out, "   — {}", text(&c.reason));
        }
    }
    out.push('\n');
    for group in ctx.multi() {
        render_group(out, ctx, group);
        out.flush();
    }
    single_table(out, ctx);
}

/// A claim id as code when it is plain (`a-model_count-0bd9c67f`), else escaped as text:
/// ids read from `--claims` files can hold anything, and a code span cannot escape a
/// backtick.
fn code(id: &str) -> String {
    if !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '/'))
    {
        format!("`{id}`")
    } else {
        text(id)
    }
}

/// Escapes article text for Markdown prose and table cells: backslash, pipe, HTML
/// brackets and ampersands, emphasis, code and link markers; line breaks and tabs become
/// spaces; control characters (escape sequences) and bidirectional overrides are dropped.
pub(super) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '*' | '_' | '`' | '[' | ']' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => out.push(' '),
            // Escape sequences and bidirectional overrides have no place in a document.
            c if c.is_control()
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') => {}
            _ => out.push(ch),
        }
    }
    out
}

fn summary(out: &mut String, s: &Summary) {
    let _ = writeln!(
        out,
        "{} groups: {} conflicts, {} timelines, {} unordered, {} corroborated, {} single. \
         {} conflicting pairs ({} probable unit slips), {} corroborations; {} claims from {} \
         independent origins in {} documents.\n",
        s.groups,
        s.conflicts,
        s.timelines,
        s.unordered,
        s.corroborated,
        s.single,
        s.conflicting_pairs,
        s.slips,
        s.corroborations,
        s.claims,
        s.origins,
        s.sources
    );
    if !s.notes.is_empty() {
        out.push_str("Skipped or partly decoded files:\n\n");
        for note in &s.notes {
            let _ = writeln!(out, "- {}", text(note));
        }
        out.push('\n');
    }
}

fn render_group(out: &mut String, ctx: &Ctx, group: &Group) {
    let _ = writeln!(
        out,
        "## {} · {}: {}\n",
        group.id,
        group.verdict.as_str(),
        text(&group.title())
    );
    let _ = writeln!(out, "{}\n", text(&group.reason));
    out.push_str("| value as written | normalised | as of | origin | quote (line) |\n");
    out.push_str("|---|---|---|---|---|\n");
    for figure in &group.figures {
        let claim = ctx.claim(figure);
        let times = match statements(claim) {
            1 => String::new(),
            n => format!(", ×{n}"),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} ({}:{}{times}) |",
            text(&claim.value_text),
            text(&normalized_text(figure, claim, group)),
            text(&as_of_text(figure)),
            text(&ctx.who(figure)),
            text(&shorten(
                &clean_debris(&claim.quote),
                &claim.value_text,
                QUOTE_CHARS
            )),
            text(&claim.source),
            claim.line
        );
    }
    if !group.conflicts.is_empty() {
        out.push_str("\nConflicts:\n\n");
        for c in group.conflicts.iter().take(LIST_LIMIT) {
            let _ = writeln!(
                out,
                "- {} vs {}: {}",
                code(&c.a),
                code(&c.b),
                text(&c.reason)
            );
        }
        let listed = group.conflicts.len().min(LIST_LIMIT) as u64;
        if group.counts.conflicts > listed {
            let _ = writeln!(
                out,
                "- … {} more conflicting pairs (`report --all-pairs` lists every one)",
                group.counts.conflicts - listed
            );
        }
    }
    if !group.clusters.is_empty() {
        out.push_str("\nAgreeing figures:\n\n");
        for cluster in &group.clusters {
            let _ = writeln!(
                out,
                "- {} ({} origin{})",
                cluster
                    .ids(ctx.claims)
                    .iter()
                    .map(|id| code(id))
                    .collect::<Vec<_>>()
                    .join(" + "),
                cluster.origins,
                if cluster.origins == 1 { "" } else { "s" }
            );
        }
    }
    if !group.related.is_empty() {
        let names: Vec<String> = group
            .related
            .iter()
            .filter_map(|&r| ctx.check.groups.get(r))
            .map(|r| format!("{} {}", r.id, text(&r.title())))
            .collect();
        let _ = writeln!(out, "\nRelated: {}", names.join("; "));
    }
    out.push('\n');
}

fn single_table(out: &mut Out, ctx: &Ctx) {
    let single: Vec<&Group> = ctx.single().collect();
    if single.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Single-origin figures ({} groups)\n", single.len());
    out.push_str("| group | what | value as written | as of | origin | quote (line) |\n");
    out.push_str("|---|---|---|---|---|---|\n");
    for g in single {
        for figure in &g.figures {
            let claim = ctx.claim(figure);
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} ({}:{}) |",
                g.id,
                text(&g.title()),
                text(&claim.value_text),
                text(&as_of_text(figure)),
                text(&ctx.who(figure)),
                text(&shorten(
                    &clean_debris(&claim.quote),
                    &claim.value_text,
                    QUOTE_CHARS
                )),
                text(&claim.source),
                claim.line
            );
        }
        out.flush();
    }
    out.push('\n');
}
