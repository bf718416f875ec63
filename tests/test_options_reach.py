"""The cut-offs moved from stage bodies into options reach the code: setting one changes a result
in the documented direction (the defaults' results are held by the stages' own tests)."""

from __future__ import annotations

from storytrace.facts.conflicts import sentence_conflicts
from storytrace.facts.options import FactsOptions
from storytrace.facts.speakers import speaker_phrase
from storytrace.provenance.edges import orient
from storytrace.provenance.options import ProvenanceOptions


def test_a_longer_replaced_run_is_a_value_only_when_the_option_allows_it() -> None:
    a = "The council counted 120 new cases of flu in the city on Monday."
    b = "The council counted 150 new cases of flu in the city on Monday."
    assert ("number", "120", "150") in sentence_conflicts(a, b)
    assert sentence_conflicts(a, b, opts=FactsOptions(conflict_run_words=1)) == sentence_conflicts(a, b)
    words = "The council said schools in Ashford North West would close on Monday."
    other = "The council said schools in Brampton South East would close on Monday."
    assert any(c[0] == "place" for c in sentence_conflicts(words, other, opts=FactsOptions(conflict_run_words=3)))
    assert not any(c[0] == "place" for c in sentence_conflicts(words, other, opts=FactsOptions(conflict_run_words=2)))


def test_role_modifiers_and_the_colon_layout_follow_the_options() -> None:
    s = "The plan will fail, national security spokesperson Ann Reyes said."
    assert speaker_phrase(s)[0] == "national security spokesperson Ann Reyes"
    fewer = speaker_phrase(s, opts=FactsOptions(role_modifier_words=1))[0]
    assert "national" not in (fewer or "")
    head = "Port director Elena Varga: \u2026"
    assert speaker_phrase(head)[0] == "Port director Elena Varga"
    assert speaker_phrase(head, opts=FactsOptions(colon_speaker_words=3)) == (None, None)


def test_a_one_word_outlet_in_the_text_credits_from_the_option_length() -> None:
    from storytrace.align.story import PairAlignment
    from storytrace.model import Article
    from storytrace.text import split_sentences

    def art(aid: str, source: str, text: str) -> Article:
        return Article(id=aid, source=source, text=text, sentences=split_sentences(text), language="en")

    src = art("s", "Heron", "The bridge will reopen in May, the ministry said on Friday.")
    tgt = art("t", "Other Daily", "The bridge will reopen in May, Heron reported on Friday.")
    pair = PairAlignment(a="s", b="t", passages=[], sentence_matches=[], a_coverage=0.0, b_coverage=0.0)
    assert not orient(src, tgt, pair).credited  # five letters: could be a word
    credited = orient(src, tgt, pair, ProvenanceOptions(outlet_word_chars=5))
    assert credited.credited and (credited.source, credited.target) == ("s", "t")


def test_an_apposition_joins_the_mention_up_to_the_option_length() -> None:
    from storytrace.facts.quotes import extract_quotes
    from storytrace.model import Article
    from storytrace.text import split_sentences

    text = "\u201cThe pier stays shut,\u201d said Ann Lee, director of the harbour lab at the port."
    art = Article(id="x", text=text, sentences=split_sentences(text), language="en")
    (default,) = extract_quotes(art, parse=False)
    assert default.mention is not None and "director" in default.mention
    (short,) = extract_quotes(art, parse=False, opts=FactsOptions(apposition_max_words=3))
    assert short.mention == "Ann Lee"
