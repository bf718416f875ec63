"""The stage contract, executable: what each stage needs and what it fills (spaCy's ``requires``,
``assigns`` and ``analyze_pipes``).

Each stage package (``storytrace/<name>/__init__.py``) declares a :class:`Stage`: its options class,
the working state it ``requires`` and the state it ``assigns``, named from :data:`STATE`. The
pipeline checks a run's stage list against them before anything runs, so a stage never meets a
corpus without what it reads (and no stage recomputes another's work behind its back).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storytrace.model import Corpus
    from storytrace.options import Options

# Registered stages in pipeline order: each is the package ``storytrace.<name>`` exporting STAGE.
STAGE_NAMES = ("clean", "text", "group", "align", "provenance", "facts", "brief")


def _articles(test: Callable) -> Callable[[Corpus], bool]:
    return lambda c: any(test(a) for a in c.articles)


def _stories(test: Callable) -> Callable[[Corpus], bool]:
    return lambda c: bool(c.stories) and all(test(s) for s in c.stories)


@dataclass(frozen=True)
class State:
    """A piece of working state a stage reads or fills."""

    says: str  # what a user reads in the error ("provenance requires <says>: add align")
    # Whether a corpus already holds it (a corpus built by hand or read back from a store); None
    # when the data cannot tell (then only a stage of the same run provides it).
    present: Callable[[Corpus], bool] | None = None


STATE: dict[str, State] = {
    # what ingest gives every article (raw text before cleaning; a hand-made article's text)
    "article.raw": State("the articles' input text", _articles(lambda a: bool(a._raw or a.text))),
    "article.text": State("cleaned article text", _articles(lambda a: bool(a.text))),
    "article.removed": State("the page furniture taken out of the text"),
    "article.attributions": State("credit lines"),
    "article.sentences": State("article sentences", _articles(lambda a: len(a.sentences) > 0)),
    "article.language": State("article languages", _articles(lambda a: a.language is not None)),
    "article.content_hash": State("content hashes", _articles(lambda a: bool(a.content_hash))),
    "article.date_in_text": State("dates read from the text"),
    "corpus.duplicates": State("duplicate groups"),
    "corpus.stories": State("stories", lambda c: bool(c.stories)),
    "corpus.moved": State("earlier runs' articles placed in another story"),
    "story.alignment": State("story alignment", _stories(lambda s: s._alignment is not None)),
    "story.provenance": State("reuse edges and origins", _stories(lambda s: bool(s.origin))),
    "story.facts": State("quotes and claims"),
    "story.brief": State("briefs", _stories(lambda s: bool(s.brief))),
}
# What ingest (``pipeline.ingest``/``collect``) gives a corpus before any stage runs.
INGESTED = frozenset({"article.raw"})


@dataclass(frozen=True)
class Stage:
    """A registered pipeline component: ``run(corpus, config) -> corpus`` and its contract."""

    name: str
    options: type[Options]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    # the stage's ``run`` and, for article-by-article stages, ``article_step``, as "module:attr"
    # (imported when the stage runs, so the registry stays light)
    run: str
    article_step: str | None = None

    def __post_init__(self) -> None:
        unknown = [s for s in (*self.requires, *self.assigns) if s not in STATE]
        if unknown:
            raise ValueError(f"stage {self.name}: unknown state {unknown}; known: {', '.join(STATE)}")

    def load(self, attr: str = "run") -> Callable:
        target = getattr(self, attr)
        module, _, name = target.partition(":")
        return getattr(importlib.import_module(module), name)


def stages() -> dict[str, Stage]:
    """Every registered stage by name, in pipeline order."""
    return {name: stage(name) for name in STAGE_NAMES}


@cache
def stage(name: str) -> Stage:
    """The registered stage ``name`` (only its package's registration is imported)."""
    if name not in STAGE_NAMES:
        raise ValueError(f"unknown stage {name!r}; known: {', '.join(STAGE_NAMES)}")
    return importlib.import_module(f"storytrace.{name}").STAGE


def providers(state: str) -> list[str]:
    return [s.name for s in stages().values() if state in s.assigns]


def present(corpus: Corpus) -> set[str]:
    """The state ``corpus`` already holds: what stages run on it filled, and what its data shows."""
    shown = {name for name, s in STATE.items() if s.present is not None and s.present(corpus)}
    return shown | corpus._filled


def check(names: Iterable[str], given: Iterable[str] = INGESTED) -> None:
    """Raise ``ValueError`` with one line per unmet requirement of running ``names`` in order on a
    corpus holding ``given`` ("provenance requires story alignment: add align")."""
    have = set(given)
    problems: list[str] = []
    order = list(names)
    for k, name in enumerate(order):
        st = stage(name)
        for need in st.requires:
            if need in have:
                continue
            by = providers(need)
            later = [p for p in by if p in order[k + 1 :]]
            fix = (
                f"run {later[0]} before {name}"
                if later
                else f"add {' or '.join(by)}"
                if by
                else "it must be in the input"
            )
            problems.append(f"{name} requires {STATE[need].says}: {fix}")
        have.update(st.assigns)
    if problems:
        raise ValueError("; ".join(dict.fromkeys(problems)))


def describe() -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """``(stage, requires, assigns)`` of every registered stage (``storytrace stages``)."""
    return [(s.name, s.requires, s.assigns) for s in stages().values()]


def lazy_exports(package: str, exports: dict[str, str]) -> Callable[[str], object]:
    """A package ``__getattr__`` (PEP 562) importing ``name`` from ``exports[name]`` on first use, so
    reading a stage's registration (options, contract) does not import its implementation."""
    import sys

    def __getattr__(name: str) -> object:
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(exports[name]), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
