//! Figure-first extraction on sentences written for these tests (not taken
//! from any corpus): kinds from cue words, subjects by role, measures,
//! conversions, and what is not a claim.

use claimcheck::claim::Claim;
use claimcheck::extract::{DocInput, Extractor};
use claimcheck::rules::{OTHER_KIND, RuleSet};
use rust_decimal::Decimal;

use crate::rules_support::subject;

fn claims(text: &str) -> Vec<Claim> {
    let rules = RuleSet::bundled().unwrap();
    Extractor::new(&rules)
        .extract(&DocInput::plain("t", text, None))
        .into_iter()
        .filter(|c| c.kind != OTHER_KIND)
        .collect()
}

fn d(s: &str) -> Option<Decimal> {
    Some(s.parse().unwrap())
}

/// The claim whose figure is written `figure`.
fn find<'a>(cs: &'a [Claim], figure: &str) -> &'a Claim {
    cs.iter()
        .find(|c| c.value_text.contains(figure))
        .unwrap_or_else(|| panic!("no claim for {figure:?} in {cs:#?}"))
}

#[test]
fn five_sentences_give_five_claims() {
    let text = "据媒体报道,字节跳动今年已向英伟达订购了价值10亿美元的GPU,约10万块A100和H800芯片。\n\
                智谱AI近日完成新一轮融资,金额超过25亿元人民币。\n\
                科大讯飞称,星火大模型的训练使用了约5000张国产GPU卡。\n\
                据估算,GPT-4的单次训练成本约为6300万美元。\n\
                阿里云宣布通义千问API价格下调97%,每百万tokens仅需0.5元。";
    let cs = claims(text);
    let orders = find(&cs, "10亿美元");
    assert_eq!(
        (orders.kind.as_str(), orders.subject.clone()),
        ("capex", subject("字节跳动"))
    );
    assert_eq!(orders.value.low_value(), d("1000000000"));
    let gpus = find(&cs, "10万");
    assert_eq!(
        (gpus.kind.as_str(), gpus.subject.clone()),
        ("gpu_count", subject("字节跳动"))
    );
    assert_eq!(gpus.value.low_value(), d("100000"));
    assert_eq!(gpus.measure, "GPUs ordered");
    let round = find(&cs, "25亿");
    assert_eq!(
        (round.kind.as_str(), round.subject.clone()),
        ("funding", subject("智谱AI"))
    );
    assert_eq!(
        (round.value.low_value(), round.value.high_value()),
        (d("2500000000"), None)
    );
    let cards = find(&cs, "5000");
    assert_eq!(cards.kind, "gpu_count");
    assert!(
        [subject("星火大模型"), subject("科大讯飞")].contains(&cards.subject),
        "{cards:?}"
    );
    let cost = find(&cs, "6300万");
    assert_eq!(
        (cost.kind.as_str(), cost.subject.clone()),
        ("training_cost", subject("GPT-4"))
    );
    assert_eq!(cost.measure, "training cost per run");
    let api = find(&cs, "0.5元");
    assert_eq!(api.kind, "price");
    assert_eq!(api.measure, "API price");
}

#[test]
fn the_head_of_the_counted_noun_phrase_decides() {
    let cs = claims("据统计,杭州已有42家研发大模型的公司,另有17个大模型完成备案。");
    assert_eq!(find(&cs, "42").kind, "org_count");
    let models = find(&cs, "17");
    assert_eq!(models.kind, "model_count");
    assert_eq!(models.measure, "LLMs approved");
    let cs = claims("这台服务器搭载了8颗H800 GPU的计算模组。");
    assert_eq!(find(&cs, "8").kind, "gpu_count");
}

#[test]
fn subjects_are_chosen_by_role() {
    // The owner of the measured noun, not the clause's first name.
    let cs = claims("微软公布了Copilot的企业版价格,30美元/月。");
    assert_eq!(find(&cs, "30美元").subject, subject("Copilot"));
    // A pronoun points back to the nearest name.
    let cs = claims("谷歌推出了Gemini,并将其订阅价格定为每月20美元。");
    assert_eq!(find(&cs, "20美元").subject, subject("Gemini"));
    // A chip after a count is what is counted, not whose it is.
    let cs = claims("月之暗面在2000块H800上训练了新模型。");
    assert_eq!(find(&cs, "2000").subject, subject("月之暗面"));
    // An attribution names the source, not the subject.
    let cs = claims("据路透社报道,百川智能的估值已超过200亿元。");
    let v = find(&cs, "200亿");
    assert_eq!(
        (v.kind.as_str(), v.subject.clone()),
        ("valuation", subject("百川智能"))
    );
}

#[test]
fn a_name_the_gazetteer_lacks_is_still_a_subject() {
    let cs = claims("Zorblax Robotics raised $40 million in a new funding round.");
    let c = find(&cs, "40");
    assert_eq!(c.kind, "funding");
    assert_eq!(c.subject, "Zorblax Robotics");
}

#[test]
fn a_conversion_restates_its_figure() {
    let cs = claims("该公司完成了新一轮3亿美元(约合21亿元)融资。");
    let usd = find(&cs, "3亿美元");
    let cny = find(&cs, "21亿元");
    assert_eq!(usd.kind, "funding");
    assert_eq!(cny.kind, "funding");
    assert_eq!(cny.converts.as_deref(), Some(usd.claim_id.as_str()));
    assert_eq!(usd.converts, None);
}

#[test]
fn names_list_markers_and_headcounts_are_not_claims() {
    // 零一万物 holds 一万; `2)` numbers a list; 300人 counts staff.
    let cs = claims("零一万物发布新模型。\n2)基座大模型持续迭代。\n公司目前有员工约300人。");
    assert!(cs.is_empty(), "{cs:#?}");
}

#[test]
fn middle_items_of_a_list_are_figures_not_list_markers() {
    // 、 breaks clauses, so a middle item starts its clause before a 、 as `3、` does;
    // an amount with its unit, or a count after a 、, is an item all the same.
    let cs = claims("该公司三年的营收分别为5200万美元、1.8亿美元、3.6亿美元和6.1亿美元。");
    for figure in ["5200万美元", "1.8亿美元", "3.6亿美元", "6.1亿美元"] {
        assert_eq!(find(&cs, figure).kind, "revenue", "{figure}");
    }
    let cs = claims("三家厂商各自发布的大模型数量分别为12、15、20个。");
    assert!(cs.iter().any(|c| c.value_text == "15"), "{cs:#?}");
    // A bare small number opening an item after a full stop still numbers it.
    let cs = claims("主要进展如下。\n3、基座大模型持续迭代。");
    assert!(cs.is_empty(), "{cs:#?}");
}

#[test]
fn a_cue_speaks_for_the_figure_of_its_own_clause() {
    // 降至 opens a clause with no subject: the revenue of the clause before goes on,
    // and a weak verb cue of prices does not outweigh it.
    let cs = claims("其中云业务收入则下降12.5%,降至3.4亿元。");
    assert_eq!(find(&cs, "3.4亿元").kind, "revenue");
    // The valuation in the clause after is that clause's figure's, not the first's.
    let cs = claims("这家初创公司累计获得资金8亿元,估值随之升至90亿元。");
    assert_eq!(find(&cs, "8亿元").kind, "funding");
    assert_eq!(find(&cs, "90亿元").kind, "valuation");
}

