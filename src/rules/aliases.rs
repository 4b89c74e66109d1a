//! Every entity alias in one Aho-Corasick automaton, matched against the
//! text with its whitespace taken out, so a paragraph is searched once for all
//! of them and `Llama 3` is found as `Llama3`. With hundreds of entities a
//! first-character bitmap (what this replaced) let most characters through to
//! a per-alias comparison.

use super::Entity;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
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
    automaton: Option<AhoCorasick>,
    /// (entity, alias index) of each automaton pattern.
    owners: Vec<(usize, usize)>,
}

impl AliasIndex {
    pub fn new(entities: &[Entity]) -> AliasIndex {
        let mut patterns: Vec<String> = Vec::new();
        let mut owners = Vec::new();
        for (e, entity) in entities.iter().enumerate() {
            for (a, alias) in entity.aliases.iter().enumerate() {
                // Matched against normalised text, whitespace aside.
                let folded: String = crate::text::normalize(alias)
                    .text
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                if !folded.is_empty() {
                    patterns.push(folded);
                    owners.push((e, a));
                }
            }
        }
        // Aliases are validated non-empty, so building only fails on sizes far
        // beyond any gazetteer; then nothing is found rather than a panic.
        // A DFA: a few instructions a byte instead of an NFA's ~18, for a
        // few megabytes of tables built once.
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .ok();
        AliasIndex { automaton, owners }
    }

    /// Every occurrence of every alias within `range` of `text`, spaces in the
    /// text allowed between an alias's characters, sorted by start. Occurrences
    /// of one alias do not overlap (the leftmost wins, as with
    /// `str::match_indices`); different aliases may (中国 and 国内 in 中国内地).
    pub fn find(&self, text: &str, range: Range<usize>) -> Vec<AliasHit> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        // The range without whitespace, and where each kept byte came from.
        let slice = &text[range.clone()];
        let mut squeezed = String::with_capacity(slice.len());
        let mut origin: Vec<usize> = Vec::with_capacity(slice.len() + 1);
        for (i, c) in slice.char_indices() {
            if c.is_whitespace() {
                continue;
            }
            squeezed.push(c);
            origin.extend(std::iter::repeat_n(range.start + i, c.len_utf8()));
        }
        origin.push(range.end);
        let mut hits: Vec<AliasHit> = Vec::new();
        let mut next_free: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for m in ac.find_overlapping_iter(&squeezed) {
            let p = m.pattern().as_usize();
            if next_free.get(&p).is_some_and(|&f| m.start() < f) {
                continue;
            }
            next_free.insert(p, m.end());
            let (entity, alias) = self.owners[p];
            // The end is just past the last byte of the last character.
            let last = origin[m.end() - 1];
            let end = last + text[last..].chars().next().map_or(1, char::len_utf8);
            hits.push(AliasHit {
                start: origin[m.start()],
                end,
                entity,
                alias,
            });
        }
        hits.sort_by_key(|h| (h.start, h.end, h.entity, h.alias));
        hits
    }
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
    fn aliases_match_across_spaces() {
        let entities = [entity("Llama 3", &["Llama 3", "LLaMA3"])];
        let index = AliasIndex::new(&entities);
        let text = "Meta的Llama3和LLaMA 3都";
        let hits = index.find(text, 0..text.len());
        let spans: Vec<&str> = hits.iter().map(|h| &text[h.start..h.end]).collect();
        assert_eq!(spans, vec!["Llama3", "LLaMA 3"]);
    }

    #[test]
    fn finds_what_match_indices_finds() {
        let entities = [
            entity("China", &["中国", "国内"]),
            entity("OpenAI", &["OpenAI"]),
            entity("Echo", &["哈哈"]),
        ];
        let index = AliasIndex::new(&entities);
        let text = "中国内地,OpenAI和中国;哈哈哈哈哈";
        let mut expected = Vec::new();
        for (e, entity) in entities.iter().enumerate() {
            for (a, alias) in entity.aliases.iter().enumerate() {
                for (start, _) in text.match_indices(alias.as_str()) {
                    expected.push(AliasHit {
                        start,
                        end: start + alias.len(),
                        entity: e,
                        alias: a,
                    });
                }
            }
        }
        expected.sort_by_key(|h| (h.start, h.end, h.entity, h.alias));
        assert_eq!(index.find(text, 0..text.len()), expected);
        // 哈哈 five times over: two non-overlapping occurrences, as match_indices gives.
        assert_eq!(
            index
                .find(text, 0..text.len())
                .iter()
                .filter(|h| h.entity == 2)
                .count(),
            2
        );
    }
}
