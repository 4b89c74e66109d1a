//! As-of date of a claim: the time expression in its sentence that governs the figure,
//! resolved against the document's publication date.
//!
//! Rules, in order:
//! * The nearest time expression ending before the figure wins; failing that, the first
//!   one after it in the same clause (up to the next `,;。!?`).
//! * "Now" words (`目前`, `截至目前`, `近期`, `日前`, `现在`, …) mean the publication date,
//!   except when an explicit date earlier in the sentence dates the statement they sit
//!   in: `7月,据杨望调研分析,目前…116个` is as of July, because an attribution marker
//!   (`据`, `表示`, `称`, …) lies between the date and `目前`. A bare year
//!   (`今年以来`) is coarser than "now" and does not take over.
//! * Dates inside `《…》` and year-only dates that open an event or title name
//!   (`2023年世界人工智能大会`, `2022年北京…白皮书`) are names, not dates. Bare years
//!   without `年` (`2023世界人工智能大会`) are never read as dates.
//! * `上年同期`, `去年同期`, `上年`, `a year earlier`, `the previous year` date a figure
//!   one year before the date stated before them in the sentence (`2023年收入34亿元,上年同期
//!   为38亿元`: 2022), else one year before publication. After a word of comparison
//!   (`较上年增长20%`, `比去年`, `up 5% from a year earlier`) a year is the base compared
//!   with, not the figure's date, and is skipped.
//! * A date governs only the figures of its own aside when it stands in one that
//!   holds a figure (`1.3万亿(今年五月为1200亿次),…5000万张`, `$13 billion - up from
//!   $10 billion in June - and…`), and only its clause in `继5月…之后,`; a figure
//!   does not look for a date after it past such an aside. A compared period
//!   followed by `的`/`'s` and a figure dates that figure (`较二季度的191亿元`).
//!   After `四个月过去` the date before no longer holds.
//! * Quarters counted from the publication date: `当季`, `本季度`, `this past
//!   quarter`, `last quarter` → the last one ended (`当季` after a named quarter is
//!   that one); `上季度`, `the previous quarter` → the one before; `the current
//!   (fiscal) quarter` → the one publication falls in. A bare `二季度` is read like a
//!   month without its year. `mid-2025`, `early 2024` → the year; `end of 2024`,
//!   `by year's end` → December; `September this year`, `two years ago`, `just four
//!   months after raising` → counted from publication.
//! * Precision: `2023年`, `今年以来` → year; a half or a quarter → the month it ends
//!   in (`今年上半年`, 1H23 → June; `2023年一季度`, Q1 → March), so that the
//!   checker does not take a half's figure for the year's; `2023年底` → December; `5月底`, `3月中旬`, `截至5月上旬` → month; `5月28日` → day.
//! * A month without a year takes the publication year, unless that puts it more than
//!   31 days after the end of the publication date, in which case it is the previous
//!   year (`12月` in an article of 2023-04 is 2022-12) — unless the words after it
//!   speak of the future (`6月底之前`, `将`, `预计`, `有望`), which keeps the
//!   publication year. Without a publication date, year-less and relative dates
//!   resolve to `None`.

use crate::claim::PartialDate;
use crate::text::{Avx2, ByteSet};
use aho_corasick::{AhoCorasick, MatchKind};
use chrono::{Datelike, Days, NaiveDate};
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// How far past the publication date a year-less month may lie before it is read
/// as belonging to the previous year (articles announce events a few weeks ahead).
const FUTURE_SLACK_DAYS: u64 = 31;

/// The as-of date of the figure at byte offset `at` of `sentence`, or `None` when the
/// sentence states none (the caller then falls back to the publication date).
pub fn resolve_as_of(
    sentence: &str,
    at: usize,
    published: Option<PartialDate>,
) -> Option<PartialDate> {
    SentenceDates::new(sentence).resolve_as_of(at, published)
}

/// The time expressions of one sentence, found once for all the figures in it.
pub struct SentenceDates<'s> {
    sentence: &'s str,
    exprs: Vec<TimeExpr>,
    /// Compared periods that date the figure right after them (`较二季度的191亿元`).
    bases: Vec<TimeExpr>,
    /// Asides holding a figure of their own (see [`asides`]): a figure outside
    /// one does not look for its date past the aside's start.
    asides: Vec<(usize, usize)>,
}

impl<'s> SentenceDates<'s> {
    pub fn new(sentence: &'s str) -> Self {
        Self::with_figures(sentence, None)
    }

    /// As [`Self::new`], told where the sentence's figures start (byte offsets
    /// in it), which tells an aside holding a figure (`- up from three million
    /// two months ago`) from one that does not; without them, an ASCII digit
    /// stands for a figure.
    pub fn with_figures(sentence: &'s str, figures: Option<&[usize]>) -> Self {
        let (bases, mut exprs): (Vec<TimeExpr>, Vec<TimeExpr>) =
            time_expressions(sentence).into_iter().partition(|e| e.base);
        // Most sentences state no date: no scopes to look for.
        let asides = if exprs.is_empty() {
            Vec::new()
        } else {
            narrow_scopes(sentence, &mut exprs, figures)
        };
        SentenceDates {
            sentence,
            exprs,
            bases,
            asides,
        }
    }

    /// As [`resolve_as_of`], for the figure at byte offset `at` of this sentence.
    pub fn resolve_as_of(&self, at: usize, published: Option<PartialDate>) -> Option<PartialDate> {
        self.governing(at)
            .and_then(|e| self.resolve_expr(e, published))
    }

    /// [`resolve_as_of`], and where in the sentence the words that date the figure at
    /// byte offset `at` are (`今年3月`, `去年12月`), even when they cannot be put on the
    /// calendar (a text without a date); no words for the writer's present (`目前`,
    /// `now`), which is what an undated figure means anyway.
    pub fn as_of_and_words(
        &self,
        at: usize,
        published: Option<PartialDate>,
    ) -> (Option<PartialDate>, Option<std::ops::Range<usize>>) {
        match self.governing(at) {
            Some(e) => {
                let as_of = self.resolve_expr(e, published);
                // `本季度` in a text without a date is the quarter its undated
                // figures are of: no other period.
                let anaphor = matches!(e.what, TimeRef::PublishedQuarter { anaphor: true, .. });
                let words = if anaphor && as_of.is_none() {
                    None
                } else {
                    self.words_of(e)
                };
                (as_of, words)
            }
            None => (None, None),
        }
    }

    /// The date this sentence hands on to a clause joined to it by `；` that
    /// states none (`2024年度财报,全年实现营收37.72亿元；净亏损43.06亿元`): the one
    /// that governs its first figure (at `first_figure`; the sentence's end when
    /// it has none), when it stands before that figure. A date after the figure,
    /// a year-earlier comparison or the writer's "now" stays in its own clause.
    pub fn carried(
        &self,
        first_figure: usize,
        published: Option<PartialDate>,
    ) -> Option<(Option<PartialDate>, std::ops::Range<usize>)> {
        let e = self.governing(first_figure)?;
        if e.end > first_figure
            || e.scope.is_some()
            || matches!(
                e.what,
                TimeRef::YearEarlier | TimeRef::Now | TimeRef::Elapsed
            )
        {
            return None;
        }
        Some((self.resolve_expr(e, published), self.words_of(e)?))
    }

    /// Whether the figure at `at` is dated by a year-earlier comparison with no
    /// date before it in the sentence to count back from (`上年同期为亏损60.93亿元`
    /// in a clause after `2023年全年…；`): the clause before may supply one.
    pub fn counts_back_from_nothing(&self, at: usize) -> bool {
        self.governing(at).is_some_and(|e| {
            e.what == TimeRef::YearEarlier
                && !self.exprs.iter().any(|p| {
                    p.end <= e.start
                        && !matches!(
                            p.what,
                            TimeRef::Now | TimeRef::YearEarlier | TimeRef::Elapsed
                        )
                })
        })
    }

    /// As [`Self::as_of_and_words`], from the last date stated inside `within`
    /// (sentence offsets): the item of a list of dates a figure takes
    /// (`2023年、2024年的收入分别是…`). `None` when the range states none.
    pub fn as_of_within(
        &self,
        within: std::ops::Range<usize>,
        published: Option<PartialDate>,
    ) -> Option<(Option<PartialDate>, Option<std::ops::Range<usize>>)> {
        let e = self.exprs.iter().rev().find(|e| {
            e.start >= within.start
                && e.end <= within.end
                && !matches!(e.what, TimeRef::Now | TimeRef::Elapsed)
        })?;
        Some((self.resolve_expr(e, published), self.words_of(e)))
    }

    /// The first date the sentence states, resolved (`None` when it states none
    /// but the writer's present or the base of a comparison).
    pub fn stated(&self, published: Option<PartialDate>) -> Option<Option<PartialDate>> {
        let e = self.exprs.iter().find(|e| {
            !matches!(
                e.what,
                TimeRef::Now | TimeRef::Elapsed | TimeRef::YearEarlier
            )
        })?;
        Some(self.resolve_expr(e, published))
    }

    /// Whether the sentence states any date at all.
    pub fn is_empty(&self) -> bool {
        self.exprs.is_empty()
    }

    fn words_of(&self, e: &TimeExpr) -> Option<std::ops::Range<usize>> {
        (!matches!(e.what, TimeRef::Now | TimeRef::Elapsed)).then(|| {
            // An English date's pattern may take the full stop after it.
            let words = self.sentence[e.start..e.end].trim_end_matches(['.', ',', ' ']);
            e.start..e.start + words.len()
        })
    }

    /// Whether the figure at `range` of the sentence is part of a time expression (`三个月`
    /// in `三个月前`): a time, not a claim.
    pub fn covers(&self, range: std::ops::Range<usize>) -> bool {
        self.exprs
            .iter()
            .chain(&self.bases)
            .any(|e| e.start <= range.start && range.end <= e.end)
    }

    /// The time expression that dates the figure at byte offset `at`.
    fn governing(&self, at: usize) -> Option<&TimeExpr> {
        // Most sentences state no date: nothing to choose from.
        if self.exprs.is_empty() && self.bases.is_empty() {
            return None;
        }
        let sentence = self.sentence;
        let at = floor_char_boundary(sentence, at);
        // `相较于二季度的191亿元`: the period compared with dates its own figure.
        if let Some(b) = self.bases.iter().find(|b| b.end <= at && b.reaches(at)) {
            return Some(b);
        }
        // `上年同期为38亿元,同比减少10%`: a year-earlier period dates only its own clause;
        // the change after it belongs to the period compared.
        let before: Vec<&TimeExpr> = self
            .exprs
            .iter()
            .filter(|e| e.end <= at && e.reaches(at))
            .filter(|e| e.what != TimeRef::YearEarlier || clause_end(sentence, e.end) >= at)
            .filter(|e| !dates_only_the_start(sentence, e, at))
            .filter(|e| {
                !past_before_forecast(sentence, e, at) && !dates_figure_before(sentence, e, at)
            })
            .collect();
        // A figure looks for a date after it only up to an aside holding another
        // figure (`$13 billion - up from $10 billion in June - and could top $20
        // billion by year's end`: neither June nor the year's end is the 13's), and
        // within the aside it stands in.
        let figure_clause_end = self
            .asides
            .iter()
            .filter_map(|&(s, e)| {
                if s > at {
                    Some(s)
                } else {
                    (at < e).then_some(e)
                }
            })
            .fold(clause_end(sentence, at), usize::min);
        let after = self
            .exprs
            .iter()
            .find(|e| e.start >= at && e.start < figure_clause_end && e.reaches(at));
        // `$27 billion in fiscal 2023 and $61 billion in fiscal 2024`, `6.4 billion
        // yuan in 2023 from 6.1 billion yuan a year earlier`: English puts a figure's
        // date after it, so a date right after the figure beats one before it.
        if let Some(e) = after
            && english_postposed(&sentence[at..e.start], &sentence[e.start..e.end])
        {
            return Some(e);
        }
        // `…in 2023, up from $3 billion a year earlier`: a year-earlier period after the
        // figure in its clause beats a date of an earlier clause.
        let trailing_year_earlier = self.exprs.iter().find(|e| {
            e.start >= at
                && e.start < figure_clause_end
                && e.what == TimeRef::YearEarlier
                && e.reaches(at)
        });
        if let Some(chosen) = governing_before(sentence, &before) {
            let same_clause = clause_end(sentence, chosen.end) >= at;
            return match trailing_year_earlier {
                Some(e) if !same_clause => Some(e),
                _ => Some(chosen),
            };
        }
        after
    }

    /// The date `e` stands for, read in the context of the sentence's other dates.
    fn resolve_expr(&self, e: &TimeExpr, published: Option<PartialDate>) -> Option<PartialDate> {
        if e.what != TimeRef::YearEarlier {
            return resolve(&self.in_year_context(e), published);
        }
        // `2023年全年收入34亿元,上年同期为38亿元`: a year before the date stated before it.
        let context = self
            .exprs
            .iter()
            .rev()
            .filter(|p| {
                p.end <= e.start
                    && !matches!(
                        p.what,
                        TimeRef::Now | TimeRef::YearEarlier | TimeRef::Elapsed
                    )
            })
            .find_map(|p| resolve(&self.in_year_context(p), published));
        match context {
            Some(d) => year_before(d),
            None => published.map(|p| PartialDate::year(p.year - 1)),
        }
    }

