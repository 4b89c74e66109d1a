//! Runs over many files: workers that live for the run give the same bytes on any
//! number of threads, progress stays off stdout and off a stderr that is no terminal,
//! every claim carries the key the checker groups it by, and claims split across
//! files give the same report as one file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn claimcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("binary runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn bundled() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

/// The bundled articles copied `copies` times into a folder, in two subfolders (the
/// first copies in `a`, the others in `b`, so that walk order is name order), so
/// that a run has many files of uneven lengths.
fn many_files(copies: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (n, path) in (0..copies).flat_map(|c| bundled().into_iter().map(move |p| (c, p))) {
        let sub = dir.path().join(if n < copies / 2 { "a" } else { "b" });
        std::fs::create_dir_all(&sub).unwrap();
        let name = format!("{n:03}_{}", path.file_name().unwrap().to_string_lossy());
        std::fs::copy(&path, sub.join(name)).unwrap();
    }
    dir
}

#[test]
fn one_and_two_workers_write_the_same_bytes() {
    let dir = many_files(6);
    let dir = dir.path().to_str().unwrap();
    for format in ["jsonl", "json", "csv", "table"] {
        let one = ok(&claimcheck(&[
            "extract", "-j", "1", "--format", format, dir,
        ]));
        let two = ok(&claimcheck(&[
            "extract", "-j", "2", "--format", format, dir,
        ]));
        let three = ok(&claimcheck(&[
            "extract",
            "--threads",
            "3",
            "--format",
            format,
            dir,
        ]));
        assert!(one.lines().count() > 100, "{format}: {one}");
        assert_eq!(one, two, "{format}: -j 1 and -j 2 differ");
        assert_eq!(one, three, "{format}: -j 1 and -j 3 differ");
    }
    // Files come out in input order: every claim of a file before the next file's.
    let jsonl = ok(&claimcheck(&[
        "extract", "-j", "2", "--format", "jsonl", dir,
    ]));
    let sources: Vec<String> = jsonl
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["source"].to_string())
        .collect();
    let mut runs = sources.clone();
    runs.dedup();
    let mut sorted = runs.clone();
    sorted.sort();
    assert_eq!(runs, sorted, "files out of order");
    assert_eq!(runs.len(), 30);
}

