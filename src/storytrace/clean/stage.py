"""The ``clean`` pipeline component: corpus line statistics first, then each article on its own.

The per-article part is a pure function of the article and the statistics, so it is offered as an
:class:`~storytrace.articlepool.ArticleStep` (large corpora clean in forked workers, which inherit
the statistics; the result is the same).
"""

from __future__ import annotations

from functools import partial

from storytrace.articlepool import ArticleStep, run_steps
from storytrace.clean.article import clean_article
from storytrace.clean.options import CleanOptions
from storytrace.clean.stats import LineStats
from storytrace.config import Config, options_of
from storytrace.model import Article, Attribution, Corpus, Removed

# The payload is plain tuples: they cross the process boundary ~8x faster than the objects.
Payload = tuple[str, list[tuple[str, str]], list[tuple[str, str, list[str]]], str | None, str | None]


def _work(stats: LineStats, opts: CleanOptions, article: Article) -> Payload:
    clean_article(article, stats, opts)
    return (
        article.text,
        [(r.text, r.reason) for r in article.removed],
        [(a.text, a.kind, a.names) for a in article.attributions],
        article.title,
        article.author,
    )


def _apply(shared: dict[tuple[str, str], Removed], article: Article, payload: Payload) -> None:
    text, removed, attributions, title, author = payload
    article.text, article.title, article.author = text, title, author
    # site furniture repeats across a site's articles: one Removed object per distinct line
    # (read-only after cleaning) instead of a copy per article, ~1 KB an article
    article.removed = [shared.setdefault((t, reason), Removed(t, reason)) for t, reason in removed]
    article.attributions = [Attribution(text=t, kind=kind, names=names) for t, kind, names in attributions]
    # every raw line is now in ``text`` or ``removed``: the raw copy would double a corpus's memory
    article._raw = ""


def article_step(corpus: Corpus, config: Config | None = None) -> ArticleStep:
    """Corpus line statistics (one pass over the raw text), then the per-article cleaning step
    (with the stage's options: forked workers inherit them with the statistics)."""
    stats = LineStats.from_articles(corpus.articles, config)
    return ArticleStep("cleaning", partial(_work, stats, options_of(config, "clean")), partial(_apply, {}))


def run(corpus: Corpus, config: Config | None = None) -> Corpus:
    run_steps(corpus.articles, [article_step(corpus, config)], config)
    return corpus
