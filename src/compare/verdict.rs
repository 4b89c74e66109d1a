//! How two figures of a group relate, the group's verdict and its reasons in plain words.
//!
//! `relate` is the one definition of a pair's relation; the sweep counts pairs by the same
//! rules (`classify_apart`, `time_rel`) without listing them, and a property test checks
//! the two against each other.

use super::{Conflict, Figure, Group, Verdict, When};
use crate::claim::Claim;
use rust_decimal::Decimal;

/// How two claims relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Relation {
    /// Values that cannot both be true of the same thing at the same time.
    Conflict,
    /// Intervals meet, in periods that may overlap.
    Agree,
    /// One figure is a conversion of the other (`3亿美元(22亿元)`): one statement.
    #[strum(serialize = "same statement")]
    SameStatement,
    /// Different periods: a change over time (or an unchanged value at two dates).
    Timeline,
    /// Cumulative figures that differ, but a missing date prevents ordering them.
    Unordered,
    /// One origin gives two figures for the same thing at the same time.
    Restated,
    /// In different groups: not comparable.
    Different,
    /// A claim not checked (kind `other`, or not among the claims).
    Unchecked,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// How a group's figures behave over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Mode {
    /// Counts that only grow: a fall over time is a contradiction.
    pub cumulative: bool,
    /// Values that move over time with no direction (prices): an undated difference
    /// says nothing.
    pub volatile: bool,
    /// Sums over a period (revenue, losses): without a stated date the period, and so
    /// what the figure sums, is unknown.
    pub flow: bool,
    /// Events that recur (funding rounds): a company raises money more than once, so two
    /// amounts differ as two rounds unless dates to the month put both in one.
    pub event: bool,
    /// Values that move by large factors over time (a valuation from round to round):
    /// figures further apart than this factor, a date of the two not stated, may be of
    /// different moments ([`drifted`]).
    pub drift_ratio: Option<Decimal>,
}

impl Mode {
    /// Whether the figure is one that changes over time (grows, moves or sums over a
    /// period), rather than a property of one thing.
    pub fn changes(self) -> bool {
        self.cumulative || self.volatile || self.flow || self.event
    }
}

/// How the periods of two figures relate, `a` first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TimeRel {
    Overlap,
    /// `a` ends before `b` starts.
    Before,
    After,
    /// A date is missing (or, in a cumulative family, only assumed).
    Unknown,
    /// Within one text without a date: different words date the two (`去年12月` against
    /// none, the text's present), so they are different moments in an unknown order.
    Apart,
    /// For figures that change over time: one date is coarser and holds the other (`2023`
    /// against `2023-08`), so the two may be from different moments of that year.
    Within,
}

impl TimeRel {
    fn flipped(self) -> TimeRel {
        match self {
            TimeRel::Before => TimeRel::After,
            TimeRel::After => TimeRel::Before,
            t => t,
        }
    }
}

/// The longest span, in days, a date to the month covers.
const MONTH_DAYS: i32 = 31;

/// The days a figure's date places it in, for comparison; `None` when it cannot be placed.
pub(super) fn period(w: When, mode: Mode) -> Option<(i32, i32)> {
    match w {
        When::Known(s, e) => Some((s, e)),
        // A publication date says nothing of the period a flow sums over, nor of when
        // an event an article mentions happened (a round of last year, in passing).
        When::Assumed(..) if mode.flow || mode.event => None,
        When::Assumed(s, e) => Some((s, e)),
        When::Unplaced(_) | When::Unknown => None,
    }
}

/// Figures this far apart do not confirm each other however their intervals meet, in a
/// family without a drift ratio of its own: two reports of one fact rarely differ by
/// half again.
pub const CORROBORATION_RATIO: Decimal = Decimal::from_parts(15, 0, 0, false, 1);

/// The interval a figure confirms another through: an open bound (`超过1.3万亿`, `up
/// to $100 billion`) closed at the family's drift ratio (else `CORROBORATION_RATIO`)
/// from its stated end. `超过1.3万亿` is consistent with `30万亿`, but says nothing for it:
/// only figures near each other corroborate. Values at or below zero keep their open end.
pub(super) fn corroboration_interval(figure: &Figure, mode: Mode) -> crate::interval::Interval {
    use crate::interval::Bound;
    let ratio = mode.drift_ratio.unwrap_or(CORROBORATION_RATIO);
    let mut iv = figure.compared;
    match (iv.low, iv.high) {
        (Some(l), None) if l.value > Decimal::ZERO => {
            iv.high = l.value.checked_mul(ratio).map(Bound::closed);
        }
        (None, Some(h)) if h.value > Decimal::ZERO => {
            iv.low = h.value.checked_div(ratio).map(Bound::closed);
        }
        _ => {}
    }
    iv
}

