"""The ``text`` pipeline component."""

from __future__ import annotations

import hashlib

from storytrace.model import Article, Corpus
from storytrace.text.language import detect_language
from storytrace.text.normalize import normal_form
from storytrace.text.sentences import split_sentences


def content_hash(text: str) -> str:
    return hashlib.blake2b(normal_form(text).encode("utf-8"), digest_size=12).hexdigest()


def process_article(article: Article) -> Article:
    article.sentences = split_sentences(article.text)
    if not article.language:
        article.language = detect_language(article.text)
    article.content_hash = content_hash(article.text)
    return article


def run(corpus: Corpus, config=None) -> Corpus:
    from storytrace.progress import track

    for article in track(corpus.articles, "Segmenting", config):
        process_article(article)
    return corpus
