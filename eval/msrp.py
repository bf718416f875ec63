"""MSRP paraphrase F1 of the sentence aligner's score (and of a tiny logistic regression over it).

Run: .venv/bin/python eval/msrp.py [--backend e5|minilm]
Tunes on ../shared/benchdata/msrp train, reports on test (1,725 pairs). Reads the data at run
time only; nothing of it is stored in the repo.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np

from storytrace import embed
from storytrace.align.story import COS_FLOOR, SEMANTIC_THRESHOLD, _overlap
from storytrace.text.normalize import tokens

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchdata" / "msrp"


def load(split: str) -> tuple[list[str], list[str], np.ndarray]:
    a, b, y = [], [], []
    with open(DATA / f"msr_paraphrase_{split}.txt", encoding="utf-8-sig") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or row[0] == "Quality" or len(row) < 5:
                continue
            y.append(int(row[0]))
            a.append(row[3])
            b.append(row[4])
    return a, b, np.array(y)


def features(a: list[str], b: list[str], backend: str) -> np.ndarray:
    ea, eb = embed.encode(a, backend), embed.encode(b, backend)
    cos = np.sum(ea * eb, axis=1)
    rows = []
    for x, y, c in zip(a, b, cos, strict=True):
        tx, ty = set(tokens(x)), set(tokens(y))
        jac = len(tx & ty) / max(len(tx | ty), 1)
        rows.append([c, _overlap(tx, ty), jac, min(len(tx), len(ty)) / max(len(tx), len(ty), 1)])
    return np.array(rows)


def f1(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    tp = int(np.sum((p == 1) & (y == 1)))
    prec, rec = tp / max(int(p.sum()), 1), tp / max(int(y.sum()), 1)
    return (2 * prec * rec / max(prec + rec, 1e-9)), float(np.mean(p == y))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--backend", default="e5")
    args = ap.parse_args()
    if not DATA.exists():
        sys.exit(f"missing {DATA}")
    from sklearn.linear_model import LogisticRegression

    tra, trb, ytr = load("train")
    tea, teb, yte = load("test")
    xtr, xte = features(tra, trb, args.backend), features(tea, teb, args.backend)

    # The aligner's own rule, as used in align/story.py.
    def rule(x: np.ndarray, thr: float) -> np.ndarray:
        sem = np.clip((x[:, 0] - COS_FLOOR) / (1 - COS_FLOOR), 0, 1)
        return (np.maximum(x[:, 1], 0.5 * sem + 0.5 * x[:, 1]) >= thr).astype(int)

    best = max(np.arange(0.3, 0.9, 0.01), key=lambda t: f1(ytr, rule(xtr, t))[0])
    print(f"backend={embed.resolve(args.backend)} train={len(ytr)} test={len(yte)}")
    print("aligner rule  thr=%.2f  test F1 %.3f acc %.3f" % ((SEMANTIC_THRESHOLD,) + f1(yte, rule(xte, SEMANTIC_THRESHOLD))))
    print("aligner rule  thr=%.2f (tuned on train)  test F1 %.3f acc %.3f" % ((best,) + f1(yte, rule(xte, best))))
    lr = LogisticRegression(C=10.0, max_iter=1000).fit(xtr, ytr)
    ptr = lr.predict_proba(xtr)[:, 1]
    pthr = max(np.arange(0.2, 0.8, 0.01), key=lambda t: f1(ytr, (ptr >= t).astype(int))[0])
    pte = (lr.predict_proba(xte)[:, 1] >= pthr).astype(int)
    print("logreg [cos, overlap, jaccard, len_ratio] coef=%s intercept=%.3f p>=%.2f  test F1 %.3f acc %.3f"
          % ((np.round(lr.coef_[0], 3).tolist(), float(lr.intercept_[0]), pthr) + f1(yte, pte)))
    print("all-positive baseline  test F1 {:.3f} acc {:.3f}".format(*f1(yte, np.ones_like(yte))))


if __name__ == "__main__":
    main()
