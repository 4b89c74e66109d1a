//! STUB until the dates branch lands.
pub fn find_speaker(_sentence: &str, _at: usize) -> Option<String> {
    None
}