#[test]
fn ranks_and_sorts_are_no_counts() {
    // A place among the top N, and a number of sorts of chips.
    let cs = claims("The lab is one of the four biggest AI startups in Europe.");
    assert!(cs.is_empty(), "{cs:#?}");
    let cs = claims("该框架已适配20多种国产AI芯片。");
    assert!(cs.is_empty(), "{cs:#?}");
}

#[test]
fn yuan_left_unsaid_is_read_from_money_cues() {
    let cs = claims("该公司去年收入为11.8亿,同比增长200%。");
    let revenue = find(&cs, "11.8亿");
    assert_eq!(revenue.kind, "revenue");
    assert_eq!(revenue.unit.to_string(), "CNY");
    assert_eq!(find(&cs, "200%").kind, "share");
}

/// One line, one claim: (kind, subject) of the claim written `figure`.
fn kind_and_subject(text: &str, figure: &str) -> (String, String) {
    let cs = claims(text);
    let c = find(&cs, figure);
    (c.kind.clone(), c.subject.clone())
}

#[test]
fn english_cues_reach_across_words_and_rates_inside_the_figure_count() {
    // `costs` is next to the figure, `a day to run` inside and after it.
    assert_eq!(
        kind_and_subject("The chatbot costs about $700,000 a day to run.", "700,000").0,
        "daily_cost"
    );
    // Five words between `Training` and the figure still make a training cost.
    assert_eq!(
        kind_and_subject(
            "Training GPT-4 cost more than $100 million, its CEO said.",
            "100 million"
        ),
        ("training_cost".to_string(), subject("GPT-4"))
    );
    // A partitive leads to the counted noun.
    assert_eq!(
        kind_and_subject(
            "The servers come pre-configured with 8 of the AI chips.",
            "8"
        )
        .0,
        "gpu_count"
    );
}

#[test]
fn measure_words_and_asides_decide_the_kind() {
    // 颗 counts the GPUs, not the server the phrase ends with.
    assert_eq!(
        kind_and_subject("该服务器搭载8颗英伟达H800 GPU的服务器。", "8").0,
        "gpu_count"
    );
    // A cue inside parentheses speaks for the aside, not the figure outside.
    assert_eq!(
        kind_and_subject(
            "训练模型成本(包括购买数据授权)今年可能扩大至30亿美元。",
            "30亿"
        )
        .0,
        "training_cost"
    );
}

#[test]
fn subjects_by_role_across_languages() {
    // Two names joined by a conjunction are one subject.
    assert_eq!(
        kind_and_subject(
            "其中美国和中国发布的通用大模型总数已占全球发布量的80%。",
            "80%"
        )
        .1,
        format!("{} and {}", subject("美国"), subject("中国"))
    );
    // A speaker before `said` is not the subject when a name follows.
    assert_eq!(
        kind_and_subject(
            "Kai-Fu Lee said Chinese models trail US rivals by about six months.",
            "six months"
        ),
        ("gap".to_string(), subject("Chinese"))
    );
    // `OpenAI said its…` keeps OpenAI.
    assert_eq!(
        kind_and_subject(
            "OpenAI said its revenue reached $3.4 billion.",
            "3.4 billion"
        )
        .1,
        subject("OpenAI")
    );
    // A capitalised plural opening the sentence is not a name.
    assert_eq!(
        kind_and_subject("Investors put in at least $250 million.", "250 million").1,
        ""
    );
    // A product stands for its maker in a valuation.
    assert_eq!(
        kind_and_subject("ChatGPT的估值已达800亿美元。", "800亿").1,
        subject("OpenAI")
    );
}

#[test]
fn a_pronoun_carries_the_clause_before_to_the_figure() {
    // `it` refers to the valuation named six words back, across the comma.
    let text = "It nearly doubles OpenAI's valuation from just earlier this year, when it stood at $80 billion.";
    assert_eq!(kind_and_subject(text, "80 billion").0, "valuation");
    // Without the pronoun the cue is too far off to decide.
    let text = "It nearly doubles OpenAI's valuation from just earlier this year, before stocks stood at $80 billion.";
    assert!(claims(text).iter().all(|c| c.kind != "valuation"));
}

#[test]
fn a_name_compared_against_or_a_place_before_a_name_is_not_the_subject() {
    // The names after 媲美 (through the list) are what DeepSeek-V3 is compared with.
    let text = "DeepSeek-V3可媲美OpenAI、Meta和Anthropic等巨头的领先模型,但训练所需的GPU算力成本仅为后者的1/11。";
    assert_eq!(kind_and_subject(text, "1/11").1, subject("DeepSeek-V3"));
    // 落后 makes OpenAI and Google the yardstick; China is behind.
    let text = "李开复称,中国大模型落后美国OpenAI和Google 7至10年。";
    assert_eq!(
        kind_and_subject(text, "7至10年"),
        ("gap".into(), subject("中国"))
    );
    // A place right before a company only says where the company is from.
    let text = "国产之光DeepSeek发布新模型,训练只需此前算力的1/10。";
    assert_eq!(kind_and_subject(text, "1/10").1, subject("DeepSeek"));
    // A comparison word after the name does not make it a yardstick.
    let text = "OpenAI的估值已超越同行,达到1570亿美元。";
    assert_eq!(kind_and_subject(text, "1570亿").1, subject("OpenAI"));
}

#[test]
fn a_maker_stands_for_its_one_named_model_in_model_level_kinds() {
    let one = "DeepSeek-V3已全面开源。DeepSeek的训练仅耗时两个月。";
    assert_eq!(kind_and_subject(one, "两个月").1, subject("DeepSeek-V3"));
    // Two models of the maker named: the maker stays.
    let two = "DeepSeek-V3和DeepSeek-V2已开源。DeepSeek的训练仅耗时两个月。";
    assert_eq!(kind_and_subject(two, "两个月").1, subject("DeepSeek"));
    // A company-level kind keeps the company.
    let funding = "DeepSeek-V3已全面开源。DeepSeek完成新一轮融资,金额超过10亿美元。";
    assert_eq!(kind_and_subject(funding, "10亿").1, subject("DeepSeek"));
}

#[test]
fn a_formula_after_a_lead_in_gives_its_result_the_lead_in_cues() {
    // The value of `…的时间是:` stands on the next line, as the result of a formula; the
    // formula's name is a variable, and its operands are not claims of the lead-in.
    let text = "星辰模型去年秋天完成训练,据说深空科技动用了12000张A100。\n\
                按利用率35%推算,训练所需的时间是:\n\n\
                T=3.1∗1024/(312∗1012∗12000∗0.35∗86400)≈82days\n";
    let cs = claims(text);
    let time = find(&cs, "82days");
    assert_eq!(time.kind, "training_time", "{time:#?}");
    assert_eq!(time.qualifier.to_string(), "approx");
    assert_ne!(time.subject, "T");
    assert!(
        !cs.iter().any(|c| c.value_text == "86400"),
        "an operand is not a claim: {cs:#?}"
    );
    // A label line (`如下:`) does not lend its words to the next line.
    let listed = claims("训练细节如下:\n共有1200名员工参与。");
    assert!(
        !listed.iter().any(|c| c.kind == "training_time"),
        "{listed:#?}"
    );
}