/// Whether two figures confirm each other: their intervals meet once open bounds are
/// closed ([`corroboration_interval`]), and, for a figure that changes over time, their
/// periods may overlap (the same value at two dates is a timeline, not corroboration).
pub(super) fn corroborates(a: &Figure, b: &Figure, mode: Mode) -> bool {
    let apart_in_time = mode.changes()
        && matches!(
            (period(a.when, mode), period(b.when, mode)),
            (Some((s1, e1)), Some((s2, e2))) if e1 < s2 || e2 < s1
        );
    !apart_in_time && corroboration_interval(a, mode).intersects(&corroboration_interval(b, mode))
}

/// Periods compared. A date assumed from publication stands for the figure's date (news
/// figures are mostly current when printed; reasons say when a date was assumed), except
/// for flows; a figure with no date at all cannot be placed in time.
pub(super) fn time_rel(a: When, b: When, mode: Mode) -> TimeRel {
    let (Some((s1, e1)), Some((s2, e2))) = (period(a, mode), period(b, mode)) else {
        return TimeRel::Unknown;
    };
    if e1 < s2 {
        TimeRel::Before
    } else if e2 < s1 {
        TimeRel::After
    } else if mode.event && (e1 - s1 > MONTH_DAYS || e2 - s2 > MONTH_DAYS) {
        // Two rounds in one year are two events: only dates to the month (or finer)
        // that overlap make two amounts one round's.
        TimeRel::Unknown
    } else if (mode.cumulative || mode.volatile)
        && (s1, e1) != (s2, e2)
        && ((s1 <= s2 && e2 <= e1) || (s2 <= s1 && e1 <= e2))
    {
        TimeRel::Within
    } else {
        TimeRel::Overlap
    }
}

/// Periods of two figures from one origin, whatever the family's mode. Within one text, a
/// figure dated only by publication is the text's present, even for a flow: against a
/// period the text states (`上年同期为亏损60.93亿元`, `valued at $86 billion early this
/// year`) it is another moment.
pub(super) fn same_origin_time_rel(a: When, b: When) -> TimeRel {
    // In a text without a date, words that date one figure and not the other, or other
    // words, tell two moments.
    match (a, b) {
        (When::Unplaced(x), When::Unplaced(y)) if x != y => return TimeRel::Apart,
        (When::Unplaced(_), When::Unknown) | (When::Unknown, When::Unplaced(_)) => {
            return TimeRel::Apart;
        }
        _ => {}
    }
    // A year against a day in it tells two moments whatever the family's mode.
    time_rel(
        a,
        b,
        Mode {
            flow: false,
            volatile: true,
            cumulative: false,
            event: false,
            drift_ratio: None,
        },
    )
}

/// Whether the dates of two figures leave their moments open: one at least is only
/// assumed from publication, or missing.
pub(super) fn moment_open(a: When, b: When) -> bool {
    !(matches!(a, When::Known(..)) && matches!(b, When::Known(..)))
}

/// Whether two figures of different origins, `lower` entirely below `upper`, may be of
/// different moments by their values alone: in a family whose values move by large
/// factors (valuations: $86 billion, then $157 billion, then $300 billion), `upper` is
/// more than the drift ratio times `lower` and a date of the two is not stated. Two
/// reports of one moment rarely disagree by such a factor; rounds months apart often do.
/// Close values, or values with both dates stated, are compared as usual.
pub(super) fn drifted(lower: &Figure, upper: &Figure, mode: Mode) -> bool {
    mode.drift_ratio.is_some_and(|r| {
        moment_open(lower.when, upper.when) && lower.compared.below_by_factor(&upper.compared, r)
    })
}

