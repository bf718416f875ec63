"""The clean stage's options reach the code: set through ``Config`` (or passed to a helper), an
option changes which lines go, as its description says. Pages and expected lines are hand-written."""

from __future__ import annotations

import pytest

from storytrace.clean.attribution import parse_attribution
from storytrace.clean.lines import classify_line
from storytrace.clean.options import CleanOptions, CreditOptions, LineRuleOptions
from storytrace.clean.stats import LineStats
from storytrace.config import Config, ConfigError, with_values
from storytrace.model import Article, Corpus
from storytrace.pipeline import run_pipeline

# A page whose comment section (header in the second half) holds two comments of 13 and 12 words.
COMMENTS_PAGE = (
    "Ferry service resumes after the storm\n"
    "The ferry between the two islands ran again on Thursday after three days of storms.\n"
    "Crews checked the piers and the engines before the first crossing at seven.\n"
    "The operator said the timetable would be back to normal by the weekend.\n"
    "Passengers waiting since Monday were given priority on the first boats.\n"
    "Comments\n"
    "I waited four days for this boat and nobody told us anything useful.\n"
    "Glad the crews took the time to check everything before sailing again.\n"
)
COMMENT_LINES = [
    "I waited four days for this boat and nobody told us anything useful.",
    "Glad the crews took the time to check everything before sailing again.",
]


def _clean(raw: str, config: Config) -> Article:
    art = Article(id="ferry")
    art._raw = raw
    run_pipeline(Corpus(articles=[art]), config, ["clean"])
    return art


def test_comment_length_option_decides_whether_a_comment_section_is_one():
    default = _clean(COMMENTS_PAGE, Config(progress=False, quiet=True))
    removed = {(r.text, r.reason) for r in default.removed}
    assert all((line, "comment") in removed for line in COMMENT_LINES)
    assert not any(line in default.text for line in COMMENT_LINES)
    # comments of at most 10 words: lines of 13 and 12 words mean the header was not a comment
    # section's, and the two plain sentences stay in the text
    short = Config(progress=False, quiet=True, stages={"clean": {"page": {"comment_max_words": 10}}})
    kept = _clean(COMMENTS_PAGE, short)
    assert all(line in kept.text.split("\n") for line in COMMENT_LINES)
    assert not any(r.reason == "comment" for r in kept.removed)


def test_a_dotted_override_sets_a_nested_clean_option():
    config = with_values(Config(progress=False, quiet=True), {"clean.page.comment_max_words": 10})
    assert config.options("clean").page.comment_max_words == 10
    assert all(line in _clean(COMMENTS_PAGE, config).text.split("\n") for line in COMMENT_LINES)
    with pytest.raises(ConfigError, match="comment_max_word"):
        with_values(Config(), {"clean.page.comment_max_word": 10})


# Four unrelated articles of one source, each ending with the same edition label.
UNRELATED = [
    "Floodgates failed at the harbour when the storm surge pushed seawater into the terminals.",
    "The central library reopened after renovation with a children's wing and a rooftop garden.",
    "Voters queued outside polling stations as turnout reached its highest level in decades.",
    "The striker scored twice in the second half as the visitors won the derby comfortably.",
]
LABEL = "Daily Ledger Morning Edition"


def _labelled() -> list[Article]:
    out = []
    for i, sentence in enumerate(UNRELATED):
        art = Article(id=f"u{i}", source="daily")
        art._raw = f"Headline number {i}\n{sentence}\n{LABEL}"
        out.append(art)
    return out


@pytest.mark.parametrize(("groups", "furniture"), [(2, True), (4, True), (5, False)])
def test_repeated_label_needs_the_configured_number_of_unrelated_groups(groups: int, furniture: bool):
    # the label recurs in four unrelated articles of one source: four groups
    config = Config(
        progress=False,
        quiet=True,
        stages={"clean": {"repeats": {"source_groups_label": groups, "corpus_groups_label": groups}}},
    )
    stats = LineStats.from_articles(_labelled(), config)
    assert (stats.reason("daily ledger morning edition") == "repeated-line") is furniture


def test_share_bar_length_option():
    assert classify_line("Share Tweet Email") == "prompt"
    # three share words without separators: a share bar only when such a bar may have three words
    assert classify_line("Share Tweet Email", opts=LineRuleOptions(share_bar_words=2)) is None
    assert classify_line("Share Tweet Email", opts=LineRuleOptions(share_bar_words=3)) == "prompt"


def test_credit_line_length_option():
    line = "(Reporting by Ana Ruiz; Editing by Tom Hale)"  # eight words
    assert parse_attribution(line).names == ["Ana Ruiz", "Tom Hale"]
    assert parse_attribution(line, opts=CreditOptions(max_words=7)) is None
    assert parse_attribution(line, opts=CreditOptions(max_words=8)) is not None


def test_defaults_are_the_documented_values():
    # the values docs/EVALUATION.md measured with (a change of default is a change of results)
    o = CleanOptions()
    assert (o.lines.max_furniture_words, o.page.edge_lines, o.model.max_words) == (60, 3, 35)
    assert (o.repeats.related_overlap, o.repeats.source_share_sentence) == (0.34, 0.2)
    with pytest.raises(ValueError):
        CleanOptions(lines={"no_such_cut": 1})


def test_every_clean_option_says_what_it_does():
    # `storytrace config` prints each field's description next to its value
    sections = [f.annotation for f in CleanOptions.model_fields.values()]
    assert len(sections) == 6
    for section in sections:
        assert section.__doc__
        for name, field in section.model_fields.items():
            assert field.description and len(field.description) > 20, f"{section.__name__}.{name}"
