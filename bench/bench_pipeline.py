"""The whole default pipeline (every stage, default embeddings) on real or generated articles.

Usage: .venv/bin/python bench/bench_pipeline.py --corpus ecbplus [--limit 100] [--profile out.prof]
       .venv/bin/python bench/bench_pipeline.py --corpus trafilatura
       .venv/bin/python bench/bench_pipeline.py --corpus generated --n 10000
       .venv/bin/python bench/bench_pipeline.py --corpus folder --path some/folder

Two child processes analyse the same articles in the same run: the grouping path (clean, text,
group) and the whole default pipeline (clean ... brief). Each prints its seconds per stage,
articles/s and peak RSS (its own ``ru_maxrss`` and, separately, the largest of its worker
processes); the line ``ratio`` is whole pipeline seconds / grouping path seconds.

Inputs: ECB+ (eval/ecbplus.py's loader; topics' XML joined into plain text), the trafilatura
evaluation pages (HTML), generated articles (storytrace.testing.generator; for scale only, never
a quality claim) or any folder. ECB+ texts go to a temporary JSONL file deleted at the end (the
benchmark data is read at run time, never copied into the project).
Acceptance (issue 17): ECB+ (982) and the trafilatura pages (345) at >= 10 articles/s on the
2-core machine, peak RSS <= 3 GB.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))  # the eval package (its loaders)
SHARED = HERE / ".." / "shared" / "benchdata"
GROUPING = ["clean", "text", "group"]
# the run's work counts worth printing (pipeline.run_pipeline, align.stage)
COUNTS = (
    "embedded_texts",
    "embedding_cache_hits",
    "paraphrase_pairs_read",
    "paraphrase_pairs_max_story",
    "paraphrase_pairs_per_story",
)


def _prepare(args: argparse.Namespace, tmp: Path) -> list[str]:
    """The input paths for ``analyze`` (written under ``tmp`` where the corpus needs it)."""
    if args.corpus == "ecbplus":
        from eval import ecbplus

        if not ecbplus.ROOT.exists():
            sys.exit(f"ECB+ not found at {ecbplus.ROOT}")
        docs = ecbplus.load()[: args.limit or None]
        path = tmp / "ecbplus.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps({"id": d["id"], "text": d["text"]}) + "\n")
        return [str(path)]
    if args.corpus == "trafilatura":
        pages = sorted((SHARED / "trafilatura-pages" / "pages").glob("*.html"))
        if not pages:
            sys.exit("trafilatura pages not found under ../shared/benchdata")
        return [str(p) for p in pages[: args.limit or None]]
    if args.corpus == "generated":
        from storytrace.testing.generator import GeneratorConfig, write_corpus

        path = tmp / "generated.jsonl"
        write_corpus(
            path,
            GeneratorConfig(stories=max(args.n // 8, 1), per_story=8, seed=3, background=args.background),
        )
        return [str(path)]
    if not args.path:
        sys.exit("--corpus folder needs --path")
    return [args.path]


def _run(paths: list[str], stages: list[str], embeddings: str, profile: str | None, out: mp.Queue) -> None:
    from storytrace.config import Config
    from storytrace.pipeline import analyze

    prof = None
    if profile:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    t0 = time.perf_counter()
    result = analyze(paths, Config(quiet=True, embeddings=embeddings), stages=stages)
    secs = time.perf_counter() - t0
    if prof is not None:
        prof.disable()
        prof.dump_stats(profile)
    out.put(
        {
            "secs": secs,
            "articles": len(result.articles),
            "stories": len(result.stories),
            "stages": {
                k.removeprefix("seconds_"): v for k, v in result.stats.items() if k.startswith("seconds_")
            },
            "counts": {k: v for k, v in result.stats.items() if k in COUNTS},
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "workers_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        }
    )


def _child(paths: list[str], stages: list[str], embeddings: str, profile: str | None) -> dict:
    # a fresh process per run: its peak RSS and its model loads are its own
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_run, args=(paths, stages, embeddings, profile, q))
    p.start()
    res = q.get()
    p.join()
    return res


def _load() -> str:
    # other developers share the machine: every figure carries its load
    import os

    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def _show(name: str, r: dict) -> None:
    stages = " ".join(f"{k}={v:.1f}s" for k, v in r["stages"].items())
    print(
        f"{name:9s} {r['articles']} articles, {r['stories']} stories in {r['secs']:.1f} s "
        f"({r['articles'] / r['secs']:.2f} articles/s), peak RSS {r['rss_mb']:.0f} MB "
        f"(largest worker {r['workers_rss_mb']:.0f} MB); {_load()} at its end\n          {stages}"
        + "".join(f"\n          {k}={v}" for k, v in r.get("counts", {}).items()),
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", choices=["ecbplus", "trafilatura", "generated", "folder"], default="ecbplus")
    ap.add_argument("--limit", type=int, default=0, help="first N articles of ECB+ / the pages (0 = all)")
    ap.add_argument("--n", type=int, default=1000, help="generated articles")
    ap.add_argument(
        "--background", type=int, default=5, help="generated background paragraphs (5: ~3 KB articles)"
    )
    ap.add_argument("--path")
    ap.add_argument("--embeddings", default="auto")
    ap.add_argument("--skip-grouping", action="store_true", help="only the whole pipeline (no ratio)")
    ap.add_argument("--profile", help="write the whole pipeline's cProfile stats here and print the top")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = _prepare(args, Path(tmp))
        print(f"start: {_load()}", flush=True)
        group = None if args.skip_grouping else _child(paths, GROUPING, args.embeddings, None)
        if group:
            _show("grouping", group)
        full = _child(
            paths,
            ["clean", "text", "group", "align", "provenance", "facts", "brief"],
            args.embeddings,
            args.profile,
        )
        _show("pipeline", full)
    if group:
        print(f"ratio     whole pipeline / grouping path = {full['secs'] / group['secs']:.2f}")
    if args.profile:
        import pstats

        pstats.Stats(args.profile).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