/// The relation of two figures whose values do not meet, `lower` being entirely below
/// `upper` and `t` the time of `lower` against `upper` (for one origin, by
/// [`same_origin_time_rel`]); `drift` when they are [`drifted`] apart.
pub(super) fn classify_apart(t: TimeRel, same_origin: bool, drift: bool, mode: Mode) -> Relation {
    if same_origin {
        // One origin giving two values at dates that differ (a year and a month in
        // it included) tells a change over time.
        return match t {
            TimeRel::Before | TimeRel::After | TimeRel::Within | TimeRel::Apart => {
                Relation::Timeline
            }
            _ => Relation::Restated,
        };
    }
    match t {
        // Too far apart for one moment, and no stated date says they share one.
        TimeRel::Overlap | TimeRel::Unknown | TimeRel::Apart if drift => Relation::Unordered,
        TimeRel::Overlap => Relation::Conflict,
        TimeRel::Within => Relation::Unordered,
        // Not told between origins (`same_origin_time_rel` only).
        TimeRel::Unknown | TimeRel::Apart if mode.changes() => Relation::Unordered,
        TimeRel::Unknown | TimeRel::Apart => Relation::Conflict,
        // Rising with time.
        TimeRel::Before => Relation::Timeline,
        // Falling: a cumulative count cannot shrink.
        TimeRel::After if mode.cumulative => Relation::Conflict,
        TimeRel::After => Relation::Timeline,
    }
}

/// The relation of two figures of one group.
pub(super) fn relate(a: &Figure, b: &Figure, mode: Mode) -> Relation {
    if a.claim_index == b.claim_index || a.converts(b.claim_index) || b.converts(a.claim_index) {
        return Relation::SameStatement;
    }
    let same_origin = a.origin == b.origin;
    let t = if same_origin {
        same_origin_time_rel(a.when, b.when)
    } else {
        time_rel(a.when, b.when, mode)
    };
    if a.compared.intersects(&b.compared) {
        // The same value at two dates: for a figure that changes over time, a value that
        // held between them; for a property of one thing (a model's parameters, a run's
        // cost), the same fact said twice.
        return match t {
            TimeRel::Before | TimeRel::After if mode.changes() => Relation::Timeline,
            _ => Relation::Agree,
        };
    }
    let (lower, upper, t) = if a.compared.entirely_below(&b.compared) {
        (a, b, t)
    } else {
        (b, a, t.flipped())
    };
    classify_apart(t, same_origin, drifted(lower, upper, mode), mode)
}

/// The verdict from the counts and clusters.
pub(super) fn verdict_of(g: &Group) -> Verdict {
    if g.counts.conflicts > 0 {
        Verdict::Conflict
    } else if g.counts.timeline > 0 {
        Verdict::Timeline
    } else if g.counts.unordered > 0 {
        Verdict::Unordered
    } else if g.clusters.iter().any(|c| c.origins >= 2) {
        Verdict::Corroborated
    } else if g.origins >= 2 && unchanged_across_dates(g) {
        Verdict::Timeline
    } else {
        Verdict::Single
    }
}

/// Pairs examined for [`unchanged_across_dates`] per group.
const UNCHANGED_BUDGET: usize = 100_000;

/// Whether two origins give meeting values at different dates of a figure that changes
/// over time: one value held at two moments, a timeline (the sweep counts only values
/// apart). Asked only of groups where no origins corroborate each other and none differ.
fn unchanged_across_dates(g: &Group) -> bool {
    let mode = g.mode();
    if !mode.changes() {
        return false;
    }
    let mut budget = UNCHANGED_BUDGET;
    for (i, a) in g.figures.iter().enumerate() {
        for b in &g.figures[i + 1..] {
            if budget == 0 {
                return false;
            }
            budget -= 1;
            if a.origin != b.origin
                && a.compared.intersects(&b.compared)
                && matches!(
                    time_rel(a.when, b.when, mode),
                    TimeRel::Before | TimeRel::After
                )
            {
                return true;
            }
        }
    }
    false
}

/// `79个 (2023-05-28, 赵志耕)`: the figure as written, its date and who said it.
pub fn label(figure: &Figure, claims: &[Claim], origins: &[String]) -> String {
    let claim = claims.get(figure.claim_index);
    let written = claim.map_or("?", |c| c.value_text.as_str());
    let date = match figure.date() {
        Some(d) if figure.date_assumed() => format!("{d} assumed"),
        Some(d) => d.to_string(),
        None => match claim.and_then(|c| c.as_of_text.as_deref()) {
            // Words with no calendar date: say which, as they tell moments apart.
            Some(words) => format!("{words}, undated"),
            None => "undated".into(),
        },
    };
    let who = origins
        .get(figure.origin as usize)
        .map_or("?", String::as_str);
    format!("{written} ({date}, {who})")
}

