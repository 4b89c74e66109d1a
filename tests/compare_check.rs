//! The checker on claims shaped like the bundled corpus and the dev corpus's look-alikes:
//! verdicts say only what the evidence supports (issue 10).

mod compare_support;

use claimcheck::claim::Claim;
use claimcheck::compare::{
    Check, CheckOptions, FxTable, Group, KindPolicy, Policies, Relation, Verdict, check, check_with,
};
use claimcheck::quantity::{Currency, Per, Unit};
use compare_support::*;

fn run(claims: &[Claim]) -> Check {
    check(claims, &policies(), &FxTable::bundled())
}

fn index(claims: &[Claim], id: &str) -> usize {
    claims
        .iter()
        .position(|c| c.claim_id == id)
        .unwrap_or_else(|| panic!("no claim {id}"))
}

fn rel(c: &Check, claims: &[Claim], a: &str, b: &str) -> Relation {
    c.relation(index(claims, a), index(claims, b))
}

fn group_of<'a>(c: &'a Check, claims: &[Claim], id: &str) -> &'a Group {
    c.place(index(claims, id)).expect("checked").0
}

fn has_conflict(g: &Group, a: &str, b: &str) -> bool {
    g.conflicts
        .iter()
        .any(|c| (c.a == a && c.b == b) || (c.a == b && c.b == a))
}

#[test]
fn models_and_companies_are_related_groups_not_one() {
    let claims = china_llm_counts();
    let result = run(&claims);
    let models = group_of(&result, &claims, "003-02");
    let makers = group_of(&result, &claims, "003-03");
    assert_ne!(models.id, makers.id, "companies are not models");
    assert_eq!(models.title(), "China · LLMs");
    assert_eq!(makers.title(), "China · LLM makers");
    assert_eq!(
        rel(&result, &claims, "003-02", "003-03"),
        Relation::Different
    );
    // Shown side by side as related groups.
    let makers_index = result
        .groups
        .iter()
        .position(|g| g.id == makers.id)
        .unwrap();
    assert!(
        models.related.contains(&makers_index),
        "{:?}",
        models.related
    );
}

#[test]
fn china_llm_count_conflicts_in_one_month_and_rises_over_time() {
    let claims = china_llm_counts();
    let result = run(&claims);
    let g = group_of(&result, &claims, "003-02");
    assert_eq!(g.verdict, Verdict::Conflict, "{}", g.reason);
    // 116 models (Tencent Research, 2023-07) vs more than 120 (星海, 2023-07).
    assert_eq!(
        rel(&result, &claims, "003-02", "000-01"),
        Relation::Conflict
    );
    assert!(has_conflict(g, "003-02", "000-01"), "{:#?}", g.conflicts);
    // 79 (May) → 116 (July) is growth, not a contradiction.
    assert_eq!(
        rel(&result, &claims, "003-01", "003-02"),
        Relation::Timeline
    );
    // The two 79s agree: ISTIC via 003 and 星海情报局 in 000 are independent origins.
    assert_eq!(rel(&result, &claims, "003-01", "000-02"), Relation::Agree);
    assert!(
        g.clusters
            .iter()
            .any(|c| c.origins == 2 && c.ids(&claims).contains(&"000-02")),
        "{:?}",
        g.clusters
    );
    // Every figure is listed in as-of order.
    let ids: Vec<&str> = g
        .claim_indices()
        .map(|i| claims[i].claim_id.as_str())
        .collect();
    assert_eq!(ids[..2], ["003-01", "000-02"]);
    assert_eq!(ids.last(), Some(&"003-04"));
    let c = g
        .conflicts
        .iter()
        .find(|c| has_conflict(g, "003-02", "000-01") && (c.a == "000-01" || c.b == "000-01"))
        .unwrap();
    assert!(c.reason.contains("same period"), "{}", c.reason);
    assert!(
        c.reason.contains("116个 (2023-07, 腾讯研究院副秘书长杨望)"),
        "{}",
        c.reason
    );
    assert_eq!(result.summary.sources, 3);
    assert_eq!(result.summary.claims, 7);
}

#[test]
fn speaker_abbreviations_in_one_document_are_one_origin() {
    // 星海 and 星海情报局 in 000: one speaker.
    let claims = china_llm_counts();
    let result = run(&claims);
    let o = |id: &str| result.place(index(&claims, id)).unwrap().1.origin;
    assert_eq!(o("000-01"), o("000-02"));
    assert_ne!(o("003-01"), o("003-02"), "three bodies quoted in 003");
    assert_eq!(result.origin_label(o("000-01")), "星海情报局");
}

#[test]
fn one_origin_never_contradicts_itself() {
    // `80%还要多` and `80%` by the same author: a restatement, not a conflict.
    let claims = vec![
        claim("000-30", "000", "share", "China+US", Unit::Percent, "80%")
            .measure("share of the world's LLM makers")
            .exact("80")
            .published("2023-07"),
        claim(
            "000-31",
            "000",
            "share",
            "China+US",
            Unit::Percent,
            "80%还要多",
        )
        .measure("share of the world's LLM makers")
        .over("80")
        .published("2023-07"),
        claim("000-32", "000", "share", "China+US", Unit::Percent, "90%")
            .measure("share of the world's LLM makers")
            .exact("90")
            .published("2023-07"),
    ];
    let result = run(&claims);
    let g = &result.groups[0];
    assert_eq!(g.verdict, Verdict::Single, "{}", g.reason);
    assert_eq!(g.counts.conflicts, 0);
    assert_eq!(rel(&result, &claims, "000-30", "000-31"), Relation::Agree);
    assert_eq!(
        rel(&result, &claims, "000-30", "000-32"),
        Relation::Restated
    );
    assert!(
        g.reason.contains("stated 3 times by one origin"),
        "{}",
        g.reason
    );
}

