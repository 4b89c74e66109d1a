//! The checker on claims shaped like the bundled corpus.

mod compare_support;

use claimcheck::claim::Claim;
use claimcheck::compare::{Check, FxTable, Group, KindPolicy, Policies, Verdict, check};
use claimcheck::quantity::Per;
use compare_support::*;

fn run(claims: &[Claim]) -> Check {
    check(claims, &policies(), &FxTable::bundled())
}

fn group<'a>(c: &'a Check, subject: &str) -> &'a Group {
    c.groups
        .iter()
        .find(|g| g.subject == subject)
        .unwrap_or_else(|| panic!("no group for {subject}"))
}

fn has_conflict(g: &Group, a: &str, b: &str) -> bool {
    g.conflicts
        .iter()
        .any(|c| (c.a == a && c.b == b) || (c.a == b && c.b == a))
}

#[test]
fn china_llm_counts_conflict_but_the_two_79s_corroborate() {
    let claims = china_llm_counts();
    let result = run(&claims);
    assert_eq!(result.groups.len(), 1);
    let g = &result.groups[0];
    assert_eq!(g.verdict, Verdict::Conflict, "{}", g.reason);
    // Every figure is listed, in as-of order (undated would come last; >230 is assumed 2023-09).
    let ids: Vec<&str> = g.claim_ids().collect();
    assert_eq!(
        ids,
        [
            "000-02", "003-01", "001-01", "003-02", "000-01", "003-03", "003-04"
        ]
    );
    // 116 models vs 130 companies, and 116 vs more than 120, in the same month.
    assert!(has_conflict(g, "003-02", "003-03"));
    assert!(has_conflict(g, "003-02", "000-01"));
    assert_eq!(g.conflicts.len(), 2, "{:#?}", g.conflicts);
    // The rising 79 → 116 is a timeline, not a conflict.
    assert!(!has_conflict(g, "003-01", "003-02"));
    assert!(
        g.corroborations
            .contains(&vec!["000-02".to_string(), "003-01".to_string()]),
        "{:?}",
        g.corroborations
    );
    // Every corroboration spans two sources; no cluster holds a conflicting pair.
    for cluster in &g.corroborations {
        for a in cluster {
            for b in cluster {
                assert!(!has_conflict(g, a, b));
            }
        }
    }
    let conflict = g
        .conflicts
        .iter()
        .find(|c| has_conflict(g, "003-02", "003-03") && c.b == "003-03")
        .unwrap();
    assert!(
        conflict
            .reason
            .contains("counted nouns differ (模型 vs 公司)"),
        "{}",
        conflict.reason
    );
    assert!(
        conflict
            .reason
            .contains("kinds differ (model_count vs org_count)")
    );
    assert!(conflict.reason.contains("same period"));
    assert!(
        conflict
            .reason
            .contains("116个 (2023-07, 腾讯研究院副秘书长杨望)")
    );
    assert!(g.reason.contains("rising — but"), "{}", g.reason);
    assert!(g.reason.contains("2 conflicting pairs"), "{}", g.reason);
    assert_eq!(
        g.sources, 7,
        "three speakers and the unattributed line in 003, two in 000, one in 001"
    );
    assert_eq!(result.summary.sources, 3);
    assert_eq!(result.summary.claims, 7);
}

#[test]
fn assumed_dates_are_flagged_in_reasons() {
    // >230 (publication date 2023-09) against a stated 300 in 2023-09 from another document.
    let mut claims = china_llm_counts();
    claims.push(
        claim(
            "002-01",
            "002",
            "model_count",
            "China LLMs",
            MODELS,
            "300个",
        )
        .exact("300")
        .dated("2023-09-15"),
    );
    claims.push(
        claim(
            "002-02",
            "002",
            "model_count",
            "China LLMs",
            MODELS,
            "200个",
        )
        .exact("200")
        .dated("2023-09-20")
        .speaker("某机构"),
    );
    let g = &run(&claims).groups[0];
    let c = g
        .conflicts
        .iter()
        .find(|c| has_conflict(g, "003-04", "002-02") && (c.a == "003-04" || c.b == "003-04"))
        .unwrap();
    assert!(
        c.reason.contains("(date assumed from publication)"),
        "{}",
        c.reason
    );
    assert!(c.reason.contains("2023-09 assumed"), "{}", c.reason);
    assert!(!has_conflict(g, "003-04", "002-01"));
}

#[test]
fn gap_to_openai_conflicts_across_speakers_of_one_document() {
    let result = run(&gap_to_openai());
    let g = group(&result, "China vs OpenAI");
    assert_eq!(g.verdict, Verdict::Conflict);
    assert_eq!(g.common_unit, "days");
    assert!(has_conflict(g, "000-10", "000-11"), "{:#?}", g.conflicts);
    assert!(has_conflict(g, "000-10", "004-01"));
    assert!(!has_conflict(g, "000-11", "004-01"));
    assert_eq!(
        g.corroborations,
        vec![vec!["004-01".to_string(), "000-11".to_string()]],
        "members in as-of order"
    );
    // Durations compare in days: 2 months = 60.88 days, 3 years = 1095.75 days.
    assert!(g.reason.contains("60.88"), "{}", g.reason);
    assert!(g.conflicts.iter().any(|c| c.reason.contains("1095.75")));
    assert_eq!(g.sources, 3);
}

