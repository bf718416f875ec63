"""A story's heading and claims as the report shows them: in the story's main language, or marked."""

from __future__ import annotations

from storytrace.brief.citations import language_tag, main_language
from storytrace.model import Article, Claim, Story


def story_heading(story: Story, articles: dict[str, Article]) -> str:
    """The story's label, unless it is the title of a member written in another language than most
    members: then the title of the origin (or else the first member) in the main language. The
    group stage labels a story by its most central member, which may be a translation."""
    label = story.label or story.id
    main = main_language(story, articles)
    owner = next((articles[a] for a in story.articles if a in articles and articles[a].title == label), None)
    if main is None or owner is None or not owner.language or owner.language == main:
        return label
    for a in [*story.origin, *story.articles]:
        art = articles.get(a)
        if art is not None and art.title and art.language == main:
            return art.title
    return label


def claim_text(claim: Claim, articles: dict[str, Article], main: str | None) -> str:
    """The claim as its first reporter wrote it, marked with that article's language (``[it] ...``)
    when it is not the story's main language ``main`` (``main_language``), as the brief marks its
    sentences."""
    first = articles.get(claim.first_reporter or "")
    return language_tag(claim.text, first.language if first else None, main)
