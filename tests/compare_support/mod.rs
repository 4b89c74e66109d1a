//! Builders for claims shaped like the ones extraction makes from the bundled corpus.
#![allow(dead_code)]

use claimcheck::claim::{AsOfSource, Claim, Mention, PartialDate};
use claimcheck::compare::{KindPolicy, Policies};
use claimcheck::interval::{Bound, Interval};
use claimcheck::quantity::{Currency, Per, Qualifier, TimeUnit, Unit};
use rust_decimal::Decimal;

pub fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

pub fn date(s: &str) -> PartialDate {
    PartialDate::parse(s).unwrap()
}

pub const MODELS: Unit = Unit::Count;
pub const USD: Unit = Unit::Money(Currency::USD);
pub const CNY: Unit = Unit::Money(Currency::CNY);
pub const MONTHS: Unit = Unit::Duration(TimeUnit::Months);
pub const YEARS: Unit = Unit::Duration(TimeUnit::Years);

/// A claim with an exact value; chain the methods below to refine it.
pub fn claim(
    id: &str,
    source: &str,
    family: &str,
    subject: &str,
    unit: Unit,
    written: &str,
) -> Claim {
    Claim {
        claim_id: id.into(),
        source: source.into(),
        kind: family.into(),
        family: family.into(),
        subject: subject.into(),
        measure: String::new(),
        noun: None,
        value: Interval::default(),
        unit,
        per: None,
        qualifier: Qualifier::Exact,
        value_text: written.into(),
        as_of: None,
        as_of_source: AsOfSource::Unknown,
        as_of_text: None,
        published: None,
        speaker: None,
        quote: format!("据统计{written}。"),
        line: 1,
        start: 0,
        end: 0,
        rule: "test".into(),
        mentions: Vec::new(),
        converts: None,
    }
}

pub trait Build: Sized {
    fn exact(self, v: &str) -> Self;
    fn approx(self, v: &str) -> Self;
    fn over(self, v: &str) -> Self;
    fn at_least(self, v: &str) -> Self;
    fn range(self, low: &str, high: &str, high_open: bool) -> Self;
    fn dated(self, s: &str) -> Self;
    fn published(self, s: &str) -> Self;
    fn speaker(self, s: &str) -> Self;
    fn noun(self, s: &str) -> Self;
    fn kind(self, s: &str) -> Self;
    fn per(self, p: Per) -> Self;
    fn quote(self, q: &str, line: usize) -> Self;
    fn mentions(self, n: usize) -> Self;
    fn measure(self, m: &str) -> Self;
    fn converts(self, id: &str) -> Self;
    fn written(self, w: &str) -> Self;
    /// Words that date the figure but not on the calendar (a text without a date).
    fn said_when(self, words: &str) -> Self;
}

impl Build for Claim {
    fn exact(mut self, v: &str) -> Self {
        (self.value, self.qualifier) = (Interval::exact(d(v)), Qualifier::Exact);
        self
    }
    fn approx(mut self, v: &str) -> Self {
        (self.value, self.qualifier) = (Interval::exact(d(v)), Qualifier::Approx);
        self
    }
    fn over(mut self, v: &str) -> Self {
        (self.value, self.qualifier) = (
            Interval::new(Some(Bound::open(d(v))), None),
            Qualifier::Over,
        );
        self
    }
    fn at_least(mut self, v: &str) -> Self {
        (self.value, self.qualifier) = (
            Interval::new(Some(Bound::closed(d(v))), None),
            Qualifier::AtLeast,
        );
        self
    }
    fn range(mut self, low: &str, high: &str, high_open: bool) -> Self {
        let (low, high) = (Bound::closed(d(low)), Bound::new(d(high), high_open));
        (self.value, self.qualifier) = (Interval::new(Some(low), Some(high)), Qualifier::Range);
        self
    }
    fn dated(mut self, s: &str) -> Self {
        self.as_of = Some(date(s));
        self.as_of_source = AsOfSource::Text;
        self
    }
    /// Publication date; also stands in for the as-of date when none was stated.
    fn published(mut self, s: &str) -> Self {
        self.published = Some(date(s));
        if self.as_of_source != AsOfSource::Text {
            self.as_of = Some(date(s));
            self.as_of_source = AsOfSource::Published;
        }
        self
    }
    fn speaker(mut self, s: &str) -> Self {
        self.speaker = Some(s.into());
        self
    }
    fn noun(mut self, s: &str) -> Self {
        self.noun = Some(s.into());
        self
    }
    fn kind(mut self, s: &str) -> Self {
        self.kind = s.into();
        self
    }
    fn per(mut self, p: Per) -> Self {
        self.per = Some(p);
        self
    }
    fn quote(mut self, q: &str, line: usize) -> Self {
        self.quote = q.into();
        self.line = line;
        self
    }
    fn measure(mut self, m: &str) -> Self {
        self.measure = m.into();
        self
    }
    fn converts(mut self, id: &str) -> Self {
        self.converts = Some(id.into());
        self
    }
    fn written(mut self, w: &str) -> Self {
        self.value_text = w.into();
        self
    }
    fn said_when(mut self, words: &str) -> Self {
        self.as_of_text = Some(words.into());
        self
    }
    fn mentions(mut self, n: usize) -> Self {
        self.mentions = (0..n)
            .map(|i| Mention {
                quote: self.quote.clone(),
                line: self.line + i + 1,
                start: 0,
                end: 0,
            })
            .collect();
        self
    }
}

