"""Lines of descent: articles joined by derivation edges count as one independent source.

Guarantee: ``lines(story)`` maps every story article to a line id; two articles share a line iff a
chain of copy/condensed/paraphrase/translation/shared-source/duplicate edges joins them.
"""

from __future__ import annotations

from storytrace.model import Story

DERIVED = {"duplicate", "copy", "condensed", "paraphrase", "translation", "shared-source"}


def lines(story: Story) -> dict[str, str]:
    parent = {a: a for a in story.articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

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
