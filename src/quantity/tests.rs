//! Scanner tests: one group per grammar bullet.

use super::*;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// (span, low, high, unit, qualifier) as printable strings.
type Found = (String, Option<String>, Option<String>, String, &'static str);

fn found(text: &str) -> Vec<Found> {
    scan(text)
        .iter()
        .map(|q| {
            (
                text[q.start..q.end].to_string(),
                q.value.low_value().map(|v| v.normalize().to_string()),
                q.value.high_value().map(|v| v.normalize().to_string()),
                q.unit.as_str().to_string(),
                q.qualifier.as_str(),
            )
        })
        .collect()
}

fn spans(text: &str) -> Vec<String> {
    found(text).into_iter().map(|f| f.0).collect()
}

/// The single quantity in `text`.
fn one(text: &str) -> Quantity {
    let qs = scan(text);
    assert_eq!(qs.len(), 1, "{text}: {:?}", found(text));
    qs[0].clone()
}

fn point(text: &str, span: &str, value: &str, unit: Unit) {
    let q = one(text);
    assert_eq!(&text[q.start..q.end], span, "{text}");
    assert_eq!(q.value.low_value(), Some(d(value)), "{text}");
    assert_eq!(q.value.high_value(), Some(d(value)), "{text}");
    assert_eq!(q.unit, unit, "{text}");
}

#[test]
fn done_when_example() {
    let line = "GPT-3训练一次的成本约为140万美元,训练成本介于200万美元至1200万美元之间";
    let v = quantities_json(line);
    let qs = v["quantities"].as_array().unwrap();
    assert_eq!(qs.len(), 2, "{v}");
    assert_eq!(qs[0]["text"], "约为140万美元");
    assert_eq!(qs[0]["low"], "1400000");
    assert_eq!(qs[0]["high"], "1400000");
    assert_eq!(qs[0]["unit"], "USD");
    assert_eq!(qs[0]["qualifier"], "approx");
    assert_eq!(qs[0]["per"], serde_json::Value::Null);
    assert_eq!(qs[0]["start"], 12);
    assert_eq!(qs[0]["end"], 20);
    assert_eq!(qs[1]["text"], "200万美元至1200万美元");
    assert_eq!(qs[1]["low"], "2000000");
    assert_eq!(qs[1]["high"], "12000000");
    assert_eq!(qs[1]["unit"], "USD");
    assert_eq!(qs[1]["qualifier"], "range");
}

#[test]
fn json_offsets_are_characters_of_the_original() {
    let line = "成本約為140萬美元,訓(xùn)練3天";
    let v = quantities_json(line);
    let qs = v["quantities"].as_array().unwrap();
    assert_eq!(qs[0]["text"], "約為140萬美元");
    assert_eq!(
        (qs[0]["start"].as_u64(), qs[0]["end"].as_u64()),
        (Some(2), Some(10))
    );
    assert_eq!(qs[1]["text"], "3天");
    assert_eq!(qs[1]["unit"], "days");
    assert_eq!(v["text"], line);
}

#[test]
fn counts_exclude_classifiers() {
    point("国内有79个大模型", "79", "79", Unit::Count);
    point("1000万块GPU", "1000万", "10000000", Unit::Count);
    let q = one("已经超过120家");
    assert_eq!(q.qualifier, Qualifier::Over);
    assert_eq!(q.value.low_value(), Some(d("120")));
    assert!(q.value.low_open() && q.value.high_value().is_none());
    assert_eq!(spans("已经超过120家"), ["超过120"]);
    let q = one("买了3万多块英伟达A100");
    assert_eq!(spans("买了3万多块英伟达A100"), ["3万多"]);
    assert_eq!(
        (
            q.value.low_value(),
            q.value.high_value(),
            q.value.low_open()
        ),
        (Some(d("30000")), None, true)
    );
    assert_eq!(q.qualifier, Qualifier::Over);
    point("一只", "一", "1", Unit::Count);
    point("1,200人", "1,200", "1200", Unit::Count);
    point("4,565", "4,565", "4565", Unit::Count);
}

#[test]
fn money_and_rates() {
    point("价格为30美元", "30美元", "30", Unit::Money(Currency::USD));
    let q = one("它说敢卖30美元一个月");
    assert_eq!(q.per, Some(Per::Month));
    assert_eq!(spans("它说敢卖30美元一个月"), ["30美元一个月"]);
    let q = one("企业版价格,30美元/月,");
    assert_eq!(q.per, Some(Per::Month));
    let q = one("单日成本70万美元");
    assert_eq!(q.per, Some(Per::Day));
    assert_eq!(spans("单日成本70万美元"), ["70万美元"]);
    let q = one("每天光电费至少5万美元左右");
    assert_eq!(q.per, Some(Per::Day));
    let q = one("占比超5成");
    assert_eq!(
        (q.qualifier, q.value.low_value()),
        (Qualifier::Over, Some(d("50")))
    );
    let q = one("每天70万美元");
    assert_eq!(q.per, Some(Per::Day));
    assert_eq!(spans("每天70万美元"), ["每天70万美元"]);
    point("$5", "$5", "5", Unit::Money(Currency::USD));
    point("¥100", "¥100", "100", Unit::Money(Currency::CNY));
    point("USD 100", "USD 100", "100", Unit::Money(Currency::USD));
    point(
        "1万亿日元",
        "1万亿日元",
        "1000000000000",
        Unit::Money(Currency::JPY),
    );
    point("1.95港元", "1.95港元", "1.95", Unit::Money(Currency::HKD));
    point("10欧元", "10欧元", "10", Unit::Money(Currency::EUR));
    point("10英镑", "10英镑", "10", Unit::Money(Currency::GBP));
    point(
        "8亿元人民币",
        "8亿元人民币",
        "800000000",
        Unit::Money(Currency::CNY),
    );
    point("花了三块钱", "三块钱", "3", Unit::Money(Currency::CNY));
    // 块 is money after a word for paying (花了三块), else a classifier.
    point("花了三块。", "三块", "3", Unit::Money(Currency::CNY));
    point("分了三块。", "三", "3", Unit::Count);
    assert_eq!(found("10元宇宙")[0].3, "count");
}

#[test]
fn qualifiers() {
    let q = one("约为140万美元");
    assert_eq!(
        (q.qualifier, q.value.low_value(), q.value.high_value()),
        (Qualifier::Approx, Some(d("1400000")), Some(d("1400000")))
    );
    let q = one("100家左右");
    assert_eq!(q.qualifier, Qualifier::Approx);
    let q = one("至少5万美元左右");
    assert_eq!(q.qualifier, Qualifier::AtLeast);
    assert_eq!(
        (q.value.low_value(), q.value.high_value()),
        (Some(d("50000")), None)
    );
    assert_eq!(spans("至少5万美元左右"), ["至少5万美元左右"]);
    let q = one("近2倍");
    assert_eq!(
        (
            q.qualifier,
            q.value.low_value(),
            q.value.high_value(),
            q.unit
        ),
        (Qualifier::Nearly, None, Some(d("2")), Unit::Multiple)
    );
    let q = one("不到10%");
    assert_eq!(
        (q.qualifier, q.value.high_value(), q.value.high_open()),
        (Qualifier::Under, Some(d("10")), true)
    );
    let q = one("不超过10%");
    assert_eq!(
        (q.qualifier, q.value.high_value(), q.value.high_open()),
        (Qualifier::UpTo, Some(d("10")), false)
    );
    let q = one("高达90%");
    assert_eq!(
        (q.qualifier, q.value.low_value(), q.value.high_value()),
        (Qualifier::Exact, Some(d("90")), Some(d("90")))
    );
    let q = one("比120家还要多");
    assert_eq!(q.qualifier, Qualifier::Over);
    let q = one("500万以上");
    assert_eq!(
        (q.qualifier, q.value.low_value(), q.value.high_value()),
        (Qualifier::Over, Some(d("5000000")), None)
    );
    let q = one("最近3年");
    assert_eq!(q.qualifier, Qualifier::Exact);
}

#[test]
fn vague_counts() {
    // 上百: reaching a hundred, so at least a hundred.
    let q = one("上百家");
    assert_eq!(
        (q.qualifier, q.value.low_value(), q.value.high_value()),
        (Qualifier::AtLeast, Some(d("100")), None)
    );
    let q = one("一百多个");
    assert_eq!(
        (
            q.value.low_value(),
            q.value.high_value(),
            q.value.low_open(),
            q.qualifier
        ),
        (Some(d("100")), None, true, Qualifier::Over)
    );
    let q = one("两三百个");
    assert_eq!(
        (q.value.low_value(), q.value.high_value(), q.qualifier),
        (Some(d("200")), Some(d("300")), Qualifier::Range)
    );
    let q = one("三五家");
    assert_eq!(
        (q.value.low_value(), q.value.high_value()),
        (Some(d("3")), Some(d("5")))
    );
    let q = one("十余万人");
    assert_eq!(q.value.low_value(), Some(d("100000")));
    let q = one("几十个");
    assert_eq!(
        (q.value.low_value(), q.value.high_value()),
        (Some(d("20")), Some(d("90")))
    );
}

#[test]
fn ranges() {
    let q = one("100 元 - 200 元");
    assert_eq!(
        (
            q.value.low_value(),
            q.value.high_value(),
            q.unit,
            q.qualifier
        ),
        (
            Some(d("100")),
            Some(d("200")),
            Unit::Money(Currency::CNY),
            Qualifier::Range
        )
    );
    let q = one("3-5家");
    assert_eq!(
        (q.value.low_value(), q.value.high_value()),
        (Some(d("3")), Some(d("5")))
    );
    let q = one("3-5万");
    assert_eq!(
        (q.value.low_value(), q.value.high_value()),
        (Some(d("30000")), Some(d("50000")))
    );
    let q = one("大于10小于20");
    assert_eq!(
        (q.value.low_value(), q.value.high_value(), q.qualifier),
        (Some(d("10")), Some(d("20")), Qualifier::Range)
    );
}

#[test]
fn percent_multiple_duration() {
    point("80%", "80%", "80", Unit::Percent);
    point("百分之四十", "百分之四十", "40", Unit::Percent);
    point("5成", "5成", "50", Unit::Percent);
    point("七成六", "七成六", "76", Unit::Percent);
    point("3倍", "3倍", "3", Unit::Multiple);
    point("十倍", "十倍", "10", Unit::Multiple);
    point("十分之一", "十分之一", "0.1", Unit::Multiple);
    let q = one("1倍多");
    assert_eq!(
        (q.value.low_value(), q.value.high_value(), q.qualifier),
        (Some(d("1")), None, Qualifier::Over)
    );
    point("4天", "4天", "4", Unit::Duration(TimeUnit::Days));
    point("两个月", "两个月", "2", Unit::Duration(TimeUnit::Months));
    point("三年", "三年", "3", Unit::Duration(TimeUnit::Years));
    point("半年", "半年", "6", Unit::Duration(TimeUnit::Months));
    point("24小时", "24小时", "24", Unit::Duration(TimeUnit::Hours));
    point("一年半", "一年半", "1.5", Unit::Duration(TimeUnit::Years));
    assert!(scan("一成不变").is_empty());
    assert!(scan("他成为了").is_empty());
}

#[test]
fn not_quantities() {
    for text in [
        "2023年4月10日",
        "2023年",
        "5月28日",
        "3-5 月",
        "2019 年 3 月",
        "一季度",
        "10:30",
        "GPT-3.5",
        "GPT-4",
        "MiLM-6B",
        "Qwen-14B",
        "A100",
        "H800",
        "WAIC2023",
        "AI2.0",
        "1、背景",
        "1. 背景",
        "(1)背景",
        "junwu2333",
        "81622.html",
        "一起",
        "统一",
        "之一",
        "一些",
        "一定",
        "一样",
        "一直",
        "唯一",
        "第一",
        "第3个",
        "百度",
        "千万不要",
        "十分重要",
        "Office 365 Copliot",
        "2023-04-10",
        "7月份",
        "万一",
        "一二线城市",
    ] {
        assert!(scan(text).is_empty(), "{text}: {:?}", found(text));
    }
}

#[test]
fn sorted_and_non_overlapping() {
    let text = "超过120家企业,融资约5亿元,增长30%,用时3个月";
    let qs = scan(text);
    assert_eq!(qs.len(), 4, "{:?}", found(text));
    for w in qs.windows(2) {
        assert!(w[0].end <= w[1].start);
    }
}

#[test]
fn overflow_never_panics() {
    let qs = scan("99999999999999999999999999999亿 和 万亿万 亿");
    for q in qs {
        assert!(q.start < q.end);
    }
}

#[test]
fn chinese_and_mixed_numerals_in_text() {
    point("共一千零五家", "一千零五", "1005", Unit::Count);
    point("两千四百五十人", "两千四百五十", "2450", Unit::Count);
    point("九万四人", "九万四", "94000", Unit::Count);
    point(
        "壹佰伍拾元",
        "壹佰伍拾元",
        "150",
        Unit::Money(Currency::CNY),
    );
    point("负三十二度", "负三十二", "-32", Unit::Count);
    point("10万万人", "10万万", "1000000000", Unit::Count);
    point("一打鸡蛋", "一打", "12", Unit::Count);
    point("5万4千6百人", "5万4千6百", "54600", Unit::Count);
    point("7 万5 千4 百个", "7 万5 千4 百", "75400", Unit::Count);
    point(
        "筹集 1000 亿美元",
        "1000 亿美元",
        "100000000000",
        Unit::Money(Currency::USD),
    );
    point(
        "5.4 亿美元",
        "5.4 亿美元",
        "540000000",
        Unit::Money(Currency::USD),
    );
    point("40k人", "40k", "40000", Unit::Count);
    point(
        "一万亿美元",
        "一万亿美元",
        "1000000000000",
        Unit::Money(Currency::USD),
    );
    point("US$5", "US$5", "5", Unit::Money(Currency::USD));
    point("￥300", "￥300", "300", Unit::Money(Currency::CNY));
    point("百分之四十的用户", "百分之四十", "40", Unit::Percent);
    point("五成", "五成", "50", Unit::Percent);
    point("五元三毛", "五元三毛", "5.3", Unit::Money(Currency::CNY));
}

#[test]
fn qualifier_words() {
    for (text, qualifier, low, high) in [
        ("大约100家", Qualifier::Approx, Some("100"), Some("100")),
        ("100家上下", Qualifier::Approx, Some("100"), Some("100")),
        ("不少于10%", Qualifier::AtLeast, Some("10"), None),
        ("将近3倍", Qualifier::Nearly, None, Some("3")),
        ("接近 60%", Qualifier::Nearly, None, Some("60")),
        ("不足5万人", Qualifier::Under, None, Some("50000")),
        ("多达54个", Qualifier::Exact, Some("54"), Some("54")),
        ("最高20%", Qualifier::UpTo, None, Some("20")),
        ("超过 300 家", Qualifier::Over, Some("300"), None),
        ("600 多家", Qualifier::Over, Some("600"), None),
        ("80%还要多", Qualifier::Over, Some("80"), None),
        ("至少六个月", Qualifier::AtLeast, Some("6"), None),
    ] {
        let q = one(text);
        assert_eq!(q.qualifier, qualifier, "{text}");
        assert_eq!(q.value.low_value(), low.map(d), "{text}");
        assert_eq!(q.value.high_value(), high.map(d), "{text}");
    }
}

#[test]
fn lone_digits_need_a_classifier_or_unit() {
    assert_eq!(spans("硅谷的一只蝴蝶"), ["一"]);
    assert_eq!(spans("在两家公司"), ["两"]);
    assert!(scan("训练一次的成本").is_empty());
    assert!(scan("一点一点做").is_empty());
    assert!(scan("就是零售").is_empty());
    assert!(
        scan("讲过一个道理")
            .iter()
            .all(|q| q.qualifier == Qualifier::Exact)
    );
    assert!(scan("上半年").is_empty());
    assert!(scan("2023世界人工智能大会").is_empty());
}
