"""One configuration surface: every stage's typed options in ``Config``, filled from defaults, set
from a TOML file or dotted overrides (validated, one line per mistake), printed by
``storytrace config`` and recorded in every result."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import storytrace
from storytrace.cli import app
from storytrace.config import Config, ConfigError, apply_overrides, load, to_toml
from storytrace.group.options import GroupOptions
from storytrace.testing.example import write_example

STAGES = ["clean", "text", "group", "align", "provenance", "facts", "brief"]


def _run(args):
    return CliRunner().invoke(app, args)


def test_every_stage_has_its_options_from_defaults():
    config = Config()
    assert list(config.stages) == STAGES
    assert isinstance(config.options("group"), GroupOptions)
    assert config.options("group").batch_max == 8_000  # the documented default (group/options.py)
    assert config.ingest.max_file_bytes == 50 * 1024 * 1024


def test_options_are_validated_on_creation_and_assignment():
    with pytest.raises(ValueError):
        Config(embeddings="e6")
    with pytest.raises(ValueError):
        Config(stages={"grup": {}})
    with pytest.raises(ValueError):
        Config(stages={"group": {"batch_max": "many"}})
    config = Config()
    with pytest.raises(ValueError):
        config.options("group").batch_max = "many"
    with pytest.raises(ValueError):
        config.options("align").model_band = (0.9, 0.1)


def test_dotted_overrides_set_typed_values():
    config = apply_overrides(
        Config(),
        [
            "group.batch_max=5",
            "align.model_band=[0.1, 0.9]",
            "brief.llm_url=http://localhost:1/v1",
            "embeddings=static",
            "group.story.threshold=0.5",
            "stages.brief.words=20",
            "ingest.follow_hidden=true",
        ],
    )
    assert config.options("group").batch_max == 5
    assert config.options("align").model_band == (0.1, 0.9)
    assert config.options("brief").llm_url == "http://localhost:1/v1"
    assert config.options("brief").words == 20
    assert config.embeddings == "static"
    assert config.ingest.follow_hidden is True
    # a StoryParams value set here replaces the backend's calibration; the others stay the backend's
    params = config.options("group").story_params("static")
    assert (params.threshold, params.cosine_floor) == (0.5, 0.6)


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("group.bogus=1", "group.bogus: unknown key 'bogus'"),
        ("grup.batch_max=1", "grup.batch_max: unknown key 'grup'"),
        ("group.batch_max=many", "group.batch_max: Input should be a valid integer"),
        ("group.batch_max=0", "group.batch_max: Input should be greater than or equal to 1"),
        ("embeddings=e6", "unknown embeddings 'e6'"),
        ("provenance.min_long_run=8", "provenance.min_long_run: unknown key 'min_long_run'"),
        ("group", "expected key=value"),
    ],
)
def test_a_wrong_override_is_one_line_naming_it(override, message):
    with pytest.raises(ConfigError) as err:
        apply_overrides(Config(), [override])
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_printed_configuration_reads_back(tmp_path):
    config = apply_overrides(
        Config(), ["group.story.min_coverage=3", "align.model_max_pairs=10", "quiet=true"]
    )
    path = tmp_path / "c.toml"
    path.write_text(to_toml(config), encoding="utf-8")
    assert load(path) == config
    assert load(path) != Config()


def test_a_bad_file_is_one_line(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[stages.group]\nbatch_max = 'many'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="group.batch_max: Input should be a valid integer"):
        load(path)
    path.write_text("[stages.group\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="c.toml"):
        load(path)


def test_config_command_prints_the_effective_configuration(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[stages.group]\nbatch_max = 100\n", encoding="utf-8")
    res = _run(["config", "--config", str(path), "--set", "group.stream_chunk=7"])
    assert res.exit_code == 0, res.output
    assert "batch_max = 100" in res.output and "stream_chunk = 7" in res.output
    assert "feature_block = 5000" in res.output  # untouched: the default
    bad = _run(["config", "--set", "group.bogus=1"])
    assert bad.exit_code == 2
    assert [ln for ln in bad.output.splitlines() if ln.strip()] == [
        "storytrace: group.bogus: unknown key 'bogus'; known here: batch_max, e5_max_reps, feature_block, "
        "fork_features, full_search_below, neardup, regroup_max, rejoin, state, story, stream_chunk"
    ]


def test_cli_defaults_come_from_the_options():
    res = _run(["analyze", "--help"])
    text = " ".join(res.output.split())
    assert "default: (52,428,800)" in text  # IngestOptions' 50 MiB, not a number of its own
    assert "default: (150)" in text  # BriefOptions.words


def test_the_result_records_its_configuration_and_version(tmp_path):
    write_example(tmp_path / "in")
    out = tmp_path / "r.json"
    res = _run(
        [
            "analyze",
            str(tmp_path / "in"),
            "--json",
            str(out),
            "--quiet",
            "--embeddings",
            "none",
            "--stages",
            "clean,text,group",
            "--set",
            "group.story.threshold=0.9",
        ]
    )
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["storytrace_version"] == storytrace.__version__
    assert data["config"]["embeddings"] == "none"
    assert data["config"]["stages"]["group"]["story"]["threshold"] == 0.9
    assert Config.model_validate(data["config"]).options("group").story.threshold == 0.9


def test_set_changes_the_result_as_documented(tmp_path):
    """``--set brief.words=N`` is ``--brief-words N``: the first section ("what happened") holds about
    N words, so a short setting gives fewer sentences than the default 150."""
    from storytrace.pipeline import analyze, run_pipeline

    write_example(tmp_path)
    config = Config(quiet=True, embeddings="static")
    corpus = analyze([tmp_path], config, stages=["clean", "text", "group", "align", "provenance", "facts"])

    def first_section(words: int) -> list[str]:
        brief_config = apply_overrides(config, [f"brief.words={words}"])
        story = max(run_pipeline(corpus, brief_config, ["brief"]).stories, key=lambda s: len(s.articles))
        return [b.text for b in story.brief if b.section == "what happened"]

    short, default = first_section(20), first_section(150)
    assert 1 <= len(short) < len(default)
    assert sum(len(t.split()) for t in short) <= 20 + max(len(t.split()) for t in short)
