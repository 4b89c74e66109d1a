use super::DocText;
use crate::claim::Claim;
use crate::compare::Check;
pub(super) fn render(_c: &Check, _cl: &[Claim], _d: &[DocText]) -> String {
    String::new()
}
