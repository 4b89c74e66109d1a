//! `claimcheck eval`: extraction scored against hand-checked gold claims, with
//! the matching rules of the dev corpus README:
//!
//! * same document: the claim's source starts with the gold `doc` prefix;
//! * same bounds, each within 0.5 %; a gold figure with one bound matches a claim
//!   whose only bound (or whose equal low and high) is that figure;
//! * compatible unit: equal, the same currency with another rate period, or
//!   multiple against percent at ×100;
//! * same place: one quote contains the other (ignoring whitespace) or they share
//!   at least 10 characters;
//! * each claim matches at most one gold row (a maximum matching, preferring
//!   pairs whose kinds agree).
//!
//! Recall is matched gold rows over gold rows; precision is matched claims over
//! claims, claims of kind `other` left out. Kind agreement and subject agreement
//! are shares of the matched pairs.

mod gold;
mod pairs;
mod render;

pub use gold::{
    EvalError, GoldPair, GoldRow, GoldUnit, Relation, load_gold, load_pairs, parse_gold,
    parse_pairs,
};
pub use pairs::{PairOutcome, PairScores, evaluate_pairs, render_pairs};
pub use render::render_text;

use crate::claim::Claim;
use crate::quantity::{self, Unit};
use crate::rules::Entity;
use crate::text::lang::{self, Lang};
use crate::text::{LineIndex, normalize};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// The kind extraction gives figures no cue classifies; never scored.
pub const OTHER_KIND: &str = "other";

/// One document given to the evaluation.
#[derive(Debug, Clone)]
pub struct EvalDoc {
    pub source: String,
    /// The decoded text (quotes and lines refer to it).
    pub text: String,
}

/// Counts for one slice of the corpus (a language, or everything).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    pub docs: usize,
    pub gold: usize,
    pub matched_gold: usize,
    pub claims: usize,
    pub matched_claims: usize,
    pub kind_agree: usize,
    pub subject_agree: usize,
}

impl Tally {
    fn ratio(a: usize, b: usize) -> Option<f64> {
        (b > 0).then(|| a as f64 / b as f64)
    }
    pub fn recall(&self) -> Option<f64> {
        Self::ratio(self.matched_gold, self.gold)
    }
    pub fn precision(&self) -> Option<f64> {
        Self::ratio(self.matched_claims, self.claims)
    }
    pub fn kind_agreement(&self) -> Option<f64> {
        Self::ratio(self.kind_agree, self.matched_gold)
    }
    pub fn subject_agreement(&self) -> Option<f64> {
        Self::ratio(self.subject_agree, self.matched_gold)
    }
    fn add(&mut self, o: &Tally) {
        self.docs += o.docs;
        self.gold += o.gold;
        self.matched_gold += o.matched_gold;
        self.claims += o.claims;
        self.matched_claims += o.matched_claims;
        self.kind_agree += o.kind_agree;
        self.subject_agree += o.subject_agree;
    }
}

/// A gold row no claim matched, and what extraction did at its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    pub gold: GoldRow,
    pub source: String,
    /// Line of the quote in the article (0 when the quote is not in it).
    pub article_line: usize,
    pub reason: String,
}

/// A claim matching no gold row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    pub claim: usize,
    /// The gold row at the same place, if any (a value or unit mismatch).
    pub near: Option<String>,
}

/// A matched pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    pub gold: usize,
    pub claim: usize,
    pub kind_agrees: bool,
    pub subject_agrees: bool,
}

/// Everything `eval` measured.
#[derive(Debug, Clone)]
pub struct Scores {
    /// By language of the document, then `all`.
    pub by_lang: BTreeMap<Lang, Tally>,
    pub all: Tally,
    /// Gold kind → (gold rows, matched); claim kind → (claims, matched).
    pub gold_kinds: BTreeMap<String, (usize, usize)>,
    pub claim_kinds: BTreeMap<String, (usize, usize)>,
    /// Rule → (claims, matched, kind agrees).
    pub rules: BTreeMap<String, (usize, usize, usize)>,
    pub misses: Vec<Miss>,
    pub unmatched: Vec<Unmatched>,
    pub matched: Vec<Matched>,
    /// Claims of kind `other` (not scored).
    pub other: usize,
    /// Gold rows whose document was not among the inputs.
    pub absent_gold: usize,
    pub gold: Vec<GoldRow>,
    pub doc_lang: BTreeMap<String, Lang>,
}

