//! Malformed rule files: every error class names file, line, column, rule and field.

use claimcheck::rules::{RuleError, RuleSet};

const SUBJECTS: &str = "[[entity]]\nkey = \"China\"\naliases = [\"国内\"]\n";

const GOOD_RULE: &str = r#"[[rule]]
id = "demo.count"
kind = "model_count"
description = "demo"
dimension = "count"
subject = "{entity} LLMs"
entities = ["China"]
patterns = ['{count}个大模型']
"#;

fn errors(rule_file: &str) -> Vec<RuleError> {
    let files = vec![
        ("rules/subjects.toml".to_string(), SUBJECTS.to_string()),
        ("rules/demo.toml".to_string(), rule_file.to_string()),
    ];
    match RuleSet::from_files(&files) {
        Ok(_) => panic!("rule file was accepted:\n{rule_file}"),
        Err(e) => e.0,
    }
}

fn only(rule_file: &str) -> RuleError {
    let errs = errors(rule_file);
    assert_eq!(errs.len(), 1, "expected one error, got {errs:#?}");
    errs.into_iter().next().unwrap()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn the_good_rule_compiles() {
    let files = vec![
        ("rules/subjects.toml".to_string(), SUBJECTS.to_string()),
        ("rules/demo.toml".to_string(), GOOD_RULE.to_string()),
    ];
    let set = RuleSet::from_files(&files).expect("valid");
    assert_eq!(set.rules.len(), 1);
}

#[test]
fn bad_toml_is_located() {
    let text = GOOD_RULE.replace("kind = \"model_count\"", "kind = \"model_count");
    let e = only(&text);
    assert_eq!(e.file, "rules/demo.toml");
    assert_eq!(e.line, line_of(&text, "kind ="));
    assert!(e.column > 1);
}

#[test]
fn unknown_field_names_the_field() {
    let text = GOOD_RULE.replace("kind =", "knd =");
    let e = only(&text);
    assert_eq!(e.line, line_of(&text, "knd ="));
    assert_eq!(e.column, 1);
    assert!(e.message.contains("unknown field `knd`"), "{e}");
    assert_eq!(e.rule.as_deref(), Some("demo.count"), "{e}");
}

#[test]
fn unknown_field_names_the_rule_it_is_in() {
    // A second rule, with the misspelt field written before its id.
    let second = GOOD_RULE
        .replace(
            "id = \"demo.count\"",
            "per_unit = \"day\"\nid = \"demo.second\"",
        )
        .replace("{count}个大模型", "{count}款大模型");
    let text = format!("{GOOD_RULE}\n{second}");
    let e = only(&text);
    assert_eq!(e.line, line_of(&text, "per_unit ="));
    assert_eq!(e.rule.as_deref(), Some("demo.second"), "{e}");
    assert!(
        e.to_string().starts_with(&format!(
            "rules/demo.toml:{}:1: rule demo.second: unknown field `per_unit`, expected one of",
            e.line
        )),
        "{e}"
    );

    // In a kind's example, the kind is named.
    let kind = "[[kind]]\nname = \"demo_kind\"\ndescription = \"d\"\ndimensions = [\"count\"]\nmeasure = \"things\"\ncues = [\"东西\"]\n\n[[kind.examples]]\ntext = \"有3个东西。\"\nvalue = \"3\"\nunit = \"count\"\nper_unit = \"day\"\n";
    let e = only(kind);
    assert_eq!(e.line, line_of(kind, "per_unit ="));
    assert_eq!(e.rule.as_deref(), Some("kind demo_kind"), "{e}");
}

#[test]
fn bad_regex_names_rule_and_pattern() {
    let text = GOOD_RULE.replace("'{count}个大模型'", "'{count}个(大模型'");
    let e = only(&text);
    assert_eq!(e.rule.as_deref(), Some("demo.count"));
    assert_eq!(e.field.as_deref(), Some("patterns[0]"));
    assert_eq!(e.line, line_of(&text, "patterns ="));
    assert!(e.message.starts_with("bad regex"), "{e}");
    assert!(e.hint.is_some());
}

#[test]
fn unknown_placeholder_lists_the_known_ones() {
    let text = GOOD_RULE.replace("{count}个大模型", "{cnt}个大模型");
    let e = only(&text);
    assert_eq!(e.field.as_deref(), Some("patterns[0]"));
    assert!(e.message.contains("unknown placeholder {cnt}"), "{e}");
    assert!(e.hint.as_deref().unwrap().contains("{count}"));
}

#[test]
fn duplicate_id_points_at_the_second() {
    let text = format!("{GOOD_RULE}\n{GOOD_RULE}");
    let e = only(&text);
    assert_eq!(e.rule.as_deref(), Some("demo.count"));
    assert_eq!(e.field.as_deref(), Some("id"));
    assert_eq!(e.line, 11);
    assert!(
        e.message
            .contains("duplicate rule id (first defined at rules/demo.toml:2)"),
        "{e}"
    );
}

#[test]
fn wrong_dimension_is_reported() {
    let text = GOOD_RULE.replace("dimension = \"count\"", "dimension = \"cash\"");
    let e = only(&text);
    assert_eq!(e.field.as_deref(), Some("dimension"));
    assert_eq!(e.line, line_of(&text, "dimension ="));

    let text = GOOD_RULE.replace("{count}个大模型", "{money}个大模型");
    let e = only(&text);
    assert_eq!(e.field.as_deref(), Some("patterns[0]"));
    assert!(
        e.message
            .contains("does not match the rule's dimension count"),
        "{e}"
    );
}

#[test]
fn unknown_entity_and_bad_example_fields() {
    let text = GOOD_RULE.replace("entities = [\"China\"]", "entities = [\"Mars\"]");
    let e = only(&text);
    assert_eq!(e.field.as_deref(), Some("entities"));
    assert!(e.message.contains("unknown entity \"Mars\""));

    let text = format!(
        "{GOOD_RULE}\n[[rule.examples]]\ntext = \"国内79个大模型\"\nvalue = \"79x\"\nunit = \"count\"\n"
    );
    let e = only(&text);
    assert_eq!(e.field.as_deref(), Some("examples[0].value"));
    assert_eq!(e.line, line_of(&text, "value ="));
}

#[test]
fn display_is_file_line_column_rule_field() {
    let text = GOOD_RULE.replace("{count}个大模型", "{cnt}个大模型");
    let e = only(&text);
    let shown = e.to_string();
    assert!(
        shown.starts_with(&format!(
            "rules/demo.toml:{}:{}: rule demo.count: field `patterns[0]`: unknown placeholder",
            e.line, e.column
        )),
        "{shown}"
    );
    assert!(shown.contains("\n  hint: "));
}

#[test]
fn a_failing_example_is_located_and_named() {
    use claimcheck::rules::verify::{Outcome, verify};
    let text = format!(
        "{GOOD_RULE}\n[[rule.examples]]\ntext = \"国内已经发布了79个大模型\"\nvalue = \"80\"\nunit = \"count\"\n\n[[rule.examples]]\ntext = \"没有数字\"\nvalue = \"1\"\nunit = \"count\"\n\n[[rule.counterexamples]]\ntext = \"国内已经发布了79个大模型\"\n"
    );
    let files = vec![
        ("rules/subjects.toml".to_string(), SUBJECTS.to_string()),
        ("rules/demo.toml".to_string(), text.clone()),
    ];
    let set = RuleSet::from_files(&files).expect("valid rules");
    let results = verify(&set);
    assert_eq!(results.len(), 3);
    let wrong = &results[0];
    assert!(
        matches!(&wrong.outcome, Outcome::Wrong { expected, got }
            if expected.contains(" low=80 high=80 unit=count") && got.contains(" low=79")),
        "{wrong}"
    );
    assert_eq!(wrong.line, line_of(&text, "国内已经发布了79个大模型"));
    assert_eq!(wrong.column, 8);
    assert!(
        wrong.to_string().starts_with(&format!(
            "rules/demo.toml:{}:8: rule demo.count: example … wrong:\n    expected kind=model_count low=80 high=80 unit=count\n    got      kind=model_count low=79",
            wrong.line
        )),
        "{wrong}"
    );
    assert_eq!(results[1].outcome, Outcome::Missing { taken_by: None });
    assert!(matches!(results[2].outcome, Outcome::Noisy { .. }));
    assert!(results[2].counterexample);
}

#[test]
fn an_empty_alias_is_refused_where_it_is_written() {
    let subjects = "[[entity]]\nkey = \"China\"\naliases = [\"国内\", \" \"]\n";
    let files = vec![
        ("rules/subjects.toml".to_string(), subjects.to_string()),
        ("rules/demo.toml".to_string(), GOOD_RULE.to_string()),
    ];
    let errs = RuleSet::from_files(&files)
        .expect_err("empty alias accepted")
        .0;
    assert_eq!(errs.len(), 1, "{errs:#?}");
    let e = &errs[0];
    assert_eq!(e.file, "rules/subjects.toml");
    assert_eq!(e.line, 3);
    // Columns count characters.
    let line = subjects.lines().nth(2).unwrap();
    let byte = line.find("\" \"").unwrap();
    assert_eq!(e.column, line[..byte].chars().count() + 1);
    assert_eq!(e.field.as_deref(), Some("entity.aliases"));
    assert!(e.message.contains("empty alias"), "{}", e.message);
}

/// Every field a rule file may hold is explained in docs/rules.md: the allowed
/// fields are read from the unknown-field errors of each table, so a field added
/// to the schema without documentation fails here.
#[test]
fn docs_rules_md_explains_every_field() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md"))
        .expect("docs/rules.md");
    let kind =
        "[[kind]]\nname = \"k\"\ndescription = \"d\"\ndimensions = [\"count\"]\nmeasure = \"m\"\n";
    let tables = [
        ("rule", GOOD_RULE.replace("kind =", "zzz = 1\nkind =")),
        ("kind", format!("{kind}zzz = 1\n")),
        (
            "example",
            format!("{GOOD_RULE}\n[[rule.examples]]\ntext = \"t\"\nunit = \"count\"\nzzz = 1\n"),
        ),
        (
            "counterexample",
            format!("{GOOD_RULE}\n[[rule.counterexamples]]\ntext = \"t\"\nzzz = 1\n"),
        ),
        ("family", "[family]\nname = \"f\"\nzzz = 1\n".to_string()),
        (
            "measures",
            format!("{kind}measures = [{{ when = [\"w\"], measure = \"m\", zzz = 1 }}]\n"),
        ),
        ("modality", "[modality]\nzzz = 1\n".to_string()),
        ("file", "zzz = 1\n".to_string()),
    ];
    let mut fields = Vec::new();
    for (table, text) in &tables {
        let e = only(text);
        let listed = e
            .message
            .split_once("expected one of ")
            .or_else(|| e.message.split_once("expected "))
            .unwrap_or_else(|| panic!("{table}: {e}"))
            .1;
        let names: Vec<&str> = listed.split('`').skip(1).step_by(2).collect();
        assert!(!names.is_empty(), "{table}: {e}");
        fields.extend(names.into_iter().map(|n| (*table, n.to_string())));
    }
    // subjects.toml's entity table.
    let files = vec![(
        "rules/subjects.toml".to_string(),
        "[[entity]]\nkey = \"X\"\naliases = [\"x\"]\nzzz = 1\n".to_string(),
    )];
    let e = RuleSet::from_files(&files).unwrap_err().0.remove(0);
    let listed = e
        .message
        .split_once("expected one of ")
        .expect("entity fields")
        .1;
    fields.extend(
        listed
            .split('`')
            .skip(1)
            .step_by(2)
            .map(|n| ("entity", n.to_string())),
    );
    assert!(fields.len() > 40, "{fields:?}");
    let missing: Vec<_> = fields
        .iter()
        .filter(|(_, f)| !docs.contains(&format!("`{f}`")) && !docs.contains(&format!("[{f}]")))
        .collect();
    assert!(
        missing.is_empty(),
        "not explained in docs/rules.md: {missing:?}"
    );
}

