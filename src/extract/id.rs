//! Claim ids that stay the same across runs and across edits elsewhere in the
//! document: a hash of what the claim says, not of where it is.

use crate::claim::Claim;

/// FNV-1a, spelled out so ids never change with a library's hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// `000-model_count-5f1c2a9e`: the source's leading segment, the kind, a hash.
pub fn claim_id(c: &Claim) -> String {
    let key = format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{:?}\u{1f}{:?}\u{1f}{}\u{1f}{}\u{1f}{}",
        c.source,
        c.kind,
        c.subject,
        c.low,
        c.high,
        c.low_open,
        c.high_open,
        c.unit_label()
    );
    let prefix = c
        .source
        .split('_')
        .next()
        .filter(|p| !p.is_empty())
        .unwrap_or(&c.source);
    format!("{prefix}-{}-{:08x}", c.kind, fnv1a(key.as_bytes()) as u32)
}
