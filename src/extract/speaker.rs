//! Attribution: who a figure is quoted from, as written in the (normalised) sentence.
//!
//! (English attribution — `according to X`, `X said` — is `speaker_en`'s, asked when
//! these markers name nobody.)
//!
//! Markers recognised before the figure, nearest first:
//! * `据/根据 X (发布|给出)?(的)?(一份)?(不完全)?统计|调研|报告|研报|估算|数据|了解…`;
//! * `X (曾经|则|也|还)? 表示|说|称|认为|估算|透露|告诉|指出|坦言|…`;
//! * `在X看来`, `在X概念里`, `在X眼中`;
//! * `X:“…` (a name introducing a quotation).
//!
//! An anonymous marker (`据不完全统计`) names nobody, so the search goes on to earlier
//! markers: in `赵志耕…时表示,据不完全统计国内已经发布了79个大模型` the figure is
//! 赵志耕's. When nothing precedes the figure, a sentence-final `…,X表示` counts.
//!
//! X is cleaned to a short noun phrase: leading connectives, dates and outlet tags
//! (`【…新闻网】`) go, anything from an adverb, a means, a time word or a setting
//! (`则在2023世界人工智能大会上`, `亦通过…会`, `29日在…`, `在中关村论坛上发布…时`) on is
//! cut, a trailing `发布的研报` or `消息` is dropped, a publisher or filer stands for its
//! results (`腾讯发布…全年业绩报告`, `商汤招股书及既往财报`), and `网络流量数据网站
//! SimilarWeb` keeps its Latin name. Pronouns, clause fragments and phrases over [`MAX_SPEAKER_CHARS`] are
//! rejected.

use regex::Regex;
use std::cell::{OnceCell, RefCell};
use std::ops::Range;
use std::sync::LazyLock;

/// Longest speaker kept, in characters; longer "subjects" are clause material.
pub const MAX_SPEAKER_CHARS: usize = 24;

/// The source the figure at byte offset `at` of `sentence` is attributed to.
pub fn find_speaker(sentence: &str, at: usize) -> Option<String> {
    find_speaker_in(sentence, at, &Cleaned::default())
}

/// As [`find_speaker`], with the phrases of `sentence` already cleaned for its
/// other figures.
pub fn find_speaker_in<'t>(sentence: &'t str, at: usize, cleaned: &Cleaned<'t>) -> Option<String> {
    let at = super::date::floor_char_boundary(sentence, at);
    let mut markers = cleaned
        .markers_before(sentence, at)
        .unwrap_or_else(|| markers_before(&sentence[..at]));
    markers.sort_by_key(|m| std::cmp::Reverse(m.end));
    // Cleaning runs several regexes: only for markers until one names someone.
    markers
        .into_iter()
        .find_map(|m| m.phrase.and_then(|p| cleaned.clean(p)))
        .or_else(|| sentence_final_speaker(sentence, at, cleaned))
        .or_else(|| {
            let (text, any) = *cleaned
                .english
                .get_or_init(|| (sentence, super::speaker_en::has_marker(sentence)));
            // (A `Cleaned` kept for another sentence is asked afresh.)
            let any = if std::ptr::eq(text, sentence) {
                any
            } else {
                super::speaker_en::has_marker(sentence)
            };
            any.then(|| super::speaker_en::find(sentence, at)).flatten()
        })
}

/// Per sentence: the speaker cleaned from each marker phrase (its figures
/// share the markers before them, and cleaning runs several regexes), and
/// the marker matches of the whole sentence, searched once for all its figures.
#[derive(Default)]
pub struct Cleaned<'t> {
    phrases: RefCell<Vec<(&'t str, Option<String>)>>,
    matches: OnceCell<(&'t str, Vec<Match<'t>>)>,
    /// Whether the sentence has an English marker at all: asked once, not per figure.
    english: OnceCell<(&'t str, bool)>,
}

/// A marker regex match in a whole sentence, whether or not it marks a speaker.
struct Match<'t> {
    start: usize,
    marker: Marker<'t>,
    /// Whether it is a marker with text going on after it, and with the text
    /// cut right after it (`说` is no verb before `明`, but is at the end).
    keep: bool,
    keep_at_end: bool,
}

impl<'t> Cleaned<'t> {
    fn clean(&self, phrase: &'t str) -> Option<String> {
        // The same stretch of the sentence (address and length).
        let known = self
            .phrases
            .borrow()
            .iter()
            .find(|(p, _)| std::ptr::eq(*p, phrase))
            .map(|(_, s)| s.clone());
        if let Some(known) = known {
            return known;
        }
        let speaker = clean_speaker(phrase);
        self.phrases.borrow_mut().push((phrase, speaker.clone()));
        speaker
    }

    /// `markers_before(&sentence[..at])`, from the matches in the whole
    /// sentence; `None` when one straddles `at`. The regexes have no anchors
    /// or look-around, so a search of the prefix finds the same matches as
    /// far as the first one ending past `at`, and when that one starts at or
    /// after `at` the prefix has no other.
    fn markers_before(&self, sentence: &'t str, at: usize) -> Option<Vec<Marker<'t>>> {
        let (text, matches) = self
            .matches
            .get_or_init(|| (sentence, sentence_matches(sentence)));
        if !std::ptr::eq(*text, sentence)
            || matches.iter().any(|m| m.start < at && m.marker.end > at)
        {
            return None;
        }
        let kept = matches
            .iter()
            .filter(|m| m.marker.end < at && m.keep || m.marker.end == at && m.keep_at_end);
        Some(kept.map(|m| m.marker.clone()).collect())
    }
}

/// A stable key for telling sources apart: the speaker without surrounding
/// punctuation or quotes, inner whitespace collapsed, ASCII lowercased. Speakers are
/// kept as written (`腾讯研究院副秘书长杨望`), so two articles quoting the same person
/// with different titles get different keys; that errs towards treating them as
/// independent, which the comparison reports.
pub fn speaker_key(s: &str) -> String {
    let trimmed = s.trim_matches(|c: char| c.is_whitespace() || is_punctuation(c));
    trimmed
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || "“”‘’《》「」『』、。·…—".contains(c)
}

/// An attribution marker and the phrase naming its speaker, before cleaning
/// (`None`: anonymous).
#[derive(Clone)]
struct Marker<'t> {
    end: usize,
    phrase: Option<&'t str>,
}

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '。' | '!' | '?' | '"' | '“' | '”' | '\n'
    )
}

