"""Provenance stage: typed, directed reuse edges, the story's origin and per-article originality."""

from storytrace.provenance.edges import build_edges, classify, orient
from storytrace.provenance.stage import run

__all__ = ["build_edges", "classify", "orient", "run"]
