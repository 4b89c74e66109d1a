//! Chinese grammar tests: qualifier semantics, halves, money sub-units and
//! names, ranges, bare magnitudes, rates, signed notations and traps. Each
//! case is (text, what the one quantity in it must be); `none` cases must
//! yield no quantity at all.

use super::*;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The quantities of `text` as `span low..high unit[/per] qualifier`, an
/// open bound written as `_` and an excluded one marked with `(`/`)`.
fn show(text: &str) -> Vec<String> {
    scan(text)
        .iter()
        .map(|q| {
            let b = |v: Option<Decimal>| v.map_or("_".to_string(), |v| v.normalize().to_string());
            let per = q.per.map_or(String::new(), |p| format!("/{}", p.as_str()));
            format!(
                "{} {}{}..{}{} {}{} {}",
                &text[q.start..q.end],
                if q.value.low_open() && q.value.low_value().is_some() {
                    "("
                } else {
                    ""
                },
                b(q.value.low_value()),
                b(q.value.high_value()),
                if q.value.high_open() && q.value.high_value().is_some() {
                    ")"
                } else {
                    ""
                },
                q.unit.as_str(),
                per,
                q.qualifier.as_str()
            )
        })
        .collect()
}

/// Asserts that `text` holds exactly the quantities `want` (in `show` form).
#[track_caller]
fn reads(text: &str, want: &[&str]) {
    assert_eq!(show(text), want, "{text}");
}

/// Asserts that every case in `cases` reads as its one expected quantity.
#[track_caller]
fn each(cases: &[(&str, &str)]) {
    let mut bad = Vec::new();
    for (text, want) in cases {
        let got = show(text);
        if got != [*want] {
            bad.push(format!("{text}: want [{want}], got {got:?}"));
        }
    }
    assert!(bad.is_empty(), "\n{}", bad.join("\n"));
}

/// Asserts that no case holds a quantity.
#[track_caller]
fn none(cases: &[&str]) {
    let bad: Vec<String> = cases
        .iter()
        .filter(|t| !scan(t).is_empty())
        .map(|t| format!("{t}: {:?}", show(t)))
        .collect();
    assert!(bad.is_empty(), "\n{}", bad.join("\n"));
}

#[test]
fn more_after_a_base_is_over_with_no_upper_bound() {
    each(&[
        ("一百多", "一百多 (100.._ count over"),
        ("公司有3万多名员工", "3万多 (30000.._ count over"),
        ("其余200多家企业", "200多 (200.._ count over"),
        ("十余万人参加", "十余万 (100000.._ count over"),
        ("来了十来个人", "十来 (10.._ count over"),
        ("他才20来岁", "20来 (20.._ count over"),
        ("融资一百来万元", "一百来万元 (1000000.._ CNY over"),
        ("二十几万人", "二十几万 (200000.._ count over"),
        ("涨了1倍多", "1倍多 (1.._ multiple over"),
        // 约 does not narrow 多: still over the base.
        ("约200多家", "约200多 (200.._ count over"),
        ("超过300多家", "超过300多 (300.._ count over"),
    ]);
    // 来 after a lone digit or a unit is another word.
    none(&["一来价格太高", "三来", "看来如此"]);
    reads("3年来增长了", &["3年 3..3 years exact"]);
}

#[test]
fn emphasis_words_are_not_bounds() {
    each(&[
        (
            "获得VC认购高达2.3亿美金",
            "高达2.3亿美金 230000000..230000000 USD exact",
        ),
        ("多达54个", "多达54 54..54 count exact"),
        ("涨幅达到37.5%", "37.5% 37.5..37.5 percent exact"),
        ("涨幅达20.0%", "20.0% 20..20 percent exact"),
        ("净亏损率为219%", "219% 219..219 percent exact"),
    ]);
}

#[test]
fn upper_bounds() {
    each(&[
        (
            "训练成本可能高达30亿美元",
            "可能高达30亿美元 _..3000000000 USD up_to",
        ),
        ("或高达5亿元", "或高达5亿元 _..500000000 CNY up_to"),
        ("最高20%", "最高20% _..20 percent up_to"),
        ("最多为5个", "最多为5 _..5 count up_to"),
        ("至多3款", "至多3 _..3 count up_to"),
        ("真正自研的不超过十家", "不超过十 _..10 count up_to"),
        ("三天以内", "三天以内 _..3 days up_to"),
    ]);
}

#[test]
fn lower_bounds() {
    each(&[
        ("不止3家", "不止3 (3.._ count over"),
        ("逾百家企业", "逾百 (100.._ count over"),
        ("营收超5亿元", "超5亿元 (500000000.._ CNY over"),
        ("超过120家", "超过120 (120.._ count over"),
        ("收入突破11.84亿元", "突破11.84亿元 (1184000000.._ CNY over"),
        ("500万以上", "500万以上 (5000000.._ count over"),
        ("至少19家", "至少19 19.._ count at_least"),
        ("不少于10%", "不少于10% 10.._ percent at_least"),
        ("不低于3000元", "不低于3000元 3000.._ CNY at_least"),
        ("五百或者更多", "五百或者更多 500.._ count at_least"),
    ]);
}

#[test]
fn a_bound_wins_over_a_vague_amount() {
    each(&[
        ("用户至少达到上万名", "至少达到上万 10000.._ count at_least"),
        ("至少上万家", "至少上万 10000.._ count at_least"),
        ("超过上百家", "超过上百 (100.._ count over"),
        ("至少5万美元左右", "至少5万美元左右 50000.._ USD at_least"),
    ]);
}

