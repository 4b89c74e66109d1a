//! Report renderers over a check of corpus-shaped claims.

mod compare_support;

use claimcheck::claim::Claim;
use claimcheck::compare::{Check, FxTable, check};
use claimcheck::quantity::Per;
use claimcheck::report::{DocText, Format, SCHEMA, render};
use compare_support::*;

/// An article whose line 3 holds the 116 quote and line 5 the 130 quote.
fn article() -> DocText {
    DocText {
        source: "003".into(),
        text:
            "标题 <b>&\n\n目前国内的大模型数量已增加至116个,\r\n\n中国已有130家研发大模型的公司。\n"
                .into(),
    }
}

/// Places each claim's quote in the article: line and character offsets of the value.
fn place(claims: &mut [Claim], doc: &DocText) {
    for c in claims.iter_mut().filter(|c| c.source == doc.source) {
        for (i, line) in doc.text.split('\n').enumerate() {
            if let Some(at) = line.find(c.value_text.as_str()) {
                let line_start: usize = doc
                    .text
                    .split('\n')
                    .take(i)
                    .map(|l| l.chars().count() + 1)
                    .sum();
                c.line = i + 1;
                c.start = line_start + line[..at].chars().count();
                c.end = c.start + c.value_text.chars().count();
            }
        }
    }
}

fn fixture() -> (Check, Vec<Claim>, Vec<DocText>) {
    let mut claims = china_llm_counts();
    claims.extend(gap_to_openai());
    claims.push(
        claim("002-05", "002", "price", "Copilot", USD, "30美元/月")
            .exact("30")
            .per(Per::Month)
            .quote("价格为 30美元|月 (每用户)", 40)
            .mentions(2),
    );
    claims.push(
        claim("000-30", "000", "cost", "GPT-3 training", CNY, "约1000万元")
            .approx("10000000")
            .dated("2023-07"),
    );
    claims.push(
        claim(
            "003-30",
            "003",
            "cost",
            "GPT-3 training",
            USD,
            "约140万美元",
        )
        .approx("1400000")
        .dated("2023-07"),
    );
    let docs = vec![article()];
    place(&mut claims, &docs[0]);
    let result = check(&claims, &policies(), &FxTable::bundled())
        .with_notes(&["005_x.txt: skipped, not text".to_string()]);
    (result, claims, docs)
}

#[test]
fn text_report_starts_with_the_summary_and_lists_conflicts_first() {
    let (result, claims, docs) = fixture();
    let text = render(&result, &claims, &docs, Format::Text, false);
    let head: Vec<&str> = text.lines().take(5).collect();
    assert!(head[1].starts_with("groups: 4  conflicts: 2"), "{head:?}");
    assert!(
        head.iter().any(|l| l.contains("005_x.txt: skipped")),
        "{head:?}"
    );
    let first_group = text.lines().find(|l| l.starts_with('[')).unwrap();
    assert!(first_group.starts_with("[CONFLICT] g001"), "{first_group}");
    assert!(!text.contains('\x1b'), "no colour unless asked");
    assert!(text.contains("> 230 count"), "open bound shown");
    assert!(text.contains("[100, 1000) count"), "half-open range shown");
    assert!(text.contains("2023-09 (assumed)"));
    assert!(text.contains("中国科学技术信息研究所所长赵志耕"));
    assert!(text.contains("(003:3)"), "quote located by source:line");
    assert!(
        text.contains("≈ 10000000 CNY (≈ "),
        "original and converted money"
    );
    assert!(text.contains("stated 3 times"));
    assert!(
        text.contains("≥ 2 years (= ≥ 730.5 days)"),
        "durations shown in days too"
    );
    let coloured = render(&result, &claims, &docs, Format::Text, true);
    assert!(coloured.contains("\x1b[1;31m[CONFLICT]"));
    assert!(coloured.contains("\x1b[1;32m[CORROBORATED]"));
}