    /// A month without a year takes the year of the dated expression before it in the
    /// sentence (`由2023年3月底的2.7万块提升至8月的约3万块`: August 2023), the next year
    /// when its month comes earlier (`2023年12月…到2月`).
    fn in_year_context(&self, e: &TimeExpr) -> TimeExpr {
        let TimeRef::Calendar {
            year: YearRef::Unstated,
            month: Some(month),
            day,
        } = e.what
        else {
            return *e;
        };
        // Only a date close by: at most one clause break between (`自2018年以来…,今年3月`
        // three clauses on is another story).
        let near = |p: &TimeExpr| {
            self.sentence[p.end..e.start]
                .chars()
                .filter(|c| ",;:".contains(*c))
                .count()
                <= 1
        };
        let context = self.exprs.iter().rev().find_map(|p| match p.what {
            TimeRef::Calendar {
                year: YearRef::Absolute(y),
                month: m,
                ..
            } if p.end <= e.start => Some((y, m, near(p))),
            _ => None,
        });
        let context = context.filter(|c| c.2).map(|(y, m, _)| (y, m));
        match context {
            Some((y, m)) => TimeExpr {
                what: TimeRef::Calendar {
                    year: YearRef::Absolute(if m.is_some_and(|m| month < m) {
                        y + 1
                    } else {
                        y
                    }),
                    month: Some(month),
                    day,
                },
                ..*e
            },
            None => *e,
        }
    }
}

/// What a time expression says before it is resolved against the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TimeRef {
    Calendar {
        year: YearRef,
        month: Option<u32>,
        day: Option<u32>,
    },
    /// The publication month shifted by this many months (`本月` 0, `上月` -1).
    PublishedMonth(i32),
    /// The quarter of the publication date shifted by this many quarters (`the
    /// current quarter` 0; `this past quarter`, `last quarter`, `当季` -1; `the
    /// previous quarter` -2), written as the month it ends in. `anaphor`: a word
    /// for "that quarter" (`当季`, `本季度`), which means a quarter the sentence
    /// names before it when it names one.
    PublishedQuarter { shift: i32, anaphor: bool },
    /// The writer's "now": the publication date as it is.
    Now,
    /// Time gone by since a date told before (`四个月过去`): the figures after
    /// it are not of that date, and of none the text states.
    Elapsed,
    /// The same period one year before the date stated before it in the sentence
    /// (`上年同期`, `a year earlier`); one year before publication without one.
    YearEarlier,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearRef {
    Absolute(i32),
    /// Publication year plus this (`今年` 0, `去年` -1).
    Relative(i32),
    Unstated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TimeExpr {
    start: usize,
    end: usize,
    what: TimeRef,
    /// Said of the future (`6月底之前…或将`), so never moved back a year; only
    /// looked for in a date without its year (false for the others).
    future: bool,
    /// The byte span of the sentence whose figures this date may govern, when
    /// it is narrower than the sentence: an aside holding its own figure
    /// (`1.3万亿(今年五月的日均调用量为1200亿次)`, `$13 billion - up from $10 billion
    /// in June - and…`), a `继…之后` clause, the base of a comparison
    /// (`相较于二季度的191亿元`).
    scope: Option<(usize, usize)>,
    /// The base of a comparison (`较二季度的`, `the previous quarter's`): it
    /// dates only the figure right after it, and is no date of the sentence.
    base: bool,
}

impl TimeExpr {
    /// The expression matched at `m` of `sentence`.
    fn found(sentence: &str, m: regex::Match, what: TimeRef) -> TimeExpr {
        // A half or a quarter is dated by the month it ends in (1H23 → 2023-06,
        // 一季度 → March), so that a half-year figure is not compared with the
        // full year's as if they covered one period.
        let what = match what {
            TimeRef::Calendar {
                year,
                month: None,
                day: None,
            } => TimeRef::Calendar {
                year,
                month: period_end_month(m.as_str()),
                day: None,
            },
            what => what,
        };
        TimeExpr {
            start: m.start(),
            end: m.end(),
            what,
            // Read only for a date without its year (`resolve`).
            future: matches!(
                what,
                TimeRef::Calendar {
                    year: YearRef::Unstated,
                    ..
                }
            ) && speaks_of_future(&sentence[m.end()..]),
            scope: None,
            base: false,
        }
    }

    /// Whether this date may govern the figure at byte offset `at`.
    fn reaches(&self, at: usize) -> bool {
        self.scope.is_none_or(|(s, e)| s <= at && at < e)
    }
}

/// The nearest expression before the figure, letting a "now" word yield to an
/// explicit date that dates the statement it is part of.
fn governing_before<'a>(sentence: &str, before: &[&'a TimeExpr]) -> Option<&'a TimeExpr> {
    let (&last, earlier) = before.split_last()?;
    // `2024年第四季度…,当季营收`: "that quarter" is the one named before it.
    if let TimeRef::PublishedQuarter { anaphor: true, .. } = last.what {
        let named = earlier
            .iter()
            .rev()
            .find(|e| matches!(e.what, TimeRef::Calendar { .. }));
        return Some(named.copied().unwrap_or(last));
    }
    if last.what != TimeRef::Now {
        return Some(last);
    }
    let dated = earlier
        .iter()
        .rev()
        .find(|e| !matches!(e.what, TimeRef::Now | TimeRef::Elapsed));
    match dated {
        // A bare year (`今年以来,据…,目前`) is coarser than "now" and does not win.
        Some(d) if !is_year_only(d.what) && ATTRIBUTION.is_match(&sentence[d.end..last.start]) => {
            Some(d)
        }
        _ => Some(last),
    }
}

/// Words that introduce a reported statement (kept small: only used between a date
/// and a "now" word).
static ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("据|表示|称|说|认为|指出|透露|显示|统计|估算|预测|介绍|强调").expect("valid regex")
});

const MONTH: &str = "1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]";
const DAY: &str = "3[01]|[12][0-9]|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]";
const MONTH_PART: &str = "上旬|中旬|下旬|初|中|底|末";

/// The numbers of `TIME_EXPR`'s named groups, looked up once (`Captures::name`
/// hashes the name on every call).
struct CnGroups {
    now: usize,
    yago: usize,
    pm: usize,
    pq: usize,
    q: usize,
    past: usize,
    agoy: usize,
    agon: usize,
    agou: usize,
    iso: usize,
    iy: usize,
    im: usize,
    id: usize,
    y: usize,
    ry: usize,
    m: usize,
    d: usize,
    yend: usize,
    m2: usize,
    d2: usize,
    y2: usize,
    m3: usize,
    y2end: usize,
}

/// The number of the group named `name` in `re`.
fn group(re: &Regex, name: &str) -> usize {
    re.capture_names()
        .position(|n| n == Some(name))
        .expect("named group")
}

// Digits are `[0-9]`, not `\d`: sentences are normalised (full-width digits
// folded to ASCII) and only ASCII digits parse as numbers, while Unicode's
// `\d` (every script's digits) made each of these regexes cost a third more to
// compile.
static TIME_EXPR: LazyLock<(Regex, CnGroups)> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        (?P<now>截[至止]目前|到目前为止|目前|当前|现阶段|现在|近期|日前|近日|如今|眼下|时下)
        | (?P<yago>上年同期|去年同期|上一?年度|上一年|上年)
        | (?P<pm>本月|这个月|当月|上个?月)(?:{MONTH_PART})?
        # `当季`, `本季度`: the quarter reported on; `上季度`: the one before it.
        | (?P<pq>当季度?|本季度|上一?个?季度)
        # `一年前`, `三个月前`, `一年三个月前`, `半年前`: so long before the writer's present.
        | (?:(?P<agoy>[一二两三四五六七八九十]{{1,2}}|[0-9]{{1,2}})\s*年\s*(?:零\s*)?)?
          (?P<agon>[一二两三四五六七八九十]{{1,2}}|[0-9]{{1,2}}|半)\s*(?P<agou>年|个月|個月)多?以?前
        # `四个月过去,…`: the time since a date told before has run on; what
        # follows is not of that date.
        | (?P<past>(?:[一二两三四五六七八九十]{{1,2}}|[0-9]{{1,2}}|半)\s*(?:年|个月|個月)(?:时间)?过去了?)
        | (?P<iso>(?P<iy>[0-9]{{4}})[-/.](?P<im>[0-9]{{1,2}})[-/.](?P<id>[0-9]{{1,2}}))
        | (?:(?P<y>[0-9]{{4}})\s*年|(?P<ry>今年|去年|前年|明年))\s*
          (?:
              (?P<m>{MONTH})\s*月份?\s*(?:(?P<d>{DAY})\s*[日号])?(?:{MONTH_PART})?
            | (?P<yend>年底|年末|底|末)
            | (?:以来|上半年|下半年|全年|年初|初|前三季度|第?[一二三四1-4]\s*季度|Q[1-4]|H[12])
          )?
        | (?P<m2>{MONTH})\s*月份?\s*(?:(?P<d2>{DAY})\s*[日号])?(?:{MONTH_PART})?
        # A quarter without its year (`二季度`), read like a month without one.
        | (?P<q>前三季度|第?[一二三四1-4]\s*季度)
        # A two-digit year only before a month or a part of the year (`23年全年`,
        # `22年3月`): `22年的经验` is a duration.
        | (?P<y2>1[5-9]|2[0-9])\s*年\s*
          (?:
              (?P<m3>{MONTH})\s*月份?(?:{MONTH_PART})?
            | (?P<y2end>年底|年末|底|末)
            | 全年|上半年|下半年|年初|初|前三季度|第?[一二三四1-4]\s*季度|Q[1-4]|H[12]
          )
        "
    );
    let re = Regex::new(&pattern).expect("valid regex");
    let g = |name| group(&re, name);
    let groups = CnGroups {
        now: g("now"),
        yago: g("yago"),
        pm: g("pm"),
        pq: g("pq"),
        q: g("q"),
        past: g("past"),
        agoy: g("agoy"),
        agon: g("agon"),
        agou: g("agou"),
        iso: g("iso"),
        iy: g("iy"),
        im: g("im"),
        id: g("id"),
        y: g("y"),
        ry: g("ry"),
        m: g("m"),
        d: g("d"),
        yend: g("yend"),
        m2: g("m2"),
        d2: g("d2"),
        y2: g("y2"),
        m3: g("m3"),
        y2end: g("y2end"),
    };
    (re, groups)
});