#[test]
fn a_maker_stands_for_its_model_named_in_the_sentence_before() {
    // GPT-4 is named in the sentence before; OpenAI, its maker, is the topic nearest the
    // figure, yet the training time is the model's.
    let text = "GPT-4在2022年上半年完成训练,据称OpenAI使用了约两万张A100。\n\
                OpenAI内部估计,训练所需的时间是:\n约150天。";
    let cs = claims(text);
    let time = find(&cs, "150天");
    assert_eq!(time.kind, "training_time");
    assert_eq!(time.subject, subject("GPT-4"), "{time:#?}");
}

#[test]
fn position_words_after_a_figure_count_nothing() {
    // `之间` and `左右` say where the figure lies, not what it counts: the cue before the
    // figure keeps its full weight.
    for text in [
        "这款模型的参数量估计在 1.2T - 1.5T 之间。",
        "这款模型的参数量在1.2万亿-1.5万亿之间。",
        "这款模型的参数量在1.2万亿左右。",
    ] {
        let cs = claims(text);
        assert!(
            cs.iter().any(|c| c.kind == "param_count"),
            "{text}: {cs:#?}"
        );
    }
}

#[test]
fn an_english_function_word_opening_a_sentence_is_not_a_name() {
    let text = "Even if each accelerator sold for $25,000, Nvidia would earn about $9 billion.";
    let cs = claims(text);
    let price = find(&cs, "$25,000");
    assert_ne!(price.subject, "Even", "{price:#?}");
}

#[test]
fn a_verb_after_the_measure_word_names_no_other_noun() {
    // `块` is followed by `提升`, a verb, not by a noun of another kind: the GPU cue holds.
    let cs = claims("这家公司的GPU数量由去年底的1.8万块提升至今年6月的约2.4万块。");
    for figure in ["1.8万", "2.4万"] {
        assert_eq!(find(&cs, figure).kind, "gpu_count", "{figure}: {cs:#?}");
    }
    // A noun after the measure word still counts something else.
    let cs = claims("这家公司的GPU数量达到1.8万块,员工有2000名工程师。");
    assert!(
        !cs.iter()
            .any(|c| c.value_text.contains("2000") && c.kind == "gpu_count")
    );
}

#[test]
fn a_measure_word_a_kind_does_not_use_rules_it_out() {
    // Categories (类) and servers (台) are not companies or GPUs, whatever the cues say.
    let cs = claims("参与训练的企业可以分为大型公司、科研院所和创业团队三类。");
    assert!(!cs.iter().any(|c| c.kind == "org_count"), "{cs:#?}");
    let cs = claims("这家公司的GPU集群去年扩容,新采购了3000台。");
    assert!(!cs.iter().any(|c| c.kind == "gpu_count"), "{cs:#?}");
    // The kind's own measure word, or a counted noun, still counts.
    let cs = claims("这家公司的GPU集群去年扩容,新采购了3000块。");
    assert_eq!(find(&cs, "3000").kind, "gpu_count");
}

#[test]
fn a_list_before_respectively_is_distributed_over_its_figures() {
    // Cue words, one per item: each figure takes its own kind and measure.
    let cs = claims("某公司2024年营收和净亏损分别为20.5亿元和8.2亿元。");
    assert_eq!(find(&cs, "20.5亿").kind, "revenue");
    assert_eq!(find(&cs, "8.2亿").kind, "loss");
    let cs = claims("Revenue and net loss were $4.1 billion and $900 million, respectively.");
    assert_eq!(find(&cs, "4.1 billion").kind, "revenue");
    let loss = find(&cs, "900 million");
    assert_eq!(loss.kind, "loss");
    // A cue word opening the sentence is no name.
    assert_eq!(loss.subject, "", "{loss:#?}");
    // Names, one per item: each figure takes its own subject; the shared cue
    // word speaks for both.
    let cs = claims("据报道,腾讯和百度的大模型用户数分别达到3000万和5000万。");
    let first = find(&cs, "3000万");
    assert_eq!(
        (first.kind.as_str(), first.subject.clone()),
        ("user_count", subject("腾讯"))
    );
    let second = find(&cs, "5000万");
    assert_eq!(
        (second.kind.as_str(), second.subject.clone()),
        ("user_count", subject("百度"))
    );
    let cs = claims("Meta and Microsoft bought 150,000 and 120,000 GPUs, respectively.");
    assert_eq!(find(&cs, "150,000").subject, subject("Meta"));
    assert_eq!(find(&cs, "120,000").subject, subject("Microsoft"));
    // The list's figures share the cue before them, whatever figure came earlier.
    let cs = claims("该公司估值达到50亿美元,腾讯和高瓴分别投资了3亿美元和2亿美元。");
    assert_eq!(find(&cs, "3亿").kind, "funding", "{cs:#?}");
    assert_eq!(find(&cs, "2亿").kind, "funding", "{cs:#?}");
    assert_eq!(find(&cs, "2亿").subject, subject("高瓴"));
    // Three items through 、 and 和.
    let cs = claims("今年阿里、腾讯和字节跳动分别获得融资10亿元、20亿元和30亿元。");
    assert_eq!(find(&cs, "10亿").subject, subject("阿里"));
    assert_eq!(find(&cs, "20亿").subject, subject("腾讯"));
    assert_eq!(find(&cs, "30亿").subject, subject("字节跳动"));
}

#[test]
fn figures_joined_by_slashes_take_the_slashed_items_before_them() {
    let cs = claims("2023年公司净亏损/经调整净亏损为40.12/30.05亿元。");
    let net = find(&cs, "40.12");
    assert_eq!(
        (net.kind.as_str(), net.measure.as_str()),
        ("loss", "net loss")
    );
    let adjusted = find(&cs, "30.05");
    assert_eq!(
        (adjusted.kind.as_str(), adjusted.measure.as_str()),
        ("loss", "adjusted net loss")
    );
    assert_eq!(net.value.low_value(), d("4012000000"));
}

#[test]
fn a_list_that_does_not_match_its_figures_is_not_distributed() {
    // One shared cue (用户数) and one name: both figures keep the sentence's reading.
    let cs = claims("百度文心一言的用户数和调用量分别达到1亿和2亿。");
    assert!(
        cs.iter()
            .all(|c| c.subject == subject("文心一言") || c.subject == subject("百度")),
        "{cs:#?}"
    );
    // A list of two before three figures is left alone (no item is made up).
    let cs = claims("腾讯和百度分别获得融资10亿元、20亿元和30亿元。");
    assert!(cs.iter().all(|c| c.kind == "funding"), "{cs:#?}");
}

#[test]
fn a_count_joined_to_the_next_takes_its_counted_noun() {
    // The noun is said once, after the second figure.
    let cs = claims("该公司共有3万和5万块GPU。");
    assert_eq!(find(&cs, "3万").kind, "gpu_count", "{cs:#?}");
    let cs = claims("The labs ran 8,000 or 16,000 GPUs.");
    assert_eq!(find(&cs, "8,000").kind, "gpu_count", "{cs:#?}");
    // Not across a clause: the first figure counts something else.
    let cs = claims("该公司有3万名员工,5万块GPU。");
    assert!(cs.iter().all(|c| !c.value_text.contains("3万")), "{cs:#?}");
}

