//! Claim ids that stay the same across runs and across edits elsewhere in the
//! document: a hash of what the claim says, not of where it is.

use crate::claim::Claim;
use rust_decimal::Decimal;
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
/// Written by hand into `buf`, digit for digit what `Display` of the normalised
/// decimal prints: the formatting machinery cost more than the hash.
pub(crate) fn plain_form(bound: Option<Decimal>, buf: &mut [u8; 64]) -> &str {
    let Some(d) = bound else {
        return "";
    };
    let d = d.normalize();
    let scale = d.scale() as usize;
    // Digits least significant first (at most 29 for 96 bits), zero-padded to the scale.
    let mut digits = [0u8; 40];
    let mut n = 0;
    let mut m = d.mantissa().unsigned_abs();
    // 128-bit division is a library call per digit; figures fit in 64 bits.
    while m > u128::from(u64::MAX) {
        digits[n] = b'0' + (m % 10) as u8;
        m /= 10;
        n += 1;
    }
    let mut m = m as u64;
    while m != 0 {
        digits[n] = b'0' + (m % 10) as u8;
        m /= 10;
        n += 1;
    }
    while n < scale {
        digits[n] = b'0';
        n += 1;
    }
    let mut len = 0;
    let mut push = |b: u8| {
        buf[len] = b;
        len += 1;
    };
    // `normalize` clears the sign of zero.
    if d.is_sign_negative() {
        push(b'-');
    }
    let whole = n - scale;
    for i in 0..n {
        if i == whole {
            if i == 0 {
                push(b'0');
            }
            push(b'.');
        }
        push(digits[n - 1 - i]);
    }
    if n == 0 {
        push(b'0');
    }
    std::str::from_utf8(&buf[..len]).unwrap_or_default()
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
    let mut buf = [0u8; 64];
    for bound in [c.value.low_value(), c.value.high_value()] {
        let _ = hash.write_str(plain_form(bound, &mut buf));
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
    // `format!("{prefix}-{}-{:08x}")` by hand: the formatter's padding was most
    // of an id's cost.
    let low = hash.0 as u32;
    let mut id = String::with_capacity(prefix.len() + c.kind.len() + 10);
    id.push_str(prefix);
    id.push('-');
    id.push_str(&c.kind);
    id.push('-');
    for shift in (0..8).rev() {
        id.push(char::from(
            b"0123456789abcdef"[(low >> (4 * shift)) as usize & 0xf],
        ));
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_hash_as_their_plain_normalised_form() {
        let d = |s: &str| Some(s.parse::<Decimal>().unwrap());
        let plain = |b: Option<Decimal>| plain_form(b, &mut [0u8; 64]).to_string();
        assert_eq!(plain(d("1400000")), "1400000");
        assert_eq!(plain(d("1.50")), "1.5");
        assert_eq!(plain(d("2.8e6")), "2800000");
        assert_eq!(plain(None), "");
        // Digit for digit `Display` of the normalised decimal.
        for s in [
            "0",
            "-0.00",
            "-12.5",
            "0.0007",
            "100.10",
            "79228162514264337593543950335",
            "-0.0000000000000000000000000001",
            "1e-28",
            "123456789.987654321",
        ] {
            let v = s.parse::<Decimal>().unwrap();
            assert_eq!(plain(Some(v)), v.normalize().to_string(), "{s}");
        }
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
            as_of_text: None,
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
