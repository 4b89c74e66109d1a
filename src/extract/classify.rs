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
//! the geometric mean of its words' strengths (a verb far off and a noun by the
//! figure still name the kind). A `not` word in the figure's clause rules its kind out. The
//! kind with the most evidence wins, `other` (figures that are not claims:
//! headcounts, context lengths…) included; with no evidence at all, the
//! dimension's default kind (if a file declares one) takes the figure, else it
//! is `other`.

use crate::quantity::{Dimension, Quantity};
use crate::rules::lexicon::{LexHit, Lexicon, Role};
use crate::rules::{EntityType, Kind};
use std::ops::Range;

/// Units (characters or Latin words) after a figure within which its counted
/// noun phrase lies (classifier and modifiers: `块英伟达A100`, ` 張 Nvidia H100`).
const NOUN_GAP: usize = 12;

/// Evidence of the head of the counted noun phrase, and of a noun inside it.
const HEAD_SCORE: f64 = 2.5;
const MODIFIER_SCORE: f64 = 1.0;

/// Evidence of a unit that names the kind by itself (`GPU-hours`).
const UNIT_SCORE: f64 = 2.0;
/// A measure word alone (`3万块`): above the floor, below any cue.
const CLASSIFIER_SCORE: f64 = 0.3;

/// Evidence too weak to count: a cue some twenty characters away, or a
/// clause off and farther.
const MIN_SCORE: f64 = 0.2;

/// How much of its strength a bare head noun lends the compound it stands for.
const ANAPHOR: f64 = 0.8;

/// The sentence a figure sits in, its clauses and lexicon hits, found once for
/// all the figures it holds.
pub struct SentenceView {
    pub range: Range<usize>,
    /// Clause boundaries (byte offsets in the document), sorted: clause `i`
    /// runs from `breaks[i]` to `breaks[i + 1]`.
    breaks: Vec<usize>,
    pub hits: Vec<LexHit>,
    /// Whether `hits` are in text order (then searched by clause).
    hits_sorted: bool,
    /// What the subject search asks of the sentence, kept for its next figure.
    pub cache: super::subject::SentenceCache,
}

/// A clause ends at a comma, semicolon or colon (normalised to ASCII).
fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '、' | '|')
}

impl SentenceView {
    /// The view of sentence `range` for the figures starting at `figures`: the
    /// lexicon is searched only where their evidence can lie (the clauses
    /// [`SentenceView::hits_in_clauses`] is asked for), not in clauses far from
    /// any figure.
    pub fn new(
        text: &str,
        range: Range<usize>,
        lexicon: &Lexicon,
        figures: impl Iterator<Item = usize>,
    ) -> SentenceView {
        // About a clause every dozen characters of Chinese: room for them from the start.
        let mut breaks = Vec::with_capacity(8 + range.len() / 32);
        breaks.push(range.start);
        let b = text.as_bytes();
        // Every break is ASCII but 、 (E3 80 81), and no byte of theirs is part
        // of another character: the memchr crate's vectorised searches find
        // them, where a loop over the characters cost several instructions a byte.
        let s = &b[range.clone()];
        for i in memchr::memchr3_iter(b',', b':', b';', s) {
            let at = range.start + i;
            // 700,000 and 15:58 are one figure, not two clauses.
            if b[at] == b';'
                || !(at > 0
                    && b[at - 1].is_ascii_digit()
                    && b.get(at + 1).is_some_and(u8::is_ascii_digit))
            {
                breaks.push(at + 1);
            }
        }
        let comma_like = breaks.len();
        for i in memchr::memchr2_iter(b'|', 0xE3, s) {
            let at = range.start + i;
            if b[at] == b'|' {
                breaks.push(at + 1);
            } else if b[at + 1..].starts_with(&[0x80, 0x81]) {
                breaks.push(at + 3);
            }
        }
        if breaks.len() > comma_like && comma_like > 1 {
            breaks.sort_unstable();
        }
        breaks.push(range.end);
        let mut view = SentenceView {
            range: range.clone(),
            breaks,
            hits: Vec::new(),
            hits_sorted: true,
            cache: Default::default(),
        };
        // Classification asks for clauses `qc - 2 ..= qc + 1` of a figure in
        // clause `qc`, measures for `qc - 1 ..= qc`: the byte windows those
        // clauses cover, merged.
        let mut windows: Vec<Range<usize>> = Vec::new();
        for at in figures {
            let qc = view.clause_of(at);
            let w = view.clause_span(qc.saturating_sub(2), qc + 1);
            match windows.last_mut() {
                Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
                _ => windows.push(w),
            }
        }
        view.hits = lexicon.find_starting_in(text, range, &windows);
        view.hits_sorted = view.hits.is_sorted_by_key(|h| h.start);
        view
    }

    /// The bytes where hits starting in clauses `first..=last` start, as
    /// [`SentenceView::hits_in_clauses`] bounds them (the last clause runs to the
    /// sentence's end).
    fn clause_span(&self, first: usize, last: usize) -> Range<usize> {
        let from = self.breaks[first.min(self.breaks.len() - 1)];
        let to = if last + 2 >= self.breaks.len() {
            self.range.end
        } else {
            self.breaks[(last + 1).min(self.breaks.len() - 1)]
        };
        from..to.max(from)
    }

    /// The hits starting in clauses `first..=last` (all hits when they are not in order):
    /// a figure's evidence lies in a few clauses around it, and a sentence of thousands of
    /// clauses (a whole article on one comma-separated line) must not cost each figure a
    /// pass over all of them.
    pub fn hits_in_clauses(&self, first: usize, last: usize) -> &[LexHit] {
        if !self.hits_sorted {
            return &self.hits;
        }
        let from = self.breaks[first.min(self.breaks.len() - 1)];
        let to = self.breaks[(last + 1).min(self.breaks.len() - 1)];
        let lo = self.hits.partition_point(|h| h.start < from);
        // The last clause runs to the sentence's end.
        let hi = if last + 2 >= self.breaks.len() {
            self.hits.len()
        } else {
            self.hits.partition_point(|h| h.start < to)
        };
        &self.hits[lo..hi.max(lo)]
    }

    /// The clause holding byte `at`.
    pub fn clause_of(&self, at: usize) -> usize {
        self.breaks
            .partition_point(|&b| b <= at)
            .saturating_sub(1)
            .min(self.breaks.len().saturating_sub(2))
    }

    /// The clause holding byte `at`, for positions asked in rising order (a hit's,
    /// then the next's): a step on from `known`, the answer for an earlier position,
    /// rather than a search of every clause.
    fn clause_from(&self, known: Option<(usize, usize)>, at: usize) -> usize {
        match known {
            Some((before, mut c)) if before <= at => {
                let last = self.breaks.len().saturating_sub(2);
                while c < last && self.breaks[c + 1] <= at {
                    c += 1;
                }
                c
            }
            _ => self.clause_of(at),
        }
    }

    /// How many clauses the sentence has.
    pub fn clause_count(&self) -> usize {
        self.breaks.len() - 1
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
    /// Every kind with evidence, strongest first.
    pub ranking: Vec<(usize, f64)>,
}

/// An entity named in the sentence, for counted-noun evidence.
#[derive(Debug, Clone, Copy)]
pub struct NamedEntity {
    pub start: usize,
    pub end: usize,
    /// Index into the rule set's entities.
    pub entity: usize,
    pub entity_type: EntityType,
}

/// What the classifier knows of a figure's surroundings.
pub struct Surroundings<'a> {
    /// The normalised document.
    pub text: &'a str,
    pub view: &'a SentenceView,
    /// The sentence's figures: another stands between a cue and the figure
    /// when it lies between them (the figure itself never does).
    pub others: &'a [Range<usize>],
    /// The same figures read (`others[i]` is `figures[i]`'s span).
    pub figures: &'a [Quantity],
    /// The entities the sentence names.
    pub entities: &'a [NamedEntity],
    /// Whether a span is a word of its own (jieba's boundaries).
    pub is_word: &'a dyn Fn(usize, usize) -> bool,
    /// Whether a stretch of text holds a verb.
    pub has_verb: &'a dyn Fn(&str) -> bool,
    /// Stretches whose words do not speak for this figure: the other items of a
    /// list distributed over figures (`营收和净亏损分别为…`).
    pub ignore: &'a [Range<usize>],
    /// The kinds of each dimension.
    pub by_dimension: &'a KindsByDimension,
}

/// The kinds that take each dimension, and its default kind: found once per rule
/// set rather than asked of every kind for every figure.
pub struct KindsByDimension {
    /// (dimension, its kinds in rule-set order, the first of them that is a default).
    dimensions: Vec<(Dimension, Vec<usize>, Option<usize>)>,
}

