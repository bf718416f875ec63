"""The ``facts`` stage: quotes (grouped, fidelity-labelled) and claims for every story."""

from __future__ import annotations

import logging

from storytrace.articlepool import worker_count
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
    ends, chunks = _parse_chunks(corpus.stories, articles, opts)
    parsed = parse.prime_in_turn(chunks, worker_count(config.workers))
    ahead = 0  # the stories before this index have their quote sentences parsed
    try:
        # quotes and claims are read sentence by sentence: a story weighs its members' text
        for i, story in enumerate(track(corpus.stories, "Facts", config, weight=members_text(articles))):
            if i >= ahead:
                next(parsed)
                ahead = ends.pop(0)
            members = [articles[a] for a in story.articles if a in articles]
            quotes = [q for a in members for q in extract_quotes(a, notes=notes, opts=opts)]
            story.quotes = group_quotes(story, articles, quotes, config.embeddings, opts)
            story.claims = build_claims(story, articles, config, story.quotes)
    finally:
        parsed.close()  # the parse worker, if any, stops
    if notes:
        # Steps cut short by a budget say so in the result (the model has no per-article notes yet).
        log.warning("facts: %s", "; ".join(notes))
        corpus.stats["facts_cut_short"] = "; ".join(notes)
    parse.release()
    return corpus


def _parse_chunks(
    stories: list[Story], articles: dict[str, Article], opts: FactsOptions
) -> tuple[list[int], list[list[str]]]:
    """The stories' quote sentences in chunks of about ``opts.parse_ahead`` (at least one story's
    each), parsed one chunk at a time; with the index of the story after each chunk's last."""
    ends: list[int] = []
    chunks: list[list[str]] = []
    for end, story in enumerate(stories, 1):
        if not chunks or len(chunks[-1]) >= opts.parse_ahead:
            ends.append(end)
            chunks.append([])
        ends[-1] = end
        chunks[-1] += [t for a in story.articles if a in articles for t in parse_targets(articles[a], opts)]
    return ends, chunks
