//! Articles in legacy encodings give the same claims, with offsets into the decoded text.

use claimcheck::extract::Extractor;
use claimcheck::input::corpus::Corpus;
use claimcheck::rules::RuleSet;
use std::path::PathBuf;

fn claims_of(path: PathBuf) -> (Vec<claimcheck::claim::Claim>, String) {
    let rules = RuleSet::bundled().unwrap();
    let corpus = Corpus::load(&[path]);
    assert!(corpus.skipped.is_empty(), "{:?}", corpus.skipped);
    let text = corpus.docs[0].text.clone();
    (corpus.extract(&Extractor::new(&rules)), text)
}

fn without_ids(
    claims: &[claimcheck::claim::Claim],
) -> Vec<(String, String, Option<String>, usize, usize)> {
    claims
        .iter()
        .map(|c| {
            (
                c.kind.clone(),
                c.subject.clone(),
                c.value.low_value().map(|d| d.to_string()),
                c.start,
                c.end,
            )
        })
        .collect()
}

#[test]
fn gb18030_article_gives_the_same_claims_as_utf8() {
    let original = PathBuf::from("data/000_7ae801fb60cdcc58.txt");
    let text = std::fs::read_to_string(&original).unwrap();
    let (encoded, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("000_7ae801fb60cdcc58.txt");
    std::fs::write(&path, &encoded).unwrap();

    let (utf8, _) = claims_of(original);
    let (gb, decoded) = claims_of(path);
    assert!(utf8.len() >= 15);
    assert_eq!(without_ids(&utf8), without_ids(&gb));
    let chars: Vec<char> = decoded.chars().collect();
    for c in &gb {
        assert_eq!(chars[c.start..c.end].iter().collect::<String>(), c.quote);
    }
}

#[test]
fn big5_paragraph_is_decoded_and_its_claims_found() {
    let text = "5月28日,中國科學技術信息研究所所長趙志耕表示,據不完全統計國內已經發布了79個大模型。\n\
                而7月,據騰訊研究院副秘書長楊望調研分析,目前國內的大模型數量已增加至116個。\n";
    let (encoded, _, unmappable) = encoding_rs::BIG5.encode(text);
    assert!(!unmappable);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big5.txt");
    std::fs::write(&path, &encoded).unwrap();
    std::fs::write(
        dir.path().join("sources.toml"),
        "[sources.\"big5\"]\npublished = \"2023-09\"\n",
    )
    .unwrap();
    let (claims, decoded) = claims_of(path);
    assert_eq!(decoded, text);
    let values: Vec<String> = claims
        .iter()
        .filter_map(|c| c.value.low_value().map(|d| d.to_string()))
        .collect();
    assert_eq!(values, ["79", "116"]);
    assert_eq!(claims[1].as_of.unwrap().to_string(), "2023-07");
    assert_eq!(claims[1].line, 2);
}
