"""Sentence segmentation with character offsets into the text.

Paragraphs (lines) are split first, then each paragraph by blingfire (fast, multilingual,
handles CJK full stops). Two repairs on top, both language-general:
- a "sentence" that ends in a short title-like abbreviation ("Dr.", "Mr.", "Gen.") is merged with
  the next one;
- a full stop glued to a capitalised word ("them.White House") is a boundary;
- so is a full stop after a lower-case word followed by an initial ("said. J. R. Berg").
"""

from __future__ import annotations

import re

from storytrace.model import Sentence

# A short capitalised abbreviation at the end of a piece: "Dr.", "Mrs.", "Prof.", "Sen.", "St.".
_TRAILING_ABBREV = re.compile(r"(?:^|\s)(?:[A-Z][a-z]{0,3}|[A-Z])\.$")
# Lower-case letter, full stop, capitalised word with no space between: a lost space.
_GLUED = re.compile(r"(?<=[a-z\u00e0-\u00ff]{2}[.!?])(?=[A-Z][a-z])")
# A sentence ending in a lower-case word, then a name that starts with an initial ("said. J. R. Berg"):
# blingfire keeps these together because it takes "J." for an abbreviation.
_BEFORE_INITIAL = re.compile(r"(?<=[a-z\u00e0-\u00ff]{2}[.!?] )(?=[A-Z]\. ?[A-Z])")


def split_sentences(text: str) -> list[Sentence]:
    import blingfire

    out: list[Sentence] = []
    pos = 0
    for para in text.split("\n"):
        start = pos
        pos += len(para) + 1
        if not para.strip():
            continue
        offsets = _offsets(para, blingfire)
        spans: list[list[int]] = []
        for a, b in offsets:
            if spans and _TRAILING_ABBREV.search(para[spans[-1][0] : spans[-1][1]]):
                spans[-1][1] = b
            else:
                spans.append([a, b])
        for a, b in spans:
            piece = para[a:b]
            cuts = sorted({m.start() for rx in (_GLUED, _BEFORE_INITIAL) for m in rx.finditer(piece)})
            bounds = [0, *cuts, len(piece)]
            for x, y in zip(bounds, bounds[1:], strict=False):
                s, e = start + a + x, start + a + y
                # trim whitespace so text[start:end] is the bare sentence
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                if e > s:
                    # offsets are correct by construction: skip pydantic validation (hot path)
                    out.append(Sentence.model_construct(start=s, end=e, text=text[s:e]))
    return out


def _offsets(para: str, blingfire) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph.

    blingfire's own offset call maps UTF-8 bytes to characters in Python and costs more than the
    split itself; locating each returned sentence with ``str.find`` gives the same spans. If a
    sentence is not found verbatim (blingfire rewrote whitespace), the slow exact call is used.
    """
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in blingfire.text_to_sentences(para).split("\n"):
        if not piece:
            continue
        at = para.find(piece, cursor)
        if at < 0:
            return [tuple(x) for x in blingfire.text_to_sentences_and_offsets(para)[1]]
        spans.append((at, at + len(piece)))
        cursor = at + len(piece)
    return spans