#[test]
fn a_kind_max_below_its_min_is_located() {
    let kind = "[[kind]]\nname = \"demo_kind\"\ndescription = \"d\"\ndimensions = [\"count\"]\nmeasure = \"things\"\ncues = [\"东西\"]\nmin = \"10\"\nmax = \"5\"\n";
    let e = only(kind);
    assert_eq!(e.line, line_of(kind, "max ="));
    assert_eq!(e.field.as_deref(), Some("max"));
    assert_eq!(e.rule.as_deref(), Some("kind demo_kind"), "{e}");
    assert!(e.message.contains("below min"), "{e}");
}

#[test]
fn objects_need_their_verbs_and_name_no_vetoed_word() {
    let kind = "[[kind]]\nname = \"demo_kind\"\ndescription = \"d\"\ndimensions = [\"money\"]\nmeasure = \"spending\"\ncues = [\"采购\"]\n";
    let e = only(&format!("{kind}objects = [\"数据中心\"]\n"));
    assert_eq!(e.field.as_deref(), Some("objects"), "{e}");
    assert_eq!(e.rule.as_deref(), Some("kind demo_kind"), "{e}");
    assert!(e.message.contains("no object_verbs"), "{e}");
    let e = only(&format!("{kind}object_verbs = [\"投资\"]\n"));
    assert_eq!(e.field.as_deref(), Some("object_verbs"), "{e}");
    assert!(e.message.contains("no objects"), "{e}");
    let e = only(&format!(
        "{kind}objects = [\"数据中心\"]\nobject_verbs = [\"投资\"]\nnot = [\"数据中心\"]\n"
    ));
    assert!(e.message.contains("both an object and a `not` word"), "{e}");
    // Both together are a valid kind.
    let files = vec![
        ("rules/subjects.toml".to_string(), SUBJECTS.to_string()),
        (
            "rules/demo.toml".to_string(),
            format!("{kind}objects = [\"数据中心\"]\nobject_verbs = [\"投资\"]\n"),
        ),
    ];
    let set = RuleSet::from_files(&files).expect("valid");
    assert_eq!(set.kinds[0].objects, vec!["数据中心".to_string()]);
}

