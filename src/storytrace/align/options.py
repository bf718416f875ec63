"""The align stage's options."""

from __future__ import annotations

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

    @model_validator(mode="after")
    def _ordered(self) -> AlignOptions:
        lo, hi = self.model_band
        if not 0.0 <= lo <= hi <= 1.0:
            raise ValueError("model_band must be [low, high] with 0 <= low <= high <= 1")
        return self
