//! The next byte of a small set, 32 bytes at a time where the CPU has AVX2.
//!
//! The memchr crate searches for up to three bytes; a text pass that stops at
//! more (sentence ends, spaces) ran one search per byte kind and restarted
//! one after each stop, and the restarts cost more than the searching. Here
//! one pass tests a block against every byte of the set, and a stop costs a
//! call.

/// A set of byte values: `needles`, and the bytes of each inclusive range of
/// `ranges`.
#[derive(Debug, Clone, Copy)]
pub struct ByteSet<const N: usize, const R: usize> {
    needles: [u8; N],
    ranges: [(u8, u8); R],
}

impl<const N: usize, const R: usize> ByteSet<N, R> {
    pub const fn new(needles: [u8; N], ranges: [(u8, u8); R]) -> Self {
        ByteSet { needles, ranges }
    }

    #[inline(always)]
    pub fn contains(&self, b: u8) -> bool {
        self.needles.contains(&b) || self.ranges.iter().any(|&(lo, hi)| (lo..=hi).contains(&b))
    }
}

/// Proof that the CPU runs AVX2 (see [`Avx2::detect`]), which the vectorised
/// search needs.
#[derive(Debug, Clone, Copy)]
pub struct Avx2(());

impl Avx2 {
    /// `None` where the CPU lacks AVX2 (or is no x86-64): callers then search
    /// as they did before, with memchr.
    #[inline]
    pub fn detect() -> Option<Avx2> {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            return Some(Avx2(()));
        }
        None
    }

    /// Runs `pass`, a whole pass over a text that calls [`Avx2::find`],
    /// compiled for AVX2, so that the searches are inlined into it.
    #[inline(always)]
    pub fn run<R>(self, pass: impl FnOnce() -> R) -> R {
        #[cfg(target_arch = "x86_64")]
        {
            #[target_feature(enable = "avx2")]
            fn with_avx2<R>(pass: impl FnOnce() -> R) -> R {
                pass()
            }
            // SAFETY: an `Avx2` is only made where the CPU has AVX2.
            unsafe { with_avx2(pass) }
        }
        #[cfg(not(target_arch = "x86_64"))]
        pass()
    }

    /// The first offset at or after `from` whose byte is in `set`, or
    /// `hay.len()`.
    #[inline(always)]
    pub fn find<const N: usize, const R: usize>(
        self,
        set: &ByteSet<N, R>,
        hay: &[u8],
        from: usize,
    ) -> usize {
        #[cfg(target_arch = "x86_64")]
        {
            // SAFETY: an `Avx2` is only made where the CPU has AVX2.
            unsafe { find_avx2(set, hay, from) }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = self;
            hay.iter()
                .skip(from)
                .position(|&b| set.contains(b))
                .map_or(hay.len(), |p| from + p)
        }
    }
}

/// [`Avx2::find`]. Inlined into callers compiled for AVX2 too (a whole
/// text pass, see [`Avx2::run`]), where its constants stay in registers
/// from one stop to the next.
///
/// # Safety
///
/// The CPU has AVX2.
#[cfg(target_arch = "x86_64")]
#[inline]
#[target_feature(enable = "avx2")]
unsafe fn find_avx2<const N: usize, const R: usize>(
    set: &ByteSet<N, R>,
    hay: &[u8],
    from: usize,
) -> usize {
    use std::arch::x86_64::{
        __m256i, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_max_epu8, _mm256_min_epu8,
        _mm256_movemask_epi8, _mm256_or_si256, _mm256_set1_epi8, _mm256_setzero_si256,
    };
    const BLOCK: usize = 32;
    let len = hay.len();
    if from >= len {
        return len;
    }
    let needles: [__m256i; N] = std::array::from_fn(|k| _mm256_set1_epi8(set.needles[k] as i8));
    // `lo <= v <= hi` as `min(max(v, lo), hi) == v`: AVX2 compares bytes
    // for order only as signed.
    let ranges: [(__m256i, __m256i); R] = std::array::from_fn(|k| {
        let (lo, hi) = set.ranges[k];
        (_mm256_set1_epi8(lo as i8), _mm256_set1_epi8(hi as i8))
    });
    // The bits of the bytes of the 32 at `at` that are in the set.
    let block = |at: usize| {
        debug_assert!(at + BLOCK <= len);
        // SAFETY: `at + 32 <= hay.len()`, as every caller below checks.
        let v = unsafe { _mm256_loadu_si256(hay.as_ptr().add(at).cast::<__m256i>()) };
        let mut m = _mm256_setzero_si256();
        for n in &needles {
            m = _mm256_or_si256(m, _mm256_cmpeq_epi8(v, *n));
        }
        for (lo, hi) in &ranges {
            let clamped = _mm256_min_epu8(_mm256_max_epu8(v, *lo), *hi);
            m = _mm256_or_si256(m, _mm256_cmpeq_epi8(clamped, v));
        }
        _mm256_movemask_epi8(m) as u32
    };
    let mut i = from;
    while i + BLOCK <= len {
        let mask = block(i);
        if mask != 0 {
            return i + mask.trailing_zeros() as usize;
        }
        i += BLOCK;
    }
    if i >= len {
        return len;
    }
    if len >= BLOCK {
        // The last block again, overlapping: its bytes before `i` are done.
        let last = len - BLOCK;
        let mask = block(last) >> (i - last);
        return if mask == 0 {
            len
        } else {
            i + mask.trailing_zeros() as usize
        };
    }
    hay[i..]
        .iter()
        .position(|&b| set.contains(b))
        .map_or(len, |p| i + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_a_byte_loop_finds() {
        let set = ByteSet::new([b'\n', 0xE3, b'.'], [(0x00, 0x08), (b'x', b'z')]);
        let mut hay: Vec<u8> = Vec::new();
        for n in 0..200u32 {
            hay.push([b'a', 0xE4, b'.', 0x05, b'\n', 0xE3, b'z', 0x08, 0x09][(n * n % 9) as usize]);
            if n % 7 == 0 {
                hay.extend_from_slice(&[b'x'; 40]);
            }
        }
        let Some(avx2) = Avx2::detect() else {
            return;
        };
        for len in [0, 1, 31, 32, 33, 64, 100, hay.len()] {
            let hay = &hay[..len.min(hay.len())];
            for from in 0..=hay.len() + 1 {
                let expected = hay
                    .iter()
                    .enumerate()
                    .skip(from)
                    .find(|&(_, &b)| set.contains(b))
                    .map_or(hay.len(), |(i, _)| i);
                assert_eq!(avx2.find(&set, hay, from), expected, "{len} {from}");
            }
        }
    }
}
