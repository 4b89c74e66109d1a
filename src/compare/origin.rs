//! Origins: who stands behind a figure, so that corroboration means independent origins.
//!
//! * A claim with a speaker comes from that speaker, whichever article quotes it: several
//!   articles attributing a figure to one report (据X报告, X称, according to X) are one
//!   origin. Speaker names are folded (simplified, ASCII, case, `据…称` stripped), and within
//!   one document a name that abbreviates another (`星海` and `星海情报局`, `杨望` and
//!   `腾讯研究院副秘书长杨望`) is the same speaker.
//! * A claim without a speaker comes from its document.
//! * A sentence copied word for word into another document (a repost) makes the two
//!   origins one: the repost is not a second witness.
//!
//! Everything is hashed in one pass over the claims, so memory is linear in the claims.

use crate::claim::Claim;
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

/// Origin ids per claim (`None` for claims left out of the check) and each origin's label.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    pub of_claim: Vec<Option<u32>>,
    /// The speaker as first written (longest form), or the document's title (else stem).
    pub labels: Vec<String>,
}

/// A copied sentence shorter than this may be a coincidence (`营收增长20%`).
const MIN_COPIED_CHARS: usize = 12;

/// Resolves the origin of every claim `included` marks. `authors` lists, per document,
/// the names it gives itself (see `authors_of`).
pub fn resolve<'c>(
    claims: &'c [Claim],
    included: &[bool],
    authors: &BTreeMap<String, Vec<String>>,
    titles: &BTreeMap<String, String>,
) -> Origins {
    let no_authors: Vec<String> = Vec::new();
    let authors_of_doc = |doc: &str| authors.get(doc).unwrap_or(&no_authors);
    // Each distinct spelling is folded once (a million claims share a few thousand).
    let mut folds: HashMap<&str, String> = HashMap::new();
    let mut fold =
        |s: &'c str| -> String { folds.entry(s).or_insert_with(|| fold_speaker(s)).clone() };
    // Speakers per document, canonical forms, then abbreviations folded into full names.
    let mut by_doc: BTreeMap<&str, BTreeMap<String, &str>> = BTreeMap::new();
    for (c, _) in claims.iter().zip(included).filter(|(_, inc)| **inc) {
        if let Some(s) = c.speaker.as_deref() {
            let folded = fold(s);
            if !folded.is_empty() {
                let names = by_doc.entry(c.source.as_str()).or_default();
                let keep = names.get(&folded).is_none_or(|old| s.len() > old.len());
                if keep {
                    names.insert(folded, s);
                }
            }
        }
    }
    let mut canonical: HashMap<(&str, String), String> = HashMap::new();
    for (doc, names) in &by_doc {
        let mut sorted: Vec<&String> = names.keys().collect();
        sorted.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
        for (i, name) in sorted.iter().enumerate() {
            let longer: Vec<&&String> = sorted[..i]
                .iter()
                .filter(|l| l.chars().count() > name.chars().count() && abbreviates(name, l))
                .collect();
            // Only an unambiguous abbreviation is folded into its full name.
            let target = match longer.as_slice() {
                [one] => canonical
                    .get(&(*doc, (**one).clone()))
                    .cloned()
                    .unwrap_or_else(|| (**one).clone()),
                _ => (*name).clone(),
            };
            canonical.insert((*doc, (*name).clone()), target);
        }
    }

    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut labels: Vec<String> = Vec::new();
    let mut of_claim: Vec<Option<u32>> = vec![None; claims.len()];
    // (document, speaker as written) → origin, so each pair is resolved once.
    let mut memo: HashMap<(&str, Option<&str>), u32> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        if !included[i] {
            continue;
        }
        let memo_key = (c.source.as_str(), c.speaker.as_deref());
        if let Some(&id) = memo.get(&memo_key) {
            of_claim[i] = Some(id);
            continue;
        }
        let speaker = c
            .speaker
            .as_deref()
            .map(&mut fold)
            .filter(|s| !s.is_empty() && !is_author(s, authors_of_doc(&c.source)));
        let key = match speaker {
            Some(s) => {
                let full = canonical
                    .get(&(c.source.as_str(), s.clone()))
                    .cloned()
                    .unwrap_or(s);
                format!("s\u{1}{full}")
            }
            None => format!("d\u{1}{}", c.source),
        };
        let next = ids.len() as u32;
        let id = *ids.entry(key.clone()).or_insert_with(|| {
            let label = match c.speaker.as_deref() {
                Some(s) if key.starts_with('s') => {
                    // The longest spelling the document uses for this speaker.
                    let folded = fold(s);
                    let full = canonical
                        .get(&(c.source.as_str(), folded.clone()))
                        .cloned()
                        .unwrap_or(folded);
                    by_doc
                        .get(c.source.as_str())
                        .and_then(|names| names.get(&full))
                        .map_or(s.to_string(), |s| s.to_string())
                }
                _ => titles.get(&c.source).unwrap_or(&c.source).clone(),
            };
            labels.push(label);
            next
        });
        memo.insert(memo_key, id);
        of_claim[i] = Some(id);
    }

    // Reposts: the same sentence in two documents joins their origins.
    let mut parent: Vec<u32> = (0..labels.len() as u32).collect();
    let mut first_doc: HashMap<u64, (usize, u32)> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        let Some(origin) = of_claim[i] else { continue };
        let Some(hash) = sentence_hash(&c.quote, &c.value_text) else {
            continue;
        };
        match first_doc.get(&hash) {
            Some(&(j, other)) if claims[j].source != c.source => union(&mut parent, origin, other),
            Some(_) => {}
            None => {
                first_doc.insert(hash, (i, origin));
            }
        }
    }
    // Renumber so ids are dense and the label is the first origin's of each set.
    let mut dense: HashMap<u32, u32> = HashMap::new();
    let mut merged_labels = Vec::new();
    for o in 0..labels.len() as u32 {
        let root = find(&mut parent, o);
        dense.entry(root).or_insert_with(|| {
            merged_labels.push(labels[root as usize].clone());
            (merged_labels.len() - 1) as u32
        });
    }
    for o in of_claim.iter_mut().flatten() {
        let root = find(&mut parent, *o);
        *o = dense[&root];
    }
    Origins {
        of_claim,
        labels: merged_labels,
    }
}

fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let up = parent[parent[x as usize] as usize];
        parent[x as usize] = up;
        x = up;
    }
    x
}

fn union(parent: &mut [u32], a: u32, b: u32) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        // The smaller id stays the root, so labels follow input order.
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[child as usize] = root;
    }
}

/// A speaker name folded for comparison: simplified, ASCII, lower case, without spaces,
/// punctuation and the attribution words around it (`据…称`, `according to`, `报告`).
pub fn fold_speaker(name: &str) -> String {
    let text = crate::text::normalize(name).text.to_lowercase();
    let mut s: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>();
    for prefix in ["accordingto", "根据", "据", "来自"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_string();
        }
    }
    for suffix in [
        "的报告",
        "报告",
        "报道",
        "报导",
        "的数据",
        "数据",
        "的统计",
        "统计",
        "表示",
        "指出",
        "认为",
        "称",
        "说",
        "said",
        "says",
        "reported",
        "reports",
        "report",
    ] {
        if s.chars().count() > suffix.chars().count() + 1
            && let Some(rest) = s.strip_suffix(suffix)
        {
            s = rest.to_string();
        }
    }
    s
}

/// Whether `short` names the same speaker as `long` in one document: a prefix (`星海` of
/// `星海情报局`), a suffix (a name after its title: `杨望` of `…副秘书长杨望`), or its
/// characters in order starting with the same one (`中科院` of `中国科学院`).
fn abbreviates(short: &str, long: &str) -> bool {
    let s: Vec<char> = short.chars().collect();
    if s.len() < 2 {
        return false;
    }
    if long.starts_with(short) || long.ends_with(short) {
        return true;
    }
    let l: Vec<char> = long.chars().collect();
    if s[0] != l[0] || !s.iter().all(|c| !c.is_ascii()) {
        return false;
    }
    let mut it = l.iter();
    s.iter().all(|c| it.any(|x| x == c))
}

