"""The clean stage's options: the cut-offs of its line rules, page steps, credits and line statistics.

Word counts are a line's words (spaces + 1) unless a field says otherwise. What chose the defaults
(docs/EVALUATION.md, "Cleaning"): the line rules (``clean/lines.py``) were written against the
generator, the seeds and tests/data/html; the page steps (``clean/article.py``: tail lists, pull
quotes, teasers, foot calls, furniture runs) from what was missed on the stories-dev clusters and on
the tuning half of the trafilatura pages, and checked on the other sets (held-out trafilatura half,
tests/data/furniture*, BBC, PolNeAR). The line model's weights are fitted data
(``clean/furniture_weights.py``, ``eval/furniture.py --train``), not options; so are its features'
definitions (``clean/signals.py``), on which the weights were fitted.
"""

from __future__ import annotations

from pydantic import Field

from storytrace.clean.furniture_weights import THRESHOLD
from storytrace.options import Options

# The line model's domain: ``eval/furniture.py --train`` fits it on lines of at most this many words
# (``ModelOptions.max_words`` defaults to it; a run may set another, the fit does not follow).
MAX_MODEL_WORDS = 35


class LineRuleOptions(Options):
    """One line's shape and keyword family (``clean/lines.py`` ``classify_line``)."""

    max_furniture_words: int = Field(60, ge=0)
    """A longer line is a body paragraph whatever it holds (captions and notices are shorter)."""
    shape_words: int = Field(30, ge=0)
    """Only lines of at most this many words are judged by their shape (share bars, bylines,
    breadcrumbs, keyword lists, short promos, code, links, ellipsis teasers); a longer one only by a
    copyright, a disclaimer or a caption credit."""
    copyright_words: int = Field(40, ge=0)
    """A copyright notice has at most this many words."""
    keyword_words: int = Field(25, ge=0)
    """The keyword-family rules (related link, promo, prompt, tags, navigation, cookie notice, meta)
    take lines of at most this many words; so do a disclaimer anywhere in the article and a caption
    judged on the whole line (a longer one on its last `caption_tail_chars`)."""
    caption_tail_chars: int = Field(130, ge=0)
    """A long line is looked at for a caption credit only in its last this many characters (a
    caption's credit stands at its end)."""
    continues_words: int = Field(12, ge=0)
    """"The story continues below" and its kin: at most this many words."""
    prompt_words: int = Field(20, ge=0)
    """A prompt word anywhere in the line (subscribe, sign up, ...) makes a promo of a line of at most
    this many words (addressed to the reader or without a sentence end)."""
    navigation_words: int = Field(12, ge=0)
    """A navigation line ("Skip to content", "Next article"): at most this many words."""
    cookie_words: int = Field(8, ge=0)
    """A consent line this short goes even when it reads as a sentence not addressed to the reader."""
    meta_words: int = Field(12, ge=0)
    """A publication meta line ("Updated: 10:41", a date alone, "Posted by ..."): at most this many
    words."""
    timestamp_words: int = Field(8, ge=0)
    """A date line without a sentence end: at most this many words ..."""
    timestamp_other_words: int = Field(2, ge=0)
    """... of which at most this many are not part of the date ("Last change 14.02.2019")."""
    share_bar_words: int = Field(6, ge=0)
    """A line of share words without bar separators ("Share Tweet Email"): at most this many words."""
    byline_words: int = Field(12, ge=0)
    """A byline at the article's head: at most this many words."""
    bar_segment_words: int = Field(6, ge=0)
    """Each segment of a navigation bar or breadcrumb ("Home › World › Europe") has at most this many
    words."""
    breadcrumb_segments: int = Field(3, ge=2)
    """A bar of this many segments is a breadcrumb anywhere (with fewer it needs a home word)."""
    keyword_list_words: int = Field(16, ge=0)
    """A keyword list at the head or tail ("a, b, c, d"): at most this many words ..."""
    keyword_list_commas: int = Field(3, ge=1)
    """... at least this many commas ..."""
    keyword_item_words: int = Field(3, ge=1)
    """... and no item longer than this many words."""
    promo_words: int = Field(6, ge=0)
    """A short promo line ("LISTEN LIVE", "Watch now"): at most this many words ..."""
    promo_capitals: float = Field(0.8, ge=0.0, le=1.0)
    """... and at least this share of its words capitalised."""
    link_words: int = Field(10, ge=0)
    """A bare link or handle line without a sentence end: at most this many words."""
    ellipsis_words: int = Field(20, ge=0)
    """A line ending in an ellipsis at the head or tail (a teased headline): at most this many words
    ..."""
    ellipsis_capitals: float = Field(0.6, ge=0.0, le=1.0)
    """... and at least this share of its words capitalised (a headline in Title Case)."""
    credit_only_words: int = Field(15, ge=0)
    """A line that is only a photo credit ("Photo: A B / Agency"): at most this many words."""
    caption_credit_words: int = Field(14, ge=0)
    """A caption's trailing "/ AGENCY Name" credit: at most this many words."""
    disclaimer_words: int = Field(5, ge=1)
    """A line holding this many distinct disclaimer words is a disclaimer anywhere ..."""
    edge_disclaimer_words: int = Field(3, ge=1)
    """... at the article's head or tail, this many."""


