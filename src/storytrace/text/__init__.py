"""Text stage: sentences with offsets, language, content hash; matching forms for later stages."""

from storytrace.contract import Stage, lazy_exports
from storytrace.text.options import TextOptions

STAGE = Stage(
    "text",
    TextOptions,
    requires=("article.text",),
    assigns=("article.sentences", "article.language", "article.content_hash"),
    run="storytrace.text.stage:run",
    article_step="storytrace.text.stage:article_step",
)
__getattr__ = lazy_exports(
    __name__,
    {
        "detect_language": "storytrace.text.language",
        **dict.fromkeys(
            ("fold", "normal_form", "shingles", "token_spans", "tokens"), "storytrace.text.normalize"
        ),
        "split_sentences": "storytrace.text.sentences",
        "article_step": "storytrace.text.stage",
        "run": "storytrace.text.stage",
    },
)
__all__ = [
    "STAGE",
    "TextOptions",
    "article_step",
    "detect_language",
    "fold",
    "normal_form",
    "run",
    "shingles",
    "split_sentences",
    "token_spans",
    "tokens",
]
