//! A small inline SVG per group where two or more origins meet: x is the as-of date, y the
//! value in the common unit. Exact values are dots, ranges vertical bars, open-ended
//! bounds arrows. Each mark is labelled with its value (`$1.4M`, `1.2亿`, `>230`).
//!
//! The axis is fitted to the informative values — points, narrow ranges, the known end of
//! an open bound — so a vague bound such as `上百` = [100, 1000) runs off the top with an
//! arrow instead of stretching the axis; values spanning more than two decades get a log
//! axis. Pixel geometry uses f64; the values themselves stay Decimal until this last step.

use super::super::{Ctx, human};
use super::esc;
use crate::compare::{Bound, Figure, Group};
use chrono::Datelike;
use rust_decimal::prelude::ToPrimitive;
use std::collections::BTreeSet;
use std::fmt::Write;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 40.0;
/// Width kept at the right for figures without a date.
const UNDATED_COLUMN: f64 = 80.0;
/// Horizontal spacing of figures sharing a date (room for their labels).
const FAN: f64 = 56.0;
const CONFLICT_COLOUR: &str = "#c0392b";
const PLAIN_COLOUR: &str = "#2c3e50";
/// A range wider than this ratio is vague: only its lower end fits the axis.
const VAGUE_RATIO: f64 = 3.0;

/// How values map to the vertical axis.
#[derive(Debug, Clone, Copy)]
enum Scale {
    Linear {
        low: f64,
        high: f64,
    },
    /// Powers of ten at the ends.
    Log {
        low: i32,
        high: i32,
    },
}

impl Scale {
    /// Log scale when positive values span more than two orders of magnitude; the top
    /// leaves room above the largest value for labels and arrows.
    fn for_values(values: &[f64]) -> Scale {
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if min > 0.0 && max / min > 100.0 {
            let low = min.log10().floor() as i32;
            let high = ((max * 2.0).log10().ceil() as i32).max(low + 1);
            return Scale::Log { low, high };
        }
        let low = min.min(0.0);
        let top = max * 1.25;
        let step = nice_step(top - low);
        let high = if top > low {
            (top / step).ceil() * step
        } else {
            low + step
        };
        Scale::Linear { low, high }
    }

    /// 0 at the bottom of the plot, 1 at the top; values beyond are reported as such.
    fn fraction(self, v: f64) -> f64 {
        match self {
            Scale::Linear { low, high } => (v - low) / (high - low),
            Scale::Log { low, high } if v > 0.0 => {
                (v.log10() - f64::from(low)) / f64::from(high - low)
            }
            Scale::Log { .. } => -1.0,
        }
    }

    fn top(self) -> f64 {
        match self {
            Scale::Linear { high, .. } => high,
            Scale::Log { high, .. } => 10f64.powi(high),
        }
    }

    fn ticks(self) -> Vec<f64> {
        match self {
            Scale::Linear { low, high } => {
                let step = nice_step(high - low);
                let first = (low / step).ceil() as i64;
                let last = (high / step).floor() as i64;
                (first..=last).map(|k| k as f64 * step).collect()
            }
            Scale::Log { low, high } => {
                let step = ((high - low) / 6).max(1);
                (low..=high)
                    .step_by(step as usize)
                    .map(|p| 10f64.powi(p))
                    .collect()
            }
        }
    }

    fn is_log(self) -> bool {
        matches!(self, Scale::Log { .. })
    }
}

/// A round step (1, 2 or 5 times a power of ten) giving about four intervals over `span`.
fn nice_step(span: f64) -> f64 {
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let raw = span / 4.0;
    let power = 10f64.powf(raw.log10().floor());
    let m = raw / power;
    let nice = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

fn value(b: Option<Bound>) -> Option<f64> {
    b.and_then(|b| b.value.to_f64()).filter(|v| v.is_finite())
}

fn y_of(scale: Scale, v: f64) -> f64 {
    HEIGHT - BOTTOM - scale.fraction(v).clamp(0.0, 1.0) * (HEIGHT - TOP - BOTTOM)
}

/// Mid-point of the date's calendar bounds, in days.
fn day_of(figure: &Figure) -> Option<f64> {
    figure.date().map(|d| {
        let (a, b) = d.bounds();
        f64::from(a.num_days_from_ce() + b.num_days_from_ce()) / 2.0
    })
}

/// Values that decide the axis: points, both ends of narrow ranges, the lower end of a
/// vague range, the known end of an open bound.
fn anchors(ctx: &Ctx, group: &Group) -> Vec<f64> {
    let mut out = Vec::new();
    for f in &group.figures {
        let n = f.normalized(ctx.claim(f));
        let (lo, hi) = (value(n.low), value(n.high));
        match (lo, hi) {
            (Some(l), Some(h)) if l > 0.0 && h / l > VAGUE_RATIO => out.push(l),
            (l, h) => out.extend(l.into_iter().chain(h)),
        }
    }
    out
}

/// The chart for one group, or an empty string when fewer than two origins meet or no
/// figure has a finite value.
pub(super) fn timeline(ctx: &Ctx, group: &Group) -> String {
    if group.origins < 2 {
        return String::new();
    }
    let values = anchors(ctx, group);
    if values.is_empty() {
        return String::new();
    }
    let scale = Scale::for_values(&values);
    let days: Vec<f64> = group.figures.iter().filter_map(day_of).collect();
    let any_undated = days.len() < group.figures.len();
    let plot_right = WIDTH - RIGHT - if any_undated { UNDATED_COLUMN } else { 0.0 };
    let (first, last) = days
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &d| {
            (a.min(d), b.max(d))
        });
    let (first, last) = if last > first {
        (first, last)
    } else {
        (first - 15.0, first + 15.0)
    };
    let x_of = |day: f64| LEFT + 30.0 + (day - first) / (last - first) * (plot_right - LEFT - 90.0);

    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg role=\"img\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" font-size=\"11\" \
         aria-label=\"{} by as-of date\">",
        esc(&group.common_unit)
    );
    axes(&mut out, group, scale, plot_right);
    date_labels(&mut out, group, &x_of, any_undated);
    let xs = spread_x(group, &x_of);
    for (figure, x) in group.figures.iter().zip(xs) {
        let colour = if figure.in_conflict {
            CONFLICT_COLOUR
        } else {
            PLAIN_COLOUR
        };
        mark(&mut out, ctx, group, figure, x, scale, colour);
    }
    out.push_str("</svg>\n");
    out
}

