//! An Aho-Corasick DFA filled in as it is walked. The crate's full DFA for the
//! gazetteer costs more to build (every state times every byte class) than a
//! run over megabytes of news spends walking it, and a search only ever
//! reaches a small part of it. Here each transition is taken from the
//! crate's NFA the first time it is needed and remembered in a table walked
//! like the full DFA's.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::noncontiguous::NFA;
use aho_corasick::{Anchored, MatchKind, PatternID};
use std::sync::{Arc, Mutex, MutexGuard};

/// A state as the walk sees it: the offset of its row in the table, less 1,
/// and plus 1 unless it is a match or dead state, so a walk stops on one bit
/// test (rows are of even length) and, between stops, indexes the table by
/// the id plus the byte. A table entry of 0 is a transition not yet taken,
/// which stops the walk too.
pub type LazyId = usize;

/// Entries in a row: one per byte. Bytes in no pattern behave alike, and
/// sharing a column among them (byte classes) made rows shorter, but the
/// walk then looked up each byte's class: one of its six or so instructions
/// a byte.
const STRIDE: usize = 256;

#[derive(Debug, thiserror::Error)]
pub enum LazyBuildError {
    #[error(transparent)]
    Build(#[from] aho_corasick::BuildError),
    #[error("{0} bytes of patterns are too many for one automaton")]
    TooLarge(usize),
}

pub struct LazyDfa {
    /// Shared: rule sets are cloned per worker, and the NFA is megabytes.
    nfa: Arc<NFA>,
    /// Per clone (each worker fills its own), so the lock is never contended.
    cache: Mutex<Cache>,
}

struct Cache {
    /// One unused entry, then row after row of transitions, as `LazyId`s.
    /// Row 0 is never used, so no state's id is 0.
    table: Vec<u32>,
    /// The NFA state of each row.
    nfa_of: Vec<StateID>,
    /// The row of each NFA state, 0 for none yet.
    row_of: Vec<u32>,
    /// Each row's matches: a range of `match_list`.
    match_span: Vec<(u32, u32)>,
    /// (pattern, its length) of every match of every row, in the NFA's order.
    match_list: Vec<(u32, u32)>,
}

impl LazyDfa {
    /// An unanchored automaton over `patterns`, without prefilter.
    pub fn new<P: AsRef<[u8]>>(
        patterns: &[P],
        kind: MatchKind,
        ascii_case_insensitive: bool,
    ) -> Result<LazyDfa, LazyBuildError> {
        let nfa = aho_corasick::nfa::noncontiguous::Builder::new()
            .match_kind(kind)
            .ascii_case_insensitive(ascii_case_insensitive)
            .prefilter(false)
            .build(patterns)?;
        let bytes: usize = patterns.iter().map(|p| p.as_ref().len()).sum();
        // Every byte of a pattern makes at most one state, beside the dead,
        // fail and two start states; a row more for the unused row 0.
        let states = bytes + 4;
        if (states + 1)
            .checked_mul(STRIDE)
            .is_none_or(|n| n >= u32::MAX as usize)
        {
            return Err(LazyBuildError::TooLarge(bytes));
        }
        Ok(LazyDfa {
            nfa: Arc::new(nfa),
            cache: Mutex::new(Cache::new(states)),
        })
    }

    /// The walker; holds this clone's cache until dropped.
    pub fn walker(&self) -> Walker<'_> {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        let Ok(start) = self.nfa.start_state(Anchored::No) else {
            unreachable!("an NFA always has an unanchored start state")
        };
        let start = cache.id(&self.nfa, start);
        Walker {
            dfa: self,
            cache,
            start,
        }
    }
}

impl Clone for LazyDfa {
    fn clone(&self) -> Self {
        let states = self.cache.lock().map_or(0, |c| c.row_of.len());
        LazyDfa {
            nfa: Arc::clone(&self.nfa),
            cache: Mutex::new(Cache::new(states)),
        }
    }
}

