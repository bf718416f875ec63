"""Line-level furniture rules: one line and its place in the article -> a removal reason or ``None``.

Guarantee: :func:`classify_line` looks only at the line's shape (length, capitalisation,
separators, links, ellipsis, list shape), generic keyword families (:mod:`.patterns`) and whether it
stands at the head or tail of the article. It errs on keeping: a long line, or one that reads as a
plain sentence without a furniture cue, is body.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storytrace.clean import patterns as P
from storytrace.clean.options import LineRuleOptions

_SENTENCE_END = tuple(".!?:;\"'”’»)")
_SHARE_WORDS = frozenset(
    {
        "share",
        "facebook",
        "twitter",
        "x",
        "linkedin",
        "reddit",
        "pinterest",
        "email",
        "e-mail",
        "mail",
        "print",
        "tweet",
        "copy",
        "link",
        "messenger",
        "flipboard",
        "tumblr",
        "threads",
        "bluesky",
        "mastodon",
        "telegram",
        "xing",
        "vk",
        "sms",
        "comments",
        "comment",
        "save",
    }
)


def capital_share(words: list[str]) -> float:
    alpha = [w for w in words if w[:1].isalpha()]
    if not alpha:
        return 0.0
    return sum(w[:1].isupper() for w in alpha) / len(alpha)


def _is_share_bar(line: str) -> bool:
    toks = [
        t
        for t in P.SEPARATORS.sub(" ", line.replace(",", " ").replace(":", " ")).lower().split()
        if t.isalpha()
    ]
    return bool(toks) and all(t in _SHARE_WORDS for t in toks) and ("share" in toks or len(toks) >= 2)


def _segments(line: str) -> list[str]:
    return [s for s in P.SEPARATORS.split(line) if s.strip()]


def _is_keyword_list(line: str, words: list[str], o: LineRuleOptions) -> bool:
    """``a, b, c, d``: four or more short comma items, no sentence end, no conjunction before the last."""
    if (
        len(words) > o.keyword_list_words
        or line.endswith(_SENTENCE_END)
        or line.count(",") < o.keyword_list_commas
    ):
        return False
    items = [i.strip() for i in line.split(",")]
    if any(not i or len(i.split()) > o.keyword_item_words for i in items):
        return False
    last = items[-1].lower().split()
    return not (last and last[0] in {"and", "or", "und", "et", "y", "e", "ja", "och", "og"})


def _is_caption(line: str, low: str, nw: int, o: LineRuleOptions) -> str | None:
    if not P.CAPTION_FINDER.search(low):
        return None
    if nw <= o.credit_only_words and P.CREDIT_ONLY.match(line):
        return "credit-photo"
    if P.CAPTION_CUE.search(line):
        return "caption"
    if " / " in line:
        m = P.CREDIT_TAIL.search(line)
        if m and len(m.group(1).split()) <= o.caption_credit_words and P.ALLCAPS_WORD.search(m.group(1)):
            return "caption"
    return None


def _is_disclaimer(line: str, low: str, head: bool, tail: bool, o: LineRuleOptions) -> bool:
    if not P.DISCLAIMER_FINDER.search(low):
        return False
    if P.DISCLAIMER_START.match(line):
        return True
    hits = {h.lower() for h in P.DISCLAIMER_WORDS.findall(line)}
    return len(hits) >= o.disclaimer_words or (len(hits) >= o.edge_disclaimer_words and (head or tail))


def _ending(line: str, low: str, chars: int) -> tuple[str, str]:
    """The last words (``chars`` characters) of a long line, from a word boundary: a caption's
    credit stands at its end."""
    if len(line) <= chars:
        return line, low
    cut = line.find(" ", len(line) - chars) + 1
    return line[cut:], low[cut:]


def _ends_in_ellipsis(line: str) -> bool:
    return line.rstrip(" '\"”’»)").endswith(P.ELLIPSIS_ENDS)


_SIGNATURE = re.compile(r"^[—–]\s*[^\W\d_]")


def _is_signature(line: str) -> bool:
    """A dash, a name and a date: the signature of a quotation or an embedded post ("— Name
    (@handle) 3 March 2021"), content whatever handle or date it holds."""
    return _SIGNATURE.match(line) is not None and P.DATE_IN_LINE.search(line) is not None


# Wire copies repeat most lines of a story across outlets; a line's verdict is computed once.
@lru_cache(maxsize=1 << 16)
def _is_timestamp(line: str, other_words: int) -> bool:
    """A full date (and time) with at most ``other_words`` other words: a page's date line under any
    label (not a quotation's signature, :func:`_is_signature`)."""
    if _is_signature(line):
        return False
    m = P.DATE_IN_LINE.search(line)
    if m is None or ":" in line[: m.start()]:
        return False  # "Date taken: 12.01.2020" is a field of a fact list, not the page's date
    rest = re.findall(r"[^\W\d_]+", line[: m.start()] + " " + line[m.end() :])
    return len(rest) <= other_words


def classify_line(
    line: str, head: bool = False, tail: bool = False, opts: LineRuleOptions | None = None
) -> str | None:
    """The furniture reason of ``line`` (stripped, non-empty), or ``None`` when it is body.
    ``opts``: the rules' cut-offs (``CleanOptions.lines``; the defaults when ``None``)."""
    o = opts or LineRuleOptions()
    nw = line.count(" ") + 1  # word count without splitting: most lines stop at the first test
    if nw > o.max_furniture_words:
        return None
    words = line.split() if nw <= o.shape_words else []
    nw = len(words) or nw
    low = line.lower()
    ends_sentence = line.endswith(_SENTENCE_END)
    if nw <= o.copyright_words and P.COPYRIGHT_FINDER.search(low) and P.COPYRIGHT.search(line):
        return "copyright"
    if nw <= o.keyword_words:
        if P.RELATED.match(line):
            return "related-link"
        if nw <= o.continues_words and P.CONTINUES.match(line):
            return "promo"
        if P.PROMPT.match(line):
            return "prompt"
        if (
            nw <= o.prompt_words
            and P.PROMPT_FINDER.search(low)
            and P.PROMPT_ANYWHERE.search(line)
            and (P.READER_ADDRESS.search(line) or not ends_sentence)
        ):
            return "promo"
        if P.TAGS.match(line):
            return "tags"
        if nw <= o.navigation_words and P.NAVIGATION.match(line):
            return "navigation"
        if (
            ("cookie" in low or "privacy" in low or "terms" in low)
            and P.CONSENT.search(line)
            and (P.READER_ADDRESS.search(line) or not ends_sentence or nw <= o.cookie_words)
        ):
            return "cookie-notice"
        if nw <= o.meta_words and (P.META.match(line) or P.DATE_ONLY.match(line) or P.POSTED.match(line)):
            return "meta"
        if nw <= o.timestamp_words and not ends_sentence and _is_timestamp(line, o.timestamp_other_words):
            return "meta"
    if (head or tail or nw <= o.keyword_words) and _is_disclaimer(line, low, head, tail, o):
        return "disclaimer"
    if nw <= o.keyword_words:
        caption = _is_caption(line, low, nw, o)
    else:
        caption = _is_caption(*_ending(line, low, o.caption_tail_chars), nw, o)
    if caption:
        return caption
    if nw > o.shape_words:
        return None
    nav = P.NAV_FINDER.search(line) is not None
    if (nav or nw <= o.share_bar_words) and _is_share_bar(line):
        return "prompt"
    if head and nw <= o.byline_words and P.BYLINE.match(line):
        return "byline"
    segments = _segments(line) if nav else [line]
    nav_segments = len(segments) >= 2 and all(len(s.split()) <= o.bar_segment_words for s in segments)
    table_row = line.startswith("|") and line.endswith("|")  # a table's row, as HTML extraction writes it
    if (
        nav_segments
        and not ends_sentence
        and not table_row
        and (len(segments) >= o.breadcrumb_segments or P.HOME_WORDS.match(line))
    ):
        return "breadcrumb"
    ellipsis = _ends_in_ellipsis(line)
    if head and (ellipsis or len(segments) >= 2) and P.HOME_WORDS.match(line):
        return "breadcrumb"
    if (head or tail) and _is_keyword_list(line, words, o):
        return "tags"
    if (
        nw <= o.promo_words
        and not ends_sentence
        and P.PROMO_TAIL.search(line)
        and capital_share(words) >= o.promo_capitals
    ):
        return "promo"
    if (line[0] in "<@.#}" or line[-1] in "{};") and P.CODE.match(line):
        return "code"
    if (
        nw <= o.link_words
        and not ends_sentence
        and P.LINK_FINDER.search(low)
        and P.URL_OR_HANDLE.search(line)
        and not _is_signature(line)
    ):
        return "link"
    if (head or tail) and nw <= o.ellipsis_words and ellipsis and capital_share(words) >= o.ellipsis_capitals:
        return "related-link" if tail else "breadcrumb"
    return None
