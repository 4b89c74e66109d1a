//! Subject keys: which entity a claim is about, from the entity aliases in the
//! rule files, accepted only where jieba puts a word boundary (so 中国 inside a
//! longer word does not count unless segmentation splits it out).

use super::classify::{NamedEntity, SentenceView};
use crate::rules::lexicon::LexHit;
use crate::rules::{AliasHit, AliasIndex, Entity, EntityType, Rule};
use jieba_rs::Jieba;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::OnceLock;

/// jieba's frequent words (see `data/SOURCE.md`): a quarter of its dictionary,
/// loaded in a quarter of the time, and all that boundary checks need.
const DICTIONARY: &str = include_str!("data/jieba-dict-f20.txt");

/// Loading the dictionary costs tens of milliseconds: only when a claim needs it.
fn jieba() -> &'static Jieba {
    &dictionary().0
}

/// The segmenter, and the words that can make [`cjk_name`] find a name (none
/// when the bundled dictionary did not load word by word).
fn dictionary() -> &'static (Jieba, Option<NameWords>) {
    static JIEBA: OnceLock<(Jieba, Option<NameWords>)> = OnceLock::new();
    // The bundled dictionary is known good; the full one is a fallback, not an error path.
    JIEBA.get_or_init(|| {
        load_dictionary(DICTIONARY)
            .map(|(jieba, names)| (jieba, Some(names)))
            .or_else(|| Some((Jieba::with_dict(&mut DICTIONARY.as_bytes()).ok()?, None)))
            .unwrap_or_default()
    })
}

/// The dictionary's words tagged `nt` or `nz` of two characters or more, and
/// `ORG_SUFFIXES`, by their first two characters: [`cjk_name`] finds a name
/// only at one of them, so a text that holds none is not tagged (most clauses
/// hold none).
#[derive(Default)]
struct NameWords(HashMap<(char, char), Vec<&'static str>, super::FastHash>);

impl NameWords {
    /// Adds `word`, if it has two characters.
    fn add(&mut self, word: &'static str) {
        let mut chars = word.chars();
        if let (Some(a), Some(b)) = (chars.next(), chars.next()) {
            self.0.entry((a, b)).or_default().push(word);
        }
    }

    /// Whether one of the words occurs in `text`.
    fn occur_in(&self, text: &str) -> bool {
        let mut chars = text.char_indices().peekable();
        while let Some((i, a)) = chars.next() {
            if let Some(&(_, b)) = chars.peek()
                && let Some(words) = self.0.get(&(a, b))
                && words.iter().any(|w| text[i..].starts_with(w))
            {
                return true;
            }
        }
        false
    }
}

/// Loads the bundled `word freq tag` lines word by word, as `with_dict` would
/// (a word listed twice keeps its first tag and its last frequency): not
/// through `BufRead`, whose copy and UTF-8 check of each line and Unicode
/// whitespace split were more than half the load. The fields are found by a
/// plain byte loop: the lines are short, and `str::split` costs more a call
/// than the loop a line. `None` on a line not in that form, for `with_dict`
/// to read the whole. The words [`cjk_name`] looks for are gathered on the way.
fn load_dictionary(dict: &'static str) -> Option<(Jieba, NameWords)> {
    let mut jieba = Jieba::empty();
    let mut names = NameWords::default();
    let mut rest = dict;
    while !rest.is_empty() {
        let (line, next) = split_at_byte(rest, b'\n');
        rest = next;
        let (word, fields) = split_at_byte(line, b' ');
        let (freq, tag) = split_at_byte(fields, b' ');
        if word.is_empty() || tag.is_empty() || tag.bytes().any(|b| b == b' ') {
            return None;
        }
        jieba.add_word(word, Some(freq.parse().ok()?), Some(tag));
        // (A word listed twice, once with another tag, is kept: one more text tagged.)
        if matches!(tag, "nt" | "nz") {
            names.add(word);
        }
    }
    for &suffix in ORG_SUFFIXES {
        names.add(suffix);
    }
    Some((jieba, names))
}

/// `text` before and after the first `byte` (an ASCII byte, so both halves
/// are `str`), or all of `text` and nothing.
fn split_at_byte(text: &str, byte: u8) -> (&str, &str) {
    debug_assert!(byte.is_ascii());
    match text.bytes().position(|b| b == byte) {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, ""),
    }
}

/// Loads the dictionary now, as on another thread while the rules compile.
pub fn preload_dictionary() {
    jieba();
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
        // `at` lies strictly inside its block: a block already segmented that
        // starts before it and has a cut at or after it is that block.
        if let Some((_, cuts)) = self.blocks.borrow().range(..at).next_back()
            && cuts.last().is_some_and(|&end| end > at)
        {
            return cuts.binary_search(&at).is_ok();
        }
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
            ascii_edge(end, false) && !continues_version(text, end, last)
        } else {
            self.is_cut(end)
        };
        start_ok && end_ok
    }
}

/// Whether a name ending at `end` in `last` goes on as a longer version: `GPT-3`
/// is not named in `GPT-3.5` or `GPT-4-turbo`, though `Nvidia` is in `Nvidia-backed`.
fn continues_version(text: &str, end: usize, last: Option<char>) -> bool {
    let mut rest = text[end..].chars();
    match (rest.next(), rest.next()) {
        (Some('.'), Some(d)) => d.is_ascii_digit(),
        (Some('-'), Some(c)) => {
            c.is_ascii_alphanumeric() && last.is_some_and(|l| l.is_ascii_digit())
        }
        // `US$`, `HK$`, `NT$` are currencies, not places.
        (Some('$'), _) => true,
        _ => false,
    }
}

/// The word boundaries jieba finds in one block starting at byte `offset`.
fn segment(block: &str, offset: usize) -> Vec<usize> {
    let tokens = jieba().cut(block, false);
    let mut cuts = Vec::with_capacity(tokens.len() + 1);
    // The tokens come in order, each starting where the last ended: their
    // ends, in order and once each, without a sort.
    for token in &tokens {
        let (start, end) = (offset + token.byte_start, offset + token.byte_end);
        if cuts.last() != Some(&start) {
            cuts.push(start);
        }
        cuts.push(end);
    }
    if !cuts.is_sorted_by(|a, b| a < b) {
        cuts.sort_unstable();
        cuts.dedup();
    }
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

/// Clauses before the figure's own that the subject search looks at (besides the
/// sentence's first): no sentence of the corpora comes near, and a whole article written
/// as one sentence must not cost each figure a pass over all of it.
const SUBJECT_CLAUSES_BACK: usize = 64;

/// The entities a document names: alias occurrences at jieba word boundaries,
/// searched a paragraph at a time when a claim there first needs a subject.
pub struct DocEntities<'a> {
    text: &'a str,
    index: &'a AliasIndex,
    /// The names of each searched paragraph, by its start (`paragraph_names`).
    /// Asked for in text order mostly, so kept in a vector by start.
    paragraphs: RefCell<Vec<(usize, std::rc::Rc<Vec<AliasHit>>)>>,
    words: Words<'a>,
    topic: std::cell::OnceCell<Option<usize>>,
    /// `cjk_name` of each clause asked about, by its start.
    tagged: RefCell<BTreeMap<usize, Option<(usize, String)>>>,
    /// Every alias occurrence, found on first need (`raw_names`).
    raw: std::cell::OnceCell<Vec<AliasHit>>,
    /// The line last asked about (`paragraph_start`), as its start and end:
    /// sentences are asked about in text order, so most ask about the line the
    /// last one did, and a one-line article is scanned back over once, not once
    /// a sentence.
    line: std::cell::Cell<(usize, usize)>,
    /// `is_name_word` of each alias occurrence asked about, by its span: every
    /// figure of a sentence asks about the same names.
    name_words: RefCell<HashMap<(usize, usize), bool, super::FastHash>>,
    /// `is_comparand` of each position asked about.
    comparands: RefCell<HashMap<usize, bool, super::FastHash>>,
}

impl<'a> DocEntities<'a> {
    pub fn new(text: &'a str, index: &'a AliasIndex) -> Self {
        DocEntities {
            text,
            index,
            paragraphs: RefCell::new(Vec::new()),
            words: Words::new(text),
            topic: std::cell::OnceCell::new(),
            tagged: RefCell::new(BTreeMap::new()),
            raw: std::cell::OnceCell::new(),
            line: std::cell::Cell::new((0, 0)),
            name_words: RefCell::new(HashMap::default()),
            comparands: RefCell::new(HashMap::default()),
        }
    }

    /// The clause (between commas, colons, semicolons or sentence ends) holding byte `at`.
    fn clause_around(&self, at: usize) -> &str {
        let breaks = [',', ';', ':', '。', '!', '?', '\n'];
        let start = self.text[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| breaks.contains(&c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = self.text[at..]
            .find(breaks)
            .map_or(self.text.len(), |i| at + i);
        &self.text[start..end]
    }

    /// Whether `start..end` is a word by itself (jieba boundaries at both ends).
    pub fn is_word(&self, start: usize, end: usize) -> bool {
        self.words.is_word(start, end)
    }

    /// Where the paragraph (line) holding byte `at` starts.
    fn paragraph_start(&self, at: usize) -> usize {
        let (start, end) = self.line.get();
        if (start..=end).contains(&at) {
            return start;
        }
        // The memchr crate's vectorised searches, back and on from `at`.
        let bytes = self.text.as_bytes();
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        self.line.set((start, end));
        start
    }

    /// The names of the paragraph starting at `line_start`: alias occurrences
    /// at word boundaries, none inside a longer one (中国 in 中国电信), by
    /// start. Found once per paragraph, when a claim there first needs them.
    fn paragraph_names(&self, line_start: usize) -> std::rc::Rc<Vec<AliasHit>> {
        let at = {
            let known = self.paragraphs.borrow();
            let at = known.partition_point(|p| p.0 < line_start);
            if let Some(p) = known.get(at)
                && p.0 == line_start
            {
                return p.1.clone();
            }
            at
        };
        let line_end = memchr::memchr(b'\n', &self.text.as_bytes()[line_start..])
            .map_or(self.text.len(), |i| line_start + i);
        let all = self.raw_names();
        let first = all.partition_point(|h| h.start < line_start);
        let mut raw: Vec<AliasHit> = all[first..]
            .iter()
            .take_while(|h| h.start < line_end)
            .filter(|h| h.end <= line_end && self.edges_ok(h))
            .copied()
            .collect();
        raw.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end), h.entity));
        // By start, longest first: a name lies inside an earlier one exactly
        // when an earlier one reaches as far (linear, however long the line).
        let mut reach = None;
        raw.retain(|h| {
            if reach.is_some_and(|r| h.end <= r) {
                return false;
            }
            reach = Some(reach.map_or(h.end, |r: usize| r.max(h.end)));
            true
        });
        let hits = std::rc::Rc::new(raw);
        self.paragraphs
            .borrow_mut()
            .insert(at, (line_start, hits.clone()));
        hits
    }

    /// Every alias occurrence in the document, word boundaries not checked:
    /// one automaton pass, shared by paragraphs and the document's topic.
    /// The one model of `maker` the document names, if it names exactly one.
    pub fn only_model_of(&self, entities: &[Entity], maker: usize) -> Option<usize> {
        let mut found = None;
        for h in self.raw_names() {
            let e = &entities[h.entity];
            if e.entity_type != EntityType::Model || e.parent != Some(maker) || !self.edges_ok(h) {
                continue;
            }
            match found {
                None => found = Some(h.entity),
                Some(f) if f == h.entity => {}
                Some(_) => return None,
            }
        }
        found
    }

    /// The one model of `maker` named in the sentences before the figure's (which
    /// starts at byte `sentence`), within its paragraph and at most `NEAR_MODEL` bytes
    /// back (`GPT-4 2022年上半年训练的,据说OpenAI使用了25000 A100。… 训练所需的时间是
    /// ≈178days`: the time is GPT-4's); else the document's only model of `maker`. A model
    /// in the figure's own sentence was already weighed by role and passed over
    /// (`首个模型Yi-34B,…又发布了千亿参数模型 Yi-Large`).
    pub fn model_of(&self, entities: &[Entity], maker: usize, sentence: usize) -> Option<usize> {
        const NEAR_MODEL: usize = 1000;
        let mut from = sentence.saturating_sub(NEAR_MODEL);
        while !self.text.is_char_boundary(from) {
            from += 1;
        }
        if let Some(b) = self.text[from..sentence].rfind("\n\n") {
            from += b;
        }
        let names = self.raw_names();
        let lo = names.partition_point(|h| h.start < from);
        let hi = names.partition_point(|h| h.start < sentence);
        let mut near = names[lo..hi].iter().filter(|h| {
            let e = &entities[h.entity];
            h.end <= sentence
                && e.entity_type == EntityType::Model
                && e.parent == Some(maker)
                && self.edges_ok(h)
        });
        match near.next() {
            // Two models of the maker named nearby: which one is meant is not said.
            Some(first) if near.any(|h| h.entity != first.entity) => None,
            Some(first) => Some(first.entity),
            None => self.only_model_of(entities, maker),
        }
    }

    fn raw_names(&self) -> &[AliasHit] {
        self.raw
            .get_or_init(|| self.index.find(self.text, 0..self.text.len()))
    }

    /// Whether a name's Latin edges stand free (`GPT-3` not in `GPT-3.5`, `US`
    /// not in `US$`); Chinese edges are left to `is_name_word`.
    fn edges_ok(&self, h: &AliasHit) -> bool {
        let name = &self.text[h.start..h.end];
        // Most names begin and end in Chinese: no Latin edge to touch, no digit
        // to end a model number; only what follows may go on as a version.
        let bytes = name.as_bytes();
        if bytes[0] >= 0x80 && bytes[bytes.len() - 1] >= 0x80 {
            return !continues_version(self.text, h.end, None);
        }
        let first = name.chars().next();
        let last = name.chars().next_back();
        let before = self.text[..h.start].chars().next_back();
        let after = self.text[h.end..].chars().next();
        let touches = |edge: Option<char>, side: Option<char>| {
            edge.is_some_and(|e| e.is_ascii_alphanumeric())
                && side.is_some_and(|s| s.is_ascii_alphanumeric())
        };
        // `A100GPU`: a model number ends where an acronym is glued to its digits.
        let acronym_after = last.is_some_and(|c| c.is_ascii_digit()) && {
            let rest = &self.text.as_bytes()[h.end..];
            let caps = rest.iter().take_while(|b| b.is_ascii_uppercase()).count();
            caps >= 3 && !rest.get(caps).is_some_and(u8::is_ascii_digit)
        };
        // `Nvidia H100s`: a plural `s` after a model number's digits ends the name.
        let plural_after = last.is_some_and(|c| c.is_ascii_digit()) && {
            let rest = &self.text.as_bytes()[h.end..];
            rest.first() == Some(&b's') && !rest.get(1).is_some_and(u8::is_ascii_alphanumeric)
        };
        !touches(first, before)
            && (acronym_after || plural_after || !touches(last, after))
            && !continues_version(self.text, h.end, last)
    }

    /// Whether an alias occurrence stands as a word. Only short Chinese names
    /// (国内, 字节) need jieba's opinion: a name of three or more characters
    /// rarely straddles a word, and Latin names are checked by their edges.
    fn is_name_word(&self, h: &AliasHit) -> bool {
        let key = (h.start, h.end);
        if let Some(&known) = self.name_words.borrow().get(&key) {
            return known;
        }
        let answer = self.name_word_uncached(h);
        self.name_words.borrow_mut().insert(key, answer);
        answer
    }

    fn name_word_uncached(&self, h: &AliasHit) -> bool {
        if !self.edges_ok(h) {
            return false;
        }
        let name = &self.text[h.start..h.end];
        let cjk = name.chars().filter(|c| !c.is_ascii()).count();
        if cjk == 0 || cjk >= 3 && name.chars().all(|c| !c.is_ascii()) {
            return true;
        }
        self.words.is_word(h.start, h.end)
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
        let mut found: Vec<AliasHit> = self
            .all_in(line_start, range)
            .iter()
            .filter(|h| allowed(h.entity))
            .copied()
            .collect();
        found.sort_by_key(|h| (h.entity, h.alias, h.start));
        found
    }
}

