//! The business segment a figure's revenue belongs to (`智能汽车收入2.56亿元`,
//! `智慧城市板块收入`, `data center revenue`): a segment's revenue is not the
//! company's, so the segment becomes part of what the figure measures.
//!
//! Decided here rather than from the quote later because it needs the document's
//! entities: in `商汤收入` and `Azure sales` the word before the revenue names the
//! company or product the figure is about, not a part of it.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::classify::{NamedEntity, SentenceView};
use super::subject::ORG_SUFFIXES;
use crate::text::fold_char;

/// Words that say revenue; the segment is named just before one of them.
const REVENUE_WORDS: [&str; 9] = [
    "收入",
    "营收",
    "營收",
    "销售额",
    "銷售額",
    "revenues",
    "revenue",
    "Revenue",
    "sales",
];

/// Words that end a segment's name and say what it is (`智慧城市板块`).
const MARKERS: [&str; 6] = ["板块", "板塊", "业务", "業務", "事业部", "事業部"];

/// Words that end the stretch where a segment can be named: verbs, pronouns,
/// prepositions and conjunctions before it (`至于视觉AI收入`, `全年实现收入`), and
/// words that make the revenue the whole company's (`总收入`, `全年营收`, `月营收`),
/// simplified and traditional. What follows the last of them is the name.
const STOPS: &[&str] = &[
    "实现",
    "實現",
    "录得",
    "錄得",
    "取得",
    "获得",
    "獲得",
    "达到",
    "達到",
    "至于",
    "至於",
    "包括",
    "其中",
    "以及",
    "来自",
    "來自",
    "公司",
    "集团",
    "集團",
    "整体",
    "整體",
    "全部",
    "主营",
    "主營",
    "营业",
    "營業",
    "总",
    "總",
    "净",
    "淨",
    "全年",
    "年度",
    "季度",
    "半年",
    "年",
    "月",
    "日",
    "度",
    "最高",
    "预计",
    "預計",
    "可望",
    "预期",
    "預期",
    "期内",
    "期內",
    "同期",
    "去年",
    "今年",
    "明年",
    "其",
    "该",
    "該",
    "这",
    "這",
    "本",
    "此",
    "在",
    "由",
    "则",
    "則",
    "而",
    "但",
    "并",
    "並",
    "及",
    "和",
    "与",
    "與",
    "的",
    "之",
    "等",
    "为",
    "為",
    "是",
    "相关",
    "相關",
    "占",
    "佔",
    "相当于",
    "相當於",
    "相当於",
    "推动",
    "推動",
    "带动",
    "帶動",
    "拉动",
    "拉動",
    "驱动",
    "驅動",
];

/// Time words between a segment and its revenue (`生成式AI去年收入`): dropped, the
/// name is before them.
const TIMES: &[&str] = &[
    "去年",
    "今年",
    "前年",
    "明年",
    "同期",
    "上半年",
    "下半年",
    "全年",
    "年度",
    "本季度",
    "季度",
    "当季",
    "當季",
    "本期",
    "期内",
    "期內",
];

/// Words after a segment that say it brought the revenue (`生成式AI贡献的收入`).
const CONTRIBUTES: &[&str] = &["贡献", "貢獻", "带来", "帶來"];

/// Characters of amounts and currencies: a run of them is the unit of a figure before
/// the revenue word (`767亿元`), not a name.
const AMOUNT_CHARS: &str = "亿億万萬千百十元圆圓美欧歐日港台臺币幣人民镑鎊";

/// English words before `revenue` that make it the whole company's or a kind of
/// total, not a segment's (`total revenue`, `annual recurring revenue`).
const LATIN_STOPS: &[&str] = &[
    "a",
    "an",
    "the",
    "its",
    "their",
    "our",
    "his",
    "her",
    "total",
    "annual",
    "annualised",
    "annualized",
    "recurring",
    "net",
    "gross",
    "operating",
    "record",
    "fiscal",
    "full",
    "year",
    "quarter",
    "overall",
    "global",
    "worldwide",
    "group",
    "company",
    "combined",
    "cumulative",
    "average",
    "higher",
    "lower",
    "strong",
    "weak",
    "new",
    "more",
    "less",
    "in",
    "of",
    "and",
    "or",
    "with",
    "from",
    "for",
    "to",
    "on",
    "at",
    "by",
    "as",
    "run",
    "reporting",
    "generating",
    "posting",
    "seeing",
    "driving",
    "boosting",
    "raising",
    "having",
    "making",
    "bringing",
    "earning",
    "recording",
    "achieving",
    "delivering",
    "projecting",
    "expecting",
    "forecasting",
    "hitting",
    "reaching",
    "topping",
    "rate",
    "core",
    "topline",
    "top",
    "line",
    "reported",
    "expected",
    "projected",
    "estimated",
    "forecast",
    "adjusted",
    "first",
    "second",
    "third",
    "fourth",
    "half",
];

