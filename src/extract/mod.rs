//! Extraction: rules applied to a normalised document, producing claims that
//! keep an exact path back to the original text.

mod classify;
pub mod date;
pub(crate) mod id;
mod mask;
pub mod published;
mod respectively;
mod segment;
mod sentence;
pub mod speaker;
mod speaker_en;
mod subject;

pub use sentence::sentences;
pub use subject::preload_dictionary;

use crate::claim::{AsOfSource, Claim, Mention, PartialDate};
use crate::quantity::{self, Qualifier, Quantity};
use crate::rules::{EntityType, Kind, Rule, RuleSet};
use crate::text::{CharCounter, LineIndex, Normalized, normalize};
use classify::SentenceView;
use mask::{Masked, SEPARATOR};
use rust_decimal::Decimal;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;
use subject::DocEntities;

/// One document to extract from.
#[derive(Debug, Clone, Copy)]
pub struct DocInput<'a> {
    /// File stem or id: names the source in claims.
    pub source: &'a str,
    /// The original decoded text; quotes and offsets refer to it.
    pub text: &'a str,
    /// Same byte length as `text`, markup blanked (equal to `text` for plain text).
    pub visible: &'a str,
    pub published: Option<PartialDate>,
    /// Whether the caller already looked in `text` for a stated publication date
    /// (`published::published_from_text`), so that `published: None` means there is
    /// none; otherwise the extractor looks.
    pub text_searched: bool,
}

impl<'a> DocInput<'a> {
    pub fn plain(source: &'a str, text: &'a str, published: Option<PartialDate>) -> Self {
        DocInput {
            source,
            text,
            visible: text,
            published,
            text_searched: false,
        }
    }
}

/// Applies a rule set to documents.
pub struct Extractor<'r> {
    rules: &'r RuleSet,
    /// The forecast words in one automaton.
    forecast: subject::WordSet,
    /// The words that keep a figure actual despite a forecast word, in one automaton.
    actual: subject::WordSet,
    /// `cues:<kind>`, the rule of the classifier's claims of each kind.
    cue_rules: Vec<String>,
    by_dimension: classify::KindsByDimension,
    /// The named groups of each rule's patterns, by rule and pattern.
    groups: Vec<Vec<PatternGroups>>,
}

/// Where a pattern's named groups are, found once: a look-up by name hashes it.
struct PatternGroups {
    value: Option<usize>,
    aspect: Option<usize>,
    /// The qualifier groups it has, in [`QUALIFIER_GROUPS`] order.
    qualifiers: Vec<(usize, Qualifier)>,
}

impl PatternGroups {
    fn of(pattern: &regex::Regex) -> PatternGroups {
        let index = |name: &str| pattern.capture_names().position(|n| n == Some(name));
        PatternGroups {
            value: index("value"),
            aspect: index("aspect"),
            qualifiers: QUALIFIER_GROUPS
                .iter()
                .filter_map(|&(name, q)| index(name).map(|i| (i, q)))
                .collect(),
        }
    }
}

/// The kind `other` when no rule file declares it: figures no cue classifies.
const OTHER: &str = crate::rules::OTHER_KIND;
/// The rule of a figure no cue classifies: `cues:` and [`OTHER`].
const OTHER_RULE: &str = "cues:other";

/// One figure with its kind and context, before identical figures are merged.
struct Found<'r> {
    kind: &'r str,
    family: &'r str,
    /// The pattern rule's id, or `cues:<kind>` for the classifier.
    rule: String,
    measure: String,
    noun: Option<String>,
    /// Rate period assumed when the figure names none.
    per: Option<crate::quantity::Per>,
    /// Its span in the normalised text is the figure as written, to tell `25k`
    /// from `25000`.
    quantity: Quantity,
    sentence: Range<usize>,
    subject: String,
    speaker: Option<String>,
    as_of: Option<PartialDate>,
    /// The words that date it, in the normalised text.
    as_of_words: Option<Range<usize>>,
    /// Index (into the found list, by position) of the figure this one converts.
    converts: Option<usize>,
    /// How the kind and subject were decided, for `explain`.
    why: String,
}

/// What one sentence offers every figure in it, computed once.
struct SentenceCtx<'t> {
    view: SentenceView,
    dates: date::SentenceDates<'t>,
    entities: Vec<classify::NamedEntity>,
    speakers: speaker::Cleaned<'t>,
    /// Lists distributed over the sentence's figures (`分别`, `respectively`).
    spreads: Vec<respectively::Spread>,
}

impl SentenceCtx<'_> {
    /// The list items whose words do not speak for the figure at `at`.
    fn ignored(&self, at: usize) -> Vec<Range<usize>> {
        self.spreads
            .iter()
            .map(|s| s.ignored(at))
            .find(|r| !r.is_empty())
            .unwrap_or_default()
    }

    /// The list item whose date a distributed list of dates gives the figure at `at`.
    fn dated_item(&self, at: usize) -> Option<Range<usize>> {
        self.spreads.iter().find_map(|s| s.dated_item(at))
    }

    /// The year a span of years distributed over the figures gives the one at `at`.
    fn spread_year(&self, at: usize) -> Option<(i32, Range<usize>)> {
        self.spreads.iter().find_map(|s| s.spread_year(at))
    }

    /// The entity a distributed list gives the figure at `at`.
    fn assigned(&self, at: usize) -> Option<usize> {
        self.spreads.iter().find_map(|s| s.entity(at))
    }
}

impl<'r> Extractor<'r> {
    pub fn new(rules: &'r RuleSet) -> Self {
        let words: Vec<&str> = rules.forecast.iter().map(String::as_str).collect();
        Extractor {
            rules,
            forecast: subject::WordSet::new(&words),
            actual: subject::WordSet::new(
                &rules.actual.iter().map(String::as_str).collect::<Vec<_>>(),
            ),
            cue_rules: rules
                .kinds
                .iter()
                .map(|k| format!("cues:{}", k.name))
                .collect(),
            by_dimension: classify::KindsByDimension::new(&rules.kinds),
            groups: rules
                .rules
                .iter()
                .map(|r| r.patterns.iter().map(PatternGroups::of).collect())
                .collect(),
        }
    }

    pub fn rules(&self) -> &RuleSet {
        self.rules
    }

    /// Every claim in `doc`, in order of first appearance; figures no cue
    /// classifies are claims of kind `other`.
    pub fn extract(&self, doc: &DocInput) -> Vec<Claim> {
        let published = doc.published.or_else(|| {
            (!doc.text_searched)
                .then(|| published::published_from_text(doc.text))
                .flatten()
        });
        let norm = normalize(doc.visible);
        let quantities = quantity::scan(&norm.text);
        if quantities.is_empty() {
            return Vec::new();
        }
        let sentences = sentences(&norm.text);
        let masked = Masked::new(&norm.text, &sentences, &quantities);
        let found = self.match_document(&norm, &masked, &quantities, published, false);
        build_claims(doc, &norm, published, found)
    }

