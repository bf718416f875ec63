"""Claims: support by lines of descent, status, and slot conflicts on hand-written articles."""

from __future__ import annotations

from storytrace.config import Config
from storytrace.facts.claims import build_claims
from storytrace.facts.conflicts import sentence_conflicts
from storytrace.model import Article, ReuseEdge, Story
from storytrace.text import split_sentences


def _art(aid: str, text: str) -> Article:
    return Article(id=aid, text=text, sentences=split_sentences(text), language="en")


class _Alignment:
    def __init__(self, matches):
        self.sentence_matches = matches


class _M:
    def __init__(self, a, ai, b, bi, sim=0.95):
        self.a, self.a_index, self.b, self.b_index, self.similarity = a, ai, b, bi, sim


ARTS = {
    "orig": _art(
        "orig",
        "The storm hit the coast on Monday with winds of 140 km/h. "
        "Mayor Ines Roca ordered the schools closed for the week.",
    ),
    "copy": _art(
        "copy",
        "The storm hit the coast on Monday with winds of 140 km/h. "
        "Schools stayed shut, officials in the port town said on Tuesday.",
    ),
    "other": _art(
        "other",
        "The storm hit the coast on Sunday with winds of 180 km/h. "
        "A local shelter took in four hundred people overnight.",
    ),
}


def _story(edges):
    story = Story(id="s", articles=list(ARTS), edges=edges, origin=["orig"])
    story.set_alignment(_Alignment([_M("orig", 0, "copy", 0), _M("orig", 0, "other", 0)]))
    return story


def test_copy_adds_no_support_and_unique_facts():
    story = _story([ReuseEdge(source="orig", target="copy", kind="copy")])
    claims = build_claims(story, ARTS, Config(embeddings="none"))
    storm = next(c for c in claims if "storm" in c.text)
    assert set(storm.articles) == {"orig", "copy", "other"}
    assert storm.support == 2  # orig and its copy are one line of descent
    assert storm.first_reporter == "orig"
    assert storm.status == "conflicting"
    slots = {c.slot: c.values for c in storm.conflicts}
    assert slots["weekday"] == {"orig": "Monday", "other": "Sunday"}
    assert slots["number"] == {"orig": "140", "other": "180"}
    shelter = next(c for c in claims if "shelter" in c.text)
    assert shelter.articles == ["other"] and shelter.status == "unique" and shelter.support == 1


def test_independent_agreement_is_consensus():
    arts = {
        "a": _art("a", "The museum reopened its west wing to visitors this weekend."),
        "b": _art("b", "The museum reopened its west wing to visitors this weekend, staff said."),
    }
    story = Story(id="s", articles=["a", "b"])
    story.set_alignment(_Alignment([_M("a", 0, "b", 0)]))
    claims = build_claims(story, arts, Config(embeddings="none"))
    assert len(claims) == 1
    assert claims[0].support == 2 and claims[0].status == "consensus"


def test_sentence_conflicts_slots():
    assert sentence_conflicts("Talks resumed in Geneva on Friday.", "Talks resumed in Vienna on Friday.") == [
        ("place", "Geneva", "Vienna")
    ]
    assert sentence_conflicts("It cost 10,000 dollars.", "It cost 10000 dollars.") == []
    assert sentence_conflicts("Anna Berg said the plan works.", "Tom Reyes said the plan works.") == [
        ("speaker", "Anna Berg", "Tom Reyes")
    ]
    assert sentence_conflicts(
        "He called it \u201ca grave error\u201d.", "He called it \u201ca small error\u201d."
    ) == [("quote", "grave", "small")]
    # A rewording is not a conflict.
    assert sentence_conflicts("The vote was held on Friday.", "The vote took place last week.") == []


def test_spelling_variants_inside_quotes_are_not_conflicts():
    from storytrace.facts.conflicts import sentence_conflicts

    a = "She said: “the defense pact with the U.N. mission is a big mistake”."
    b = "She said: “the defence pact with the UN mission is a big mistake”."
    assert sentence_conflicts(a, b) == []
    changed = sentence_conflicts(a, b.replace("big mistake", "grave error"))
    assert [c[0] for c in changed] == ["quote"]