#[test]
fn a_known_name_passed_over_is_not_discovered_again() {
    // The chip is counted, not the subject of the server's price; its glued
    // spelling is no new name either.
    let cs = claims("这台服务器配置了8颗英伟达A100GPU,售价为120万元/台。");
    let price = find(&cs, "120万元");
    assert_ne!(price.subject, "A100GPU", "{price:#?}");
    let gpus = find(&cs, "8");
    assert_eq!(gpus.kind, "gpu_count", "{gpus:#?}");
}

#[test]
fn a_measure_word_the_earlier_kind_does_not_use_ends_its_list() {
    let cs = claims("国内已有50家公司发布大模型,可分为互联网巨头、初创公司和研究机构三类。");
    assert_eq!(find(&cs, "50").kind, "org_count");
    assert!(cs.iter().all(|c| c.value_text != "三"), "{cs:#?}");
}

#[test]
fn words_naming_a_products_maker_make_the_maker_the_subject() {
    for (text, figure) in [
        (
            "这家ChatGPT的开发商今年的亏损可能高达50亿美元。",
            "50亿美元",
        ),
        (
            "The maker of ChatGPT lost $5 billion last year.",
            "$5 billion",
        ),
        ("ChatGPT's developer raised $6.6 billion.", "$6.6 billion"),
    ] {
        let (_, subject) = kind_and_subject(text, figure);
        assert_eq!(subject, "OpenAI", "{text}");
    }
    // The product itself, when no maker is spoken of.
    assert_eq!(
        kind_and_subject("ChatGPT每周有2亿用户。", "2亿").1,
        "ChatGPT"
    );
}

#[test]
fn a_noun_the_earlier_kind_rules_out_ends_its_list() {
    // Training data in tokens does not continue a parameter count.
    let cs = claims("该模型有700亿个参数,训练时使用了15万亿tokens的数据。");
    assert_eq!(find(&cs, "700亿").kind, "param_count");
    assert!(cs.iter().all(|c| c.value_text != "15万亿"), "{cs:#?}");
}

#[test]
fn a_counted_noun_outweighs_a_not_word_that_describes_something_else() {
    // 参数 (a `not` word of GPU counts) describes the model; 块H100 is what is counted.
    let cs = claims("训练一个千亿参数的模型大约需要5000块H100。");
    assert_eq!(find(&cs, "5000").kind, "gpu_count", "{cs:#?}");
    // A machine's accelerators (`8x A100`), a word away from the figure.
    let cs = claims("据称,8x A100 也跑不动这个万亿参数的模型。");
    assert_eq!(find(&cs, "8").kind, "gpu_count", "{cs:#?}");
}

#[test]
fn latin_magnitude_letters_are_never_unsaid_yuan() {
    let cs = claims("该模型的训练成本不高,在9.6T高质量数据上完成了预训练。");
    assert!(
        cs.iter()
            .filter(|c| c.value_text.contains("9.6T"))
            .all(|c| c.unit == claimcheck::quantity::Unit::Count),
        "{cs:#?}"
    );
}

#[test]
fn a_counted_chip_is_the_subject_only_when_nothing_else_is() {
    // The paragraph's topic, not the chip the cluster is made of.
    let text = "Qwen-72B是一个拥有720亿参数的模型。其训练用了一个包含4096颗英伟达A800 GPU的集群,总计消耗约150万GPU小时。";
    let cs = claims(text);
    let hours = find(&cs, "150万");
    assert_eq!(hours.subject, subject("Qwen-72B"), "{hours:#?}");
    // An API's pricing unit in parentheses is no name.
    let cs = claims("Claude 3 Haiku的API价格为输入每百万Token (MTok) $0.25。");
    assert_ne!(find(&cs, "0.25").subject, "MTok");
}

#[test]
fn a_measure_word_inside_the_figures_rate_decides_its_measure() {
    let cs = claims("The API costs $2 per million input tokens and $8 per million output tokens.");
    assert_eq!(find(&cs, "$2").measure, "API price per input token");
    assert_eq!(find(&cs, "$8").measure, "API price per output token");
}

#[test]
fn a_company_that_says_so_speaks_of_itself_when_nothing_else_is_named() {
    let cs = claims("台積電表示,今年AI伺服器處理器的營收將翻倍。");
    assert_eq!(find(&cs, "翻倍").subject, subject("台积电"), "{cs:#?}");
    // An outlet that reports it is a source, not the subject.
    let cs = claims("据路透社报道,今年数据中心营收将增长50%。");
    assert_ne!(find(&cs, "50%").subject, subject("路透社"), "{cs:#?}");
}

#[test]
fn a_cue_after_a_figure_reaches_across_its_conversion() {
    let cs =
        claims("这超过了某芯片公司去年在日本的业务所获得的52亿美元(约合人民币370亿元)的收入。");
    assert_eq!(find(&cs, "52亿").kind, "revenue", "{cs:#?}");
    let cs = claims("The unit booked $4 billion (about 29 billion yuan) in revenue last year.");
    assert_eq!(find(&cs, "$4 billion").kind, "revenue", "{cs:#?}");
}

#[test]
fn a_bare_head_noun_stands_for_the_compound_named_before_it() {
    // `成本` alone names no kind; here it is the training cost of the clause before.
    let cs = claims("某新模型的训练成本远低于同类模型,只用了不到200万个GPU小时,成本为420万美元。");
    assert_eq!(find(&cs, "420万").kind, "training_cost", "{cs:#?}");
    // A head with a word of its own before it is not bare.
    let cs = claims("某新模型的训练成本远低于同类模型,推理成本为每百万tokens 2元。");
    assert!(
        cs.iter()
            .filter(|c| c.value_text.contains('2'))
            .all(|c| c.kind != "training_cost"),
        "{cs:#?}"
    );
}

#[test]
fn an_english_noun_before_of_is_what_is_counted() {
    let cs = claims("Regulators approved two batches of AI models in the autumn.");
    assert!(cs.iter().all(|c| c.kind != "model_count"), "{cs:#?}");
    let cs = claims("The firm bought 10,000 units of H100 GPUs this year.");
    assert_eq!(find(&cs, "10,000").kind, "gpu_count", "{cs:#?}");
}

#[test]
fn a_not_word_yields_to_a_cue_nearer_the_figure() {
    let cs = claims("The startup is in talks to raise $2 billion at a valuation of $60 billion.");
    assert_eq!(find(&cs, "$2 billion").kind, "funding", "{cs:#?}");
    assert_eq!(find(&cs, "$60 billion").kind, "valuation", "{cs:#?}");
    let cs = claims("该公司完成融资后估值达到20亿美元。");
    assert_eq!(find(&cs, "20亿").kind, "valuation", "{cs:#?}");
}

#[test]
fn the_second_of_two_things_compared_is_not_the_subject() {
    let cs = claims("某公司表示,国内大模型和OpenAI的差距在两年左右。");
    assert_eq!(find(&cs, "两年").subject, subject("China"), "{cs:#?}");
    let cs = claims("他说,文心大模型与GPT-4的差距已经缩小到几个月。");
    assert_eq!(
        find(&cs, "几个月").subject,
        subject("文心大模型"),
        "{cs:#?}"
    );
}

