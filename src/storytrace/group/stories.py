"""Story clustering: articles about the same event, even when they share few exact words.

Each article gets two cheap views: a dense vector of its headline and lead (multilingual e5 by
default, so a translation lands near its original; the hash backend when no model is installed)
and a set of *anchors* — capitalised names and numbers, which survive paraphrase and mostly
survive translation. The pair score mixes both; same topic is not same story, so two articles
need either very close vectors or close vectors *and* shared anchors.

A story is then the *subject*, not only the single event: an event that few articles report (a
follow-up, a side development) is a fragment of the ongoing subject it belongs to, while an event
that many articles report stands as a story of its own (two widely covered earthquakes stay two
stories, a one-article aftershock report joins its earthquake). So a second step joins fragments
— clusters whose best-covered language holds fewer than ``min_coverage`` articles (translations
are not independent coverage) — to the most similar cluster on a *subject score*: IDF-weighted
shared anchors (the same rare names and numbers recur across a subject's months) mixed with the
cosine of the clusters' mean vectors.

Guarantee: the first step is average linkage over the pair score cut at ``threshold`` (no
single-link chaining), so it does not depend on input order; the second step merges best pair
first (input order only breaks exact ties) and only pairs scoring at least ``subject_threshold``,
and never two clusters that one language reports with ``min_coverage`` or more articles each (two
widely covered events stay two stories; the same subject covered widely in two *different*
languages may join, as translations and foreign coverage are not a second event).
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

# Capitalised words (any Latin/Greek/Cyrillic script) and numbers with 2+ digits.
_NAME = re.compile(r"\b[A-ZÀ-ÖØ-ÞĀ-ſΑ-ΩА-Я][\w'’\-]{2,}")
_NUMBER = re.compile(r"\b\d[\d,.]*\d\b")
ANCHOR_CHARS = 1200  # anchors come from the headline and this much of the text
_OPENERS = " \t\"'“‘«„‚(['–—-¿¡"


@dataclass
class StoryParams:
    # Defaults chosen on ECB+ topics 1-35 (eval/ecbplus.py --sweep), not on the test topics.
    threshold: float = 0.66      # cut of the average-linkage dendrogram on the pair score
    vector_weight: float = 0.8   # share of the vector cosine in the pair score
    cosine_floor: float = 0.70   # cosines at or below this count as no similarity (e5 is compressed)
    min_coverage: int = 5        # an event with fewer articles (in its best-covered language) is a fragment
    subject_threshold: float = 0.40  # a fragment joins a cluster whose subject score reaches this
    subject_vector_weight: float = 0.7  # share of the mean-vector cosine in the subject score
    # Vector similarity alone says "same topic"; a same-language join also needs shared rare names.
    # 0.12 chosen on a generated corpus (seed 11, 25 stories: story F1 0.750 -> 0.958), not on ECB+.
    subject_min_anchors: float = 0.12  # least IDF-weighted anchor cosine for a same-language join
    # Same template, other event (two floods, two strikes): the vectors are close and only the names
    # and numbers differ. Within one language the vector part of a pair score counts in full only
    # when the pair shares at least this share of anchors, and proportionally below (0 = off).
    # e5: 0.3 keeps ECB+ (0.962 -> 0.960 all) and MultiLing (English 0.967, 7 languages 0.946)
    # and lifts generated stories (2,000 articles, seed 5: 0.725 -> 0.884); 0.45 lost MultiLing
    # English (0.923), whose subjects span months of reports with fewer shared names.
    anchor_gate: float = 0.3

    @classmethod
    def for_backend(cls, backend: str, **overrides: float) -> StoryParams:
        """Defaults calibrated for ``backend``'s spread of cosines (see ``BACKEND_DEFAULTS``),
        then ``overrides``."""
        return replace(cls(**BACKEND_DEFAULTS.get(backend, {})), **overrides)


# Per embedding model, the defaults that differ from the class's (which are e5's). Each model
# spreads cosines differently (static: same event ~0.89, other event same topic ~0.84; e5: 0.93
# and 0.86), so each gets its own cut, chosen on ECB+ topics 1-35 and a generated corpus (seed 5,
# 2,000 articles) together; commands in README "Measured".
BACKEND_DEFAULTS: dict[str, dict[str, float]] = {
    # grid of cosine_floor x anchor_gate x threshold x vector_weight x min_coverage: ECB+ topics
    # 1-35 F1 0.916, generated 0.911 (without the gate: 0.874 and 0.53)
    "static": {"cosine_floor": 0.6, "anchor_gate": 0.6, "threshold": 0.5, "vector_weight": 0.7},
    # e5-static (embed_data/e5_static.npz): eval/ecbplus.py's sweep on topics 1-35 with floors 0.4
    # and 0.5 (about its median cosine of other-topic pairs there); topics 1-35 F1 0.918
    "e5-static": {"cosine_floor": 0.4, "threshold": 0.54, "vector_weight": 0.5, "min_coverage": 6,
                  "subject_threshold": 0.3},
}


def anchors(title: str | None, text: str) -> set[str]:
    """Names and numbers of an article's headline and lead, case-folded."""
    lead = ((title or "") + "\n" + text[:ANCHOR_CHARS])
    out = set()
    for sent in re.split(r"(?<=[.!?])\s+|\n", lead):
        for k, m in enumerate(_NAME.finditer(sent)):
            if k == 0 and not sent[: m.start()].strip(_OPENERS):
                continue  # a sentence-initial capital (also after an opening quote) is not a name
            out.add(m.group(0).lower().rstrip("’'"))
    out.update(n.replace(",", "") for n in _NUMBER.findall(lead))
    return out