/// x per figure; figures sharing a date are fanned out so they do not hide each other.
fn spread_x(group: &Group, x_of: &dyn Fn(f64) -> f64) -> Vec<f64> {
    let undated_x = WIDTH - RIGHT - UNDATED_COLUMN / 2.0;
    let base: Vec<f64> = group
        .figures
        .iter()
        .map(|f| day_of(f).map_or(undated_x, x_of))
        .collect();
    base.iter()
        .enumerate()
        .map(|(i, &x)| {
            let same: Vec<usize> = (0..base.len()).filter(|&j| base[j] == x).collect();
            let k = same.iter().position(|&j| j == i).unwrap_or(0) as f64;
            let fan = FAN.min(120.0 / same.len() as f64);
            x + (k - (same.len() as f64 - 1.0) / 2.0) * fan
        })
        .collect()
}

fn axes(out: &mut String, group: &Group, scale: Scale, plot_right: f64) {
    let bottom = HEIGHT - BOTTOM;
    let _ = writeln!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{bottom}\" stroke=\"#888\"/>\
         <line x1=\"{LEFT}\" y1=\"{bottom}\" x2=\"{plot_right}\" y2=\"{bottom}\" stroke=\"#888\"/>"
    );
    for t in scale.ticks() {
        let y = y_of(scale, t);
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"{y:.1}\" x2=\"{LEFT}\" y2=\"{y:.1}\" stroke=\"#888\"/>\
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#555\">{}</text>",
            LEFT - 4.0,
            LEFT - 6.0,
            y + 3.0,
            esc(&tick_label(t, &group.common_unit))
        );
    }
    let log = if scale.is_log() { ", log scale" } else { "" };
    let _ = writeln!(
        out,
        "<text x=\"4\" y=\"14\" fill=\"#555\">{}{log}</text>",
        esc(&group.common_unit),
    );
}

fn tick_label(v: f64, unit: &str) -> String {
    match rust_decimal::Decimal::from_f64_retain(v) {
        Some(d) => human(d.round_dp(6), unit),
        None => String::new(),
    }
}

fn date_labels(out: &mut String, group: &Group, x_of: &dyn Fn(f64) -> f64, any_undated: bool) {
    let dates: BTreeSet<String> = group
        .figures
        .iter()
        .filter_map(|f| f.date().map(|d| d.to_string()))
        .collect();
    let y = HEIGHT - BOTTOM + 14.0;
    for (i, label) in dates.iter().enumerate() {
        let Some(f) = group
            .figures
            .iter()
            .find(|f| f.date().map(|d| d.to_string()).as_ref() == Some(label))
        else {
            continue;
        };
        let Some(day) = day_of(f) else { continue };
        // Alternate rows so neighbouring labels do not overlap.
        let dy = if i % 2 == 0 { 0.0 } else { 12.0 };
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#555\">{}</text>",
            x_of(day),
            y + dy,
            esc(label)
        );
    }
    if any_undated {
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{y:.1}\" text-anchor=\"middle\" fill=\"#555\">undated</text>",
            WIDTH - RIGHT - UNDATED_COLUMN / 2.0
        );
    }
}

