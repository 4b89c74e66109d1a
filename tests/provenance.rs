//! Every claim keeps an exact path back to the original text.

use claimcheck::extract::Extractor;
use claimcheck::input::corpus::Corpus;
use claimcheck::rules::RuleSet;
use std::path::PathBuf;

#[test]
fn quotes_lines_and_offsets_point_into_the_original_files() {
    let rules = RuleSet::bundled().unwrap();
    let corpus = Corpus::load(&[PathBuf::from("data")]);
    assert_eq!(corpus.docs.len(), 5);
    assert!(corpus.skipped.is_empty(), "{:?}", corpus.skipped);
    let claims = corpus.extract(&Extractor::new(&rules));
    assert!(claims.len() >= 30, "only {} claims", claims.len());
    for claim in &claims {
        let doc = corpus
            .docs
            .iter()
            .find(|d| d.source == claim.source)
            .unwrap();
        let original = std::fs::read_to_string(&doc.path).unwrap();
        let chars: Vec<char> = original.chars().collect();
        let mentions = std::iter::once((&claim.quote, claim.line, claim.start, claim.end)).chain(
            claim
                .mentions
                .iter()
                .map(|m| (&m.quote, m.line, m.start, m.end)),
        );
        for (quote, line, start, end) in mentions {
            let at: String = chars[start..end].iter().collect();
            assert_eq!(&at, quote, "{}: offsets {start}..{end}", claim.claim_id);
            let line_text = original.lines().nth(line - 1).unwrap();
            assert!(
                line_text.contains(quote.as_str()),
                "{}: line {line}",
                claim.claim_id
            );
        }
        assert!(
            claim.quote.contains(&claim.value_text),
            "{}",
            claim.claim_id
        );
    }
}

#[test]
fn claim_ids_are_unique_and_stable() {
    let rules = RuleSet::bundled().unwrap();
    let corpus = Corpus::load(&[PathBuf::from("data")]);
    let extractor = Extractor::new(&rules);
    let a = corpus.extract(&extractor);
    let b = corpus.extract(&extractor);
    assert_eq!(a, b);
    let mut ids: Vec<&str> = a.iter().map(|c| c.claim_id.as_str()).collect();
    ids.sort();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate claim ids");
}