#[test]
fn one_origin_giving_two_values_at_two_stated_moments_tells_a_timeline() {
    // A flow: the text's own figure (dated by publication) against the period
    // it states for the other (`上年同期`), and a year against a day in it.
    let claims = vec![
        claim("000-50", "000", "loss", "Acme", USD, "64亿")
            .measure("net loss")
            .exact("6400000000")
            .published("2024-04-03"),
        claim("000-51", "000", "loss", "Acme", USD, "60亿")
            .measure("net loss")
            .exact("6000000000")
            .dated("2023")
            .published("2024-04-03"),
        claim("000-52", "000", "valuation", "Acme", USD, "$86 billion")
            .measure("valuation")
            .exact("86000000000")
            .dated("2024")
            .published("2024-10-03"),
        claim("000-53", "000", "valuation", "Acme", USD, "$157 billion")
            .measure("valuation")
            .exact("157000000000")
            .published("2024-10-03"),
        // Both dated by publication only: no moment tells them apart.
        claim("000-54", "000", "valuation", "Acme", USD, "$90 billion")
            .measure("valuation")
            .exact("90000000000")
            .published("2024-10-03"),
    ];
    let result = run(&claims);
    assert_eq!(
        rel(&result, &claims, "000-50", "000-51"),
        Relation::Timeline
    );
    assert_eq!(
        rel(&result, &claims, "000-52", "000-53"),
        Relation::Timeline
    );
    assert_eq!(
        rel(&result, &claims, "000-53", "000-54"),
        Relation::Restated
    );
    // Another origin's flow dated by publication alone still has no known period.
    let mut other = claims[0].clone();
    other.source = "001".into();
    other.claim_id = "001-50".into();
    let two = vec![other, claims[1].clone()];
    let result = run(&two);
    assert_eq!(rel(&result, &two, "001-50", "000-51"), Relation::Unordered);
    assert!(result.groups.iter().all(|g| g.counts.conflicts == 0));
}

#[test]
fn in_a_text_without_a_date_different_dating_words_tell_a_timeline() {
    // A growing count (the test policies make `users` cumulative).
    let price = |id: &str, v: &str| {
        claim(id, "003", "users", "ERNIE Bot", MODELS, v)
            .measure("users")
            .approx(v)
    };
    let claims = vec![
        // `今年3月已经涨到130万元/台` … `现在大约160万元/台`
        price("003-1", "1300000").said_when("今年3月"),
        price("003-2", "1600000"),
        // `去年12月…仅为100万`: other words, another moment.
        price("003-3", "1000000").said_when("去年12月"),
        // The same words twice: one moment, so two values are two scopes.
        price("003-4", "700000").said_when("去年12月"),
    ];
    let result = run(&claims);
    assert_eq!(rel(&result, &claims, "003-1", "003-2"), Relation::Timeline);
    assert_eq!(rel(&result, &claims, "003-1", "003-3"), Relation::Timeline);
    assert_eq!(rel(&result, &claims, "003-3", "003-4"), Relation::Restated);
    // Between origins the words say nothing: an undated difference stays unordered.
    let mut other = claims[0].clone();
    other.source = "004".into();
    other.claim_id = "004-1".into();
    let two = vec![other, claims[1].clone()];
    let result = run(&two);
    assert_eq!(rel(&result, &two, "004-1", "003-2"), Relation::Unordered);
}

#[test]
fn a_share_of_revenue_belongs_to_its_period_as_revenue_does() {
    // The first half's share (`1H23 … 20.3%`) against an undated one (the year's 34.8%).
    let share = |id: &str, src: &str, v: &str| {
        claim(id, src, "share", "SenseTime", Unit::Percent, v)
            .measure("share of revenue")
            .exact(v)
    };
    let claims = vec![
        share("022-1", "022", "20.3").dated("2023"),
        share("024-1", "024", "34.8"),
        // A market share is a state: an undated difference stays a conflict.
        claim("030-1", "030", "share", "China", Unit::Percent, "40%")
            .measure("share")
            .exact("40")
            .dated("2023"),
        claim("031-1", "031", "share", "China", Unit::Percent, "36%")
            .measure("share")
            .exact("36"),
    ];
    let result = run(&claims);
    assert_eq!(rel(&result, &claims, "022-1", "024-1"), Relation::Unordered);
    assert!(group_of(&result, &claims, "022-1").flow);
    assert_eq!(rel(&result, &claims, "030-1", "031-1"), Relation::Conflict);
}

#[test]
fn a_property_of_one_thing_said_at_two_dates_agrees() {
    let params = |id: &str, src: &str, at: &str| {
        claim(id, src, "param_count", "GPT-4", MODELS, "1.8万亿")
            .measure("parameters")
            .exact("1800000000000")
            .published(at)
    };
    let claims = vec![
        params("008-1", "008", "2023-07-13"),
        params("010-1", "010", "2024-06-06"),
    ];
    let result = run(&claims);
    assert_eq!(rel(&result, &claims, "008-1", "010-1"), Relation::Agree);
    // A count that grows, unchanged between two dates, is a timeline.
    let users = vec![
        users("001-1", "001", "100000000", "2023-05"),
        users("002-1", "002", "100000000", "2023-09"),
    ];
    let result = run(&users);
    assert_eq!(rel(&result, &users, "001-1", "002-1"), Relation::Timeline);
}