impl Scores {
    /// The tally of the documents of `langs`.
    pub fn tally_of(&self, langs: &[Lang]) -> Tally {
        let mut t = Tally::default();
        for l in langs {
            if let Some(x) = self.by_lang.get(l) {
                t.add(x);
            }
        }
        t
    }
}

/// Which documents to evaluate: `01-24,30` keeps sources whose two-digit
/// prefix lies in one of the ranges (for tuning on part of a corpus and
/// measuring the rest).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocFilter(Vec<(u32, u32)>);

impl DocFilter {
    pub fn parse(s: &str) -> Result<DocFilter, EvalError> {
        let mut out = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (a, b) = part.split_once('-').unwrap_or((part, part));
            let n = |x: &str| {
                x.trim()
                    .parse::<u32>()
                    .map_err(|_| EvalError::Docs(part.to_string()))
            };
            out.push((n(a)?, n(b)?));
        }
        Ok(DocFilter(out))
    }

    pub fn keeps(&self, source: &str) -> bool {
        if self.0.is_empty() {
            return true;
        }
        let digits: String = source.chars().take_while(char::is_ascii_digit).collect();
        digits
            .parse::<u32>()
            .is_ok_and(|n| self.0.iter().any(|&(a, b)| (a..=b).contains(&n)))
    }
}

/// Extracts the claims of `corpus` (documents `filter` keeps) and scores them.
pub fn evaluate_corpus(
    gold: &[GoldRow],
    corpus: &crate::input::corpus::Corpus,
    extractor: &crate::extract::Extractor,
    filter: &DocFilter,
) -> (Scores, Vec<Claim>) {
    let kept = kept_docs(corpus, filter);
    let claims = kept.extract(extractor);
    evaluate_claims(
        gold,
        &kept,
        claims,
        &extractor.rules().entities,
        &DocFilter::default(),
    )
}

/// Scores `claims` (from any extractor) on the documents of `corpus` that
/// `filter` keeps.
pub fn evaluate_claims(
    gold: &[GoldRow],
    corpus: &crate::input::corpus::Corpus,
    mut claims: Vec<Claim>,
    entities: &[Entity],
    filter: &DocFilter,
) -> (Scores, Vec<Claim>) {
    let kept = kept_docs(corpus, filter);
    claims.retain(|c| kept.docs.iter().any(|d| d.source == c.source));
    let docs: Vec<EvalDoc> = kept
        .docs
        .iter()
        .map(|d| EvalDoc {
            source: d.source.clone(),
            text: d.text.clone(),
        })
        .collect();
    let scores = evaluate(gold, &docs, &claims, entities);
    (scores, claims)
}

fn kept_docs(
    corpus: &crate::input::corpus::Corpus,
    filter: &DocFilter,
) -> crate::input::corpus::Corpus {
    let mut kept = crate::input::corpus::Corpus::default();
    for (doc, published) in corpus.docs.iter().zip(&corpus.published) {
        if filter.keeps(&doc.source) {
            kept.docs.push(doc.clone());
            kept.published.push(*published);
        }
    }
    kept
}