/// The segment whose revenue the figure at byte `at` of `text` gives, when its clause
/// (or, when that names no revenue, the clause before: `智能汽车收入下降33.2%,降至2.56
/// 亿元`) names one before the revenue word; `None` for a company's total. `subject` is
/// the figure's subject: a word naming it names no segment.
pub fn segment(
    text: &str,
    view: &SentenceView,
    at: usize,
    entities: &[NamedEntity],
    subject: &str,
) -> Option<String> {
    let qc = view.clause_of(at);
    let own = view.clause(qc).start..at;
    let region = if last_revenue_word(&text[own.clone()]).is_some() {
        own
    } else if qc > 0 {
        let before = view.clause(qc - 1);
        before.start..before.end.min(at)
    } else {
        return None;
    };
    let (word_at, word) = last_revenue_word(&text[region.clone()])?;
    let end = region.start + word_at;
    let name = if word.is_ascii() {
        latin_name(&text[region.start..end])?
    } else {
        cjk_name(text, region.start..end, entities)?.to_string()
    };
    let folded: String = name.chars().map(fold_char).collect();
    let subject: String = subject.chars().map(fold_char).collect();
    let names_subject = !subject.is_empty()
        && (folded.contains(subject.as_str()) || subject.contains(folded.as_str()));
    (folded.chars().count() >= 2 && !names_subject).then_some(folded)
}

/// The last revenue word in `text`, with its offset.
fn last_revenue_word(text: &str) -> Option<(usize, &'static str)> {
    REVENUE_SET
        .find_overlapping_iter(text)
        .filter(|m| {
            // Latin words only as whole words (`sales`, not `wholesales`).
            let w = REVENUE_WORDS[m.pattern().as_usize()];
            !w.is_ascii()
                || (!text[..m.start()].ends_with(|c: char| c.is_ascii_alphanumeric())
                    && !text[m.end()..].starts_with(|c: char| c.is_ascii_alphanumeric()))
        })
        .max_by_key(|m| m.start())
        .map(|m| (m.start(), REVENUE_WORDS[m.pattern().as_usize()]))
}

/// Each word list as one automaton: a figure's clause is searched for all of a list's
/// words at once, not a searcher built per word.
static REVENUE_SET: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(&REVENUE_WORDS));
static MARKER_SET: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(&MARKERS));
static STOP_SET: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(STOPS));

fn automaton(words: &[&str]) -> AhoCorasick {
    AhoCorasick::new(words).expect("a word list builds")
}

/// The Chinese name before the revenue word ending `range`: the name before a marker
/// word that the revenue word follows closely (`视觉AI业务在2024年实现收入`), else
/// the run of letters just before the revenue word, `相关`/`的` after it dropped, cut
/// after the last entity named in it and after the last stop word.
fn cjk_name<'t>(text: &'t str, range: Range<usize>, entities: &[NamedEntity]) -> Option<&'t str> {
    let region = &text[range.clone()];
    let marked = MARKER_SET
        .find_overlapping_iter(region)
        .map(|m| (m.start(), m.end() - m.start()))
        // The revenue word within eight characters of the marker.
        .filter(|&(i, len)| region[i + len..].chars().count() <= 8)
        .max_by_key(|&(i, _)| i);
    let end = match marked {
        Some((i, _)) => range.start + i,
        None => {
            let mut trimmed = region.trim_end_matches([' ', '的', '之']);
            let strip = |t: &mut &str, words: &[&str]| {
                if let Some(r) = words.iter().find_map(|w| t.strip_suffix(w)) {
                    *t = r.trim_end_matches([' ', '的', '之']);
                }
            };
            strip(&mut trimmed, &["相关", "相關"]);
            strip(&mut trimmed, CONTRIBUTES);
            strip(&mut trimmed, TIMES);
            range.start + trimmed.len()
        }
    };
    // The run of letters before it: no digits, punctuation or spaces (`23H1实现收入`
    // names none).
    let start = text[range.start..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_alphabetic() || is_han(c))
        .last()
        .map_or(end, |(i, _)| range.start + i);
    // An entity named in the run is what the revenue is of (`百度核心营收`: Baidu's core).
    let mut from = entities
        .iter()
        .filter(|e| e.end > start && e.start < end)
        .map(|e| e.end.min(end))
        .max()
        .unwrap_or(start);
    // After the last stop word (`至于视觉AI` → `视觉AI`; `本季度总` → nothing).
    let rest = &text[from..end];
    if let Some(cut) = STOP_SET.find_overlapping_iter(rest).map(|m| m.end()).max() {
        from += cut;
    }
    let name = &text[from..end];
    let han = name.chars().filter(|&c| is_han(c)).count();
    // A name of Latin letters alone is a product or company (`ChatGPT`), not a segment;
    // the `AI` of `视觉AI` comes with Chinese.
    let amount = name.chars().all(|c| AMOUNT_CHARS.contains(c));
    // A name ending in an organisation word is a company's (`星河科技的收入`), even
    // one the gazetteer lacks.
    let folded: String = name.chars().map(fold_char).collect();
    let company = ORG_SUFFIXES.iter().any(|s| folded.ends_with(s));
    (han > 0 && !amount && !company && name.chars().count() <= 8).then_some(name)
}