#[test]
fn nearly_and_under() {
    each(&[
        ("估值近十亿美元", "近十亿美元 _..1000000000 USD nearly"),
        ("接近 60%", "接近 60% _..60 percent nearly"),
        ("逼近280万元/台", "逼近280万元 _..2800000 CNY nearly"),
        ("将近3倍", "将近3倍 _..3 multiple nearly"),
        ("不到10%", "不到10% _..10) percent under"),
        ("不足5万人", "不足5万 _..50000) count under"),
        ("低于1美元", "低于1美元 _..1) USD under"),
        ("股价迟迟未突破一港币", "未突破一港币 _..1) HKD under"),
        ("未超过10%", "未超过10% _..10 percent up_to"),
    ]);
    // 近3年 is "the last three years".
    reads("近3年", &["3年 3..3 years exact"]);
}

#[test]
fn more_is_still_an_interval_inside_a_numeral() {
    let v = parse_number("一百多").unwrap();
    assert_eq!((v.lo, v.hi, v.lo_open), (d("100"), d("200"), true));
}

#[test]
fn kuai_is_a_classifier_unless_it_is_money() {
    each(&[
        ("买了3万块GPU", "3万 30000..30000 count exact"),
        (
            "A100和H800加速卡共计10万块。",
            "10万 100000..100000 count exact",
        ),
        (
            "购买量至少达到上万块",
            "至少达到上万 10000.._ count at_least",
        ),
        ("分了三块", "三 3..3 count exact"),
        ("花了三块钱", "三块钱 3..3 CNY exact"),
        ("一杯咖啡三块五", "三块五 3.5..3.5 CNY exact"),
        ("两块八毛五", "两块八毛五 2.85..2.85 CNY exact"),
        ("成本只有 1 块钱", "1 块钱 1..1 CNY exact"),
    ]);
    reads(
        "GPU数量由2.7 万块提升至约3 万块",
        &[
            "2.7 万 27000..27000 count exact",
            "约3 万 30000..30000 count approx",
        ],
    );
    reads(
        "5块5一斤",
        &["5块5 5.5..5.5 CNY exact", "一 1..1 count exact"],
    );
    // A clause-final X块 after a word for paying is money.
    reads(
        "手机壳花费你五美元和花费我三块",
        &["五美元 5..5 USD exact", "三块 3..3 CNY exact"],
    );
    // A digit after 块 that starts a word is not the tenths.
    reads("3块5G芯片", &["3 3..3 count exact"]);
}

#[test]
fn coins_and_sub_units() {
    each(&[
        ("每次50美分", "50美分 0.5..0.5 USD exact"),
        ("只要5毛钱", "5毛钱 0.5..0.5 CNY exact"),
        ("八分钱", "八分钱 0.08..0.08 CNY exact"),
        ("2元5角", "2元5角 2.5..2.5 CNY exact"),
        ("五元三毛", "五元三毛 5.3..5.3 CNY exact"),
        ("1元2角3分", "1元2角3分 1.23..1.23 CNY exact"),
        ("五圆", "五圆 5..5 CNY exact"),
        ("两美元又三美分", "两美元又三美分 2.03..2.03 USD exact"),
    ]);
}

#[test]
fn currency_names_after_the_figure() {
    each(&[
        (
            "5306亿台币",
            "5306亿台币 530600000000..530600000000 TWD exact",
        ),
        ("300新台币", "300新台币 300..300 TWD exact"),
        ("1.0092瑞士法郎", "1.0092瑞士法郎 1.0092..1.0092 CHF exact"),
        ("500瑞郎", "500瑞郎 500..500 CHF exact"),
        ("3万韩元", "3万韩元 30000..30000 KRW exact"),
        ("10亿卢布", "10亿卢布 1000000000..1000000000 RUB exact"),
        ("200泰铢", "200泰铢 200..200 THB exact"),
        ("20新加坡元", "20新加坡元 20..20 SGD exact"),
        ("15加元", "15加元 15..15 CAD exact"),
        ("100澳元", "100澳元 100..100 AUD exact"),
        ("200印度卢比", "200印度卢比 200..200 INR exact"),
        (
            "1000亿日元",
            "1000亿日元 100000000000..100000000000 JPY exact",
        ),
        ("五十日圆", "五十日圆 50..50 JPY exact"),
        ("10欧元", "10欧元 10..10 EUR exact"),
        ("3英镑", "3英镑 3..3 GBP exact"),
        ("5港元", "5港元 5..5 HKD exact"),
        ("100 CHF", "100 CHF 100..100 CHF exact"),
        ("100SGD", "100SGD 100..100 SGD exact"),
        ("445奈拉", "445奈拉 445..445 NGN exact"),
        ("3亿新西兰元", "3亿新西兰元 300000000..300000000 NZD exact"),
        ("50亿林吉特", "50亿林吉特 5000000000..5000000000 MYR exact"),
        ("20万越南盾", "20万越南盾 200000..200000 VND exact"),
        ("1000比特币", "1000比特币 1000..1000 BTC exact"),
        ("100里亚尔", "100里亚尔 100..100 SAR exact"),
        ("5澳门元", "5澳门元 5..5 MOP exact"),
        ("5印尼卢比", "5印尼卢比 5..5 IDR exact"),
    ]);
    // 一元二次方程 is algebra, 元宇宙 the metaverse, 圆满 "complete".
    assert!(show("一元二次方程").iter().all(|q| !q.contains("CNY")));
    assert!(show("圆满完成3个").iter().all(|q| !q.contains("CNY")));
}