#[test]
fn the_author_named_in_the_byline_is_the_document() {
    let claims = vec![
        claim("000-40", "000", "share", "World", Unit::Percent, "80%")
            .measure("share")
            .exact("80")
            .speaker("星海")
            .published("2023-07"),
        claim("000-41", "000", "share", "World", Unit::Percent, "90%")
            .measure("share")
            .exact("90")
            .published("2023-07"),
    ];
    let mut options = CheckOptions::default();
    options.authors.insert(
        "000".into(),
        claimcheck::compare::origin::authors_of(
            "本文来自微信公众号 星海情报局(ID:x),作者:星海老局",
        ),
    );
    let result = check_with(&claims, &policies(), &FxTable::bundled(), &options);
    assert_eq!(
        rel(&result, &claims, "000-40", "000-41"),
        Relation::Restated
    );
    assert_eq!(result.summary.conflicting_pairs, 0);
    // Without the byline the speaker is someone the author quotes.
    let plain = run(&claims);
    assert_eq!(rel(&plain, &claims, "000-40", "000-41"), Relation::Conflict);
}

#[test]
fn articles_quoting_one_report_are_one_origin() {
    let c = |id: &str, src: &str, v: &str| {
        claim(id, src, "gpu_count", "ByteDance", MODELS, v)
            .measure("GPUs ordered")
            .exact(v)
            .dated("2023-08")
    };
    let claims = vec![
        c("005-1", "005", "70000").speaker("FT"),
        c("006-1", "006", "70000").speaker("据FT报道"),
        c("007-1", "007", "70000").speaker("Morgan Stanley"),
    ];
    let result = run(&claims);
    let g = &result.groups[0];
    assert_eq!(g.origins, 2, "FT twice is one origin");
    assert_eq!(g.documents, 3);
    assert_eq!(g.clusters[0].origins, 2);
    assert_eq!(g.verdict, Verdict::Corroborated);
    // A sentence copied into another article is a repost, not a witness.
    let copy = "据不完全统计国内已经发布了七十九个大模型产品";
    let reposted = vec![
        claim("a", "001", "model_count", "China", MODELS, "79")
            .measure("LLMs")
            .exact("79")
            .dated("2023-05")
            .quote(copy, 3),
        claim("b", "002", "model_count", "China", MODELS, "79")
            .measure("LLMs")
            .exact("79")
            .dated("2023-05")
            .quote(copy, 9),
    ];
    let result = run(&reposted);
    assert_eq!(result.groups[0].origins, 1);
    assert_eq!(result.groups[0].verdict, Verdict::Single);
}

#[test]
fn claims_without_a_subject_stand_alone() {
    let claims = vec![
        claim("x1", "001", "model_count", "", MODELS, "10").exact("10"),
        claim("x2", "002", "model_count", "", MODELS, "20").exact("20"),
    ];
    let result = run(&claims);
    assert_eq!(result.groups.len(), 2);
    assert_eq!(rel(&result, &claims, "x1", "x2"), Relation::Different);
    assert_eq!(result.summary.conflicts, 0);
}

#[test]
fn claims_of_kind_other_are_never_checked() {
    let mut claims = china_llm_counts();
    let mut other = claim("o1", "001", "other", "China", MODELS, "7").exact("7");
    other.family = "other".into();
    claims.push(other);
    let result = run(&claims);
    assert!(result.place(claims.len() - 1).is_none());
    assert_eq!(result.summary.excluded, 1);
    assert_eq!(result.summary.claims, 7);
    assert_eq!(rel(&result, &claims, "o1", "003-02"), Relation::Unchecked);
}

#[test]
fn undated_differences_in_cumulative_families_are_unordered() {
    let claims = vec![
        claim("u1", "001", "model_count", "China", MODELS, "79")
            .measure("LLMs")
            .exact("79"),
        claim("u2", "002", "model_count", "China", MODELS, "130")
            .measure("LLMs")
            .exact("130"),
    ];
    let result = run(&claims);
    assert_eq!(rel(&result, &claims, "u1", "u2"), Relation::Unordered);
    let g = &result.groups[0];
    assert_eq!(g.verdict, Verdict::Unordered, "{}", g.reason);
    assert!(g.reason.contains("missing date"), "{}", g.reason);
    // A non-cumulative figure without a date can still be contradicted.
    let prices = vec![
        claim("p1", "027", "valuation", "OpenAI", USD, "$86 billion")
            .measure("valuation")
            .exact("86000000000")
            .dated("2024"),
        claim("p2", "028", "valuation", "OpenAI", USD, "$80 billion")
            .measure("valuation")
            .exact("80000000000"),
    ];
    let result = run(&prices);
    assert_eq!(rel(&result, &prices, "p1", "p2"), Relation::Conflict);
}

/// A user count of one product from source `src`, dated `at`.
fn users(id: &str, src: &str, v: &str, at: &str) -> Claim {
    claim(id, src, "users", "ERNIE Bot", MODELS, v)
        .measure("users")
        .exact(v)
        .dated(at)
}

#[test]
fn a_year_against_a_month_in_it_is_unordered_for_figures_that_change() {
    // 45,000 GPUs "in 2023" and 30,000 "in August 2023" may both hold: the year's
    // figure may be from December. Dated alike, they contradict each other.
    let claims = vec![
        users("y", "022", "45000000", "2023"),
        users("m", "023", "30000000", "2023-08"),
        users("m2", "024", "60000000", "2023-08"),
    ];
    let result = run(&claims);
    assert_eq!(rel(&result, &claims, "y", "m"), Relation::Unordered);
    assert_eq!(rel(&result, &claims, "m", "m2"), Relation::Conflict);
    // Without the year figure's coarse date, the same two values conflict.
    let mut same = claims[..2].to_vec();
    same[0] = users("y", "022", "45000000", "2023-08");
    assert_eq!(rel(&run(&same), &same, "y", "m"), Relation::Conflict);
}

