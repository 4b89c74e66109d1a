//! Extraction: rules applied to a normalised document, producing claims that
//! keep an exact path back to the original text.

pub mod date;
mod id;
mod mask;
pub mod published;
mod sentence;
pub mod speaker;
mod subject;

pub use sentence::sentences;

use crate::claim::{AsOfSource, Claim, Mention, PartialDate};
use crate::quantity::{self, Qualifier, Quantity};
use crate::rules::{Rule, RuleSet};
use crate::text::{CharCounter, LineIndex, Normalized, normalize};
use mask::{Masked, SEPARATOR};
use rust_decimal::Decimal;
use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::ops::Range;
use subject::DocEntities;

/// One document to extract from.
#[derive(Debug, Clone, Copy)]
pub struct DocInput<'a> {
    /// File stem or id: names the source in claims.
    pub source: &'a str,
    /// The original decoded text; quotes and offsets refer to it.
    pub text: &'a str,
    /// Same byte length as `text`, markup blanked (equal to `text` for plain text).
    pub visible: &'a str,
    pub published: Option<PartialDate>,
}

impl<'a> DocInput<'a> {
    pub fn plain(source: &'a str, text: &'a str, published: Option<PartialDate>) -> Self {
        DocInput {
            source,
            text,
            visible: text,
            published,
        }
    }
}

/// Applies a rule set to documents.
pub struct Extractor<'r> {
    rules: &'r RuleSet,
}

/// One match of a rule on one figure, before identical figures are merged.
struct Found<'r> {
    rule: &'r Rule,
    quantity: Quantity,
    sentence: Range<usize>,
    subject: String,
    speaker: Option<String>,
    as_of: Option<PartialDate>,
}

impl<'r> Extractor<'r> {
    pub fn new(rules: &'r RuleSet) -> Self {
        Extractor { rules }
    }

    pub fn rules(&self) -> &RuleSet {
        self.rules
    }

    /// Every claim in `doc`, in order of first appearance.
    pub fn extract(&self, doc: &DocInput) -> Vec<Claim> {
        let published = doc
            .published
            .or_else(|| published::published_from_text(doc.text));
        let norm = normalize(doc.visible);
        let quantities = quantity::scan(&norm.text);
        if quantities.is_empty() {
            return Vec::new();
        }
        let sentences = sentences(&norm.text);
        let masked = Masked::new(&norm.text, &sentences, &quantities);
        let found = self.match_document(&norm, &masked, &quantities, published);
        build_claims(doc, &norm, published, found)
    }

    /// Runs every pattern over the masked document, in rule order; the first
    /// rule to match a figure claims it.
    fn match_document(
        &self,
        norm: &Normalized,
        masked: &Masked,
        quantities: &[Quantity],
        published: Option<PartialDate>,
    ) -> Vec<Found<'r>> {
        let ranges: Vec<&Range<usize>> = masked.sentence_ranges().collect();
        let named = DocEntities::new(&norm.text, &self.rules.aliases);
        // Time expressions are found once per sentence, however many figures it holds.
        let dates: Vec<OnceCell<date::SentenceDates>> =
            ranges.iter().map(|_| OnceCell::new()).collect();
        let mut taken = vec![false; quantities.len()];
        let mut out = Vec::new();
        for si in 0..ranges.len() {
            let span = masked.sentence_span(si);
            let text = &masked.text[span.clone()];
            for (ri, pi) in self.rules.prefilter.matching(text) {
                let rule = &self.rules.rules[ri];
                for caps in rule.patterns[pi].captures_iter(text) {
                    let Some(value) = caps.name("value") else {
                        continue;
                    };
                    let at_masked = span.start + value.start();
                    let Some(qi) = masked.quantity_at(at_masked) else {
                        continue;
                    };
                    if taken[qi] || vetoed(rule, &quantities[qi], text, value.start()) {
                        continue;
                    }
                    let range = ranges[si].clone();
                    let sentence = &norm.text[range.clone()];
                    let at = quantities[qi].start - range.start;
                    let aspect = caps.name("aspect").map(|m| m.as_str());
                    let Some(subject) = subject::subject_for(
                        rule,
                        &self.rules.entities,
                        &named,
                        range.clone(),
                        quantities[qi].start,
                        aspect,
                    ) else {
                        continue;
                    };
                    taken[qi] = true;
                    out.push(Found {
                        rule,
                        quantity: requalify(&quantities[qi], &caps),
                        sentence: range,
                        subject,
                        speaker: speaker::find_speaker(sentence, at),
                        as_of: dates[si]
                            .get_or_init(|| date::SentenceDates::new(sentence))
                            .resolve_as_of(at, published),
                    });
                }
            }
        }
        out
    }
}

/// Same figure, same thing, same document: one claim, several mentions.
/// Decimals compare by value, so 1.0 and 1.00 are the same figure.
type ClaimKey<'r> = (
    &'r str,
    String,
    (Option<Decimal>, Option<Decimal>, bool, bool),
    Option<crate::quantity::Per>,
    crate::quantity::Unit,
);