#[test]
fn one_document_stating_a_price_three_times_is_single() {
    let claims = vec![
        claim(
            "002-05",
            "002",
            "price",
            "Microsoft 365 Copilot",
            USD,
            "30美元/月",
        )
        .exact("30")
        .per(Per::Month)
        .published("2023-07")
        .quote("每用户每月30美元", 40)
        .mentions(2),
    ];
    let result = run(&claims);
    let g = &result.groups[0];
    assert_eq!(g.verdict, Verdict::Single);
    assert!(g.corroborations.is_empty());
    assert_eq!(g.common_unit, "USD/month");
    assert!(g.reason.contains("stated 3 times"), "{}", g.reason);
    assert_eq!(result.summary.single, 1);
    assert_eq!(result.summary.corroborated, 0);
}

#[test]
fn a_source_never_contradicts_itself_but_differences_are_noted() {
    let claims = vec![
        claim("000-60", "000", "gpu", "Silicon Valley", MODELS, "100萬").exact("1000000"),
        claim("000-61", "000", "gpu", "Silicon Valley", MODELS, "1000萬").exact("10000000"),
    ];
    let g = &run(&claims).groups[0];
    assert_eq!(g.verdict, Verdict::Single);
    assert!(g.conflicts.is_empty());
    assert!(
        g.reason.contains(
            "100萬 (undated, 000) and 1000萬 (undated, 000) come from the same source and differ"
        ),
        "{}",
        g.reason
    );
}

#[test]
fn the_best_attested_conflict_leads_the_reason() {
    // An unattributed figure with an assumed date conflicts too, but the reason names the
    // pair with stated dates and speakers.
    let mut claims = china_llm_counts();
    claims.push(
        claim(
            "004-09",
            "004",
            "model_count",
            "China LLMs",
            MODELS,
            "三五家",
        )
        .range("3", "5", false)
        .published("2023-07"),
    );
    let g = &run(&claims).groups[0];
    assert!(has_conflict(g, "004-09", "003-02"));
    let first = &g.conflicts[0];
    assert!(!first.reason.contains("assumed"), "{}", first.reason);
    assert!(g.reason.contains(&first.reason), "{}", g.reason);
}

#[test]
fn different_subjects_never_compare() {
    let claims = vec![
        claim(
            "000-20",
            "000",
            "cost",
            "ChatGPT electricity",
            USD,
            "至少5万美元",
        )
        .at_least("50000")
        .per(Per::Day)
        .published("2023-07"),
        claim("000-21", "000", "cost", "ChatGPT", USD, "约70万美元")
            .approx("700000")
            .per(Per::Day)
            .published("2023-07"),
        claim("003-20", "003", "cost", "ChatGPT", USD, "1万美元")
            .exact("10000")
            .published("2023-09"),
    ];
    let result = run(&claims);
    assert_eq!(
        result.groups.len(),
        3,
        "a daily rate and a total are different groups"
    );
    assert!(result.groups.iter().all(|g| g.verdict == Verdict::Single));
    assert_eq!(result.summary.conflicts, 0);
}

#[test]
fn money_compares_in_usd_after_conversion() {
    // 约1000万元 in 2023-07 is about 1.39 million USD: agrees with 约140万美元.
    let agree = vec![
        claim("000-30", "000", "cost", "GPT-3 training", CNY, "约1000万元")
            .approx("10000000")
            .dated("2023-07"),
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
    ];
    let result = run(&agree);
    let g = &result.groups[0];
    assert_eq!(g.verdict, Verdict::Corroborated, "{}", g.reason);
    assert_eq!(g.common_unit, "USD");
    let cny = g.figure("000-30").unwrap();
    let fx = cny.fx.expect("converted");
    assert_eq!(fx.month.to_string(), "2023-07");
    assert_eq!(cny.normalized.low.unwrap().value, d("10000000") * fx.rate);

    // 5000万元 is about 7 million USD: no qualifier stretches that to 1.4 million.
    let disagree = vec![
        claim("000-31", "000", "cost", "GPT-3 training", CNY, "5000万元")
            .exact("50000000")
            .dated("2023-07"),
        claim(
            "003-31",
            "003",
            "cost",
            "GPT-3 training",
            USD,
            "约140万美元",
        )
        .approx("1400000")
        .dated("2023-07"),
    ];
    let result = run(&disagree);
    let g = &result.groups[0];
    assert_eq!(g.verdict, Verdict::Conflict);
    assert!(g.reason.contains("USD"), "{}", g.reason);
}