#[test]
fn a_cumulative_count_that_falls_conflicts() {
    let claims = vec![
        users("a", "000", "10000000", "2023-03"),
        users("b", "002", "20000000", "2023-06"),
        users("c", "004", "5000000", "2023-09"),
    ];
    let result = run(&claims);
    assert_eq!(rel(&result, &claims, "a", "b"), Relation::Timeline);
    assert_eq!(rel(&result, &claims, "b", "c"), Relation::Conflict);
    assert!(
        result.groups[0].conflicts[0]
            .reason
            .contains("cumulative figure cannot fall"),
        "{}",
        result.groups[0].conflicts[0].reason
    );
    // Non-cumulative figures of different periods are a timeline either way.
    let plain = check(&claims[..2], &Policies::default(), &FxTable::bundled());
    assert_eq!(plain.groups[0].verdict, Verdict::Timeline);
}

#[test]
fn figures_agree_within_the_precision_written() {
    let rev = |id: &str, src: &str, w: &str, v: &str, unit: Unit, m: &str| {
        claim(id, src, "revenue", "SenseTime", unit, w)
            .measure(m)
            .exact(v)
            .dated("2023")
    };
    let claims = vec![
        rev(
            "24a",
            "024",
            "11.84亿元",
            "1184000000",
            CNY,
            "generative-AI revenue",
        ),
        rev(
            "23a",
            "023",
            "11.8億",
            "1180000000",
            CNY,
            "generative-AI revenue",
        ),
        rev(
            "24b",
            "024",
            "199.9%",
            "199.9",
            Unit::Percent,
            "generative-AI revenue growth",
        ),
        rev(
            "23b",
            "023",
            "200%",
            "200",
            Unit::Percent,
            "generative-AI revenue growth",
        ),
        rev(
            "24c",
            "024",
            "34.8%",
            "34.8",
            Unit::Percent,
            "generative-AI share of revenue",
        ),
        rev(
            "23c",
            "023",
            "35%",
            "35",
            Unit::Percent,
            "generative-AI share of revenue",
        ),
        rev(
            "x",
            "025",
            "12.9亿",
            "1290000000",
            CNY,
            "generative-AI revenue",
        ),
    ];
    let result = run(&claims);
    for (a, b) in [("24a", "23a"), ("24b", "23b"), ("24c", "23c")] {
        assert_eq!(rel(&result, &claims, a, b), Relation::Agree, "{a} {b}");
    }
    assert_eq!(rel(&result, &claims, "24a", "x"), Relation::Conflict);
}

#[test]
fn emphasis_read_as_exact_shows_the_contradiction() {
    // 高达50亿美元 (exact) against 30亿美元 in the same year.
    let claims = vec![
        claim("a", "028", "training_cost", "OpenAI", USD, "$7 billion")
            .measure("training spend")
            .exact("7000000000")
            .dated("2024"),
        claim("b", "029", "training_cost", "OpenAI", USD, "高达30亿美元")
            .measure("training spend")
            .exact("3000000000")
            .dated("2024"),
    ];
    let result = run(&claims);
    assert_eq!(result.groups[0].verdict, Verdict::Conflict);
}

#[test]
fn a_conversion_is_the_same_statement_but_meets_other_sources_via_fx() {
    let claims = vec![
        claim("018-a", "018", "funding", "Baichuan", USD, "3億美元")
            .measure("funding round")
            .exact("300000000")
            .dated("2023-10"),
        claim("018-b", "018", "funding", "Baichuan", CNY, "22億元")
            .measure("funding round")
            .exact("2200000000")
            .dated("2023-10")
            .converts("018-a"),
        claim("099-a", "099", "funding", "Baichuan", CNY, "30億元")
            .measure("funding round")
            .exact("3000000000")
            .dated("2023-10"),
    ];
    let result = run(&claims);
    let g = &result.groups[0];
    assert_eq!(g.common_unit, "USD");
    assert_eq!(
        rel(&result, &claims, "018-a", "018-b"),
        Relation::SameStatement
    );
    assert_eq!(g.origins, 2, "a conversion is no second origin");
    // 30亿元 is about 4.1亿美元: it conflicts with the figure and with its conversion.
    assert_eq!(rel(&result, &claims, "018-b", "099-a"), Relation::Conflict);
    assert_eq!(rel(&result, &claims, "018-a", "099-a"), Relation::Conflict);
}

#[test]
fn a_power_of_ten_apart_is_a_probable_unit_slip() {
    let claims = vec![
        claim("a", "001", "price", "Claude", USD, "30美元")
            .measure("API price per input token")
            .exact("30")
            .per(Per::Mtok)
            .dated("2024-11"),
        claim("b", "002", "price", "Claude", USD, "0.3美元")
            .measure("API price per input token")
            .exact("0.3")
            .per(Per::Mtok)
            .dated("2024-11"),
    ];
    let result = run(&claims);
    let g = &result.groups[0];
    assert_eq!(g.counts.slips, 1);
    assert_eq!(g.conflicts[0].slip, Some(2));
    assert!(
        g.conflicts[0].reason.contains("unit slip"),
        "{}",
        g.conflicts[0].reason
    );
}