#[test]
fn markdown_escapes_pipes_and_has_a_row_per_figure() {
    let (result, claims, docs) = fixture();
    let md = render(&result, &claims, &docs, Format::Markdown, false);
    assert!(md.starts_with("# claimcheck report\n\n| | count |"));
    assert!(md.contains("30美元\\|月"), "pipe in a quote is escaped");
    assert!(!md.contains("30美元|月"));
    let sections: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(sections.len(), result.groups.len());
    assert!(sections[0].contains("conflict"));
    // Every table row has exactly seven unescaped pipes (six cells).
    for row in md
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains("(0"))
    {
        let pipes = row.replace("\\|", "").matches('|').count();
        assert_eq!(pipes, 7, "{row}");
    }
    let rows = md.lines().filter(|l| l.contains("| 003 |")).count();
    assert_eq!(rows, 5, "each 003 figure is one row");
}

#[test]
fn json_follows_the_documented_schema() {
    let (result, claims, docs) = fixture();
    let json = render(&result, &claims, &docs, Format::Json, false);
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(v["schema"], SCHEMA);
    assert_eq!(v["summary"]["groups"], 4);
    assert_eq!(v["summary"]["claims"], claims.len());
    assert_eq!(v["summary"]["notes"][0], "005_x.txt: skipped, not text");
    let groups = v["groups"].as_array().unwrap();
    for key in [
        "id",
        "family",
        "subject",
        "dimension",
        "verdict",
        "reason",
        "claims",
        "conflicts",
        "corroborations",
    ] {
        assert!(
            groups.iter().all(|g| g.get(key).is_some()),
            "groups lack {key}"
        );
    }
    let llm = groups
        .iter()
        .find(|g| g["subject"] == "China LLMs")
        .unwrap();
    assert_eq!(llm["verdict"], "conflict");
    assert_eq!(llm["claims"].as_array().unwrap().len(), 7);
    let pair = &llm["conflicts"][0];
    assert_eq!(pair.as_array().unwrap().len(), 3);
    assert!(pair[2].as_str().unwrap().contains(" vs "));
    assert!(
        llm["corroborations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == &serde_json::json!(["000-02", "003-01"]))
    );
    let all = v["claims"].as_array().unwrap();
    assert_eq!(all.len(), claims.len());
    let cny = all.iter().find(|c| c["claim_id"] == "000-30").unwrap();
    assert_eq!(cny["low"], "10000000", "decimals as plain strings");
    let usd_low: rust_decimal::Decimal = cny["usd_low"].as_str().unwrap().parse().unwrap();
    assert!(
        usd_low > d("1300000") && usd_low < d("1500000"),
        "{usd_low}"
    );
    assert_eq!(cny["fx_month"], "2023-07");
    let count = all.iter().find(|c| c["claim_id"] == "003-02").unwrap();
    assert!(count["usd_low"].is_null());
    for key in [
        "source",
        "kind",
        "subject",
        "high",
        "unit",
        "qualifier",
        "as_of",
        "published",
        "speaker",
        "quote",
        "line",
        "start",
        "end",
        "rule",
    ] {
        assert!(count.get(key).is_some(), "claims lack {key}");
    }
    // Stable: rendering twice gives identical bytes.
    assert_eq!(json, render(&result, &claims, &docs, Format::Json, false));
}

#[test]
fn html_is_self_contained_with_charts_and_linked_quotes() {
    let (result, claims, docs) = fixture();
    let html = render(&result, &claims, &docs, Format::Html, false);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<svg").count(), result.groups.len());
    assert!(html.contains("<polygon"), "open bound drawn as an arrow");
    assert!(html.contains("<circle"), "exact value drawn as a dot");
    // Values within two orders of magnitude (60.88 to 1095.75 days) stay linear…
    assert!(!html.contains("log scale"));
    // …a spread beyond that switches to a log axis.
    let wide = vec![
        claim("a", "000", "params", "GPT-3", MODELS, "1亿")
            .exact("100000000")
            .dated("2023-03"),
        claim("b", "001", "params", "GPT-3", MODELS, "1750亿")
            .exact("175000000000")
            .dated("2023-05"),
    ];
    let wide_check = check(&wide, &policies(), &FxTable::bundled());
    let wide_html = render(&wide_check, &wide, &[], Format::Html, false);
    assert!(wide_html.contains("log scale"));
    assert!(
        wide_html.contains(">1e8<") && wide_html.contains(">1e12<"),
        "power-of-ten ticks"
    );
    for bad in [
        "src=\"http",
        "href=\"http",
        "<script",
        "url(http",
        "@import",
    ] {
        assert!(!html.contains(bad), "external resource: {bad}");
    }
    // The 116 quote links to line 3 of 003, which exists and marks the figure.
    assert!(html.contains("<a href=\"#src-003-L3\">"));
    assert!(html.contains("id=\"src-003-L3\""));
    assert!(
        html.contains("<mark title=\"003-02\">116个</mark>"),
        "{}",
        &html[html.find("src-003-L3\"").unwrap()..][..200]
    );
    assert!(html.contains("<mark title=\"003-03\">130家</mark>"));
    // Article text is escaped; the stray \r is not shown.
    assert!(html.contains("标题 &lt;b&gt;&amp;"));
    assert!(!html.contains('\r'));
    // Quotes of documents not supplied are not links.
    assert!(!html.contains("href=\"#src-000-"));
}

#[test]
fn every_format_is_chosen_by_extension() {
    let (result, claims, docs) = fixture();
    for (path, marker) in [
        ("r.txt", "claimcheck report\n"),
        ("r.md", "# claimcheck"),
        ("r.json", "\"schema\""),
        ("r.html", "<!DOCTYPE"),
    ] {
        let format = Format::from_path(std::path::Path::new(path)).unwrap();
        assert!(
            render(&result, &claims, &docs, format, false).contains(marker),
            "{path}"
        );
    }
}

#[test]
fn long_conflict_lists_are_shortened_in_text_but_complete_in_json() {
    let claims: Vec<Claim> = (1..=10)
        .map(|i| {
            claim(
                &format!("c{i:02}"),
                &format!("{i:03}"),
                "share",
                "x",
                MODELS,
                &i.to_string(),
            )
            .exact(&i.to_string())
        })
        .collect();
    let result = check(&claims, &policies(), &FxTable::bundled());
    assert_eq!(result.groups[0].conflicts.len(), 45);
    let text = render(&result, &claims, &[], Format::Text, false);
    assert_eq!(text.lines().filter(|l| l.starts_with("  ✗ ")).count(), 8);
    assert!(text.contains("… 37 more conflicting pairs"));
    let json = render(&result, &claims, &[], Format::Json, false);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["groups"][0]["conflicts"].as_array().unwrap().len(), 45);
}

