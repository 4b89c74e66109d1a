//! Full-pipeline benchmark: `cargo bench --bench extract [-- MB]`.
//!
//! Generates a corpus of at least 100 MB (default) from the bundled articles
//! with varied figures, one document at a time (nothing is held), and reports
//! MB/s for normalise + quantities + all bundled rules + subjects + dates on one
//! core and on all cores, the peak resident memory, and — over the same bytes —
//! a plain one-regex number scan as the lower bound on cost.

mod common;

use claimcheck::extract::{DocInput, Extractor};
use claimcheck::rules::RuleSet;
use common::shift_digits;
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Every bundled article with its ASCII digits shifted by 0 to 9, so figures
/// (and claim values) vary from copy to copy. Built once: the timed loops only
/// copy a variant, so the generator costs next to nothing beside extraction.
fn variants(articles: &[String]) -> Vec<String> {
    (0..10u8)
        .flat_map(|shift| articles.iter().map(move |a| shift_digits(a, shift)))
        .collect()
}

/// Document `n` of the corpus: article `n % articles`, digits shifted by
/// `n / articles % 10` (the order `variants` builds them in).
fn generate(variants: &[String], n: usize) -> String {
    variants[n % variants.len()].clone()
}

fn docs_for(corpus: &[String], target_bytes: usize) -> usize {
    let mut bytes = 0;
    let mut n = 0;
    while bytes < target_bytes {
        bytes += corpus[n % corpus.len()].len();
        n += 1;
    }
    n
}

/// CPU time of the current thread in seconds (Linux schedstat): on a shared
/// machine it leaves out the time other jobs held the core.
fn thread_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Bytes, claims and the busiest thread's CPU seconds.
fn run(
    extractor: &Extractor,
    corpus: &[String],
    docs: usize,
    threads: usize,
) -> (usize, usize, Option<f64>) {
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || {
                    // Each thread its own regexes: clones do not share the
                    // regex crate's cache pool, whose non-owner path locks.
                    let rules = extractor.rules().clone();
                    let extractor = Extractor::new(&rules);
                    let (mut bytes, mut claims) = (0, 0);
                    let cpu_start = thread_cpu_secs();
                    for n in (t..docs).step_by(threads) {
                        let text = generate(corpus, n);
                        bytes += text.len();
                        let doc = DocInput::plain("bench", &text, None);
                        claims += extractor.extract(&doc).len();
                    }
                    let cpu = thread_cpu_secs().zip(cpu_start).map(|(b, a)| b - a);
                    (bytes, claims, cpu)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .fold((0, 0, Some(0.0)), |a, b| {
                let cpu = a.2.zip(b.2).map(|(x, y): (f64, f64)| x.max(y));
                (a.0 + b.0, a.1 + b.1, cpu)
            })
    })
}

fn peak_rss_mb() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or("unknown".into(), |kb| format!("{:.1} MB", kb / 1024.0))
}

fn mb_per_s(bytes: usize, secs: f64) -> f64 {
    bytes as f64 / 1e6 / secs
}

fn main() {
    let megabytes: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100);
    let texts: Vec<String> = common::bundled_articles()
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    let corpus = variants(&texts);
    let rules = RuleSet::bundled().expect("bundled rules");
    let extractor = Extractor::new(&rules);
    let docs = docs_for(&corpus, megabytes * 1_000_000);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());

    // Warm up: jieba's dictionary and the regex caches.
    run(&extractor, &corpus, corpus.len() / 10, 1);
    if std::env::args().any(|a| a == "--extract-only") {
        // For instruction counts under callgrind: one thread, nothing else.
        let (bytes, claims, _) = run(&extractor, &corpus, docs, 1);
        println!("{bytes} bytes, {claims} claims");
        return;
    }

    let numbers = regex::Regex::new(r"[0-9]+(?:\.[0-9]+)?").unwrap();
    let start = Instant::now();
    let (mut bytes, mut found) = (0, 0);
    for n in 0..docs {
        let text = generate(&corpus, n);
        bytes += text.len();
        found += numbers.find_iter(&text).count();
    }
    let scan = start.elapsed().as_secs_f64();
    let generate_only = {
        let start = Instant::now();
        let mut total = 0;
        for n in 0..docs {
            total += generate(&corpus, n).len();
        }
        assert_eq!(total, bytes);
        start.elapsed().as_secs_f64()
    };

    let start = Instant::now();
    let (b1, c1, cpu1) = run(&extractor, &corpus, docs, 1);
    let one = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let (b2, c2, _) = run(&extractor, &corpus, docs, cores);
    let all = start.elapsed().as_secs_f64();
    assert_eq!((b1, c1), (b2, c2), "same claims whatever the thread count");

    println!(
        "corpus: {docs} documents, {:.1} MB (bundled articles, digits varied)",
        bytes as f64 / 1e6
    );
    println!(
        "generating the text alone: {:.0} MB/s (included below)",
        mb_per_s(bytes, generate_only)
    );
    println!(
        "plain regex number scan (lower bound): {:.0} MB/s, {found} numbers",
        mb_per_s(bytes, scan)
    );
    let cpu_rate = cpu1.map_or("n/a".to_string(), |c| {
        format!("{:.1} MB/s", mb_per_s(b1, c))
    });
    println!(
        "full extraction, 1 thread:  {:.1} MB/s (thread CPU time: {cpu_rate}), {c1} claims",
        mb_per_s(b1, one)
    );
    println!(
        "full extraction, {cores} threads: {:.1} MB/s ({:.2}x)",
        mb_per_s(b2, all),
        one / all
    );
    println!("peak resident memory: {}", peak_rss_mb());
}
