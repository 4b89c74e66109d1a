//! Subject keys: which entity a claim is about, from the entity aliases in the
//! rule files, accepted only where jieba puts a word boundary (so 中国 inside a
//! longer word does not count unless segmentation splits it out).

use crate::rules::{AliasHit, AliasIndex, Entity, Rule};
use jieba_rs::Jieba;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::Range;
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

/// Word boundaries of a document, segmenting only the stretches asked about.
///
/// jieba cuts text into blocks of Chinese characters and ASCII word characters
/// (`is_block_char`) and segments each block on its own; every other character
/// is a word by itself. So the cuts inside one block do not depend on the rest
/// of the document, and only blocks where an alias starts or ends are segmented.
pub struct Words<'a> {
    text: &'a str,
    /// The cuts of each segmented block (absolute byte offsets), by block start.
    blocks: RefCell<BTreeMap<usize, Vec<usize>>>,
}

impl<'a> Words<'a> {
    pub fn new(text: &'a str) -> Self {
        Words {
            text,
            blocks: RefCell::new(BTreeMap::new()),
        }
    }

    /// Whether jieba puts a word boundary at byte `at` (a char boundary).
    fn is_cut(&self, at: usize) -> bool {
        let before = self.text[..at].chars().next_back();
        let after = self.text[at..].chars().next();
        match (before, after) {
            (Some(b), Some(a)) if is_block_char(b) && is_block_char(a) => self.cut_inside_block(at),
            // jieba keeps `\r\n` together as one token.
            (Some('\r'), Some('\n')) => false,
            _ => true,
        }
    }

    fn cut_inside_block(&self, at: usize) -> bool {
        let start = self.text[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_block_char(c))
            .last()
            .map_or(at, |(i, _)| i);
        let end = self.text[at..]
            .find(|c: char| !is_block_char(c))
            .map_or(self.text.len(), |i| at + i);
        let mut blocks = self.blocks.borrow_mut();
        let cuts = blocks
            .entry(start)
            .or_insert_with(|| segment(&self.text[start..end], start));
        cuts.binary_search(&at).is_ok()
    }

    /// Whether `start..end` begins and ends on word boundaries.
    pub fn is_word(&self, start: usize, end: usize) -> bool {
        let text = self.text;
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

/// The word boundaries jieba finds in one block starting at byte `offset`.
fn segment(block: &str, offset: usize) -> Vec<usize> {
    let mut cuts = Vec::new();
    for token in jieba().cut(block, false) {
        cuts.push(offset + token.byte_start);
        cuts.push(offset + token.byte_start + token.word.len());
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

/// jieba's block class (`RE_HAN_DEFAULT`): CJK ideographs, ASCII letters and
/// digits, and `+#&._%-`.
fn is_block_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-');
    }
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2B73F}'
        | '\u{2B740}'..='\u{2B81F}'
        | '\u{2B820}'..='\u{2CEAF}'
        | '\u{2CEB0}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}')
}

/// The entities a document names: alias occurrences at jieba word boundaries,
/// searched a paragraph at a time when a claim there first needs a subject.
pub struct DocEntities<'a> {
    text: &'a str,
    index: &'a AliasIndex,
    /// Alias occurrences of each searched paragraph, by its start.
    paragraphs: RefCell<BTreeMap<usize, Vec<AliasHit>>>,
    words: Words<'a>,
}

impl<'a> DocEntities<'a> {
    pub fn new(text: &'a str, index: &'a AliasIndex) -> Self {
        DocEntities {
            text,
            index,
            paragraphs: RefCell::new(BTreeMap::new()),
            words: Words::new(text),
        }
    }

