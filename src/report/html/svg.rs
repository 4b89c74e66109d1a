//! A small inline SVG per group: x is the as-of date, y the value in the common unit.
//! Exact values are dots, ranges vertical bars, open-ended bounds arrows. Pixel geometry
//! uses f64; the values themselves stay Decimal until this last step.

use super::esc;
use crate::compare::{Bound, Figure, Group};
use chrono::Datelike;
use rust_decimal::prelude::ToPrimitive;
use std::collections::BTreeSet;
use std::fmt::Write;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 80.0;
const RIGHT: f64 = 30.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 40.0;
/// Width kept at the right for figures without a date.
const UNDATED_COLUMN: f64 = 60.0;
const CONFLICT_COLOUR: &str = "#c0392b";
const PLAIN_COLOUR: &str = "#2c3e50";

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
    /// Log scale when positive values span more than two orders of magnitude; `headroom`
    /// leaves space above the largest value for arrows of open-ended figures.
    fn for_values(values: &[f64], headroom: bool) -> Scale {
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if min > 0.0 && max / min > 100.0 {
            let low = min.log10().floor() as i32;
            let top = if headroom { max * 3.0 } else { max };
            let high = (top.log10().ceil() as i32).max(low + 1);
            return Scale::Log { low, high };
        }
        let low = min.min(0.0);
        let top = if headroom { max * 1.5 } else { max * 1.1 };
        let step = nice_step(top - low);
        let high = if top > low {
            (top / step).ceil() * step
        } else {
            low + step
        };
        Scale::Linear { low, high }
    }

    /// 0 at the bottom of the plot, 1 at the top (clamped).
    fn fraction(self, v: f64) -> f64 {
        let f = match self {
            Scale::Linear { low, high } => (v - low) / (high - low),
            Scale::Log { low, high } if v > 0.0 => {
                (v.log10() - f64::from(low)) / f64::from(high - low)
            }
            Scale::Log { .. } => 0.0,
        };
        f.clamp(0.0, 1.0)
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
    b.and_then(|b| b.value.to_f64())
}

fn y_of(scale: Scale, v: f64) -> f64 {
    HEIGHT - BOTTOM - scale.fraction(v) * (HEIGHT - TOP - BOTTOM)
}

/// Mid-point of the date's calendar bounds, in days.
fn day_of(figure: &Figure) -> Option<f64> {
    figure.date.map(|d| {
        let (a, b) = d.bounds();
        f64::from(a.num_days_from_ce() + b.num_days_from_ce()) / 2.0
    })
}

fn tick_label(v: f64) -> String {
    if v.abs() >= 1e6 {
        format!("{v:.0e}")
    } else if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        // Round steps below 1 need at most a few decimals; drop trailing zeros.
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The chart for one group, or an empty string when no figure has a finite value.
pub(super) fn timeline(group: &Group) -> String {
    let values: Vec<f64> = group
        .figures
        .iter()
        .flat_map(|f| [value(f.normalized.low), value(f.normalized.high)])
        .flatten()
        .collect();
    if values.is_empty() {
        return String::new();
    }
    let open_upwards = group
        .figures
        .iter()
        .any(|f| f.normalized.high.is_none() && f.normalized.low.is_some());
    let scale = Scale::for_values(&values, open_upwards);
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
    let x_of = |day: f64| LEFT + 20.0 + (day - first) / (last - first) * (plot_right - LEFT - 40.0);
    let in_conflict: BTreeSet<&str> = group
        .conflicts
        .iter()
        .flat_map(|c| [c.a.as_str(), c.b.as_str()])
        .collect();

    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg role=\"img\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" \
         font-size=\"10\" aria-label=\"{} by as-of date\">",
        esc(&group.common_unit)
    );
    axes(&mut out, group, scale, plot_right);
    date_labels(&mut out, group, &x_of, any_undated);
    let xs = spread_x(group, &x_of);
    for (n, (figure, x)) in group.figures.iter().zip(xs).enumerate() {
        let colour = if in_conflict.contains(figure.claim_id.as_str()) {
            CONFLICT_COLOUR
        } else {
            PLAIN_COLOUR
        };
        mark(&mut out, figure, n + 1, x, scale, colour);
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
            x + (k - (same.len() as f64 - 1.0) / 2.0) * 14.0
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
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            LEFT - 4.0,
            LEFT - 6.0,
            y + 3.0,
            tick_label(t)
        );
    }
    let log = if scale.is_log() { ", log scale" } else { "" };
    let _ = writeln!(
        out,
        "<text x=\"4\" y=\"12\">{}{log}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">as of</text>",
        esc(&group.common_unit),
        WIDTH - RIGHT,
        HEIGHT - 4.0
    );
}

