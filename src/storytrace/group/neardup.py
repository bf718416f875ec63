"""Near-duplicate groups with MinHash (rensa) + banded LSH, verified by exact shingle Jaccard.

Guarantee: two articles are put in one group only if a chain of verified pairs joins them, and
every verified pair has an exact word-3-shingle Jaccard ≥ ``threshold`` (LSH only proposes
candidates; its false positives are dropped by the exact check). A pair is proposed with the
probability of the banded LSH S-curve ``1 - (1 - J^5)^24`` (120 permutations in 24 bands of 5):
≥ 0.9999 at Jaccard 0.8, 0.53 at 0.5, 0.06 at 0.3. Results do not depend on the process: tokens get
a fixed hash of their characters.

Pairs in a band bucket larger than ``max_run`` (a template many texts share) are proposed only
between neighbours in another band's order (``window`` each side; :class:`NearDupOptions`), so a
templated corpus cannot
make the candidates quadratic; near copies inside such a bucket agree on most other bands too,
so they sort next to each other.

Speed: the whole corpus is shingled as one array (token hashes computed with numpy over code
points by :mod:`storytrace.text.token_hashes`, 3-gram hashes combined with numpy), rensa computes
every MinHash digest in one call from that flat buffer, the bands
are bucketed with numpy, and candidates are screened by their MinHash estimate (vectorised)
before the exact check; no per-shingle Python string is ever built.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from pydantic import Field

from storytrace.options import Options
from storytrace.text.normalize import shingles, tokens
from storytrace.text.token_hashes import token_hashes

# Bands of 5 rows, not 4: a templated corpus proposes far fewer unrelated pairs (0.53 of the
# pairs at Jaccard 0.5 instead of 0.87; generated 87,500 articles: banding CPU 4-7 s -> 1.9 s,
# the same verified pairs), while a pair at the 0.8 threshold is still missed < 1 time in 10^4.
NUM_PERM, NUM_BANDS = 120, 24


class NearDupOptions(Options):
    """Near duplicates: MinHash + banded LSH proposes, exact word-3-shingle Jaccard decides."""

    threshold: float = Field(0.8, ge=0.0, le=1.0)
    """Exact Jaccard a pair needs to be near duplicates (copies differing in furniture or a word)."""
    num_perm: int = Field(NUM_PERM, ge=1)
    """MinHash permutations (see NUM_PERM)."""
    num_bands: int = Field(NUM_BANDS, ge=1)
    """LSH bands over the permutations (see NUM_BANDS)."""
    seed: int = 7
    """MinHash seed: results do not depend on the process."""
    max_run: int = Field(16, ge=2)
    """A band bucket holding more than this many texts is a shared template (automated results,
    agency formulas, a generated corpus), not one text's copies: its members are paired only with
    their `window` nearest neighbours in the order of another band's key (near copies agree on
    most bands, so they sort together), which keeps the candidate count linear in the corpus."""
    window: int = Field(4, ge=1)
    """Neighbours each side a member of a template bucket is paired with."""
    digest_block: int = Field(20_000, ge=1)
    """Texts shingled and digested per block: the flat shingle arrays (~2 x 8 bytes per word) and
    rensa's row lists exist for one block at a time; only the digests (480 bytes a text) are kept."""


# Odd 64-bit multipliers (golden-ratio and murmur constants) to combine hashes position-wise.
_MIX = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93], dtype=np.uint64
)


