//! Report renderers over a check of corpus-shaped claims: the ranked conflict sentences
//! first in every format, charts only where origins meet, escaping, the page on a phone.

mod compare_support;

use claimcheck::claim::Claim;
use claimcheck::compare::{Check, FxTable, check};
use claimcheck::interval::{Bound, Interval};
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
        title: Some("生成式大模型含金量如何?".into()),
        url: Some("https://example.org/003".into()),
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
            .measure("price")
            .exact("30")
            .per(Per::Month)
            .quote("价格为 30美元|月 (每用户)\n<b>粗</b>", 40)
            .mentions(2),
    );
    claims.push(
        claim("000-30", "000", "cost", "GPT-3", CNY, "约1000万元")
            .measure("training cost per run")
            .approx("10000000")
            .dated("2023-07"),
    );
    claims.push(
        claim("003-30", "003", "cost", "GPT-3", USD, "约140万美元")
            .measure("training cost per run")
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
fn text_report_opens_with_the_ranked_conflict_sentences() {
    let (result, claims, docs) = fixture();
    let text = render(&result, &claims, &docs, Format::Text, false);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[1].starts_with("groups: "), "{lines:?}");
    assert!(text.contains("005_x.txt: skipped"));
    let at = lines
        .iter()
        .position(|l| *l == "Conflicts, strongest first:")
        .unwrap();
    // The gap (2 months vs 3 years) disagrees more than 116 vs >120, so it comes first.
    assert!(
        lines[at + 1].starts_with(" 1. China · gap to OpenAI: "),
        "{}",
        lines[at + 1]
    );
    let llm = lines
        .iter()
        .find(|l| l.starts_with(" 2. China · LLMs: "))
        .expect("the LLM-count story in one sentence");
    for part in [
        // Two origins agreeing on one value share one phrase.
        "79个 (中国科学技术信息研究所所长赵志耕; 星海情报局, 2023-05-28)",
        "116个 (腾讯研究院副秘书长杨望, 2023-07)",
        "超过了230家 (生成式大模型含金量如何?, 2023-09 assumed)",
        "; related: 130家 LLM makers (优刻得CEO季昕华, 2023-07)",
    ] {
        assert!(llm.contains(part), "{part} not in {llm}");
    }
    assert!(!text.contains('\x1b'), "no colour unless asked");
    assert!(text.contains("> 230 count"), "open bound shown");
    assert!(text.contains("[100, 1000) count"), "half-open range shown");
    assert!(text.contains("(003:3)"), "quote located by source:line");
    assert!(
        text.contains("≈ 10000000 CNY (≈ "),
        "original and converted money"
    );
    assert!(text.contains("≥ 2 years (= ≥ 730.5 days)"));
    // Quotes are shown without converter debris.
    assert!(text.contains("國內的大模型已經超過了120個"), "{text}");
    // Single-origin groups are one line each.
    assert!(text.contains("Single-origin figures (2 groups):"));
    assert!(text.contains("Copilot · price: 30美元/月 (002)"));
    let coloured = render(&result, &claims, &docs, Format::Text, true);
    assert!(coloured.contains("\x1b[1;31m[CONFLICT]"));
}

#[test]
fn markdown_has_the_same_sentences_and_escapes_article_text() {
    let (result, claims, docs) = fixture();
    let md = render(&result, &claims, &docs, Format::Markdown, false);
    let text = render(&result, &claims, &docs, Format::Text, false);
    assert!(md.starts_with("# claimcheck report\n\n"));
    // The same ranking and sentences as the text report.
    let sentences = |s: &str, prefix: &str| -> Vec<String> {
        s.lines()
            .filter_map(|l| l.trim_start().strip_prefix(prefix).map(str::to_string))
            .collect()
    };
    let first_md = sentences(&md, "1. ");
    let first_text = sentences(&text, "1. ");
    assert!(first_md[0].starts_with(&first_text[0][..first_text[0].find(" [").unwrap()]));
    assert!(md.contains("30美元\\|月"), "pipe in a quote is escaped");
    assert!(
        md.contains("&lt;b&gt;粗&lt;/b&gt;"),
        "raw HTML shows as text"
    );
    assert!(!md.contains("<b>"));
    for row in md
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains("(0"))
    {
        let pipes = row.replace("\\|", "").matches('|').count();
        assert!(pipes == 6 || pipes == 7, "{row}");
    }
    assert!(md.contains("## Single-origin figures (2 groups)"));
}

