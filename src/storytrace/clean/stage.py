"""The ``clean`` pipeline component: corpus line statistics first, then each article on its own."""

from __future__ import annotations

from storytrace.clean.article import clean_article
from storytrace.clean.stats import LineStats
from storytrace.model import Corpus


def run(corpus: Corpus, config=None) -> Corpus:
    from storytrace.progress import track

    stats = LineStats.from_articles(corpus.articles)
    for article in track(corpus.articles, "Cleaning", config):
        clean_article(article, stats)
    return corpus
