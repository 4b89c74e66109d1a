//! The path users run: `claimcheck extract DIR` as the command runs it — find the
//! files, read, decode, extract, serialise to JSON lines — through the same library
//! function (`commands::extract_files`), on a generated corpus of many files.
//!
//! ```sh
//! cargo bench --bench run                 # 8 MB in ~520 files; 1 and 2 workers, best of 3
//! cargo bench --bench run -- 40 5         # 40 MB, best of 5
//! cargo bench --bench run -- --write DIR 8   # only write the corpus (to time the binary on it)
//! cargo bench --bench run -- --once N 8   # one run on N workers (for callgrind)
//! ```
//!
//! The corpus is the bundled articles with their ASCII digits shifted by 0 to 9 (so
//! figures vary from copy to copy), one file per copy, in folders of 100 files.
//! Output goes to a sink: writing is serialised, then dropped. Each rate is the best
//! of the runs (this machine is shared, so the slower runs measure other jobs); the
//! load average is printed beside it.

mod common;

use claimcheck::commands::{ExtractOptions, extract_files};
use claimcheck::export::ClaimFormat;
use claimcheck::extract::Extractor;
use claimcheck::rules::RuleSet;
use common::shift_digits;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Writes at least `megabytes` MB of articles into `dir`; returns (files, bytes).
fn write_corpus(dir: &Path, megabytes: usize) -> (usize, usize) {
    let articles = common::bundled_articles();
    let (mut files, mut bytes) = (0, 0);
    while bytes < megabytes * 1_000_000 {
        let (stem, text) = &articles[files % articles.len()];
        let shift = (files / articles.len() % 10) as u8;
        let folder = dir.join(format!("{:03}", files / 100));
        std::fs::create_dir_all(&folder).unwrap();
        let text = shift_digits(text, shift);
        std::fs::write(folder.join(format!("{files:05}_{stem}.txt")), &text).unwrap();
        bytes += text.len();
        files += 1;
    }
    (files, bytes)
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// One run of the command's code path; (seconds, claims written, bytes read).
fn run(extractor: &Extractor, dir: &Path, threads: usize) -> (f64, usize, u64) {
    let mut options = ExtractOptions::new(vec![dir.to_path_buf()], ClaimFormat::Jsonl);
    options.threads = threads;
    let start = Instant::now();
    let summary = extract_files(&options, extractor, std::io::sink(), |_| {}).unwrap();
    assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
    (start.elapsed().as_secs_f64(), summary.claims, summary.bytes)
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.first().map(String::as_str) == Some("--write") {
        let dir = PathBuf::from(args.get(1).expect("--write DIR [MB]"));
        let mb = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(8);
        let (files, bytes) = write_corpus(&dir, mb);
        println!("{files} files, {bytes} bytes in {}", dir.display());
        return;
    }
    let once = (args.first().map(String::as_str) == Some("--once")).then(|| {
        args.get(1)
            .and_then(|a| a.parse::<usize>().ok())
            .unwrap_or(1)
    });
    let numbers: Vec<usize> = args
        .iter()
        .skip(if once.is_some() { 2 } else { 0 })
        .filter_map(|a| a.parse().ok())
        .collect();
    let megabytes = numbers.first().copied().unwrap_or(8);
    let repeats = numbers.get(1).copied().unwrap_or(3).max(1);

    let dir = tempfile::tempdir().unwrap();
    let (files, bytes) = write_corpus(dir.path(), megabytes);
    let rules = RuleSet::bundled().expect("bundled rules");
    let extractor = Extractor::new(&rules);
    if let Some(threads) = once {
        let (secs, claims, _) = run(&extractor, dir.path(), threads);
        println!("{files} files, {bytes} bytes, {claims} claims, {secs:.2} s on {threads} workers");
        return;
    }
    // Warm the page cache and jieba's dictionary, as a second run of the command would find them.
    run(&extractor, dir.path(), 1);
    println!(
        "corpus: {files} files, {:.1} MB (bundled articles, digits varied); JSON lines to a sink",
        bytes as f64 / 1e6
    );
    let mut best = Vec::new();
    for threads in [1, 2] {
        let mut rates = Vec::new();
        let mut claims_seen = None;
        for _ in 0..repeats {
            let (secs, claims, read) = run(&extractor, dir.path(), threads);
            assert_eq!(read as usize, bytes);
            assert_eq!(
                *claims_seen.get_or_insert(claims),
                claims,
                "same claims on every run"
            );
            rates.push(bytes as f64 / 1e6 / secs);
        }
        let top = rates.iter().copied().fold(0.0, f64::max);
        println!(
            "extract, {threads} worker(s): best {top:.1} MB/s of {} runs ({}), {} claims, load {}",
            repeats,
            rates
                .iter()
                .map(|r| format!("{r:.1}"))
                .collect::<Vec<_>>()
                .join(" "),
            claims_seen.unwrap_or(0),
            load()
        );
        best.push(top);
    }
    println!("2 workers / 1 worker: {:.2}x", best[1] / best[0]);
}