class TeaserOptions(Options):
    """Links to other articles: "Label: headline" teasers and "may also interest you" headings
    (``clean/signals.py`` ``is_teaser``, ``is_related_heading``; ``clean/article.py``). Written from
    the tuning half of the trafilatura pages (docs/EVALUATION.md, "Furniture on real pages")."""

    label_words: int = Field(4, ge=1)
    """A teaser's label ("See also:", "Te puede interesar:") has at most this many words."""
    min_headline_words: int = Field(3, ge=0)
    """The teased headline after the label has at least this many words ..."""
    max_words: int = Field(25, ge=0)
    """... and the whole line at most this many."""
    digit_share: float = Field(0.1, ge=0.0, le=1.0)
    """A "headline" with more than this share of digits is a spec ("Download: 250 Mbit/s")."""
    heading_words: int = Field(8, ge=1)
    """A heading that offers other articles ("You may also be interested in:") has at most this
    many words."""
    under_heading_words: int = Field(16, ge=0)
    """The short lines without a sentence end right under such a heading (at most this many words)
    are its teasers."""


class ModelOptions(Options):
    """The furniture line model (``clean/linemodel.py``): when it may decide, and its cut."""

    threshold: float = Field(THRESHOLD, ge=0.0, le=1.0)
    """A line the model decides goes at this probability of furniture and above. The default is
    the fitted one (``furniture_weights.THRESHOLD``; ``eval/furniture.py --train`` takes the lowest
    of a grid from 0.30 at which at most 2 % of the training body lines would go: today the floor)."""
    max_words: int = Field(MAX_MODEL_WORDS, ge=0)
    """A line of more than this many words is a paragraph: neither the model nor strong evidence
    removes it (the model was fitted on shorter lines only: raising this lets it judge lines of a
    kind it never saw)."""
    foot_call_words: int = Field(2, ge=1)
    """A sentence in the page's foot block (the line above it removed, nothing after it) goes as a
    promo when it holds this many call words, or one that opens it."""


class PageOptions(Options):
    """The article-level steps (``clean/article.py``): title, comments, tail lists, furniture runs,
    pull quotes and credits' positions."""

    edge_lines: int = Field(3, ge=0)
    """Lines this close to either end are the article's head or tail (where bylines, keyword lists,
    breadcrumbs and credits that name no agency are looked for)."""
    sign_off_lines: int = Field(2, ge=0)
    """A bare sign-off ("– ABC") is a credit only in the article's last this many lines."""
    credit_tail_share: float = Field(1 / 3, ge=0.0, le=1.0)
    """A credit that names no agency ("Compiled from agency reports") stands at the head or in this
    last share of the article."""
    comment_max_words: int = Field(80, ge=0)
    """Below a comment-section header in the article's second half, every line is a reader's
    comment when none is longer than this many words (a longer line means the header was not one)."""
    title_max_words: int = Field(25, ge=0)
    """A first line (of a text without a title) longer than this many words is body, not a
    headline ..."""
    title_max_chars: int = Field(200, ge=0)
    """... or longer than this many characters."""
    title_min_sentence_words: int = Field(4, ge=0)
    """A first line of fewer words is a headline even when it ends with a full stop."""
    title_case_share: float = Field(0.75, ge=0.0, le=1.0)
    """A full stop does not make a body sentence of a first line with at least this share of its
    words capitalised (Title Case) ..."""
    set_apart_title_words: int = Field(14, ge=0)
    """... nor of one of at most this many words set apart by a blank line above a paragraph
    `set_apart_ratio` times as long (some feeds end every headline with a full stop)."""
    set_apart_ratio: float = Field(2.0, ge=0.0)
    """How much longer than the first line a paragraph under it is in a headline's layout ..."""
    set_apart_lines: int = Field(3, ge=0)
    """... looked for among this many lines under it."""
    headline_repeat_lines: int = Field(2, ge=0)
    """A repeat of the title among the body's first this many lines goes (a duplicate headline)."""
    truncated_headline_words: int = Field(4, ge=1)
    """A "..."-truncated repeat of the headline counts when it keeps at least this many words."""
    tail_item_words: int = Field(12, ge=0)
    """After the page's last prose sentence, a line without a sentence end of at most this many words
    is an item of a link list ..."""
    tail_question_words: int = Field(4, ge=0)
    """... and so is a question of at most this many words ("Already read?")."""
    tail_removed_share: float = Field(1 / 3, ge=0.0, le=1.0)
    """Below the tail run's last removed line, such items go only when at least this share of the
    run was removed on its own: a reference list at the foot, of which the model took an item or
    two, stays."""
    page_end_labels: int = Field(2, ge=0)
    """In a text extracted from HTML, at most this many short lines after the last prose sentence go
    as labels of link lists the extraction dropped ("More on this topic")."""
    run_max_words: int = Field(20, ge=0)
    """A line typed in one block with the furniture of the page's first or last block goes with it
    when it has at most this many words and a weak cue (a lede glued to a byline is longer)."""
    pull_quote_min_words: int = Field(4, ge=1)
    """A pull quote repeats at least this many words of a longer line of the article ..."""
    pull_quote_core_share: float = Field(0.6, ge=0.0, le=1.0)
    """... which make at least this share of its characters (quote marks and a speaker aside) ..."""
    pull_quote_unquoted_words: int = Field(8, ge=0)
    """... at least this many words when it is not in quotation marks (not a name or a score) ..."""
    pull_quote_max_words: int = Field(25, ge=0)
    """... and at most this many."""


