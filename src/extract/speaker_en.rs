//! Attribution in English: who a figure in an English sentence is quoted from.
//!
//! Before the figure, the nearest of:
//! * `according to X` (`according to TrendForce`, `according to data from Sensor Tower`,
//!   `according to a report by Bloomberg`);
//! * `X said/says/told/estimates/expects/reported/…` with X the verb's subject in its
//!   clause, or the sentence's opening name when an apposition stands between
//!   (`Kai-Fu Lee, chief executive of 01.AI, said`).
//!
//! After the figure, when it closes the sentence: `…, X said.`, `…, said X.`,
//! `…, according to X.`
//!
//! X is kept only when it names someone: a name with a capitalised word, of at most
//! eight words, up to a possessive (`IDC's latest report` → `IDC`); not a pronoun or
//! `the company`, not an anonymous source (`people familiar with the matter`).

use regex::Regex;
use std::sync::LazyLock;

/// Verbs of saying, estimating and reporting (lower case: a capitalised one opens a
/// sentence and has no subject before it).
static VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:said|says|say|told|tells|estimated|estimates|estimate|expects|expect|predicted|predicts|predict|forecast|forecasts|reported|reports|wrote|writes|noted|notes|added|stated|claimed|claims|announced|announces|cited)\b",
    )
    .expect("valid regex")
});

static ACCORDING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[Aa]ccording to ").expect("valid regex"));

/// A sentence-final `X said` (after the last comma), maybe with when or where it was
/// said (`said in April`, `said in a statement`, `said last week`).
static FINAL_SUBJECT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(.+?)\s+(?:said|says|told \S+|estimated|estimates|reported|reports|wrote|writes|noted|notes|added|stated|claimed|claims|predicted|predicts|forecast|forecasts)(?:\s+(?:in|on|at|during|last|this|earlier|late|early|yesterday|today)\b[^,]{0,40})?$",
    )
    .expect("valid regex")
});

/// A sentence-final verb of saying with no subject in its clause, maybe with when
/// or where it was said (`…, Zhang Yaqin, a former Baidu president, said on
/// Saturday.`): the speaker is the name before the apposition.
static FINAL_BARE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:said|says|told \S+|added|noted|wrote|estimated|estimates)(?:\s+(?:in|on|at|during|last|this|earlier|late|early|yesterday|today|after|before|while|when)\b.{0,40})?$",
    )
    .expect("valid regex")
});

/// A sentence-final `said X` or `according to X`.
static FINAL_VERB_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:said|says|[Aa]ccording to|(?:as )?reported by|(?:as )?cited by|reported|wrote)\s+(.+)$")
        .expect("valid regex")
});

/// Words before a source that describe the document or the kind of source.
const SOURCE_LEAD_INS: &[&str] = &[
    "the ",
    "a ",
    "an ",
    "data from ",
    "data by ",
    "figures from ",
    "figures by ",
    "estimates from ",
    "estimates by ",
    "statistics from ",
    "report by ",
    "report from ",
    "reports by ",
    "research by ",
    "research from ",
    "analysis by ",
    "analysis from ",
    "survey by ",
    "filing by ",
    "filings by ",
    "statement from ",
    "new ",
    "recent ",
    "latest ",
    "market research firm ",
    "research firm ",
    "market researcher ",
    "market tracker ",
    "analyst firm ",
    "consultancy ",
];

/// Words that make a "source" anonymous or a pronoun.
const ANONYMOUS: &[&str] = &[
    "people",
    "person",
    "persons",
    "source",
    "sources",
    "insider",
    "insiders",
    "familiar",
    "someone",
    "analysts",
    "officials",
];

/// Capitalised words that do not make a name (`The company said`).
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "Its",
    "Their",
    "His",
    "Her",
    "Our",
    "But",
    "And",
    "In",
    "On",
    "At",
    "For",
    "As",
    "Meanwhile",
    "However",
    "Still",
    "Also",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "One",
    "Two",
    "Some",
    "Many",
    "Several",
    "Most",
    "Other",
    "Others",
    // Nationalities describe a speaker (`The Chinese startup said`), never name one.
    "Chinese",
    "American",
    "British",
    "French",
    "German",
    "Japanese",
    "Korean",
    "European",
    "Indian",
    "Israeli",
    "Canadian",
    "Taiwanese",
    "U.S",
    "US",
];

/// Whether `sentence` holds any English marker [`find`] reads (asked once a sentence:
/// most sentences of a Chinese text have none).
pub fn has_marker(sentence: &str) -> bool {
    sentence.bytes().any(|b| b.is_ascii_lowercase())
        && (VERB.is_match(sentence) || ACCORDING.is_match(sentence))
}

