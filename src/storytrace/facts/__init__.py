"""facts stage."""

from storytrace.facts.stage import run

__all__ = ["run"]
