"""The ``clean`` pipeline component (placeholder: trims and takes the title; see clean/ issue work)."""

from __future__ import annotations

from storytrace.model import Corpus


def run(corpus: Corpus, config=None) -> Corpus:
    for a in corpus.articles:
        a.text = a._raw.strip()
    return corpus