def test_partial_reuse_is_one_line_only_for_the_reused_sentences():
    from storytrace.facts.lineage import claim_support
    from storytrace.model import Passage

    background = "The port was built in 1911 and handles a fifth of the country's trade."
    a = _art("a", f"Two floodgates failed on Tuesday at the port. {background} Engineers blamed old sensors.")
    b = _art(
        "b",
        f"Gates at the port gave way on Tuesday, witnesses said. {background} Workers blamed the sensors.",
    )
    bg_a, bg_b = a.sentences[1], b.sentences[1]
    # b reuses a's background sentence verbatim, nothing else
    edge = ReuseEdge(
        source="a",
        target="b",
        kind="paraphrase",
        passages=[
            Passage(
                source_start=bg_a.start,
                source_end=bg_a.end,
                target_start=bg_b.start,
                target_end=bg_b.end,
                similarity=1.0,
                kind="verbatim",
            )
        ],
    )
    story = Story(id="s", articles=["a", "b"], edges=[edge])
    arts = {"a": a, "b": b}
    assert claim_support(story, arts, {"a": [1], "b": [1]}) == 1  # the reused background: one source
    assert claim_support(story, arts, {"a": [0], "b": [0]}) == 2  # each told the failure itself
    # a relation without passages (a whole-text derivation) joins every claim
    story.edges = [ReuseEdge(source="a", target="b", kind="copy")]
    assert claim_support(story, arts, {"a": [0], "b": [0]}) == 1


def test_two_different_quotations_in_one_claim_are_not_a_quote_conflict():
    one = "\u201cWe respect the decision and will switch the system off next month,\u201d the mayor said."
    other = "\u201cWe will begin the technical shutdown next week and finish early,\u201d the mayor said."
    assert sentence_conflicts(one, other) == []
    # the same quotation with a word changed is one
    reworded = one.replace("respect", "accept")
    assert sentence_conflicts(one, reworded) == [("quote", "respect", "accept")]
    # a quotation reworded in half its words is still one quotation (invented wording)
    half = "\u201cWe are trying all we can to assist the residents hit,\u201d the mayor said."
    full = "\u201cWe are doing everything we can to help the people affected,\u201d the mayor said."
    assert {c[0] for c in sentence_conflicts(full, half)} == {"quote"}


def test_a_sentence_matching_one_of_a_group_of_copies_only_does_not_join_it():
    text = "The storm hit the coast on Monday with winds of 140 km/h. Officials counted the damage."
    arts = {
        "orig": _art("orig", text),
        "copy1": _art("copy1", text),
        "copy2": _art("copy2", text),
        "far": _art("far", "A storm of 140 km/h is due on the coast later this week, forecasters said."),
    }
    story = Story(id="s", articles=list(arts), origin=["orig"])
    matches = [
        _M("orig", 0, "copy1", 0, 0.99),
        _M("orig", 0, "copy2", 0, 0.99),
        _M("copy1", 0, "copy2", 0, 0.99),
    ]
    story.set_alignment(_Alignment([*matches, _M("orig", 0, "far", 0, 0.9)]))  # far matches one member only
    storm = next(c for c in build_claims(story, arts, Config(embeddings="none")) if "storm hit" in c.text)
    assert set(storm.articles) == {"orig", "copy1", "copy2"}
    story.set_alignment(
        _Alignment(
            [*matches, _M("orig", 0, "far", 0, 0.9), _M("copy1", 0, "far", 0, 0.9), _M("copy2", 0, "far", 0, 0.9)]
        )
    )
    storm = next(c for c in build_claims(story, arts, Config(embeddings="none")) if "storm hit" in c.text)
    assert set(storm.articles) == {"orig", "copy1", "copy2", "far"}  # matches them all: joins