#[test]
fn currency_named_before_the_figure() {
    each(&[
        ("港币5亿元", "港币5亿元 500000000..500000000 HKD exact"),
        ("新台币300元", "新台币300元 300..300 TWD exact"),
        (
            "人民币22亿元",
            "人民币22亿元 2200000000..2200000000 CNY exact",
        ),
        ("美金100万", "美金100万 1000000..1000000 USD exact"),
        ("美元 5亿", "美元 5亿 500000000..500000000 USD exact"),
        ("泰铢50", "泰铢50 50..50 THB exact"),
        ("NT$300", "NT$300 300..300 TWD exact"),
        ("售价HK$99", "HK$99 99..99 HKD exact"),
        ("A$20", "A$20 20..20 AUD exact"),
        ("₩5000", "₩5000 5000..5000 KRW exact"),
        ("港币100-200元", "港币100-200元 100..200 HKD range"),
    ]);
    // The currency word of an earlier figure is not a prefix of the next one.
    reads(
        "1000美元 2000人",
        &[
            "1000美元 1000..1000 USD exact",
            "2000 2000..2000 count exact",
        ],
    );
    // A named currency keeps its own name over the one before it.
    reads(
        "港币5亿美元",
        &["港币5亿美元 500000000..500000000 USD exact"],
    );
}

#[test]
fn halves_as_shares() {
    each(&[
        (
            "数量居全国首位,约占全国的一半",
            "一半 50..50 percent approx",
        ),
        ("约占总收入的35%", "35% 35..35 percent approx"),
        ("一半的用户", "一半 50..50 percent exact"),
        ("过半的企业", "过半 (50.._ percent over"),
        ("赞成票过半数", "过半数 (50.._ percent over"),
        ("半数以上的公司", "半数以上 (50.._ percent over"),
        ("超过一半", "超过一半 (50.._ percent over"),
        ("近一半用户", "近一半 _..50 percent nearly"),
    ]);
    // Without 约 before 占, the share is exact.
    reads("占全国的35%", &["35% 35..35 percent exact"]);
    none(&["半导体", "半途而废", "多半是他", "上半年", "下半年"]);
}

#[test]
fn halves_in_durations() {
    each(&[
        ("半年后的今天", "半年 6..6 months exact"),
        ("至少半年", "至少半年 6.._ months at_least"),
        ("一年半", "一年半 1.5..1.5 years exact"),
        ("三年半", "三年半 3.5..3.5 years exact"),
        ("两个半月", "两个半月 2.5..2.5 months exact"),
        ("一个半月", "一个半月 1.5..1.5 months exact"),
        ("半个月", "半个月 0.5..0.5 months exact"),
        ("半小时", "半小时 0.5..0.5 hours exact"),
        ("半天", "半天 0.5..0.5 days exact"),
        ("一个半小时", "一个半小时 1.5..1.5 hours exact"),
    ]);
    // 经过 is not 过 (over): 经过半年 is half a year.
    reads("经过半年", &["半年 6..6 months exact"]);
}

#[test]
fn fractions_as_multiples() {
    each(&[
        ("训练算力需求是 GPT-4 1/4", "1/4 0.25..0.25 multiple exact"),
        ("只需之前的1/10", "1/10 0.1..0.1 multiple exact"),
        (
            "三分之一",
            "三分之一 0.3333333333333333333333333333..0.3333333333333333333333333333 multiple exact",
        ),
        (
            "约三分之一的公司",
            "约三分之一 0.3333333333333333333333333333..0.3333333333333333333333333333 multiple approx",
        ),
        ("十分之一", "十分之一 0.1..0.1 multiple exact"),
        ("百分之四十", "百分之四十 40..40 percent exact"),
        ("千分之五", "千分之五 0.5..0.5 percent exact"),
    ]);
    // A vague numerator keeps its spread, scaled to the denominator.
    each(&[
        ("营收增长了百分之十几。", "百分之十几 (10.._ percent over"),
        ("亏损扩大了百分之几十", "百分之几十 20..90 percent range"),
        ("百分之三四十的用户", "百分之三四十 30..40 percent range"),
        ("千分之几十", "千分之几十 2..9 percent range"),
    ]);
    let q = &scan("算力仅为之前的1/11")[0];
    assert_eq!(q.unit, Unit::Multiple);
    assert_eq!(q.value.low_value(), Some(Decimal::ONE / Decimal::from(11)));
}

#[test]
fn ranges_with_the_magnitude_or_unit_written_once() {
    each(&[
        ("二十至五十万", "二十至五十万 200000..500000 count range"),
        (
            "三百到五百万人",
            "三百到五百万 3000000..5000000 count range",
        ),
        ("十到二十万台", "十到二十万 100000..200000 count range"),
        ("两至三万", "两至三万 20000..30000 count range"),
        ("三至五千元", "三至五千元 3000..5000 CNY range"),
        ("3-5亿美元", "3-5亿美元 300000000..500000000 USD range"),
        ("4万-5万个", "4万-5万 40000..50000 count range"),
        ("75万~85万元", "75万~85万元 750000..850000 CNY range"),
        (
            "1.6-1.8万亿",
            "1.6-1.8万亿 1600000000000..1800000000000 count range",
        ),
        (
            "2.2至2.5万亿元",
            "2.2至2.5万亿元 2200000000000..2500000000000 CNY range",
        ),
        (
            "今年会有1-2亿元收入",
            "1-2亿元 100000000..200000000 CNY range",
        ),
        ("7至10年", "7至10年 7..10 years range"),
        ("训练了90到100天", "90到100天 90..100 days range"),
        ("三到五年", "三到五年 3..5 years range"),
        ("4200-10500张", "4200-10500 4200..10500 count range"),
        ("3到5倍", "3到5倍 3..5 multiple range"),
        ("10-20%", "10-20% 10..20 percent range"),
        ("140~150万元/台", "140~150万元 1400000..1500000 CNY range"),
    ]);
    // 十 is not shared: 三至五十 is 3 to 50.
    reads("三至五十人", &["三至五十 3..50 count range"]);
    // A bare first end takes every magnitude written after the second's
    // number (千万 is one order of size), and tenths (成, 折) as well.
    each(&[
        (
            "投资二至三千万元",
            "二至三千万元 20000000..30000000 CNY range",
        ),
        ("融资3-5千万元", "3-5千万元 30000000..50000000 CNY range"),
        ("1-2百万用户", "1-2百万 1000000..2000000 count range"),
        (
            "二百至三百万人",
            "二百至三百万 2000000..3000000 count range",
        ),
        ("三至五成", "三至五成 30..50 percent range"),
        ("打七到八折", "七到八折 70..80 percent range"),
    ]);
    // Durations in two units meet in the smaller one (when it is exact).
    each(&[
        ("差距在6个月到1年之间", "6个月到1年 6..12 months range"),
        ("18个月至两年", "18个月至两年 18..24 months range"),
        ("1周到10天", "1周到10天 7..10 days range"),
        ("3个月到半年", "3个月到半年 3..6 months range"),
    ]);
    // With a magnitude of its own before the last, the first end shares
    // only the last magnitude, as before.
    reads("二至五十万人", &["二至五十万 20000..500000 count range"]);
}