class CreditOptions(Options):
    """Credit lines (``clean/attribution.py``): how long a line that is wholly a credit can be."""

    max_words: int = Field(30, ge=0)
    """A line of more than this many words is never a credit line."""
    agency_words: int = Field(12, ge=0)
    """A credit that names no agency ("Compiled from agency reports") has at most this many words."""
    short_words: int = Field(5, ge=0)
    """A short "with X" sign-off ("Avec AFP", "Mit dpa") has at most this many words."""
    name_max_chars: int = Field(60, ge=1)
    """A credited name longer than this many characters is not a name."""
    sign_off_acronym_chars: int = Field(4, ge=1)
    """A bare sign-off at the article's end ("– ABC") names a capitalised name or a word of at most
    this many letters (an agency's acronym written in lower case), not an ordinary word."""


class RepeatOptions(Options):
    """Lines that recur across unrelated articles (``clean/stats.py`` ``LineStats``)."""

    sample: int = Field(12, ge=1)
    """Articles looked at per repeated line when judging whether its carriers are related (bounds
    the work of a line every article repeats)."""
    related_overlap: float = Field(0.34, ge=0.0, le=1.0)
    """Two articles sharing at least this share of the smaller one's lines are one story's copies
    (count as one group) ..."""
    related_vocab: float = Field(0.2, ge=0.0, le=1.0)
    """... or at least this Jaccard similarity of their content words (one story told twice)."""
    source_groups_label: int = Field(2, ge=1)
    """A label ("Getty Images", "Editor's picks") is furniture when it recurs in this many unrelated
    groups of one source's articles ..."""
    corpus_groups_label: int = Field(3, ge=1)
    """... or in this many across the corpus."""
    source_groups_sentence: int = Field(3, ge=1)
    """A full sentence recurs in unrelated stories as body too (a stock phrase): it must recur within
    one source in this many unrelated groups ..."""
    source_share_sentence: float = Field(0.2, ge=0.0, le=1.0)
    """... and in at least this share of that source's articles."""


class CleanOptions(Options):
    """Page furniture out of the text, credit lines kept as attributions (the line model's weights
    and its features' definitions are fitted data, not options: ``clean/furniture_weights.py``)."""

    lines: LineRuleOptions = Field(default_factory=LineRuleOptions)
    """The line rules: one line's shape and keyword family."""
    teasers: TeaserOptions = Field(default_factory=TeaserOptions)
    """Teasers and headings that offer other articles."""
    model: ModelOptions = Field(default_factory=ModelOptions)
    """The furniture line model's cut and its domain."""
    page: PageOptions = Field(default_factory=PageOptions)
    """The article-level steps: title, comments, tail lists, furniture runs, pull quotes."""
    credits: CreditOptions = Field(default_factory=CreditOptions)
    """Credit lines."""
    repeats: RepeatOptions = Field(default_factory=RepeatOptions)
    """Lines recurring across unrelated articles (corpus statistics)."""
