"""Provenance on generated corpora: per-kind precision/recall of edges and direction accuracy.

Usage: .venv/bin/python -m eval.provenance_generated [--stories 40] [--per-story 8] [--seed 5]
Stories are taken from the truth (grouping is evaluated elsewhere), so this measures the align
and provenance stages alone. Duplicates collapsed at the door are evaluated as ``duplicate``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from eval.metrics import f1
from storytrace.config import Config
from storytrace.model import Story
from storytrace.pipeline import ingest, run_pipeline
from storytrace.testing.generator import GeneratorConfig, write_corpus

KINDS = ["duplicate", "copy", "condensed", "paraphrase", "shared-source"]


def evaluate(stories: int, per_story: int, seed: int, detail: bool = False) -> dict:
    """Score align + provenance on one generated corpus; prints the per-kind table, returns the
    macro F1 and direction accuracy (``eval/gate.py`` reads them)."""
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "c.jsonl"
        info = write_corpus(path, GeneratorConfig(stories=stories, per_story=per_story, seed=seed))
        truth = json.loads(Path(info["truth_path"]).read_text())
        config = Config(quiet=True)
        corpus = run_pipeline(ingest([path], config), config, ["clean", "text"])
    kept = {a.id for a in corpus.articles}
    collapsed = {m for g in corpus.duplicates for m in g.members[1:]}
    corpus.stories = [
        Story(id=s, articles=[a for a in ids if a in kept]) for s, ids in truth["stories"].items()
    ]
    corpus = run_pipeline(corpus, config, ["align", "provenance"])
    pred: dict[tuple[str, str], tuple[str, bool]] = {}
    for s in corpus.stories:
        for e in s.edges:
            if e.kind != "independent":
                pred[(e.source, e.target)] = (e.kind, e.directed)
    for g in corpus.duplicates:
        for m in g.members[1:]:
            pred[(g.representative, m)] = ("duplicate", True)
    gold = {(e["source"], e["target"]): e["kind"] for e in truth["edges"]}
    tp, fp, fn = Counter(), Counter(), Counter()
    right_dir = total_dir = 0
    for (s, t), kind in gold.items():
        p = pred.get((s, t)) or pred.get((t, s))
        if p and p[0] == kind:
            tp[kind] += 1
            if kind != "shared-source":
                total_dir += 1
                right_dir += (s, t) in pred and pred[(s, t)][1]
        else:
            fn[kind] += 1
    for (s, t), (kind, _) in pred.items():
        g = gold.get((s, t)) or gold.get((t, s))
        if g != kind:
            fp[kind] += 1
            if detail:
                roles = [truth["articles"][x]["role"] for x in (s, t)]
                ev = next(
                    (e.evidence for st in corpus.stories for e in st.edges if (e.source, e.target) == (s, t)),
                    [],
                )
                print(f"  FP {s}->{t} {kind} (true {g}; roles {roles}): {ev[-2:]}")
    f1s = []
    print(
        f"{len(gold)} true edges, {len(pred)} predicted (stories {stories} x {per_story}, seed {seed}; "
        f"{len(collapsed)} exact duplicates collapsed at the door)"
    )
    for k in KINDS:
        p = tp[k] / max(tp[k] + fp[k], 1)
        r = tp[k] / max(tp[k] + fn[k], 1)
        f = f1(p, r)
        f1s.append(f)
        print(f"{k:14s} P={p:.3f} R={r:.3f} F1={f:.3f} (tp {tp[k]}, fp {fp[k]}, fn {fn[k]})")
    macro, direction = sum(f1s) / len(f1s), right_dir / max(total_dir, 1)
    print(f"macro F1 = {macro:.3f}; direction accuracy = {direction:.3f} ({right_dir}/{total_dir})")
    return {"macro_f1": macro, "direction": direction}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stories", type=int, default=40)
    ap.add_argument("--per-story", type=int, default=8)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument(
        "--detail", action="store_true", help="print every wrong or missed edge with its evidence"
    )
    args = ap.parse_args()
    evaluate(args.stories, args.per_story, args.seed, args.detail)


if __name__ == "__main__":
    sys.exit(main())