class UnionFind:
    """Disjoint sets over 0..n-1 with path halving."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        p = self.parent
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return list(out.values())


def shingle_set(text: str, n: int = 3) -> set[str]:
    """Word n-gram shingles as strings (what the peers in ``bench/bench_dedup.py`` are given)."""
    return set(shingles(tokens(text), n))


def shingle_hashes(texts: Sequence[str], n: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """All documents' word-n-gram hashes as one flat ``uint64`` array plus row offsets (length
    ``len(texts) + 1``). A document with fewer than ``n`` tokens has one shingle (all its tokens),
    an empty one none -- the same sets as :func:`shingle_set`, hashed."""
    # one process: at ~45 M characters a CPU second, forked workers cost more than they save
    lengths, flat = token_hashes(texts)
    width = min(n, len(_MIX))
    counts = np.where(lengths >= width, lengths - width + 1, np.minimum(lengths, 1))
    offsets = np.zeros(len(texts) + 1, dtype=np.uint64)
    np.cumsum(counts, out=offsets[1:])
    if len(flat) < width:
        combined = np.empty(0, dtype=np.uint64)
    else:
        span = len(flat) - width + 1
        combined = flat[:span] * _MIX[0]
        for k in range(1, width):
            combined ^= flat[k : k + span] * _MIX[k]
    # keep the n-grams that lie inside one document (they start where >= n tokens remain)
    starts = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    doc = np.repeat(np.arange(len(texts)), lengths)[: len(combined)]
    inside = combined[(starts[doc + 1] - np.arange(len(combined))) >= width]
    short = np.flatnonzero((lengths > 0) & (lengths < width))
    if not len(short):
        return inside, offsets
    out = np.empty(int(offsets[-1]), dtype=np.uint64)
    full = np.ones(len(out), dtype=bool)
    for d in short:  # rare: a one- or two-word text is one shingle of all its words
        words = flat[starts[d] : starts[d + 1]]
        out[offsets[d]] = np.bitwise_xor.reduce(words * _MIX[: len(words)])
        full[offsets[d]] = False
    out[full] = inside
    return out, offsets


def _band_keys(digests: np.ndarray, num_bands: int) -> np.ndarray:
    """One 64-bit key per (text, band): the band's MinHash values combined."""
    rows = digests.shape[1] // num_bands
    keys = np.empty((digests.shape[0], num_bands), dtype=np.uint64)
    for b in range(num_bands):
        band = digests[:, b * rows : (b + 1) * rows].astype(np.uint64)
        key = band[:, 0] * _MIX[0]
        for k in range(1, rows):
            key ^= band[:, k] * _MIX[k % len(_MIX)] + np.uint64(k)
        keys[:, b] = key
    return keys


