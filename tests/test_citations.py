"""Every citation is backed: a brief sentence (account, quote line, conflict, edge) cites an article
only where that article holds an aligned passage for it, with the span in the output
(``storytrace.brief.citations``)."""

from __future__ import annotations

import json

import pytest

from storytrace.brief.citations import unbacked_citations
from storytrace.config import Config
from storytrace.pipeline import ingest, run_pipeline


def _analyse(paths, embeddings: str = "static"):
    config = Config(quiet=True, embeddings=embeddings)
    return run_pipeline(ingest(paths, config), config)


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    from storytrace.testing.example import write_example

    d = tmp_path_factory.mktemp("example")
    write_example(d)
    return _analyse([d])


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    from storytrace.testing.generator import GeneratorConfig, write_corpus

    path = tmp_path_factory.mktemp("generated") / "c.jsonl"
    write_corpus(path, GeneratorConfig(stories=4, per_story=7, seed=3, styles="varied"))
    return _analyse([path])


@pytest.mark.parametrize("corpus", ["example", "generated"])
def test_no_unbacked_citation(corpus, request):
    result = request.getfixturevalue(corpus)
    bad, total = unbacked_citations(result)
    briefs = [b for s in result.stories for b in s.brief]
    assert briefs and total > len(briefs)  # there is something to check
    assert bad == []
    for b in briefs:  # the span of every citation is in the output
        assert sorted({x.article for x in b.backing}) == sorted(set(b.citations))


def test_the_check_finds_a_citation_without_a_passage(example):
    # cite the unrelated article (its own story's only member holds nothing of this one) for a sentence
    story = max(example.stories, key=lambda s: len(s.articles))
    other = next(a.id for a in example.articles if a.id not in story.articles)
    sentence = next(b for b in story.brief if b.section == "what happened")
    before, _ = unbacked_citations(example)
    sentence.citations.append(other)
    try:
        after, _ = unbacked_citations(example)
    finally:
        sentence.citations.remove(other)
    assert len(after) == len(before) + 1 and other in after[-1]


def test_backing_spans_serialise(example):
    data = json.loads(example.model_dump_json())
    spans = [x for s in data["stories"] for b in s["brief"] for x in b["backing"]]
    texts = {a["id"]: a["text"] for a in data["articles"]}
    assert spans and all(0 <= x["start"] < x["end"] <= len(texts[x["article"]]) for x in spans)