impl KindsByDimension {
    pub fn new(kinds: &[Kind]) -> KindsByDimension {
        let mut dimensions: Vec<(Dimension, Vec<usize>, Option<usize>)> = Vec::new();
        for (k, kind) in kinds.iter().enumerate() {
            for &dim in &kind.dimensions {
                let i = match dimensions.iter().position(|d| d.0 == dim) {
                    Some(i) => i,
                    None => {
                        dimensions.push((dim, Vec::new(), None));
                        dimensions.len() - 1
                    }
                };
                let (_, of_dim, default) = &mut dimensions[i];
                // A kind listing a dimension twice is one kind of it.
                if of_dim.last() != Some(&k) {
                    of_dim.push(k);
                }
                if kind.default && default.is_none() {
                    *default = Some(k);
                }
            }
        }
        KindsByDimension { dimensions }
    }

    /// The kinds of `dim`, ascending, and its default kind.
    fn of(&self, dim: Dimension) -> (&[usize], Option<usize>) {
        self.dimensions
            .iter()
            .find(|d| d.0 == dim)
            .map_or((&[][..], None), |d| (d.1.as_slice(), d.2))
    }
}

/// The evidence gathered for one kind: one allocation per figure, not one per field.
#[derive(Clone, Default)]
struct Evidence {
    /// The counted noun's score and where the noun is.
    noun: f64,
    noun_word: Option<Range<usize>>,
    /// How far (in units) the nearest `not` word of the kind in the figure's
    /// clause is, and the nearest one-word cue there.
    veto_at: Near,
    cue_at: Near,
    /// A counted entity before the figure.
    entity_cue: f64,
    /// The strongest full (not weak) one-word cue before the figure.
    firm_before: f64,
}

