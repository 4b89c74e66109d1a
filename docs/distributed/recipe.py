#!/usr/bin/env python3
"""claimcheck on Dask: extraction as a map over documents, the report as a reduce by
`group_key`, checked against one-process runs of the same binary.

    python3 docs/distributed/recipe.py CORPUS_DIR --bin target/release/claimcheck

Steps (docs/distributed.md explains each):

 0. documents: the corpus folder written as a JSON-lines archive, one document a line
    ({"id", "text", "published", "url", "title"}), in as many files as partitions;
 1. map: Dask reads the archive (`bag.read_text`) and pipes each partition through
    `claimcheck extract --jsonl-in` (`bag.map_partitions`);
 2. shuffle: claims are repartitioned by a stable hash of their `group_key`, so that
    every group's claims meet in one partition (`bag.groupby`);
 3. per-partition reduce: `claimcheck report --claims PART --format json` on each
    partition, in the engine;
 4. final reduce: `claimcheck report --claims PART...` over all partition files, the
    one report.

Then it checks, and exits 1 when one of the strict checks fails:

 A. the engine's claims are exactly those `claimcheck extract DIR` writes in one
    process (as a multiset of JSON lines);
 B. the final report equals `claimcheck report --claims ONE_RUN` (parsed JSON);
 C. every group of the per-partition reports is a group of the one-run report with
    the same claims (per-partition verdicts may differ only in origins, see the doc);
 D. against `claimcheck report DIR` run directly on the documents: the same report,
    origins included (each claim carries its document's title and bylines).

Outputs go to --work (a temporary folder by default); nothing is written beside the
corpus.
"""

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter
from pathlib import Path

import dask
import dask.bag as db

# ---------------------------------------------------------------------------------------
# 0. Documents as JSON lines: what an archive in a data lake looks like.



def document_of(path, sources):
    """One file as a JSON document for `claimcheck extract --jsonl-in`: its text as it
    is (claimcheck reads a `# source:`/`# date:` header or front matter in it as it does
    in a file), and what `sources.toml` beside the file says of it (publication date,
    address, title), which a file run reads from there.
    """
    doc = {"id": path.stem, "text": path.read_text(encoding="utf-8")}
    info = sources.get(path.stem, {})
    for key in ("published", "url", "title"):
        if info.get(key) is not None:
            doc[key] = str(info[key])
    return doc


def copy_corpus(corpus, out_dir, copies):
    """`copies` copies of the corpus's .txt files in one folder (`007-NAME.txt`), with a
    `sources.toml` keyed accordingly: a larger corpus of the same texts, for timings."""
    out_dir.mkdir(parents=True)
    sources_file = corpus / "sources.toml"
    sources = {}
    if sources_file.is_file():
        sources = tomllib.loads(sources_file.read_text(encoding="utf-8")).get("sources", {})
    table = []
    for path in sorted(p for p in corpus.iterdir() if p.suffix == ".txt" and p.is_file()):
        for c in range(copies):
            stem = f"{c:03}-{path.stem}"
            shutil.copyfile(path, out_dir / f"{stem}.txt")
            if path.stem in sources:
                table.append(f"[sources.{json.dumps(stem)}]")
                table += [f"{k} = {json.dumps(str(v), ensure_ascii=False)}" for k, v in sources[path.stem].items()]
    if table:
        (out_dir / "sources.toml").write_text("\n".join(table) + "\n", encoding="utf-8")
    return out_dir


def write_archive(corpus, out_dir, partitions):
    """The corpus's .txt files as `partitions` JSON-lines files; returns bytes written."""
    sources_file = corpus / "sources.toml"
    sources = {}
    if sources_file.is_file():
        sources = tomllib.loads(sources_file.read_text(encoding="utf-8")).get("sources", {})
    files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt" and p.is_file())
    if not files:
        sys.exit(f"recipe: no .txt files in {corpus}")
    out_dir.mkdir(parents=True)
    outs = [open(out_dir / f"docs-{i:03}.jsonl", "w", encoding="utf-8") for i in range(partitions)]
    for n, path in enumerate(files):
        doc = document_of(path, sources)
        outs[n % partitions].write(json.dumps(doc, ensure_ascii=False) + "\n")
    for f in outs:
        f.close()
    return len(files), sum(p.stat().st_size for p in files)


# ---------------------------------------------------------------------------------------
# The engine's tasks. Each runs the claimcheck binary on its partition; they are plain
# functions of their input, so Dask (or Spark's RDD.pipe, or Beam) may run them anywhere.


def extract_partition(lines, binary):
    """Map: a partition of JSON documents → its claims, as JSON lines."""
    docs = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    if not docs:
        return []
    out = subprocess.run(
        [binary, "extract", "--jsonl-in"],
        input=docs.encode("utf-8"),
        capture_output=True,
        check=True,
    )
    return out.stdout.decode("utf-8").splitlines()


