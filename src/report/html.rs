//! Self-contained HTML report: inline CSS, inline SVG, no scripts and no network.
//! Each figure's quote links to its line in the article text rendered at the end, where the
//! claimed span is marked.

use super::{DocText, as_of_text, claim_of, normalized_text, statements};
use crate::claim::Claim;
use crate::compare::{Check, Group, Summary, Verdict};
use std::collections::BTreeSet;
use std::fmt::Write;

mod svg;

const STYLE: &str = "body{font-family:system-ui,'PingFang SC','Noto Sans CJK SC',sans-serif;\
max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.5}\
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;\
vertical-align:top;text-align:left}th{background:#f4f4f4}\
.verdict{display:inline-block;padding:0 .5rem;border-radius:.25rem;color:#fff;font-size:.9em}\
.conflict{background:#c0392b}.timeline{background:#b7950b}.corroborated{background:#1e8449}\
.single{background:#7f8c8d}.reason{font-style:italic}\
.doc .line{white-space:pre-wrap;font-size:.9em}.doc .ln{display:inline-block;width:3.5em;\
color:#999;text-align:right;margin-right:.75em;user-select:none}\
.line:target{background:#fff3c4}.legend{font-size:.8em;color:#666;margin-top:0}mark{background:#ffe066}svg{max-width:100%}";