#[test]
fn an_owner_of_another_name_gives_the_figure_to_that_name() {
    let cs = claims("Baidu's Ernie Bot has more than 200 million users, the company said.");
    assert_eq!(
        find(&cs, "200 million").subject,
        subject("ERNIE Bot"),
        "{cs:#?}"
    );
    let cs = claims("百度的文心一言用户数已超过2亿。");
    assert_eq!(find(&cs, "2亿").subject, subject("ERNIE Bot"), "{cs:#?}");
    // A product's maker still takes a valuation (`maker_subjects`).
    let cs = claims("OpenAI的ChatGPT估值达到800亿美元。");
    assert_eq!(find(&cs, "800亿").subject, subject("OpenAI"), "{cs:#?}");
}

#[test]
fn a_threshold_that_describes_a_class_is_no_claim() {
    let cs = claims("目前国内10亿参数规模以上的大模型已超过100个。");
    assert!(cs.iter().all(|c| !c.value_text.contains("10亿")), "{cs:#?}");
    // The count of the class is a model count, though 参数 (a `not` word) is in its
    // clause: the noun before the figure is nearer.
    assert_eq!(find(&cs, "100").kind, "model_count", "{cs:#?}");
    // A count of the class itself stays a claim.
    let cs = claims("国内已有100个以上的大模型。");
    assert_eq!(find(&cs, "100").kind, "model_count", "{cs:#?}");
}

#[test]
fn a_compound_cue_with_one_word_far_and_one_near_still_names_the_kind() {
    // `trained … cost`: the verb of training starts the sentence, the word of cost
    // stands by the figure; the count between them owns no cost.
    let cs =
        claims("The lab said it trained its new model on 4,096 chips at a cost of $9.8 million.");
    assert_eq!(find(&cs, "$9.8 million").kind, "training_cost", "{cs:#?}");
    assert_eq!(find(&cs, "4,096").kind, "gpu_count", "{cs:#?}");
    // Without a word of training the same cost is no training cost.
    let cs = claims("The lab bought 4,096 chips at a cost of $9.8 million.");
    assert_ne!(find(&cs, "$9.8 million").kind, "training_cost", "{cs:#?}");
}

#[test]
fn a_bare_word_of_amount_sums_what_the_clause_before_did() {
    let cs = claims("据报道,某公司向英伟达订购了1600颗芯片,总金额超过10亿美元。");
    assert_eq!(find(&cs, "10亿").kind, "capex", "{cs:#?}");
    assert_eq!(find(&cs, "1600").kind, "gpu_count", "{cs:#?}");
    // A clause naming a topic of its own is not a bare amount.
    let cs = claims("某公司向英伟达订购了1600颗芯片,去年广告收入总额为30亿元。");
    assert_eq!(find(&cs, "30亿").kind, "revenue", "{cs:#?}");
}

#[test]
fn a_plural_s_after_a_model_number_still_names_the_chip() {
    let cs = claims("The cluster was built with 100,000 Nvidia H100s in four months.");
    assert_eq!(find(&cs, "100,000").kind, "gpu_count", "{cs:#?}");
    // Other letters glued to the digits make another name.
    let cs = claims("The cluster was built with 100,000 Nvidia H100x boards.");
    assert!(cs.iter().all(|c| c.kind != "gpu_count"), "{cs:#?}");
}

#[test]
fn an_investor_in_a_round_is_not_its_subject() {
    let cs = claims(
        "Moonshot AI raised more than $1 billion in a round led by Alibaba, valuing it at $2.5 billion.",
    );
    assert_eq!(
        find(&cs, "$2.5 billion").subject,
        subject("Moonshot AI"),
        "{cs:#?}"
    );
    let cs = claims("Alibaba led the $1 billion round in Moonshot AI.");
    assert_eq!(
        find(&cs, "$1 billion").subject,
        subject("Moonshot AI"),
        "{cs:#?}"
    );
    let cs = claims("月之暗面完成10亿美元融资,由阿里领投,估值达到25亿美元。");
    assert_eq!(find(&cs, "25亿").subject, subject("Moonshot AI"), "{cs:#?}");
}

#[test]
fn a_name_whose_share_is_a_figure_owns_no_noun() {
    // `A100的80%` measures against A100: the clause's topic keeps the next figure.
    let cs = claims("华为昇腾910B的算力约为英伟达A100的80%,售价约12万元。");
    assert_eq!(find(&cs, "12万").subject, subject("Ascend 910B"), "{cs:#?}");
}

#[test]
fn the_base_of_a_share_in_the_figures_own_clause_is_not_its_subject() {
    // The figure right after `X的` is a share of X: the owner of the measured
    // noun before it is the subject.
    for (text, figure, want) in [
        ("H20的算力约为H100的20%。", "20%", "H20"),
        ("昇腾910B的性能已达到A100的80%左右。", "80%", "Ascend 910B"),
        ("GPT-4的规模是GPT-3的10倍以上。", "10倍", "GPT-4"),
    ] {
        let cs = claims(text);
        assert_eq!(find(&cs, figure).subject, subject(want), "{text}: {cs:#?}");
    }
    // A figure with a noun after it is the name's own.
    let cs = claims("OpenAI的1000亿美元估值。");
    assert_eq!(find(&cs, "1000亿").subject, subject("OpenAI"), "{cs:#?}");
}

#[test]
fn a_speaker_before_a_verb_of_estimating_is_not_the_subject() {
    let cs = claims("Analysts at SemiAnalysis estimate ChatGPT costs about $700,000 a day to run.");
    let c = find(&cs, "$700,000");
    assert_eq!(c.subject, subject("ChatGPT"), "{cs:#?}");
    assert_eq!(c.speaker.as_deref(), Some("SemiAnalysis"), "{cs:#?}");
}

#[test]
fn the_company_at_a_clause_start_is_the_company_named_before() {
    // A name after the figure is not its subject when the clause opens on a
    // description of a company the text named before.
    let cs = claims(
        "OpenAI was founded in 2015. The company lost $540 million last year as it developed ChatGPT.",
    );
    assert_eq!(
        find(&cs, "$540 million").subject,
        subject("OpenAI"),
        "{cs:#?}"
    );
    let cs = claims("百度发布了新模型。该公司今年营收达到100亿元,主要来自文心一言。");
    assert_eq!(find(&cs, "100亿").subject, subject("Baidu"), "{cs:#?}");
    // Without such a description, the name after the figure stays its subject.
    let cs = claims("OpenAI was founded in 2015. Some 200 million weekly users now use ChatGPT.");
    assert_eq!(
        find(&cs, "200 million").subject,
        subject("ChatGPT"),
        "{cs:#?}"
    );
}

#[test]
fn a_measure_word_followed_by_a_figure_of_its_own_is_that_figures() {
    // 输入 comes before 1元, which takes it: 输出 is 2元's.
    let cs = claims("DeepSeek-V2的API定价为每百万tokens输入1元、输出2元。");
    assert_eq!(
        find(&cs, "1元").measure,
        "API price per input token",
        "{cs:#?}"
    );
    assert_eq!(
        find(&cs, "2元").measure,
        "API price per output token",
        "{cs:#?}"
    );
    let cs = claims("其 API 計費為輸入每百萬 Token $3、輸出每百萬 Token $15。");
    assert_eq!(
        find(&cs, "$15").measure,
        "API price per output token",
        "{cs:#?}"
    );
    // The end of a change shares its start's word.
    let cs = claims(
        "The company expects gross margins to climb from 50% today to 77% by 2028 while revenue growth stays steep.",
    );
    assert!(
        find(&cs, "77%").measure.starts_with("gross margin"),
        "{cs:#?}"
    );
    let cs = claims("该公司毛利率由40%提升至45%而营收同比增长20%。");
    assert!(
        find(&cs, "45%").measure.starts_with("gross margin"),
        "{cs:#?}"
    );
}

