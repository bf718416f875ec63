"""The JSON result matches the schema kept under version control, and the schema matches the model."""

import json
from pathlib import Path

import jsonschema
import pytest

from storytrace import analyze
from storytrace.model import SCHEMA_VERSION, json_schema
from storytrace.report import to_json, validate
from storytrace.testing.example import write_example

SCHEMA_FILE = Path(__file__).parents[1] / "src/storytrace/schema/result.schema.json"


def test_stored_schema_is_generated_from_the_model():
    stored = json.loads(SCHEMA_FILE.read_text())
    assert stored == json.loads(json.dumps(json_schema())), "run `make schema` after changing model.py"


def test_emitted_result_validates(tmp_path):
    write_example(tmp_path / "corpus")
    result = analyze([tmp_path / "corpus"])
    data = json.loads(to_json(result))
    assert data["schema_version"] == SCHEMA_VERSION
    validate(data)
    for key in ("schema_version", "articles", "skipped", "stories"):
        assert key in data


def test_invalid_result_is_rejected():
    with pytest.raises(jsonschema.ValidationError):
        validate({"schema_version": SCHEMA_VERSION, "articles": [{"id": 3}], "skipped": [], "stories": []})
