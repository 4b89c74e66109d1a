//! Subject keys: which entity a claim is about, from the entity aliases in the
//! rule files, accepted only where jieba puts a word boundary (so 中国 inside a
//! longer word does not count unless segmentation splits it out).

use crate::rules::{Entity, Rule};
use jieba_rs::Jieba;
use std::sync::OnceLock;

/// jieba's frequent words (see `data/SOURCE.md`): a quarter of its dictionary,
/// loaded in a quarter of the time, and all that boundary checks need.
const DICTIONARY: &str = include_str!("data/jieba-dict-f20.txt");

/// Loading the dictionary costs tens of milliseconds: only when a claim needs it.
fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    // The bundled dictionary is known good; the full one is a fallback, not an error path.
    JIEBA.get_or_init(|| {
        Jieba::with_dict(&mut DICTIONARY.as_bytes()).unwrap_or_else(|_| Jieba::new())
    })
}

/// Word boundaries (byte offsets) of one sentence, computed on first use.
pub struct Boundaries<'a> {
    sentence: &'a str,
    /// Sorted, without duplicates: a binary search costs less than building a tree.
    cuts: OnceLock<Vec<usize>>,
}

impl<'a> Boundaries<'a> {
    pub fn new(sentence: &'a str) -> Self {
        Boundaries {
            sentence,
            cuts: OnceLock::new(),
        }
    }

    fn cuts(&self) -> &[usize] {
        self.cuts.get_or_init(|| {
            let mut cuts = Vec::new();
            for token in jieba().cut(self.sentence, false) {
                cuts.push(token.byte_start);
                cuts.push(token.byte_start + token.word.len());
            }
            cuts.sort_unstable();
            cuts.dedup();
            cuts
        })
    }

    fn is_cut(&self, at: usize) -> bool {
        self.cuts().binary_search(&at).is_ok()
    }

    /// Whether `start..end` begins and ends on word boundaries.
    pub fn is_word(&self, start: usize, end: usize) -> bool {
        let text = self.sentence;
        let ascii_edge = |i: usize, before: bool| {
            let c = if before {
                text[..i].chars().next_back()
            } else {
                text[i..].chars().next()
            };
            c.is_none_or(|c| !c.is_ascii_alphanumeric())
        };
        let first = text[start..].chars().next();
        let last = text[..end].chars().next_back();
        let start_ok = if first.is_some_and(|c| c.is_ascii_alphanumeric()) {
            ascii_edge(start, true)
        } else {
            self.is_cut(start)
        };
        let end_ok = if last.is_some_and(|c| c.is_ascii_alphanumeric()) {
            ascii_edge(end, false)
        } else {
            self.is_cut(end)
        };
        start_ok && end_ok
    }
}

/// An entity named in the sentence: where, and which.
struct Found<'e> {
    start: usize,
    end: usize,
    entity: &'e Entity,
}

/// The subject key of a claim of `rule` whose figure sits at `at` in `sentence`:
/// the rule's template with `{entity}` and `{aspect}` (the pattern's `aspect`
/// group, if any) filled in. The entity is the nearest one the sentence names,
/// before the figure first; failing that, the last one named earlier in the same
/// paragraph (`preceding`), since a sentence often continues the one before.
/// `None` when the rule requires an entity and none is found.
pub fn subject_for(
    rule: &Rule,
    entities: &[Entity],
    sentence: &str,
    at: usize,
    aspect: Option<&str>,
    words: &Boundaries,
    preceding: &str,
) -> Option<String> {
    let mut subject = rule
        .subject
        .replace("{aspect}", aspect.unwrap_or("").trim());
    if subject.contains("{entity}") {
        let allowed = || entities.iter().filter(|e| rule.entities.contains(&e.key));
        let found = find_entities(allowed(), sentence, words);
        let before = found.iter().filter(|f| f.end <= at).max_by_key(|f| f.end);
        let after = || {
            found
                .iter()
                .filter(|f| f.start >= at)
                .min_by_key(|f| f.start)
        };
        let earlier = || {
            let words = Boundaries::new(preceding);
            find_entities(allowed(), preceding, &words)
                .into_iter()
                .max_by_key(|f| f.end)
                .map(|f| f.entity)
        };
        let entity = before.or_else(after).map(|f| f.entity).or_else(earlier);
        let key = match entity {
            Some(e) => e.key.as_str(),
            None if rule.require_entity => return None,
            None => rule.default_entity.as_deref().unwrap_or("unspecified"),
        };
        subject = subject.replace("{entity}", key);
    }
    Some(subject.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn find_entities<'e>(
    entities: impl Iterator<Item = &'e Entity>,
    sentence: &str,
    words: &Boundaries,
) -> Vec<Found<'e>> {
    let mut found = Vec::new();
    for entity in entities {
        for alias in &entity.aliases {
            for (start, _) in sentence.match_indices(alias.as_str()) {
                let end = start + alias.len();
                if words.is_word(start, end) {
                    found.push(Found { start, end, entity });
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trimmed_dictionary_segments_names_and_places() {
        let words: Vec<&str> = jieba()
            .cut("中国科学技术信息研究所所长赵志耕表示国内大模型", false)
            .into_iter()
            .map(|t| t.word)
            .collect();
        assert!(words.contains(&"中国"), "{words:?}");
        assert!(words.contains(&"国内"), "{words:?}");
        assert!(
            words.contains(&"模型") || words.contains(&"大模型"),
            "{words:?}"
        );
    }

    #[test]
    fn ascii_aliases_need_ascii_boundaries() {
        let s = "GPT-3训练一次,GPT-35";
        let b = Boundaries::new(s);
        assert!(b.is_word(0, 5));
        assert!(!b.is_word(s.rfind("GPT").unwrap(), s.rfind("GPT").unwrap() + 5));
    }

    #[test]
    fn chinese_aliases_need_word_boundaries() {
        let s = "目前国内的大模型数量";
        let b = Boundaries::new(s);
        let i = s.find("国内").unwrap();
        assert!(b.is_word(i, i + "国内".len()));
        // 前国 straddles two words.
        let j = s.find("前国").unwrap();
        assert!(!b.is_word(j, j + "前国".len()));
    }
}
