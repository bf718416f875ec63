"""Run options: one validated model (``Config``) holding every stage's options.

``Config().stages`` holds an options instance per registered stage (``storytrace.contract``), filled
from its defaults; a stage reads its own (``config.options("group")``). A configuration can come
from a TOML file (:func:`load`, the same shape :func:`to_toml` prints) and dotted overrides
(:func:`apply_overrides`, ``group.state=/tmp/idx``); each is validated, and a wrong key or value
is one line naming it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, SerializeAsAny, ValidationError, field_validator

from storytrace.articlepool import WorkerOptions
from storytrace.contract import STAGE_NAMES, stage
from storytrace.ingest.readers import IngestOptions
from storytrace.options import Options

# "auto" uses the best installed embedding model where it helps and the bundled static one
# elsewhere; "static" never loads torch; "none" uses lexical signals only.
Embeddings = Literal["auto", "none", "hash", "static", "minilm", "e5", "e5-static"]
EMBEDDINGS: tuple[str, ...] = get_args(Embeddings)


class Config(BaseModel):
    """A run's options. Unknown keys and wrong types are errors, also on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_attribute_docstrings=True)

    embeddings: Embeddings = "auto"
    """Which sentence embeddings the stages use: auto (e5 where it helps, the bundled static model
    elsewhere), static and none never load torch."""
    quiet: bool = False
    """Print nothing but errors."""
    progress: bool = True
    """Progress bars on a terminal, for work that takes longer than `progress_delay`."""
    progress_delay: float = 2.0
    """Seconds of work before a progress bar appears (short runs print nothing)."""
    progress_refresh: float = Field(0.25, ge=0.0)
    """Seconds between a bar's refreshes."""
    ingest: IngestOptions = Field(default_factory=IngestOptions)
    """How inputs are read."""
    workers: WorkerOptions = Field(default_factory=WorkerOptions)
    """Worker processes for article-by-article stages."""
    stages: dict[str, SerializeAsAny[Options]] = Field(default_factory=dict, validate_default=True)
    """Each registered stage's options, by stage name (every stage present, from its defaults)."""

    @field_validator("stages", mode="before")
    @classmethod
    def _every_stage(cls, given: Any) -> dict[str, Options]:
        given = dict(given or {})
        unknown = sorted(set(given) - set(STAGE_NAMES))
        if unknown:
            raise ValueError(f"unknown stage {unknown[0]!r}; known: {', '.join(STAGE_NAMES)}")
        out: dict[str, Options] = {}
        for name in STAGE_NAMES:
            kind, value = stage(name).options, given.get(name)
            try:
                out[name] = value if isinstance(value, kind) else kind.model_validate(value or {})
            except ValidationError as e:  # keep the stage's name in the error's location
                raise ValidationError.from_exception_data(
                    e.title,
                    [
                        {
                            "type": d["type"],
                            "loc": (name, *d["loc"]),
                            "input": d["input"],
                            **({"ctx": d["ctx"]} if "ctx" in d else {}),
                        }
                        for d in e.errors()
                    ],
                ) from None
        return out

    def options(self, name: str) -> Any:
        """The options of stage ``name`` (its registered class, e.g. ``GroupOptions``)."""
        return self.stages[name]

    def effective(self) -> dict[str, Any]:
        """The configuration as plain data (what a result records and ``storytrace config`` prints)."""
        return self.model_dump(mode="json")


def options_of(config: Config | None, name: str) -> Any:
    """Stage ``name``'s options from ``config``, or its defaults when there is no config."""
    return config.options(name) if config is not None else stage(name).options()


class ConfigError(ValueError):
    """A configuration file or override that does not fit; the message is one line."""


def _one_line(err: ValidationError) -> str:
    e = err.errors()[0]
    where = ".".join(str(p) for p in e["loc"] if p != "stages")
    if e["type"] == "literal_error":  # a value outside a fixed set: name it and the set
        return f"unknown {where} {e['input']!r}; {e['msg'].lower()}"
    return f"{where}: {e['msg']}" if where else e["msg"]


def load(path: str | Path) -> Config:
    """A configuration from a TOML file (keys as ``storytrace config`` prints them)."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: {e}") from None
    try:
        return Config.model_validate(data)
    except ValidationError as e:
        raise ConfigError(f"{path}: {_one_line(e)}") from None


def _value(text: str) -> Any:
    """A TOML value (``8``, ``0.5``, ``true``, ``[0.2, 0.8]``, ``"x"``); anything else is a string."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def with_values(config: Config, values: dict[str, Any]) -> Config:
    """A copy of ``config`` with dotted keys set (``{"group.state": "idx", "embeddings": "e5"}``);
    a stage option may be named with or without ``stages.``. Validated as a whole: an unknown key
    or a wrong value raises :class:`ConfigError` with one line naming it."""
    data = config.model_dump()
    for key, value in values.items():
        path = key.strip().split(".")
        if path[0] in STAGE_NAMES:
            path = ["stages", *path]
        node = data
        for k, part in enumerate(path[:-1]):
            if not isinstance(node.get(part), dict):
                raise ConfigError(
                    f"{key}: unknown key {'.'.join(p for p in path[: k + 1] if p != 'stages')!r}"
                )
            node = node[part]
        if path[-1] not in node:
            known = f"known here: {', '.join(sorted(node))}" if node else "this has no options yet"
            raise ConfigError(f"{key}: unknown key {path[-1]!r}; {known}")
        if isinstance(node[path[-1]], dict):
            raise ConfigError(f"{key}: a table; set one of its keys: {', '.join(sorted(node[path[-1]]))}")
        node[path[-1]] = value
    try:
        return Config.model_validate(data)
    except ValidationError as e:
        raise ConfigError(_one_line(e)) from None


def apply_overrides(config: Config, overrides: list[str]) -> Config:
    """``config`` with ``key=value`` overrides (``--set``) applied; values are read as TOML values."""
    values: dict[str, Any] = {}
    for item in overrides:
        key, eq, text = item.partition("=")
        if not eq or not key.strip():
            raise ConfigError(f"{item!r}: expected key=value (e.g. group.state=idx)")
        values[key.strip()] = _value(text.strip())
    return with_values(config, values)


def to_toml(config: Config) -> str:
    """The configuration as TOML, each key with its description as a comment (``storytrace config``);
    an unset option (no value: the stage decides) is shown commented out."""
    import tomlkit

    def table(model: BaseModel, doc: tomlkit.TOMLDocument | Any) -> None:
        later: list[tuple[str, BaseModel]] = []
        for name, info in type(model).model_fields.items():
            value = getattr(model, name)
            if isinstance(value, BaseModel):
                later.append((name, value))
                continue
            if isinstance(value, dict):  # the stages
                for stage_name, opts in value.items():
                    later.append((f"{name}.{stage_name}", opts))
                continue
            for line in (info.description or "").split("\n"):
                doc.add(tomlkit.comment(line.strip()))
            if value is None:
                doc.add(tomlkit.comment(f"{name} = (unset)"))
            else:
                doc.add(name, list(value) if isinstance(value, tuple) else value)
        for name, sub in later:
            t = tomlkit.table()
            for line in (type(sub).__doc__ or "").strip().split("\n"):
                if line.strip():
                    t.add(tomlkit.comment(line.strip()))
            table(sub, t)
            if "." in name:
                outer, inner = name.split(".", 1)
                if outer not in doc:
                    doc.add(outer, tomlkit.table(is_super_table=True))
                doc[outer].add(inner, t)
            else:
                doc.add(name, t)

    doc = tomlkit.document()
    table(config, doc)
    return tomlkit.dumps(doc)