impl std::fmt::Debug for LazyDfa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LazyDfa")
            .field("patterns", &self.nfa.patterns_len())
            .finish_non_exhaustive()
    }
}

impl Cache {
    fn new(states: usize) -> Cache {
        Cache {
            table: {
                // Room for the rows a run over a corpus fills, so it seldom grows.
                let mut table = Vec::with_capacity((STRIDE + 1) * 4096);
                table.resize(STRIDE + 1, 0);
                table
            },
            nfa_of: vec![StateID::ZERO],
            row_of: vec![0; states],
            match_span: vec![(0, 0)],
            match_list: Vec::new(),
        }
    }

    /// The id of NFA state `sid`, given a row if it has none yet.
    fn id(&mut self, nfa: &NFA, sid: StateID) -> LazyId {
        if self.row_of.len() <= sid.as_usize() {
            self.row_of.resize(sid.as_usize() + 1, 0);
        }
        let mut row = self.row_of[sid.as_usize()] as usize;
        if row == 0 {
            row = self.nfa_of.len();
            self.nfa_of.push(sid);
            // The state's matches, listed once here rather than looked up in
            // the NFA's linked list at every visit.
            let from = self.match_list.len() as u32;
            for i in 0..nfa.match_len(sid) {
                let p = nfa.match_pattern(sid, i);
                self.match_list
                    .push((p.as_u32(), nfa.pattern_len(p) as u32));
            }
            self.match_span.push((from, self.match_list.len() as u32));
            self.table.resize(self.table.len() + STRIDE, 0);
            self.row_of[sid.as_usize()] = row as u32;
        }
        let goes_on = !(nfa.is_match(sid) || nfa.is_dead(sid));
        (row * STRIDE) | goes_on as usize
    }
}

/// Walks a [`LazyDfa`], filling in transitions as it goes.
pub struct Walker<'a> {
    dfa: &'a LazyDfa,
    cache: MutexGuard<'a, Cache>,
    start: LazyId,
}

impl Walker<'_> {
    /// The unanchored start state.
    #[inline]
    pub fn start(&self) -> LazyId {
        self.start
    }

    /// The state after `byte` from `id`.
    #[inline(always)]
    pub fn next(&mut self, id: LazyId, byte: u8) -> LazyId {
        let at = (id | 1) + byte as usize;
        match self.cache.table[at] {
            0 => self.fill(at, id, byte),
            next => next as usize,
        }
    }

    /// Follows `hay` from `id` at `at` to the first special state or the end:
    /// that state and the offset just past the byte that led there. Between
    /// transitions still to fill, [`run`] steps with the table in registers.
    #[inline(always)]
    pub fn walk(&mut self, hay: &[u8], mut id: LazyId, mut at: usize) -> (LazyId, usize) {
        while let Some(&byte) = hay.get(at) {
            // The first step may leave a special state; later ones do not.
            id = self.next(id, byte);
            at += 1;
            if Self::is_special(id) {
                return (id, at);
            }
            let stop;
            // SAFETY: `next` gave `id`, so the table made it (`Cache::id`).
            (id, at, stop) = unsafe { run(&self.cache.table, hay, id, at) };
            if at == hay.len() {
                break;
            }
            if stop != 0 {
                return (stop, at + 1);
            }
            // Not taken yet: `next` above takes it.
        }
        (id, at)
    }

    #[cold]
    #[inline(never)]
    fn fill(&mut self, at: usize, id: LazyId, byte: u8) -> LazyId {
        let from = self.cache.nfa_of[id / STRIDE];
        let to = self.dfa.nfa.next_state(Anchored::No, from, byte);
        let next = self.cache.id(&self.dfa.nfa, to);
        self.cache.table[at] = next as u32;
        next
    }

    /// A match or dead state.
    #[inline(always)]
    pub fn is_special(id: LazyId) -> bool {
        id & 1 == 0
    }

    /// The NFA state behind `id`, for its matches.
    fn nfa_state(&self, id: LazyId) -> StateID {
        self.cache.nfa_of[id / STRIDE]
    }

    pub fn is_dead(&self, id: LazyId) -> bool {
        Self::is_special(id) && self.dfa.nfa.is_dead(self.nfa_state(id))
    }

    /// (pattern, its length) of each match of state `id`, as
    /// [`Walker::match_pattern`] and [`Walker::pattern_len`] give them.
    #[inline]
    pub fn matches(&self, id: LazyId) -> &[(u32, u32)] {
        let (from, to) = self.cache.match_span[id / STRIDE];
        &self.cache.match_list[from as usize..to as usize]
    }

    pub fn match_pattern(&self, id: LazyId, index: usize) -> PatternID {
        self.dfa.nfa.match_pattern(self.nfa_state(id), index)
    }

    pub fn pattern_len(&self, pattern: PatternID) -> usize {
        self.dfa.nfa.pattern_len(pattern)
    }

    /// The match an anchored search of `hay` from `from` finds, as the
    /// crate's search loop finds it, in the NFA itself: where no pattern
    /// starts it stops within a character, where the unanchored walk would go
    /// on to the end of `hay`. (Anchored states are other DFA states than
    /// unanchored ones, which the table does not hold.)
    pub fn anchored_match(&self, hay: &[u8], from: usize) -> Option<aho_corasick::Match> {
        let nfa = &*self.dfa.nfa;
        let Ok(mut sid) = nfa.start_state(Anchored::Yes) else {
            unreachable!("an NFA always has an anchored start state")
        };
        let mut found = None;
        for (at, &byte) in hay.iter().enumerate().skip(from) {
            sid = nfa.next_state(Anchored::Yes, sid, byte);
            if nfa.is_dead(sid) {
                break;
            }
            if nfa.is_match(sid) {
                found = Some((sid, at + 1));
            }
        }
        found.map(|(sid, end)| {
            let pattern = nfa.match_pattern(sid, 0);
            aho_corasick::Match::new(pattern, end - nfa.pattern_len(pattern)..end)
        })
    }
}