/// A run of one paragraph's names ([`DocEntities::all_in`]).
struct Names {
    all: std::rc::Rc<Vec<AliasHit>>,
    run: Range<usize>,
}

impl std::ops::Deref for Names {
    type Target = [AliasHit];

    fn deref(&self) -> &[AliasHit] {
        &self.all[self.run.clone()]
    }
}

/// Whether jieba tags a verb in `text` (`研发大模型`, not `英伟达H800 GPU`).
pub fn has_verb(text: &str) -> bool {
    // Verbs of making and doing that jieba's frequent-word dictionary tags
    // otherwise (研发 is `j` there).
    const VERBS: &[&str] = &[
        "研发", "开发", "布局", "发布", "推出", "训练", "使用", "投资", "参与", "涉足", "从事",
        "打造", "部署", "基于", "专注", "研究", "做",
    ];
    // One automaton pass, not a substring search per verb (every counted-noun
    // window asks).
    static VERB_SET: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    // Leftmost-first: whether one occurs is all that is asked, and that kind
    // searches with the vectorised prefilter.
    let verbs = VERB_SET.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(VERBS)
            .expect("verb list builds")
    });
    text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
        && (verbs.is_match(text) || tags_verb(text))
}

/// Whether jieba's tagger finds a verb in `text`. The same few words are
/// asked about over and over (the two characters after a measure word, the
/// words before a 的), so the answers are kept, per thread, and looked up for
/// a fraction of what tagging costs.
fn tags_verb(text: &str) -> bool {
    /// Enough for the words a corpus repeats; past it, the map starts over.
    const KEEP: usize = 1 << 14;
    thread_local! {
        static KNOWN: RefCell<HashMap<Box<str>, bool, super::FastHash>> =
            RefCell::new(HashMap::default());
    }
    if let Some(known) = KNOWN.with(|k| k.borrow().get(text).copied()) {
        return known;
    }
    let verb = jieba()
        .tag(text, false)
        .iter()
        .any(|t| t.tag.starts_with('v'));
    KNOWN.with(|k| {
        let mut known = k.borrow_mut();
        if known.len() >= KEEP {
            known.clear();
        }
        known.insert(text.into(), verb);
    });
    verb
}

/// How a claim's subject was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectSource {
    /// A gazetteer entity named in the figure's sentence.
    Entity,
    /// A name found in the sentence that the gazetteer does not list.
    Discovered,
    /// The topic of an earlier sentence of the same paragraph.
    Topic,
    /// What the whole document is about (named in its headline or most often).
    Document,
    /// Nothing names it.
    None,
}

/// What a figure is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub key: String,
    pub source: SubjectSource,
    /// The gazetteer entity the key names, when it names one.
    pub entity: Option<usize>,
}

impl Subject {
    pub fn none() -> Subject {
        Subject {
            key: String::new(),
            source: SubjectSource::None,
            entity: None,
        }
    }

    fn of(entities: &[Entity], e: usize, source: SubjectSource) -> Subject {
        Subject {
            key: entities[e].key.clone(),
            source,
            entity: Some(e),
        }
    }
}

impl<'a> DocEntities<'a> {
    /// Every alias named as a word in `range` of the paragraph starting at
    /// `paragraph`, by start; a name inside a longer one (中国 in 中国电信) is dropped.
    /// A run of the paragraph's names, borrowed rather than copied: they come by
    /// start with their ends rising (none lies inside another), so those that start
    /// and end within `range` are the ones from the first starting in it up to the
    /// first ending past it.
    fn all_in(&self, paragraph: usize, range: Range<usize>) -> Names {
        let all = self.paragraph_names(paragraph);
        let first = all.partition_point(|h| h.start < range.start);
        let last = first + all[first..].partition_point(|h| h.end <= range.end);
        Names {
            all,
            run: first..last,
        }
    }

    /// The entities named in `sentence`, for counted-noun evidence.
    pub fn in_sentence(&self, entities: &[Entity], sentence: Range<usize>) -> Vec<NamedEntity> {
        let paragraph = self.paragraph_start(sentence.start);
        self.all_in(paragraph, sentence)
            .iter()
            .map(|h| NamedEntity {
                start: h.start,
                end: h.end,
                entity: h.entity,
                entity_type: entities[h.entity].entity_type,
            })
            .collect()
    }

