//! Figure-first classification: every figure is a candidate claim, and the cue
//! words of the rule files around it decide its kind and measure.
//!
//! Evidence for a kind, strongest first:
//! * a counted noun right after the figure (`10万块GPU`, `79个大模型`, `25000 A100`),
//!   or an entity of a counted type there (`chip`);
//! * cue words in the figure's clause, worth more the nearer they are, and less
//!   after the figure than before it (Chinese names the topic first);
//! * cue words in the clause before (half) or after (a third), so `单价已达15万元,
//!   两个月前为10万元` prices both figures.
//!
//! A cue written `训练+成本` needs all its words in reach and is as strong as
//! its weakest word. A `not` word in the figure's clause rules its kind out. The
//! kind with the most evidence wins, `other` (figures that are not claims:
//! headcounts, context lengths…) included; with no evidence at all, the
//! dimension's default kind (if a file declares one) takes the figure, else it
//! is `other`.

use crate::quantity::Quantity;
use crate::rules::lexicon::{LexHit, Lexicon, Role};
use crate::rules::{EntityType, Kind};
use std::ops::Range;

/// Characters between a counted noun and its figure (classifier and modifiers:
/// `块英伟达`, ` 張 Nvidia `) beyond which the noun is no longer the figure's.
const NOUN_GAP: usize = 10;

/// Evidence weakest enough to ignore.
const MIN_SCORE: f64 = 0.04;

/// The sentence a figure sits in, its clauses and lexicon hits, found once for
/// all the figures it holds.
pub struct SentenceView {
    pub range: Range<usize>,
    /// Clause boundaries (byte offsets in the document), sorted: clause `i`
    /// runs from `breaks[i]` to `breaks[i + 1]`.
    breaks: Vec<usize>,
    pub hits: Vec<LexHit>,
}

/// A clause ends at a comma, semicolon or colon (normalised to ASCII).
fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '、' | '|')
}

impl SentenceView {
    pub fn new(text: &str, range: Range<usize>, lexicon: &Lexicon) -> SentenceView {
        let mut breaks = vec![range.start];
        for (i, c) in text[range.clone()].char_indices() {
            if is_clause_break(c) {
                breaks.push(range.start + i + c.len_utf8());
            }
        }
        breaks.push(range.end);
        let hits = lexicon.find(text, range.clone());
        SentenceView {
            range,
            breaks,
            hits,
        }
    }

    /// The clause holding byte `at`.
    pub fn clause_of(&self, at: usize) -> usize {
        self.breaks
            .partition_point(|&b| b <= at)
            .saturating_sub(1)
            .min(self.breaks.len().saturating_sub(2))
    }

    /// Byte range of clause `i`.
    pub fn clause(&self, i: usize) -> Range<usize> {
        self.breaks[i]..self.breaks[(i + 1).min(self.breaks.len() - 1)]
    }
}

/// The classifier's verdict on one figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Classified {
    /// Index into the rule set's kinds.
    pub kind: usize,
    pub measure: String,
    /// The counted noun after the figure, when that is what decided.
    pub noun: Option<String>,
    /// The winning evidence (0 for a dimension's default kind).
    pub score: f64,
}

/// An entity named in the sentence, for counted-noun evidence.
#[derive(Debug, Clone, Copy)]
pub struct NamedEntity {
    pub start: usize,
    pub end: usize,
    pub entity_type: EntityType,
}