/// The English source the figure at byte `at` of `sentence` is attributed to.
pub fn find(sentence: &str, at: usize) -> Option<String> {
    let before = &sentence[..at];
    // (where the marker ends, the source): the nearest marker before the figure wins.
    let mut best: Option<(usize, String)> = None;
    for m in ACCORDING.find_iter(before) {
        let rest = &before[m.end()..];
        let phrase = &rest[..rest.find([',', ';', ':']).unwrap_or(rest.len())];
        if let Some(s) = clean_source(phrase) {
            best = Some((m.end(), s));
        }
    }
    for m in VERB.find_iter(before) {
        if best.as_ref().is_some_and(|b| b.0 > m.end()) {
            continue;
        }
        let head = &before[..m.start()];
        // `The H100 is estimated to cost`: a passive names what is estimated,
        // not who estimates it.
        let last_word = head.trim_end().rsplit(' ').next().unwrap_or("");
        if ["is", "are", "was", "were", "be", "been", "being"]
            .iter()
            .any(|w| last_word.eq_ignore_ascii_case(w))
        {
            continue;
        }
        let clause_start = head.rfind([',', ';', ':']).map_or(0, |i| i + 1);
        let clause = &head[clause_start..];
        let subject = if clause.trim().is_empty() && clause_start > 0 {
            // `Kai-Fu Lee, 01.AI's chief, said`: the name before the apposition.
            &head[..head.find(',').unwrap_or(0)]
        } else {
            subordinate_clause(clause)
        };
        if let Some(s) = clean_subject(subject) {
            best = Some((m.end(), s));
        }
    }
    best.map(|b| b.1).or_else(|| final_source(&sentence[at..]))
}

/// Words that open a subordinate clause: the subject of a verb of saying after one
/// is in that clause (`Shares rose 9 per cent after it said…`: `it`, not the shares).
const SUBORDINATORS: [&str; 10] = [
    " after ",
    " before ",
    " when ",
    " while ",
    " because ",
    " since ",
    " although ",
    " though ",
    " once ",
    " until ",
];

/// The part of `clause` after its last subordinating word (all of it when none).
fn subordinate_clause(clause: &str) -> &str {
    SUBORDINATORS
        .iter()
        .filter_map(|w| clause.rfind(w).map(|i| i + w.len()))
        .max()
        .map_or(clause, |i| &clause[i..])
}

/// `…, Nvidia said.`, `…, said Jensen Huang.`, `…, according to Canalys.`
fn final_source(rest: &str) -> Option<String> {
    let body = rest.trim_end_matches(|c: char| c.is_whitespace() || ".!?\"”'’)".contains(c));
    let cut = body.rfind(',')?;
    let last = body[cut + 1..].trim();
    if FINAL_BARE_VERB.is_match(last) {
        return appositive_name(&body[..cut]);
    }
    if let Some(c) = FINAL_VERB_SUBJECT.captures(last) {
        return clean_source(c.get(1)?.as_str());
    }
    if let Some(c) = FINAL_SUBJECT_VERB.captures(last) {
        return clean_subject(c.get(1)?.as_str());
    }
    // `…, said Colette Kress, Nvidia's finance chief`: an apposition after the name.
    let head = &body[..cut];
    let before = head[head.rfind(',')? + 1..].trim();
    let c = FINAL_VERB_SUBJECT.captures(before)?;
    clean_source(c.get(1)?.as_str())
}

/// `…, Zhang Yaqin, a former Baidu president` (the text before a bare `said`): the
/// name before the apposition, when every word of it is capitalised — clause
/// material (`up from 12 million`) is not a name.
fn appositive_name(head: &str) -> Option<String> {
    let mut parts = head.rsplit(',');
    let apposition = parts.next()?.trim();
    let name = parts.next()?.trim();
    let proper = |w: &str| w.starts_with(|c: char| c.is_ascii_uppercase());
    if apposition.is_empty() || name.is_empty() || !name.split_whitespace().all(proper) {
        return None;
    }
    clean_subject(name)
}

/// The subject of a verb of saying, when it names someone.
fn clean_subject(raw: &str) -> Option<String> {
    let mut s = raw.trim().trim_start_matches(['"', '“', '\'', '‘']).trim();
    for lead in ["which ", "that ", "who ", "and ", "but ", "as "] {
        if let Some(rest) = s.strip_prefix(lead) {
            s = rest.trim();
        }
    }
    // `Analysts at SemiAnalysis estimate`: the staff of a named firm speak for it.
    for staff in [
        "analysts",
        "researchers",
        "economists",
        "experts",
        "engineers",
        "scientists",
    ] {
        for link in [" at ", " from ", " with "] {
            let n = staff.len() + link.len();
            if s.get(..staff.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(staff))
                && s.get(staff.len()..n) == Some(link)
                && s.len() > n
            {
                s = &s[n..];
            }
        }
    }
    named(s)
}

