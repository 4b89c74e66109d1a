//! STUB until the dates branch lands.
use crate::claim::PartialDate;
pub fn resolve_as_of(
    _sentence: &str,
    _at: usize,
    _published: Option<PartialDate>,
) -> Option<PartialDate> {
    None
}
