//! A document's publication date, from a marker line in its text (the
//! user-editable `sources.toml`, read by `input::sources`, records what the text does not say).

use crate::claim::PartialDate;
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// How many lines at each end of a document are searched for a date line; page
/// furniture (bylines, "更新时间" footers) lives there, article text in between.
const EDGE_LINES: usize = 15;

/// Digits are ASCII or full-width (the text may not be normalised), not
/// Unicode's `\d`: its every script's digits made the two regexes cost three
/// times as much to compile, and only ASCII ones parse as numbers.
const DATE: &str = r"(?P<y>[0-9０-９]{4})\s*(?:年\s*(?P<m>[0-9０-９]{1,2})\s*月(?:\s*(?P<d>[0-9０-９]{1,2})\s*日)?|[-/.](?P<m2>[0-9０-９]{1,2})(?:[-/.](?P<d2>[0-9０-９]{1,2}))?)";

/// `更新时间:2023年05月13日`, `发布时间: 2023-05-13`, `发表于 2023/05/13`.
static MARKED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?:更新时间|更新于|更新日期|发布时间|发布于|发布日期|发表时间|发表于|发表日期|日期|时间)\s*[:：]?\s*{DATE}"
    );
    Regex::new(&pattern).expect("valid regex")
});

/// A line that starts with a full date, alone or followed by a clock time
/// (`2023年5月13日 09:30 来源:…`). Body sentences that open with a date have
/// text, not a time, after it.
static BARE_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(r"^\s*{DATE}\s*(?:$|[0-9０-９]{{1,2}}:[0-9０-９]{{2}})");
    Regex::new(&pattern).expect("valid regex")
});

/// The publication date stated in the first or last lines of `text` (normalised or
/// not). A marked date (`更新时间:`) beats a bare date line; within each kind the first
/// found wins, searching the head before the tail.
pub fn published_from_text(text: &str) -> Option<PartialDate> {
    let edge = edge_lines(text);
    // Most lines hold no date: a match test allocates no capture slots, and a
    // bare date line starts (after spaces) with a digit.
    let marked = edge
        .iter()
        .filter(|l| MARKED_DATE.is_match(l))
        .find_map(|l| MARKED_DATE.captures(l).and_then(|c| date_from(&c)));
    marked.or_else(|| {
        edge.iter()
            .filter(|l| l.trim_start().starts_with(|c: char| c.is_numeric()))
            .find_map(|l| BARE_DATE_LINE.captures(l).and_then(|c| date_from(&c)))
    })
}

/// The first `EDGE_LINES` lines and, after them, the last `EDGE_LINES` (as
/// `str::lines` splits them), without splitting the middle of the document.
/// Newlines are found with the memchr crate: lines can be whole paragraphs, and
/// `str::lines` tests them a word at a time.
fn edge_lines(text: &str) -> Vec<&str> {
    let mut edge: Vec<&str> = Vec::with_capacity(2 * EDGE_LINES);
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        if edge.len() == 2 * EDGE_LINES {
            break;
        }
        let line = &text[start..nl];
        edge.push(line.strip_suffix('\r').unwrap_or(line));
        start = nl + 1;
    }
    // `str::lines` keeps an unterminated last line as it is, `\r` and all.
    if edge.len() < 2 * EDGE_LINES && start < text.len() {
        edge.push(&text[start..]);
    }
    if edge.len() < 2 * EDGE_LINES {
        return edge;
    }
    edge.truncate(EDGE_LINES);
    // From the end: every piece but the text's unterminated last one ended
    // in `\n`, so a `\r` before it belongs to the line ending.
    let terminated = text.ends_with('\n');
    let body = text.strip_suffix('\n').unwrap_or(text).as_bytes();
    let mut tail: Vec<&str> = Vec::with_capacity(EDGE_LINES);
    let mut end = body.len();
    let mut starts = memchr::memrchr_iter(b'\n', body).map(|i| i + 1).chain([0]);
    while tail.len() < EDGE_LINES {
        let Some(start) = starts.next() else {
            break;
        };
        let line = &text[start..end];
        tail.push(if !tail.is_empty() || terminated {
            line.strip_suffix('\r').unwrap_or(line)
        } else {
            line
        });
        end = start.saturating_sub(1);
    }
    tail.reverse();
    edge.extend(tail);
    edge
}