/// The source after `according to`, when it names someone.
fn clean_source(raw: &str) -> Option<String> {
    let mut s = raw.trim();
    // `IDC's latest report`, `a report that…`: the source ends there.
    for end in [
        "'s ",
        "’s ",
        " that ",
        " which ",
        " published",
        " released",
        " seen by",
    ] {
        if let Some(i) = s.find(end) {
            s = &s[..i];
        }
    }
    while let Some(rest) = SOURCE_LEAD_INS.iter().find_map(|l| s.strip_prefix(l)) {
        s = rest.trim_start();
    }
    named(s.trim())
}

/// Roles that, right after a name, say who in it speaks.
const ROLES: [&str; 12] = [
    "spokesperson",
    "spokeswoman",
    "spokesman",
    "spokespeople",
    "executive",
    "executives",
    "official",
    "officials",
    "representative",
    "representatives",
    "analyst",
    "analysts",
];

/// `s` when it names someone: a capitalised word that is not a function word, at most
/// eight words, no anonymous source.
fn named(s: &str) -> Option<String> {
    let s = s.trim_end_matches(|c: char| c.is_whitespace() || ".,;:\"”'’".contains(c));
    // Lower-case words around the name describe it or the saying (`the state-backed
    // Securities Times`, `DeepSeek recently`): the name is what lies between.
    // `Beijing-based`, `Microsoft-backed`: a name that ends in a lower-case
    // participle describes, like a lower-case word.
    let lower = |w: &str| {
        let tail = w.rsplit('-').next().unwrap_or(w);
        w.chars()
            .all(|c| !c.is_ascii_uppercase() && !c.is_ascii_digit())
            || w.contains('-') && tail.chars().all(|c| c.is_ascii_lowercase()) && !tail.is_empty()
    };
    // `An OpenAI spokesperson`: an indefinite article before a name is not part
    // of it (`A spokesperson for OpenAI` keeps it: the name comes later).
    let s = ["A ", "An "]
        .iter()
        .find_map(|a| s.strip_prefix(a))
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
        .unwrap_or(s);
    let mut words: Vec<&str> = s.split_whitespace().collect();
    if words
        .iter()
        .any(|w| ANONYMOUS.contains(&w.to_ascii_lowercase().as_str()))
    {
        return None;
    }
    let first = words.iter().position(|w| !lower(w)).unwrap_or(words.len());
    let mut last = words
        .iter()
        .rposition(|w| !lower(w))
        .map_or(first, |i| i + 1);
    // `OpenAI spokesperson`, `Nvidia executives`: the role right after the name
    // is part of who speaks.
    if words.get(last).is_some_and(|w| {
        ROLES.contains(&w.trim_end_matches(['.', ',']).to_ascii_lowercase().as_str())
    }) {
        last += 1;
    }
    // Inner lower-case words stay (`A spokesperson for OpenAI`): only the edges go.
    let s = match (words.get(first), words.get(last.max(first + 1) - 1)) {
        (Some(a), Some(b)) => {
            let start = a.as_ptr() as usize - s.as_ptr() as usize;
            let end = b.as_ptr() as usize - s.as_ptr() as usize + b.len();
            &s[start..end]
        }
        _ => "",
    };
    words = s.split_whitespace().collect();
    let capitalised = words.iter().any(|w| {
        w.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit())
            && !lower(w)
            && !NOT_NAMES.contains(&w.trim_end_matches(['.', ',']))
    });
    let ok = (1..=8).contains(&words.len())
        && s.len() <= 80
        && s.starts_with(|c: char| c.is_ascii_alphanumeric())
        && capitalised
        // A figure inside is clause material, not a name (`revenue of $5 billion`).
        && !s.contains(['$', '%'])
        && !words.iter().any(|w| w.eq_ignore_ascii_case("it"));
    ok.then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(sentence: &str, figure: &str, expected: Option<&str>) {
        let at = sentence.find(figure).expect("figure in sentence");
        assert_eq!(find(sentence, at).as_deref(), expected, "{sentence}");
    }

    #[test]
    fn according_to_names_the_source() {
        check(
            "According to TrendForce, AI servers will make up about 12% of shipments.",
            "12%",
            Some("TrendForce"),
        );
        check(
            "According to data from Sensor Tower, the app had 50 million downloads.",
            "50 million",
            Some("Sensor Tower"),
        );
        check(
            "According to IDC's latest report, shipments rose 20% last year.",
            "20%",
            Some("IDC"),
        );
        check(
            "According to The Information, OpenAI expects to lose $5 billion.",
            "$5 billion",
            Some("OpenAI"),
        );
        check(
            "According to people familiar with the matter, the round values it at $3 billion.",
            "$3 billion",
            None,
        );
        check(
            "Its annualized revenue topped $2 billion, according to people familiar with the matter.",
            "$2 billion",
            None,
        );
        check(
            "Shipments rose 12% in the quarter, according to Canalys.",
            "12%",
            Some("Canalys"),
        );
    }

    #[test]
    fn descriptions_around_a_name_are_dropped() {
        check(
            "Regulators approved 14 models, as reported by the state-backed Securities Times.",
            "14",
            Some("Securities Times"),
        );
        check(
            "Chinese AI startup DeepSeek recently said training cost $5.6 million.",
            "$5.6 million",
            Some("Chinese AI startup DeepSeek"),
        );
        check(
            "A spokesperson for OpenAI said it had 200 million users.",
            "200 million",
            Some("A spokesperson for OpenAI"),
        );
    }

    #[test]
    fn subjects_of_verbs_of_saying() {
        check(
            "Baidu said Ernie Bot had surpassed 300 million users.",
            "300 million",
            Some("Baidu"),
        );
        check(
            "Kai-Fu Lee, chief executive of 01.AI, said training cost $3 million.",
            "$3 million",
            Some("Kai-Fu Lee"),
        );
        check(
            "Nvidia CEO Jensen Huang told reporters that demand was up 50%.",
            "50%",
            Some("Nvidia CEO Jensen Huang"),
        );
        check(
            "Analysts at SemiAnalysis estimate ChatGPT costs about $700,000 a day to run.",
            "$700,000",
            Some("SemiAnalysis"),
        );
        check(
            "Analysts estimate costs of $700,000 a day.",
            "$700,000",
            None,
        );
        check(
            "Training GPT-4 cost more than $100 million, Sam Altman said in April.",
            "$100 million",
            Some("Sam Altman"),
        );
        check(
            "Revenue doubled to $2 billion, Nvidia said in a statement.",
            "$2 billion",
            Some("Nvidia"),
        );
        check("The company said revenue rose 30%.", "30%", None);
        check("It said revenue rose 30%.", "30%", None);
        check(
            "Revenue rose 30% in the quarter, the company said.",
            "30%",
            None,
        );
        check(
            "Revenue rose 30% in the quarter, Nvidia said.",
            "30%",
            Some("Nvidia"),
        );
        check(
            "Revenue rose 30% in the quarter, said Colette Kress, Nvidia's finance chief.",
            "30%",
            Some("Colette Kress"),
        );
        // A time after a bare `said` is no source: the name before the apposition is.
        check(
            "The gap has narrowed to three months, Zhang Yaqin, a former Baidu president, said on Saturday.",
            "three months",
            Some("Zhang Yaqin"),
        );
        check(
            "Revenue rose 30% in the quarter, up from 12 million at the end of 2023, said on Monday.",
            "30%",
            None,
        );
        // A description with no name in it is nobody.
        check(
            "The Beijing-based startup said its users topped 30 million.",
            "30 million",
            None,
        );
        check("The Chinese company said revenue rose 30%.", "30%", None);
        check(
            "An OpenAI spokesperson said it had 200 million users.",
            "200 million",
            Some("OpenAI spokesperson"),
        );
        // A passive names what is estimated, not who estimates.
        check("The H100 is estimated to cost $30,000.", "$30,000", None);
        check(
            "Revenue rose 30% in the quarter, said Colette Kress.",
            "30%",
            Some("Colette Kress"),
        );
        check(
            "One source said the servers sell for $140,000.",
            "$140,000",
            None,
        );
        // The subject of a verb of saying in a subordinate clause is in that clause.
        check(
            "Shares of the company rose 5 per cent in extended trading after it said cloud sales surpassed $20 billion.",
            "$20 billion",
            None,
        );
        check(
            "Shares rose 5 per cent after Nvidia said revenue doubled to $30 billion.",
            "$30 billion",
            Some("Nvidia"),
        );
        // No verb of saying: nobody.
        check("Revenue rose 30% in the quarter.", "30%", None);
        check("营收同比增长30%。", "30%", None);
    }
}
