"""The facts stage's options: how claims are grouped and compared (``facts/claims.py``,
``facts/conflicts.py``), how quotes are read and grouped (``facts/quotes.py``,
``facts/quotegroups.py``)."""

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

    # --- speakers (``facts/speakers.py``) ---
    speaker_cue_window: int = Field(600, ge=0)
    """Characters either side of a speech cue searched for its source (a bound: a sentence of many
    cues costs linear time)."""
    speaker_lookback_sentences: int = Field(6, ge=0)
    """How many sentences back a pronoun or a role looks for the name it stands for."""
    speaker_max_names: int = Field(5_000, ge=0)
    """Names indexed per article (a budget; news articles hold dozens)."""

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