    /// Every figure of `text` with the claim it became and why: the kinds with
    /// evidence and their scores, or the pattern that matched, and how the
    /// subject was found. For rule authors (`claimcheck explain`).
    pub fn explain(&self, text: &str) -> Vec<Explained> {
        let norm = normalize(text);
        let quantities = quantity::scan(&norm.text);
        if quantities.is_empty() {
            return Vec::new();
        }
        let sentences = sentences(&norm.text);
        let masked = Masked::new(&norm.text, &sentences, &quantities);
        let mut found = self.match_document(&norm, &masked, &quantities, None, true);
        found.sort_by_key(|f| f.quantity.start);
        found
            .into_iter()
            .map(|f| Explained {
                figure: norm
                    .original_slice(f.quantity.start..f.quantity.end)
                    .to_string(),
                kind: f.kind.to_string(),
                measure: f.measure,
                subject: f.subject,
                rule: f.rule,
                why: f.why,
            })
            .collect()
    }

    /// Pattern rules first (the first to match a figure claims it), then the
    /// classifier for every figure left. Why each figure became its claim is
    /// written out only when `explain`ing (it is not part of a claim).
    fn match_document(
        &self,
        norm: &Normalized,
        masked: &Masked,
        quantities: &[Quantity],
        published: Option<PartialDate>,
        explain: bool,
    ) -> Vec<Found<'r>> {
        let text = norm.text.as_str();
        let ranges: Vec<&Range<usize>> = masked.sentence_ranges().collect();
        let named = DocEntities::new(text, &self.rules.aliases);
        let ctx: Vec<OnceCell<SentenceCtx>> = ranges.iter().map(|_| OnceCell::new()).collect();
        let context = |si: usize| {
            ctx[si].get_or_init(|| {
                let range = ranges[si].clone();
                // The sentence's figures, as `Masked` and the classifier loop take them.
                let first = quantities.partition_point(|q| q.start < range.start);
                let last = first + quantities[first..].partition_point(|q| q.end <= range.end);
                let figures = &quantities[first..last];
                let view = SentenceView::new(
                    text,
                    range.clone(),
                    &self.rules.lexicon,
                    figures.iter().map(|q| q.start),
                );
                let entities = named.in_sentence(&self.rules.entities, range.clone());
                let spreads = respectively::Spread::find_all(&respectively::Sentence {
                    text,
                    view: &view,
                    lexicon: &self.rules.lexicon,
                    figures,
                    entities: &entities,
                    is_word: &|a, b| named.is_word(a, b),
                });
                SentenceCtx {
                    view,
                    dates: date::SentenceDates::with_figures(
                        &text[range.clone()],
                        Some(
                            &figures
                                .iter()
                                .map(|q| q.start - range.start)
                                .collect::<Vec<_>>(),
                        ),
                    ),
                    entities,
                    speakers: speaker::Cleaned::default(),
                    spreads,
                }
            })
        };
        let mut taken: Vec<Option<usize>> = vec![None; quantities.len()];
        // At most one per figure; `Found` is large, so growing the vector cost copies.
        let mut out: Vec<Found<'r>> = Vec::with_capacity(quantities.len());
        // Pattern rules.
        for si in 0..ranges.len() {
            let span = masked.sentence_span(si);
            let mtext = &masked.text[span.clone()];
            for (ri, pi) in self.rules.prefilter.matching(mtext) {
                let rule = &self.rules.rules[ri];
                for caps in rule.patterns[pi].captures_iter(mtext) {
                    let groups = &self.groups[ri][pi];
                    let Some(value) = groups.value.and_then(|i| caps.get(i)) else {
                        continue;
                    };
                    let Some(qi) = masked.quantity_at(span.start + value.start()) else {
                        continue;
                    };
                    if taken[qi].is_some() || vetoed(rule, &quantities[qi], mtext, value.start()) {
                        continue;
                    }
                    let c = context(si);
                    // A figure that takes one item of a distributed list of cues
                    // (`营收和净亏损分别为…`) is the classifier's: a pattern would
                    // read the whole list.
                    if !c.ignored(quantities[qi].start).is_empty() {
                        continue;
                    }
                    // A verb whose money goes to what names another kind (`投资600亿元
                    // 建设…基础设施`) is that kind's: the classifier reads it.
                    let q = &quantities[qi];
                    let range = &c.view.range;
                    let first = quantities.partition_point(|o| o.start < range.start);
                    let last = quantities.partition_point(|o| o.start < range.end);
                    if let Some((other, _)) = classify::object_kind(
                        &self.rules.kinds,
                        &self.rules.lexicon,
                        text,
                        &c.view,
                        q,
                        &quantities[first..last.max(first)],
                        &c.entities,
                    ) && self.rules.kinds[other].name != rule.kind
                        && self.rules.kinds[other].dimensions.contains(&q.dimension())
                    {
                        continue;
                    }
                    let kind = self.rules.kind(&rule.kind);
                    let counted = kind.map_or(&[][..], |k| k.noun_entities.as_slice());
                    let aspect = groups.aspect.and_then(|i| caps.get(i)).map(|m| m.as_str());
                    let Some(mut subject) = subject::subject_for(
                        rule,
                        &self.rules.entities,
                        &named,
                        &c.view,
                        quantities[qi].start,
                        aspect,
                        counted,
                    ) else {
                        continue;
                    };
                    if let Some(s) = self.assigned_subject(c, quantities[qi].start, counted) {
                        subject = s.key;
                    }
                    let measure = match (&rule.measure, kind) {
                        (Some(m), _) => m.replace("{aspect}", aspect.unwrap_or("").trim()),
                        (None, Some(k)) => {
                            let ki = self.kind_index(k);
                            classify::measure_of(
                                text,
                                (ki, k),
                                &self.rules.lexicon,
                                &c.view,
                                &quantities[qi],
                                quantities,
                                // Nothing is ignored: figures with list items to ignore
                                // were left to the classifier above.
                                &[],
                            )
                        }
                        (None, None) => String::new(),
                    };
                    taken[qi] = Some(out.len());
                    let q = requalify(&quantities[qi], &caps, &groups.qualifiers);
                    out.push(self.found(
                        text,
                        c,
                        &named,
                        q,
                        FoundHead {
                            kind: &rule.kind,
                            family: kind.map_or(&rule.family, |k| &k.family),
                            rule: rule.id.clone(),
                            measure,
                            noun: rule.noun.clone(),
                            per: rule.per.or(kind.and_then(|k| k.per)),
                            subject,
                            why: if explain {
                                format!("pattern {}[{pi}]", rule.id)
                            } else {
                                String::new()
                            },
                        },
                        published,
                    ));
                }
            }
        }
        // The classifier, for every figure no pattern took.
        let patterns = out.len();
        let mut next = 0;
        for (si, range) in ranges.iter().enumerate() {
            let first = next + quantities[next..].partition_point(|q| q.start < range.start);
            let last = first + quantities[first..].partition_point(|q| q.end <= range.end);
            next = last;
            if (first..last).all(|qi| taken[qi].is_some()) {
                continue;
            }
            let c = context(si);
            // The claims found in this sentence so far: the patterns' (before every
            // classifier claim) and the classifier's from here on.
            let sentence_from = out.len();
            let spans: Vec<Range<usize>> = quantities[first..last]
                .iter()
                .map(|q| q.start..q.end)
                .collect();
            for qi in first..last {
                let q = &quantities[qi];
                // Digits in a name (零一万物, 360集团), a list marker (`2)`, `3、`) or
                // a time (`三个月前`) state nothing.
                if taken[qi].is_some()
                    || c.entities
                        .iter()
                        .any(|e| e.start <= q.start && q.end <= e.end)
                    || list_marker(text, q, &c.view)
                    || c.dates
                        .covers(q.start - c.view.range.start..q.end - c.view.range.start)
                {
                    continue;
                }
                // The figure's own span is among them: it lies in no gap and
                // starts before its noun window, so it counts as no other figure.
                let (q, head) = self.classify_figure(
                    text,
                    &named,
                    c,
                    q,
                    &quantities[first..last],
                    &spans,
                    (&out[..patterns], &out[sentence_from..]),
                    explain,
                );
                taken[qi] = Some(out.len());
                out.push(self.found(text, c, &named, q, head, published));
            }
        }
        carry_dates(text, &ranges, quantities, &context, &mut out, published);
        link_conversions(text, &mut out);
        out
    }

    /// The claim the classifier makes of figure `q` (possibly read as yuan),
    /// given the figures `earlier` already found (among them all of its sentence's).
    #[allow(clippy::too_many_arguments)]
    fn classify_figure(
        &self,
        text: &str,
        named: &DocEntities,
        c: &SentenceCtx,
        q: &Quantity,
        figures: &[Quantity],
        others: &[Range<usize>],
        earlier: (&[Found<'r>], &[Found<'r>]),
        explain: bool,
    ) -> (Quantity, FoundHead<'r>) {
        let ignore = c.ignored(q.start);
        let around = classify::Surroundings {
            text,
            view: &c.view,
            others,
            figures,
            entities: &c.entities,
            is_word: &|a, b| named.is_word(a, b),
            has_verb: &subject::has_verb,
            ignore: &ignore,
            by_dimension: &self.by_dimension,
        };
        let run =
            |q: &Quantity| classify::classify(&self.rules.kinds, &self.rules.lexicon, &around, q);
        // `豆包语音合成模型2.0`, `评分8.5`: a fraction with no magnitude or unit counts
        // nothing (no one has 2.0 models); a version, score or ratio is no claim.
        let counts_nothing = bare_fraction(text, q);
        let mut verdict =
            run(q).filter(|v| !counts_nothing || self.rules.kinds[v.kind].name == OTHER);
        let mut shared = None;
        // A figure whose counted noun is unsaid counts what a figure joined after
        // it counts, unless its own cues say more.
        if !counts_nothing
            && verdict.as_ref().is_none_or(|v| v.noun.is_none())
            && let Some((next, v)) = self.shared_noun(text, q, figures, &run)
            && verdict.as_ref().is_none_or(|own| v.score > own.score)
        {
            shared = Some(next);
            verdict = Some(v);
        }
        let mut q = q.clone();
        // `收入11.8亿`, `近300万一台`: Chinese money often leaves 元 unsaid. A bare
        // large count that money cues claim more strongly than any count kind is yuan.
        if let Some(yuan) = implicit_yuan(text, &q, &c.view) {
            let as_money = run(&yuan);
            let is_claim = |v: &classify::Classified| self.rules.kinds[v.kind].name != OTHER;
            let money = as_money
                .as_ref()
                .filter(|v| is_claim(v) && v.score >= IMPLICIT_YUAN_SCORE)
                .map(|v| v.score);
            let count = verdict
                .as_ref()
                .filter(|v| is_claim(v))
                .map_or(0.0, |v| v.score);
            if money.is_some_and(|m| m > count) {
                verdict = as_money;
                q = yuan;
            }
        }
        let head = match verdict {
            Some(v) => {
                let why = if let (true, Some(next)) = (explain, shared) {
                    Some(format!("no counted noun; shares the noun of {next}"))
                } else if explain {
                    let ranking: Vec<String> = v
                        .ranking
                        .iter()
                        .map(|&(k, s)| format!("{} {s:.2}", self.rules.kinds[k].name))
                        .collect();
                    let evidence = if ranking.is_empty() {
                        "none (default kind)".to_string()
                    } else {
                        ranking.join(", ")
                    };
                    Some(format!("cues: {evidence}"))
                } else {
                    None
                };
                let kind = &self.rules.kinds[v.kind];
                self.head(named, c, &q, kind, v.measure, v.noun, why)
            }
            None => {
                // `单价已达15万元,两个月前为10万元`: a figure with no cue of its
                // own, in the unit of an earlier figure of the sentence, continues
                // that figure's list.
                let size = q.value.high_value().or(q.value.low_value());
                let classifier = text[q.end..]
                    .chars()
                    .next()
                    .filter(|&c| quantity::is_classifier(c));
                // `550亿个参数,使用了13万亿tokens`: a noun right after the figure that
                // the kind rules out names something else; so does one right before it
                // (`估值达900亿美元,已支付第一笔款项30亿美元`: a payment, no valuation).
                let after = text[q.end..].trim_start();
                let own = c.view.clause(c.view.clause_of(q.start));
                let before = text[own.start.min(q.start)..q.start].trim_end();
                let own_noun_rules_out = |k: &crate::rules::Kind| {
                    k.not
                        .iter()
                        .any(|w| after.starts_with(w.as_str()) || before.ends_with(w.as_str()))
                };
                // The nearest such figure before it (pattern rules found theirs first).
                let continued = earlier
                    .0
                    .iter()
                    .chain(earlier.1)
                    .filter(|f| {
                        f.sentence == c.view.range
                            && f.quantity.start < q.start
                            && f.quantity.unit == q.unit
                    })
                    .max_by_key(|f| f.quantity.start)
                    .and_then(|f| self.rules.kind(f.kind).map(|k| (f, k)))
                    // `出货金额上看5000亿美元,激励股价劲扬近5%,首度突破200美元`: a claim of
                    // another kind between them, and a word there (outside the figures)
                    // that rules the kind out, end the list.
                    .filter(|(f, k)| {
                        let between = earlier.0.iter().chain(earlier.1).filter(|g| {
                            g.sentence == c.view.range
                                && g.quantity.start > f.quantity.start
                                && g.quantity.start < q.start
                        });
                        let gap = f.quantity.end..q.start;
                        !(between.clone().any(|g| g.kind != f.kind && g.kind != OTHER)
                            && k.not.iter().any(|w| {
                                text[gap.clone()].match_indices(w.as_str()).any(|(i, _)| {
                                    let at = gap.start + i;
                                    !between
                                        .clone()
                                        .any(|g| g.quantity.start <= at && at < g.quantity.end)
                                })
                            }))
                    })
                    // `…19家企业…,分为…三类`: a measure word the kind does not use
                    // counts something else.
                    .filter(|(_, k)| {
                        !counts_nothing
                            && k.name != OTHER
                            && !own_noun_rules_out(k)
                            && k.min.is_none_or(|m| size.is_none_or(|v| v >= m))
                            && classifier.is_none_or(|cl| {
                                (cl == '个'
                                    || k.classifiers.is_empty()
                                    || k.classifiers.contains(&cl))
                                    && !k.not_classifiers.contains(&cl)
                            })
                    });
                match continued {
                    Some((f, kind)) => {
                        let why = explain
                            .then(|| format!("no cue; continues the {} before it", kind.name));
                        // Whether the figure is a forecast is its own clause's to say
                        // (`预计全年营收为80亿元,实际已达95亿元`).
                        let measure = f.measure.strip_suffix(" (forecast)").unwrap_or(&f.measure);
                        self.head(named, c, &q, kind, measure.to_string(), None, why)
                    }
                    // Not a claim: no subject or speaker is looked for.
                    None => FoundHead {
                        kind: OTHER,
                        family: OTHER,
                        rule: OTHER_RULE.to_string(),
                        measure: String::new(),
                        noun: None,
                        per: None,
                        why: if explain {
                            "no cue".to_string()
                        } else {
                            String::new()
                        },
                        subject: String::new(),
                    },
                }
            }
        };
        (q, head)
    }

    /// `150,000 and 120,000 GPUs`, `3万或5万块`: a count with no cue of its own,
    /// joined to the next figure, counts what that figure counts — when its
    /// counted noun decided it. Along a list (`7 billion, 13 billion and 70
    /// billion parameters`) the noun is the one the list ends with; a comma
    /// joins only when a conjunction ends the list, since a bare comma may
    /// part clauses. Returns the noun's figure as written and its verdict.
    fn shared_noun<'t>(
        &self,
        text: &'t str,
        q: &Quantity,
        figures: &[Quantity],
        run: &dyn Fn(&Quantity) -> Option<classify::Classified>,
    ) -> Option<(&'t str, classify::Classified)> {
        if q.dimension() != quantity::Dimension::Count {
            return None;
        }
        let mut end = q.end;
        loop {
            let next = figures.iter().find(|o| o.start >= end)?;
            let gap = text[end..next.start].trim();
            if next.unit != q.unit {
                return None;
            }
            let joined = ["和", "与", "或", "、", "and", "or", ", and", ", or"].contains(&gap);
            if !joined && gap != "," {
                return None;
            }
            if let Some(v) = run(next).filter(|v| v.noun.is_some()) {
                // `7 billion, 13 billion parameters`: no conjunction, no list.
                return joined.then(|| (&text[next.start..next.end], v));
            }
            end = next.end;
        }
    }

    /// A classifier claim of `kind`, its subject found as the kind says.
    #[allow(clippy::too_many_arguments)]
    fn head(
        &self,
        named: &DocEntities,
        c: &SentenceCtx,
        q: &Quantity,
        kind: &'r Kind,
        measure: String,
        noun: Option<String>,
        why: Option<String>,
    ) -> FoundHead<'r> {
        let passive: Vec<EntityType> = kind
            .noun_entities
            .iter()
            .chain(&kind.not_subjects)
            .copied()
            .collect();
        // Figures that are not claims need no subject.
        let mut subject = if kind.name == OTHER {
            subject::Subject::none()
        } else if let Some(s) = self.assigned_subject(c, q.start, &passive) {
            s
        } else {
            named.subject(&self.rules.entities, &c.view, q.start, &passive)
        };
        if let Some(e) = subject.entity.map(|e| &self.rules.entities[e])
            && kind.maker_subjects.contains(&e.entity_type)
            && let Some(p) = e.parent
        {
            subject.key = self.rules.entities[p].key.clone();
        }
        // `Nvidia has been pricing H20s at $12,000 to $15,000 per card`: the thing
        // priced, not its seller.
        if let Some(e) = subject.entity
            && kind
                .product_subjects
                .contains(&self.rules.entities[e].entity_type)
            && let Some(p) = only_product_of(&self.rules.entities, &c.entities, e)
        {
            subject.key = self.rules.entities[p].key.clone();
            subject.entity = Some(p);
        }
        if let Some(e) = subject.entity
            && kind
                .model_subjects
                .contains(&self.rules.entities[e].entity_type)
            && let Some(m) = named.model_of(&self.rules.entities, e, c.view.range.start)
        {
            subject.key = self.rules.entities[m].key.clone();
            subject.entity = Some(m);
        }
        FoundHead {
            kind: &kind.name,
            family: &kind.family,
            rule: self.cue_rules[self.kind_index(kind)].clone(),
            measure,
            noun,
            per: kind.per,
            why: why.map_or_else(String::new, |why| {
                format!("{why}; subject {:?}", subject.source)
            }),
            subject: subject.key,
        }
    }

    /// The subject a distributed list gives the figure at `at`, unless the entity
    /// is of a type the kind counts or never takes as subject.
    fn assigned_subject(
        &self,
        c: &SentenceCtx,
        at: usize,
        passive: &[EntityType],
    ) -> Option<subject::Subject> {
        let e = c.assigned(at)?;
        let entities = &self.rules.entities;
        if passive.contains(&entities[e].entity_type) {
            return None;
        }
        subject::listed_subject(entities, e)
    }

    /// Whether a forecast word (`[modality] forecast` in the rule files)
    /// stands before the figure at `at` in its clause or the clause before, and no
    /// `[modality] actual` word holds it (`低于预期`: the figure is measured against
    /// the forecast) or stands after it (`预计…,已达`: the figure after is what was).
    fn is_forecast(&self, text: &str, view: &SentenceView, at: usize) -> bool {
        let qc = view.clause_of(at);
        let from = view.clause(qc.saturating_sub(1)).start;
        let before = &text[from..at];
        // Latin words only as words (`will`, not `willing`).
        let stands = |i: usize, m: &str| {
            let latin = m.starts_with(|c: char| c.is_ascii_alphabetic());
            !latin
                || (!before[..i].ends_with(|c: char| c.is_ascii_alphanumeric())
                    && !before[i + m.len()..].starts_with(|c: char| c.is_ascii_alphanumeric()))
        };
        // Looked for only once a forecast word is met: most figures have none.
        let mut actual: Option<Vec<(usize, usize)>> = None;
        self.forecast.any(before, |i, end| {
            stands(i, &before[i..end]) && {
                let actual = actual.get_or_insert_with(|| {
                    let mut found = Vec::new();
                    self.actual.find(before, |s, e| {
                        if stands(s, &before[s..e]) {
                            found.push((s, e));
                        }
                        None::<()>
                    });
                    found
                });
                !actual
                    .iter()
                    .any(|&(s, e)| (s <= i && end <= e) || s >= end)
            }
        })
    }

    fn kind_index(&self, kind: &crate::rules::Kind) -> usize {
        self.rules
            .kinds
            .iter()
            .position(|k| std::ptr::eq(k, kind))
            .unwrap_or(0)
    }

    fn found<'t>(
        &self,
        text: &'t str,
        c: &SentenceCtx<'t>,
        named: &DocEntities,
        quantity: Quantity,
        head: FoundHead<'r>,
        published: Option<PartialDate>,
    ) -> Found<'r> {
        let range = c.view.range.clone();
        let sentence = &text[range.clone()];
        let at = quantity.start - range.start;
        // A segment's revenue (`智能汽车收入`) is another measure than the company's.
        let revenue = has_word(&head.measure, "revenue") || has_word(&head.measure, "sales");
        let segment = (head.kind != OTHER && revenue)
            .then(|| {
                segment::segment(text, &c.view, quantity.start, &c.entities, &head.subject).or_else(
                    || {
                        let names_entity = |r: Range<usize>| {
                            !named.in_sentence(&self.rules.entities, r).is_empty()
                        };
                        segment::heading_segment(text, range.start, &names_entity)
                    },
                )
            })
            .flatten();
        let measure = match segment {
            // (A figure's measure taken from the one before it has it already.)
            Some(s) if !head.measure.ends_with(&format!("({s})")) => {
                format!("{} ({s})", head.measure)
            }
            _ => head.measure,
        };
        // A measure that already says so (`revenue forecast`) is not marked twice.
        // Nor is one that names a plan or a request (`GPUs planned`, `funding sought`).
        let measure = if head.kind != OTHER
            && !["forecast", "planned", "sought"]
                .iter()
                .any(|w| has_word(&measure, w))
            && self.is_forecast(text, &c.view, quantity.start)
        {
            format!("{measure} (forecast)")
        } else {
            measure
        };
        // `2023年、2024年的收入分别是A、B`: the i-th figure takes the i-th date.
        // `2022年至2024年的亏损分别为A、B、C`: the i-th year of the span.
        let rel = |r: Range<usize>| r.start - range.start..r.end - range.start;
        let (as_of, words) = if let Some((year, span)) = c.spread_year(quantity.start) {
            (Some(PartialDate::year(year)), Some(rel(span)))
        } else {
            c.dated_item(quantity.start)
                .and_then(|item| c.dates.as_of_within(rel(item), published))
                .unwrap_or_else(|| c.dates.as_of_and_words(at, published))
        };
        Found {
            kind: head.kind,
            family: head.family,
            rule: head.rule,
            measure,
            noun: head.noun,
            per: head.per,
            // Figures that are not claims have no source to name.
            speaker: if head.kind == OTHER {
                None
            } else {
                speaker::find_speaker_in(sentence, at, &c.speakers)
            },
            as_of,
            as_of_words: words.map(|w| range.start + w.start..range.start + w.end),
            quantity,
            sentence: range,
            subject: head.subject,
            converts: None,
            why: head.why,
        }
    }
}

