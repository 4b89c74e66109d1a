//! Claim ids that stay the same across runs and across edits elsewhere in the
//! document: a hash of what the claim says, not of where it is.

use crate::claim::Claim;
use std::fmt::{self, Write};

/// FNV-1a, spelled out so ids never change with a library's hasher; fed
/// through `fmt::Write`, so the key is hashed as it is formatted.
struct Fnv1a(u64);

impl Fnv1a {
    fn new() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl fmt::Write for Fnv1a {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for &b in s.as_bytes() {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        Ok(())
    }
}

/// A bound as hashed: the decimal's normalised plain form (`1400000`, `0.5`; the
/// form CSV and JSON print), empty when open. Not `Debug`, whose form no crate
/// promises to keep, and not the scale (`1.50` and `1.5` are one value).
struct Bound(Option<rust_decimal::Decimal>);

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(d) => write!(f, "{}", d.normalize()),
            None => Ok(()),
        }
    }
}

/// `000-model_count-5f1c2a9e`: the source's leading segment, the kind, a hash.
pub fn claim_id(c: &Claim) -> String {
    let mut hash = Fnv1a::new();
    // The fields joined by U+001F, hashed piece by piece: one `write!` of the
    // whole key spent more in the formatting machinery than in the hash.
    // Writing to a hasher cannot fail.
    const SEP: &str = "\u{1f}";
    for text in [&c.source, &c.kind, &c.subject, &c.measure] {
        let _ = hash.write_str(text);
        let _ = hash.write_str(SEP);
    }
    for bound in [c.value.low_value(), c.value.high_value()] {
        let _ = write!(hash, "{}", Bound(bound));
        let _ = hash.write_str(SEP);
    }
    for open in [c.value.low_open(), c.value.high_open()] {
        let _ = hash.write_str(if open { "true" } else { "false" });
        let _ = hash.write_str(SEP);
    }
    // `Claim::unit_label`, without building the string.
    let _ = hash.write_str(c.unit.as_str());
    if let Some(p) = c.per {
        let _ = hash.write_str("/");
        let _ = hash.write_str(p.as_str());
    }
    let _ = hash.write_str(SEP);
    let _ = hash.write_str(&c.value_text);
    let prefix = c
        .source
        .split('_')
        .next()
        .filter(|p| !p.is_empty())
        .unwrap_or(&c.source);
    format!("{prefix}-{}-{:08x}", c.kind, hash.0 as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_hash_as_their_plain_normalised_form() {
        let d = |s: &str| Some(s.parse::<rust_decimal::Decimal>().unwrap());
        assert_eq!(Bound(d("1400000")).to_string(), "1400000");
        assert_eq!(Bound(d("1.50")).to_string(), "1.5");
        assert_eq!(Bound(d("2.8e6")).to_string(), "2800000");
        assert_eq!(Bound(None).to_string(), "");
    }

    #[test]
    fn the_id_is_a_pinned_hash_of_what_the_claim_says() {
        use crate::claim::AsOfSource;
        use crate::quantity::{Qualifier, Unit};
        let mut c = Claim {
            claim_id: String::new(),
            source: "000_7ae801fb60cdcc58".into(),
            kind: "model_count".into(),
            family: "model_count".into(),
            subject: "China".into(),
            measure: "LLMs".into(),
            noun: None,
            value: crate::interval::Interval::exact(79.into()),
            unit: Unit::Count,
            per: None,
            qualifier: Qualifier::Exact,
            value_text: "79个".into(),
            as_of: None,
            as_of_source: AsOfSource::Unknown,
            published: None,
            speaker: None,
            quote: "国内已有79个大模型".into(),
            line: 1,
            start: 0,
            end: 9,
            rule: "cues:model_count".into(),
            mentions: Vec::new(),
            converts: None,
        };
        let id = claim_id(&c);
        // FNV-1a of the fields joined by U+001F, pinned: a change here changes every id.
        assert_eq!(id, "000-model_count-ccf17c3c");
        // The same value at another scale is the same claim.
        c.value = crate::interval::Interval::exact("79.0".parse().unwrap());
        assert_eq!(claim_id(&c), id);
        c.value.high = Some(crate::interval::Bound::closed(80.into()));
        assert_ne!(claim_id(&c), id);
    }
}
