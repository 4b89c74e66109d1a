//! Counting a group's relations by sorting intervals instead of listing pairs.
//!
//! * Pairs whose values do not meet: sweep downwards over the figures sorted by upper end;
//!   a pool holds every figure whose lower end lies above the current figure's upper end,
//!   counted per period class and per (origin, period class). Each figure then learns, per
//!   class, how many figures lie entirely above it and from which origins, which with the
//!   class's time relation gives its conflicts, timeline steps, unordered and restated
//!   pairs (`verdict::classify_apart`); in a family with a drift ratio, a second pool
//!   holds the figures more than that factor above, whose pairs may be of different
//!   moments (`verdict::drifted`). A mirrored sweep marks the upper figures of
//!   conflicts. The pool also keeps, per class, its most extreme figures of two origins,
//!   so every figure with a conflict yields its strongest partner: the representatives.
//! * Agreeing clusters: the maximal sets of intervals sharing a value, emitted by a sweep
//!   over interval ends (each maximal clique of an interval graph is the active set just
//!   before some end, right after a start).
//!
//! Memory is O(n); time O(n log n + n·p), p being the number of distinct periods in the
//! group (a handful in news: dates are years, months or days).

use super::tolerance::magnitude_slip;
use super::verdict::{
    Examples, Mode, Relation, classify_apart, corroboration_interval, moment_open, period, relate,
    same_origin_time_rel, time_rel,
};
use super::{Figure, PairCounts, When};
use crate::interval::{Interval, Key};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// An agreeing cluster by figure positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RawCluster {
    /// At most `CLUSTER_MEMBERS_NAMED`, in position order.
    pub members: Vec<usize>,
    pub size: usize,
    pub origins: usize,
}

pub(super) struct Outcome {
    pub counts: PairCounts,
    pub in_conflict: Vec<bool>,
    pub clusters: Vec<RawCluster>,
    /// Figure positions of the strongest conflicting pairs, at most a few per origin pair.
    pub representatives: Vec<(usize, usize)>,
    pub examples: Examples,
}

/// Candidate representatives kept while sweeping, before the final choice.
const CANDIDATES: usize = 64;
/// Pairs examined for slips per group (figures sharing digits are few in practice).
const SLIP_BUDGET: usize = 100_000;

