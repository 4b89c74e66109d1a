//! Property tests: the checker and every renderer accept any claims without panicking,
//! and the checker's bookkeeping holds whatever the input.

mod compare_support;

use claimcheck::claim::{AsOfSource, Claim, PartialDate};
use claimcheck::compare::{FxTable, Relation, Verdict, check};
use claimcheck::interval::{Bound, Interval};
use claimcheck::quantity::{Currency, Per, Qualifier, TimeUnit, Unit};
use claimcheck::report::{DocText, Format, render};
use compare_support::*;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn unit() -> impl Strategy<Value = Unit> {
    prop_oneof![
        Just(Unit::Count),
        Just(Unit::Percent),
        Just(Unit::Money(Currency::USD)),
        Just(Unit::Money(Currency::CNY)),
        Just(Unit::Money(Currency::JPY)),
        Just(Unit::Duration(TimeUnit::Months)),
        Just(Unit::Duration(TimeUnit::Years)),
    ]
}

fn qualifier() -> impl Strategy<Value = Qualifier> {
    prop_oneof![
        Just(Qualifier::Exact),
        Just(Qualifier::Approx),
        Just(Qualifier::Nearly),
        Just(Qualifier::Over),
        Just(Qualifier::Range),
    ]
}

fn value() -> impl Strategy<Value = Option<Decimal>> {
    prop_oneof![
        Just(None),
        (-1000i64..1_000_000).prop_map(|v| Some(Decimal::from(v))),
        Just(Some(Decimal::MAX)),
        Just(Some(Decimal::MIN)),
    ]
}

fn date() -> impl Strategy<Value = Option<PartialDate>> {
    prop_oneof![
        Just(None),
        (2022i32..2025).prop_map(|y| Some(PartialDate::year(y))),
        (2022i32..2025, 1u32..13).prop_map(|(y, m)| Some(PartialDate::month(y, m))),
    ]
}

prop_compose! {
    fn any_claim(id: usize)(
        doc in 0usize..4,
        speaker in prop::option::of("[赵王李]"),
        subject in "[ab]?",
        measure in "[xy]",
        unit in unit(),
        per in prop::option::of(Just(Per::Day)),
        qualifier in qualifier(),
        low in value(),
        high in value(),
        opens in (any::<bool>(), any::<bool>()),
        as_of in date(),
        published in date(),
        text in "[ -~<>&|\"'一二三]{0,20}",
        span in (0usize..50, 0usize..50),
        mentions in 0usize..3,
    ) -> Claim {
        let mut c = claim(&format!("c{id}"), &format!("{doc:03}"), "fam", &subject, unit, &text);
        c.speaker = speaker;
        c.measure = measure;
        c.per = per;
        c.qualifier = qualifier;
        c.value = Interval::new(
            low.map(|v| Bound::new(v, opens.0)),
            high.map(|v| Bound::new(v, opens.1)),
        );
        c.as_of = as_of;
        c.as_of_source = if as_of.is_some() { AsOfSource::Text } else { AsOfSource::Unknown };
        c.published = published;
        c.quote = text.clone();
        (c.start, c.end) = span;
        c.line = span.0 % 5;
        c.mentions = Vec::new();
        for _ in 0..mentions {
            c = c.mentions(1);
        }
        c
    }
}

fn claims() -> impl Strategy<Value = Vec<Claim>> {
    (0usize..8).prop_flat_map(|n| (0..n).map(any_claim).collect::<Vec<_>>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn checking_and_rendering_never_panic(claims in claims(), doc in "[ -~\n\r<>&一二]{0,80}") {
        let result = check(&claims, &policies(), &FxTable::bundled());
        // Every claim lands in exactly one group.
        let placed: usize = result.groups.iter().map(|g| g.figures.len()).sum();
        prop_assert_eq!(placed, claims.len());
        for g in &result.groups {
            prop_assert_eq!(g.verdict == Verdict::Conflict, !g.conflicts.is_empty());
            prop_assert_eq!(g.verdict == Verdict::Conflict, g.counts.conflicts > 0);
            // `single` is one origin, or origins whose figures only meet (through an
            // open bound): never two that differ.
            if g.verdict == Verdict::Single && g.origins > 1 {
                for a in &g.figures {
                    for b in &g.figures {
                        if a.origin != b.origin {
                            prop_assert_eq!(
                                result.relation(a.claim_index, b.claim_index),
                                Relation::Agree
                            );
                        }
                    }
                }
            }
            for c in &g.conflicts {
                let (a, b) = (g.figure_of(c.a_index).unwrap(), g.figure_of(c.b_index).unwrap());
                prop_assert!(a.origin != b.origin, "an origin never conflicts with itself");
                prop_assert_eq!(result.relation(c.a_index, c.b_index), Relation::Conflict);
            }
        }
        // The relation query is symmetric.
        for a in 0..claims.len() {
            for b in 0..claims.len() {
                prop_assert_eq!(result.relation(a, b), result.relation(b, a));
            }
        }
        // Groups come in verdict order.
        let verdicts: Vec<Verdict> = result.groups.iter().map(|g| g.verdict).collect();
        let mut sorted = verdicts.clone();
        sorted.sort();
        prop_assert_eq!(verdicts, sorted);
        let docs = vec![DocText { source: "000".into(), text: doc, ..DocText::default() }];
        for format in [Format::Text, Format::Markdown, Format::Json, Format::Html] {
            let out = render(&result, &claims, &docs, format, true);
            prop_assert!(!out.is_empty());
            if format == Format::Json {
                prop_assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok());
            }
        }
    }
}

/// Found by the property test: the least decimal there is, beside figures with no value,
/// once overflowed (`rust_decimal` panics on overflow) where the checker or a renderer
/// did arithmetic with it.
#[test]
fn the_least_decimal_beside_figures_without_value_does_not_panic() {
    let mut claims: Vec<Claim> = (0..5)
        .map(|i| claim(&format!("c{i}"), "000", "fam", "", Unit::Count, ""))
        .collect();
    for c in &mut claims[..4] {
        c.value = Interval::new(None, None);
    }
    claims[4].value = Interval::new(
        Some(Bound::new(Decimal::MIN, false)),
        Some(Bound::new(Decimal::MIN, false)),
    );
    claims[4].value_text = "0.1".into();
    claims[4].quote = "0.1".into();
    let result = check(&claims, &policies(), &FxTable::bundled());
    let docs = vec![DocText {
        source: "000".into(),
        text: " \n<\n6二{Fu\ri\n?#&)\r%!\nB\n5#{P)\r\n一\n@".into(),
        ..DocText::default()
    }];
    for format in [Format::Text, Format::Markdown, Format::Json, Format::Html] {
        assert!(!render(&result, &claims, &docs, format, true).is_empty());
    }
}
