"""Lexical passage alignment between two texts: anchored word n-grams, extended into passages.

Shared word n-grams are the seeds (as in passim); seeds on nearly the same diagonal with small
gaps on both sides are chained into one passage, so a changed word, a dropped clause or
"U.N." vs "UN" (tokens drop the dots) does not break a passage.

Guarantee: passages do not overlap on either side, each holds at least ``min_seeds`` seeds, and
spans are character offsets into the original texts (``a[a_start:a_end]``).
"""

from __future__ import annotations

from dataclasses import dataclass

from storytrace.text.normalize import token_spans


@dataclass
class LexPassage:
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    matched: int      # tokens of the passage covered by shared n-grams (on side b)
    length: int       # tokens of the passage on side b

    @property
    def similarity(self) -> float:
        return self.matched / max(self.length, 1)


Spans = list[tuple[str, int, int]]
NgramIndex = dict[tuple[str, ...], list[int]]


def ngram_index(spans: Spans, n: int = 3) -> NgramIndex:
    """Token positions of every word n-gram of a text (its ``token_spans``)."""
    index: NgramIndex = {}
    for i in range(len(spans) - n + 1):
        index.setdefault(tuple(t[0] for t in spans[i : i + n]), []).append(i)
    return index


def align_texts(a: str, b: str, n: int = 3, max_gap: int = 6, min_seeds: int = 2, *,
                spans_a: Spans | None = None, spans_b: Spans | None = None,
                index_a: NgramIndex | None = None) -> list[LexPassage]:
    """Passages shared by ``a`` and ``b``. A story aligns each text with many others, so its token
    spans and n-gram index (``token_spans``, ``ngram_index`` with the same ``n``) may be passed in."""
    ta = spans_a if spans_a is not None else token_spans(a)
    tb = spans_b if spans_b is not None else token_spans(b)
    if len(ta) < n or len(tb) < n:
        return []
    index = index_a if index_a is not None else ngram_index(ta, n)
    seeds: list[tuple[int, int]] = []
    for j in range(len(tb) - n + 1):
        hits = index.get(tuple(t[0] for t in tb[j : j + n]))
        # frequent n-grams ("the u s") are ambiguous anchors: keep only rare ones
        if hits and len(hits) <= 3:
            seeds.extend((i, j) for i in hits)
    if not seeds:
        return []
    seeds.sort(key=lambda s: (s[1], s[0]))
    chains: list[list[tuple[int, int]]] = []
    for i, j in seeds:
        for ch in reversed(chains[-8:]):
            li, lj = ch[-1]
            if 0 <= j - lj <= max_gap and 0 < i - li <= max_gap + 2:
                ch.append((i, j))
                break
            if lj == j and li == i:
                break
        else:
            chains.append([(i, j)])
    out: list[LexPassage] = []
    used_a: list[tuple[int, int]] = []
    used_b: list[tuple[int, int]] = []
    for ch in sorted(chains, key=len, reverse=True):
        if len(ch) < min_seeds:
            continue
        ia0, ib0 = ch[0]
        ia1, ib1 = ch[-1][0] + n - 1, ch[-1][1] + n - 1
        if any(not (ia1 < s or ia0 > e) for s, e in used_a) or any(not (ib1 < s or ib0 > e) for s, e in used_b):
            continue
        used_a.append((ia0, ia1))
        used_b.append((ib0, ib1))
        covered = set()
        for _, j in ch:
            covered.update(range(j, j + n))
        out.append(LexPassage(ta[ia0][1], ta[ia1][2], tb[ib0][1], tb[ib1][2], len(covered), ib1 - ib0 + 1))
    out.sort(key=lambda p: p.b_start)
    return out


def coverage(spans: list[tuple[int, int]], length: int) -> float:
    """Share of ``length`` characters inside the union of ``spans``."""
    if length <= 0:
        return 0.0
    total, end = 0, -1
    for s, e in sorted(spans):
        if e <= end:
            continue
        total += e - max(s, end)
        end = e
    return min(total / length, 1.0)
