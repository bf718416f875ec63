"""Clean stage: page furniture out of ``text`` (listed in ``removed``), credit lines to ``attributions``."""

from storytrace.clean.stage import article_step, run

__all__ = ["article_step", "run"]