/// Scores `claims` (extracted from `docs`) against `gold`.
pub fn evaluate(
    gold: &[GoldRow],
    docs: &[EvalDoc],
    claims: &[Claim],
    entities: &[Entity],
) -> Scores {
    let matcher = EntityMatcher::new(entities);
    let mut scores = Scores {
        by_lang: BTreeMap::new(),
        all: Tally::default(),
        gold_kinds: BTreeMap::new(),
        claim_kinds: BTreeMap::new(),
        rules: BTreeMap::new(),
        misses: Vec::new(),
        unmatched: Vec::new(),
        matched: Vec::new(),
        other: 0,
        absent_gold: 0,
        gold: gold.to_vec(),
        doc_lang: BTreeMap::new(),
    };
    let mut claimed_gold = vec![false; gold.len()];
    for doc in docs {
        let language = lang::detect(&doc.text);
        scores.doc_lang.insert(doc.source.clone(), language);
        let rows: Vec<usize> = (0..gold.len())
            .filter(|&g| doc.source.starts_with(&gold[g].doc) && !claimed_gold[g])
            .collect();
        for &g in &rows {
            claimed_gold[g] = true;
        }
        let doc_claims: Vec<usize> = (0..claims.len())
            .filter(|&c| claims[c].source == doc.source)
            .collect();
        let scored: Vec<usize> = doc_claims
            .iter()
            .copied()
            .filter(|&c| claims[c].kind != OTHER_KIND)
            .collect();
        scores.other += doc_claims.len() - scored.len();
        let pairs = match_doc(&rows, &scored, gold, claims);
        let mut tally = Tally {
            docs: 1,
            gold: rows.len(),
            claims: scored.len(),
            ..Tally::default()
        };
        let matched_claim: BTreeMap<usize, usize> = pairs.iter().map(|&(g, c)| (c, g)).collect();
        let matched_gold: BTreeSet<usize> = pairs.iter().map(|&(g, _)| g).collect();
        for &(g, c) in &pairs {
            let kind_agrees = claims[c].kind == gold[g].kind;
            let subject_agrees = matcher.agree(&claims[c].subject, &gold[g].subject);
            tally.matched_gold += 1;
            tally.matched_claims += 1;
            tally.kind_agree += usize::from(kind_agrees);
            tally.subject_agree += usize::from(subject_agrees);
            scores.matched.push(Matched {
                gold: g,
                claim: c,
                kind_agrees,
                subject_agrees,
            });
        }
        for &g in &rows {
            let e = scores.gold_kinds.entry(gold[g].kind.clone()).or_default();
            e.0 += 1;
            if matched_gold.contains(&g) {
                e.1 += 1;
                continue;
            }
            scores.misses.push(miss(doc, &gold[g], &doc_claims, claims));
        }
        for &c in &scored {
            let hit = matched_claim.get(&c);
            let e = scores
                .claim_kinds
                .entry(claims[c].kind.clone())
                .or_default();
            e.0 += 1;
            let r = scores.rules.entry(claims[c].rule.clone()).or_default();
            r.0 += 1;
            if let Some(&g) = hit {
                e.1 += 1;
                r.1 += 1;
                r.2 += usize::from(claims[c].kind == gold[g].kind);
            } else {
                let near = rows
                    .iter()
                    .find(|&&g| same_place(&claims[c].quote, &gold[g].quote))
                    .map(|&g| describe_gold(&gold[g]));
                scores.unmatched.push(Unmatched { claim: c, near });
            }
        }
        scores.by_lang.entry(language).or_default().add(&tally);
        scores.all.add(&tally);
    }
    scores.absent_gold = claimed_gold.iter().filter(|c| !**c).count();
    scores
}

/// A maximum matching of gold rows to claims of one document; each gold row
/// tries its candidates in order of preference (kind agrees, closer quote).
fn match_doc(
    rows: &[usize],
    scored: &[usize],
    gold: &[GoldRow],
    claims: &[Claim],
) -> Vec<(usize, usize)> {
    let candidates: Vec<Vec<usize>> = rows
        .iter()
        .map(|&g| {
            let mut cs: Vec<usize> = scored
                .iter()
                .copied()
                .filter(|&c| matches(&claims[c], &gold[g]))
                .collect();
            cs.sort_by_key(|&c| {
                (
                    claims[c].kind != gold[g].kind,
                    claims[c].quote.len().abs_diff(gold[g].quote.len()),
                    c,
                )
            });
            cs
        })
        .collect();
    // Kuhn's augmenting paths: owner[claim] = index into `rows`.
    let mut owner: BTreeMap<usize, usize> = BTreeMap::new();
    for r in 0..rows.len() {
        let mut seen = BTreeSet::new();
        augment(r, &candidates, &mut owner, &mut seen);
    }
    let mut out: Vec<(usize, usize)> = owner.into_iter().map(|(c, r)| (rows[r], c)).collect();
    out.sort_unstable();
    out
}

fn augment(
    r: usize,
    candidates: &[Vec<usize>],
    owner: &mut BTreeMap<usize, usize>,
    seen: &mut BTreeSet<usize>,
) -> bool {
    for &c in &candidates[r] {
        if !seen.insert(c) {
            continue;
        }
        let free = match owner.get(&c) {
            None => true,
            Some(&other) => augment(other, candidates, owner, seen),
        };
        if free {
            owner.insert(c, r);
            return true;
        }
    }
    false
}

