//! Every cue word of every kind in one automaton: a sentence is searched once,
//! and each hit says which kinds it speaks for and in what role.

use super::lazy::{LazyBuildError, LazyDfa, Walker};
use aho_corasick::MatchKind;
use std::collections::BTreeMap;
use std::ops::Range;

/// What a word found in a sentence means to one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Part `part` of cue `cue` (a cue `训练+成本` has two parts).
    Cue { kind: usize, cue: usize, part: u8 },
    /// A counted noun, when right after the figure.
    Noun { kind: usize },
    /// Rules the kind out when in the figure's clause.
    Not { kind: usize },
    /// One of the words of measure refinement `index`.
    Measure { kind: usize, index: usize },
    /// What money is spent on, naming `kind` as the object of an [`Role::ObjectVerb`].
    Object { kind: usize },
    /// A verb whose object, when one of `kind`'s [`Role::Object`] words, names `kind`.
    ObjectVerb { kind: usize },
}

/// One occurrence of a lexicon word in a text (byte offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexHit {
    pub start: usize,
    pub end: usize,
    /// Index of the word: `Lexicon::roles(word)`.
    pub word: usize,
}

#[derive(Debug, Clone)]
pub struct Lexicon {
    automaton: Option<LazyDfa>,
    /// The longest word, in bytes.
    longest: usize,
    words: Vec<String>,
    roles: Vec<Vec<Role>>,
}

/// Collects words and their roles before the automaton is built.
#[derive(Debug, Default)]
pub struct LexiconBuilder {
    index: BTreeMap<String, usize>,
    words: Vec<String>,
    roles: Vec<Vec<Role>>,
}

impl LexiconBuilder {
    /// Adds `word` (already normalised) in `role`.
    pub fn add(&mut self, word: &str, role: Role) {
        let i = *self.index.entry(word.to_string()).or_insert_with(|| {
            self.words.push(word.to_string());
            self.roles.push(Vec::new());
            self.words.len() - 1
        });
        if !self.roles[i].contains(&role) {
            self.roles[i].push(role);
        }
    }

    pub fn build(self) -> Result<Lexicon, LazyBuildError> {
        let automaton = if self.words.is_empty() {
            None
        } else {
            // Walked by hand in `find_starting_in`: the generic overlapping
            // iterator costs several times the few instructions a byte of
            // the walk itself. No prefilter, so the start state is not special.
            Some(LazyDfa::new(&self.words, MatchKind::Standard, true)?)
        };
        Ok(Lexicon {
            automaton,
            longest: self.words.iter().map(String::len).max().unwrap_or(0),
            words: self.words,
            roles: self.roles,
        })
    }
}

impl Lexicon {
    /// Every occurrence of every word in `text[range]`, overlapping ones
    /// included, sorted by start; Latin words only where they start a word and,
    /// when shorter than four letters, end one (`ARR` is not in `carry`; `raise`
    /// is in `raised`).
    pub fn find(&self, text: &str, range: Range<usize>) -> Vec<LexHit> {
        self.find_starting_in(text, range.clone(), &[range])
    }

    /// As [`Lexicon::find`], only the occurrences starting in one of `windows`
    /// (sorted, disjoint ranges inside `range`); words are still judged by the
    /// letters around them in all of `text[range]`.
    pub fn find_starting_in(
        &self,
        text: &str,
        range: Range<usize>,
        windows: &[Range<usize>],
    ) -> Vec<LexHit> {
        let Some(dfa) = &self.automaton else {
            return Vec::new();
        };
        let mut dfa = dfa.walker();
        let hay = &text[range.clone()];
        let bytes = hay.as_bytes();
        let mut out: Vec<LexHit> = Vec::new();
        for w in windows {
            let (from, to) = (w.start - range.start, w.end - range.start);
            // A word starting before `to` ends within the longest word's length of it.
            let end = to.saturating_add(self.longest).min(hay.len());
            let first = out.len();
            // An overlapping search: every word ending at each byte, as the
            // match state entered there lists them.
            // (A Standard search has no dead state: special is a match.)
            let (mut sid, mut at) = (dfa.start(), from);
            while at < end {
                (sid, at) = dfa.walk(&bytes[..end], sid, at);
                if !Walker::is_special(sid) {
                    break;
                }
                for &(word, len) in dfa.matches(sid) {
                    let (start, stop) = (at - len as usize, at);
                    if start < to && latin_edges_ok(hay, start, stop) {
                        out.push(LexHit {
                            start: range.start + start,
                            end: range.start + stop,
                            word: word as usize,
                        });
                    }
                }
            }
            out[first..].sort_by_key(|h| (h.start, h.end, h.word));
        }
        out
    }

    pub fn roles(&self, word: usize) -> &[Role] {
        &self.roles[word]
    }

    pub fn word(&self, word: usize) -> &str {
        &self.words[word]
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

fn latin_edges_ok(hay: &str, start: usize, end: usize) -> bool {
    let word = &hay[start..end];
    // Most words are Chinese: neither edge a letter, nothing to judge (a
    // character is an ASCII letter or digit exactly when its byte is).
    let letter_byte = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    if !letter_byte(word.as_bytes().first()) && !letter_byte(word.as_bytes().last()) {
        return true;
    }
    let first = word.chars().next();
    let last = word.chars().next_back();
    let before = hay[..start].chars().next_back();
    let after = hay[end..].chars().next();
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    // `A100GPU`: an acronym glued to a model number's digits starts a word.
    let acronym_after_digit = before.is_some_and(|c| c.is_ascii_digit())
        && word.len() >= 3
        && word.bytes().all(|b| b.is_ascii_uppercase());
    if letter(first) && letter(before) && !acronym_after_digit {
        return false;
    }
    let short = word.chars().filter(char::is_ascii_alphanumeric).count() < 4;
    if letter(last) && letter(after) && (short || !word.is_ascii()) {
        // A plural `s` still ends the word (`GPUs`).
        let mut rest = hay[end..].chars();
        let plural = matches!(rest.next(), Some('s' | 'S')) && !letter(rest.next());
        return plural;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(words: &[&str]) -> Lexicon {
        let mut b = LexiconBuilder::default();
        for (i, w) in words.iter().enumerate() {
            b.add(w, Role::Noun { kind: i });
        }
        b.build().unwrap()
    }

    #[test]
    fn finds_overlapping_words_with_latin_edges() {
        let lx = lexicon(&["训练", "训练成本", "ARR", "raise", "GPU"]);
        let text = "训练成本;carry;Raised $6bn;GPUs";
        let found: Vec<&str> = lx
            .find(text, 0..text.len())
            .iter()
            .map(|h| lx.word(h.word))
            .collect();
        assert_eq!(found, vec!["训练", "训练成本", "raise", "GPU"]);
    }

    #[test]
    fn an_acronym_glued_to_a_model_number_is_a_word() {
        let lx = lexicon(&["GPU", "ARR"]);
        let words = |text: &str| -> Vec<String> {
            lx.find(text, 0..text.len())
                .iter()
                .map(|h| text[h.start..h.end].to_string())
                .collect()
        };
        assert_eq!(words("8颗A100GPU"), vec!["GPU"]);
        // Not after a letter, and not in lower case.
        assert!(words("XGPU").is_empty());
        assert!(words("A100gpu").is_empty());
    }
}