def shuffle_key(line, partitions):
    """The partition a claim goes to: a stable hash of the key the checker groups by.

    A claim without a `group_key` is a group of its own (empty subject) or of kind
    `other` (never checked); it may go anywhere, so it is spread by its own id.
    """
    claim = json.loads(line)
    key = claim.get("group_key")
    if key is None:
        key = "\0" + claim["source"] + "\0" + claim["claim_id"]
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % partitions


def report_partition(part, binary, work):
    """Per-partition reduce: the claims of whole groups → their report (JSON)."""
    number, keyed = part
    path = Path(work) / f"claims-{number:03}.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for _, line in keyed:
            f.write(line + "\n")
    out = subprocess.run(
        [binary, "report", "--format", "json", "--claims", str(path)],
        capture_output=True,
        check=True,
    )
    return [(number, str(path), len(keyed), json.loads(out.stdout))]


# ---------------------------------------------------------------------------------------
# Comparisons.


def group_content(group, claims_by_id):
    """A group without what names it in one report (`id`, `related` group ids), its
    claims in full by id, and their order apart (it follows origins, among others)."""
    g = {k: v for k, v in group.items() if k not in ("id", "related")}
    g["claims"] = [claims_by_id[c] for c in sorted(group["claims"])]
    g["claim_order"] = group["claims"]
    return g


def claim_content(claim):
    return {k: v for k, v in claim.items() if k != "group"}


def groups_of(report):
    """Groups keyed by their claim ids, each with its claims in full."""
    by_id = {c["claim_id"]: claim_content(c) for c in report["claims"]}
    return {tuple(sorted(g["claims"])): group_content(g, by_id) for g in report["groups"]}


# Fields that follow from the origins the checker counts: a claims file carries each
# claim's source, not its document's title or byline, so these may differ between
# `report --claims` and `report DIR` (docs/distributed.md, "What differs").
ORIGIN_FIELDS = {
    "origin", "source_title", "reason", "verdict", "origins", "origins_in_conflict",
    "counts", "conflicts", "conflicts_complete", "clusters", "clusters_total", "in_conflict",
    "claim_order",
}


def diff_fields(a, b, prefix=""):
    """Names of the fields (dotted, claims by id) where a and b differ."""
    out = set()
    for k in set(a) | set(b):
        if a.get(k) == b.get(k):
            continue
        if k == "claims" and isinstance(a.get(k), list):
            for ca, cb in zip(a[k], b.get(k, [])):
                out |= {f"claim.{f}" for f in diff_fields(ca, cb)}
        else:
            out.add(prefix + k)
    return out


def compare_direct(direct, final):
    """Check D: (strict problems, differences in origin-derived fields)."""
    problems, soft = [], Counter()
    a, b = groups_of(direct), groups_of(final)
    if set(a) != set(b):
        only_direct = len(set(a) - set(b))
        only_final = len(set(b) - set(a))
        problems.append(
            f"groups differ: {only_direct} only in the direct report, {only_final} only in the distributed one"
        )
    for key in set(a) & set(b):
        for field in diff_fields(a[key], b[key]):
            name = field.split(".")[-1]
            if name in ORIGIN_FIELDS:
                soft[field] += 1
            else:
                problems.append(f"group {key[0]}…: {field} differs")
    for field in ("groups", "claims", "excluded", "sources"):
        if direct["summary"][field] != final["summary"][field]:
            problems.append(f"summary.{field}: {direct['summary'][field]} vs {final['summary'][field]}")
    return problems, soft