    /// Who or what the figure at `at..end` of `sentence` is about (see the module
    /// docs): the first entity (the topic) of its clause before the figure, else
    /// of the clauses before it, else a name the gazetteer lacks found there,
    /// else the topic of the paragraph's previous sentence. Entities of a
    /// `counted` type (the chips in `10万块A100`) are what is counted, so they are
    /// chosen only when nothing else is named.
    pub fn subject(
        &self,
        entities: &[Entity],
        view: &SentenceView,
        at: usize,
        counted: &[EntityType],
    ) -> Subject {
        let sentence = view.range.clone();
        let paragraph = self.paragraph_start(sentence.start);
        let hits = self.all_in(paragraph, sentence.clone());
        let qc = view.clause_of(at);
        let mut fallback: Option<&AliasHit> = None;
        // `2万亿美元市值的NVIDIA`: the figure describes an entity right after it.
        let clause_end = view.clause(qc).end;
        // (The paragraph's names all have free edges: `paragraph_names` keeps no other.)
        let described = hits.iter().find(|h| {
            h.start > at
                && h.end <= clause_end
                && self.stands_for(entities, h).is_some()
                && !counted.contains(&entities[h.entity].entity_type)
                && {
                    let between = self.text[at..h.start].trim_end();
                    between.ends_with('的')
                        && between.chars().count() <= 16
                        && !between.contains([',', ';', ':'])
                }
                && self.is_name_word(h)
        });
        if let Some(h) = described
            && let Some(e) = self.stands_for(entities, h)
        {
            return entity_subject(entities, e);
        }
        // The figure's clause, then the sentence's clauses from its start (the
        // topic comes first in Chinese and English alike), leaving out
        // attributions (`据…报道`, `…表示`), whose names are sources.
        // A pronoun before the figure (`它说…`, `并将其…`) points back to the
        // nearest name: then the clauses are searched nearest first, each from its end.
        // In a sentence of thousands of clauses (an article on one comma-separated line),
        // the sentence's first clause and the `SUBJECT_CLAUSES_BACK` before the figure's.
        let near = qc.saturating_sub(SUBJECT_CLAUSES_BACK).max(1);
        let back = qc > 0 && refers_back(&self.text[view.clause(near).start.min(at)..at]);
        let window = std::iter::once(0).chain(near..qc).filter(|&c| c < qc);
        let mut order: Vec<usize> = Vec::with_capacity(qc.saturating_sub(near) + 2);
        order.push(qc);
        order.extend(window);
        if back {
            order[1..].reverse();
        }
        // Attributions are passed over where a search comes to them: most clauses
        // name nothing, and then whether they only say who said something is not asked.
        let source = |c: usize| c != qc && view.cache.is_attribution(self.text, view, c);
        // A name that is compared against (`可媲美OpenAI、Meta和Anthropic`, `落后美国
        // OpenAI`, `rivals Google`) or a place that only says where the next name is
        // from (`国产之光DeepSeek`, `中国AI初创公司深度求索`) is not what the figure is about.
        // `“六小龙”们合计拿下…`, `U.S.-based AI companies have raised…`: a figure of
        // several companies together is none's; only a name in its own clause
        // (`OpenAI和Anthropic合计…`) is searched for, not the sentence's or
        // document's topic, and a place there only says where they are from
        // (`Chinese AI startups`).
        let qc_start = view.clause(qc).start;
        // `其余39城仅124款,占比28.2%`: a figure's clause that names nothing shares the
        // group the clause before opens on, when that names nothing either.
        let collective = is_collective(&self.text[qc_start..at])
            || qc > 0 && {
                let before = view.clause(qc - 1);
                let prev = &self.text[before.clone()];
                let opening = &prev[..super::date::floor_char_boundary(prev, 18)];
                !hits.iter().any(|h| h.start >= before.start && h.end <= at)
                    && counted_group(opening)
            };
        // `Baidu, ByteDance, Tencent, and Alibaba have ordered $1 billion…`,
        // `百度、字节、腾讯和阿里共订购…`: three or more names listed before the figure
        // share it, and no one of them is its subject.
        if self.lists_three_names(view, qc, &hits, at) {
            return Subject::none();
        }
        let word = |h: &&&AliasHit| {
            let place_of_many = collective && entities[h.entity].entity_type == EntityType::Region;
            !place_of_many
                && self.is_name_word(h)
                && !self.is_comparand(h.start)
                && !self.place_before_name(entities, &hits, h)
                && !is_investor(self.text, h.start, h.end)
                && !is_compound_modifier(&self.text[h.end..])
                && !names_a_class(&self.text[h.end..])
                && !region_as_object(self.text, entities, h)
                && !self.invests_in(entities, &hits, h, at)
                && !self.funds_named(entities, &hits, h)
        };
        // `中关村以投前200亿元估值领投智谱`, `Thrive led the $6.6 billion round in
        // OpenAI`: a round or valuation between an investor and its investee is the
        // investee's, though named after the figure.
        if let Some(n) = hits[hits.partition_point(|h| h.start < qc_start)..]
            .iter()
            .take_while(|h| h.start < at)
            .filter(|h| h.end <= at)
            .find_map(|h| self.investee(entities, &hits, h))
            .filter(|&(n, verb)| n.start >= at && !verb.contribution(at, self.clause_around(at)))
            .map(|(n, _)| n)
            && let Some(e) = self.stands_for(entities, n)
        {
            return entity_subject(entities, e);
        }
        if collective {
            order.truncate(1);
        }
        // Names the gazetteer knows, clause by clause.
        for &c in &order {
            let clause = view.clause(c);
            let end = if c == qc { at } else { clause.end };
            // `hits` are by start: the clause's are a run of them.
            let first = hits.partition_point(|h| h.start < clause.start);
            let mut in_clause: Vec<&AliasHit> = hits[first..]
                .iter()
                .take_while(|h| h.start < end)
                .filter(|h| h.end <= end)
                .collect();
            // A clause that names nothing has no subject to give; nor do the
            // members of a list of places or companies taken together
            // (`北京、珠海、成都等地国资机构,已实现约89%的账面浮盈`).
            if in_clause.is_empty() || source(c) || c != qc && self.listed_group(view, c, &hits) {
                continue;
            }
            // `Kai-Fu Lee said Chinese models trail…`, `他认为国内大模型…`: a
            // name before a verb of saying is the speaker when another name
            // follows the verb (`OpenAI said its revenue…` keeps OpenAI).
            if c == qc
                && let Some(said) = speech_verb_end(&self.text[clause.start..end])
            {
                let said = clause.start + said;
                let after: Vec<&AliasHit> = in_clause
                    .iter()
                    .copied()
                    .filter(|h| h.start >= said)
                    .collect();
                let subject_after = after.iter().any(|h| {
                    !counted.contains(&entities[h.entity].entity_type)
                        && self.stands_for(entities, h).is_some()
                        && self.is_name_word(h)
                });
                if subject_after {
                    in_clause = after;
                }
            }
            // The owner of the measured noun (`GPT-4的训练成本`, `OpenAI's valuation`)
            // beats the clause's topic.
            // (The word test, jieba's, last: the others are cheap and most names fail them.)
            let owner = in_clause.iter().rev().find(|h| {
                // Through the clause's end: whether a share follows the 的 decides.
                possessive(&self.text[h.end..clause.end.max(end)])
                    && !counted.contains(&entities[h.entity].entity_type)
                    && self.stands_for(entities, h).is_some()
                    && word(h)
            });
            // `Baidu's Ernie Bot has…`, `百度的文心一言用户数…`: an owner of another name
            // owns that name, which is then the figure's.
            let mut owner = owner.copied();
            while let Some(h) = owner
                && let Some(n) = in_clause.iter().find(|n| {
                    n.start >= h.end
                        && matches!(self.text[h.end..n.start].trim(), "的" | "之" | "'s" | "’s")
                        && word(n)
                        && !counted.contains(&entities[n.entity].entity_type)
                        && self.stands_for(entities, n).is_some()
                })
            {
                owner = Some(*n);
            }
            if let Some(h) = owner
                && let Some(e) = self.stands_for(entities, h)
            {
                return entity_subject(entities, e);
            }
            // A name right before the figure (`通义千问140亿参数模型`) owns it.
            if c == qc
                && let Some(h) = in_clause
                    .iter()
                    .rev()
                    .find(|h| self.text[h.end..at].trim().is_empty())
                && self.is_name_word(h)
                && !self.is_comparand(h.start)
                && !region_as_object(self.text, entities, h)
                && !counted.contains(&entities[h.entity].entity_type)
                && let Some(e) = self.stands_for(entities, h)
            {
                return entity_subject(entities, e);
            }
            // `…Copilot,并将其测试企业数量…`: a pronoun after this clause refers
            // to the last name in it, not to its topic.
            let in_clause: Vec<&AliasHit> = if c < qc && back {
                in_clause.into_iter().rev().collect()
            } else {
                in_clause
            };
            for h in &in_clause {
                // A name that can be neither subject nor fallback needs no word test.
                let is_counted = counted.contains(&entities[h.entity].entity_type);
                let stands = if is_counted {
                    None
                } else {
                    self.stands_for(entities, h)
                };
                if !is_counted && stands.is_none() || !word(&h) {
                    continue;
                }
                if is_counted {
                    fallback = fallback.or(Some(h));
                    continue;
                }
                if let Some(e) = stands {
                    return self
                        .coordinated(entities, &in_clause, h, e)
                        .unwrap_or_else(|| entity_subject(entities, e));
                }
            }
        }
        // Names it lacks, in the same order (Chinese ones in the figure's own
        // clause: jieba's tagger is the costly step).
        for &c in &order {
            if source(c) {
                continue;
            }
            let clause = view.clause(c);
            let end = if c == qc { at } else { clause.end };
            if let Some(name) = self.discover(clause.start..end, c == qc, &view.hits, &hits) {
                return Subject {
                    key: name,
                    source: SubjectSource::Discovered,
                    entity: None,
                };
            }
        }
        if collective {
            return Subject::none();
        }
        // Nothing before the figure: a name after it in its clause (`每天约有
        // 1300万独立访客使用ChatGPT`, `200 million people use ChatGPT`), unless the
        // clause opens on a company named before (`The company lost $540 million as
        // it developed ChatGPT`, `该公司…`): that one is the topic's.
        let described_before = names_earlier_company(&self.text[view.clause(qc).start..at]);
        if let Some(e) = hits
            .iter()
            .filter(|_| !described_before)
            .filter(|h| h.start > at && h.end <= clause_end)
            .filter(|h| !counted.contains(&entities[h.entity].entity_type))
            // `a $40 billion round led by SoftBank`: the investor's is not the round.
            .filter(|h| !is_investor(self.text, h.start, h.end))
            .find(|h| self.stands_for(entities, h).is_some() && self.is_name_word(h))
            .and_then(|h| self.stands_for(entities, h))
        {
            return entity_subject(entities, e);
        }
        // `台积电表示,今年…营收将翻倍`: with no other name in the sentence, a company
        // (or a person's company) that says so speaks of itself. Not after `据`, and
        // not an outlet or an institution, which report on others.
        for c in 0..qc {
            let r = view.clause(c);
            let clause = &self.text[r.clone()];
            if !view.cache.is_attribution(self.text, view, c)
                || speech_verb_end(clause).is_none()
                || clause.trim_start().starts_with('据')
            {
                continue;
            }
            let speaker = hits
                .iter()
                .filter(|h| h.start >= r.start && h.end <= r.end)
                .filter(|h| {
                    matches!(
                        entities[h.entity].entity_type,
                        EntityType::Company | EntityType::Lab | EntityType::Person
                    ) && !counted.contains(&entities[h.entity].entity_type)
                        && self.is_name_word(h)
                })
                .find_map(|h| self.stands_for(entities, h));
            if let Some(e) = speaker {
                return entity_subject(entities, e);
            }
        }
        // The topic of the paragraph's last sentence that names one: its first
        // entity outside attributions (`其微信公众号…披露` names a source).
        let before = self.all_in(paragraph, paragraph..sentence.start);
        let topical = |h: &AliasHit| {
            !counted.contains(&entities[h.entity].entity_type)
                && !self.is_comparand(h.start)
                && !self.place_before_name(entities, &before, h)
                && self.stands_for(entities, h).is_some()
                && !is_attribution(self.clause_around(h.start))
                && self.is_name_word(h)
        };
        if let Some(mut last) = before.iter().rev().find(|h| topical(h)) {
            let sentence_start = |last: &AliasHit| {
                self.text[paragraph..last.start]
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| matches!(c, '。' | '!' | '?' | ';' | '\n'))
                    .map_or(paragraph, |(i, c)| paragraph + i + c.len_utf8())
            };
            let mut start = sentence_start(last);
            // `它的背后站着红杉、高瓴等…`: a sentence about a pronoun names others
            // (its investors, rivals); its topic is the one named before.
            // With none named before in the paragraph, the document's topic is it.
            let mut pronoun = opens_on_pronoun(&self.text[start..last.start]);
            while pronoun
                && let Some(earlier) = before.iter().rev().find(|h| h.end <= start && topical(h))
            {
                last = earlier;
                start = sentence_start(last);
                pronoun = opens_on_pronoun(&self.text[start..last.start]);
            }
            if let Some(e) = self.document_topic(entities).filter(|_| pronoun) {
                return Subject::of(entities, e, SubjectSource::Document);
            }
            let topic = before
                .iter()
                .filter(|h| h.start >= start)
                .find(|h| topical(h))
                .unwrap_or(last);
            let e = self.stands_for(entities, topic).unwrap_or(topic.entity);
            return Subject::of(entities, e, SubjectSource::Topic);
        }
        // A counted name of the sentence (the chip of `280万GPU小时`) only when no
        // other name, here or in the paragraph, is what the figure is about.
        if let Some(h) = fallback {
            return entity_subject(entities, h.entity);
        }
        if let Some(e) = self.document_topic(entities) {
            return Subject::of(entities, e, SubjectSource::Document);
        }
        Subject::none()
    }

    /// The subject a mention makes ([`as_subject`]), or, where the text speaks of its
    /// maker (`ChatGPT的开发商`, `the maker of ChatGPT`, `ChatGPT's developer`), the
    /// maker the gazetteer gives it.
    fn stands_for(&self, entities: &[Entity], h: &AliasHit) -> Option<usize> {
        match entities[h.entity].parent {
            Some(maker) if self.names_maker(h) => as_subject(entities, maker),
            _ => as_subject(entities, h.entity),
        }
    }

    /// Whether the words around the name `h` name who makes it rather than it.
    fn names_maker(&self, h: &AliasHit) -> bool {
        const AFTER_ZH: [&str; 9] = [
            "开发商",
            "开发者",
            "研发商",
            "研发者",
            "母公司",
            "东家",
            "出品方",
            "所属公司",
            "背后的公司",
        ];
        const AFTER_EN: [&str; 6] = [
            "maker",
            "'s maker",
            "'s developer",
            "'s parent",
            "'s creator",
            "’s maker",
        ];
        const BEFORE_EN: [&str; 6] = [
            "maker of",
            "makers of",
            "developer of",
            "creator of",
            "company behind",
            "parent of",
        ];
        let after = self.text[h.end..].trim_start();
        let zh = after.strip_prefix('的').unwrap_or(after);
        let before = self.text[..h.start].trim_end();
        let word_ends = |rest: &str| !rest.starts_with(|c: char| c.is_ascii_alphanumeric());
        AFTER_ZH.iter().any(|w| zh.starts_with(w))
            || AFTER_EN.iter().any(|w| {
                // `'s` is glued to the name; `maker` follows a space.
                let rest = if w.starts_with(['\'', '’']) {
                    self.text[h.end..].strip_prefix(w)
                } else {
                    after.strip_prefix(w)
                };
                rest.is_some_and(word_ends)
            })
            || BEFORE_EN.iter().any(|w| {
                before.len() > w.len()
                    && before.is_char_boundary(before.len() - w.len())
                    && before[before.len() - w.len()..].eq_ignore_ascii_case(w)
            })
    }

    /// Whether the name at `start` is what something is compared with: a
    /// comparison word before it in its clause, through a list of names
    /// (`可媲美OpenAI、Meta和Anthropic`).
    fn is_comparand(&self, start: usize) -> bool {
        if let Some(&known) = self.comparands.borrow().get(&start) {
            return known;
        }
        let answer = self.comparand_uncached(start);
        self.comparands.borrow_mut().insert(start, answer);
        answer
    }

    fn comparand_uncached(&self, start: usize) -> bool {
        let head = &self.text[..start];
        // Back to the clause's start; a list's 、 does not end it.
        let from = head
            .char_indices()
            .rev()
            .take(24)
            .find(|&(_, c)| matches!(c, ',' | ';' | ':' | '。' | '!' | '?' | '\n'))
            .map_or_else(
                || {
                    head.char_indices()
                        .rev()
                        .take(24)
                        .last()
                        .map_or(0, |(i, _)| i)
                },
                |(i, c)| i + c.len_utf8(),
            );
        let window = &head[from..];
        // `与OpenAI相比`, `中国大模型与美国的差距`: the second of two things joined by
        // 与/和/跟/同 before a word of comparing after it is the one compared with.
        if window.trim_end().ends_with(['与', '和', '跟', '同']) {
            let after: String = self.text[start..]
                .chars()
                .take_while(|&c| !matches!(c, ',' | ';' | ':' | '。' | '!' | '?' | '\n'))
                .take(24)
                .collect();
            if ["相比", "相较", "比较", "比起", "差距", "之间"]
                .iter()
                .any(|m| after.contains(m))
            {
                return true;
            }
        }
        // `比H100便宜约一半`, `较OpenAI高出20%`: 比/较 right before the name compares
        // with it when a word of comparing follows before any figure (`比内地其余200多家
        // 大模型加起来更大`: the figure after the name is the name's own).
        if window.trim_end().ends_with(['比', '较']) {
            const COMPARATIVES: &str = "便宜贵高低多少快慢大小强弱增降涨跌领落更还";
            let after = self.text[start..].trim_start();
            let name = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || "-. ".contains(c)))
                .unwrap_or(after.len());
            let compared = after[name..]
                .chars()
                .take_while(|&c| {
                    !c.is_ascii_digit() && !"一二两三四五六七八九十百千万亿半,;:。!?".contains(c)
                })
                .take(10)
                .any(|c| COMPARATIVES.contains(c));
            if compared {
                return true;
            }
        }
        comparison_markers().any(window, |i, end| {
            // An English marker is a word of its own (`than`, not `Athan`).
            !window.as_bytes()[i].is_ascii()
                || (!window[..i].ends_with(|c: char| c.is_ascii_alphanumeric())
                    && !window[end..].starts_with(|c: char| c.is_ascii_alphanumeric()))
        })
    }

    /// Whether the figure's clause up to `at` holds a list of three or more names
    /// (joined by `、`, `,`, `和`, `and`): within the clause, or as a clause opening on
    /// `and`/`or` after clauses that are each only a name (commas split an English list).
    fn lists_three_names(
        &self,
        view: &SentenceView,
        qc: usize,
        hits: &[AliasHit],
        at: usize,
    ) -> bool {
        const JOINERS: [&str; 8] = ["、", ",", "和", "及", "与", "and", ", and", "or"];
        let clause = view.clause(qc);
        // (Names may cross: then no joiner lies between them.)
        let joined = |p: &AliasHit, h: &AliasHit| {
            self.text
                .get(p.end..h.start)
                .is_some_and(|between| JOINERS.contains(&between.trim()))
        };
        let mut run = 1;
        let mut best = 0;
        let mut prev: Option<&AliasHit> = None;
        for h in hits[hits.partition_point(|h| h.start < clause.start)..]
            .iter()
            .take_while(|h| h.start < at)
            .filter(|h| h.end <= at)
        {
            match prev {
                Some(p) if joined(p, h) => run += 1,
                _ => run = 1,
            }
            best = best.max(run);
            prev = Some(h);
        }
        if best >= 3 {
            return true;
        }
        // `、` and `,` end clauses: the names joined at the clause's opening (after
        // an `and`), then the clauses before that are one name each.
        let head = self.text[clause.start..at].trim_start();
        let head = ["and ", "or ", "和", "及"]
            .iter()
            .find_map(|j| head.strip_prefix(j))
            .unwrap_or(head)
            .trim_start();
        let opening = at - head.len();
        let mut lead = 0;
        let mut prev: Option<&AliasHit> = None;
        for h in hits[hits.partition_point(|h| h.start < opening)..]
            .iter()
            .take_while(|h| h.start < at)
            .filter(|h| h.end <= at)
        {
            let joined = match prev {
                None => h.start == opening,
                Some(p) => joined(p, h),
            };
            if !joined {
                break;
            }
            lead += 1;
            prev = Some(h);
        }
        if lead == 0 {
            return false;
        }
        let mut names = lead;
        for c in (0..qc).rev() {
            let r = view.clause(c);
            let text = self.text[r.clone()].trim_matches([',', ' ', '、']);
            let only_name = hits[hits.partition_point(|h| h.start < r.start)..]
                .iter()
                .take_while(|h| h.start < r.end)
                .any(|h| h.end <= r.end && self.text[h.start..h.end] == *text);
            if !only_name {
                break;
            }
            names += 1;
        }
        names >= 3 && names > lead
    }

    /// Whether clause `c` names only items of a list of three or more joined by `、`
    /// and closed by `等` (`北京、珠海、成都等地`, `百度、阿里、腾讯等公司`): a group,
    /// none of whose members is what a figure after it is about.
    fn listed_group(&self, view: &SentenceView, c: usize, hits: &[AliasHit]) -> bool {
        let (first, last) = listed_clauses(self.text, view, c);
        if last - first < 2 {
            return false;
        }
        // The last item ends at `等`, close after its clause's start.
        let closing = view.clause(last);
        let Some(etc) = self.text[closing.clone()].find('等').filter(|&i| i <= 30) else {
            return false;
        };
        let clause = view.clause(c);
        // The first item is what ends its clause (`…入局的北京、`).
        let item_end = if c == last {
            closing.start + etc
        } else {
            clause.end - '、'.len_utf8()
        };
        let from = hits.partition_point(|h| h.start < clause.start);
        hits[from..]
            .iter()
            .take_while(|h| h.start < clause.end)
            .all(|h| {
                h.end <= item_end && (c != first || self.text[h.end..item_end].trim().is_empty())
            })
    }

    /// The investee of the investor `h`: a company or lab named right after an
    /// investing verb that follows `h` in its clause (`中关村…领投智谱`, `红杉投资月之暗面`,
    /// `Amazon invested $4 billion in Anthropic`, `Thrive led the round in OpenAI`),
    /// with the verb's kind and where it starts.
    fn investee<'h>(
        &self,
        entities: &[Entity],
        hits: &'h [AliasHit],
        h: &AliasHit,
    ) -> Option<(&'h AliasHit, Investing)> {
        use crate::rules::EntityType as T;
        // Within the investor's own clause.
        // At most 120 bytes on, cut at the clause's end.
        let window_end = super::date::floor_char_boundary(self.text, h.end + 120).max(h.end);
        let window = &self.text[h.end..window_end];
        let end = window
            .find([',', ';', ':', '。', '!', '?', '\n'])
            .map_or(window_end, |i| h.end + i);
        let tail = &self.text[h.end..end];
        // Most names have no verb of investing after them: four fast searches
        // spare the thirteen below (every verb holds 投, 注, `led ` or `invest`).
        // (The Latin ones only where an `l` or `i` is: most tails are Chinese.)
        if !(tail.contains(['投', '注'])
            || tail.bytes().any(|b| b == b'l' || b == b'i')
                && (tail.contains("led ") || tail.contains("invest")))
        {
            return None;
        }
        let named_at = |pos: usize| {
            hits.iter().find(|n| {
                n.start == pos
                    && matches!(entities[n.entity].entity_type, T::Company | T::Lab)
                    && self.stands_for(entities, n).is_some()
                    && self.is_name_word(n)
            })
        };
        const ZH: [(&str, bool); 7] = [
            ("领投", true),
            ("領投", true),
            ("跟投", true),
            ("参投", true),
            ("參投", true),
            ("注资", false),
            ("投资", false),
        ];
        const EN: [(&str, bool); 6] = [
            (" led ", true),
            (" co-led ", true),
            (" invested ", false),
            (" invests ", false),
            (" invest ", false),
            (" investing ", false),
        ];
        for (verb, round) in ZH {
            for (i, _) in tail.match_indices(verb) {
                let after = tail[i + verb.len()..].trim_start_matches([' ', '了']);
                let pos = end - after.len();
                if let Some(n) = named_at(pos) {
                    return Some((
                        n,
                        Investing {
                            round,
                            verb: h.end + i,
                        },
                    ));
                }
            }
        }
        for (verb, round) in EN {
            let Some(i) = tail.find(verb) else { continue };
            // The object after `in`, within a few words of the verb.
            let rest = &tail[i + verb.len()..];
            let near = &rest[..super::date::floor_char_boundary(rest, 60)];
            let Some(j) = near
                .find(" in ")
                .or_else(|| near.starts_with("in ").then_some(0))
            else {
                continue;
            };
            let obj = rest[j..].trim_start().strip_prefix("in ").unwrap_or("");
            let pos = end - obj.len();
            if let Some(n) = named_at(pos) {
                return Some((
                    n,
                    Investing {
                        round,
                        verb: h.end + i,
                    },
                ));
            }
        }
        None
    }

    /// Whether `h` invests in another name of its clause and the figure at `at` is
    /// not its own contribution: it is then no subject.
    fn invests_in(&self, entities: &[Entity], hits: &[AliasHit], h: &AliasHit, at: usize) -> bool {
        // (The clause only for an investor: most names are none.)
        self.investee(entities, hits, h)
            .is_some_and(|(_, v)| !v.contribution(at, self.clause_around(h.start)))
    }

    /// Whether `h` puts money into a name written between `对`/`向` and the verb
    /// (`英伟达对诺基亚(Nokia)注资10亿美元`): what is injected is the round of the
    /// name funded, known to the gazetteer or not, and not the investor's figure.
    /// Only a name: `阿里对AI基础设施投资3800亿元`, `对外投资` are the investor's own.
    fn funds_named(&self, entities: &[Entity], hits: &[AliasHit], h: &AliasHit) -> bool {
        let window_end = super::date::floor_char_boundary(self.text, h.end + 60).max(h.end);
        let tail = &self.text[h.end..window_end];
        let tail = tail.trim_start_matches([' ', '已', '将', '拟', '再', '也', '还', '又', '则']);
        let Some(rest) = tail.strip_prefix(['对', '向']) else {
            return false;
        };
        // Where the name starts: `rest` runs to the window's end.
        let from = window_end - rest.len();
        let rest = &rest[..rest
            .find([',', ';', ':', '。', '!', '?', '\n', '、'])
            .unwrap_or(rest.len())];
        let Some(verb) = ["注资", "增资", "投资"]
            .iter()
            .filter_map(|v| rest.find(v))
            .min()
        else {
            return false;
        };
        // The name, without a gloss in brackets after it (`诺基亚(Nokia)`).
        let object = rest[..verb].trim();
        let object = match object.find(['(', '（']) {
            Some(i) if object.ends_with([')', '）']) && i > 0 => object[..i].trim_end(),
            _ => object,
        };
        if object.is_empty() || object.chars().count() > 12 {
            return false;
        }
        let known = hits.iter().any(|n| {
            n.start == from
                && n.end - n.start == object.len()
                && matches!(
                    entities[n.entity].entity_type,
                    EntityType::Company | EntityType::Lab
                )
        });
        let latin = object.starts_with(|c: char| c.is_ascii_uppercase())
            && !NOT_NAMES.contains(&object)
            && object
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
        known
            || latin
            || object.chars().all(|c| !c.is_ascii())
                && tagged_name(object)
                    .is_some_and(|(at, name)| at == 0 && name.len() == object.len())
    }

    /// Whether `h` names a place right before a company, lab, model, product,
    /// investor or institution it describes (`国产之光DeepSeek`, `美国公司OpenAI`,
    /// `日本软银集团`): the name after it is the topic.
    fn place_before_name(&self, entities: &[Entity], hits: &[AliasHit], h: &AliasHit) -> bool {
        use crate::rules::EntityType as T;
        if entities[h.entity].entity_type != T::Region {
            return false;
        }
        // The next name after the place, not a later one past another name (names
        // come by start, no two starting together).
        let next = hits.get(hits.partition_point(|n| n.start < h.end));
        next.is_some_and(|n| {
            !self.is_comparand(n.start)
                && matches!(
                    entities[n.entity].entity_type,
                    T::Company | T::Lab | T::Model | T::Product | T::Investor | T::Institution
                )
                && {
                    let gap = &self.text[h.end..n.start];
                    // `内地人工智能(AI)企业商汤`: a longer description ending on a word
                    // for a company.
                    (gap.chars().count() <= 8
                        || gap.chars().count() <= 20
                            && ORG_NOUNS.iter().any(|w| gap.trim_end().ends_with(w)))
                        && !gap.contains([',', ';', ':', '、', '和', '与', '及', '把', '被', '在'])
                        && !gap.contains(" and ")
                }
                && self.is_name_word(n)
        })
    }

    /// `美国和中国…占全球的80%`, `Microsoft and OpenAI`: two names joined by a
    /// conjunction are one subject together (a share of both is neither's).
    fn coordinated(
        &self,
        entities: &[Entity],
        in_clause: &[&AliasHit],
        h: &AliasHit,
        e: usize,
    ) -> Option<Subject> {
        const JOINERS: [&str; 9] = ["和", "与", "及", "以及", "同", "跟", " and ", " & ", "&"];
        // The conjunction itself shows the names are words: 其中美国和中国
        // (which jieba cuts 其/中美/国) names both.
        let joined = |a: &AliasHit, b: &AliasHit| {
            a.end < b.start
                && JOINERS
                    .iter()
                    .any(|j| self.text[a.end..b.start].trim_matches(' ') == j.trim())
        };
        // One compared with the other (`文心大模型与GPT-4的差距`) is no partner.
        let partner = in_clause
            .iter()
            .find(|n| joined(h, n) && !self.is_comparand(n.start))
            .map(|n| (e, n.entity))
            .or_else(|| {
                in_clause
                    .iter()
                    .find(|p| joined(p, h))
                    .map(|p| (p.entity, e))
            })?;
        let (first, second) = (
            as_subject(entities, partner.0)?,
            as_subject(entities, partner.1)?,
        );
        let same_type = entities[first].entity_type == entities[second].entity_type;
        (first != second && same_type).then(|| Subject {
            key: format!("{} and {}", entities[first].key, entities[second].key),
            source: SubjectSource::Entity,
            entity: None,
        })
    }

    /// The entity the whole document is about, if one stands out: a company,
    /// lab, model or product named in the first lines (the headline) and as
    /// often as any other, or named at least three times and more often than
    /// any other. A model or product counts for its maker too. Found once.
    fn document_topic(&self, entities: &[Entity]) -> Option<usize> {
        *self.topic.get_or_init(|| {
            // The entities named, in the order first named; how often each is named
            // and whether in the headline are kept in the thread's `TALLY`.
            let mut named: Vec<usize> = Vec::new();
            let mut tally = TALLY.with(|t| t.take());
            if tally.len() < entities.len() {
                tally.resize(entities.len(), Tally::default());
            }
            let head_end = self
                .text
                .match_indices('\n')
                .filter(|(i, _)| !self.text[..*i].trim().is_empty())
                .nth(2)
                .map_or(self.text.len(), |(i, _)| i);
            // Counting needs no word-boundary check (jieba is the costly part),
            // only that a name inside a longer one is not counted twice.
            let raw = self.raw_names();
            let mut covered_to = 0;
            let mut widest: Vec<&AliasHit> = Vec::with_capacity(raw.len());
            for (i, h) in raw.iter().enumerate() {
                if h.end <= covered_to {
                    continue;
                }
                // Hits come by start, so those starting where `h` does are its
                // neighbours: a look at them, not a scan of the document per hit.
                let first = raw[..i]
                    .iter()
                    .rposition(|o| o.start != h.start)
                    .map_or(0, |p| p + 1);
                let last = raw[i..]
                    .iter()
                    .position(|o| o.start != h.start)
                    .map_or(raw.len(), |p| i + p);
                let longest = raw[first..last].iter().max_by_key(|o| o.end).unwrap_or(h);
                if widest.last().is_some_and(|w| w.start == longest.start) {
                    continue;
                }
                covered_to = longest.end;
                widest.push(longest);
            }
            for h in widest {
                let Some(e) = as_subject(entities, h.entity) else {
                    continue;
                };
                if !matches!(
                    entities[e].entity_type,
                    EntityType::Company | EntityType::Lab | EntityType::Model | EntityType::Product
                ) {
                    continue;
                }
                // A product or model counts for its maker too (商量 for SenseTime).
                let mut at = Some(e);
                while let Some(x) = at {
                    let c = &mut tally[x];
                    if c.named == 0 {
                        named.push(x);
                    }
                    c.named += 1;
                    c.in_headline |= h.start < head_end;
                    at = entities[x].parent.filter(|&p| {
                        matches!(
                            entities[p].entity_type,
                            EntityType::Company | EntityType::Lab
                        )
                    });
                }
            }
            // The most named (one in the headline first, then the first entity), and
            // how often the next is named.
            let best = named
                .iter()
                .copied()
                .min_by_key(|&e| (std::cmp::Reverse(tally[e].named), !tally[e].in_headline, e));
            let topic = best.and_then(|e| {
                let Tally {
                    named: n,
                    in_headline: head,
                } = tally[e];
                let runner_up = named
                    .iter()
                    .filter(|&&o| o != e)
                    .map(|&o| tally[o].named)
                    .max()
                    .unwrap_or(0);
                ((head && n >= runner_up) || (n > runner_up && n >= 3)).then_some(e)
            });
            // Left clean for the thread's next document.
            for &e in &named {
                tally[e] = Tally::default();
            }
            TALLY.with(|t| t.replace(tally));
            topic
        })
    }

    /// The first name in `range` the gazetteer does not list: a run of capitalised
    /// Latin words (`Inflection AI`, `Thrive Capital`), an organisation or
    /// proper noun by jieba's tags (`nt`, `nz`, `j`), or nouns ending in an
    /// organisation word (`莲花科技`, `某某研究院`).
    fn discover(
        &self,
        range: Range<usize>,
        tag_chinese: bool,
        words: &[LexHit],
        known: &[AliasHit],
    ) -> Option<String> {
        if range.is_empty() {
            return None;
        }
        let text = &self.text[range.clone()];
        // `Revenue and net loss were…`: a capitalised word the rule files list as a
        // cue or noun is a common word opening the sentence, not a name (`H100`,
        // written as names are, stays one).
        // `Next big step…`, `Venture capital firm…`: one capitalised word opening the
        // clause is a name only if the document also capitalises it mid-sentence.
        let doc = self.text;
        let named_inside = |word: &str| {
            let finder = memchr::memmem::Finder::new(word.as_bytes());
            finder.find_iter(doc.as_bytes()).any(|i| {
                let before = doc[..i].trim_end_matches(' ');
                let mid_sentence = before.len() < i
                    && before
                        .bytes()
                        .next_back()
                        .is_some_and(|b| b.is_ascii_lowercase() || b == b',');
                mid_sentence
                    && !doc
                        .as_bytes()
                        .get(i + word.len())
                        .is_some_and(u8::is_ascii_alphanumeric)
            })
        };
        let latin = latin_name(text, &named_inside).filter(|(a, name)| {
            let at = range.start + a;
            let common = name
                .chars()
                .skip(1)
                .all(|c| c.is_ascii_lowercase() || c == ' ');
            let cue_word = common
                && words
                    .iter()
                    .any(|h| h.start == at && h.end == at + name.len());
            // `A100GPU`: a name the gazetteer knows, passed over for its role, is
            // no new name.
            let known_name = known.iter().any(|h| h.start <= at && at < h.end);
            !cue_word && !known_name && !speaks_of_another(&text[a + name.len()..])
        });
        // jieba's tagger is the costly step: Chinese names are looked for in
        // the figure's own clause only, once per clause.
        let cjk = if tag_chinese {
            self.tagged
                .borrow_mut()
                .entry(range.start)
                .or_insert_with(|| cjk_name(text))
                .clone()
        } else {
            None
        };
        // A name compared against is not the subject (`落后美国OpenAI…`).
        let latin = latin.filter(|&(a, _)| !self.is_comparand(range.start + a));
        let cjk = cjk.filter(|&(b, _)| !self.is_comparand(range.start + b));
        match (latin, cjk) {
            (Some((a, la)), Some((b, lb))) => Some(if a <= b { la } else { lb }),
            (Some((_, l)), None) | (None, Some((_, l))) => Some(l),
            (None, None) => None,
        }
    }
}

