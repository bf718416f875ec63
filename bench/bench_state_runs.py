"""A corpus fed in ``--state`` runs: every run grouping the index's articles again (the default
while the index holds at most ``group.regroup_max``) against the index placing each run alone
(``regroup_max`` 0, what every run past that size does), and one run over everything (the peer).

Usage: .venv/bin/python bench/bench_state_runs.py [--corpus generated|ecbplus] [--n 2000] [--runs 10]

The corpus is cleaned once (clean and text stages) and its articles shuffled (seed 1), so a
story's reports arrive in any run; then each way runs the group stage alone on each run's
articles, with a fresh state directory. Prints each way's seconds (all runs, and the last run:
what a user waits for once the index is full) and the B-cubed F1 of the index's stories against
the truth (the generator's; ``ecbplus`` reads ECB+ from ../shared/benchdata, events as truth).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the eval package


def _corpus(kind: str, n: int) -> tuple[list, dict[str, str]]:
    from storytrace.config import Config
    from storytrace.model import Article, Corpus
    from storytrace.pipeline import analyze, run_pipeline

    if kind == "ecbplus":
        from eval.ecbplus import load

        docs = load()
        corpus = run_pipeline(Corpus(articles=[Article(id=d["id"], text=d["text"]) for d in docs]),
                              Config(quiet=True), ["clean", "text"])
        return corpus.articles, {d["id"]: d["event"] for d in docs}
    import json

    from storytrace.testing.generator import GeneratorConfig, write_corpus

    tmp = Path(tempfile.mkdtemp())
    info = write_corpus(tmp / "c.jsonl", GeneratorConfig(stories=max(n // 8, 1), per_story=8, seed=3))
    truth = json.loads(Path(info["truth_path"]).read_text())
    gold = {a: s for s, ids in truth["stories"].items() for a in ids}
    return analyze([tmp / "c.jsonl"], Config(quiet=True), stages=["clean", "text"]).articles, gold


def _score(story_of: dict[str, str], corpus_dups: list, gold: dict[str, str]) -> float:
    from eval.metrics import bcubed

    for g in corpus_dups:
        for m in g.members:
            story_of.setdefault(m, story_of.get(g.representative, m))
    return bcubed({a: story_of.get(a, a) for a in gold}, gold)[2]


def main() -> None:
    from storytrace.config import Config
    from storytrace.group import run
    from storytrace.group.story_index import StoryIndex
    from storytrace.model import Corpus

    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="generated", choices=["generated", "ecbplus"])
    ap.add_argument("--n", type=int, default=2_000, help="generated articles")
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    articles, gold = _corpus(args.corpus, args.n)
    random.Random(1).shuffle(articles)
    step = -(-len(articles) // args.runs)
    parts = [articles[s : s + step] for s in range(0, len(articles), step)]
    print(f"{args.corpus}: {len(articles):,} articles in {len(parts)} --state runs of up to {step:,}")

    t0 = time.perf_counter()
    one = run(Corpus(articles=[a.model_copy() for a in articles]), Config(quiet=True))
    t_one = time.perf_counter() - t0
    f_one = _score({a: s.id for s in one.stories for a in s.articles}, one.duplicates, gold)
    print(f"  peer, one run over everything: {t_one:.1f} s, story F1 {f_one:.3f}")

    times: dict[str, list[float]] = {}
    for name, group in (("every run groups the index again", {}), ("the index places each run", {"regroup_max": 0})):
        with tempfile.TemporaryDirectory() as state:
            dups, secs = [], []
            for part in parts:
                t0 = time.perf_counter()
                out = run(Corpus(articles=[a.model_copy() for a in part]),
                          Config(quiet=True, stages={"group": {"state": state, **group}}))
                secs.append(time.perf_counter() - t0)
                dups += out.duplicates
            index = StoryIndex.load(state)
            f1 = _score({a: index.ids[r] for a, r in index.story_of.items()}, dups, gold)
        times[name] = secs
        print(f"  {name}: {sum(secs):.1f} s (last run {secs[-1]:.1f} s), story F1 {f1:.3f}")
    (a, ta), (b, tb) = times.items()
    print(f"  ratio, all runs: {sum(ta) / sum(tb):.2f}x the index alone, {sum(ta) / t_one:.2f}x one run; "
          f"last run: {ta[-1] / tb[-1]:.2f}x the index alone")


if __name__ == "__main__":
    main()