/// Whether `claim` states the gold figure at the gold place: its quote or one
/// of its other mentions (a figure repeated in a headline and the body is one
/// claim with two mentions).
pub fn matches(claim: &Claim, g: &GoldRow) -> bool {
    same_figure(claim, g) && said_at(claim, &g.quote)
}

fn said_at(claim: &Claim, quote: &str) -> bool {
    same_place(&claim.quote, quote) || claim.mentions.iter().any(|m| same_place(&m.quote, quote))
}

/// Bounds and unit, ignoring place.
fn same_figure(claim: &Claim, g: &GoldRow) -> bool {
    same_value(
        claim.value.low_value(),
        claim.value.high_value(),
        claim.unit,
        claim.per,
        g,
    )
}

fn same_value(
    low: Option<Decimal>,
    high: Option<Decimal>,
    unit: Unit,
    per: Option<crate::quantity::Per>,
    g: &GoldRow,
) -> bool {
    let Some(scale) = unit_scale(unit, per, g) else {
        return false;
    };
    let low = low.map(|v| v * scale);
    let high = high.map(|v| v * scale);
    match (g.lo, g.hi) {
        (Some(lo), Some(hi)) if lo != hi => opt_close(low, Some(lo)) && opt_close(high, Some(hi)),
        (Some(v), _) | (None, Some(v)) => {
            let present: Vec<Decimal> = [low, high].into_iter().flatten().collect();
            !present.is_empty() && present.iter().all(|&b| close(b, v))
        }
        (None, None) => false,
    }
}

/// The factor that brings the claim's value into the gold unit, when compatible.
fn unit_scale(unit: Unit, per: Option<crate::quantity::Per>, g: &GoldRow) -> Option<Decimal> {
    let same_per = per == g.unit.per;
    match (unit, g.unit.unit) {
        (a, b) if a == b && same_per => Some(Decimal::ONE),
        (Unit::Money(a), Unit::Money(b)) if a == b => Some(Decimal::ONE),
        (Unit::Multiple, Unit::Percent) if same_per => Some(Decimal::from(100)),
        (Unit::Percent, Unit::Multiple) if same_per => Some(Decimal::new(1, 2)),
        _ => None,
    }
}

