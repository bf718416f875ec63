"""The extractive brief: cited sections, word budget, redundancy, who-copied-whom."""

from __future__ import annotations

from brief_cases import flood_candidates

from storytrace.brief.extractive import select
from storytrace.brief.sections import build_brief
from storytrace.config import Config
from storytrace.model import Article, Claim, Conflict, QuoteGroup, QuoteVariant, ReuseEdge, Story
from storytrace.text import split_sentences


def test_select_budget_order_and_redundancy():
    cands = flood_candidates()
    out = select(cands, words=25, backend="none")
    texts = [c.text for c in out]
    assert texts == [cands[0].text, cands[2].text]  # the near-duplicate is never picked; reading order
    assert sum(len(t.split()) for t in texts) <= 25 * 1.1


def _art(aid, text, source=None):
    return Article(id=aid, text=text, sentences=split_sentences(text), source=source)


def _aligned(story: Story, *pairs: tuple[str, int, str, int]) -> Story:
    """Give ``story`` a hand-made alignment: sentence ``ai`` of ``a`` says what sentence ``bi`` of
    ``b`` says."""
    from storytrace.align.story import PairAlignment, SentenceMatch, StoryAlignment

    alignment = StoryAlignment()
    for a, ai, b, bi in pairs:
        key = (a, b) if a < b else (b, a)
        pair = alignment.pairs.setdefault(key, PairAlignment(key[0], key[1], [], [], 0.0, 0.0))
        m = (
            SentenceMatch(a, ai, b, bi, 0.9, "semantic")
            if a == key[0]
            else SentenceMatch(b, bi, a, ai, 0.9, "semantic")
        )
        pair.sentence_matches.append(m)
    story.set_alignment(alignment)
    return story


def test_brief_sections_and_citations():
    from storytrace.model import Passage

    arts = {
        "o": _art(
            "o",
            "The council approved the new bridge on Monday after a long debate. "
            "Work starts in spring and will cost 40 million.",
            "Wire",
        ),
        "c": _art("c", "The council approved the new bridge on Monday after a long debate.", "Daily"),
        "x": _art(
            "x",
            "A second crossing was proposed by residents of the east bank in a petition. "
            "The bridge will cost 45 million, the petition says.",
            "Local",
        ),
    }
    n_c = len(arts["c"].text)
    story = Story(
        id="s",
        articles=list(arts),
        origin=["o"],
        edges=[
            ReuseEdge(
                source="o",
                target="c",
                kind="condensed",
                target_coverage=1.0,
                passages=[
                    Passage(
                        source_start=0,
                        source_end=n_c,
                        target_start=0,
                        target_end=n_c,
                        similarity=1.0,
                        kind="verbatim",
                    )
                ],
            )
        ],
    )
    _aligned(story, ("o", 0, "c", 0))
    story.claims = [
        _claim("1", {"o": [0], "c": [0]}),
        _claim("2", {"o": [1]}, conflicts=[Conflict(slot="number", values={"o": "40", "x": "45"})]),
        _claim("3", {"x": [0]}),
    ]
    quote = "We will build it"
    story.quotes = [
        QuoteGroup(
            id="q",
            speaker="Mayor Ines Roca",
            text=quote,
            variants=[
                QuoteVariant(
                    article="o", speaker="Mayor Ines Roca", text=quote, fidelity="exact", start=4, end=20
                ),
                QuoteVariant(
                    article="c", speaker="Mayor Ines Roca", text=quote, fidelity="exact", start=4, end=20
                ),
            ],
        )
    ]
    brief = build_brief(story, arts, Config(embeddings="none", stages={"brief": {"words": 12}}))
    sections = {}
    for b in brief:
        sections.setdefault(b.section, []).append(b)
        assert b.citations and set(b.citations) <= set(arts)
        assert {x.article for x in b.backing} == set(b.citations)  # every citation has its span
    happened = [b.text for b in sections["what happened"]]
    assert happened[0] == "The council approved the new bridge on Monday after a long debate."
    assert sections["what happened"][0].citations == ["o", "c"]
    assert sections["who said what"][0].text == "Mayor Ines Roca: \u201cWe will build it\u201d"
    assert [b.text for b in sections["what only one source reports"]] == [arts["x"].sentences[0].text]
    disagree = sections["what the sources disagree on"][0]
    assert "40" in disagree.text and "45" in disagree.text
    assert [arts[x.article].text[x.start : x.end] for x in disagree.backing] == [
        arts["o"].sentences[1].text,
        arts["x"].sentences[1].text,
    ]
    assert sections["who copied whom"][0].text == "Daily condenses Wire (100% of its text)."
    assert sections["who copied whom"][0].citations == ["c", "o"]