/// Classifies `q` (in `view`); `others` are the sentence's other figures, which
/// stand between a cue and `q` when they lie between them.
pub fn classify(
    text: &str,
    kinds: &[Kind],
    lexicon: &Lexicon,
    view: &SentenceView,
    q: &Quantity,
    others: &[Range<usize>],
    entities: &[NamedEntity],
) -> Option<Classified> {
    let dim = q.dimension();
    let fits = |k: usize| kinds[k].dimensions.contains(&dim);
    let qc = view.clause_of(q.start);
    let mut best_cue: Vec<Vec<Vec<f64>>> = kinds.iter().map(|k| vec![Vec::new(); k.cues.len()]).collect();
    let mut noun = vec![0.0f64; kinds.len()];
    let mut noun_word: Vec<Option<Range<usize>>> = vec![None; kinds.len()];
    let mut vetoed = vec![false; kinds.len()];
    for h in &view.hits {
        let roles = lexicon.roles(h.word);
        if !roles.iter().any(|r| role_kind(r).is_some_and(fits)) {
            continue;
        }
        let hc = view.clause_of(h.start);
        let strength = reach(text, q, h, qc, hc, others);
        for role in roles {
            match *role {
                Role::Cue { kind, cue, part } if fits(kind) => {
                    let parts = &mut best_cue[kind][cue];
                    let n = kinds[kind].cues[cue].len();
                    if parts.len() < n {
                        parts.resize(n, 0.0);
                    }
                    let p = &mut parts[usize::from(part)];
                    *p = p.max(strength);
                }
                Role::Noun { kind } if fits(kind) && hc == qc => {
                    if let Some(s) = noun_strength(text, q, h.start, others)
                        && s > noun[kind]
                    {
                        noun[kind] = s;
                        noun_word[kind] = Some(h.start..h.end);
                    }
                }
                Role::Not { kind } if fits(kind) && hc == qc => vetoed[kind] = true,
                _ => {}
            }
        }
    }
    for e in entities {
        if view.clause_of(e.start) != qc {
            continue;
        }
        let Some(s) = noun_strength(text, q, e.start, others) else {
            continue;
        };
        for (k, kind) in kinds.iter().enumerate() {
            if fits(k) && kind.noun_entities.contains(&e.entity_type) && s > noun[k] {
                noun[k] = s;
                noun_word[k] = Some(e.start..e.end);
            }
        }
    }
    let mut best: Option<(usize, f64)> = None;
    for (k, kind) in kinds.iter().enumerate() {
        if !fits(k) || vetoed[k] {
            continue;
        }
        let cue = best_cue[k]
            .iter()
            .zip(&kind.cues)
            .filter(|(found, parts)| found.len() == parts.len())
            .map(|(found, _)| found.iter().copied().fold(f64::INFINITY, f64::min))
            .fold(0.0, f64::max);
        let score = cue.max(noun[k]);
        if score >= MIN_SCORE && best.is_none_or(|(_, b)| score > b) {
            best = Some((k, score));
        }
    }
    let (kind, score) = match best {
        Some(b) => b,
        None => (
            kinds
                .iter()
                .position(|k| k.default && k.dimensions.contains(&dim))?,
            0.0,
        ),
    };
    let noun = (score > 0.0 && noun[kind] >= score)
        .then(|| noun_word[kind].clone())
        .flatten()
        .map(|r| text[r].to_string());
    Some(Classified {
        kind,
        measure: measure_of(&kinds[kind], kind, lexicon, view, q.start),
        noun,
        score,
    })
}

fn role_kind(r: &Role) -> Option<usize> {
    match *r {
        Role::Cue { kind, .. } | Role::Noun { kind } | Role::Not { kind } => Some(kind),
        Role::Measure { .. } => None,
    }
}

/// How strongly a cue at `h` speaks for figure `q`: by clause, distance and side.
fn reach(text: &str, q: &Quantity, h: &LexHit, qc: usize, hc: usize, others: &[Range<usize>]) -> f64 {
    let scope = match qc as isize - hc as isize {
        0 => 1.0,
        1 => 0.5,
        2 => 0.25,
        -1 => 0.35,
        _ => return 0.0,
    };
    let (gap, after) = if h.end <= q.start {
        (h.end..q.start, false)
    } else if h.start >= q.end {
        (q.end..h.start, true)
    } else {
        (q.start..q.start, false)
    };
    let distance = text[gap.clone()].chars().filter(|c| !c.is_whitespace()).count() as f64;
    let mut s = scope / (1.0 + distance / 6.0);
    if after {
        s *= 0.8;
    }
    // A figure between the cue and `q` is the cue's more likely owner.
    if others.iter().any(|o| o.start >= gap.start && o.end <= gap.end && o.start < o.end) {
        s *= 0.5;
    }
    s
}

/// A counted noun starting at `at`, after `q` with only a short gap (classifier,
/// modifiers) and no other figure between.
fn noun_strength(text: &str, q: &Quantity, at: usize, others: &[Range<usize>]) -> Option<f64> {
    if at < q.end {
        return None;
    }
    let gap = &text[q.end..at];
    if gap.contains([',', ';', ':', '。']) || others.iter().any(|o| o.start >= q.end && o.end <= at) {
        return None;
    }
    let n = gap.chars().filter(|c| !c.is_whitespace()).count();
    (n <= NOUN_GAP).then(|| 2.5 / (1.0 + n as f64 / 4.0))
}

/// The kind's measure: the first refinement with a word in the figure's clause
/// or the one before it, else the kind's own.
pub(crate) fn measure_of(kind: &Kind, k: usize, lexicon: &Lexicon, view: &SentenceView, at: usize) -> String {
    let qc = view.clause_of(at);
    let mut chosen: Option<usize> = None;
    for h in &view.hits {
        let hc = view.clause_of(h.start);
        if hc > qc || qc - hc > 1 {
            continue;
        }
        for role in lexicon.roles(h.word) {
            if let Role::Measure { kind, index } = *role
                && kind == k
                && chosen.is_none_or(|c| index < c)
            {
                chosen = Some(index);
            }
        }
    }
    chosen.map_or_else(|| kind.measure.clone(), |i| kind.measures[i].1.clone())
}
