"""Fewer model passes (issue 17): which stages run a transformer, and on what."""

from __future__ import annotations

import numpy as np
import pytest

from storytrace import embed
from storytrace.brief.extractive import Candidate, select
from storytrace.facts.quotegroups import group_quotes
from storytrace.facts.quotes import Quote
from storytrace.model import Article, Story


def _no_model(*_args, **_kwargs):
    raise AssertionError("a transformer was loaded")


def test_the_brief_selects_without_a_model_by_default(monkeypatch):
    if not embed.available("e5-static"):
        pytest.skip("the e5-static vectors or tokenizers are not installed")
    monkeypatch.setattr(embed, "_e5", _no_model)
    monkeypatch.setattr(embed, "_minilm", _no_model)
    lead = "The river burst its banks early on Tuesday morning in the valley."
    cands = [
        Candidate(lead, ["a", "b"], 2, 1.0, 0.0, True, (0,)),
        Candidate(lead.replace(".", "!"), ["c"], 1, 0.3, 0.0, False, (1,)),
        Candidate(
            "Rescue teams moved two hundred residents to the town hall.", ["a", "b"], 2, 1.0, 0.2, True, (2,)
        ),
        Candidate(
            "A bakery on the main street handed out free bread to volunteers.",
            ["c"],
            1,
            0.3,
            0.9,
            False,
            (3,),
        ),
    ]
    out = select(cands, words=25, backend="auto")
    # the near-duplicate of the lead is redundant; the best-supported other sentence follows
    assert [c.text for c in out] == [cands[0].text, cands[2].text]


def _quote(article: str, text: str, direct: bool = True) -> Quote:
    return Quote(article=article, text=text, start=0, end=len(text), sentence=0, speaker=None, cue="said",
                 direct=direct)  # fmt: skip


def test_quote_groups_encode_only_quotes_that_words_cannot_decide(monkeypatch):
    said = "We will rebuild the old bridge before the winter comes"
    reworded = "We are going to rebuild that bridge quickly before snow falls"  # half its words: 0.5
    other = "The weather was terrible all week long here"  # shares no word with the others
    indirect = "they plan a new crossing before the snow"  # 2 of 5 words with the reworded one
    quotes = [
        _quote("a", said),
        _quote("b", reworded),
        _quote("c", said),  # a copy: joined by its words
        _quote("c", other),
        _quote("d", indirect, direct=False),  # indirect: never compared by meaning (and alone: no group)
    ]
    arts = {a: Article(id=a, text=" ".join(q.text for q in quotes if q.article == a)) for a in "abcd"}
    encoded: list[str] = []

    def fake_encode(texts, backend="auto"):
        encoded.extend(texts)
        return np.ones((len(texts), 4), dtype=np.float32) / 2.0  # every pair at cosine 1

    monkeypatch.setattr(embed, "encode", fake_encode)
    groups = group_quotes(Story(id="s", articles=list(arts)), arts, quotes, backend="e5")
    # by hand: a~b and b~c(copy) share half their content words (a vector decides); a~c(copy) share
    # all (words decide); the other quote and the indirect one need no vector
    assert sorted(encoded) == sorted([said, reworded, said])
    assert sorted(sorted(v.article + ":" + v.text[:6] for v in g.variants) for g in groups) == [
        ["a:We wil", "b:We are", "c:We wil"],
        ["c:The we"],
    ]


def test_quote_groups_encode_nothing_when_words_decide_every_pair(monkeypatch):
    monkeypatch.setattr(embed, "encode", _no_model)
    quotes = [
        _quote("a", "The bridge will reopen in May after repairs"),
        _quote("b", "The bridge will reopen in May"),
    ]
    arts = {a: Article(id=a, text=q.text) for a, q in zip("ab", quotes, strict=True)}
    groups = group_quotes(Story(id="s", articles=["a", "b"]), arts, quotes, backend="e5")
    assert [sorted(v.article for v in g.variants) for g in groups] == [["a", "b"]]