/// Classifies `q` among `kinds` by the evidence around it.
pub fn classify(
    kinds: &[Kind],
    lexicon: &Lexicon,
    around: &Surroundings,
    q: &Quantity,
) -> Option<Classified> {
    let Surroundings {
        text,
        view,
        others,
        figures,
        entities,
        is_word,
        has_verb,
        ignore,
        by_dimension,
    } = *around;
    let dim = q.dimension();
    let (of_dim, default_kind) = by_dimension.of(dim);
    // `10亿参数规模以上的大模型`: a threshold that describes a class of things is no claim;
    // nor is a place among the top N (`one of the three largest startups`).
    if is_threshold_descriptor(&text[q.end..view.range.end])
        || is_top_n(
            &text[view.range.start..q.start],
            &text[q.end..view.range.end],
        )
    {
        return kinds
            .iter()
            .position(|k| k.name == crate::rules::OTHER_KIND)
            .map(|kind| Classified {
                kind,
                measure: kinds[kind].measure.clone(),
                noun: None,
                score: 0.0,
                ranking: Vec::new(),
            });
    }
    let size = q.value.high_value().or(q.value.low_value());
    // Which kinds the figure can be, decided once: every cue and noun asks.
    let low = q.value.low_value();
    let fitting = Fitting::new(kinds.len(), of_dim, |k| {
        let kind = &kinds[k];
        kind.min.is_none_or(|m| size.is_none_or(|v| at_least(v, m)))
            && kind.max.is_none_or(|m| low.is_none_or(|v| at_least(m, v)))
            && (dim != Dimension::Count
                || kind.count_rates.is_empty()
                || q.per.is_some_and(|p| kind.count_rates.contains(&p)))
    });
    let fits = |k: usize| fitting.has(k);
    let qc = view.clause_of(q.start);
    // `OpenAI's valuation from earlier this year, when it stood at $80 billion`: a
    // pronoun before the figure in its clause refers back to the clause before,
    // which then reaches the figure from its own end. A bare word of amount
    // (`订购了1600颗芯片,总金额超过10亿美元`) names the sum of what the clause
    // before did: its cues reach the figure as if they were in the figure's clause.
    // `训练所需的时间是: Duration=4.8e25/(312e12×25000×0.4×86400)≈178days`: the result
    // of a formula stands where the formula starts, and its operands are not figures
    // a cue before it could belong to. Looked for only when a cue in the clause before
    // asks (`reach`).
    let anaphor_found = std::cell::OnceCell::new();
    let anaphor = || {
        *anaphor_found.get_or_init(|| {
            let c = view.clause(qc);
            let before = &text[c.start..q.start.max(c.start)];
            if super::subject::refers_back(before) {
                Some(Anaphor {
                    end: view.clause(qc.saturating_sub(1)).end,
                    whole: false,
                })
            } else if is_formula(before) {
                Some(Anaphor {
                    end: c.start,
                    whole: false,
                })
            } else if is_total(before) || continues(before) {
                Some(Anaphor {
                    end: view.clause(qc.saturating_sub(1)).end,
                    whole: true,
                })
            } else {
                None
            }
        })
    };
    // The strength of each part of each cue met: (kind, cue, parts). Cues
    // come first, then the nouns standing as one-word cues (`build_lexicon`);
    // a sentence meets a few dozen, so a list beats a table of every cue.
    let mut met: Vec<(usize, usize, [f64; 4])> = Vec::new();
    let mut ev = vec![Evidence::default(); kinds.len()];
    // Only a count has a counted noun: what follows an amount of money is
    // what it pays for (`7亿元购入GPU服务器`).
    let window = if dim == crate::quantity::Dimension::Count {
        noun_window(text, q, view.range.end, others, has_verb)
    } else {
        q.end..q.end
    };
    // Counted nouns in the window: (start, end, kind). The last is the head of
    // the noun phrase (`130家研发大模型的公司` counts companies, not models).
    let mut nouns: Vec<(usize, usize, usize)> = Vec::new();
    // Words inside the figure (`人民币` in `25亿元人民币`) are its unit, but
    // the rate it names (`$700,000 a day`, `8万元/台`, `每小时 1 美元`) says
    // what it measures.
    let rate = q.per.is_some();
    // (position, clause) of the last hit placed.
    let mut placed: Option<(usize, usize)> = None;
    // `invest $80 billion in AI data centers`: the verb speaks for the kind its object
    // names, and for no other.
    let object =
        object_kind(kinds, lexicon, text, view, q, figures, entities).filter(|o| fits(o.0));
    // (Any word holding the verb: `投资了`, `invested` as well as `invest`.)
    let spends_on_object =
        |h: &LexHit| object.filter(|(_, verb)| h.start < verb.end && h.end > verb.start);
    // Cues reach two clauses back and one ahead (`reach`); counted nouns and vetoes lie
    // in the figure's own clause.
    for h in view.hits_in_clauses(qc.saturating_sub(2), qc + 1) {
        if h.start < q.end && h.end > q.start && !rate
            || ignore.iter().any(|r| r.contains(&h.start))
        {
            continue;
        }
        let roles = lexicon.roles(h.word);
        if !roles.iter().any(|r| role_kind(r).is_some_and(fits)) {
            continue;
        }
        let object_verb = spends_on_object(h);
        let hc = view.clause_from(placed, h.start);
        placed = Some((h.start, hc));
        // Only a cue needs its reach (counting the units between it and the
        // figure); a word that is only a counted noun or a veto here does not.
        let mut strength = None;
        for role in roles {
            match *role {
                Role::Cue { kind, cue, part }
                    if fits(kind) && object_verb.is_none_or(|(o, _)| o == kind) =>
                {
                    // (Cues past the kind's own list are its nouns: one word each.)
                    // (A weak cue, a verb many kinds share, shields from no veto: in
                    // `投资规模将降至80亿美元` 降至 prices nothing.)
                    if hc == qc
                        && kinds[kind]
                            .cues
                            .get(cue)
                            .is_none_or(|c| c.0.len() == 1 && c.1 >= 1.0)
                    {
                        ev[kind].cue_at.add(q, h);
                    }
                    let strength = *strength.get_or_insert_with(|| {
                        // `reach` reads the pronoun only for a cue before the figure
                        // in the clause before.
                        let anaphor = (hc + 1 == qc && h.end <= q.start).then(anaphor).flatten();
                        reach(text, q, h, (qc, hc), anaphor, figures)
                    });
                    let i = match met.iter().position(|m| m.0 == kind && m.1 == cue) {
                        Some(i) => i,
                        None => {
                            met.push((kind, cue, [0.0; 4]));
                            met.len() - 1
                        }
                    };
                    let p = &mut met[i].2[usize::from(part).min(3)];
                    *p = p.max(strength);
                    if h.end <= q.start
                        && kinds[kind]
                            .cues
                            .get(cue)
                            .is_none_or(|c| c.0.len() == 1 && c.1 >= 1.0)
                    {
                        ev[kind].firm_before = ev[kind].firm_before.max(strength);
                    }
                }
                Role::Noun { kind }
                    if fits(kind) && h.start >= window.start && h.end <= window.end =>
                {
                    // A one-character noun only as a word of its own: 人 in
                    // `300人`, not in `人工智能`.
                    let single = text[h.start..h.end].chars().count() == 1;
                    if !single || is_word(h.start, h.end) {
                        nouns.push((h.start, h.end, kind));
                    }
                }
                Role::Not { kind } if fits(kind) && hc == qc => {
                    ev[kind].veto_at.add(q, h);
                    // What an amount is of (`12亿美元的员工持股`, `$2 billion of shares`)
                    // is the figure's own noun: a `not` word there rules the kind out
                    // whatever cue stands nearer.
                    if dim != Dimension::Count
                        && h.start >= q.end
                        && owns_phrase(&text[q.end..h.start], has_verb)
                    {
                        ev[kind].veto_at.touching = true;
                    }
                    // A `not` word modifying a cue of the kind (`股权价值`: the value of a
                    // stake) makes the compound its own: the veto stands where the cue does.
                    if let Some(c) = view.hits_in_clauses(qc, qc).iter().find(|c| {
                        c.start >= h.end
                            && text[h.end..c.start].trim().is_empty()
                            && lexicon.roles(c.word).iter().any(|r| {
                                matches!(*r, Role::Cue { kind: k, cue, .. }
                                    if k == kind
                                        && kinds[k].cues.get(cue).is_none_or(|c| c.0.len() == 1))
                            })
                    }) {
                        ev[kind].veto_at.add(q, c);
                    }
                }
                _ => {}
            }
        }
    }
    // The verb is a one-word cue of its object's kind (one past the kind's cues and nouns).
    if let Some((kind, verb)) = object {
        let strength = reach(text, q, &verb, (qc, qc), None, figures);
        met.push((kind, usize::MAX, [strength, 0.0, 0.0, 0.0]));
        ev[kind].cue_at.add(q, &verb);
        if verb.end <= q.start {
            ev[kind].firm_before = ev[kind].firm_before.max(strength);
        }
    }
    // `DeepSeek V3的训练成本显著低于…,成本为557.6万美元`: a bare head noun just before
    // the figure stands for the compound named earlier in the sentence that ends with it.
    let own = view.clause(qc);
    for h in view.hits_in_clauses(qc, qc) {
        // (Two units are at most two words: the byte test first spares most hits the count.)
        if h.end > q.start
            || h.start < own.start
            || q.start - h.end > 24
            || units(&text[h.end..q.start]) > 2
            || !bare_head(&text[own.start..h.start])
        {
            continue;
        }
        let head = &text[h.start..h.end];
        let mut strength = None;
        for e in view.hits_in_clauses(0, qc) {
            if e.start >= h.start
                || e.end - e.start <= head.len()
                || !text[e.start..e.end].ends_with(head)
            {
                continue;
            }
            for role in lexicon.roles(e.word) {
                let Role::Cue { kind, cue, .. } = *role else {
                    continue;
                };
                if !fits(kind) || kinds[kind].cues.get(cue).is_none_or(|c| c.0.len() != 1) {
                    continue;
                }
                let strength = *strength
                    .get_or_insert_with(|| ANAPHOR * reach(text, q, h, (qc, qc), None, figures));
                match met.iter_mut().find(|m| m.0 == kind && m.1 == cue) {
                    Some(m) => m.2[0] = m.2[0].max(strength),
                    None => met.push((kind, cue, [strength, 0.0, 0.0, 0.0])),
                }
            }
        }
    }
    for e in entities {
        if e.start < window.start || e.end > window.end {
            continue;
        }
        for k in fitting.iter() {
            if kinds[k].noun_entities.contains(&e.entity_type) {
                nouns.push((e.start, e.end, k));
            }
        }
    }
    // A counted entity before the figure (`A100大约有4万个`) names what is
    // counted, as a noun before it does.
    for e in entities {
        if e.end > q.start || view.clause_of(e.start) != qc {
            continue;
        }
        let d = text[e.end..q.start]
            .chars()
            .filter(|c| !c.is_whitespace())
            .count() as f64;
        for k in fitting.iter() {
            if kinds[k].noun_entities.contains(&e.entity_type) {
                ev[k].entity_cue = ev[k].entity_cue.max(1.0 / (1.0 + d / 6.0));
            }
        }
    }
    let head_end = nouns.iter().map(|n| n.1).max();
    for &(start, end, k) in &nouns {
        let gap = units(&text[window.start..start]) as f64;
        let s = if Some(end) == head_end {
            HEAD_SCORE / (1.0 + gap / 12.0)
        } else {
            MODIFIER_SCORE / (1.0 + gap / 4.0)
        };
        if s > ev[k].noun {
            ev[k].noun = s;
            ev[k].noun_word = Some(start..end);
        }
    }
    // A count of a noun no kind lists (`四层架构`, `两套标准`) — unless a verb follows
    // the measure word (`2.7万块提升至…`): then nothing is named.
    let other_noun = nouns.is_empty() && counts_other_noun(&text[window.clone()], has_verb);
    // The measure word after a count agrees with what is counted: in
    // `8颗英伟达H800 GPU的服务器` 颗 counts the GPUs, not the server. With no
    // counted noun at all (`提升至约3万块`) it is weak evidence by itself.
    let classifier = text[q.end..]
        .chars()
        .next()
        .filter(|&c| crate::quantity::is_classifier(c));
    // `日均生成图片5000万张`: a count whose measure word names nothing after it counts
    // the noun right before it (topic first), as a noun after it would.
    if classifier.is_some() && nouns.is_empty() && !other_noun {
        for h in view.hits_in_clauses(qc, qc) {
            if h.end > q.start
                || !links_count(&text[h.end..q.start])
                || text[h.start..h.end].chars().count() < 2
            {
                continue;
            }
            for role in lexicon.roles(h.word) {
                if let Role::Noun { kind } = *role
                    && fits(kind)
                    && ev[kind].noun < HEAD_SCORE
                {
                    ev[kind].noun = HEAD_SCORE;
                    ev[kind].noun_word = Some(h.start..h.end);
                    // (Named, the noun is no foreign measure word's.)
                    nouns.push((h.start, h.end, kind));
                }
            }
        }
    }
    if let Some(cl) = classifier {
        for k in fitting.iter() {
            if !kinds[k].classifiers.contains(&cl) {
                continue;
            }
            if ev[k].noun_word.is_some() {
                ev[k].noun = ev[k].noun.max(HEAD_SCORE);
            } else if !other_noun {
                ev[k].noun = ev[k].noun.max(CLASSIFIER_SCORE);
            }
        }
    }
    for k in fitting.iter() {
        if kinds[k].units.contains(&q.unit) {
            ev[k].noun = ev[k].noun.max(UNIT_SCORE);
        }
    }
    // `首批发布8B和70B`: a magnitude letter glued to a count names what is counted as a
    // measure word does.
    if dim == crate::quantity::Dimension::Count {
        let written = text.get(q.start..q.end).unwrap_or_default();
        let letters = written.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if letters.ends_with(|c: char| c.is_ascii_digit()) {
            let suffix = &written[letters.len()..];
            for k in fitting.iter() {
                if kinds[k].written_with.iter().any(|w| w == suffix) {
                    ev[k].noun = ev[k].noun.max(CLASSIFIER_SCORE);
                }
            }
        }
    }
    // `四层架构`, `两套标准`: a count of a noun no kind lists counts something
    // else, whatever the cues around it say about the sentence.
    let cue_weight = if other_noun { FOREIGN_NOUN_WEIGHT } else { 1.0 };
    let sorts = text[q.end..].starts_with(['种', '类']);
    let mut best: Option<(usize, f64)> = None;
    // The best kind whose evidence is more than weak cues (verbs many kinds share).
    let mut best_firm: Option<(usize, f64)> = None;
    let mut weak_only = vec![false; kinds.len()];
    let mut ranking: Vec<(usize, f64)> = Vec::new();
    for k in fitting.iter() {
        let kind = &kinds[k];
        // A bare count with a measure word a kind that lists its own does not use counts
        // something else (`分为三类`: categories; `3000台`: servers, not GPUs). 个, the
        // measure word of anything, says nothing.
        // 种 and 类 count sorts whatever noun follows (`40余种国产芯片`: forty kinds of
        // chips), so a kind that counts units by its own measure words is not named.
        let foreign_classifier = !kind.classifiers.is_empty()
            && (sorts
                || nouns.is_empty()
                    && classifier.is_some_and(|c| c != '个' && !kind.classifiers.contains(&c)))
            // `出货400万组`: a measure word the kind rules out counts something else,
            // unless a noun of the kind follows it.
            || ev[k].noun_word.is_none()
                && classifier.is_some_and(|c| kind.not_classifiers.contains(&c));
        // A `not` word rules the kind out unless the figure's own counted noun names it
        // (`七百亿参数的模型…动用了8000-10000块H100`: 参数 describes the model), or a cue
        // of the kind stands nearer the figure than it (`raise $2 billion at a valuation
        // of $60 billion`: the valuation is the other figure's).
        // (Only the head of the noun phrase scores above a modifier.)
        let named_by_noun = ev[k].noun_word.is_some() && ev[k].noun > MODIFIER_SCORE;
        let vetoed = ev[k].veto_at.is_set()
            && ev[k]
                .veto_at
                .units(text, q)
                .is_some_and(|v| ev[k].cue_at.units(text, q).is_none_or(|c| c >= v));
        if vetoed && !named_by_noun || foreign_classifier {
            continue;
        }
        // A cue is as strong as the geometric mean of its parts (an absent part is 0,
        // and so is the mean then).
        // (full cues, weak cues)
        let (firm, weak) = met.iter().filter(|m| m.0 == k).fold(
            (0.0, 0.0),
            |(firm, weak): (f64, f64), &(_, c, parts)| {
                let (n, weight) = kind.cues.get(c).map_or((1, 1.0), |c| (c.0.len(), c.1));
                let parts = &parts[..n.min(4)];
                let s = weight
                    * if parts.len() == 1 {
                        parts[0]
                    } else {
                        parts.iter().product::<f64>().powf(1.0 / parts.len() as f64)
                    };
                if weight < 1.0 {
                    (firm, weak.max(s))
                } else {
                    (firm.max(s), weak)
                }
            },
        );
        let evidence = ev[k].noun.max(ev[k].entity_cue);
        let score = (firm.max(weak) * cue_weight).max(evidence);
        weak_only[k] = (firm * cue_weight).max(evidence) < MIN_SCORE;
        if score >= MIN_SCORE {
            ranking.push((k, score));
        }
        if score >= MIN_SCORE && best.is_none_or(|(_, b)| score > b) {
            best = Some((k, score));
        }
        // A full cue before the figure (the topic, named first) outweighs a weak
        // one of another kind (`收入则下降33.2%,降至2.56亿元`: 降至 prices nothing).
        let firm_before = ev[k].firm_before * cue_weight;
        if firm_before >= MIN_SCORE && best_firm.is_none_or(|(_, b)| score > b) {
            best_firm = Some((k, score));
        }
    }
    if let (Some((b, _)), Some(f)) = (best, best_firm)
        && weak_only[b]
    {
        best = Some(f);
    }
    ranking.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let (kind, score) = match best {
        Some(b) => b,
        None => (default_kind?, 0.0),
    };
    let noun = (score > 0.0 && ev[kind].noun >= score)
        .then(|| ev[kind].noun_word.clone())
        .flatten()
        .map(|r| text[r].to_string());
    Some(Classified {
        kind,
        measure: measure_of(
            text,
            (kind, &kinds[kind]),
            lexicon,
            view,
            q,
            figures,
            ignore,
        ),
        noun,
        score,
        ranking,
    })
}

