"""The ``align`` pipeline component: the owner of every story's alignment (``Story.alignment``)."""

from __future__ import annotations

from storytrace.config import Config
from storytrace.model import Corpus


def run(corpus: Corpus, config: Config | None = None) -> Corpus:
    from storytrace.align.story import StoryAlignment, align_story
    from storytrace.progress import track

    articles = {a.id: a for a in corpus.articles}
    multi = [s for s in corpus.stories if len(s.articles) > 1]
    for story in corpus.stories:
        if len(story.articles) <= 1:
            story.set_alignment(StoryAlignment())  # one member: nothing to align, but aligned
    # a story's cost grows with its member pairs: the estimate counts those, not stories
    for story in track(multi, "Aligning", config, weight=lambda s: len(s.articles) ** 2):
        story.set_alignment(align_story(story, articles, config))
    read = [s.alignment.model_pairs for s in multi if s.alignment.model_pairs]
    if read:  # what the paraphrase model read (issue 17: it is the stage's main cost)
        corpus.stats["paraphrase_pairs_read"] = sum(read)
        corpus.stats["paraphrase_pairs_max_story"] = max(read)
        corpus.stats["paraphrase_pairs_per_story"] = round(sum(read) / len(multi), 1)  # multi-article stories
        corpus.stats["seconds_paraphrase_model"] = round(sum(s.alignment.model_seconds for s in multi), 3)
    return corpus
