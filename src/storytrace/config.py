"""Run options shared by all stages."""

from __future__ import annotations

from dataclasses import dataclass, field

from storytrace.ingest.readers import IngestOptions


@dataclass
class Config:
    ingest: IngestOptions = field(default_factory=IngestOptions)
    # "auto" uses the best installed embedding model where it helps and the bundled static one
    # elsewhere; "static" never loads torch; "none" uses lexical signals only.
    embeddings: str = "auto"
    brief_words: int = 150
    llm_url: str | None = None
    llm_model: str | None = None
    quiet: bool = False
    progress: bool = True
    # Stage options by stage name, for components that take their own settings.
    stage_options: dict[str, dict] = field(default_factory=dict)