/// How often the document names an entity, and whether in its headline.
#[derive(Clone, Copy, Default)]
struct Tally {
    named: usize,
    in_headline: bool,
}

thread_local! {
    /// [`DocEntities::document_topic`]'s count of each entity, all zero between
    /// documents: a slot per entity, not allocated and cleared per document.
    static TALLY: RefCell<Vec<Tally>> = const { RefCell::new(Vec::new()) };
}

/// Words before a name that make it what something is compared with.
const COMPARISON_MARKERS: &[&str] = &[
    "媲美",
    "比肩",
    "相比",
    "相较",
    "比起",
    "对比",
    "不如",
    "超越",
    "赶超",
    "落后",
    "领先",
    "rival",
    "rivals",
    "than",
    "compared with",
    "compared to",
    "versus",
    "ahead of",
    "trail",
    "trails",
    "outperform",
    "outperforms",
];

/// A list of words searched in one automaton pass, occurrence by occurrence as
/// `str::match_indices` gives them word by word (leftmost, not overlapping
/// an earlier occurrence of the same word).
pub(crate) struct WordSet {
    /// `None` when the list is empty or holds an empty word: then searched word by word.
    automaton: Option<aho_corasick::AhoCorasick>,
    /// The same words for whether any occurs: leftmost-first semantics let the
    /// automaton search with its vectorised prefilter, several times faster over
    /// Chinese text than the overlapping search, and most text holds none.
    any: Option<aho_corasick::AhoCorasick>,
    words: Vec<String>,
    /// Whether each word overlaps itself (`on track to`), so an occurrence can
    /// lie inside one `match_indices` took and be skipped.
    overlapping: Vec<bool>,
}