/// `point(p)` is figure `p`'s stated value in the common unit, when it is one value (for
/// slips).
pub(super) fn analyse(
    figures: &[Figure],
    mode: Mode,
    point: &dyn Fn(usize) -> Option<rust_decimal::Decimal>,
) -> Outcome {
    let n = figures.len();
    let mut classes: Vec<When> = Vec::new();
    let mut class_index: HashMap<When, u32> = HashMap::new();
    let class_of: Vec<u32> = figures
        .iter()
        .map(|f| {
            *class_index.entry(f.when).or_insert_with(|| {
                classes.push(f.when);
                (classes.len() - 1) as u32
            })
        })
        .collect();

    let mut counts = PairCounts::default();
    let mut in_conflict = vec![false; n];
    let mut candidates: Vec<(rust_decimal::Decimal, usize, usize, u32, u32)> = Vec::new();
    let mut examples = Examples::default();

    // Downward sweep: each figure as the lower of its pairs. In a family that drifts, a
    // second pool holds the figures more than the drift ratio above the current one: a
    // prefix of the first pool (the same order, a higher threshold), so per class its
    // members are the first ones of the class's list.
    {
        let mut uppers: Vec<usize> = (0..n).collect();
        uppers.sort_by_key(|&j| std::cmp::Reverse(figures[j].compared.low_key()));
        let mut queries: Vec<usize> = (0..n).collect();
        queries.sort_by_key(|&i| std::cmp::Reverse(figures[i].compared.high_key()));
        let mut pool = Pool::new(classes.len());
        let mut far = Pool::new(classes.len());
        let (mut next, mut next_far) = (0, 0);
        for &i in &queries {
            let high = figures[i].compared.high_key();
            while next < n && figures[uppers[next]].compared.low_key() > high {
                let j = uppers[next];
                pool.add(j, figures[j].origin, class_of[j]);
                next += 1;
            }
            // Thresholds fall with `high` among the figures that have one: the pool only
            // grows.
            let far_key = mode
                .drift_ratio
                .and_then(|r| figures[i].compared.scaled_high_key(r));
            if let Some(key) = far_key {
                while next_far < n && figures[uppers[next_far]].compared.low_key() > key {
                    let j = uppers[next_far];
                    far.add(j, figures[j].origin, class_of[j]);
                    next_far += 1;
                }
            }
            let origin = figures[i].origin;
            for &k in &pool.active {
                let t = time_rel(figures[i].when, classes[k as usize], mode);
                let total = pool.count[k as usize];
                let same = pool.same(origin, k);
                let diff = total - same;
                // Of the other origins' figures above, those drifted apart; the rest are
                // the class's list from `far_total` on.
                let (far_total, far_diff) =
                    if far_key.is_some() && moment_open(figures[i].when, classes[k as usize]) {
                        let all = far.count[k as usize];
                        (all, all - far.same(origin, k))
                    } else {
                        (0, 0)
                    };
                for (pairs, drift, from) in [
                    (diff - far_diff, false, far_total as usize),
                    (far_diff, true, 0),
                ] {
                    if pairs == 0 {
                        continue;
                    }
                    match classify_apart(t, false, drift, mode) {
                        Relation::Conflict => {
                            counts.conflicts += pairs;
                            in_conflict[i] = true;
                            if let Some(j) = pool.first_not_of(k, origin, from) {
                                let gap = figures[i].compared.relative_gap(&figures[j].compared);
                                candidates.push((gap, i, j, origin, figures[j].origin));
                                if candidates.len() > 4 * CANDIDATES {
                                    prune(&mut candidates);
                                }
                            }
                        }
                        Relation::Timeline => counts.timeline += pairs,
                        Relation::Unordered => {
                            counts.unordered += pairs;
                            if examples.unordered.is_none() {
                                examples.unordered =
                                    pool.first_not_of(k, origin, from).map(|j| (i, j));
                            }
                        }
                        _ => {}
                    }
                }
                if same > 0 {
                    let t = same_origin_time_rel(figures[i].when, classes[k as usize]);
                    match classify_apart(t, true, false, mode) {
                        Relation::Timeline => counts.timeline += same,
                        _ => {
                            counts.restated += same;
                            if examples.restated.is_none() {
                                examples.restated = pool.first_of(k, origin).map(|j| (i, j));
                            }
                        }
                    }
                }
            }
        }
    }

    // Upward sweep: mark the upper figure of each conflict. The second pool holds the
    // figures the current one is more than the drift ratio above.
    {
        let mut lowers: Vec<usize> = (0..n).collect();
        lowers.sort_by_key(|&i| figures[i].compared.high_key());
        let mut far_lowers: Vec<(Key, usize)> = match mode.drift_ratio {
            Some(r) => (0..n)
                .filter_map(|i| figures[i].compared.scaled_high_key(r).map(|k| (k, i)))
                .collect(),
            None => Vec::new(),
        };
        far_lowers.sort_unstable();
        let mut queries: Vec<usize> = (0..n).collect();
        queries.sort_by_key(|&j| figures[j].compared.low_key());
        let mut pool = Pool::new(classes.len());
        let mut far = Pool::new(classes.len());
        let (mut next, mut next_far) = (0, 0);
        for &j in &queries {
            let low = figures[j].compared.low_key();
            while next < n && figures[lowers[next]].compared.high_key() < low {
                let i = lowers[next];
                pool.add(i, figures[i].origin, class_of[i]);
                next += 1;
            }
            while next_far < far_lowers.len() && far_lowers[next_far].0 < low {
                let i = far_lowers[next_far].1;
                far.add(i, figures[i].origin, class_of[i]);
                next_far += 1;
            }
            let origin = figures[j].origin;
            let hit = pool.active.iter().any(|&k| {
                let class = classes[k as usize];
                let t = time_rel(class, figures[j].when, mode);
                let diff = pool.count[k as usize] - pool.same(origin, k);
                let far_diff = if moment_open(class, figures[j].when) {
                    far.count[k as usize] - far.same(origin, k)
                } else {
                    0
                };
                (diff > far_diff && classify_apart(t, false, false, mode) == Relation::Conflict)
                    || (far_diff > 0 && classify_apart(t, false, true, mode) == Relation::Conflict)
            });
            if hit {
                in_conflict[j] = true;
            }
        }
    }

    // Slips: conflicting point values that differ by exactly 10ⁿ share their digits; only
    // distinct values of one digit string are compared, each value computed once.
    let mut by_digits: HashMap<i128, BTreeMap<rust_decimal::Decimal, Vec<usize>>> = HashMap::new();
    for (p, _) in in_conflict.iter().enumerate().filter(|(_, hit)| **hit) {
        if let Some(v) = point(p)
            && !v.is_zero()
        {
            by_digits
                .entry(digits(v))
                .or_default()
                .entry(v.normalize())
                .or_default()
                .push(p);
        }
    }
    let mut budget = SLIP_BUDGET;
    let mut keys: Vec<&i128> = by_digits
        .keys()
        .filter(|k| by_digits[k].len() > 1)
        .collect();
    keys.sort_unstable();
    'slips: for key in keys {
        let values: Vec<(&rust_decimal::Decimal, &Vec<usize>)> = by_digits[key].iter().collect();
        for (x, (va, fa)) in values.iter().enumerate() {
            for (vb, fb) in &values[x + 1..] {
                if magnitude_slip(**va, **vb).is_none() {
                    continue;
                }
                for &a in fa.iter() {
                    for &b in fb.iter() {
                        if budget == 0 {
                            break 'slips;
                        }
                        budget -= 1;
                        let (ga, gb) = (&figures[a], &figures[b]);
                        if relate(ga, gb, mode) == Relation::Conflict {
                            counts.slips += 1;
                            let gap = ga.compared.relative_gap(&gb.compared);
                            candidates.push((gap, a, b, ga.origin, gb.origin));
                        }
                    }
                }
            }
        }
    }

    prune(&mut candidates);
    let representatives = candidates.iter().map(|&(_, i, j, _, _)| (i, j)).collect();
    Outcome {
        counts,
        in_conflict,
        clusters: clusters(figures, mode),
        representatives,
        examples,
    }
}

