"""Command line: a thin wrapper over the library API (:func:`storytrace.analyze`)."""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

import typer
from rich.console import Console

from storytrace.config import EMBEDDINGS, Config
from storytrace.contract import STAGE_NAMES
from storytrace.testing.generator import GeneratorConfig  # its defaults are the command's

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="markdown",
    help="""Turn news articles into **stories**: who reported what, who copied whom, which quotes
changed, what the sources disagree on, with every statement cited.

Examples:

* `storytrace analyze articles/` (writes storytrace-report/ with report.json, .md, .html)

* `cat feed.jsonl | storytrace analyze - --json out.json --quiet`

* `storytrace demo` (writes an example story cluster and analyses it)
""",
)

err = Console(stderr=True, highlight=False)


def _skip_line(item) -> None:
    from rich.text import Text

    from storytrace.report.terminal import printable

    # the name and reason are input (a file may be called "[/]" or hold escape codes): no markup
    err.print(
        Text.assemble(("skipped", "yellow"), f" {printable(item.input)}: {printable(item.reason)}"),
        soft_wrap=True,
    )


def _say(console: Console, text: str) -> None:
    """A line naming paths the user gave (which may hold markup or control characters)."""
    from rich.text import Text

    from storytrace.report.terminal import printable

    console.print(Text(printable(text)), soft_wrap=True)


def _default(key: str) -> str:
    """The default of a dotted option (``brief.words``, ``ingest.max_file_bytes``), as help text
    shows it: read from the options, never restated (and without importing every stage)."""
    from storytrace.contract import stage

    first, _, rest = key.partition(".")
    if not rest:
        value = Config.model_fields[first].default
    else:
        owner = stage(first).options if first in STAGE_NAMES else Config.model_fields[first].default_factory
        value = getattr(owner(), rest)
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


def _config(config_file: Path | None, values: dict[str, object], overrides: list[str]) -> Config:
    """The run's configuration: the defaults, then ``--config``, then the options given, then
    ``--set``; anything wrong is one line on stderr and exit code 2, before any input is read."""
    from storytrace.config import ConfigError, apply_overrides, load, with_values

    try:
        config = load(config_file) if config_file is not None else Config()
        config = with_values(config, {k: v for k, v in values.items() if v is not None})
        return apply_overrides(config, overrides)
    except ConfigError as e:
        _say(err, f"storytrace: {e}")
        raise typer.Exit(2) from None


CONFIG_HELP = "A TOML configuration file (as `storytrace config` prints it)."
SET_HELP = "Set one option: `--set group.batch_max=4000` (repeatable; see `storytrace config`)."