def pair_scores(
    vectors: np.ndarray, anchor_sets: Sequence[Collection[str]], params: StoryParams,
    languages: Sequence[str | None] | None = None, idf: Mapping[str, float] | None = None,
) -> np.ndarray:
    """Symmetric matrix of pair scores in [0, 1].

    With ``params.anchor_gate`` set, the vector part of a pair in one language (or of unknown
    languages) is scaled by ``min(1, anchors / anchor_gate)``; pairs across languages are not
    gated, as names change script in translation."""
    cos = vectors @ vectors.T
    lo = params.cosine_floor
    vec = np.clip((cos - lo) / (1.0 - lo), 0.0, 1.0)
    anc = anchor_overlap(anchor_sets, idf)
    w = params.vector_weight
    if params.anchor_gate > 0:
        gate = np.minimum(1.0, anc / params.anchor_gate)
        if languages is not None:
            codes = np.array([hash(x) if x else 0 for x in languages])
            across = (codes[:, None] != codes[None, :]) & (codes[:, None] != 0) & (codes[None, :] != 0)
            gate[across] = 1.0
        vec = vec * gate
    return w * vec + (1.0 - w) * anc


def anchor_overlap(anchor_sets: Sequence[Collection[str]], idf: Mapping[str, float] | None = None) -> np.ndarray:
    """Shared anchors relative to the smaller set (a condensed copy keeps few), as a dense matrix;
    with ``idf``, each anchor counts by its weight (a weekday or a common first name little, a
    rare number much), both in the shared part and in the sizes."""
    from scipy import sparse

    vocab: dict[str, int] = {}
    rows, cols, data = [], [], []
    for i, s in enumerate(anchor_sets):
        for a in s:
            rows.append(i)
            cols.append(vocab.setdefault(a, len(vocab)))
            data.append(idf.get(a, 1.0) if idf is not None else 1.0)
    n = len(anchor_sets)
    if not vocab:
        return np.zeros((n, n), dtype=np.float32)
    weights = np.asarray(data, dtype=np.float32)
    m = sparse.csr_matrix((np.sqrt(weights), (rows, cols)), shape=(n, len(vocab)))
    shared = (m @ m.T).toarray()
    sizes = np.maximum(np.bincount(np.asarray(rows, dtype=np.int64), weights=weights, minlength=n), 1.0)
    return (shared / np.minimum(sizes[:, None], sizes[None, :])).astype(np.float32)


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


def anchor_idf(anchor_sets: Sequence[Collection[str]]) -> dict[str, float]:
    """IDF of each anchor held by 2+ articles (an anchor in one article links nothing)."""
    df = Counter(a for s in anchor_sets for a in s)
    n = len(anchor_sets)
    # smoothed, so a two-article corpus still weighs its shared names
    return {a: float(np.log(1.0 + n / c)) for a, c in df.items() if c >= 2}


