"""AllSides (NeuS) one-beat story clusters: pool the reports and recover the clusters.

Usage: .venv/bin/python -m eval.allsides [--split val] [--backend auto|e5|static] [--online]
       [--shuffled K] [--limit N] [--seed S]

Every cluster is three reports (headline and lead) of one US-politics story by outlets of
different lean; many clusters share the same people (a president, a party, Congress), so this
measures exactly "same people is not same story". No publication times are given.

The group stage runs as a user runs it (``storytrace.group.run``; ``--online`` places the pool
through the online index, in 5 batches, as ``--state`` does; in the file's order a cluster's three
reports nearly always arrive in one batch, so ``--shuffled K`` also measures them arriving in any
batch, with K shuffles of the order). A TF-IDF average-linkage baseline
is measured in the same run on the same documents; its one threshold is chosen on the train
split (on ``--limit`` clusters of it), never on val. Reads ../shared/benchdata/allsides-neus at
run time (never copied). Lead vectors are cached under ~/.cache/storytrace.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

import numpy as np

from eval.metrics import bcubed
from storytrace.config import Config
from storytrace.group import run
from storytrace.model import Article, Corpus

ROOT = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchdata" / "allsides-neus" / "clusters.jsonl"


def load(split: str, limit: int | None, seed: int) -> list[tuple[Article, str]]:
    rows = [json.loads(line) for line in ROOT.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r["split"] == split]
    if limit and limit < len(rows):
        rows = random.Random(seed).sample(rows, limit)
    out = []
    for r in rows:
        for k, d in enumerate(r["docs"]):
            out.append((Article(id=f"{split}-{r['idx']}-{k}", title=d["title"], text=d["text"], language="en"),
                        str(r["idx"])))
    return out


def tfidf_labels(texts: list[str], threshold: float) -> list[int]:
    from scipy.cluster.hierarchy import fcluster, linkage
    from sklearn.feature_extraction.text import TfidfVectorizer

    m = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts)
    sim = (m @ m.T).toarray()
    dist = np.clip(1.0 - sim, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    from scipy.spatial.distance import squareform

    z = linkage(squareform(dist, checks=False), method="average")
    return [int(x) for x in fcluster(z, t=1.0 - threshold, criterion="distance")]


def score(labels: dict[str, object], docs: list[tuple[Article, str]]) -> tuple[float, float, float]:
    return bcubed(labels, {a.id: gold for a, gold in docs})


def group_labels(docs: list[tuple[Article, str]], backend: str, online: bool, order: int | None = None
                 ) -> dict[str, object]:
    """Article id -> story; ``order``: the online batches take the pool shuffled with this seed."""
    arts = [a.model_copy() for a, _ in docs]
    if order is not None:
        random.Random(order).shuffle(arts)
    if not online:
        corpus = run(Corpus(articles=arts), Config(embeddings=backend))
        pred: dict[str, object] = {a: k for k, s in enumerate(corpus.stories) for a in s.articles}
    else:
        with tempfile.TemporaryDirectory() as state:
            step = -(-len(arts) // 5)
            dups = []
            for s in range(0, len(arts), step):
                batch = run(Corpus(articles=arts[s : s + step]),
                            Config(embeddings=backend, stages={"group": {"state": state}}))
                dups += batch.duplicates
            from storytrace.group.story_index import StoryIndex

            index = StoryIndex.load(state)
            pred = {a: r for r, ms in enumerate(index.members) for a in ms}
            corpus = Corpus(duplicates=dups)
    for g in corpus.duplicates:
        for m in g.members:
            pred.setdefault(m, pred.get(g.representative, -1))
    for a in arts:  # the index keeps no article without text: each is its own story
        pred.setdefault(a.id, f"alone-{a.id}")
    return pred


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="val")
    ap.add_argument("--backend", default="auto")
    ap.add_argument("--online", action="store_true", help="place the pool through the online index in 5 batches")
    ap.add_argument("--shuffled", type=int, default=0, metavar="K",
                    help="with --online, also K runs with the pool in shuffled order (a story's reports in any batch)")
    ap.add_argument("--limit", type=int, default=300, help="clusters of the split (and of train for the baseline)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-cache", action="store_true")
    args = ap.parse_args()
    if not ROOT.exists():
        sys.exit(f"allsides-neus not found at {ROOT}")
    if not args.no_cache:
        from eval.ecbplus import cache_embeddings

        cache_embeddings()
    docs = load(args.split, args.limit, args.seed)
    train = load("train", args.limit, args.seed + 1)
    text = [f"{a.title}\n{a.text}" for a, _ in train]
    best_t, best_f = 0.0, -1.0
    for t in np.arange(0.05, 0.60, 0.025):
        lab = tfidf_labels(text, float(t))
        f = score({a.id: lab[i] for i, (a, _) in enumerate(train)}, train)[2]
        if f > best_f:
            best_t, best_f = float(t), f
    lab = tfidf_labels([f"{a.title}\n{a.text}" for a, _ in docs], best_t)
    bp, br, bf = score({a.id: lab[i] for i, (a, _) in enumerate(docs)}, docs)
    print(f"{args.split}: {len(docs)} reports of {len(docs) // 3} clusters")
    print(f"TF-IDF average linkage (threshold {best_t:.3f} chosen on train, F1 {best_f:.3f} there): "
          f"B3 P={bp:.3f} R={br:.3f} F1={bf:.3f}")
    pred = group_labels(docs, args.backend, args.online)
    p, r, f = score(pred, docs)
    sizes = sorted((list(pred.values()).count(x) for x in set(pred.values())), reverse=True)
    print(f"storytrace ({args.backend}{', online in 5 batches' if args.online else ''}): {len(set(pred.values()))} "
          f"stories (largest {sizes[:5]}), B3 P={p:.3f} R={r:.3f} F1={f:.3f}; vs baseline {f - bf:+.3f}")
    for k in range(args.shuffled if args.online else 0):
        p, r, f = score(group_labels(docs, args.backend, True, order=k + 1), docs)
        print(f"  online, pool shuffled (seed {k + 1}): B3 P={p:.3f} R={r:.3f} F1={f:.3f}; vs baseline {f - bf:+.3f}")


if __name__ == "__main__":
    main()