/// The digits of a value without trailing zeros and decimal point (3, 30, 0.3 → 3).
fn digits(v: rust_decimal::Decimal) -> i128 {
    let mut m = v.normalize().mantissa();
    while m != 0 && m % 10 == 0 {
        m /= 10;
    }
    m
}

/// Keeps the strongest candidate per pair of origins, strongest first, at most `CANDIDATES`.
fn prune(candidates: &mut Vec<(rust_decimal::Decimal, usize, usize, u32, u32)>) {
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| (a.1, a.2).cmp(&(b.1, b.2))));
    let mut seen: BTreeSet<(u32, u32)> = BTreeSet::new();
    let mut seen_pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    candidates.retain(|&(_, i, j, oa, ob)| {
        let origins = (oa.min(ob), oa.max(ob));
        let pair = (i.min(j), i.max(j));
        seen_pairs.insert(pair) && seen.insert(origins)
    });
    candidates.truncate(CANDIDATES);
}

/// Figures entirely above (or below) the current one, by period class and origin.
struct Pool {
    count: Vec<u64>,
    by_origin: HashMap<(u32, u32), u64>,
    /// Classes with at least one figure, in order of first arrival.
    active: Vec<u32>,
    /// Per class: its figures (position, origin) in order of arrival, the most extreme
    /// first.
    members: Vec<Vec<(usize, u32)>>,
    /// Per class, per member: the index of the next member of another origin
    /// (`usize::MAX` while none has arrived), so a partner of another origin is found in
    /// one step.
    next_other: Vec<Vec<usize>>,
    /// Per class: where the last run of one origin's members starts.
    run_start: Vec<usize>,
}