/// The kinds a figure can be, in rule-set order: a bit each (a flag each past 128
/// kinds), as every cue and noun asks and the kinds' loops visit them alone.
struct Fitting {
    bits: [u64; 2],
    many: Vec<bool>,
}

impl Fitting {
    /// The kinds among `candidates` (ascending, each below `kinds`) that `fits`.
    fn new(kinds: usize, candidates: &[usize], fits: impl Fn(usize) -> bool) -> Fitting {
        let mut set = Fitting {
            bits: [0; 2],
            many: Vec::new(),
        };
        if kinds > 128 {
            set.many = vec![false; kinds];
            for &k in candidates {
                set.many[k] = fits(k);
            }
        } else {
            for &k in candidates.iter().filter(|&&k| fits(k)) {
                set.bits[k >> 6] |= 1 << (k & 63);
            }
        }
        set
    }

    fn has(&self, k: usize) -> bool {
        match self.many.get(k) {
            Some(&fits) => fits,
            None => k < 128 && self.bits[k >> 6] >> (k & 63) & 1 == 1,
        }
    }

    /// The fitting kinds' indices, ascending.
    fn iter(&self) -> FittingKinds<'_> {
        FittingKinds {
            set: self,
            word: 0,
            bits: self.bits[0],
            next: 0,
        }
    }
}

/// [`Fitting::iter`]: the bits of each word in turn, lowest first, then the flags.
struct FittingKinds<'a> {
    set: &'a Fitting,
    word: usize,
    bits: u64,
    /// The next flag to look at, past 128 kinds.
    next: usize,
}

impl Iterator for FittingKinds<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        loop {
            if self.bits != 0 {
                let k = self.word * 64 + self.bits.trailing_zeros() as usize;
                self.bits &= self.bits - 1;
                return Some(k);
            }
            if self.word + 1 < self.set.bits.len() {
                self.word += 1;
                self.bits = self.set.bits[self.word];
                continue;
            }
            let many = &self.set.many;
            while self.next < many.len() {
                self.next += 1;
                if many[self.next - 1] {
                    return Some(self.next - 1);
                }
            }
            return None;
        }
    }
}

/// `a >= b`, compared as integers when both have the same scale (most figures and
/// bounds are whole numbers): the general comparison rescales first.
fn at_least(a: rust_decimal::Decimal, b: rust_decimal::Decimal) -> bool {
    if a.scale() == b.scale() {
        a.mantissa() >= b.mantissa()
    } else {
        a >= b
    }
}

fn role_kind(r: &Role) -> Option<usize> {
    match *r {
        Role::Cue { kind, .. } | Role::Noun { kind } | Role::Not { kind } => Some(kind),
        Role::Measure { .. } | Role::Object { .. } | Role::ObjectVerb { .. } => None,
    }
}

/// Whether `s`, the start of a figure's clause up to the figure, is a formula the
/// figure is the result of: a name or nothing, `=`, then only digits, Latin letters
/// and operators (`Duration=4.8∗1025/(312∗1012∗25000)`).
/// Where a cue in the clause before a figure reaches it from, through a word in the
/// figure's clause that points back: a pronoun or a formula (`whole` false), or a
/// bare word of amount (`whole`: the clause before counts as the figure's own).
#[derive(Clone, Copy)]
struct Anaphor {
    end: usize,
    whole: bool,
}

/// Whether a count between `before` and `after` ranks rather than counts: `one of the
/// three largest`, `among the five biggest` (a superlative follows the figure).
fn is_top_n(before: &str, after: &str) -> bool {
    const SUPERLATIVES: [&str; 9] = [
        "largest", "biggest", "top", "leading", "most", "best", "richest", "fastest", "highest",
    ];
    let before = before.trim_end().to_ascii_lowercase();
    let word = after
        .trim_start()
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    (before.ends_with("one of the") || before.ends_with("among the"))
        && SUPERLATIVES.contains(&word.as_str())
}

/// Whether the start of a figure's clause before it is only a verb of change
/// (`降至`, `则进一步增长到`): the clause has no subject of its own and goes on
/// with the one before (`智能汽车收入则下降33.2%,降至2.56亿元` is revenue).
fn continues(before: &str) -> bool {
    const ADVERBS: [&str; 8] = ["则", "更是", "更", "也", "又", "并", "进一步", "最终"];
    const VERBS: [&str; 9] = ["降", "跌", "升", "涨", "增", "减", "增长", "下降", "上升"];
    let mut s = before.trim();
    while let Some(a) = ADVERBS.iter().find(|a| s.starts_with(*a)) {
        s = &s[a.len()..];
    }
    let Some(verb) = s.strip_suffix(['至', '到']) else {
        return false;
    };
    VERBS.contains(&verb)
}

/// Whether the start of a figure's clause before it (`总金额超过`, `合计约`, `交易总额为`)
/// is a bare word of amount: the sum of what the clause before describes. Short, so
/// that a clause naming its own topic (`其中广告收入总额为`) does not count.
fn is_total(before: &str) -> bool {
    const TOTALS: [&str; 11] = [
        "总金额",
        "总额",
        "金额",
        "总价",
        "总值",
        "总计",
        "合计",
        "共计",
        "总共",
        "一共",
        "累计",
    ];
    let s = before.trim();
    !s.is_empty()
        && s.len() <= 30
        // Every word of TOTALS has one of these: one pass rules most clauses out.
        && s.contains(['总', '额', '计', '共', '累'])
        && TOTALS.iter().any(|t| {
            s.find(t)
                // Before the word only a determiner (`这笔`, `该笔订单`, `交易`), at most
                // four characters.
                .is_some_and(|at| s[..at].chars().count() <= 4)
        })
}

fn is_formula(s: &str) -> bool {
    let s = s.trim();
    let Some((name, expr)) = s.split_once('=') else {
        return false;
    };
    let operand =
        |c: char| c.is_ascii_alphanumeric() || c.is_whitespace() || "+-*/^().,=∗×÷·".contains(c);
    name.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ' ')
        && expr.chars().any(|c| c.is_ascii_digit())
        && expr.chars().all(operand)
}