#[test]
fn two_digit_years_before_a_part_of_the_year_are_dates() {
    reads(
        "23年全年营收34亿元",
        &["34亿元 3400000000..3400000000 CNY exact"],
    );
    reads("22年底已有5个大模型", &["5 5..5 count exact"]);
    reads(
        "商汤23年Q3营收10亿元",
        &["10亿元 1000000000..1000000000 CNY exact"],
    );
    // Without a part of the year, a duration.
    reads("他有22年的经验", &["22年 22..22 years exact"]);
}

#[test]
fn a_range_never_steals_a_date_or_a_list_number() {
    reads("2023年5月到10万人", &["10万 100000..100000 count exact"]);
    reads("1. 3-5万", &["3-5万 30000..50000 count range"]);
    reads(
        "5月28日-6月1日,共3-5万",
        &["3-5万 30000..50000 count range"],
    );
    none(&[
        "2019-2023年",
        "2024-25年",
        "2023-24财年",
        "第1-3名",
        "第三至五位",
    ]);
}

#[test]
fn bare_magnitudes_are_round_and_approx() {
    each(&[
        (
            "对外发布千亿参数 Yi-Large 闭源模型",
            "千亿 100000000000..100000000000 count approx",
        ),
        (
            "2021年发布的万亿参数大模型M6",
            "万亿 1000000000000..1000000000000 count approx",
        ),
        ("实现了万卡集群训练", "万 10000..10000 count approx"),
        ("拥有万张A100", "万 10000..10000 count approx"),
        ("百万字长文本", "百万 1000000..1000000 count approx"),
        ("千万用户", "千万 10000000..10000000 count approx"),
        (
            "融资百亿美元",
            "百亿美元 10000000000..10000000000 USD approx",
        ),
        (
            "参数规模处于千亿级",
            "千亿 100000000000..100000000000 count approx",
        ),
        ("近千万使用者", "近千万 _..10000000 count nearly"),
        ("逾百家企业", "逾百 (100.._ count over"),
    ]);
    // At a clause end, a bound or a verb of reaching before a round magnitude
    // of 万 or more makes it a figure: nothing after it need name the counted.
    each(&[
        ("营收超过百亿。", "超过百亿 (10000000000.._ CNY over"),
        (
            "市场规模达千亿",
            "千亿 100000000000..100000000000 count approx",
        ),
        ("年收入近千亿,", "近千亿 _..100000000000 CNY nearly"),
    ]);
    // 万 and 亿 alone after a verb of passing: 破/过 are over the magnitude.
    each(&[
        ("用户数破亿,", "破亿 (100000000.._ count over"),
        ("下载量已过亿。", "过亿 (100000000.._ count over"),
        ("月销过万。", "过万 (10000.._ count over"),
        ("营收破百亿", "破百亿 (10000000000.._ CNY over"),
        ("融资超亿元", "超亿元 (100000000.._ CNY over"),
        ("拥有上亿用户", "上亿 100000000.._ count at_least"),
    ]);
    // A bound wins over the approx of a round magnitude.
    each(&[
        (
            "基本都处于千亿及以上规模",
            "千亿及以上 100000000000.._ count at_least",
        ),
        ("参数量在千亿级及以下", "千亿 _..100000000000 count up_to"),
    ]);
    // Numbers with a digit stay exact; 十万 is "ten 万", not an order of size.
    each(&[
        ("一百万用户", "一百万 1000000..1000000 count exact"),
        ("十万人", "十万 100000..100000 count exact"),
    ]);
    none(&[
        "千万别这样",
        "千万要小心",
        "你千万。",
        "超过千。",
        "过程万一出错",
        "亿万富翁",
        "亿元",
        "万一失败",
        "百万富翁",
        "零一万物",
        "万事如意",
        "万众一心",
        "成千上万",
    ]);
}

