//! Pairwise relations between figures of one group, the group's verdict and its reasons.

use super::{Conflict, Figure, Verdict};
use crate::claim::Claim;
use std::collections::BTreeSet;

/// How two figures of a group relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    /// Their intervals share a value.
    Agree,
    /// Cumulative: the later figure is above the earlier one.
    Rising,
    /// Cumulative: same period (dates overlap) but values disagree.
    SamePeriod,
    /// Cumulative: the later figure is entirely below the earlier one.
    LaterBelow,
    /// Non-cumulative: values disagree.
    Disagree,
    /// Cumulative, values disagree and a date is missing, so they cannot be ordered.
    Undated,
}

pub(super) struct Assessment {
    pub verdict: Verdict,
    pub reason: String,
    pub conflicts: Vec<Conflict>,
    pub corroborations: Vec<Vec<String>>,
}

/// Relates `a` and `b` where `a` sorts first (earlier or same as-of date).
fn relate(a: &Figure, b: &Figure, cumulative: bool) -> Relation {
    if a.compared.intersects(&b.compared) {
        return Relation::Agree;
    }
    if !cumulative {
        return Relation::Disagree;
    }
    let (Some(da), Some(db)) = (a.date, b.date) else {
        return Relation::Undated;
    };
    let ((a0, a1), (b0, b1)) = (da.bounds(), db.bounds());
    if a0 <= b1 && b0 <= a1 {
        return Relation::SamePeriod;
    }
    let (early, late) = if a1 < b0 { (a, b) } else { (b, a) };
    if late.compared.entirely_below(&early.compared) {
        Relation::LaterBelow
    } else {
        Relation::Rising
    }
}

/// How weakly a figure is attested, for choosing which pairs to name first: an assumed
/// date weighs most, then a missing speaker, then an inexact value.
fn weakness(f: &Figure) -> usize {
    let exact = f.stated.low.is_some() && f.stated.low == f.stated.high;
    usize::from(f.date_assumed) * 4
        + usize::from(f.source.speaker.is_none()) * 2
        + usize::from(!exact)
}

/// Compares every pair of figures. Only figures from different sources can conflict (a
/// source restating its own figure differently is more likely a scope change than a
/// contradiction); in cumulative families a source's own rising figures still form a timeline.
pub(super) fn assess(
    figures: &[Figure],
    claims: &[Claim],
    common_unit: &str,
    cumulative: bool,
) -> Assessment {
    let mut conflicts: Vec<((usize, usize, usize), Conflict)> = Vec::new();
    let mut rising: Vec<(usize, usize, usize)> = Vec::new();
    let mut own_differences: Vec<(usize, usize)> = Vec::new();
    let mut agree = vec![vec![false; figures.len()]; figures.len()];
    for i in 0..figures.len() {
        for j in i + 1..figures.len() {
            let (a, b) = (&figures[i], &figures[j]);
            let relation = relate(a, b, cumulative);
            let rank = (weakness(a) + weakness(b), i, j);
            match relation {
                Relation::Agree => {
                    agree[i][j] = true;
                    agree[j][i] = true;
                }
                Relation::Rising => rising.push(rank),
                _ if a.source == b.source => own_differences.push((i, j)),
                _ => conflicts.push((
                    rank,
                    Conflict {
                        a: a.claim_id.clone(),
                        b: b.claim_id.clone(),
                        reason: pair_reason(a, b, relation, claims, common_unit),
                    },
                )),
            }
        }
    }
    // Best-attested conflicts first, so the reason and any shortened list show them.
    conflicts.sort_by_key(|(rank, _)| *rank);
    let conflicts: Vec<Conflict> = conflicts.into_iter().map(|(_, c)| c).collect();
    let corroborations = agreeing_clusters(figures, &agree);
    let sources: BTreeSet<_> = figures.iter().map(|f| &f.source).collect();
    let verdict = if !conflicts.is_empty() {
        Verdict::Conflict
    } else if !rising.is_empty() {
        Verdict::Timeline
    } else if sources.len() >= 2 {
        Verdict::Corroborated
    } else {
        Verdict::Single
    };
    let rising_text = rising
        .iter()
        .min()
        .map(|&(_, i, j)| rising_reason(&figures[i], &figures[j], claims));
    let mut reason = match verdict {
        Verdict::Conflict => conflict_reason(&conflicts, rising_text),
        Verdict::Timeline => timeline_reason(figures, claims),
        Verdict::Corroborated => corroborated_reason(figures, claims, sources.len()),
        Verdict::Single => single_reason(figures, claims),
    };
    if let Some(&(i, j)) = own_differences.first() {
        reason.push_str(&format!(
            "; {} and {} come from the same source and differ",
            label(&figures[i], claims),
            label(&figures[j], claims)
        ));
    }
    Assessment {
        verdict,
        reason,
        conflicts,
        corroborations,
    }
}

/// Maximal sets of pairwise-agreeing figures spanning two or more sources. Intervals that
/// pairwise intersect share a common value, so each set is one value everybody allows.
fn agreeing_clusters(figures: &[Figure], agree: &[Vec<bool>]) -> Vec<Vec<String>> {
    let mut cliques = Vec::new();
    let all: Vec<usize> = (0..figures.len()).collect();
    bron_kerbosch(&mut Vec::new(), all, Vec::new(), agree, &mut cliques);
    let mut clusters: Vec<Vec<usize>> = cliques
        .into_iter()
        .filter(|c| {
            c.iter()
                .map(|&i| &figures[i].source)
                .collect::<BTreeSet<_>>()
                .len()
                >= 2
        })
        .map(|mut c| {
            c.sort_unstable();
            c
        })
        .collect();
    clusters.sort();
    clusters
        .into_iter()
        .map(|c| c.into_iter().map(|i| figures[i].claim_id.clone()).collect())
        .collect()
}