impl WordSet {
    pub(crate) fn new(words: &[&str]) -> WordSet {
        let usable = !words.is_empty() && words.iter().all(|w| !w.is_empty());
        // A contiguous NFA: a quarter of the DFA's cost to build (each extractor
        // builds its own) and as quick here, where the prefilter does the searching.
        let build = |kind| {
            aho_corasick::AhoCorasick::builder()
                .match_kind(kind)
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(words)
                .expect("word lists build")
        };
        WordSet {
            automaton: usable.then(|| build(aho_corasick::MatchKind::Standard)),
            any: usable.then(|| build(aho_corasick::MatchKind::LeftmostFirst)),
            words: words.iter().map(|w| w.to_string()).collect(),
            overlapping: words.iter().map(|w| overlaps_itself(w)).collect(),
        }
    }

    /// Whether `pred(start, end)` holds for an occurrence of a word in `hay`.
    pub(crate) fn any(&self, hay: &str, mut pred: impl FnMut(usize, usize) -> bool) -> bool {
        self.find(hay, |i, end| pred(i, end).then_some(()))
            .is_some()
    }

    /// The occurrences of the words in `hay` as (start, end) handed to `f`
    /// until it returns something: with the automaton in order of end, else
    /// word by word.
    pub(crate) fn find<T>(
        &self,
        hay: &str,
        mut f: impl FnMut(usize, usize) -> Option<T>,
    ) -> Option<T> {
        let (Some(ac), Some(any)) = (&self.automaton, &self.any) else {
            return self.words.iter().find_map(|w| {
                hay.match_indices(w.as_str())
                    .find_map(|(i, m)| f(i, i + m.len()))
            });
        };
        // Most text holds none of the words: a plain search, stopping at the first
        // occurrence, says so for less than the overlapping one.
        if !any.is_match(hay) {
            return None;
        }
        // The end of the last occurrence taken of each self-overlapping word.
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for m in ac.find_overlapping_iter(hay) {
            let p = m.pattern().as_usize();
            if self.overlapping[p] {
                match taken.iter_mut().find(|t| t.0 == p) {
                    Some(t) if m.start() < t.1 => continue,
                    Some(t) => t.1 = m.end(),
                    None => taken.push((p, m.end())),
                }
            }
            if let Some(x) = f(m.start(), m.end()) {
                return Some(x);
            }
        }
        None
    }
}

/// Whether `word` overlaps itself (a proper prefix that is also a suffix).
pub(crate) fn overlaps_itself(word: &str) -> bool {
    (1..word.len()).any(|k| word.is_char_boundary(k) && word.ends_with(&word[..k]))
}

fn comparison_markers() -> &'static WordSet {
    static SET: OnceLock<WordSet> = OnceLock::new();
    SET.get_or_init(|| WordSet::new(COMPARISON_MARKERS))
}

const SPEECH_VERBS: &[&str] = &[
    "表示",
    "认为",
    "指出",
    "透露",
    "坦言",
    "称",
    "说",
    "said",
    "says",
    "told",
    "believes",
    "believe",
    "thinks",
    "think",
    "estimates",
    "estimated",
    "estimate",
    "say",
    "expects",
    "expect",
    "predicts",
    "predict",
];

fn speech_verbs() -> &'static WordSet {
    static SET: OnceLock<WordSet> = OnceLock::new();
    SET.get_or_init(|| WordSet::new(SPEECH_VERBS))
}

/// What the subject search asks of one sentence for each of its figures, found
/// once for them all.
#[derive(Default)]
pub struct SentenceCache {
    /// `is_attribution` of each clause, as it is first asked.
    attributions: std::cell::OnceCell<Vec<std::cell::Cell<Option<bool>>>>,
}

impl SentenceCache {
    /// Whether clause `c` of `view` only says who said something ([`is_attribution`]).
    pub fn is_attribution(&self, text: &str, view: &SentenceView, c: usize) -> bool {
        let known = self
            .attributions
            .get_or_init(|| vec![std::cell::Cell::new(None); view.clause_count()]);
        let Some(cell) = known.get(c) else {
            return is_attribution(&text[listed_run(text, view, c)]);
        };
        if let Some(answer) = cell.get() {
            return answer;
        }
        let answer = is_attribution(&text[listed_run(text, view, c)]);
        cell.set(Some(answer));
        answer
    }
}

/// Clause `c` of `view` with the clauses a `、` joins to it: `、` ends a clause, but
/// `陆行之在脸书、Substack与X等平台指出` is one attribution, and its first part,
/// which names a platform, is no more a topic than its last.
fn listed_run(text: &str, view: &SentenceView, c: usize) -> Range<usize> {
    let (first, last) = listed_clauses(text, view, c);
    view.clause(first).start..view.clause(last).end
}

/// The first and last clause of [`listed_run`].
fn listed_clauses(text: &str, view: &SentenceView, c: usize) -> (usize, usize) {
    // A list of a few dozen items at most: a sentence of thousands of 、 must not
    // cost each clause a walk over all of them.
    const MOST: usize = 16;
    let joined = |i: usize| text[..view.clause(i).end].ends_with('、');
    let mut first = c;
    while first > 0 && c - first < MOST && joined(first - 1) {
        first -= 1;
    }
    let mut last = c;
    while last + 1 < view.clause_count() && last - c < MOST && joined(last) {
        last += 1;
    }
    (first, last)
}

/// Whether the name at `start..end` is an investor in a round (`led by Alibaba`,
/// `由阿里领投`, `红杉跟投`, `Microsoft-backed`): the money goes to another name, which
/// is what the figures are about.
fn is_investor(text: &str, start: usize, end: usize) -> bool {
    const BEFORE: [&str; 8] = [
        "led by",
        "co-led by",
        "backed by",
        "investors including",
        "investors such as",
        "participation from",
        "joined by",
        "funded by",
    ];
    const AFTER: [&str; 10] = [
        "-led",
        "-backed",
        " led the",
        "领投",
        "跟投",
        "参投",
        "牵头",
        "等投资",
        "等机构",
        "等跟投",
    ];
    let head = text[..start].trim_end();
    let tail = &text[end..];
    // `investors including Microsoft and Nvidia`: the names of the list after the
    // marker are all investors.
    let head = listed_before(head);
    BEFORE.iter().any(|w| {
        head.len() >= w.len()
            && head.is_char_boundary(head.len() - w.len())
            && head[head.len() - w.len()..].eq_ignore_ascii_case(w)
    }) || AFTER.iter().any(|w| tail.starts_with(w))
        || head.ends_with('由') && {
            // `由阿里巴巴领投`: the verb within a few characters, not anywhere in the
            // rest of the document.
            let near = &tail[..super::date::floor_char_boundary(tail, 18)];
            [
                "领投", "領投", "牵头", "投资", "參與", "参与", "参投", "參投", "跟投",
            ]
            .iter()
            .any(|w| near.contains(w))
        }
}

