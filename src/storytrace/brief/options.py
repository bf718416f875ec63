"""The brief stage's options: its length, how sentences are chosen (``brief/extractive.py``,
``brief/sections.py``), when an article backs a citation (``brief/citations.py``) and the optional
LLM rewrite (``brief/llm.py``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from storytrace.options import Options


class BriefOptions(Options):
    """The extractive, cited brief of each story, optionally rewritten by an LLM."""

    words: int = Field(150, ge=1)
    """Length of the brief's first section ("what happened"), in words (`--brief-words`)."""
    llm_url: str | None = None
    """An OpenAI-compatible endpoint that rewrites the brief (`--llm`); each rewritten sentence must
    keep its facts and citations or the extractive one stays."""
    llm_model: str | None = None
    """The model name sent to `llm_url` (the endpoint's default when unset)."""
    llm_min_overlap: float = Field(0.5, ge=0.0, le=1.0)
    """A rewritten sentence is kept only when this share of its content words is in the original
    sentence or the cited text (and every number and name is)."""
    llm_timeout: float = Field(60.0, gt=0.0)
    """Seconds to wait for the LLM endpoint before keeping the extractive brief."""

    # --- choosing sentences (MMR over scored candidates) ---
    selection_backend: Literal["e5-static", "e5", "static", "minilm", "hash"] = "e5-static"
    """Sentence vectors that rank candidates by centrality and redundancy, with `embeddings =
    "auto"` (an explicit `embeddings` is used as given). On MultiLing 2011 English (250 words, not
    tuned) ROUGE-1/2 were e5 0.444/0.143, e5-static 0.447/0.142, for 1/90 of the time."""
    mmr_lambda: float = Field(0.7, ge=0.0, le=1.0)
    """Maximal marginal relevance: weight of a candidate's score against its redundancy with the
    sentences already chosen (1: score alone)."""
    weight_support: float = 0.45
    """Score weight of a claim's independent lines of descent (over the story's most supported)."""
    weight_coverage: float = 0.25
    """Score weight of the share of the story's articles carrying the claim."""
    weight_centrality: float = 0.35
    """Score weight of the sentence's cosine to the story's centroid."""
    weight_lead: float = 0.25
    """Score weight of an early position in its article (1 for the lead sentence, 0 for the last)."""
    weight_origin: float = 0.1
    """Score weight of a sentence of the story's origin."""
    candidate_min_words: int = Field(5, ge=0)
    """Candidates shorter than this many words are not chosen."""
    overshoot: float = Field(1.1, ge=1.0)
    """A section may run over its word budget by this factor (a sentence that would take it further
    is skipped; a shorter one may still fit)."""

    # --- the other sections ---
    unique_words: int = Field(60, ge=0)
    """Word budget of "what only one source reports"..."""
    unique_max: int = Field(3, ge=0)
    """... and at most this many sentences in it."""
    unique_min_words: int = Field(6, ge=0)
    """Words (not counting figures) a statement of one source needs to be read on its own: a name,
    an age and "disagreed" lean on the sentence before them."""
    quote_groups: int = Field(5, ge=0)
    """Quote groups "who said what" considers, the most widely carried first ..."""
    quote_min_words: int = Field(3, ge=0)
    """... each of at least this many words."""

    # --- citations ---
    passage_cover: float = Field(0.5, ge=0.0, le=1.0)
    """A lexical passage backs a citation when it covers this share of the shown sentence's
    characters: a passage that only grazes it (a shared name at a sentence boundary) says nothing
    about it."""