/// Maximal cliques with pivoting; groups are small and interval graphs have at most n
/// maximal cliques, so this stays cheap.
fn bron_kerbosch(
    r: &mut Vec<usize>,
    p: Vec<usize>,
    mut x: Vec<usize>,
    adj: &[Vec<bool>],
    out: &mut Vec<Vec<usize>>,
) {
    if p.is_empty() && x.is_empty() {
        if r.len() >= 2 {
            out.push(r.clone());
        }
        return;
    }
    let pivot = p
        .iter()
        .chain(&x)
        .copied()
        .max_by_key(|&u| (p.iter().filter(|&&v| adj[u][v]).count(), usize::MAX - u));
    let candidates: Vec<usize> = p
        .iter()
        .copied()
        .filter(|&v| pivot.is_none_or(|u| !adj[u][v]))
        .collect();
    let mut p = p;
    for v in candidates {
        r.push(v);
        let p_next = p.iter().copied().filter(|&w| adj[v][w]).collect();
        let x_next = x.iter().copied().filter(|&w| adj[v][w]).collect();
        bron_kerbosch(r, p_next, x_next, adj, out);
        r.pop();
        p.retain(|&w| w != v);
        x.push(v);
    }
}

/// `79个 (2023-05-28, 赵志耕)`: the figure as written, its date and who said it.
pub(crate) fn label(figure: &Figure, claims: &[Claim]) -> String {
    let written = claims
        .get(figure.claim_index)
        .map_or(figure.claim_id.as_str(), |c| c.value_text.as_str());
    let date = match figure.date {
        Some(d) if figure.date_assumed => format!("{d} assumed"),
        Some(d) => d.to_string(),
        None => "undated".into(),
    };
    format!("{written} ({date}, {})", figure.source.label())
}

fn pair_reason(
    a: &Figure,
    b: &Figure,
    relation: Relation,
    claims: &[Claim],
    common_unit: &str,
) -> String {
    let what = match relation {
        Relation::SamePeriod => "same period, values disagree",
        Relation::LaterBelow => "the later figure is below the earlier one",
        Relation::Undated => "values disagree and a missing date prevents ordering them",
        _ => "values disagree",
    };
    let mut text = format!(
        "{} vs {}: {what} ({} vs {} {common_unit})",
        label(a, claims),
        label(b, claims),
        a.compared.rounded(2),
        b.compared.rounded(2),
    );
    text.push_str(&differences(a, b, claims));
    // Only cumulative comparisons depend on dates, so only they flag assumed ones.
    if relation != Relation::Disagree && (a.date_assumed || b.date_assumed) {
        text.push_str(" (date assumed from publication)");
    }
    text
}

fn rising_reason(a: &Figure, b: &Figure, claims: &[Claim]) -> String {
    let kinds = match (claims.get(a.claim_index), claims.get(b.claim_index)) {
        (Some(x), Some(y)) if x.kind != y.kind => {
            format!("kinds differ ({} vs {})", x.kind, y.kind)
        }
        _ => "same kind".into(),
    };
    let assumed = if a.date_assumed || b.date_assumed {
        " (date assumed from publication)"
    } else {
        ""
    };
    format!(
        "{} vs {}: {kinds}, different periods, rising{assumed}",
        label(a, claims),
        label(b, claims)
    )
}

/// `; kinds differ (…)` and `; counted nouns differ (模型 vs 公司)` when they do.
fn differences(a: &Figure, b: &Figure, claims: &[Claim]) -> String {
    let mut text = String::new();
    if let (Some(x), Some(y)) = (claims.get(a.claim_index), claims.get(b.claim_index)) {
        if x.kind != y.kind {
            text.push_str(&format!("; kinds differ ({} vs {})", x.kind, y.kind));
        }
        if let (Some(n), Some(m)) = (&x.noun, &y.noun)
            && n != m
        {
            text.push_str(&format!("; counted nouns differ ({n} vs {m})"));
        }
    }
    text
}

fn conflict_reason(conflicts: &[Conflict], rising: Option<String>) -> String {
    let first = conflicts.first().map_or("", |c| c.reason.as_str());
    let mut text = match rising {
        Some(r) => format!("{r} — but {first}"),
        None => first.to_string(),
    };
    if conflicts.len() > 1 {
        text.push_str(&format!("; {} conflicting pairs in all", conflicts.len()));
    }
    text
}

fn timeline_reason(figures: &[Figure], claims: &[Claim]) -> String {
    let steps: Vec<String> = figures.iter().map(|f| label(f, claims)).collect();
    let assumed = if figures.iter().any(|f| f.date_assumed) {
        " (date assumed from publication)"
    } else {
        ""
    };
    format!(
        "{}: figures rise with their dates, none contradicts another{assumed}",
        steps.join(" → ")
    )
}

fn corroborated_reason(figures: &[Figure], claims: &[Claim], sources: usize) -> String {
    let all: Vec<String> = figures.iter().map(|f| label(f, claims)).collect();
    format!("{sources} sources agree: {}", all.join("; "))
}

fn single_reason(figures: &[Figure], claims: &[Claim]) -> String {
    let statements: usize = figures
        .iter()
        .map(|f| 1 + claims.get(f.claim_index).map_or(0, |c| c.mentions.len()))
        .sum();
    let all: Vec<String> = figures.iter().map(|f| label(f, claims)).collect();
    let doc = figures.first().map_or("", |f| f.source.document.as_str());
    let repeated = if statements > 1 {
        format!(
            "; stated {statements} times in one document, which is repetition, not corroboration"
        )
    } else {
        String::new()
    };
    format!("one source ({doc}): {}{repeated}", all.join("; "))
}
