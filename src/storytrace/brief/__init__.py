"""Brief stage: an extractive, cited brief per story; optionally rewritten by an LLM."""

from storytrace.brief.options import BriefOptions
from storytrace.contract import Stage, lazy_exports

STAGE = Stage(
    "brief",
    BriefOptions,
    requires=("story.alignment", "story.provenance", "story.facts", "article.sentences"),
    assigns=("story.brief",),
    run="storytrace.brief.stage:run",
)
__getattr__ = lazy_exports(__name__, {"run": "storytrace.brief.stage"})
__all__ = ["STAGE", "BriefOptions", "run"]
