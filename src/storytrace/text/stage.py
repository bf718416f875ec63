"""The ``text`` pipeline component.

Guarantee: every article gets ``sentences`` (``text[s.start:s.end] == s.text``), ``language``
(unless already set) and ``content_hash``; the result is the same with or without worker processes
(the work is an :class:`~storytrace.articlepool.ArticleStep`; workers return plain tuples and the
parent builds the models).
"""

from __future__ import annotations

import hashlib
from array import array

from storytrace.articlepool import ArticleStep, run_steps
from storytrace.model import Article, Corpus, Sentences
from storytrace.text.language import detect_language, load_identifier
from storytrace.text.normalize import normal_form
from storytrace.text.sentences import sentence_spans

# Sentence offsets travel as one flat int array (start, end, start, end, ...): it pickles as bytes.
Analysis = tuple[array, str | None, str]


def content_hash(text: str) -> str:
    return hashlib.blake2b(normal_form(text).encode("utf-8"), digest_size=12).hexdigest()


def _work(article: Article) -> Analysis:
    text = article.text
    flat = array("l", [x for span in sentence_spans(text) for x in span])
    return flat, article.language or detect_language(text), content_hash(text)


def _apply(article: Article, analysis: Analysis) -> None:
    spans, language, digest = analysis
    article.sentences = Sentences(article.text, spans)
    article.language = language
    article.content_hash = digest


def article_step(corpus: Corpus | None = None, config=None) -> ArticleStep:
    load_identifier()  # once here, before any fork, rather than once per worker
    return ArticleStep("segmenting", _work, _apply)


def process_article(article: Article) -> Article:
    _apply(article, _work(article))
    return article


def run(corpus: Corpus, config=None) -> Corpus:
    run_steps(corpus.articles, [article_step(corpus, config)], config)
    return corpus
