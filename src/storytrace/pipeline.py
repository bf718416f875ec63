"""The pipeline: named components over one :class:`~storytrace.model.Corpus`.

Like spaCy's ``nlp.pipeline``: each component is ``fn(corpus, config) -> corpus`` and may be run,
replaced or tested alone. Each is registered with its options and contract in its package
(``storytrace.<stage>.STAGE``, listed in :mod:`storytrace.contract`); the stage list of a run is
checked against the contract before anything runs, and heavy dependencies load only when a stage
runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from os import PathLike

from storytrace import contract
from storytrace.config import EMBEDDINGS, Config
from storytrace.model import Article, Corpus, Result, Story

Component = Callable[[Corpus, Config], Corpus]

COMPONENTS: dict[str, str] = {name: f"storytrace.{name}:run" for name in contract.STAGE_NAMES}
DEFAULT_PIPELINE = list(contract.STAGE_NAMES)
# The stages that analyse a story once its members are known (run again when a stored story grows).
STORY_STAGES = ("align", "provenance", "facts", "brief")
__all__ = [
    "COMPONENTS",
    "DEFAULT_PIPELINE",
    "EMBEDDINGS",
    "STORY_STAGES",
    "analyze",
    "analyze_story",
    "run_pipeline",
]


def check_options(config: Config, stages: Iterable[str]) -> list[str]:
    """The stage names, checked with the run's other options before any input is read (a typo
    should not cost a whole run): known names, and each stage's requirements met by ingest and
    the stages before it. Raises ``ValueError`` naming what is wrong."""
    names = list(stages)
    if not names:
        raise ValueError(f"no stage given; known: {', '.join(COMPONENTS)}")
    for name in names:
        contract.stage(name)  # raises on an unknown name
    contract.check(names, contract.INGESTED)  # (the other options were validated with the Config)
    return names


def story_reanalysis(config: Config, stages: Iterable[str] = DEFAULT_PIPELINE) -> Callable[[Corpus], Corpus]:
    """What the store runs on a stored story that grew (``Store.save``): this run's story stages."""
    later = [s for s in stages if s in STORY_STAGES]
    return lambda corpus: run_pipeline(corpus, config, later)


def get_component(name: str) -> Component:
    return contract.stage(name).load("run")


def ingest(inputs: Iterable[str | PathLike], config: Config, on_skip: Callable | None = None) -> Corpus:
    """Read every input into a fresh corpus; exact duplicates collapse here (recorded, not lost)."""
    from storytrace.ingest import read_inputs
    from storytrace.progress import track

    return collect(track(read_inputs(inputs, config.ingest), "Reading", config), on_skip)


def collect(items: Iterable, on_skip: Callable | None = None) -> Corpus:
    """Articles and skip records into a corpus: unique ids, exact duplicates collapsed."""
    from storytrace.ingest.dedup import ExactDeduper
    from storytrace.model import Skipped

    corpus = Result()
    dedup = ExactDeduper()
    ids: set[str] = set()
    for item in items:
        if isinstance(item, Skipped):
            corpus.skipped.append(item)
            if on_skip is not None:
                on_skip(item)
            continue
        if item.id in ids:  # two inputs claim one id: keep both, the later one renamed
            n = 2
            while f"{item.id}~{n}" in ids:
                n += 1
            item.id = f"{item.id}~{n}"
        ids.add(item.id)
        if dedup.add(item):
            corpus.articles.append(item)
    corpus.duplicates.extend(dedup.groups())
    return corpus


def get_article_step(name: str) -> Callable | None:
    """The stage's ``article_step(corpus, config) -> ArticleStep`` when it works article by article."""
    st = contract.stages().get(name)
    return st.load("article_step") if st is not None and st.article_step else None


