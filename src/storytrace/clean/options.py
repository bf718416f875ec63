"""The clean stage's options."""

from __future__ import annotations

from storytrace.options import Options


class CleanOptions(Options):
    """Page furniture out of the text, credit lines kept as attributions.

    No option yet: the line rules' cut-offs are module constants (clean/lines.py, clean/signals.py)
    and the line model's weights are fitted (clean/furniture_weights.py)."""