/// How strongly a cue at `h` speaks for figure `q`: by clause, distance and side.
fn reach(
    text: &str,
    q: &Quantity,
    h: &LexHit,
    (qc, hc): (usize, usize),
    anaphor: Option<Anaphor>,
    figures: &[Quantity],
) -> f64 {
    let through = anaphor.filter(|a| hc + 1 == qc && a.end > h.end && a.end <= q.start);
    let scope = match qc as isize - hc as isize {
        0 => 1.0,
        1 if through.is_some_and(|a| a.whole) => 1.0,
        1 => 0.5,
        2 => 0.25,
        -1 => 0.35,
        _ => return 0.0,
    };
    // A cue in the clause after that holds a figure of its own of the dimension is
    // that figure's (`累计获得资金30亿元,估值飙升至400亿元`: the valuation is 400亿's).
    if hc > qc
        && figures.iter().any(|o| {
            o.start >= q.end
                && o.dimension() == q.dimension()
                && !text[h.start.min(o.start)..h.end.max(o.start)].contains(is_clause_break)
        })
    {
        return 0.0;
    }
    let (gap, after) = if h.end <= q.start {
        // Through a pronoun, a cue in the clause before reaches from that clause's end;
        // past a formula, from where the formula starts.
        let to = through.map_or(q.start, |a| a.end);
        (h.end..to, false)
    } else if h.start >= q.end {
        // An aside right after the figure (`103亿美元(约合人民币748.72亿元)的收入`, `$5 billion
        // (about 36 billion yuan) in revenue`) restates it: the cue reaches across.
        let from = (q.end + aside_len(&text[q.end..h.start])).min(h.start);
        (from..h.start, true)
    } else {
        (q.start..q.start, false)
    };
    // In units (a Chinese character or a Latin word each), so English cues
    // reach as far as Chinese ones. (The parentheses read in the same pass.)
    let (distance, opens, closes) = units_and_parens(&text[gap.clone()]);
    let distance = distance as f64;
    let mut s = scope / (1.0 + distance / 6.0);
    if after {
        s *= 0.8;
    }
    // A cue in an aside (`训练模型成本(包括购买数据授权)…30亿美元`) speaks for
    // the aside, not for a figure outside it.
    // A parenthesis opened (after the figure) or closed (before it) in the
    // gap and not matched there puts the cue inside an aside.
    let parenthesised = if after {
        opens && !closes
    } else {
        closes && !opens
    };
    if parenthesised {
        s *= 0.5;
    }
    // A figure between the cue and `q` is the cue's more likely owner — unless the
    // figures between are joined to `q` as one list (`投资了6亿美元和4亿美元`), whose
    // members the cue before it speaks for alike, or it measures something else than
    // `q` does: a count owns no cost (`trained V3 on 2,048 H800 chips at a cost of
    // $5.6 million`; `订购了1600颗芯片,总金额超过10亿美元`).
    let between = figures
        .iter()
        .filter(|o| {
            o.start >= gap.start
                && o.end <= gap.end
                && o.start < o.end
                && o.dimension() == q.dimension()
        })
        .map(|o| o.start..o.end);
    if between.clone().next().is_some()
        && !(h.end <= q.start && joined_list(text, between, q.start))
    {
        s *= 0.5;
    }
    s
}

/// Whether the text after a figure makes it a threshold describing a class of
/// things (`10亿参数规模以上的大模型`, `营收1亿元以上的企业`): a noun of the figure's own,
/// then 以上/以下 and 的. A count of the class itself (`100个以上的大模型`) has no noun
/// of its own before 以上.
fn is_threshold_descriptor(after: &str) -> bool {
    const BOUNDS: [&str; 4] = ["及以上的", "及以下的", "以上的", "以下的"];
    // Twelve characters at most: most figures are ruled out by a byte search.
    let mut cut = after.len().min(36);
    while !after.is_char_boundary(cut) {
        cut -= 1;
    }
    let near = &after[..cut];
    // Both bounds start with 以: one search for it, not a searcher for each bound.
    let bounded = near
        .match_indices('以')
        .map(|(i, _)| &near[i + '以'.len_utf8()..])
        .any(|rest| rest.starts_with("上的") || rest.starts_with("下的"));
    if !bounded {
        return false;
    }
    let head: String = near
        .chars()
        .take_while(|&c| !is_clause_break(c) && c != '。' && !c.is_ascii_digit())
        .collect();
    let Some((own, _)) = BOUNDS
        .iter()
        .filter_map(|b| head.find(b).map(|i| head.split_at(i)))
        .min_by_key(|(own, _)| own.len())
    else {
        return false;
    };
    let own = own.trim_start_matches(crate::quantity::is_classifier);
    own.chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count()
        >= 2
}

/// The nearest lexicon hits of one sort on each side of a figure (byte offsets: the
/// end of the one before, the start of the one after), or one overlapping it; their
/// distance in units is counted only when asked.
#[derive(Debug, Clone, Copy, Default)]
struct Near {
    before: Option<usize>,
    after: Option<usize>,
    touching: bool,
}

impl Near {
    fn add(&mut self, q: &Quantity, h: &LexHit) {
        if h.end <= q.start {
            self.before = Some(self.before.map_or(h.end, |b| b.max(h.end)));
        } else if h.start >= q.end {
            self.after = Some(self.after.map_or(h.start, |a| a.min(h.start)));
        } else {
            self.touching = true;
        }
    }

    #[inline]
    fn is_set(&self) -> bool {
        self.touching || self.before.is_some() || self.after.is_some()
    }

    /// Units (characters or Latin words) between the figure and the nearest hit.
    fn units(&self, text: &str, q: &Quantity) -> Option<usize> {
        if self.touching {
            return Some(0);
        }
        let before = self.before.map(|b| units(&text[b..q.start]));
        let after = self.after.map(|a| units(&text[q.end..a]));
        match (before, after) {
            (Some(b), Some(a)) => Some(b.min(a)),
            (b, a) => b.or(a),
        }
    }
}

/// Units between a verb and the figure it spends (`plans to invest up to $4 billion`,
/// `投资总额达100亿元`).
const VERB_GAP: usize = 4;
/// Units between the figure (or its verb, when after it) and the object the money goes
/// to: a few words of English, a few more characters of Chinese (`投资600亿元用于建设云和
/// AI硬件基础设施`).
const OBJECT_GAP: usize = 10;

/// The kind whose object the money of figure `q` goes to, and the verb that spends
/// it: `invest $80 billion in AI data centers`, `投资600亿元建设云和AI硬件基础设施`.
/// What money is put into says more than the verb that puts it, which other kinds
/// use too (`invest $10 billion in OpenAI` is funding). The verb stands before the
/// figure in its clause (or after it in the passive: `$80 billion will be invested
/// in…`), the object after both, as the head of the phrase the verb governs: not a
/// modifier of another noun (`AI芯片初创企业`, `chip startups`), not past a named
/// investee (`in OpenAI to build data centers`) or a clause of its own (`in startups
/// building data centers`).
pub(crate) fn object_kind(
    kinds: &[Kind],
    lexicon: &Lexicon,
    text: &str,
    view: &SentenceView,
    q: &Quantity,
    figures: &[Quantity],
    entities: &[NamedEntity],
) -> Option<(usize, LexHit)> {
    let qc = view.clause_of(q.start);
    let hits = view.hits_in_clauses(qc, qc);
    let clause = view.clause(qc);
    // (A verb may spend for several kinds, each with objects of its own.)
    let object_verb = |h: &LexHit| {
        lexicon.roles(h.word).iter().filter_map(|r| match *r {
            Role::ObjectVerb { kind } => Some(kind),
            _ => None,
        })
    };
    // Another figure of the dimension between two points is the nearer owner of what
    // lies between.
    let figure_between = |a: usize, b: usize| {
        figures.iter().any(|o| {
            o.start >= a && o.end <= b && o.start != q.start && o.dimension() == q.dimension()
        })
    };
    let governs = |h: &LexHit| {
        if h.start < clause.start || h.end > clause.end {
            false
        } else if h.end <= q.start {
            units(&text[h.end..q.start]) <= VERB_GAP && !figure_between(h.end, q.start)
        } else if h.start >= q.end {
            let gap = &text[q.end..h.start];
            units(gap) <= VERB_GAP && is_passive(gap)
        } else {
            false
        }
    };
    let mut verbs = hits
        .iter()
        .flat_map(|h| object_verb(h).map(move |kind| (kind, *h)))
        .filter(|(_, h)| governs(h));
    verbs.find_map(|(kind, verb)| {
        let from = verb.end.max(q.end);
        hits.iter()
            .filter(|o| {
                o.start >= from
                    && o.end <= clause.end
                    && lexicon.roles(o.word).contains(&Role::Object { kind })
            })
            .find(|o| {
                let gap = &text[from..o.start];
                units(gap) <= OBJECT_GAP
                    && !figure_between(from, o.start)
                    && !names_investee(text, from..o.start, o.start, entities)
                    && !gap_has_clause(gap)
                    && is_head(&text[o.end..clause.end], o.start, hits, lexicon, kind, text)
            })
            // `spent $100 million on compute to train GPT-4`: a purpose after the
            // object that names another kind says what the money was for.
            .filter(|o| !purpose_names_other(kinds, lexicon, hits, o.end..clause.end, kind))
            .or_else(|| {
                // `在数据中心上投资100亿元`: Chinese puts where the money goes before the
                // verb, after 在, the object closing the phrase (上, 方面, 领域 may follow).
                if verb.end > q.start {
                    return None;
                }
                hits.iter()
                    .filter(|o| {
                        o.start >= clause.start
                            && o.end <= verb.start
                            && lexicon.roles(o.word).contains(&Role::Object { kind })
                    })
                    .find(|o| {
                        let Some(zai) = text[clause.start..o.start].rfind('在') else {
                            return false;
                        };
                        let from = clause.start + zai + '在'.len_utf8();
                        let rest = text[o.end..verb.start].trim();
                        let rest = rest.strip_prefix("建设").unwrap_or(rest);
                        units(&text[from..o.start]) <= OBJECT_GAP
                            && matches!(rest, "" | "上" | "方面" | "领域" | "中")
                            && !names_investee(text, from..o.start, o.start, entities)
                    })
                    .filter(|_| !purpose_names_other(kinds, lexicon, hits, q.end..clause.end, kind))
            })
            .map(|_| (kind, verb))
    })
}

