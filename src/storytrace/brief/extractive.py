"""Extractive selection: score candidate sentences, then pick by MMR within a word budget.

Guarantee: the selection only contains candidate texts verbatim, never exceeds ``words`` by more
than one sentence, and is returned in reading order (``Candidate.order``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from storytrace.brief.options import BriefOptions
from storytrace.embed import encode

# The vectors only rank a story's candidates by centrality and redundancy: by default (``auto``)
# the static model distilled from e5 (multilingual, no model run) serves
# (``BriefOptions.selection_backend``, measured on MultiLing 2011 English: 129 s -> 1.4 s for the
# ten topics at the same ROUGE); an explicit backend is used as given.


def selection_backend(backend: str, auto: str) -> str:
    """The embedding backend of the selection for the run's ``--embeddings`` value (``auto``: the
    one ``auto`` stands for)."""
    return {"auto": auto, "none": "hash"}.get(backend, backend)


@dataclass
class Candidate:
    text: str
    citations: list[str]
    support: float = 1.0  # independent lines of descent carrying it
    coverage: float = 0.0  # share of the story's articles carrying it
    position: float = 0.0  # 0 = lead sentence of its article, 1 = last
    origin: bool = False
    order: tuple = field(default_factory=tuple)
    backing: list = field(default_factory=list)  # Backing spans of the cited articles


def select(
    cands: list[Candidate], words: int, backend: str = "auto", opts: BriefOptions | None = None
) -> list[Candidate]:
    """Up to ``words`` words of ``cands``, by maximal marginal relevance over their scores
    (``opts``: the weights, the budget's slack; their defaults when None)."""
    opts = opts or BriefOptions()
    cands = [c for c in cands if len(c.text.split()) >= opts.candidate_min_words]
    if not cands:
        return []
    emb = encode([c.text for c in cands], selection_backend(backend, opts.selection_backend))
    centroid = emb.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    central = emb @ centroid
    max_support = max(c.support for c in cands) or 1.0
    score = (
        opts.weight_support * np.array([c.support / max_support for c in cands])
        + opts.weight_coverage * np.array([c.coverage for c in cands])
        + opts.weight_centrality * central
        + opts.weight_lead * np.array([1.0 - c.position for c in cands])
        + opts.weight_origin * np.array([c.origin for c in cands])
    )
    chosen: list[int] = []
    used = 0
    remaining = set(range(len(cands)))
    lam = opts.mmr_lambda
    while remaining and used < words:
        best, best_val = -1, -1e9
        for i in remaining:
            redundancy = max((float(emb[i] @ emb[j]) for j in chosen), default=0.0)
            val = lam * score[i] - (1 - lam) * redundancy
            if val > best_val:
                best, best_val = i, val
        remaining.discard(best)
        n = len(cands[best].text.split())
        if used and used + n > words * opts.overshoot:
            continue  # too long for what is left; a shorter one may still fit
        chosen.append(best)
        used += n
    return sorted((cands[i] for i in chosen), key=lambda c: c.order)
