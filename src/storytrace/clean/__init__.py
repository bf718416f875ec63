"""Clean stage: page furniture out of ``text`` (listed in ``removed``), credit lines to ``attributions``."""

from storytrace.clean.options import CleanOptions
from storytrace.contract import Stage, lazy_exports

STAGE = Stage(
    "clean",
    CleanOptions,
    requires=("article.raw",),
    assigns=("article.text", "article.removed", "article.attributions"),
    run="storytrace.clean.stage:run",
    article_step="storytrace.clean.stage:article_step",
)
__getattr__ = lazy_exports(
    __name__, {"run": "storytrace.clean.stage", "article_step": "storytrace.clean.stage"}
)
__all__ = ["STAGE", "CleanOptions", "article_step", "run"]
