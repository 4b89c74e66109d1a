//! Text normalisation: a simplified, half-width view of a document for matching,
//! with an offset map so every match can be reported against the original bytes.

mod fold;
pub mod lang;
mod lines;
mod normalize;

pub use fold::{fold_char, to_simplified};
pub use lines::{CharCounter, LineIndex};
pub use normalize::{Normalized, normalize};
