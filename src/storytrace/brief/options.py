"""The brief stage's options."""

from __future__ import annotations

from pydantic import Field

from storytrace.options import Options


class BriefOptions(Options):
    """The extractive, cited brief of each story, optionally rewritten by an LLM."""

    words: int = Field(150, ge=1)
    """Length of the brief's first section ("what happened"), in words (`--brief-words`)."""
    llm_url: str | None = None
    """An OpenAI-compatible endpoint that rewrites the brief (`--llm`); each rewritten sentence must
    keep its facts and citations or the extractive one stays."""
    llm_model: str | None = None
    """The model name sent to `llm_url` (the endpoint's default when unset)."""
