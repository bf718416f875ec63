"""Edge kinds and direction on generated corpora with known relations (storytrace.testing.generator).

Run: .venv/bin/python eval/provenance_generated.py [--stories 20] [--seed 1]
Stories are taken from the truth (grouping is evaluated elsewhere); the real stages
clean,text,align,provenance run. Pairs are scored by kind: truth edges plus an `independent`
pair between the original and each member with no parent; every other pair is `none`.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from pathlib import Path

from storytrace.config import Config
from storytrace.model import Story
from storytrace.pipeline import ingest, run_pipeline
from storytrace.testing.generator import GeneratorConfig, write_corpus

KINDS = ("duplicate", "copy", "condensed", "paraphrase", "translation", "shared-source", "independent")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stories", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        truth = write_corpus(path, GeneratorConfig(stories=args.stories, seed=args.seed))
        config = Config(quiet=True)
        corpus = run_pipeline(ingest([path], config), config, ["clean", "text"])
    present = {a.id for a in corpus.articles}
    corpus.stories = [Story(id=s, articles=[a for a in ids if a in present]) for s, ids in truth["stories"].items()]
    corpus = run_pipeline(corpus, config, ["align", "provenance"])

    gold: dict[frozenset, tuple[str, tuple[str, str] | None]] = {}
    for e in truth["edges"]:
        directed = None if e["kind"] == "shared-source" else (e["source"], e["target"])
        gold[frozenset((e["source"], e["target"]))] = (e["kind"], directed)
    for _sid, ids in truth["stories"].items():
        originals = [a for a in ids if truth["articles"][a]["role"] == "original"]
        for a in ids:
            info = truth["articles"][a]
            if originals and info["parent"] is None and a != originals[0] and info["role"] != "paraphrase":
                gold.setdefault(frozenset((originals[0], a)), ("independent", None))
    pred: dict[frozenset, tuple[str, tuple[str, str] | None]] = {}
    for s in corpus.stories:
        for e in s.edges:
            pred[frozenset((e.source, e.target))] = (e.kind, (e.source, e.target) if e.directed else None)

    tp, fp, fn = Counter(), Counter(), Counter()
    confusion: Counter = Counter()
    for key in set(gold) | set(pred):
        g = gold.get(key, ("none", None))[0]
        p = pred.get(key, ("none", None))[0]
        confusion[(g, p)] += 1
        if g == p:
            tp[g] += 1
        else:
            fp[p] += 1
            fn[g] += 1
    f1s = []
    print(f"articles={len(corpus.articles)} stories={len(corpus.stories)} gold pairs={len(gold)}")
    for k in KINDS:
        if tp[k] + fp[k] + fn[k] == 0:
            continue
        pr, rc = tp[k] / max(tp[k] + fp[k], 1), tp[k] / max(tp[k] + fn[k], 1)
        f = 2 * pr * rc / max(pr + rc, 1e-9)
        f1s.append(f)
        print(f"{k:14s} P {pr:.3f} R {rc:.3f} F1 {f:.3f} (gold {tp[k] + fn[k]}, predicted {tp[k] + fp[k]})")
    print(f"macro F1 {sum(f1s) / max(len(f1s), 1):.3f}")
    dir_ok = dir_n = 0
    for key, (_kind, d) in gold.items():
        if d is None or key not in pred or pred[key][0] in ("independent", "shared-source", "none"):
            continue
        dir_n += 1
        dir_ok += pred[key][1] == d
    print(f"direction accuracy {dir_ok / max(dir_n, 1):.3f} ({dir_ok}/{dir_n} detected derivation edges)")
    print("confusion (gold -> predicted):", {f"{g}->{p}": n for (g, p), n in sorted(confusion.items()) if g != p})


if __name__ == "__main__":
    main()
