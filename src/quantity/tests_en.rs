//! English grammar tests: one group per part of the grammar.

use super::*;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// (span, low, high, unit[/per], qualifier) as printable strings.
type Found = (String, Option<String>, Option<String>, String, &'static str);

/// Every quantity in `text`.
fn found(text: &str) -> Vec<Found> {
    scan(text)
        .iter()
        .map(|q| {
            let unit = match q.per {
                Some(p) => format!("{}/{}", q.unit, p),
                None => q.unit.to_string(),
            };
            (
                text[q.start..q.end].to_string(),
                q.value.low_value().map(|v| v.normalize().to_string()),
                q.value.high_value().map(|v| v.normalize().to_string()),
                unit,
                q.qualifier.as_str(),
            )
        })
        .collect()
}

/// The single quantity in `text`.
fn one(text: &str) -> Quantity {
    let qs = scan(text);
    assert_eq!(qs.len(), 1, "{text}: {:?}", found(text));
    qs[0].clone()
}

/// `text` holds exactly one quantity: `span`, [low, high], unit (with
/// `/per`), qualifier. An empty bound is open.
fn is(text: &str, span: &str, low: &str, high: &str, unit: &str, qualifier: &str) {
    let f = found(text);
    assert_eq!(f.len(), 1, "{text}: {f:?}");
    let opt = |s: &str| (!s.is_empty()).then(|| d(s).normalize().to_string());
    assert_eq!(
        f[0],
        (
            span.to_string(),
            opt(low),
            opt(high),
            unit.to_string(),
            Qualifier::parse(qualifier).unwrap().as_str()
        ),
        "{text}"
    );
}

fn none(text: &str) {
    assert!(scan(text).is_empty(), "{text}: {:?}", found(text));
}

#[test]
fn done_when_example() {
    let line = "OpenAI spent more than $100 million training GPT-4, and ChatGPT costs about $700,000 a day to run.";
    let v = quantities_json(line);
    let qs = v["quantities"].as_array().unwrap();
    assert_eq!(qs.len(), 2, "{v}");
    assert_eq!(qs[0]["text"], "more than $100 million");
    assert_eq!(qs[0]["low"], "100000000");
    assert_eq!(qs[0]["high"], serde_json::Value::Null);
    assert_eq!(qs[0]["unit"], "USD");
    assert_eq!(qs[0]["qualifier"], "over");
    assert_eq!(qs[1]["text"], "about $700,000 a day");
    assert_eq!(qs[1]["low"], "700000");
    assert_eq!(qs[1]["high"], "700000");
    assert_eq!(qs[1]["unit"], "USD");
    assert_eq!(qs[1]["per"], "day");
    assert_eq!(qs[1]["qualifier"], "approx");
    let q = one("OpenAI spent more than $100 million training GPT-4.");
    assert!(q.value.low_open(), "more than is an open lower bound");
}

#[test]
fn prose_numbers_after_words() {
    is(
        "released 42 large language models",
        "42",
        "42",
        "42",
        "count",
        "exact",
    );
    is(
        "more than 60% of the market",
        "more than 60%",
        "60",
        "",
        "percent",
        "over",
    );
    is(
        "sold 550,000 units",
        "550,000",
        "550000",
        "550000",
        "count",
        "exact",
    );
    is(
        "raised $6.6 billion",
        "$6.6 billion",
        "6600000000",
        "6600000000",
        "USD",
        "exact",
    );
    is("a run of 90 days", "90 days", "90", "90", "days", "exact");
    is(
        "used 25,000 GPUs",
        "25,000",
        "25000",
        "25000",
        "count",
        "exact",
    );
    is(
        "approved 14 large language models (LLM)",
        "14",
        "14",
        "14",
        "count",
        "exact",
    );
    is(
        "ChatGPT has 250 million weekly active users",
        "250 million",
        "250000000",
        "250000000",
        "count",
        "exact",
    );
}

#[test]
fn identifiers_stay_identifiers() {
    for text in [
        "GPT-4",
        "GPT-3.5 is out",
        "the A100 and H800 and H20",
        "Office 365 Copilot",
        "Llama 3 is open",
        "Llama 3.1 405B",
        "Yi-34B",
        "Mixtral 8x7B",
        "Windows 11",
        "the iPhone 15",
        "COVID-19",
        "a 4K video",
        "5G networks",
        "3D printing",
        "B2B sales",
        "on May 4",
        "in 2023",
        "Q3 2024",
        "1H23 revenue",
        "FY2024 results",
        "at 10:00",
        "at 10:29 am",
        "version 2.3.1",
        "see https://example.com/a?id=123&x=30%25",
        "2023-04-10",
        "the 4th batch",
        "the first batch",
        "the 1990s",
        "H100 80GB HBM3",
        "01.AI and 4Paradigm",
        "a third party",
        "the first half of 2023",
        "The one you mentioned",
        "one of the largest",
        "a next generation service",
    ] {
        none(text);
    }
    for text in [
        "In 2023 models grew",
        "since 2020 sales rose",
        "the summer of 2023.",
    ] {
        none(text);
    }
    // A year-like figure before a counted noun is a count.
    is(
        "a cluster of 2048 H800 GPUs",
        "2048",
        "2048",
        "2048",
        "count",
        "exact",
    );
    // A list number at the start of a line.
    assert_eq!(found("1. Background\n2) Method").len(), 0);
}

#[test]
fn digits_and_suffixes() {
    is(
        "1,234,567.5 units",
        "1,234,567.5",
        "1234567.5",
        "1234567.5",
        "count",
        "exact",
    );
    is(
        "we used 25k GPUs",
        "25k",
        "25000",
        "25000",
        "count",
        "exact",
    );
    is(
        "raised $1.2bn",
        "$1.2bn",
        "1200000000",
        "1200000000",
        "USD",
        "exact",
    );
    is(
        "estimated at 1.6T - 1.8T parameters",
        "estimated at 1.6T - 1.8T",
        "1600000000000",
        "1800000000000",
        "count",
        "range",
    );
    is(
        "a 400B model",
        "400B",
        "400000000000",
        "400000000000",
        "count",
        "exact",
    );
    is(
        "671B parameters",
        "671B",
        "671000000000",
        "671000000000",
        "count",
        "exact",
    );
    is(
        "costs $30M a year",
        "$30M a year",
        "30000000",
        "30000000",
        "USD/year",
        "exact",
    );
    is("a £5m deal", "£5m", "5000000", "5000000", "GBP", "exact");
    is(
        "spent 2.5 trillion won",
        "2.5 trillion won",
        "2500000000000",
        "2500000000000",
        "KRW",
        "exact",
    );
    is(
        "earned 10 mn euros",
        "10 mn euros",
        "10000000",
        "10000000",
        "EUR",
        "exact",
    );
    // m before a length word is metres.
    none("ran the 100m sprint");
    assert_eq!(
        found("8B和70B"),
        [
            (
                "8B".into(),
                Some("8000000000".into()),
                Some("8000000000".into()),
                "count".into(),
                "exact"
            ),
            (
                "70B".into(),
                Some("70000000000".into()),
                Some("70000000000".into()),
                "count".into(),
                "exact"
            ),
        ]
    );
}

#[test]
fn number_words() {
    for (text, value) in [
        ("zero", "0"),
        ("seventeen", "17"),
        ("twenty-five", "25"),
        ("one hundred and sixty-one", "161"),
        ("two thousand and two hundred", "2200"),
        ("twenty-one trillion and three hundred", "21000000000300"),
        ("a dozen", "12"),
        ("three dozens", "36"),
        ("half a million", "500000"),
        ("a million", "1000000"),
        ("one and a half", "1.5"),
        ("five and a half million", "5500000"),
        ("one million and a half", "1500000"),
        ("two point five million", "2500000"),
        ("nought point five", "0.5"),
        ("13 lakh", "1300000"),
        ("4 thousand 3 hundred and 21", "4321"),
        ("$30 million", "30000000"),
        ("1.2 billion", "1200000000"),
        ("2.5 trillion", "2500000000000"),
    ] {
        let q = one(text);
        assert_eq!(
            (q.value.low_value(), q.value.high_value()),
            (Some(d(value)), Some(d(value))),
            "{text}"
        );
    }
    // `3 hundred and 2 hundred` is two numbers.
    assert_eq!(found("3 hundred and 2 hundred").len(), 2);
    // `a`, `an` and `one` as pronouns are no numbers.
    none("an apple a day");
    none("which one do you prefer?");
}

#[test]
fn fractions_and_percent() {
    is(
        "1/11th of the compute",
        "1/11th",
        "0.0909090909090909090909090909",
        "0.0909090909090909090909090909",
        "multiple",
        "exact",
    );
    is(
        "one-third of them",
        "one-third",
        "0.3333333333333333333333333333",
        "0.3333333333333333333333333333",
        "multiple",
        "exact",
    );
    is(
        "a quarter of the market",
        "a quarter",
        "0.25",
        "0.25",
        "multiple",
        "exact",
    );
    is(
        "two thirds of a million",
        "two thirds of a million",
        "666666.6666666666666666666667",
        "666666.6666666666666666666667",
        "count",
        "exact",
    );
    is(
        "more than half of users",
        "more than half",
        "0.5",
        "",
        "multiple",
        "over",
    );
    is(
        "rose 20 percent",
        "20 percent",
        "20",
        "20",
        "percent",
        "exact",
    );
    is(
        "rose 20 per cent",
        "20 per cent",
        "20",
        "20",
        "percent",
        "exact",
    );
    let q = one("up 2.5 percentage points");
    assert_eq!(
        (q.unit, q.value.low_value()),
        (Unit::Percent, Some(d("2.5")))
    );
    let text = "up 2.5 percentage points";
    assert!(is_percentage_points(&text[q.start..q.end]));
    let q = one("up 2.5%");
    assert!(!is_percentage_points(&"up 2.5%"[q.start..q.end]));
    is("is 3x faster", "3x", "3", "3", "multiple", "exact");
    is(
        "10 times faster",
        "10 times",
        "10",
        "10",
        "multiple",
        "exact",
    );
}

#[test]
fn ranges() {
    is(
        "raised $2-12 million",
        "$2-12 million",
        "2000000",
        "12000000",
        "USD",
        "range",
    );
    is(
        "sells for $12,000-15,000 each",
        "$12,000-15,000",
        "12000",
        "15000",
        "USD",
        "range",
    );
    is(
        "took 90 to 100 days",
        "90 to 100 days",
        "90",
        "100",
        "days",
        "range",
    );
    is(
        "a gap of 7 to 10 years",
        "7 to 10 years",
        "7",
        "10",
        "years",
        "range",
    );
    is(
        "between 20 and 30 models",
        "between 20 and 30",
        "20",
        "30",
        "count",
        "range",
    );
    is(
        "from $1 billion to $2 billion",
        "from $1 billion to $2 billion",
        "1000000000",
        "2000000000",
        "USD",
        "range",
    );
    is(
        "the range 1000 - 5000",
        "1000 - 5000",
        "1000",
        "5000",
        "count",
        "range",
    );
    is("5k-20k", "5k-20k", "5000", "20000", "count", "range");
    // A change is two figures, not a range.
    assert_eq!(found("revenue rose from $1 billion to $2 billion").len(), 2);
    assert_eq!(found("sales rose 6.2% to $1.45 billion").len(), 2);
    // Years are dates.
    none("from 2019 to 2023");
    none("2019-2023");
    // Bounds on both sides make one range.
    is(
        "more than 10 and less than 20",
        "more than 10 and less than 20",
        "10",
        "20",
        "count",
        "range",
    );
}

#[test]
fn qualifiers() {
    for (text, qualifier, low, high) in [
        ("about 100 models", "approx", "100", "100"),
        ("around $30,000", "approx", "30000", "30000"),
        ("roughly 40%", "approx", "40", "40"),
        ("approximately 550,000 units", "approx", "550000", "550000"),
        ("some 30 companies", "approx", "30", "30"),
        (
            "an estimated $470 million",
            "approx",
            "470000000",
            "470000000",
        ),
        ("nearly 70,000 chips", "nearly", "", "70000"),
        ("almost 50%", "nearly", "", "50"),
        ("close to 100 firms", "nearly", "", "100"),
        ("just under 3 million", "nearly", "", "3000000"),
        ("a little less than a billion", "nearly", "", "1000000000"),
        ("more than 100", "over", "100", ""),
        ("over 40 models", "over", "40", ""),
        ("above 170", "over", "170", ""),
        ("in excess of $30 million", "over", "30000000", ""),
        ("upwards of 200", "over", "200", ""),
        ("at least 10,000 GPUs", "at_least", "10000", ""),
        ("no fewer than 5", "at_least", "5", ""),
        ("500 or more", "at_least", "500", ""),
        ("China's 130-plus models", "at_least", "130", ""),
        ("a $10bn-plus deal", "at_least", "10000000000", ""),
        ("some 200-odd startups", "over", "200", ""),
        ("up to $70,000", "up_to", "", "70000"),
        ("as much as 80%", "up_to", "", "80"),
        ("as many as 700 workers", "up_to", "", "700"),
        ("at most 100", "up_to", "", "100"),
        ("no more than 12", "up_to", "", "12"),
        ("less than 3000", "under", "", "3000"),
        ("fewer than a thousand", "under", "", "1000"),
        ("under 170", "under", "", "170"),
        ("below 5%", "under", "", "5"),
        (
            "tens of billions of dollars",
            "range",
            "20000000000",
            "90000000000",
        ),
        ("hundreds of companies", "range", "200", "900"),
        ("dozens of models", "range", "24", "108"),
        ("several billion", "range", "2000000000", "9000000000"),
        ("tens of thousands of GPUs", "range", "20000", "90000"),
    ] {
        let q = one(text);
        assert_eq!(q.qualifier.as_str(), qualifier, "{text}");
        let opt = |s: &str| (!s.is_empty()).then(|| d(s));
        assert_eq!(
            (q.value.low_value(), q.value.high_value()),
            (opt(low), opt(high)),
            "{text}"
        );
    }
    assert!(one("more than 100").value.low_open());
    assert!(one("less than 3000").value.high_open());
    // `over` before a duration is "during", except for ages.
    assert_eq!(found("earn $2000 over 3 years")[1].4, "exact");
    assert_eq!(
        one("He is over thirty years old").qualifier,
        Qualifier::Over
    );
}

#[test]
fn currencies() {
    for (text, value, code) in [
        ("$5", "5", "USD"),
        ("US$3 billion", "3000000000", "USD"),
        ("USD 200", "200", "USD"),
        ("200 US dollars", "200", "USD"),
        ("50 cents", "0.5", "USD"),
        ("¥100", "100", "CNY"),
        ("100 yuan", "100", "CNY"),
        ("RMB 5 billion", "5000000000", "CNY"),
        ("5 billion renminbi", "5000000000", "CNY"),
        ("HK$10", "10", "HKD"),
        ("NT$500", "500", "TWD"),
        ("€2 million", "2000000", "EUR"),
        ("3 euros", "3", "EUR"),
        ("£50", "50", "GBP"),
        ("470 pence", "4.7", "GBP"),
        ("100 pounds", "100", "GBP"),
        ("500 rupees", "500", "INR"),
        ("1 trillion won", "1000000000000", "KRW"),
        ("A$15", "15", "AUD"),
        ("C$1.34", "1.34", "CAD"),
        ("S$20", "20", "SGD"),
        ("CHF 10", "10", "CHF"),
        ("10,000 Swiss francs", "10000", "CHF"),
        ("JPY 500", "500", "JPY"),
        ("5 million yen", "5000000", "JPY"),
        ("3 dollars 50 cents", "3.5", "USD"),
        ("thirteen dollars and forty-five cents", "13.45", "USD"),
        // Currencies beyond the AI industry's usual ones.
        ("NZ$15", "15", "NZD"),
        ("mex$ 10 million", "10000000", "MXN"),
        ("R$40 billion", "40000000000", "BRL"),
        ("10 turkish lira", "10", "TRY"),
        ("2 billion saudi riyals", "2000000000", "SAR"),
        ("500 million dirhams", "500000000", "AED"),
        ("₺100", "100", "TRY"),
        ("6.25 btc", "6.25", "BTC"),
        ("10000 bitcoins", "10000", "BTC"),
        ("3 billion ringgit", "3000000000", "MYR"),
        ("SEK 200", "200", "SEK"),
    ] {
        let q = one(text);
        assert_eq!(q.unit.as_str(), code, "{text}");
        assert_eq!(
            (q.value.low_value(), q.value.high_value()),
            (Some(d(value)), Some(d(value))),
            "{text}"
        );
    }
    // `won` the verb.
    assert_eq!(one("the team won 3 games").unit, Unit::Count);
    // A code glued to the next figure is its sign, not this one's unit.
    assert_eq!(found("3 USD50 cards")[1].3, "USD");
}

#[test]
fn rates_and_durations() {
    for (text, per) in [
        ("$700,000 a day", Per::Day),
        ("$700,000 per day", Per::Day),
        ("$5 each day", Per::Day),
        ("$5 daily", Per::Day),
        ("$20 per month", Per::Month),
        ("$20/month", Per::Month),
        ("$20 a month", Per::Month),
        ("$2 an hour", Per::Hour),
        ("$2 per hour", Per::Hour),
        ("$1 per GPU hour", Per::GpuHour),
        ("$2 per H100-hour", Per::GpuHour),
        ("$100,000 per year", Per::Year),
        ("$100,000 annually", Per::Year),
        ("$0.01 per query", Per::Query),
        ("$0.5 per million tokens", Per::Mtok),
        ("$0.5 per 1M tokens", Per::Mtok),
        ("$0.5/1M tokens", Per::Mtok),
        ("$3 per million input tokens", Per::Mtok),
        ("$0.03 per 1K tokens", Per::Ktok),
        ("$0.00002 per token", Per::Token),
    ] {
        assert_eq!(one(text).per, Some(per), "{text}");
    }
    // Counts take a period a few words on; the span stays the figure.
    let q = one("handled 200 million API calls a day");
    assert_eq!((q.unit, q.per), (Unit::Count, Some(Per::Day)));
    assert_eq!(one("sold 100 units in a day").per, None);
    assert_eq!(one("has 250 million weekly active users").per, None);
    // `a year earlier` is a time, not a rate.
    assert_eq!(one("$1.17 billion a year earlier").per, None);
    for (text, value, unit) in [
        ("for 90 days", "90", "days"),
        ("two months", "2", "months"),
        ("six months", "6", "months"),
        ("half a year", "6", "months"),
        ("half an hour", "0.5", "hours"),
        ("one and a half years", "1.5", "years"),
        ("3 weeks", "3", "weeks"),
        ("24 hours", "24", "hours"),
        ("30 minutes", "30", "minutes"),
        ("10 seconds", "10", "seconds"),
        ("a 90-day run", "90", "days"),
        ("2.8 million GPU hours", "2800000", "GPU-hours"),
        ("2.788M H800 GPU hours", "2788000", "GPU-hours"),
        ("3.8 million GPU-hours", "3800000", "GPU-hours"),
    ] {
        let q = one(text);
        assert_eq!(q.unit.as_str(), unit, "{text}");
        assert_eq!(q.value.low_value(), Some(d(value)), "{text}");
    }
}

#[test]
fn chinese_text_is_left_to_the_chinese_grammar() {
    // Numbers among Chinese characters keep their Chinese reading.
    is(
        "训练成本约为140万美元",
        "约为140万美元",
        "1400000",
        "1400000",
        "USD",
        "approx",
    );
    is("国内有79个大模型", "79", "79", "79", "count", "exact");
    is(
        "12k个百分点",
        "12k个百分点",
        "12000",
        "12000",
        "percent",
        "exact",
    );
    none("GPT-4是");
    none("2023年");
    // An English figure in Chinese text.
    is(
        "花费了 $30 million 训练",
        "$30 million",
        "30000000",
        "30000000",
        "USD",
        "exact",
    );
    is("成本是 100元", "100元", "100", "100", "CNY", "exact");
}

#[test]
fn names_in_chinese_text() {
    none("微软公布了Office 365 Copliot的价格");
    none("LLaMA开源后,LLaMA 2正式开源商用");
    none("创新工场的AI 2.0项目");
    none("超越了Llama 3.1 405B,与Claude 3.5 Sonnet相媲美");
    none("既做2C也做2B业务");
    none("转向了华为昇腾910B芯片");
    // 8x H100 is a machine of eight GPUs: the dev gold counts them.
    is("外媒表示,8x H100 也无法", "8", "8", "8", "count", "exact");
    is(
        "GPT-4 的 1000 以上",
        "1000 以上",
        "1000",
        "",
        "count",
        "over",
    );
}

#[test]
fn huge_numbers_never_panic() {
    for text in [
        "999999999999999999999999999 trillion trillion",
        "79228162514264337593543950335 million dollars and 50 cents",
        "tens of trillions of trillions",
        "one trillion trillion trillion trillion",
        "1.3x10^99 and 5x10^20",
        "99999999999999999999 lakh crore crore",
        "$79228162514264337593543950335 - 2 trillion",
        "79228162514264337593543950335 MUSD",
        "half a trillion trillion",
        "1/0 and 0/0",
    ] {
        for q in scan(text) {
            assert!(q.start < q.end, "{text}");
        }
    }
}

#[test]
fn glued_durations_and_the_approx_sign() {
    is("≈178days", "≈178days", "178", "178", "days", "approx");
    is("GPT-4 took 90days", "90days", "90", "90", "days", "exact");
    is(
        "about 3months",
        "about 3months",
        "3",
        "3",
        "months",
        "approx",
    );
    // Not a duration: a name glued to its digits stays a name.
    none("Llama3days");
}

#[test]
fn vulgar_fractions_are_numbers() {
    let cases: [(&str, &str, &str); 8] = [
        (
            "the result is ⅔ today",
            "⅔",
            "0.6666666666666666666666666667",
        ),
        ("the result is ¾", "¾", "0.75"),
        ("about 1½ million users", "about 1½ million", "1500000"),
        ("it raised $2¾ billion", "$2¾ billion", "2750000000"),
        ("½ of the users", "½", "0.5"),
        ("nearly ⅛ of a cent", "nearly ⅛", "0.125"),
        ("rates rose 3¼ percent", "3¼ percent", "3.25"),
        ("sales fell by ⅓", "⅓", "0.3333333333333333333333333333"),
    ];
    for (text, span, low) in cases {
        let f = found(text);
        assert!(
            // (`nearly` leaves the low end open.)
            f.iter()
                .any(|x| x.0 == span && x.1.as_deref().or(x.2.as_deref()) == Some(low)),
            "{text}: {f:?}"
        );
    }
    // A fraction alone is a multiple, as `2/3` is; a whole number with one is a count.
    assert_eq!(one("the result is ⅔").unit, one("the result is 2/3").unit);
    assert_eq!(one("about 1½ million users").unit, Unit::Count);
}

#[test]
fn a_magnitude_after_a_slash_fraction_scales_it() {
    for (text, span, low, unit) in [
        (
            "about 1 1/2 million users",
            "about 1 1/2 million",
            "1500000",
            "count",
        ),
        (
            "a $4 1/2 billion deal",
            "$4 1/2 billion",
            "4500000000",
            "USD",
        ),
        ("3/4 billion people", "3/4 billion", "750000000", "count"),
        ("2 1/2 years", "2 1/2 years", "2.5", "years"),
    ] {
        let f = found(text);
        assert!(
            f.iter()
                .any(|x| x.0 == span && x.1.as_deref() == Some(low) && x.3 == unit),
            "{text}: {f:?}"
        );
    }
}

#[test]
fn a_magnitude_hyphenated_to_digits_scales_them() {
    // Compound adjectives: the hyphen joins a magnitude, not a range's end.
    for (text, span, value, unit) in [
        (
            "a 175-billion-parameter model",
            "175-billion",
            "175000000000",
            "count",
        ),
        ("a $10-million round", "$10-million", "10000000", "USD"),
        ("a 1-million-token context", "1-million", "1000000", "count"),
    ] {
        let q = one(text);
        assert_eq!(&text[q.start..q.end], span, "{text}");
        assert_eq!(q.value.low_value(), Some(d(value)), "{text}");
        assert_eq!(q.unit.to_string(), unit, "{text}");
    }
    // Digits after the hyphen still end a range.
    assert_eq!(one("2-3 million users").qualifier.as_str(), "range");
}

/// A tilde opening a figure is "about"; between two figures (or after a word
/// holding a digit) it joins a range.
#[test]
fn a_tilde_before_a_figure_is_approx() {
    is(
        "They bought ~300k B200s.",
        "~300k",
        "300000",
        "300000",
        "count",
        "approx",
    );
    is(
        "It raised ~$5 billion.",
        "~$5 billion",
        "5000000000",
        "5000000000",
        "USD",
        "approx",
    );
    is(
        "priced at $5 billion ~ $6 billion",
        "$5 billion ~ $6 billion",
        "5000000000",
        "6000000000",
        "USD",
        "range",
    );
}

/// `from X to Y in two years` or after a noun of change is a start and an
/// end; a spread (`ranging from`) or no time span keeps the range.
#[test]
fn from_to_over_a_span_of_time_is_two_figures() {
    for text in [
        "its valuation, from $3 billion to $40 billion in two years",
        "a valuation leap from $3 billion to $40 billion",
    ] {
        let spans: Vec<String> = found(text).into_iter().map(|f| f.0).take(2).collect();
        assert_eq!(spans, ["$3 billion", "$40 billion"], "{text}");
    }
    is(
        "prices from $5 to $10 in most stores",
        "from $5 to $10",
        "5",
        "10",
        "USD",
        "range",
    );
    is(
        "prices ranging from $5 to $10 over the year",
        "from $5 to $10",
        "5",
        "10",
        "USD",
        "range",
    );
}

/// `N times` is a ratio after a verb of growth, before a possessive or with
/// a number no count of occasions takes; a whole number alone stays a
/// count of occasions (tried three times, three times a day).
#[test]
fn times_after_growth_or_before_a_possessive_is_a_multiple() {
    is(
        "nearly four times its total",
        "nearly four times",
        "",
        "4",
        "multiple",
        "nearly",
    );
    is(
        "up three times",
        "three times",
        "3",
        "3",
        "multiple",
        "exact",
    );
    is("up 3 times", "3 times", "3", "3", "multiple", "exact");
    is(
        "grew nearly four times",
        "nearly four times",
        "",
        "4",
        "multiple",
        "nearly",
    );
    is(
        "increased by three times",
        "three times",
        "3",
        "3",
        "multiple",
        "exact",
    );
    is("2.5 times", "2.5 times", "2.5", "2.5", "multiple", "exact");
    is(
        "two and a half times",
        "two and a half times",
        "2.5",
        "2.5",
        "multiple",
        "exact",
    );
    is("tried three times", "three", "3", "3", "count", "exact");
    is(
        "rates rose three times",
        "three",
        "3",
        "3",
        "count",
        "exact",
    );
    is("three times a day", "three", "3", "3", "count/day", "exact");
    is("dozens of times", "dozens", "24", "108", "count", "range");
}

/// A change from a bare number to a figure with a unit: the start takes the
/// unit (and the magnitude) of the end, falling (from 20 to 8 per cent) as
/// rising (rose from 8 to 20 per cent); a range still rises.
#[test]
fn the_start_of_a_change_takes_the_unit_of_its_end() {
    for (text, first, second) in [
        (
            "from 20 to 8 per cent",
            ("20", "20", "percent"),
            "8 per cent",
        ),
        (
            "fell from 20 to 8 per cent",
            ("20", "20", "percent"),
            "8 per cent",
        ),
        (
            "rose from 8 to 20 per cent",
            ("8", "8", "percent"),
            "20 per cent",
        ),
        ("from 20 to 8%", ("20", "20", "percent"), "8%"),
        (
            "from 20 to 8 billion dollars",
            ("20", "20000000000", "USD"),
            "8 billion dollars",
        ),
        (
            "grew from 3 to 40 billion dollars",
            ("3", "3000000000", "USD"),
            "40 billion dollars",
        ),
        (
            "rose from 5 to 10 dollars a month",
            ("5", "5", "USD/month"),
            "10 dollars a month",
        ),
    ] {
        let f = found(text);
        assert_eq!(f.len(), 2, "{text}: {f:?}");
        assert_eq!(
            (f[0].0.as_str(), f[0].1.as_deref(), f[0].3.as_str()),
            (first.0, Some(first.1), first.2),
            "{text}"
        );
        assert_eq!(f[1].0, second, "{text}");
    }
    is(
        "from 20 to 80 per cent",
        "from 20 to 80 per cent",
        "20",
        "80",
        "percent",
        "range",
    );
    is(
        "prices range from 800 to 1.2 million",
        "from 800 to 1.2 million",
        "800",
        "1200000",
        "count",
        "range",
    );
}

/// `a=152 models` states a count; `x=152`, `y=2x+3` and a URL's query do not.
#[test]
fn a_count_after_an_equals_sign_needs_its_noun() {
    is("a=152 models", "152", "152", "152", "count", "exact");
    for text in ["x=152", "y=2x+3", "see /a?id=152 models", "a==152 models"] {
        none(text);
    }
}
