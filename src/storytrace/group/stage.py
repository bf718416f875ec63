"""The ``group`` pipeline component (placeholder until the grouping stage lands: one story)."""

from __future__ import annotations

from storytrace.model import Corpus, Story


def run(corpus: Corpus, config=None) -> Corpus:
    if corpus.articles:
        corpus.stories = [Story(id="s1", articles=[a.id for a in corpus.articles])]
    return corpus
