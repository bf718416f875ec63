"""Cleaning one article: a pure function of the article and the corpus line statistics.

Guarantee: :func:`clean_article` rewrites only ``text``, ``removed``, ``attributions`` and (for plain
text without a title) ``title``/``author``; every line of the raw text ends up either in ``text`` or
in ``removed`` with a reason (credit lines also in ``attributions``). It reads nothing but the article
and ``stats``, so it can run in a worker process.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from storytrace.clean import patterns as P
from storytrace.clean.attribution import parse_attribution
from storytrace.clean.linemodel import furniture_reason
from storytrace.clean.lines import capital_share, classify_line
from storytrace.clean.options import CleanOptions, PageOptions, TeaserOptions
from storytrace.clean.signals import (
    _QUOTED,
    CTA_CAP,
    FEATURES,
    Page,
    is_list_item,
    is_related_heading,
    is_table_row,
    line_blocks,
    line_features,
    page_context,
)
from storytrace.clean.stats import LineStats, article_lines, line_key
from storytrace.model import Article, Removed

_FULL_STOP = re.compile(r"[.。]['\"”’)]?$")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\W{0,2}$")


def looks_like_body(line: str, set_apart: bool = False, opts: PageOptions | None = None) -> bool:
    """A first line that is clearly body text: a full sentence, a dateline opening, or long.

    A full stop does not make a body sentence of a line in Title Case, nor of a short line set
    apart by a blank line above a longer paragraph (some feeds end every headline with one).
    ``opts``: the lengths and shares (defaults when None)."""
    o = opts or PageOptions()
    words = line.split()
    if len(words) > o.title_max_words or len(line) > o.title_max_chars:
        return True
    if P.DATELINE.match(line):
        return True
    if not _FULL_STOP.search(line) or _ELLIPSIS.search(line) or len(words) < o.title_min_sentence_words:
        return False
    if set_apart and (
        len(words) <= o.set_apart_title_words or not any(c.isupper() or c.islower() for c in line)
    ):
        return False  # a caseless script has no Title Case to tell by: the layout decides
    return capital_share(words) < o.title_case_share


def _set_apart(raw: str, first: str, following: list[str], ratio: float) -> bool:
    """``first`` opens ``raw``, a blank line follows it, and a paragraph soon after is at least
    ``ratio`` times as long: the layout of a headline above its article."""
    head = raw.lstrip().split("\n", 2)
    return (
        len(head) == 3
        and head[0].strip() == first
        and not head[1].strip()
        and any(len(p) >= ratio * len(first) for p in following)
    )


def same_headline(line: str, title: str, min_words: int = 4) -> bool:
    """``line`` repeats ``title`` (equal in normal form, or a truncated "..." form of it keeping at
    least ``min_words`` words, or vice versa)."""
    if line[:8].lower() != title[:8].lower():  # cheap reject: headlines share their opening
        return False
    a, b = line_key(line), line_key(title)
    if a == b:
        return True
    a_cut, b_cut = line_key(_ELLIPSIS.sub("", line)), line_key(_ELLIPSIS.sub("", title))
    shorter, longer = sorted((a_cut, b_cut), key=len)
    return len(shorter.split()) >= min_words and longer.startswith(shorter) and (a_cut != a or b_cut != b)


def _comment_section_start(lines: list[str], max_words: int) -> int:
    """Index of a comment-section header in the second half, when only lines of at most
    ``max_words`` words follow it (readers' comments are short)."""
    for k in range(len(lines) // 2, len(lines)):
        if P.COMMENT_HEADER.match(lines[k]):
            if all(len(line.split()) <= max_words for line in lines[k + 1 :]):
                return k
            break
    return len(lines)


_QUOTE_MARKS = "\"'“”„«»‘’‹›"


def _pull_quotes(kept: list[tuple[int, str]], o: PageOptions) -> set[int]:
    """Lines that only repeat a quotation printed in another, longer line of the article (a pull
    quote set in large type between paragraphs): the repetition is the signal, in any language."""
    out: set[int] = set()
    texts = [line for _, line in kept]
    for k, line in kept:
        core = line.strip().rstrip(" .,;").strip(_QUOTE_MARKS + " ")
        core = core.split(" – ")[0].split(" — ")[0].strip(_QUOTE_MARKS + " .,")
        if len(core.split()) < o.pull_quote_min_words or len(core) < o.pull_quote_core_share * len(line):
            continue
        quoted = line.lstrip()[:1] in _QUOTE_MARKS
        words = len(core.split())
        # unquoted, only a sentence of some length repeated (not a name or a score line)
        if (not quoted and words < o.pull_quote_unquoted_words) or words > o.pull_quote_max_words:
            continue
        if any(len(other) > len(line) and core in other for other in texts):
            out.add(k)
    return out


def _tail_item(line: str, o: PageOptions) -> bool:
    """A short line with no sentence end (or a very short question, a teaser's label: "Already
    read?"): a link or a list label."""
    words = line.split()
    if len(words) > o.tail_item_words or is_list_item(line) or is_table_row(line):
        return False
    end = line.rstrip().rstrip("'\"”’»)")
    if end.endswith(("?", "？")):
        return len(words) <= o.tail_question_words
    return not end.endswith((".", "!", "…", "。", "！"))


def _tail_lists(
    kept: list[tuple[int, str]],
    removed: list[tuple[int, Removed]],
    page: Page,
    o: PageOptions,
    html: bool = False,
) -> list[tuple[int, str]]:
    """Short lines without a sentence end in the page's tail run (after its last kept prose sentence):
    when the run holds a removed line, those before it (the items of a "More news:" list above a
    promo) and after it (a "Read next" list below a share bar) go; when it holds none and the text
    was extracted from HTML, the page's last one or two such lines go (a heading with nothing under
    it labels a link list the extraction dropped; in a plain text a short last line is the
    author's, "Out now for the PC"). Moves them from ``kept`` to ``removed``; returns the new ``kept``."""
    out_k = {k for k, _ in removed}
    last_body = max((i for i, b in enumerate(page.bodylike) if b and i not in out_k), default=len(page.lines))
    tail = [(k, line) for k, line in kept if k > last_body]
    if not tail:
        return kept
    gone = {k for k in out_k if k > last_body}
    if gone:
        # below the run's last removed line only when the run is mostly furniture
        below = len(gone) >= o.tail_removed_share * (len(gone) + len(tail))
        drop = {k for k, line in tail if (below or k < max(gone)) and _tail_item(line, o)}
    elif (
        html
        and len(tail) <= o.page_end_labels
        and last_body >= 0
        and all(_tail_item(line, o) and not line.startswith("(") for _, line in tail)
    ):  # a line wholly in brackets is the text's own reference ("(Court X, ruling of ...)")
        drop = {k for k, _ in tail}
    else:
        return kept
    out = []
    for k, line in kept:
        if k in drop:
            removed.append((k, Removed(text=line, reason="related-link")))
        else:
            out.append((k, line))
    return out


def _related_blocks(
    kept: list[tuple[int, str]], removed: list[tuple[int, Removed]], page: Page, o: TeaserOptions
) -> list[tuple[int, str]]:
    """The teasers under a heading that offers other articles ("You may also be interested in:",
    :func:`.signals.is_related_heading`): the heading and the short lines with no sentence end
    right under it (list items too: under such a heading they are links) go, up to the first
    prose line. Moves them from ``kept`` to ``removed``; returns the new ``kept``."""
    kept_at = dict(kept)
    drop: set[int] = set()
    for k, line in enumerate(page.lines):
        if k == 0 or not is_related_heading(line, o):  # the first line is the headline's (title step)
            continue
        if k in kept_at:
            drop.add(k)
        j = k + 1
        while j in kept_at and len(kept_at[j].split()) <= o.under_heading_words and not page.bodylike[j]:
            if kept_at[j].rstrip().endswith((".", "!", ":")):
                break
            drop.add(j)
            j += 1
    if not drop:
        return kept
    for k, line in kept:
        if k in drop:
            removed.append((k, Removed(text=line, reason="related-link")))
    return [(k, line) for k, line in kept if k not in drop]


_CTA_COUNT, _CTA_START = FEATURES.index("cta_count"), FEATURES.index("cta_start")


def _foot_calls(
    kept: list[tuple[int, str]], removed: list[tuple[int, Removed]], page: Page, opts: CleanOptions
) -> list[tuple[int, str]]:
    """A sentence that calls the reader to act ("Get our app for breaking alerts") standing in
    the page's foot block -- the line above it was removed, and every line below it -- goes, when
    it holds two call words or opens with one. In the prose above, such a sentence stays (the rule
    that never removes a body sentence on one weak cue)."""
    if not kept:
        return kept
    k, line = kept[-1]
    out_k = {j for j, r in removed if r.reason != "attribution"}
    if k - 1 not in out_k or line.count(" ") >= opts.model.max_words:
        return kept
    x = line_features(k, page)
    calls = round(x[_CTA_COUNT] * CTA_CAP)
    if calls >= opts.model.foot_call_words or (calls and x[_CTA_START]):
        removed.append((k, Removed(text=line, reason="promo")))
        return kept[:-1]
    return kept


# A line typed in one block with the page's furniture at its head or foot goes with it when it is
# short and carries one of these weak cues (each alone is also a heading's or a sentence's).
_RUN_CUES = tuple(
    FEATURES.index(c)
    for c in (
        "no_end",
        "stop_low",
        "label",
        "address",
        "time",
        "link",
        "caps",
        "own_name",
        "author_name",
        "question",
    )
)


def _edge_runs(
    kept: list[tuple[int, str]], removed: list[tuple[int, Removed]], page: Page, raw: str, o: PageOptions
) -> list[tuple[int, str]]:
    """Lines glued (no blank line between) to the furniture of the page's first or last block: a
    slogan under the breadcrumb, a staff note under the byline, a notice above "Posted in ...".
    Only in a text that parts paragraphs with blank lines, only when every other line of the block
    was removed (and one was furniture, not only a credit), and only short lines with a weak cue and
    no quotation, that are not list items. Moves them from ``kept`` to ``removed``."""
    blocks = line_blocks(raw)
    if blocks is None or len(blocks) != len(page.lines):
        return kept
    out_k = {k: r.reason for k, r in removed}
    kept_k = {k for k, _ in kept}
    by_block: dict[int, list[int]] = {}
    for k, b in enumerate(blocks):
        if k > 0:  # the headline is the title step's
            by_block.setdefault(b, [])
            by_block[b].append(k)
    order = sorted(by_block)
    if len(order) < 3:
        return kept
    edge = {order[0], order[-1]}
    drop: set[int] = set()
    for b in edge:
        ks = by_block[b]
        if not any(out_k.get(k) not in (None, "attribution") for k in ks):
            continue
        for k in ks:
            if k not in kept_k or any(j in kept_k for j in ks if j != k):
                continue
            line = page.lines[k]
            if len(line.split()) > o.run_max_words or _QUOTED.search(line) or is_list_item(line):
                continue
            if line.rstrip().endswith(":") or P.DATELINE.match(line):
                continue
            x = line_features(k, page)
            if any(x[i] for i in _RUN_CUES):
                drop.add(k)
    for k, line in kept:
        if k in drop:
            removed.append((k, Removed(text=line, reason="furniture-run")))
    return [(k, line) for k, line in kept if k not in drop]


def clean_article(article: Article, stats: LineStats | None = None, opts: CleanOptions | None = None) -> None:
    """Clean ``article`` in place; ``stats``: the corpus's recurring lines, ``opts``: the stage's
    options (defaults when None)."""
    opts = opts or CleanOptions()
    o = opts.page
    lines = article_lines(article)
    n = len(lines)
    page: Page | None = None
    kept: list[tuple[int, str]] = []
    removed: list[tuple[int, Removed]] = []
    attributions = []
    comments_from = _comment_section_start(lines, o.comment_max_words)
    use_stats = stats is not None and bool(stats.furniture)
    # a credit stands at the head or in the article's last lines: this many (the share as a
    # fraction, so that the float 1/3, a hair below a third, still takes an exact third)
    credit_tail = math.floor(Fraction(o.credit_tail_share).limit_denominator(1000) * n)
    for k, line in enumerate(lines):
        head, tail = k < o.edge_lines, k >= n - o.edge_lines
        edge = k <= o.edge_lines or n - k <= credit_tail
        credit = parse_attribution(line, last=n - k <= o.sign_off_lines, edge=edge, opts=opts.credits)
        if credit is not None:
            attributions.append(credit)
            removed.append((k, Removed(text=line, reason="attribution")))
            continue
        reason = classify_line(line, head, tail, opts.lines)
        if reason is None and use_stats and len(line) <= stats.max_line_chars:
            reason = stats.reason(line_key(line))
        if reason is None and k > comments_from:
            reason = "comment"
        # the first line of a text without a title is its headline candidate: the title step decides
        if reason is None and (k > 0 or article.title is not None or article._html):
            if page is None:
                page = page_context(
                    lines, article._raw, article.language, article.source, article.url, article.author
                )
            reason = furniture_reason(k, page, opts)
        if reason == "byline" and not article.author:
            m = P.BYLINE.match(line)
            article.author = m.group(1).strip() if m else None
        if reason:
            removed.append((k, Removed(text=line, reason=reason)))
        else:
            kept.append((k, line))

    if page is not None:
        kept = _tail_lists(kept, removed, page, o, article._html)
        kept = _foot_calls(kept, removed, page, opts)
        kept = _related_blocks(kept, removed, page, opts.teasers)
        kept = _edge_runs(kept, removed, page, article._raw or "", o)
    if kept and article.title is None and not article._html:
        first_k, first = kept[0]
        following = [line for _, line in kept[1 : 1 + o.set_apart_lines]]
        set_apart = first_k == 0 and _set_apart(article._raw, first, following, o.set_apart_ratio)
        if not looks_like_body(first, set_apart, o):
            kept.pop(0)
            article.title = first
            removed.append((first_k, Removed(text=first, reason="title")))
    body: list[str] = []
    seen: set[str] = set()
    pull_quotes = _pull_quotes(kept, o)
    for k, line in kept:
        if k in pull_quotes:
            removed.append((k, Removed(text=line, reason="pull-quote")))
        elif (
            article.title
            and len(body) < o.headline_repeat_lines
            and same_headline(line, article.title, o.truncated_headline_words)
        ):
            removed.append((k, Removed(text=line, reason="duplicate-headline")))
        elif line in seen:  # a pull quote or a heading printed twice
            removed.append((k, Removed(text=line, reason="repeated-line")))
        else:
            seen.add(line)
            body.append(line)
    article.text = "\n".join(body)
    article.removed = [r for _, r in sorted(removed, key=lambda kr: kr[0])]
    article.attributions = attributions
