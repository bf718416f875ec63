"""The ``align`` pipeline component: a StoryAlignment per multi-article story (``story._alignment``)."""

from __future__ import annotations

from storytrace.model import Corpus


def run(corpus: Corpus, config=None) -> Corpus:
    from storytrace.align.story import align_story
    from storytrace.progress import track

    articles = {a.id: a for a in corpus.articles}
    multi = [s for s in corpus.stories if len(s.articles) > 1]
    # a story's cost grows with its member pairs: the estimate counts those, not stories
    for story in track(multi, "Aligning", config, weight=lambda s: len(s.articles) ** 2):
        story._alignment = align_story(story, articles, config)
    read = [s._alignment.model_pairs for s in multi if s._alignment.model_pairs]
    if read:  # what the paraphrase model read (issue 17: it is the stage's main cost)
        corpus.stats["paraphrase_pairs_read"] = sum(read)
        corpus.stats["paraphrase_pairs_max_story"] = max(read)
        corpus.stats["paraphrase_pairs_per_story"] = round(sum(read) / len(multi), 1)  # multi-article stories
        corpus.stats["seconds_paraphrase_model"] = round(sum(s._alignment.model_seconds for s in multi), 3)
    return corpus
