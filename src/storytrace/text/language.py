"""Language identification (py3langid, offline; ISO 639-1 codes)."""

from __future__ import annotations

import re
from functools import lru_cache

# Enough text to decide reliably, bounded so long articles cost the same as short ones.
_SAMPLE = 400
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def load_identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``, or ``None`` when there is too little text to tell."""
    sample = text[:_SAMPLE]
    if len(_LETTER.findall(sample)) < 12:
        return None
    lang, prob = load_identifier().classify(sample)
    return lang if prob >= 0.5 else None
