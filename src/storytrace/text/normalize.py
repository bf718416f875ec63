"""Matching forms of text: folded quotes and dashes, case, tokens, word shingles.

``Article.text`` keeps curly quotes and dashes; only these matching forms fold them."""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2033": '"', "\u2039": "'", "\u203a": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u2026": ".",
    }
)

# str.translate looks every character up in the table; a regex finds the few that fold (10x faster).
_FOLDABLE = re.compile("[" + re.escape("".join(chr(c) for c in _FOLD)) + "]")
_FOLD_CHAR = {chr(c): v for c, v in _FOLD.items()}

# Words: runs of letters/digits (any script), keeping inner apostrophes and dots of "U.N.".
_TOKEN = re.compile(r"\w+(?:['.]\w+)*", re.UNICODE)
# Scripts written without spaces: each character is a token (bigram shingles then carry order).
_NO_SPACE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff]")


def fold(text: str) -> str:
    """Quotes and dashes to ASCII, odd spaces to plain ones; length-preserving (offsets stay valid)."""
    if text.isascii():
        return text
    return _FOLDABLE.sub(lambda m: _FOLD_CHAR[m.group()], text)


def normal_form(text: str) -> str:
    """Folded, lower-cased, whitespace-collapsed: the form used for exact-duplicate hashing."""
    return " ".join(fold(text).lower().split())


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; dots inside abbreviations dropped ("U.N." -> "un")."""
    low = fold(text).lower()
    found = _TOKEN.findall(low)
    if "." in low:
        found = [t.replace(".", "") if "." in t else t for t in found]
    if text.isascii() or not _NO_SPACE.search(low):
        return found
    out: list[str] = []
    for tok in found:
        if _NO_SPACE.search(tok):
            out.extend(ch for ch in tok if not ch.isspace())
        else:
            out.append(tok)
    return out


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """Tokens with character offsets into ``text`` (same tokens as :func:`tokens`)."""
    low = fold(text).lower()
    if len(low) != len(text):  # a few characters change length when lower-cased (e.g. "İ")
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in fold(text))
    out: list[tuple[str, int, int]] = []
    for m in _TOKEN.finditer(low):
        tok = m.group(0)
        if _NO_SPACE.search(tok):
            for i, ch in enumerate(tok):
                out.append((ch, m.start() + i, m.start() + i + 1))
        else:
            out.append((tok.replace(".", ""), m.start(), m.end()))
    return out


def shingles(toks: list[str], n: int = 3) -> list[str]:
    """Word n-grams joined by a space (fewer than n tokens: the whole token list as one)."""
    if len(toks) < n:
        return [" ".join(toks)] if toks else []
    return [" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1)]


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
