//! Throughput of normalisation + quantity scanning over the bundled articles,
//! repeated to at least 20 MB. Run with `cargo bench --bench quantity`.

use claimcheck::{quantity, text};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Instant;

const TARGET_BYTES: usize = 20 * 1024 * 1024;

fn corpus() -> String {
    let mut paths: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))
        .expect("data/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let one: String = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("article is UTF-8"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut all = String::with_capacity(TARGET_BYTES + one.len());
    while all.len() < TARGET_BYTES {
        all.push_str(&one);
        all.push('\n');
    }
    all
}

/// CPU time of the current thread in seconds, from /proc/thread-self/schedstat.
fn thread_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn normalize_and_scan(doc: &str) -> usize {
    let norm = text::normalize(doc);
    quantity::scan(&norm.text).len()
}

fn bench(c: &mut Criterion) {
    let doc = corpus();
    // Plain timings, printed as MB/s besides criterion's report. The machine's
    // cores are shared, so the thread's own CPU time (Linux schedstat) is
    // printed too: it is the single-core figure.
    let mb = doc.len() as f64 / 1e6;
    for (name, run) in [
        (
            "normalize+scan",
            &(|d: &str| normalize_and_scan(d)) as &dyn Fn(&str) -> usize,
        ),
        ("normalize only", &|d: &str| text::normalize(d).text.len()),
    ] {
        let (cpu0, t) = (thread_cpu_secs(), Instant::now());
        let mut n = 0;
        for _ in 0..5 {
            n = run(black_box(&doc));
        }
        let wall = t.elapsed().as_secs_f64() / 5.0;
        let cpu = thread_cpu_secs().zip(cpu0).map(|(b, a)| (b - a) / 5.0);
        let cpu_rate = cpu.map_or("n/a".to_string(), |c| format!("{:.1} MB/s", mb / c));
        println!(
            "{name}: {mb:.1} MB, wall {:.1} MB/s, thread CPU {cpu_rate} ({n})",
            mb / wall
        );
    }
    let mut group = c.benchmark_group("quantity");
    group.throughput(Throughput::Bytes(doc.len() as u64));
    group.sample_size(10);
    group.bench_function("normalize+scan", |b| {
        b.iter(|| normalize_and_scan(black_box(&doc)))
    });
    group.bench_function("normalize only", |b| {
        b.iter(|| text::normalize(black_box(&doc)).text.len())
    });
    group.bench_function("scan only", |b| {
        let norm = text::normalize(&doc);
        b.iter(|| quantity::scan(black_box(&norm.text)).len())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
