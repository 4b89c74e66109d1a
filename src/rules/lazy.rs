//! An Aho-Corasick DFA filled in as it is walked. The crate's full DFA for the
//! gazetteer costs more to build (every state times every byte class) than a
//! run over megabytes of news spends walking it, and a search only ever
//! reaches a small part of it. Here each transition is worked out the first
//! time it is needed and remembered in a table walked like the full DFA's.
//!
//! The automaton is aho-corasick's noncontiguous NFA (same states, failure
//! transitions, match lists and order, dead state) with its failure
//! transitions found lazily too: building the crate's NFA, mostly its
//! breadth-first pass over every state's failure transition, was a sixth of
//! the process's start-up, for states most runs never enter. Only the trie is
//! built up front.

use aho_corasick::{MatchKind, PatternID};
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

/// The state no match can start or go on from (leftmost semantics).
const DEAD: u32 = 0;
/// The root of the trie: the unanchored start state (and the anchored one,
/// whose missing transitions lead to `DEAD` instead of itself).
const START: u32 = 1;
/// No pattern, no state: the end of a list, a failure transition not yet known.
const NONE: u32 = u32::MAX;
/// A state without matches, in `Cache::first`.
const NO_MATCH: u32 = u32::MAX - 1;

#[derive(Debug, thiserror::Error)]
pub enum LazyBuildError {
    #[error("an empty pattern would match everywhere")]
    Empty,
    #[error("{0} bytes of patterns are too many for one automaton")]
    TooLarge(usize),
}

pub struct LazyDfa {
    /// Shared: rule sets are cloned per worker.
    trie: Arc<Trie>,
    /// Per clone (each worker fills its own), so the lock is never contended.
    cache: Mutex<Cache>,
}

/// The patterns' trie, as the crate's `noncontiguous::Builder::build_trie`
/// makes it: states numbered in the order made, each pattern's match on the
/// state its last byte reaches, in pattern order.
struct Trie {
    leftmost: bool,
    /// The root's children by byte (`NONE` for none).
    root: Box<[u32; 256]>,
    /// Every other transition: `(state << 8 | byte) + 1` (0 for an empty
    /// slot) and the child, open addressing with linear probing.
    keys: Vec<u64>,
    children: Vec<u32>,
    shift: u32,
    /// Per state: its parent and the byte from it.
    parent: Vec<(u32, u8)>,
    /// Per state: the first pattern ending there (`NONE` for none); per
    /// pattern, the next one ending on the same state (ASCII case folding
    /// puts `AI` and `ai` on one).
    own: Vec<u32>,
    next_own: Vec<u32>,
    pattern_lens: Vec<u32>,
}

impl Trie {
    fn new<P: AsRef<[u8]>>(patterns: &[P], leftmost: bool, fold_case: bool) -> Trie {
        let bytes: usize = patterns.iter().map(|p| p.as_ref().len()).sum();
        // Room for every transition (two a byte when case folds) at most half full.
        let slots = (bytes * (1 + usize::from(fold_case)) * 2)
            .max(16)
            .next_power_of_two();
        let mut trie = Trie {
            leftmost,
            root: Box::new([NONE; 256]),
            keys: vec![0; slots],
            children: vec![0; slots],
            shift: 64 - slots.trailing_zeros(),
            parent: vec![(DEAD, 0), (START, 0)],
            own: vec![NONE, NONE],
            next_own: Vec::with_capacity(patterns.len()),
            pattern_lens: Vec::with_capacity(patterns.len()),
        };
        let mut last_own = vec![NONE, NONE];
        for (pid, pattern) in patterns.iter().enumerate() {
            let pattern = pattern.as_ref();
            let mut state = START;
            for &b in pattern {
                state = match trie.child(state, b) {
                    Some(next) => next,
                    None => {
                        let next = trie.parent.len() as u32;
                        trie.parent.push((state, b));
                        trie.own.push(NONE);
                        last_own.push(NONE);
                        trie.add(state, b, next);
                        if fold_case {
                            trie.add(state, opposite_ascii_case(b), next);
                        }
                        next
                    }
                };
            }
            // Appended: a state's matches are in pattern order.
            let pid = pid as u32;
            trie.next_own.push(NONE);
            trie.pattern_lens.push(pattern.len() as u32);
            match last_own[state as usize] {
                NONE => trie.own[state as usize] = pid,
                last => trie.next_own[last as usize] = pid,
            }
            last_own[state as usize] = pid;
        }
        trie
    }