#[test]
fn json_follows_the_documented_schema() {
    let (result, claims, docs) = fixture();
    let json = render(&result, &claims, &docs, Format::Json, false);
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(v["schema"], SCHEMA);
    assert_eq!(v["summary"]["claims"], claims.len());
    assert_eq!(v["summary"]["notes"][0], "005_x.txt: skipped, not text");
    let ranking = v["ranking"].as_array().unwrap();
    assert!(
        ranking[0]["sentence"]
            .as_str()
            .unwrap()
            .starts_with("China · gap to OpenAI")
    );
    let groups = v["groups"].as_array().unwrap();
    for key in [
        "id",
        "title",
        "kind",
        "subject",
        "measure",
        "scope",
        "verdict",
        "reason",
        "origins",
        "counts",
        "claims",
        "conflicts",
        "clusters",
        "related",
    ] {
        assert!(
            groups.iter().all(|g| g.get(key).is_some()),
            "groups lack {key}"
        );
    }
    let llm = groups
        .iter()
        .find(|g| g["title"] == "China · LLMs")
        .unwrap();
    assert_eq!(llm["verdict"], "conflict");
    assert!(llm["counts"]["conflicts"].as_u64().unwrap() >= 1);
    assert!(
        llm["conflicts"][0]["reason"]
            .as_str()
            .unwrap()
            .contains(" vs ")
    );
    assert_eq!(llm["related"].as_array().unwrap().len(), 1);
    let all = v["claims"].as_array().unwrap();
    assert_eq!(all.len(), claims.len());
    let cny = all.iter().find(|c| c["claim_id"] == "000-30").unwrap();
    assert_eq!(cny["low"], "10000000", "decimals as plain strings");
    assert_eq!(cny["fx_month"], "2023-07");
    let count = all.iter().find(|c| c["claim_id"] == "003-02").unwrap();
    assert_eq!(count["source_title"], "生成式大模型含金量如何?");
    assert_eq!(count["origin"], "腾讯研究院副秘书长杨望");
    assert_eq!(json, render(&result, &claims, &docs, Format::Json, false));
}

#[test]
fn html_works_on_a_phone_and_charts_only_where_origins_meet() {
    let (result, claims, docs) = fixture();
    let html = render(&result, &claims, &docs, Format::Html, false);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    );
    // The ranked sentences come before any group.
    let story = html.find("Conflicts, strongest first").unwrap();
    assert!(story < html.find("<section class=\"group\"").unwrap());
    // Charts: one per group with two or more origins, none for the single-origin price.
    let multi = result.groups.iter().filter(|g| g.origins >= 2).count();
    assert_eq!(html.matches("<svg").count(), multi);
    assert!(html.contains("Single-origin figures (2 groups)"));
    // Values are labelled on the chart, money reads as money.
    assert!(
        html.contains(">&gt;120</text>") || html.contains(">&gt;230</text>"),
        "labels"
    );
    assert!(html.contains(">$1.4M</text>"), "money in M");
    assert!(!html.contains("e8<") && !html.contains("e9<"));
    // The vague 上百 bar does not stretch the LLM chart to 1000.
    let llm = &html[html.find("China · LLMs</h3>").unwrap()..];
    let svg = &llm[..llm.find("</svg>").unwrap()];
    assert!(
        !svg.contains(">1000</text>") && !svg.contains(">1500</text>"),
        "{svg}"
    );
    assert!(
        svg.contains(">100–1000</text>"),
        "the bar is labelled with its range"
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
    // Titles instead of file stems; quotes cleaned, originals one click away.
    assert!(html.contains("生成式大模型含金量如何? <small>(003)</small>"));
    assert!(
        html.contains("<summary>國內的大模型已經超過了120個</summary>"),
        "cleaned"
    );
    assert!(html.contains("original: 國內(nèi)的大模型已經(jīng)超過了120個"));
    assert!(html.contains("<a href=\"#src-003-L3\">003:3</a>"));
    assert!(html.contains("<mark title=\"003-02\">116个</mark>"));
    assert!(html.contains("标题 &lt;b&gt;&amp;"));
    assert!(!html.contains('\r'));
    assert!(
        !html.contains("href=\"#src-000-"),
        "no links to articles not supplied"
    );
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
fn long_conflict_lists_are_counted_and_bounded() {
    let claims: Vec<Claim> = (1..=10)
        .map(|i| {
            let v = (i * 100 + 7).to_string();
            claim(
                &format!("c{i:02}"),
                &format!("{i:03}"),
                "share",
                "x",
                MODELS,
                &v,
            )
            .measure("share")
            .exact(&v)
        })
        .collect();
    let result = check(&claims, &policies(), &FxTable::bundled());
    assert_eq!(result.groups[0].counts.conflicts, 45);
    let text = render(&result, &claims, &[], Format::Text, false);
    assert_eq!(text.lines().filter(|l| l.starts_with("  ✗ ")).count(), 8);
    assert!(text.contains("… 37 more conflicting pairs (`report --all-pairs` lists every one)"));
    let json = render(&result, &claims, &[], Format::Json, false);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["groups"][0]["counts"]["conflicts"], 45);
    assert_eq!(v["groups"][0]["conflicts_complete"], false);
}

#[test]
fn charts_handle_undated_and_unbounded_figures() {
    let mut unbounded = claim("c3", "003", "share", "x", MODELS, "若干").measure("m");
    unbounded.qualifier = claimcheck::quantity::Qualifier::Range;
    let claims = vec![
        claim("c1", "001", "share", "x", MODELS, "50")
            .measure("m")
            .exact("50")
            .dated("2023-03"),
        {
            let mut c = claim("c2", "002", "share", "x", MODELS, "不到40").measure("m");
            c.value = Interval::new(None, Some(Bound::open(d("40"))));
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
    let lone = vec![claim("c9", "009", "share", "y", MODELS, "若干").measure("m")];
    let result = check(&lone, &policies(), &FxTable::bundled());
    let html = render(&result, &lone, &[], Format::Html, false);
    assert!(!html.contains("<svg"));
    assert!(html.contains("若干"));
}
