"""Exact duplicates at the door: the same normalised text is analysed once, every id recorded."""

from __future__ import annotations

import hashlib

from storytrace.model import Article, DuplicateGroup
from storytrace.text.normalize import normal_form


def exact_key(raw: str, low: str | None = None) -> bytes:
    """The exact-duplicate key of a raw text: a digest of its normal form. ``low`` is
    ``fold(raw).lower()`` when the caller has it (the normal form is that, whitespace collapsed)."""
    form = normal_form(raw) if low is None else " ".join(low.split())
    return hashlib.blake2b(form.encode("utf-8"), digest_size=16).digest()


class ExactDeduper:
    """Keeps the first article of each normalised text; later ones are recorded as members.

    Guarantee: two articles are collapsed only if their raw texts are equal after
    :func:`~storytrace.text.normalize.normal_form` (case, quotes, dashes, whitespace folded)."""

    def __init__(self) -> None:
        self._first: dict[bytes, str] = {}
        self._members: dict[str, list[str]] = {}

    def add(self, article: Article) -> bool:
        """True if ``article`` is new and should be kept."""
        key = article._key or exact_key(article._raw)  # the ingest workers may have computed it
        first = self._first.get(key)
        if first is None:
            self._first[key] = article.id
            return True
        self._members.setdefault(first, [first]).append(article.id)
        return False

    def groups(self) -> list[DuplicateGroup]:
        return [
            DuplicateGroup(representative=rep, members=members, kind="exact")
            for rep, members in self._members.items()
        ]
