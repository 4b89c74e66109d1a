//! STUB until the dates branch lands.
use crate::claim::PartialDate;
pub fn published_from_text(_text: &str) -> Option<PartialDate> {
    None
}
