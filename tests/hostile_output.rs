//! Outputs under attack or accident: formulas in article text, `-o` onto an input, an
//! interrupted write, bad arguments, bad lines in streams.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const INJECTED: &str =
    "=HYPERLINK(\"http://attacker.example/x\",\"点击\")据统计国内已经发布了79个大模型。\n";

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimcheck"));
    cmd.env_remove("NO_COLOR");
    cmd
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut input = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        input.write_all(bytes).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn article_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    fs::write(&file, INJECTED).unwrap();
    (dir, file)
}

fn csv_rows(bytes: &[u8]) -> Vec<csv::StringRecord> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    csv::Reader::from_reader(bytes)
        .records()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn csv_cells_never_start_a_formula() {
    let (dir, file) = article_dir();
    for excel in [false, true] {
        let mut args = vec!["extract", "--format", "csv", s(&file)];
        if excel {
            args.push("--excel");
        }
        let out = run(&args, None);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let rows = csv_rows(&out.stdout);
        assert_eq!(rows.len(), 1, "one claim: 79 models");
        let row = &rows[0];
        // quote is column 11: neutralised with a leading apostrophe, otherwise exact.
        assert_eq!(&row[11], format!("'{}", INJECTED.trim_end()));
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "cell {cell:?} would run in a spreadsheet"
            );
        }
        // Numbers stay numbers.
        assert_eq!(&row[4], "79");
        assert_eq!(&row[5], "79");
        assert_eq!(&row[12], "1");
    }
    // JSON keeps the exact text.
    let out = run(&["extract", "--format", "json", s(&file)], None);
    let claims: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(claims[0]["quote"], INJECTED.trim_end());
    drop(dir);
}

#[test]
fn csv_text_rule() {
    use claimcheck::export::csv_text;
    for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
        assert_eq!(csv_text(bad), format!("'{bad}"));
    }
    for ok in ["79个", "据统计", "", "'x", " =x"] {
        assert_eq!(csv_text(ok), ok);
    }
}