/// One figure as `explain` reports it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Explained {
    pub figure: String,
    pub kind: String,
    pub measure: String,
    pub subject: String,
    pub rule: String,
    pub why: String,
}

/// `；` joins the clauses of one sentence: a figure whose clause states no date
/// takes the date the clause before it opens with (`2024年度财报,全年实现营收
/// 37.72亿元；净亏损43.06亿元` — the loss is 2024's too), going back over clauses
/// that state no date, never across a line; failing that, the period a results
/// report's title names. A `上年同期` with no date before it in its clause counts
/// back from that date.
fn carry_dates<'t>(
    text: &'t str,
    ranges: &[&Range<usize>],
    quantities: &[Quantity],
    context: &dyn Fn(usize) -> &'t SentenceCtx<'t>,
    out: &mut [Found],
    published: Option<PartialDate>,
) {
    let mut title = None;
    let opening = opening_period(text, ranges, quantities, context, published);
    for f in out.iter_mut() {
        let si = ranges.partition_point(|r| r.end <= f.sentence.start);
        let undated = f.as_of.is_none() && f.as_of_words.is_none();
        let counts_back = || {
            si < ranges.len()
                && context(si)
                    .dates
                    .counts_back_from_nothing(f.quantity.start - ranges[si].start)
        };
        if !undated && !counts_back() {
            continue;
        }
        let mut carried = None;
        let mut j = si;
        while j > 0 && j < ranges.len() {
            let (prev, cur) = (ranges[j - 1], ranges[j]);
            let joined = text[prev.clone()].trim_end().ends_with(['；', ';'])
                && !text[prev.end..cur.start].contains('\n');
            if !joined {
                break;
            }
            let dates = &context(j - 1).dates;
            let first = quantities.partition_point(|q| q.start < prev.start);
            let first_figure = quantities
                .get(first)
                .filter(|q| q.end <= prev.end)
                .map_or(prev.len(), |q| q.start - prev.start);
            if let Some((as_of, words)) = dates.carried(first_figure, published) {
                carried = Some((as_of, prev.start + words.start..prev.start + words.end));
                break;
            }
            if !dates.is_empty() {
                break;
            }
            j -= 1;
        }
        let carried = carried
            .or_else(|| {
                title
                    .get_or_insert_with(|| title_period(text, published))
                    .clone()
            })
            .or_else(|| {
                let (first, last, as_of, words) = opening.as_ref()?;
                (undated && *first < si && si < *last).then(|| (*as_of, words.clone()))
            });
        if let Some((as_of, words)) = carried {
            if undated {
                f.as_of = as_of;
                f.as_of_words = Some(words);
            } else {
                f.as_of = as_of.and_then(date::year_before);
            }
        }
    }
}