#[test]
fn look_alike_measures_and_scopes_are_not_compared() {
    let c = |id: &str, m: &str, v: &str| {
        claim(id, "000", "user_count", "Baichuan", MODELS, v)
            .measure(m)
            .exact(v)
            .per(Per::Day)
            .dated("2023-01")
    };
    let claims = vec![
        c("visitors", "daily visitors", "13000000"),
        c("visits", "daily visits", "25000000"),
        claim("hyp", "030", "gpu_count", "Meta", MODELS, "2963")
            .measure("GPUs used")
            .exact("2963")
            .dated("2024")
            .quote("如果这90天都在训练,意味着2963张卡", 4),
        claim("act", "031", "gpu_count", "Meta", MODELS, "8000")
            .measure("GPUs used")
            .exact("8000")
            .dated("2024"),
    ];
    let result = run(&claims);
    assert_eq!(
        rel(&result, &claims, "visitors", "visits"),
        Relation::Different
    );
    assert_eq!(rel(&result, &claims, "hyp", "act"), Relation::Different);
    assert_eq!(result.summary.conflicts, 0);
}

#[test]
fn gap_to_openai_conflicts_across_speakers_of_one_document() {
    let claims = gap_to_openai();
    let result = run(&claims);
    let g = &result.groups[0];
    assert_eq!(g.verdict, Verdict::Conflict, "{}", g.reason);
    assert_eq!(g.common_unit, "days");
    assert_eq!(
        rel(&result, &claims, "000-10", "000-11"),
        Relation::Conflict
    );
    assert_eq!(
        rel(&result, &claims, "000-10", "004-01"),
        Relation::Conflict
    );
    assert_eq!(rel(&result, &claims, "000-11", "004-01"), Relation::Agree);
    assert!(g.reason.contains("60.88"), "{}", g.reason);
    assert_eq!(g.origins, 3);
    assert_eq!(g.origins_in_conflict, 3);
}

#[test]
fn money_compares_in_usd_after_conversion() {
    let agree = vec![
        claim("000-30", "000", "cost", "GPT-3", CNY, "约1000万元")
            .measure("training cost per run")
            .approx("10000000")
            .dated("2023-07"),
        claim("003-30", "003", "cost", "GPT-3", USD, "约140万美元")
            .measure("training cost per run")
            .approx("1400000")
            .dated("2023-07"),
    ];
    let result = run(&agree);
    let g = &result.groups[0];
    assert_eq!(g.verdict, Verdict::Corroborated, "{}", g.reason);
    assert_eq!(g.common_unit, "USD");
    let cny = g.figure_of(0).unwrap();
    let fx = cny.fx.as_ref().expect("converted");
    assert_eq!(fx.month.to_string(), "2023-07");
    assert_eq!(
        cny.normalized(&agree[0]).low.unwrap().value,
        d("10000000") * fx.rate
    );
    let disagree = vec![agree[0].clone().exact("50000000"), agree[1].clone()];
    let g = &run(&disagree).groups[0];
    assert_eq!(g.verdict, Verdict::Conflict);
    assert!(g.reason.contains("USD"), "{}", g.reason);
}

#[test]
fn one_currency_compares_natively_without_rate_drift() {
    let same = vec![
        claim("000-32", "000", "cost", "A100 cluster", CNY, "1000万元")
            .measure("price")
            .exact("10000000")
            .dated("2023-01"),
        claim("003-32", "003", "cost", "A100 cluster", CNY, "1000万元")
            .measure("price")
            .exact("10000000")
            .dated("2023-01"),
    ];
    let result = run(&same);
    assert_eq!(result.groups[0].verdict, Verdict::Corroborated);
    assert_eq!(result.groups[0].common_unit, "CNY");
    let mut off = same.clone();
    off[1] = off[1].clone().exact("12000000").written("1200万元");
    assert_eq!(run(&off).groups[0].verdict, Verdict::Conflict);
}

#[test]
fn representatives_are_bounded_and_all_pairs_come_on_request() {
    let claims: Vec<Claim> = (1..=40)
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
            .dated("2023-05")
        })
        .collect();
    let result = run(&claims);
    let g = &result.groups[0];
    assert_eq!(g.counts.conflicts, 40 * 39 / 2);
    assert!(g.conflicts.len() <= claimcheck::compare::REPRESENTATIVE_PAIRS);
    // The extremes lead.
    assert_eq!(
        (g.conflicts[0].a.as_str(), g.conflicts[0].b.as_str()),
        ("c01", "c40")
    );
    let all = check_with(
        &claims,
        &policies(),
        &FxTable::bundled(),
        &CheckOptions {
            all_pairs: true,
            ..CheckOptions::default()
        },
    );
    assert_eq!(all.groups[0].conflicts.len(), 40 * 39 / 2);
}

#[test]
fn groups_are_ordered_by_strength_and_ids_follow_order() {
    let mut claims = china_llm_counts();
    claims.extend(gap_to_openai());
    claims.push(
        claim("002-05", "002", "price", "Copilot", USD, "30美元/月")
            .measure("price")
            .exact("30")
            .per(Per::Month),
    );
    let result = run(&claims).with_notes(&["005.txt: skipped (binary)".to_string()]);
    let first = &result.groups[0];
    assert_eq!(first.verdict, Verdict::Conflict);
    // The gap (60 days vs 3 years) disagrees far more than 116 vs >120.
    assert_eq!(first.title(), "China · gap to OpenAI");
    let ids: Vec<&str> = result.groups.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids[..3], ["g001", "g002", "g003"]);
    let verdicts: Vec<Verdict> = result.groups.iter().map(|g| g.verdict).collect();
    let mut sorted = verdicts.clone();
    sorted.sort();
    assert_eq!(verdicts, sorted);
    assert_eq!(result.summary.notes, ["005.txt: skipped (binary)"]);
    // Deterministic: the same input in reverse gives the same groups and reasons.
    let mut reversed = claims.clone();
    reversed.reverse();
    let again = run(&reversed);
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
        claim("a", "000", "share", "x", MODELS, "约100")
            .measure("m")
            .approx("100"),
        claim("b", "001", "share", "x", MODELS, "117")
            .measure("m")
            .exact("117"),
    ];
    assert_eq!(
        run(&claims).groups[0].verdict,
        Verdict::Conflict,
        "±10% default"
    );
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