fn claim_key<'r>(f: &Found<'r>, per: Option<crate::quantity::Per>) -> ClaimKey<'r> {
    let q = &f.quantity;
    (
        f.rule.kind.as_str(),
        f.subject.clone(),
        (q.low, q.high, q.low_open, q.high_open),
        per,
        q.unit,
    )
}

fn build_claims(
    doc: &DocInput,
    norm: &Normalized,
    published: Option<PartialDate>,
    mut found: Vec<Found>,
) -> Vec<Claim> {
    found.sort_by_key(|f| f.quantity.start);
    let lines = LineIndex::new(doc.text);
    let mut chars = CharCounter::new(doc.text);
    let mut claims: Vec<Claim> = Vec::new();
    let mut by_key: BTreeMap<ClaimKey, usize> = BTreeMap::new();
    for f in found {
        let per = f.quantity.per.or(f.rule.per);
        let quote_range = trimmed(doc.text, norm.original_range(f.sentence.clone()));
        let value_range = norm.original_range(f.quantity.start..f.quantity.end);
        let mention = Mention {
            quote: doc.text[quote_range.clone()].to_string(),
            line: lines.line(value_range.start),
            start: chars.char_offset(quote_range.start),
            end: chars.char_offset(quote_range.end),
        };
        let key = claim_key(&f, per);
        if let Some(&i) = by_key.get(&key) {
            claims[i].mentions.push(mention);
            continue;
        }
        by_key.insert(key, claims.len());
        let (as_of, as_of_source) = match (f.as_of, published) {
            (Some(d), _) => (Some(d), AsOfSource::Text),
            (None, Some(p)) => (Some(p), AsOfSource::Published),
            (None, None) => (None, AsOfSource::Unknown),
        };
        let q = f.quantity;
        claims.push(Claim {
            claim_id: String::new(),
            source: doc.source.to_string(),
            kind: f.rule.kind.clone(),
            family: f.rule.family.clone(),
            subject: f.subject,
            noun: f.rule.noun.clone(),
            low: q.low.map(|d| d.normalize()),
            high: q.high.map(|d| d.normalize()),
            low_open: q.low_open,
            high_open: q.high_open,
            unit: q.unit,
            per,
            qualifier: q.qualifier,
            value_text: doc.text[value_range].to_string(),
            as_of,
            as_of_source,
            published,
            speaker: f.speaker,
            quote: mention.quote,
            line: mention.line,
            start: mention.start,
            end: mention.end,
            rule: f.rule.id.clone(),
            mentions: Vec::new(),
        });
    }
    for claim in &mut claims {
        claim.claim_id = id::claim_id(claim);
    }
    claims
}

/// Whether the rule's `min` or `exclude` rules this figure out.
fn vetoed(rule: &Rule, q: &Quantity, masked: &str, at: usize) -> bool {
    if let (Some(min), Some(high)) = (rule.min, q.high.or(q.low))
        && high < min
    {
        return true;
    }
    if rule.exclude.is_empty() {
        return false;
    }
    let clause = clause_around(masked, at);
    rule.exclude.iter().any(|re| re.is_match(clause))
}

/// The comma-delimited clause of `text` holding byte `at`.
fn clause_around(text: &str, at: usize) -> &str {
    let is_break = |c: char| matches!(c, ',' | ';' | ':' | '。' | '、' | SEPARATOR);
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_break(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..].find(is_break).map_or(text.len(), |i| at + i);
    &text[start..end]
}

/// Qualifier words a pattern captured outside the figure (`(?P<at_least>至少)还有{duration}`)
/// qualify an otherwise exact figure.
fn requalify(q: &Quantity, caps: &regex::Captures) -> Quantity {
    let mut q = q.clone();
    if q.qualifier != Qualifier::Exact {
        return q;
    }
    let Some(value) = q.low else {
        return q;
    };
    let named = QUALIFIER_GROUPS
        .iter()
        .find(|(name, _)| caps.name(name).is_some());
    let Some(&(_, qualifier)) = named else {
        return q;
    };
    let (low, high, low_open, high_open) = match qualifier {
        Qualifier::AtLeast => (Some(value), None, false, false),
        Qualifier::Over => (Some(value), None, true, false),
        Qualifier::Nearly | Qualifier::UpTo => (None, Some(value), false, false),
        Qualifier::Under => (None, Some(value), false, true),
        _ => (Some(value), Some(value), false, false),
    };
    q.low = low;
    q.high = high;
    q.low_open = low_open;
    q.high_open = high_open;
    q.qualifier = qualifier;
    q
}

const QUALIFIER_GROUPS: [(&str, Qualifier); 6] = [
    ("at_least", Qualifier::AtLeast),
    ("over", Qualifier::Over),
    ("approx", Qualifier::Approx),
    ("nearly", Qualifier::Nearly),
    ("under", Qualifier::Under),
    ("up_to", Qualifier::UpTo),
];

fn trimmed(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return r;
    }
    r.start + lead..r.end - trail
}