static ACCORDING_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "(?:根据|据)([^,;:。!?\"“”]{0,30}?)(?:发布|给出|公布|发表|披露)?的?(?:一份|最新)?(?:不完全)?\
         (?:统计|调研|调查|研报|报告|估算|测算|数据|分析|了解|显示|预测|报道|报导|消息|介绍)",
    )
    .expect("valid regex")
});

/// Verbs of saying, in the order `SPEECH_VERB` tries them.
const SPEECH_VERBS: [&str; 22] = [
    "表示",
    "声称",
    "宣称",
    "称",
    "说",
    "认为",
    "估算",
    "估计",
    "透露",
    "告诉",
    "指出",
    "坦言",
    "直言",
    "预测",
    "预计",
    "显示",
    "介绍",
    "强调",
    "坦承",
    "解释道",
    "形容道",
    "提到",
];

static SPEECH_VERB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&SPEECH_VERBS.join("|")).expect("valid regex"));

static VIEWPOINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("在([^,;:。!?\"“”]{1,24}?)的?(?:看来|概念里|眼中|眼里|心中|心里)")
        .expect("valid regex")
});

static QUOTE_INTRO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("([^,;:。!?\"“”]{1,16}):\\s*[\"“]").expect("valid regex"));

fn markers_before(text: &str) -> Vec<Marker<'_>> {
    sentence_matches(text)
        .into_iter()
        .filter(|m| m.keep)
        .map(|m| m.marker)
        .collect()
}

/// Every marker regex match in `text`, in the order [`markers_before`] lists
/// them, each with whether it is kept as a marker.
fn sentence_matches(text: &str) -> Vec<Match<'_>> {
    let mut markers = Vec::new();
    // A capture search costs thousands of instructions even when nothing matches;
    // each marker needs a character most text before a figure lacks, and
    // looking for it is a memchr.
    // The matches alone (the lazy DFA), with the group read off each match:
    // a capture search ran a backtracking engine over every match.
    let according = text.contains('据').then(|| ACCORDING_TO.find_iter(text));
    for all in according.into_iter().flatten() {
        let x = according_to_source(text, all.range());
        let keep = all.as_str().starts_with("根据")
            || !ends_with_any(&text[..all.start()], "数证票占收单论字");
        let anonymous = ["悉", "说", "称", "了解"].iter().any(|p| x.starts_with(p));
        markers.push(Match {
            start: all.start(),
            marker: Marker {
                end: all.end(),
                phrase: (!anonymous).then_some(x),
            },
            keep,
            keep_at_end: keep,
        });
    }
    let according_markers = markers.len();
    for m in SPEECH_VERB.find_iter(text) {
        let clause = clause_before(text, m.start());
        // `根据X的报告估算`: the 据 marker already covers it. `据阿里云员工透露`
        // has no document word for it: the verb's subject is the source. (`数据`
        // is no 据 marker.)
        let clause_start = clause.as_ptr() as usize - text.as_ptr() as usize;
        let according = markers[..according_markers]
            .iter()
            .any(|a| a.keep && a.start >= clause_start && a.start < m.start());
        markers.push(Match {
            start: m.start(),
            marker: Marker {
                end: m.end(),
                phrase: Some(clause),
            },
            keep: !according && is_speech(text, m.start(), m.end()),
            keep_at_end: !according && is_speech(&text[..m.end()], m.start(), m.end()),
        });
    }
    type Group = fn(&str, Range<usize>) -> &str;
    type MayMatch = fn(&str) -> bool;
    let groups: [(&Regex, MayMatch, Group); 2] = [
        (&VIEWPOINT, may_hold_viewpoint, viewpoint_holder),
        (&QUOTE_INTRO, may_hold_quote_intro, quote_speaker),
    ];
    for (re, may_match, group) in groups {
        if !may_match(text) {
            continue;
        }
        for all in re.find_iter(text) {
            markers.push(Match {
                start: all.start(),
                marker: Marker {
                    end: all.end(),
                    phrase: Some(group(text, all.range())),
                },
                keep: true,
                keep_at_end: true,
            });
        }
    }
    markers
}

/// Whether `text` holds `在` and a word that closes a `VIEWPOINT` match
/// (`看来`, `眼中`…), as every match does: most sentences have a `在`, few
/// the words.
fn may_hold_viewpoint(text: &str) -> bool {
    text.contains('在') && VIEWPOINT_WORDS.is_match(text)
}

/// Whether `text` holds a colon with a quotation mark after it and spaces,
/// as every `QUOTE_INTRO` match does (`\s` and `char::is_whitespace` are
/// both Unicode White_Space).
fn may_hold_quote_intro(text: &str) -> bool {
    text.match_indices(':')
        .any(|(i, _)| text[i + 1..].trim_start().starts_with(['"', '“']))
}

// The groups of the marker regexes, read off their matches. Each group is
// followed by literal words, so it ends where the shortest (lazy `{n,m}?`)
// or longest (greedy) choice leaves the rest of the match to those words:
// the same group a capture search finds, since the match is the same.

/// `ACCORDING_TO`'s group in its match `m` of `text`: the shortest stretch
/// after `根据`/`据` that leaves the rest of the match to the document words.
fn according_to_source(text: &str, m: Range<usize>) -> &str {
    let matched = &text[m.clone()];
    let from = m.start + if matched.starts_with("根据") { 6 } else { 3 };
    shortest_before(text, from, m.end, 0, is_according_tail)
}

/// `VIEWPOINT`'s group in its match `m`: the shortest stretch of one
/// character or more after `在` that leaves the rest to `的?看来` and the like.
fn viewpoint_holder(text: &str, m: Range<usize>) -> &str {
    shortest_before(text, m.start + '在'.len_utf8(), m.end, 1, |rest| {
        is_viewpoint_word(rest) || rest.strip_prefix('的').is_some_and(is_viewpoint_word)
    })
}

