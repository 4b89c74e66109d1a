//! Plans, expectations and forecasts against what was observed, and figures whose
//! cue comes after them or is a trailing noun, on sentences written for these tests
//! (not taken from any corpus).

use claimcheck::claim::Claim;
use claimcheck::extract::{DocInput, Extractor};
use claimcheck::rules::RuleSet;

fn claims(text: &str) -> Vec<Claim> {
    let rules = RuleSet::bundled().unwrap();
    Extractor::new(&rules)
        .extract(&DocInput::plain("t", text, None))
        .into_iter()
        .collect()
}

/// The claim (of any kind, `other` included) whose figure is written `figure`.
fn find<'a>(cs: &'a [Claim], figure: &str) -> &'a Claim {
    cs.iter()
        .find(|c| c.value_text.contains(figure))
        .unwrap_or_else(|| panic!("no figure {figure:?} in {cs:#?}"))
}

fn kind_measure(text: &str, figure: &str) -> (String, String) {
    let cs = claims(text);
    let c = find(&cs, figure);
    (c.kind.clone(), c.measure.clone())
}

fn is_forecast(text: &str, figure: &str) -> bool {
    kind_measure(text, figure).1.contains("forecast")
}

#[test]
fn modal_verbs_and_plans_make_a_figure_a_forecast() {
    let text = "The startup's annualised revenue has climbed to $2 billion and could top $5 billion by the end of 2026.";
    assert!(is_forecast(text, "$5 billion"));
    assert!(!is_forecast(text, "$2 billion"));
    // 可望 (traditional usage of 有望).
    assert!(is_forecast(
        "市場研究機構指出,該晶片廠今年營收可望突破200億元。",
        "200億元"
    ));
    assert!(is_forecast(
        "该公司将投入约50亿元建设新的数据中心。",
        "50亿元"
    ));
}

#[test]
fn the_figure_an_expectation_names_is_a_forecast_the_result_is_not() {
    let text = "Cloud sales rose to $12.3 billion, beating expectations for $11.9 billion.";
    assert!(is_forecast(text, "$11.9 billion"));
    assert!(!is_forecast(text, "$12.3 billion"));
    let text = "该公司季度营收为120亿元,高于预期的110亿元。";
    assert!(is_forecast(text, "110亿元"));
    assert!(!is_forecast(text, "120亿元"));
}

#[test]
fn a_result_measured_against_expectations_stays_actual() {
    // 低于预期 compares what was with what was expected: the fall after it happened.
    let text = "该公司季度营收达58亿元,但云业务收入略低于预期,股价盘后下跌约4%。";
    let (kind, measure) = kind_measure(text, "4%");
    assert_eq!(kind, "share");
    assert!(!measure.contains("forecast"), "{measure}");
    let text = "Quarterly revenue came in below expectations, and the shares fell 6%.";
    assert!(!is_forecast(text, "6%"));
    // What already is, after a forecast: 已 and `had`.
    let text = "分析师此前预计该公司全年出货量将达100万颗芯片,实际已出货120万颗。";
    assert!(is_forecast(text, "100万"));
    assert!(!is_forecast(text, "120万"));
}

#[test]
fn a_plan_named_by_the_measure_is_not_marked_twice() {
    let (kind, measure) = kind_measure(
        "The firm plans to build a campus that should house 20,000 GPUs.",
        "20,000",
    );
    assert_eq!(
        (kind.as_str(), measure.as_str()),
        ("gpu_count", "GPUs planned")
    );
}

#[test]
fn money_put_into_a_company_is_funding_money_put_into_research_is_not() {
    assert_eq!(
        kind_measure("阿里巴巴已向月之暗面投入约8亿美元。", "8亿美元").0,
        "funding"
    );
    assert_eq!(
        kind_measure(
            "亚马逊正就追加最多40亿美元投资事宜与Anthropic磋商。",
            "40亿美元"
        ),
        ("funding".to_string(), "funding sought".to_string())
    );
    for text in [
        "华为去年对研发的投入达1600亿元。",
        "该公司对AI的投入超过100亿元。",
        "公司研发投入约50亿元。",
    ] {
        let cs = claims(text);
        assert!(cs.iter().all(|c| c.kind != "funding"), "{text}: {cs:#?}");
    }
}

#[test]
fn the_value_of_sales_or_shipments_is_revenue() {
    assert_eq!(
        kind_measure("该芯片厂商今年AI芯片出货金额达到800亿元。", "800亿元").0,
        "revenue"
    );
    assert_eq!(
        kind_measure("這家公司去年銷售金額約為36億元。", "36億元").0,
        "revenue"
    );
    // Selling costs are no revenue.
    assert_ne!(
        kind_measure("公司去年销售费用为12亿元。", "12亿元").0,
        "revenue"
    );
    // A share price after the shipments, past a share change, continues nothing.
    let text = "公司出货金额达300亿元,带动股价大涨6%,首次突破150元。";
    assert_eq!(kind_measure(text, "300亿元").0, "revenue");
    assert_ne!(kind_measure(text, "150元").0, "revenue");
}

#[test]
fn compute_spending_is_its_own_measure() {
    let (kind, measure) = kind_measure("该实验室预计今年运算支出将达80亿美元。", "80亿美元");
    assert_eq!(
        (kind.as_str(), measure.as_str()),
        ("capex", "compute spending (forecast)")
    );
}

#[test]
fn a_dash_ends_the_counted_noun_phrase() {
    let text = "The number of paying business customers has climbed to two million – up from one million last spring.";
    assert_eq!(kind_measure(text, "two million").0, "org_count");
}
