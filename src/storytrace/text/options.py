"""The text stage's options."""

from __future__ import annotations

from storytrace.options import Options


class TextOptions(Options):
    """Sentences with offsets, language and content hash of each article.

    No option: sentence splitting takes no setting. The language identifier's sample, letter
    minimum and confidence (``text/language.py``) stay module constants: the clean and group stages
    identify languages with the same function and must agree with this stage. The line profiles'
    cut-offs (``text/lines.py``) serve the clean stage's statistics and are computed by ingest's
    workers, before any stage's options are read."""