# ---------------------------------------------------------------------------------------


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, check=True, **kw).stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help="a folder of .txt articles (sources.toml optional)")
    ap.add_argument("--bin", default="target/release/claimcheck", help="the claimcheck binary")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--scheduler", default="threads", choices=["processes", "threads", "sync"])
    ap.add_argument("--shuffle", default="tasks", choices=["tasks", "disk"],
                    help="Dask's shuffle method for the groupby")
    ap.add_argument("--copies", type=int, default=1,
                    help="run on this many copies of the corpus (made in the work folder)")
    ap.add_argument("--work", type=Path, help="folder for outputs (default: a new temporary one)")
    args = ap.parse_args()
    binary = str(Path(args.bin).resolve())
    corpus = args.corpus.resolve()
    work = (args.work or Path(tempfile.mkdtemp(prefix="claimcheck-dask-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    P = args.partitions
    times = {}
    if args.copies > 1:
        corpus = copy_corpus(corpus, work / "corpus", args.copies)

    t = time.perf_counter()
    n_files, n_bytes = write_archive(corpus, work / "archive", P)
    times["0 archive (driver)"] = time.perf_counter() - t

    dask.config.set(scheduler=args.scheduler, num_workers=args.workers)
    parts_dir = work / "partitions"
    parts_dir.mkdir()

    # 1. map: documents → claims, kept in the engine (persist) for the shuffle and for
    # check A.
    docs = db.read_text(str(work / "archive" / "docs-*.jsonl"), blocksize=None)
    t = time.perf_counter()
    claims = docs.map_partitions(extract_partition, binary).persist()
    times["1 map: extract --jsonl-in per partition (Dask)"] = time.perf_counter() - t

    # 2. shuffle by group_key, 3. per-partition reduce.
    keyed = claims.map(lambda line: (shuffle_key(line, P), line))
    grouped = keyed.groupby(lambda kv: kv[0], npartitions=P, shuffle=args.shuffle)
    reports = grouped.map_partitions(
        lambda ps: [r for p in ps for r in report_partition(p, binary, str(parts_dir))]
    )
    t = time.perf_counter()
    engine_claims, partition_reports = dask.compute(claims, reports)
    times["2-3 shuffle by group_key, report per partition (Dask)"] = time.perf_counter() - t
    partition_reports.sort()

    # 4. final reduce: every partition's claims into one report.
    part_files = [p for _, p, _, _ in partition_reports]
    t = time.perf_counter()
    final = json.loads(run([binary, "report", "--format", "json", "--claims", *part_files]))
    times["4 final report over the partition files"] = time.perf_counter() - t

    # One-process runs of the same binary on the same documents.
    t = time.perf_counter()
    one_claims = run([binary, "extract", "--format", "jsonl", str(corpus)]).decode("utf-8")
    times["one process: extract DIR"] = time.perf_counter() - t
    (work / "one-run.jsonl").write_text(one_claims, encoding="utf-8")
    t = time.perf_counter()
    one_report = json.loads(
        run([binary, "report", "--format", "json", "--claims", str(work / "one-run.jsonl")])
    )
    times["one process: report --claims ONE_RUN"] = time.perf_counter() - t
    t = time.perf_counter()
    direct = json.loads(run([binary, "report", "--format", "json", str(corpus)]))
    times["one process: report DIR"] = time.perf_counter() - t
    for name, value in [("final", final), ("one-run", one_report), ("direct", direct)]:
        (work / f"report-{name}.json").write_text(
            json.dumps(value, ensure_ascii=False, indent=1), encoding="utf-8"
        )

    failed = []
    print(f"corpus {corpus}: {n_files} files, {n_bytes} bytes; {P} partitions, "
          f"{args.workers} workers ({args.scheduler}); outputs in {work}")
    sizes = [n for _, _, n, _ in partition_reports]
    print(f"  claims per partition after the shuffle: {sizes}")

    # A. the map is exact.
    same = Counter(engine_claims) == Counter(one_claims.splitlines())
    print(f"A map:   {len(engine_claims)} claims from the engine, "
          f"{len(one_claims.splitlines())} from `extract DIR`: {'same' if same else 'DIFFERENT'}")
    if not same:
        failed.append("A")

    # B. the reduce is exact.
    same = final == one_report
    print(f"B final: report over {P} partition files vs `report --claims` on one file: "
          f"{'same' if same else 'DIFFERENT'} ({final['summary']['groups']} groups, "
          f"{final['summary']['conflicts']} conflicts)")
    if not same:
        failed.append("B")

    # C. every partition holds whole groups.
    whole = groups_of(one_report)
    seen, origin_only, other = 0, Counter(), []
    for _, _, _, rep in partition_reports:
        for key, group in groups_of(rep).items():
            seen += 1
            if key not in whole:
                other.append(key)
                continue
            for field in diff_fields(whole[key], group):
                if field.split(".")[-1] in ORIGIN_FIELDS:
                    origin_only[field] += 1
                else:
                    other.append((key, field))
    ok = not other and seen == len(whole)
    print(f"C parts: {seen} groups in the per-partition reports, {len(whole)} in the one-run "
          f"report: {'same groups' if ok else 'DIFFERENT'}"
          + (f"; origin-derived fields differ: {dict(origin_only)}" if origin_only else
             "; every group identical"))
    if not ok:
        failed.append("C")
        for o in other[:10]:
            print(f"    {o}")

    # D. against the report on the documents themselves.
    problems, soft = compare_direct(direct, final)
    print(f"D direct: `report DIR` vs the distributed report: "
          f"{'same claims, groups and figures' if not problems else 'DIFFERENT'}"
          + (f"; origin-derived fields differ: {dict(soft)}" if soft else "; identical"))
    for p in problems[:10]:
        print(f"    {p}")
    if problems or soft:
        failed.append("D")

    print("timings (wall, s):")
    for name, seconds in times.items():
        print(f"  {seconds:7.2f}  {name}")
    if failed:
        print(f"FAIL: check {', '.join(failed)}")
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
