//! STUB until the quantity branch lands.
pub fn quantities_json(line: &str) -> serde_json::Value {
    serde_json::json!({"text": line, "quantities": []})
}