/// Conflicts of figure positions `pairs`, strongest first, with their reasons.
pub(super) fn conflicts(
    g: &Group,
    pairs: &[(usize, usize)],
    claims: &[Claim],
    origins: &[String],
) -> Vec<Conflict> {
    let mut out: Vec<Conflict> = pairs
        .iter()
        .map(|&(i, j)| {
            let (a, b) = (&g.figures[i], &g.figures[j]);
            let gap = a.compared.relative_gap(&b.compared);
            let slip = match (
                a.normalized(&claims[a.claim_index]).point(),
                b.normalized(&claims[b.claim_index]).point(),
            ) {
                (Some(x), Some(y)) => super::tolerance::magnitude_slip(x, y),
                _ => None,
            };
            Conflict {
                a: claims[a.claim_index].claim_id.clone(),
                b: claims[b.claim_index].claim_id.clone(),
                a_index: a.claim_index,
                b_index: b.claim_index,
                reason: pair_reason(a, b, Relation::Conflict, g, claims, origins),
                gap,
                slip,
            }
        })
        .collect();
    // Strongest first; a probable slip after real disagreements of the same strength.
    out.sort_by(|x, y| {
        y.gap
            .cmp(&x.gap)
            .then_with(|| x.slip.is_some().cmp(&y.slip.is_some()))
            .then_with(|| (x.a_index, x.b_index).cmp(&(y.a_index, y.b_index)))
    });
    out
}

/// One line on why two figures of a group relate as they do.
pub(super) fn pair_reason(
    a: &Figure,
    b: &Figure,
    relation: Relation,
    g: &Group,
    claims: &[Claim],
    origins: &[String],
) -> String {
    // The earlier (or lower) figure first.
    let (a, b) = if (a.when, a.compared.low_key()) <= (b.when, b.compared.low_key()) {
        (a, b)
    } else {
        (b, a)
    };
    let t = time_rel(a.when, b.when, g.mode());
    // The pair by value, for the drift test.
    let (lower, upper) = if b.compared.entirely_below(&a.compared) {
        (b, a)
    } else {
        (a, b)
    };
    let drift = lower.compared.entirely_below(&upper.compared) && drifted(lower, upper, g.mode());
    let what = match relation {
        Relation::Conflict => match t {
            TimeRel::Overlap => "same period, the values cannot both hold".to_string(),
            TimeRel::Unknown => {
                "the values cannot both hold (no date says they differ in time)".into()
            }
            _ if g.cumulative => "a cumulative figure cannot fall over time".into(),
            _ => "the values cannot both hold".into(),
        },
        // Consistent only because an open bound reaches the other figure.
        Relation::Agree if !corroborates(a, b, g.mode()) => {
            "the values are consistent only through an open bound, too far apart to \
             corroborate each other"
                .into()
        }
        Relation::Agree => match t {
            TimeRel::Before | TimeRel::After => {
                "the values agree (said at different dates of something that does not change)"
                    .into()
            }
            _ => "the values agree".into(),
        },
        Relation::SameStatement => "one is a conversion of the other: the same statement".into(),
        Relation::Timeline => match t {
            _ if a.compared.intersects(&b.compared) => "unchanged between different dates".into(),
            _ => "different periods: a change over time".into(),
        },
        Relation::Unordered if t == TimeRel::Within => {
            "they differ, but one date is coarser and holds the other (a year against a month \
             in it): they may be from different moments"
                .into()
        }
        Relation::Unordered if drift => {
            let factor = match (lower.compared.high_value(), upper.compared.low_value()) {
                (Some(l), Some(u)) if !l.is_zero() => {
                    format!(
                        " by a factor of {} or more",
                        (u / l).round_dp(1).normalize()
                    )
                }
                _ => String::new(),
            };
            format!(
                "they differ{factor} and a date is missing or only assumed: figures of this \
                 kind move by such factors over time (a valuation from round to round), so \
                 they are likely of different moments"
            )
        }
        Relation::Unordered if g.event => {
            "they differ, but no date places both in one month: they may be different \
             rounds (money is raised more than once)"
                .into()
        }
        Relation::Unordered if g.volatile => {
            "they differ, but a missing date prevents ordering them (the figure changes over time)"
                .into()
        }
        Relation::Unordered if g.flow => {
            "they differ, but a missing date leaves the periods they sum over unknown".into()
        }
        Relation::Unordered => {
            "they differ, but a missing date prevents ordering them (cumulative figures grow)"
                .into()
        }
        Relation::Restated => {
            "one origin gives both with no moment between them: a change of scope, not a \
             contradiction"
                .into()
        }
        Relation::Different | Relation::Unchecked => "not comparable".into(),
    };
    let mut text = format!(
        "{} vs {}: {what} ({} vs {} {})",
        label(a, claims, origins),
        label(b, claims, origins),
        a.compared.rounded(2),
        b.compared.rounded(2),
        g.common_unit
    );
    if relation == Relation::Conflict
        && let (Some(ca), Some(cb)) = (claims.get(a.claim_index), claims.get(b.claim_index))
        && let (Some(x), Some(y)) = (a.normalized(ca).point(), b.normalized(cb).point())
        && let Some(n) = super::tolerance::magnitude_slip(x, y)
    {
        text.push_str(&format!(
            "; they differ by exactly 10^{n}: probably a unit slip (美分/美元, 万/亿)"
        ));
    }
    if let (Some(x), Some(y)) = (claims.get(a.claim_index), claims.get(b.claim_index))
        && x.kind != y.kind
    {
        text.push_str(&format!("; kinds differ ({} vs {})", x.kind, y.kind));
    }
    if matches!(relation, Relation::Conflict | Relation::Timeline)
        && (a.date_assumed() || b.date_assumed())
    {
        text.push_str(" (date assumed from publication)");
    }
    text
}

