//! claimcheck: finds quantitative claims in news text and checks them against each other.
//!
//! Data flows one way: `text` (normalise, offset map) → `quantity` (number grammar)
//! → `rules` (claim patterns) → `extract` (claims with provenance) → `compare`
//! (groups and verdicts) → `report` / `export`.

pub mod claim;
pub mod commands;
pub mod compare;
pub mod eval;
pub mod export;
pub mod extract;
pub mod input;
pub mod interval;
pub mod output;
pub mod quantity;
pub mod report;
pub mod rules;
pub mod text;
