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

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, overload

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

if TYPE_CHECKING:
    from storytrace.align.story import StoryAlignment
    from storytrace.text.lines import Profile

SCHEMA_VERSION = "1.3.0"  # 1.2: the run's configuration and storytrace version; 1.3: moved

EdgeKind = Literal[
    "duplicate", "copy", "condensed", "paraphrase", "translation", "shared-source", "independent"
]
ClaimStatus = Literal["consensus", "partial", "unique", "conflicting"]
Fidelity = Literal["exact", "trimmed", "altered", "translated", "paraphrased", "misattributed"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Sentence:
    """A sentence of ``Article.text``: ``text == article.text[start:end]``."""

    # Not a pydantic model: a corpus holds tens of sentences per article. A sentence made with
    # :meth:`of` keeps a reference to its article's text and slices it on demand instead of holding
    # a copy (half the memory of a segmented corpus); pydantic validates, serialises and describes
    # it like the model it replaces (see ``__get_pydantic_core_schema__``).
    __slots__ = ("start", "end", "_source", "_own")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start, self.end, self._source, self._own = start, end, text, True

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Sentence:
        """The sentence ``text[start:end]`` of an article's ``text``, without copying it."""
        sentence = cls.__new__(cls)
        sentence.start, sentence.end, sentence._source, sentence._own = start, end, text, False
        return sentence

    @property
    def text(self) -> str:
        return self._source if self._own else self._source[self.start : self.end]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sentence):
            return NotImplemented
        return (self.start, self.end, self.text) == (other.start, other.end, other.text)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    def __repr__(self) -> str:
        return f"Sentence(start={self.start}, end={self.end}, text={self.text!r})"

    def __reduce__(self):  # pickles as an own-text sentence (workers, caches)
        return (Sentence, (self.start, self.end, self.text))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema as cs

        fields = cs.typed_dict_schema(
            {name: cs.typed_dict_field(cs.int_schema() if name != "text" else cs.str_schema())
             for name in ("start", "end", "text")},
            extra_behavior="forbid",
        )
        from_dict = cs.no_info_after_validator_function(lambda d: cls(d["start"], d["end"], d["text"]), fields)
        return cs.json_or_python_schema(
            json_schema=from_dict,
            python_schema=cs.union_schema([cs.is_instance_schema(cls), from_dict]),
            serialization=cs.plain_serializer_function_ser_schema(
                lambda s: {"start": s.start, "end": s.end, "text": s.text}),
            ref="storytrace.model.Sentence",
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict:
        return {
            "description": "A sentence of ``Article.text``: ``text == article.text[start:end]``.",
            "properties": {"start": {"title": "Start", "type": "integer"},
                           "end": {"title": "End", "type": "integer"},
                           "text": {"title": "Text", "type": "string"}},
            "required": ["start", "end", "text"],
            "title": "Sentence",
            "type": "object",
            "additionalProperties": False,
        }


class Sentences(Sequence[Sentence]):
    """An article's sentences as one flat offset array over its text (``start, end, start, ...``):
    16 bytes a sentence instead of ~130 for a :class:`Sentence` and its two ints. Items are made on
    access (``Sentence.of``); it compares equal to a list of the same sentences and serialises
    like one. The text stage stores this; a plain list of sentences is accepted anywhere."""

    __slots__ = ("_text", "_bounds")

    def __init__(self, text: str = "", bounds: array | None = None) -> None:
        self._text, self._bounds = text, bounds if bounds is not None else array("l")

    def __len__(self) -> int:
        return len(self._bounds) // 2

    @overload
    def __getitem__(self, k: int) -> Sentence: ...
    @overload
    def __getitem__(self, k: slice) -> list[Sentence]: ...
    def __getitem__(self, k: int | slice) -> Sentence | list[Sentence]:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        n = len(self)
        if k < 0:
            k += n
        if not 0 <= k < n:
            raise IndexError("sentence index out of range")
        return Sentence.of(self._text, self._bounds[2 * k], self._bounds[2 * k + 1])

    def __iter__(self) -> Iterator[Sentence]:
        b, text = self._bounds, self._text
        return (Sentence.of(text, b[i], b[i + 1]) for i in range(0, len(b) - 1, 2))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable-looking, like the list it stands for

    def __repr__(self) -> str:
        return f"Sentences({list(self)!r})"

    def __reduce__(self):
        return (Sentences, (self._text, self._bounds))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema as cs

        items = cs.list_schema(handler.generate_schema(Sentence))
        return cs.json_or_python_schema(
            json_schema=items,
            python_schema=cs.union_schema([cs.is_instance_schema(cls), items]),
            serialization=cs.plain_serializer_function_ser_schema(list, return_schema=items),
        )


@dataclass(slots=True)
class Removed:  # a slotted dataclass like Sentence: several per article
    """A piece of the input that cleaning took out of ``text``, and why."""

    __pydantic_config__ = ConfigDict(extra="forbid")

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
    date_in_text: str | None = Field(
        None, description="a date read from the dateline or headline (YYYY-MM-DD) when published_at is absent")
    language: str | None = Field(None, description="ISO 639-1 code")
    text: str = ""
    sentences: Sentences = Field(default_factory=Sentences)
    removed: list[Removed] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    content_hash: str = Field("", description="hash of the normalised text, for deduplication")
    input: str = Field("", description="the file (and record) this article came from")
    # a tuple: the empty default is shared, not a list per article
    notes: tuple[str, ...] = Field((), description="what was left out of the input, and why")
    # Raw text before cleaning; kept out of the JSON (it can be large) but used by the clean stage.
    _raw: str = PrivateAttr(default="")
    _html: bool = PrivateAttr(default=False)
    # Set where the record was parsed (in an ingest worker for large files) so the parent does not
    # redo it: the exact-duplicate key of the raw text and its line profile, which the clean
    # stage reads once and drops.
    _key: bytes = PrivateAttr(default=b"")
    _profile: Profile | None = PrivateAttr(default=None)


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
    speaker: str | None = Field(description="who speaks, as a name where the article gives one")
    mention: str | None = Field(None, description="the source as written: a name, a role or a pronoun")
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


class Backing(_Model):
    """Where a cited article holds what a brief sentence says: ``article.text[start:end]``."""

    article: str
    start: int
    end: int
    via: str = Field(description="shown (the sentence itself) | aligned (an aligned passage) | quote | value | edge")


class BriefSentence(_Model):
    text: str
    citations: list[str]
    section: str = "what happened"
    backing: list[Backing] = Field(
        default_factory=list, description="per cited article, the span of it aligned to this sentence")


class Story(_Model):
    id: str
    articles: list[str]
    duplicates: list[DuplicateGroup] = Field(default_factory=list)
    label: str = ""
    keywords: list[str] = Field(default_factory=list)
    time_span: list[str | None] = Field(default_factory=lambda: [None, None])
    time_span_guessed: bool = Field(
        False, description="the span rests on dates read from the articles' text (datelines), not on publication times")
    edges: list[ReuseEdge] = Field(default_factory=list)
    origin: list[str] = Field(default_factory=list)
    origin_confidence: float = 0.0
    origin_reasons: list[str] = Field(default_factory=list)
    originality: dict[str, float] = Field(default_factory=dict)
    claims: list[Claim] = Field(default_factory=list)
    quotes: list[QuoteGroup] = Field(default_factory=list)
    brief: list[BriefSentence] = Field(default_factory=list)
    # Working data shared between stages, not serialised: the align stage owns it (the only writer,
    # through ``set_alignment``); provenance, facts and brief read it through ``alignment``.
    _alignment: StoryAlignment | None = PrivateAttr(default=None)

    @property
    def alignment(self) -> StoryAlignment:
        """The align stage's passage and sentence alignment of this story's members."""
        if self._alignment is None:
            # the pipeline's contract check makes this unreachable in a run; a caller running a
            # later stage's function alone must run align first
            raise LookupError(f"story {self.id} has no alignment: run the align stage first")
        return self._alignment

    def set_alignment(self, alignment: StoryAlignment) -> None:
        """Only the align stage calls this (the owner of ``alignment``)."""
        self._alignment = alignment


class Result(_Model):
    schema_version: str = SCHEMA_VERSION
    storytrace_version: str = Field("", description="the storytrace release that produced this result")
    config: dict[str, Any] = Field(
        default_factory=dict, description="the run's effective configuration (as `storytrace config` prints it)")
    articles: list[Article] = Field(default_factory=list)
    skipped: list[Skipped] = Field(default_factory=list)
    duplicates: list[DuplicateGroup] = Field(default_factory=list)
    stories: list[Story] = Field(default_factory=list)
    moved: dict[str, str] = Field(
        default_factory=dict,
        description="with --state: articles of earlier runs that this run's grouping placed in another story "
                    "(article id -> the story it is in now; a store moves them)")
    stats: dict[str, float | int | str] = Field(default_factory=dict)
    # The contract's names (storytrace.contract.STATE) the stages run on this corpus filled: what
    # the data cannot show (an empty claim list is a result) is known from here.
    _filled: set[str] = PrivateAttr(default_factory=set)

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
