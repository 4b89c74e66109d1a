//! Quantities: turning a span of normalised text into exact intervals with units.
//!
//! `scan` finds every figure in normalised text; `parse_number` reads one
//! numeral; `quantities_json` is the `claimcheck quantities` view of a line.
//!
//! Conventions the later stages rely on (they follow how claims are annotated,
//! and agree with the public Recognizers-Text suites):
//! - Approx (约, 左右) keeps the stated value as low = high; tolerance is the checker's job.
//! - 多/余/来/几 after a base are "over the base" with no upper bound: 一百多,
//!   3万多, 200多家, 十余万, 十来个, 二十几万 have low = base (open), high = None,
//!   qualifier over. (`parse_number` still gives the numeral's own spread,
//!   一百多 = (100, 200).)
//! - 几十/数十 = [20, 90] (several tens), 两三百 = [200, 300]; 上百/上万 (reaching
//!   the magnitude) are at least it: 上百 = [100, _) at_least.
//! - Emphasis is not a bound: 高达, 多达, 达到, 达, 为 leave a figure exact
//!   (高达2.3亿美金 is exactly 2.3亿 USD).
//! - Over (超过, 超, 逾, 不止, 突破, 以上) has an open low and no high; at least
//!   (至少, 不少于, 不低于, 及以上, 或以上) a closed low and no high.
//! - Up to (最多, 至多, 最高, 不超过, 以内, 可能高达) has high = value (closed) and no low.
//! - Nearly (近, 接近, 逼近, 将近) has high = value (inclusive) and no low; 近 +
//!   a duration (近3年, "the last three years") is not a qualifier.
//! - Under (不到, 不足, 低于, 以下) has an open high and no low.
//! - When a bounding qualifier (至少, 超过 …) meets 左右 or a vague amount, the
//!   bound wins: 至少5万美元左右 is at least 50000 USD, 至少上万 at least 10000.
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

mod chars;
mod json;
mod numeral;
mod scan;
mod types;
mod units;

pub use json::quantities_json;
pub use numeral::{Reading, parse_number};
pub use scan::{is_percentage_points, scan};
pub use types::*;
pub use units::is_classifier;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_en;
#[cfg(test)]
mod tests_zh;