impl Pool {
    fn new(classes: usize) -> Pool {
        Pool {
            count: vec![0; classes],
            by_origin: HashMap::new(),
            active: Vec::new(),
            members: vec![Vec::new(); classes],
            next_other: vec![Vec::new(); classes],
            run_start: vec![0; classes],
        }
    }

    fn add(&mut self, position: usize, origin: u32, class: u32) {
        let k = class as usize;
        if self.count[k] == 0 {
            self.active.push(class);
        }
        self.count[k] += 1;
        *self.by_origin.entry((origin, class)).or_default() += 1;
        let m = self.members[k].len();
        if self.members[k].last().is_some_and(|&(_, o)| o != origin) {
            // Each member is pointed on once, when its run ends: linear overall.
            for n in &mut self.next_other[k][self.run_start[k]..m] {
                *n = m;
            }
            self.run_start[k] = m;
        }
        self.members[k].push((position, origin));
        self.next_other[k].push(usize::MAX);
    }

    fn same(&self, origin: u32, class: u32) -> u64 {
        self.by_origin.get(&(origin, class)).copied().unwrap_or(0)
    }

    /// The most extreme figure of the class from an origin other than `origin`, among
    /// the members from index `from` on.
    fn first_not_of(&self, class: u32, origin: u32, from: usize) -> Option<usize> {
        let k = class as usize;
        let &(p, o) = self.members[k].get(from)?;
        if o != origin {
            return Some(p);
        }
        let next = self.next_other[k][from];
        self.members[k].get(next).map(|&(p, _)| p)
    }

    /// The most extreme figure of the class from `origin`, if it is the class's most
    /// extreme figure or the most extreme of another origin than that one's.
    fn first_of(&self, class: u32, origin: u32) -> Option<usize> {
        let k = class as usize;
        let &(p, o) = self.members[k].first()?;
        if o == origin {
            return Some(p);
        }
        let next = self.next_other[k][0];
        self.members[k]
            .get(next)
            .filter(|&&(_, o)| o == origin)
            .map(|&(p, _)| p)
    }
}

/// Maximal sets of figures that corroborate each other pairwise (`verdict::corroborates`),
/// two or more figures each. Each figure is a box: its corroboration interval by its
/// period (any period when it has none, or when the family does not change over time).
/// Boxes that meet pairwise share a point, so each maximal set is the value clique of one
/// maximal set of periods sharing a day: the value sweep runs once per such set of
/// periods (a handful in news), and sets another one holds are dropped.
fn clusters(figures: &[Figure], mode: Mode) -> Vec<RawCluster> {
    let values: Vec<Interval> = figures
        .iter()
        .map(|f| corroboration_interval(f, mode))
        .collect();
    let moments = if mode.changes() {
        moments(figures, mode)
    } else {
        Vec::new()
    };
    if moments.len() <= 1 {
        return value_cliques(figures, &values, &(0..figures.len()).collect::<Vec<_>>());
    }
    let mut out: Vec<RawCluster> = Vec::new();
    for members in &moments {
        out.extend(value_cliques(figures, &values, members));
    }
    out.sort_by(|a, b| a.members.cmp(&b.members).then(a.size.cmp(&b.size)));
    out.dedup();
    // A set another holds is not maximal; the named members of a set larger than the
    // names kept are not all of it, so only fully named sets are tested.
    let whole = |c: &RawCluster| c.size == c.members.len();
    let held = |c: &RawCluster, d: &RawCluster| {
        whole(c)
            && whole(d)
            && c.size < d.size
            && c.members.iter().all(|m| d.members.binary_search(m).is_ok())
    };
    let keep: Vec<bool> = out
        .iter()
        .map(|c| !out.iter().any(|d| held(c, d)))
        .collect();
    out.into_iter()
        .zip(keep)
        .filter_map(|(c, k)| k.then_some(c))
        .collect()
}

