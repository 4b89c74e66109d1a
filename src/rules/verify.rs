//! `claimcheck rules test`: runs every rule's examples and counterexamples
//! through the real extractor and names each outcome precisely.

use crate::claim::Claim;
use crate::extract::{DocInput, Extractor};
use crate::rules::{Expectation, Rule, RuleSet};
use std::fmt;

/// What happened to one example or counterexample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// An example produced the expected claim, or a counterexample produced none.
    Validated,
    /// An example produced no claim of its rule (`taken_by`: another rule claimed the figure).
    Missing { taken_by: Option<String> },
    /// An example produced claims of its rule, but none as expected: what the
    /// example asks for and the nearest claim it got.
    Wrong { expected: String, got: String },
    /// A counterexample produced a claim of its rule.
    Noisy { got: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseResult {
    pub rule: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub counterexample: bool,
    pub text: String,
    pub outcome: Outcome,
}

impl CaseResult {
    pub fn passed(&self) -> bool {
        self.outcome == Outcome::Validated
    }
}

impl fmt::Display for CaseResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.counterexample {
            "counterexample"
        } else {
            "example"
        };
        let status = match &self.outcome {
            Outcome::Validated => "validated".to_string(),
            Outcome::Missing { taken_by: None } => "missing: no claim produced".to_string(),
            Outcome::Missing { taken_by: Some(r) } => {
                format!("missing: the figure was claimed by rule {r}")
            }
            Outcome::Wrong { expected, got } => {
                format!("wrong:\n    expected {expected}\n    got      {got}")
            }
            Outcome::Noisy { got } => format!("noisy: produced {got}"),
        };
        write!(
            f,
            "{}:{}:{}: rule {}: {} … {}\n    text: {}",
            self.file, self.line, self.column, self.rule, what, status, self.text
        )
    }
}

/// Runs every case of every rule, in file order.
pub fn verify(rules: &RuleSet) -> Vec<CaseResult> {
    let extractor = Extractor::new(rules);
    let mut results = Vec::new();
    for rule in &rules.rules {
        for example in &rule.examples {
            let claims = extract(&extractor, &example.text);
            let outcome = example_outcome(rule, &example.expect, &claims);
            let at = (example.line, example.column);
            results.push(case(rule, at, &example.text, false, outcome));
        }
        for counter in &rule.counterexamples {
            let claims = extract(&extractor, &counter.text);
            let outcome = match claims.iter().find(|c| c.rule == rule.id) {
                Some(c) => Outcome::Noisy { got: describe(c) },
                None => Outcome::Validated,
            };
            let at = (counter.line, counter.column);
            results.push(case(rule, at, &counter.text, true, outcome));
        }
    }
    for kind in &rules.kinds {
        let owner = format!("kind {}", kind.name);
        let file = &kind.location.file;
        for example in &kind.examples {
            let claims = extract(&extractor, &example.text);
            let own: Vec<&Claim> = claims.iter().filter(|c| c.kind == kind.name).collect();
            let outcome = if own.iter().any(|c| meets(c, &example.expect)) {
                Outcome::Validated
            } else if let Some(c) = nearest(&own, &example.expect) {
                Outcome::Wrong {
                    expected: describe_expected(&kind.name, &example.expect),
                    got: describe(c),
                }
            } else {
                Outcome::Missing {
                    taken_by: claims
                        .iter()
                        .find(|c| same_figure(c, &example.expect))
                        .map(|c| format!("{} (kind {})", c.rule, c.kind)),
                }
            };
            results.push(kind_case(
                &owner,
                file,
                example.line,
                example.column,
                &example.text,
                false,
                outcome,
            ));
        }
        for counter in &kind.counterexamples {
            let claims = extract(&extractor, &counter.text);
            let outcome = match claims.iter().find(|c| c.kind == kind.name) {
                Some(c) => Outcome::Noisy { got: describe(c) },
                None => Outcome::Validated,
            };
            results.push(kind_case(
                &owner,
                file,
                counter.line,
                counter.column,
                &counter.text,
                true,
                outcome,
            ));
        }
    }
    results
}

fn kind_case(
    owner: &str,
    file: &str,
    line: usize,
    column: usize,
    text: &str,
    counterexample: bool,
    outcome: Outcome,
) -> CaseResult {
    CaseResult {
        rule: owner.to_string(),
        file: file.to_string(),
        line,
        column,
        counterexample,
        text: text.to_string(),
        outcome,
    }
}

