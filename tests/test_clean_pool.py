"""Cleaning in worker processes gives exactly the single-process result."""

import json

from storytrace.clean import stage
from storytrace.config import Config
from storytrace.pipeline import ingest
from storytrace.testing.generator import GeneratorConfig, write_corpus


def _clean(path, monkeypatch, pool_min):
    monkeypatch.setattr(stage, "_POOL_MIN", pool_min)
    monkeypatch.setattr(stage, "_CHUNK", 7)
    corpus = stage.run(ingest([path], Config(quiet=True)))
    return [json.loads(a.model_dump_json()) for a in corpus.articles]


def test_pool_equals_single_process(tmp_path, monkeypatch):
    path = tmp_path / "c.jsonl"
    write_corpus(path, GeneratorConfig(stories=8, per_story=6, seed=2))
    single = _clean(path, monkeypatch, 10**9)
    pooled = _clean(path, monkeypatch, 1)
    assert any(a["removed"] for a in single)  # the corpus has furniture to remove
    assert pooled == single
