"""Group stage: near-duplicate groups (MinHash/LSH), then stories (batch or an online index)."""

from storytrace.contract import Stage, lazy_exports
from storytrace.group.options import GroupOptions

STAGE = Stage(
    "group",
    GroupOptions,
    requires=("article.text",),
    assigns=("corpus.duplicates", "corpus.stories", "corpus.moved", "article.date_in_text"),
    run="storytrace.group.stage:run",
)
__getattr__ = lazy_exports(__name__, {"run": "storytrace.group.stage"})
__all__ = ["STAGE", "GroupOptions", "run"]