#[test]
fn a_name_after_bi_with_a_word_of_comparing_is_compared_with() {
    let cs = claims("英伟达H20的售价约为1.2万至1.5万美元,比H100便宜约一半。");
    assert_eq!(find(&cs, "一半").subject, subject("H20"), "{cs:#?}");
    // The figure right after the name is the name's own.
    let cs = claims("内地只有一家,就比内地其余200多家大模型加起来更大。");
    assert_eq!(find(&cs, "200多").subject, subject("China"), "{cs:#?}");
}

#[test]
fn every_count_of_a_list_shares_the_noun_the_list_ends_with() {
    // Through a comma to the conjunction before the last item, Oxford comma or not.
    for text in [
        "Llama 2 comes in versions with 7 billion, 13 billion and 70 billion parameters.",
        "Llama 2 comes in versions with 7 billion, 13 billion, and 70 billion parameters.",
    ] {
        let cs = claims(text);
        for figure in ["7 billion", "13 billion", "70 billion"] {
            assert_eq!(find(&cs, figure).kind, "param_count", "{text}: {cs:#?}");
        }
    }
    // Two counts parted by a bare comma are no list.
    let cs = claims("Of the 500, 300 GPUs were H100s.");
    assert!(cs.iter().all(|c| c.value_text != "500"), "{cs:#?}");
}

#[test]
fn names_that_only_describe_another_are_not_subjects() {
    // Every name of an investor list is an investor, not only the first.
    let text = "Inflection AI raised $1.3 billion from investors including Microsoft and Nvidia, \
                bringing its total funding to $1.525 billion.";
    assert_eq!(kind_and_subject(text, "1.525").1, subject("Inflection AI"));
    let text = "Zhipu raised $300 million in a round led by Tencent, Alibaba and Sequoia China, \
                lifting its total funding to $1 billion.";
    assert_eq!(kind_and_subject(text, "$1 billion").1, subject("Zhipu"));
    // A place glued to a participle says where the startup is, not whose the users are.
    let text =
        "The Beijing-based startup said its monthly active users topped 30 million in March.";
    assert_ne!(kind_and_subject(text, "30 million").1, subject("Beijing"));
    // Two companies named before a verb are still a pair.
    let text = "Baidu and Alibaba raised a combined $2 billion.";
    assert_eq!(
        kind_and_subject(text, "$2 billion").1,
        format!("{} and {}", subject("Baidu"), subject("Alibaba"))
    );
}

#[test]
fn an_investee_named_after_the_figure_owns_the_round() {
    // A valuation between an investor and its investee is the investee's.
    let cs = claims("去年9月,阿里巴巴以投前300亿元估值领投智谱。");
    assert_eq!(find(&cs, "300亿").subject, subject("Zhipu"), "{cs:#?}");
    let cs = claims("Microsoft invested in OpenAI at a $29 billion valuation.");
    assert_eq!(
        find(&cs, "$29 billion").subject,
        subject("OpenAI"),
        "{cs:#?}"
    );
    // An investor's own money stays its own.
    let cs = claims("Amazon invested $2 billion in Anthropic last year.");
    assert_eq!(
        find(&cs, "$2 billion").subject,
        subject("Amazon"),
        "{cs:#?}"
    );
}

#[test]
fn a_figure_of_several_companies_together_is_none_of_theirs() {
    let text = "智谱是一家大模型公司。\n“四小龙”们2023年合计拿下超过80亿元人民币融资。";
    assert_eq!(kind_and_subject(text, "80亿").1, "");
    let text =
        "Anthropic builds Claude.\nChinese AI startups have raised $4.1 billion so far this year.";
    assert_eq!(kind_and_subject(text, "$4.1 billion").1, "");
    // A pair named in the clause is still the pair's.
    let text = "Baidu and Alibaba raised a combined $2 billion.";
    assert_ne!(kind_and_subject(text, "$2 billion").1, "");
}

#[test]
fn a_place_describing_or_acted_on_loses_to_the_company() {
    let text = "总部位于上海的内地人工智能（AI）企业商汤今年上半年收入增长至40.5亿元。";
    assert_eq!(kind_and_subject(text, "40.5亿").1, subject("SenseTime"));
    let text = "英伟达H20芯片因美国政府公布新的出口管制措施,无法继续销售,英伟达因此取消订单,并披露损失约55亿美元。";
    assert_eq!(kind_and_subject(text, "55亿").1, subject("Nvidia"));
}

#[test]
fn people_speaking_or_owning_are_not_a_companys_subject() {
    // A name the gazetteer lacks before a verb of saying speaks of another's figure…
    let text =
        "Anthropic raised money.\nAnalyst Petersen noted the $2.5 billion investment is small.";
    assert_ne!(kind_and_subject(text, "$2.5 billion").1, "Analyst Petersen");
    // …unless it speaks of itself.
    let text = "Inflection AI said it raised $1.3 billion.";
    assert_eq!(kind_and_subject(text, "$1.3 billion").1, "Inflection AI");
    // A person of a company is no product of it: the company is the subject.
    let text = "The GPUs required for Musk's machine would cost $9 billion.";
    assert_eq!(kind_and_subject(text, "$9 billion").1, subject("xAI"));
}

#[test]
fn a_sentence_about_a_pronoun_lends_its_names_no_topic() {
    // The investors of `它的背后…` are not what the next sentence's figure is about.
    let text = "# 智谱融资\n\n智谱完成新一轮融资。\n它的背后站着红杉中国、高瓴资本等私募基金。根据公开数据,目前该公司估值超过200亿元。";
    assert_eq!(kind_and_subject(text, "200亿").1, subject("Zhipu"));
}

#[test]
fn a_fund_named_after_a_place_and_a_participant_in_a_round_are_investors() {
    let text = "月之暗面去年成立。\n今年初,月之暗面又完成由阿里巴巴等参与的10亿美元融资。";
    assert_eq!(kind_and_subject(text, "10亿").1, subject("Moonshot AI"));
    let text = "# 智谱融资\n\n4月,智谱拿下了北京市人工智能产业投资基金的2亿元追加投资。";
    assert_ne!(kind_and_subject(text, "2亿").1, subject("Beijing"));
}

#[test]
fn three_listed_names_share_the_figure_and_none_is_its_subject() {
    // Commas and `、` end clauses: the list runs over several.
    let text =
        "Baidu, ByteDance, Tencent, and Alibaba have ordered $1 billion worth of A800 chips.";
    assert_eq!(kind_and_subject(text, "$1 billion").1, "");
    let text = "百度、字节跳动、腾讯和阿里巴巴今年共订购了价值50亿美元的GPU。";
    assert_eq!(kind_and_subject(text, "50亿").1, "");
    // Two stay a pair.
    let text = "Baidu and Alibaba raised a combined $2 billion.";
    assert_ne!(kind_and_subject(text, "$2 billion").1, "");
}

