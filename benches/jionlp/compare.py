#!/usr/bin/env python3
"""claimcheck against JioNLP's `extract_money` on the same bytes: speed and coverage.

    python3 benches/jionlp/compare.py --bin target/release/claimcheck [--mb 4] [--runs 3]

(benches/jionlp/run.sh makes the venv, builds, and runs this on one core.)

Two corpora, each written to a temporary folder, never into data/:

* `bundled`: the articles in data/, repeated (whole files) to about --mb MB;
* `dev`: the Chinese texts of the dev corpus (../shared/corpus/dev/articles; those whose
  CJK characters are at least a fifth of their letters), repeated the same way.

Speed, best of --runs by wall time and by CPU time (user + system, which does not count
waiting for a core another job holds), on the same bytes for each tool:

* JioNLP: `jionlp.ner.extract_money(line)` on every line, timed inside Python around
  the loop only (the import and its dictionaries are not counted: JioNLP's best case);
* `claimcheck quantities < lines` (every quantity of every line as JSON): the whole
  process;
* `claimcheck extract -j 1 --format jsonl DIR` on the repeated files (claims with kinds,
  subjects, dates, speakers): the whole process.

Coverage, on one copy of each corpus, line by line: every amount JioNLP finds is looked
up among the quantities `claimcheck quantities` finds on that line: a money quantity
(unit an ISO currency code) whose span overlaps JioNLP's with the same value (either
bound, to JioNLP's two decimals) counts as found. The rest are listed by what claimcheck
has there: a money amount of another value, a quantity that is not money, or nothing.
The other way, money quantities of claimcheck that overlap no JioNLP amount are counted.
"""

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEV = REPO.parent / "shared" / "corpus" / "dev" / "articles"
CURRENCY = re.compile(r"^[A-Z]{3}$")


def chinese(path):
    text = path.read_text(encoding="utf-8")
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return cjk >= 0.2 * max(1, cjk + latin)


def corpus_files(name):
    if name == "bundled":
        return sorted((REPO / "data").glob("*.txt"))
    return sorted(p for p in DEV.glob("*.txt") if chinese(p))


def repeat(files, mb, out_dir):
    """Copies of `files` in `out_dir` (`007-NAME.txt`) until about `mb` MB; returns the
    list of copies in order and the lines of all of them."""
    out_dir.mkdir(parents=True)
    size = sum(p.stat().st_size for p in files)
    copies = max(1, round(mb * 1e6 / size))
    written = []
    for c in range(copies):
        for p in files:
            dst = out_dir / f"{c:03}-{p.name}"
            shutil.copyfile(p, dst)
            written.append(dst)
    return written


def lines_of(files):
    return [line for p in files for line in p.read_text(encoding="utf-8").splitlines()]


def cpu_seconds():
    """CPU time of this process and its finished children: unlike wall time, it does
    not count waiting for a core another job holds."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def best(f, runs):
    """(best wall seconds, best CPU seconds) of `runs` runs."""
    wall, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), cpu_seconds()
        f()
        wall.append(time.perf_counter() - t)
        cpu.append(cpu_seconds() - c)
    return min(wall), min(cpu)


def jionlp_money(jio, line):
    return jio.ner.extract_money(line, with_parsing=True)


def values_of(item):
    """JioNLP's parsed value(s) of one amount, as Decimals."""
    num = (item.get("detail") or {}).get("num")
    nums = num if isinstance(num, list) else [num]
    out = []
    for n in nums:
        try:
            out.append(Decimal(str(n)))
        except (InvalidOperation, TypeError):
            pass
    return out


# A numeral character: JioNLP sometimes returns a span with none (`美元,O` = 0.00).
NUMERAL = re.compile(r"[0-9０-９〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億兩]")


def vague(qs, item):
    """The same words read as a vague amount by both, to different bounds (`数亿`:
    JioNLP [1e8, 1e9], claimcheck [2e8, 9e8] — `README.md`, vague counts)."""
    return any(q["text"] in item["text"] or item["text"] in q["text"] for q in qs) and isinstance(
        (item.get("detail") or {}).get("num"), list
    )


def same_value(a, b):
    """Equal to JioNLP's two decimals (it writes `30000.00`)."""
    return abs(a - b) <= max(Decimal("0.005"), abs(b) * Decimal("1e-9"))


