//! Checker benchmark: `claimcheck report --claims` on generated claims, or `report` on the
//! bundled articles repeated to a size. Prints wall time and peak resident memory.
//!
//! ```sh
//! cargo bench --bench check                      # 1,000,000 claims in 10,000 groups
//! cargo bench --bench check -- 200000 2000       # other sizes
//! cargo bench --bench check -- --bundled 80      # the bundled articles repeated to 80 MB
//! cargo bench --bench check -- --write FILE 1000000 10000   # only write the claims file
//! ```
//!
//! One mode per run, since peak memory is the process's. The claims file is written first,
//! one claim at a time (the generator holds nothing), then the `report` command runs on it
//! exactly as the binary would, on one core (the checker is single-threaded).

use claimcheck::claim::{AsOfSource, Claim, PartialDate};
use claimcheck::commands::{self, ReportOptions};
use claimcheck::export::{ClaimFormat, write_claims};
use claimcheck::interval::{Bound, Interval};
use claimcheck::quantity::{Currency, Per, Qualifier, Unit};
use claimcheck::report::Format;
use rust_decimal::Decimal;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Peak resident set of this process (VmHWM), in MB.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const FAMILIES: &[(&str, &str, &str, Unit, Option<Per>)] = &[
    (
        "model_count",
        "model_count",
        "LLMs released",
        Unit::Count,
        None,
    ),
    ("model_count", "org_count", "LLM makers", Unit::Count, None),
    ("gpu", "gpu_count", "GPUs ordered", Unit::Count, None),
    (
        "price",
        "price",
        "API price per input token",
        Unit::Money(Currency::USD),
        Some(Per::Mtok),
    ),
    (
        "funding",
        "funding",
        "funding round",
        Unit::Money(Currency::CNY),
        None,
    ),
    ("loss", "loss", "net loss", Unit::Money(Currency::USD), None),
    ("share", "share", "share", Unit::Percent, None),
];

const SPEAKERS: &[&str] = &[
    "IDC",
    "Gartner",
    "中国信通院",
    "赛迪顾问",
    "腾讯研究院",
    "据FT报道",
    "摩根士丹利",
    "星海情报局",
];

/// Claim `n` of `total` spread over `groups`: each group has documents, speakers, dates and
/// values around its own base, with some disagreement, some vague bounds and no date.
fn generate(n: usize, groups: usize, rng: &mut Rng) -> Claim {
    let g = n % groups;
    let (family, kind, measure, unit, per) = FAMILIES[g % FAMILIES.len()];
    let base = 50 + (g as u64 * 7919) % 5000;
    // About a hundred documents per group out of 5,000, each its own sentence; one claim
    // in twenty copies a wire sentence (a repost: the same origin as the original).
    let doc = (n / groups * 37 + g * 11) % 5000;
    let month = 1 + rng.below(12) as u32;
    let spread = rng.below(100);
    let value = if spread < 70 {
        base
    } else {
        base + rng.below(base)
    };
    let (low, high, qualifier, low_open) = match rng.below(10) {
        0 => (Some(value), None, Qualifier::Over, true),
        1 => (Some(value), Some(value * 10), Qualifier::Range, false),
        2 => (Some(value), Some(value), Qualifier::Approx, false),
        _ => (Some(value), Some(value), Qualifier::Exact, false),
    };
    let dated = rng.below(10) < 8;
    let speaker = (rng.below(3) > 0).then(|| SPEAKERS[rng.below(SPEAKERS.len() as u64) as usize]);
    let written = format!("{value}");
    Claim {
        claim_id: format!("{doc:04}-{kind}-{n:08x}"),
        source: format!("{doc:04}_bench"),
        kind: kind.into(),
        family: family.into(),
        subject: format!("Company {g}"),
        measure: measure.into(),
        noun: None,
        value: Interval::new(
            low.map(|v| Bound::new(Decimal::from(v), low_open)),
            high.map(|v| Bound::closed(Decimal::from(v))),
        ),
        unit,
        per,
        qualifier,
        value_text: written.clone(),
        as_of: dated.then(|| PartialDate::month(2023, month)),
        as_of_source: if dated {
            AsOfSource::Text
        } else {
            AsOfSource::Unknown
        },
        as_of_text: None,
        published: None,
        speaker: speaker.map(str::to_string),
        quote: if n.is_multiple_of(20) {
            format!("据统计，第{g}家公司的这项指标在{month}月达到了{written}，同比明显增长。")
        } else {
            format!("第{doc}号报道称，第{g}家公司的这项指标在{month}月为{written}。")
        },
        line: 1 + n % 200,
        start: 0,
        end: 0,
        rule: format!("bench.{kind}"),
        mentions: Vec::new(),
        converts: None,
    }
}

