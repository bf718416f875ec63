"""Clean stage: page furniture out of ``text`` (listed in ``removed``), credit lines to ``attributions``."""

from storytrace.clean.stage import run

__all__ = ["run"]
