"""Shared evaluation metrics: the one place the eval scripts take precision, recall and F1 from."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping

import numpy as np


def f1(p: float, r: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r else 0.0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (an empty side scores 0)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, f1(p, r)


def binary_f1(y: np.ndarray, pred: np.ndarray) -> tuple[float, float]:
    """F1 of the positive class and accuracy of 0/1 predictions ``pred`` against labels ``y``."""
    from sklearn.metrics import accuracy_score, f1_score

    return float(f1_score(y, pred, zero_division=0)), float(accuracy_score(y, pred))


def bcubed(pred: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering ``pred`` (item -> cluster) against ``gold``."""
    items = list(gold)
    pc: dict[Hashable, set[str]] = defaultdict(set)
    gc: dict[Hashable, set[str]] = defaultdict(set)
    for i in items:
        pc[pred[i]].add(i)
        gc[gold[i]].add(i)
    p = r = 0.0
    for i in items:
        same = len(pc[pred[i]] & gc[gold[i]])
        p += same / len(pc[pred[i]])
        r += same / len(gc[gold[i]])
    p, r = p / len(items), r / len(items)
    return p, r, f1(p, r)
