"""The ``align`` pipeline component: a StoryAlignment per multi-article story (``story._alignment``)."""

from __future__ import annotations

from storytrace.model import Corpus


def run(corpus: Corpus, config=None) -> Corpus:
    from storytrace.align.story import align_story
    from storytrace.progress import track

    articles = {a.id: a for a in corpus.articles}
    multi = [s for s in corpus.stories if len(s.articles) > 1]
    for story in track(multi, "Aligning", config):
        story._alignment = align_story(story, articles, config)
    return corpus