    /// Where the paragraph (line) holding byte `at` starts.
    fn paragraph_start(&self, at: usize) -> usize {
        self.text[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    /// Aliases of `allowed` entities named as words within `range`, which
    /// lies in the paragraph starting at `line_start`; in entity, alias and
    /// position order.
    fn named_in(
        &self,
        line_start: usize,
        range: Range<usize>,
        allowed: impl Fn(usize) -> bool,
    ) -> Vec<AliasHit> {
        let mut paragraphs = self.paragraphs.borrow_mut();
        let hits = paragraphs.entry(line_start).or_insert_with(|| {
            let line_end = self.text[line_start..]
                .find('\n')
                .map_or(self.text.len(), |i| line_start + i);
            self.index.find(self.text, line_start..line_end)
        });
        let first = hits.partition_point(|h| h.start < range.start);
        let mut found: Vec<AliasHit> = hits[first..]
            .iter()
            .take_while(|h| h.start < range.end)
            .filter(|h| h.end <= range.end && allowed(h.entity))
            .filter(|h| self.words.is_word(h.start, h.end))
            .copied()
            .collect();
        found.sort_by_key(|h| (h.entity, h.alias, h.start));
        found
    }
}

/// The subject key of a claim of `rule` whose figure starts at byte `at` of
/// the document, in `sentence`: the rule's template with `{entity}` and
/// `{aspect}` (the pattern's `aspect` group, if any) filled in. The entity is
/// the nearest one the sentence names, before the figure first; failing that,
/// the last one named earlier in the same paragraph, since a sentence often
/// continues the one before. `None` when the rule requires an
/// entity and none is found.
pub fn subject_for(
    rule: &Rule,
    entities: &[Entity],
    doc: &DocEntities,
    sentence: Range<usize>,
    at: usize,
    aspect: Option<&str>,
) -> Option<String> {
    let mut subject = rule
        .subject
        .replace("{aspect}", aspect.unwrap_or("").trim());
    if subject.contains("{entity}") {
        let allowed = |e: usize| rule.entities.contains(&entities[e].key);
        let paragraph = doc.paragraph_start(sentence.start);
        let preceding = paragraph..sentence.start;
        let found = doc.named_in(paragraph, sentence, allowed);
        let before = found.iter().filter(|f| f.end <= at).max_by_key(|f| f.end);
        let after = || {
            found
                .iter()
                .filter(|f| f.start >= at)
                .min_by_key(|f| f.start)
        };
        let earlier = || {
            doc.named_in(paragraph, preceding, allowed)
                .into_iter()
                .max_by_key(|f| f.end)
                .map(|f| f.entity)
        };
        let entity = before
            .or_else(after)
            .map(|f| f.entity)
            .or_else(earlier)
            .map(|e| &entities[e]);
        let key = match entity {
            Some(e) => e.key.as_str(),
            None if rule.require_entity => return None,
            None => rule.default_entity.as_deref().unwrap_or("unspecified"),
        };
        subject = subject.replace("{entity}", key);
    }
    Some(subject.split_whitespace().collect::<Vec<_>>().join(" "))
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
        let b = Words::new(s);
        assert!(b.is_word(0, 5));
        assert!(!b.is_word(s.rfind("GPT").unwrap(), s.rfind("GPT").unwrap() + 5));
    }

    #[test]
    fn chinese_aliases_need_word_boundaries() {
        let s = "目前国内的大模型数量";
        let b = Words::new(s);
        let i = s.find("国内").unwrap();
        assert!(b.is_word(i, i + "国内".len()));
        // 前国 straddles two words.
        let j = s.find("前国").unwrap();
        assert!(!b.is_word(j, j + "前国".len()));
    }

    /// Whole-text cuts, as segmenting everything would give them.
    fn reference_cuts(text: &str) -> Vec<usize> {
        let mut cuts: Vec<usize> = jieba()
            .cut(text, false)
            .iter()
            .flat_map(|t| [t.byte_start, t.byte_start + t.word.len()])
            .collect();
        cuts.push(0);
        cuts.sort_unstable();
        cuts.dedup();
        cuts
    }

    proptest::proptest! {
        /// Segmenting only the block around a position gives the cut jieba
        /// gives when it segments the whole text.
        #[test]
        fn block_cuts_equal_whole_text_cuts(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "中国", "国内", "大模型", "数量", "已经", "超过", "了", "个", "科学", "技术",
                "研究所", "所长", "A100", "GPT", "-", ".", "%", "+", "#", ",", "。", " ", "\r",
                "\n", "“", "𠀀", "㐀", "(", "的", "一", "1", "x",
            ]), 0..16)
        ) {
            let text: String = parts.concat();
            let words = Words::new(&text);
            let reference = reference_cuts(&text);
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                proptest::prop_assert_eq!(
                    words.is_cut(at),
                    reference.binary_search(&at).is_ok(),
                    "{:?} at {}", text, at
                );
            }
        }
    }
}
