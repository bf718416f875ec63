"""The text stage's options."""

from __future__ import annotations

from storytrace.options import Options


class TextOptions(Options):
    """Sentences with offsets, language and content hash of each article.

    No option yet: sentence splitting and language identification take no setting."""
