"""The ``provenance`` pipeline component: edges, origin and originality for each story."""

from __future__ import annotations

from storytrace.config import Config, options_of
from storytrace.model import Corpus


def run(corpus: Corpus, config: Config | None = None) -> Corpus:
    from storytrace.progress import track
    from storytrace.provenance.edges import build_edges

    opts = options_of(config, "provenance")
    articles = {a.id: a for a in corpus.articles}
    # edges are judged per pair of members
    for story in track(corpus.stories, "Provenance", config, weight=lambda s: len(s.articles) ** 2):
        if len(story.articles) == 1:
            story.origin = list(story.articles)
            story.origin_confidence = 1.0
            story.origin_reasons = ["the only article of its story"]
            story.originality = {story.articles[0]: 1.0}
            continue
        build_edges(story, articles, story.alignment, opts)  # the align stage's (the contract requires it)
    return corpus