/// A text that opens with a stock-take (`截至2025年上半年,我国大模型备案总量达
/// 439款,…`, in its first or second sentence, after a heading) is of that date:
/// the figures after it that no clause dates are of it too, up to the first
/// sentence that states another date. Returns the opening sentence's index, the
/// index of that sentence (or the end), the date and its words.
fn opening_period<'t>(
    text: &'t str,
    ranges: &[&Range<usize>],
    quantities: &[Quantity],
    context: &dyn Fn(usize) -> &'t SentenceCtx<'t>,
    published: Option<PartialDate>,
) -> Option<(usize, usize, Option<PartialDate>, Range<usize>)> {
    const AS_OF: [&str; 3] = ["截至", "截止", "As of"];
    // The first sentence of the text, or of the line after a heading (only
    // sentences with figures are in `ranges`: their place in the text tells).
    let opens = |si: usize| {
        let before = &text[..ranges[si].start];
        // (Two lines tell: the prefix may be most of a long text.)
        let lines = before
            .lines()
            .filter(|l| !l.trim().is_empty())
            .take(2)
            .count();
        lines == 0 || (lines == 1 && before.ends_with('\n'))
    };
    let first = (0..ranges.len().min(2)).find(|&si| {
        opens(si)
            && AS_OF
                .iter()
                .any(|w| text[ranges[si].clone()].trim_start().starts_with(w))
    })?;
    let range = ranges[first];
    let at = quantities.partition_point(|q| q.start < range.start);
    let first_figure = quantities
        .get(at)
        .filter(|q| q.end <= range.end)
        .map_or(range.len(), |q| q.start - range.start);
    let (as_of, words) = context(first).dates.carried(first_figure, published)?;
    let words = range.start + words.start..range.start + words.end;
    let last = (first + 1..ranges.len())
        .find(|&si| {
            context(si)
                .dates
                .stated(published)
                .is_some_and(|d| d != as_of)
        })
        .unwrap_or(ranges.len());
    Some((first, last, as_of, words))
}

