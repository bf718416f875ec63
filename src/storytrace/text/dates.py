"""Publication days: validated from ``published_at``, or read from a dateline when none is given.

``day_of`` turns an ISO 8601 value into a day number (days since 1970-01-01, UTC, fractional), or
None when it is not a plausible publication time (unparsable, or a year outside
``FIRST_YEAR``-``LAST_YEAR``).

``date_in_text`` reads the first full date (day, month, year) of an article's headline and opening
lines: ISO dates (``2021-03-04``) and dates with month names in any of ``LOCALES`` (names come from
the CLDR data that ships with Babel, so no list is written here). A date later in the text is more
often a date the article talks about than the day it was written, so only the head is read.

Guarantee: both return None rather than a wrong-looking value; ``date_in_text`` never returns a
date that ``day_of`` would reject.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from functools import lru_cache

HEAD_CHARS = 300
DATELINE_PREFIX = 40  # a dateline's place name before its date: "SAN FRANCISCO DE CAMPECHE, "  # a dateline sits in the first lines; later dates are what the article is about
# Languages whose month names are recognised (CLDR, via Babel); others still get ISO dates.
LOCALES = ("en", "fr", "de", "es", "it", "pt", "nl", "pl", "tr", "cs", "sk", "sv", "da", "nb", "fi", "ro",
           "hu", "hr", "sl", "ca", "ru", "uk", "bg", "el", "lt", "lv", "et", "id")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Years a publication time can have; outside them a value is garbage ("1e308", "0001-01-01").
# The readers validate ``published_at`` with the same bounds (ingest.readers.checked_date).
FIRST_YEAR, LAST_YEAR = 1800, 2200


def day_of(value: str | None) -> float | None:
    """Days since 1970-01-01 UTC of an ISO 8601 date or date-time; None when implausible."""
    if not value or not isinstance(value, str) or len(value) > 64:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - _EPOCH).total_seconds() / 86400.0


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    """Lower-cased month names and abbreviations (all forms and contexts) -> month number."""
    try:
        from babel.dates import get_month_names
    except ImportError:  # Babel missing: ISO dates only
        return {}
    out: dict[str, int] = {}
    for loc in LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                try:
                    names = get_month_names(width, context=context, locale=loc)
                except Exception:  # a locale this Babel lacks
                    continue
                for num, name in names.items():
                    key = name.lower().rstrip(".")
                    if len(key) >= 3:
                        out.setdefault(key, int(num))
    return out


def alternation(words: Iterable[str]) -> str:
    """A regular expression matching exactly ``words``, longest first, written as a trie: a flat
    ``a|b|...`` of ~500 month names is tried name by name at every word start (~0.4 ms an
    article's head); the trie follows one branch per character. Prefers the longer of two words
    that both match, as the flat alternation sorted by length does."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # the end of a word

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # a word ending here is the shorter choice: the branches (longer words) are tried first
        return f"(?:{body})?" if "" in node else body

    return pattern(trie) or "(?!)"


@lru_cache(maxsize=1)
def _yearless_patterns() -> tuple[re.Pattern, re.Pattern]:
    names = alternation(_months())
    # "PORT TOWN, Nov 18 (Agency)", "18 novembre", "18. listopadu": a day and a month name, no year
    day_month = re.compile(rf"\b(\d{{1,2}})\.?\s+(?:de\s+)?({names})\b\.?(?!\s*,?\s*(?:de\s+)?\d)", re.I)
    month_day = re.compile(rf"\b({names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d)", re.I)
    return day_month, month_day


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    names = alternation(_months())
    iso = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
    day_month = re.compile(rf"\b(\d{{1,2}})\.?\s+(?:de\s+)?({names})\.?,?\s+(?:de\s+)?((?:19|20)\d\d)\b", re.I)
    month_day = re.compile(rf"\b({names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I)
    return iso, day_month, month_day


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def date_in_text(title: str | None, text: str) -> str | None:
    """The first full date in the headline or the head of the text, as ``YYYY-MM-DD``."""
    head = f"{title or ''}\n{text[:HEAD_CHARS]}"
    iso, day_month, month_day = _patterns()
    months = _months()
    found: list[tuple[int, str]] = []
    for m in iso.finditer(head):
        if (v := _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))) is not None:
            found.append((m.start(), v))
    for m in day_month.finditer(head):
        month = months.get(m.group(2).lower().rstrip("."))
        if month and (v := _valid(int(m.group(3)), month, int(m.group(1)))) is not None:
            found.append((m.start(), v))
    for m in month_day.finditer(head):
        month = months.get(m.group(1).lower().rstrip("."))
        if month and (v := _valid(int(m.group(3)), month, int(m.group(2)))) is not None:
            found.append((m.start(), v))
    if not found:
        return None
    value = min(found)[1]
    return value if day_of(value) is not None else None


def day_of_year_in_text(title: str | None, text: str) -> int | None:
    """The day of the year (1-366) of a dateline's day and month written without a year, opening a
    line of the headline or the head of the text: wire datelines ("PORT TOWN, Nov 18 (Agency) -") often give
    no year. Two such days far apart on the calendar (in either direction) are not one event."""
    head = f"{title or ''}\n{text[:HEAD_CHARS]}"
    day_month, month_day = _yearless_patterns()
    months = _months()
    found: list[tuple[int, int]] = []
    for pattern, day_group, month_group in ((day_month, 1, 2), (month_day, 2, 1)):
        for m in pattern.finditer(head):
            # a dateline opens its line ("PORT TOWN, Nov 18"); "until May 2" later in a sentence is
            # a deadline or another day the story is about, not when it was filed
            prefix = head[head.rfind("\n", 0, m.start()) + 1 : m.start()].strip()
            if len(prefix) > DATELINE_PREFIX or (prefix and not prefix.endswith(",")):
                continue
            month = months.get(m.group(month_group).lower().rstrip("."))
            if month and _valid(2000, month, int(m.group(day_group))) is not None:  # 2000: leap, so 29 Feb counts
                found.append((m.start(), date(2000, month, int(m.group(day_group))).timetuple().tm_yday))
    return min(found)[1] if found else None
