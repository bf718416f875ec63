"""The ``clean`` pipeline component: corpus line statistics first, then each article on its own.

The per-article part is a pure function of the article and the statistics, so it is offered as an
:class:`~storytrace.articlepool.ArticleStep` (large corpora clean in forked workers, which inherit
the statistics; the result is the same).
"""

from __future__ import annotations

from functools import partial

from storytrace.articlepool import ArticleStep, run_steps
from storytrace.clean.article import clean_article
from storytrace.clean.stats import LineStats
from storytrace.model import Article, Corpus

_FIELDS = ("text", "removed", "attributions", "title", "author")


def _work(stats: LineStats, article: Article) -> tuple:
    clean_article(article, stats)
    return tuple(getattr(article, f) for f in _FIELDS)


def _apply(article: Article, row: tuple) -> None:
    for field, value in zip(_FIELDS, row, strict=True):
        setattr(article, field, value)
    # every raw line is now in ``text`` or ``removed``: the raw copy would double a corpus's memory
    article._raw = ""


def article_step(corpus: Corpus, config=None) -> ArticleStep:
    """Corpus line statistics (one pass over the raw text), then the per-article cleaning step."""
    return ArticleStep("cleaning", partial(_work, LineStats.from_articles(corpus.articles, config)), _apply)


def run(corpus: Corpus, config=None) -> Corpus:
    run_steps(corpus.articles, [article_step(corpus, config)], config)
    return corpus