/// A results report's title names the period of the figures below it
/// (`商汤-W 23H1业绩梳理`, `2023年上半年财报`, `Q2 2024 earnings`): a figure no
/// clause dates is of that period. The title is the text's first line, when it
/// is short and names results.
fn title_period(
    text: &str,
    published: Option<PartialDate>,
) -> Option<(Option<PartialDate>, Range<usize>)> {
    // The text is folded to simplified script: 業績 reads 业绩 here.
    const RESULTS: [&str; 7] = [
        "业绩", "财报", "年报", "季报", "results", "Results", "earnings",
    ];
    let start = text.len() - text.trim_start().len();
    let line = text[start..].lines().next()?.trim_end();
    if line.chars().count() > 60 || !RESULTS.iter().any(|w| line.contains(w)) {
        return None;
    }
    let dates = date::SentenceDates::new(line);
    let (as_of, words) = dates.carried(line.len(), published)?;
    Some((as_of, start + words.start..start + words.end))
}

/// A number that only numbers a list item: a bare small integer (no unit, at
/// most two digits) at the start of its clause, followed by `)`, `、` or `.` and
/// no opening parenthesis before it (`2)基座模型`). A figure with a unit is an
/// item of a 、-list instead (`7373万美元、2.69亿美元、4.65亿美元`): 、 breaks
/// clauses, so its middle items also start their clause before a 、.
fn list_marker(text: &str, q: &Quantity, view: &SentenceView) -> bool {
    let figure = &text[q.start..q.end];
    let bare = q.unit == crate::quantity::Unit::Count
        && q.per.is_none()
        && figure.chars().count() <= 2
        && figure
            .chars()
            .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    if !bare {
        return false;
    }
    let clause = view.clause(view.clause_of(q.start));
    let before = text[clause.start..q.start].trim();
    let after = text[q.end..].chars().next();
    let marker_after = match after {
        Some(')' | '、') => true,
        Some('.') => !text[q.end + 1..].starts_with(|c: char| c.is_ascii_digit()),
        _ => false,
    };
    // A marker opens an item, so no 、 ends the clause before it (`3、5、7家`
    // lists counts).
    marker_after
        && !text[..clause.start].ends_with('、')
        && !before.contains('(')
        && before.chars().all(|c| !c.is_alphanumeric())
}