@app.command(
    epilog="Examples: `storytrace analyze seeds/` · `storytrace analyze a.html b.warc.gz --html r.html` · "
    "`storytrace analyze - < feed.jsonl --json out.json --quiet`"
)
def analyze(
    paths: list[str] = typer.Argument(
        ...,
        help="Files or directories (walked recursively): .txt .html .json .jsonl .warc(.gz); '-' reads JSONL from stdin.",
    ),
    out: Path = typer.Option(
        Path("storytrace-report"), "--out", "-o", help="Directory for report.json, report.md and report.html."
    ),
    json_file: Path | None = typer.Option(
        None, "--json", help="Write only the JSON result to this file ('-' for stdout)."
    ),
    md_file: Path | None = typer.Option(None, "--md", help="Write only the Markdown report to this file."),
    html_file: Path | None = typer.Option(
        None, "--html", help="Write only the self-contained HTML report to this file."
    ),
    stages: str | None = typer.Option(None, help="Comma-separated stages to run (default: all)."),
    embeddings: str | None = typer.Option(
        None,
        help=f"{' | '.join(EMBEDDINGS)}; static and none never load "
        "torch (no paraphrase model: faster, looser sentence matching)",
        show_default=_default("embeddings"),
    ),
    brief_words: int | None = typer.Option(
        None,
        min=1,
        help="Length of the brief's first section, in words.",
        show_default=_default("brief.words"),
    ),
    llm: str | None = typer.Option(
        None, "--llm", help="OpenAI-compatible endpoint URL to rewrite the brief (optional)."
    ),
    max_bytes: int | None = typer.Option(
        None,
        min=1,
        help="Skip single-article files larger than this.",
        show_default=_default("ingest.max_file_bytes"),
    ),
    state: Path | None = typer.Option(
        None,
        "--state",
        help="Story index directory: add to it and group online. "
        "One run at a time: a second run waits for the first (see --wait).",
    ),
    wait: float = typer.Option(
        60.0, "--wait", min=0, help="Seconds to wait for another run using the same --state."
    ),
    db: Path | None = typer.Option(
        None, "--db", help="Also save the result into this SQLite store (see `storytrace serve`)."
    ),
    config_file: Path | None = typer.Option(None, "--config", help=CONFIG_HELP),
    overrides: list[str] = typer.Option([], "--set", help=SET_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Analyse articles and write the report."""
    from contextlib import nullcontext

    from storytrace.pipeline import DEFAULT_PIPELINE, check_options

    config = _config(
        config_file,
        {
            "embeddings": embeddings,
            "brief.words": brief_words,
            "brief.llm_url": llm,
            "ingest.max_file_bytes": max_bytes,
            "group.state": str(state) if state is not None else None,
            "quiet": quiet or None,
        },
        overrides,
    )
    quiet = config.quiet
    chosen = [s.strip() for s in stages.split(",") if s.strip()] if stages is not None else DEFAULT_PIPELINE
    try:  # options are checked before any input is read: a typo is a usage error, not a lost run
        check_options(config, chosen)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="'--stages'") from None
    from storytrace.store.lock import StateBusy, state_lock

    lock_dir = config.options("group").state
    try:
        with (
            state_lock(lock_dir, wait, on_wait=lambda msg: _say(err, msg))
            if lock_dir is not None
            else nullcontext()
        ):
            _analyze(paths, config, chosen, out, json_file, md_file, html_file, db, quiet)
    except StateBusy as e:
        _say(err, str(e))
        raise typer.Exit(2) from None


def _analyze(
    paths: list[str],
    config: Config,
    chosen: list[str],
    out: Path,
    json_file: Path | None,
    md_file: Path | None,
    html_file: Path | None,
    db: Path | None,
    quiet: bool,
) -> None:
    """The run itself (under the ``--state`` lock when there is one)."""
    from storytrace.group.story_index import StateError
    from storytrace.pipeline import analyze as run_analysis
    from storytrace.pipeline import story_reanalysis
    from storytrace.report import print_summary, to_html, to_json, to_markdown, write_report

    try:
        result = run_analysis(paths, config, stages=chosen, on_skip=_skip_line)
    except StateError as e:  # the index is left as it was: nothing of it is lost
        _say(err, f"storytrace: {e}")
        raise typer.Exit(2) from None
    except Exception:  # a bug, not bad input: say so and exit 1
        traceback.print_exc()
        err.print("[red]storytrace hit an internal error; please report it with the traceback above[/]")
        raise typer.Exit(1) from None
    single = any(x is not None for x in (json_file, md_file, html_file))
    written: list[str] = []
    if json_file is not None:
        if str(json_file) == "-":
            sys.stdout.write(to_json(result) + "\n")
        else:
            json_file.write_text(to_json(result), encoding="utf-8")
            written.append(str(json_file))
    if md_file is not None:
        md_file.write_text(to_markdown(result), encoding="utf-8")
        written.append(str(md_file))
    if html_file is not None:
        html_file.write_text(to_html(result), encoding="utf-8")
        written.append(str(html_file))
    if not single:
        written = list(write_report(result, out).values())
    if db is not None:
        from storytrace.store import Store

        with Store(db) as store:  # a stored story this run grows is analysed again over all its members
            store.save(result, story_reanalysis(config, chosen))
        written.append(str(db))
    if not quiet and str(json_file) != "-":
        print_summary(result, Console())
        if result.skipped:
            Console().print(f"{len(result.skipped)} inputs skipped (listed above and in the report)")
        _say(Console(), "Report: " + ", ".join(written))
    if not result.articles:
        err.print("nothing could be analysed")
        raise typer.Exit(2)


@app.command()
def serve(
    db: Path = typer.Option(Path("storytrace.db"), "--db", help="SQLite store written by `analyze --db`."),
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port."),
    config_file: Path | None = typer.Option(None, "--config", help=CONFIG_HELP),
    overrides: list[str] = typer.Option([], "--set", help=SET_HELP),
) -> None:
    """Serve the web app over a store: story list, story pages, JSON API, POST /api/articles
    (analysed with `--config` and `--set`)."""
    import uvicorn

    from storytrace.server import create_app
    from storytrace.store import Store

    config = _config(config_file, {"quiet": True, "progress": False}, overrides)
    uvicorn.run(create_app(Store(db), config), host=host, port=port, log_level="warning")


@app.command()
def schema(
    out: Path | None = typer.Option(None, "--out", help="Write to this file instead of stdout."),
) -> None:
    """Print the JSON Schema of the result (versioned by `schema_version`)."""
    from storytrace.model import json_schema

    text = json.dumps(json_schema(), indent=1, sort_keys=True) + "\n"
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


@app.command()
def demo(
    out: Path = typer.Option(Path("storytrace-report"), "--out", "-o", help="Report directory."),
    corpus_dir: Path = typer.Option(
        Path("examples/generated"), "--corpus", help="Where the example corpus is written."
    ),
) -> None:
    """Write a bundled example story cluster and analyse it (what `make demo` runs)."""
    from storytrace.testing.example import write_example

    files = write_example(corpus_dir)
    _say(Console(), f"Example corpus: {len(files)} files in {corpus_dir}/")
    analyze(
        [str(corpus_dir)],
        out=out,
        json_file=None,
        md_file=None,
        html_file=None,
        stages=None,
        embeddings=None,
        brief_words=None,
        llm=None,
        max_bytes=None,
        state=None,
        wait=60.0,
        db=None,
        config_file=None,
        overrides=[],
        quiet=False,
    )


@app.command("config")
def show_config(
    config_file: Path | None = typer.Option(None, "--config", help=CONFIG_HELP),
    overrides: list[str] = typer.Option([], "--set", help=SET_HELP),
) -> None:
    """Print the effective configuration (TOML, each option with what it does): the defaults, then
    `--config`, then `--set`. Save it, edit it, and pass it to `analyze --config`."""
    from storytrace.config import to_toml

    sys.stdout.write(to_toml(_config(config_file, {}, overrides)))


@app.command("stages")
def show_stages() -> None:
    """Print each stage with what it requires and what it assigns (the checked stage contract)."""
    from storytrace.contract import STATE, describe

    for name, requires, assigns in describe():
        sys.stdout.write(
            f"{name}\n  requires: {', '.join(STATE[r].says for r in requires)}\n"
            f"  assigns:  {', '.join(STATE[a].says for a in assigns)}\n"
        )


@app.command()
def generate(
    out: Path = typer.Argument(..., help="Output: a directory of .txt files, or a .jsonl file."),
    stories: int = typer.Option(GeneratorConfig.stories, help="Number of stories."),
    per_story: int = typer.Option(GeneratorConfig.per_story, help="Articles per story."),
    seed: int = typer.Option(GeneratorConfig.seed, help="Random seed."),
    background: int = typer.Option(
        GeneratorConfig.background, help="Background paragraphs per original (10 gives ~3 KB articles)."
    ),
) -> None:
    """Write a synthetic corpus with known stories, copies, paraphrases and junk, plus truth.json."""
    from storytrace.testing.generator import write_corpus

    truth = write_corpus(
        out, GeneratorConfig(stories=stories, per_story=per_story, seed=seed, background=background)
    )
    _say(Console(), f"Wrote {truth['n_articles']} articles to {out} (truth: {truth['truth_path']})")


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