/// English time expressions: month names (capitalised; `May` only with a day, a year
/// or a preposition, as the verb is common), a year after a preposition (`in 2023`,
/// `by the end of 2023`; not `since 2019`, which starts a running total that is as of
/// now), quarters and halves (a year's precision, as in Chinese),
/// relative years and months (`last year`, `earlier this year`, `this month`) and "now"
/// words. Years standing alone are not dates (`2023 GPUs`).
static EN_TIME_EXPR: LazyLock<(Regex, EnGroups)> = LazyLock::new(|| {
    const MONTHS: &str = "January|February|March|April|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
    let pattern = format!(
        r"(?x)
        # ASCII word boundaries: Unicode ones force the backtracking engine.
        (?-u:\b)(?P<now>(?i:currently|right\ now|at\ present|as\ of\ now|to\ date|as\ of\ today|now|today))(?-u:\b)
        | (?-u:\b)(?P<pm>(?i:this|last|previous)\ month)(?-u:\b)
        # Quarters counted from the publication date: the one it falls in, the
        # last one ended (reported on), the one before that.
        | (?-u:\b)(?P<cq>(?i:the\ )?(?i:current)\ (?i:fiscal\ )?(?:(?i:first|second|third|fourth)\ )?(?i:quarter))(?-u:\b)
        | (?-u:\b)(?P<lq>(?i:this\ past|the\ past|last|the\ last|the\ latest|the\ most\ recent)\ (?i:quarter))(?-u:\b)
        | (?-u:\b)(?P<ppq>(?i:the\ )?(?i:previous|prior|preceding)\ (?i:quarter))(?-u:\b)
        # `by year's end`, `at the end of last year`: December.
        | (?-u:\b)(?P<eye>(?i:(?:by|at|before|until|through)\ (?:the\ )?year(?:'s|’s)?[-\ ]end|(?:the\ )?end\ of\ (?P<eyer>this|last|next|the)\ year))(?-u:\b)
        | (?-u:\b)(?P<yago>(?i:a\ year\ (?:earlier|before)|the\ (?:previous|prior|preceding)\ year|(?:the\ )?same\ (?:period|quarter)\ (?:a|last)\ year))(?-u:\b)
        | (?-u:\b)(?P<ery>(?i:(?:earlier|early|later|late)\ )?(?i:this|last|next|previous)\ year|(?i:a\ year\ ago))(?-u:\b)
        # `four months ago`; `just four months after raising`: before the writer's present.
        | (?-u:\b)(?P<eago>(?P<eagon>[0-9]{{1,2}}|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\ (?P<eagou>(?i:months?|years?))\ (?:(?i:ago)|(?i:after)\ [a-z]+ing))(?-u:\b)
        | (?-u:\b)(?:(?P<eq>(?i:first|second|third|fourth|1st|2nd|3rd|4th)\ (?:quarter|half)(?:\ of)?|Q[1-4]|H[12])\ (?P<eqy>(?:19|20)[0-9]{{2}}))(?-u:\b)
        # Reporting periods with a two-digit year (`1H23`, `3Q24`, `FY24`, `23Q3`): a year.
        | (?-u:\b)(?:[1-4]Q|Q[1-4]|[12]H|H[12]|FY|CY)\ ?(?P<eby>(?:20)?(?:1[5-9]|2[0-9]))(?-u:\b)
        | (?-u:\b)(?P<eby2>(?:20)?(?:1[5-9]|2[0-9]))\ ?(?:Q[1-4]|H[12])(?-u:\b)
        | (?-u:\b)(?P<ed1>[0-3]?[0-9])\ (?P<em1>{MONTHS}|May)\.?,?\ (?P<ey1>(?:19|20)[0-9]{{2}})(?-u:\b)
        # `September this year`, `May of last year`: the month of a relative year.
        | (?-u:\b)(?P<em>{MONTHS})\.?(?:\ (?P<ed>[0-3]?[0-9])(?:st|nd|rd|th)?(?-u:\b))?(?:,?\ (?P<ey>(?:19|20)[0-9]{{2}})(?-u:\b)|\ (?:of\ )?(?P<emr>(?i:this|last|next))\ year(?-u:\b))?
        | (?-u:\b)May(?:\ (?P<edm>[0-3]?[0-9])(?:st|nd|rd|th)?(?-u:\b))?,?\ (?P<eym>(?:19|20)[0-9]{{2}})(?-u:\b)
        | (?-u:\b)May\ (?P<edm2>[0-3]?[0-9])(?:st|nd|rd|th)?(?-u:\b)
        | (?P<mayprep>(?-u:\b)(?i:in|by|until|early|late|mid-?|end\ of)\ )May(?-u:\b)(?:\ (?:of\ )?(?P<emr2>(?i:this|last|next))\ year(?-u:\b))?
        | (?-u:\b)May\ (?:of\ )?(?P<emr3>(?i:this|last|next))\ year(?-u:\b)
        # A year after a preposition, or a part of it (`mid-2025`, `early 2024`;
        # `end of 2024` is its December).
        | (?-u:\b)(?i:in|by|during|until|through|throughout|of|for|fiscal|as\ of)\ (?i:the\ )?(?:(?i:year\ )|(?P<eend>(?i:end\ of\ ))|(?i:(?:early|late|mid)[-\ ]))?(?P<eyp>(?:19|20)[0-9]{{2}})(?-u:\b)
        | (?-u:\b)(?:(?P<eend2>(?i:(?:the\ )?end\ of\ ))|(?i:(?:early|late|mid)[-\ ]))(?P<eyp2>(?:19|20)[0-9]{{2}})(?-u:\b)
        "
    );
    let re = Regex::new(&pattern).expect("valid regex");
    let g = |name| group(&re, name);
    let groups = EnGroups {
        now: g("now"),
        yago: g("yago"),
        pm: g("pm"),
        ery: g("ery"),
        eqy: g("eqy"),
        eyp: g("eyp"),
        eyp2: g("eyp2"),
        eend: g("eend"),
        eend2: g("eend2"),
        cq: g("cq"),
        lq: g("lq"),
        ppq: g("ppq"),
        eye: g("eye"),
        eyer: g("eyer"),
        eago: g("eago"),
        eagon: g("eagon"),
        eagou: g("eagou"),
        emr: g("emr"),
        emr2: g("emr2"),
        emr3: g("emr3"),
        eby: g("eby"),
        eby2: g("eby2"),
        ed1: g("ed1"),
        em1: g("em1"),
        ey1: g("ey1"),
        em: g("em"),
        ed: g("ed"),
        ey: g("ey"),
        edm: g("edm"),
        eym: g("eym"),
        edm2: g("edm2"),
        mayprep: g("mayprep"),
    };
    (re, groups)
});

/// The numbers of `EN_TIME_EXPR`'s named groups.
struct EnGroups {
    now: usize,
    yago: usize,
    pm: usize,
    ery: usize,
    eqy: usize,
    eyp: usize,
    eyp2: usize,
    eend: usize,
    eend2: usize,
    cq: usize,
    lq: usize,
    ppq: usize,
    eye: usize,
    eyer: usize,
    eago: usize,
    eagon: usize,
    eagou: usize,
    emr: usize,
    emr2: usize,
    emr3: usize,
    eby: usize,
    eby2: usize,
    ed1: usize,
    em1: usize,
    ey1: usize,
    em: usize,
    ed: usize,
    ey: usize,
    edm: usize,
    eym: usize,
    edm2: usize,
    mayprep: usize,
}

/// The month number of an English month name (or its abbreviation).
fn english_month(name: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.to_ascii_lowercase();
    NAMES
        .iter()
        .position(|n| lower.starts_with(n))
        .map(|p| p as u32 + 1)
}

/// What an English time expression says.
fn english_time_ref(c: &Captures, g: &EnGroups) -> Option<TimeRef> {
    if c.get(g.now).is_some() {
        return Some(TimeRef::Now);
    }
    if c.get(g.yago).is_some() {
        return Some(TimeRef::YearEarlier);
    }
    if let Some(pm) = c.get(g.pm) {
        let this = pm.as_str().to_ascii_lowercase().starts_with("this");
        return Some(TimeRef::PublishedMonth(if this { 0 } else { -1 }));
    }
    if c.get(g.cq).is_some() {
        return Some(TimeRef::PublishedQuarter {
            shift: 0,
            anaphor: false,
        });
    }
    if c.get(g.lq).is_some() || c.get(g.ppq).is_some() {
        return Some(TimeRef::PublishedQuarter {
            shift: if c.get(g.lq).is_some() { -1 } else { -2 },
            anaphor: false,
        });
    }
    if c.get(g.eye).is_some() {
        let shift = match c.get(g.eyer).map(|w| w.as_str().to_ascii_lowercase()) {
            Some(w) if w == "last" => -1,
            Some(w) if w == "next" => 1,
            _ => 0,
        };
        return Some(TimeRef::Calendar {
            year: YearRef::Relative(shift),
            month: Some(12),
            day: None,
        });
    }
    if c.get(g.eago).is_some() {
        let n = c.get(g.eagon)?.as_str().to_ascii_lowercase();
        const WORDS: [&str; 12] = [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve",
        ];
        let n: i32 = match n.as_str() {
            "a" | "an" => 1,
            n => match WORDS.iter().position(|w| *w == n) {
                Some(p) => p as i32 + 1,
                None => n.parse().ok()?,
            },
        };
        let unit = c.get(g.eagou)?.as_str().to_ascii_lowercase();
        return Some(if unit.starts_with("year") {
            TimeRef::Calendar {
                year: YearRef::Relative(-n),
                month: None,
                day: None,
            }
        } else {
            TimeRef::PublishedMonth(-n)
        });
    }
    if let Some(r) = c.get(g.ery) {
        let r = r.as_str().to_ascii_lowercase();
        let shift = if r.contains("last") || r.contains("previous") || r.contains("ago") {
            -1
        } else if r.contains("next") {
            1
        } else {
            0
        };
        return Some(TimeRef::Calendar {
            year: YearRef::Relative(shift),
            month: None,
            day: None,
        });
    }
    let year_of = |i: usize| c.get(i).and_then(|y| y.as_str().parse().ok());
    let short_year = |i: usize| year_of(i).map(|y: i32| if y < 100 { 2000 + y } else { y });
    if let Some(y) = year_of(g.eqy)
        .or(year_of(g.eyp))
        .or(year_of(g.eyp2))
        .or(short_year(g.eby))
        .or(short_year(g.eby2))
    {
        let end_of = c.get(g.eend).or(c.get(g.eend2)).is_some();
        return Some(TimeRef::Calendar {
            year: YearRef::Absolute(y),
            month: end_of.then_some(12),
            day: None,
        });
    }
    let (month, day, year) = if let Some(m) = c.get(g.em1) {
        (
            english_month(m.as_str()),
            year_day(c, g.ed1),
            year_of(g.ey1),
        )
    } else if let Some(m) = c.get(g.em) {
        (english_month(m.as_str()), year_day(c, g.ed), year_of(g.ey))
    } else if c.get(g.eym).is_some() {
        (Some(5), year_day(c, g.edm), year_of(g.eym))
    } else if c.get(g.edm2).is_some() {
        (Some(5), year_day(c, g.edm2), None)
    } else if c.get(g.mayprep).is_some() || c.get(g.emr3).is_some() {
        (Some(5), None, None)
    } else {
        return None;
    };
    let relative = c.get(g.emr).or(c.get(g.emr2)).or(c.get(g.emr3)).map(|w| {
        match w.as_str().to_ascii_lowercase().as_str() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        }
    });
    let year = match (year, relative) {
        (Some(y), _) => YearRef::Absolute(y),
        (None, Some(shift)) => YearRef::Relative(shift),
        (None, None) => YearRef::Unstated,
    };
    Some(TimeRef::Calendar { year, month, day })
}

fn year_day(c: &Captures, i: usize) -> Option<u32> {
    c.get(i)
        .and_then(|d| d.as_str().parse().ok())
        .filter(|d| (1..=31).contains(d))
}

/// Nouns that end event and document names a year can open (`2023年世界人工智能大会`).
static NAME_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("大会|峰会|论坛|博览会|发布会|会议|年会|白皮书|报告|蓝皮书|榜单|排行榜|大赛|展览")
        .expect("valid regex")
});

/// Every time expression in `sentence` that is not part of a name, in text order.
/// Whether `text` states a date other than the writer's "now" (a list item
/// of `2023年、2024年的收入分别是…`).
pub fn states_date(text: &str) -> bool {
    time_expressions(text)
        .iter()
        .any(|e| !matches!(e.what, TimeRef::Now | TimeRef::Elapsed) && !e.base)
}

fn time_expressions(sentence: &str) -> Vec<TimeExpr> {
    let iso = may_hold_iso_date(sentence);
    let mut exprs = match chinese_search_start(sentence, 0, iso) {
        Some(from) => chinese_time_expressions(sentence, from, iso),
        None => Vec::new(),
    };
    // English dates only where Latin letters are (most Chinese sentences have none).
    if may_hold_english_date(sentence) {
        let (en, groups) = &*EN_TIME_EXPR;
        let english: Vec<TimeExpr> = en
            .captures_iter(sentence)
            .filter_map(|c| {
                let m = c.get(0)?;
                let what = english_time_ref(&c, groups)?;
                let relative = matches!(
                    what,
                    TimeRef::YearEarlier
                        | TimeRef::PublishedQuarter { .. }
                        | TimeRef::Calendar {
                            year: YearRef::Relative(_),
                            month: None,
                            ..
                        }
                );
                let overlaps = exprs.iter().any(|e| e.start < m.end() && m.start() < e.end);
                // `the last quarter of 2023` is a quarter of that year, not one
                // counted from the publication date.
                let of_a_year = matches!(what, TimeRef::PublishedQuarter { .. })
                    && sentence[m.end()..].starts_with(" of ");
                if overlaps || of_a_year {
                    return None;
                }
                let e = TimeExpr::found(sentence, m, what);
                if compared_with(sentence, m.start(), relative) {
                    return as_base(sentence, e);
                }
                Some(e)
            })
            .collect();
        if !english.is_empty() {
            exprs.extend(english);
            exprs.sort_by_key(|e| e.start);
        }
    }
    exprs
}

/// An automaton that only says whether any of `words` occurs. Leftmost-first
/// (not standard) matching lets it skip ahead with a vectorised literal search.
fn anchors<const N: usize>(words: [&str; N]) -> Result<AhoCorasick, aho_corasick::BuildError> {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(words)
}

/// Where the next match of `TIME_EXPR` at or after byte `at` of `sentence` may
/// start, or `None` when there is none. Every match but an ISO date (`iso`: the
/// sentence may hold one) holds 年, 月, 季 or a "now" word (the anchors), and starts
/// at most four characters and a run of spaces before it (`2023 年`, `截至目前`,
/// `十二月`): the search starts there, not at `at`. Most sentences hold no anchor,
/// and this costs a fraction of the regex's pass.
fn chinese_search_start(sentence: &str, at: usize, iso: bool) -> Option<usize> {
    static ANCHORS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        anchors([
            "年",
            "月",
            "季",
            "目前",
            "当前",
            "现阶段",
            "现在",
            "近期",
            "日前",
            "近日",
            "如今",
            "眼下",
            "时下",
        ])
        .expect("valid words")
    });
    // An ISO date may come before any anchor: search it all.
    if iso {
        return Some(at);
    }
    let anchor = at + ANCHORS.find(&sentence[at..])?.start();
    // `TIME_EXPR` has no look-around: a search from here finds the same matches.
    let before = sentence[..anchor].trim_end_matches(char::is_whitespace);
    let start = before.char_indices().rev().nth(3).map_or(0, |(i, _)| i);
    Some(start.max(at))
}

/// Whether two of `-/.` stand close enough for `[0-9]{4}[-/.][0-9]{1,2}[-/.]`: within
/// nine bytes, a looser test than the pattern's (two ASCII digits between them), which
/// is kept from when its digits were Unicode's, up to four bytes each.
fn may_hold_iso_date(sentence: &str) -> bool {
    let is_sep = |b: &u8| matches!(b, b'-' | b'/' | b'.');
    let b = sentence.as_bytes();
    memchr::memchr3_iter(b'-', b'/', b'.', b).any(|i| b[i + 1..].iter().take(9).any(is_sep))
}