def _band_candidates(
    digests: np.ndarray, num_bands: int, min_estimate: float = 0.0, max_run: int = 16, window: int = 4
) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, of rows that agree on every value of at least one band (the LSH
    candidates; in buckets above ``max_run``, each member with its ``window`` neighbours) and whose
    MinHash estimate reaches ``min_estimate``, as an ``(m, 2)`` int64 array without repeats. Each
    band's pairs are screened as they are made, so memory holds survivors, not all candidates."""
    n = digests.shape[0]
    keys = _band_keys(digests, num_bands)
    kept: list[np.ndarray] = []  # screened pair codes i * n + j
    for b in range(num_bands):
        found: list[np.ndarray] = []
        order = np.argsort(keys[:, b], kind="stable")
        sorted_key = keys[order, b]
        edges = np.flatnonzero(sorted_key[1:] != sorted_key[:-1]) + 1
        starts = np.r_[0, edges]
        lengths = np.diff(np.r_[starts, n])
        for length in np.unique(lengths[(lengths > 1) & (lengths <= max_run)]).tolist():
            # every run of this length at once: all pairs inside each run
            ti, tj = np.triu_indices(length, 1)
            s0 = starts[lengths == length][:, None]
            i, j = order[s0 + ti], order[s0 + tj]
            found.append(np.minimum(i, j).ravel() * n + np.maximum(i, j).ravel())
        other = (b + 1) % num_bands
        for s0, length in zip(
            starts[lengths > max_run].tolist(), lengths[lengths > max_run].tolist(), strict=True
        ):
            members = order[s0 : s0 + length]
            members = members[np.lexsort((members, keys[members, other]))]
            for w in range(1, window + 1):
                i, j = members[:-w], members[w:]
                found.append(np.minimum(i, j) * n + np.maximum(i, j))
        if found:
            codes = np.unique(np.concatenate(found).astype(np.int64))
            pairs = np.stack([codes // n, codes % n], axis=1)
            if min_estimate > 0:
                codes = codes[_estimated_jaccard(digests, pairs) >= min_estimate]
            kept.append(codes)
    if not kept:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(kept))
    return np.stack([codes // n, codes % n], axis=1)


def _estimated_jaccard(digests: np.ndarray, pairs: np.ndarray, block: int = 1 << 18) -> np.ndarray:
    """MinHash estimate of each pair's Jaccard (share of equal digest values), in blocks."""
    out = np.empty(len(pairs), dtype=np.float32)
    for s0 in range(0, len(pairs), block):
        p = pairs[s0 : s0 + block]
        out[s0 : s0 + len(p)] = (digests[p[:, 0]] == digests[p[:, 1]]).mean(axis=1)
    return out


def minhash_digests(
    texts: Sequence[str], num_perm: int = NUM_PERM, seed: int = 7, block: int = 20_000
) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
    """``(len(texts), num_perm)`` uint32 MinHash digests of the texts' word-3-shingles, each
    text's shingle count, and the shingle arrays ``(flat, offsets)`` when the texts fit in one
    block of ``block`` texts (else None)."""
    import rensa

    out = np.empty((len(texts), num_perm), dtype=np.uint32)
    counts = np.zeros(len(texts), dtype=np.int64)
    for start in range(0, len(texts), block):
        flat, offsets = shingle_hashes(texts[start : start + block])
        rows = rensa.RMinHash.digest_matrix_from_flat_token_hashes(flat, offsets, num_perm, seed).to_rows()
        out[start : start + len(rows)] = np.asarray(rows, dtype=np.uint32)
        counts[start : start + len(rows)] = np.diff(offsets.astype(np.int64))
    return out, counts, ((flat, offsets) if 0 < len(texts) <= block else None)


def _distinct_into(
    flat: np.ndarray,
    offsets: np.ndarray,
    rows: Iterable[int],
    out: np.ndarray,
    bounds: np.ndarray,
    slot: int,
) -> None:
    """Write the distinct values of each row in ``rows`` (of ``flat`` split at ``offsets``),
    sorted, into ``out`` one after another from ``bounds[slot]``, and where each ends into
    ``bounds[slot + 1 :]``. (A sort per row: 3-4x faster than one lexsort by row and value.)"""
    off = offsets.tolist()
    at = int(bounds[slot])
    for n, k in enumerate(rows, start=slot + 1):
        a = np.sort(flat[off[k] : off[k + 1]])
        if len(a) > 1:
            first = np.ones(len(a), dtype=bool)
            np.not_equal(a[1:], a[:-1], out=first[1:])
            a = a[first]
        out[at : at + len(a)] = a
        at += len(a)
        bounds[n] = at


def near_duplicate_pairs(
    texts: Sequence[str], options: NearDupOptions | None = None, **overrides: float
) -> list[tuple[int, int, float]]:
    """Verified pairs ``(i, j, jaccard)`` with ``i < j`` and exact Jaccard ≥ ``threshold``
    (``options``, the defaults when None, with ``overrides`` of its fields: ``threshold=0.7``)."""
    opts = options or NearDupOptions()
    if overrides:
        opts = NearDupOptions.model_validate({**opts.model_dump(), **overrides})
    threshold, block = opts.threshold, opts.digest_block
    if len(texts) < 2:
        return []
    digests, counts, shingled = minhash_digests(texts, opts.num_perm, opts.seed, block)
    # the estimate's standard error is <= 0.046 at 120 permutations: a pair 0.2 below the threshold
    # is 4.5 errors away, so the cheap estimate drops the bulk of LSH's false candidates first
    candidates = _band_candidates(digests, opts.num_bands, threshold - 0.2, opts.max_run, opts.window)
    if not len(candidates):
        return []
    # each text still in a candidate pair as its distinct shingle hashes, sorted, in one flat array
    involved = np.unique(candidates)
    rows = np.empty(int(counts[involved].sum()), dtype=np.uint64)  # sized once: never held twice
    bounds = np.zeros(len(involved) + 1, dtype=np.int64)
    if shingled is not None:
        _distinct_into(*shingled, involved.tolist(), rows, bounds, 0)
    else:  # shingled again a block at a time: at 10^6 texts one pass would hold several GB at once
        for s0 in range(0, len(involved), block):
            part = involved[s0 : s0 + block].tolist()
            _distinct_into(*shingle_hashes([texts[i] for i in part]), range(len(part)), rows, bounds, s0)
    slot = dict(zip(involved.tolist(), range(len(involved)), strict=True))
    starts, ends = bounds[:-1].tolist(), bounds[1:].tolist()

    def row(i: int) -> np.ndarray:  # the text's distinct shingle hashes, sorted
        k = slot[i]
        return rows[starts[k] : ends[k]]

    pairs: list[tuple[int, int, float]] = []
    for i, j in candidates.tolist():
        a, b = row(i), row(j)
        if not len(a) or not len(b):
            continue
        if len(a) > len(b):
            a, b = b, a
        at = np.searchsorted(b, a)
        at[at == len(b)] = 0  # past the end: not in b (a[k] > every b), any index then compares unequal
        common = int(np.count_nonzero(b[at] == a))
        jac = common / (len(a) + len(b) - common)
        if jac >= threshold:
            pairs.append((i, j, jac))
    return pairs