fn date_labels(out: &mut String, group: &Group, x_of: &dyn Fn(f64) -> f64, any_undated: bool) {
    let dates: BTreeSet<String> = group
        .figures
        .iter()
        .filter_map(|f| f.date.map(|d| d.to_string()))
        .collect();
    let y = HEIGHT - BOTTOM + 14.0;
    for (i, label) in dates.iter().enumerate() {
        let Some(f) = group
            .figures
            .iter()
            .find(|f| f.date.map(|d| d.to_string()).as_ref() == Some(label))
        else {
            continue;
        };
        let Some(day) = day_of(f) else { continue };
        // Alternate rows so neighbouring labels do not overlap.
        let dy = if i % 2 == 0 { 0.0 } else { 12.0 };
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            x_of(day),
            y + dy,
            esc(label)
        );
    }
    if any_undated {
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{y:.1}\" text-anchor=\"middle\">undated</text>",
            WIDTH - RIGHT - UNDATED_COLUMN / 2.0
        );
    }
}

/// Dot for an exact value, bar for a range, arrow for an open end; hollow ends are open.
/// Labelled with the figure's row number in the table below (ids are too wide to fit).
fn mark(out: &mut String, figure: &Figure, number: usize, x: f64, scale: Scale, colour: &str) {
    let low = figure.normalized.low;
    let high = figure.normalized.high;
    let _ = write!(
        out,
        "<g stroke=\"{colour}\" fill=\"{colour}\"><title>{number}. {}: {} ({})</title>",
        esc(&figure.claim_id),
        esc(&figure.normalized.rounded(2).to_string()),
        esc(&figure.date.map_or("undated".into(), |d| d.to_string()))
    );
    let top = TOP;
    let bottom = HEIGHT - BOTTOM;
    let (y_low, y_high) = (
        value(low).map(|v| y_of(scale, v)),
        value(high).map(|v| y_of(scale, v)),
    );
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
    // Above the mark, except below the start of an upward arrow (the arrow fills the top).
    let label_y = match (y_low, y_high) {
        (Some(y), None) => y + 14.0,
        _ => y_high.or(y_low).unwrap_or(top) - 6.0,
    };
    let _ = writeln!(
        out,
        "<text x=\"{x:.1}\" y=\"{label_y:.1}\" stroke=\"none\" text-anchor=\"middle\">{number}</text></g>"
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
        let scale = Scale::for_values(&[60.88, 1095.75], false);
        let ticks: Vec<String> = scale.ticks().into_iter().map(tick_label).collect();
        assert_eq!(ticks, ["0", "500", "1000", "1500"]);
        let scale = Scale::for_values(&[50000.0], true);
        let ticks: Vec<String> = scale.ticks().into_iter().map(tick_label).collect();
        assert_eq!(ticks, ["0", "20000", "40000", "60000", "80000"]);
        assert!(
            scale.fraction(50000.0) < 0.7,
            "room above an open-ended figure"
        );
        let ticks: Vec<String> = Scale::for_values(&[0.1, 0.5], false)
            .ticks()
            .into_iter()
            .map(tick_label)
            .collect();
        assert_eq!(ticks, ["0", "0.2", "0.4", "0.6"]);
    }

    #[test]
    fn wide_spans_use_powers_of_ten() {
        let scale = Scale::for_values(&[1.0, 1000.0], false);
        assert!(scale.is_log());
        let ticks: Vec<String> = scale.ticks().into_iter().map(tick_label).collect();
        assert_eq!(ticks, ["1", "10", "100", "1000"]);
        assert!(!Scale::for_values(&[-5.0, 1000.0], false).is_log());
        assert_eq!(nice_step(0.0), 1.0);
    }
}
