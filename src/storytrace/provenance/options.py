"""The provenance stage's options."""

from __future__ import annotations

from storytrace.options import Options


class ProvenanceOptions(Options):
    """Typed, directed reuse edges, the story's origin and each member's originality.

    No option yet: the edge judge's cut-offs are module constants (provenance/edges.py)."""
