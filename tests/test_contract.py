"""The stage contract is executable: a run whose stages miss what a stage requires fails before
anything runs, with a message naming the stage to add; each stage fills what it declares; and one
story analysed alone (``analyze_story``) gets the analysis it gets inside a whole run."""

from __future__ import annotations

import pickle

import pytest
from typer.testing import CliRunner

from storytrace import analyze_story, contract
from storytrace.cli import app
from storytrace.config import Config
from storytrace.model import Article, Corpus, Story
from storytrace.pipeline import DEFAULT_PIPELINE, analyze, check_options, ingest, run_pipeline
from storytrace.testing.example import write_example
from storytrace.testing.generator import GeneratorConfig, write_corpus

# What the story stages fill (their declared assigns, as model fields): compared story by story.
STORY_FIELDS = [
    "edges",
    "origin",
    "origin_confidence",
    "origin_reasons",
    "originality",
    "claims",
    "quotes",
    "brief",
]
FAST = Config(quiet=True, progress=False, embeddings="static")


def test_provenance_alone_asks_for_align():
    with pytest.raises(ValueError) as err:
        check_options(Config(), ["provenance"])
    assert "provenance requires story alignment: add align" in str(err.value)


def test_a_stage_before_its_provider_is_told_the_order():
    with pytest.raises(ValueError, match="group requires cleaned article text: run clean before group"):
        check_options(Config(), ["group", "clean"])


@pytest.mark.parametrize(
    ("dropped", "needed_by"),
    [
        ("clean", "text"),
        ("text", "align"),
        ("align", "provenance"),
        ("provenance", "facts"),
        ("facts", "brief"),
    ],
)
def test_dropping_a_stage_a_later_one_needs_is_refused(dropped, needed_by):
    with pytest.raises(ValueError, match=f"{needed_by} requires .*: add {dropped}"):
        check_options(Config(), [s for s in DEFAULT_PIPELINE if s != dropped])


def test_run_pipeline_checks_before_anything_runs(tmp_path):
    write_example(tmp_path)
    corpus = ingest([tmp_path], FAST)
    with pytest.raises(ValueError, match="provenance requires story alignment: add align"):
        run_pipeline(corpus, FAST, ["clean", "text", "group", "provenance"])
    assert all(a.text == "" for a in corpus.articles)  # clean did not run either
    assert not corpus.stories


def test_a_later_stage_never_recomputes_the_alignment():
    story = Story(id="s", articles=["a", "b"])
    arts = [
        Article(id="a", text="A bridge closed on Monday."),
        Article(id="b", text="The bridge closed Monday."),
    ]
    corpus = run_pipeline(Corpus(articles=arts, stories=[story]), FAST, ["text"])
    with pytest.raises(ValueError, match="facts requires story alignment: add align"):
        run_pipeline(corpus, FAST, ["provenance", "facts"])
    with pytest.raises(LookupError):
        _ = corpus.stories[0].alignment


def test_each_stage_fills_what_it_declares(tmp_path):
    write_example(tmp_path)
    corpus = ingest([tmp_path], FAST)
    assert contract.present(corpus) == {"article.raw"}
    for name in DEFAULT_PIPELINE:
        corpus = run_pipeline(corpus, FAST, [name])
        held = contract.present(corpus)
        declared = {s for s in contract.stage(name).assigns if contract.STATE[s].present is not None}
        assert declared <= held, f"{name} declares {declared - held} but the corpus does not hold it"


def test_stages_command_prints_the_contract():
    res = CliRunner().invoke(app, ["stages"])
    assert res.exit_code == 0
    lines = res.output.splitlines()
    assert [ln for ln in lines if not ln.startswith(" ")] == list(DEFAULT_PIPELINE)
    provenance = lines[lines.index("provenance") + 1]
    assert "story alignment" in provenance and "requires" in provenance


def _alone_equals_inside(result, config: Config) -> int:
    """Analyse each story of ``result`` alone from copies of its members; returns how many were
    compared (multi-article ones). Fails on the first field that differs."""
    compared = 0
    by_id = {a.id: a for a in result.articles}
    for story in result.stories:
        members = pickle.loads(pickle.dumps([by_id[i] for i in story.articles]))  # as a store hands them back
        given = Story(
            **story.model_dump(
                include={
                    "id",
                    "articles",
                    "duplicates",
                    "label",
                    "keywords",
                    "time_span",
                    "time_span_guessed",
                }
            )
        )
        alone = analyze_story(members, config, given)
        assert alone.model_dump(include=set(STORY_FIELDS)) == story.model_dump(include=set(STORY_FIELDS)), (
            story.id
        )
        fresh = analyze_story(pickle.loads(pickle.dumps(members)), config)  # no group record given
        assert (fresh.id, fresh.articles) == (story.id, story.articles)
        compared += len(story.articles) > 1
    return compared


def test_a_story_alone_is_analysed_as_in_the_whole_run_on_the_example(tmp_path):
    write_example(tmp_path)
    result = analyze([tmp_path], FAST)
    assert _alone_equals_inside(result, FAST) >= 1
    assert any(s.brief and s.edges for s in result.stories)  # the comparison is about real analyses


def test_a_story_alone_is_analysed_as_in_the_whole_run_on_a_generated_corpus(tmp_path):
    write_corpus(tmp_path / "c.jsonl", GeneratorConfig(stories=3, per_story=5, seed=3))
    result = analyze([tmp_path / "c.jsonl"], FAST)
    assert _alone_equals_inside(result, FAST) >= 3
    assert sum(len(s.claims) for s in result.stories) > 0
