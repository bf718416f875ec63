"""The ``brief`` stage: an extractive, cited brief per story; optionally rewritten by an LLM."""

from __future__ import annotations

from storytrace.brief.sections import build_brief
from storytrace.config import Config
from storytrace.model import Corpus
from storytrace.progress import members_text, track


def run(corpus: Corpus, config: Config | None = None) -> Corpus:
    config = config or Config()
    articles = {a.id: a for a in corpus.articles}
    # candidates are the members' sentences: a story weighs its members' text
    for story in track(corpus.stories, "Brief", config, weight=members_text(articles)):
        story.brief = build_brief(story, articles, config)
        if config.options("brief").llm_url:
            from storytrace.brief.llm import rewrite

            story.brief = rewrite(story.brief, articles, config)
    return corpus