fn is_viewpoint_word(s: &str) -> bool {
    VIEWPOINT_WORD_LIST.contains(&s)
}

/// The words that close a `VIEWPOINT` match.
const VIEWPOINT_WORD_LIST: [&str; 6] = ["看来", "概念里", "眼中", "眼里", "心中", "心里"];

static VIEWPOINT_WORDS: LazyLock<aho_corasick::AhoCorasick> =
    LazyLock::new(|| leftmost_first(&VIEWPOINT_WORD_LIST));

/// `QUOTE_INTRO`'s group in its match `m`: all before the colon (no colon
/// can be in it).
fn quote_speaker(text: &str, m: Range<usize>) -> &str {
    let matched = &text[m.clone()];
    &matched[..matched.find(':').unwrap_or(matched.len())]
}

/// The shortest `text[from..k]` of at least `min_chars` characters such that
/// `tail(&text[k..end])` holds; `text[from..end]` if none does (never, for a
/// match).
fn shortest_before(
    text: &str,
    from: usize,
    end: usize,
    min_chars: usize,
    tail: impl Fn(&str) -> bool,
) -> &str {
    let body = &text[from..end];
    body.char_indices()
        .map(|(i, _)| i)
        .chain([body.len()])
        .skip(min_chars)
        .find(|&k| tail(&body[k..]))
        .map_or(body, |k| &body[..k])
}

/// Whether `s` is all of `(?:发布|给出|公布|发表|披露)?的?(?:一份|最新)?(?:不完全)?`
/// and a document word, as `ACCORDING_TO` ends.
fn is_according_tail(s: &str) -> bool {
    const PUBLISHED: [&str; 5] = ["发布", "给出", "公布", "发表", "披露"];
    const WHICH: [&str; 2] = ["一份", "最新"];
    const DOCUMENT: [&str; 16] = [
        "统计", "调研", "调查", "研报", "报告", "估算", "测算", "数据", "分析", "了解", "显示",
        "预测", "报道", "报导", "消息", "介绍",
    ];
    // Each optional part: the text with it, and without it.
    fn optional<'s>(s: &'s str, words: &'s [&str]) -> impl Iterator<Item = &'s str> {
        words
            .iter()
            .filter_map(move |w| s.strip_prefix(w))
            .chain([s])
    }
    // At most 30 bytes: five parts of up to three characters.
    s.len() <= 30
        && optional(s, &PUBLISHED).any(|s| {
            optional(s, &["的"]).any(|s| {
                optional(s, &WHICH).any(|s| optional(s, &["不完全"]).any(|s| DOCUMENT.contains(&s)))
            })
        })
}

/// `…,上述专家表示` closing the sentence after the figure.
fn sentence_final_speaker<'t>(
    sentence: &'t str,
    at: usize,
    cleaned: &Cleaned<'t>,
) -> Option<String> {
    let rest = &sentence[at..];
    let body = rest.trim_end_matches(|c: char| c.is_whitespace() || "。!?\"”".contains(c));
    // Only a verb that ends the text can be the last match and end there:
    // most sentences end otherwise, and looking costs less than a search.
    if !SPEECH_VERBS.iter().any(|v| body.ends_with(v)) {
        return None;
    }
    let m = SPEECH_VERB.find_iter(body).last()?;
    (m.end() == body.len() && is_speech(body, m.start(), m.end()))
        .then(|| cleaned.clean(clause_before(body, m.start())))
        .flatten()
}

fn ends_with_any(text: &str, chars: &str) -> bool {
    text.chars().next_back().is_some_and(|c| chars.contains(c))
}

/// Rules out words that contain a speech verb but are not one (`小说`, `堪称`, `称为`,
/// `被认为`, `显示屏`, `可以说`, `众说纷纭`, `能说会道`, `用…来表示`).
fn is_speech(text: &str, start: usize, end: usize) -> bool {
    let verb = &text[start..end];
    let prev = text[..start].chars().next_back();
    let next = text[end..].chars().next();
    let prev_in = |set: &str| prev.is_some_and(|c| set.contains(c));
    let next_in = |set: &str| next.is_some_and(|c| set.contains(c));
    // `据估算`, `据预测`: the 据 marker's document, not a verb with a subject before it.
    if prev == Some('据') {
        return false;
    }
    match verb {
        "说" => {
            !prev_in("小传学游演劝解听据话再虽来可以如是所上了敢要就众面常")
                && !next_in("明法服过是会纷停得")
        }
        "表示" => !prev_in("来以可所"),
        "称" => !prev_in("名简自号堪俗统职对据") && !next_in("为之作号"),
        "认为" | "估计" | "预计" => !prev_in("被"),
        "显示" => !next_in("屏器卡"),
        "介绍" => !prev_in("产品"),
        _ => true,
    }
}

/// The text between the last clause break before `verb_start` and the verb.
fn clause_before(text: &str, verb_start: usize) -> &str {
    let head = &text[..verb_start];
    let from = head.rfind(is_clause_break).map_or(0, |i| {
        i + head[i..].chars().next().map_or(1, char::len_utf8)
    });
    &head[from..]
}

// Digits here are `[0-9]`, not `\d`, as in `date::TIME_EXPR`: the text is
// normalised, and Unicode's `\d` only made the regexes costlier to compile.
static LEADING_FILLER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\s|【[^】]{1,20}】|\[[^\]]{1,20}\]|另据|根据|据|而|但是|但|比如|例如|譬如|不过|然而|此外|另外|同时|对此|随后|此前|之前|其中|因此|所以|而且|并且|甚至|还|当时|彼时|召开的|举办的|举行的|近日|日前|目前|如今|之一的|(?:[0-9]{4}\s*年)?\s*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})\s*月份?\s*(?:[0-9]{1,2}\s*[日号])?(?:上旬|中旬|下旬|初|底|末|上午|下午|晚间|晚上|早上)?)+",
    )
    .expect("valid regex")
});

/// A head count before people (`两名`, `一位`, `多位`, `3名`).
static HEAD_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[一两二三四五六七八九十几数多]{1,2}|[0-9]{1,2})\s*[位名]")
        .expect("valid regex")
});