#[test]
fn several_is_two_to_nine() {
    each(&[
        (
            "订单额度达到数亿元人民币",
            "数亿元人民币 200000000..900000000 CNY range",
        ),
        ("数十亿参数", "数十亿 2000000000..9000000000 count range"),
        ("推出了几款产品", "几 2..9 count range"),
        ("数家公司", "数 2..9 count range"),
        (
            "算力需求就是 LLM 高出好几个倍",
            "好几个倍 2..9 multiple range",
        ),
        ("好几倍", "好几倍 2..9 multiple range"),
        ("售价翻数倍", "数倍 2..9 multiple range"),
        ("用了数年", "数年 2..9 years range"),
        ("几个月后", "几个月 2..9 months range"),
        ("好几千人", "好几千 2000..9000 count range"),
        ("大几千元", "大几千元 5000..9000 CNY range"),
        ("几十个", "几十 20..90 count range"),
    ]);
    reads(
        "几天内涨了大几十万",
        &[
            "几天 2..9 days range",
            "大几十万 500000..900000 count range",
        ],
    );
    // 扩大 is a verb: 几十倍 keeps its whole spread.
    reads("扩大几十倍", &["几十倍 20..90 multiple range"]);
    // Vague times and words with 数.
    none(&[
        "呈现指数级的增长",
        "人数不多",
        "这几年",
        "前几天",
        "近数月",
        "数字经济",
        "数码相机",
        "数据",
        "几乎",
        "几月几号",
    ]);
}

#[test]
fn twenty_and_thirty_in_one_character() {
    each(&[
        ("廿三个", "廿三 23..23 count exact"),
        ("卅年", "卅年 30..30 years exact"),
        ("廿万人", "廿万 200000..200000 count exact"),
    ]);
}

#[test]
fn vague_durations() {
    each(&[
        ("已有两个多月时间", "两个多月 (2.._ months over"),
        ("一个多小时", "一个多小时 (1.._ hours over"),
        ("一年多的时间", "一年多 (1.._ years over"),
        ("20多年", "20多年 (20.._ years over"),
        ("一年多以来", "一年多 (1.._ years over"),
    ]);
    reads("一年多少钱", &["一年 1..1 years exact"]);
}

#[test]
fn the_items_of_a_price_list_share_its_rate() {
    reads(
        "API定价为每百万tokens输入1元、输出2元",
        &["1元 1..1 CNY/Mtok exact", "2元 2..2 CNY/Mtok exact"],
    );
    reads(
        "每百万输入tokens价格为0.5元(缓存命中)/2元(缓存未命中)",
        &["0.5元 0.5..0.5 CNY/Mtok exact", "2元 2..2 CNY/Mtok exact"],
    );
    reads(
        "The model costs $2 and $8 per million tokens",
        &[
            "$2 2..2 USD/Mtok exact",
            "$8 per million tokens 8..8 USD/Mtok exact",
        ],
    );
    // Not across a clause, nor to an item that names a period of its own.
    reads(
        "每天成本70万美元,融资10亿美元",
        &[
            "70万美元 700000..700000 USD/day exact",
            "10亿美元 1000000000..1000000000 USD exact",
        ],
    );
    reads(
        "每月收入1亿美元和全年12亿美元",
        &[
            "1亿美元 100000000..100000000 USD/month exact",
            "12亿美元 1200000000..1200000000 USD exact",
        ],
    );
}

#[test]
fn rates_per_token_query_hour_and_gpu_hour() {
    each(&[
        (
            "价格降至0.5元/百万tokens",
            "0.5元/百万tokens 0.5..0.5 CNY/Mtok exact",
        ),
        (
            "每百万Token $0.25",
            "每百万Token $0.25 0.25..0.25 USD/Mtok exact",
        ),
        (
            "每千tokens 0.008元",
            "每千tokens 0.008元 0.008..0.008 CNY/Ktok exact",
        ),
        (
            "每百万输入tokens价格为0.5元",
            "0.5元 0.5..0.5 CNY/Mtok exact",
        ),
        ("输出$15/1M tokens", "$15/1M tokens 15..15 USD/Mtok exact"),
        (
            "每1000个token 0.5元",
            "每1000个token 0.5元 0.5..0.5 CNY/Ktok exact",
        ),
        // Chinese words for token.
        (
            "每百万输入标记收费0.8美元",
            "0.8美元 0.8..0.8 USD/Mtok exact",
        ),
        ("每千个词元收费0.02元", "0.02元 0.02..0.02 CNY/Ktok exact"),
        ("每百万令牌价格为3元", "3元 3..3 CNY/Mtok exact"),
        ("每次调用0.1元", "每次调用0.1元 0.1..0.1 CNY/query exact"),
        ("每次查询花费0.5美元", "0.5美元 0.5..0.5 USD/query exact"),
        ("10元/次", "10元/次 10..10 CNY/query exact"),
        (
            "以 H100 物理机每小时 1 美元计算",
            "每小时 1 美元 1..1 USD/hour exact",
        ),
        ("租金2美元/小时", "2美元/小时 2..2 USD/hour exact"),
        ("每GPU小时2美元", "每GPU小时2美元 2..2 USD/GPU-hour exact"),
        ("2美元/GPU小时", "2美元/GPU小时 2..2 USD/GPU-hour exact"),
        (
            "每季度5亿美元",
            "每季度5亿美元 500000000..500000000 USD/quarter exact",
        ),
        ("30美元一个月", "30美元一个月 30..30 USD/month exact"),
    ]);
    // Per-unit hardware prices are plain money.
    each(&[
        ("当时购买价格为8万元/台", "8万元 80000..80000 CNY exact"),
        ("售价2.5万美元/张", "2.5万美元 25000..25000 USD exact"),
        ("每块GPU 3万元", "3万元 30000..30000 CNY exact"),
    ]);
    // 一年半 after money is a duration, not a rate.
    reads(
        "花了30万美元一年半",
        &[
            "30万美元 300000..300000 USD exact",
            "一年半 1.5..1.5 years exact",
        ],
    );
}

