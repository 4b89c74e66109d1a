//! Subject names as the rule files define them, for tests that check which
//! subject a sentence is about: a test names the entity by a word the sentence
//! uses, and the expected subject is that entity's key in `rules/subjects.toml`,
//! so renaming a key there breaks no test.

use claimcheck::rules::RuleSet;
use std::sync::LazyLock;

static BUNDLED: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::bundled().expect("the bundled rules are valid"));

/// The key of the one gazetteer entity `alias` names (panics when none or several do).
pub fn subject(alias: &str) -> String {
    let keys: Vec<&str> = BUNDLED
        .entities
        .iter()
        .filter(|e| e.aliases.iter().any(|a| a == alias))
        .map(|e| e.key.as_str())
        .collect();
    match keys.as_slice() {
        [key] => (*key).to_string(),
        [] => panic!("no entity in rules/subjects.toml has the alias {alias:?}"),
        _ => panic!("several entities have the alias {alias:?}: {keys:?}"),
    }
}