/// Money cue evidence a bare count needs to be read as yuan.
const IMPLICIT_YUAN_SCORE: f64 = 0.5;

/// A plain count written as a fraction (`2.0`, `3.5`): no magnitude word, no unit, no
/// rate.
fn bare_fraction(text: &str, q: &Quantity) -> bool {
    let figure = &text[q.start..q.end];
    q.unit == crate::quantity::Unit::Count
        && q.per.is_none()
        && figure.split_once('.').is_some_and(|(whole, part)| {
            !whole.is_empty()
                && !part.is_empty()
                && whole.bytes().all(|b| b.is_ascii_digit())
                && part.bytes().all(|b| b.is_ascii_digit())
        })
}

/// `q` as yuan, when it could be an amount with 元 left unsaid: a plain count
/// of at least 10,000, in a Chinese sentence, followed by no classifier.
fn implicit_yuan(text: &str, q: &Quantity, view: &SentenceView) -> Option<Quantity> {
    use crate::quantity::{Currency, Unit};
    if q.unit != Unit::Count || q.per.is_some() {
        return None;
    }
    let value = q.value.high_value().or(q.value.low_value())?;
    if value < Decimal::from(10_000) {
        return None;
    }
    // `14.8T`, `37B`: Latin magnitude letters are not how yuan go unsaid.
    if text[q.start..q.end]
        .bytes()
        .any(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    let next = text[q.end..].trim_start().chars().next();
    if next.is_some_and(|c| {
        "个家块张台人名位次款种颗枚片条项部辆架倍万亿件套座".contains(c)
            || c.is_ascii_alphanumeric()
    }) {
        return None;
    }
    if crate::text::lang::detect(&text[view.range.clone()]) != crate::text::lang::Lang::Zh {
        return None;
    }
    let mut yuan = q.clone();
    yuan.unit = Unit::Money(Currency::CNY);
    Some(yuan)
}

/// What decides a figure's claim, apart from where it is.
struct FoundHead<'r> {
    kind: &'r str,
    family: &'r str,
    rule: String,
    measure: String,
    noun: Option<String>,
    per: Option<crate::quantity::Per>,
    subject: String,
    why: String,
}

/// A figure in parentheses right after another of the same dimension in another
/// unit (`3亿美元(22亿元)`, `315亿元(约合43.7亿美元)`) restates it: same kind,
/// subject and measure, linked to it.
fn link_conversions(text: &str, found: &mut [Found]) {
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| found[i].quantity.start);
    for w in order.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (qa, qb) = (&found[a].quantity, &found[b].quantity);
        if qa.dimension() != qb.dimension() || qa.unit == qb.unit || qb.start < qa.end {
            continue;
        }
        let between = text[qa.end..qb.start].trim();
        let opens = between.strip_prefix('(').map(str::trim);
        let Some(word) = opens else {
            continue;
        };
        if !CONVERSION_WORDS.contains(&word) {
            continue;
        }
        if !text[qb.end..].trim_start().starts_with(')') {
            continue;
        }
        let (kind, family, measure, subject) = (
            found[a].kind,
            found[a].family,
            found[a].measure.clone(),
            found[a].subject.clone(),
        );
        let b = &mut found[b];
        b.kind = kind;
        b.family = family;
        b.measure = measure;
        b.subject = subject;
        b.converts = Some(a);
    }
}

/// Words that may open a conversion in parentheses (after normalisation).
const CONVERSION_WORDS: &[&str] = &[
    "",
    "约",
    "约合",
    "合",
    "折合",
    "即",
    "相当于",
    "约为",
    "about",
    "approx.",
    "approximately",
    "or",
];

