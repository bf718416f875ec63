"""Sentence segmentation with character offsets into the text.

Paragraphs (lines) are hard boundaries; inside them blingfire splits (fast, multilingual, handles
CJK full stops). Three repairs on top, all language-general:
- a "sentence" that ends in a short title-like abbreviation ("Dr.", "Mr.", "Gen.") is merged with
  the next one in the same paragraph;
- a full stop glued to a capitalised word ("them.White House") is a boundary;
- so is a full stop after a lower-case word followed by an initial ("said. J. R. Berg").

Guarantee: ``text[start:end] == sentence`` for every span; spans are ordered, disjoint, never
cross a line break and carry no leading or trailing whitespace.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from storytrace.model import Sentence
from storytrace.text.dates import _months

# blingfire joins lines; the Unicode paragraph separator (same length as "\n") is a boundary it
# keeps, so all the lines of an article that need it are split in one call.
_PARA = "\u2029"
# A short capitalised abbreviation closing a sentence: " Dr.", " Mrs.", " Prof.", " St.", " J.".
_TRAILING_ABBREV = re.compile(r"(?:^|\s)(?:[A-Z][a-z]{0,3})\.$")
_ABBREV_TAIL = 6  # the longest match of the pattern above
# Two boundaries blingfire misses, after a lower-case word and its full stop: a capitalised word
# glued on with no space ("them.White House": a lost space), or a name starting with an initial
# ("said. J. R. Berg": blingfire takes "J." for an abbreviation). The cut is at the match's end.
# (The pattern starts with the punctuation and looks behind from there: a leading look-behind
# would be tried at every character, five times slower.)
_MISSED_BOUNDARY = re.compile(r"[.!?](?<=[a-z\u00e0-\u00ff]{2}[.!?])(?:(?=[A-Z][a-z])| (?=[A-Z]\. ?[A-Z]))")
# A one- or two-digit number closing a piece, as an ordinal or a day is written in many languages
# ("10."), not a decimal or a longer figure ("1.10.", "2026.").
_ORDINAL_END = re.compile(r"(?<![\d.,])\b\d{1,2}\.$")
_FIRST_WORD = re.compile(r"\w+\.?")
# Characters after which a sentence may end (Latin, Arabic, Urdu, Devanagari, Armenian, Ethiopic,
# Myanmar, Khmer, CJK and full-width forms; ";" is the Greek question mark after NFC). A line with
# none of them before its closing run is one sentence, and blingfire is not asked.
_TERMINALS = ".!?…;؟۔܀܁܂։።፧፨।॥၊။។៕᙮᠃᠉‼‽⁇⁈⁉。！？｡︒﹒﹖﹗．"
_CLOSING_RUN = _TERMINALS + "\"'”’»›)]}"
_INNER_TERMINAL = re.compile("[" + re.escape(_TERMINALS) + "]")
# A line of nothing but these is no sentence (blingfire drops it).
_BLANK = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "\u200b\u200c\u200d\u2060\ufeff"


def split_sentences(text: str) -> list[Sentence]:
    return [Sentence.of(text, a, b) for a, b in sentence_spans(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text`` (see the module guarantee)."""
    if not text or text.isspace():
        return []
    spans = _merge_abbreviations(text, _blingfire_spans(text))
    if "." in text or "!" in text or "?" in text:
        spans = _cut(text, spans)
    return spans


def _blingfire_spans(text: str) -> list[list[int]]:
    """Spans of the lines of ``text``; only lines with a possible inner boundary go to blingfire,
    all of them in one call (a one-sentence line, common in news, costs a strip)."""
    import blingfire

    spans: list[list[int] | None] = []
    hard: list[tuple[int, str]] = []  # (offset, line) of the lines blingfire must split
    pos = 0
    for line in text.split("\n"):
        core = line.rstrip()
        if core and (line.isascii() or core.strip(_BLANK)):
            if _INNER_TERMINAL.search(core.rstrip(_CLOSING_RUN)):
                hard.append((pos, line))
                spans.append(None)  # where this line's sentences go
            else:
                spans.append([pos + len(core) - len(core.lstrip()), pos + len(core)])
        pos += len(line) + 1
    if not hard:
        return spans  # type: ignore[return-value]
    # blingfire joins lines; the Unicode paragraph separator is a boundary it keeps. It also ends
    # the last line, which blingfire would otherwise treat unlike the others (it splits a closing
    # " »" off the end of its input into a sentence of its own).
    flat = _PARA.join(line for _, line in hard) + _PARA
    per_line: list[list[list[int]]] = [[] for _ in hard]
    k, line_start, cursor = 0, 0, 0
    for piece in blingfire.text_to_sentences(flat).split("\n"):
        for part in piece.split(_PARA):
            part = part.strip()
            if not part:
                continue
            at = flat.find(part, cursor)
            if at < 0:  # blingfire rewrote whitespace inside: take its exact offsets per line
                return _exact_spans(text, blingfire)
            while at >= line_start + len(hard[k][1]) + 1:  # the part lies in a later line
                line_start += len(hard[k][1]) + 1
                k += 1
            offset = hard[k][0] - line_start
            per_line[k].append([at + offset, at + len(part) + offset])
            cursor = at + len(part)
    found = iter(per_line)
    return [span for entry in spans for span in ([entry] if entry is not None else next(found))]


def _exact_spans(text: str, blingfire) -> list[list[int]]:
    spans: list[list[int]] = []
    pos = 0
    for para in text.split("\n"):
        if para.strip():
            for a, b in blingfire.text_to_sentences_and_offsets(para)[1]:
                s, e = _trim(text, pos + a, pos + b)
                if e > s:
                    spans.append([s, e])
        pos += len(para) + 1
    return spans


def _merge_abbreviations(text: str, spans: list[list[int]]) -> list[list[int]]:
    out: list[list[int]] = []
    for span in spans:
        if out:
            s, e = out[-1]
            # a 6-character tail holds the longest match, and is too long for a false "^" match
            if (
                text[e - 1] == "."
                and "\n" not in text[e : span[0]]
                and (
                    _TRAILING_ABBREV.search(text[max(s, e - _ABBREV_TAIL) : e])
                    or _ordinal_inside(text, s, e, span[0])
                )
            ):
                out[-1][1] = span[1]
                continue
        out.append(span)
    return out


def _ordinal_inside(text: str, s: int, e: int, nxt: int) -> bool:
    """``text[s:e]`` ends in a day or ordinal written "10." (German, Polish, Czech, Turkish, the
    Nordic languages...) and the next piece goes on in lower case or with a month name ("bis zum
    10. Dezember", "do 3. října"): the full stop is the ordinal's, not the sentence's."""
    m = _ORDINAL_END.search(text, max(s, e - 4), e)
    if m is None:
        return False
    word = _FIRST_WORD.match(text, nxt)
    if word is None:
        return False
    w = word.group(0)
    return w[:1].islower() or w.lower().rstrip(".") in _months()


def _cut(text: str, spans: list[list[int]]) -> list[tuple[int, int]]:
    cuts = [m.end() for m in _MISSED_BOUNDARY.finditer(text)]
    if not cuts:
        return [(a, b) for a, b in spans]
    out: list[tuple[int, int]] = []
    for a, b in spans:
        inner = cuts[bisect_right(cuts, a) : bisect_right(cuts, b - 1)]
        for x, y in zip([a, *inner], [*inner, b], strict=True):
            x, y = _trim(text, x, y)
            if y > x:
                out.append((x, y))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