#[test]
fn funding_rounds_not_dated_to_one_month_may_be_different_rounds() {
    // A company raises money more than once: differing round amounts conflict only when
    // dates to the month put both in one month.
    let round = |id: &str, src: &str, v: &str| {
        claim(id, src, "funding", "Acme AI", USD, v)
            .measure("funding round")
            .exact(v)
    };
    let claims = vec![
        // Publication dates say nothing of when a round mentioned in passing happened.
        round("001-1", "001", "6600000000").published("2024-10-02"),
        round("002-1", "002", "40000000000"),
        round("003-1", "003", "110000000000").dated("2026"),
        round("004-1", "004", "6600000000"),
        round("005-1", "005", "8000000000").dated("2024-10"),
        round("006-1", "006", "6600000000").dated("2024-10-02"),
        round("007-1", "007", "9000000000").dated("2024"),
    ];
    let result = run(&claims);
    let g = group_of(&result, &claims, "001-1");
    assert!(g.event, "a funding round recurs");
    assert_eq!(rel(&result, &claims, "001-1", "002-1"), Relation::Unordered);
    assert_eq!(rel(&result, &claims, "002-1", "003-1"), Relation::Unordered);
    // Two rounds in one year are two events.
    assert_eq!(rel(&result, &claims, "006-1", "007-1"), Relation::Unordered);
    // The same amount from two origins still corroborates.
    assert_eq!(rel(&result, &claims, "001-1", "004-1"), Relation::Agree);
    // Dated to one month: one round, two amounts.
    assert_eq!(rel(&result, &claims, "005-1", "006-1"), Relation::Conflict);
    assert_eq!(g.counts.conflicts, 1, "{}", g.reason);
    assert!(has_conflict(g, "005-1", "006-1"), "{:#?}", g.conflicts);
    // The total raised is no event: it only grows.
    let total = vec![
        round("010-1", "010", "300000000").measure("total funding"),
        round("011-1", "011", "3000000000").measure("total funding"),
    ];
    let result = run(&total);
    assert!(!group_of(&result, &total, "010-1").event);
    assert_eq!(rel(&result, &total, "010-1", "011-1"), Relation::Conflict);
}

#[test]
fn gpu_counts_of_different_chips_are_different_groups() {
    let gpus = |id: &str, src: &str, v: &str, quote: &str| {
        claim(id, src, "gpu_count", "Acme Chips", MODELS, v)
            .measure("GPUs ordered")
            .exact(v)
            .quote(quote, 1)
    };
    let claims = vec![
        gpus(
            "001-1",
            "001",
            "300000",
            "据知情人士透露,公司上周下单采购了300000套H20芯片。",
        ),
        gpus(
            "002-1",
            "002",
            "2000000",
            "公司已收到2000000颗H200订单,预定明年交付。",
        ),
        gpus(
            "003-1",
            "003",
            "2500000",
            "Acme has received orders for 2500000 H200s.",
        ),
        // Two chips named together are their own count.
        gpus(
            "004-1",
            "004",
            "100000",
            "已收到以及尚未到货的A100和H800加速卡共计100000块。",
        ),
        // The chip named in the clause before the figure's.
        gpus("005-1", "005", "2048", "训练使用H800 GPU集群,共2048块。"),
        // No chip named, and words that only look like one (23H1, FY24).
        gpus(
            "006-1",
            "006",
            "700000",
            "23H1的订单远超过FY24时700000颗的库存。",
        ),
    ];
    let result = run(&claims);
    let chips = |id: &str| group_of(&result, &claims, id).noun.clone();
    assert_eq!(chips("001-1").as_deref(), Some("H20"));
    assert_eq!(chips("002-1").as_deref(), Some("H200"));
    assert_eq!(chips("004-1").as_deref(), Some("A100+H800"));
    assert_eq!(chips("005-1").as_deref(), Some("H800"));
    assert_eq!(chips("006-1"), None);
    assert_eq!(rel(&result, &claims, "001-1", "002-1"), Relation::Different);
    assert_eq!(rel(&result, &claims, "002-1", "006-1"), Relation::Different);
    // Orders of one chip still meet.
    assert_eq!(rel(&result, &claims, "002-1", "003-1"), Relation::Conflict);
    assert!(group_of(&result, &claims, "002-1").title().contains("H200"));
}

#[test]
fn a_segments_revenue_is_not_the_companys() {
    // The extractor names the segment in the measure (`revenue (智慧城市)`); the
    // checker keeps segments apart from the company's total and from each other.
    use claimcheck::quantity::Currency;
    let revenue = |id: &str, src: &str, measure: &str, v: &str| {
        claim(id, src, "revenue", "Acme", Unit::Money(Currency::CNY), v)
            .measure(measure)
            .exact(v)
            .dated("2023-06")
    };
    let claims = vec![
        revenue("001-1", "001", "revenue", "1430000000"),
        revenue("002-1", "002", "revenue (智慧城市)", "184000000"),
        revenue("003-1", "003", "revenue (智慧商业)", "854000000"),
        revenue("004-1", "004", "revenue (智慧商业)", "860000000"),
    ];
    let result = run(&claims);
    assert!(
        group_of(&result, &claims, "002-1")
            .title()
            .contains("智慧城市")
    );
    assert_eq!(rel(&result, &claims, "001-1", "002-1"), Relation::Different);
    assert_eq!(rel(&result, &claims, "002-1", "003-1"), Relation::Different);
    // One segment in two texts still meets.
    assert_eq!(rel(&result, &claims, "003-1", "004-1"), Relation::Conflict);
}

