//! Lists distributed over figures: `营收和净亏损分别为14.3亿元和31.4亿元`,
//! `OpenAI and Anthropic raised $10 billion and $4 billion, respectively`,
//! `净亏损/经调整净亏损为31.43/23.93亿元`. The i-th figure of the run takes the
//! i-th item of the list before it: its cue words when every item holds one (the
//! kinds and measures differ), its entity when every item names one (the
//! subjects differ). Without this, each figure sees every item, and the nearest
//! or first one wins for all of them.

use super::classify::{NamedEntity, SentenceView};
use crate::quantity::Quantity;
use crate::rules::lexicon::{Lexicon, Role};
use memchr::memmem::Finder;
use std::ops::Range;
use std::sync::OnceLock;

/// Words that join list items, and figures in a run. Single characters are
/// joiners only as words of their own (和 in `和平`, 与 in `参与` are not).
const JOINERS: &[&str] = &[
    "和",
    "与",
    "及",
    "以及",
    "、",
    ",",
    "/",
    "and",
    ", and",
    "&",
    "as well as",
];

/// Most units between `分别` and the run's first figure (`分别同比增长`).
const MARKER_GAP: usize = 8;

/// What a sentence offers the search for distributed lists.
pub struct Sentence<'a> {
    pub text: &'a str,
    pub view: &'a SentenceView,
    pub lexicon: &'a Lexicon,
    /// The sentence's quantities, in text order.
    pub figures: &'a [Quantity],
    pub entities: &'a [NamedEntity],
    /// Whether a span is a word of its own (jieba's boundaries), asked only for
    /// one-character joiners.
    pub is_word: &'a dyn Fn(usize, usize) -> bool,
}

/// One distributed list in a sentence.
#[derive(Debug, Clone, Default)]
pub struct Spread {
    /// Start of each figure of the run, in text order.
    figures: Vec<usize>,
    /// The list item each figure takes, same order.
    items: Vec<Range<usize>>,
    /// Whether each item holds a cue word: then a figure ignores the others' cues.
    cues: bool,
    /// The entity each figure takes, when every item names one.
    entities: Vec<usize>,
    /// Whether every item states a date (`2023年、2024年的收入分别是…`): then
    /// each figure takes its item's date, and the words after the last date
    /// (收入) speak for all of them.
    dated: bool,
    /// `2022年至2024年的亏损分别为A、B、C`: the first year of a span of as many
    /// years as figures, and where the span is written; the i-th figure takes
    /// the i-th year.
    years: Option<(i32, Range<usize>)>,
}

impl Spread {
    /// The distributed lists of the sentence.
    pub fn find_all(at: &Sentence) -> Vec<Spread> {
        let Sentence {
            text,
            view,
            figures,
            ..
        } = *at;
        let sentence = view.range.clone();
        let s = &text[sentence.clone()];
        // (run of figures, where the list ends, whether split at slashes only)
        let mut runs: Vec<(Range<usize>, usize, bool)> = Vec::new();
        for m in markers().0.find_iter(s.as_bytes()) {
            let marker = sentence.start + m;
            if let Some(run) = run_after(text, figures, marker + "分别".len()) {
                runs.push((run, marker, false));
            }
        }
        for m in respectively_at(s) {
            if let Some(run) = run_before(text, figures, sentence.start + m) {
                let first = figures[run.start].start;
                runs.push((run, first, false));
            }
        }
        // `31.43/23.93亿元`: figures joined by slashes alone.
        let mut from = 0;
        while let Some(run) = slash_run(text, figures, from) {
            from = run.end;
            if !runs
                .iter()
                .any(|r| r.0.start < run.end && run.start < r.0.end)
            {
                let first = figures[run.start].start;
                runs.push((run, first, true));
            }
        }
        runs.into_iter()
            .filter_map(|(run, list_end, slashes)| Self::of_run(at, run, list_end, slashes))
            .collect()
    }

