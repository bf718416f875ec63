"""ECB+ through the group stage as a user runs it, on every path: event B-cubed of held-out topics.

Usage: .venv/bin/python -m eval.ecbplus_paths [--paths auto static online] [--topics 36-45]
       [--shuffled K] [--group rejoin.near_reps=0]

``eval.ecbplus --defaults`` scores the pair score and cut alone, on the features; this runs
``storytrace.group.run`` on the reports (text as ECB+ gives it, no dates but what the text says)
so each path's later steps count too: ``auto`` (batch e5 at this size), ``static`` (batch on the
English static model, then the e5 re-reading steps), ``online`` (the online index, fed in 5 batches
with a state directory, as ``--state`` does; in ECB+'s order an event's reports nearly always
arrive in one batch, so ``--shuffled K`` also feeds them in K shuffled orders, an event's reports in
any batch). The group settings were chosen on topics 1-35
(``eval/tune_stories.py``, ``eval/ecbplus.py``); 36-45 are held out. Reads ../shared/benchdata/ecbplus
at run time (never copied); lead vectors are cached under ~/.cache/storytrace.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile

from eval.ecbplus import ROOT, cache_embeddings, load
from eval.metrics import bcubed
from storytrace.config import Config
from storytrace.group import run
from storytrace.model import Article, Corpus


def stories_of(arts: list[Article], path: str, group: dict | None = None) -> dict[str, object]:
    """Article id -> story on ``path`` (``group``: group options of the run); duplicates follow their
    representative."""
    backend = "static" if path == "static" else "auto"
    group = group or {}
    if path != "online":
        corpus = run(Corpus(articles=[a.model_copy() for a in arts]),
                     Config(embeddings=backend, quiet=True, stages={"group": group}))
        pred: dict[str, object] = {a: s.id for s in corpus.stories for a in s.articles}
        dups = corpus.duplicates
    else:
        from storytrace.group.story_index import StoryIndex

        with tempfile.TemporaryDirectory() as state:
            step, dups = -(-len(arts) // 5), []
            for s in range(0, len(arts), step):
                part = Corpus(articles=[a.model_copy() for a in arts[s : s + step]])
                dups += run(part, Config(quiet=True, stages={"group": {**group, "state": state}})).duplicates
            index = StoryIndex.load(state)
            pred = {a: r for r, ms in enumerate(index.members) for a in ms}
    for g in dups:
        for m in g.members:
            pred.setdefault(m, pred.get(g.representative, m))
    return {a.id: pred.get(a.id, f"alone-{a.id}") for a in arts}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--paths", nargs="+", default=["auto", "static", "online"], choices=["auto", "static", "online"])
    ap.add_argument("--topics", default="36-45", help="first-last topic (36-45: held out)")
    ap.add_argument("--shuffled", type=int, default=0, metavar="K",
                    help="online also with the reports in K shuffled orders (seeds 1..K)")
    ap.add_argument("--group", action="append", default=[], metavar="NAME=VALUE",
                    help="a group option, dotted below group (rejoin.near_reps=0, story.threshold=0.5)")
    args = ap.parse_args()
    if not ROOT.exists():
        sys.exit(f"ECB+ not found at {ROOT}")
    cache_embeddings()
    first, last = (int(x) for x in args.topics.split("-"))
    docs = [d for d in load() if first <= d["topic"] <= last]
    arts = [Article(id=d["id"], text=d["text"], language="en") for d in docs]
    gold = {d["id"]: d["event"] for d in docs}
    print(f"ECB+ topics {first}-{last}: {len(arts)} reports of {len(set(gold.values()))} events")
    group: dict = {}
    for item in args.group:
        name, value = item.split("=", 1)
        *heads, leaf = name.split(".")
        node = group
        for h in heads:
            node = node.setdefault(h, {})
        node[leaf] = value
    for path in args.paths:
        pred = stories_of(arts, path, group)
        p, r, f = bcubed(pred, gold)
        print(f"  {path:7s} event B3 P={p:.3f} R={r:.3f} F1={f:.3f} (goal >= 0.95); {len(set(pred.values()))} stories")
        for k in range(args.shuffled if path == "online" else 0):
            mixed = list(arts)
            random.Random(k + 1).shuffle(mixed)
            p, r, f = bcubed(stories_of(mixed, path, group), gold)
            print(f"  {path:7s} shuffled (seed {k + 1}): event B3 P={p:.3f} R={r:.3f} F1={f:.3f}")


if __name__ == "__main__":
    main()
