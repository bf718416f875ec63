"""Evaluation scripts, run from the project root as ``python -m eval.<name>`` (see docs/EVALUATION.md)."""
