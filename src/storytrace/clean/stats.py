"""Corpus statistics of lines: which short lines recur across *unrelated* articles.

Guarantee: :meth:`LineStats.from_articles` makes one linear pass over the articles (a hash per
normalised line, counted with numpy) plus a bounded look at each repeated line (at most
``RepeatOptions.sample`` articles each). A line is furniture only when it recurs in articles that
are otherwise
unrelated -- articles sharing a good part of their lines or of their content words (copies or
rewrites of one story) count as one group, so a body sentence copied by several outlets is never
furniture. The result holds normalised strings, not process-dependent hashes, so it can be sent to
worker processes.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storytrace.clean.options import RepeatOptions
from storytrace.config import options_of
from storytrace.model import Article
from storytrace.text import normal_form
from storytrace.text.lines import Profile, is_sentence, line_profile

if TYPE_CHECKING:
    import numpy as np

    from storytrace.config import Config


def article_lines(article: Article) -> list[str]:
    """The stripped, non-empty lines of an article's raw text (the unit of cleaning)."""
    return text_lines(article._raw or article.text)


def text_lines(text: str) -> list[str]:
    return [s for s in (line.strip() for line in text.split("\n")) if s]


def line_key(line: str) -> str:
    """The normal form of a line (:func:`storytrace.text.normal_form`); ASCII lines take a fast
    path with the same result, as folding changes only non-ASCII quotes, dashes and spaces."""
    if line.isascii():
        return " ".join(line.lower().split())
    return normal_form(line)