#[test]
fn counts_per_period() {
    each(&[
        ("每秒能生成60个tokens", "60 60..60 count/second exact"),
        (
            "日均调用量达2亿次",
            "2亿 200000000..200000000 count/day exact",
        ),
        (
            "每天约有1300万独立访客",
            "约有1300万 13000000..13000000 count/day approx",
        ),
        ("调用量2亿次/天", "2亿 200000000..200000000 count/day exact"),
        ("每年新增超过100家", "超过100 (100.._ count/year over"),
    ]);
    reads(
        "8x H100 也无法以每秒 33.33 个 Token 的速度",
        &[
            "8 8..8 count exact",
            "33.33 33.33..33.33 count/second exact",
        ],
    );
    // 4月均价 is April's average price.
    reads(
        "4月均价直接上修到了85万~100万元",
        &["85万~100万元 850000..1000000 CNY range"],
    );
    // 每 before something that is not a period or request sets no rate.
    each(&[
        ("每家公司有3个模型", "3 3..3 count exact"),
        ("每次前向传递经过16个专家", "16 16..16 count exact"),
        ("每日经济新闻报道,5家公司", "5 5..5 count exact"),
    ]);
}

#[test]
fn gpu_hours() {
    each(&[
        (
            "训练耗费280万GPU小时",
            "280万GPU小时 2800000..2800000 GPU-hours exact",
        ),
        (
            "用了640w个GPU小时",
            "640w个GPU小时 6400000..6400000 GPU-hours exact",
        ),
        (
            "仅用了278.8万H800 GPU小时",
            "278.8万H800 GPU小时 2788000..2788000 GPU-hours exact",
        ),
        (
            "2788000 GPU小时",
            "2788000 GPU小时 2788000..2788000 GPU-hours exact",
        ),
        (
            "不到280万 GPU时",
            "不到280万 GPU时 _..2800000) GPU-hours under",
        ),
        ("约10万卡时", "约10万卡时 100000..100000 GPU-hours approx"),
    ]);
}

#[test]
fn w_after_digits_is_wan() {
    each(&[
        ("粉丝1.2w,", "1.2w 12000..12000 count exact"),
        ("3w人", "3w 30000..30000 count exact"),
        ("10w+用户", "10w 100000..100000 count exact"),
        ("月薪3W元", "3W元 30000..30000 CNY exact"),
        ("3-5w个", "3-5w 30000..50000 count range"),
    ]);
    // Watts and identifiers.
    none(&["功耗700W,", "TDP 700w", "300w电源", "w2v", "3w3d"]);
}

#[test]
fn signs_after_words_for_change() {
    each(&[
        ("营收同比-3%", "-3% -3..-3 percent exact"),
        ("环比+2.5%", "+2.5% 2.5..2.5 percent exact"),
        ("QoQ -12%", "-12% -12..-12 percent exact"),
        ("YoY 5%", "5% 5..5 percent exact"),
    ]);
    reads(
        "服务客户数481,yoy-6.1%",
        &["481 481..481 count exact", "-6.1% -6.1..-6.1 percent exact"],
    );
    reads(
        "客户数达到270,yoy+47.5%",
        &[
            "270 270..270 count exact",
            "+47.5% 47.5..47.5 percent exact",
        ],
    );
    // A hyphen after a name is still no sign.
    none(&["GPT-4", "Qwen-14B", "Yi-34B", "AI-2"]);
}

#[test]
fn minus_after_a_word() {
    each(&[
        ("毛利率为-24.7%", "-24.7% -24.7..-24.7 percent exact"),
        (
            "净利润为-3.2亿元",
            "-3.2亿元 -320000000..-320000000 CNY exact",
        ),
        (
            "gross margin was -24.7%",
            "-24.7% -24.7..-24.7 percent exact",
        ),
        // After a unit or a number the dash opens a span's second end.
        ("3万-5万元", "3万-5万元 30000..50000 CNY range"),
        ("pages 10 -20", "10 -20 10..20 count range"),
    ]);
    none(&["2021年-2023年", "1月-3月"]);
}

#[test]
fn percentage_points() {
    each(&[
        ("毛利率同比下降20.7pct", "20.7pct 20.7..20.7 percent exact"),
        ("下降20.7 pct", "20.7 pct 20.7..20.7 percent exact"),
        ("提升3ppt", "3ppt 3..3 percent exact"),
        ("下降20.7个百分点", "20.7个百分点 20.7..20.7 percent exact"),
        ("降息50bp", "50bp 0.5..0.5 percent exact"),
    ]);
    // Points and a percentage are no range: a fall by 20.7 points to 45.3 %.
    reads(
        "毛利率同比下降20.7pct 至45.3%",
        &[
            "20.7pct 20.7..20.7 percent exact",
            "45.3% 45.3..45.3 percent exact",
        ],
    );
    reads(
        "下降2个百分点至30%",
        &["2个百分点 2..2 percent exact", "30% 30..30 percent exact"],
    );
}

#[test]
fn a_count_of_accelerators() {
    each(&[
        ("8x H100 也无法", "8 8..8 count exact"),
        ("8xA100服务器", "8 8..8 count exact"),
    ]);
}

#[test]
fn figures_packed_with_a_slash() {
    reads(
        "净亏损/经调整净亏损为31.43/23.93 亿元人民币",
        &[
            "31.43 3143000000..3143000000 CNY exact",
            "23.93 亿元人民币 2393000000..2393000000 CNY exact",
        ],
    );
    reads(
        "分别较1H22 收窄2.0%/6.7%",
        &["2.0% 2..2 percent exact", "6.7% 6.7..6.7 percent exact"],
    );
    reads(
        "分别为100/200万元",
        &[
            "100 1000000..1000000 CNY exact",
            "200万元 2000000..2000000 CNY exact",
        ],
    );
    // A fraction stays a fraction; dates and paths are no figures.
    reads("3/4的用户", &["3/4 0.75..0.75 multiple exact"]);
    none(&["2023/4/10", "智通财经 · 03/28 15:58", "a.com/path/123"]);
}