/// Where the subject ends and adverbs or a setting begin (`则在…上`, `曾经`, `在…时`).
static SUBJECT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "曾经|也曾|曾在|曾于|更是|此前|近日|日前|对此|接受|公开|一再|多次|最近|当天|当日|当时|当地时间|今天|今日|昨天|昨日|本周|上周|今年|去年|明年|前年|本月|上月|目前|甚至|通过|透过|借助|藉由|于(?:[0-9]|今|昨|近|日前|此前)|(?:[0-9]{4}\\s*年\\s*)?(?:[0-9]{1,2}\\s*月\\s*)?[0-9]{1,2}\\s*[日号]|周[一二三四五六日](?:[在于对向称]|$)|星期[一二三四五六日天]|亦(?:[^庄]|$)|[在则也还都就又]",
    )
        .expect("valid regex")
});

static TRAILING_DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "(?:发布|给出|公布|发表|披露|引述|援引|引用)?的?(?:一份|最新)?(?:不完全)?(?:报告|研报|财报|年报|季报|招股书|数据|统计|调查|研究|分析|文章)?的?$",
    )
    .expect("valid regex")
});

/// `百度9月22日发布的首份《文心一言用户使用报告》` → `百度`, `腾讯发布2024年全年业绩报告`
/// → `腾讯`: a publisher and its document (the results it publishes are no speaker).
static PUBLISHED_DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(.+?)(?:[0-9]{4}\s*年)?(?:[0-9]{1,2}\s*月(?:[0-9]{1,2}\s*日)?)?(?:发布|给出|公布|发表|披露)的?.{0,40}(?:报告|研报|白皮书|数据|财报|年报|季报|业绩|招股书|公告|》)$",
    )
    .expect("valid regex")
});

/// Trailing adverbs and manner words between a speaker and the verb (`曾`, `发文`).
static TRAILING_ADVERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "(?:曾|也|亦|还|都|就|又|则|更是|直接|抛出观点|发文|撰文|发帖|发微博|[对向跟][^,]{0,10}(?:记者|媒体|笔者|字母榜|股东|投资者|投资人|外界|客户|员工))+$",
    ).expect("valid regex")
});

/// `网络流量数据网站 SimilarWeb` → `SimilarWeb`: a Chinese description before a Latin name.
static LATIN_NAME_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Han}[^A-Za-z]*\s+([A-Za-z][A-Za-z0-9 .&'\-]*)$").expect("valid regex")
});

/// Words that stand where a speaker would but name nobody.
const NOT_SPEAKERS: &[&str] = &[
    "他们",
    "她们",
    "我们",
    "你们",
    "后者",
    "前者",
    "对方",
    "大家",
    "有人",
    "有的人",
    "记者",
    "笔者",
    "外界",
    "业界",
    "业内",
    "可能",
    "相信",
    "直接",
    // `据公开报道`, `据相关报道`: a kind of report, nobody who reports.
    "公开",
    "相关",
    "有关",
    "最新",
    // Foreign or regional press in general (`外媒报导`, `港媒称`): no one outlet.
    "外媒",
    "外电",
    "港媒",
    "台媒",
    "美媒",
    "日媒",
    "韩媒",
    // A document or company with no name (`文章还提到`, `公司年报显示`).
    "文章",
    "公司",
    "该公司",
];

/// Starts of subjects that refer back or are passive (`后者甚至`, `被李志飞一针见血`).
const BAD_STARTS: &[&str] = &["后者", "前者", "被", "、", "他", "她"];

/// Words that show the "subject" is really a clause (`一个现实是`, `可以`).
const CLAUSE_WORDS: &[&str] = &[
    "是", "把", "被", "让", "了", "不", "他", "她", "我", "你", "如果", "因为", "虽然", "可以",
    "什么",
];

/// [`CLAUSE_WORDS`] in one automaton: one pass, not a substring search per word.
static CLAUSE_WORD_SET: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(CLAUSE_WORDS).expect("clause word list builds")
});

/// Reduces raw subject text to a speaker, or `None` when nothing usable is left.
fn clean_speaker(raw: &str) -> Option<String> {
    let text = raw.trim();
    let text = LEADING_FILLER
        .find(text)
        .map_or(text, |m| &text[m.end()..])
        .trim();
    // `两名消息人士`, `一位知情人士`: how many say it is not who says it.
    let text = HEAD_COUNT
        .find(text)
        .map_or(text, |m| &text[m.end()..])
        .trim();
    let text = cut_at_adverb(text);
    let text = TRAILING_ADVERB
        .find(text)
        .map_or(text, |m| &text[..m.start()])
        .trim();
    // The next regex needs a verb of publishing and the last one a Latin
    // letter: most phrases lack them, and looking costs less than a regex search.
    let text = if PUBLISHING_SET.is_match(text) {
        first_group(&PUBLISHED_DOCUMENT, text)
    } else {
        text
    };
    let text = filer(outlet_of_report(text));
    let text = TRAILING_DOCUMENT
        .find(text)
        .map_or(text, |m| &text[..m.start()])
        .trim();
    let text = if text.bytes().any(|b| b.is_ascii_alphabetic()) {
        first_group(&LATIN_NAME_TAIL, text)
    } else {
        text
    };
    is_plausible_speaker(text).then(|| text.to_string())
}

/// `路透社消息`, `《金融时报》引述消息`, `外媒报导`: an outlet and its report. Only
/// after a character that ends an outlet's name, so that `21世纪经济报道` and
/// `参考消息`, outlets named after their reports, stay whole.
fn outlet_of_report(text: &str) -> &str {
    for report in ["消息", "报道", "报导"] {
        let Some(name) = text.strip_suffix(report) else {
            continue;
        };
        let name = ["引述", "援引", "引用"]
            .iter()
            .find_map(|v| name.strip_suffix(v))
            .unwrap_or(name);
        if name
            .chars()
            .next_back()
            .is_some_and(|c| "》社网台报媒闻".contains(c))
        {
            return name.trim_end();
        }
    }
    text
}

