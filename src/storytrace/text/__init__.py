"""Text stage: sentences with offsets, language, content hash; matching forms for later stages."""

from storytrace.text.language import detect_language
from storytrace.text.normalize import fold, normal_form, shingles, token_spans, tokens
from storytrace.text.sentences import split_sentences
from storytrace.text.stage import article_step, run

__all__ = ["article_step", "detect_language", "fold", "normal_form", "run", "shingles", "split_sentences", "token_spans", "tokens"]
