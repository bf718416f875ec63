"""Align stage: passage and sentence alignment between the articles of each story."""

from storytrace.align.lexical import align_texts
from storytrace.align.stage import run
from storytrace.align.story import PairAlignment, SentenceMatch, StoryAlignment, align_pair, align_story

__all__ = ["PairAlignment", "SentenceMatch", "StoryAlignment", "align_pair", "align_story", "align_texts", "run"]