/// A company's filings, whose filer speaks through them.
const FILINGS: [&str; 6] = ["招股说明书", "招股书", "半年报", "财报", "年报", "季报"];

/// The period a filing covers, between the filer and the filing (`2024年`, `一季度`).
static FILING_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:[0-9]{2,4}\s*年)?\s*(?:年度|全年|上半年|下半年|第?[一二三四1-4]\s*季度|Q[1-4])?\s*的?$",
    )
    .expect("valid regex")
});

/// `商汤招股书及既往财报` → `商汤`, `某公司2024年财报` → `某公司`: the filer before
/// its first filing; `text` when no filing follows a name.
fn filer(text: &str) -> &str {
    match FILING_SET.find(text).map(|m| m.start()) {
        Some(at) if at > 0 => {
            let name = &text[..at];
            FILING_PERIOD
                .find(name)
                .map_or(name, |m| &name[..m.start()])
                .trim()
        }
        _ => text,
    }
}

/// The verbs [`PUBLISHED_DOCUMENT`] needs.
const PUBLISHING: [&str; 5] = ["发布", "给出", "公布", "发表", "披露"];

/// [`PUBLISHING`] and [`FILINGS`] each in one automaton: one pass over a
/// phrase, not a substring search (and its set-up) per word. Leftmost-first:
/// a search finds the match that starts first, the earliest of the words'
/// first occurrences.
static PUBLISHING_SET: LazyLock<aho_corasick::AhoCorasick> =
    LazyLock::new(|| leftmost_first(&PUBLISHING));
static FILING_SET: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| leftmost_first(&FILINGS));

fn leftmost_first(words: &[&str]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(words)
        .expect("word list builds")
}

/// What `re`'s first group holds in `text`, trimmed; `text` when it does not match.
fn first_group<'t>(re: &Regex, text: &'t str) -> &'t str {
    re.captures(text)
        .and_then(|c| c.get(1))
        .map_or(text, |m| m.as_str())
        .trim()
}

/// Cuts at the first adverb or setting word that leaves at least two characters.
fn cut_at_adverb(text: &str) -> &str {
    let min_start = text.char_indices().nth(2).map_or(text.len(), |(i, _)| i);
    SUBJECT_END
        .find_iter(text)
        .find(|m| m.start() >= min_start)
        .map_or(text, |m| &text[..m.start()])
        .trim()
}

/// Ends of a "speaker" that is a measured quantity (`出货量预计…将倍增`, `营收预计…`):
/// the thing forecast, not who forecasts it.
const QUANTITY_ENDS: &[&str] = &[
    "量", "额", "率", "规模", "收入", "营收", "成本", "价格", "股价", "利润", "份额", "需求",
    "估值", "市值", "支出", "开支", "亏损", "占比", "比例", "比重", "增速", "增幅", "涨幅", "跌幅",
    "收益", "产能",
];

