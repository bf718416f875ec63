"""Planted conflicts in a small generated corpus, scored against the generator's truth file.

The truth is the generator's (``truth["conflicts"]``: the independent report's changed number) plus
what its construction implies, read from the truth's ``body_lines`` by ``eval/conflicts.py``
(a rewrite's changed quote words, the same quote given to another person). Thresholds are
tolerant: the acceptance figures (P >= 0.90, R >= 0.80) are measured by the eval on 2 x 320 articles.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from storytrace.config import Config
from storytrace.model import Story
from storytrace.pipeline import ingest, run_pipeline
from storytrace.testing.generator import GeneratorConfig, write_corpus

ROOT = Path(__file__).resolve().parents[1]


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_conflicts", ROOT / "eval" / "conflicts.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_conflicts"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    ev = _eval_module()
    path = tmp_path_factory.mktemp("gen") / "c.jsonl"
    info = write_corpus(path, GeneratorConfig(stories=4, per_story=8, seed=11))
    truth = json.loads(Path(info["truth_path"]).read_text())
    config = Config(progress=False, quiet=True)
    corpus = run_pipeline(ingest([path], config), config, ["clean", "text"])
    kept = {a.id for a in corpus.articles}
    corpus.stories = [Story(id=s, articles=[a for a in ids if a in kept]) for s, ids in truth["stories"].items()]
    corpus = run_pipeline(corpus, config, ["align", "provenance", "facts"])
    roles = {a: v["role"] for a, v in truth["articles"].items()}
    rows = []
    for story in corpus.stories:
        recorded = [c for c in truth["conflicts"] if c["story"] == story.id]
        planted = recorded + ev.construction_truth(story.id, truth)
        reported = [c for claim in story.claims for c in claim.conflicts]
        rows.append((recorded, planted, reported))
    return ev, roles, rows


def test_recorded_number_conflicts_are_found_with_their_values(scored):
    ev, roles, rows = scored
    recorded = [(t, reported) for rec, _, reported in rows for t in rec]
    assert len(recorded) == 4  # one changed number per story, by the generator's construction
    found = sum(any(ev._matches(c, t, roles) for c in reported) for t, reported in recorded)
    assert found >= 3


def test_planted_conflicts_precision_and_recall(scored):
    ev, roles, rows = scored
    n_rep = sum(len(rep) for _, _, rep in rows)
    tp_rep = sum(any(ev._matches(c, t, roles) for t in planted) for _, planted, rep in rows for c in rep)
    n_truth = sum(len(planted) for _, planted, _ in rows)
    tp_truth = sum(any(ev._matches(c, t, roles) for c in rep) for _, planted, rep in rows for t in planted)
    assert n_rep > 0 and n_truth > 0
    assert tp_rep / n_rep >= 0.8
    assert tp_truth / n_truth >= 0.7


def test_a_conflict_between_copies_of_one_text_does_not_match():
    """The matcher itself: a conflict among verbatim copies is no planted change."""
    ev = _eval_module()
    from storytrace.model import Conflict

    roles = {"o": "original", "c": "copy", "i": "independent"}
    t = {"story": "s", "slot": "number", "articles": {"o": "120", "i": "150"}}
    assert ev._matches(Conflict(slot="number", values={"o": "120", "i": "150"}), t, roles)
    assert not ev._matches(Conflict(slot="number", values={"o": "120", "c": "150"}), t, roles)
    assert not ev._matches(Conflict(slot="number", values={"o": "120", "i": "151"}), t, roles)
    assert not ev._matches(Conflict(slot="date", values={"o": "120", "i": "150"}), t, roles)