/// Figure positions of example pairs, for reasons.
#[derive(Debug, Clone, Default)]
pub(super) struct Examples {
    pub unordered: Option<(usize, usize)>,
    pub restated: Option<(usize, usize)>,
}

/// The group's one-line reason.
pub(super) fn group_reason(
    g: &Group,
    examples: &Examples,
    claims: &[Claim],
    origins: &[String],
) -> String {
    let figure_list = |limit: usize| -> Vec<String> {
        let mut items: Vec<String> = g
            .figures
            .iter()
            .take(limit)
            .map(|f| label(f, claims, origins))
            .collect();
        if g.figures.len() > limit {
            items.push(format!("… {} more", g.figures.len() - limit));
        }
        items
    };
    let mut text = match g.verdict {
        Verdict::Conflict => {
            let first = g.conflicts.first().map_or("", |c| c.reason.as_str());
            let mut t = first.to_string();
            if g.counts.conflicts > 1 {
                t.push_str(&format!(
                    "; {} conflicting pairs among {} independent origins",
                    g.counts.conflicts, g.origins_in_conflict
                ));
            }
            if g.counts.slips > 0 {
                t.push_str(&format!(
                    "; {} pair(s) differ by an exact power of ten (probable unit slip)",
                    g.counts.slips
                ));
            }
            t
        }
        Verdict::Timeline => {
            let assumed = if g.figures.iter().any(|f| f.date_assumed()) {
                " (some dates assumed from publication)"
            } else {
                ""
            };
            if g.counts.timeline == 0 {
                // No two values differ: one value held at different dates.
                format!(
                    "{}: the same value at different dates, unchanged between them (readings of \
                     different moments, not corroboration){assumed}",
                    figure_list(8).join(" → ")
                )
            } else {
                format!(
                    "{}: figures change with their dates, none contradicts another{assumed}",
                    figure_list(8).join(" → ")
                )
            }
        }
        Verdict::Unordered => {
            let pair = examples
                .unordered
                .map(|(i, j)| {
                    pair_reason(
                        &g.figures[i],
                        &g.figures[j],
                        Relation::Unordered,
                        g,
                        claims,
                        origins,
                    )
                })
                .unwrap_or_default();
            format!("not a conflict: {pair}")
        }
        Verdict::Corroborated => {
            let best = g.clusters.first().map_or(0, |c| c.origins);
            format!(
                "{best} independent origins agree: {}",
                figure_list(8).join("; ")
            )
        }
        Verdict::Single => {
            let statements: usize = g
                .figures
                .iter()
                .map(|f| 1 + claims.get(f.claim_index).map_or(0, |c| c.mentions.len()))
                .sum();
            let repeated = if statements > 1 {
                format!(
                    "; stated {statements} times by one origin, which is repetition, not corroboration"
                )
            } else {
                String::new()
            };
            let who = g
                .figures
                .first()
                .and_then(|f| origins.get(f.origin as usize))
                .map_or("", String::as_str);
            if g.origins >= 2 {
                // Every pair of origins meets, but only through an open bound.
                format!(
                    "no two origins corroborate each other (their values are consistent only \
                     through an open bound, too far apart to confirm one another): {}",
                    figure_list(8).join("; ")
                )
            } else {
                format!(
                    "one origin ({who}): {}{repeated}",
                    figure_list(8).join("; ")
                )
            }
        }
    };
    if g.verdict != Verdict::Single
        && let Some((i, j)) = examples.restated
    {
        text.push_str(&format!(
            "; {} and {} come from one origin and differ",
            label(&g.figures[i], claims, origins),
            label(&g.figures[j], claims, origins)
        ));
    }
    text
}