/// An investing verb after an investor (see `DocEntities::investee`).
#[derive(Clone, Copy)]
struct Investing {
    /// A verb of taking part in a round (`领投`, `led`), whose figures are the round's.
    round: bool,
    /// Where the verb starts.
    verb: usize,
}

impl Investing {
    /// Whether the figure at `at` of `clause` is the investor's own money
    /// (`Amazon invested $4 billion in Anthropic`, `腾讯投资智谱5亿元`): after a verb
    /// of investing, in a clause that gives no valuation.
    fn contribution(self, at: usize, clause: &str) -> bool {
        !self.round
            && at > self.verb
            && !["估值", "valuation", "valued", "valuing"]
                .iter()
                .any(|w| clause.contains(w))
    }
}

/// Words for a company that a description of one ends on (`内地AI企业商汤`,
/// `Chinese AI company DeepSeek`).
const ORG_NOUNS: [&str; 16] = [
    "企业",
    "企業",
    "公司",
    "集团",
    "集團",
    "巨头",
    "巨頭",
    "厂商",
    "廠商",
    "独角兽",
    "獨角獸",
    "company",
    "firm",
    "startup",
    "group",
    "giant",
];

/// Whether the text after a name the gazetteer lacks makes it someone speaking
/// of something else (`Carlsson noted the $3.5 billion investment…`): a verb of
/// saying with no `it`, `its`, `we` or `our` after it (`Inflection said it raised…`
/// speaks of itself).
fn speaks_of_another(after: &str) -> bool {
    const VERBS: [&str; 12] = [
        "said",
        "says",
        "noted",
        "notes",
        "told",
        "added",
        "argued",
        "wrote",
        "explained",
        "observed",
        "pointed",
        "warned",
    ];
    let mut words = after.split_whitespace();
    let Some(verb) = words.next() else {
        return false;
    };
    VERBS.contains(&verb.trim_end_matches(',')) && {
        let rest: Vec<&str> = words
            .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphabetic()))
            .collect();
        !rest
            .iter()
            .any(|w| ["it", "its", "we", "our", "It", "Its", "We", "Our"].contains(w))
    }
}

/// Whether a sentence (up to its first name) opens on a pronoun for something named
/// before: `它的背后…`, `其投资方…`, `该公司…`, `Its backers…`.
fn opens_on_pronoun(head: &str) -> bool {
    let head = head.trim_start();
    // (`其中`, `其他`, `其实`… open on a word of their own; `It is…` is often no pronoun.)
    const OPENERS: [&str; 10] = [
        "它",
        "其",
        "该公司",
        "該公司",
        "这家公司",
        "這家公司",
        "Its ",
        "The company",
        "The startup",
        "Their ",
    ];
    const NOT_PRONOUNS: [&str; 8] = [
        "其中", "其他", "其它", "其余", "其餘", "其实", "其實", "其次",
    ];
    OPENERS.iter().any(|w| head.starts_with(w)) && !NOT_PRONOUNS.iter().any(|w| head.starts_with(w))
}

/// Whether a place names no topic but what is acted on or a cause (`因美国政府…`,
/// `对中国出口`, `被美国列入`): a preposition right before it.
fn region_as_object(text: &str, entities: &[Entity], h: &AliasHit) -> bool {
    if entities[h.entity].entity_type != EntityType::Region {
        return false;
    }
    // `占全国34.6%`, `占全球的80%`: the whole a share is of, not whose share it is.
    const BEFORE: [&str; 19] = [
        "因", "由于", "由於", "因为", "因為", "受", "被", "对", "對", "向", "从", "從", "位于",
        "位於", "于", "於", "占", "佔", "占据",
    ];
    let head = text[..h.start].trim_end();
    // `北京市人工智能产业投资基金的2亿投资`: a fund named after the place invests.
    let name: String = text[h.end..]
        .chars()
        .take_while(|c| !matches!(c, ',' | ';' | ':' | '。' | '、' | '的' | '和' | ' '))
        .take(16)
        .collect();
    BEFORE.iter().any(|w| head.ends_with(w))
        || ["基金", "资本", "資本"].iter().any(|w| name.ends_with(w))
}

/// Whether `head` (a clause up to its figure) speaks of several companies together:
/// `“六小龙”们`, `巨头们`, `多家公司`, `these companies`, `AI startups`.
fn is_collective(head: &str) -> bool {
    const PLURAL_ZH: [&str; 12] = [
        "小龙",
        "小虎",
        "公司",
        "企业",
        "企業",
        "厂商",
        "廠商",
        "玩家",
        "巨头",
        "巨頭",
        "大厂",
        "独角兽",
    ];
    // `们` after a quoted group or a plural of companies.
    for (i, _) in head.match_indices(['们', '們']) {
        let before = head[..i].trim_end_matches(['”', '"', '」', '』', '’']);
        if before.len() < head[..i].len() || PLURAL_ZH.iter().any(|w| before.ends_with(w)) {
            return true;
        }
    }
    // `多家公司`, `这些企业`, `三家公司`.
    const COUNTED: [&str; 6] = ["些", "多家", "几家", "幾家", "各家", "数家"];
    // Each word holds 些 or 家: a head with neither (most) is spared a substring
    // search per word (every figure's subject asks).
    if head.contains(['些', '家'])
        && COUNTED.iter().any(|c| {
            head.match_indices(c).any(|(i, _)| {
                let after = &head[i + c.len()..];
                let after = after.strip_prefix('家').unwrap_or(after);
                PLURAL_ZH[1..].iter().any(|w| after.starts_with(w))
            })
        })
    {
        return true;
    }
    // `前5城`, `其余39城`, `三大城市群`, `两家公司`: a number of places or companies.
    if counted_group(head) {
        return true;
    }
    // English: a plural of companies among the clause's first words, before any
    // preposition (`revenue from enterprise companies` is one company's).
    const PLURAL_EN: [&str; 7] = [
        "companies",
        "startups",
        "start-ups",
        "firms",
        "labs",
        "hyperscalers",
        "giants",
    ];
    const PREPOSITIONS: [&str; 9] = ["of", "from", "to", "for", "with", "by", "in", "on", "at"];
    // A head with no Latin letter (most Chinese ones) holds none of these words:
    // it is spared trimming its one long `word` a character at a time.
    if !head.bytes().any(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    for word in head.split_whitespace().take(8) {
        let w = word.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '-');
        if PREPOSITIONS.contains(&w) {
            return false;
        }
        if PLURAL_EN.iter().any(|p| w.eq_ignore_ascii_case(p)) {
            return true;
        }
    }
    false
}

/// Whether `head` counts places or companies taken together: a number (not an
/// ordinal, `第三大城市`) right before a word for cities, provinces, regions or
/// companies, with at most a measure word between (`前5城`, `其余39城`, `三大城市群`).
fn counted_group(head: &str) -> bool {
    const GROUPS: [&str; 9] = [
        "城", "省", "地区", "区域", "公司", "企业", "企業", "厂商", "廠商",
    ];
    // (A `match`, not `str::contains`: asked of every character of every head.)
    let numeral = |c: char| {
        matches!(
            c,
            '0'..='9'
                | '一'
                | '二'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '两'
                | '兩'
                | '百'
                | '几'
                | '幾'
                | '数'
                | '數'
        )
    };
    // One pass, no list of the characters: asked of every figure's clause head.
    let mut chars = head.char_indices().peekable();
    // The character before the next run of numerals.
    let mut before: Option<char> = None;
    while let Some((_, c)) = chars.next() {
        if !numeral(c) {
            before = Some(c);
            continue;
        }
        while chars.next_if(|&(_, n)| numeral(n)).is_some() {}
        let ordinal = before == Some('第');
        let next = chars.peek().copied();
        let mut at = next.map_or(head.len(), |(i, _)| i);
        // A measure word, or 大 of `三大`.
        if let Some((_, m)) = next
            && "个個家座大".contains(m)
        {
            at += m.len_utf8();
        }
        let rest = &head[at..];
        if !ordinal && GROUPS.iter().any(|g| rest.starts_with(g)) {
            return true;
        }
    }
    false
}

/// Whether the text after a name glues it to a participle (`Beijing-based`,
/// `Alibaba-owned`, `Nvidia-made`, `GPT-like`): the name then describes the noun
/// that follows, which is what the sentence is about.
fn is_compound_modifier(tail: &str) -> bool {
    let Some(rest) = tail.strip_prefix('-') else {
        return false;
    };
    let end = rest
        .find(|c: char| !c.is_ascii_lowercase())
        .unwrap_or(rest.len());
    let word = &rest[..end];
    // (`-turbo`, `-max`, `-coder` go on as a model's name.)
    word.len() > 3 && word.ends_with("ed")
        || ["made", "built", "born", "like", "style", "run"].contains(&word)
}

/// Whether the text after a name makes it the class of what follows (`GPT-4级主力
/// 模型Qwen-Long`, `GPT-4级别的模型`): a model of that level, not that model.
fn names_a_class(tail: &str) -> bool {
    tail.starts_with(['级', '級'])
}

/// `head` without an English list of capitalised names it ends with (`investors
/// including Microsoft and`, `led by Sequoia, Tencent and`): what comes before the
/// list's first name, so a name later in a list stands where its first does.
fn listed_before(head: &str) -> &str {
    fn joiner(t: &str) -> Option<&str> {
        let t = t.trim_end();
        t.strip_suffix(" and").or_else(|| t.strip_suffix(','))
    }
    let Some(mut rest) = joiner(head) else {
        return head;
    };
    loop {
        // The name before the joiner: a run of capitalised words (`Spark Capital`);
        // a word ending a sentence (`Alibaba.`) is no part of it.
        let mut named = false;
        loop {
            let t = rest.trim_end();
            let start = t.rfind(char::is_whitespace).map_or(0, |i| i + 1);
            let word = &t[start..];
            if !word.starts_with(|c: char| c.is_ascii_uppercase()) || word.ends_with('.') {
                break;
            }
            named = true;
            rest = &t[..start];
            if start == 0 {
                break;
            }
        }
        if !named {
            return head;
        }
        match joiner(rest) {
            Some(r) => rest = r,
            None => return rest.trim_end(),
        }
    }
}

/// Whether `text` holds a pronoun that points back to something named before.
pub(crate) fn refers_back(text: &str) -> bool {
    match crate::text::Avx2::detect() {
        Some(avx2) => avx2.run(|| pronoun_in(text, |b, from| avx2.find(&PRONOUN_BYTES, b, from))),
        None => pronoun_in(text, |b, from| {
            b[from..]
                .iter()
                .position(|&c| PRONOUN_BYTES.contains(c))
                .map_or(b.len(), |p| from + p)
        }),
    }
}

/// A byte of every pronoun: `t` or `h` in either case (it, its, which, they,
/// their), the last byte of 其 and 它, and of 该 (该公司, 该产品, 该模型).
/// Where none is, no pronoun is: every figure's clause asks, and most
/// bytes are passed over by the vectorised search.
const PRONOUN_BYTES: crate::text::ByteSet<7, 0> =
    crate::text::ByteSet::new([b't', b'T', b'h', b'H', 0xB6, 0x83, 0xA5], []);

/// [`refers_back`], stopping only where `next(bytes, from)` (the next byte
/// of `PRONOUN_BYTES` at or after `from`, or the length) says.
#[inline(always)]
fn pronoun_in(text: &str, next: impl Fn(&[u8], usize) -> usize) -> bool {
    const ENGLISH: [&str; 5] = ["it", "its", "which", "they", "their"];
    const ENDINGS: [&str; 3] = ["该公司", "该产品", "该模型"];
    let bytes = text.as_bytes();
    let letter = |c: &u8| c.is_ascii_alphabetic();
    let mut from = 0;
    loop {
        let i = next(bytes, from);
        if i >= bytes.len() {
            return false;
        }
        if bytes[i].is_ascii() {
            // A word: the run of ASCII letters around the stop.
            let start = bytes[..i]
                .iter()
                .rposition(|c| !letter(c))
                .map_or(0, |p| p + 1);
            let end = bytes[i..]
                .iter()
                .position(|c| !letter(c))
                .map_or(bytes.len(), |p| i + p);
            let word = &bytes[start..end];
            if ENGLISH
                .iter()
                .any(|p| word.eq_ignore_ascii_case(p.as_bytes()))
            {
                return true;
            }
            from = end;
            continue;
        }
        // The last byte of a character (其, 它, 该) when the two before start
        // it; a lead byte two back makes those three bytes one character.
        if i >= 2 {
            let char3 = &bytes[i - 2..=i];
            if char3 == "其".as_bytes() || char3 == "它".as_bytes() {
                return true;
            }
            if char3 == "该".as_bytes()
                && ENDINGS
                    .iter()
                    .any(|p| bytes[i - 2..].starts_with(p.as_bytes()))
            {
                return true;
            }
        }
        from = i + 1;
    }
}

