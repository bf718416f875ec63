"""The grouping path at growing N: JSONL in, stories out (ingest, clean, text and group stages).

Usage: .venv/bin/python bench/bench_group.py [--sizes 10000 100000] [--embeddings auto]

Each size is a fresh generated corpus (8 articles a story, ~1 KB articles), written by one child
process and analysed by another, so peak RSS is that run's own. Memory is reported twice: the run's
own peak RSS, and the peak of
the whole process tree (the run plus its forked workers) summed as PSS, which counts a page the
workers share with the run once; the tree figure is the one held against the 8 GB goal. Prints
articles/s, peak RSS, the seconds of each stage, the story
B-cubed F1 against the generator's truth, and how time grows with N (the exponent of N between
consecutive sizes: 1.0 is linear). The peer for the dedup part is bench/bench_dedup.py.
Acceptance (issue 3): 10^6 articles in <= 20 min with peak RSS <= 8 GB.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import multiprocessing as mp
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the eval package


def _generate(n: int, path: str, out: mp.Queue) -> None:
    from storytrace.testing.generator import GeneratorConfig, write_corpus

    info = write_corpus(Path(path), GeneratorConfig(stories=max(n // 8, 1), per_story=8, seed=3))
    out.put({"n_articles": info["n_articles"], "truth_path": info["truth_path"]})


def _run(path: str, info: dict, embeddings: str, out: mp.Queue) -> None:
    from eval.metrics import bcubed
    from storytrace.config import Config
    from storytrace.pipeline import analyze

    t0 = time.perf_counter()
    result = analyze([path], Config(quiet=True, embeddings=embeddings), stages=["clean", "text", "group"])
    secs = time.perf_counter() - t0
    # the run's own peak, taken before the truth file (1 GB at 10^6) is read for scoring
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.put("analysed")  # the process tree's sampler stops here: scoring is not the run
    truth = json.loads(Path(info["truth_path"]).read_text())
    gold = {a: s for s, ids in truth["stories"].items() for a in ids}
    story_of = {a: s.id for s in result.stories for a in s.articles}
    for g in result.duplicates:
        for m in g.members:
            story_of.setdefault(m, story_of.get(g.representative, m))
    f1 = bcubed({a: story_of.get(a, a) for a in gold}, gold)[2]
    stages = {k.removeprefix("seconds_"): v for k, v in result.stats.items() if k.startswith("seconds_")}
    out.put(
        {
            "n": info["n_articles"],
            "secs": secs,
            "rss": rss,
            "stages": stages,
            "stories": len(result.stories),
            "f1": f1,
        }
    )


def _tree_pss_mb(pid: int) -> float:
    """Proportional set size of a process and all its descendants, in MB."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0
    for proc in procs:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            total += proc.memory_full_info().pss
    return total / 2**20


def _sample_peak(pid: int, peak: list[float], stop: threading.Event) -> None:
    """Keep ``[peak MB, seconds since start at the peak]`` (the second tells which stage)."""
    start = time.perf_counter()
    while not stop.wait(1.0):
        mb = _tree_pss_mb(pid)
        if mb > peak[0]:
            peak[:] = [mb, time.perf_counter() - start]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--embeddings", default="auto")
    args = ap.parse_args()
    rows = []
    ctx = mp.get_context("spawn")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as d:
            path = str(Path(d) / "c.jsonl")
            q = ctx.Queue()
            gen = ctx.Process(target=_generate, args=(n, path, q))  # its own process: not in the run's memory
            gen.start()
            info = q.get()
            gen.join()
            p = ctx.Process(target=_run, args=(path, info, args.embeddings, q))
            p.start()
            peak, stop = [0.0, 0.0], threading.Event()
            sampler = threading.Thread(target=_sample_peak, args=(p.pid, peak, stop), daemon=True)
            sampler.start()
            q.get()
            stop.set()
            sampler.join()
            r = q.get()
            p.join()
        r["tree"], r["tree_at"] = peak
        rows.append(r)
        stages = ", ".join(f"{k} {v:.1f}s" for k, v in r["stages"].items())
        print(
            f"N={r['n']:,}: {r['secs']:.1f} s, {r['n'] / r['secs']:,.0f} articles/s, peak RSS {r['rss']:,.0f} MB "
            f"(process tree PSS {r['tree']:,.0f} MB at {r['tree_at']:.0f} s "
            f"from the start), "
            f"{r['stories']:,} stories, story B3 F1 {r['f1']:.3f} ({stages})",
            flush=True,
        )
    for a, b in zip(rows, rows[1:], strict=False):
        k = math.log(b["secs"] / a["secs"]) / math.log(b["n"] / a["n"])
        print(f"time grows as N^{k:.2f} from {a['n']:,} to {b['n']:,}")
    last = rows[-1]
    if last["n"] >= 1_000_000:
        ok = last["secs"] <= 1200 and max(last["rss"], last["tree"]) <= 8192
        print(f"acceptance 10^6 in <= 20 min, <= 8 GB: {'met' if ok else 'missed'}")


if __name__ == "__main__":
    main()
