"""Outputs: JSON (versioned schema), Markdown, one self-contained HTML file, terminal summary."""

from storytrace.report.html import to_html
from storytrace.report.jsonout import to_json, validate
from storytrace.report.markdown import to_markdown
from storytrace.report.terminal import print_summary

__all__ = ["print_summary", "to_html", "to_json", "to_markdown", "validate", "write_report"]


def write_report(result, out_dir) -> dict[str, str]:
    """Write report.json, report.md and report.html into ``out_dir``; return their paths."""
    from pathlib import Path

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "report.json", "md": out / "report.md", "html": out / "report.html"}
    paths["json"].write_text(to_json(result), encoding="utf-8")
    paths["md"].write_text(to_markdown(result), encoding="utf-8")
    paths["html"].write_text(to_html(result), encoding="utf-8")
    return {k: str(v) for k, v in paths.items()}
