"""brief stage."""

from storytrace.brief.stage import run

__all__ = ["run"]