def merge_fragments(
    labels: Sequence[int], vectors: np.ndarray, anchor_sets: Sequence[Collection[str]],
    languages: Sequence[str | None], params: StoryParams, candidates: int = 50,
    weights: Sequence[int] | None = None,
) -> list[int]:
    """Join thinly covered clusters to their subject's cluster; returns a label per item.

    ``weights`` counts the articles each item stands for (a representative and its duplicates:
    an event carried by eight outlets is widely covered even when they copied one wire).

    Best pair first: a heap of scored pairs, invalidated by a version counter when a side
    changes, so each merge rescores only the merged cluster, against its ``candidates`` nearest
    clusters by mean vector (a pair needs vector similarity to reach the cut anyway)."""
    n = len(labels)
    if n < 2:
        return list(labels)
    order = list(dict.fromkeys(labels))  # clusters in order of first appearance
    row_of = {lab: r for r, lab in enumerate(order)}
    k = len(order)
    members: list[list[int]] = [[] for _ in range(k)]
    for i, lab in enumerate(labels):
        members[row_of[lab]].append(i)
    vecs = np.asarray(vectors, dtype=np.float32)
    sums = np.stack([vecs[m].sum(axis=0) for m in members])
    idf = anchor_idf(anchor_sets)
    profiles: list[Counter[str]] = []
    for m in members:
        prof: Counter[str] = Counter()
        for i in m:
            prof.update({a: idf[a] for a in anchor_sets[i] if a in idf})
        profiles.append(prof)
    norms = [float(np.sqrt(sum(v * v for v in p.values()))) for p in profiles]
    weight = list(weights) if weights is not None else [1] * n
    langs: list[Counter[str]] = []
    for m in members:
        count: Counter[str] = Counter()
        for i in m:
            count[languages[i] or ""] += weight[i]
        langs.append(count)
    alive = np.ones(k, dtype=bool)
    version = [0] * k
    w, lo, cut, m_cov = params.subject_vector_weight, params.cosine_floor, params.subject_threshold, params.min_coverage

    def both_well_covered(a: int, b: int) -> bool:
        # two events stay apart only when one language's press reports both widely
        shared = langs[a].keys() & langs[b].keys()
        return any(min(langs[a][x], langs[b][x]) >= m_cov for x in shared)

    def profile_cosine(a: int, b: int) -> float:
        pa, pb = (profiles[a], profiles[b]) if len(profiles[a]) <= len(profiles[b]) else (profiles[b], profiles[a])
        dot = sum(v * pb[x] for x, v in pa.items() if x in pb)
        return dot / (norms[a] * norms[b]) if dot else 0.0

    heap: list[tuple[float, int, int, int, int]] = []

    def push_pairs(r: int) -> None:
        live = np.flatnonzero(alive)
        unit = sums[live] / np.maximum(np.linalg.norm(sums[live], axis=1, keepdims=True), 1e-9)
        cos = unit @ (sums[r] / max(float(np.linalg.norm(sums[r])), 1e-9))
        vec = np.clip((cos - lo) / (1.0 - lo), 0.0, 1.0)
        take = np.argsort(-vec, kind="stable")[: candidates + 1]
        for t in take:
            o = int(live[t])
            if o == r or vec[t] <= 0.0 or both_well_covered(r, o):
                continue
            prof = profile_cosine(r, o)
            sc = w * float(vec[t]) + (1.0 - w) * prof
            # names are spelt alike within a language: there, one subject means shared rare names;
            # across languages (other scripts) only the vectors can tell
            same_language = bool(langs[r].keys() & langs[o].keys())
            if sc >= cut and (prof >= params.subject_min_anchors or not same_language):
                a, b = min(r, o), max(r, o)
                heapq.heappush(heap, (-sc, a, b, version[a], version[b]))

    for r in range(k):
        push_pairs(r)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if not (alive[a] and alive[b]) or version[a] != va or version[b] != vb:
            continue
        members[a] += members[b]
        langs[a] += langs[b]
        sums[a] += sums[b]
        profiles[a] += profiles[b]
        norms[a] = float(np.sqrt(sum(v * v for v in profiles[a].values())))
        alive[b] = False
        version[a] += 1
        version[b] += 1
        push_pairs(a)
    out = [0] * n
    for r in np.flatnonzero(alive):
        for i in members[r]:
            out[i] = int(r)
    return out


def story_labels(
    vectors: np.ndarray, anchor_sets: Sequence[Collection[str]], languages: Sequence[str | None], params: StoryParams,
    scores: np.ndarray | None = None, weights: Sequence[int] | None = None,
) -> list[int]:
    """Both steps: average-linkage events, then fragments joined to their subject (``weights``:
    articles each item stands for, see :func:`merge_fragments`)."""
    if scores is None:
        scores = pair_scores(vectors, anchor_sets, params, languages)
    events = cluster(scores, params.threshold)
    return merge_fragments(events, vectors, anchor_sets, languages, params, weights=weights)