    fn of_run(at: &Sentence, run: Range<usize>, list_end: usize, slashes: bool) -> Option<Spread> {
        let Sentence {
            text,
            view,
            lexicon,
            figures,
            entities,
            is_word,
        } = *at;
        let n = run.len();
        // The list lies after any earlier figure: `…为31.43/23.93亿元,分别较…`
        // distributes nothing before the comma.
        let after_figure = figures
            .iter()
            .rev()
            .find(|q| q.end <= list_end)
            .map_or(0, |q| q.end);
        let region_start = if slashes {
            view.clause(view.clause_of(list_end.saturating_sub(1)))
                .start
        } else {
            view.range.start
        }
        .max(after_figure);
        if !slashes && let Some(years) = year_span(text, region_start..list_end, n) {
            return Some(Spread {
                figures: figures[run].iter().map(|q| q.start).collect(),
                years: Some(years),
                ..Spread::default()
            });
        }
        let items = list_items(text, region_start..list_end, n, slashes, is_word)?;
        let holds_cue = |r: &Range<usize>| {
            view.hits.iter().any(|h| {
                h.start >= r.start
                    && h.end <= r.end
                    && lexicon
                        .roles(h.word)
                        .iter()
                        .any(|role| matches!(role, Role::Cue { .. }))
            })
        };
        let dated = !slashes
            && items
                .iter()
                .all(|r| super::date::states_date(&text[r.clone()]));
        // A list of dates shares one noun: a cue in one item (该公司 before the
        // first year) is no item's own.
        let cues = !dated && items.iter().all(holds_cue);
        let named: Option<Vec<usize>> = items
            .iter()
            .map(|r| {
                entities
                    .iter()
                    .find(|e| e.start >= r.start && e.end <= r.end)
                    .map(|e| e.entity)
            })
            .collect();
        let named = named.filter(|es| es.windows(2).all(|w| w[0] != w[1]));
        if !cues && !dated && named.is_none() {
            return None;
        }
        Some(Spread {
            figures: figures[run].iter().map(|q| q.start).collect(),
            items,
            cues,
            entities: named.unwrap_or_default(),
            dated,
            years: None,
        })
    }

    fn index_of(&self, at: usize) -> Option<usize> {
        self.figures.iter().position(|&f| f == at)
    }

    /// The list items whose words do not speak for the figure starting at `at`.
    pub fn ignored(&self, at: usize) -> Vec<Range<usize>> {
        match self.index_of(at) {
            Some(i) if self.cues => self
                .items
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, r)| r.clone())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The list item (document offsets) whose date the figure starting at `at`
    /// takes, in a list of dates.
    pub fn dated_item(&self, at: usize) -> Option<Range<usize>> {
        if !self.dated {
            return None;
        }
        self.items.get(self.index_of(at)?).cloned()
    }

    /// The year a span of years (`2022年至2024年…分别为A、B、C`) gives the figure
    /// starting at `at`, with where the span is written.
    pub fn spread_year(&self, at: usize) -> Option<(i32, Range<usize>)> {
        let (first, words) = self.years.clone()?;
        let i = i32::try_from(self.index_of(at)?).ok()?;
        Some((first + i, words))
    }

    /// The gazetteer entity the figure starting at `at` is about, by its place in the list.
    pub fn entity(&self, at: usize) -> Option<usize> {
        self.entities.get(self.index_of(at)?).copied()
    }
}

/// The last span of years in `region` (`2022年至2024年`, `2022-2024年`) that
/// holds exactly `n` years: its first year and where it is written.
fn year_span(text: &str, region: Range<usize>, n: usize) -> Option<(i32, Range<usize>)> {
    static SPAN: OnceLock<regex::Regex> = OnceLock::new();
    let re = SPAN.get_or_init(|| {
        regex::Regex::new(r"((?:19|20)\d\d) *年? *(?:至|到|-|~) *((?:19|20)\d\d) *年")
            .expect("year span pattern")
    });
    let s = &text[region.clone()];
    let m = re.captures_iter(s).last()?;
    let (a, b): (i32, i32) = (m[1].parse().ok()?, m[2].parse().ok()?);
    let whole = m.get(0)?;
    (usize::try_from(b - a + 1).ok()? == n)
        .then_some((a, region.start + whole.start()..region.start + whole.end()))
}

/// Searchers for `分别` and (the tail of) `respectively`, built once.
fn markers() -> &'static (Finder<'static>, Finder<'static>) {
    static M: OnceLock<(Finder<'static>, Finder<'static>)> = OnceLock::new();
    M.get_or_init(|| (Finder::new("分别"), Finder::new("espectively")))
}

/// Byte offsets of `respectively` in `hay`, first letter in either case: searched with
/// memchr's memmem, as this runs on every sentence that holds figures.
fn respectively_at(hay: &str) -> impl Iterator<Item = usize> + '_ {
    markers()
        .1
        .find_iter(hay.as_bytes())
        .filter(move |&i| i > 0 && matches!(hay.as_bytes()[i - 1], b'r' | b'R'))
        .map(|i| i - 1)
}

/// Most units of a counted noun between a figure and what follows it in a run
/// (`150,000 GPUs and`, `1万块GPU和`).
const NOUN_UNITS: usize = 4;

/// Whether `gap` (between two figures) joins them: a joiner, after at most a
/// short counted noun.
fn joins(gap: &str) -> bool {
    let g = gap.trim();
    JOINERS.iter().any(|j| {
        g.len() >= j.len()
            && g.is_char_boundary(g.len() - j.len())
            && g[g.len() - j.len()..].eq_ignore_ascii_case(j)
            && short_noun(&g[..g.len() - j.len()])
    })
}