#[test]
fn output_onto_an_input_is_refused_before_reading() {
    let (dir, file) = article_dir();
    let link = dir.path().join("link.txt");
    fs::hard_link(&file, &link).unwrap();
    for (args, named) in [
        (vec!["extract", s(&file), "-o", s(&file)], "a.txt"),
        (
            vec!["extract", s(dir.path()), "-o", s(&link), "--format", "csv"],
            "link.txt",
        ),
        (
            vec!["report", s(dir.path()), "-o", s(&file), "--format", "md"],
            "a.txt",
        ),
    ] {
        let out = run(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "one clear line: {err}");
        assert!(
            err.contains("refusing to overwrite") && err.contains(named),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&file).unwrap(), INJECTED, "input intact");
    }
    // A claims file given to the report.
    let claims = dir.path().join("c.jsonl");
    let out = run(&["extract", s(&file), "-o", s(&claims)], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let before = fs::read(&claims).unwrap();
    assert!(!before.is_empty());
    let out = run(
        &[
            "report",
            "--claims",
            s(&claims),
            "-o",
            s(&claims),
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(fs::read(&claims).unwrap(), before);
}

#[test]
fn output_onto_stdin_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs.jsonl");
    let line = "{\"id\":\"a\",\"text\":\"国内已经发布了79个大模型。\"}\n";
    fs::write(&docs, line).unwrap();
    let out = bin()
        .args(["extract", "--jsonl-in", "-o", s(&docs)])
        .stdin(fs::File::open(&docs).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("stdin"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&docs).unwrap(), line);
}

#[test]
fn own_reports_in_a_folder_are_not_read() {
    let (dir, _) = article_dir();
    for name in ["report.html", "report.md", "report.txt"] {
        let out = run(
            &["report", s(dir.path()), "-o", s(&dir.path().join(name))],
            None,
        );
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
    }
    let table = dir.path().join("claims.txt");
    let out = run(&["extract", s(dir.path()), "-o", s(&table)], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(fs::read_to_string(&table).unwrap().contains("79"));
    let out = run(&["extract", "--format", "jsonl", s(dir.path())], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let sources: Vec<String> = String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["source"].to_string())
        .collect();
    assert_eq!(sources, ["\"a\""], "only the article is read");
    let err = stderr(&out);
    for name in ["report.html", "report.md", "report.txt", "claims.txt"] {
        assert!(err.contains(name), "{name} named as not read: {err}");
    }
    // Rewriting a report inside the folder it reads works.
    let html = dir.path().join("report.html");
    let out = run(&["report", s(dir.path()), "-o", s(&html)], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// The temporary files an interrupted run may leave behind.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(claimcheck::output::is_temp_name)
        })
        .collect()
}

#[test]
fn a_killed_run_leaves_the_previous_output() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("claims.jsonl");
    fs::write(&out_path, "previous\n").unwrap();
    let mut child = bin()
        .args(["extract", "--jsonl-in", "-o", s(&out_path)])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all("{\"id\":\"a\",\"text\":\"国内已经发布了79个大模型。\"}\n".as_bytes())
        .unwrap();
    stdin.flush().unwrap();
    // Wait until the first document's claims are in the temporary file, then kill.
    let start = Instant::now();
    loop {
        let written = temp_files(dir.path())
            .iter()
            .any(|p| fs::metadata(p).is_ok_and(|m| m.len() > 0));
        if written {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no temporary output appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(fs::read_to_string(&out_path).unwrap(), "previous\n");
}

#[cfg(unix)]
#[test]
fn a_failed_write_names_the_file_and_leaves_the_previous_output() {
    let (dir, _) = article_dir();
    let html = dir.path().join("r.html");
    fs::write(&html, "previous").unwrap();
    // A 1 KiB file size limit makes the write fail (EFBIG, SIGXFSZ ignored) half way.
    let script = format!(
        "trap '' XFSZ; ulimit -f 1; exec '{}' report '{}' -o '{}'",
        env!("CARGO_BIN_EXE_claimcheck"),
        s(&dir.path().join("a.txt")),
        s(&html)
    );
    let out = Command::new("sh").args(["-c", &script]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("r.html"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&html).unwrap(), "previous");
    assert!(temp_files(dir.path()).is_empty(), "temporary file removed");
    // A device that is full.
    if Path::new("/dev/full").exists() {
        let out = run(&["report", "--format", "text", "-o", "/dev/full"], None);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("/dev/full"), "{}", stderr(&out));
    }
}

#[test]
fn arguments_that_cannot_work_are_refused() {
    let (dir, file) = article_dir();
    let here = dir.path().to_str().unwrap().to_string();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["report", "no/such/dir"],
            "no/such/dir: no such file or directory",
        ),
        (
            vec!["report", "--fx", "no/fx.toml"],
            "no/fx.toml: no such file or directory",
        ),
        (
            vec!["report", "-o", &here, "--format", "md"],
            "is a directory",
        ),
        (
            vec!["report", "-o", "no/such/dir/r.html"],
            "no/such/dir/r.html: ",
        ),
        (
            vec!["extract", s(&file), "no/such.txt"],
            "no/such.txt: no such file or directory",
        ),
        (vec!["report", "-o", "out.pdf"], "text|md|json|html"),
        (vec!["extract", "-o", "out.xlsx"], "table|csv|json|jsonl"),
        (vec!["extract", "--excel", "--format", "json"], "--excel"),
    ];
    for (args, expected) in cases {
        let out = run(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty(), "{args:?}: no work done");
    }
    assert!(!Path::new("out.pdf").exists() && !Path::new("out.xlsx").exists());
    // -o FILE.csv alone means CSV.
    let csv = dir.path().join("c.csv");
    let out = run(&["extract", s(&file), "-o", s(&csv)], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(fs::read_to_string(&csv).unwrap().starts_with("claim_id,"));
}

#[test]
fn no_color_is_respected() {
    // `--color auto` colours only a terminal; tests have none, so check the rule's two
    // sides: always colours, and auto with NO_COLOR does not.
    let out = run(&["report", "--color", "always"], None);
    assert!(out.stdout.contains(&0x1b));
    let out = bin()
        .args(["report", "--color", "auto"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&0x1b));
}

#[test]
fn stream_lines_that_cannot_be_read_are_skipped_and_named() {
    let mut input = Vec::new();
    input.extend_from_slice(
        "\u{feff}{\"id\":\"a\",\"text\":\"国内已经发布了79个大模型。\"}\n".as_bytes(),
    );
    input.extend_from_slice(b"\xff\xfe not utf-8\n");
    input.extend_from_slice(b"{\"id\": 1}\n");
    input.extend_from_slice(
        "{\"id\":\"b\",\"text\":\"目前国内的大模型数量已增加至116个。\"}\r\n".as_bytes(),
    );
    let out = run(&["extract", "--jsonl-in"], Some(&input));
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("stdin:2:1: not UTF-8"), "{err}");
    assert!(err.contains("stdin:3:"), "{err}");
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "the BOM line and the CRLF line are read");

    let out = run(
        &["quantities"],
        Some(b"\xef\xbb\xbf79\xe4\xb8\xaa\n\xff\n116\xe4\xb8\xaa\n"),
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("stdin:2:1: not UTF-8"));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 2);
    assert!(!text.contains('\u{feff}'), "BOM dropped");
}