/// Whether a clause only says who said something (`据媒体报道,` `科大讯飞称,`).
fn is_attribution(clause: &str) -> bool {
    let c = clause.trim().trim_end_matches([',', ';', ':', ' ']);
    const OPENERS: &[&str] = &["据", "根据", "按照", "来自", "According to", "according to"];
    const CLOSERS: &[&str] = &[
        "表示", "称", "说", "认为", "指出", "透露", "报道", "显示", "介绍", "预计", "估计", "估算",
        "分析", "写道", "提到", "坦言", "记者", "消息", "披露", "公布", "公告", "said", "says",
        "reported", "reports", "told",
    ];
    // Each word with its first (openers) or last (closers) character: most
    // clauses share it with no word, and comparing it first spares a byte
    // comparison per word (every figure's clauses ask).
    type Edged = Vec<(char, &'static str)>;
    static EDGES: OnceLock<(Edged, Edged)> = OnceLock::new();
    let (openers, closers) = EDGES.get_or_init(|| {
        let edged = |words: &[&'static str], edge: fn(&str) -> Option<char>| -> Edged {
            words
                .iter()
                .map(|w| (edge(w).unwrap_or_default(), *w))
                .collect()
        };
        (
            edged(OPENERS, |w| w.chars().next()),
            edged(CLOSERS, |w| w.chars().next_back()),
        )
    });
    let (Some(first), Some(last)) = (c.chars().next(), c.chars().next_back()) else {
        return false;
    };
    openers.iter().any(|&(f, w)| f == first && c.starts_with(w))
        || closers.iter().any(|&(l, w)| l == last && c.ends_with(w))
}

/// The end of the last verb of saying in `clause` (a byte offset into it).
fn speech_verb_end(clause: &str) -> Option<usize> {
    // Every occurrence rather than `rmatch_indices`' non-overlapping ones: only
    // Latin verbs overlap themselves (`says`, a test checks), and two
    // overlapping occurrences of one have a letter beside them, so neither counts.
    let mut last: Option<usize> = None;
    speech_verbs().find(clause, |i, end| {
        // Latin verbs as words only.
        let stands = clause.as_bytes()[i] >= 0x80
            || (!clause[..i].ends_with(|c: char| c.is_ascii_alphanumeric())
                && !clause[end..].starts_with(|c: char| c.is_ascii_alphanumeric()));
        if stands {
            last = last.max(Some(end));
        }
        None::<()>
    });
    last
}

/// Whether `head` (a clause up to its figure) opens on a description of a company
/// named before: `The company`, `the startup`, `该公司`, `这家公司`.
fn names_earlier_company(head: &str) -> bool {
    let head = head.trim_start();
    const CHINESE: [&str; 6] = [
        "该公司",
        "这家公司",
        "该企业",
        "这家企业",
        "该集团",
        "这家初创",
    ];
    // Anywhere before the figure: `Shares of the software company rose 9%`,
    // `去年该公司营收…` speak of it as much as a clause opening on it.
    // (Each Chinese word holds 该 or 这, each English one an `h`: most heads hold
    // neither and are spared a substring search per word.)
    if head.contains(['该', '这']) && CHINESE.iter().any(|w| head.contains(w)) {
        return true;
    }
    if memchr::memchr(b'h', head.as_bytes()).is_none() {
        return false;
    }
    head.match_indices("the ")
        .chain(head.match_indices("The "))
        .filter(|&(i, _)| head[..i].is_empty() || head[..i].ends_with(' '))
        .any(|(i, _)| describes_company(&head[i + 4..]))
}

/// Whether `rest` (the words after `the`) is a word for a company, after at most
/// two words describing it (`software company`, `Redmond-based company`),
/// never after a name (`the Microsoft unit`).
fn describes_company(rest: &str) -> bool {
    const ENGLISH: [&str; 9] = [
        "company",
        "firm",
        "startup",
        "start-up",
        "group",
        "chipmaker",
        "lab",
        "developer",
        "maker",
    ];
    let mut rest = rest;
    for _ in 0..3 {
        if ENGLISH.iter().any(|w| {
            rest.starts_with(w) && !rest[w.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
        }) {
            return true;
        }
        // A describing word: lower case, or an acronym (`AI`), never a name
        // (`the Microsoft unit` is not `the company`).
        let word = rest.split(' ').next().unwrap_or("");
        let describing = !word.is_empty()
            && (word.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                || word.len() <= 3 && word.chars().all(|c| c.is_ascii_uppercase())
                // `Redmond-based`, `Microsoft-backed`: a compound describing it.
                || word.rsplit_once('-').is_some_and(|(_, p)| {
                    !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase())
                }));
        if !describing {
            return false;
        }
        rest = rest[word.len()..].trim_start_matches(' ');
    }
    false
}

/// Whether `rest` (the text after a name) starts with a possessive: 的, 之, 's.
fn possessive(rest: &str) -> bool {
    let rest = rest.trim_start();
    let Some(owned) = ["的", "之", "'s ", "’s "]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
    else {
        return false;
    };
    // `约为A100的80%`, `Nvidia's 2 times`: a share or multiple of the name, which is
    // the base the figure is measured against, not a noun it owns. A figure with a
    // noun after it is owned (`OpenAI的1000亿美元估值`, `百度的2亿用户`).
    let owned = owned
        .trim_start()
        .trim_start_matches(|c: char| "约近逾超仅只大".contains(c));
    let figure = owned
        .find(|c: char| {
            !(c.is_ascii_digit()
                || ".,".contains(c)
                || "一二三四五六七八九十百千万亿两半数几零".contains(c))
        })
        .unwrap_or(owned.len());
    if figure == 0 {
        return true;
    }
    let after = owned[figure..].trim_start();
    !(after.starts_with(['%', '％', '倍', '成'])
        || after.starts_with("分之")
        || after.starts_with("percent")
        || after.starts_with("times")
        || after.starts_with('x'))
}

/// The entity a mention of `e` makes the subject: people stand for their
/// organisation (王慧文 for 光年之外) or, with none, are speakers rather than
/// subjects; news outlets are sources, never subjects.
fn as_subject(entities: &[Entity], e: usize) -> Option<usize> {
    match entities[e].entity_type {
        EntityType::Person => entities[e].parent,
        EntityType::Media => None,
        _ => Some(e),
    }
}

fn entity_subject(entities: &[Entity], e: usize) -> Subject {
    Subject::of(entities, e, SubjectSource::Entity)
}

/// The subject entity `e` names (its organisation for a person), if it can be one.
pub fn listed_subject(entities: &[Entity], e: usize) -> Option<Subject> {
    as_subject(entities, e).map(|e| entity_subject(entities, e))
}

/// Capitalised words that start sentences or abbreviate common nouns (finance and
/// compute terms and units: OPEX, GMV, AIDC, TFLOPS), not names.
const NOT_NAMES: &[&str] = &[
    "A",
    "AGI",
    "AI",
    "AIDC",
    "AIGC",
    "API",
    "APIs",
    "ARPU",
    "ARR",
    "About",
    "According",
    "After",
    "Again",
    "All",
    "Almost",
    "Already",
    "Also",
    "Although",
    "An",
    "And",
    "Another",
    "April",
    "Around",
    "As",
    "At",
    "August",
    "Because",
    "Both",
    "But",
    "By",
    "CAPEX",
    "CEO",
    "CFO",
    "CPU",
    "CTO",
    "Capex",
    "DAU",
    "December",
    "Despite",
    "Dozens",
    "During",
    "EBITDA",
    "EFLOPS",
    "EPS",
    "Each",
    "Eight",
    "Even",
    "Every",
    "FLOPS",
    "FLOPs",
    "February",
    "Five",
    "For",
    "Four",
    "Friday",
    "From",
    "GMV",
    "GPU",
    "GPUs",
    "He",
    "Here",
    "However",
    "I",
    "IPO",
    "If",
    "In",
    "It",
    "Its",
    "January",
    "July",
    "June",
    "KTok",
    "LLM",
    "LLMs",
    "Last",
    "MAU",
    "MTok",
    "Many",
    "March",
    "May",
    "Meanwhile",
    "MoE",
    "Monday",
    "Most",
    "Mr",
    "Ms",
    "Nearly",
    "Nine",
    "November",
    "Now",
    "OPEX",
    "October",
    "On",
    "One",
    "Only",
    "Opex",
    "Other",
    "Over",
    "PC",
    "PFLOPS",
    "Petaflops",
    "QoQ",
    "ROE",
    "ROI",
    "September",
    "Seven",
    "She",
    "Since",
    "Six",
    "So",
    "Some",
    "Still",
    "Such",
    "TFLOPS",
    "TFLOPs",
    "TPU",
    "Ten",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Three",
    "Thursday",
    "Thus",
    "To",
    "Today",
    "Token",
    "Tokens",
    "Tuesday",
    "Two",
    "US",
    "USD",
    "Under",
    "Until",
    "We",
    "Wednesday",
    "What",
    "When",
    "Whether",
    "Which",
    "While",
    "With",
    "Yesterday",
    "Yet",
    "YoY",
    "exaFLOPS",
];

/// The first run of capitalised Latin words in `text` that is not a sentence
/// opener or a common abbreviation, with its byte offset.
fn latin_name(text: &str, named_inside: &dyn Fn(&str) -> bool) -> Option<(usize, String)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_uppercase() || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        // A run of words that start with a capital or a digit, joined by spaces,
        // hyphens, dots or `&`.
        let start = i;
        let mut end = i;
        let mut words: Vec<&str> = Vec::new();
        let mut j = i;
        loop {
            let w0 = j;
            while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'.') {
                j += 1;
            }
            let word = text[w0..j].trim_end_matches('.');
            if word.is_empty() {
                break;
            }
            words.push(word);
            end = w0 + word.len();
            let sep = j;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'-' | b'&') {
                j += 1;
            }
            if j == sep
                || j >= bytes.len()
                || !(bytes[j].is_ascii_uppercase() || bytes[j].is_ascii_digit())
            {
                break;
            }
        }
        while words.first().is_some_and(|w| NOT_NAMES.contains(w)) {
            words.remove(0);
        }
        // `Investors put in…`, `Analysts estimate…`, `Running…`: one capitalised
        // word opening the clause, shaped like a plural, a gerund, a participle
        // or an adverb, is a common word, not a name.
        let opening_common_word = words.len() == 1 && text[..start].trim().is_empty() && {
            let w = words[0];
            w[1..].chars().all(|c| c.is_ascii_lowercase())
                && ["s", "ing", "ed", "ly"].iter().any(|e| w.ends_with(e))
        };
        // `Next big step…`: one capitalised word opening the clause, a lower-case
        // word after it, is a name only where the document writes it so inside a
        // sentence too.
        let opener = words.len() == 1
            && text[..start].trim().is_empty()
            && words[0][1..].chars().all(|c| c.is_ascii_lowercase())
            && text[end..]
                .strip_prefix(' ')
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_lowercase()))
            && !named_inside(words[0]);
        // `The 405B parameter version`: a figure with its magnitude is no name.
        let figure = words.iter().all(|w| {
            w.starts_with(|c: char| c.is_ascii_digit())
                && w.chars().filter(char::is_ascii_alphabetic).count() <= 1
        });
        // `Duration=4.8e25/…`: a word a formula assigns to is a variable.
        let assigned = text[end..].trim_start().starts_with('=');
        if !words.is_empty() && !opening_common_word && !opener && !figure && !assigned {
            let first = words[0];
            let from = start + text[start..end].find(first).unwrap_or(0);
            let name = text[from..end].to_string();
            if name.chars().any(|c| c.is_ascii_lowercase()) || name.len() >= 3 {
                return Some((from, name));
            }
        }
        i = end.max(i + 1);
    }
    None
}

/// Words that end an organisation's name.
pub(super) const ORG_SUFFIXES: &[&str] = &[
    "公司",
    "集团",
    "科技",
    "智能",
    "研究院",
    "研究所",
    "实验室",
    "大学",
    "资本",
    "基金",
    "银行",
    "证券",
    "控股",
    "网络",
    "信息",
    "技术",
];

/// Words that make an organisation word generic (`该公司`, `一家公司`).
const DETERMINERS: &[&str] = &[
    "该", "这家", "那家", "一家", "某", "其", "本", "此", "各", "多家", "这", "两家", "几家",
];

/// The first organisation or proper noun jieba tags in `text`, with its offset.
fn cjk_name(text: &str) -> Option<(usize, String)> {
    if !text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)) {
        return None;
    }
    // A name is a word tagged `nt` or `nz` (two characters or more: with no HMM,
    // only dictionary words are) or ends at an organisation word: with none of
    // those words in the text, tagging it finds none.
    if let Some(names) = &dictionary().1
        && !names.occur_in(text)
    {
        return None;
    }
    tagged_name(text)
}