fn is_plausible_speaker(text: &str) -> bool {
    let chars = text.chars().count();
    let first_len = text.chars().next().map_or(0, char::len_utf8);
    // Tested last: a search of the whole phrase.
    let clause_word_inside = || CLAUSE_WORD_SET.is_match(&text[first_len.min(text.len())..]);
    // Person names have a surname and a given name, organisations two characters or more.
    (2..=MAX_SPEAKER_CHARS).contains(&chars)
        && !NOT_SPEAKERS.contains(&text)
        && !BAD_STARTS.iter().any(|b| text.starts_with(b))
        && !QUANTITY_ENDS.iter().any(|e| text.ends_with(e))
        && text.chars().any(|c| c.is_alphabetic())
        && !clause_word_inside()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The groups read off the matches are the groups a capture search
        /// finds.
        #[test]
        fn groups_are_read_as_captures_read_them(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "根据", "据", "数", "发布", "披露", "的", "一份", "最新", "不完全", "统计", "报告",
                "数据", "显示", "了解", "悉", "在", "看来", "眼中", "概念里", "心里", ":", "“",
                "\"", " ", ",", "王小川", "A", "。", "的的", "看", "报",
            ]), 0..24)
        ) {
            let text: String = parts.concat();
            type Group = fn(&str, Range<usize>) -> &str;
            let cases: [(&Regex, Group); 3] = [
                (&ACCORDING_TO, according_to_source),
                (&VIEWPOINT, viewpoint_holder),
                (&QUOTE_INTRO, quote_speaker),
            ];
            for (re, group) in cases {
                for c in re.captures_iter(&text) {
                    let (all, x) = (c.get(0).unwrap(), c.get(1).unwrap());
                    let got = group(&text, all.range());
                    proptest::prop_assert_eq!(got, x.as_str(), "{} in {:?}", re.as_str(), &text);
                    proptest::prop_assert!(std::ptr::eq(got.as_ptr(), x.as_str().as_ptr()));
                }
            }
        }

        /// The word automata find what a search per word finds.
        #[test]
        fn word_sets_find_the_first_word(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "招股说明书", "招股书", "招股", "半年报", "年报", "财报", "季报", "报", "发布",
                "给出", "公布", "发表", "披露", "发", "商汤", "的", " ",
            ]), 0..12)
        ) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(
                FILING_SET.find(&text).map(|m| m.start()),
                FILINGS.iter().filter_map(|f| text.find(f)).min()
            );
            proptest::prop_assert_eq!(
                PUBLISHING_SET.is_match(&text),
                PUBLISHING.iter().any(|w| text.contains(w))
            );
        }

        /// A text the quick tests rule out has no match.
        #[test]
        fn quick_tests_rule_out_no_match(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "在", "他", "的", "看来", "看", "眼中", "心里", "概念", ":", " ", "\u{3000}",
                "\"", "“", "”", ",", "王小川", "说",
            ]), 0..16)
        ) {
            let text: String = parts.concat();
            if !may_hold_viewpoint(&text) {
                proptest::prop_assert!(!VIEWPOINT.is_match(&text), "{:?}", &text);
            }
            if !may_hold_quote_intro(&text) {
                proptest::prop_assert!(!QUOTE_INTRO.is_match(&text), "{:?}", &text);
            }
            proptest::prop_assert!(may_hold_quote_intro("他说: “好”"));
            proptest::prop_assert!(may_hold_viewpoint("在他看来"));
        }
    }

    /// Speaker of the figure `figure` (first occurrence) in `sentence`.
    fn speaker(sentence: &str, figure: &str) -> Option<String> {
        let at = sentence.find(figure).expect("figure in sentence");
        find_speaker(sentence, at)
    }

    fn check(sentence: &str, figure: &str, expected: Option<&str>) {
        assert_eq!(
            speaker(sentence, figure).as_deref(),
            expected,
            "{sentence} / {figure}"
        );
    }

    #[test]
    fn according_to_markers() {
        // 报导, the Taiwanese spelling (報導), is a report too.
        check(
            "据彭博社报导,某公司正以400亿美元估值洽谈融资",
            "400亿",
            Some("彭博社"),
        );
        check(
            "据腾讯研究院副秘书长杨望调研分析,目前国内的大模型数量已增加至116个",
            "116个",
            Some("腾讯研究院副秘书长杨望"),
        );
        check(
            "根据Analytics India Magazine的一份报告估算,ChatGPT的单日运营成本大约是70万美元",
            "70万",
            Some("Analytics India Magazine"),
        );
        check(
            "根据星海情报局不完全统计,中国目前已经有超过120家机构",
            "120家",
            Some("星海情报局"),
        );
        check("根据星海的不完全统计,已有79个大模型", "79个", Some("星海"));
        check(
            "根据方正证券发布的研报,训练成本约为140万美元",
            "140万",
            Some("方正证券"),
        );
        check("据字母榜了解,已有30家企业接入", "30家", Some("字母榜"));
    }

    #[test]
    fn anonymous_sources_name_nobody() {
        check(
            "据不完全统计,截至目前国内发布的大模型数量已经超过了230家",
            "230家",
            None,
        );
        check("据悉,国内已有30个大模型", "30个", None);
        check("据了解,国内已有30个大模型", "30个", None);
        check("报告显示,国内已有30个大模型", "30个", None);
    }

    #[test]
    fn speech_verbs() {
        check(
            "优刻得CEO季昕华则在2023世界人工智能大会上称,中国已有130家研发大模型的公司",
            "130家",
            Some("优刻得CEO季昕华"),
        );
        check(
            "中国科学技术信息研究所所长赵志耕在中关村论坛上发布《中国人工智能大模型地图研究报告》时表示,据不完全统计国内已经发布了79个大模型",
            "79个",
            Some("中国科学技术信息研究所所长赵志耕"),
        );
        check("王小川表示,差距有三年", "三年", Some("王小川"));
        check(
            "李彦宏说文心一言和OpenAI差距大概是两个月",
            "两个月",
            Some("李彦宏"),
        );
        check(
            "国盛证券曾经估算,GPT-3训练一次的成本约为140万美元",
            "140万",
            Some("国盛证券"),
        );
        check(
            "网络流量数据网站 SimilarWeb 给出的一份报告显示,ChatGPT月访问量达到16亿次",
            "16亿",
            Some("SimilarWeb"),
        );
        check(
            "有赞创始人兼CEO白鸦透露,已有3万商家使用",
            "3万",
            Some("有赞创始人兼CEO白鸦"),
        );
        check(
            "\"如果输了,五年最高亏一百亿美金\"某科技上市公司CTO告诉记者,一家公司要投入20亿",
            "20亿",
            Some("某科技上市公司CTO"),
        );
        check(
            "5月28日,李志飞说,自己变成了大模型劝退派,投入了10亿",
            "10亿",
            Some("李志飞"),
        );
        check(
            "比如李彦宏曾经说文心一言离OpenAI只有两个月差距",
            "两个月",
            Some("李彦宏"),
        );
    }

    #[test]
    fn viewpoint_and_quotation_markers() {
        check(
            "在王小川概念里,如果要用时间衡量,OpenAI比国内应该突出三年的时间",
            "三年",
            Some("王小川"),
        );
        check(
            "在周鸿祎看来,一个现实是,\"目前中国相关技术水平距离GPT-4至少还有两年差距\"",
            "两年",
            Some("周鸿祎"),
        );
        check(
            "记者问此话怎讲,王小川:\"那怎么可能只差两个月",
            "两个月",
            Some("王小川"),
        );
    }

    #[test]
    fn head_counts_and_kinds_of_report_are_not_sources() {
        check(
            "两名消息人士表示,该公司融资6亿美元",
            "6亿美元",
            Some("消息人士"),
        );
        check(
            "一位知情人士称,该公司融资6亿美元",
            "6亿美元",
            Some("知情人士"),
        );
        check("据公开报道,智谱估值超过200亿元", "200亿元", None);
        check("据相关报道,智谱估值超过200亿元", "200亿元", None);
        check("据媒体报道,智谱估值超过200亿元", "200亿元", Some("媒体"));
    }

    #[test]
    fn words_that_only_look_like_speech() {
        check("这部小说卖出了100万册", "100万", None);
        check("它堪称精准,一年能卖30亿", "30亿", None);
        check("他被认为是第一,投入10亿", "10亿", None);
        check("可以说,国内已有30个大模型", "30个", None);
        check("他认为国内已有30个大模型", "30个", None);
        check("国内已有30个大模型", "30个", None);
    }

    #[test]
    fn subjects_are_trimmed_to_the_speaker() {
        check(
            "阿里云智能CTO周靖人对记者表示,已有30家企业接入",
            "30家",
            Some("阿里云智能CTO周靖人"),
        );
        check(
            "百度集团副总裁侯震宇向字母榜解释道,成本降至原来的十分之一",
            "十分之一",
            Some("百度集团副总裁侯震宇"),
        );
        check(
            "3月2日,心动游戏CEO黄一孟发文说,砍掉了2个外包团队",
            "2个",
            Some("心动游戏CEO黄一孟"),
        );
        // 曾 is also a surname.
        check(
            "中国科学院自动化研究所研究员曾毅在接受记者采访时表示,已有30个大模型",
            "30个",
            Some("中国科学院自动化研究所研究员曾毅"),
        );
        check(
            "百度9月22日发布的首份《文心一言用户使用报告》显示,占比最高的是30%",
            "30%",
            Some("百度"),
        );
        check(
            "多个采访对象表示,目前已有30个大模型",
            "30个",
            Some("多个采访对象"),
        );
        check("张鹏抛出观点称,已有30个大模型", "30个", Some("张鹏"));
        // A time word after the name is the setting, not the name.
        check("某公司今年预计亏损约50亿美元", "50亿", Some("某公司"));
    }

    #[test]
    fn estimates_and_forecasts_of_a_thing_name_no_speaker() {
        // `据估算`: the 据 marker's, with nobody named.
        check("而某模型据估算花费了约6000万美元", "6000万", None);
        // The thing forecast is no speaker.
        check("某公司的服务器出货量预计明年将倍增,占比逾40%", "40%", None);
        check("该业务营收预计将增长30%", "30%", None);
        // Who forecasts still is.
        check("某机构预计明年将增长30%", "30%", Some("某机构"));
    }

    #[test]
    fn clause_material_is_not_a_speaker() {
        check("从某种意义上说,已有30个大模型", "30个", None);
        check("都能说会道,已有30个大模型", "30个", None);
        check("往近了说,已有30个大模型", "30个", None);
        check("甚至还有人说已有30个大模型", "30个", None);
        check("后者甚至表示要投入30亿", "30亿", None);
        check("被李志飞一针见血指出的现实是30个", "30个", None);
        check(
            "从最底层调动原始数据帮助决策者进行定制化的分析,共30个",
            "30个",
            None,
        );
        check("搬进来的第一天他发了一条朋友圈说,已有30个", "30个", None);
    }

    #[test]
    fn clause_fragments_are_cut_to_the_speaker() {
        // A publisher and the results it publishes: the publisher speaks.
        check(
            "5 月 8 日,星辰科技发布 2024 年第四季度及全年业绩报告显示,其去年资本开支突破 300 亿元",
            "300 亿元",
            Some("星辰科技"),
        );
        check(
            "星辰科技公布年报显示,研发投入达12亿元",
            "12亿元",
            Some("星辰科技"),
        );
        // An adverb and the means of saying follow the speaker.
        check(
            "星辰科技亦通过投资者沟通会透露,去年研发投入达12亿元",
            "12亿元",
            Some("星辰科技"),
        );
        check("星辰科技亦表示,已投入12亿元", "12亿元", Some("星辰科技"));
        // 亦 is an adverb, but not in 亦庄 (a district of Beijing).
        check(
            "北京亦庄投资控股表示,已投入12亿元",
            "12亿元",
            Some("北京亦庄投资控股"),
        );
        // A date or weekday after the name is when it was said.
        check(
            "资深分析师王明远12日在社群平台指出,今年出货量将达300万颗",
            "300万",
            Some("资深分析师王明远"),
        );
        check(
            "资深分析师王明远3月12日表示,今年出货量将达300万颗",
            "300万",
            Some("资深分析师王明远"),
        );
        check(
            "星辰科技周二表示,今年营收将达50亿元",
            "50亿",
            Some("星辰科技"),
        );
        check(
            "星辰科技当时向股东表示,投资规模将降至20亿美元",
            "20亿",
            Some("星辰科技"),
        );
        // An outlet's tag before the sentence is no part of the speaker.
        check(
            "【某某新闻网】彭博社报导指出,某公司正洽谈一笔50亿美元的融资",
            "50亿",
            Some("彭博社"),
        );
        check(
            "据英国《金融时报》引述消息报道,某公司计划投入1600亿元",
            "1600亿",
            Some("英国《金融时报》"),
        );
        check(
            "英国《金融时报》消息称,某公司将交付100万颗芯片",
            "100万",
            Some("英国《金融时报》"),
        );
        // An outlet named after its reports keeps its name.
        check(
            "21世纪经济报道称,某公司将交付100万颗芯片",
            "100万",
            Some("21世纪经济报道"),
        );
    }

    #[test]
    fn the_press_and_documents_in_general_are_nobody() {
        check(
            "【某某新闻网】外媒报导指出,某公司正洽谈一笔50亿美元的融资",
            "50亿",
            None,
        );
        check("财报显示,当季资本支出为130亿元", "130亿", None);
        check("公司年报显示,今年用户增长超20倍", "20倍", None);
        check("文章还提到,训练用了2万个GPU", "2万", None);
        // A named filer or outlet speaks through its filing or article.
        check(
            "据星辰科技招股书及既往财报显示,该公司累计亏损50亿元",
            "50亿",
            Some("星辰科技"),
        );
        check(
            "星辰科技2024年财报显示,全年营收达50亿元",
            "50亿",
            Some("星辰科技"),
        );
        check(
            "据某某网文章指出,国内可用的A100大约有4万个",
            "4万",
            Some("某某网"),
        );
    }

    #[test]
    fn a_subject_after_ju_without_a_document_word_speaks() {
        // No document word for the 据 marker: the verb's subject is the source.
        check(
            "据某云厂商员工透露,其购买量至少达到上万块",
            "上万",
            Some("某云厂商员工"),
        );
        check("另据某代理商透露,价格上涨了20%", "20%", Some("某代理商"));
    }

    #[test]
    fn a_forecast_measure_is_not_a_speaker() {
        check(
            "若交易达成,某公司的市场估值预计将提升至900亿美元",
            "900亿",
            None,
        );
        check("某公司的资本支出预计将达到300亿元", "300亿", None);
    }

    #[test]
    fn speaker_after_the_figure_when_it_closes_the_sentence() {
        check(
            "国内已有30个大模型,上述专家表示。",
            "30个",
            Some("上述专家"),
        );
        check("国内已有30个大模型,他表示", "30个", None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(sentence in "[据根表示说称在看来:\"“”,。 a-zA-Z0-9\\PC]{0,40}", at in 0usize..200) {
            let _ = find_speaker(&sentence, at);
            let _ = speaker_key(&sentence);
        }
    }

    #[test]
    fn keys_are_trimmed_and_folded() {
        assert_eq!(
            speaker_key("  腾讯研究院副秘书长杨望 "),
            "腾讯研究院副秘书长杨望"
        );
        assert_eq!(
            speaker_key("“Analytics  India Magazine”,"),
            "analytics india magazine"
        );
        assert_eq!(speaker_key("SimilarWeb"), speaker_key("similarweb"));
    }

    #[test]
    fn offsets_inside_a_character_do_not_panic() {
        // Offset 1 falls inside 王; the sentence-final 表示 still names the speaker.
        assert_eq!(find_speaker("王小川表示", 1), Some("王小川".to_string()));
        assert_eq!(find_speaker("国内30个", 7), None);
        assert_eq!(find_speaker("", 5), None);
        assert_eq!(
            find_speaker("王小川表示,30", 100),
            Some("王小川".to_string())
        );
    }
}

