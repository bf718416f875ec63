"""The ``facts`` stage: quotes (grouped, fidelity-labelled) and claims for every story."""

from __future__ import annotations

import logging

from storytrace.config import Config, options_of
from storytrace.facts.claims import build_claims
from storytrace.facts.quotegroups import group_quotes
from storytrace.facts.quotes import extract_quotes
from storytrace.model import Corpus
from storytrace.progress import members_text, track

log = logging.getLogger(__name__)


def run(corpus: Corpus, config: Config | None = None) -> Corpus:
    config = config or Config()
    opts = options_of(config, "facts")
    articles = {a.id: a for a in corpus.articles}
    notes: list[str] = []
    # quotes and claims are read sentence by sentence: a story weighs its members' text
    for story in track(corpus.stories, "Facts", config, weight=members_text(articles)):
        members = [articles[a] for a in story.articles if a in articles]
        quotes = [q for a in members for q in extract_quotes(a, notes=notes, opts=opts)]
        story.quotes = group_quotes(story, articles, quotes, config.embeddings, opts)
        story.claims = build_claims(story, articles, config, story.quotes)
    if notes:
        # Steps cut short by a budget say so in the result (the model has no per-article notes yet).
        log.warning("facts: %s", "; ".join(notes))
        corpus.stats["facts_cut_short"] = "; ".join(notes)
    return corpus