#[test]
fn valuations_far_apart_with_a_date_open_are_different_moments() {
    // A valuation grows by large factors from round to round: figures more than the
    // valuation family's drift ratio apart, one date of the two only assumed or missing,
    // are of different moments. Close figures, or both dates stated, still conflict.
    let rules = claimcheck::rules::RuleSet::bundled().expect("bundled rules");
    let policies = Policies::from_rules(&rules);
    let worth = |id: &str, src: &str, subject: &str, v: &str| {
        claim(id, src, "valuation", subject, USD, v)
            .measure("valuation")
            .exact(v)
    };
    let claims = vec![
        worth("001-1", "001", "Acme AI", "86000000000").dated("2024"),
        worth("002-1", "002", "Acme AI", "157000000000").published("2024-10-02"),
        worth("003-1", "003", "Acme AI", "300000000000"),
        worth("004-1", "004", "Acme AI", "80000000000"),
        worth("005-1", "005", "Beta AI", "20000000000").dated("2024-05"),
        worth("006-1", "006", "Beta AI", "60000000000").dated("2024-05"),
    ];
    let result = check(&claims, &policies, &FxTable::bundled());
    // 1.8-fold, one date assumed; 1.9-fold and 3.5-fold, one date missing.
    assert_eq!(rel(&result, &claims, "001-1", "002-1"), Relation::Unordered);
    assert_eq!(rel(&result, &claims, "002-1", "003-1"), Relation::Unordered);
    assert_eq!(rel(&result, &claims, "004-1", "002-1"), Relation::Unordered);
    assert_eq!(rel(&result, &claims, "001-1", "003-1"), Relation::Unordered);
    // $80 billion against $86 billion: two reports of one round that disagree.
    assert_eq!(rel(&result, &claims, "001-1", "004-1"), Relation::Conflict);
    let g = group_of(&result, &claims, "001-1");
    assert_eq!(g.counts.conflicts, 1, "{}", g.reason);
    assert!(has_conflict(g, "001-1", "004-1"), "{:#?}", g.conflicts);
    assert!(g.figures.iter().filter(|f| f.in_conflict).count() == 2);
    let (_, why) = result.explain(index(&claims, "002-1"), index(&claims, "003-1"), &claims);
    // The factor between the intervals as read (300 billion may be rounded from 285).
    assert!(why.contains("by a factor of 1.8 or more"), "{why}");
    // Both dates stated and one: a threefold difference is a contradiction.
    assert_eq!(rel(&result, &claims, "005-1", "006-1"), Relation::Conflict);
    assert_eq!(
        group_of(&result, &claims, "005-1").verdict,
        Verdict::Conflict
    );
    // Without a drift ratio (the families that have none), far apart is still a conflict.
    let plain = run(&claims);
    assert_eq!(rel(&plain, &claims, "002-1", "003-1"), Relation::Conflict);
}

#[test]
fn a_quarter_of_capital_expenditure_is_not_the_year() {
    // `去年Q4…资本开支390亿元` against `去年全年资本开支767亿元`: two periods, both spending.
    let capex = |id: &str, src: &str, v: &str| {
        claim(id, src, "capex", "Tencent", Unit::Money(Currency::CNY), v)
            .measure("capital expenditure")
            .exact(v)
    };
    let claims = vec![
        capex("015-1", "015", "39000000000").dated("2024-12"),
        capex("011-1", "011", "76700000000").dated("2024"),
    ];
    let result = run(&claims);
    assert_ne!(rel(&result, &claims, "015-1", "011-1"), Relation::Conflict);
    assert!(group_of(&result, &claims, "011-1").flow);
}

/// Whether any agreeing set of the group spans two origins or more.
fn corroborated_sets(g: &Group) -> Vec<Vec<usize>> {
    g.clusters
        .iter()
        .filter(|c| c.origins >= 2)
        .map(|c| c.members.clone())
        .collect()
}

#[test]
fn an_open_bound_a_year_and_many_times_apart_is_a_timeline_not_corroboration() {
    // `超过1.3万亿` in one September and `突破30万亿` the next: consistent, but one says
    // nothing for the other (a cumulative count, far apart, a year apart).
    let claims = vec![
        claim("a", "000", "model_count", "星河", MODELS, "超过13")
            .over("13")
            .dated("2021-09"),
        claim("b", "001", "model_count", "星河", MODELS, "突破300")
            .over("300")
            .dated("2022-09"),
    ];
    let c = run(&claims);
    let g = group_of(&c, &claims, "a");
    assert!(corroborated_sets(g).is_empty(), "{:?}", g.clusters);
    assert_eq!(g.verdict, Verdict::Timeline, "{}", g.reason);
}