#[test]
fn a_list_of_years_before_respectively_dates_each_figure() {
    // The i-th figure takes the i-th year; the noun after the last year (营收)
    // speaks for all, and the words before the first year are no item's cue.
    for text in [
        "该公司2021年、2022年的营收分别是120万美元、980万美元。",
        "该公司2021年和2022年的营收分别为120万美元和980万美元。",
    ] {
        let cs = claims(text);
        let (first, second) = (find(&cs, "120万"), find(&cs, "980万"));
        assert_eq!(first.kind, "revenue", "{text}");
        assert_eq!(second.kind, "revenue", "{text}");
        assert_eq!(
            first.as_of.map(|d| d.to_string()).as_deref(),
            Some("2021"),
            "{text}"
        );
        assert_eq!(
            second.as_of.map(|d| d.to_string()).as_deref(),
            Some("2022"),
            "{text}"
        );
    }
}

#[test]
fn a_span_of_years_before_respectively_dates_each_figure() {
    // As many years as figures: the i-th figure takes the i-th year.
    let cs = claims("该公司2021年至2023年的净亏损分别为1.1亿元、2.2亿元、3.3亿元。");
    let years: Vec<Option<String>> = ["1.1亿", "2.2亿", "3.3亿"]
        .iter()
        .map(|f| find(&cs, f).as_of.map(|d| d.to_string()))
        .collect();
    assert_eq!(
        years,
        [
            Some("2021".into()),
            Some("2022".into()),
            Some("2023".into())
        ]
    );
    // A span of another length is no list of the figures' years.
    let cs = claims("该公司2021年至2023年的净亏损分别为1.1亿元、2.2亿元。");
    assert_eq!(
        find(&cs, "1.1亿").as_of.map(|d| d.to_string()).as_deref(),
        Some("2023")
    );
}

#[test]
fn a_fraction_with_no_magnitude_counts_nothing() {
    // Versions and scores beside counting words are not counts.
    let cs = claims(
        "该公司发布了语音合成模型2.0和声音复刻模型3.5两款大模型。\nThe startup released its model 2.5 to 40 million users.",
    );
    assert!(
        !cs.iter()
            .any(|c| ["2.0", "3.5", "2.5"].contains(&c.value_text.as_str())),
        "{cs:#?}"
    );
    // A fraction with a magnitude is a count as before.
    let cs = claims("该公司的大模型已有2.5万家企业用户。");
    assert_eq!(find(&cs, "2.5万").value.low_value(), d("25000"));
}

#[test]
fn a_place_before_an_investor_describes_it() {
    // `日本软银集团`: the place says where the investor is from.
    let cs = claims("日本软银集团去年亏损了50亿美元。");
    assert_eq!(find(&cs, "50亿").subject, subject("软银"));
    let cs = claims("美国红杉资本今年募集了80亿美元新基金。");
    assert_eq!(find(&cs, "80亿").subject, subject("红杉资本"));
}

#[test]
fn an_attribution_listed_with_commas_is_still_a_source() {
    // `、` ends a clause, but the platforms the analyst writes on are no topic.
    let cs = claims("分析师张三在脸书、X等多个平台指出,黄仁勋预估,明年GPU销售额将达1000亿美元。");
    assert_eq!(find(&cs, "1000亿").subject, subject("英伟达"));
}

#[test]
fn the_investor_named_after_a_round_is_not_its_subject() {
    let cs = claims(
        "Anthropic is growing fast.\n\nAnthropic hired more staff. A $10 billion funding round led by Amazon closed last week.",
    );
    assert_eq!(find(&cs, "$10 billion").subject, subject("Anthropic"));
    // `X对Y注资`: what is injected is Y's round, named in the gazetteer or not.
    let cs = claims("腾讯对智谱注资10亿元,带动智谱估值大涨。");
    assert_eq!(find(&cs, "10亿").subject, subject("智谱"));
    let cs = claims("阿里对Zorblax注资3亿美元。");
    assert_eq!(find(&cs, "3亿").subject, "Zorblax");
    // Not a name after 对: the investor's own spending.
    let cs = claims("阿里巴巴对AI基础设施投资3800亿元。");
    assert_eq!(find(&cs, "3800亿").subject, subject("阿里巴巴"));
}

#[test]
fn each_region_of_a_list_owns_its_share_and_the_whole_owns_none() {
    let cs = claims("华东合计占比40.0%,珠三角(广深等)占比20.0%,京津冀(京津等)占比30.0%。");
    assert_eq!(find(&cs, "20.0%").subject, subject("珠三角"));
    assert_eq!(find(&cs, "30.0%").subject, subject("京津冀"));
    // `占全国`: the nation is what the share is of.
    let cs = claims("京津冀:北京+天津=100款,占全国25.0%。");
    assert_eq!(find(&cs, "25.0%").subject, subject("京津冀"));
    // A number of cities together is no one city's.
    let cs = claims("北京的模型最多。除前5城外,其余20城仅50款,占比12.5%。三大城市群占总量90%。");
    assert_eq!(find(&cs, "12.5%").subject, "");
    assert_eq!(find(&cs, "90%").subject, "");
}

#[test]
fn the_company_described_before_the_figure_is_the_one_named_before() {
    let cs = claims(
        "Microsoft reported record results.\n\nShares of the software company rose 5 per cent after it said Azure sales grew.",
    );
    assert_eq!(find(&cs, "5 per cent").subject, subject("Microsoft"));
}

#[test]
fn a_model_named_as_a_class_and_the_members_of_a_list_are_not_subjects() {
    // `GPT-4级`: a model of GPT-4's level, not GPT-4.
    let cs = claims("阿里云宣布,将GPT-4级主力模型通义千问价格直降97%。");
    assert_eq!(find(&cs, "97%").subject, subject("通义千问"));
    // `北京、上海、深圳等地`: places taken together, none of them the subject.
    let cs = claims("北京、上海、深圳等地的创投机构,去年合计投资了50亿元。");
    assert_eq!(find(&cs, "50亿").subject, "");
    // Two names, one of them the topic, are no such list.
    let cs = claims("据媒体披露,月之暗面正与IDG资本、腾讯等投资方洽谈约6亿美元新融资。");
    assert_eq!(find(&cs, "6亿").subject, subject("月之暗面"));
}

#[test]
fn an_opening_stock_take_dates_the_undated_figures_after_it() {
    let as_of = |cs: &[Claim], f: &str| find(cs, f).as_of.map(|d| d.to_string());
    // The text opens with `截至…`: the shares below it that no clause dates are
    // of that date; a figure's own date stays its own.
    let cs = claims(
        "一、总体情况\n截至2024年上半年,全国备案大模型共300款。\n前5城合计占比60.5%。\n其中今年3月新增大模型20款。",
    );
    assert_eq!(as_of(&cs, "60.5%").as_deref(), Some("2024-06"));
    assert_eq!(as_of(&cs, "20").as_deref(), None);
    // A sentence stating another date ends the stock-take's reach.
    let cs = claims(
        "截至2024年上半年,全国备案大模型共300款。\n2023年8月首批备案10款。\n前5城合计占比60.5%。",
    );
    assert_eq!(as_of(&cs, "60.5%").as_deref(), None);
    // Not opening the text, `截至` dates its own sentence only.
    let cs = claims(
        "大模型行业发展迅速。\n行业热度很高。\n截至2024年上半年,全国备案大模型共300款。\n前5城合计占比60.5%。",
    );
    assert_eq!(as_of(&cs, "60.5%").as_deref(), None);
}