/// Hashing for the extractor's own maps (byte offsets, claim keys): a multiply per
/// eight bytes, where the default SipHash spent more on a key than the map on its
/// look-up. Nothing outside a run depends on it.
#[derive(Clone, Copy, Default)]
pub(crate) struct FastHash;

impl std::hash::BuildHasher for FastHash {
    type Hasher = FastHasher;

    fn build_hasher(&self) -> FastHasher {
        FastHasher(0)
    }
}

pub(crate) struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut b = [0u8; 8];
            b.copy_from_slice(w);
            self.add(u64::from_le_bytes(b));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 56));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        // The table takes its buckets from the low bits: fold the high ones down.
        self.0 ^ (self.0 >> 29)
    }
}

/// Same figure, same thing, same document: one claim, several mentions.
/// Decimals compare by value, so 1.0 and 1.00 are the same figure; figures
/// written differently (`25k`, `25000`) stay apart, as readers check both.
type ClaimKey<'a> = (
    &'a str,
    &'a str,
    &'a str,
    (Option<Decimal>, Option<Decimal>, bool, bool),
    Option<crate::quantity::Per>,
    crate::quantity::Unit,
    &'a str,
);

/// A claim key hashed by its words alone: equal keys have equal words (the figure
/// as written among them), so the decimals, dearer to hash, are only compared.
#[derive(PartialEq, Eq)]
struct Grouping<'a>(ClaimKey<'a>);

impl std::hash::Hash for Grouping<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let (kind, subject, measure, _, per, unit, written) = &self.0;
        kind.hash(state);
        subject.hash(state);
        measure.hash(state);
        per.hash(state);
        unit.hash(state);
        written.hash(state);
    }
}

/// `f`'s key; `text` is the normalised text, whose span of the figure is the
/// figure as written.
fn claim_key<'a>(f: &'a Found, text: &'a str, per: Option<crate::quantity::Per>) -> ClaimKey<'a> {
    let q = &f.quantity;
    (
        f.kind,
        &f.subject,
        &f.measure,
        (
            q.value.low_value(),
            q.value.high_value(),
            q.value.low_open(),
            q.value.high_open(),
        ),
        per,
        q.unit,
        &text[q.start..q.end],
    )
}

/// Whether `measure` holds `word`, compared byte by byte: `str::contains` builds a
/// searcher each time, and this runs for every figure.
fn has_word(measure: &str, word: &str) -> bool {
    measure
        .as_bytes()
        .windows(word.len())
        .any(|w| w == word.as_bytes())
}

fn build_claims(
    doc: &DocInput,
    norm: &Normalized,
    published: Option<PartialDate>,
    mut found: Vec<Found>,
) -> Vec<Claim> {
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| found[i].quantity.start);
    let lines = LineIndex::new(doc.text);
    let mut chars = CharCounter::new(doc.text);
    // Every statement's place, then statements grouped by what they say.
    let mut mentions: Vec<Option<Mention>> = vec![None; found.len()];
    // How full each statement's sentence is (whole, not its bounded quote), for choosing
    // the claim's own statement; figures of one sentence come together, so one is kept.
    let mut ranks: Vec<(bool, usize)> = vec![(false, 0); found.len()];
    let mut last_sentence: Option<(Range<usize>, (bool, usize))> = None;
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut by_key: HashMap<Grouping, usize, FastHash> =
        HashMap::with_capacity_and_hasher(found.len(), FastHash);
    for &i in &order {
        let f = &found[i];
        let sentence = trimmed(doc.text, norm.original_range(f.sentence.clone()));
        let value_range = norm.original_range(f.quantity.start..f.quantity.end);
        ranks[i] = match &last_sentence {
            Some((r, rank)) if *r == sentence => *rank,
            _ => {
                let s = &doc.text[sentence.clone()];
                let rank = (is_body_sentence(s), s.chars().count());
                last_sentence = Some((sentence.clone(), rank));
                rank
            }
        };
        let quote_range = bounded_quote(doc.text, sentence, value_range.clone());
        mentions[i] = Some(Mention {
            quote: doc.text[quote_range.clone()].to_string(),
            line: lines.line(value_range.start),
            start: chars.char_offset(quote_range.start),
            end: chars.char_offset(quote_range.end),
        });
        let key = Grouping(claim_key(f, &norm.text, f.quantity.per.or(f.per)));
        let g = *by_key.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    let mut claims: Vec<Claim> = Vec::with_capacity(groups.len());
    // Claim index of each found figure, for conversion links.
    let mut claim_of: Vec<Option<usize>> = vec![None; found.len()];
    let mut converts: Vec<(usize, usize)> = Vec::new();
    for group in groups {
        // The fullest statement in the body is the claim's own, rather than a
        // headline or a bullet summary; the others are its mentions.
        let rank = |i: usize| ranks[i];
        let primary = group
            .iter()
            .copied()
            .max_by_key(|&i| (rank(i), std::cmp::Reverse(found[i].quantity.start)))
            .unwrap_or(group[0]);
        for &i in &group {
            claim_of[i] = Some(claims.len());
        }
        if let Some(a) = found[primary].converts {
            converts.push((claims.len(), a));
        }
        // A restatement elsewhere may carry the date the fullest one leaves out (a headline's
        // `2023年上线GPU达45000个` dates the body's `GPU数量达到45000个`).
        // Figures of no kind share a key by value alone, so they lend each other nothing.
        // Two sentences of the body that give one figure may tell of two events (a round
        // in May and another of the same size in December): only a headline or a summary
        // line lends to the body.
        let lends = |i: usize| found[primary].kind != OTHER && (!rank(i).0 || !rank(primary).0);
        let first = |test: &dyn Fn(&Found) -> bool| {
            if test(&found[primary]) {
                Some(primary)
            } else {
                group.iter().copied().find(|&i| lends(i) && test(&found[i]))
            }
        };
        // A date first; failing that, words that date it but not on the calendar.
        let dated = first(&|f| f.as_of.is_some())
            .or_else(|| first(&|f| f.as_of_words.is_some()))
            .unwrap_or(primary);
        let stated = found[dated].as_of;
        let as_of_text = found[dated]
            .as_of_words
            .clone()
            .map(|w| doc.text[norm.original_range(w)].to_string());
        let (as_of, as_of_source) = match (stated, published) {
            (Some(d), _) => (Some(d), AsOfSource::Text),
            (None, Some(p)) => (Some(p), AsOfSource::Published),
            (None, None) => (None, AsOfSource::Unknown),
        };
        let Some(mention) = mentions[primary].take() else {
            continue;
        };
        // Each figure is in one group and the primary of at most one claim: its
        // strings move into the claim rather than being copied.
        let f = &mut found[primary];
        let q = &f.quantity;
        let value_range = norm.original_range(q.start..q.end);
        claims.push(Claim {
            claim_id: String::new(),
            source: doc.source.to_string(),
            kind: f.kind.to_string(),
            family: f.family.to_string(),
            subject: std::mem::take(&mut f.subject),
            measure: std::mem::take(&mut f.measure),
            noun: f.noun.take(),
            value: q.value.normalized(),
            unit: q.unit,
            per: q.per.or(f.per),
            qualifier: q.qualifier,
            value_text: doc.text[value_range].to_string(),
            as_of,
            as_of_source,
            as_of_text,
            published,
            speaker: f.speaker.take(),
            quote: mention.quote,
            line: mention.line,
            start: mention.start,
            end: mention.end,
            rule: std::mem::take(&mut f.rule),
            mentions: group.iter().filter_map(|&i| mentions[i].take()).collect(),
            converts: None,
        });
    }
    for claim in &mut claims {
        claim.claim_id = id::claim_id(claim);
    }
    for (c, a) in converts {
        if let Some(target) = claim_of[a] {
            claims[c].converts = Some(claims[target].claim_id.clone());
        }
    }
    claims
}