    fn states(&self) -> usize {
        self.parent.len()
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    fn add(&mut self, state: u32, byte: u8, next: u32) {
        if state == START {
            self.root[byte as usize] = next;
            return;
        }
        let key = ((state as u64) << 8 | byte as u64) + 1;
        let mask = self.keys.len() - 1;
        let mut at = self.slot(key);
        while self.keys[at] != 0 && self.keys[at] != key {
            at = (at + 1) & mask;
        }
        self.keys[at] = key;
        self.children[at] = next;
    }

    /// The trie's transition, if any (`DEAD` has none).
    #[inline]
    fn child(&self, state: u32, byte: u8) -> Option<u32> {
        if state == START {
            let next = self.root[byte as usize];
            return (next != NONE).then_some(next);
        }
        let key = ((state as u64) << 8 | byte as u64) + 1;
        let mask = self.keys.len() - 1;
        let mut at = self.slot(key);
        loop {
            match self.keys[at] {
                0 => return None,
                k if k == key => return Some(self.children[at]),
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// The patterns ending on `state` itself.
    fn own(&self, state: u32) -> impl Iterator<Item = u32> + '_ {
        let mut p = self.own[state as usize];
        std::iter::from_fn(move || {
            (p != NONE).then(|| {
                let this = p;
                p = self.next_own[p as usize];
                this
            })
        })
    }

    fn has_own(&self, state: u32) -> bool {
        self.own[state as usize] != NONE
    }
}

/// `b` in the other ASCII case (itself if not a letter), as the crate folds it.
fn opposite_ascii_case(b: u8) -> u8 {
    if b.is_ascii_uppercase() {
        b.to_ascii_lowercase()
    } else if b.is_ascii_lowercase() {
        b.to_ascii_uppercase()
    } else {
        b
    }
}

impl LazyDfa {
    /// An unanchored automaton over `patterns` (none empty), as the crate's
    /// noncontiguous NFA with `kind` (standard or leftmost-longest) would
    /// search, without prefilter.
    pub fn new<P: AsRef<[u8]>>(
        patterns: &[P],
        kind: MatchKind,
        ascii_case_insensitive: bool,
    ) -> Result<LazyDfa, LazyBuildError> {
        debug_assert!(matches!(
            kind,
            MatchKind::Standard | MatchKind::LeftmostLongest
        ));
        if patterns.iter().any(|p| p.as_ref().is_empty()) {
            return Err(LazyBuildError::Empty);
        }
        let bytes: usize = patterns.iter().map(|p| p.as_ref().len()).sum();
        // Every byte of a pattern makes at most one state, beside the dead and
        // start states; a row more for the unused row 0.
        let states = bytes + 2;
        if (states + 1)
            .checked_mul(STRIDE)
            .is_none_or(|n| n >= u32::MAX as usize)
        {
            return Err(LazyBuildError::TooLarge(bytes));
        }
        let leftmost = matches!(kind, MatchKind::LeftmostFirst | MatchKind::LeftmostLongest);
        let trie = Trie::new(patterns, leftmost, ascii_case_insensitive);
        let cache = Cache::new(trie.states());
        Ok(LazyDfa {
            trie: Arc::new(trie),
            cache: Mutex::new(cache),
        })
    }

    /// The walker; holds this clone's cache until dropped.
    pub fn walker(&self) -> Walker<'_> {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        let start = cache.id(&self.trie, START);
        Walker {
            dfa: self,
            cache,
            start,
        }
    }
}

impl Clone for LazyDfa {
    fn clone(&self) -> Self {
        LazyDfa {
            trie: Arc::clone(&self.trie),
            cache: Mutex::new(Cache::new(self.trie.states())),
        }
    }
}

impl std::fmt::Debug for LazyDfa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LazyDfa")
            .field("patterns", &self.trie.pattern_lens.len())
            .finish_non_exhaustive()
    }
}

