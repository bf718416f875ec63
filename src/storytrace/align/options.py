"""The align stage's options: the sentence matcher's cut-offs (``align/story.py``), the lexical
passage finder's (``align/lexical.py``) and the paraphrase model's reading budget.

Cosines are on e5's scale: other backends' are mapped onto it (``align.story.e5_scale``), so one
set of cut-offs serves all.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from storytrace.align.paraphrase import MODEL_BAND
from storytrace.options import Options


class AlignOptions(Options):
    """Passage and sentence alignment between the members of each story."""

    model_max_pairs: int = Field(2_000, ge=0)
    """Distinct English sentence pairs the paraphrase model reads per story, the ones the feature
    judge is least sure of first (it reads ~65 pairs/s on 2 cores: ~30 s)."""
    model_band: tuple[float, float] = MODEL_BAND
    """Feature-judge probabilities in this band are unsure: those English pairs get the paraphrase
    model's second reading, where torch is allowed (chosen on MSRP train pairs held out from the
    model's training: see align/paraphrase.py)."""
    model_weights: str | None = None
    """The paraphrase model's adapter file (`eval/train_paraphrase_model.py` writes one); unset: the
    one shipped in `align/weights`. Without the file the feature judge's verdicts stand."""
    english_backend: Literal["static", "minilm", "e5", "e5-static", "hash"] = "static"
    """Sentence embeddings of stories whose members are all English, with `embeddings = "auto"`
    (other stories use e5). Static token vectors (~300x cheaper than e5) kept the generated figures
    (macro F1 0.987 / 0.993 on seeds 5 / 9 vs e5 0.985 / 1.000) and the seed relations; MiniLM
    matched more loose paraphrases and broke a seed relation."""
    semantic_threshold: float = Field(0.62, ge=0.0, le=1.0)
    """Sentence-pair score at which two sentences match (calibrated on the e5 backend, where cosines
    of unrelated news sentences sit around 0.75-0.85)."""
    cos_floor: float = Field(0.80, ge=0.0, lt=1.0)
    """Cosine at or below which the embedding adds nothing to a same-language pair's score
    (unrelated news sentences)."""
    semantic_weight: float = Field(0.5, ge=0.0, le=1.0)
    """A same-language pair scores its word overlap, raised (where the wording differs) toward the
    embedding: this weight on the rescaled cosine, the rest on the overlap."""
    candidate_floor: float = Field(0.5, ge=0.0, le=1.0)
    """The paraphrase judge (fitted on MSRP, whose pairs were mined as likely paraphrases) judges
    only pairs whose score reaches this floor: on MSRP train 3 % of pairs fall below it and F1 is
    unchanged (0.829); it keeps same-topic sentences of independent texts apart, as the
    Clough-Stevenson `non` answers need."""
    margin_k: int = Field(4, ge=1)
    """Across languages a translated sentence stands out from the other candidates by a ratio
    margin: its cosine over the mean of the top `margin_k` cosines of its row and column (as in
    LASER mining)."""
    cross_margin: float = Field(1.03, ge=0.0)
    """The ratio margin a translated sentence pair needs (tuned on MultiLing 2011 topic 0, English
    vs 6 languages, e5: translated sentences pass it 85-100 %, other articles' <= 29 %)."""
    cross_cos_floor: float = Field(0.75, ge=0.0, le=1.0)
    """... and the cosine it needs at least."""
    rewrite_cos: float = Field(0.92, ge=0.0, le=1.0)
    """Rewritten sentences in one language: mutual best matches by `cross_margin` that sit at least
    this close. On the hand-written dev clusters rewritten pairs sit at 0.89-0.98, same-event
    sentences of independent reports mostly below 0.92."""
    rewrite_min_words: int = Field(5, ge=0)
    """A rewrite rewords sentences of at least this many words, not list numbers or headings."""
    rewrite_shared: float = Field(0.3, ge=0.0, le=1.0)
    """A rewrite keeps what its source's sentence is about (names, figures, key terms): the pair
    shares at least this share of the shorter sentence's content words (its words less the
    language's function words). Cosines alone do not say it for cheap backends: static vectors
    mapped onto e5's scale put many unrelated sentences of one topic above `rewrite_cos`. Chosen on
    the dev clusters' e5 rewrite pairs (all but one false pair share >= 0.33); see EVALUATION.md,
    issue 15, "rewrites keep their words"."""
    verbatim_similarity: float = Field(0.9, ge=0.0, le=1.0)
    """A lexical passage (or a sentence pair's word overlap) this high is `verbatim`, below it
    `near`."""
    near_overlap: float = Field(0.5, ge=0.0, le=1.0)
    """A matched sentence pair sharing this share of the shorter one's words is `near`, below it
    `semantic`."""
    passage_ngram: int = Field(3, ge=1)
    """Lexical passages are seeded by shared word n-grams of this length (as in passim)."""
    passage_max_gap: int = Field(6, ge=0)
    """Seeds on nearly the same diagonal with gaps up to this many words chain into one passage, so
    a changed word or a dropped clause does not break it."""
    passage_min_seeds: int = Field(2, ge=1)
    """Seeds a passage holds at least."""
    progress_min_members: int = Field(50, ge=0)
    """A story of more members than this shows a progress bar while its pairs are aligned (a
    smaller one is done before a bar would help)."""

    @model_validator(mode="after")
    def _ordered(self) -> AlignOptions:
        lo, hi = self.model_band
        if not 0.0 <= lo <= hi <= 1.0:
            raise ValueError("model_band must be [low, high] with 0 <= low <= high <= 1")
        return self
