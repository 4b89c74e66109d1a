//! The text `claimcheck eval` prints: scores by language and overall, by kind and
//! by rule, then every miss and every unmatched claim with its place.

use super::{Scores, Tally};
use crate::claim::Claim;
use crate::text::lang::Lang;
use std::fmt::Write;

fn pct(x: Option<f64>) -> String {
    x.map_or("-".to_string(), |v| format!("{v:.3}"))
}

fn row(out: &mut String, label: &str, t: &Tally) {
    let _ = writeln!(
        out,
        "{label:<10} {:>4} {:>5} {:>5} {:>6} {:>6}  {:>6} {:>9} {:>6} {:>7}",
        t.docs,
        t.gold,
        t.matched_gold,
        t.claims,
        t.matched_claims,
        pct(t.recall()),
        pct(t.precision()),
        pct(t.kind_agreement()),
        pct(t.subject_agreement()),
    );
}

/// Renders the scores; `details` adds the lists of misses and unmatched claims.
pub fn render_text(s: &Scores, claims: &[Claim], details: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<10} {:>4} {:>5} {:>5} {:>6} {:>6}  {:>6} {:>9} {:>6} {:>7}",
        "texts",
        "docs",
        "gold",
        "found",
        "claims",
        "right",
        "recall",
        "precision",
        "kind",
        "subject"
    );
    for (lang, t) in &s.by_lang {
        row(&mut out, lang.as_str(), t);
    }
    if s.by_lang.len() > 1 {
        let non_zh = s.tally_of(&[Lang::En, Lang::Mixed]);
        if non_zh.docs > 0 && s.by_lang.contains_key(&Lang::Zh) {
            row(&mut out, "en+mixed", &non_zh);
        }
        row(&mut out, "all", &s.all);
    }
    let _ = writeln!(
        out,
        "\n(found = gold rows matched; right = claims matching a gold row; kind and subject: shares of the matched pairs; {} claims of kind other not scored{})",
        s.other,
        if s.absent_gold > 0 {
            format!(
                "; {} gold rows of documents not given left out",
                s.absent_gold
            )
        } else {
            String::new()
        }
    );

    let _ = writeln!(
        out,
        "\nby kind        gold found recall | claims right precision"
    );
    let kinds: std::collections::BTreeSet<&String> =
        s.gold_kinds.keys().chain(s.claim_kinds.keys()).collect();
    for k in kinds {
        let (g, gm) = s.gold_kinds.get(k).copied().unwrap_or_default();
        let (c, cm) = s.claim_kinds.get(k).copied().unwrap_or_default();
        let ratio = |a: usize, b: usize| pct((b > 0).then(|| a as f64 / b as f64));
        let _ = writeln!(
            out,
            "{k:<14} {g:>4} {gm:>5} {:>6} | {c:>6} {cm:>5} {:>9}",
            ratio(gm, g),
            ratio(cm, c)
        );
    }

    let _ = writeln!(
        out,
        "\nby rule                              claims right kind-agrees"
    );
    for (rule, (n, m, k)) in &s.rules {
        let _ = writeln!(out, "{rule:<36} {n:>6} {m:>5} {k:>11}");
    }

    if !details {
        return out;
    }
    let _ = writeln!(out, "\nmisses ({}):", s.misses.len());
    for m in &s.misses {
        let g = &m.gold;
        let v = |d: Option<rust_decimal::Decimal>| {
            d.map_or(String::new(), |d| d.normalize().to_string())
        };
        let _ = writeln!(
            out,
            "  {}:{}: {} {}..{} {} {} — {}\n      {}",
            m.source,
            m.article_line,
            g.kind,
            v(g.lo),
            v(g.hi),
            match g.unit.per {
                Some(p) => format!("{}/{}", g.unit.unit, p),
                None => g.unit.unit.to_string(),
            },
            g.qualifier,
            m.reason,
            g.quote
        );
    }
    let _ = writeln!(out, "\nunmatched claims ({}):", s.unmatched.len());
    for u in &s.unmatched {
        let c = &claims[u.claim];
        let b = |d: Option<rust_decimal::Decimal>| d.map_or(String::new(), |d| d.to_string());
        let _ = writeln!(
            out,
            "  {}:{}: {} [{}] {}..{} {} {} ({}){}\n      {}",
            c.source,
            c.line,
            c.kind,
            c.subject,
            b(c.value.low_value()),
            b(c.value.high_value()),
            c.unit_label(),
            c.qualifier,
            c.rule,
            u.near
                .as_ref()
                .map_or(String::new(), |n| format!(" — near {n}")),
            shorten(&c.quote, 90)
        );
    }
    let wrong_kind: Vec<_> = s.matched.iter().filter(|m| !m.kind_agrees).collect();
    let _ = writeln!(out, "\nmatched with another kind ({}):", wrong_kind.len());
    for m in wrong_kind {
        let c = &claims[m.claim];
        let g = &s.gold[m.gold];
        let _ = writeln!(
            out,
            "  {}:{}: {} (gold {}) [{}] — {}",
            c.source, c.line, c.kind, g.kind, c.subject, g.quote
        );
    }
    let wrong_subject: Vec<_> = s.matched.iter().filter(|m| !m.subject_agrees).collect();
    let _ = writeln!(
        out,
        "\nmatched with another subject ({}):",
        wrong_subject.len()
    );
    for m in wrong_subject {
        let c = &claims[m.claim];
        let g = &s.gold[m.gold];
        let _ = writeln!(
            out,
            "  {}:{}: [{}] (gold: {}) — {}",
            c.source, c.line, c.subject, g.subject, g.quote
        );
    }
    out
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n).collect();
        t.push('…');
        t
    }
}