def test_an_article_is_cited_only_where_it_holds_the_sentence():
    # "x" is in the claim through a chain of matches but holds nothing aligned to the sentence shown
    arts = {
        "o": _art("o", "The council approved the new bridge on Monday after a long debate.", "Wire"),
        "c": _art("c", "The council approved the new bridge on Monday after a long debate.", "Daily"),
        "x": _art("x", "Residents of the east bank want a second crossing instead.", "Local"),
    }
    story = _aligned(Story(id="s", articles=list(arts), origin=["o"]), ("o", 0, "c", 0))
    story.claims = [_claim("1", {"o": [0], "c": [0], "x": [0]})]
    brief = build_brief(story, arts, Config(embeddings="none", stages={"brief": {"words": 40}}))
    happened = next(b for b in brief if b.section == "what happened")
    assert happened.citations == ["o", "c"]
    assert [(x.article, x.via) for x in happened.backing] == [("o", "shown"), ("c", "aligned")]


def test_what_happened_is_told_in_the_main_language_others_are_marked():
    arts = {
        "o": _art("o", "The council approved the new bridge on Monday after a long debate.", "Wire"),
        "c": _art("c", "The council approved the new bridge on Monday after a long debate.", "Daily"),
        "d": _art(
            "d",
            "Der Stadtrat hat die neue Brücke am Montag nach langer Debatte genehmigt. "
            "Die Anwohner am Ostufer sammeln Unterschriften für eine zweite Brücke.",
            "Tagesblatt",
        ),
    }
    for a, lang in (("o", "en"), ("c", "en"), ("d", "de")):
        arts[a].language = lang
    story = _aligned(Story(id="s", articles=list(arts), origin=["o"]), ("o", 0, "c", 0), ("o", 0, "d", 0))
    story.claims = [
        _claim("1", {"o": [0], "c": [0], "d": [0]}, status="consensus"),
        _claim("2", {"d": [1]}),
    ]
    brief = build_brief(story, arts, Config(embeddings="none", stages={"brief": {"words": 80}}))
    happened = [b for b in brief if b.section == "what happened"]
    assert [b.text for b in happened] == [arts["o"].text]  # the German sentence is not in the account
    assert happened[0].citations == ["o", "c", "d"]  # the translation holds it: cited
    only = [b.text for b in brief if b.section == "what only one source reports"]
    assert only == ["[de] " + arts["d"].sentences[1].text]


def _claim(cid: str, sentences: dict[str, list[int]], status: str = "unique", **extra) -> Claim:
    """A claim made in ``sentences`` (article -> sentence indexes); the first article reported it."""
    first = next(iter(sentences))
    return Claim(
        id=cid,
        text="",
        articles=list(sentences),
        status=status,
        first_reporter=first,
        support=1,
        sentences=sentences,
        **extra,
    )


def test_what_happened_reads_the_origins_account_first():
    # the independent report's id sorts first; the brief still opens with the origin's lead
    arts = {
        "a-local": _art(
            "a-local",
            "Neighbours in the east bank gathered at the school to watch the crane arrive.",
            "Local",
        ),
        "z-wire": _art(
            "z-wire",
            "The council approved the new bridge on Monday after a long debate. "
            "Work starts in spring and will cost 40 million.",
            "Wire",
        ),
    }
    story = Story(id="s", articles=list(arts), origin=["z-wire"])
    story.claims = [_claim("1", {"a-local": [0]}), _claim("2", {"z-wire": [0]}), _claim("3", {"z-wire": [1]})]
    brief = build_brief(story, arts, Config(embeddings="none", stages={"brief": {"words": 60}}))
    happened = [b.text for b in brief if b.section == "what happened"]
    assert len(happened) == 3
    assert happened[:2] == [s.text for s in arts["z-wire"].sentences]


def test_a_quotation_over_two_sentences_is_given_whole_never_half():
    text = (
        "The council approved the new bridge on Monday after a long debate. "
        '"We waited ten years for this. Now the work can begin," the mayor told reporters at the hall. '
        "Work starts in spring and will cost 40 million."
    )
    arts = {"o": _art("o", text, "Wire")}
    sents = arts["o"].sentences
    assert len(sents) == 4  # the quote is split in two sentences by the segmenter
    story = Story(id="s", articles=["o"], origin=["o"])
    story.claims = [_claim(str(k), {"o": [k]}) for k in range(4)]
    brief = build_brief(story, arts, Config(embeddings="none", stages={"brief": {"words": 200}}))
    happened = [b.text for b in brief if b.section == "what happened"]
    assert happened == [sents[0].text, f"{sents[1].text} {sents[2].text}", sents[3].text]


def test_a_quote_conflict_shows_the_whole_quotations():
    from storytrace.brief.sections import _conflict_line
    from storytrace.model import Article, Claim, Conflict, QuoteGroup, QuoteVariant, Story
    from storytrace.text import split_sentences

    texts = {
        "a": "\u201cTonight the town chose to turn the page,\u201d she said.",
        "b": "\u201cTonight the town decided to turn the page,\u201d she said.",
    }
    arts = {
        k: Article(id=k, source=k.upper(), text=t, sentences=split_sentences(t)) for k, t in texts.items()
    }
    variants = [
        QuoteVariant(article=k, speaker=None, text=t[1 : t.index(",")], fidelity="exact", start=1, end=40)
        for k, t in texts.items()
    ]
    story = Story(
        id="s", articles=["a", "b"], quotes=[QuoteGroup(id="q", speaker=None, text="x", variants=variants)]
    )
    conflict = Conflict(slot="quote", values={"a": "chose", "b": "decided"})
    claim = Claim(
        id="c", text=texts["a"], articles=["a", "b"], status="conflicting", sentences={"a": [0], "b": [0]}
    )
    line = _conflict_line(story, claim, conflict, arts)
    assert line.text == (
        "Quote differs \u2014 A: \u201cTonight the town chose to turn the page\u201d; "
        "B: \u201cTonight the town decided to turn the page\u201d"
    )


