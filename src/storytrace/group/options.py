"""The group stage's options: how near duplicates and stories are found, and the story index."""

from __future__ import annotations

from dataclasses import fields
from typing import get_type_hints

from pydantic import Field, create_model

from storytrace.group.neardup import NearDupOptions
from storytrace.group.stories import BACKEND_DEFAULTS, MODEL_LANGUAGE, StoryParams
from storytrace.group.story_index import FULL_SEARCH_BELOW
from storytrace.options import Options


def _story_overrides() -> type[Options]:
    """``StoryParams`` (group/stories.py says what each does and what data chose it) as options:
    each unset by default, which keeps the calibration of the embedding backend the stage picks."""
    hints = get_type_hints(StoryParams)
    spec = {}
    for f in fields(StoryParams):
        per_backend = ", ".join(f"{b} {d[f.name]}" for b, d in BACKEND_DEFAULTS.items() if f.name in d)
        says = f"unset: {f.default}" + (f" ({per_backend})" if per_backend else "")
        spec[f.name] = (hints[f.name] | None, Field(None, description=says))
    return create_model("StoryOptions", __base__=Options, __doc__=_story_overrides.__doc__, **spec)


StoryOptions = _story_overrides()


class RejoinOptions(Options):
    """Stories across languages on the fast path (``group/languages.py``)."""

    enabled: bool = True
    """After grouping on a model that reads English only (static, hash), re-read the stories holding
    non-English text with e5 and join those e5 groups with their other-language stories."""
    language: str = MODEL_LANGUAGE
    """The language the fast path's model reads; stories holding another language are re-read (the
    pair score's own rule for such models reads ``stories.MODEL_LANGUAGE``, this default)."""
    candidates: int = Field(3, ge=0)
    """Other stories re-read with each such story: those sharing the most of its rare names (a
    translation keeps its names and numbers)."""
    near_reps: int = Field(3_000, ge=0)
    """After that, on the English model, the pairs of stories sharing the rarest names are re-read
    with e5 (both stories' representatives, strongest pairs first, until this many representatives
    not read by an earlier step have been encoded) and the stories e5 groups together are joined:
    the English static model parts reports of one event that e5 keeps together. 0: off. 3,000 and
    ``near_max_stories`` 12 were chosen on the haystack's ECB+ tuning topics 1-35 (one run, with the
    stream guard at 0.25: 0.907 at 1,000 and 6, 0.921 here; held-out topics 36-45 0.956 ->
    0.960); 2,000 and 4,000 read 0.918 there. Its price: about 20 s more e5 on generated 300,000;
    at 10^4 (3,000 is 30 % of the corpus) ~25 s and generated F1 0.990 -> 0.985."""
    split_reps: int = Field(1_000, ge=0)
    """First of the e5 steps: the stories whose members hang together least on the fast path are
    re-read with e5 (at most this many representatives) and split where e5 parts them. 0: off."""
    language_neutral: bool = True
    """The e5 reading takes each language's offset out of e5's vectors (``embed.language_neutral``):
    a Hindi report otherwise sits nearer Hindi reports of other events than its own translation
    (haystack MultiLing 0.919 -> 0.942). The batch e5 path leaves them in (there, MultiLing through
    a user's pipeline: 0.971 with them in, 0.941 with them out)."""
    max_gap_days: float = Field(365.0, ge=0)
    """In the e5 reading, two dated groups whose dates lie further apart than this never join as a
    subject (``StoryParams.max_gap_days``; 0: off): in the step across languages any two, in the
    other steps only where a side holds a report in another language than ``language`` (a
    translation often has no date of its own, so the time factor cannot judge the pairs it joins)."""
    near_max_stories: int = Field(12, ge=2)
    """A name links stories for that step only when at most this many stories hold it (6 left
    reports of an event apart whose shared names a few other stories also hold; 24 read no better
    and cost more pairs)."""
    max_reps: int = Field(2_000, ge=0)
    """At most this many representatives are encoded with e5 (~35 leads/s on 2 cores): the
    non-English ones (when they alone are more, the stories are left as grouped and the log says
    so), then the other stories sharing the most names while the budget lasts."""


class GroupOptions(Options):
    """Near duplicates, then stories (batch average linkage, or an online index for large corpora)."""

    state: str | None = None
    """Story index directory: stories are added to it and grouped online, their ids kept across
    runs (`--state`). One run at a time."""
    e5_max_reps: int = Field(5_000, ge=0)
    """With `embeddings = "auto"`, stories are grouped on e5 vectors up to this many representatives
    and on the static model above it. e5 embeds ~35 leads/s on 2 cores with bfloat16 (about 2.5
    minutes for 5,000), about half that in float32; its stories are much better than the static
    model's (a haystack of 4,687: ECB+ 0.931 against 0.887, see docs/EVALUATION.md)."""
    regroup_max: int = Field(5_000, ge=0)
    """With `state`: while the index holds at most this many representatives (with this run's),
    each run groups all of them again as one run over them would (on e5 up to `e5_max_reps`), so
    runs fed in any order end with the stories one run gives; past it the index only grows (0: it
    always only grows). The index then keeps every member's head and lead vector."""
    batch_max: int = Field(8_000, ge=1)
    """Above this many representatives no n x n pair matrix is built (~1.4 GB at 6,000): stories
    grow like a stream, `stream_chunk` articles at a time."""
    stream_chunk: int = Field(1_000, ge=1)
    """Articles the online index places at a time (its own average linkage runs within a chunk)."""
    full_search_below: int = Field(FULL_SEARCH_BELOW, ge=0)
    """The online index scores a new cluster against every story below this many stories, and
    against the stories sharing its rare anchors above it (a full search of 10^5 stories per
    cluster would make a batch cost what re-clustering does; at 10,000 to 45,000 stories it
    already costs three times what postings do, for the same stories)."""
    feature_block: int = Field(5_000, ge=1)
    """Representatives whose lead vectors and anchors are computed at a time (10^6 leads at once
    would hold ~1 GB of text)."""
    fork_features: bool = True
    """On the streaming path, compute features ahead in a forked worker when the model forks safely
    (static, hash): generated 10^6 articles, the features' ~190 s hid behind the index."""
    neardup: NearDupOptions = Field(default_factory=NearDupOptions)
    """Near duplicates among the articles (`group/neardup.py`)."""
    rejoin: RejoinOptions = Field(default_factory=RejoinOptions)
    """Stories across languages when grouped on an English-only model (`group/languages.py`)."""
    story: StoryOptions = Field(default_factory=StoryOptions)  # type: ignore[valid-type]
    """How pairs are scored and stories cut (`StoryParams`): a value set here replaces the backend's."""

    def story_params(self, backend: str) -> StoryParams:
        """The backend's calibration with the values set here."""
        return StoryParams.for_backend(backend, **self.story.model_dump(exclude_none=True))
