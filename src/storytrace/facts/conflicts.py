"""Conflicts in comparable slots between two versions of one claim.

Guarantee: a conflict is reported only where a word diff of the two sentences replaces a value of
one slot type by a different value of the same type (numbers compared by value, so "10,000" and
"10000" agree; a date against a non-date is a rewording, not a conflict).
"""

from __future__ import annotations

import bisect
import difflib
import re

from storytrace.facts.options import FactsOptions
from storytrace.text.quotemarks import quoted_spans

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "thousand": 1000,
    "dozen": 12,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
MONTH_NAMES = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}
MONTHS = MONTH_NAMES | {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
# Share of quoted words two quotations have in common (difflib ratio) to be one quotation reworded:
# a reworded quotation keeps about half its words in order (0.55 in the generator's rewrites), two
# different quotations of one claim share little more than function words (0.2).
PLACE_PREPS = {"in", "at", "from", "to", "near", "into", "across", "outside", "inside"}
_WORD = re.compile(r"\d[\d,.]*\d|\d|[\w\u2019'\-]+")
_NUM = re.compile(r"^\d[\d,.]*$")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def number_value(word: str) -> float | None:
    w = word.lower()
    if _NUM.match(w):
        try:
            return (
                float(w.replace(",", ""))
                if not re.search(r",\d{1,2}$", w)
                else float(w.replace(".", "").replace(",", "."))
            )
        except ValueError:
            return None
    return float(NUMBER_WORDS[w]) if w in NUMBER_WORDS else None


SPEECH = {
    "said",
    "says",
    "told",
    "tells",
    "added",
    "stated",
    "warned",
    "noted",
    "explained",
    "announced",
    "claimed",
    "argued",
    "insisted",
    "according",
}


def slot_of(
    words: list[str], before: str | None, after: str | None = None, opts: FactsOptions | None = None
) -> str | None:
    """The slot a replaced word run fills, or ``None`` if it is not a comparable value (``opts``:
    how long a value's run is, ``FactsOptions.conflict_*``; their defaults when None)."""
    opts = opts or FactsOptions()
    if not words or len(words) > opts.conflict_run_words:
        return None
    low = [re.sub(r"['\u2019]s$", "", w.lower()) for w in words]
    if all(_NUM.match(w) for w in low):
        return "date" if all(re.match(r"^(1[89]|20)\d\d$", w) for w in low) else "number"
    if all(w[:1].isupper() for w in words) and (
        (after and after.lower() in SPEECH) or (before and before.lower() in SPEECH - {"according"})
    ):
        return "speaker"
    if all(w in WEEKDAYS for w in low):
        return "weekday"
    if (
        any(w in MONTHS for w in low)
        and any(_NUM.match(w) for w in low)
        or (len(low) == 1 and low[0] in MONTHS)
        or (len(low) == 1 and re.match(r"^(1[89]|20)\d\d$", low[0]))
    ):
        return "date"
    if len(words) <= opts.conflict_number_words and any(number_value(w) is not None for w in words):
        return "number"
    if before and before.lower() in PLACE_PREPS and all(w[:1].isupper() for w in words):
        return "place"
    return None


def _values_differ(slot: str, a: list[str], b: list[str]) -> bool:
    if slot == "number":
        va = [number_value(w) for w in a if number_value(w) is not None]
        vb = [number_value(w) for w in b if number_value(w) is not None]
        return bool(va and vb) and va != vb
    return [w.lower() for w in a] != [w.lower() for w in b]


def _quoted(text: str) -> list[bool]:
    """For each word of ``text``: is it inside quotation marks?"""
    spans = quoted_spans(text)
    starts = [s for s, _ in spans]  # disjoint, in order: the last opening before a word decides

    def inside(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and pos < spans[k][1]

    return [inside(m.start()) for m in _WORD.finditer(text)]


def _spelling_variant(ra: list[str], rb: list[str], min_chars: int) -> bool:
    """Same words spelt or punctuated differently ("U.N."/"UN", "defense"/"defence"): not a change."""
    from rapidfuzz.distance import Levenshtein

    xa = "".join(c for c in "".join(ra).lower() if c.isalnum())
    xb = "".join(c for c in "".join(rb).lower() if c.isalnum())
    if xa == xb:
        return True
    return min(len(xa), len(xb)) >= min_chars and Levenshtein.distance(xa, xb) <= 1


def _other_subject(ra: list[str], rb: list[str], lang: str | None) -> bool:
    """The words beside the two figures name different things: each side has a capitalised word
    that is not a function word of the language ("About 3453" / "Some 3655" is one count)."""
    from storytrace.clean.signals import stop_words

    stop = stop_words(lang or "en")

    def names(run: list[str]) -> set[str]:
        return {
            w.lower() for w in run if w[:1].isupper() and w.lower() not in stop and number_value(w) is None
        }

    na, nb = names(ra), names(rb)
    return bool(na and nb and na != nb)


def sentence_conflicts(
    a: str, b: str, lang: str | None = None, opts: FactsOptions | None = None
) -> list[tuple[str, str, str]]:
    """(slot, value in a, value in b) for each comparable value ``b`` changes in ``a``; ``lang``
    (ISO 639-1, English when unknown) says which words are function words; ``opts`` the facts
    stage's options (``same_quotation``, ``max_sentence_words``; their defaults when None)."""
    opts = opts or FactsOptions()
    wa, wb = _words(a), _words(b)
    if max(len(wa), len(wb)) > opts.max_sentence_words:
        return []  # a per-sentence budget: the word diff is quadratic in the worst case
    qa, qb = _quoted(a), _quoted(b)
    out: list[tuple[str, str, str]] = []
    matcher = difflib.SequenceMatcher(a=[w.lower() for w in wa], b=[w.lower() for w in wb], autojunk=False)
    # Changed words inside quotation marks are a changed quote only when the rest of the quotation
    # agrees (one quotation, reworded): two different quotations of one claim differ everywhere.
    quoted_a = [w.lower() for w, q in zip(wa, qa, strict=False) if q]
    quoted_b = [w.lower() for w, q in zip(wb, qb, strict=False) if q]
    same_quotation = bool(quoted_a and quoted_b) and (
        difflib.SequenceMatcher(a=quoted_a, b=quoted_b, autojunk=False).ratio() >= opts.same_quotation
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace":
            continue
        ra, rb = wa[i1:i2], wb[j1:j2]
        sa = slot_of(ra, wa[i1 - 1] if i1 > 0 else None, wa[i2] if i2 < len(wa) else None, opts)
        sb = slot_of(rb, wb[j1 - 1] if j1 > 0 else None, wb[j2] if j2 < len(wb) else None, opts)
        if sa in ("date", "number") and sb in ("date", "number") and sa != sb:
            sa = sb = "number"  # a year against another count is still a changed number
        if sa == "number" and sa == sb and _other_subject(ra, rb, lang):
            # "Name A, 26" / "Name B, 23": two people's ages; their other figures are theirs too
            return [c for c in out if c[0] != "number"]
        if sa and sa == sb and _values_differ(sa, ra, rb):
            out.append((sa, " ".join(ra), " ".join(rb)))
        elif (
            all(qa[i1:i2])
            and all(qb[j1:j2])
            and len(ra) <= opts.conflict_run_words
            and len(rb) <= opts.conflict_run_words
            and not _spelling_variant(ra, rb, opts.spelling_variant_chars)
            and same_quotation
        ):
            out.append(("quote", " ".join(ra), " ".join(rb)))  # words changed inside quotation marks
    if not any(slot == "number" for slot, _, _ in out):
        out += _counted_in_same_unit(wa, wb, opts)
    return out


def _part_of_total(words: list[str], k: int, link_chars: int) -> str | None:
    """The part when ``words[k]`` is the total of a "<part> of <total> <unit>" phrase in any
    language ("of", "de los", "der"; a name may own the total): a smaller count at most five words
    before it, joined to it by a short lower-case word and at most function words and a name;
    else None."""
    total = number_value(words[k])
    for j in range(k - 1, max(k - 6, -1), -1):
        w = words[j]
        if _NUM.match(w):
            part = number_value(w)
            between = words[j + 1 : k]
            link = between[0] if between else ""
            # after the link only short function words and a name: a day of a date followed by
            # a clause ("<month> <day> to <verb> ... <count> <unit>") is no part of the count
            if (part is not None and total is not None and part < total
                    and link.isalpha() and link.islower() and len(link) <= link_chars
                    and all(len(x) <= link_chars and x.islower() or x[:1].isupper() for x in between[1:])):
                return w
            return None
    return None


def _counted_in(words: list[str], opts: FactsOptions) -> dict[str, str]:
    """unit word -> the figure before it ("768 cases" -> {"cases": "768"}), for units counted once;
    of "<part> of <total> <unit>" the part is what the sentence says was counted."""
    seen: dict[str, list[str]] = {}
    for k, (w, nxt) in enumerate(zip(words, words[1:], strict=False)):
        # a unit is a lower-case word after a count that is not a year ("in 2019 when" counts nothing)
        if _NUM.match(w) and not _YEAR.match(w) and nxt.isalpha() and nxt.islower() and len(nxt) > opts.count_unit_chars:
            # "<count> <Name> <number> <unit>": the number after a name is the name's (a model or
            # series), the count is the one before the name
            model = k > 1 and words[k - 1][:1].isupper() and _NUM.match(words[k - 2])
            part = _part_of_total(words, k, opts.part_link_chars)
            seen.setdefault(nxt, []).append(words[k - 2] if model else (part or w))
    return {u: v[0] for u, v in seen.items() if len(v) == 1}


def _counted_in_same_unit(wa: list[str], wb: list[str], opts: FactsOptions) -> list[tuple[str, str, str]]:
    """Figures counting the same unit once in each sentence ("768 cases" / "892 cases"): the word
    diff misses them when the two sentences order their other words differently."""
    ca, cb = _counted_in(wa, opts), _counted_in(wb, opts)
    return [("number", ca[u], cb[u]) for u in ca if u in cb and _values_differ("number", [ca[u]], [cb[u]])]
