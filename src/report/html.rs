//! Self-contained HTML report: inline CSS, inline SVG, no scripts and no network.
//!
//! The page opens with the conflicts as ranked sentences (the story in one line each),
//! then one section per group where two or more origins meet (with a chart), then one
//! table of single-origin figures, then the articles. Quotes are shown cleaned of
//! converter debris; the exact original is one click away (`<details>`), and each quote
//! links to its line in the article text, where the claimed span is marked. The layout
//! reflows down to 400 px: tables scroll sideways inside their own box.

use super::{Ctx, Out, as_of_text, clean_debris, normalized_text, shorten, statements};
use crate::claim::Claim;
use crate::compare::{Group, Summary, Verdict};
use std::fmt::Write;

mod svg;

const STYLE: &str = "*{box-sizing:border-box}\
body{font-family:system-ui,'PingFang SC','Noto Sans CJK SC',sans-serif;max-width:72rem;\
margin:0 auto;padding:.75rem;color:#222;line-height:1.5;overflow-wrap:anywhere}\
h1{font-size:1.5rem;margin:.25rem 0}h2{font-size:1.2rem;margin:1.5rem 0 .25rem}\
.counts{color:#555;font-size:.9em;margin:.25rem 0 .75rem}\
ol.story{padding-left:1.5rem;margin:.25rem 0}ol.story li{margin:.35rem 0}\
ol.story .why{display:block;color:#555;font-size:.85em}\
.scroll{overflow-x:auto;max-width:100%}\
table{border-collapse:collapse;margin:.5rem 0;font-size:.92em}td,th{border:1px solid #ccc;\
padding:.25rem .5rem;vertical-align:top;text-align:left}th{background:#f4f4f4}\
.verdict{display:inline-block;padding:0 .5rem;border-radius:.25rem;color:#fff;font-size:.85em}\
.conflict{background:#c0392b}.timeline{background:#9a7d0a}.unordered{background:#2874a6}\
.corroborated{background:#1e8449}.single{background:#7f8c8d}.reason{font-style:italic;color:#444}\
details.q summary{cursor:pointer}details.q .orig{display:block;color:#555;font-size:.9em}\
.doc .line{white-space:pre-wrap;font-size:.9em}.doc .ln{display:inline-block;width:3.5em;\
color:#999;text-align:right;margin-right:.75em;user-select:none}\
.line:target{background:#fff3c4}.legend{font-size:.8em;color:#666;margin-top:0}\
mark{background:#ffe066}svg{width:100%;max-width:44rem;min-width:30rem;height:auto}\
@media (max-width:600px){body{padding:.5rem}.doc .ln{width:2.5em}\
table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;border:0}\
table.cards tr:first-child{display:none}table.cards tr{border-top:1px solid #ccc;padding:.3rem 0}\
table.cards td{padding:.1rem 0}table.cards td[data-l]::before{content:attr(data-l) \": \";color:#777}}";

pub(super) fn render(ctx: &Ctx, out: &mut Out) {
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"claimcheck\">\n\
         <title>claimcheck report</title>\n<style>",
    );
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<h1>claimcheck report</h1>\n");
    summary(out, &ctx.check.summary);
    story(out, ctx);
    out.flush();
    let multi: Vec<&Group> = ctx.multi().collect();
    if !multi.is_empty() {
        out.push_str("<h2>Where two or more origins meet</h2>\n");
    }
    for group in multi {
        render_group(out, ctx, group);
        out.flush();
    }
    single_table(out, ctx);
    if !ctx.docs.is_empty() {
        out.push_str("<h2>Articles</h2>\n");
    }
    // Claims by document once, not once per document.
    let mut by_doc: std::collections::BTreeMap<&str, Vec<&Claim>> = Default::default();
    for f in ctx.check.groups.iter().flat_map(|g| &g.figures) {
        let c = ctx.claim(f);
        by_doc.entry(c.source.as_str()).or_default().push(c);
    }
    for doc in ctx.docs {
        let claims = by_doc
            .get(doc.source.as_str())
            .map_or(&[][..], Vec::as_slice);
        render_doc(out, doc, claims);
        out.flush();
    }
    out.push_str("</body>\n</html>\n");
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
    let _ = writeln!(
        out,
        "<p class=\"counts\">{} groups: <b>{} conflicts</b>, {} timelines, {} unordered, {} \
         corroborated, {} single · {} conflicting pairs ({} probable unit slips) · {} claims, \
         {} independent origins, {} documents</p>",
        s.groups,
        s.conflicts,
        s.timelines,
        s.unordered,
        s.corroborated,
        s.single,
        s.conflicting_pairs,
        s.slips,
        s.claims,
        s.origins,
        s.sources
    );
    if !s.notes.is_empty() {
        out.push_str("<p>Skipped or partly decoded files:</p>\n<ul>\n");
        for note in &s.notes {
            let _ = writeln!(out, "<li>{}</li>", esc(note));
        }
        out.push_str("</ul>\n");
    }
}

