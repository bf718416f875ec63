"""An online story index: new articles join existing stories without re-clustering old ones.

Each story keeps the sum of its members' unit vectors (its centroid direction), how many of its
members carry each anchor (name or number: its anchor profile) and its member ids. ``add`` first
clusters the new batch
among itself (average linkage, as the batch stage does), then joins each new cluster to the
story (of those that existed before the batch) with the best centroid score if that score reaches
the threshold, else opens a story. The anchor part of that score compares profiles, not unions:
a large story's union of names grows without bound and would match anything, while its profile
weighs each name by the share of members that carry it (for two single articles both are the
batch stage's shared-anchors-over-the-smaller-set), and each name counts by its IDF over every
article the index has placed: in a stream a weekday, a region or a common first name recurs in
thousands of stories, while one story is a small share (generated 100,000 articles, static
vectors: story F1 0.49 -> 0.79). The batch stage keeps plain counts (with IDF over one corpus
ECB+ fell 0.965 -> 0.942: a 982-document corpus is a few large stories); the centroid scores of a
batch are one matrix product. The
index is saved as ``stories.json`` + ``centroids.npy`` in a directory.

Guarantee: a story id never changes once issued, and an article id is placed in exactly one
story; an id already in the index is not placed again (its story is returned). Stories are joined
(``merge``) and parts of one split off (``split_off``) only by the group stage's e5 steps; a part
split off gets a new id, the story it leaves keeps its own. While the index is small the group
stage may build it again from a grouping of all its articles (``of_groups``, ``whole``): there a
story keeps the id of the earlier story whose members it holds most of, and no id is reused.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from storytrace.group.stories import (
    MULTILINGUAL_BACKENDS,
    StoryFeatures,
    StoryParams,
    background,
    closest,
    corrected,
    most_shared,
    pair_scores,
    raw_scores,
    story_labels,
)

# Below this many stories a batch is matched against every centroid (one matrix product); above
# it, candidate stories come from the postings of the cluster's rarest names and numbers, so the
# cost of a batch stops growing with the index (a product against every story is N x stories).
# In both searches a cluster's candidates are the stories closest by vector and those sharing the
# most of its rarest names: on a beat of template reports, the other events told in the same words
# are nearer a rewrite by vector than its own story (generated 100,000 articles: story F1 0.83 ->
# 0.89, 10^6: 0.85 -> 0.88; no change on any real set, docs/EVALUATION.md). 10,000, not 50,000:
# generated 300,000 articles (45,000 stories) took 256 s in group.stories with the full search
# below 50,000 and 89 s with it below 10,000, for the same stories (F1 0.838 both); the haystack's
# 22,955 read the same with postings from its first story.
FULL_SEARCH_BELOW = 10_000
RARE_ANCHORS = 8       # a cluster's highest-IDF anchors whose postings give its candidates
POSTING_MAX = 500      # an anchor carried by more stories than this names no particular story
CANDIDATES = 50        # per new cluster, the stories closest by vector that get the anchor check
SHARING = 10           # and the stories sharing the most of its rarest names (generated 100,000: as 50)
NAMING_MAX = 50        # of those names, the ones held by at most this many stories
WHOLE_ONLY = ("weight", "anchors")  # what ``whole`` keeps of an article besides its head
HEADS_KEPT = 3         # members' heads kept per story for later runs' e5 reading (a majority of them votes)


class _IDF(dict):
    """``log(1 + seen / df)`` per anchor, computed on first use (an unseen anchor: df 1)."""

    def __init__(self, df: Counter[str], seen: int) -> None:
        super().__init__()
        self.df, self.seen = df, max(seen, 1)

    def __missing__(self, a: str) -> float:
        w = self[a] = float(np.log(1.0 + self.seen / max(self.df.get(a, 0), 1)))
        return w

    def get(self, a: str, default: float | None = None) -> float:  # type: ignore[override]
        return self[a]

    def __contains__(self, a: object) -> bool:
        return True  # every anchor has a weight (an unseen one: df 1), whether computed yet or not


def _span(days: np.ndarray) -> list[float]:
    """First and last known day of ``days`` (NaN, NaN when none is known)."""
    known = days[np.isfinite(days)]
    return [float(known.min()), float(known.max())] if len(known) else [np.nan, np.nan]


def _time_fade(span: list[float], other: list[float], window: float, reach: float, longest: float) -> float:
    """What a cluster dated ``span`` keeps of its score to a story dated ``other``: 1 within
    ``window`` days, fading to 0 ``reach`` days past it, and 0 when the two together would span
    more than ``longest`` days (no story outgrows its longest span by chaining follow-ups); 1 when
    either is undated. Plain floats: called once per candidate, on the index's hot path."""
    if not (math.isfinite(span[0]) and math.isfinite(other[0])):
        return 1.0
    if max(span[1], other[1]) - min(span[0], other[0]) > longest:
        return 0.0
    gap = max(span[0] - other[1], other[0] - span[1])
    return 1.0 if gap <= window else max(0.0, 1.0 - (gap - window) / reach) ** 2