/// A hash of the sentence as a reader sees it (normalised, letters and digits only) and of
/// the figure in it (one sentence may quote two speakers' figures), when the sentence is
/// long enough that a copy is not a coincidence.
fn sentence_hash(quote: &str, figure: &str) -> Option<u64> {
    let norm = crate::text::normalize(quote).text;
    let mut h = DefaultHasher::new();
    crate::text::normalize(figure).text.hash(&mut h);
    let mut n = 0;
    for c in norm.chars().filter(|c| c.is_alphanumeric()) {
        c.hash(&mut h);
        n += 1;
    }
    (n >= MIN_COPIED_CHARS).then(|| h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speakers_fold_and_abbreviate() {
        assert_eq!(fold_speaker("据 Gartner 报告"), "gartner");
        assert_eq!(fold_speaker("星海情報局"), "星海情报局");
        assert!(abbreviates("星海", "星海情报局"));
        assert!(abbreviates("杨望", "腾讯研究院副秘书长杨望"));
        assert!(abbreviates("中科院", "中国科学院"));
        assert!(!abbreviates("王", "王小川"), "one character is too little");
        assert!(!abbreviates("李彦宏", "王小川"));
    }
}

/// Names a document gives for itself in its first lines (`本文来自微信公众号 星海情报局`,
/// `作者:星海老局`, `来源:满天芯`, `文|李水青`): a speaker of that name is the author, whose
/// figures are the document's own, not a second origin inside it.
pub fn authors_of(text: &str) -> Vec<String> {
    use std::sync::OnceLock;
    static BYLINE: OnceLock<regex::Regex> = OnceLock::new();
    let re = BYLINE.get_or_init(|| {
        regex::Regex::new(
            r"(?:(?:本文来自|来源|作者|编辑)\s*(?:微信)?(?:公众号)?\s*:?|文\s*[|丨])\s*([^\s(),.:;|丨]{2,20})",
        )
        .expect("byline pattern")
    });
    let mut out: Vec<String> = Vec::new();
    // Line by line: normalising never joins or splits lines (no character folds to or
    // from `\n`, and converter debris is a parenthesised syllable), so each line is
    // normalised alone, and only if it may pass the test below.
    for raw in text.lines().take(20) {
        if !may_be_byline(raw) {
            continue;
        }
        let norm = crate::text::normalize(raw).text;
        for line in norm.lines() {
            // Only short lines or lines that announce provenance: a byline, not a story.
            if line.chars().count() > 120 && !line.contains("本文来自") {
                continue;
            }
            for cap in re.captures_iter(line) {
                let name = fold_speaker(&cap[1]);
                if name.chars().count() >= 2 && !out.contains(&name) {
                    out.push(name);
                }
            }
        }
    }
    out
}

/// Whether the original `line` may pass the byline test once normalised (at most 120
/// characters, or `本文来自`). Folding maps each character to one, so only converter
/// debris, which opens with `(`, shortens a line; and the only characters that fold to
/// those of `本文来自` are themselves and `來` (a test checks).
///
/// And whether it may hold a byline at all: every match of the byline pattern holds 文
/// (`本文来自`, `文|`), 源 (`来源`), 者 (`作者`) or 辑 (`编辑`), and only these and 輯 fold
/// to them (a test checks); most lines of a story hold none.
fn may_be_byline(line: &str) -> bool {
    static CHARS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        // Leftmost-first: a vectorised search for any of them, stopping at the first.
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(BYLINE_CHARS.map(String::from))
            .expect("five characters")
    });
    CHARS.is_match(line)
        && (line.contains('(')
            || line.chars().count() <= 120
            || line.contains("本文来自")
            || line.contains("本文來自"))
}

/// The characters that fold to one a byline must hold (see [`may_be_byline`]).
const BYLINE_CHARS: [char; 5] = ['文', '源', '者', '辑', '輯'];

/// Whether a folded speaker name is one of the document's author names (or abbreviates one).
pub(super) fn is_author(folded: &str, authors: &[String]) -> bool {
    authors
        .iter()
        .any(|a| a == folded || abbreviates(folded, a) || abbreviates(a, folded))
}

#[cfg(test)]
mod author_tests {
    use super::*;

    #[test]
    fn only_themselves_and_one_traditional_form_fold_to_the_words_of_a_provenance_note() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let f = crate::text::fold_char(c);
            if "本文来自".contains(f) {
                assert!(c == f || (c, f) == ('來', '来'), "{c:?} folds to {f:?}");
            }
        }
    }

    #[test]
    fn only_the_byline_characters_fold_to_those_every_byline_holds() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let f = crate::text::fold_char(c);
            if "文源者辑".contains(f) {
                assert!(BYLINE_CHARS.contains(&c), "{c:?} folds to {f:?}");
            }
        }
    }

    #[test]
    fn long_lines_are_bylines_only_with_a_provenance_note() {
        let long = "很长的一段正文".repeat(20);
        assert_eq!(
            authors_of(&format!("{long}作者:张三\n正文")),
            Vec::<String>::new()
        );
        assert_eq!(
            authors_of(&format!("{long}本文來自微信公眾號 星海情報局\n")),
            vec!["星海情报局".to_string()]
        );
        assert_eq!(
            authors_of(&format!("作者:張三\r\n{long}")),
            vec!["张三".to_string()]
        );
    }

    #[test]
    fn bylines_name_the_author() {
        let text = "大逃杀\n\n编者按:本文来自微信公众号 星海情报局(ID:junwu2333),作者:星海老局 ,创业邦经授权发布。\n正文";
        let a = authors_of(text);
        assert!(a.contains(&"星海情报局".to_string()), "{a:?}");
        assert!(is_author("星海", &a));
        assert!(!is_author("腾讯研究院", &a));
    }
}
