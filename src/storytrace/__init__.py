"""storytrace: news articles into stories, with provenance, quotes, claims and a cited brief.

The library API (the CLI only wraps it)::

    import storytrace
    result = storytrace.analyze(["path/to/articles"])
    for story in result.stories:
        print(story.label, story.origin, [b.text for b in story.brief])

``storytrace.analyze_story(articles, config)`` analyses one story alone (its members after the
article stages) with the result it gets inside a whole run; ``Config`` holds every option
(``storytrace config`` prints them).
"""

from storytrace.config import Config
from storytrace.model import SCHEMA_VERSION, Article, Result, Story
from storytrace.pipeline import analyze, analyze_story, run_pipeline

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "Config",
    "Result",
    "Story",
    "analyze",
    "analyze_story",
    "run_pipeline",
    "__version__",
]
