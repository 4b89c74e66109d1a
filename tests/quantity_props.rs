//! The scanner never panics and always returns well-formed spans.

use claimcheck::quantity::{Quantity, parse_number, quantities_json, scan};
use proptest::prelude::*;

fn check_spans(text: &str, qs: &[Quantity]) {
    let mut prev_end = 0;
    for q in qs {
        assert!(q.start < q.end, "empty span {q:?} in {text:?}");
        assert!(q.end <= text.len(), "span past the end {q:?} in {text:?}");
        assert!(
            text.is_char_boundary(q.start) && text.is_char_boundary(q.end),
            "{q:?} in {text:?}"
        );
        assert!(
            q.start >= prev_end,
            "overlap or unsorted at {q:?} in {text:?}"
        );
        prev_end = q.end;
        if let (Some(lo), Some(hi)) = (q.value.low_value(), q.value.high_value()) {
            assert!(lo <= hi, "low > high in {q:?} for {text:?}");
        }
    }
}

/// Pieces the grammar reacts to, so random strings hit its paths often.
const PIECES: &[&str] = &[
    "一",
    "二",
    "两",
    "三",
    "十",
    "百",
    "千",
    "万",
    "亿",
    "万亿",
    "零",
    "点",
    "多",
    "余",
    "几",
    "上",
    "半",
    "负",
    "分之",
    "又",
    "个",
    "家",
    "美元",
    "元",
    "块",
    "%",
    "倍",
    "成",
    "折",
    "年",
    "月",
    "日",
    "天",
    "个月",
    "约",
    "超过",
    "至少",
    "近",
    "不到",
    "左右",
    "以上",
    "至",
    "到",
    "-",
    "~",
    ".",
    ",",
    "/",
    " ",
    "0",
    "1",
    "9",
    "99999999999999999999999999999",
    "e",
    "^",
    "k",
    "$",
    "¥",
    "GPT",
    "A",
    "、",
    "(",
    ")",
    "\n",
    "第",
    "比",
    "大",
    "和",
    "之间",
    "每月",
    "/月",
    "壹",
    "佰",
    "〇",
    "对折",
];

fn pieces() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_strings(s in any::<String>()) {
        let qs = scan(&s);
        check_spans(&s, &qs);
        let _ = quantities_json(&s);
        let _ = parse_number(&s);
    }

    #[test]
    fn grammar_soup(s in pieces()) {
        let qs = scan(&s);
        check_spans(&s, &qs);
        let _ = quantities_json(&s);
        let _ = parse_number(&s);
    }

    #[test]
    fn digit_runs_with_magnitudes(digits in "[0-9]{1,60}", mags in "[十百千万亿兆]{0,8}", tail in "[多余几个美元%倍]{0,3}") {
        let s = format!("约{digits}{mags}{tail}");
        let qs = scan(&s);
        check_spans(&s, &qs);
        let _ = parse_number(&format!("{digits}{mags}"));
    }
}

#[test]
fn huge_and_lone_magnitudes() {
    for s in [
        "99999999999999999999999999999亿",
        "99999999999999999999999999999",
        "9999999999999999999999999999万亿万亿",
        "亿",
        "万亿万",
        "亿亿亿亿亿亿亿亿亿亿亿亿",
        "十十十十十",
        "一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一",
        "九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九年",
        "0.00000000000000000000000000000000001",
        "1e999 2^999 2^-999 1.1^+99",
        "点点点一点",
        "负负负负一",
        "1/0 0分之1 零分之一",
        "3-5-7-9",
        "Ａ１００和１２０万美元",
    ] {
        let qs = scan(s);
        check_spans(s, &qs);
        let _ = quantities_json(s);
        let _ = parse_number(s);
    }
}

/// The bundled articles: no dates, model names or list numbers come out.
#[test]
fn bundled_articles_have_no_dates_names_or_list_markers() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let mut total = 0;
    for entry in std::fs::read_dir(dir).expect("data/ exists") {
        let path = entry.expect("readable entry").path();
        if path.extension().is_none_or(|x| x != "txt") {
            continue; // sources.toml, fx_rates.toml are not articles
        }
        let raw = std::fs::read_to_string(&path).expect("UTF-8 article");
        let norm = claimcheck::text::normalize(&raw);
        let text = &norm.text;
        let qs = scan(text);
        check_spans(text, &qs);
        total += qs.len();
        for q in &qs {
            let span = &text[q.start..q.end];
            let before = text[..q.start].chars().next_back();
            let after = text[q.end..].chars().next();
            let ctx: String = text[..q.start]
                .chars()
                .rev()
                .take(6)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .chain(text[q.start..].chars().take(12))
                .collect();
            assert!(
                !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-'),
                "glued to a name: {span:?} in {ctx:?} ({})",
                path.display()
            );
            assert!(
                !after.is_some_and(|c| c.is_ascii_alphabetic()
                    && q.unit.dimension().as_str() == "count"
                    && span.chars().all(|d| d.is_ascii_digit())),
                "model name: {span:?} in {ctx:?}"
            );
            assert!(
                !matches!(after, Some('月' | '日' | '号' | '、')),
                "date or list marker: {span:?} in {ctx:?}"
            );
            let digits = span.trim_end_matches('年');
            assert!(
                !(span.ends_with('年')
                    && digits.len() == 4
                    && digits.chars().all(|c| c.is_ascii_digit())),
                "year: {span:?} in {ctx:?}"
            );
        }
    }
    assert!(total > 100, "only {total} quantities in the articles");
}
