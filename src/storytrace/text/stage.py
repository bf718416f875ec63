"""The ``text`` pipeline component.

Guarantee: every article gets ``sentences`` (``text[s.start:s.end] == s.text``), ``language``
(unless already set) and ``content_hash``; the result is the same with or without worker processes.
Large corpora are split into chunks for a process pool; workers return plain tuples (cheap to
pickle) and the parent builds the models.
"""

from __future__ import annotations

import hashlib
import os

from storytrace.model import Article, Corpus, Sentence
from storytrace.text.language import detect_language
from storytrace.text.normalize import normal_form
from storytrace.text.sentences import sentence_spans

# Below this many articles a pool costs more (start-up, pickling) than it saves.
_POOL_MIN = 4000
_CHUNK = 500


def content_hash(text: str) -> str:
    return hashlib.blake2b(normal_form(text).encode("utf-8"), digest_size=12).hexdigest()


def _analyse(text: str, language: str | None) -> tuple[list[tuple[int, int]], str | None, str]:
    return sentence_spans(text), language or detect_language(text), content_hash(text)


def _analyse_chunk(items: list[tuple[str, str | None]]) -> list[tuple[list[tuple[int, int]], str | None, str]]:
    return [_analyse(text, lang) for text, lang in items]


def _apply(article: Article, spans: list[tuple[int, int]], language: str | None, digest: str) -> None:
    text = article.text
    article.sentences = [Sentence(start=a, end=b, text=text[a:b]) for a, b in spans]
    article.language = language
    article.content_hash = digest


def process_article(article: Article) -> Article:
    _apply(article, *_analyse(article.text, article.language))
    return article


def run(corpus: Corpus, config=None) -> Corpus:
    from storytrace.progress import track

    articles = corpus.articles
    workers = min(os.cpu_count() or 1, 8)
    if len(articles) < _POOL_MIN or workers < 2:
        for article in track(articles, "Segmenting", config):
            process_article(article)
        return corpus
    import multiprocessing as mp

    chunks = [articles[i : i + _CHUNK] for i in range(0, len(articles), _CHUNK)]
    payload = ([(a.text, a.language) for a in chunk] for chunk in chunks)
    with mp.get_context("fork").Pool(workers) as pool:
        results = pool.imap(_analyse_chunk, payload)
        for chunk, result in track(zip(chunks, results, strict=True), "Segmenting", config, total=len(chunks)):
            for article, row in zip(chunk, result, strict=True):
                _apply(article, *row)
    return corpus
