//! Every entity alias in one Aho-Corasick automaton, so a document is
//! searched once for all of them. With hundreds of entities a first-character
//! bitmap (what this replaced) let most characters through to a per-alias
//! comparison.

use super::Entity;
use super::lazy::{LazyDfa, Walker};
use aho_corasick::MatchKind;
use std::ops::Range;

/// One place a document names an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AliasHit {
    pub start: usize,
    pub end: usize,
    /// Index into `RuleSet::entities`.
    pub entity: usize,
    /// Index into that entity's aliases.
    pub alias: usize,
}

#[derive(Debug, Clone)]
pub struct AliasIndex {
    automaton: Option<LazyDfa>,
    /// (entity, alias index) of each automaton pattern.
    owners: Vec<(usize, usize)>,
}

impl AliasIndex {
    pub fn new(entities: &[Entity]) -> AliasIndex {
        let mut patterns: Vec<String> = Vec::new();
        let mut owners = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (e, entity) in entities.iter().enumerate() {
            for (a, alias) in entity.aliases.iter().enumerate() {
                // Matched against normalised text, with or without the spaces
                // between a name's words (`Llama 3` = `Llama3`).
                let norm = crate::text::normalize(alias).text;
                for variant in spacings(&norm) {
                    if !variant.is_empty() && seen.insert(variant.clone()) {
                        patterns.push(variant);
                        owners.push((e, a));
                    }
                }
            }
        }
        // A DFA with leftmost-longest matches: a few instructions a byte, and
        // the longest name wins where names overlap (中国电信 over 中国).
        // No prefilter: aliases start with most Chinese lead bytes, so it
        // would only make the start state a stop.
        // Aliases are validated non-empty, so building only fails on sizes far
        // beyond any gazetteer; then nothing is found rather than a panic.
        let automaton = LazyDfa::new(&patterns, MatchKind::LeftmostLongest, false).ok();
        AliasIndex { automaton, owners }
    }

    /// The names in `range` of `text`, by start; where names overlap the
    /// longest leftmost one is taken (中国电信, not 中国 and 国电).
    ///
    /// A name that starts inside a Chinese hit and runs past its end is kept
    /// too (其中美国: 中美 and 美国), since which of them is a word is for the
    /// word cutter to say.
    pub fn find(&self, text: &str, range: Range<usize>) -> Vec<AliasHit> {
        let Some(dfa) = &self.automaton else {
            return Vec::new();
        };
        let mut dfa = dfa.walker();
        let hay = &text[range.clone()];
        let hit = |m: aho_corasick::Match, offset: usize| {
            let (entity, alias) = self.owners[m.pattern().as_usize()];
            AliasHit {
                start: offset + m.start(),
                end: offset + m.end(),
                entity,
                alias,
            }
        };
        let mut hits = Vec::new();
        // Non-overlapping, as `find_iter` gives them (no alias is empty).
        let mut from = 0;
        while let Some(m) = leftmost(&mut dfa, hay.as_bytes(), from) {
            from = m.end();
            hits.push(hit(m, range.start));
            let name = &hay[m.start()..m.end()];
            // Only short Chinese names are ever not words (中美 in 其中美国);
            // a longer one stands.
            if name.is_ascii() || name.chars().count() > 2 {
                continue;
            }
            for (i, c) in name.char_indices().skip(1) {
                if c.is_ascii() {
                    continue;
                }
                // Only a name starting right here matters: an anchored search,
                // which ends within a character where none starts.
                if let Some(x) = dfa.anchored_match(hay.as_bytes(), m.start() + i)
                    && x.end() > m.end()
                {
                    hits.push(hit(x, range.start));
                    break;
                }
            }
        }
        hits
    }
}