#[test]
fn traps_that_are_no_figures() {
    none(&[
        // Half-year and quarter labels, and a list number glued to one.
        "1H23",
        "23H1",
        "2H24",
        "Q1",
        "24Q1营收",
        "123H1实现收入",
        // MathJax residue of 4.8×10^25: neither the mantissa nor 1025.
        "4.8∗1025",
        "Duration=4.8∗1025/(312∗1012∗",
        // A floor in an address, clock times, dates, names.
        "鼎好大厦的A座20层",
        "上午 10:00",
        "2023年5月",
        "5月28日",
        "GPT-3.5",
        "Qwen-14B",
        "Yi-34B",
        // List numbers inside a line, stock codes, URL encoding.
        "综合:1)毛利润同比下降;2)降本",
        "商汤科技(00020)",
        "https://a.com/%E6%94%BB%E9%99%B7",
        // Plan names.
        "十四五规划",
        "“十三五”期间",
    ]);
    // The figures next to the labels are still read.
    reads(
        "1H23 收入14.33 亿元",
        &["14.33 亿元 1433000000..1433000000 CNY exact"],
    );
    reads(
        "23H1实现收入8.536亿元",
        &["8.536亿元 853600000..853600000 CNY exact"],
    );
    reads("GPT-4 在 120 层中", &["120 120..120 count exact"]);
    // Only the powers of ten lose their figures.
    reads(
        "312∗25000",
        &["312 312..312 count exact", "25000 25000..25000 count exact"],
    );
}

#[test]
fn one_after_a_magnitude_before_a_classifier_is_one() {
    reads("近300万一台却有价无市", &["近300万 _..3000000 CNY nearly"]);
    reads(
        "两万一个月",
        &["两万 20000..20000 count exact", "一个月 1..1 months exact"],
    );
    each(&[
        ("九万四人", "九万四 94000..94000 count exact"),
        ("一万三", "一万三 13000..13000 count exact"),
        // After 十, 一 is the units digit.
        ("五十一个", "五十一 51..51 count exact"),
    ]);
}

#[test]
fn yuan_left_out_after_money_nouns() {
    each(&[
        (
            "生成式AI去年收入为11.8亿,",
            "11.8亿 1180000000..1180000000 CNY exact",
        ),
        (
            "超过10亿收入体量的新业务",
            "超过10亿 (1000000000.._ CNY over",
        ),
        ("公司估值超200亿", "超200亿 (20000000000.._ CNY over"),
        ("营收300万,", "300万 3000000..3000000 CNY exact"),
        (
            "去年研发投入约为30亿,",
            "约为30亿 3000000000..3000000000 CNY approx",
        ),
    ]);
    reads(
        "两天涨价30万",
        &["两天 2..2 days exact", "30万 300000..300000 CNY exact"],
    );
    // Counts stay counts.
    each(&[
        ("收入来自300万用户", "300万 3000000..3000000 count exact"),
        (
            "参数量1750亿",
            "1750亿 175000000000..175000000000 count exact",
        ),
        ("GPU数量达2.7万", "2.7万 27000..27000 count exact"),
    ]);
}

#[test]
fn the_approx_sign_before_a_figure() {
    each(&[
        ("训练时间≈178days", "≈178days 178..178 days approx"),
        ("成本≈ 4.5亿元", "≈ 4.5亿元 450000000..450000000 CNY approx"),
    ]);
}

/// A tilde opening a figure (full-width ～ is folded to ~ before the scan)
/// is "about"; between two figures it is still a range.
#[test]
fn a_tilde_before_a_figure_is_approx_between_two_a_range() {
    each(&[
        ("规模达~3万块", "~3万 30000..30000 count approx"),
        ("(~3万块)", "~3万 30000..30000 count approx"),
        ("规模达3~5万块", "3~5万 30000..50000 count range"),
        ("规模达3万~5万块", "3万~5万 30000..50000 count range"),
        ("占比5%~8%", "5%~8% 5..8 percent range"),
    ]);
}

#[test]
fn a_range_after_a_latin_name_is_a_figure() {
    each(&[("落后OpenAI和Google 7至10年", "7至10年 7..10 years range")]);
}

#[test]
fn an_amount_after_a_slash_with_its_own_currency_is_an_alternative() {
    let texts = |t: &str| -> Vec<String> {
        scan(t)
            .iter()
            .map(|q| t[q.start..q.end].to_string())
            .collect()
    };
    let got = texts("每百万输入tokens价格为0.5元(缓存命中)/2元(缓存未命中)");
    assert_eq!(got, ["0.5元", "2元"]);
    assert_eq!(texts("3万/5万元"), ["3万", "5万元"]);
    // A rate's denominator stays one.
    assert_eq!(texts("成本约为2元/100万tokens"), ["约为2元"]);
}

/// 从A到B with a word of change after it is a start and an end (two figures,
/// the first taking the unit the second writes for both); with a word of
/// spread, or bare, it stays a range.
#[test]
fn from_to_with_a_change_after_is_two_figures() {
    reads(
        "从3亿到40亿美元的估值跃迁",
        &[
            "3亿 300000000..300000000 USD exact",
            "40亿美元 4000000000..4000000000 USD exact",
        ],
    );
    reads(
        "由10.4%到34.8%的大幅提升",
        &[
            "10.4% 10.4..10.4 percent exact",
            "34.8% 34.8..34.8 percent exact",
        ],
    );
    each(&[
        (
            "价格从5万到10万元不等",
            "5万到10万元 50000..100000 CNY range",
        ),
        ("从5万到10万元的区间", "5万到10万元 50000..100000 CNY range"),
        ("5万到10万元的增长", "5万到10万元 50000..100000 CNY range"),
        (
            "从3亿到40亿美元",
            "3亿到40亿美元 300000000..4000000000 USD range",
        ),
        // The change word in the next clause is not this span's.
        (
            "从5万到10万元,收入增长",
            "5万到10万元 50000..100000 CNY range",
        ),
    ]);
}

