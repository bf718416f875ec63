"""The JSON result and its schema check."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from storytrace.model import Result


def to_json(result: Result, indent: int | None = 1) -> str:
    return result.model_dump_json(indent=indent)


@lru_cache(maxsize=1)
def stored_schema() -> dict:
    """The schema kept under version control (``storytrace/schema/result.schema.json``)."""
    return json.loads(resources.files("storytrace").joinpath("schema/result.schema.json").read_text("utf-8"))


def validate(data: dict | str) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``data`` is a valid result."""
    import jsonschema

    if isinstance(data, str):
        data = json.loads(data)
    jsonschema.validate(data, stored_schema())