#[test]
fn zero_threads_is_refused() {
    let out = claimcheck(&["extract", "-j", "0"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn no_progress_when_stderr_is_not_a_terminal() {
    let dir = many_files(2);
    let out = claimcheck(&["extract", "--format", "jsonl", dir.path().to_str().unwrap()]);
    let claims = ok(&out);
    assert!(claims.lines().count() > 50);
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!claims.contains("files,"), "progress on stdout");
}

/// On a terminal (a pseudo-terminal from `script`), `extract` and `report` draw the bar
/// on stderr, and `--quiet` turns it off. Skipped where `script` is missing.
#[test]
fn progress_on_a_terminal_unless_quiet() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` to give the run a terminal");
        return;
    }
    let dir = many_files(2);
    let bin = env!("CARGO_BIN_EXE_claimcheck");
    let run = |command: &str, quiet: &str| {
        let command = format!(
            "{bin} {command} {quiet} -j 1 -o /dev/null {}",
            dir.path().display()
        );
        let out = Command::new("script")
            .args(["-qefc", &command, "/dev/null"])
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    for command in ["extract --format jsonl", "report --format json"] {
        let shown = run(command, "");
        assert!(
            shown.contains("files,") && shown.contains("claims"),
            "{command}: {shown:?}"
        );
        let quiet = run(command, "--quiet");
        assert!(!quiet.contains("files,"), "{command}: {quiet:?}");
    }
}

/// `claimcheck extract --format jsonl PATH`, its output.
fn extract_jsonl(path: impl AsRef<Path>) -> String {
    ok(&claimcheck(&[
        "extract",
        "--format",
        "jsonl",
        path.as_ref().to_str().unwrap(),
    ]))
}

fn claims_of(jsonl: &str) -> Vec<serde_json::Value> {
    jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The articles to split: the dev corpus when it is beside the repository, else the
/// bundled ones.
fn articles() -> PathBuf {
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev/articles");
    if dev.is_dir() {
        dev
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
    }
}

#[test]
fn claims_carry_the_key_the_checker_groups_by() {
    let dir = tempfile::tempdir().unwrap();
    let articles = articles();
    let jsonl = extract_jsonl(&articles);
    let claims = claims_of(&jsonl);
    assert!(claims.iter().all(|c| c.get("group_key").is_some()));
    let file = dir.path().join("claims.jsonl");
    std::fs::write(&file, &jsonl).unwrap();
    let report: serde_json::Value = serde_json::from_str(&ok(&claimcheck(&[
        "report",
        "--format",
        "json",
        "--claims",
        file.to_str().unwrap(),
    ])))
    .unwrap();
    // (source, claim id) → the claim's group_key, and → the report's group.
    let key_of: BTreeMap<(String, String), Option<String>> = claims
        .iter()
        .map(|c| {
            (
                (c["source"].to_string(), c["claim_id"].to_string()),
                c["group_key"].as_str().map(String::from),
            )
        })
        .collect();
    let mut keys_of_group: BTreeMap<String, Vec<Option<String>>> = BTreeMap::new();
    for c in report["claims"].as_array().unwrap() {
        let id = (c["source"].to_string(), c["claim_id"].to_string());
        let key = key_of
            .get(&id)
            .expect("a reported claim was extracted")
            .clone();
        keys_of_group
            .entry(c["group"].to_string())
            .or_default()
            .push(key);
    }
    assert!(keys_of_group.len() > 10);
    let mut groups_of_key: BTreeMap<String, usize> = BTreeMap::new();
    for keys in keys_of_group.values() {
        // One group, one key; a claim without a key is a group of its own.
        if keys[0].is_none() {
            assert_eq!(keys.len(), 1, "{keys:?}");
            continue;
        }
        assert!(keys.iter().all(|k| k == &keys[0]), "{keys:?}");
        *groups_of_key.entry(keys[0].clone().unwrap()).or_default() += 1;
    }
    // Different groups, different keys (a key splits only by currency without a rate).
    let split = groups_of_key.values().filter(|&&n| n > 1).count();
    assert!(split * 20 <= groups_of_key.len(), "{groups_of_key:?}");
    // Figures of kind `other` are never grouped.
    assert!(
        claims
            .iter()
            .filter(|c| c["kind"] == "other")
            .all(|c| c["group_key"].is_null())
    );
}

#[test]
fn claims_split_across_files_in_any_order_give_the_same_report() {
    let dir = tempfile::tempdir().unwrap();
    let articles = articles();
    let jsonl = extract_jsonl(&articles);
    let lines: Vec<&str> = jsonl.lines().collect();
    assert!(lines.len() > 50);
    let whole = dir.path().join("all.jsonl");
    std::fs::write(&whole, &jsonl).unwrap();
    let report = |files: &[PathBuf]| {
        let mut args = vec!["report", "--format", "json", "--claims"];
        args.extend(files.iter().map(|f| f.to_str().unwrap()));
        ok(&claimcheck(&args))
    };
    let one = report(std::slice::from_ref(&whole));
    // Four files, claims dealt out of order (a fixed shuffle: a stride prime to the
    // number of lines), the files named in yet another order.
    let mut parts = vec![String::new(); 4];
    let n = lines.len();
    let gcd = |mut a: usize, mut b: usize| {
        while b != 0 {
            (a, b) = (b, a % b);
        }
        a
    };
    let stride = (7..).find(|&s| gcd(s, n) == 1).unwrap();
    for k in 0..n {
        let i = (k * stride + 3) % n;
        parts[k % 4].push_str(lines[i]);
        parts[k % 4].push('\n');
    }
    assert_eq!(parts.iter().map(|p| p.lines().count()).sum::<usize>(), n);
    let files: Vec<PathBuf> = [2, 0, 3, 1]
        .iter()
        .map(|&p| {
            let f = dir.path().join(format!("part{p}.jsonl"));
            std::fs::write(&f, &parts[p]).unwrap();
            f
        })
        .collect();
    let split = report(&files);
    assert!(one.contains("\"groups\""));
    assert_eq!(one, split, "the report depends on how claims are split");
    // And the same as the report on the documents themselves: the claims carry their
    // documents' titles and authors, so origins are named and counted alike.
    let direct = ok(&claimcheck(&[
        "report",
        "--format",
        "json",
        articles.to_str().unwrap(),
    ]));
    assert_eq!(
        direct, one,
        "report --claims differs from report on the files"
    );
}

/// `--jsonl-in` reads a document's text as the file loader reads a file's: the same
/// claims, dates and source title for a text with a `# date:`/`# source:` header.
#[test]
fn a_json_document_is_read_as_its_file_would_be() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let text = "# source: 示例新闻 Example News\n# date: 2023-05-01\n\n据统计,国内已经发布了79个大模型。\n另有报道称,今年大模型数量达到116个。\n";
    std::fs::write(dir.path().join("doc.txt"), text).unwrap();
    let from_file = extract_jsonl(dir.path());
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["extract", "--jsonl-in"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let doc = serde_json::json!({"id": "doc", "text": text});
    writeln!(child.stdin.take().unwrap(), "{doc}").unwrap();
    let from_json = ok(&child.wait_with_output().unwrap());
    assert_eq!(from_file, from_json);
    let claims = claims_of(&from_json);
    assert!(claims.len() >= 2, "{from_json}");
    assert!(claims.iter().all(|c| c["published"] == "2023-05-01"));
    assert!(claims.iter().all(|c| c["source_title"].is_string()));
}