struct Cache {
    /// One unused entry, then row after row of transitions, as `LazyId`s.
    /// Row 0 is never used, so no state's id is 0.
    table: Vec<u32>,
    /// The trie state of each row.
    state_of: Vec<u32>,
    /// The row of each trie state, 0 for none yet.
    row_of: Vec<u32>,
    /// Each row's matches: a range of `match_list`.
    match_span: Vec<(u32, u32)>,
    /// (pattern, its length) of every match of every row, in the NFA's order.
    match_list: Vec<(u32, u32)>,
    /// Each trie state's failure transition, `NONE` until needed.
    fail: Vec<u32>,
    /// Each trie state's first match (`NO_MATCH` for none), `NONE` until needed.
    first: Vec<u32>,
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
            state_of: vec![DEAD],
            row_of: vec![0; states],
            match_span: vec![(0, 0)],
            match_list: Vec::new(),
            fail: vec![NONE; states],
            first: vec![NONE; states],
        }
    }

    /// The failure transition of `state` (not `DEAD` or `START`), as the
    /// crate's breadth-first pass sets it: under leftmost semantics `DEAD`
    /// from a state a pattern ends on, else the state the parent's failure
    /// reaches on the same byte (the start for the start's children).
    fn fail(&mut self, trie: &Trie, state: u32) -> u32 {
        debug_assert!(state > START);
        let known = self.fail[state as usize];
        if known != NONE {
            return known;
        }
        let (parent, byte) = trie.parent[state as usize];
        let fail = if trie.leftmost && trie.has_own(state) {
            DEAD
        } else if parent == START {
            START
        } else {
            let from = self.fail(trie, parent);
            self.next(trie, from, byte)
        };
        self.fail[state as usize] = fail;
        fail
    }

    /// The unanchored transition: the trie's, else the failure state's; the
    /// start stays where it has none, and `DEAD` leads only to itself.
    fn next(&mut self, trie: &Trie, mut state: u32, byte: u8) -> u32 {
        loop {
            if state == DEAD {
                return DEAD;
            }
            if let Some(next) = trie.child(state, byte) {
                return next;
            }
            if state == START {
                return START;
            }
            state = self.fail(trie, state);
        }
    }

    /// The matches of `state` in the NFA's order: its own patterns, then
    /// (unless leftmost semantics made its failure `DEAD`) those of its
    /// failure state, which the crate copies in.
    fn each_match(&mut self, trie: &Trie, mut state: u32, mut f: impl FnMut(u32) -> bool) {
        while state > START {
            for p in trie.own(state) {
                if !f(p) {
                    return;
                }
            }
            state = self.fail(trie, state);
        }
    }

    /// The first of the matches of `state`, the one an anchored search reports.
    fn first_match(&mut self, trie: &Trie, state: u32) -> Option<u32> {
        let known = self.first[state as usize];
        if known == NONE {
            let mut first = NO_MATCH;
            self.each_match(trie, state, |p| {
                first = p;
                false
            });
            self.first[state as usize] = first;
        }
        Some(self.first[state as usize]).filter(|&p| p != NO_MATCH)
    }

    /// The id of trie state `state`, given a row if it has none yet.
    fn id(&mut self, trie: &Trie, state: u32) -> LazyId {
        let mut row = self.row_of[state as usize] as usize;
        if row == 0 {
            row = self.state_of.len();
            self.state_of.push(state);
            // The state's matches, listed once here rather than worked out at
            // every visit.
            let from = self.match_list.len() as u32;
            let mut list = std::mem::take(&mut self.match_list);
            self.each_match(trie, state, |p| {
                list.push((p, trie.pattern_lens[p as usize]));
                true
            });
            self.match_list = list;
            self.match_span.push((from, self.match_list.len() as u32));
            self.table.resize(self.table.len() + STRIDE, 0);
            self.row_of[state as usize] = row as u32;
        }
        let (from, to) = self.match_span[row];
        let goes_on = state != DEAD && from == to;
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
        let trie = &*self.dfa.trie;
        let cache = &mut *self.cache;
        let from = cache.state_of[id / STRIDE];
        let to = cache.next(trie, from, byte);
        let next = cache.id(trie, to);
        cache.table[at] = next as u32;
        next
    }

    /// A match or dead state.
    #[inline(always)]
    pub fn is_special(id: LazyId) -> bool {
        id & 1 == 0
    }

    pub fn is_dead(&self, id: LazyId) -> bool {
        Self::is_special(id) && self.cache.state_of[id / STRIDE] == DEAD
    }

    /// (pattern, its length) of each match of state `id`, as
    /// [`Walker::match_pattern`] and [`Walker::pattern_len`] give them.
    #[inline]
    pub fn matches(&self, id: LazyId) -> &[(u32, u32)] {
        let (from, to) = self.cache.match_span[id / STRIDE];
        &self.cache.match_list[from as usize..to as usize]
    }

    pub fn match_pattern(&self, id: LazyId, index: usize) -> PatternID {
        PatternID::must(self.matches(id)[index].0 as usize)
    }

    pub fn pattern_len(&self, pattern: PatternID) -> usize {
        self.dfa.trie.pattern_lens[pattern.as_usize()] as usize
    }

    /// The match an anchored search of `hay` from `from` finds, as the
    /// crate's search loop finds it in the NFA: where no pattern starts it
    /// stops within a character, where the unanchored walk would go on to the
    /// end of `hay`. (Anchored states are other DFA states than unanchored
    /// ones, which the table does not hold.) A state's first match is the
    /// one reported, its own pattern or else one its failure state copied in.
    pub fn anchored_match(&mut self, hay: &[u8], from: usize) -> Option<aho_corasick::Match> {
        let trie = &*self.dfa.trie;
        let cache = &mut *self.cache;
        let mut state = START;
        let mut found = None;
        for (at, &byte) in hay.iter().enumerate().skip(from) {
            // Anchored: no failure transitions, a missing one is the end.
            let Some(next) = trie.child(state, byte) else {
                break;
            };
            state = next;
            if let Some(first) = cache.first_match(trie, state) {
                found = Some((first, at + 1));
            }
        }
        found.map(|(first, end)| {
            let len = trie.pattern_lens[first as usize] as usize;
            aho_corasick::Match::new(PatternID::must(first as usize), end - len..end)
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

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::automaton::Automaton;
    use aho_corasick::{Anchored, nfa::noncontiguous};
    use proptest::prelude::*;

    /// The crate's NFA, which the lazy automaton reproduces.
    fn crate_nfa(patterns: &[Vec<u8>], kind: MatchKind, fold: bool) -> noncontiguous::NFA {
        noncontiguous::Builder::new()
            .match_kind(kind)
            .ascii_case_insensitive(fold)
            .prefilter(false)
            .build(patterns)
            .unwrap()
    }

    /// Steps both automata through `hay`: the same matches (in order) and dead
    /// states after every byte, and the same anchored match from every offset.
    fn same_as_crate(patterns: &[Vec<u8>], hay: &[u8], kind: MatchKind, fold: bool) {
        let nfa = crate_nfa(patterns, kind, fold);
        let dfa = LazyDfa::new(patterns, kind, fold).unwrap();
        let mut walker = dfa.walker();
        let mut sid = nfa.start_state(Anchored::No).unwrap();
        let mut id = walker.start();
        for (at, &b) in hay.iter().enumerate() {
            sid = nfa.next_state(Anchored::No, sid, b);
            id = walker.next(id, b);
            let theirs: Vec<(u32, u32)> = (0..nfa.match_len(sid))
                .map(|i| nfa.match_pattern(sid, i))
                .map(|p| (p.as_u32(), nfa.pattern_len(p) as u32))
                .collect();
            assert_eq!(walker.matches(id), &theirs[..], "at {at}");
            assert_eq!(walker.is_dead(id), nfa.is_dead(sid), "at {at}");
            assert_eq!(
                Walker::is_special(id),
                nfa.is_match(sid) || nfa.is_dead(sid)
            );
            if nfa.is_dead(sid) {
                id = walker.start();
                sid = nfa.start_state(Anchored::No).unwrap();
            }
        }
        for from in 0..=hay.len() {
            let mut sid = nfa.start_state(Anchored::Yes).unwrap();
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
            let theirs = found.map(|(sid, end)| {
                let p = nfa.match_pattern(sid, 0);
                aho_corasick::Match::new(p, end - nfa.pattern_len(p)..end)
            });
            assert_eq!(walker.anchored_match(hay, from), theirs, "from {from}");
        }
    }

    fn pattern() -> impl Strategy<Value = Vec<u8>> {
        // Few distinct bytes, so that patterns share prefixes and suffixes.
        prop::collection::vec(prop::sample::select(b"aAbB-\xe4\xb8".to_vec()), 1..6)
    }

    proptest! {
        #[test]
        fn walks_as_the_crates_nfa(
            patterns in prop::collection::vec(pattern(), 1..12),
            hay in prop::collection::vec(prop::sample::select(b"aAbB-\xe4\xb8c".to_vec()), 0..40),
        ) {
            for fold in [false, true] {
                same_as_crate(&patterns, &hay, MatchKind::Standard, fold);
                same_as_crate(&patterns, &hay, MatchKind::LeftmostLongest, fold);
            }
        }
    }

    #[test]
    fn empty_patterns_are_refused() {
        assert!(LazyDfa::new(&["a", ""], MatchKind::Standard, false).is_err());
    }
}