/// Steps from `id` (not special) through `hay[at..]` while the transitions
/// taken lead to states that are not special: the last such state, the offset
/// of the byte it stopped at (`hay.len()` at the end) and that byte's table
/// entry (a special state, or 0 for a transition not yet taken).
///
/// Sixteen bytes a round: one length check for the sixteen, and the loop's
/// bookkeeping once; and the table unchecked. The walk is most of a
/// document's alias and cue search, and these cut its instructions a byte
/// from 11 to under 6 (four bytes a round: 7; eight: 6.2).
///
/// # Safety
///
/// `id` is a state that is not special, made by [`Cache::id`] for `table`
/// (the id of a row the table holds, plus 1).
#[inline(always)]
unsafe fn run(table: &[u32], hay: &[u8], mut id: usize, mut at: usize) -> (usize, usize, usize) {
    while let Some(block) = hay.get(at..).and_then(<[u8]>::first_chunk::<16>) {
        for (i, &byte) in block.iter().enumerate() {
            // SAFETY: `id` is as the caller promises, or a table entry that
            // is not special, which `Cache::id` made as well.
            let next = unsafe { step(table, id, byte) };
            if next & 1 == 0 {
                return (id, at + i, next);
            }
            id = next;
        }
        at += 16;
    }
    while let Some(&byte) = hay.get(at) {
        // SAFETY: as in the loop above.
        let next = unsafe { step(table, id, byte) };
        if next & 1 == 0 {
            return (id, at, next);
        }
        id = next;
        at += 1;
    }
    (id, at, 0)
}

/// The entry for `byte` in the row of state `id`.
///
/// # Safety
///
/// `id` is as [`run`] requires.
#[inline(always)]
unsafe fn step(table: &[u32], id: usize, byte: u8) -> usize {
    // Row `r` holds entries `r * STRIDE + 1 ..= r * STRIDE + STRIDE` and `id`
    // is `r * STRIDE + 1`.
    debug_assert!(id + (byte as usize) < table.len());
    unsafe { *table.get_unchecked(id + byte as usize) as usize }
}
