"""The provenance stage's options: the edge judge's cut-offs (``provenance/edges.py``).

Shares are of the derivative's characters (coverage, verbatim) or sentences unless a field says
otherwise. Clough-Stevenson is the short-answer reuse corpus (tasks a-c tuned the rules; ``non``
answers are texts written independently on the same topic).
"""

from __future__ import annotations

from pydantic import Field

from storytrace.options import Options


class ProvenanceOptions(Options):
    """Typed, directed reuse edges, the story's origin and each member's originality."""

    # --- direction (``orient``) ---
    credit_name_chars: int = Field(3, ge=0)
    """A credit line names a source's outlet or author when a credited name equals it or, both
    longer than this many characters, one contains the other ("AP" is no part of "Rappler") ..."""
    outlet_word_chars: int = Field(6, ge=0)
    """... and an article's sentence credits a source when it holds the source's outlet name: a
    name of several words, or of one word of at least this many characters (a shorter one reads
    as an ordinary word)."""
    asymmetry_margin: float = Field(0.08, ge=0.0, le=1.0)
    """Containment asymmetry that orients an edge without clocks or credit lines: the derivative is
    covered by the source at least this much more than the other way round."""
    clock_overrule_coverage: float = Field(0.9, ge=0.0, le=1.0)
    """Publication times decide direction unless the earlier article is at least this much contained
    in the later one (a clock may be wrong); a rewrite that adds material is longer than its source
    and would otherwise look like the original."""
    clock_overrule_margin: float = Field(0.3, ge=0.0, le=1.0)
    """... and the containment asymmetry reaches this much (both must hold to overrule the clock)."""

    # --- which kind of reuse (``judge``) ---
    translated_coverage: float = Field(0.4, ge=0.0, le=1.0)
    """Across languages: share of the derivative aligned to the source a translation needs."""
    translated_share: float = Field(0.6, ge=0.0, le=1.0)
    """A translation aligns sentence by sentence: this share of its sentences matched to the source's
    in the source's order. Two reports of one event in two languages share facts, not a sentence
    sequence."""
    min_translated: int = Field(3, ge=0)
    """... and at least this many sentences in order."""
    duplicate_verbatim: float = Field(0.97, ge=0.0, le=1.0)
    """Both sides at least this much in verbatim passages: a duplicate or a copy (a copy that drops
    one line is not a duplicate)."""
    duplicate_edits: int = Field(2, ge=0)
    """Word edits a duplicate may carry (or `duplicate_edit_share` of its words, whichever is more):
    a corrected typo, a changed word."""
    duplicate_edit_share: float = Field(0.005, ge=0.0, le=1.0)
    """Share of its words a duplicate may have edited."""
    copy_verbatim: float = Field(0.6, ge=0.0, le=1.0)
    """A copy (or a condensed one): this share of its text in the source's wording. A synonym-swapped
    rewrite reaches ~0.5 (passages chain across swapped words), a copy or excerpt 0.6 and more. Also:
    a member holding two near-identical members' wording this much is what both copy (no upstream)."""
    reused_sentences: float = Field(0.6, ge=0.0, le=1.0)
    """... or this share of its sentences lies (mostly, `sentence_inside`) inside verbatim passages of
    the source."""
    sentence_inside: float = Field(0.5, ge=0.0, le=1.0)
    """A sentence counts as reused when this share of its characters is in verbatim passages."""
    condensed_sentences: float = Field(0.7, ge=0.0, le=1.0)
    """Condensed rather than copied: fewer than this share of the source's sentences (and
    `condensed_length`). A copy with small cuts keeps most of both; a condensed copy drops or cuts
    down a third and more."""
    condensed_length: float = Field(0.8, ge=0.0, le=1.0)
    """... and shorter than this share of the source's characters. Also what makes a text "much
    shorter" for `contained_verbatim`."""
    contained_verbatim: float = Field(0.5, ge=0.0, le=1.0)
    """A much shorter text with this share of it in verbatim runs of the other is cut down from it,
    however few of the other's sentences it reuses. On Clough-Stevenson tasks a-c any value in
    0.08-0.44 scores the same; a short report repeating a lead and one figure of another (two of five
    sentences) reaches 0.4, so a derivative must be half made of its source's words (chosen when the
    generator's independent reports were made that way)."""
    min_derived_coverage: float = Field(0.4, ge=0.0, le=1.0)
    """A paraphrase: at least this share of the derivative aligned to the source (also how much a
    third member must be covered for two near-identical members to reword it upstream)."""
    min_source_coverage: float = Field(0.1, ge=0.0, le=1.0)
    """... and at least this share of the source aligned to it."""
    min_reused_sentences: int = Field(4, ge=0)
    """A derivative reuses at least this many of its source's sentences (or `reused_own_share` of its
    own): own reporting that repeats a lead and one figure of the original is independent."""
    reused_own_share: float = Field(0.7, ge=0.0, le=1.0)
    """... the share of its own sentences that counts as a body of reused sentences."""
    min_verbatim_support: float = Field(0.05, ge=0.0, le=1.0)
    """A reworded derivative still keeps a little of its source's wording verbatim; same-topic text
    written independently keeps almost none (Clough-Stevenson tasks a-c: non answers <= 0.04 with
    static sentence vectors, which match loosely on one topic)."""
    min_rewritten: int = Field(3, ge=0)
    """A rewrite: at least this many of its sentences (and `rewritten_share` of the shorter text's)
    are rewordings of the source's, each its counterpart's mutual best match and very close
    (`align.rewrite_cos`). Own reporting of the same event repeats the lead and a fact or two in
    other words."""
    rewritten_share: float = Field(0.2, ge=0.0, le=1.0)
    """... the share of the shorter text's sentences."""
    partial_verbatim: float = Field(0.2, ge=0.0, le=1.0)
    """Partial reuse: a text that keeps `min_reused_sentences` of the other's sentences with this
    share of itself in verbatim passages is derived even when most of it is its own, as a short
    answer pasted together from a long source is (Clough-Stevenson tasks a-c: non answers keep <= 0.04
    verbatim). Three sentences is not enough: own reporting may repeat a lead, a figure and a quote
    (0.2-0.44 verbatim with three, in five-sentence reports)."""
    long_run: int = Field(8, ge=1)
    """Long verbatim runs: a text with `long_run_share` of its words (quoted words aside) inside
    passages of at least this many words in the other's wording took them from it, however much else
    it says. Text written independently on one topic shares runs of a few words and rarely one of
    eight (Clough-Stevenson tasks a-c: non answers <= 0.04 of their words and <= 8 words in long runs,
    reused answers this rule decides 0.09-0.13 and >= 19 words). Quoted words do not count: two
    reporters quote a speaker alike without copying each other."""
    long_run_share: float = Field(0.07, ge=0.0, le=1.0)
    """... the share of the text's unquoted words in long runs."""
    long_run_min_words: int = Field(16, ge=0)
    """... and at least this many words in long runs (twice `long_run`): a single stock phrase is
    not a borrowed passage."""

    # --- sources, upstream texts ---
    source_tie: float = Field(0.1, ge=0.0)
    """Two candidate sources that explain a derivative about equally (score within this): the one
    the other derives from is taken, since the derivative uses nothing the copy added."""
    rewrite_max_verbatim: float = Field(0.5, ge=0.0, le=1.0)
    """Two near-identical members that both reword an earlier third one (each covered by it
    `min_derived_coverage`, less than this share verbatim) share an upstream rewrite."""
    shared_min_sentences: int = Field(2, ge=1)
    """Two members share an unseen upstream source when at least this many sentences (and
    `shared_min_share` of the shorter one's) are shared by them and by no other member."""
    shared_min_share: float = Field(0.1, ge=0.0, le=1.0)
    """... the share of the shorter member's sentences."""