#[test]
fn an_upper_bound_swallowing_a_smaller_figure_is_not_corroboration() {
    // `最高达1000` (a plan's ceiling) against another origin's `300` (a share of it), same
    // moment: only the `1000` the second origin also gives agrees with the ceiling.
    let up_to = |c: Claim| {
        let mut c = c;
        c.value = claimcheck::interval::Interval::new(
            None,
            Some(claimcheck::interval::Bound::closed(d("1000"))),
        );
        c.qualifier = claimcheck::quantity::Qualifier::UpTo;
        c
    };
    let alone = vec![
        up_to(claim(
            "a",
            "000",
            "param_count",
            "蓝鲸",
            MODELS,
            "最高达1000",
        )),
        claim("b", "001", "param_count", "蓝鲸", MODELS, "300").exact("300"),
    ];
    let c = run(&alone);
    let g = group_of(&c, &alone, "a");
    assert!(corroborated_sets(g).is_empty(), "{:?}", g.clusters);
    assert_eq!(g.verdict, Verdict::Single);
    assert!(
        g.reason.contains("only through an open bound"),
        "{}",
        g.reason
    );
    let (_, why) = c.explain(index(&alone, "a"), index(&alone, "b"), &alone);
    assert!(why.contains("too far apart to corroborate"), "{why}");

    let mut with_plan = alone.clone();
    with_plan.push(claim("c", "001", "param_count", "蓝鲸", MODELS, "1000").exact("1000"));
    let c = run(&with_plan);
    let g = group_of(&c, &with_plan, "a");
    assert_eq!(g.verdict, Verdict::Corroborated);
    let sets = corroborated_sets(g);
    assert_eq!(sets.len(), 1, "{:?}", g.clusters);
    assert!(!sets[0].contains(&index(&with_plan, "b")), "{sets:?}");
}

#[test]
fn an_open_bound_near_a_figure_still_corroborates_it() {
    // `突破11.84` against `11.8` (written to one decimal), `at least 5` against `5`.
    let claims = vec![
        claim("a", "000", "param_count", "蓝鲸", MODELS, "突破11.84").over("11.84"),
        claim("b", "001", "param_count", "蓝鲸", MODELS, "11.8").exact("11.8"),
        claim("c", "000", "param_count", "白鹭", MODELS, "at least 5").at_least("5"),
        claim("d", "001", "param_count", "白鹭", MODELS, "5").exact("5"),
    ];
    let c = run(&claims);
    for id in ["a", "c"] {
        let g = group_of(&c, &claims, id);
        assert_eq!(g.verdict, Verdict::Corroborated, "{}", g.reason);
    }
}

#[test]
fn one_value_at_two_dates_of_a_growing_count_is_unchanged_not_corroborated() {
    // Two origins give 64 in March and in June: the same value at two moments.
    let claims = vec![
        claim("a", "000", "model_count", "星河", MODELS, "64")
            .exact("64")
            .dated("2021-03-02"),
        claim("b", "001", "model_count", "星河", MODELS, "64")
            .exact("64")
            .dated("2021-06"),
    ];
    let c = run(&claims);
    let g = group_of(&c, &claims, "a");
    assert!(corroborated_sets(g).is_empty(), "{:?}", g.clusters);
    assert_eq!(g.verdict, Verdict::Timeline);
    assert!(
        g.reason.contains("the same value at different dates"),
        "{}",
        g.reason
    );
    // A property of one thing said at two dates still agrees.
    let fixed = vec![
        claim("a", "000", "param_count", "白鹭", MODELS, "64")
            .exact("64")
            .dated("2021-03-02"),
        claim("b", "001", "param_count", "白鹭", MODELS, "64")
            .exact("64")
            .dated("2021-06"),
    ];
    assert_eq!(run(&fixed).groups[0].verdict, Verdict::Corroborated);
}

#[test]
fn figures_of_a_generic_measure_are_compared_within_their_origin_only() {
    // `share or change` says nothing of what the percentage is of: two texts' 12% and
    // 48% about one company are not one quantity.
    let rules = claimcheck::rules::RuleSet::bundled().expect("bundled rules");
    let policies = Policies::from_rules(&rules);
    assert!(policies.generic("share or change"));
    let share = |id: &str, doc: &str, measure: &str, v: &str| {
        claim(id, doc, "share", "蓝鲸", Unit::Percent, v)
            .measure(measure)
            .exact(v)
            .dated("2021-05")
    };
    let claims = vec![
        share("a", "000", "share or change", "12"),
        share("b", "001", "share or change", "48"),
        share("c", "000", "market share", "12"),
        share("d", "001", "market share", "48"),
    ];
    let c = check(&claims, &policies, &FxTable::bundled());
    assert_eq!(rel(&c, &claims, "a", "b"), Relation::Different);
    assert_eq!(rel(&c, &claims, "c", "d"), Relation::Conflict);
}

#[test]
fn the_same_period_a_year_before_is_as_long_as_the_period_reported() {
    // `去年同期` in a half-year report is a first half; dated only by its year, it must
    // not meet that year's full-year figure. Said beside a full year, it is a year.
    use claimcheck::quantity::Currency;
    let revenue = |id: &str, src: &str, v: &str, quote: &str| {
        claim(id, src, "revenue", "Acme", Unit::Money(Currency::CNY), v)
            .measure("revenue")
            .exact(v)
            .dated("2024")
            .quote(quote, 1)
    };
    let claims = vec![
        revenue(
            "001-1",
            "001",
            "512000000",
            "云业务收入由去年同期5.12亿元减至4.36亿元。",
        )
        .said_when("去年同期"),
        revenue(
            "002-1",
            "002",
            "1112000000",
            "云业务在2024年实现收入11.12亿元。",
        ),
        revenue(
            "003-1",
            "003",
            "3409000000",
            "公司全年实现收入38.09亿元,上年同期为34.09亿元。",
        )
        .said_when("上年同期"),
        revenue("004-1", "004", "3500000000", "公司2024年收入35亿元。"),
    ];
    let result = run(&claims);
    assert_eq!(rel(&result, &claims, "001-1", "002-1"), Relation::Different);
    assert_eq!(rel(&result, &claims, "003-1", "004-1"), Relation::Conflict);
}