#[test]
fn a_body_sentence_lends_no_date_to_another_of_the_same_figure() {
    // Two rounds of one size: the fuller sentence is the claim's, and the May of the
    // other is not its date.
    let cs = claims(
        "今年5月,该公司完成了60亿美元融资。\n近日,该公司宣布再次完成一轮规模同为60亿美元的融资,投资方包括多家主权基金和芯片企业。",
    );
    let round = find(&cs, "60亿");
    assert!(round.quote.contains("再次"), "{round:#?}");
    assert_ne!(round.as_of_text.as_deref(), Some("今年5月"), "{round:#?}");
}

/// The measure of the claim whose figure is written `figure`.
fn measure_of(cs: &[Claim], figure: &str) -> String {
    find(cs, figure).measure.clone()
}

#[test]
fn a_segments_revenue_names_its_segment() {
    let cs = claims(
        "星河科技上半年总收入12.5亿元,同比增长8%。\n\
         其中,云计算业务在上半年实现收入4.2亿元。\n\
         智能驾驶收入则下降12%,降至1.3亿元。\n\
         至於線上廣告收入由去年同期0.9億元增至1.1億元。\n\
         游戏去年收入为6.6亿元。\n\
         星河科技的收入达到30亿元。\n\
         腾讯收入为1600亿元。\n\
         其全年营收为52亿元。",
    );
    assert_eq!(measure_of(&cs, "12.5亿元"), "revenue");
    assert_eq!(measure_of(&cs, "4.2亿元"), "revenue (云计算)");
    // The segment named in the clause before the figure's own.
    assert_eq!(measure_of(&cs, "1.3亿元"), "revenue (智能驾驶)");
    // Traditional script folds to simplified; a time word between is passed over.
    assert_eq!(measure_of(&cs, "1.1億元"), "revenue (线上广告)");
    assert_eq!(measure_of(&cs, "6.6亿元"), "revenue (游戏)");
    // The company's own name, a known entity and a total name no segment.
    assert_eq!(measure_of(&cs, "30亿元"), "revenue");
    assert_eq!(measure_of(&cs, "1600亿元"), "revenue");
    assert_eq!(measure_of(&cs, "52亿元"), "revenue");
}

#[test]
fn a_segments_revenue_in_english() {
    let cs = claims(
        "Nvidia said its data center revenue rose to $30.8 billion in the quarter.\n\
         Its cloud segment revenue was $9 billion.\n\
         Microsoft reported total revenue of $62 billion.\n\
         Anthropic's annual recurring revenue reached $5 billion.",
    );
    assert_eq!(measure_of(&cs, "$30.8 billion"), "revenue (data center)");
    assert_eq!(measure_of(&cs, "$9 billion"), "revenue (cloud)");
    assert!(!measure_of(&cs, "$62 billion").contains('('));
    assert!(!measure_of(&cs, "$5 billion").contains("recurring)"));
}

#[test]
fn a_numbered_heading_names_the_segment_of_the_figures_under_it() {
    let cs = claims(
        "二、分业务表现:\n\n\
         1)智能终端\n\n\
         上半年实现收入5.6亿元,同比增长20%。\n\n\
         2)企业服务\n\n\
         上半年实现收入3.1亿元。\n\n\
         3)财务概况\n\n\
         上半年实现收入8.7亿元。",
    );
    assert_eq!(measure_of(&cs, "5.6亿元"), "revenue (智能终端)");
    assert_eq!(measure_of(&cs, "20%"), "revenue growth (智能终端)");
    assert_eq!(measure_of(&cs, "3.1亿元"), "revenue (企业服务)");
    // A heading that names a part of the report is no segment.
    assert_eq!(measure_of(&cs, "8.7亿元"), "revenue");
}

/// A figure's own measure word or counted noun rules out kinds whose thing it is not,
/// whatever cue stands near: pictures are no GPUs, comments no users, sets no models.
#[test]
fn a_counts_own_noun_or_measure_word_rules_kinds_out() {
    let none = |text: &str, figure: &str| {
        let cs = claims(text);
        assert!(
            cs.iter().all(|c| !c.value_text.contains(figure)),
            "{figure} should be no claim: {cs:#?}"
        );
    };
    none(
        "该服务日均生成图片5000万张、日均处理语音80万小时。",
        "5000万",
    );
    none(
        "Users now post more than 900 million comments daily on the forum.",
        "900 million",
    );
    none("这家厂商上一代产品在整个周期内约出货300万组。", "300万");
    // Near misses: the thing counted is the kind's own.
    let cs = claims("该公司今年已采购加速卡约3万张。");
    assert_eq!(find(&cs, "3万").kind, "gpu_count");
    let cs = claims("截至目前,国内已发布大模型238个。");
    assert_eq!(find(&cs, "238").kind, "model_count");
    let cs = claims("Users now number more than 900 million on the forum.");
    assert_eq!(find(&cs, "900 million").kind, "user_count");
}

/// What an amount is of, or the deal it is part of, decides its kind: a payment is no
/// valuation, a stake's worth and a secondary purchase no spending, a price per share a
/// share price, a total sold no price.
#[test]
fn what_an_amount_is_of_decides_its_kind() {
    let cs = claims(
        "本轮融资对该公司的估值为900亿美元,其母公司已给予该公司第一笔款项30亿美元,剩余投资款项年内到位。",
    );
    let paid = find(&cs, "30亿美元");
    assert_eq!(
        (paid.kind.as_str(), paid.measure.as_str()),
        ("funding", "investment in a round")
    );
    assert_eq!(find(&cs, "900亿美元").kind, "valuation");
    let cs = claims("该集团另通过次级销售,购买超过12亿美元的该公司员工持股。");
    assert!(cs.is_empty(), "{cs:#?}");
    let cs = claims("该基金如今持有这家公司320万股股份,对应股权价值4.2亿港元。");
    assert!(cs.is_empty(), "{cs:#?}");
    let cs = claims("该公司上市首日发行价达到58.6港元/股,对应市值超300亿港元。");
    let offer = find(&cs, "58.6");
    assert_eq!(
        (offer.kind.as_str(), offer.measure.as_str()),
        ("price", "share price")
    );
    let cs = claims("他表示,公司的AI芯片后续要大卖3000亿美元。");
    assert_eq!(find(&cs, "3000亿").kind, "revenue");
    let cs = claims("若未能按期完成重组,其投资规模将降至80亿美元。");
    let stake = find(&cs, "80亿");
    // (`将降至`: what the stake will be, a forecast.)
    assert_eq!(
        (stake.kind.as_str(), stake.measure.as_str()),
        ("funding", "investment in a round (forecast)")
    );
    // Near misses: equipment bought, a price cut, a round beside its valuation.
    let cs = claims("该公司去年购买了价值3亿美元的GPU。");
    assert_eq!(find(&cs, "3亿").kind, "capex");
    let cs = claims("经销商表示,这款加速卡的价格已降至2.5万美元。");
    assert_eq!(find(&cs, "2.5万").kind, "price");
    let cs = claims(
        "The lab signed the deal after raising about €300mn in a round that valued it at €1bn.",
    );
    assert_eq!(find(&cs, "300mn").kind, "funding");
}
