"""A logistic line classifier over :mod:`.signals`: the probability that a line is page furniture.

Guarantee: the weights (:mod:`.furniture_weights`) were fitted by ``eval/furniture.py --train`` on
the generator's corpora, the hand-written training pages of tests/data/furniture-train and the
tuning half of trafilatura's evaluation pages -- never on the stories-dev clusters nor on the
held-out pages -- and hold only numbers. :func:`furniture_reason` never lets the model remove a
plain body sentence (:func:`.signals.is_body_sentence`): only :func:`strong_evidence` can.
"""

from __future__ import annotations

import math

from storytrace.clean.furniture_weights import WEIGHTS
from storytrace.clean.options import CleanOptions
from storytrace.clean.signals import (
    FEATURES,
    Page,
    has_cue,
    is_list_item,
    is_table_row,
    is_teaser,
    line_features,
    voice,
)

_W = [WEIGHTS.get(name, 0.0) for name in FEATURES]
_IDX = {name: i for i, name in enumerate(FEATURES)}


def probability(x: list[float]) -> float:
    z = sum(w * v for w, v in zip(_W, x, strict=True))
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def _reason(x: list[float]) -> str:
    """A readable name for what the line looks like (the removal itself is the model's)."""
    f = dict(zip(FEATURES, x, strict=True))
    if f["byline"]:
        return "byline"
    if f["author_name"]:
        return "author-bio"
    if f["cta_count"] or f["address"]:
        return "promo"
    if f["sep"]:
        return "navigation"
    return "furniture"


def strong_evidence(x: list[float]) -> str | None:
    """What makes a plain sentence furniture regardless of its prose shape, or ``None``: a call to
    action addressed to the reader or naming the outlet itself ("Follow X for ...", "Tell us in the
    comments"), or a sentence naming the byline's author after the head (an author bio), or the
    outlet's own name in a line typed glued to the page's furniture (a bio, a slogan)."""
    f = dict(zip(FEATURES, x, strict=True))
    calls = f["cta_count"] > 0
    opens_call = f["cta_start"] or f["question"] or f["cta_count"] >= 2 / 3
    if calls and (f["address"] or f["own_name"]) and opens_call:
        return "promo"
    if f["author_name"] and not f["byline"] and not f["head_run"]:
        return "author-bio"
    if f["own_name"] and f["glued"] and not f["head_run"]:
        return "author-bio" if not calls else "promo"
    return None


def furniture_reason(k: int, page: Page, opts: CleanOptions | None = None) -> str | None:
    """The removal reason of line ``k``, or ``None`` (keep). A plain body sentence goes only on
    :func:`strong_evidence`; any other line by the model, when it has a cue (:func:`.signals.has_cue`).
    ``opts``: the model's cut and domain and the teasers' lengths (defaults when None)."""
    opts = opts or CleanOptions()
    line = page.lines[k]
    if is_table_row(line) or line.count(" ") >= opts.model.max_words:
        return None
    if is_teaser(line, opts.teasers):  # "See also: <headline>": a link out, wherever it stands
        return "related-link"
    said = voice(line, page)
    if page.bodylike[k] and not (said.cta or said.own or said.author):
        # a plain sentence that neither calls on the reader nor names the outlet or the author:
        # no strong evidence can be found (the rest of its features are not computed)
        return None
    x = line_features(k, page, said)
    if is_list_item(line) and not x[_IDX["cta_count"]]:
        return None
    if x[_IDX["body_sentence"]]:
        return strong_evidence(x)
    if not has_cue(x):  # shape alone (short, no full stop) is also a heading's or a list item's
        return None
    if probability(x) < opts.model.threshold:
        return strong_evidence(x)
    return _reason(x)