/// Whether `sentence` holds a Latin letter and a word every match of
/// `EN_TIME_EXPR` needs: a month name (case as written), a year's `19`/`20`, or a
/// "now", month or year word in any case. `ſ` and `K` are there as the Unicode
/// case folds of `s` and `k`.
fn may_hold_english_date(sentence: &str) -> bool {
    match Avx2::detect() {
        Some(avx2) => {
            avx2.run(|| english_date_words(sentence, |b, from| avx2.find(&LETTERS, b, from)))
        }
        None => english_date_words(sentence, next_letter),
    }
}

/// The ASCII letters, for the vectorised search.
const LETTERS: ByteSet<0, 2> = ByteSet::new([], [(b'A', b'Z'), (b'a', b'z')]);

static MONTHS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    anchors([
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "19",
        "20", "\u{17F}", "\u{212A}", // Reporting periods: 1H23, 3Q24, FY24, 23Q3.
        "1H", "2H", "H1", "H2", "1Q", "2Q", "3Q", "4Q", "Q1", "Q2", "Q3", "Q4", "FY", "CY",
    ])
    .expect("valid words")
});

static WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .ascii_case_insensitive(true)
        .build([
            "currently",
            "now",
            "present",
            "date",
            "today",
            "month",
            "year",
            "ago",
            "quarter",
        ])
        .expect("valid words")
});

/// [`may_hold_english_date`], with `next_letter(bytes, from)` the first ASCII
/// letter at or after `from`, or `bytes.len()`.
#[inline(always)]
fn english_date_words(sentence: &str, mut next_letter: impl FnMut(&[u8], usize) -> usize) -> bool {
    let b = sentence.as_bytes();
    let first = next_letter(b, 0);
    if first >= b.len() {
        return false;
    }
    if MONTHS.is_match(sentence) {
        return true;
    }
    // The words are ASCII letters, so each lies within a run of them: `WORDS`
    // reads only those runs (most sentences are mostly Chinese), each closed by a
    // space so that no word spans two.
    let mut runs = Vec::new();
    let mut i = first;
    while i < b.len() {
        let start = i;
        i = b[start..]
            .iter()
            .position(|&c| !is_ascii_letter(c))
            .map_or(b.len(), |n| start + n);
        if i - start >= 3 {
            runs.extend_from_slice(&b[start..i]);
            runs.push(b' ');
        }
        i = next_letter(b, i);
    }
    WORDS.is_match(&runs)
}

/// The first ASCII letter at or after `i`, or `b.len()`, where the CPU lacks
/// AVX2: long stretches of Chinese go 64 bytes at a time.
fn next_letter(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        if let Some(block) = b.get(i..i + 64)
            && !has_ascii_letter::<64>(block.try_into().expect("64 bytes"))
        {
            i += 64;
            continue;
        }
        let first = match b.get(i..i + 16) {
            Some(chunk) if !has_ascii_letter::<16>(chunk.try_into().expect("16 bytes")) => None,
            _ => b[i..(i + 16).min(b.len())]
                .iter()
                .position(|&c| is_ascii_letter(c)),
        };
        match first {
            Some(first) => return i + first,
            None => i += 16,
        }
    }
    b.len()
}

fn is_ascii_letter(c: u8) -> bool {
    // Bytes of multi-byte characters (0x80 and up) land above 26.
    (c | 0x20).wrapping_sub(b'a') < 26
}

/// Whether `chunk` holds an ASCII letter; without an early exit, so that it is
/// vectorised.
fn has_ascii_letter<const N: usize>(chunk: &[u8; N]) -> bool {
    chunk.iter().fold(false, |any, &c| any | is_ascii_letter(c))
}

/// The Chinese (and ISO) time expressions of `sentence`, none of which starts
/// before byte `from` (`iso` as for [`chinese_search_start`]).
fn chinese_time_expressions(sentence: &str, from: usize, iso: bool) -> Vec<TimeExpr> {
    // Titles are rare: the sentence is scanned for them only when it opens one.
    let titles = if sentence.contains('《') {
        title_spans(sentence)
    } else {
        Vec::new()
    };
    // `find_iter` from `from`: matches are never empty, so each search goes on
    // where the last match ended, skipping to the next anchor.
    let mut next = Some(from);
    std::iter::from_fn(|| {
        let m = TIME_EXPR.0.find_at(sentence, next?)?;
        next = chinese_search_start(sentence, m.end(), iso);
        Some(m)
    })
    .filter_map(|m| {
        let inside_title = titles.iter().any(|t| t.0 <= m.start() && m.end() <= t.1);
        if m.as_str().trim().is_empty() || inside_title || glued_to_number(sentence, m.start()) {
            return None;
        }
        let compared = compared_with(sentence, m.start(), false);
        // A compared period is of use only as the date of the figure right after it.
        if compared && base_figure(sentence, m.end()).is_none() {
            return None;
        }
        let what = match plain_time_ref(m.as_str()) {
            Some(what) => what,
            // The same match: the pattern has no look-around.
            None => time_ref(&TIME_EXPR.0.captures_at(sentence, m.start())?, &TIME_EXPR.1)?,
        };
        let names_something = is_year_only(what) && opens_name(&sentence[m.end()..]);
        if names_something {
            return None;
        }
        let e = TimeExpr::found(sentence, m, what);
        if compared {
            return as_base(sentence, e);
        }
        Some(e)
    })
    .collect()
}

/// The "now" words of `TIME_EXPR`.
const NOW: [&str; 13] = [
    "截至目前",
    "截止目前",
    "到目前为止",
    "目前",
    "当前",
    "现阶段",
    "现在",
    "近期",
    "日前",
    "近日",
    "如今",
    "眼下",
    "时下",
];
/// Its "a year earlier" words.
const YEAR_EARLIER: [&str; 6] = [
    "上年同期",
    "去年同期",
    "上一年度",
    "上年度",
    "上一年",
    "上年",
];

/// What the commonest matches of `TIME_EXPR` say, read without the capture
/// search (the backtracking that costs most of a match): the "now" and "a
/// year earlier" words, `本月`/`上个月`, ISO dates, and years, months and
/// days in ASCII digits or as `今年`/`去年`, with the spaces, `份`, `号` and
/// parts of the year or month the pattern allows (`2023 年底`, `去年 5 月份`,
/// `5月28号`, `6月中旬`, `今年以来`). Each is matched by one group path of
/// the pattern only, so this is [`time_ref`]'s reading; anything else
/// (Chinese numerals, quarters, two-digit years) is `None`.
fn plain_time_ref(matched: &str) -> Option<TimeRef> {
    const MONTH_PART: [&str; 7] = ["上旬", "中旬", "下旬", "初", "中", "底", "末"];
    if NOW.contains(&matched) {
        return Some(TimeRef::Now);
    }
    if YEAR_EARLIER.contains(&matched) {
        return Some(TimeRef::YearEarlier);
    }
    if let Some(what) = iso_date(matched) {
        return Some(what);
    }
    let mut p = Plain(matched.as_bytes());
    if let Some(month) = ["本月", "这个月", "当月", "上个月", "上月"]
        .into_iter()
        .find(|w| p.word(w))
    {
        let shift = if month.starts_with('上') { -1 } else { 0 };
        return (p.done() || MONTH_PART.iter().any(|w| p.whole(w)))
            .then_some(TimeRef::PublishedMonth(shift));
    }
    let year = if let Some(y) = p.number(4..=4) {
        p.spaces();
        if !p.word("年") {
            return None;
        }
        YearRef::Absolute(y as i32)
    } else if let Some(r) = ["今年", "去年", "前年", "明年"]
        .into_iter()
        .find(|w| p.word(w))
    {
        YearRef::Relative(relative_year(r))
    } else {
        YearRef::Unstated
    };
    let calendar = |month, day| Some(TimeRef::Calendar { year, month, day });
    if year != YearRef::Unstated {
        p.spaces();
        if p.done()
            || ["以来", "上半年", "下半年", "全年", "年初", "初", "前三季度"]
                .iter()
                .any(|w| p.whole(w))
        {
            return calendar(None, None);
        }
        if ["年底", "年末", "底", "末"].iter().any(|w| p.whole(w)) {
            return calendar(Some(12), None);
        }
    }
    let month = p.number(1..=2).or_else(|| p.chinese_month())?;
    p.spaces();
    if !p.word("月") {
        return None;
    }
    p.word("份");
    p.spaces();
    let day = match p.number(1..=2) {
        Some(day) => {
            p.spaces();
            if !(p.word("日") || p.word("号")) {
                return None;
            }
            Some(day)
        }
        None => None,
    };
    if p.done() || MONTH_PART.iter().any(|w| p.whole(w)) {
        calendar(Some(month), day)
    } else {
        None
    }
}

/// `2023-05-28` (also with `/` or `.`) as the whole of `matched`.
fn iso_date(matched: &str) -> Option<TimeRef> {
    let mut p = Plain(matched.as_bytes());
    let year = p.number(4..=4)?;
    let month = p.separator().then(|| p.number(1..=2))??;
    let day = p.separator().then(|| p.number(1..=2))??;
    p.done().then_some(TimeRef::Calendar {
        year: YearRef::Absolute(year as i32),
        month: Some(month),
        day: Some(day),
    })
}

/// A cursor over a match of `TIME_EXPR` for [`plain_time_ref`].
struct Plain<'a>(&'a [u8]);

impl Plain<'_> {
    /// A run of ASCII digits whose length is in `len`, as a number.
    fn number(&mut self, len: std::ops::RangeInclusive<usize>) -> Option<u32> {
        let n = self.0.iter().take_while(|c| c.is_ascii_digit()).count();
        if !len.contains(&n) {
            return None;
        }
        // At most four digits: no overflow.
        let value = self.0[..n]
            .iter()
            .fold(0u32, |v, &c| v * 10 + u32::from(c - b'0'));
        self.0 = &self.0[n..];
        Some(value)
    }

    /// A month in Chinese numerals, as `TIME_EXPR`'s `十[一二]?|[一二三四五六七八九]`
    /// reads it (`十二`, `十`, `五`).
    fn chinese_month(&mut self) -> Option<u32> {
        if self.word("十") {
            return Some(if self.word("一") {
                11
            } else if self.word("二") {
                12
            } else {
                10
            });
        }
        let digit = ["一", "二", "三", "四", "五", "六", "七", "八", "九"]
            .iter()
            .position(|d| self.word(d))?;
        Some(digit as u32 + 1)
    }

    /// Steps over `w` if the rest starts with it.
    fn word(&mut self, w: &str) -> bool {
        match self.0.strip_prefix(w.as_bytes()) {
            Some(rest) => {
                self.0 = rest;
                true
            }
            None => false,
        }
    }

    /// Whether the rest is exactly `w`.
    fn whole(&self, w: &str) -> bool {
        self.0 == w.as_bytes()
    }

    /// Steps over ASCII spaces (the pattern's `\s*`; other spaces are left
    /// for the capture search).
    fn spaces(&mut self) {
        while let [b' ' | b'\t' | b'\n' | b'\r', rest @ ..] = self.0 {
            self.0 = rest;
        }
    }

    fn separator(&mut self) -> bool {
        match self.0 {
            [b'-' | b'/' | b'.', rest @ ..] => {
                self.0 = rest;
                true
            }
            _ => false,
        }
    }

    fn done(&self) -> bool {
        self.0.is_empty()
    }
}

fn time_ref(c: &Captures, g: &CnGroups) -> Option<TimeRef> {
    if c.get(g.past).is_some() {
        return Some(TimeRef::Elapsed);
    }
    if c.get(g.now).is_some() {
        return Some(TimeRef::Now);
    }
    if c.get(g.yago).is_some() {
        return Some(TimeRef::YearEarlier);
    }
    if let (Some(n), Some(unit)) = (c.get(g.agon), c.get(g.agou)) {
        let count = |n: &str| match n {
            "两" => Some(2),
            n => number(n).map(|n| n as i32),
        };
        let years = match c.get(g.agoy) {
            Some(y) => count(y.as_str())?,
            None => 0,
        };
        let months = match (n.as_str(), unit.as_str()) {
            ("半", "年") => 6,
            ("半", _) => return None,
            (n, "年") if years == 0 => {
                return Some(TimeRef::Calendar {
                    year: YearRef::Relative(-count(n)?),
                    month: None,
                    day: None,
                });
            }
            // `一年两年前` says nothing.
            (_, "年") => return None,
            (n, _) => count(n)?,
        };
        return Some(TimeRef::PublishedMonth(-(12 * years + months)));
    }
    if let Some(pm) = c.get(g.pm) {
        let shift = if pm.as_str().starts_with('上') {
            -1
        } else {
            0
        };
        return Some(TimeRef::PublishedMonth(shift));
    }
    if let Some(pq) = c.get(g.pq) {
        let earlier = pq.as_str().starts_with('上');
        return Some(TimeRef::PublishedQuarter {
            shift: if earlier { -2 } else { -1 },
            anaphor: !earlier,
        });
    }
    if let Some(q) = c.get(g.q) {
        return Some(TimeRef::Calendar {
            year: YearRef::Unstated,
            month: Some(period_end_month(q.as_str())?),
            day: None,
        });
    }
    if c.get(g.iso).is_some() {
        return Some(TimeRef::Calendar {
            year: YearRef::Absolute(c.get(g.iy)?.as_str().parse().ok()?),
            month: Some(c.get(g.im)?.as_str().parse().ok()?),
            day: Some(c.get(g.id)?.as_str().parse().ok()?),
        });
    }
    let year = if let Some(y) = c.get(g.y) {
        YearRef::Absolute(y.as_str().parse().ok()?)
    } else if let Some(y) = c.get(g.y2) {
        YearRef::Absolute(2000 + y.as_str().parse::<i32>().ok()?)
    } else if let Some(r) = c.get(g.ry) {
        YearRef::Relative(relative_year(r.as_str()))
    } else {
        YearRef::Unstated
    };
    let month = c
        .get(g.m)
        .or(c.get(g.m2))
        .or(c.get(g.m3))
        .and_then(|m| number(m.as_str()));
    let day = c.get(g.d).or(c.get(g.d2)).and_then(|d| number(d.as_str()));
    let month = month.or(c.get(g.yend).or(c.get(g.y2end)).map(|_| 12));
    if year == YearRef::Unstated && month.is_none() {
        return None;
    }
    Some(TimeRef::Calendar { year, month, day })
}