def test_a_sentence_giving_the_group_another_figure_joins_it_through_one_match():
    # Invented wording: an own-words report of the storm with another wind speed matches only the
    # copy (its figure differs, so it is not close to every member); the missing links are the
    # disagreement, and the claim must show it.
    text = "The storm hit the coast on Monday with winds of 140 km/h. Officials counted the damage."
    arts = {
        "orig": _art("orig", text),
        "copy1": _art("copy1", text),
        "copy2": _art("copy2", text),
        "own": _art("own", "The storm struck the coast on Monday with winds of 180 km/h, residents said."),
    }
    story = Story(id="s", articles=list(arts), origin=["orig"])
    story.set_alignment(
        _Alignment(
            [
                _M("orig", 0, "copy1", 0, 0.99),
                _M("orig", 0, "copy2", 0, 0.99),
                _M("copy1", 0, "copy2", 0, 0.99),
                _M("copy2", 0, "own", 0, 0.7),
            ]
        )
    )
    storm = next(c for c in build_claims(story, arts, Config(embeddings="none")) if "storm hit" in c.text)
    assert set(storm.articles) == {"orig", "copy1", "copy2", "own"}
    assert {c.slot: c.values for c in storm.conflicts}["number"] == {"orig": "140", "own": "180"}


def test_figures_of_one_unit_in_another_word_order_conflict():
    a = "Health officials in North Harrow Green confirmed 768 cases of a stomach virus on Friday, the city hall said."
    b = "Doctors have confirmed 892 cases of a stomach bug in North Harrow Green since Friday, residents said."
    assert sentence_conflicts(a, b) == [("number", "768", "892")]


def test_the_part_of_a_total_is_the_figure_counted():
    # invented: "31 of the 75 seats" counts 31 seats (75 is the chamber); a projection of 32
    # conflicts with 31, not with 75 — in English and in a language that says "de los"
    a = "The Green League took 31 of the 75 seats in the regional council, the commission said."
    b = "By midnight the count showed the Green League on course for 32 seats, with most ballots in."
    assert sentence_conflicts(a, b) == [("number", "31", "32")]
    a = "La Liga Verde obtuvo 31 de los 75 escaños del consejo regional."
    b = "A medianoche el recuento daba a la Liga Verde 32 escaños, con casi todo escrutado."
    assert sentence_conflicts(a, b, "es") == [("number", "31", "32")]
    a = "The Green League won 31 of the Regional Council's 75 seats, final figures showed."
    assert sentence_conflicts(a, "The Green League was on course for 32 seats at midnight.") == [("number", "31", "32")]
    # a date before a count is no part of it
    a = "The council has until May 10 to switch off about 1,400 lamps in 38 streets, the court said."
    b = "Besides switching off about 1,400 lamps across 38 streets, the council must pay a fine, the court said."
    assert sentence_conflicts(a, b) == []
    # a total alone stays the figure: "75 seats" against "76 seats"
    assert sentence_conflicts("The council has 75 seats in all, after the reform of last year.",
                              "Since the reform of last year the council has had 76 seats in all.") == [("number", "75", "76")]


def test_a_number_in_a_name_is_no_count():
    # invented: "Kestrel 9" is a model; both sentences count 40,000 units
    a = "Vantor has recalled around 40,000 Kestrel 9 units because they can overheat, it said on Monday."
    b = "The company announced on Monday a recall of roughly 40,000 units that can overheat."
    assert sentence_conflicts(a, b) == []
    b = "The company announced on Monday a recall of roughly 45,000 units that can overheat."
    assert sentence_conflicts(a, b) == [("number", "40,000", "45,000")]


def test_figures_of_two_different_people_are_no_conflict():
    # invented: two players' ages and goals, not one disputed figure
    a = "Berglund, 26, scored 22 league goals last season and has won six caps."
    b = "Marchetti, 23, scored 19 league goals last season."
    assert sentence_conflicts(a, b) == []
    assert sentence_conflicts(
        "About 3453 workers joined the strike.", "Some 3655 workers joined the strike."
    ) == [("number", "About 3453", "Some 3655")]


def test_a_line_without_a_sentence_end_is_no_claim():
    # invented furniture the cleaner may keep: a label-and-link line between two paragraphs
    # (a paragraph whose last full stop was lost still makes statements)
    text = (
        "The storm hit the coast on Monday. Officials counted the damage in the port\n"
        "Live coverage: all the storm news as it happens\nSchools stay shut."
    )
    arts = {"o": _art("o", text)}
    story = Story(id="s", articles=["o"], origin=["o"])
    story.set_alignment(_Alignment([]))
    claims = build_claims(story, arts, Config(embeddings="none"))
    assert [c.text for c in claims] == [
        "The storm hit the coast on Monday.",
        "Officials counted the damage in the port",
    ]
