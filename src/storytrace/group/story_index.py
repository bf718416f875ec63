"""An online story index: new articles join existing stories without re-clustering old ones.

Each story keeps the sum of its members' unit vectors (its centroid direction), the union of its
members' anchors (names and numbers) and its member ids. ``add`` first clusters the new batch
among itself (average linkage, as the batch stage does), then joins each new cluster to the
story (of those that existed before the batch) with the best centroid score if that score reaches
the threshold, else opens a story; the centroid scores of a batch are one matrix product. The
index is saved as ``stories.json`` + ``centroids.npy`` in a directory.

Guarantee: a story id never changes once issued, and an article id is placed in exactly one
story; an id already in the index is not placed again (its story is returned).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from storytrace.group.stories import StoryParams, cluster, pair_scores


def story_id(first_article: str) -> str:
    return "s-" + hashlib.blake2b(first_article.encode(), digest_size=5).hexdigest()


@dataclass
class StoryIndex:
    params: StoryParams = field(default_factory=StoryParams)
    ids: list[str] = field(default_factory=list)             # story ids, row order of ``sums``
    members: list[list[str]] = field(default_factory=list)
    anchors: list[set[str]] = field(default_factory=list)
    sums: np.ndarray | None = None                           # (stories, dim) vector sums
    story_of: dict[str, int] = field(default_factory=dict)   # article id -> row
    # Unit centroids, kept in step with ``sums`` row by row (a batch must not renormalise every
    # story), in a buffer that grows by doubling: adding to a large index costs what the batch does.
    _unit: np.ndarray | None = field(default=None, repr=False)

    def _centroids(self) -> np.ndarray:
        assert self.sums is not None
        n = len(self.ids)
        if self._unit is None or len(self._unit) < n:
            unit = np.zeros((max(2 * n, 16), self.sums.shape[1]), dtype=np.float32)
            norms = np.linalg.norm(self.sums[:n], axis=1, keepdims=True)
            unit[:n] = self.sums[:n] / np.maximum(norms, 1e-9)
            self._unit = unit
        return self._unit[:n]

    def _refresh(self, row: int) -> None:
        assert self.sums is not None
        if self._unit is not None and row < len(self._unit):
            self._unit[row] = self.sums[row] / max(float(np.linalg.norm(self.sums[row])), 1e-9)

    def add(self, article_ids: Sequence[str], vectors: np.ndarray, anchor_sets: Sequence[set[str]]) -> list[str]:
        """Place each article in a story; returns the story id per article, in input order."""
        out: list[str | None] = [None] * len(article_ids)
        fresh = []
        for k, aid in enumerate(article_ids):
            if aid in self.story_of:
                out[k] = self.ids[self.story_of[aid]]
            else:
                fresh.append(k)
        if fresh:
            vecs = np.asarray(vectors, dtype=np.float32)[fresh]
            labels = cluster(pair_scores(vecs, [anchor_sets[k] for k in fresh], self.params), self.params.threshold)
            groups: dict[int, list[int]] = {}
            for pos, lab in enumerate(labels):
                groups.setdefault(lab, []).append(pos)
            members = list(groups.values())
            unions = [set().union(*(anchor_sets[fresh[p]] for p in poss)) for poss in members]
            sums = np.stack([vecs[poss].sum(axis=0) for poss in members])
            # every new cluster is matched against the stories that existed before this batch (the
            # batch clustering has already decided which new articles belong together)
            rows = self._best_rows(sums, unions)
            for poss, union, vsum, row in zip(members, unions, sums, rows, strict=True):
                row = self._place([article_ids[fresh[p]] for p in poss], vsum, union, row, vecs.shape[1])
                for p in poss:
                    out[fresh[p]] = self.ids[row]
        return [s for s in out if s is not None]

    def _best_rows(self, sums: np.ndarray, unions: list[set[str]], block: int = 256) -> list[int]:
        """Per new cluster, the existing story it joins, or -1 (one matrix product per block)."""
        if self.sums is None or not len(self.ids):
            return [-1] * len(sums)
        centroids = self._centroids()
        lo, w = self.params.cosine_floor, self.params.vector_weight
        k = min(50, len(centroids))  # candidates by vector, then the anchor check
        out: list[int] = []
        for start in range(0, len(sums), block):
            part = sums[start : start + block]
            centres = part / np.maximum(np.linalg.norm(part, axis=1, keepdims=True), 1e-9)
            vec = np.clip((centres @ centroids.T - lo) / (1.0 - lo), 0.0, 1.0)
            best = np.argpartition(-vec, k - 1, axis=1)[:, :k]
            for i, cands in enumerate(best):
                union = unions[start + i]
                scored = []
                for r in cands.tolist():
                    denom = max(1, min(len(union), len(self.anchors[r])))
                    scored.append((w * vec[i, r] + (1 - w) * len(union & self.anchors[r]) / denom, r))
                top, r = max(scored)
                out.append(r if top >= self.params.threshold else -1)
        return out

    def _place(self, aids: list[str], vsum: np.ndarray, union: set[str], row: int, dim: int) -> int:
        if row < 0:
            row = len(self.ids)
            self.ids.append(story_id(min(aids)))
            self.members.append([])
            self.anchors.append(set())
            if self.sums is None:
                self.sums = np.zeros((16, dim), dtype=np.float32)
            elif row >= len(self.sums):  # grow by doubling, not one row at a time
                self.sums = np.vstack([self.sums, np.zeros_like(self.sums)])
        assert self.sums is not None
        self.sums[row] += vsum
        self._refresh(row)
        self.members[row].extend(aids)
        self.anchors[row] |= union
        for a in aids:
            self.story_of[a] = row
        return row

    def save(self, directory: str | Path) -> None:
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        meta = {"ids": self.ids, "members": self.members, "anchors": [sorted(a) for a in self.anchors]}
        (d / "stories.json").write_text(json.dumps(meta), encoding="utf-8")
        if self.sums is not None:
            np.save(d / "centroids.npy", self.sums[: len(self.ids)])

    @classmethod
    def load(cls, directory: str | Path, params: StoryParams | None = None) -> StoryIndex:
        d = Path(directory)
        idx = cls(params=params or StoryParams())
        meta_path = d / "stories.json"
        if not meta_path.exists():
            return idx
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        idx.ids, idx.members = meta["ids"], meta["members"]
        idx.anchors = [set(a) for a in meta["anchors"]]
        if (d / "centroids.npy").exists():
            idx.sums = np.load(d / "centroids.npy")
        idx.story_of = {a: r for r, ms in enumerate(idx.members) for a in ms}
        return idx
