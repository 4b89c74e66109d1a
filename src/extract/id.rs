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

/// `000-model_count-5f1c2a9e`: the source's leading segment, the kind, a hash.
pub fn claim_id(c: &Claim) -> String {
    let mut hash = Fnv1a::new();
    // The key, field by field: the bytes `{}\u{1f}{}…` would format to. Only the
    // figures need formatting; writing to a hasher cannot fail.
    const SEP: &str = "\u{1f}";
    for s in [
        c.source.as_str(),
        c.kind.as_str(),
        c.subject.as_str(),
        c.measure.as_str(),
    ] {
        let _ = hash.write_str(s);
        let _ = hash.write_str(SEP);
    }
    let _ = write!(hash, "{:?}", c.low);
    let _ = hash.write_str(SEP);
    let _ = write!(hash, "{:?}", c.high);
    let _ = hash.write_str(SEP);
    let _ = hash.write_str(if c.low_open { "true" } else { "false" });
    let _ = hash.write_str(SEP);
    let _ = hash.write_str(if c.high_open { "true" } else { "false" });
    let _ = hash.write_str(SEP);
    let _ = hash.write_str(&c.unit_label());
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