/// The month a half or a quarter named in `words` ends in: 上半年, H1, 1H23,
/// first half → 6; 下半年, H2 → 12; 前三季度 → 9; 一季度, 第1季度, Q1, 3Q24,
/// first quarter → 3, 6, 9, 12. A whole year (全年, FY24) or none: `None`.
fn period_end_month(words: &str) -> Option<u32> {
    // Most dates name no half or quarter: nothing to look for.
    if !words.contains(['H', 'h', 'Q', 'q', '半', '季']) {
        return None;
    }
    let lower = words.to_ascii_lowercase();
    const ORDINALS: [(&str, &str); 4] = [
        ("first ", "1st "),
        ("second ", "2nd "),
        ("third ", "3rd "),
        ("fourth ", "4th "),
    ];
    let ordinal = |w: &str| {
        ORDINALS
            .iter()
            .position(|(a, b)| w.contains(a) || w.contains(b))
            .map(|i| i as u32 + 1)
    };
    if lower.contains("half") || words.contains("半年") {
        let first = words.contains("上半年") || ordinal(&lower) == Some(1);
        let second = words.contains("下半年") || ordinal(&lower) == Some(2);
        return if first {
            Some(6)
        } else if second {
            Some(12)
        } else {
            None
        };
    }
    if words.contains("前三季度") {
        return Some(9);
    }
    if lower.contains("quarter") {
        return ordinal(&lower).map(|q| q * 3);
    }
    if let Some(i) = words.find("季度") {
        let q = words[..i]
            .trim_end()
            .chars()
            .next_back()
            .and_then(|c| match c {
                '一' | '1' => Some(1),
                '二' | '2' => Some(2),
                '三' | '3' => Some(3),
                '四' | '4' => Some(4),
                _ => None,
            })?;
        return Some(q * 3);
    }
    // Q1, 2023年Q1, 23H1 (the number after the letter) or 3Q24, 1H23 (before it,
    // when two year digits follow).
    let b = words.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        let (per, span) = match c {
            b'Q' | b'q' => (3, 4),
            b'H' | b'h' => (6, 2),
            _ => continue,
        };
        let after = b.get(i + 1).filter(|d| d.is_ascii_digit());
        let one_digit_after = after.is_some() && !b.get(i + 2).is_some_and(u8::is_ascii_digit);
        let n = if one_digit_after {
            after.copied()
        } else {
            i.checked_sub(1)
                .and_then(|j| b.get(j))
                .filter(|d| d.is_ascii_digit())
                .copied()
        };
        if let Some(n) = n
            .map(|d| u32::from(d - b'0'))
            .filter(|n| (1..=span).contains(n))
        {
            return Some(n * per);
        }
    }
    None
}

fn relative_year(word: &str) -> i32 {
    match word {
        "去年" => -1,
        "前年" => -2,
        "明年" => 1,
        _ => 0,
    }
}

fn is_year_only(what: TimeRef) -> bool {
    matches!(what, TimeRef::Calendar { month: None, .. })
}

/// Whether the text right after a year reads as a name (`世界人工智能大会`): it starts
/// with a character that cannot continue a time phrase and an event or document noun
/// follows before the next punctuation.
fn opens_name(rest: &str) -> bool {
    let Some(first) = rest.chars().next() else {
        return false;
    };
    if "在,的以上下全底初末内前后中第至到将已就是,;。:、".contains(first) || first.is_whitespace()
    {
        return false;
    }
    let run = rest
        .char_indices()
        .take_while(|(_, c)| !",;。:!?()".contains(*c))
        .take(20)
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    NAME_NOUN.is_match(&rest[..run])
}

static FUTURE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"将|预计|有望|计划|即将|或将|届时|预期|(?-u:\b)(?:will|expects?|expected|plans?|projected|forecast)(?-u:\b)")
            .expect("valid regex")
});

/// Whether the words after a date put it in the future: a deadline (`6月底之前`) or
/// a future marker soon after (`4月20日将发布`).
fn speaks_of_future(rest: &str) -> bool {
    let window = &rest[..rest.char_indices().nth(30).map_or(rest.len(), |(i, _)| i)];
    // `^(?:之前|以前|前)` as a string test.
    ["之前", "以前", "前"].iter().any(|w| window.starts_with(w)) || FUTURE_WORD.is_match(window)
}

/// Whether `e`, a past the text counts back to (`去年`, `上月`, `last quarter`), stands
/// in a clause before a forecast holding the figure at `at` (`AI产业在去年迎来转机,…,
/// 预期在接下来五季,可望创造5000亿美元营收`): a forecast is not of a past period, so
/// the date tells of another event.
fn past_before_forecast(sentence: &str, e: &TimeExpr, at: usize) -> bool {
    let past = match e.what {
        TimeRef::Calendar {
            year: YearRef::Relative(n),
            ..
        }
        | TimeRef::PublishedMonth(n) => n < 0,
        TimeRef::PublishedQuarter {
            shift,
            anaphor: false,
        } => shift < 0,
        _ => false,
    };
    // Words of a forecast only: `计划` also tells of a past plan (`原本计划的约8亿美元`),
    // `将` of a disposal (`将价格降至`).
    static FORECAST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"预计|预期|预估|有望|可望|或将|即将|将会|(?-u:\b)(?i:will|expects?|expected|forecasts?|projected)(?-u:\b)")
            .expect("valid regex")
    });
    past && {
        let next_clause = clause_end(sentence, e.end);
        next_clause < at && FORECAST.is_match(&sentence[next_clause..at])
    }
}

/// Whether `e`, an English date written right after another figure (`from 500 million
/// in March`), is that figure's only: English puts a figure's date after it, so a figure
/// in a later conjunct (`and nearly four times its total from a year ago`) is not of it.
fn dates_figure_before(sentence: &str, e: &TimeExpr, at: usize) -> bool {
    static FIGURE_THEN_DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:[0-9%]|(?-u:\b)(?i:hundred|thousand|million|billion|trillion|percent|cent))\s+(?i:in|by|as of|since)?\s*$")
            .expect("valid regex")
    });
    let between = &sentence[e.end..at];
    between.is_ascii()
        && between.contains(" and ")
        && sentence[e.start..e.end].starts_with(|c: char| c.is_ascii_alphabetic())
        && FIGURE_THEN_DATE
            .is_match(&sentence[floor_char_boundary(sentence, e.start.saturating_sub(40))..e.start])
}

/// Whether `e` dates the start of a change and the figure at `at` is where it ends:
/// `收入占比由1H22的10.4%提升至20.3%` dates the 10.4%, not the 20.3%.
fn dates_only_the_start(sentence: &str, e: &TimeExpr, at: usize) -> bool {
    static TO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:提升|提高|增长|增加|上升|上涨|下降|下滑|减少|降低|回落|扩大|缩小|收窄|升|增|降|涨|跌)?(?:至|到)")
            .expect("valid regex")
    });
    // `(?:由|从|自)\s*$` as a string test (compiling the regex cost more than all
    // its searches); `\s` and `is_whitespace` are both Unicode's White_Space.
    let from = floor_char_boundary(sentence, e.start.saturating_sub(6));
    let head = sentence[from..e.start].trim_end_matches(char::is_whitespace);
    // A start with no figure of its own (`从今年5月…发布…,并将价格降至0.0008元`)
    // is when the change happened: its date is the end's too.
    ["由", "从", "自"].iter().any(|w| head.ends_with(w))
        && sentence.get(e.end..at).is_some_and(|between| {
            TO.find(between)
                .is_some_and(|to| between[..to.start()].contains(|c: char| c.is_ascii_digit()))
        })
}

/// Whether `between`, from a figure to the date after it (`date`), is English words that keep
/// the date with the figure: a few words (`$14 billion on capital expenditure in the
/// quarter ended`, `77% by 2028`), no clause mark or bracket, nothing but ASCII.
fn english_postposed(between: &str, date: &str) -> bool {
    // English words in either (`77% by 2028`): not a Chinese date after a figure.
    let english = |s: &str| s.bytes().any(|c| c.is_ascii_alphabetic());
    between.is_ascii()
        && (english(between) || date.starts_with(|c: char| c.is_ascii_alphabetic()))
        && !between.contains([',', ';', ':', '(', ')', '"'])
        && between.split_whitespace().count() <= 10
}

/// Whether the words right before `start` compare with what follows (`较上年`,
/// `比去年`, `相较于23年初`, `from a year earlier`, `than last year`): the period after
/// them is the base of a comparison, not the date of the figure. The English words
/// only count when `english_words` (before a relative period: `from 2022 to 2023`
/// is a span).
fn compared_with(sentence: &str, start: usize, english_words: bool) -> bool {
    static EN_BASE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(?i:from|than|over|versus|vs\.?|compared\ (?:with|to)|against)\s+$")
            .expect("valid regex")
    });
    let from = floor_char_boundary(sentence, start.saturating_sub(24));
    let head = &sentence[from..start];
    // `(?:较|比|…)\s*$` as a string test, as in `dates_only_the_start`.
    const BASE: [&str; 9] = [
        "较", "比", "较之", "相较", "同比", "环比", "比起", "较于", "比于",
    ];
    let trimmed = head.trim_end_matches(char::is_whitespace);
    BASE.iter().any(|w| trimmed.ends_with(w)) || (english_words && EN_BASE.is_match(head))
}

/// Where the figure right after a compared period ends its reach: after `的`
/// or `'s` comes a figure (`较二季度的191亿元`, `from the previous quarter's
/// $7.8bn`), whose start lies before the offset returned. `None` when no
/// figure follows at once (`较上年增长20%`: the period is only compared with).
fn base_figure(sentence: &str, end: usize) -> Option<usize> {
    let rest = &sentence[end..];
    let rest = ["的", "'s", "’s"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))?
        .trim_start();
    let figure = rest.trim_start_matches(['$', '€', '£', '¥', '￥']);
    figure
        .starts_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十两".contains(c))
        .then(|| sentence.len() - figure.len() + 1)
}

/// `e` as the base of a comparison that dates the figure right after it, or
/// `None` when no figure follows.
fn as_base(sentence: &str, e: TimeExpr) -> Option<TimeExpr> {
    let reach = base_figure(sentence, e.end)?;
    Some(TimeExpr {
        scope: Some((e.start, reach)),
        base: true,
        ..e
    })
}

/// Narrows the reach of the dates of `exprs` that stand in an aside holding a
/// figure of its own, or in a `继…之后` clause (`继5月份将…价格直降97%之后,此次
/// …降幅达到了85%`: May is not the date of the 85%), to that span; returns the
/// asides.
fn narrow_scopes(
    sentence: &str,
    exprs: &mut [TimeExpr],
    figures: Option<&[usize]>,
) -> Vec<(usize, usize)> {
    let asides = asides(sentence, exprs, figures);
    let mut spans = asides.clone();
    spans.extend(prior_event_clauses(sentence));
    if spans.is_empty() {
        return asides;
    }
    for e in exprs.iter_mut() {
        if let Some(&span) = spans.iter().find(|s| s.0 <= e.start && e.end <= s.1) {
            e.scope = Some(span);
        }
    }
    asides
}

/// Byte spans of the asides of `sentence` that hold a figure outside every
/// date of `exprs` (one of `figures`, their start offsets; without them, an
/// ASCII digit): a bracket (`1.3万亿(今年五月的日均调用量为
/// 1200亿次)`), or the words between two dashes or after one to the end (`$13
/// billion - up from $10 billion in June - and…`, `700 million weekly users -
/// a sharp jump from 500 million in March`). A dash only opens an aside as
/// `--` or as ` - ` before words (` - 200 元` is a range). A bracket with
/// no figure (`营收(2023年)`) only annotates what it stands in.
fn asides(sentence: &str, exprs: &[TimeExpr], figures: Option<&[usize]>) -> Vec<(usize, usize)> {
    let b = sentence.as_bytes();
    // The folded text has ASCII brackets and dashes; a raw one may not.
    let mut spans = Vec::new();
    // Only a bracket or a dash opens an aside: the walk goes from one byte that
    // may start one (`(`, `-`, or the lead byte of `（` or `—`/`–`) to the next,
    // as a character walk that found nothing in between would. Each such byte
    // is ASCII or a lead byte, so it starts a character.
    let mut i = next_aside_mark(b, 0, &ASIDE_OPENS);
    while i < b.len() {
        let rest = &sentence[i..];
        let Some(c) = rest.chars().next() else { break };
        if c == '(' || c == '（' {
            if let Some(close) = rest.find([')', '）']) {
                spans.push((
                    i,
                    i + close + rest[close..].chars().next().map_or(1, char::len_utf8),
                ));
                i = next_aside_mark(b, i + close + 1, &ASIDE_OPENS);
                continue;
            }
        } else if let Some(len) = dash_at(sentence, i, true) {
            // A closing dash starts with `-` or E2, as `dash_at` asks.
            let mut j = next_aside_mark(b, i + len, &DASH_LEADS);
            let end = loop {
                if j >= b.len() {
                    break b.len();
                }
                if let Some(l) = dash_at(sentence, j, false) {
                    break j + l;
                }
                j = next_aside_mark(b, j + 1, &DASH_LEADS);
            };
            spans.push((i, end));
            i = next_aside_mark(b, end, &ASIDE_OPENS);
            continue;
        }
        i = next_aside_mark(b, i + c.len_utf8(), &ASIDE_OPENS);
    }
    let free = |j: usize| !exprs.iter().any(|x| x.start <= j && j < x.end);
    spans.retain(|&(s, e)| match figures {
        Some(figures) => figures.iter().any(|&f| s <= f && f < e && free(f)),
        None => (s..e).any(|j| b[j].is_ascii_digit() && free(j)),
    });
    spans
}