def test_the_origins_account_reads_in_its_own_order():
    from storytrace.brief.sections import claim_candidates

    texts = {
        "o": "The court ruled on Thursday. The city must switch the cameras off. The mayor said it would comply.",
        "e": "The court will rule on Thursday, a week after a hearing.",
    }
    arts = {
        k: Article(id=k, text=t, sentences=split_sentences(t), language="en", published_at=d)
        for (k, t), d in zip(texts.items(), ("2026-03-12", "2026-03-10"), strict=True)
    }
    story = _aligned(Story(id="s", articles=["e", "o"], origin=["o"]))  # aligned, no sentence matched
    story.claims = [  # the origin's first sentence was printed earlier by "e": it still reads first
        Claim(
            id=str(k),
            text="",
            articles=["o"],
            status="unique",
            first_reporter="o",
            support=1,
            sentences={"o": [k]},
        )
        for k in (1, 2)
    ] + [
        Claim(
            id="0",
            text="",
            articles=["e", "o"],
            status="partial",
            first_reporter="e",
            support=2,
            sentences={"e": [0], "o": [0]},
        )
    ]
    cover = Config().options("brief").passage_cover
    cands = sorted((c for c in claim_candidates(story, arts, cover) if c.origin), key=lambda c: c.order)
    assert [c.text for c in cands] == [s.text for s in arts["o"].sentences]


def test_a_line_without_a_sentence_end_is_not_what_one_source_reports():
    texts = {
        "o": "The bridge closed on Monday after cracks were found.",
        "x": "Live coverage: all the results as they happened\nA shelter took in four hundred people overnight.",
    }
    arts = {k: Article(id=k, text=t, sentences=split_sentences(t), language="en") for k, t in texts.items()}
    story = Story(id="s", articles=["o", "x"], origin=["o"])
    story.claims = [
        Claim(
            id=f"{a}{k}",
            text="",
            articles=[a],
            status="unique",
            first_reporter=a,
            support=1,
            sentences={a: [k]},
        )
        for a in arts
        for k in range(len(arts[a].sentences))
    ]
    only = [
        b.text
        for b in build_brief(story, arts, Config(embeddings="none", stages={"brief": {"words": 8}}))
        if b.section == "what only one source reports"
    ]
    assert only == ["A shelter took in four hundred people overnight."]


def test_a_number_conflict_names_the_fact_around_the_figures():
    from storytrace.brief.sections import _conflict_line

    texts = {
        "a": "Officials said the turnout was 68.4 percent, the highest in twenty years.",
        "b": "Turnout reached 64.8 percent.",
    }
    arts = {
        k: Article(id=k, source=k.upper(), text=t, sentences=split_sentences(t)) for k, t in texts.items()
    }
    story = Story(id="s", articles=["a", "b"])
    claim = Claim(
        id="c", text=texts["a"], articles=["a", "b"], status="conflicting", sentences={"a": [0], "b": [0]}
    )
    line = _conflict_line(story, claim, Conflict(slot="number", values={"a": "68.4", "b": "64.8"}), arts)
    assert line.text == (
        "Number differs \u2014 A: \u201c\u2026said the turnout was 68.4 percent, the highest\u2026\u201d; "
        "B: \u201cTurnout reached 64.8 percent.\u201d"
    )


def test_what_one_source_reports_stands_on_its_own():
    # invented: a reaction that leans on the sentence before it, and one opening with a pronoun,
    # are not listed; a statement that names its subject is
    texts = {
        "o": "The bridge closed on Monday after cracks were found.",
        "x": "Jan Berg, 71, was less sure.\nHe said he would drive the long way round.\n"
        "A shelter near the river took in four hundred people overnight.",
    }
    arts = {k: Article(id=k, text=t, sentences=split_sentences(t), language="en") for k, t in texts.items()}
    story = Story(id="s", articles=["o", "x"], origin=["o"])
    story.claims = [_claim(f"{a}{k}", {a: [k]}) for a in arts for k in range(len(arts[a].sentences))]
    only = [
        b.text
        for b in build_brief(story, arts, Config(embeddings="none", stages={"brief": {"words": 8}}))
        if b.section == "what only one source reports"
    ]
    assert only == ["A shelter near the river took in four hundred people overnight."]
    # the options set how many words a statement needs to stand alone: with four, "Jan Berg, 71,
    # was less sure." (five words besides the figure) is listed too; the pronoun opening still is not
    config = Config(embeddings="none", stages={"brief": {"words": 8, "unique_min_words": 4}})
    only = [b.text for b in build_brief(story, arts, config) if b.section == "what only one source reports"]
    assert only == [
        "Jan Berg, 71, was less sure.",
        "A shelter near the river took in four hundred people overnight.",
    ]