def run_pipeline(corpus: Corpus, config: Config, stages: Iterable[str] = DEFAULT_PIPELINE) -> Corpus:
    """Run ``stages`` in order, after checking the stage contract against what ``corpus`` holds
    (``ValueError`` naming the missing stage otherwise). Consecutive article-by-article stages
    (``clean``, ``text``) run as one pass over the articles (one trip to the worker processes);
    each stage's preparation sees the corpus as it was before that pass, which is all such stages
    need. The result records the effective configuration and the storytrace version."""
    from storytrace import __version__
    from storytrace.embed_cache import run_cache

    names = list(stages)
    # a corpus without articles holds nothing to check; it is what ingest gives an empty input
    contract.check(names, contract.present(corpus) | (set() if corpus.articles else contract.INGESTED))
    with run_cache() as cache:  # every stage's embeddings: one text, one encoding per run
        corpus = _run_stages(corpus, config, names)
        if cache.misses:
            corpus.stats["embedded_texts"] = cache.misses
            corpus.stats["embedding_cache_hits"] = cache.hits
    corpus.config = config.effective()
    corpus.storytrace_version = __version__
    return corpus


def analyze_story(
    articles: Sequence[Article],
    config: Config | None = None,
    story: Story | None = None,
    stages: Iterable[str] = STORY_STAGES,
) -> Story:
    """Analyse one story alone: ``articles`` are its members after the article stages (``clean``,
    ``text``; as a full run or a store holds them), ``story`` the group stage's record of it (a new
    one over all ``articles`` when not given). Runs the story stages and returns the story; its
    analysis is the one it gets inside a whole run (tests/test_contract.py holds it so), which lets
    a store re-analyse a grown story, or workers analyse stories in parallel."""
    config = config or Config()
    if story is None:
        from storytrace.group.stage import member_order, story_id_of

        story = Story(
            id=story_id_of(list(articles)), articles=[a.id for a in sorted(articles, key=member_order)]
        )
    corpus = Result(articles=list(articles), stories=[story])
    return run_pipeline(corpus, config, stages).stories[0]


def _run_stages(corpus: Corpus, config: Config, names: list[str]) -> Corpus:
    from storytrace.articlepool import run_steps

    timings: dict[str, float] = {}
    i = 0
    while i < len(names):
        t0 = time.perf_counter()
        fused = []
        while i + len(fused) < len(names) and (step := get_article_step(names[i + len(fused)])) is not None:
            fused.append((names[i + len(fused)], step))
        if len(fused) >= 2:
            run_steps(corpus.articles, [make(corpus, config) for _, make in fused], config)
            key = "+".join(name for name, _ in fused)
            i += len(fused)
        else:
            key = names[i]
            corpus = get_component(key)(corpus, config)
            i += 1
        for name in key.split("+"):
            corpus._filled.update(contract.stage(name).assigns)
        timings[key] = time.perf_counter() - t0
    for name, secs in timings.items():
        corpus.stats[f"seconds_{name}"] = round(secs, 3)
    return corpus


def analyze(
    inputs: Iterable[str | PathLike] | str | PathLike,
    config: Config | None = None,
    stages: Iterable[str] = DEFAULT_PIPELINE,
    on_skip: Callable | None = None,
) -> Result:
    """Ingest ``inputs`` (paths, directories or ``"-"``) and run the pipeline on them.

    >>> result = analyze(["examples/story"])            # doctest: +SKIP
    >>> [len(s.articles) for s in result.stories]       # doctest: +SKIP
    """
    if isinstance(inputs, str | PathLike):
        inputs = [inputs]
    config = config or Config()
    stages = check_options(config, stages)
    state = config.options("group").state
    with state_lock_of(state):  # two runs on one story index would each drop the other's stories
        t0 = time.perf_counter()
        corpus = ingest(inputs, config, on_skip=on_skip)
        corpus.stats["seconds_ingest"] = round(time.perf_counter() - t0, 3)
        corpus = run_pipeline(corpus, config, stages)
    corpus.stats["articles"] = len(corpus.articles)
    corpus.stats["skipped"] = len(corpus.skipped)
    corpus.stats["stories"] = len(corpus.stories)
    return corpus


def state_lock_of(state: str | None):
    """The lock of the story index directory `state` (one run at a time), or none without one."""
    from contextlib import nullcontext

    from storytrace.store.lock import state_lock

    return state_lock(state) if state else nullcontext()