/// The value as a label: `79`, `>230`, `100–1000`, `≤5`, in the group's common unit.
fn value_label(n: &crate::compare::Interval, unit: &str) -> String {
    let h = |b: Bound| human(b.value, unit);
    match (n.low, n.high) {
        (Some(l), Some(u)) if l.value == u.value => h(l),
        (Some(l), Some(u)) => format!("{}–{}", h(l), h(u)),
        (Some(l), None) => format!("{}{}", if l.open { ">" } else { "≥" }, h(l)),
        (None, Some(u)) => format!("{}{}", if u.open { "<" } else { "≤" }, h(u)),
        (None, None) => "?".into(),
    }
}

/// Dot for an exact value, bar for a range, arrow for an open end or an end beyond the
/// axis; hollow ends are open. Labelled with the value, to the right of the mark.
fn mark(
    out: &mut String,
    ctx: &Ctx,
    group: &Group,
    figure: &Figure,
    x: f64,
    scale: Scale,
    colour: &str,
) {
    let normalized = figure.normalized(ctx.claim(figure));
    let low = normalized.low;
    let high = normalized.high;
    let who = ctx.who(figure);
    let label = value_label(&normalized, &group.common_unit);
    let _ = write!(
        out,
        "<g stroke=\"{colour}\" fill=\"{colour}\"><title>{}: {} ({})</title>",
        esc(&who),
        esc(&label),
        esc(&figure.date().map_or("undated".into(), |d| d.to_string()))
    );
    let top = TOP;
    let bottom = HEIGHT - BOTTOM;
    let lv = value(low);
    let hv = value(high);
    // An end beyond the axis is drawn as running off it.
    let clipped_high = hv.is_some_and(|v| v > scale.top());
    let y_low = lv.map(|v| y_of(scale, v));
    let y_high = hv.filter(|_| !clipped_high).map(|v| y_of(scale, v));
    match (y_low, y_high) {
        (Some(a), Some(b)) if (a - b).abs() < 0.5 => {
            let _ = write!(out, "<circle cx=\"{x:.1}\" cy=\"{a:.1}\" r=\"4\"/>");
        }
        (a, b) => {
            let from = a.unwrap_or(bottom);
            let to = b.unwrap_or(top);
            let _ = write!(
                out,
                "<line x1=\"{x:.1}\" y1=\"{from:.1}\" x2=\"{x:.1}\" y2=\"{to:.1}\" stroke-width=\"2\"/>"
            );
            match a {
                Some(y) => end_cap(out, x, y, low.is_some_and(|b| b.open)),
                None => arrow(out, x, bottom, 1.0),
            }
            match b {
                Some(y) => end_cap(out, x, y, high.is_some_and(|b| b.open)),
                None => arrow(out, x, top, -1.0),
            }
        }
    }
    // Beside the value it names: the point, or the known end of a bar.
    let label_y = match (y_low, y_high) {
        (Some(a), Some(b)) => (a + b) / 2.0 + 4.0,
        (Some(a), None) => a + 4.0,
        (None, Some(b)) => b + 4.0,
        (None, None) => (top + bottom) / 2.0,
    };
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{label_y:.1}\" stroke=\"none\">{}</text></g>",
        x + 7.0,
        esc(&label)
    );
}

fn end_cap(out: &mut String, x: f64, y: f64, open: bool) {
    if open {
        let _ = write!(
            out,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\" fill=\"#fff\"/>"
        );
    } else {
        let _ = write!(
            out,
            "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke-width=\"2\"/>",
            x - 5.0,
            x + 5.0
        );
    }
}

/// An arrow head at (x, y) pointing up (`direction` -1) or down (+1).
fn arrow(out: &mut String, x: f64, y: f64, direction: f64) {
    let back = y - direction * 8.0;
    let _ = write!(
        out,
        "<polygon points=\"{x:.1},{y:.1} {:.1},{back:.1} {:.1},{back:.1}\"/>",
        x - 5.0,
        x + 5.0
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_ticks_are_round_numbers() {
        let scale = Scale::for_values(&[60.88, 1095.75]);
        let ticks: Vec<String> = scale
            .ticks()
            .into_iter()
            .map(|t| tick_label(t, "days"))
            .collect();
        assert_eq!(ticks, ["0", "500", "1000", "1500"]);
        let ticks: Vec<String> = Scale::for_values(&[0.1, 0.5])
            .ticks()
            .into_iter()
            .map(|t| tick_label(t, "multiple"))
            .collect();
        assert_eq!(ticks, ["0", "0.2", "0.4", "0.6", "0.8"]);
    }

    #[test]
    fn wide_spans_use_powers_of_ten_and_money_reads_as_money() {
        let scale = Scale::for_values(&[1.0, 1000.0]);
        assert!(scale.is_log());
        let ticks: Vec<String> = Scale::for_values(&[1e8, 1e11])
            .ticks()
            .into_iter()
            .map(|t| tick_label(t, "USD"))
            .collect();
        assert_eq!(ticks, ["$100M", "$1B", "$10B", "$100B", "$1T"]);
        assert!(!Scale::for_values(&[-5.0, 1000.0]).is_log());
        assert_eq!(nice_step(0.0), 1.0);
    }
}
