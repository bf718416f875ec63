"""Line profiles of a raw text: each line's hash, whether it is a sentence, the content words.

Read by ingest (computed while a JSONL record is parsed, in its worker) and by clean (the corpus
statistics of recurring lines), so it lives in the text layer that both build on.
"""

from __future__ import annotations

import re
from array import array
from typing import TYPE_CHECKING

from storytrace.text.normalize import fold

if TYPE_CHECKING:
    import numpy as np

# Lines longer than this are paragraphs; they are not counted (keeps the table small).
MAX_LINE_CHARS = 300
# Characters of sentences and paragraphs read for the content words.
VOCAB_CHARS = 3000
# Content words: letters only, five or more (short words are mostly function words).
_VOCAB_WORD = re.compile(r"[^\W\d_]{5,}")
_ASCII_VOCAB_WORD = re.compile(r"[a-z]{5,}")
# A full sentence has at least this many words (a label such as "FULL TEXT." has fewer).
SENTENCE_MIN_WORDS = 4

# Per article: each line's hash, which lines are sentences (a byte each), the content words.
Profile = tuple[array, bytes, "np.ndarray"]


def line_profile(raw: str, low: str | None = None) -> Profile:
    """Each line's hash (0 for a paragraph, never furniture), whether it is a sentence
    (:func:`is_sentence`), and the text's content words (hashed, sorted) from its sentences and
    paragraphs: a site's shared labels ("Morning Edition", "Share | Email") would make any two
    of its articles look alike, and they are not sentences. Hashes are ``hash()`` values:
    comparable only within one process and its forks. ``low`` is ``fold(raw).lower()`` when the
    caller has it."""
    import numpy as np

    raw_lines = raw.split("\n")
    # every line's normal form from one fold and one lower-casing of the whole text (both work
    # character by character and never make or remove a line break), whitespace collapsed per line
    low_lines = (fold(raw).lower() if low is None else low).split("\n")
    hashes = array("q")
    sentences = bytearray()
    vocab_lines: list[str] = []
    for line, low in zip(raw_lines, low_lines, strict=True):
        line = line.strip()
        if not line:
            continue
        if len(line) > MAX_LINE_CHARS:
            hashes.append(0)
            sentences.append(0)
            vocab_lines.append(low.strip())
        else:
            hashes.append(hash(" ".join(low.split())))  # == hash(line_key(line))
            sentence = is_sentence(line)
            sentences.append(sentence)
            if sentence:
                vocab_lines.append(low.strip())
    distinct = set(vocabulary(" ".join(vocab_lines)[:VOCAB_CHARS]))  # hash each word once
    # distinct words have distinct hashes (a 64-bit collision aside): a sort, not np.unique
    words = np.fromiter(map(hash, distinct), dtype=np.int64, count=len(distinct))
    words.sort()
    return hashes, bytes(sentences), words


def vocabulary(low: str) -> list[str]:
    """The content words of lower-cased ``low`` (``_VOCAB_WORD``). Folding maps no letter to a
    non-letter or back, so when the text is ASCII once folded (pass it folded: nothing to redo)
    its words are the ASCII-letter runs: the same words, found three times faster than by the
    Unicode letter class."""
    if low.isascii():
        return _ASCII_VOCAB_WORD.findall(low)
    folded = fold(low)
    return _ASCII_VOCAB_WORD.findall(folded) if folded.isascii() else _VOCAB_WORD.findall(low)


def is_sentence(line: str) -> bool:
    """A full sentence (several words, ending like one), as opposed to a label."""
    return line.rstrip("\"'”’)»").endswith((".", "!", "?")) and line.count(" ") >= SENTENCE_MIN_WORDS - 1