/// The one or two English words before `revenue` (`its data center revenue`), when a
/// determiner or a possessive stands before them or they open the clause: words after a
/// verb or a name (`the company expects revenue`, `Microsoft reporting revenues`) are
/// no segment, nor plain lowercase words that make it a total (`annual recurring`).
fn latin_name(before: &str) -> Option<String> {
    let tokens: Vec<&str> = before.split_whitespace().collect();
    let words: Vec<&str> = tokens
        .iter()
        .rev()
        .take(3)
        .take_while(|w| {
            w.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                && !w.ends_with("ly")
                && !w.ends_with("ed")
                && !w.split('-').any(|p| LATIN_STOPS.contains(&p))
        })
        .copied()
        .collect();
    let opens = match tokens.len().checked_sub(words.len() + 1) {
        None => true,
        Some(i) => {
            let w = tokens[i].to_ascii_lowercase();
            ["its", "their", "the", "our", "his", "her"].contains(&w.as_str())
                || w.ends_with("'s")
                || w.ends_with("’s")
        }
    };
    // `cloud segment revenue`: the segment word says what the name is.
    let words: Vec<&str> = match words.split_first() {
        Some((&w, rest)) if ["segment", "business", "division", "unit"].contains(&w) => {
            rest.to_vec()
        }
        _ => words,
    };
    let words = &words[..words.len().min(2)];
    if words.is_empty() || !opens {
        return None;
    }
    Some(words.iter().rev().copied().collect::<Vec<_>>().join(" "))
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// Words of headings that name no segment: the report's own parts (`业绩总体表现`,
/// `分业务表现`) and what a figure measures (`收入`).
const GENERAL_HEADINGS: &[&str] = &[
    "表现", "表現", "情况", "情況", "概况", "概況", "业绩", "業績", "总体", "總體", "财务", "財務",
    "分析", "要点", "要點", "亮点", "亮點", "总结", "總結", "展望", "风险", "風險", "收入", "营收",
    "營收", "利润", "利潤", "亏损", "虧損", "费用", "費用", "现金", "現金", "估值", "投资", "投資",
    "结论", "結論", "摘要", "事件", "点评", "點評", "评级", "評級", "观点", "觀點", "背景", "概述",
    "回顾", "回顧", "数据", "數據", "公司", "集团", "集團", "科技", "股份", "控股",
];

/// The segment a numbered section heading names (`2)智慧生活` over `23H1实现收入3.118亿
/// 元`), for a figure whose own sentence names none: the nearest numbered line within
/// eight lines before the sentence at `sentence_start`, if it is a short name (two to
/// eight letters, no digits or punctuation) that is no entity (`names_entity`) and no
/// general heading. A numbered line that is not such a name ends the search.
pub fn heading_segment(
    text: &str,
    sentence_start: usize,
    names_entity: &dyn Fn(Range<usize>) -> bool,
) -> Option<String> {
    let mut end = text[..sentence_start].rfind('\n')?;
    for _ in 0..8 {
        let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[start..end];
        if let Some(name) = numbered(line.trim()) {
            let name_start = start + (name.as_ptr() as usize - line.as_ptr() as usize);
            let general = GENERAL_HEADINGS.iter().any(|w| name.contains(w));
            let count = name.chars().count();
            let letters = name.chars().all(|c| c.is_ascii_alphabetic() || is_han(c));
            return (letters
                && (2..=8).contains(&count)
                && name.chars().any(is_han)
                && !general
                && !names_entity(name_start..name_start + name.len()))
            .then(|| name.chars().map(fold_char).collect());
        }
        if start == 0 {
            return None;
        }
        end = start - 1;
    }
    None
}

/// The text of a numbered line after its number (`1)`, `(2)`, `3、`, `一、`, `四.`), or
/// `None` for a line that is not numbered.
fn numbered(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches(['(', '（']);
    let number = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || "一二三四五六七八九十".contains(c)))
        .map_or(rest.len(), |(i, _)| i);
    if number == 0 || number > 6 {
        return None;
    }
    let after = &rest[number..];
    let mark = after.chars().next()?;
    matches!(mark, ')' | '）' | '、' | '.' | '．').then(|| {
        after[mark.len_utf8()..]
            .trim_end_matches([':', '：', ' '])
            .trim_start()
    })
}
