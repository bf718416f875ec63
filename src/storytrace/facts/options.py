"""The facts stage's options."""

from __future__ import annotations

from storytrace.options import Options


class FactsOptions(Options):
    """Quotes (grouped, fidelity-labelled) and claims with support and conflicts.

    No option yet: the cut-offs are module constants (facts/quotes.py, facts/claims.py)."""