/// Speaker and as-of date for the figures of the bundled articles that the comparison
/// depends on, run on normalised sentences as extraction will see them.
#[cfg(test)]
mod bundled_articles {
    use super::find_speaker;
    use crate::extract::date::resolve_as_of;
    use crate::input::sources::load_sources;
    use std::path::Path;

    struct Case {
        stem: &'static str,
        /// Unique text around the figure, which it contains.
        context: &'static str,
        figure: &'static str,
        speaker: Option<&'static str>,
        as_of: Option<&'static str>,
    }

    const CASES: &[Case] = &[
        Case {
            stem: "000_7ae801fb60cdcc58",
            context: "超过120家机构",
            figure: "120家",
            speaker: Some("星海情报局"),
            as_of: Some("2023-07"),
        },
        Case {
            stem: "000_7ae801fb60cdcc58",
            context: "就已经有79个",
            figure: "79个",
            speaker: Some("星海情报局"),
            as_of: Some("2023-07"),
        },
        Case {
            stem: "000_7ae801fb60cdcc58",
            context: "只有两个月差距",
            figure: "两个月",
            speaker: Some("李彦宏"),
            as_of: None,
        },
        Case {
            stem: "000_7ae801fb60cdcc58",
            context: "差距大概是两个月",
            figure: "两个月",
            speaker: Some("李彦宏"),
            as_of: None,
        },
        Case {
            stem: "000_7ae801fb60cdcc58",
            context: "只差两个月",
            figure: "两个月",
            speaker: Some("王小川"),
            as_of: None,
        },
        Case {
            stem: "000_7ae801fb60cdcc58",
            context: "突出三年的时间",
            figure: "三年",
            speaker: Some("王小川"),
            as_of: None,
        },
        Case {
            stem: "000_7ae801fb60cdcc58",
            context: "约为140万美元",
            figure: "140万美元",
            speaker: Some("国盛证券"),
            as_of: None,
        },
        Case {
            stem: "000_7ae801fb60cdcc58",
            context: "大约是70万美元",
            figure: "70万美元",
            speaker: Some("Analytics India Magazine"),
            as_of: None,
        },
        Case {
            stem: "003_4dbe347bb450c7e5",
            context: "发布了79个大模型",
            figure: "79个",
            speaker: Some("中国科学技术信息研究所所长赵志耕"),
            as_of: Some("2023-05-28"),
        },
        Case {
            stem: "003_4dbe347bb450c7e5",
            context: "增加至116个",
            figure: "116个",
            speaker: Some("腾讯研究院副秘书长杨望"),
            as_of: Some("2023-07"),
        },
        Case {
            stem: "003_4dbe347bb450c7e5",
            context: "已有130家",
            figure: "130家",
            speaker: Some("优刻得CEO季昕华"),
            as_of: Some("2023-07"),
        },
        Case {
            stem: "003_4dbe347bb450c7e5",
            context: "超过了230家",
            figure: "230家",
            speaker: None,
            as_of: Some("2023-09"),
        },
        Case {
            stem: "004_3225621fcbbcaf6e",
            context: "还有两年差距",
            figure: "两年",
            speaker: Some("周鸿祎"),
            as_of: Some("2023-04"),
        },
        // Narrative durations: nobody is quoted and no date governs them.
        Case {
            stem: "004_3225621fcbbcaf6e",
            context: "短短两个月时间过去",
            figure: "两个月",
            speaker: None,
            as_of: None,
        },
        Case {
            stem: "004_3225621fcbbcaf6e",
            context: "整整三年过去",
            figure: "三年",
            speaker: None,
            as_of: None,
        },
        Case {
            stem: "002_928c09a2169fac78",
            context: "内测近两个月以来",
            figure: "两个月",
            speaker: None,
            as_of: None,
        },
    ];

