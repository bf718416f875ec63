"""The ``clean`` pipeline component: corpus line statistics first, then each article on its own.

The per-article part is a pure function of the article and the statistics, so large corpora
clean in a pool of forked workers (which inherit the statistics); the result is the same.
"""

from __future__ import annotations

import os

from storytrace.clean.article import clean_article
from storytrace.clean.stats import LineStats
from storytrace.model import Article, Corpus

# Below this many articles a pool costs more (start-up, pickling) than it saves.
_POOL_MIN = 4000
_CHUNK = 500
_FIELDS = ("text", "removed", "attributions", "title", "author")
_STATS: LineStats | None = None  # set in the parent before the fork; workers read it


def _clean_chunk(chunk: list[Article]) -> list[tuple]:
    out = []
    for article in chunk:
        clean_article(article, _STATS)
        out.append(tuple(getattr(article, f) for f in _FIELDS))
    return out


def run(corpus: Corpus, config=None) -> Corpus:
    global _STATS
    from storytrace.progress import track

    stats = LineStats.from_articles(corpus.articles)
    articles = corpus.articles
    workers = min(os.cpu_count() or 1, 8)
    if len(articles) < _POOL_MIN or workers < 2:
        for article in track(articles, "Cleaning", config):
            clean_article(article, stats)
        return corpus
    import multiprocessing as mp

    _STATS = stats
    chunks = [articles[i : i + _CHUNK] for i in range(0, len(articles), _CHUNK)]
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            results = pool.imap(_clean_chunk, chunks)
            for chunk, rows in track(zip(chunks, results, strict=True), "Cleaning", config, total=len(chunks)):
                for article, row in zip(chunk, rows, strict=True):
                    for field, value in zip(_FIELDS, row, strict=True):
                        setattr(article, field, value)
    finally:
        _STATS = None
    return corpus
