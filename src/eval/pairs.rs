//! Scoring the checker's verdicts against hand-assigned relations between gold claims
//! (`pairs.tsv` of the dev corpus).
//!
//! Each side of a pair names a gold row by its exact quote in its document (when several
//! rows share a quote, the one of the other side's kind and nearest value); the gold row
//! leads to the extracted claim matched to it by `evaluate`; the checker then says how the
//! two claims relate. The relation reported follows the corpus README: `conflict` for a
//! conflicting pair of one group, `agree` for claims in one agreeing cluster (a conversion
//! and its figure included), `timeline` for claims sharing a group judged timeline (or a
//! pair of different periods), `different` for claims in different groups, and `unmatched`
//! when a side has no extracted claim. Pairs the checker calls `unordered` or `restated`
//! take the corpus word closest to what they say (`reported`): neither is a conflict.

use super::{GoldPair, GoldRow, Relation, Scores};
use crate::claim::Claim;
use crate::compare::{self, Check, Verdict};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::fmt::Write;

/// What the checker said about one gold pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairOutcome {
    pub pair: GoldPair,
    /// `conflict`, `agree`, `timeline`, `different` or `unmatched`.
    pub predicted: &'static str,
    /// Why, in one line: the checker's reason, or which side is missing and why.
    pub reason: String,
}

impl PairOutcome {
    pub fn correct(&self) -> bool {
        self.predicted == self.pair.relation.as_str()
    }
}

/// Outcomes, the confusion table and conflict precision and recall.
#[derive(Debug, Clone, Default)]
pub struct PairScores {
    pub outcomes: Vec<PairOutcome>,
    /// (gold relation, predicted) → pairs.
    pub confusion: BTreeMap<(&'static str, &'static str), usize>,
}

impl PairScores {
    fn count(&self, gold: Option<&str>, predicted: Option<&str>) -> usize {
        self.confusion
            .iter()
            .filter(|((g, p), _)| gold.is_none_or(|x| x == *g) && predicted.is_none_or(|x| x == *p))
            .map(|(_, n)| n)
            .sum()
    }

    /// Predicted conflicts that are gold conflicts, over predicted conflicts.
    pub fn conflict_precision(&self) -> Option<f64> {
        let predicted = self.count(None, Some("conflict"));
        (predicted > 0)
            .then(|| self.count(Some("conflict"), Some("conflict")) as f64 / predicted as f64)
    }

    /// Gold conflicts predicted as conflicts, over gold conflicts (unmatched ones included).
    pub fn conflict_recall(&self) -> Option<f64> {
        let gold = self.count(Some("conflict"), None);
        (gold > 0).then(|| self.count(Some("conflict"), Some("conflict")) as f64 / gold as f64)
    }

    /// Pairs whose predicted relation is the gold one.
    pub fn accuracy(&self) -> Option<f64> {
        let n = self.outcomes.len();
        (n > 0).then(|| self.outcomes.iter().filter(|o| o.correct()).count() as f64 / n as f64)
    }
}

/// Scores every pair. `scores` and `claims` come from `evaluate_corpus`, `check` from the
/// checker run on those claims.
pub fn evaluate_pairs(
    pairs: &[GoldPair],
    scores: &Scores,
    claims: &[Claim],
    check: &Check,
) -> PairScores {
    let gold = &scores.gold;
    let claim_of: BTreeMap<usize, usize> =
        scores.matched.iter().map(|m| (m.gold, m.claim)).collect();
    let mut out = PairScores::default();
    for pair in pairs {
        let rows_a = rows_quoted(gold, &pair.doc_a, &pair.quote_a);
        let rows_b = rows_quoted(gold, &pair.doc_b, &pair.quote_b);
        let chosen = choose(gold, &rows_a, &rows_b);
        let (predicted, reason) = match chosen {
            None => (
                "unmatched",
                format!(
                    "no gold row quotes {:?} in {} or {:?} in {}",
                    pair.quote_a, pair.doc_a, pair.quote_b, pair.doc_b
                ),
            ),
            Some((ga, gb)) => match (claim_of.get(&ga), claim_of.get(&gb)) {
                (Some(&ca), Some(&cb)) => {
                    let (relation, reason) = check.explain(ca, cb, claims);
                    (reported(check, ca, relation), reason)
                }
                (a, b) => {
                    let missing: Vec<String> = [(a, ga), (b, gb)]
                        .into_iter()
                        .filter(|(c, _)| c.is_none())
                        .map(|(_, g)| {
                            let why = scores
                                .misses
                                .iter()
                                .find(|m| m.gold.line == gold[g].line)
                                .map_or("not extracted".to_string(), |m| m.reason.clone());
                            format!("{} {:?}: {why}", gold[g].doc, gold[g].quote)
                        })
                        .collect();
                    ("unmatched", format!("no claim for {}", missing.join("; ")))
                }
            },
        };
        *out.confusion
            .entry((pair.relation.as_str(), predicted))
            .or_default() += 1;
        out.outcomes.push(PairOutcome {
            pair: pair.clone(),
            predicted,
            reason,
        });
    }
    out
}