    /// The sentence (split at `。!?`) of `text` holding `context`, and the byte offset of
    /// `figure` in it.
    fn sentence_with<'a>(text: &'a str, context: &str, figure: &str) -> (&'a str, usize) {
        let pos = text
            .find(context)
            .unwrap_or_else(|| panic!("{context} not in article"));
        let is_end = |c: char| "。!?\n".contains(c);
        let start = text[..pos].rfind(is_end).map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
        let end = text[pos..].find(is_end).map_or(text.len(), |i| pos + i);
        let figure_at = pos + context.find(figure).expect("figure in context");
        (&text[start..end], figure_at - start)
    }

    #[test]
    fn speakers_and_as_of_dates_of_key_figures() {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let sources = load_sources(&data.join("sources.toml")).expect("bundled sources.toml");
        let mut failures = Vec::new();
        for case in CASES {
            let raw =
                std::fs::read_to_string(data.join(format!("{}.txt", case.stem))).expect("article");
            let text = crate::text::normalize(&raw).text;
            let (sentence, at) = sentence_with(&text, case.context, case.figure);
            let published = sources[case.stem].published;
            let speaker = find_speaker(sentence, at);
            let as_of = resolve_as_of(sentence, at, published).map(|d| d.to_string());
            if speaker.as_deref() != case.speaker || as_of.as_deref() != case.as_of {
                failures.push(format!(
                    "{} {}: speaker {speaker:?} as_of {as_of:?}, expected {:?} {:?}\n  in {sentence}",
                    case.stem, case.context, case.speaker, case.as_of
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