/// The bytes an aside may open at: `(`, `-`, and the lead bytes of `（` (EF)
/// and of `—`/`–` (E2).
const ASIDE_OPENS: ByteSet<4, 0> = ByteSet::new([b'(', b'-', 0xE2, 0xEF], []);
/// The first bytes of every dash [`dash_at`] finds.
const DASH_LEADS: ByteSet<2, 0> = ByteSet::new([b'-', 0xE2], []);

/// The first offset at or after `from` of `b` whose byte is in `set`, or `b.len()`.
fn next_aside_mark<const N: usize>(b: &[u8], from: usize, set: &ByteSet<N, 0>) -> usize {
    b.get(from..)
        .and_then(|rest| rest.iter().position(|&c| set.contains(c)))
        .map_or(b.len(), |p| from + p)
}

/// The byte length of the dash at `i` that opens (`opens`) or closes an aside:
/// `--`, `——`, `—`, or a spaced `-`/`–` (before words when it opens).
fn dash_at(sentence: &str, i: usize, opens: bool) -> Option<usize> {
    let rest = &sentence[i..];
    // Asked at every character of a sentence with a date: every dash starts with `-`
    // or with the lead byte of `—`/`–` (E2).
    if !matches!(rest.as_bytes().first(), Some(b'-' | 0xE2)) {
        return None;
    }
    for long in ["--", "——", "—"] {
        if rest.starts_with(long) {
            return Some(long.len());
        }
    }
    let dash = ["-", "–"].iter().find(|d| rest.starts_with(**d))?;
    let spaced_before = sentence[..i].ends_with(' ');
    let after = &rest[dash.len()..];
    if !spaced_before || !after.starts_with(' ') {
        return None;
    }
    let next = after.trim_start().chars().next()?;
    (!opens || next.is_alphabetic()).then_some(dash.len())
}

/// Byte spans of `继…之后` clauses: an earlier event the sentence goes on from,
/// whose dates are not those of the clauses after it.
fn prior_event_clauses(sentence: &str) -> Vec<(usize, usize)> {
    if !sentence.contains('继') {
        return Vec::new();
    }
    sentence
        .match_indices('继')
        .filter(|(i, _)| !sentence[i + '继'.len_utf8()..].starts_with(['续', '承', '任', '而']))
        .filter_map(|(i, _)| {
            let end = clause_end(sentence, i);
            let clause = sentence[i..end].trim_end();
            clause.ends_with('后').then_some((i, end))
        })
        .collect()
}

/// Byte spans of `《…》` titles.
fn title_spans(sentence: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open = None;
    for (i, c) in sentence.char_indices() {
        match c {
            '《' => open = Some(i),
            '》' => {
                if let Some(s) = open.take() {
                    spans.push((s, i + c.len_utf8()));
                }
            }
            _ => {}
        }
    }
    if let Some(s) = open {
        spans.push((s, sentence.len()));
    }
    spans
}

/// A month number glued to a preceding digit (`2023.5月`, `15月`) is not a month.
fn glued_to_number(sentence: &str, start: usize) -> bool {
    sentence[..start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || c == '.' || "一二三四五六七八九十两几".contains(c))
}