#[test]
fn a_drift_ratio_must_exceed_one() {
    let family = "[family]\nname = \"demo\"\ndrift_ratio = \"1\"\n\n";
    let text = format!("{family}{GOOD_RULE}");
    let e = only(&text);
    assert_eq!(e.line, line_of(&text, "drift_ratio"));
    assert!(e.message.contains("exceed 1"), "{}", e.message);
    // A factor above 1 is kept for the checker.
    let files = vec![
        ("rules/subjects.toml".to_string(), SUBJECTS.to_string()),
        (
            "rules/demo.toml".to_string(),
            text.replace("drift_ratio = \"1\"", "drift_ratio = \"1.5\""),
        ),
    ];
    let set = RuleSet::from_files(&files).expect("valid");
    let family = set.families.values().find(|f| f.name == "demo").unwrap();
    assert_eq!(family.drift_ratio, Some("1.5".parse().unwrap()));
}

/// A measure word that rules a kind out must be one the number grammar reads after a
/// count, and must not also point to the kind.
#[test]
fn not_classifiers_are_checked() {
    let kind = "[[kind]]\nname = \"k\"\ndescription = \"d\"\ndimensions = [\"count\"]\nmeasure = \"m\"\nclassifiers = [\"块\"]\n";
    let text = format!("{kind}not_classifiers = [\"组\", \"组合\"]\n");
    let e = only(&text);
    assert_eq!(e.field.as_deref(), Some("not_classifiers[1]"), "{e}");
    assert_eq!(e.line, line_of(&text, "not_classifiers ="));
    assert!(e.message.contains("not a measure word"), "{e}");
    assert_eq!(e.rule.as_deref(), Some("kind k"), "{e}");

    let text = format!("{kind}not_classifiers = [\"组\", \"块\"]\n");
    let e = only(&text);
    assert_eq!(e.field.as_deref(), Some("not_classifiers[1]"), "{e}");
    assert!(e.message.contains("in classifiers too"), "{e}");
    assert!(e.hint.is_some());
}
