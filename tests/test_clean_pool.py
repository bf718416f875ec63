"""Article-by-article stages in worker processes give exactly the single-process result."""

import json

from storytrace.clean import stage
from storytrace.config import Config
from storytrace.pipeline import ingest, run_pipeline
from storytrace.testing.generator import GeneratorConfig, write_corpus


def _pool(pool_min: int) -> Config:
    """Two workers, 7 articles a task, from ``pool_min`` articles on."""
    return Config(quiet=True, workers={"processes": 2, "pool_min": pool_min, "chunk": 7})


def _dump(corpus):
    return [json.loads(a.model_dump_json()) for a in corpus.articles]


def test_pool_equals_single_process(tmp_path):
    path = tmp_path / "c.jsonl"
    write_corpus(path, GeneratorConfig(stories=8, per_story=6, seed=2))
    single = _dump(stage.run(ingest([path], _pool(10**9)), _pool(10**9)))
    pooled = _dump(stage.run(ingest([path], _pool(1)), _pool(1)))
    assert any(a["removed"] for a in single)  # the corpus has furniture to remove
    assert pooled == single


def test_fused_clean_and_text_equal_the_stages_run_one_by_one(tmp_path):
    path = tmp_path / "c.jsonl"
    write_corpus(path, GeneratorConfig(stories=6, per_story=6, seed=4, background=2))
    corpus = ingest([path], _pool(10**9))
    for name in ("clean", "text"):  # one stage per call: nothing to fuse
        corpus = run_pipeline(corpus, _pool(10**9), [name])
    separate = _dump(corpus)
    fused_corpus = run_pipeline(ingest([path], _pool(1)), _pool(1), ["clean", "text"])
    assert "seconds_clean+text" in fused_corpus.stats  # the two stages did run as one pass
    fused = _dump(fused_corpus)
    assert all(a["sentences"] for a in separate)
    assert fused == separate


def test_fused_pass_is_whole_when_a_worker_dies(tmp_path, monkeypatch):
    """A worker the system kills (SIGKILL, as the OOM killer would) loses its chunk: this process
    computes the chunks that did not come back, and the result is the single-process one. Chunks
    of 7 and fresh workers every 2 chunks each: the kill lands in a later generation of workers."""
    import os
    import signal

    from storytrace import articlepool
    from storytrace.text import stage as text_stage

    path = tmp_path / "c.jsonl"
    write_corpus(path, GeneratorConfig(stories=8, per_story=6, seed=2))
    single = _dump(run_pipeline(ingest([path], _pool(10**9)), _pool(10**9), ["clean", "text"]))
    parent, real = os.getpid(), text_stage._work
    victim = json.loads(path.read_text().splitlines()[40])["id"]

    def dies_in_a_worker(article):
        if os.getpid() != parent and article.id == victim:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(article)

    monkeypatch.setattr(text_stage, "_work", dies_in_a_worker)  # forked workers inherit it
    monkeypatch.setattr(articlepool, "RECYCLE_TASKS", 2)
    assert _dump(run_pipeline(ingest([path], _pool(1)), _pool(1), ["clean", "text"])) == single
