"""The facts stage's options: how claims are grouped and compared (``facts/claims.py``,
``facts/conflicts.py``), how quotes are read and grouped (``facts/quotes.py``,
``facts/quotegroups.py``).

The word and character cut-offs of single rules (``gap_bare_words`` to ``parse_climb_steps``,
``role_modifier_words`` to ``colon_speaker_words``, ``conflict_run_words`` to ``part_link_chars``)
were inline numbers of the rules they belong to, moved here unchanged; the rules' tests
(tests/test_quotes.py, tests/test_facts_speakers.py, tests/test_claims.py) hold their cases.
"""

from __future__ import annotations

from pydantic import Field

from storytrace.options import Options


class FactsOptions(Options):
    """Quotes (grouped, fidelity-labelled) and claims with support and conflicts."""

    # --- claims ---
    claim_min_words: int = Field(4, ge=1)
    """Sentences shorter than this many words (headers, captions) are not claims."""
    claim_link_share: float = Field(0.5, ge=0.0, le=1.0)
    """Two groups of matched sentences join into one claim only when this share of their sentence
    pairs match directly: a sentence that matches one member of a group of copies, and none of the
    others, says something else."""
    same_quotation: float = Field(0.45, ge=0.0, le=1.0)
    """Changed words inside quotation marks are a changed quote only when the rest of the two
    quotations agrees this much (difflib ratio of their words): two different quotations of one
    claim differ everywhere."""
    max_sentence_words: int = Field(300, ge=0)
    """Longer "sentences" (lists, tables, hostile input) are not compared word by word (a budget:
    the word diff is quadratic in the worst case)."""
    conflict_run_words: int = Field(4, ge=1)
    """A replaced run of words is compared as one value (a date, a number, a name, a place, words
    of a quotation) when it has at most this many words; a longer one is a rewording."""
    conflict_number_words: int = Field(2, ge=1)
    """A run of at most this many words holding a number word ("two", "3 million") is a number."""
    spelling_variant_chars: int = Field(5, ge=0)
    """Replaced runs of at least this many letters one edit apart are one word spelt two ways
    ("defense"/"defence"), not a change; shorter ones differ."""
    count_unit_chars: int = Field(3, ge=0)
    """A word after a count is the counted unit ("768 cases") when it has more than this many
    letters (not "in", "to", "of") ..."""
    part_link_chars: int = Field(4, ge=0)
    """... and "<part> of <total> <unit>" links the part to the total by lower-case words of at most
    this many letters ("of", "de los")."""

    # --- quotes ---
    max_quotes: int = Field(400, ge=0)
    """Quoted passages read per article (news articles hold a few dozen): quotes are grouped
    pairwise across a story, so one article of 10^4 quote marks must not cost 10^8 comparisons.
    A cut is noted in the result."""
    parse_ahead: int = Field(256, ge=1)
    """The parser reads the quote sentences of several stories at once, about this many at a time:
    batches read ~2x as many sentences a second as one call each (spaCy's ``pipe``), and what is
    held in memory stays bounded."""
    tail_max_words: int = Field(15, ge=0)
    """A "Name said." sentence after a quotation is its attribution when it has at most this many
    words (longer, it is a sentence of its own)."""
    bare_quote_cover: float = Field(0.6, ge=0.0, le=1.0)
    """A sentence with no named source that is at least this much quotation continues the
    paragraph's speaker (a bare quote)."""
    gap_max_words: int = Field(25, ge=0)
    """Two parts of one utterance (“A,” she said. “B.”) are joined when the attribution between them
    has at most this many words ..."""
    gap_max_chars: int = Field(320, ge=0)
    """... and the parts lie at most this many characters apart."""
    gap_bare_words: int = Field(2, ge=0)
    """Without a speech cue between them, two parts are joined only when at most this many words
    lie between them."""
    tail_rest_words: int = Field(5, ge=0)
    """A "Name said, ..." tail goes on for at most this many words up to its next comma ("Trump
    said, looking out"); more is a sentence of its own ("X said they ...")."""
    cue_lead_words: int = Field(8, ge=0)
    """In a sentence of several quotes and cues, a cue with more than this many words before it
    (back to the quote) opens a new clause ("... when he said ..."), not this quote's attribution
    ..."""
    cue_tail_words: int = Field(2, ge=0)
    """... and a cue after the last quote followed by more than this many words reports other
    words ("he said that the footage ...")."""
    dash_quote_min_chars: int = Field(10, ge=0)
    """A dash-introduced quote ("- It could ..., Smith says") is read only when the part before the
    attribution's comma is longer than this many characters."""
    apposition_max_words: int = Field(30, ge=0)
    """An apposition after a speaker's name ("Ann Lee, director of the lab, said") belongs to the
    mention when it has at most this many words."""
    title_quote_max_words: int = Field(20, ge=0)
    """A quotation of capitalised words of at most this many words is a title or a name ("This
    Week"), not speech, unless an attribution follows it."""
    open_lookback_chars: int = Field(100, ge=0)
    """How far back (characters) quote marks and spaces are skipped when asking whether a quote
    opens its sentence (a bound on a run of marks in hostile input)."""
    parse_climb_steps: int = Field(8, ge=0)
    """With the parser: heads climbed from a quote's outermost word to find its speech verb (news
    attributions sit a few steps up; a bound on long chains)."""

    # --- speakers (``facts/speakers.py``) ---
    speaker_cue_window: int = Field(600, ge=0)
    """Characters either side of a speech cue searched for its source (a bound: a sentence of many
    cues costs linear time)."""
    speaker_lookback_sentences: int = Field(6, ge=0)
    """How many sentences back a pronoun or a role looks for the name it stands for."""
    speaker_max_names: int = Field(5_000, ge=0)
    """Names indexed per article (a budget; news articles hold dozens)."""
    role_modifier_words: int = Field(3, ge=0)
    """Lower-case words before a role that still belong to the speaker phrase ("national security
    spokesperson"): at most this many."""
    unlisted_role_words: int = Field(2, ge=0)
    """Outside English, at most this many words the lexicon does not list join a speaker phrase
    after a connector or article (a role noun or its body: "o engenheiro Rui Tavares")."""
    colon_speaker_words: int = Field(6, ge=0)
    """In the "Name: «...»" layout, the part before the colon is the speaker when it has at most
    this many words."""

    # --- quote groups ---
    quote_min_words: int = Field(4, ge=1)
    """Quotes shorter than this many words join (or are called misattributed) only as exact
    sub-sequences: short phrases recur."""
    quote_lexical_join: float = Field(0.7, ge=0.0, le=1.0)
    """Two quotes join when this share of the shorter one's content words is in the longer one; an
    article's quote this close to a variant given to the reference speaker is no misattribution."""
    quote_same_words: float = Field(0.9, ge=0.0, le=1.0)
    """Quotes sharing this share of content words are the same words (they may even bridge two
    quotes of one article)."""
    quote_semantic_min_words: float = Field(0.3, ge=0.0, le=1.0)
    """Direct quotes of two articles sharing at least this share of content words (and less than
    `quote_same_words`) are compared by embedding ..."""
    quote_semantic_join: float = Field(0.9, ge=-1.0, le=1.0)
    """... and join at this cosine (reworded or translated quotes)."""
    quote_translated_join: float = Field(0.8, ge=-1.0, le=1.0)
    """A quote and its translation, whose sentences the align stage matched across languages, join
    at this cosine (e5 puts translations at 0.85-0.93, other sentences of the story lower: the
    sentence link says which counterpart it is, the cosine that the quote is the same)."""
