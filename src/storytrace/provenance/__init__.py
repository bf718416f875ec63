"""Provenance stage: typed, directed reuse edges, the story's origin and per-article originality."""

from storytrace.contract import Stage, lazy_exports
from storytrace.provenance.options import ProvenanceOptions

STAGE = Stage(
    "provenance",
    ProvenanceOptions,
    requires=("story.alignment", "article.sentences"),
    assigns=("story.provenance",),
    run="storytrace.provenance.stage:run",
)
__getattr__ = lazy_exports(
    __name__,
    {
        **dict.fromkeys(("build_edges", "classify", "orient"), "storytrace.provenance.edges"),
        "run": "storytrace.provenance.stage",
    },
)
__all__ = ["STAGE", "ProvenanceOptions", "build_edges", "classify", "orient", "run"]
