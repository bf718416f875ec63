"""group stage."""

from storytrace.group.stage import run

__all__ = ["run"]