/// The one entity whose maker is `maker` among a sentence's names, if it names exactly one.
fn only_product_of(
    entities: &[crate::rules::Entity],
    named: &[classify::NamedEntity],
    maker: usize,
) -> Option<usize> {
    let mut products = named
        .iter()
        .map(|n| n.entity)
        // A person has their company as parent too, and is no product of it.
        .filter(|&e| {
            entities[e].parent == Some(maker)
                && entities[e].entity_type != crate::rules::EntityType::Person
        });
    let first = products.next()?;
    products.all(|e| e == first).then_some(first)
}

/// A sentence of running text: ends with a full stop or other end mark, and
/// is no bullet, list item or bracketed headline.
fn is_body_sentence(quote: &str) -> bool {
    let q = quote.trim();
    let ends = q.ends_with(['。', '.', '!', '?', '！', '？', '”', '"', '」', ';', '；']);
    let listed = q.starts_with(['•', '·', '-', '*', '【', '■', '●', '◆', '▲', '>']);
    ends && !listed
}

/// Whether the rule's `min` or `exclude` rules this figure out.
fn vetoed(rule: &Rule, q: &Quantity, masked: &str, at: usize) -> bool {
    if let (Some(min), Some(high)) = (rule.min, q.value.high_value().or(q.value.low_value()))
        && high < min
    {
        return true;
    }
    if rule.exclude.is_empty() {
        return false;
    }
    let clause = clause_around(masked, at);
    rule.exclude.iter().any(|re| re.is_match(clause))
}

/// The comma-delimited clause of `text` holding byte `at`.
fn clause_around(text: &str, at: usize) -> &str {
    let is_break = |c: char| matches!(c, ',' | ';' | ':' | '。' | '、' | SEPARATOR);
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_break(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..].find(is_break).map_or(text.len(), |i| at + i);
    &text[start..end]
}

/// Qualifier words a pattern captured outside the figure (`(?P<at_least>至少)还有{duration}`)
/// qualify an otherwise exact figure.
/// `groups` are the pattern's qualifier groups ([`PatternGroups::qualifiers`]).
fn requalify(q: &Quantity, caps: &regex::Captures, groups: &[(usize, Qualifier)]) -> Quantity {
    let mut q = q.clone();
    if q.qualifier != Qualifier::Exact {
        return q;
    }
    let Some(value) = q.value.low_value() else {
        return q;
    };
    let named = groups.iter().find(|&&(i, _)| caps.get(i).is_some());
    let Some(&(_, qualifier)) = named else {
        return q;
    };
    q.value = qualifier.bounds(crate::quantity::Reading::exact(value));
    q.qualifier = qualifier;
    q
}

const QUALIFIER_GROUPS: [(&str, Qualifier); 6] = [
    ("at_least", Qualifier::AtLeast),
    ("over", Qualifier::Over),
    ("approx", Qualifier::Approx),
    ("nearly", Qualifier::Nearly),
    ("under", Qualifier::Under),
    ("up_to", Qualifier::UpTo),
];

/// Quotes longer than this many characters (a whole article on one comma-separated line)
/// are cut to a window around the figure, so output grows with the input, not its square.
/// No sentence of the bundled or dev corpora comes near (the longest quote is 289).
pub const MAX_QUOTE_CHARS: usize = 400;
/// Characters a cut quote keeps on each side of the figure, before it is cut back to the
/// nearest clause boundary (`,` `;` `:` and their full-width forms) within them.
pub const QUOTE_CONTEXT_CHARS: usize = 150;

fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | '，' | ';' | '；' | ':' | '：')
}

/// The part of `sentence` (a byte range of `text`) quoted for the figure at `value`: the
/// whole sentence, or for one over [`MAX_QUOTE_CHARS`] the clauses around the figure
/// within [`QUOTE_CONTEXT_CHARS`] of it. Always a byte range of `text` holding the figure.
fn bounded_quote(text: &str, sentence: Range<usize>, value: Range<usize>) -> Range<usize> {
    let s = &text[sentence.clone()];
    if s.len() <= MAX_QUOTE_CHARS || s.chars().nth(MAX_QUOTE_CHARS).is_none() {
        return sentence;
    }
    if value.start < sentence.start || value.end > sentence.end || value.start > value.end {
        return sentence;
    }
    let before = &text[sentence.start..value.start];
    let mut start = before
        .char_indices()
        .rev()
        .nth(QUOTE_CONTEXT_CHARS - 1)
        .map_or(sentence.start, |(i, _)| sentence.start + i);
    let after = &text[value.end..sentence.end];
    let mut end = after
        .char_indices()
        .nth(QUOTE_CONTEXT_CHARS)
        .map_or(sentence.end, |(i, _)| value.end + i);
    if start > sentence.start
        && let Some((i, c)) = text[start..value.start]
            .char_indices()
            .find(|&(_, c)| is_clause_break(c))
    {
        start += i + c.len_utf8();
    }
    if end < sentence.end
        && let Some((i, c)) = text[value.end..end]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_clause_break(c))
    {
        end = value.end + i + c.len_utf8();
    }
    trimmed(text, start..end)
}

fn trimmed(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return r;
    }
    r.start + lead..r.end - trail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_of_figures_of_no_kind_names_the_kind() {
        assert_eq!(OTHER_RULE, format!("cues:{OTHER}"));
    }

    #[test]
    fn equal_claim_keys_hash_alike() {
        use std::hash::BuildHasher;
        let one = "1.0".parse::<Decimal>().expect("decimal");
        let same = "1.00".parse::<Decimal>().expect("decimal");
        let unit = crate::quantity::Unit::Count;
        let a = Grouping((
            "k",
            "s",
            "m",
            (Some(one), None, false, false),
            None,
            unit,
            "1.0",
        ));
        let b = Grouping((
            "k",
            "s",
            "m",
            (Some(same), None, false, false),
            None,
            unit,
            "1.0",
        ));
        assert!(a == b);
        assert_eq!(FastHash.hash_one(&a), FastHash.hash_one(&b));
    }
}
