//! The `claimcheck` binary end to end: outputs, exit codes, streaming.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn claimcheck(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn quantities_prints_one_json_object_per_line() {
    let line = "GPT-3训练一次的成本约为140万美元,训练成本介于200万美元至1200万美元之间";
    let out = claimcheck(&["quantities"], Some(&format!("{line}\n超过120家\n")));
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["text"], line);
    let qs = lines[0]["quantities"].as_array().unwrap();
    assert_eq!(qs.len(), 2, "{qs:?}");
    assert_eq!(qs[0]["low"], "1400000");
    assert_eq!(qs[0]["unit"], "USD");
    assert_eq!(qs[0]["qualifier"], "approx");
    assert_eq!(qs[1]["low"], "2000000");
    assert_eq!(qs[1]["high"], "12000000");
    assert_eq!(qs[1]["qualifier"], "range");
}

#[test]
fn extract_csv_has_the_documented_columns() {
    let out = claimcheck(&["extract", "--format", "csv", "data"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "claim_id,source,kind,subject,low,high,unit,qualifier,as_of,published,speaker,quote,line,start,end,rule,measure,converts,value_as_written,date_assumed,low_open,high_open,as_of_text"
    );
    let rows: Vec<_> = lines.collect();
    assert!(rows.len() >= 30);
    let records: Vec<csv::StringRecord> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    // Dates: one text form, `first/last` day of the period, whatever its precision.
    let day = |s: &str| s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok();
    for r in &records {
        assert_eq!(r.len(), 23);
        // Words that date a figure make its date a stated one, never an assumed one.
        if !r[22].is_empty() {
            assert_eq!(&r[19], "false", "{r:?}");
        }
        for cell in [&r[8], &r[9]] {
            let (first, last) = cell.split_once('/').unwrap_or_else(|| panic!("{cell:?}"));
            assert!(day(first) && day(last) && first <= last, "{cell:?}");
        }
        for flag in [&r[19], &r[20], &r[21]] {
            assert!(flag == "true" || flag == "false", "{flag:?}");
        }
    }
    // A month-dated figure, its date assumed from publication: 兩個月 in 000.
    let gap = records.iter().find(|r| &r[18] == "兩個月").expect("兩個月");
    assert_eq!(
        (&gap[8], &gap[19], &gap[22]),
        ("2023-07-01/2023-07-31", "true", "")
    );
    assert!(records.iter().any(|r| !r[22].is_empty()), "no as_of_text");
    // `超過了120`: low 120 excluded, no high.
    let over = records
        .iter()
        .find(|r| &r[18] == "超過了120")
        .expect("超過了120");
    assert_eq!(
        (&over[4], &over[5], &over[20], &over[21]),
        ("120", "", "true", "false")
    );
    assert!(
        text.contains(",1400000,1400000,USD,approx,"),
        "GPT-3 training cost row"
    );
    assert!(!text.contains("E+") && !text.contains("e+"), "no exponents");

    let excel = claimcheck(&["extract", "--format", "csv", "--excel", "data"], None);
    assert!(excel.stdout.starts_with(b"\xEF\xBB\xBFclaim_id,"));
}

#[test]
fn malformed_rules_exit_2_with_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("subjects.toml"), "").unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "[[rule]]\nid = \"bad.one\"\nkind = \"x\"\ndescription = \"d\"\ndimension = \"count\"\nsubject = \"s\"\npatterns = ['{count}(']\n",
    )
    .unwrap();
    let dir_arg = dir.path().to_str().unwrap();
    for cmd in [
        &["rules", "check", "--rules", dir_arg][..],
        &["extract", "--rules", dir_arg],
    ] {
        let out = claimcheck(cmd, None);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("bad.toml:7:13: rule bad.one: field `patterns[0]`: bad regex \"{count}(\": unclosed group"), "{err}");
    }
}

#[test]
fn rules_check_and_test_pass_on_the_bundled_rules() {
    let out = claimcheck(&["rules", "check"], None);
    assert!(out.status.success());
    let out = claimcheck(&["rules", "test"], None);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).contains(" passed, 0 failed"));
}

#[test]
fn rules_check_says_which_rules_it_read() {
    // Tests run in the repository, where ./rules is read.
    let out = claimcheck(&["rules", "check"], None);
    assert!(
        stdout(&out).starts_with("rules from ./rules "),
        "{}",
        stdout(&out)
    );
    // Elsewhere the binary's own copy, saying how many files it holds.
    let elsewhere = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["rules", "check"])
        .current_dir(elsewhere.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let files = std::fs::read_dir("rules")
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "toml")
        })
        .count();
    assert!(
        stdout(&out).starts_with(&format!(
            "rules compiled into this binary ({files} files of rules/"
        )),
        "{}",
        stdout(&out)
    );
}

