"""Quotation marks: the inner spans of the quoted passages of a text, in any of the usual scripts.

Read by facts (quotes) and by provenance and facts' conflicts (words inside quotation marks do not
count as reused wording), so it lives in the text layer below them.
"""

from __future__ import annotations

import re

# Opening mark -> closing marks accepted for it.
PAIRS: dict[str, str] = {
    "\u201c": '\u201d\u201c"',  # “ … ” (and the German „ … “ via the next key)
    "\u201e": "\u201c\u201d",  # „ … “
    "\u00ab": "\u00bb",  # « … »
    "\u00bb": "\u00ab",  # » … « (Danish/German)
    "\u2039": "\u203a",  # ‹ … ›
    "\u300c": "\u300d",  # 「 … 」
    "\u300e": "\u300f",  # 『 … 』
    "\u2018": "\u2019",  # ‘ … ’
    '"': '"',
    "'": "'",
}
_BEFORE_OPENING = "([{\u2014\u2013-/:\u2015"
_CLOSE_OK_AFTER = re.compile(r"[^\w]|$")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Inner character spans of the quoted passages of ``text``; apostrophes inside words are not
    quote marks."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    # Per opening mark (other than the straight one, whose scan stops at the next '"'): how far a
    # failed scan got without a closer, and whether it ended at a paragraph break. Whether a
    # character closes depends only on its position, so a later opening of the same kind resumes
    # there instead of rescanning: each character is scanned once per kind, not once per opening.
    scanned: dict[str, tuple[int, bool]] = {}
    while i < n:
        ch = text[i]
        closers = PAIRS.get(ch)
        single = ch in "'\u2018"
        if closers is None or (ch in "'\"" and i > 0 and text[i - 1].isalnum()):
            i += 1
            continue
        if single and i + 1 < n and not text[i + 1].isalpha():
            i += 1
            continue
        straight = ch == '"'
        if straight and (
            (i > 0 and not (text[i - 1].isspace() or text[i - 1] in _BEFORE_OPENING))
            or (i + 1 < n and text[i + 1].isspace())
        ):
            i += 1  # '," ' closes a quote; it never opens one
            continue
        j = i + 1
        found = -1
        limit = min(n, i + 3000)
        reach, para = scanned.get(ch, (0, False))
        if not straight and j < reach:
            if para:
                i += 1  # the same paragraph break ends this one unclosed
                continue
            j = reach
        while j < limit:
            c = text[j]
            if straight and c == '"' and text[j - 1].isspace() and j + 1 < n and not text[j + 1].isspace():
                # Another opening mark: this quote was left open. A multi-paragraph quote closes
                # at its paragraph's end; otherwise the first mark was no opening.
                br = text.rfind("\n", i, j)
                if br > i:
                    found = br
                    while found > i + 1 and text[found - 1].isspace():
                        found -= 1
                break
            if (
                c in closers
                and (not (single or c == "'") or _CLOSE_OK_AFTER.match(text, j + 1))
                and not (c in "\u2019'" and j + 1 < n and text[j + 1].isalpha())
            ):
                found = j
                break
            if c == "\n" and j + 1 < n and text[j + 1] == "\n":
                break  # a paragraph break ends an unclosed quote
            j += 1
        if found < 0:
            if not straight:
                scanned[ch] = (j, j < limit)
            i += 1
            continue
        inner = text[i + 1 : found]
        if len(inner.strip()) >= 2 and (not single or " " in inner.strip()):
            out.append((i + 1, found))
        i = found + 1
    return out
