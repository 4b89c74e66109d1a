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