#[test]
fn report_claims_skips_bad_lines_and_names_them() {
    let (dir, file) = article_dir();
    let out = run(&["extract", "--format", "jsonl", s(&file)], None);
    let line = String::from_utf8(out.stdout).unwrap();
    let line = line.trim_end();
    let mut swapped: serde_json::Value = serde_json::from_str(line).unwrap();
    swapped["claim_id"] = "other-id".into();
    swapped["low"] = "100".into();
    let claims = dir.path().join("c.jsonl");
    fs::write(
        &claims,
        format!("\u{feff}{line}\n{{\"bad\n{line}\n{swapped}\n"),
    )
    .unwrap();
    let out = run(
        &["report", "--format", "json", "--claims", s(&claims)],
        None,
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("c.jsonl:2:"), "{err}");
    assert!(err.contains("c.jsonl:3: duplicate claim id"), "{err}");
    assert!(err.contains("c.jsonl:4: low 100 is above high 79"), "{err}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["claims"].as_array().unwrap().len(), 1);
}

#[test]
fn reports_escape_article_text_for_their_medium() {
    let dir = tempfile::tempdir().unwrap();
    let text = "国内已经发布了79个大模型<script>x()</script>`|`<img src=x onerror=y()>\u{1b}[2J\u{1b}]0;owned\u{7}完。\n";
    let file = dir.path().join("a|b<i>`c`.txt");
    fs::write(&file, text).unwrap();

    let out = run(&["report", "--format", "md", s(&file)], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("79"), "{md}");
    for raw in ["<script", "<img", "<i>", "\u{1b}", "\u{7}", "`|`", "a|b"] {
        assert!(!md.contains(raw), "{raw:?} unescaped in:\n{md}");
    }
    assert!(md.contains("&lt;script&gt;"), "{md}");
    // Every table row keeps its column count: no cell's `|` splits it.
    for row in md.lines().filter(|l| l.starts_with("| g")) {
        let cells = row.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 7, "{row}");
    }

    for args in [
        vec!["report", "--format", "text", "--color", "never", s(&file)],
        vec!["extract", "--format", "table", s(&file)],
    ] {
        let out = run(&args, None);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let shown = String::from_utf8(out.stdout).unwrap();
        assert!(shown.contains("79"), "{args:?}: {shown}");
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?}: control characters reach the terminal: {shown:?}"
        );
    }
}

#[test]
fn documents_are_identified_by_their_path_in_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("a/index.txt", "据统计国内已经发布了79个大模型。\n"),
        ("b/index.txt", "据统计国内已经发布了79个大模型。\n"),
        ("top.txt", "目前国内的大模型数量已增加至116个。\n"),
    ] {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let out = run(&["extract", "--format", "jsonl", s(dir.path())], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let claims: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let sources: Vec<&str> = claims
        .iter()
        .map(|c| c["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["a/index", "b/index", "top"]);
    assert_ne!(claims[0]["claim_id"], claims[1]["claim_id"]);

    let out = run(&["report", "--format", "html", s(dir.path())], None);
    let html = String::from_utf8(out.stdout).unwrap();
    let anchors: Vec<&str> = html
        .match_indices("id=\"src-")
        .map(|(i, _)| {
            let rest = &html[i + 4..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    let mut unique = anchors.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), anchors.len(), "anchors repeat: {anchors:?}");
    assert!(anchors.len() >= 3, "{anchors:?}");
}

#[test]
fn a_whole_article_on_one_comma_separated_line_gives_bounded_quotes() {
    // ~100 KB, one sentence of 2,000 clauses, each with a figure.
    let clauses: Vec<String> = (1..=2000)
        .map(|n| format!("第{n}家公司已经发布了{}个大模型", n % 497 + 2))
        .collect();
    let text = clauses.join(",") + "。\n";
    assert!(text.len() > 90_000);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.txt");
    fs::write(&file, &text).unwrap();
    let out = run(&["extract", "--format", "jsonl", s(&file)], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let chars: Vec<char> = text.chars().collect();
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() >= 400, "{}", lines.len());
    for c in &lines {
        let quote = c["quote"].as_str().unwrap();
        let (a, b) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[a..b].iter().collect::<String>(),
            quote,
            "exact offsets"
        );
        assert!(quote.contains(c["value_text"].as_str().unwrap()), "{quote}");
        assert!(
            quote.chars().count() <= 2 * claimcheck::extract::QUOTE_CONTEXT_CHARS + 20,
            "{}",
            quote.chars().count()
        );
        for m in c["mentions"].as_array().unwrap() {
            assert!(m["quote"].as_str().unwrap().chars().count() <= 400);
        }
    }
    // Output grows with the input, not its square (it was 2,000 quotes of 100 KB).
    // Time is not asserted here (a shared machine's load decides it): the README's
    // speed table measures one-line articles of 1, 3 and 10 MB.
    assert!(
        out.stdout.len() < 40 * text.len(),
        "{} bytes",
        out.stdout.len()
    );
}