def quantities_of(binary, lines):
    out = subprocess.run(
        [binary, "quantities"],
        input="\n".join(lines).encode("utf-8") + b"\n",
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    rows = [json.loads(r) for r in out.splitlines()]
    assert len(rows) == len(lines), (len(rows), len(lines))
    return [r["quantities"] for r in rows]


def coverage(jio, binary, files):
    lines = lines_of(files)
    ours = quantities_of(binary, lines)
    found, other_value, not_money, missed = [], [], [], []
    no_numeral, vague_reading, ours_only = [], [], []
    ours_money = ours_unmatched = 0
    theirs_total = 0
    for n, (line, qs) in enumerate(zip(lines, ours)):
        theirs = jionlp_money(jio, line)
        theirs_total += len(theirs)
        money = [q for q in qs if CURRENCY.match(q["unit"])]
        ours_money += len(money)

        def overlapping(s, e, pool):
            return [q for q in pool if q["start"] < e and s < q["end"]]

        for item in theirs:
            s, e = item["offset"]
            vals = values_of(item)
            row = {
                "line": n + 1,
                "jionlp": item["text"],
                "value": [str(v) for v in vals],
                "currency": (item.get("detail") or {}).get("case"),
                "context": line[max(0, s - 20) : e + 20],
            }
            hit = [
                q
                for q in overlapping(s, e, money)
                if any(same_value(Decimal(q[b]), v) for v in vals for b in ("low", "high") if q[b])
            ]
            if hit:
                found.append(row)
            elif not NUMERAL.search(item["text"]):
                no_numeral.append(row)
            elif vague(overlapping(s, e, money), item):
                row["claimcheck"] = [(q["text"], q["low"], q["high"], q["unit"]) for q in overlapping(s, e, money)]
                vague_reading.append(row)
            elif overlapping(s, e, money):
                row["claimcheck"] = [(q["text"], q["low"], q["high"], q["unit"]) for q in overlapping(s, e, money)]
                other_value.append(row)
            elif overlapping(s, e, qs):
                row["claimcheck"] = [(q["text"], q["low"], q["high"], q["unit"]) for q in overlapping(s, e, qs)]
                not_money.append(row)
            else:
                missed.append(row)
        for q in money:
            if not any(q["start"] < i["offset"][1] and i["offset"][0] < q["end"] for i in theirs):
                ours_unmatched += 1
                ours_only.append({"line": n + 1, "claimcheck": q["text"], "unit": q["unit"]})
    return {
        "no_numeral": no_numeral,
        "vague_reading": vague_reading,
        "claimcheck_only": ours_only,
        "lines": len(lines),
        "jionlp_amounts": theirs_total,
        "found": found,
        "other_value": other_value,
        "not_money": not_money,
        "missed": missed,
        "claimcheck_money": ours_money,
        "claimcheck_money_jionlp_lacks": ours_unmatched,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=str(REPO / "target/release/claimcheck"))
    ap.add_argument("--mb", type=float, default=4.0, help="size of each repeated corpus")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", type=Path, help="output folder (default: a new temporary one)")
    args = ap.parse_args()
    binary = str(Path(args.bin).resolve())
    work = args.work or Path(tempfile.mkdtemp(prefix="claimcheck-jionlp-"))
    t = time.perf_counter()
    import jionlp as jio

    jio.ner.extract_money("预热：约3万美元。")  # loads its dictionaries
    print(f"jionlp {jio.__version__}: import and first call {time.perf_counter() - t:.2f} s")
    print(f"cpu affinity {sorted(os.sched_getaffinity(0))}; load {os.getloadavg()}; outputs in {work}")

    corpora = ["bundled"] + (["dev"] if DEV.is_dir() else [])
    results = {}
    for name in corpora:
        files = corpus_files(name)
        copies = repeat(files, args.mb, work / name)
        lines = lines_of(copies)
        joined = work / f"{name}.lines.txt"
        joined.write_text("\n".join(lines) + "\n", encoding="utf-8")
        nbytes = sum(p.stat().st_size for p in copies)
        mb = nbytes / 1e6

        def run_jionlp():
            for line in lines:
                jionlp_money(jio, line)

        def run_quantities():
            with open(joined, "rb") as f:
                subprocess.run([binary, "quantities"], stdin=f, stdout=subprocess.DEVNULL, check=True)

        def run_extract():
            subprocess.run(
                [binary, "extract", "-j", "1", "-q", "--format", "jsonl", str(work / name)],
                stdout=subprocess.DEVNULL,
                check=True,
            )

        load = os.getloadavg()
        speed = {
            what: [mb / t for t in best(f, args.runs)]
            for what, f in [
                ("jionlp extract_money (loop only)", run_jionlp),
                ("claimcheck quantities (process)", run_quantities),
                ("claimcheck extract -j 1 (process)", run_extract),
            ]
        }
        load_after = os.getloadavg()
        cov = coverage(jio, binary, files)
        results[name] = {"bytes": nbytes, "files": len(copies), "speed_mb_s": speed, "coverage": cov}
        print(f"\n== {name}: {len(files)} texts repeated to {len(copies)} files, {nbytes} bytes, "
              f"{len(lines)} lines; load {load[0]:.2f} before, {load_after[0]:.2f} after")
        base = speed["jionlp extract_money (loop only)"]
        print("  MB/s by wall time, by CPU time (best of each), and the ratios to JioNLP:")
        for what, (wall, cpu) in speed.items():
            print(f"  {wall:8.2f} wall {cpu:8.2f} CPU  {what}  ({wall / base[0]:.1f}x, {cpu / base[1]:.1f}x)")
        print(f"  coverage on one copy ({cov['lines']} lines): JioNLP finds {cov['jionlp_amounts']} amounts; "
              f"claimcheck has {len(cov['found'])} of them with the same value and "
              f"{len(cov['vague_reading'])} vague ones read to other bounds; "
              f"{len(cov['no_numeral'])} JioNLP spans hold no numeral; "
              f"claimcheck has {len(cov['other_value'])} with another value, "
              f"{len(cov['not_money'])} as a quantity that is not money, {len(cov['missed'])} not at all")
        print(f"  claimcheck finds {cov['claimcheck_money']} money amounts; "
              f"{cov['claimcheck_money_jionlp_lacks']} overlap no JioNLP amount, e.g. "
              + ", ".join(sorted({q["claimcheck"] for q in cov["claimcheck_only"]})[:12]))
        for label in ("vague_reading", "no_numeral", "other_value", "not_money", "missed"):
            for row in cov[label]:
                print(f"    [{label}] line {row['line']}: JioNLP {row['jionlp']!r} = {row['value']} "
                      f"{row['currency']}; claimcheck {row.get('claimcheck', '-')}; in …{row['context']}…")
    (work / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
