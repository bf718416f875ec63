"""The ``facts`` pipeline component (placeholder)."""

from __future__ import annotations

from storytrace.model import Corpus


def run(corpus: Corpus, config=None) -> Corpus:
    return corpus
