//! The matching shared by the number conformance suites (`conformance.rs`
//! for Chinese, `conformance_en.rs` for English).
//!
//! Matching, per case:
//! - The sentence is `input=` from the note, or the span itself. It goes through
//!   `text::normalize` and `quantity::scan`, and each quantity's span is mapped
//!   back to the sentence's bytes.
//! - The expected span is `raw_span=` (or `text`), located in the normalised
//!   sentence at its first occurrence not already taken by an earlier case of
//!   the same id group (二百五, 二百五, 还有二百五; 两百点两 → 两百, then 两).
//! - A case passes when some quantity overlapping the expected span has the
//!   expected unit and value:
//!   - unit: `%` → Percent; ISO codes → that currency; `DOLLAR` (a bare `$`)
//!     → USD; `GENERIC` (a currency with no country, `francs`) → any
//!     currency; empty (the Number suites do not judge units) → any unit.
//!     Currencies the engine does not know (BTC, MXN, …) fail.
//!   - a single value v: low = high = v; or low = v with no upper bound where
//!     the engine reads "over v" (the Number suite gives the base of 十余万,
//!     一千多万, 二十几万, which claimcheck reads as over the base).
//!   - a range `lo..hi`: low = lo and high = hi; an empty end expects no bound.
//!   - `APPROX` rows compare with a relative tolerance of 1e-12 (the spec rounds
//!     to 15 significant digits); all others compare exactly.
//!   - The spec's inclusive/exclusive brackets (`interval=`) are not compared.
//! - Negative rows (empty value): with an empty unit no quantity may be found
//!   in the sentence; with `%` no percentage; with `money` no amount of money.

use claimcheck::quantity::{Currency, Qualifier, Quantity, Unit, scan};
use claimcheck::text::normalize;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::ops::Range;
use std::str::FromStr;

pub struct Case {
    pub id: String,
    pub group: String,
    pub text: String,
    pub value: String,
    pub unit: String,
    pub input: String,
    pub raw_span: Option<String>,
    pub approx: bool,
}

pub fn load(raw: &str) -> Vec<Case> {
    raw.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            let note = f.get(5).copied().unwrap_or("");
            let parts = note_fields(note);
            let field = |key: &str| {
                parts
                    .iter()
                    .find_map(|p| p.strip_prefix(key))
                    .map(str::to_string)
            };
            let id = f[1].to_string();
            let group = id
                .rsplit_once('-')
                .map_or(id.clone(), |(g, _)| g.to_string());
            Case {
                group,
                text: f[2].to_string(),
                value: f[3].to_string(),
                unit: f[4].to_string(),
                input: field("input=").unwrap_or_else(|| f[2].to_string()),
                raw_span: field("raw_span="),
                approx: note.contains("APPROX"),
                id,
            }
        })
        .collect()
}

/// The `; `-separated fields of a note. An input sentence may itself hold
/// `; `, so a part that does not start a known field continues the one before.
fn note_fields(note: &str) -> Vec<String> {
    let starts_field = |p: &str| {
        let key = p.split_once('=').map(|(k, _)| k);
        key.is_some_and(|k| {
            !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        }) || ["APPROX", "negative", "unnamed", "no ", "withdrawn"]
            .iter()
            .any(|w| p.starts_with(w))
    };
    let mut out: Vec<String> = Vec::new();
    for part in note.split("; ") {
        match out.last_mut() {
            Some(last) if !starts_field(part) => {
                last.push_str("; ");
                last.push_str(part);
            }
            _ => out.push(part.to_string()),
        }
    }
    out
}

fn close(got: Decimal, want: Decimal, approx: bool) -> bool {
    if !approx {
        return got == want;
    }
    let tol = want.abs().max(Decimal::ONE) * Decimal::new(1, 12);
    (got - want).abs() <= tol
}

fn bound_matches(got: Option<Decimal>, want: &str, approx: bool) -> bool {
    if want.is_empty() {
        return got.is_none();
    }
    let Ok(w) = Decimal::from_str(want) else {
        return false;
    };
    got.is_some_and(|g| close(g, w, approx))
}

