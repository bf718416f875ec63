"""Story clustering: articles about the same event, even when they share few exact words.

Each article gets two cheap views: a dense vector of its headline and lead (multilingual e5 by
default, so a translation lands near its original; the hash backend when no model is installed)
and a set of *anchors* — capitalised names and numbers, which survive paraphrase and mostly
survive translation. The pair score mixes both; same topic is not same story, so two articles
need either very close vectors or close vectors *and* shared anchors.

Guarantee: clustering is average-linkage over the pair score cut at ``threshold`` (no single-link
chaining), so the result does not depend on input order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Capitalised words (any Latin/Greek/Cyrillic script) and numbers with 2+ digits.
_NAME = re.compile(r"\b[A-ZÀ-ÖØ-ÞĀ-ſΑ-ΩА-Я][\w'’\-]{2,}")
_NUMBER = re.compile(r"\b\d[\d,.]*\d\b")
_LEAD_CHARS = 1200


@dataclass
class StoryParams:
    threshold: float = 0.52      # cut of the average-linkage dendrogram on the pair score
    vector_weight: float = 0.6   # share of the vector cosine in the pair score
    cosine_floor: float = 0.70   # cosines at or below this count as no similarity (e5 is compressed)


def anchors(title: str | None, text: str) -> set[str]:
    """Names and numbers of an article's headline and lead, case-folded."""
    lead = ((title or "") + "\n" + text[:_LEAD_CHARS])
    out = set()
    for sent in re.split(r"(?<=[.!?])\s+|\n", lead):
        for k, m in enumerate(_NAME.finditer(sent)):
            if k == 0 and m.start() == 0:
                continue  # a sentence-initial capital is not evidence of a name
            out.add(m.group(0).lower().rstrip("’'"))
    out.update(n.replace(",", "") for n in _NUMBER.findall(lead))
    return out


def pair_scores(vectors: np.ndarray, anchor_sets: Sequence[set[str]], params: StoryParams) -> np.ndarray:
    """Symmetric matrix of pair scores in [0, 1]."""
    cos = vectors @ vectors.T
    lo = params.cosine_floor
    vec = np.clip((cos - lo) / (1.0 - lo), 0.0, 1.0)
    anc = anchor_overlap(anchor_sets)
    w = params.vector_weight
    return w * vec + (1.0 - w) * anc


def anchor_overlap(anchor_sets: Sequence[set[str]]) -> np.ndarray:
    """Shared anchors relative to the smaller set (a condensed copy keeps few), as a dense matrix."""
    from scipy import sparse

    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, s in enumerate(anchor_sets):
        for a in s:
            rows.append(i)
            cols.append(vocab.setdefault(a, len(vocab)))
    n = len(anchor_sets)
    if not vocab:
        return np.zeros((n, n), dtype=np.float32)
    m = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(n, len(vocab)))
    shared = (m @ m.T).toarray()
    sizes = np.array([max(len(s), 1) for s in anchor_sets], dtype=np.float32)
    return shared / np.minimum(sizes[:, None], sizes[None, :])


def cluster(scores: np.ndarray, threshold: float) -> list[int]:
    """Average-linkage clusters of a score matrix; returns a label per item."""
    n = scores.shape[0]
    if n == 1:
        return [0]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    dist = 1.0 - scores
    np.fill_diagonal(dist, 0.0)
    dist = np.clip((dist + dist.T) / 2.0, 0.0, None)
    z = linkage(squareform(dist, checks=False), method="average")
    return [int(x) - 1 for x in fcluster(z, t=1.0 - threshold, criterion="distance")]