/// The maximal sets of figures whose periods share a day, each with the figures that have
/// no period (positions in order); empty when no figure has a period.
fn moments(figures: &[Figure], mode: Mode) -> Vec<Vec<usize>> {
    let mut undated: Vec<usize> = Vec::new();
    // (day, 0 = start / 1 = end, position): at one day starts come first, as periods
    // sharing their last and first day overlap.
    let mut events: Vec<(i32, u8, usize)> = Vec::new();
    for (p, f) in figures.iter().enumerate() {
        match period(f.when, mode) {
            Some((s, e)) => {
                events.push((s, 0, p));
                events.push((e, 1, p));
            }
            None => undated.push(p),
        }
    }
    events.sort_unstable();
    let mut active: BTreeSet<usize> = BTreeSet::new();
    let mut added = false;
    let mut out = Vec::new();
    for (_, kind, p) in events {
        if kind == 0 {
            active.insert(p);
            added = true;
            continue;
        }
        if added {
            let mut set: Vec<usize> = active
                .iter()
                .copied()
                .chain(undated.iter().copied())
                .collect();
            set.sort_unstable();
            out.push(set);
        }
        added = false;
        active.remove(&p);
    }
    out
}

/// Maximal sets of the figures `within` (positions in order) whose intervals `values`
/// share a value, two or more figures each.
fn value_cliques(figures: &[Figure], values: &[Interval], within: &[usize]) -> Vec<RawCluster> {
    // (point, 0 = start / 1 = end, position). Low and high keys are built so that a
    // start sorts before an end exactly when the two intervals meet (`Interval::low_key`),
    // and at one point starts come first.
    let mut events: Vec<(Key, u8, usize)> = Vec::with_capacity(2 * within.len());
    for &p in within {
        events.push((values[p].low_key(), 0, p));
        events.push((values[p].high_key(), 1, p));
    }
    events.sort_unstable();
    let mut active: BTreeSet<usize> = BTreeSet::new();
    let mut origin_count: HashMap<u32, u32> = HashMap::new();
    let mut added = false;
    let mut out = Vec::new();
    for (_, kind, p) in events {
        let origin = figures[p].origin;
        if kind == 0 {
            active.insert(p);
            *origin_count.entry(origin).or_default() += 1;
            added = true;
            continue;
        }
        if added && active.len() >= 2 {
            out.push(RawCluster {
                members: active
                    .iter()
                    .copied()
                    .take(super::CLUSTER_MEMBERS_NAMED)
                    .collect(),
                size: active.len(),
                origins: origin_count.len(),
            });
        }
        added = false;
        active.remove(&p);
        if let Some(c) = origin_count.get_mut(&origin) {
            *c -= 1;
            if *c == 0 {
                origin_count.remove(&origin);
            }
        }
    }
    out
}