fn unit_matches(got: Unit, want: &str) -> Result<bool, String> {
    Ok(match want {
        // The Number suites read the numeral in 1000万元 or 六个百分点 too.
        "" => true,
        "%" => got == Unit::Percent,
        "DOLLAR" => got == Unit::Money(Currency::USD),
        "GENERIC" => matches!(got, Unit::Money(_)),
        code => match Currency::parse(code) {
            Some(c) => got == Unit::Money(c),
            None => return Err(format!("currency {code} is not in the engine's set")),
        },
    })
}

fn value_matches(q: &Quantity, case: &Case) -> bool {
    match case.value.split_once("..") {
        Some((lo, hi)) => {
            bound_matches(q.value.low_value(), lo, case.approx)
                && bound_matches(q.value.high_value(), hi, case.approx)
        }
        None => {
            let Ok(v) = Decimal::from_str(&case.value) else {
                return false;
            };
            let low_ok = q
                .value
                .low_value()
                .is_some_and(|l| close(l, v, case.approx));
            let high_ok = q
                .value
                .high_value()
                .is_some_and(|h| close(h, v, case.approx));
            low_ok
                && (high_ok || (q.value.high_value().is_none() && q.qualifier == Qualifier::Over))
        }
    }
}

fn describe(text: &str, found: &[(Range<usize>, Quantity)]) -> String {
    let got: Vec<String> = found
        .iter()
        .map(|(r, q)| {
            format!(
                "{} [{:?}, {:?}] {} {}",
                &text[r.clone()],
                q.value.low_value().map(|v| v.normalize()),
                q.value.high_value().map(|v| v.normalize()),
                q.unit,
                q.qualifier
            )
        })
        .collect();
    format!("got {got:?}")
}

/// Ok(()) when the case passes, Err(reason) otherwise.
fn run(case: &Case, taken: &mut Vec<Range<usize>>) -> Result<(), String> {
    let span_text = case.raw_span.as_deref().unwrap_or(&case.text);
    // Spans are located in normalised text, where the spec's own (half-width,
    // simplified) `text` column and the raw input agree.
    let norm = normalize(&case.input);
    let found: Vec<(Range<usize>, Quantity)> = scan(&norm.text)
        .into_iter()
        .map(|q| (q.start..q.end, q))
        .collect();
    if case.value.is_empty() {
        let unwanted = |q: &Quantity| match case.unit.as_str() {
            "%" => q.unit == Unit::Percent,
            "money" => matches!(q.unit, Unit::Money(_)),
            _ => true,
        };
        if found.iter().any(|(_, q)| unwanted(q)) {
            return Err(format!("negative case: {}", describe(&norm.text, &found)));
        }
        return Ok(());
    }
    let span_norm = normalize(span_text).text;
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    let expected = norm
        .text
        .match_indices(span_norm.as_str())
        .map(|(s, t)| s..s + t.len())
        .find(|r| !taken.iter().any(|t| overlaps(r, t)))
        .unwrap_or(0..norm.text.len());
    taken.push(expected.clone());
    for (r, q) in &found {
        if overlaps(r, &expected) && unit_matches(q.unit, &case.unit)? && value_matches(q, case) {
            return Ok(());
        }
    }
    Err(describe(&norm.text, &found))
}

/// Runs every case, prints the failures and the pass rate, and asserts the floor.
pub fn check(cases: &[Case], min_cases: usize, floor: f64) {
    assert!(
        cases.len() >= min_cases,
        "only {} cases loaded",
        cases.len()
    );
    let mut taken: HashMap<String, Vec<Range<usize>>> = HashMap::new();
    let mut failures = Vec::new();
    for case in cases {
        if let Err(reason) = run(case, taken.entry(case.group.clone()).or_default()) {
            failures.push(format!(
                "{}\t{}\t{} {}\t{}",
                case.id, case.text, case.value, case.unit, reason
            ));
        }
    }
    let passed = cases.len() - failures.len();
    let rate = 100.0 * passed as f64 / cases.len() as f64;
    for f in &failures {
        println!("FAIL {f}");
    }
    println!(
        "conformance: {passed}/{} passed ({rate:.1}%), floor {floor}%",
        cases.len()
    );
    assert!(rate >= floor, "pass rate {rate:.1}% below floor {floor}%");
}