/// Whether a cue of its own (not a noun standing as one) of a kind other than `kind`
/// starts in `range` and is no object of `kind`.
fn purpose_names_other(
    kinds: &[Kind],
    lexicon: &Lexicon,
    hits: &[LexHit],
    range: Range<usize>,
    kind: usize,
) -> bool {
    hits.iter()
        .filter(|h| h.start >= range.start && h.end <= range.end)
        .any(|h| {
            let roles = lexicon.roles(h.word);
            !roles.contains(&Role::Object { kind })
                && roles.iter().any(|r| match *r {
                    Role::Cue { kind: k, cue, .. } => {
                        k != kind && kinds[k].cues.get(cue).is_some_and(|c| c.0.len() == 1)
                    }
                    _ => false,
                })
        })
}

/// Whether `gap`, between a figure and a verb after it, makes the verb passive
/// (`$80 billion will be invested`): otherwise the verb after a figure is a purpose
/// of its own (`raised $1 billion to invest in data centers`).
fn is_passive(gap: &str) -> bool {
    gap.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "be" | "been" | "being" | "is" | "are" | "was" | "were"
        )
    })
}

/// Whether an entity between a verb and its object (`range`) is who receives the
/// money (`invested $30 billion in OpenAI to build data centers`) rather than the
/// maker of the object (`Nvidia chips`, `英伟达的GPU`, `OpenAI's data centers`).
fn names_investee(
    text: &str,
    range: Range<usize>,
    object: usize,
    entities: &[NamedEntity],
) -> bool {
    entities.iter().any(|e| {
        e.start >= range.start
            && e.end <= range.end
            && !matches!(text[e.end..object].trim(), "" | "'s" | "’s" | "的")
    })
}

/// Whether `gap` (between a figure and an object) holds a clause of its own past a
/// noun (`in startups building data centers`, `in a firm that builds…`): the object is
/// then that clause's, not the figure's. A verb right after the figure links it
/// (`$80 billion to build data centers`).
fn gap_has_clause(gap: &str) -> bool {
    const LINKS: [&str; 13] = [
        "in", "into", "on", "for", "toward", "towards", "the", "its", "their", "a", "an", "of",
        "more",
    ];
    let mut noun_seen = false;
    for w in gap
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let w = w.to_ascii_lowercase();
        let starts_clause = w.ends_with("ing")
            || matches!(
                w.as_str(),
                "to" | "that" | "which" | "who" | "whose" | "where"
            );
        if starts_clause {
            if noun_seen {
                return true;
            }
        } else if !LINKS.contains(&w.as_str()) {
            noun_seen = true;
        }
    }
    false
}

/// Whether the object at `start` ends its noun phrase (`rest` follows it to the end of
/// the clause): heads come last in English and Chinese, so a noun after it (`chip
/// startups`, `芯片初创企业`) is what the phrase names. Another object of the kind after
/// it is its own candidate.
fn is_head(
    rest: &str,
    start: usize,
    hits: &[LexHit],
    lexicon: &Lexicon,
    kind: usize,
    text: &str,
) -> bool {
    // Words after an object that end its phrase (a preposition, a conjunction, a
    // determiner, an auxiliary starting the predicate) or go on with the spending.
    const EN: &str = "in on at for across over this next last and or to by with through from \
        within around during until between the a an its their as that which globally \
        worldwide annually will would is are was were has have had could should may might \
        can capacity construction projects expansion buildout";
    const ZH: &str = "建设 等 和 与 及 以及 项目 方面 领域 上 中 扩建 兴建 扩容 升级 的建设 集群";
    let latin = text[..start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        || text[start..].starts_with(|c: char| c.is_ascii_alphabetic());
    let mut rest = rest;
    // A plural `s` is the object's own.
    if latin
        && rest.starts_with(['s', 'S'])
        && !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic())
    {
        rest = &rest[1..];
    }
    let next = rest.trim_start();
    let Some(c) = next.chars().next() else {
        return true;
    };
    if c.is_ascii_alphabetic() {
        let word = next
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        return EN.split_whitespace().any(|w| w == word);
    }
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        // Another object right after is the head's candidate, not this one.
        let at = text.len() - next.len();
        let another = hits
            .iter()
            .any(|h| h.start == at && lexicon.roles(h.word).contains(&Role::Object { kind }));
        return !another && ZH.split(' ').any(|w| next.starts_with(w));
    }
    // Punctuation, a digit, the clause's end.
    true
}

/// Whether a head noun after `before` (its clause up to the noun) stands bare: at the
/// clause's start or after a determiner, so it names nothing of its own (`成本为…`,
/// `其成本为…`, `its cost was…`; not `推理成本为…`).
fn bare_head(before: &str) -> bool {
    let b = before.trim_end();
    b.is_empty()
        || b.ends_with(['其', '该', '这', '此', '的'])
        || b.rsplit(|c: char| !c.is_ascii_alphabetic())
            .next()
            .is_some_and(|w| {
                matches!(
                    w.to_ascii_lowercase().as_str(),
                    "its" | "the" | "their" | "this"
                )
            })
}

/// The length of a bracketed aside at the start of `gap` (after leading spaces),
/// closed within it; 0 when there is none.
fn aside_len(gap: &str) -> usize {
    let body = gap.trim_start();
    if !body.starts_with('(') {
        return 0;
    }
    body.find(')')
        .map_or(0, |close| gap.len() - body.len() + close + 1)
}

/// Whether `figures` (in text order) and the figure at `to` are joined one to the next
/// by a conjunction or list mark alone.
fn joined_list(text: &str, figures: impl Iterator<Item = Range<usize>> + Clone, to: usize) -> bool {
    const JOINERS: &[&str] = &["和", "与", "及", "、", "或", ",", "and", "or", ", and"];
    let ends = figures.clone().map(|f| f.end);
    let starts = figures.skip(1).map(|f| f.start).chain([to]);
    ends.zip(starts).all(|(end, start)| {
        end <= start
            && text
                .get(end..start)
                .is_some_and(|g| JOINERS.contains(&g.trim()))
    })
}