@dataclass
class LineStats:
    """Normalised lines judged furniture by their recurrence (``line_key -> reason``)."""

    furniture: dict[str, str] = field(default_factory=dict)
    articles: int = 0
    _max_chars: int = field(default=-1, repr=False, compare=False)

    @property
    def max_line_chars(self) -> int:
        """Raw lines longer than this cannot be furniture (a normal form is never longer than its
        line; the margin covers whitespace collapsed inside it), so they skip the lookup."""
        if self._max_chars < 0:
            self._max_chars = 2 * max(map(len, self.furniture), default=0) + 8
        return self._max_chars

    def reason(self, key: str) -> str | None:
        return self.furniture.get(key)

    @classmethod
    def from_articles(
        cls, articles: Sequence[Article] | Iterable[Article], config: Config | None = None
    ) -> LineStats:
        """The furniture among the articles' repeated lines (``config``: the clean stage's
        ``repeats`` options and the workers)."""
        opts: RepeatOptions = options_of(config, "clean").repeats
        articles = list(articles)
        import numpy as np

        from storytrace.articlepool import ArticleStep, run_steps

        # per article: each line's hash (0 for a paragraph) and its content words; the ingest
        # workers profile the records of large files, the rest is profiled here (in workers when large)
        by_article: dict[int, Profile] = {}
        run_steps(
            [a for a in articles if a._profile is None],
            [ArticleStep("counting lines", _line_profile, lambda a, p: by_article.__setitem__(id(a), p))],
            config,
        )
        profiles = [a._profile if a._profile is not None else by_article.pop(id(a)) for a in articles]
        for a in articles:
            a._profile = None  # used once: the corpus should not carry it through the pipeline
        line_hashes = [p[0] for p in profiles]
        hashes = array("q")
        owners = array("l")
        n_lines = array("l", map(len, line_hashes))
        for i, per_line in enumerate(line_hashes):
            seen = set(per_line)
            seen.discard(0)
            hashes.extend(seen)
            owners.extend([i] * len(seen))
        stats = cls(articles=len(articles))
        if not hashes:
            return stats
        h = np.frombuffer(hashes, dtype=np.int64)
        o = np.frombuffer(owners, dtype=np.dtype("l"))
        _, inverse, counts = np.unique(h, return_inverse=True, return_counts=True)
        repeated_mask = counts[inverse] >= 2
        if not repeated_mask.any():
            return stats
        rep_h, rep_o = h[repeated_mask], o[repeated_mask]  # owners ascending
        source_of = [a.source for a in articles]
        source_size = Counter(source_of)
        # the repeated lines grouped by hash (owners still ascending in each group, stable sort)
        by_hash = np.argsort(rep_h, kind="stable")
        grouped_h, grouped_o = rep_h[by_hash], rep_o[by_hash]
        starts = np.flatnonzero(np.r_[True, grouped_h[1:] != grouped_h[:-1]])
        ends = np.r_[starts[1:], len(grouped_h)]
        owner_bounds = np.searchsorted(rep_o, np.arange(len(articles) + 1)).tolist()
        owner_h = rep_h[np.lexsort((rep_h, rep_o))]  # each article's repeated line hashes, sorted

        # (sorted arrays, not Python sets: a set per article would hold ~10 KB each at the peak)
        def shared(a: int) -> np.ndarray:
            return owner_h[owner_bounds[a] : owner_bounds[a + 1]]

        def vocab(a: int) -> np.ndarray:
            return profiles[a][2]

        related_cache: dict[tuple[int, int], bool] = {}

        def related(a: int, b: int) -> bool:
            # one story's copies share many lines: each pair is judged once, not once per line
            key = (a, b) if a < b else (b, a)
            if key not in related_cache:
                related_cache[key] = judge_related(a, b)
            return related_cache[key]

        def judge_related(a: int, b: int) -> bool:
            common = _overlap(shared(a), shared(b)) - 1  # the line under judgement does not count
            smaller = min(n_lines[a], n_lines[b]) - 1
            if smaller > 0 and common / smaller >= opts.related_overlap:
                return True
            va, vb = vocab(a), vocab(b)
            if not len(va) or not len(vb):
                return False
            common_words = _overlap(va, vb)
            return common_words / (len(va) + len(vb) - common_words) >= opts.related_vocab

        def groups(members: list[int]) -> int:
            reps: list[int] = []
            for m in members:
                if not any(related(m, r) for r in reps):
                    reps.append(m)
            return len(reps)

        # hash -> (a carrier, source groups, share of that source's articles, corpus groups)
        verdicts: dict[int, tuple[int, int, float, int]] = {}
        for hv, start, end in zip(grouped_h[starts].tolist(), starts.tolist(), ends.tolist(), strict=True):
            members = grouped_o[start : min(end, start + opts.sample)].tolist()  # the first carriers
            # the verdict reads the line in its first carrier; a sentence needs no corpus groups
            sentence = profiles[members[0]][1][line_hashes[members[0]].index(hv)]
            by_source: dict[str, list[int]] = defaultdict(list)
            for m in members:
                if source_of[m]:
                    by_source[source_of[m]].append(m)
            source_groups, share = 1, 0.0
            # fewer carriers than the groups a verdict needs cannot decide it (nor beat a source that does)
            least = opts.source_groups_sentence if sentence else opts.source_groups_label
            for src, ms in by_source.items():
                if len(ms) >= least and (g := groups(ms)) > source_groups:
                    in_source = sum(source_of[m] == src for m in grouped_o[start:end].tolist())
                    source_groups, share = g, in_source / source_size[src]
            if sentence and source_groups < opts.source_groups_sentence:
                continue  # never furniture, whatever the corpus groups
            corpus_groups = 1
            if (
                not sentence
                and source_groups < opts.source_groups_label
                and len(members) >= opts.corpus_groups_label
            ):
                corpus_groups = groups(members)
            if source_groups > 1 or corpus_groups > 1:
                verdicts[hv] = (members[0], source_groups, share, corpus_groups)
        for hv, (first, source_groups, share, corpus_groups) in verdicts.items():
            for line, line_hash in zip(article_lines(articles[first]), line_hashes[first], strict=True):
                if line_hash != hv:
                    continue
                key = line_key(line)
                if is_sentence(line):
                    furniture = (
                        source_groups >= opts.source_groups_sentence and share >= opts.source_share_sentence
                    )
                else:
                    furniture = (
                        source_groups >= opts.source_groups_label or corpus_groups >= opts.corpus_groups_label
                    )
                if furniture:
                    stats.furniture[key] = "repeated-line"
                break
        return stats


def _overlap(x: np.ndarray, y: np.ndarray) -> int:
    """How many values two sorted arrays of distinct values share (a binary search per value of
    the shorter one: no concatenation and sort as in ``np.intersect1d``)."""
    if len(x) > len(y):
        x, y = y, x
    if not len(x):
        return 0
    pos = y.searchsorted(x)
    pos[pos == len(y)] = 0
    return int((y[pos] == x).sum())


def _line_profile(article: Article) -> Profile:
    return line_profile(article._raw or article.text)
