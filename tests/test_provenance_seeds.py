"""Provenance on the five real seed articles (hand-read relations; skips without ../shared)."""

from pathlib import Path

import pytest

from storytrace.config import Config
from storytrace.model import Story
from storytrace.pipeline import ingest, run_pipeline

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "seeds"
ORIGINAL, CONDENSED, TRANSLATED, REWRITE_A, REWRITE_B = (
    "001_95ac1f7326fa371e.txt", "000_adc079aa63463c9a.txt", "002_e1051f1770704682.txt",
    "003_7e0f51a3e433fde6.txt", "004_933459f4706ab866.txt",
)


@pytest.fixture(scope="module")
def story():
    if not SEEDS.exists():
        pytest.skip(f"seed corpus not found at {SEEDS}")
    config = Config(quiet=True)
    corpus = run_pipeline(ingest([SEEDS], config), config, ["clean", "text"])
    corpus.stories = [Story(id="seeds", articles=[a.id for a in corpus.articles])]
    return run_pipeline(corpus, config, ["align", "provenance"]).stories[0]


def _edge(story, source, target, kinds):
    return [e for e in story.edges if e.kind in kinds and {e.source, e.target} == {source, target}
            and (not e.directed or (e.source, e.target) == (source, target))]


def test_original_is_the_origin(story):
    assert story.origin == [ORIGINAL]


def test_condensed_copy_with_credit_as_evidence(story):
    edges = _edge(story, ORIGINAL, CONDENSED, {"condensed", "copy"})
    assert edges and edges[0].directed
    assert any("With inputs from Reuters" in ev for ev in edges[0].evidence)


def test_rewrites_are_paraphrases_of_the_original(story):
    for rewrite in (REWRITE_A, REWRITE_B):
        edges = _edge(story, ORIGINAL, rewrite, {"paraphrase"})
        assert edges and edges[0].directed, rewrite


def test_rewrites_share_an_unseen_source(story):
    assert _edge(story, REWRITE_A, REWRITE_B, {"shared-source"})


def test_translated_report_is_not_derived_from_the_original(story):
    derived = [e for e in story.edges if e.target == TRANSLATED and e.kind not in ("independent", "shared-source")]
    assert derived == []
    assert story.originality[TRANSLATED] > 0.6
