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

fn normalize_and_scan(doc: &str) -> usize {
    let norm = text::normalize(doc);
    quantity::scan(&norm.text).len()
}

fn bench(c: &mut Criterion) {
    let doc = corpus();
    // One plain timing, printed as MB/s, besides criterion's own report.
    let t = Instant::now();
    let n = normalize_and_scan(&doc);
    let secs = t.elapsed().as_secs_f64();
    println!(
        "normalize+scan: {:.1} MB in {:.3} s = {:.1} MB/s ({n} quantities)",
        doc.len() as f64 / 1e6,
        secs,
        doc.len() as f64 / 1e6 / secs
    );
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