/// Every conflicting pair, by checking each pair (for `--all-pairs`; quadratic).
pub(super) fn all_conflicts(figures: &[Figure], mode: Mode) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 0..figures.len() {
        for j in i + 1..figures.len() {
            if relate(&figures[i], &figures[j], mode) == Relation::Conflict {
                out.push((i, j));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::verdict::corroborates;
    use crate::interval::Bound;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    fn figure(
        p: usize,
        low: Option<(i64, bool)>,
        high: Option<(i64, bool)>,
        origin: u32,
        when: When,
    ) -> Figure {
        let b = |(v, open): (i64, bool)| Bound {
            value: Decimal::from(v),
            open,
        };
        let mut iv = Interval {
            low: low.map(b),
            high: high.map(b),
        };
        if let (Some(l), Some(h)) = (iv.low, iv.high)
            && (l.value > h.value || (l.value == h.value && (l.open || h.open)))
        {
            iv = Interval::exact(l.value);
        }
        Figure {
            claim_index: p,
            origin,
            compared: iv,
            in_usd: false,
            fx: None,
            when,
            converts: None,
            in_conflict: false,
        }
    }

    fn when() -> impl Strategy<Value = When> {
        prop_oneof![
            Just(When::Unknown),
            (0i32..4).prop_map(|m| When::Known(m * 30, m * 30 + 29)),
            (0i32..2).prop_map(|y| When::Known(y * 360, y * 360 + 359)),
            (0i32..4).prop_map(|d| When::Known(d * 30, d * 30)),
            (0i32..4).prop_map(|m| When::Assumed(m * 30, m * 30 + 29)),
        ]
    }

    fn bound() -> impl Strategy<Value = Option<(i64, bool)>> {
        prop::option::of((0i64..8, any::<bool>()))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// The sweep counts exactly what checking every pair with `relate` counts.
        #[test]
        fn sweep_counts_match_every_pair(
            specs in prop::collection::vec((bound(), bound(), 0u32..3, when()), 0..14),
            cumulative in any::<bool>(),
            volatile in any::<bool>(),
            flow in any::<bool>(),
            event in any::<bool>(),
            drift in any::<bool>(),
        ) {
            let figures: Vec<Figure> = specs
                .iter()
                .enumerate()
                .map(|(p, (l, h, o, w))| figure(p, *l, *h, *o, *w))
                .collect();
            let drift_ratio = drift.then_some(Decimal::TWO);
            let mode = Mode { cumulative, volatile, flow, event, drift_ratio };
            let out = analyse(&figures, mode, &|p| figures[p].compared.point());
            let mut expected = PairCounts::default();
            let mut hit = vec![false; figures.len()];
            for i in 0..figures.len() {
                for j in i + 1..figures.len() {
                    let apart = !figures[i].compared.intersects(&figures[j].compared);
                    match relate(&figures[i], &figures[j], mode) {
                        Relation::Conflict => {
                            expected.conflicts += 1;
                            hit[i] = true;
                            hit[j] = true;
                        }
                        Relation::Timeline if apart => expected.timeline += 1,
                        Relation::Unordered => expected.unordered += 1,
                        Relation::Restated => expected.restated += 1,
                        _ => {}
                    }
                }
            }
            prop_assert_eq!(out.counts.conflicts, expected.conflicts);
            prop_assert_eq!(out.counts.timeline, expected.timeline);
            prop_assert_eq!(out.counts.unordered, expected.unordered);
            prop_assert_eq!(out.counts.restated, expected.restated);
            prop_assert_eq!(&out.in_conflict, &hit);
            // Every representative is a real conflict, and there is one when any exists.
            for &(i, j) in &out.representatives {
                prop_assert_eq!(relate(&figures[i], &figures[j], mode), Relation::Conflict);
            }
            prop_assert_eq!(out.representatives.is_empty(), expected.conflicts == 0);
            // Every corroborating pair lies in some cluster, every cluster corroborates
            // pairwise, and no cluster holds another.
            for c in &out.clusters {
                if c.size <= crate::compare::CLUSTER_MEMBERS_NAMED {
                    for &a in &c.members {
                        for &b in &c.members {
                            prop_assert!(figures[a].compared.intersects(&figures[b].compared));
                            prop_assert!(a == b || corroborates(&figures[a], &figures[b], mode));
                        }
                    }
                    for d in &out.clusters {
                        prop_assert!(
                            std::ptr::eq(c, d)
                                || d.size > crate::compare::CLUSTER_MEMBERS_NAMED
                                || !c.members.iter().all(|m| d.members.contains(m)),
                            "{:?} holds {:?}", d, c
                        );
                    }
                }
            }
            for i in 0..figures.len() {
                for j in i + 1..figures.len() {
                    if corroborates(&figures[i], &figures[j], mode)
                        && figures.len() <= crate::compare::CLUSTER_MEMBERS_NAMED
                    {
                        prop_assert!(out.clusters.iter().any(|c| c.members.contains(&i) && c.members.contains(&j)),
                            "pair {} {} in no cluster: {:?}", i, j, out.clusters);
                    }
                }
            }
        }
    }
}
