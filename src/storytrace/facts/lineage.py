"""Lines of descent: articles joined by derivation edges count as one independent source.

Guarantee: ``lines(story)`` maps every story article to a line id; two articles share a line iff a
chain of copy/condensed/paraphrase/translation/shared-source/duplicate edges joins them.
``claim_support`` counts the lines of one claim: two of its carriers share a line iff a chain of
such edges between carriers, each holding the claim's sentence of its target in its passages (or
a duplicate group), joins them.
"""

from __future__ import annotations

from storytrace.model import Article, Story

DERIVED = {"duplicate", "copy", "condensed", "paraphrase", "translation", "shared-source"}


def _find(parent: dict[str, str], x: str) -> str:
    """Root of ``x`` in a union-find forest kept as a parent map (paths halved on the way)."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def lines(story: Story) -> dict[str, str]:
    parent = {a: a for a in story.articles}

    def find(x: str) -> str:
        return _find(parent, x)

    for e in story.edges:
        if e.kind in DERIVED and e.source in parent and e.target in parent:
            parent[find(e.source)] = find(e.target)
    for d in story.duplicates:
        for m in d.members:
            if m in parent and d.representative in parent:
                parent[find(m)] = find(d.representative)
    return {a: find(a) for a in story.articles}


def edge_kind(story: Story, a: str, b: str) -> str | None:
    """The kind of the edge between ``a`` and ``b`` in either direction, if any."""
    for e in story.edges:
        if {e.source, e.target} == {a, b}:
            return e.kind
    return None


def claim_support(story: Story, articles: dict[str, Article], sentences: dict[str, list[int]]) -> int:
    """Independent lines among a claim's carriers (``sentences``: article -> its sentence indices).

    Per claim, not per article: a report that reuses another's background paragraph is one line
    for that paragraph, while its own account of the rest still confirms the rest independently."""
    parent = {a: a for a in sentences}

    def find(x: str) -> str:
        return _find(parent, x)

    for e in story.edges:
        if e.kind not in DERIVED or e.source not in parent or e.target not in parent:
            continue
        spans = [(articles[e.target].sentences[k].start, articles[e.target].sentences[k].end)
                 for k in sentences[e.target]] if e.target in articles else []
        if not e.passages or any(p.target_start < end and start < p.target_end
                                 for p in e.passages for start, end in spans):
            parent[find(e.source)] = find(e.target)
    for d in story.duplicates:
        members = [m for m in d.members if m in parent]
        for m in members[1:]:
            parent[find(m)] = find(members[0])
    return len({find(a) for a in sentences})
