"""provenance stage."""

from storytrace.provenance.stage import run

__all__ = ["run"]