/// The start of a change (从A增长到B) written without a unit takes the end's.
#[test]
fn the_start_of_a_change_takes_the_unit_of_its_end() {
    reads(
        "估值从3亿增长到40亿美元",
        &[
            "3亿 300000000..300000000 USD exact",
            "40亿美元 4000000000..4000000000 USD exact",
        ],
    );
    reads(
        "占比由10.4提升至34.8%",
        &[
            "10.4 10.4..10.4 percent exact",
            "34.8% 34.8..34.8 percent exact",
        ],
    );
    // A start with its own unit keeps it.
    reads(
        "从3亿元增长到40亿美元",
        &[
            "3亿元 300000000..300000000 CNY exact",
            "40亿美元 4000000000..4000000000 USD exact",
        ],
    );
}

/// A currency named before a range (人民币, 台币, 港币, RMB, US$, ¥) is no unit
/// after its first number: the magnitude written once after the second end
/// still applies to both, whichever mark joins them.
#[test]
fn a_currency_before_a_range_leaves_the_magnitude_shared() {
    each(&[
        (
            "人民币30至50亿元",
            "人民币30至50亿元 3000000000..5000000000 CNY range",
        ),
        (
            "约台币96至128兆元",
            "约台币96至128兆元 96000000000000..128000000000000 TWD range",
        ),
        (
            "港币100到200亿元",
            "港币100到200亿元 10000000000..20000000000 HKD range",
        ),
        (
            "RMB 30-50亿元",
            "RMB 30-50亿元 3000000000..5000000000 CNY range",
        ),
        (
            "US$30至50亿",
            "US$30至50亿 3000000000..5000000000 USD range",
        ),
        ("¥30~50亿元", "¥30~50亿元 3000000000..5000000000 CNY range"),
        ("美元3至5亿", "美元3至5亿 300000000..500000000 USD range"),
        (
            "人民币3到5千万元",
            "人民币3到5千万元 30000000..50000000 CNY range",
        ),
        (
            "人民币三十至五十亿元",
            "人民币三十至五十亿元 3000000000..5000000000 CNY range",
        ),
        // A unit after the first number keeps it as written.
        ("人民币30元至50元", "人民币30元至50元 30..50 CNY range"),
        ("港币100-200元", "港币100-200元 100..200 HKD range"),
    ]);
}

/// The start of a change written with no magnitude takes the end's, when
/// the scaled start agrees with the direction of the change (a fall from
/// 30亿 to 8亿; but 从800增长到120万 is no fall from 800万).
#[test]
fn the_start_of_a_change_shares_the_magnitude_of_its_end() {
    reads(
        "从30降至8亿元",
        &[
            "30 3000000000..3000000000 CNY exact",
            "8亿元 800000000..800000000 CNY exact",
        ],
    );
    reads(
        "从人民币30降至8亿元",
        &[
            "人民币30 3000000000..3000000000 CNY exact",
            "8亿元 800000000..800000000 CNY exact",
        ],
    );
    reads(
        "从3增长到40亿美元",
        &[
            "3 300000000..300000000 USD exact",
            "40亿美元 4000000000..4000000000 USD exact",
        ],
    );
    reads(
        "从30到8亿元的下降",
        &[
            "30 3000000000..3000000000 CNY exact",
            "8亿元 800000000..800000000 CNY exact",
        ],
    );
    reads(
        "从800增长到120万",
        &[
            "800 800..800 count exact",
            "120万 1200000..1200000 count exact",
        ],
    );
    reads(
        "从20降至8%",
        &["20 20..20 percent exact", "8% 8..8 percent exact"],
    );
}

/// After `=` a total with a classifier or unit is a figure (北京+天津=152款);
/// a bare result (1+1=2) and a value in a URL query are not.
#[test]
fn a_total_after_an_equals_sign_is_a_figure() {
    each(&[
        ("北京+天津+沧州=152款", "152 152..152 count exact"),
        ("京津冀:北京+天津=152款,占全国", "152 152..152 count exact"),
        ("成都+重庆=15款", "15 15..15 count exact"),
        ("占比=32.1%", "32.1% 32.1..32.1 percent exact"),
        (">=152款", ">=152 152.._ count at_least"),
    ]);
    none(&["x=152", "参数量=70", "?id=152款", "a==152款", "key_1=3家"]);
    reads("1+1=2", &["1 1..1 count exact", "1 1..1 count exact"]);
}

/// `元/千` with the tokens left unsaid is per thousand tokens in a sentence
/// about an API's price, and no rate where a unit follows or nothing speaks
/// of tokens.
#[test]
fn a_bare_thousand_after_a_slash_prices_tokens_in_an_api_sentence() {
    each(&[
        (
            "API调用价格降至0.0008元/千——即低于",
            "0.0008元/千 0.0008..0.0008 CNY/Ktok exact",
        ),
        ("输入价格2元/百万,", "2元/百万 2..2 CNY/Mtok exact"),
        (
            "价格降至0.0008元/千——即低于",
            "0.0008元 0.0008..0.0008 CNY exact",
        ),
        ("API调用的猪肉价格30元/千克", "30元 30..30 CNY exact"),
    ]);
}