fn same_figure(c: &Claim, e: &Expectation) -> bool {
    c.unit == e.unit && c.value.low_value() == e.low && c.value.high_value() == e.high
}

fn case(
    rule: &Rule,
    (line, column): (usize, usize),
    text: &str,
    counterexample: bool,
    outcome: Outcome,
) -> CaseResult {
    CaseResult {
        rule: rule.id.clone(),
        file: rule.location.file.clone(),
        line,
        column,
        counterexample,
        text: text.to_string(),
        outcome,
    }
}

fn extract(extractor: &Extractor, text: &str) -> Vec<Claim> {
    extractor.extract(&DocInput::plain("example", text, None))
}

fn example_outcome(rule: &Rule, expect: &Expectation, claims: &[Claim]) -> Outcome {
    let own: Vec<&Claim> = claims.iter().filter(|c| c.rule == rule.id).collect();
    if own.iter().any(|c| meets(c, expect)) {
        return Outcome::Validated;
    }
    match nearest(&own, expect) {
        Some(c) => Outcome::Wrong {
            expected: describe_expected(&rule.kind, expect),
            got: describe(c),
        },
        None => Outcome::Missing {
            taken_by: claims
                .iter()
                .find(|c| same_figure(c, expect))
                .map(|c| c.rule.clone()),
        },
    }
}

fn meets(c: &Claim, e: &Expectation) -> bool {
    c.value.low_value() == e.low
        && c.value.high_value() == e.high
        && c.unit == e.unit
        && e.qualifier.is_none_or(|q| q == c.qualifier)
        && e.subject.as_ref().is_none_or(|s| *s == c.subject)
        && e.per.is_none_or(|p| Some(p) == c.per)
        && e.measure.as_ref().is_none_or(|m| *m == c.measure)
}

/// `low=… high=… unit=USD/day qualifier=approx subject="ChatGPT"`.
pub fn describe(c: &Claim) -> String {
    let bound = |d: &Option<rust_decimal::Decimal>| d.map_or("open".to_string(), |d| d.to_string());
    format!(
        "kind={} low={} high={} unit={} qualifier={} subject={:?} measure={:?}",
        c.kind,
        bound(&c.value.low_value()),
        bound(&c.value.high_value()),
        c.unit_label(),
        c.qualifier,
        c.subject,
        c.measure
    )
}

/// Of the claims a case produced, the one agreeing with `e` on most checked
/// fields (the first of equals), so a wrong outcome shows the claim meant.
fn nearest<'a>(claims: &[&'a Claim], e: &Expectation) -> Option<&'a Claim> {
    let agreement = |c: &Claim| {
        [
            c.value.low_value() == e.low && c.value.high_value() == e.high,
            c.unit == e.unit,
            e.qualifier.is_none_or(|q| q == c.qualifier),
            e.subject.as_ref().is_none_or(|s| *s == c.subject),
            e.per.is_none_or(|p| Some(p) == c.per),
            e.measure.as_ref().is_none_or(|m| *m == c.measure),
        ]
        .iter()
        .filter(|&&b| b)
        .count()
    };
    let mut best: Option<(&Claim, usize)> = None;
    for &c in claims {
        let score = agreement(c);
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((c, score));
        }
    }
    best.map(|(c, _)| c)
}

/// What an example asks for, in `describe`'s terms: the fields it checks only
/// (`unit` with the expected period, as a claim's unit is written).
pub fn describe_expected(kind: &str, e: &Expectation) -> String {
    let bound = |d: &Option<rust_decimal::Decimal>| d.map_or("open".to_string(), |d| d.to_string());
    let unit = match e.per {
        Some(p) => format!("{}/{}", e.unit, p.as_str()),
        None => e.unit.to_string(),
    };
    let mut s = format!(
        "kind={kind} low={} high={} unit={unit}",
        bound(&e.low),
        bound(&e.high)
    );
    if let Some(q) = e.qualifier {
        s.push_str(&format!(" qualifier={q}"));
    }
    if let Some(subject) = &e.subject {
        s.push_str(&format!(" subject={subject:?}"));
    }
    if let Some(measure) = &e.measure {
        s.push_str(&format!(" measure={measure:?}"));
    }
    s
}