/// A rule file dropped into a rules folder is used as it is: its kind classifies
/// figures, its pattern rule fires and `rules test` runs its examples. No Rust list
/// names rule files or kinds (the bundled copy is every `rules/*.toml`, see
/// `bundled_rules::rules_folder_and_bundled_rules_agree`).
#[test]
fn a_new_rule_file_needs_no_code_change() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir("rules").unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let before = claimcheck(
        &["rules", "test", "--rules", dir.path().to_str().unwrap()],
        None,
    );
    std::fs::write(
        dir.path().join("robot_count.toml"),
        r#"[family]
name = "robot"

[[kind]]
name = "robot_count"
description = "A number of robots shipped"
dimensions = ["count"]
measure = "robots"
min = "2"
nouns = ["机器人", "robots"]
cues = ["机器人出货"]

[[kind.examples]]
text = "该公司去年出货了约5000台人形机器人。"
value = "5000"
unit = "count"
qualifier = "approx"

[[rule]]
id = "robot_count.shipped"
kind = "robot_count"
description = "Robots shipped: 出货了300台人形机器人"
dimension = "count"
patterns = ['出货(?:了)?{count}台(?:人形)?机器人']

[[rule.examples]]
text = "今年出货了300台人形机器人。"
value = "300"
unit = "count"
"#,
    )
    .unwrap();
    let rules = dir.path().to_str().unwrap();
    let count = |o: &Output| -> usize {
        let text = stdout(o);
        let line = text.lines().last().unwrap().to_string();
        line.strip_prefix("rules test: ")
            .and_then(|l| l.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{text}"))
    };
    let after = claimcheck(&["rules", "test", "--rules", rules], None);
    assert!(after.status.success(), "{}", stdout(&after));
    assert_eq!(count(&after), count(&before) + 2, "{}", stdout(&after));
    let article = dir.path().join("robots.txt");
    std::fs::write(&article, "据报道,优必选今年出货了300台人形机器人。\n").unwrap();
    let out = claimcheck(
        &[
            "extract",
            "--format",
            "jsonl",
            "--rules",
            rules,
            article.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let claim: serde_json::Value =
        serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    assert_eq!(claim["kind"], "robot_count");
    assert_eq!(claim["rule"], "robot_count.shipped");
    assert_eq!(claim["low"], "300");
}

#[test]
fn jsonl_in_streams_claims_and_report_reads_them_back() {
    let docs = [
        serde_json::json!({"id": "a", "text": "据不完全统计国内已经发布了79个大模型。", "published": "2023-05-28", "url": "https://example.org/a"}),
        serde_json::json!({"id": "b", "text": "目前国内的大模型数量已增加至116个。", "published": "2023-07"}),
        serde_json::json!({"id": "c", "text": "没有数字的文章。"}),
    ];
    let input: String = docs.iter().map(|d| format!("{d}\nnot json\n")).collect();
    let out = claimcheck(&["extract", "--jsonl-in"], Some(&input));
    assert_eq!(
        out.status.code(),
        Some(3),
        "bad lines are reported and flagged"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("stdin:2:"));
    let claims = stdout(&out);
    let parsed: Vec<serde_json::Value> = claims
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(parsed.len(), 2);
    assert_eq!(parsed[0]["source"], "a");
    assert_eq!(parsed[1]["low"], "116");
    assert_eq!(parsed[1]["as_of"], "2023-07");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("claims.jsonl");
    std::fs::write(&file, &claims).unwrap();
    let out = claimcheck(
        &[
            "report",
            "--format",
            "json",
            "--claims",
            file.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["claims"].as_array().unwrap().len(), 2);
}

#[test]
fn report_fail_on_conflict_exits_1() {
    let out = claimcheck(&["report", "--fail-on", "conflict"], None);
    assert_eq!(out.status.code(), Some(1));
    let out = claimcheck(&["report"], None);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn report_format_follows_the_output_extension() {
    let dir = tempfile::tempdir().unwrap();
    for (name, marker) in [("r.html", "<svg"), ("r.md", "| "), ("r.json", "\"schema\"")] {
        let path = dir.path().join(name);
        let out = claimcheck(&["report", "-o", path.to_str().unwrap()], None);
        assert!(out.status.success());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(marker), "{name}");
    }
}

#[test]
fn missing_paths_are_an_error_before_any_work() {
    let out = claimcheck(
        &[
            "extract",
            "data/000_7ae801fb60cdcc58.txt",
            "no/such/file.txt",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no/such/file.txt"), "{err}");
    assert!(
        stdout(&out).is_empty(),
        "nothing done: a typo is not a skip"
    );
    assert!(Path::new("data/000_7ae801fb60cdcc58.txt").exists());
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["extract", "--format", "jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn extract_json_is_one_array_with_mentions() {
    let out = claimcheck(&["extract", "--format", "json"], None);
    assert!(out.status.success());
    let claims: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(claims.len() >= 30);
    // Copilot's $30 a month is stated four times in two wordings (`30美元/月`,
    // `30美元一個月`): each statement is a claim or a mention of one, never lost.
    let copilot: Vec<&serde_json::Value> = claims
        .iter()
        .filter(|c| c["kind"] == "price" && c["low"] == "30" && c["unit"] == "USD/month")
        .collect();
    assert!(
        copilot
            .iter()
            .any(|c| c["subject"] == crate::rules_support::subject("Copilot").as_str()),
        "{copilot:#?}"
    );
    let statements: usize = copilot
        .iter()
        .map(|c| 1 + c["mentions"].as_array().unwrap().len())
        .sum();
    assert_eq!(statements, 4);
    let jsonl = claimcheck(&["extract", "--format", "jsonl"], None);
    assert_eq!(stdout(&jsonl).lines().count(), claims.len());
}
