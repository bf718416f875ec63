"""The ``facts`` stage: quotes (grouped, fidelity-labelled) and claims for every story."""

from __future__ import annotations

import logging

from storytrace.config import Config, options_of
from storytrace.facts import parse
from storytrace.facts.claims import build_claims
from storytrace.facts.options import FactsOptions
from storytrace.facts.quotegroups import group_quotes
from storytrace.facts.quotes import extract_quotes, parse_targets
from storytrace.model import Article, Corpus, Story
from storytrace.progress import members_text, track

log = logging.getLogger(__name__)


def run(corpus: Corpus, config: Config | None = None) -> Corpus:
    config = config or Config()
    opts = options_of(config, "facts")
    articles = {a.id: a for a in corpus.articles}
    notes: list[str] = []
    ahead = 0  # the stories before this index have their quote sentences parsed
    # quotes and claims are read sentence by sentence: a story weighs its members' text
    for i, story in enumerate(track(corpus.stories, "Facts", config, weight=members_text(articles))):
        if i >= ahead:
            ahead = _parse_ahead(corpus.stories, i, articles, opts)
        members = [articles[a] for a in story.articles if a in articles]
        quotes = [q for a in members for q in extract_quotes(a, notes=notes, opts=opts)]
        story.quotes = group_quotes(story, articles, quotes, config.embeddings, opts)
        story.claims = build_claims(story, articles, config, story.quotes)
    if notes:
        # Steps cut short by a budget say so in the result (the model has no per-article notes yet).
        log.warning("facts: %s", "; ".join(notes))
        corpus.stats["facts_cut_short"] = "; ".join(notes)
    parse.release()
    return corpus


def _parse_ahead(stories: list[Story], first: int, articles: dict[str, Article], opts: FactsOptions) -> int:
    """Parse the quote sentences of ``stories[first:end]`` in one batch, about ``opts.parse_ahead``
    of them (at least one story's); returns ``end``."""
    parse.release()
    targets: list[str] = []
    end = first
    while end < len(stories) and (end == first or len(targets) < opts.parse_ahead):
        targets += [t for a in stories[end].articles if a in articles for t in parse_targets(articles[a], opts)]
        end += 1
    parse.prime(targets)
    return end