class StateError(ValueError):
    """A ``--state`` directory whose story index cannot be read (truncated, not an index)."""


def _reason(e: Exception) -> str:
    return f"{type(e).__name__}: {str(e).splitlines()[0][:120]}" if str(e) else type(e).__name__


def story_id(first_article: str) -> str:
    return "s-" + hashlib.blake2b(first_article.encode(), digest_size=5).hexdigest()


@dataclass
class StoryIndex:
    params: StoryParams = field(default_factory=StoryParams)
    backend: str = ""  # the embedding model of the vectors (a later run must embed with the same)
    ids: list[str] = field(default_factory=list)             # story ids, row order of ``sums``
    members: list[list[str]] = field(default_factory=list)
    anchors: list[Counter[str]] = field(default_factory=list)  # per story: anchor -> members carrying it
    mass: list[float] = field(default_factory=list)            # per story: IDF-weighted anchor counts
    # Anchor document frequencies over every article placed: names a large share of the stream
    # carries (a weekday, a common first name) weigh little when a cluster is matched to a story.
    df: Counter[str] = field(default_factory=Counter)
    seen: int = 0
    postings: dict[str, list[int]] = field(default_factory=dict)  # anchor -> stories carrying it
    languages: list[set[str]] = field(default_factory=list)  # per story, for the anchor gate
    # per story, the first and last known publication day (NaN when none is known): a cluster
    # joins a story only within the time window its params allow
    spans: list[list[float]] = field(default_factory=list)
    # per story, the sum of its members' backgrounds (their raw score to the batch around them,
    # see stories.background): a story of a dense beat needs a closer match, as in the batch stage
    background_sums: list[float] = field(default_factory=list)
    # below this many stories a new cluster is scored against every story; above, against the
    # postings of its rare anchors (GroupOptions.full_search_below; not saved with the index)
    full_search_below: int = FULL_SEARCH_BELOW
    sums: np.ndarray | None = None                           # (stories, dim) vector sums
    # per story, the heads (id, title, text head, language, dates) of its first ``HEADS_KEPT``
    # members: what a later run re-reads with e5 when its reports may belong to it (``earlier_heads``)
    heads: list[list[dict]] = field(default_factory=list)
    # While the index is small (the group stage's ``regroup_max``), every member's head in the order
    # placed, with its weight and names, and the batch model's vectors of those heads (``whole_backend``):
    # a run then groups them all again with its own, as one run over everything would
    # (``stage._regroup``). None once the index outgrew it: from then on it only grows.
    whole: list[dict] | None = field(default_factory=list)
    whole_vectors: np.ndarray | None = None
    whole_backend: str = ""
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

    def add(
        self, article_ids: Sequence[str], vectors: np.ndarray, anchor_sets: Sequence[Collection[str]],
        languages: Sequence[str | None] | None = None, days: Sequence[float | None] | None = None,
        yeardays: Sequence[float | None] | None = None, focus: Sequence[str | None] | None = None,
        headline: Sequence[str | None] | None = None,
    ) -> list[str]:
        """Place each article in a story; returns the story id per article, in input order.

        ``languages`` (one per article, may be None) lets the anchor gate spare pairs across
        languages, as the batch stage does; ``days`` (publication days, None when unknown) keep
        stories inside their time window; ``yeardays`` (day of the year, also of a year-less
        dateline) do so within a batch, as in the batch stage (``stories.time_factor``); ``focus``
        (the name each is mostly about, ``stories.focus``) keeps another event that mentions a
        story in passing out of it within a batch, as in the batch stage, and ``headline`` (else the
        one name its headline names, ``stories.focus_and_headline``) two dated events."""
        out: list[str | None] = [None] * len(article_ids)
        fresh = []
        for k, aid in enumerate(article_ids):
            if aid in self.story_of:
                out[k] = self.ids[self.story_of[aid]]
            else:
                fresh.append(k)
        if fresh:
            vecs = np.asarray(vectors, dtype=np.float32)[fresh]
            langs = [languages[k] if languages is not None else None for k in fresh]
            for k in fresh:
                self.df.update(anchor_sets[k])
            self.seen += len(fresh)
            idf = _IDF(self.df, self.seen)
            day_arr = np.array([np.nan if days is None or days[k] is None else days[k] for k in fresh], dtype=np.float64)
            year_arr = (np.array([np.nan if yeardays[k] is None else yeardays[k] for k in fresh], dtype=np.float64)
                        if yeardays is not None else None)
            feats = StoryFeatures(vectors=vecs, anchor_sets=[anchor_sets[k] for k in fresh], languages=langs,
                                  days=day_arr, yeardays=year_arr, multilingual=self.backend in MULTILINGUAL_BACKENDS,
                                  idf=idf, focus=[focus[k] for k in fresh] if focus is not None else None,
                                  headline=[headline[k] for k in fresh] if headline is not None else None)
            # raw scores once; backgrounds only where they weigh (static's default does not use them)
            raw = raw_scores(feats, self.params)
            if self.params.background_weight > 0:
                backs = background(raw, self.params)
            else:
                backs = np.full(len(fresh), self.params.background_prior, dtype=np.float32)
            # within the batch as in the batch stage: events, then thin ones joined to their subject
            chunk = replace(self.params, subject_min_mean=max(self.params.subject_min_mean,
                                                              self.params.stream_subject_min_mean))
            labels = story_labels(feats, chunk, pair_scores(feats, self.params, backs, raw))
            groups: dict[int, list[int]] = {}
            for pos, lab in enumerate(labels):
                groups.setdefault(lab, []).append(pos)
            members = list(groups.values())
            profiles = [Counter(a for p in poss for a in anchor_sets[fresh[p]]) for poss in members]
            lang_sets = [{langs[p] for p in poss if langs[p]} for poss in members]
            sums = np.stack([vecs[poss].sum(axis=0) for poss in members])
            # every new cluster is matched against the stories that existed before this batch (the
            # batch clustering has already decided which new articles belong together)
            spans = [_span(day_arr[poss]) for poss in members]
            bsums = [float(backs[poss].sum()) for poss in members]
            rows = self._best_rows(sums, profiles, [len(poss) for poss in members], lang_sets, idf, spans, bsums)
            for poss, prof, lset, vsum, row, span, bsum in zip(members, profiles, lang_sets, sums, rows, spans, bsums,
                                                              strict=True):
                wmass = sum(c * idf[a] for a, c in prof.items())
                row = self._place([article_ids[fresh[p]] for p in poss], vsum, prof, wmass, lset, row, vecs.shape[1],
                                  span, bsum)
                for p in poss:
                    out[fresh[p]] = self.ids[row]
        return [s for s in out if s is not None]

    def _best_rows(
        self, sums: np.ndarray, profiles: list[Counter[str]], sizes: list[int], lang_sets: list[set[str]],
        idf: _IDF, spans: list[list[float]], bsums: list[float], block: int = 256,
    ) -> list[int]:
        """Per new cluster, the existing story it joins, or -1 (one matrix product per block)."""
        if self.sums is None or not len(self.ids):
            return [-1] * len(sums)
        centroids = self._centroids()
        lo, w, gate = self.params.cosine_floor, self.params.vector_weight, self.params.anchor_gate
        threshold = self.params.threshold
        anchors_of, members_of, mass_of, langs_of = self.anchors, self.members, self.mass, self.languages
        spans_of, multilingual = self.spans, self.backend in MULTILINGUAL_BACKENDS
        window, reach = self.params.window_days, max(self.params.max_span_days - self.params.window_days, 1e-9)
        longest = self.params.max_span_days
        params, back_of = self.params, self.background_sums
        k = min(CANDIDATES, len(centroids))  # candidates by vector, then the anchor check
        out: list[int] = []
        full = len(self.ids) < self.full_search_below
        floor = self._least_vector()
        for start in range(0, len(sums), block):
            part = sums[start : start + block]
            centres = part / np.maximum(np.linalg.norm(part, axis=1, keepdims=True), 1e-9)
            if full:
                cos = centres @ centroids.T
                # only stories close enough to pass are candidates: far fewer than all to rank (the
                # cut on the cosines a hair below the floor's, then the floor itself on those kept)
                if np.isfinite(floor):
                    rows, cols = np.nonzero(cos >= lo + floor * (1.0 - lo) - 1e-6)
                else:
                    rows, cols = np.indices(cos.shape).reshape(2, -1)
                vals = np.clip((cos[rows, cols] - lo) / (1.0 - lo), 0.0, 1.0)
                keep = vals >= floor
                rows, cols, vals = rows[keep], cols[keep], vals[keep]
                bounds = np.searchsorted(rows, np.arange(len(part) + 1))
            for i in range(len(part)):
                prof, n, lset, span = profiles[start + i], sizes[start + i], lang_sets[start + i], spans[start + i]
                back = bsums[start + i] / n
                dated = math.isfinite(span[0])
                if full:
                    row_cols, row_vals = cols[bounds[i] : bounds[i + 1]], vals[bounds[i] : bounds[i + 1]]
                    top = closest(np.arange(len(row_cols)), row_vals, k)
                    cands, cand_vals = row_cols[top], row_vals[top]
                    # and the stories sharing the most of its rarest names: on a beat of template
                    # reports, other events told in the same words are nearer by vector than a
                    # rewrite of this one, and can fill every place by vector
                    sharing = self._sharing(self._rare_postings(prof, idf, NAMING_MAX))
                    if len(sharing):
                        sharing = np.setdiff1d(sharing, cands)
                        more = np.clip((cos[i, sharing] - lo) / (1.0 - lo), 0.0, 1.0)
                        keep = more >= floor
                        cands = np.concatenate([cands, sharing[keep]])
                        cand_vals = np.concatenate([cand_vals, more[keep]])
                else:
                    cands, cand_vals = self._posting_candidates(prof, idf, centres[i], centroids, k, floor)
                weighted = {a: c * idf[a] for a, c in prof.items()}
                mass_n = sum(weighted.values()) / n
                top, found = -1.0, -1
                # closest by vector first: a candidate whose score cannot pass the best so far even
                # with full anchor agreement ends the search (the same winner as scoring them all)
                order = np.argsort(-cand_vals, kind="stable")
                for v, r in zip(cand_vals[order].tolist(), cands[order].tolist(), strict=True):
                    bound = w * v + (1 - w)
                    if params.background_weight > 0:
                        bound = corrected(bound, back, 0.0, params)  # no story's background is below 0
                    if bound < threshold or bound < top:
                        break
                    story, ns = anchors_of[r], len(members_of[r])
                    # fsum: exact, so the order of the shared anchors cannot change a decision
                    # (the keys' intersection walks the smaller side, in C)
                    dot = math.fsum([weighted[a] * story[a] for a in weighted.keys() & story.keys()]) / (n * ns)
                    # at most 1 (full agreement): a story's mass was summed with older IDF values
                    anc = dot / max(1.0, min(mass_n, mass_of[r] / ns))
                    anc = min(anc, 1.0)
                    # the batch stage's anchor gate; a story and a cluster with no language in
                    # common are across languages, where only a multilingual model's vectors count
                    across = bool(lset and langs_of[r] and lset.isdisjoint(langs_of[r]))
                    if across and not multilingual:
                        v = 0.0
                    elif gate > 0 and anc < gate and not across:
                        v *= anc / gate
                    score = w * v + (1 - w) * anc
                    if params.background_weight > 0:
                        score = corrected(score, back, back_of[r] / ns, params)
                    if dated:
                        score *= _time_fade(span, spans_of[r], window, reach, longest)
                    if (score, r) > (top, found):
                        top, found = score, r
                out.append(found if top >= threshold else -1)
        return out

    def _least_vector(self) -> float:
        """The clipped cosine below which a story cannot reach the threshold even with full anchor
        agreement (``_best_rows``' bound); -inf when a background correction makes it unknown."""
        w, threshold = self.params.vector_weight, self.params.threshold
        if self.params.background_weight > 0 or w <= 0:
            return -np.inf
        return (threshold - (1.0 - w)) / w - 1e-9  # never stricter than the bound, in floats too

    def _rare_postings(self, prof: Counter[str], idf: _IDF, most: int = POSTING_MAX) -> list[tuple[float, list[int]]]:
        """The IDF and the posting of each of the cluster's ``RARE_ANCHORS`` rarest anchors held by
        at most ``most`` stories (an anchor held by more names no particular story)."""
        out = []
        for a in sorted(prof, key=lambda a: -idf[a])[:RARE_ANCHORS]:
            posting = self.postings.get(a)
            if posting and len(posting) <= most:
                out.append((idf[a], posting))
        return out

    @staticmethod
    def _sharing(postings: list[tuple[float, list[int]]]) -> np.ndarray:
        """Of ``postings`` (``_rare_postings``), the ``SHARING`` stories sharing the most IDF of
        the anchors held by at most ``NAMING_MAX`` stories; ascending."""
        top = most_shared(((w, p) for w, p in postings if len(p) <= NAMING_MAX), SHARING)
        return np.array(sorted(r for r, _ in top), dtype=np.int64)

    def _posting_candidates(
        self, prof: Counter[str], idf: _IDF, centre: np.ndarray, centroids: np.ndarray, k: int,
        floor: float = -np.inf,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Stories sharing one of the cluster's rarest anchors (all stories by vector when none
        does, e.g. a translation whose names changed script), and their clipped cosines; only
        those at or above ``floor`` (closer ones than that cannot pass): the ``k`` closest by
        vector and the ``SHARING`` sharing the most of its names, as in a full search."""
        lo = self.params.cosine_floor
        postings = self._rare_postings(prof, idf)
        if postings:
            rows: set[int] = set()
            for _, posting in postings:
                rows.update(posting)
            cands = np.sort(np.fromiter(rows, dtype=np.int64, count=len(rows)))  # for searchsorted
            vec = np.clip((centroids[cands] @ centre - lo) / (1.0 - lo), 0.0, 1.0)
            top = closest(np.flatnonzero(vec >= floor), vec, k)
            sharing = np.searchsorted(cands, self._sharing(postings))
            top = np.union1d(top, sharing[vec[sharing] >= floor])
            return cands[top], vec[top]
        vec_all = np.clip((centroids @ centre - lo) / (1.0 - lo), 0.0, 1.0)
        cands = closest(np.flatnonzero(vec_all >= floor), vec_all, k)
        return cands, vec_all[cands]

    def _place(
        self, aids: list[str], vsum: np.ndarray, profile: Counter[str], wmass: float, langs: set[str], row: int,
        dim: int, span: list[float] | None = None, bsum: float = 0.0,
    ) -> int:
        if row < 0:
            row = len(self.ids)
            self.ids.append(story_id(min(aids)))
            self.members.append([])
            self.anchors.append(Counter())
            self.mass.append(0)
            self.languages.append(set())
            self.spans.append([np.nan, np.nan])
            self.background_sums.append(0.0)
            self.heads.append([])
            if self.sums is None:
                self.sums = np.zeros((16, dim), dtype=np.float32)
            elif row >= len(self.sums):  # grow by doubling, not one row at a time
                self.sums = np.vstack([self.sums, np.zeros_like(self.sums)])
        assert self.sums is not None
        self.sums[row] += vsum
        self._refresh(row)
        self.members[row].extend(aids)
        for a in profile:
            if a not in self.anchors[row]:
                self.postings.setdefault(a, []).append(row)
        self.anchors[row].update(profile)
        self.mass[row] += wmass
        self.languages[row] |= langs
        self.background_sums[row] += bsum
        if span is not None and np.isfinite(span[0]):
            lo, hi = self.spans[row]
            self.spans[row] = [float(np.fmin(lo, span[0])), float(np.fmax(hi, span[1]))]
        for a in aids:
            self.story_of[a] = row
        return row

    def split_off(
        self, aids: list[str], vsum: np.ndarray, profile: Counter[str], langs: set[str], days: np.ndarray
    ) -> str:
        """Move the articles ``aids`` (all of one story; ``vsum`` their vectors' sum, ``profile``
        the anchors they were placed with, ``days`` their publication days, NaN when unknown) out of
        their story into a new one; returns its id. The
        story they leave keeps its id, its languages and its span (the index keeps no per-member
        days or languages to shrink them by)."""
        row = self.story_of[aids[0]]
        assert self.sums is not None and all(self.story_of[a] == row for a in aids)
        n = len(self.members[row])
        bsum = self.background_sums[row] * len(aids) / max(n, 1)  # the story's mean share
        self.sums[row] -= vsum
        self._refresh(row)
        gone = set(aids)
        self.members[row] = [m for m in self.members[row] if m not in gone]
        self.heads[row] = [h for h in self.heads[row] if h["id"] not in gone]  # the new row's come later
        left = self.anchors[row]
        left.subtract(profile)
        for a in [a for a, c in left.items() if c <= 0]:
            del left[a]
            rows = self.postings.get(a, [])
            if row in rows:
                rows.remove(row)
        idf = _IDF(self.df, self.seen)
        self.mass[row] = sum(c * idf[a] for a, c in left.items())
        self.background_sums[row] -= bsum
        taken = set(self.ids)
        new_id, salt = story_id(min(aids)), 0
        while new_id in taken:  # the story left may carry the id its first article would give
            salt += 1
            new_id = story_id(f"{min(aids)}#{salt}")
        wmass = sum(c * idf[a] for a, c in profile.items())
        new = self._place(aids, vsum, profile, wmass, langs, -1, len(vsum), _span(days), bsum)
        self.ids[new] = new_id
        return new_id

    def merge(self, joins: Sequence[tuple[str, str]]) -> None:
        """For each ``(into, other)`` of story ids, join story ``other`` into story ``into``: its
        members, vectors, names, languages and span become ``into``'s. ``other`` keeps its row,
        empty, so rows keep their places; an empty row has no vector and no names, so no cluster is
        placed in it."""
        row_of = {sid: r for r, sid in enumerate(self.ids)}
        for into, other in joins:
            self._merge_rows(row_of[into], row_of[other])

    def _merge_rows(self, a: int, b: int) -> None:
        if a == b:
            return
        assert self.sums is not None
        self.sums[a] += self.sums[b]
        self.sums[b] = 0.0
        self._refresh(a)
        self._refresh(b)
        for name in self.anchors[b]:
            rows = self.postings.get(name, [])
            if b in rows:
                rows.remove(b)
            if name not in self.anchors[a]:
                rows.append(a)
        self.anchors[a].update(self.anchors[b])
        self.anchors[b] = Counter()
        self.mass[a] += self.mass[b]
        self.mass[b] = 0.0
        self.languages[a] |= self.languages[b]
        self.languages[b] = set()
        self.background_sums[a] += self.background_sums[b]
        self.background_sums[b] = 0.0
        lo, hi = self.spans[a]
        self.spans[a] = [float(np.fmin(lo, self.spans[b][0])), float(np.fmax(hi, self.spans[b][1]))]
        self.spans[b] = [np.nan, np.nan]
        for m in self.members[b]:
            self.story_of[m] = a
        self.members[a].extend(self.members[b])
        self.members[b] = []
        self.heads[a] = (self.heads[a] + self.heads[b])[:HEADS_KEPT]
        self.heads[b] = []

    def keep_head(self, article_id: str, head: dict) -> None:
        """Keep ``head`` (an article's id, title, text head, language and dates) as one of its
        story's heads, while the story has fewer than ``HEADS_KEPT``."""
        heads = self.heads[self.story_of[article_id]]
        if len(heads) < HEADS_KEPT and all(h["id"] != article_id for h in heads):
            heads.append(head)

    def earlier_heads(self, profiles: Sequence[Counter[str]], skip: Collection[int], per_story: int,
                      most: int | None = None) -> dict[int, list[dict]]:
        """For each anchor profile (a story of this run), the ``per_story`` stories with a head,
        not in ``skip``, sharing the most IDF of its rarest names (each held by at most
        ``NAMING_MAX`` stories): row -> its heads; profiles in order until ``most`` heads."""
        idf = _IDF(self.df, self.seen)
        out: dict[int, list[dict]] = {}
        held = 0
        for prof in profiles:
            if most is not None and held >= most:
                break
            postings = [(w, [r for r in p if r not in skip and self.heads[r]])
                        for w, p in self._rare_postings(prof, idf, NAMING_MAX)]
            for r, _ in most_shared(postings, per_story):
                if r not in out:
                    out[r] = self.heads[r]
                    held += len(out[r])
        return out

    @classmethod
    def of_groups(
        cls, params: StoryParams, backend: str, groups: Sequence[Sequence[int]], ids: Sequence[str],
        article_ids: Sequence[str], vectors: np.ndarray, anchor_sets: Sequence[Collection[str]],
        languages: Sequence[str | None], days: Sequence[float | None], whole: Sequence[dict],
    ) -> StoryIndex:
        """An index holding exactly ``groups`` (rows of the other arguments, one list per story,
        its id in ``ids``): what ``add`` would have built had it placed them so. ``vectors`` are in
        ``backend``'s space, ``whole`` every article's head with its weight and names (each story
        keeps its first ``HEADS_KEPT`` heads, and ``whole`` all of them)."""
        idx = cls(params=params, backend=backend)
        for anc in anchor_sets:
            idx.df.update(anc)
        idx.seen = len(article_ids)
        idf = _IDF(idx.df, idx.seen)
        vecs = np.asarray(vectors, dtype=np.float32)
        for rows, sid in zip(groups, ids, strict=True):
            prof = Counter(a for k in rows for a in anchor_sets[k])
            span = _span(np.array([np.nan if days[k] is None else days[k] for k in rows], dtype=np.float64))
            row = idx._place([article_ids[k] for k in rows], vecs[list(rows)].sum(axis=0), prof,
                             sum(c * idf[a] for a, c in prof.items()), {languages[k] for k in rows if languages[k]},
                             -1, vecs.shape[1], span, params.background_prior * len(rows))
            idx.ids[row] = sid
            idx.heads[row] = [{x: v for x, v in whole[k].items() if x not in WHOLE_ONLY} for k in rows[:HEADS_KEPT]]
        idx.whole = list(whole)
        return idx

    def save(self, directory: str | Path) -> None:
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        meta = {"ids": self.ids, "members": self.members, "anchors": [dict(sorted(a.items())) for a in self.anchors],
                "languages": [sorted(x) for x in self.languages], "backend": self.backend,
                "df": dict(self.df), "seen": self.seen,
                "spans": [[None if not np.isfinite(x) else x for x in sp] for sp in self.spans],
                "background_sums": self.background_sums, "heads": self.heads,
                "whole": self.whole, "whole_backend": self.whole_backend}
        (d / "stories.json").write_text(json.dumps(meta), encoding="utf-8")
        if self.sums is not None:
            np.save(d / "centroids.npy", self.sums[: len(self.ids)])
        whole = d / "whole.npy"
        if self.whole and self.whole_vectors is not None:
            np.save(whole, self.whole_vectors[: len(self.whole)])
        elif whole.exists():
            whole.unlink()

    @classmethod
    def load(cls, directory: str | Path, params: StoryParams | None = None) -> StoryIndex:
        """The index saved in ``directory`` (an empty one if none is); :class:`StateError` naming
        the file when what is there cannot be read as an index."""
        d = Path(directory)
        idx = cls(params=params or StoryParams())
        meta_path = d / "stories.json"
        if not meta_path.exists():
            return idx
        try:
            return cls._read(d, meta_path, idx)
        except StateError:
            raise
        # unreadable, truncated (JSONDecodeError is a ValueError) or JSON of another shape
        except (OSError, KeyError, TypeError, ValueError, AttributeError) as e:
            raise StateError(f"{meta_path} is not a story index storytrace can read ({_reason(e)}); "
                             "move the directory away or pass another --state") from None

    @classmethod
    def _read(cls, d: Path, meta_path: Path, idx: StoryIndex) -> StoryIndex:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        idx.ids, idx.members = list(meta["ids"]), list(meta["members"])
        idx.backend = meta.get("backend", "")
        # a list is an index saved before profiles were kept: each name counted once
        idx.anchors = [Counter(a) if isinstance(a, dict) else Counter(set(a)) for a in meta["anchors"]]
        for r, prof in enumerate(idx.anchors):
            for a in prof:
                idx.postings.setdefault(a, []).append(r)
        idx.df = Counter(meta.get("df") or {a: 1 for prof in idx.anchors for a in prof})
        idx.seen = int(meta.get("seen", sum(len(m) for m in idx.members)))
        idf = _IDF(idx.df, idx.seen)
        idx.mass = [sum(c * idf[a] for a, c in prof.items()) for prof in idx.anchors]
        # an index saved before languages were kept: languages unknown (no story is spared the gate)
        idx.languages = [set(x) for x in meta.get("languages", [[] for _ in idx.ids])]
        idx.spans = [[np.nan if x is None else float(x) for x in sp] for sp in meta.get("spans") or []]
        idx.spans += [[np.nan, np.nan]] * (len(idx.ids) - len(idx.spans))  # saved before spans were kept
        prior = idx.params.background_prior
        idx.background_sums = list(meta.get("background_sums") or [prior * len(m) for m in idx.members])
        idx.heads = list(meta.get("heads") or [])
        idx.heads += [[] for _ in range(len(idx.ids) - len(idx.heads))]  # saved before heads were kept
        if (d / "centroids.npy").exists():
            try:
                idx.sums = np.load(d / "centroids.npy", allow_pickle=False)
            except (OSError, ValueError) as e:
                raise StateError(f"{d / 'centroids.npy'} cannot be read ({_reason(e)}); "
                                 "move the directory away or pass another --state") from None
            if idx.sums.ndim != 2 or len(idx.sums) < len(idx.ids):
                raise StateError(f"{d / 'centroids.npy'} holds {len(idx.sums)} rows for {len(idx.ids)} stories; "
                                 "move the directory away or pass another --state")
        # an index saved before every member's head was kept cannot be grouped whole again
        idx.whole = meta.get("whole", [] if not idx.members else None)
        idx.whole_backend = meta.get("whole_backend", "")
        if idx.whole and (d / "whole.npy").exists():
            try:
                idx.whole_vectors = np.load(d / "whole.npy", allow_pickle=False)
            except (OSError, ValueError):
                idx.whole_vectors = None  # the heads are kept: their vectors are computed again
            if idx.whole_vectors is None or len(idx.whole_vectors) != len(idx.whole):  # not this index's
                idx.whole_vectors, idx.whole_backend = None, ""
        idx.story_of = {a: r for r, ms in enumerate(idx.members) for a in ms}
        return idx
