//! The JSON view of one line's quantities (`claimcheck quantities`).

use super::scan;
use crate::text::{CharCounter, normalize};
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// Normalises `line`, scans it and reports each quantity with its original
/// text and character offsets into `line`.
pub fn quantities_json(line: &str) -> Value {
    let norm = normalize(line);
    let mut chars = CharCounter::new(line);
    let quantities: Vec<Value> = scan(&norm.text)
        .iter()
        .map(|q| {
            let range = norm.original_range(q.start..q.end);
            let start = chars.char_offset(range.start);
            let end = chars.char_offset(range.end);
            json!({
                "text": &line[range],
                "low": q.value.low_value().map(plain),
                "high": q.value.high_value().map(plain),
                "unit": q.unit.as_str(),
                "per": q.per.map(|p| p.as_str()),
                "qualifier": q.qualifier.as_str(),
                "start": start,
                "end": end,
            })
        })
        .collect();
    json!({ "text": line, "quantities": quantities })
}

/// A decimal as a plain string: no exponent, no trailing zeros.
fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}