#[test]
fn one_currency_compares_natively_without_rate_drift() {
    // The yuan fell about 7% against the dollar between January and September 2023;
    // the same 1000万元 stated in both months must still agree exactly.
    let same = vec![
        claim("000-32", "000", "cost", "A100 cluster", CNY, "1000万元")
            .exact("10000000")
            .dated("2023-01"),
        claim("003-32", "003", "cost", "A100 cluster", CNY, "1000万元")
            .exact("10000000")
            .dated("2023-09"),
    ];
    let result = run(&same);
    let g = &result.groups[0];
    assert_eq!(g.verdict, Verdict::Corroborated, "{}", g.reason);
    assert_eq!(g.common_unit, "CNY");
    // Each still carries its USD value for the report.
    let jan = g.figure("000-32").unwrap().usd.unwrap();
    let sep = g.figure("003-32").unwrap().usd.unwrap();
    assert!(jan.low.unwrap().value > sep.low.unwrap().value);
    // Natively, 1050万 vs 1000万 is a plain disagreement (no FX margin to hide it).
    let mut off = same.clone();
    off[1] = off[1].clone().exact("10500000");
    assert_eq!(run(&off).groups[0].verdict, Verdict::Conflict);
}

#[test]
fn users_rise_as_a_timeline_until_a_later_figure_falls_below() {
    let users = |id: &str, src: &str, written: &str, v: &str, at: &str| {
        claim(id, src, "users", "ERNIE Bot users", MODELS, written)
            .exact(v)
            .dated(at)
    };
    let rising = vec![
        users("002-40", "002", "2000万", "20000000", "2023-06"),
        users("000-40", "000", "1000万", "10000000", "2023-03"),
    ];
    let result = run(&rising);
    let g = &result.groups[0];
    assert_eq!(g.verdict, Verdict::Timeline, "{}", g.reason);
    assert_eq!(g.claim_ids().collect::<Vec<_>>(), ["000-40", "002-40"]);
    assert!(
        g.reason
            .contains("1000万 (2023-03, 000) → 2000万 (2023-06, 002)"),
        "{}",
        g.reason
    );
    assert_eq!(result.summary.timelines, 1);

    let mut falling = rising.clone();
    falling.push(users("004-40", "004", "500万", "5000000", "2023-09"));
    let g = &run(&falling).groups[0];
    assert_eq!(g.verdict, Verdict::Conflict);
    assert!(has_conflict(g, "000-40", "004-40"));
    assert!(has_conflict(g, "002-40", "004-40"));
    assert!(
        g.conflicts[0]
            .reason
            .contains("later figure is below the earlier one")
    );

    // Without the cumulative policy the same rising figures simply disagree.
    let plain = check(&rising, &Policies::default(), &FxTable::bundled());
    assert_eq!(plain.groups[0].verdict, Verdict::Conflict);
}

#[test]
fn groups_are_ordered_conflicts_first_and_ids_follow_order() {
    let mut claims = china_llm_counts();
    claims.extend(gap_to_openai());
    claims.push(
        claim("002-05", "002", "price", "Copilot", USD, "30美元/月")
            .exact("30")
            .per(Per::Month),
    );
    claims.push(claim("000-50", "000", "params", "GPT-3", MODELS, "1750亿").exact("175000000000"));
    claims.push(claim("003-50", "003", "params", "GPT-3", MODELS, "1750亿").exact("175000000000"));
    let result = run(&claims).with_notes(&["005.txt: skipped (binary)".to_string()]);
    let order: Vec<(&str, Verdict)> = result
        .groups
        .iter()
        .map(|g| (g.family.as_str(), g.verdict))
        .collect();
    assert_eq!(
        order,
        [
            ("gap", Verdict::Conflict),
            ("model_count", Verdict::Conflict),
            ("params", Verdict::Corroborated),
            ("price", Verdict::Single),
        ]
    );
    let ids: Vec<&str> = result.groups.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, ["g001", "g002", "g003", "g004"]);
    let s = &result.summary;
    assert_eq!(
        (s.groups, s.conflicts, s.corroborated, s.single),
        (4, 2, 1, 1)
    );
    assert_eq!(s.notes, ["005.txt: skipped (binary)"]);
    // Deterministic: the same input in reverse gives the same result.
    let mut reversed = claims.clone();
    reversed.reverse();
    let again = run(&reversed).with_notes(&["005.txt: skipped (binary)".to_string()]);
    let reasons = |c: &Check| {
        c.groups
            .iter()
            .map(|g| g.reason.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(reasons(&result), reasons(&again));
}

#[test]
fn tolerances_come_from_the_family_policy() {
    let claims = vec![
        claim("a", "000", "share", "x", MODELS, "约100").approx("100"),
        claim("b", "001", "share", "x", MODELS, "115").exact("115"),
    ];
    let loose = run(&claims);
    assert_eq!(loose.groups[0].verdict, Verdict::Conflict, "±10% default");
    let mut p = Policies::default();
    p.0.insert(
        "share".into(),
        KindPolicy {
            approx_tolerance: d("0.2"),
            ..KindPolicy::default()
        },
    );
    let wide = check(&claims, &p, &FxTable::bundled());
    assert_eq!(wide.groups[0].verdict, Verdict::Corroborated);
}