/// Parses `1`–`31` written in ASCII digits or Chinese numerals (`十二`, `二十一`).
fn number(s: &str) -> Option<u32> {
    let s = s.trim();
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let digit = |c: char| {
        "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32 + 1)
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// `at` clamped into `sentence` and moved back onto a character boundary.
pub(crate) fn floor_char_boundary(sentence: &str, at: usize) -> usize {
    let mut at = at.min(sentence.len());
    while !sentence.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn clause_end(sentence: &str, at: usize) -> usize {
    // Searched as bytes, 32 a step where the CPU can: every break is ASCII but `。`
    // (E3 80 82), whose lead byte stops the search to be checked (a character search
    // decoded every character of the clause, for every figure of the sentence).
    let b = sentence.as_bytes();
    let avx2 = Avx2::detect();
    let mut i = at;
    loop {
        i = match avx2 {
            Some(avx2) => avx2.find(&CLAUSE_BREAKS, b, i),
            None => b[i..]
                .iter()
                .position(|&c| CLAUSE_BREAKS.contains(c))
                .map_or(b.len(), |p| i + p),
        };
        if i >= b.len() || b[i] != 0xE3 || b[i + 1..].starts_with(&[0x80, 0x82]) {
            return i.min(b.len());
        }
        i += 1;
    }
}

/// The bytes [`clause_end`] stops at: `,;!?`, a line break and the first byte of `。`.
const CLAUSE_BREAKS: ByteSet<6, 0> = ByteSet::new([b',', b';', b'!', b'?', b'\n', 0xE3], []);

fn resolve(expr: &TimeExpr, published: Option<PartialDate>) -> Option<PartialDate> {
    match expr.what {
        TimeRef::Now => published,
        TimeRef::Elapsed => None,
        // Resolved against the sentence by `SentenceDates::resolve_expr`.
        TimeRef::YearEarlier => published.map(|p| PartialDate::year(p.year - 1)),
        TimeRef::PublishedMonth(shift) => shifted_month(published?, shift),
        TimeRef::PublishedQuarter { shift, .. } => {
            let p = published?;
            let quarter = p.year * 4 + (p.month? as i32 - 1) / 3 + shift;
            Some(PartialDate::month(
                quarter.div_euclid(4),
                quarter.rem_euclid(4) as u32 * 3 + 3,
            ))
        }
        TimeRef::Calendar { year, month, day } => {
            let year = match year {
                YearRef::Absolute(y) => y,
                YearRef::Relative(k) => published?.year + k,
                YearRef::Unstated if expr.future => published?.year,
                YearRef::Unstated => unstated_year(published?, month?, day)?,
            };
            calendar(year, month, day)
        }
    }
}

/// The same day, month or year one year earlier (29 February falls back to the month).
pub fn year_before(d: PartialDate) -> Option<PartialDate> {
    match (d.month, d.day) {
        (Some(m), Some(day)) => NaiveDate::from_ymd_opt(d.year - 1, m, day)
            .map(PartialDate::day)
            .or(Some(PartialDate::month(d.year - 1, m))),
        (Some(m), None) => Some(PartialDate::month(d.year - 1, m)),
        _ => Some(PartialDate::year(d.year - 1)),
    }
}

fn shifted_month(published: PartialDate, shift: i32) -> Option<PartialDate> {
    let index = published.year * 12 + published.month? as i32 - 1 + shift;
    Some(PartialDate::month(
        index.div_euclid(12),
        index.rem_euclid(12) as u32 + 1,
    ))
}

/// The publication year, or the one before when the date would lie well after publication.
fn unstated_year(published: PartialDate, month: u32, day: Option<u32>) -> Option<i32> {
    let year = published.year;
    let first_day = NaiveDate::from_ymd_opt(year, month, day.unwrap_or(1))
        .or_else(|| NaiveDate::from_ymd_opt(year, month, 1))?;
    let latest = published
        .bounds()
        .1
        .checked_add_days(Days::new(FUTURE_SLACK_DAYS))?;
    Some(if first_day > latest { year - 1 } else { year })
}

fn calendar(year: i32, month: Option<u32>, day: Option<u32>) -> Option<PartialDate> {
    match (month, day) {
        (None, _) => Some(PartialDate::year(year)),
        (Some(m), None) => {
            NaiveDate::from_ymd_opt(year, m, 1).map(|d| PartialDate::month(d.year(), m))
        }
        (Some(m), Some(d)) => NaiveDate::from_ymd_opt(year, m, d).map(PartialDate::day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_end_is_the_next_break_character() {
        let by_chars = |s: &str, at: usize| {
            s[at..]
                .find([',', ';', '。', '!', '?', '\n'])
                .map_or(s.len(), |i| at + i)
        };
        let long = "、《报告》称ぁ".repeat(12);
        for s in [
            "",
            "2023年收入34亿元,上年同期为38亿元。",
            "据《报告》显示、目前;然后!还有?最后\n行",
            long.as_str(),
            &format!("{long}。{long},"),
            "「引号」〇〇。",
        ] {
            for (at, _) in s.char_indices().chain([(s.len(), ' ')]) {
                assert_eq!(clause_end(s, at), by_chars(s, at), "{s:?} {at}");
            }
        }
    }

    fn p(s: &str) -> Option<PartialDate> {
        Some(PartialDate::parse(s).expect("test date"))
    }

    /// As-of of the figure `figure` (first occurrence) in `sentence`.
    fn as_of(sentence: &str, figure: &str, published: &str) -> Option<String> {
        let at = sentence.find(figure).expect("figure in sentence");
        let published = PartialDate::parse(published);
        resolve_as_of(sentence, at, published).map(|d| d.to_string())
    }

    fn check(sentence: &str, figure: &str, published: &str, expected: Option<&str>) {
        assert_eq!(
            as_of(sentence, figure, published).as_deref(),
            expected,
            "{sentence} / {figure} / published {published}"
        );
    }

    #[test]
    fn a_past_date_of_an_earlier_clause_does_not_date_a_forecast() {
        let s = "该公司强调行业在去年迎来拐点,客户愿意付费,预计在未来三个季度,产品可望带来800亿元收入。";
        check(s, "800亿元", "2026-03-10", None);
        // A past plan is no forecast.
        check(
            "公司去年加快研发,成本高于原本计划的约8亿元。",
            "8亿元",
            "2026-03-10",
            Some("2025"),
        );
        // A past date in the forecast's own clause, or a plain statement, still dates it.
        check(
            "去年预计收入可达800亿元。",
            "800亿元",
            "2026-03-10",
            Some("2025"),
        );
        check(
            "公司去年迎来拐点,收入达到800亿元。",
            "800亿元",
            "2026-03-10",
            Some("2025"),
        );
    }

    #[test]
    fn an_english_date_after_a_figure_does_not_date_the_next_conjunct() {
        let s = "Orbit now has 90 million members - up from 60 million in May and nearly three times its count from a year ago.";
        // `now` dates it: the writer's present.
        check(s, "three times", "2026-09-01", Some("2026-09-01"));
        check(s, "60 million", "2026-09-01", Some("2026-05"));
        // A date that opens the clause dates every figure of it.
        check(
            "In May, Orbit had 60 million members and nearly three times the revenue.",
            "three times",
            "2026-09-01",
            Some("2026-05"),
        );
    }

    #[test]
    fn absolute_dates() {
        check(
            "2023年4月10日,国内大模型已有30个",
            "30个",
            "2023-09",
            Some("2023-04-10"),
        );
        check("2023年国内大模型已有30个", "30个", "2024-02", Some("2023"));
        check(
            "截至2023-05-13,共有30个大模型",
            "30个",
            "2023-09",
            Some("2023-05-13"),
        );
        check(
            "2023 年一季度,营收增长了20%",
            "20%",
            "2023-09",
            Some("2023-03"),
        );
        check(
            "2022年底,市场规模为100亿元",
            "100亿元",
            "2023-09",
            Some("2022-12"),
        );
    }

    #[test]
    fn year_less_dates_take_the_publication_year() {
        check(
            "5月28日,国内已经发布了79个大模型",
            "79个",
            "2023-09",
            Some("2023-05-28"),
        );
        check(
            "7月,国内大模型增加至116个",
            "116个",
            "2023-09",
            Some("2023-07"),
        );
        check(
            "7月份,微软公布了价格,30美元/月",
            "30美元",
            "2023-07",
            Some("2023-07"),
        );
        check(
            "进入 4 月份,已有10家厂商发布",
            "10家",
            "2023-05-13",
            Some("2023-04"),
        );
        check(
            "截至5月上旬,已有30个大模型",
            "30个",
            "2023-07",
            Some("2023-05"),
        );
        check(
            "截止6月1日,已有30个大模型",
            "30个",
            "2023-07",
            Some("2023-06-01"),
        );
        check("5月底,已有30个大模型", "30个", "2023-07", Some("2023-05"));
        // A month takes the year stated before it in the sentence, publication or not.
        check(
            "GPU数量由2021年3月底的2.7万块提升至8 月的约3万块",
            "约3万",
            "2023-07",
            Some("2021-08"),
        );
        check(
            "由2021年11月的2万块增加到2月的3万块",
            "3万块",
            "2023-07",
            Some("2022-02"),
        );
        check(
            "公司成立于2015年,团队很小,研发了多年,3月发布了30个模型",
            "30个",
            "2023-07",
            Some("2023-03"),
        );
        check("8月底已有30个大模型", "30个", "2023-09", Some("2023-08"));
        check("3月中旬,已有30个大模型", "30个", "2023-07", Some("2023-03"));
        check("4月中旬,已有30个大模型", "30个", "2023-04", Some("2023-04"));
        check("三月时,已有30个大模型", "30个", "2023-07", Some("2023-03"));
        check("五月初,已有30个大模型", "30个", "2023-07", Some("2023-05"));
    }

    #[test]
    fn year_less_dates_well_after_publication_belong_to_the_previous_year() {
        check("12月,已有30个大模型", "30个", "2023-04", Some("2022-12"));
        check(
            "4月20日将发布30个模型",
            "30个",
            "2023-04",
            Some("2023-04-20"),
        );
        // A month after publication is still this year (announcements run ahead).
        check("7月发布了30个模型", "30个", "2023-04", Some("2022-07"));
        // Unless it is said of the future.
        check("7月将发布30个模型", "30个", "2023-04", Some("2023-07"));
        check(
            "多位受访者透露,6月底之前,国内或将有50种类ChatGPT的产品问世",
            "50种",
            "2023-04",
            Some("2023-06"),
        );
        check("到12月,预计有50个模型", "50个", "2023-04", Some("2023-12"));
    }

    #[test]
    fn relative_dates() {
        check(
            "今年1月,每天约有1300万独立访客",
            "1300万",
            "2023-07",
            Some("2023-01"),
        );
        check(
            "今年四月底,已有30个大模型",
            "30个",
            "2023-07",
            Some("2023-04"),
        );
        check("今年国内已有30个大模型", "30个", "2023-07", Some("2023"));
        check(
            "今年以来,国内已有30个大模型",
            "30个",
            "2023-07",
            Some("2023"),
        );
        check(
            "今年上半年,线性资本至少看了两三百个应用",
            "两三百个",
            "2023-05-13",
            Some("2023-06"),
        );
        check("去年国内只有10个大模型", "10个", "2023-07", Some("2022"));
        check(
            "本月初,大会吸引了500家企业",
            "500家",
            "2023-07",
            Some("2023-07"),
        );
        check("本月中,已有30个大模型", "30个", "2023-07", Some("2023-07"));
        check("本月已有30个大模型", "30个", "2023-07-15", Some("2023-07"));
        check("上个月已有30个大模型", "30个", "2023-01", Some("2022-12"));
    }

    #[test]
    fn a_year_earlier_is_read_against_the_date_before_it() {
        let s = "公司2023年全年实现收入34.06亿元,上年同期为38.09亿元,同比减少10.6%";
        check(s, "34.06", "2024-04-03", Some("2023"));
        check(s, "38.09", "2024-04-03", Some("2022"));
        // The change compares the two periods: it belongs to the later one.
        check(s, "10.6%", "2024-04-03", Some("2023"));
        check(
            "2023年8月收入5亿元,去年同期为3亿元",
            "3亿",
            "2024-01",
            Some("2022-08"),
        );
        // With no date before it, a year before publication.
        check(
            "上年同期为亏损60.93亿元",
            "60.93",
            "2024-04-03",
            Some("2023"),
        );
        // After a word of comparison a period is the base, not the figure's date.
        check("今年营收较去年增长20%", "20%", "2024-03", Some("2024"));
        check("价格比今年6月上涨超40%", "40%", "2023-10-21", None);
        check("营收比2022年增长30%", "30%", "2024-03", None);
        check("总算力相较于23年初提高了一倍", "一倍", "2024-03", None);
        check(
            "1H23净亏损31.43亿元,较1H22收窄2.0%",
            "2.0%",
            "2024-03",
            Some("2023-06"),
        );
        // The date of a change's start is not the date of where it ends.
        let s = "1H23收入14.33亿元,收入占比由1H22的10.4%提升至20.3%";
        check(s, "10.4%", "2024-03", Some("2022-06"));
        check(s, "20.3%", "2024-03", Some("2023-06"));
    }

    #[test]
    fn reporting_periods_and_two_digit_years() {
        check(
            "1H23智慧城市板块收入1.84亿元",
            "1.84",
            "2024-05",
            Some("2023-06"),
        );
        check("商汤23Q3营收10亿元", "10亿", "2024-05", Some("2023-09"));
        check(
            "2023年前三季度营收10亿元",
            "10亿",
            "2024-05",
            Some("2023-09"),
        );
        check("2023年下半年营收10亿元", "10亿", "2024-05", Some("2023-12"));
        check(
            "2023年第4季度营收10亿元",
            "10亿",
            "2024-05",
            Some("2023-12"),
        );
        check("23年全年营收34亿元", "34亿", "2024-05", Some("2023"));
        check("22年3月已有5个大模型", "5个", "2024-05", Some("2022-03"));
        check("22年底已有5个大模型", "5个", "2024-05", Some("2022-12"));
        // A two-digit year without a part of the year is a duration.
        check("他有22年的经验,带领5个团队", "5个", "2024-05", None);
        // Chip names are not periods.
        check("H100的价格为3万美元", "3万", "2024-05", None);
        check("H20芯片售价1.2万美元", "1.2万", "2024-05", None);
    }

    #[test]
    fn now_words_mean_the_publication_date() {
        for now in ["近期", "目前", "截至目前", "日前", "现在"] {
            let s = format!("{now},国内已有30个大模型");
            check(&s, "30个", "2023-07", Some("2023-07"));
        }
        check(
            "截至目前已有30个大模型",
            "30个",
            "2023-05-13",
            Some("2023-05-13"),
        );
    }

    #[test]
    fn without_publication_date_relative_dates_are_unknown() {
        check("5月28日,国内已经发布了79个大模型", "79个", "", None);
        check("目前国内已有30个大模型", "30个", "", None);
        check("今年国内已有30个大模型", "30个", "", None);
        check(
            "2023年5月28日,国内已经发布了79个大模型",
            "79个",
            "",
            Some("2023-05-28"),
        );
    }

    #[test]
    fn names_and_titles_are_not_dates() {
        check(
            "季昕华在2023世界人工智能大会上称,中国已有130家研发大模型的公司",
            "130家",
            "2023-09",
            None,
        );
        check(
            "2023年世界人工智能大会上,已有30个大模型亮相",
            "30个",
            "2023-09",
            None,
        );
        check(
            "《2022年北京人工智能产业发展白皮书》显示,北京有1048家核心企业",
            "1048家",
            "2023-07",
            None,
        );
        check(
            "本月初,2023年世界人工智能大会(WAIC)在上海举办,30个大模型亮相",
            "30个",
            "2023-07",
            Some("2023-07"),
        );
    }

    #[test]
    fn nearest_before_wins_else_first_after_in_clause() {
        check(
            "3月,百度发布文心一言,5月已有30个大模型",
            "30个",
            "2023-07",
            Some("2023-05"),
        );
        check(
            "已有30个大模型(截至5月底)",
            "30个",
            "2023-07",
            Some("2023-05"),
        );
        check("已有30个大模型,5月底还将发布10个", "30个", "2023-07", None);
        check("国内已有30个大模型", "30个", "2023-07", None);
    }

    #[test]
    fn now_yields_to_a_date_that_dates_the_statement() {
        let s = "而7月,据腾讯研究院副秘书长杨望调研分析,目前国内的大模型数量已增加至116个";
        check(s, "116个", "2023-09", Some("2023-07"));
        // Without a statement in between, 目前 contrasts with the earlier date.
        check(
            "2022年市场规模为10亿元,目前已达30亿元",
            "30亿元",
            "2023-07",
            Some("2023-07"),
        );
        check(
            "2022年市场规模为10亿元,目前已达30亿元",
            "10亿元",
            "2023-07",
            Some("2022"),
        );
        check(
            "今年以来,据统计,目前已有30个大模型",
            "30个",
            "2023-07",
            Some("2023-07"),
        );
    }

    #[test]
    fn durations_are_not_dates() {
        check("短短两个月时间过去,已有30个大模型", "30个", "2023-04", None);
        check(
            "五年最高亏一百亿美金,20年赚一万亿美金",
            "一万亿",
            "2023-04",
            None,
        );
        check("30美元/月的价格", "30美元", "2023-07", None);
    }

    #[test]
    fn plain_reading_is_the_capture_reading() {
        let (re, groups) = &*TIME_EXPR;
        let mut texts = Vec::new();
        for word in NOW.into_iter().chain(YEAR_EARLIER).chain([
            "本月",
            "这个月",
            "当月",
            "上个月",
            "上月",
            "本月初",
            "上月底",
            "当月中旬",
            "2023-05-28",
            "2023/5/8",
            "2023.12.31",
            "2023-5",
            "今年",
            "去年",
            "前年",
            "明年",
            "今年以来",
            "去年底",
            "去年年底",
            "今年上半年",
            "2023年全年",
            "2023 年底",
            "2023年 初",
            "2023年末",
            "今年 5 月份",
            "去年5月28号",
            "5月 底",
            "5月份上旬",
            "12月28日中",
            "5 月 28 日",
            "今年第一季度",
            "2023年Q1",
            "五月",
        ]) {
            texts.push(word.to_string());
        }
        let chinese = [
            "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三",
            "二十", "零", "两",
        ];
        for year in ["", "2023年", "0000年", "1999年", "今年", "2023 年 ", "去年"] {
            texts.push(year.to_string());
            for month in (0..100)
                .map(|n| n.to_string())
                .chain(["05".into(), "00".into()])
                .chain(chinese.iter().map(|c| c.to_string()))
            {
                texts.push(format!("{year}{month}月"));
                texts.push(format!("{year}{month} 月份 底"));
                for day in (0..100)
                    .map(|n| n.to_string())
                    .chain(["07".into()])
                    .chain(chinese.iter().map(|c| c.to_string()))
                {
                    texts.push(format!("{year}{month}月{day}日"));
                    texts.push(format!("{year}{month}月份{day} 号下旬"));
                }
            }
        }
        let mut read = 0;
        for text in texts.iter().filter(|t| !t.is_empty()) {
            let Some(plain) = plain_time_ref(text) else {
                continue;
            };
            // Only whole matches reach `plain_time_ref`.
            let Some(c) = re.captures(text).filter(|c| c[0].len() == text.len()) else {
                continue;
            };
            assert_eq!(Some(plain), time_ref(&c, groups), "{text}");
            read += 1;
        }
        assert!(read > 1000, "{read}");
        let common = [
            "五月",
            "今年四月底",
            "十二月份",
            "目前",
            "上年同期",
            "上个月",
            "2023-05-28",
            "去年底",
            "今年 5 月份",
            "5月 底",
        ];
        assert!(common.iter().all(|t| plain_time_ref(t).is_some()));
    }

    proptest::proptest! {
        /// The vectorised letter search and the block one agree.
        #[test]
        fn both_letter_searches_agree(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "中文", "AI", "GPT", "in ", "2023", "May", "year", "NOW", "ago", "\u{17F}",
                "，", " ", "Q3", "x", "数据", "abcdefghijklmnopqrstuvwxyz0123456789",
            ]), 0..30)
        ) {
            let text: String = parts.concat();
            let blocks = english_date_words(&text, next_letter);
            if let Some(avx2) = Avx2::detect() {
                let fast = english_date_words(&text, |b, from| avx2.find(&LETTERS, b, from));
                proptest::prop_assert_eq!(fast, blocks);
            }
            for i in 0..=text.len() {
                let expected = text.as_bytes()[i..]
                    .iter()
                    .position(|&c| c.is_ascii_alphabetic())
                    .map_or(text.len(), |p| i + p);
                proptest::prop_assert_eq!(next_letter(text.as_bytes(), i), expected);
            }
        }
    }

    #[test]
    fn out_of_range_offsets_and_odd_input_do_not_panic() {
        assert_eq!(resolve_as_of("", 10, p("2023")), None);
        assert_eq!(resolve_as_of("13月32日", 0, p("2023")), None);
        assert_eq!(resolve_as_of("2月30日,30个", 10, p("2023-03")), None);
        assert_eq!(resolve_as_of("5月,30个", 5, p("2023-07")), p("2023-05"));
        assert_eq!(number("二十一"), Some(21));
        assert_eq!(number("十二"), Some(12));
        assert_eq!(number("三十"), Some(30));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(sentence in "[0-9年月日今去本目前截至底初中旬,。《》 a-z\\PC]{0,40}", at in 0usize..200) {
            let _ = resolve_as_of(&sentence, at, p("2023-07"));
            let _ = resolve_as_of(&sentence, at, None);
        }

        #[test]
        fn asides_are_those_of_a_character_walk(
            sentence in "[()（）\\-—–“ a1年5月]{0,30}",
            figures in proptest::collection::vec(0usize..40, 0..3),
        ) {
            for figures in [None, Some(figures.as_slice())] {
                proptest::prop_assert_eq!(
                    asides(&sentence, &[], figures),
                    character_walk_asides(&sentence, figures)
                );
            }
        }
    }

    /// [`asides`] as a walk over every character (past a closing bracket
    /// whatever its width), as it was written before it skipped to the bytes
    /// that may open an aside.
    fn character_walk_asides(sentence: &str, figures: Option<&[usize]>) -> Vec<(usize, usize)> {
        let b = sentence.as_bytes();
        let mut spans = Vec::new();
        let mut i = 0;
        while i < b.len() {
            let rest = &sentence[i..];
            let Some(c) = rest.chars().next() else { break };
            if c == '(' || c == '（' {
                if let Some(close) = rest.find([')', '）']) {
                    let width = rest[close..].chars().next().map_or(1, char::len_utf8);
                    spans.push((i, i + close + width));
                    i += close + width;
                    continue;
                }
            } else if let Some(len) = dash_at(sentence, i, true) {
                let end = (i + len..b.len())
                    .filter(|&j| sentence.is_char_boundary(j))
                    .find_map(|j| dash_at(sentence, j, false).map(|l| j + l))
                    .unwrap_or(b.len());
                spans.push((i, end));
                i = end;
                continue;
            }
            i += c.len_utf8();
        }
        spans.retain(|&(s, e)| match figures {
            Some(figures) => figures.iter().any(|&f| s <= f && f < e),
            None => (s..e).any(|j| b[j].is_ascii_digit()),
        });
        spans
    }
}

#[cfg(test)]
mod english_tests {
    use super::*;

    fn as_of(sentence: &str, figure: &str) -> Option<String> {
        let at = sentence.find(figure).unwrap();
        resolve_as_of(sentence, at, PartialDate::parse("2024-10-03")).map(|d| d.to_string())
    }

    #[test]
    fn english_dates_resolve() {
        let earlier = "Revenue was $5 billion in 2023, up from $3 billion a year earlier.";
        for (sentence, figure, expected) in [
            (
                "OpenAI was last valued at $86 billion early this year.",
                "$86",
                Some("2024"),
            ),
            ("Revenue was $3.7 billion last year.", "$3.7", Some("2023")),
            (
                "In March, revenue reached $300 million.",
                "$300",
                Some("2024-03"),
            ),
            ("On 28 May 2023 it had 79 models.", "79", Some("2023-05-28")),
            // The end of a year is its December, as `2023年底` is.
            (
                "By the end of 2023, it had 238 models.",
                "238",
                Some("2023-12"),
            ),
            (
                "Sales rose to $2 billion in the second quarter of 2024.",
                "$2",
                Some("2024-06"),
            ),
            // Reporting periods; chip names are none.
            ("FY24 revenue was $3.7 billion.", "$3.7", Some("2024")),
            ("Revenue in 2Q23 rose to $5 billion.", "$5", Some("2023-06")),
            (
                "Revenue in H1 2024 rose to $5 billion.",
                "$5",
                Some("2024-06"),
            ),
            (
                "Revenue in the first half of 2024 was $5 billion.",
                "$5",
                Some("2024-06"),
            ),
            ("An H100 costs $30,000 and an H200 more.", "$30", None),
            // A year earlier, after the figure, beats the date of an earlier clause.
            (earlier, "$5", Some("2023")),
            (earlier, "$3", Some("2022")),
            // A date right after an English figure is its own, not the one before.
            (
                "Revenue was $27 billion in fiscal 2023 and $61 billion in fiscal 2024.",
                "$61",
                Some("2024"),
            ),
            (
                "Its loss narrowed to 6.4 billion yuan in 2023 from 6.1 billion yuan a year earlier.",
                "6.1",
                Some("2022"),
            ),
            (
                "Revenue hit $2 billion in December, up from $1.3 billion in October.",
                "$1.3",
                Some("2024-10"),
            ),
            (
                "In 2023 it had 100 million users as of June, and 80 GPUs.",
                "100",
                Some("2023-06"),
            ),
            // The base of a comparison is not the figure's date.
            ("Sales rose 20% from a year earlier.", "20%", None),
            ("Profit grew 8% compared with last year.", "8%", None),
            // A running total since a year is as of now (no date of its own).
            (
                "It has invested nearly $14 billion since 2019.",
                "$14",
                None,
            ),
            // `may` the verb and a bare year are not dates.
            ("It may reach 2023 GPUs soon.", "2023", None),
            ("Losses may reach $5 billion.", "$5", None),
        ] {
            assert_eq!(as_of(sentence, figure).as_deref(), expected, "{sentence}");
        }
    }

    #[test]
    fn the_words_that_date_a_figure_are_kept_without_a_calendar() {
        fn words<'a>(sentence: &'a str, figure: &str) -> Option<&'a str> {
            let at = sentence.find(figure).expect("figure in sentence");
            let dates = SentenceDates::new(sentence);
            let (_, words) = dates.as_of_and_words(at, None);
            // The same expression dates it on the calendar when there is one.
            let (as_of, same) = dates.as_of_and_words(at, PartialDate::parse("2024-05"));
            if words.is_some() {
                assert!(as_of.is_some(), "{sentence}");
            }
            assert_eq!(words, same, "{sentence}");
            words.map(|r| &sentence[r])
        }
        assert_eq!(words("今年3月已经涨到130万元/台", "130"), Some("今年3月"));
        assert_eq!(
            words("去年12月该数据仅为5000万次", "5000"),
            Some("去年12月")
        );
        // "Now" is what an undated figure means anyway.
        assert_eq!(words("现在大约160万元/台", "160"), None);
        assert_eq!(words("日均调用量达2亿次", "2亿"), None);
        // So long before the writer's present.
        assert_eq!(words("一年前,中国还落后7至10年", "7至10年"), Some("一年前"));
        assert_eq!(words("半年前的价格是10万元", "10万元"), Some("半年前"));
        let dated = |sentence: &str, figure: &str| {
            let at = sentence.find(figure).expect("figure in sentence");
            SentenceDates::new(sentence)
                .resolve_as_of(at, PartialDate::parse("2024-05-10"))
                .map(|d| d.to_string())
        };
        assert_eq!(
            dated("两年前的价格是8万元", "8万元").as_deref(),
            Some("2022")
        );
        assert_eq!(
            dated("三个月前为10万元", "10万元").as_deref(),
            Some("2024-02")
        );
        assert_eq!(
            dated("针对一年三个月前的模型,价格为5万元", "5万元").as_deref(),
            Some("2023-02")
        );
        // The base of a comparison is not the figure's date.
        assert_eq!(dated("比两年前增长了30%", "30%"), None);
        // A duration inside the time is part of it.
        assert!(SentenceDates::new("三个月前为10万元").covers(0.."三个月".len()));
        // An English date's pattern may take the full stop after it.
        assert_eq!(
            words("Revenue reached $2 billion in December. It grew.", "$2"),
            Some("December")
        );
    }
}

