"""The docs hold what the code offers (sqlite-utils' test_docs.py): every CLI command and option is
named in README.md or docs/, the README stays short, and its library example runs on the bundled
example with the result the example was written to have."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
import typer.main

from storytrace.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = [README, *sorted((ROOT / "docs").glob("*.md"))]
# The example's story (storytrace.testing.example): an original, its condensed copy, a rewrite and
# an independent report; the fifth file is about something else.
ORIGINAL = "northwire/floodgates-fail.txt"
STORY = {
    ORIGINAL,
    "coastline-daily/marrow-bay-floodgates.txt",
    "harbour-times/storm-surge-port.txt",
    "city-herald/dock-workers-chaos.txt",
}


def _docs_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in DOCS)


def _commands() -> dict[str, list[str]]:
    """Every command of the Typer app and the long names of its options."""
    group = typer.main.get_command(app)
    return {
        name: [o for p in cmd.params if p.param_type_name == "option" for o in p.opts if o.startswith("--")]
        for name, cmd in group.commands.items()
    }


def test_the_app_has_the_commands_the_readme_names():
    # guards the introspection below: an empty command list would make the next test pass vacuously
    assert {"analyze", "serve", "schema", "demo", "generate"} <= set(_commands())


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_command_and_option_is_documented(command: str):
    text = _docs_text()
    assert re.search(rf"\b{command}\b", text), f"command {command!r} is not named in README.md or docs/"
    missing = [o for o in _commands()[command] if not re.search(rf"`{re.escape(o)}[`\s=]", text)]
    assert not missing, (
        f"options of {command!r} not documented in README.md or docs/ (in backticks): {missing}"
    )


def test_readme_is_short():
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 150


def _python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.S | re.M)


def test_readme_library_example_runs_on_the_bundled_example(tmp_path, monkeypatch):
    from storytrace.testing.example import write_example

    blocks = _python_blocks(README.read_text(encoding="utf-8"))
    assert len(blocks) == 1, "the README should hold one Python example"
    write_example(tmp_path / "examples" / "generated")  # where `make demo` writes it
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    namespace: dict = {}
    with contextlib.redirect_stdout(out):
        exec(compile(blocks[0], "README.md", "exec"), namespace)
    result = namespace["result"]
    story = next(s for s in result.stories if ORIGINAL in s.articles)
    assert set(story.articles) == STORY
    assert story.origin == [ORIGINAL]
    assert ORIGINAL in out.getvalue()  # the example prints each story's origin
