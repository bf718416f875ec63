"""The facts stage stays near-linear in an article's size on hostile shapes (issue 16, point 2).

Measured as a ratio, never an absolute time: each hostile shape's time over a plain article of the
same length, at two sizes four times apart. Quadratic work makes that ratio grow about fourfold
between the sizes; linear work keeps it level. The bound (2.5x growth) leaves room for a noisy,
shared machine; each time is the best of three runs.
"""

from __future__ import annotations

import time

import pytest

from storytrace.config import Config
from storytrace.facts import stage
from storytrace.facts.options import FactsOptions
from storytrace.facts.quotes import extract_quotes
from storytrace.model import Article, Corpus, Story
from storytrace.pipeline import run_pipeline
from storytrace.text import split_sentences

PLAIN = "The council met on Monday and said little about the budget. "
SHAPES = {
    "quote-mark runs": '"' * 10 + " said ",
    "unclosed single quotes and apostrophes": "\u2018a don\u2019t ",
    "unclosed guillemets": "\u00ab a ",
    "commas": ", ",
    "mixed quote styles": "\u201cA,\u201d he said, \u00abB\u00bb, \u201eC\u201c, 'd e' she said \"f\" ",
    "quotes across sentences": "\u201cx. y\u201d ",
    "long sentence of names and cues": "Ann Lee said Bo Park told Cy Diaz ",
}
SMALL, LARGE = 4_000, 16_000


def _facts_seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        art = Article(id="a", text=text, sentences=split_sentences(text), language="en")
        config = Config(embeddings="none")
        corpus = run_pipeline(
            Corpus(articles=[art], stories=[Story(id="s", articles=["a"])]), config, ["align"]
        )
        t0 = time.perf_counter()
        stage.run(corpus, config)
        best = min(best, time.perf_counter() - t0)
    return best


def _ratio(unit: str, size: int) -> float:
    hostile = (unit * (size // len(unit) + 1))[:size]
    plain = (PLAIN * (size // len(PLAIN) + 1))[:size]
    return _facts_seconds(hostile) / max(_facts_seconds(plain), 1e-3)


@pytest.mark.parametrize("shape", list(SHAPES))
def test_hostile_shape_costs_grow_like_a_plain_article(shape: str):
    _facts_seconds(PLAIN * 10)  # load models and warm caches outside the measurement
    small, large = _ratio(SHAPES[shape], SMALL), _ratio(SHAPES[shape], LARGE)
    assert large <= 2.5 * max(small, 1.0), f"{shape}: ratio to a plain article {small:.1f} -> {large:.1f}"


def test_a_sentence_of_a_hundred_thousand_commas_is_read():
    # One "sentence" of 10^5 commas with a quote and its attribution at the end: still found.
    text = "Ann Lee spoke. " + ", " * 100_000 + "\u201cWe stay,\u201d Ann Lee said."
    qs = extract_quotes(Article(id="a", text=text, sentences=split_sentences(text), language="en"))
    assert [(q.text, q.speaker) for q in qs] == [("We stay", "Ann Lee")]


def test_article_with_more_quotes_than_the_budget_is_cut_with_a_note():
    budget = FactsOptions().max_quotes
    text = "\u201cyes and no\u201d Lee said. " * (budget + 50)
    notes: list[str] = []
    qs = extract_quotes(
        Article(id="a", text=text, sentences=split_sentences(text), language="en"), notes=notes
    )
    assert len(qs) <= budget
    assert len(notes) == 1 and f"{budget + 50}" in notes[0]


def test_the_quote_budget_is_an_option_the_stage_reads():
    # 20 quoted passages, a budget of 5 set in the configuration: at most 5 quotes, one note naming 20
    text = "\u201cyes and no\u201d Lee said. " * 20
    art = Article(id="a", text=text, sentences=split_sentences(text), language="en")
    config = Config(quiet=True, embeddings="none", stages={"facts": {"max_quotes": 5}})
    corpus = run_pipeline(Corpus(articles=[art], stories=[Story(id="s", articles=["a"])]), config, ["align"])
    corpus = stage.run(corpus, config)
    assert sum(len(g.variants) for g in corpus.stories[0].quotes) <= 5
    assert "20 quoted passages" in corpus.stats["facts_cut_short"]


def test_deeply_nested_quotation_marks_cost_grows_like_a_plain_article():
    """Thousands of nested guillemets hang every token on one head in the parse; the speaker search
    read all its dependants for every quote (found by bench/fuzz.py: 391x a plain article)."""
    _facts_seconds(PLAIN * 10)

    def nested(size: int) -> float:
        half = size // 2
        hostile = "\u00ab" * half + "\u00bb" * half
        plain = (PLAIN * (size // len(PLAIN) + 1))[:size]
        return _facts_seconds(hostile) / max(_facts_seconds(plain), 1e-3)

    small, large = nested(1_000), nested(4_000)
    assert large <= 2.5 * max(small, 1.0), (
        f"nested quotation marks: ratio to a plain article {small:.1f} -> {large:.1f}"
    )
