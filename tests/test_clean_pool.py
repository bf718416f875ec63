"""Article-by-article stages in worker processes give exactly the single-process result."""

import json

from storytrace import articlepool
from storytrace.clean import stage
from storytrace.config import Config
from storytrace.pipeline import ingest, run_pipeline
from storytrace.testing.generator import GeneratorConfig, write_corpus


def _pool(monkeypatch, pool_min):
    monkeypatch.setattr(articlepool, "POOL_MIN", pool_min)
    monkeypatch.setattr(articlepool, "CHUNK", 7)
    monkeypatch.setattr(articlepool, "worker_count", lambda: 2)


def _dump(corpus):
    return [json.loads(a.model_dump_json()) for a in corpus.articles]


def test_pool_equals_single_process(tmp_path, monkeypatch):
    path = tmp_path / "c.jsonl"
    write_corpus(path, GeneratorConfig(stories=8, per_story=6, seed=2))
    _pool(monkeypatch, 10**9)
    single = _dump(stage.run(ingest([path], Config(quiet=True))))
    _pool(monkeypatch, 1)
    pooled = _dump(stage.run(ingest([path], Config(quiet=True))))
    assert any(a["removed"] for a in single)  # the corpus has furniture to remove
    assert pooled == single


def test_fused_clean_and_text_equal_the_stages_run_one_by_one(tmp_path, monkeypatch):
    path = tmp_path / "c.jsonl"
    write_corpus(path, GeneratorConfig(stories=6, per_story=6, seed=4, background=2))
    _pool(monkeypatch, 10**9)
    corpus = ingest([path], Config(quiet=True))
    for name in ("clean", "text"):  # one stage per call: nothing to fuse
        corpus = run_pipeline(corpus, Config(quiet=True), [name])
    separate = _dump(corpus)
    _pool(monkeypatch, 1)
    fused_corpus = run_pipeline(ingest([path], Config(quiet=True)), Config(quiet=True), ["clean", "text"])
    assert "seconds_clean+text" in fused_corpus.stats  # the two stages did run as one pass
    fused = _dump(fused_corpus)
    assert all(a["sentences"] for a in separate)
    assert fused == separate