fn write_generated(path: &Path, total: usize, groups: usize) {
    let mut out = BufWriter::new(std::fs::File::create(path).expect("temp file"));
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut batch = Vec::with_capacity(1024);
    for n in 0..total {
        batch.push(generate(n, groups, &mut rng));
        if batch.len() == 1024 {
            write_claims(&mut out, &batch, ClaimFormat::Jsonl, false).expect("write");
            batch.clear();
        }
    }
    write_claims(&mut out, &batch, ClaimFormat::Jsonl, false).expect("write");
    out.flush().expect("flush");
}

/// The bundled articles, digits shifted per copy so figures vary, written into `dir` until
/// `mb` megabytes, with the bundled `sources.toml` beside them.
fn write_bundled(dir: &Path, mb: usize) -> usize {
    let mut articles: Vec<(String, String)> = std::fs::read_dir("data")
        .expect("run from the repository root")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            (stem, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    articles.sort();
    let mut bytes = 0;
    let mut n = 0;
    while bytes < mb * 1_000_000 {
        let (stem, text) = &articles[n % articles.len()];
        let shift = (n / articles.len() % 10) as u8;
        let shifted: String = text
            .chars()
            .map(|c| match c {
                '0'..='9' => (b'0' + (c as u8 - b'0' + shift) % 10) as char,
                _ => c,
            })
            .collect();
        std::fs::write(dir.join(format!("{stem}_{n:05}.txt")), &shifted).expect("write");
        bytes += shifted.len();
        n += 1;
    }
    n
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--bench"))
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let report_out = dir.path().join("report.txt");
    let options = |paths: Vec<PathBuf>, claims: Vec<PathBuf>| ReportOptions {
        paths,
        format: Some(Format::Text),
        output: Some(report_out.clone()),
        fail_on_conflict: false,
        claims,
        color: false,
        rules: None,
        fx: None,
        all_pairs: false,
        threads: 0,
        progress: false,
    };
    if args.first().map(String::as_str) == Some("--bundled") {
        let mb: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(80);
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).expect("corpus dir");
        let files = write_bundled(&corpus, mb);
        let start = Instant::now();
        let status = commands::report(
            &options(vec![corpus], Vec::new()),
            &mut std::io::stdout(),
            &mut |n| eprintln!("claimcheck: {n}"),
            |_| {},
        )
        .expect("report runs");
        let secs = start.elapsed().as_secs_f64();
        let size = std::fs::metadata(&report_out).map_or(0, |m| m.len());
        println!(
            "report on the bundled articles repeated to {mb} MB ({files} files): {secs:.1} s \
             (extraction on all cores, check and text report), peak RSS {:.0} MB, report {:.1} MB, {status:?}",
            peak_rss_mb().unwrap_or(f64::NAN),
            size as f64 / 1e6
        );
        return;
    }
    if args.first().map(String::as_str) == Some("--write") {
        // Only write the claims file, e.g. to time the binary on it with /usr/bin/time.
        let path = PathBuf::from(args.get(1).expect("--write FILE [CLAIMS GROUPS]"));
        let total = args
            .get(2)
            .and_then(|s| s.parse().ok())
            .unwrap_or(1_000_000);
        let groups = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(10_000);
        write_generated(&path, total, groups);
        return;
    }
    let total: usize = args
        .first()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let groups: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let claims_file = dir.path().join("claims.jsonl");
    let start = Instant::now();
    write_generated(&claims_file, total, groups);
    let size = std::fs::metadata(&claims_file).map_or(0, |m| m.len());
    println!(
        "generated {total} claims in {groups} groups: {:.0} MB of JSON lines in {:.1} s (peak RSS so far {:.0} MB)",
        size as f64 / 1e6,
        start.elapsed().as_secs_f64(),
        peak_rss_mb().unwrap_or(f64::NAN)
    );
    let start = Instant::now();
    let status = commands::report(
        &options(Vec::new(), vec![claims_file]),
        &mut std::io::stdout(),
        &mut |n| eprintln!("claimcheck: {n}"),
        |_| {},
    )
    .expect("report runs");
    let secs = start.elapsed().as_secs_f64();
    let out = std::fs::metadata(&report_out).map_or(0, |m| m.len());
    println!(
        "report --claims: {secs:.1} s on one core, peak RSS {:.0} MB, text report {:.0} MB, {status:?}",
        peak_rss_mb().unwrap_or(f64::NAN),
        out as f64 / 1e6
    );
}