pub fn policies() -> Policies {
    let mut p = Policies::default();
    for family in ["model_count", "users"] {
        p.0.insert(
            family.into(),
            KindPolicy {
                cumulative: true,
                ..KindPolicy::default()
            },
        );
    }
    p
}

const CN: &str = "China";

/// The China LLM count figures of the bundled corpus (docs 000, 001, 003): models, with the
/// companies making them beside them.
pub fn china_llm_counts() -> Vec<Claim> {
    vec![
        claim("003-01", "003", "model_count", CN, MODELS, "79个")
            .measure("LLMs")
            .exact("79")
            .dated("2023-05-28")
            .published("2023-09")
            .speaker("中国科学技术信息研究所所长赵志耕")
            .noun("模型")
            .quote("据不完全统计国内已经发布了79个大模型", 18),
        claim("003-02", "003", "model_count", CN, MODELS, "116个")
            .measure("LLMs")
            .exact("116")
            .dated("2023-07")
            .published("2023-09")
            .speaker("腾讯研究院副秘书长杨望")
            .noun("模型")
            .quote("目前国内的大模型数量已增加至116个", 18),
        claim("003-03", "003", "model_count", CN, MODELS, "130家")
            .kind("org_count")
            .measure("LLM makers")
            .exact("130")
            .dated("2023-07")
            .published("2023-09")
            .speaker("优刻得CEO季昕华")
            .noun("公司")
            .quote("中国已有130家研发大模型的公司", 18),
        claim("003-04", "003", "model_count", CN, MODELS, "超过了230家")
            .measure("LLMs")
            .over("230")
            .published("2023-09")
            .noun("家")
            .quote("截至目前国内发布的大模型数量已经超过了230家", 8),
        claim("000-01", "000", "model_count", CN, MODELS, "超过了120个")
            .measure("LLMs")
            .over("120")
            .dated("2023-07")
            .speaker("星海")
            .noun("模型")
            .quote("國內(nèi)的大模型已經(jīng)超過了120個", 17),
        claim("000-02", "000", "model_count", CN, MODELS, "79個")
            .measure("LLMs")
            .exact("79")
            .dated("2023-05-28")
            .speaker("星海情报局")
            .noun("模型")
            .quote("10億參數(shù)規(guī)模以上的大模型就已經(jīng)有79個", 27),
        claim("001-01", "001", "model_count", CN, MODELS, "上百個")
            .measure("LLMs")
            .range("100", "1000", true)
            .dated("2023-07")
            .noun("模型")
            .quote("截止目前國內已經有上百個大模型產品問世", 12),
    ]
}

/// How far Chinese models trail OpenAI, as three people put it.
pub fn gap_to_openai() -> Vec<Claim> {
    let s = "China";
    let gap = |id: &str, src: &str, unit: Unit, w: &str| {
        claim(id, src, "gap", s, unit, w).measure("gap to OpenAI")
    };
    vec![
        gap("000-10", "000", MONTHS, "两个月")
            .exact("2")
            .published("2023-07")
            .speaker("李彦宏"),
        gap("000-11", "000", YEARS, "三年")
            .exact("3")
            .published("2023-07")
            .speaker("王小川")
            .quote(
                "在王小川概念里,如果要用時間衡量,OpenAI比國內(nèi)應(yīng)該突出三年的時間",
                111,
            ),
        gap("004-01", "004", YEARS, "至少两年")
            .at_least("2")
            .published("2023-07")
            .speaker("周鸿祎"),
    ]
}
