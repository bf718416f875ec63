"""Align stage: passage and sentence alignment between the articles of each story (``Story.alignment``)."""

from storytrace.align.options import AlignOptions
from storytrace.contract import Stage, lazy_exports

STAGE = Stage(
    "align",
    AlignOptions,
    requires=("corpus.stories", "article.sentences"),
    assigns=("story.alignment",),
    run="storytrace.align.stage:run",
)
__getattr__ = lazy_exports(
    __name__,
    {
        "align_texts": "storytrace.align.lexical",
        **dict.fromkeys(
            ("PairAlignment", "SentenceMatch", "StoryAlignment", "align_pair", "align_story"),
            "storytrace.align.story",
        ),
        "run": "storytrace.align.stage",
    },
)
__all__ = [
    "STAGE",
    "AlignOptions",
    "PairAlignment",
    "SentenceMatch",
    "StoryAlignment",
    "align_pair",
    "align_story",
    "align_texts",
    "run",
]