/// Where the figure's counted noun phrase can lie: from the figure to the first
/// clause break, preposition or adverb (`在…张H100上训练`: not beyond 上), 的
/// after a plain noun phrase, other figure, or [`NOUN_GAP`] units (a Chinese
/// character or a Latin word each).
fn noun_window(
    text: &str,
    q: &Quantity,
    limit: usize,
    others: &[Range<usize>],
    has_verb: &dyn Fn(&str) -> bool,
) -> Range<usize> {
    let start = q.end;
    let mut end = start;
    let mut used = 0;
    let next_figure = others
        .iter()
        .map(|o| o.start)
        .filter(|&s| s >= start)
        .min()
        .unwrap_or(limit);
    let limit = limit.min(next_figure);
    let rest = &text[start..limit];
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_clause_break(c)
            || NOUN_STOPS.contains(&c)
            || matches!(c, '。' | '(' | ')' | '“' | '”' | '"')
            // A dash (folded to `-`) after a space opens an aside: `five million – up from…`.
            || c == '-' && rest[..i].ends_with(' ')
        {
            break;
        }
        // `130家研发大模型的公司` counts companies: a relative clause (with a
        // verb) before 的 leaves the head after it. `8颗H800 GPU的服务器`
        // counts GPUs: a plain noun phrase before 的 is the head.
        if c == '的' && !has_verb(&rest[..i]) {
            break;
        }
        // 用 starts `用于`/`用来` (purpose), not `使用` (the noun phrase's verb).
        if c == '用' && rest[i + c.len_utf8()..].starts_with(['于', '来']) {
            break;
        }
        if c.is_ascii_alphanumeric() {
            // A Latin word: one unit; English function words end the phrase.
            let word_end = rest[i..]
                .find(|x: char| !(x.is_ascii_alphanumeric() || x == '-' || x == '.' || x == '\''))
                .map_or(rest.len(), |n| i + n);
            let word = &rest[i..word_end];
            let lower = word.to_ascii_lowercase();
            // `8 of the H800 chips`: a partitive leads to the counted noun.
            if used == 0
                && matches!(
                    lower.as_str(),
                    "of" | "the" | "these" | "those" | "its" | "their"
                )
            {
                while chars.peek().is_some_and(|&(j, _)| j < word_end) {
                    chars.next();
                }
                continue;
            }
            if ENGLISH_STOPS.contains(&lower.as_str()) {
                break;
            }
            // `two batches of AI models`, `three rounds of funding`: the noun before `of`
            // is what is counted, unless it only measures (`10,000 units of H100`).
            if lower == "of" && used > 0 {
                let before = text[start..start + i].trim_end();
                let last = before
                    .rsplit(|x: char| !x.is_ascii_alphabetic())
                    .next()
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if !ENGLISH_MEASURE_NOUNS.contains(&last.as_str()) {
                    break;
                }
            }
            while chars.peek().is_some_and(|&(j, _)| j < word_end) {
                chars.next();
            }
            used += 1;
            end = start + word_end;
        } else if c.is_whitespace() {
            // A space before more Chinese ends a phrase (`45000個 生成式AI業務`
            // in a headline); before a Latin name it does not (`張 Nvidia H100`).
            let next = rest[i..].trim_start().chars().next();
            if used > 0 && next.is_some_and(|n| !n.is_ascii()) {
                break;
            }
            continue;
        } else {
            used += 1;
            end = start + i + c.len_utf8();
        }
        if used >= NOUN_GAP {
            break;
        }
    }
    start..end
}

/// Characters that end a counted noun phrase: prepositions, copulas, adverbs, and the
/// position words a figure takes (`1.6万亿-1.8万亿之间`, `3万左右`), which count nothing.
const NOUN_STOPS: &[char] = &[
    '于', '在', '上', '为', '是', '被', '把', '给', '将', '让', '使', '对', '从', '到', '至', '也',
    '都', '就', '才', '还', '已', '仍', '并', '而', '但', '中', '时', '后', '里', '以', '之', '左',
];

/// English words that end a counted noun phrase.
const ENGLISH_STOPS: &[&str] = &[
    "for", "to", "in", "on", "at", "by", "with", "from", "that", "which", "who", "was", "were",
    "is", "are", "has", "have", "had", "will", "would", "could", "can", "this", "last", "per",
    "each", "a", "an", "the", "than", "as", "if", "while", "since", "after", "before",
];

/// English nouns that only measure what follows their `of` (`10,000 units of H100`).
const ENGLISH_MEASURE_NOUNS: &[&str] = &["unit", "units", "piece", "pieces", "pcs"];

/// How much cue evidence counts for a figure whose counted noun no kind lists.
const FOREIGN_NOUN_WEIGHT: f64 = 0.3;

/// Whether a counted-noun window names a noun: two Chinese characters after
/// the classifier, or a Latin word.
fn counts_other_noun(window: &str, has_verb: &dyn Fn(&str) -> bool) -> bool {
    let window = window.trim_start();
    let mut chars = window.chars();
    let first = chars.next();
    let classifier = first.is_some_and(crate::quantity::is_classifier);
    let rest: &str = match first {
        Some(_) if classifier => chars.as_str(),
        Some(_) => window,
        None => return false,
    };
    let cjk = rest
        .chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count();
    (cjk >= 2
        || rest
            .split_whitespace()
            .any(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_alphabetic())))
        // A verb right after the measure word (`2.7万块提升至…`) names nothing. Asked
        // last: the word tagger is the dearest test, and most windows fail above.
        && !(classifier && {
            let head = rest.char_indices().nth(2).map_or(rest, |(i, _)| &rest[..i]);
            head.chars().count() == 2 && has_verb(head)
        })
}

/// Whether `gap`, between a noun and a count after it, joins them as the thing and its
/// number: nothing, or a word of amount (`图片共1.2亿张`, `芯片约3万块`).
fn links_count(gap: &str) -> bool {
    let g = gap.trim();
    g.chars().count() <= 2 && g.chars().all(|c| "共约达为有计总累近逾超".contains(c))
}

/// Whether `gap`, between an amount and a noun after it, makes the noun what the
/// amount is of: `的` then a few words and no verb (`12亿美元的该公司员工持股`), or `of`,
/// `worth of` or `in` then at most two words (`$2 billion of its shares`, `$1 billion
/// in stock`; not `€400mn in a round that valued…`, where the word is a clause's).
fn owns_phrase(gap: &str, has_verb: &dyn Fn(&str) -> bool) -> bool {
    let g = gap.trim_start();
    if let Some(rest) = g.strip_prefix('的') {
        return units(rest) <= 8 && !has_verb(rest);
    }
    let lower = g.to_ascii_lowercase();
    ["of ", "worth of ", "in "].iter().any(|p| {
        lower.starts_with(p) && {
            let words: Vec<&str> = lower[p.len()..].split_whitespace().collect();
            words.len() <= 2
                && !words
                    .iter()
                    .any(|w| matches!(*w, "that" | "which" | "who" | "when" | "while" | "and"))
        }
    })
}

/// Chinese characters and Latin words in `s`.
fn units(s: &str) -> usize {
    units_and_parens(s).0
}

/// [`units`] of `s`, and whether it holds `(` and `)`.
#[inline(always)]
fn units_and_parens(s: &str) -> (usize, bool, bool) {
    // Character by character, stepping over a character's continuation bytes
    // by the length its first byte gives: only the first bytes that can start a
    // non-ASCII space (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000) are decoded.
    let b = s.as_bytes();
    let mut n = 0;
    let mut in_word = false;
    let (mut opens, mut closes) = (false, false);
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            if x.is_ascii_alphanumeric() {
                n += usize::from(!in_word);
                in_word = true;
            } else {
                in_word = false;
                n += usize::from(!(x as char).is_whitespace());
                opens |= x == b'(';
                closes |= x == b')';
            }
            i += 1;
        } else {
            in_word = false;
            let space = matches!(x, 0xC2 | 0xE1 | 0xE2 | 0xE3)
                && s[i..].chars().next().is_some_and(char::is_whitespace);
            n += usize::from(!space);
            // `s` is UTF-8 and `i` a character's start: 110xxxxx, 1110xxxx
            // and 11110xxx start characters of 2, 3 and 4 bytes.
            i += x.leading_ones() as usize;
        }
    }
    (n, opens, closes)
}

/// The kind's measure: the first refinement with a word in the figure's clause
/// or the one before it (outside `ignore`), else the kind's own. A word another
/// figure of the same dimension (in `figures`, by start) follows or holds comes
/// last, unless that figure starts the change this one ends (`from 50% to 77%`);
/// between refinements of one rank, a word inside the figure itself, its rate
/// (`$15 per million output tokens`), comes first. `kind` is the kind's index and
/// the kind.
pub(crate) fn measure_of(
    text: &str,
    (k, kind): (usize, &Kind),
    lexicon: &Lexicon,
    view: &SentenceView,
    figure: &Quantity,
    figures: &[Quantity],
    ignore: &[Range<usize>],
) -> String {
    let qc = view.clause_of(figure.start);
    // The figures of the two clauses searched (`figures` are by start and do not
    // overlap, so their ends are in order too).
    let from = view.clause(qc.saturating_sub(1)).start;
    let to = view.clause(qc).end;
    let near = &figures[figures.partition_point(|o| o.end <= from)..];
    let near = &near[..near.partition_point(|o| o.start < to)];
    // A word that another figure of the same dimension follows before this one, or
    // holds in its rate, is that figure's (`输入1元、输出2元`: 输入 is the first price's).
    // …except where the two are a change's start and end (`gross margins from 50%
    // today to 77%`, `毛利率由40%提升至45%`): the end shares the start's word.
    let start_of_change = |o: &Quantity| {
        o.end <= figure.start && {
            let gap = text[o.end..figure.start].trim();
            gap.len() <= 24
                && (gap == "to" || gap.ends_with(" to") || gap.ends_with(['到', '至']))
                && !gap.contains([',', ';', ':', '、'])
        }
    };
    let owned_by_other = |h: &LexHit| {
        near.iter().any(|o| {
            o.start != figure.start
                && o.dimension() == figure.dimension()
                && ((o.start >= h.end && o.end <= figure.start && !start_of_change(o))
                    || (o.start <= h.start && h.end <= o.end))
        })
    };
    // Ranked by (its own, the lowest index, inside the figure).
    let mut chosen: Option<(bool, std::cmp::Reverse<usize>, bool)> = None;
    let mut placed: Option<(usize, usize)> = None;
    let searched = &text[from..to];
    for h in view.hits_in_clauses(qc.saturating_sub(1), qc) {
        let hc = view.clause_from(placed, h.start);
        placed = Some((h.start, hc));
        if hc > qc || qc - hc > 1 || ignore.iter().any(|r| r.contains(&h.start)) {
            continue;
        }
        let inside = figure.start <= h.start && h.end <= figure.end;
        let own = !owned_by_other(h);
        for role in lexicon.roles(h.word) {
            if let Role::Measure { kind: of, index } = *role
                && of == k
                && with_present(&kind.measures[index].with, searched)
            {
                let rank = (own, std::cmp::Reverse(index), inside);
                if chosen.is_none_or(|c| rank > c) {
                    chosen = Some(rank);
                }
            }
        }
    }
    chosen.map_or_else(
        || kind.measure.clone(),
        |(_, std::cmp::Reverse(i), _)| kind.measures[i].measure.clone(),
    )
}