fn date_from(c: &Captures) -> Option<PartialDate> {
    let year: i32 = c.name("y")?.as_str().parse().ok()?;
    let field = |a: &str, b: &str| c.name(a).or(c.name(b)).map(|m| m.as_str().to_string());
    let month = field("m", "m2");
    let day = field("d", "d2");
    let text = match (month, day) {
        (Some(m), Some(d)) => format!("{year}-{m:0>2}-{d:0>2}"),
        (Some(m), None) => format!("{year}-{m:0>2}"),
        _ => format!("{year}"),
    };
    PartialDate::parse(&text).filter(|d| (1990..=2100).contains(&d.year))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<PartialDate> {
        Some(PartialDate::parse(s).expect("test date"))
    }

    #[test]
    fn marked_dates_in_the_footer() {
        let body = "正文\n".repeat(40);
        let text = format!("标题\n{body}文章链接:https://x.cn/1.html\n更新时间:2023年05月13日\n");
        assert_eq!(published_from_text(&text), date("2023-05-13"));
    }

    #[test]
    fn marked_date_forms() {
        for (line, expected) in [
            ("发布时间:2023-05-13", "2023-05-13"),
            ("发表于 2023/5/3", "2023-05-03"),
            ("日期: 2023.05.13", "2023-05-13"),
            ("发布时间:2023年7月", "2023-07"),
            ("更新于:2023年5月13日 09:30", "2023-05-13"),
        ] {
            assert_eq!(published_from_text(line), date(expected), "{line}");
        }
    }

    #[test]
    fn bare_date_lines_need_a_time_or_nothing_after_them() {
        assert_eq!(
            published_from_text("标题\n2023年5月13日 09:30 来源:新京报\n正文"),
            date("2023-05-13")
        );
        assert_eq!(
            published_from_text("标题\n2023-05-13\n正文"),
            date("2023-05-13")
        );
        assert_eq!(
            published_from_text("2023年4月10日,商汤科技发布了大模型体系"),
            None
        );
    }

    #[test]
    fn marked_beats_bare_and_middle_lines_are_ignored() {
        let text = "2023-01-01\n更新时间:2023年05月13日";
        assert_eq!(published_from_text(text), date("2023-05-13"));
        let middle = format!(
            "{}更新时间:2023年05月13日\n{}",
            "正文\n".repeat(20),
            "正文\n".repeat(20)
        );
        assert_eq!(published_from_text(&middle), None);
    }

    #[test]
    fn invalid_dates_are_not_publication_dates() {
        assert_eq!(published_from_text("更新时间:2023年13月01日"), None);
        assert_eq!(published_from_text("更新时间:2023年02月30日"), None);
        assert_eq!(published_from_text("1年前\n资讯4个月前更新"), None);
    }

    proptest::proptest! {
        #[test]
        fn edge_lines_are_the_first_and_last_of_lines(
            text in "(a|b|\r|\n|\r\n|年){0,120}"
        ) {
            let lines: Vec<&str> = text.lines().collect();
            let tail_start = lines.len().saturating_sub(EDGE_LINES).max(EDGE_LINES);
            let expected: Vec<&str> = lines
                .iter()
                .take(EDGE_LINES)
                .chain(lines.iter().skip(tail_start))
                .copied()
                .collect();
            proptest::prop_assert_eq!(edge_lines(&text), expected);
        }

        #[test]
        fn never_panics(text in "[0-9年月日:更新时间发布\\[\\]=\"\n a-z\\PC]{0,80}") {
            let _ = published_from_text(&text);
        }
    }
}