/// [`cjk_name`] by jieba's tags.
fn tagged_name(text: &str) -> Option<(usize, String)> {
    let tags = jieba().tag(text, false);
    let mut run_start: Option<usize> = None;
    for (i, t) in tags.iter().enumerate() {
        let chars = t.word.chars().count();
        if matches!(t.tag, "nt" | "nz") && chars >= 2 && !DETERMINERS.contains(&t.word) {
            return Some((t.byte_start, t.word.to_string()));
        }
        let nounish = matches!(t.tag, "n" | "ns" | "nt" | "nz" | "nrt" | "eng" | "vn");
        if ORG_SUFFIXES.contains(&t.word) {
            if let Some(s) = run_start {
                let prefix = &tags[s..i];
                // `科技公司`, `芯片公司`: common words only make a description, not a name.
                let nounish_all = prefix
                    .iter()
                    .all(|p| matches!(p.tag, "n" | "nz" | "nt" | "ns" | "nrt" | "eng"));
                let named = nounish_all
                    && prefix
                        .iter()
                        .any(|p| matches!(p.tag, "nz" | "nt" | "eng") || !jieba().has_word(p.word));
                if named && !prefix.iter().any(|p| DETERMINERS.contains(&p.word)) {
                    let from = tags[s].byte_start;
                    return Some((from, text[from..t.byte_end].to_string()));
                }
            }
            run_start = None;
            continue;
        }
        if nounish {
            run_start = run_start.or(Some(i));
        } else {
            run_start = None;
        }
    }
    None
}

/// The subject of a claim of pattern `rule` whose figure starts at byte `at`:
/// the rule's template with `{entity}` and `{aspect}` (the pattern's `aspect`
/// group) filled in. A rule that lists `entities` takes the nearest of those
/// the sentence names (before the figure first, then after it, then earlier in
/// the paragraph), else its `default_entity`, else — with `require_entity` — no
/// claim; a rule that lists none takes the subject found for any figure.
pub fn subject_for(
    rule: &Rule,
    entities: &[Entity],
    doc: &DocEntities,
    view: &SentenceView,
    at: usize,
    aspect: Option<&str>,
    counted: &[EntityType],
) -> Option<String> {
    let sentence = view.range.clone();
    let mut subject = fill(&rule.subject, "{aspect}", aspect.unwrap_or("").trim());
    if slots(&subject, "{entity}").next().is_some() {
        let key = if rule.entities.is_empty() {
            doc.subject(entities, view, at, counted).key
        } else {
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
            match entity {
                Some(e) => e.key.clone(),
                None if rule.require_entity => return None,
                None => rule.default_entity.clone().unwrap_or_default(),
            }
        };
        subject = fill(&subject, "{entity}", &key);
    }
    // Its words joined by single spaces.
    let mut joined = String::with_capacity(subject.len());
    for word in subject.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    Some(joined)
}

/// `template` with `with` for each `slot` (`{entity}`), as `str::replace` puts
/// it, found from brace to brace: a substring search's set-up costs more than
/// most templates are long.
fn fill(template: &str, slot: &str, with: &str) -> String {
    let mut filled = String::with_capacity(template.len() + with.len());
    let mut from = 0;
    for at in slots(template, slot) {
        filled.push_str(&template[from..at]);
        filled.push_str(with);
        from = at + slot.len();
    }
    filled.push_str(&template[from..]);
    filled
}

/// Where `slot` (a `{` and a name without braces) occurs in `text`: at braces,
/// none overlapping another.
fn slots<'t>(text: &'t str, slot: &'t str) -> impl Iterator<Item = usize> + 't {
    debug_assert!(slot.starts_with('{') && !slot[1..].contains('{'));
    text.match_indices('{')
        .map(|(i, _)| i)
        .filter(move |&i| text[i..].starts_with(slot))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_openers_and_figures_are_no_latin_names() {
        let never = |_: &str| false;
        let name = |t: &str, inside: &dyn Fn(&str) -> bool| latin_name(t, inside).map(|n| n.1);
        // One capitalised word opening the clause, a lower-case word after it.
        assert_eq!(
            name("Next big step would be 300k B200s", &never),
            Some("B200s".into())
        );
        assert_eq!(
            name(
                "Venture capital firm Andreesen Horowitz bought 20,000",
                &never
            ),
            Some("Andreesen Horowitz".into())
        );
        // Unless the document writes it so inside a sentence too.
        assert_eq!(
            name("Zhipu raised $1 billion", &|w: &str| w == "Zhipu"),
            Some("Zhipu".into())
        );
        // A figure with its magnitude letter is no name.
        assert_eq!(name("The 405B parameter version", &never), None);
        assert_eq!(
            name("It uses Llama 3 weights", &never),
            Some("Llama 3".into())
        );
    }

    #[test]
    fn counted_groups_and_companies_described() {
        assert!(counted_group("其余39城仅"));
        assert!(counted_group("前10城占比"));
        assert!(counted_group("三大城市群占总量"));
        assert!(counted_group("两家公司合计"));
        // An ordinal, or a figure of something else, is no group.
        assert!(!counted_group("中国第三大城市"));
        assert!(!counted_group("营收增长了30%"));
        assert!(is_collective("其余39城仅124款"));
        assert!(names_earlier_company(
            "Shares of the software company rose "
        ));
        assert!(names_earlier_company(
            "Shares of the Redmond-based company rose "
        ));
        assert!(names_earlier_company("去年该公司营收"));
        assert!(!names_earlier_company("Shares of the Microsoft unit rose "));
        assert!(!names_earlier_company("Theory says "));
        assert!(names_a_class("级主力模型"));
        assert!(!names_a_class("的训练成本"));
    }

    #[test]
    fn pronoun_openers_and_collectives() {
        assert!(opens_on_pronoun("它的背后站着"));
        assert!(opens_on_pronoun(" Its backers include "));
        assert!(!opens_on_pronoun("其中百度的"));
        assert!(!opens_on_pronoun("It is estimated that "));
        assert!(is_collective("“六小龙”们2023年合计拿下"));
        assert!(is_collective("这些企业去年共投入"));
        assert!(is_collective("U.S.-based AI companies have raised "));
        assert!(!is_collective("Revenue from enterprise companies reached "));
        assert!(!is_collective("员工们平均月薪"));
    }

    #[test]
    fn the_dictionary_loads_as_with_dict_loads_it() {
        let (ours, _) = load_dictionary(DICTIONARY).expect("the bundled lines are well formed");
        let theirs = Jieba::with_dict(&mut DICTIONARY.as_bytes()).unwrap();
        let text =
            "中国科学技术信息研究所所长赵志耕表示，国内大模型已有238个；英伟达H800 GPU研发大模型";
        let tags = |j: &Jieba| -> Vec<(String, String)> {
            j.tag(text, false)
                .into_iter()
                .map(|t| (t.word.to_string(), t.tag.to_string()))
                .collect()
        };
        assert_eq!(tags(&ours), tags(&theirs));
        assert_eq!(ours.suggest_freq("大模型"), theirs.suggest_freq("大模型"));
        assert!(load_dictionary("一 12\n").is_none());
        assert!(load_dictionary("一 x m\n").is_none());
    }

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
    fn searched_words_do_not_overlap_themselves() {
        // A Latin word that overlaps itself (`says`) has a letter on both sides of
        // two overlapping occurrences, so neither stands as a word: what
        // `speech_verb_end` takes from all occurrences is what `rmatch_indices` gives.
        for w in SPEECH_VERBS.iter().filter(|w| overlaps_itself(w)) {
            assert!(w.chars().all(|c| c.is_ascii_alphanumeric()), "{w}");
        }
        assert!(overlaps_itself("abab") && overlaps_itself("将将") && overlaps_itself("says"));
        assert!(!overlaps_itself("将会") && !overlaps_itself("than"));
    }

    #[test]
    fn word_sets_give_what_match_indices_gives() {
        let words = ["abab", "ba", "on track to", "将达", "将"];
        let set = WordSet::new(&words);
        for hay in [
            "abababab",
            "xbabab",
            "on track to on track to",
            "将达将将达",
            "",
        ] {
            let mut found: Vec<(usize, usize)> = Vec::new();
            set.find(hay, |i, end| {
                found.push((i, end));
                None::<()>
            });
            found.sort_unstable();
            let mut expected: Vec<(usize, usize)> = words
                .iter()
                .flat_map(|w| hay.match_indices(w).map(|(i, m)| (i, i + m.len())))
                .collect();
            expected.sort_unstable();
            assert_eq!(found, expected, "{hay}");
        }
    }

    proptest::proptest! {
        /// The one-pass test says what the word-by-word one said.
        #[test]
        fn refers_back_as_word_by_word(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "其", "它", "该", "公司", "该公司", "产品", "模型", "it", "It", "ITS", "its",
                "which", "They", "their", "bit", "itself", "s", " ", ",", "的", "中", "x",
                "é", "1", "𠀀", "该", "该公", "司", "ü",
            ]), 0..12)
        ) {
            let text: String = parts.concat();
            const ENGLISH: [&str; 5] = ["it", "its", "which", "they", "their"];
            let expected = text.contains(['其', '它'])
                || text.contains("该公司")
                || text.contains("该产品")
                || text.contains("该模型")
                || text
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| ENGLISH.iter().any(|p| w.eq_ignore_ascii_case(p)));
            proptest::prop_assert_eq!(refers_back(&text), expected, "{:?}", text);
        }
    }

    /// The bundled articles with the bundled rules' names.
    fn bundled_names(test: impl Fn(&str, &DocEntities, &crate::rules::RuleSet)) {
        let rules = crate::rules::RuleSet::bundled().expect("bundled rules");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let mut read = 0;
        for entry in std::fs::read_dir(dir).expect("data/") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text =
                    crate::text::normalize(&std::fs::read_to_string(&path).expect("article")).text;
                test(&text, &DocEntities::new(&text, &rules.aliases), &rules);
                read += 1;
            }
        }
        assert!(read > 0);
    }

    #[test]
    fn names_in_a_range_are_a_run_of_the_paragraph() {
        // What `all_in` gave when it filtered the paragraph's names one by one.
        bundled_names(|text, doc, _| {
            let cuts: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .step_by(7)
                .collect();
            for w in cuts.windows(3) {
                let paragraph = doc.paragraph_start(w[0]);
                for range in [w[0]..w[1], w[0]..w[2], paragraph..w[2], w[1]..w[1]] {
                    let expected: Vec<AliasHit> = doc
                        .paragraph_names(paragraph)
                        .iter()
                        .filter(|h| h.start >= range.start)
                        .take_while(|h| h.start < range.end)
                        .filter(|h| h.end <= range.end)
                        .copied()
                        .collect();
                    assert_eq!(
                        &*doc.all_in(paragraph, range.clone()),
                        &expected[..],
                        "{range:?}"
                    );
                }
            }
        });
    }

    #[test]
    fn paragraph_names_start_apart_and_end_in_order() {
        bundled_names(|text, doc, _| {
            for start in std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)) {
                let names = doc.paragraph_names(start);
                for w in names.windows(2) {
                    assert!(w[0].start < w[1].start && w[0].end < w[1].end, "{w:?}");
                }
            }
        });
    }

    #[test]
    fn the_document_topic_is_the_same_asked_again() {
        // The per-thread slots it counts in are left clean for the next document.
        bundled_names(|_, doc, rules| {
            let topic = doc.document_topic(&rules.entities);
            // Asked again (the slots were left clean), the same answer.
            let again = DocEntities::new(doc.text, doc.index).document_topic(&rules.entities);
            assert_eq!(topic, again);
            if let Some(e) = topic {
                assert!(matches!(
                    rules.entities[e].entity_type,
                    EntityType::Company | EntityType::Lab | EntityType::Model | EntityType::Product
                ));
            }
        });
    }

    #[test]
    fn names_are_found_as_tagging_finds_them() {
        // Texts with and without organisation and proper-noun words.
        for text in [
            "据新华社报道",
            "莲花科技今年营收",
            "某某研究院的",
            "该公司表示",
            "国内大模型数量已经超过",
            "英伟达H800 GPU研发大模型",
            "中国科学技术信息研究所所长赵志耕表示",
            "北京大学和清华大学",
            "这家初创企业估值",
            "",
            "OpenAI",
        ] {
            assert_eq!(cjk_name(text), tagged_name(text), "{text}");
        }
        assert!(dictionary().1.is_some());
    }

    #[test]
    fn slots_are_filled_as_replace_fills_them() {
        for template in [
            "{entity}",
            "{entity} {aspect}",
            "{aspect} of {entity} and {entity}",
            "China",
            "{ {entity}} {entit",
            "{{aspect}",
            "",
        ] {
            for slot in ["{entity}", "{aspect}"] {
                for with in ["OpenAI", "", "{entity}", "中国"] {
                    assert_eq!(fill(template, slot, with), template.replace(slot, with));
                }
                assert_eq!(
                    slots(template, slot).next().is_some(),
                    template.contains(slot)
                );
            }
        }
    }

    #[test]
    fn ascii_aliases_need_ascii_boundaries() {
        let s = "GPT-3训练一次,GPT-35";
        let b = Words::new(s);
        assert!(b.is_word(0, 5));
        assert!(!b.is_word(s.rfind("GPT").unwrap(), s.rfind("GPT").unwrap() + 5));
        // A version goes on: GPT-3 is not named in GPT-3.5 or GPT-4-turbo.
        let s = "GPT-3.5比GPT-4-turbo和Nvidia-backed";
        let b = Words::new(s);
        assert!(!b.is_word(0, 5));
        let g4 = s.find("GPT-4").unwrap();
        assert!(!b.is_word(g4, g4 + 5));
        let nv = s.find("Nvidia").unwrap();
        assert!(b.is_word(nv, nv + 6));
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
