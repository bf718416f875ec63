"""Optional LLM rewrite of a brief through an OpenAI-compatible ``/v1/chat/completions`` endpoint.

Guarantee: the result has the same sentences, sections and citations as the input; a rewritten
sentence replaces the extractive one only if every number and capitalised name it states occurs
in the cited articles and its word overlap with the original is high enough. Any network or
format error keeps the extractive brief.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.request

from storytrace.config import Config
from storytrace.model import Article, BriefSentence
from storytrace.text import fold, tokens

log = logging.getLogger(__name__)
_FACT = re.compile(r"\d[\d,.]*|\b[A-Z][\w\-]+")
PROMPT = (
    "Rewrite each numbered sentence of this news brief to read fluently. Keep every fact, add "
    "nothing, keep the numbering, one sentence per line as 'N. text'."
)


def _call(url: str, model: str | None, lines: list[str], timeout: float) -> dict[int, str]:
    endpoint = url.rstrip("/")
    if not endpoint.endswith("/chat/completions"):
        endpoint += "/chat/completions" if endpoint.endswith("/v1") else "/v1/chat/completions"
    body = {
        "model": model or "default",
        "temperature": 0,
        "messages": [
            {"role": "system", "content": PROMPT},
            {"role": "user", "content": "\n".join(f"{i + 1}. {t}" for i, t in enumerate(lines))},
        ],
    }
    req = urllib.request.Request(
        endpoint, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - user-given URL
        content = json.load(resp)["choices"][0]["message"]["content"]
    out: dict[int, str] = {}
    for line in content.splitlines():
        m = re.match(r"\s*(\d+)[.)]\s*(.+)", line)
        if m:
            out[int(m.group(1)) - 1] = m.group(2).strip()
    return out


def supported(rewrite: str, original: str, cited: str, min_overlap: float) -> bool:
    """True if ``rewrite`` states nothing beyond ``original`` and the cited text: every number and
    name is in them, and ``min_overlap`` of its content words."""
    known = set(tokens(original + " " + cited))
    evidence = fold(original + " " + cited).lower()
    for fact in _FACT.findall(rewrite):
        fact = fold(fact.rstrip(".,")).lower()
        if fact not in known and (fact[:1].isdigit() or fact not in evidence):
            return False  # a number or name no cited passage carries
    words = [t for t in tokens(rewrite) if len(t) > 3]
    if not words:
        return False
    return sum(w in known for w in words) / len(words) >= min_overlap


def rewrite(brief: list[BriefSentence], articles: dict[str, Article], config: Config) -> list[BriefSentence]:
    opts = config.options("brief")
    if not brief or not opts.llm_url:
        return brief
    try:
        answers = _call(opts.llm_url, opts.llm_model, [b.text for b in brief], opts.llm_timeout)
    except Exception as exc:  # any failure keeps the extractive brief
        log.warning("LLM rewrite failed (%s); keeping the extractive brief", exc)
        return brief
    out = []
    for i, b in enumerate(brief):
        new = answers.get(i)
        cited = " ".join(articles[a].text for a in b.citations if a in articles)
        if new and supported(new, b.text, cited, opts.llm_min_overlap):
            out.append(BriefSentence(text=new, citations=b.citations, section=b.section))
        else:
            out.append(b)
    return out
