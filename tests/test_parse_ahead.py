"""Quote sentences parsed ahead in batches (facts.parse.prime) give the parses, quotes and speakers of
one parse each."""

from __future__ import annotations

import pytest

from storytrace import Config, analyze
from storytrace.facts import parse
from storytrace.facts.quotes import extract_quotes, parse_targets
from storytrace.model import Article
from storytrace.testing.generator import GeneratorConfig, generate, write_corpus

pytestmark = pytest.mark.skipif(not parse.available(), reason="spaCy model not installed")


def _articles(n: int = 12) -> list[Article]:
    records = list(generate(GeneratorConfig(stories=3, per_story=4, seed=11))[0])
    return [Article(id=r["id"], text=r["text"], language="en") for r in records[:n]]


def _view(doc) -> list[tuple]:
    return [(t.idx, t.text, t.dep_, t.head.i, t.pos_, t.ent_type_) for t in doc]


def test_batched_parses_equal_single_parses():
    sentences = [t for a in _articles() for t in parse_targets(a)]
    assert len(sentences) >= 5  # the generator's articles quote people
    nlp = parse._nlp()
    single = [_view(nlp(s)) for s in sentences]
    parse.release()
    assert parse.prime(sentences) == len(set(sentences))
    try:
        assert [_view(parse._parse(s)) for s in sentences] == single
    finally:
        parse.release()
    assert not parse._PRIMED


def test_quotes_are_the_same_with_and_without_priming():
    articles = _articles()
    parse.release()
    parse._parse_one.cache_clear()
    alone = [extract_quotes(a) for a in articles]
    parse.prime(t for a in articles for t in parse_targets(a))
    try:
        primed = [extract_quotes(a) for a in articles]
    finally:
        parse.release()
    assert sum(map(len, alone)) > 0
    assert primed == alone


def test_unparseable_sentences_are_not_primed():
    long_word = "x" * (parse.MAX_TOKEN_CHARS + 1)
    parse.release()
    assert parse.prime([f"He said {long_word} today.", "a" * (parse.MAX_PARSE_CHARS + 1)]) == 0
    assert not parse._PRIMED


def test_the_facts_stage_parses_ahead_and_releases(tmp_path):
    write_corpus(tmp_path / "articles", GeneratorConfig(stories=3, per_story=4, seed=11))
    runs = [
        analyze([tmp_path / "articles"], Config(embeddings="static", quiet=True, stages={"facts": {"parse_ahead": n}}))
        for n in (1, 10_000)  # one story at a time; every story at once
    ]
    assert not parse._PRIMED  # released at the stage's end
    quotes = [[[(v.article, v.text, v.speaker) for g in s.quotes for v in g.variants] for s in r.stories] for r in runs]
    assert any(quotes[0]) and quotes[0] == quotes[1]


def test_a_parse_worker_gives_the_parses_of_this_process():
    sentences = [t for a in _articles() for t in parse_targets(a)]
    chunks = [sentences[k : k + 3] for k in range(0, len(sentences), 3)]
    assert len(chunks) >= 2
    nlp = parse._nlp()
    seen = []
    for count, chunk in zip(parse.prime_in_turn(chunks, workers=2), chunks, strict=True):
        assert count == len(set(chunk))
        seen.append([_view(parse._PRIMED[s]) for s in chunk])  # primed, not parsed on demand
    parse.release()
    assert seen == [[_view(nlp(s)) for s in chunk] for chunk in chunks]


def test_a_chunk_the_worker_fails_on_is_parsed_here(monkeypatch):
    sentences = [t for a in _articles() for t in parse_targets(a)]
    chunks = [sentences[:3], sentences[3:6]]

    def broken(_sentences):
        raise MemoryError("worker out of memory")

    # the forked worker inherits the broken parser; this process parses the chunk itself
    monkeypatch.setattr(parse, "_parse_to_bytes", broken)
    counts = list(parse.prime_in_turn(chunks, workers=2))
    parse.release()
    assert counts == [len(set(c)) for c in chunks]


def test_the_facts_stage_gives_the_same_quotes_with_a_parse_worker(tmp_path):
    write_corpus(tmp_path / "articles", GeneratorConfig(stories=3, per_story=4, seed=11))
    runs = [
        analyze(
            [tmp_path / "articles"],
            Config(embeddings="static", quiet=True, workers={"processes": n}, stages={"facts": {"parse_ahead": 2}}),
        )
        for n in (1, 2)
    ]
    quotes = [[[(v.article, v.text, v.speaker) for g in s.quotes for v in g.variants] for s in r.stories] for r in runs]
    assert any(quotes[0]) and quotes[0] == quotes[1]


def test_chunks_are_parsed_here_when_the_worker_dies(monkeypatch):
    import os
    import signal

    sentences = [t for a in _articles() for t in parse_targets(a)]
    chunks = [sentences[:3], sentences[3:6], sentences[6:9]]
    parent = os.getpid()

    def killed(_sentences):
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)  # as the system's OOM killer would
        raise AssertionError("never called in the parent")

    monkeypatch.setattr(parse, "_parse_to_bytes", killed)
    counts = list(parse.prime_in_turn(chunks, workers=2))
    parse.release()
    assert counts == [len(set(c)) for c in chunks]