/// Whether `s` is at most a short counted noun: no clause or sentence break, few units.
fn short_noun(s: &str) -> bool {
    let s = s.trim();
    !s.contains([',', ';', ':', '。', '!', '?', '(', ')'])
        && s.split_whitespace().count() <= NOUN_UNITS
        && s.chars().filter(|c| !c.is_ascii()).count() <= NOUN_UNITS
}

/// The figures (indices into `figures`) of the run after `分别` ending at `from`:
/// the first figure after it, near and in the same clause, and those joined to it.
fn run_after(text: &str, figures: &[Quantity], from: usize) -> Option<Range<usize>> {
    let first = figures.iter().position(|q| q.start >= from)?;
    let gap = &text[from..figures[first].start];
    if gap.chars().count() > MARKER_GAP || gap.contains([',', ';', ':', '。', '!', '?']) {
        return None;
    }
    let mut last = first;
    while last + 1 < figures.len()
        && figures[last].end <= figures[last + 1].start
        && joins(&text[figures[last].end..figures[last + 1].start])
    {
        last += 1;
    }
    (last > first).then_some(first..last + 1)
}

/// The figures of the run that ends right before `respectively` at `marker`.
fn run_before(text: &str, figures: &[Quantity], marker: usize) -> Option<Range<usize>> {
    let last = figures.iter().rposition(|q| q.end <= marker)?;
    let tail = text[figures[last].end..marker].trim();
    if !short_noun(tail.strip_suffix(',').unwrap_or(tail)) {
        return None;
    }
    let mut first = last;
    while first > 0
        && figures[first - 1].end <= figures[first].start
        && joins(&text[figures[first - 1].end..figures[first].start])
    {
        first -= 1;
    }
    (last > first).then_some(first..last + 1)
}

/// The first run of figures from `from` on joined by slashes alone (`31.43/23.93`).
fn slash_run(text: &str, figures: &[Quantity], from: usize) -> Option<Range<usize>> {
    let slashed = |i: usize| {
        figures[i].end <= figures[i + 1].start
            && text[figures[i].end..figures[i + 1].start].trim() == "/"
    };
    let first = (from..figures.len().saturating_sub(1)).find(|&i| slashed(i))?;
    let mut last = first + 1;
    while last + 1 < figures.len() && slashed(last) {
        last += 1;
    }
    Some(first..last + 1)
}

/// The last `n` items of the list that ends at `region.end`, split at joiners
/// (only at slashes for a slash run). `None` when fewer than `n` pieces.
fn list_items(
    text: &str,
    region: Range<usize>,
    n: usize,
    slashes: bool,
    is_word: &dyn Fn(usize, usize) -> bool,
) -> Option<Vec<Range<usize>>> {
    let s = &text[region.clone()];
    // Joiner spans, in text order, not overlapping.
    let mut cuts: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let found = if slashes {
            rest.starts_with('/').then_some(1)
        } else {
            joiner_at(s, i, region.start, is_word)
        };
        match found {
            Some(len) => {
                cuts.push(region.start + i..region.start + i + len);
                i += len;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    if cuts.len() + 1 < n {
        return None;
    }
    // Pieces between cuts; the last `n` are the items.
    let mut bounds: Vec<usize> = vec![region.start];
    for c in &cuts {
        bounds.push(c.start);
        bounds.push(c.end);
    }
    bounds.push(region.end);
    let pieces: Vec<Range<usize>> = bounds
        .chunks(2)
        .map(|b| b[0]..b[1])
        .filter(|r| !text[r.clone()].trim().is_empty())
        .collect();
    if pieces.len() < n {
        return None;
    }
    Some(pieces[pieces.len() - n..].to_vec())
}

/// Length of the joiner starting at byte `i` of `s` (which starts at document
/// offset `base`), if one does.
fn joiner_at(
    s: &str,
    i: usize,
    base: usize,
    is_word: &dyn Fn(usize, usize) -> bool,
) -> Option<usize> {
    let rest = &s[i..];
    for j in ["以及", "、", ",", "/", "&"] {
        if rest.starts_with(j) {
            return Some(j.len());
        }
    }
    for j in ["和", "与", "及"] {
        if rest.starts_with(j) && is_word(base + i, base + i + j.len()) {
            return Some(j.len());
        }
    }
    // English joiners as whole words.
    let before_ok = i == 0 || !s.as_bytes()[i - 1].is_ascii_alphanumeric();
    if before_ok {
        for j in ["as well as", "and"] {
            if rest.len() >= j.len()
                && rest.as_bytes()[..j.len()].eq_ignore_ascii_case(j.as_bytes())
                && !rest
                    .as_bytes()
                    .get(j.len())
                    .is_some_and(u8::is_ascii_alphanumeric)
            {
                return Some(j.len());
            }
        }
    }
    None
}
