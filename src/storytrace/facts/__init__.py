"""Facts stage: quotes (grouped, fidelity-labelled) and claims with support and conflicts."""

from storytrace.contract import Stage, lazy_exports
from storytrace.facts.options import FactsOptions

STAGE = Stage(
    "facts",
    FactsOptions,
    # claims count support by lines of descent (provenance edges) over the aligned sentences
    requires=("story.alignment", "story.provenance", "article.sentences"),
    assigns=("story.facts",),
    run="storytrace.facts.stage:run",
)
__getattr__ = lazy_exports(__name__, {"run": "storytrace.facts.stage"})
__all__ = ["STAGE", "FactsOptions", "run"]
