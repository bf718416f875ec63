"""Ingest + clean + text throughput and peak RSS on a generated JSONL corpus, against a floor peer.

The peer is the least any such tool must do per article: ``json.loads``, blingfire sentence
splitting and py3langid language id, in one plain loop. Both run in this process on one file;
the ratio (storytrace articles/s / peer articles/s) is what to watch.

    .venv/bin/python bench/bench_ingest.py [--articles 100000]

Acceptance (issue 2): >= 1,500 articles/s on 2 cores, peak RSS <= 2 GB.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path


def _peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux; for children: the largest one


def peer(path: Path) -> int:
    import blingfire
    import py3langid

    n = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            blingfire.text_to_sentences_and_offsets(rec["text"])
            py3langid.classify(rec["text"][:400])
            n += 1
    return n


def _cpu() -> tuple[float, float]:
    """CPU seconds (user+sys) of this process and of its finished worker processes."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def ours(path: Path) -> dict[str, tuple[float, float]]:
    """Run ingest, then clean+text; the (parent, workers) CPU seconds of each part."""
    from storytrace.config import Config
    from storytrace.pipeline import ingest, run_pipeline

    config = Config()
    c0 = _cpu()
    corpus = ingest([path], config)
    c1 = _cpu()
    run_pipeline(corpus, config, ["clean", "text"])
    c2 = _cpu()
    return {"ingest": (c1[0] - c0[0], c1[1] - c0[1]), "clean+text": (c2[0] - c1[0], c2[1] - c1[1])}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--background", type=int, default=10,
                    help="background paragraphs per original (10 gives ~3 KB articles)")
    args = ap.parse_args()
    from storytrace.testing.generator import GeneratorConfig, write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        t = time.perf_counter()
        truth = write_corpus(path, GeneratorConfig(stories=max(args.articles // 8, 1), per_story=8, seed=1,
                                                           background=args.background))
        n = truth["n_articles"]
        del truth
        size = path.stat().st_size
        print(f"generated {n} articles, {size / n:.0f} B/article, {time.perf_counter() - t:.1f}s")

        t = time.perf_counter()
        peer(path)
        peer_rate = n / (time.perf_counter() - t)
        print(f"peer (json.loads + blingfire + py3langid): {peer_rate:,.0f} articles/s")

        rss0 = _peak_rss_mb()
        t = time.perf_counter()
        split = ours(path)
        wall = time.perf_counter() - t
        rate = n / wall
        rss = _peak_rss_mb()
        child = _peak_rss_mb(resource.RUSAGE_CHILDREN)
        print(f"storytrace ingest+clean+text: {rate:,.0f} articles/s, peak RSS {rss:,.0f} MB "
              f"(before the run {rss0:,.0f} MB; largest worker process {child:,.0f} MB, mostly pages "
              f"shared with the parent by fork)")
        print(f"ratio storytrace/peer: {rate / peer_rate:.2f}")
        # The parent's CPU is the part that does not spread over cores; with k cores the wall time
        # is at least max(parent, (parent + workers) / k).
        parent = sum(p for p, _ in split.values())
        workers = sum(w for _, w in split.values())
        parts = ", ".join(f"{name} {p:.1f} + {w:.1f}" for name, (p, w) in split.items())
        print(f"CPU seconds parent + workers: {parts}; total {parent:.1f} + {workers:.1f} = "
              f"{parent + workers:.1f} s ({(parent + workers) / n * 1e3:.2f} ms/article) in {wall:.1f} s wall")
        print(f"acceptance >= 1,500 articles/s: {'met' if rate >= 1500 else 'missed'}; "
              f"peak RSS <= 2 GB: {'met' if rss <= 2048 else 'missed'}")


if __name__ == "__main__":
    main()