#[cfg(test)]
mod scope_tests {
    use super::*;

    /// As-of of `figure` (its first occurrence) in `sentence`, published `published`.
    fn as_of(sentence: &str, figure: &str, published: &str) -> Option<String> {
        let at = sentence.find(figure).expect("figure in sentence");
        resolve_as_of(sentence, at, PartialDate::parse(published)).map(|d| d.to_string())
    }

    fn check(cases: &[(&str, &str, &str, Option<&str>)]) {
        for &(sentence, figure, published, expected) in cases {
            assert_eq!(
                as_of(sentence, figure, published).as_deref(),
                expected,
                "{sentence} / {figure} / published {published}"
            );
        }
    }

    #[test]
    fn an_aside_keeps_its_date() {
        check(&[
            // A bracket holding its own figure: its date stays in it.
            (
                "截至今年8月,用户数超过2亿(今年三月为1亿),日均调用量达到5000万次",
                "5000万",
                "2024-08-20",
                Some("2024-08"),
            ),
            (
                "截至今年8月,用户数超过2亿(今年三月为1亿),日均调用量达到5000万次",
                "1亿",
                "2024-08-20",
                Some("2024-03"),
            ),
            // Dashes: the date of `up from X in April` is X's, and a figure does
            // not look past the aside for a date after it.
            (
                "Sales rose to $8 billion - up from $6 billion in April - and may reach $11 billion by year's end.",
                "$8",
                "2025-09-10",
                None,
            ),
            (
                "Sales rose to $8 billion - up from $6 billion in April - and may reach $11 billion by year's end.",
                "$6",
                "2025-09-10",
                Some("2025-04"),
            ),
            (
                "Sales rose to $8 billion - up from $6 billion in April - and may reach $11 billion by year's end.",
                "$11",
                "2025-09-10",
                Some("2025-12"),
            ),
            (
                "Subscribers topped 40 million - a big jump from 25 million in January.",
                "40",
                "2025-09-10",
                None,
            ),
            // A bracket with no figure of its own annotates what it stands in.
            (
                "营收(2023年全年)为50亿元",
                "50亿元",
                "2024-08-20",
                Some("2023"),
            ),
            // A range with spaced dashes is no aside.
            (
                "In April, prices were 100 - 200 dollars",
                "200",
                "2025-09-10",
                Some("2025-04"),
            ),
        ]);
    }

    #[test]
    fn an_earlier_event_clause_keeps_its_date() {
        check(&[
            (
                "继3月份将旗舰模型价格下调60%之后,此次平台上的模型价格再降40%",
                "40%",
                "2024-09-20",
                None,
            ),
            (
                "继3月份将旗舰模型价格下调60%之后,此次平台上的模型价格再降40%",
                "60%",
                "2024-09-20",
                Some("2024-03"),
            ),
            // `继续` is no such clause.
            (
                "3月份继续下调价格,降幅为40%",
                "40%",
                "2024-09-20",
                Some("2024-03"),
            ),
        ]);
    }

    #[test]
    fn quarters_counted_from_publication() {
        check(&[
            // `当季`: the last quarter ended; a bare quarter as a month without its year.
            (
                "当季公司营收为80亿元,同比增长9%,较三季度的70亿元增长14%",
                "80亿元",
                "2025-02-20",
                Some("2024-12"),
            ),
            (
                "当季公司营收为80亿元,同比增长9%,较三季度的70亿元增长14%",
                "9%",
                "2025-02-20",
                Some("2024-12"),
            ),
            // The base of the comparison dates its own figure only.
            (
                "当季公司营收为80亿元,同比增长9%,较三季度的70亿元增长14%",
                "70亿元",
                "2025-02-20",
                Some("2024-09"),
            ),
            (
                "当季公司营收为80亿元,同比增长9%,较三季度的70亿元增长14%",
                "14%",
                "2025-02-20",
                Some("2024-12"),
            ),
            (
                "二季度营收为30亿元",
                "30亿元",
                "2025-11-14",
                Some("2025-06"),
            ),
            // `当季` after a quarter the sentence names is that quarter.
            (
                "2023年第四季度,当季营收为50亿元",
                "50亿元",
                "2025-01-10",
                Some("2023-12"),
            ),
            (
                "Capital spending climbed to $9 billion this past quarter.",
                "$9",
                "2024-10-25",
                Some("2024-09"),
            ),
            (
                "It was up from the previous quarter's $7 billion.",
                "$7",
                "2024-10-25",
                Some("2024-06"),
            ),
            (
                "It expects $12 billion of spending for the current fiscal second quarter.",
                "$12",
                "2024-10-25",
                Some("2024-12"),
            ),
            // A compared quarter with no figure after it dates nothing.
            (
                "Revenue grew 8% from the previous quarter.",
                "8%",
                "2024-10-25",
                None,
            ),
        ]);
    }

    #[test]
    fn an_undated_text_keeps_its_quarter_undated() {
        let dates = SentenceDates::new("本季度营收为80亿元");
        assert_eq!(dates.as_of_and_words(9, None), (None, None));
        let dates = SentenceDates::new("上季度营收为80亿元");
        assert_eq!(dates.as_of_and_words(9, None), (None, Some(0..9)));
    }

    #[test]
    fn parts_of_years_and_relative_english_dates() {
        check(&[
            (
                "ChatGPT launched in late 2022, and by mid-2025 it had 300 million users.",
                "300",
                "2025-10-01",
                Some("2025"),
            ),
            (
                "In early 2024, it had 20 models.",
                "20 models",
                "2025-10-01",
                Some("2024"),
            ),
            (
                "At the end of 2024 it had 5 models.",
                "5 models",
                "2025-10-01",
                Some("2024-12"),
            ),
            (
                "In September this year, it ran 50,000 GPUs.",
                "50,000",
                "2024-12-06",
                Some("2024-09"),
            ),
            (
                "In May last year it raised $6 billion.",
                "$6",
                "2024-12-06",
                Some("2023-05"),
            ),
            (
                "They are considering a sale just three months after raising $100 million.",
                "$100",
                "2024-06-15",
                Some("2024-03"),
            ),
            (
                "Two years ago it had 10 models.",
                "10",
                "2024-06-15",
                Some("2022"),
            ),
            (
                "Margins may climb from 50% today to 77% by 2028.",
                "77%",
                "2025-06-15",
                Some("2028"),
            ),
            (
                "Margins may climb from 50% today to 77% by 2028.",
                "50%",
                "2025-06-15",
                Some("2025-06-15"),
            ),
        ]);
    }

    #[test]
    fn a_start_without_a_figure_dates_the_change() {
        check(&[
            (
                "从今年3月推出新模型,并将价格降至0.5元",
                "0.5元",
                "2024-08-01",
                Some("2024-03"),
            ),
            // A start with its own figure keeps the date to itself.
            ("份额由2023年的10%提升至20%", "20%", "2024-08-01", None),
            // Time gone by since: what follows is not of the date before.
            (
                "今年3月推出新模型,三个月过去,用户增长了5倍",
                "5倍",
                "2024-08-01",
                None,
            ),
        ]);
    }
}