/// The conflicts as sentences, strongest first: the first screen.
fn story(out: &mut String, ctx: &Ctx) {
    let conflicts: Vec<&Group> = ctx.conflicts().collect();
    out.push_str("<section id=\"conflicts\">\n<h2>Conflicts, strongest first</h2>\n");
    if conflicts.is_empty() {
        out.push_str("<p>No conflicts.</p>\n");
    } else {
        out.push_str("<ol class=\"story\">\n");
        for g in conflicts {
            let why = g
                .conflicts
                .first()
                .map(|c| format!("<span class=\"why\">{}</span>", esc(&c.reason)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "<li><a href=\"#{id}\">{sentence}</a>{why}</li>",
                id = esc(&g.id),
                sentence = esc(&ctx.sentence(g)),
            );
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

fn verdict_class(v: Verdict) -> &'static str {
    v.as_str()
}

/// The cleaned quote, with the exact original and the place in the article one click away.
fn quote_cell(ctx: &Ctx, claim: &Claim) -> String {
    let cleaned = clean_debris(&claim.quote);
    let place = format!("{}:{}", claim.source, claim.line);
    let link = if claim.line >= 1 && ctx.doc(&claim.source).is_some() {
        format!(
            " <a href=\"#{}\">{}</a>",
            line_anchor(&claim.source, claim.line),
            esc(&place)
        )
    } else {
        format!(" ({})", esc(&place))
    };
    let times = match statements(claim) {
        1 => String::new(),
        n => format!(" <small>stated {n}×</small>"),
    };
    format!(
        "<details class=\"q\"><summary>{}</summary><span class=\"orig\">original: {}</span>\
         </details>{link}{times}",
        esc(&shorten(&cleaned, &claim.value_text, 90)),
        esc(&claim.quote)
    )
}

fn render_group(out: &mut String, ctx: &Ctx, group: &Group) {
    let _ = writeln!(
        out,
        "<section class=\"group\" id=\"{id}\">\n<h3><span class=\"verdict {cls}\">{verdict}</span> \
         {id} {title}</h3>\n<p class=\"reason\">{reason}</p>",
        id = esc(&group.id),
        cls = verdict_class(group.verdict),
        verdict = group.verdict.as_str(),
        title = esc(&group.title()),
        reason = esc(&group.reason),
    );
    let chart = svg::timeline(ctx, group);
    if !chart.is_empty() {
        // On a phone the chart keeps a readable size and scrolls sideways.
        out.push_str("<div class=\"scroll\">");
        out.push_str(&chart);
        out.push_str("</div>");
        out.push_str(
            "<p class=\"legend\">● value, bar: range, arrow: open-ended or running off the \
             chart, hollow end: bound excluded; red: part of a conflict.</p>\n",
        );
    }
    out.push_str(
        "<div class=\"scroll\"><table class=\"cards\">\n<tr><th>value as written</th><th>normalised</th>\
         <th>as of</th><th>origin</th><th>quote</th></tr>\n",
    );
    for figure in &group.figures {
        let claim = ctx.claim(figure);
        let _ = writeln!(
            out,
            "<tr id=\"{gid}-{cid}\"><td data-l=\"value\">{written}</td><td data-l=\"normalised\">{norm}</td>\
             <td data-l=\"as of\">{asof}</td><td data-l=\"origin\">{who}</td><td>{quote}</td></tr>",
            gid = esc(&group.id),
            cid = id_part(&claim.claim_id),
            written = esc(&clean_debris(&claim.value_text)),
            norm = esc(&normalized_text(figure, claim, group)),
            asof = esc(&as_of_text(figure)),
            who = esc(&ctx.who(figure)),
            quote = quote_cell(ctx, claim),
        );
    }
    out.push_str("</table></div>\n");
    if !group.conflicts.is_empty() {
        out.push_str("<p>Conflicts:</p>\n<ul>\n");
        for c in &group.conflicts {
            let _ = writeln!(out, "<li>{}</li>", esc(&c.reason));
        }
        let listed = group.conflicts.len() as u64;
        if group.counts.conflicts > listed {
            let _ = writeln!(
                out,
                "<li>… {} more conflicting pairs (<code>report --all-pairs</code> lists every one)</li>",
                group.counts.conflicts - listed
            );
        }
        out.push_str("</ul>\n");
    }
    if !group.related.is_empty() {
        let names: Vec<String> = group
            .related
            .iter()
            .filter_map(|&r| ctx.check.groups.get(r))
            .map(|r| {
                format!(
                    "<a href=\"#{}\">{}</a>",
                    esc(&r.id),
                    esc(&format!("{} {}", r.id, r.title()))
                )
            })
            .collect();
        let _ = writeln!(out, "<p>Related: {}</p>", names.join("; "));
    }
    out.push_str("</section>\n");
}

/// Every single-origin group in one table: no chart, one row per figure.
fn single_table(out: &mut Out, ctx: &Ctx) {
    let single: Vec<&Group> = ctx.single().collect();
    if single.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<h2 id=\"single\">Single-origin figures ({} groups)</h2>\n<div class=\"scroll\"><table class=\"cards\">\n\
         <tr><th>what</th><th>value as written</th><th>as of</th><th>origin</th><th>quote</th></tr>",
        single.len()
    );
    for g in single {
        for figure in &g.figures {
            let claim = ctx.claim(figure);
            let _ = writeln!(
                out,
                "<tr id=\"{gid}\"><td data-l=\"what\"><b>{title}</b></td><td data-l=\"value\">{written}</td>\
                 <td data-l=\"as of\">{asof}</td><td data-l=\"origin\">{who}</td><td>{quote}</td></tr>",
                gid = esc(&g.id),
                title = esc(&g.title()),
                written = esc(&clean_debris(&claim.value_text)),
                asof = esc(&as_of_text(figure)),
                who = esc(&ctx.who(figure)),
                quote = quote_cell(ctx, claim),
            );
        }
        out.flush();
    }
    out.push_str("</table></div>\n");
}

/// A marked span of a document, in characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Span {
    start: usize,
    end: usize,
    claim_id: String,
}

/// Claim spans and their further mentions, sorted, overlaps dropped.
fn spans_for(claims: &[&Claim]) -> Vec<Span> {
    let mut spans: Vec<Span> = claims
        .iter()
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
fn render_doc(out: &mut String, doc: &super::DocText, claims: &[&Claim]) {
    let spans = spans_for(claims);
    let title = match &doc.title {
        Some(t) => format!("{} <small>({})</small>", esc(t), esc(&doc.source)),
        None => esc(&doc.source),
    };
    let _ = writeln!(
        out,
        "<section class=\"doc\" id=\"src-{}\">\n<h3>{title}</h3>",
        id_part(&doc.source),
    );
    if let Some(url) = &doc.url {
        // The address as text: the page loads nothing and links nowhere outside itself.
        let _ = writeln!(out, "<p class=\"legend\">{}</p>", esc(url));
    }
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
