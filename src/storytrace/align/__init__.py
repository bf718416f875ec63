"""align stage."""

from storytrace.align.stage import run

__all__ = ["run"]