pub(super) fn render(check: &Check, claims: &[Claim], docs: &[DocText]) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>claimcheck report</title>\n<style>",
    );
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<h1>claimcheck report</h1>\n");
    summary(&mut out, &check.summary);
    let known: BTreeSet<&str> = docs.iter().map(|d| d.source.as_str()).collect();
    for group in &check.groups {
        render_group(&mut out, group, claims, &known);
    }
    if !docs.is_empty() {
        out.push_str("<h2>Articles</h2>\n");
    }
    for doc in docs {
        render_doc(&mut out, doc, claims);
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Escapes text for element content and attribute values.
pub(super) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// An id fragment safe in HTML ids and URLs: ASCII letters, digits, `-` and `_` stay,
/// anything else becomes `_xHEX` so distinct sources keep distinct ids.
pub(super) fn id_part(source: &str) -> String {
    let mut out = String::new();
    for ch in source.chars() {
        if ch.is_ascii_alphanumeric() || ch == '-' || ch == '_' {
            out.push(ch);
        } else {
            let _ = write!(out, "_x{:x}", u32::from(ch));
        }
    }
    out
}

fn line_anchor(source: &str, line: usize) -> String {
    format!("src-{}-L{line}", id_part(source))
}

fn summary(out: &mut String, s: &Summary) {
    out.push_str("<section id=\"summary\">\n<table>\n");
    for (name, n) in super::summary_rows(s) {
        let _ = writeln!(out, "<tr><th>{name}</th><td>{n}</td></tr>");
    }
    out.push_str("</table>\n");
    if !s.notes.is_empty() {
        out.push_str("<p>Skipped or partly decoded files:</p>\n<ul>\n");
        for note in &s.notes {
            let _ = writeln!(out, "<li>{}</li>", esc(note));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn verdict_class(v: Verdict) -> &'static str {
    v.as_str()
}

fn render_group(out: &mut String, group: &Group, claims: &[Claim], docs: &BTreeSet<&str>) {
    let _ = writeln!(
        out,
        "<section class=\"group\" id=\"{id}\">\n<h2><span class=\"verdict {cls}\">{verdict}</span> \
         {id} {family}: {subject}</h2>\n<p class=\"reason\">{reason}</p>",
        id = esc(&group.id),
        cls = verdict_class(group.verdict),
        verdict = group.verdict.as_str(),
        family = esc(&group.family),
        subject = esc(&group.subject),
        reason = esc(&group.reason),
    );
    let chart = svg::timeline(group);
    if !chart.is_empty() {
        out.push_str(&chart);
        out.push_str(
            "<p class=\"legend\">● exact value, bar: range, arrow: open-ended, hollow end: \
             bound excluded; red: part of a conflict; numbers are table rows.</p>\n",
        );
    }
    out.push_str(
        "<table>\n<tr><th>#</th><th>id</th><th>value as written</th><th>normalised</th><th>as of</th>\
         <th>source</th><th>speaker</th><th>quote</th></tr>\n",
    );
    for (number, figure) in group.figures.iter().enumerate() {
        let Some(claim) = claim_of(claims, figure) else {
            continue;
        };
        let place = format!("{}:{}", claim.source, claim.line);
        let quote = if claim.line >= 1 && docs.contains(claim.source.as_str()) {
            format!(
                "<a href=\"#{}\">{}</a> ({})",
                line_anchor(&claim.source, claim.line),
                esc(&claim.quote),
                esc(&place)
            )
        } else {
            format!("{} ({})", esc(&claim.quote), esc(&place))
        };
        let times = match statements(claim) {
            1 => String::new(),
            n => format!(" <small>stated {n}×</small>"),
        };
        let _ = writeln!(
            out,
            "<tr id=\"{gid}-{cid}\"><td>{n}</td><td>{cid_text}</td><td>{written}</td><td>{norm}</td><td>{asof}</td>\
             <td>{src}</td><td>{speaker}</td><td>{quote}{times}</td></tr>",
            gid = esc(&group.id),
            n = number + 1,
            cid = id_part(&claim.claim_id),
            cid_text = esc(&claim.claim_id),
            written = esc(&claim.value_text),
            norm = esc(&normalized_text(figure, claim, group)),
            asof = esc(&as_of_text(figure)),
            src = esc(&claim.source),
            speaker = esc(claim.speaker.as_deref().unwrap_or("")),
        );
    }
    out.push_str("</table>\n");
    if !group.conflicts.is_empty() {
        out.push_str("<p>Conflicts:</p>\n<ul>\n");
        for c in &group.conflicts {
            let _ = writeln!(
                out,
                "<li><b>{}</b> vs <b>{}</b>: {}</li>",
                esc(&c.a),
                esc(&c.b),
                esc(&c.reason)
            );
        }
        out.push_str("</ul>\n");
    }
    if !group.corroborations.is_empty() {
        out.push_str("<p>Agreeing figures:</p>\n<ul>\n");
        for cluster in &group.corroborations {
            let _ = writeln!(out, "<li>{}</li>", esc(&cluster.join(" + ")));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

/// A marked span of a document, in characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Span {
    start: usize,
    end: usize,
    claim_id: String,
}

/// Claim spans and their further mentions in `source`, sorted, overlaps dropped.
fn spans_for(source: &str, claims: &[Claim]) -> Vec<Span> {
    let mut spans: Vec<Span> = claims
        .iter()
        .filter(|c| c.source == source)
        .flat_map(|c| {
            std::iter::once((c.start, c.end))
                .chain(c.mentions.iter().map(|m| (m.start, m.end)))
                .map(move |(start, end)| Span {
                    start,
                    end,
                    claim_id: c.claim_id.clone(),
                })
        })
        .filter(|s| s.start < s.end)
        .collect();
    spans.sort();
    let mut kept: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        if kept.last().is_none_or(|k| s.start >= k.end) {
            kept.push(s);
        }
    }
    kept
}

/// The article, one element per line with id `src-<source>-L<n>`, claim spans in `<mark>`.
fn render_doc(out: &mut String, doc: &DocText, claims: &[Claim]) {
    let spans = spans_for(&doc.source, claims);
    let _ = writeln!(
        out,
        "<section class=\"doc\" id=\"src-{}\">\n<h3>{}</h3>",
        id_part(&doc.source),
        esc(&doc.source)
    );
    let mut next_span = 0;
    let mut line_start = 0;
    // A final newline ends the last line rather than starting an empty one.
    let body = doc.text.strip_suffix('\n').unwrap_or(&doc.text);
    for (i, line) in body.split('\n').enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let line_end = line_start + chars.len();
        // Spans that ended before this line are done.
        while spans.get(next_span).is_some_and(|s| s.end <= line_start) {
            next_span += 1;
        }
        let visible = chars.strip_suffix(&['\r']).unwrap_or(&chars);
        let _ = write!(
            out,
            "<div class=\"line\" id=\"{}\"><span class=\"ln\">{}</span>",
            line_anchor(&doc.source, i + 1),
            i + 1
        );
        let mut pos = 0;
        for s in spans[next_span..].iter().take_while(|s| s.start < line_end) {
            let from = s.start.saturating_sub(line_start).min(visible.len());
            let to = s.end.saturating_sub(line_start).min(visible.len());
            if from >= to || from < pos {
                continue;
            }
            out.push_str(&esc(&visible[pos..from].iter().collect::<String>()));
            let _ = write!(
                out,
                "<mark title=\"{}\">{}</mark>",
                esc(&s.claim_id),
                esc(&visible[from..to].iter().collect::<String>())
            );
            pos = to;
        }
        out.push_str(&esc(&visible[pos..].iter().collect::<String>()));
        out.push_str("</div>\n");
        line_start = line_end + 1; // the '\n'
    }
    out.push_str("</section>\n");
}
