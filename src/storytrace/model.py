"""The one document model every pipeline stage reads and writes.

A run is a :class:`Corpus`: articles, the inputs that were skipped, duplicate groups and stories.
Stages are functions ``Corpus -> Corpus`` (see :mod:`storytrace.pipeline`); each fills its own
fields and leaves the others alone, so any stage can be run, replaced or tested alone.

The JSON result is :class:`Result`, a plain serialisation of the corpus. Its JSON Schema is
generated from these types (``storytrace schema``) and kept under version control in
``storytrace/schema/result.schema.json``; ``SCHEMA_VERSION`` changes when a field is renamed or
removed (adding fields is a minor bump).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_VERSION = "1.0.0"

EdgeKind = Literal[
    "duplicate", "copy", "condensed", "paraphrase", "translation", "shared-source", "independent"
]
ClaimStatus = Literal["consensus", "partial", "unique", "conflicting"]
Fidelity = Literal["exact", "trimmed", "altered", "translated", "paraphrased", "misattributed"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


# A slotted dataclass, not a model: a corpus holds tens of sentences per article and this takes a
# fifth of a model's memory; pydantic validates, serialises and describes it all the same.
@dataclass(slots=True)
class Sentence:
    """A sentence of ``Article.text``: ``text == article.text[start:end]``."""

    __pydantic_config__ = ConfigDict(extra="forbid")

    start: int
    end: int
    text: str


class Removed(_Model):
    """A piece of the input that cleaning took out of ``text``, and why."""

    text: str
    reason: str


class Attribution(_Model):
    """A credit line ("With inputs from X", "(Reporting by ...)") kept as provenance evidence."""

    text: str
    kind: str = Field(description="credit | reporting | editing | contributed | source")
    names: list[str] = Field(default_factory=list, description="agencies or people credited")


class Article(_Model):
    id: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published_at: str | None = Field(None, description="ISO 8601 when known")
    language: str | None = Field(None, description="ISO 639-1 code")
    text: str = ""
    sentences: list[Sentence] = Field(default_factory=list)
    removed: list[Removed] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    content_hash: str = Field("", description="hash of the normalised text, for deduplication")
    input: str = Field("", description="the file (and record) this article came from")
    # Raw text before cleaning; kept out of the JSON (it can be large) but used by the clean stage.
    _raw: str = PrivateAttr(default="")
    _html: bool = PrivateAttr(default=False)


class Skipped(_Model):
    input: str
    reason: str


class DuplicateGroup(_Model):
    """Articles with the same (``exact``) or nearly the same (``near``) text.

    ``representative`` is the member kept for analysis; every member id is listed, the
    representative included, so lineage is never lost."""

    representative: str
    members: list[str]
    kind: Literal["exact", "near"]
    similarity: float = 1.0


class Passage(_Model):
    """Aligned spans: ``source[source_start:source_end]`` ~ ``target[target_start:target_end]``."""

    source_start: int
    source_end: int
    target_start: int
    target_end: int
    similarity: float
    kind: Literal["verbatim", "near", "semantic", "translation"]


class ReuseEdge(_Model):
    """A typed, directed relation: ``target`` derives from ``source`` (unless ``directed`` is false)."""

    source: str
    target: str
    kind: EdgeKind
    source_coverage: float = Field(0.0, description="share of the source's text found in the target")
    target_coverage: float = Field(0.0, description="share of the target's text found in the source")
    verbatim_share: float = Field(0.0, description="share of aligned target text that is verbatim")
    directed: bool = True
    confidence: float = 0.0
    evidence: list[str] = Field(default_factory=list)
    adds: list[str] = Field(default_factory=list, description="target sentences absent from the source")
    passages: list[Passage] = Field(default_factory=list)


class Conflict(_Model):
    slot: str = Field(description="number | date | weekday | place | speaker | quote")
    values: dict[str, str] = Field(description="article id -> value")


class Claim(_Model):
    id: str
    text: str
    articles: list[str]
    status: ClaimStatus
    first_reporter: str | None = None
    support: int = Field(0, description="independent lines of descent carrying the claim")
    sentences: dict[str, list[int]] = Field(default_factory=dict, description="article -> sentence indices")
    conflicts: list[Conflict] = Field(default_factory=list)


class QuoteVariant(_Model):
    article: str
    speaker: str | None
    text: str
    fidelity: Fidelity
    cue: str | None = None
    start: int | None = None
    end: int | None = None
    diff: list[list[str]] = Field(default_factory=list, description="[op, words] with op in =,+,-")


class QuoteGroup(_Model):
    id: str
    speaker: str | None
    text: str
    variants: list[QuoteVariant]


class BriefSentence(_Model):
    text: str
    citations: list[str]
    section: str = "what happened"


class Story(_Model):
    id: str
    articles: list[str]
    duplicates: list[DuplicateGroup] = Field(default_factory=list)
    label: str = ""
    keywords: list[str] = Field(default_factory=list)
    time_span: list[str | None] = Field(default_factory=lambda: [None, None])
    edges: list[ReuseEdge] = Field(default_factory=list)
    origin: list[str] = Field(default_factory=list)
    origin_confidence: float = 0.0
    origin_reasons: list[str] = Field(default_factory=list)
    originality: dict[str, float] = Field(default_factory=dict)
    claims: list[Claim] = Field(default_factory=list)
    quotes: list[QuoteGroup] = Field(default_factory=list)
    brief: list[BriefSentence] = Field(default_factory=list)
    # Working data shared between stages, not serialised: the align stage puts its
    # storytrace.align StoryAlignment here; provenance, facts and brief read it.
    _alignment: Any = PrivateAttr(default=None)


class Result(_Model):
    schema_version: str = SCHEMA_VERSION
    articles: list[Article] = Field(default_factory=list)
    skipped: list[Skipped] = Field(default_factory=list)
    duplicates: list[DuplicateGroup] = Field(default_factory=list)
    stories: list[Story] = Field(default_factory=list)
    stats: dict[str, float | int | str] = Field(default_factory=dict)

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)


# The pipeline's working model is the result itself: stages read and write it.
Corpus = Result


def json_schema() -> dict:
    """The JSON Schema of :class:`Result` (what ``storytrace schema`` prints)."""
    schema = Result.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://storytrace.dev/schema/result-{SCHEMA_VERSION}.json"
    schema["title"] = "storytrace result"
    return schema
