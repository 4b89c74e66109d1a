#![no_main]

// The invariants live with the regression tests so both check the same things.
#[path = "../../tests/fuzz_invariants/mod.rs"]
#[allow(dead_code)]
mod invariants;

use invariants::check_quantity;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    check_quantity(&String::from_utf8_lossy(data));
});
