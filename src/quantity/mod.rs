//! Quantities: turning a span of normalised text into exact intervals with units.
//!
//! `scan` finds every figure in normalised text; `parse_number` reads one
//! numeral; `quantities_json` is the `claimcheck quantities` view of a line.
//!
//! Conventions the later stages rely on:
//! - Approx (约, 左右) keeps the stated value as low = high; tolerance is the checker's job.
//! - 多/余/几 after a base give (base, base + one unit of the last place), both open:
//!   一百多 = (100, 200), 3万多 = (30000, 40000), 十余万 = (100000, 200000).
//! - 几十/数十 = [20, 90] (several tens), 上百 = [100, 1000), 两三百 = [200, 300].
//! - Over (超过, 以上) has an open low and no high, unless 多 bounds it.
//! - Nearly (近, 接近) has high = value (inclusive) and no low; 近 + a duration
//!   (近3年, "the last three years") is not a qualifier.
//! - Under (不到, 低于) has an open high; 不超过 a closed one.
//! - When a bounding qualifier (至少, 超过 …) and 左右 both appear, the bound wins:
//!   至少5万美元左右 is at least 50000 USD.
//! - English (`english.rs`) follows the same conventions: `more than X` is over
//!   (open low, no high), `about X` approx, `nearly X` nearly, `up to X` up to,
//!   `less than X` under. Vague English amounts are ranges of two to nine:
//!   `tens of billions` = [2e10, 9e10], `hundreds of` = [200, 900], `dozens of` =
//!   [24, 108] (two to nine dozen), `several`/`a few` + a magnitude = [2, 9] × it.
//! - Fractions below one are multiples (`two thirds`, `1/11th`, `a quarter of`);
//!   with a whole part or a magnitude they are counts (`one and a half`, `half a
//!   million`).
//! - Percentage points are `Percent`: the span keeps the words, and
//!   `is_percentage_points(span)` tells `2.5 percentage points`, `3 pp`,
//!   `5个百分点` from `2.5%`.

mod json;
mod numeral;
mod scan;
mod types;
mod units;

pub use json::quantities_json;
pub use numeral::{Interval, parse_number};
pub use scan::{is_percentage_points, scan};
pub use types::*;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_en;