/// Whether a measure's further condition holds in the clauses searched: none, or one of
/// its words there.
fn with_present(with: &[String], searched: &str) -> bool {
    with.is_empty() || with.iter().any(|w| searched.contains(w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_need_a_noun_of_their_own_before_the_bound() {
        assert!(is_threshold_descriptor("参数规模以上的大模型"));
        assert!(is_threshold_descriptor("元营收及以下的企业"));
        assert!(!is_threshold_descriptor("个以上的大模型"));
        assert!(!is_threshold_descriptor("参数规模以后的模型"));
        assert!(!is_threshold_descriptor("参数规模以上"));
    }

    #[test]
    fn clauses_found_stepping_on_are_those_searched_for() {
        let text = "a,b,,c;d:1,000,e、f|g,";
        let lexicon = crate::rules::RuleSet::bundled()
            .expect("bundled rules")
            .lexicon;
        for end in [text.len(), text.len() - 1, 5] {
            let view = SentenceView::new(text, 0..end, &lexicon, std::iter::empty());
            let places: Vec<usize> = (0..=end + 2).collect();
            let mut known = None;
            for &at in &places {
                let c = view.clause_from(known, at);
                assert_eq!(c, view.clause_of(at), "{end} {at}");
                known = Some((at, c));
            }
            // Asked out of order, it searches.
            assert_eq!(view.clause_from(Some((end, 0)), 0), view.clause_of(0));
        }
    }

    #[test]
    fn fitting_kinds_are_listed_in_order() {
        for kinds in [0, 1, 63, 64, 65, 128, 129, 300] {
            let candidates: Vec<usize> = (0..kinds).filter(|k| k % 3 != 1).collect();
            let fits = |k: usize| !k.is_multiple_of(5);
            let set = Fitting::new(kinds, &candidates, fits);
            let expected: Vec<usize> = candidates.iter().copied().filter(|&k| fits(k)).collect();
            assert_eq!(set.iter().collect::<Vec<_>>(), expected, "{kinds}");
            for k in 0..kinds {
                assert_eq!(set.has(k), expected.contains(&k), "{kinds} {k}");
            }
        }
    }

    #[test]
    fn kinds_by_dimension_are_those_that_list_it() {
        let rules = crate::rules::RuleSet::bundled().expect("bundled rules");
        let index = KindsByDimension::new(&rules.kinds);
        for dim in [
            Dimension::Count,
            Dimension::Money,
            Dimension::Percent,
            Dimension::Multiple,
            Dimension::Duration,
        ] {
            let (kinds, default) = index.of(dim);
            let expected: Vec<usize> = (0..rules.kinds.len())
                .filter(|&k| rules.kinds[k].dimensions.contains(&dim))
                .collect();
            assert_eq!(kinds, &expected[..]);
            assert_eq!(
                default,
                rules
                    .kinds
                    .iter()
                    .position(|k| k.default && k.dimensions.contains(&dim))
            );
        }
    }

    #[test]
    fn whole_numbers_compare_as_decimals_do() {
        let values = [
            "0",
            "2",
            "-3",
            "1.5",
            "2.0",
            "100000000",
            "99999999.99",
            "1e3",
            "0.001",
        ];
        for a in values {
            for b in values {
                let (x, y) = (parse(a), parse(b));
                assert_eq!(at_least(x, y), x >= y, "{a} {b}");
            }
        }
        fn parse(s: &str) -> rust_decimal::Decimal {
            s.parse()
                .or_else(|_| rust_decimal::Decimal::from_scientific(s))
                .expect("decimal")
        }
    }

    #[test]
    fn units_count_characters_and_latin_words() {
        let reference = |s: &str| {
            let mut n = 0;
            let mut in_word = false;
            for c in s.chars() {
                if c.is_ascii_alphanumeric() {
                    if !in_word {
                        n += 1;
                    }
                    in_word = true;
                } else {
                    in_word = false;
                    if !c.is_whitespace() {
                        n += 1;
                    }
                }
            }
            n
        };
        for s in [
            "",
            "块英伟达A100 GPU",
            "8 of the H800\u{3000}chips,约\u{a0}3万\u{2009}x\u{85}y\u{1680}z",
            "é résumé 𠀀 ab12 cd",
            "(约合 3亿)元",
            "收入)的",
        ] {
            assert_eq!(units(s), reference(s), "{s:?}");
            assert_eq!(
                units_and_parens(s),
                (reference(s), s.contains('('), s.contains(')')),
                "{s:?}"
            );
        }
    }

    /// The kind (by name) whose object the money of the first money figure of `text`
    /// goes to, by the bundled rules.
    fn object_of(text: &str) -> Option<String> {
        let rules = crate::rules::RuleSet::bundled().expect("bundled rules");
        let text = crate::text::normalize(text).text;
        let figures = crate::quantity::scan(&text);
        let q = figures
            .iter()
            .find(|q| q.dimension() == Dimension::Money)
            .expect("a money figure");
        let view = SentenceView::new(
            &text,
            0..text.len(),
            &rules.lexicon,
            figures.iter().map(|q| q.start),
        );
        object_kind(&rules.kinds, &rules.lexicon, &text, &view, q, &figures, &[])
            .map(|(k, _)| rules.kinds[k].name.clone())
    }

    #[test]
    fn what_the_money_goes_to_names_the_kind() {
        for text in [
            "Amazon plans to invest $30 billion in AI data centers next year.",
            "Meta will spend up to $65 billion on AI chips and data centers.",
            "Oracle said it would invest $40 billion in Nvidia chips.",
            "$80 billion will be invested in data centers this year.",
            // An auxiliary ends the object's phrase.
            "The company's investment of $5 billion in data centers will continue.",
            "百度将投资600亿元建设云和AI硬件基础设施。",
            "公司今年将投入50亿元用于算力建设。",
            "腾讯将投资100亿元用于数据中心建设。",
            // Where the money goes, after 在, before the verb.
            "腾讯今年将在数据中心上投资100亿元。",
            "这家云厂商明年将在算力基础设施建设方面投入约300亿元。",
        ] {
            assert_eq!(object_of(text).as_deref(), Some("capex"), "{text}");
        }
    }

    #[test]
    fn an_object_that_is_not_what_the_verb_spends_on_names_nothing() {
        for text in [
            // No object: an investment in a company.
            "Microsoft invested $10 billion in OpenAI.",
            // The object modifies the head (startups).
            "The fund invested $1 billion in chip startups.",
            "该基金投资10亿元于AI芯片初创企业。",
            // Past the investee, or in a clause of its own.
            "SoftBank invested $30 billion in OpenAI to build data centers.",
            "The fund invested $2 billion in startups building data centers.",
            // A verb after the figure that is not passive is a purpose of its own.
            "The startup raised $1 billion to invest in data centers.",
            // A purpose another kind names.
            "OpenAI spent $100 million on compute to train GPT-4.",
            // 在 names where the company is, not what the money is for.
            "该公司在数据中心旁的园区投资了5亿元。",
            // Too far from the figure.
            "The company said it would invest heavily, with about $5 billion going to data centers.",
        ] {
            assert_eq!(object_of(text), None, "{text}");
        }
    }

    #[test]
    fn a_clause_in_the_gap_needs_a_noun_before_it() {
        assert!(!gap_has_clause(" to build new "));
        assert!(!gap_has_clause(" in AI "));
        assert!(gap_has_clause(" in startups building "));
        assert!(gap_has_clause(" in a firm that builds "));
        assert!(is_passive(" will be "));
        assert!(!is_passive(" to "));
    }
}