fn opt_close(a: Option<Decimal>, b: Option<Decimal>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => close(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// Within 0.5 % of the larger magnitude.
fn close(a: Decimal, b: Decimal) -> bool {
    if a == b {
        return true;
    }
    let scale = a.abs().max(b.abs());
    (a - b).abs() <= scale * Decimal::new(5, 3)
}

/// One quote contains the other (whitespace ignored), or they share 10 characters.
pub fn same_place(a: &str, b: &str) -> bool {
    let squash = |s: &str| -> Vec<char> { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let (a, b) = (squash(a), squash(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.windows(short.len()).any(|w| w == short.as_slice()) {
        return true;
    }
    longest_common_run(&a, &b) >= 10
}

fn longest_common_run(a: &[char], b: &[char]) -> usize {
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    for &x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, &y) in b.iter().enumerate() {
            if x == y {
                cur[j + 1] = prev[j] + 1;
                best = best.max(cur[j + 1]);
            }
        }
        prev = cur;
    }
    best
}

fn describe_gold(g: &GoldRow) -> String {
    let v = |d: Option<Decimal>| d.map_or(String::new(), |d| d.normalize().to_string());
    let unit = match g.unit.per {
        Some(p) => format!("{}/{}", g.unit.unit, p),
        None => g.unit.unit.to_string(),
    };
    format!(
        "gold {} {}..{} {} {} (gold line {})",
        g.kind,
        v(g.lo),
        v(g.hi),
        unit,
        g.qualifier,
        g.line
    )
}

/// Why extraction missed a gold row: what claims, or quantities, are at its place.
fn miss(doc: &EvalDoc, g: &GoldRow, doc_claims: &[usize], claims: &[Claim]) -> Miss {
    let article_line = doc
        .text
        .find(&g.quote)
        .map_or(0, |at| LineIndex::new(&doc.text).line(at));
    let here: Vec<&Claim> = doc_claims
        .iter()
        .map(|&c| &claims[c])
        .filter(|c| said_at(c, &g.quote))
        .collect();
    let reason = if let Some(c) = here.iter().find(|c| same_figure(c, g)) {
        format!("classified as {} (rule {})", c.kind, c.rule)
    } else if here.is_empty() {
        if quote_has_figure(g) {
            "the quantity engine reads the figure; no claim here".to_string()
        } else {
            "the quantity engine does not read this figure".to_string()
        }
    } else {
        let got: Vec<String> = here
            .iter()
            .take(4)
            .map(|c| {
                let b = |d: Option<Decimal>| d.map_or(String::new(), |d| d.to_string());
                format!(
                    "{} {}..{} {}",
                    c.kind,
                    b(c.value.low_value()),
                    b(c.value.high_value()),
                    c.unit_label()
                )
            })
            .collect();
        if quote_has_figure(g) {
            format!("other figures claimed here: {}", got.join("; "))
        } else {
            format!(
                "the quantity engine does not read this figure; here: {}",
                got.join("; ")
            )
        }
    };
    Miss {
        gold: g.clone(),
        source: doc.source.clone(),
        article_line,
        reason,
    }
}

/// Whether the quantity engine finds the gold figure inside the gold quote.
fn quote_has_figure(g: &GoldRow) -> bool {
    let norm = normalize(&g.quote);
    quantity::scan(&norm.text)
        .iter()
        .any(|q| same_value(q.value.low_value(), q.value.high_value(), q.unit, q.per, g))
}

/// Finds gazetteer entities named in free text (gold subjects are English
/// descriptions; claim subjects are keys or discovered names).
struct EntityMatcher<'e> {
    entities: &'e [Entity],
    needles: Vec<(String, usize)>,
}

impl<'e> EntityMatcher<'e> {
    fn new(entities: &'e [Entity]) -> Self {
        let mut needles = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            for name in std::iter::once(&e.key).chain(&e.aliases) {
                let n = fold(name);
                if n.chars().count() >= 2 {
                    needles.push((n, i));
                }
            }
        }
        EntityMatcher { entities, needles }
    }

    /// Entities named in `text`, with their ancestors.
    fn named(&self, text: &str) -> BTreeSet<usize> {
        let t = fold(text);
        let mut out = BTreeSet::new();
        for (n, i) in &self.needles {
            if contains_word(&t, n) {
                let mut at = Some(*i);
                while let Some(e) = at {
                    if !out.insert(e) {
                        break;
                    }
                    at = self.entities[e].parent;
                }
            }
        }
        out
    }

    /// The claim names an entity the gold subject names (or a parent of one),
    /// the claim's subject is written in the gold subject, or neither names any.
    fn agree(&self, claim_subject: &str, gold_subject: &str) -> bool {
        let c = self.named(claim_subject);
        let g = self.named(gold_subject);
        if !c.is_disjoint(&g) {
            return true;
        }
        let cs = fold(claim_subject);
        if cs.chars().count() >= 2 && contains_word(&fold(gold_subject), &cs) {
            return true;
        }
        c.is_empty() && g.is_empty()
    }
}

/// Simplified, half-width, ASCII lower-cased, runs of whitespace as one space.
fn fold(s: &str) -> String {
    normalize(s)
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

/// `needle` in `hay` not touching an ASCII letter or digit on an ASCII edge.
fn contains_word(hay: &str, needle: &str) -> bool {
    let edge_ok = |c: Option<char>, n: Option<char>| {
        !(n.is_some_and(|n| n.is_ascii_alphanumeric())
            && c.is_some_and(|c| c.is_ascii_alphanumeric()))
    };
    hay.match_indices(needle).any(|(i, m)| {
        edge_ok(hay[..i].chars().next_back(), m.chars().next())
            && edge_ok(hay[i + m.len()..].chars().next(), m.chars().next_back())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_overlap() {
        assert!(same_place(
            "据说 OpenAI 使用了 25000 A100。",
            "使用了 25000 A100"
        ));
        assert!(same_place(
            "一二三四五六七八九十甲乙",
            "零一二三四五六七八九十"
        ));
        assert!(!same_place("一二三四五六七八九", "零一二三四五六七八"));
    }

    #[test]
    fn word_edges() {
        assert!(contains_word("gpt-4 total parameters", "gpt-4"));
        assert!(!contains_word("gpt-4o", "gpt-4"));
        assert!(contains_word("商汤gpu", "商汤"));
    }
}