/// The leftmost-longest match in `hay[from..]`: the search loop of the
/// crate's `find`, without its per-call set-up, and with the walk between
/// special states in a loop of its own that keeps nothing else live (the DFA
/// walk is most of a document's alias search).
fn leftmost(dfa: &mut Walker, hay: &[u8], from: usize) -> Option<aho_corasick::Match> {
    let mut sid = dfa.start();
    // The last match state entered and the end of its match.
    let mut found = None;
    let mut at = from;
    while at < hay.len() {
        (sid, at) = dfa.walk(hay, sid, at);
        if !Walker::is_special(sid) || dfa.is_dead(sid) {
            // The end of the haystack, or no match can start or go on.
            break;
        }
        found = Some((sid, at));
    }
    found.map(|(sid, end)| {
        let pattern = dfa.match_pattern(sid, 0);
        aho_corasick::Match::new(pattern, end - dfa.pattern_len(pattern)..end)
    })
}

/// `name` as written, without its spaces, and with a space where a letter
/// meets a digit (`Llama3` → `Llama 3`): the spellings news uses for one name.
fn spacings(name: &str) -> Vec<String> {
    // Most names (all Chinese ones) have no space and no letter before a
    // digit: one spelling, without the three strings built below.
    let mut prev_letter = false;
    let plain = name.chars().all(|c| {
        let ok = !(c.is_whitespace() || (prev_letter && c.is_ascii_digit()));
        prev_letter = c.is_ascii_alphabetic();
        ok
    });
    if plain {
        return vec![name.to_owned()];
    }
    respaced(name)
}

/// The spellings of `name` that [`spacings`] gives, worked out in full.
fn respaced(name: &str) -> Vec<String> {
    let trimmed = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let squeezed: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    let mut spaced = String::with_capacity(squeezed.len() + 4);
    let mut prev: Option<char> = None;
    for c in squeezed.chars() {
        if prev.is_some_and(|p| p.is_ascii_alphabetic()) && c.is_ascii_digit() {
            spaced.push(' ');
        }
        spaced.push(c);
        prev = Some(c);
    }
    let mut out = vec![trimmed, squeezed, spaced];
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(key: &str, aliases: &[&str]) -> Entity {
        Entity {
            key: key.into(),
            entity_type: crate::rules::EntityType::Other,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            parent: None,
        }
    }

    #[test]
    fn plain_names_have_one_spelling() {
        for name in [
            "百度",
            "中国电信",
            "Llama3",
            "Llama 3",
            "GPT-4o",
            "H800",
            "a b",
            " x",
            "3a",
            "",
        ] {
            assert_eq!(spacings(name), respaced(name), "{name:?}");
        }
    }

    #[test]
    fn aliases_match_across_spaces() {
        let entities = [entity("Llama 3", &["Llama 3", "LLaMA3"])];
        let index = AliasIndex::new(&entities);
        let text = "Meta的Llama3和LLaMA 3都";
        let hits = index.find(text, 0..text.len());
        let spans: Vec<&str> = hits.iter().map(|h| &text[h.start..h.end]).collect();
        assert_eq!(spans, vec!["Llama3", "LLaMA 3"]);
    }

    #[test]
    fn longest_names_win_and_crossing_names_are_kept() {
        let entities = [
            entity("China", &["中国", "国内"]),
            entity("China Telecom", &["中国电信"]),
            entity("OpenAI", &["OpenAI"]),
            entity("Echo", &["哈哈"]),
        ];
        let index = AliasIndex::new(&entities);
        let text = "中国内地,中国电信,OpenAI和中国;哈哈哈哈哈";
        let found: Vec<(&str, usize)> = index
            .find(text, 0..text.len())
            .iter()
            .map(|h| (&text[h.start..h.end], h.entity))
            .collect();
        assert_eq!(
            found,
            // 中国 inside 中国电信 is dropped; 国内 crossing 中国内地 is kept
            // for the word cutter to judge (中国/内地: it is not a word).
            vec![
                ("中国", 0),
                ("国内", 0),
                ("中国电信", 1),
                ("OpenAI", 2),
                ("中国", 0),
                ("哈哈", 3),
                ("哈哈", 3),
                ("哈哈", 3),
                ("哈哈", 3)
            ]
        );
    }
}
