"""CLI: help with examples, report files, single-file outputs, --quiet, stdin, exit codes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from storytrace.cli import app
from storytrace.testing.generator import GeneratorConfig, write_corpus

FAST = ["--embeddings", "none", "--stages", "clean,text,group"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    truth = write_corpus(root / "articles", GeneratorConfig(stories=2, per_story=3, seed=5))
    (root / "articles" / "truth.json").unlink()  # not an article
    return root / "articles", truth


def _run(args, input=None):
    return CliRunner().invoke(app, args, input=input)


def test_help_shows_examples():
    res = _run(["--help"])
    assert res.exit_code == 0 and "Examples" in res.output and "storytrace analyze" in res.output
    res = _run(["analyze", "--help"])
    assert res.exit_code == 0 and "--quiet" in res.output and "Examples" in res.output


def test_analyze_dir_writes_three_reports(corpus, tmp_path):
    articles, truth = corpus
    out = tmp_path / "rep"
    res = _run(["analyze", str(articles), "--out", str(out), *FAST])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json", "report.md"]
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    n = len(data["articles"]) + sum(len(g["members"]) - 1 for g in data["duplicates"] if g["kind"] == "exact")
    assert n == truth["n_articles"]


@pytest.mark.parametrize("flag,marker", [("--json", "{"), ("--md", "#"), ("--html", "<")])
def test_single_file_outputs(corpus, tmp_path, flag, marker):
    articles, _ = corpus
    target = tmp_path / "one"
    res = _run(["analyze", str(articles), flag, str(target), "--out", str(tmp_path / "unused"), *FAST])
    assert res.exit_code == 0, res.output
    assert target.read_text(encoding="utf-8").lstrip().startswith(marker)
    assert not (tmp_path / "unused").exists()


def test_quiet_prints_nothing(corpus, tmp_path):
    articles, _ = corpus
    res = _run(["analyze", str(articles), "--quiet", "--json", str(tmp_path / "r.json"), *FAST])
    assert res.exit_code == 0 and res.output == ""


def test_stdin_jsonl(tmp_path):
    lines = [
        json.dumps(
            {"id": f"s{i}", "text": f"Report number {i} says the bridge in town {i} reopened on Monday."}
        )
        for i in range(3)
    ]
    res = _run(
        ["analyze", "-", "--quiet", "--json", str(tmp_path / "r.json"), *FAST], input="\n".join(lines) + "\n"
    )
    assert res.exit_code == 0, res.output
    ids = {a["id"] for a in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["articles"]}
    assert len(ids) == 3 and all(any(f"s{i}" in x for x in ids) for i in range(3))


def test_exit_2_when_nothing_analysed(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    res = _run(["analyze", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "rep"), *FAST])
    assert res.exit_code == 2


@pytest.mark.parametrize(
    "option,value,message",
    [
        ("--embeddings", "e6", "unknown embeddings 'e6'"),
        ("--stages", "clean,txet", "unknown stage 'txet'"),
    ],
)
def test_bad_options_are_usage_errors_before_any_input_is_read(tmp_path, monkeypatch, option, value, message):
    import storytrace.ingest

    def must_not_read(*args, **kwargs):
        raise AssertionError("input was read before the options were checked")

    monkeypatch.setattr(storytrace.ingest, "read_inputs", must_not_read)
    (tmp_path / "a.txt").write_text("Some article text about a bridge.", encoding="utf-8")
    res = _run(["analyze", str(tmp_path), "--out", str(tmp_path / "rep"), *FAST, option, value])
    assert res.exit_code == 2
    assert message in " ".join(res.output.split()) and "Traceback" not in res.output


def test_a_second_run_on_a_locked_state_waits_then_says_why(corpus, tmp_path):
    import fcntl
    import os

    from storytrace.store.lock import LOCK_NAME

    articles, _ = corpus
    state = tmp_path / "state"
    state.mkdir()
    fd = os.open(state / LOCK_NAME, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another run holds the state directory
        res = _run(
            [
                "analyze",
                str(articles),
                "--state",
                str(state),
                "--wait",
                "0.3",
                "--quiet",
                "--json",
                str(tmp_path / "r.json"),
                *FAST,
            ]
        )
        assert res.exit_code == 2
        assert "in use by another storytrace run" in " ".join(res.output.split())
        assert not (tmp_path / "r.json").exists() and not (state / "stories.json").exists()
    finally:
        os.close(fd)
    res = _run(
        [
            "analyze",
            str(articles),
            "--state",
            str(state),
            "--quiet",
            "--json",
            str(tmp_path / "r.json"),
            *FAST,
        ]
    )
    assert res.exit_code == 0, res.output
    assert (state / "stories.json").exists()


def test_a_waiting_run_goes_on_when_the_lock_is_released(corpus, tmp_path):
    import fcntl
    import os
    import threading

    from storytrace.store.lock import LOCK_NAME

    articles, _ = corpus
    state = tmp_path / "state"
    state.mkdir()
    fd = os.open(state / LOCK_NAME, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    threading.Timer(0.5, os.close, [fd]).start()  # the other run ends
    res = _run(
        [
            "analyze",
            str(articles),
            "--state",
            str(state),
            "--wait",
            "30",
            "--json",
            str(tmp_path / "r.json"),
            *FAST,
        ]
    )
    assert res.exit_code == 0, res.output
    assert "waiting up to 30 s for another run" in " ".join(res.output.split())


@pytest.mark.parametrize("damage", ["stories.json", "centroids.npy", "whole.npy", "stories.json shape"])
def test_a_damaged_state_says_which_file_and_is_left_as_it_was(corpus, tmp_path, damage):
    """A truncated index file ends the run with one line naming it (exit 2), and the directory is
    not overwritten; the kept lead vectors (``whole.npy``) are only a cache: computed again."""
    articles, _ = corpus
    state = tmp_path / "state"
    args = ["analyze", str(articles), "--state", str(state), "--quiet", "--json", str(tmp_path / "r.json"), *FAST]
    assert _run(args).exit_code == 0
    path = state / damage.split()[0]
    assert path.exists()
    if damage.endswith("shape"):  # JSON, but not an index's
        meta = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps({**meta, "anchors": 5}), encoding="utf-8")
    else:
        path.write_bytes(path.read_bytes()[:60])
    before = {p.name: p.read_bytes() for p in state.iterdir() if p.suffix in (".json", ".npy")}
    res = _run(args)
    said = " ".join(res.output.split())
    if damage == "whole.npy":
        assert res.exit_code == 0, res.output
        assert json.loads((tmp_path / "r.json").read_text())["stories"]
    else:
        assert res.exit_code == 2 and str(path) in said and "another --state" in said and "Traceback" not in said
        assert {p.name: p.read_bytes() for p in state.iterdir() if p.suffix in (".json", ".npy")} == before