#[test]
fn charts_handle_undated_and_unbounded_figures() {
    let mut unbounded = claim("c3", "003", "share", "x", MODELS, "若干");
    unbounded.qualifier = claimcheck::quantity::Qualifier::Range;
    let claims = vec![
        claim("c1", "001", "share", "x", MODELS, "不到50")
            .exact("50")
            .dated("2023-03"),
        {
            let mut c = claim("c2", "002", "share", "x", MODELS, "不到40");
            c.high = Some(d("40"));
            c.high_open = true;
            c
        },
        unbounded,
    ];
    let result = check(&claims, &policies(), &FxTable::bundled());
    let html = render(&result, &claims, &[], Format::Html, false);
    let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
    assert!(
        svg.contains(">undated</text>"),
        "undated figures get their own column"
    );
    assert!(
        svg.contains("<polygon"),
        "an open lower side is an arrow downwards"
    );
    assert!(
        svg.contains("fill=\"#fff\""),
        "an excluded bound is a hollow end"
    );
    assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
    // No figure with a finite value: no chart, but the table still lists it.
    let lone = vec![claim("c9", "009", "share", "y", MODELS, "若干")];
    let result = check(&lone, &policies(), &FxTable::bundled());
    let html = render(&result, &lone, &[], Format::Html, false);
    assert!(!html.contains("<svg"));
    assert!(html.contains("若干"));
}