/// The relation as the corpus README defines what a report says about a pair.
///
/// The checker's two cautious relations take the corpus word closest to what they say:
/// figures of one origin that differ at no distinct moments measure different scopes
/// (`different`); undated figures that differ are, for a figure that changes over time
/// (a count, a price), readings at different moments (`timeline`), and for a sum over a
/// period (revenue, losses), sums over periods that cannot be shown to be the same
/// (`different`), as for an event that recurs (funding rounds: perhaps two rounds).
/// Neither is ever a conflict.
fn reported(check: &Check, a: usize, relation: compare::Relation) -> &'static str {
    use compare::Relation as R;
    let group = check.place(a).map(|(g, _)| g);
    let timeline_group = group.is_some_and(|g| g.verdict == Verdict::Timeline);
    let flow = group.is_some_and(|g| g.flow || g.event);
    match relation {
        R::Conflict => "conflict",
        R::Agree | R::SameStatement => "agree",
        R::Timeline => "timeline",
        R::Unordered | R::Restated if timeline_group => "timeline",
        R::Unordered if flow => "different",
        R::Unordered => "timeline",
        R::Restated | R::Different | R::Unchecked => "different",
    }
}

fn rows_quoted(gold: &[GoldRow], doc: &str, quote: &str) -> Vec<usize> {
    (0..gold.len())
        .filter(|&g| gold[g].doc == doc && gold[g].quote == quote)
        .collect()
}

/// One gold row per side: where a quote holds several figures (`31.43/23.93 亿元`), the
/// row of the other side's kind with the nearest value; never the same row twice.
fn choose(gold: &[GoldRow], a: &[usize], b: &[usize]) -> Option<(usize, usize)> {
    let value = |g: usize| gold[g].lo.or(gold[g].hi);
    let distance = |x: usize, y: usize| -> (bool, Decimal) {
        let kind = gold[x].kind != gold[y].kind;
        let gap = match (value(x), value(y)) {
            (Some(p), Some(q)) if !p.is_zero() || !q.is_zero() => {
                (p - q).abs() / p.abs().max(q.abs())
            }
            _ => Decimal::ONE,
        };
        (kind, gap)
    };
    let mut best: Option<((bool, Decimal), usize, usize)> = None;
    for &x in a {
        for &y in b {
            if x == y && (a.len() > 1 || b.len() > 1) {
                continue;
            }
            let d = distance(x, y);
            if best.as_ref().is_none_or(|(bd, _, _)| d < *bd) {
                best = Some((d, x, y));
            }
        }
    }
    best.map(|(_, x, y)| (x, y))
}

/// The pairs section of `claimcheck eval`: confusion table, conflict precision and recall,
/// then every wrong verdict with its reason.
pub fn render_pairs(s: &PairScores) -> String {
    let mut out = String::new();
    let pct = |v: Option<f64>| v.map_or("n/a".to_string(), |v| format!("{:.1}%", v * 100.0));
    let _ = writeln!(out, "\npairs: {} scored", s.outcomes.len());
    let predicted = ["conflict", "agree", "timeline", "different", "unmatched"];
    let _ = write!(out, "{:<11}", "gold \\ got");
    for p in predicted {
        let _ = write!(out, "{p:>10}");
    }
    out.push('\n');
    for g in Relation::ALL {
        let _ = write!(out, "{:<11}", g.as_str());
        for p in predicted {
            let n = s.confusion.get(&(g.as_str(), p)).copied().unwrap_or(0);
            let _ = write!(out, "{n:>10}");
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "conflict precision {}  conflict recall {}  relation accuracy {}",
        pct(s.conflict_precision()),
        pct(s.conflict_recall()),
        pct(s.accuracy())
    );
    let wrong: Vec<&PairOutcome> = s.outcomes.iter().filter(|o| !o.correct()).collect();
    if !wrong.is_empty() {
        let _ = writeln!(out, "wrong verdicts ({}):", wrong.len());
    }
    for o in wrong {
        let _ = writeln!(
            out,
            "  pairs:{} {} {:?} / {} {:?}: gold {}, got {} — {}",
            o.pair.line,
            o.pair.doc_a,
            o.pair.quote_a,
            o.pair.doc_b,
            o.pair.quote_b,
            o.pair.relation.as_str(),
            o.predicted,
            o.reason
        );
    }
    out
}
