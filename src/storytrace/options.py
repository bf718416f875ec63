"""The base of every stage's options (spaCy's ``default_config``, datatrove's configs).

A stage's options are a pydantic model registered with the stage (``storytrace/<stage>/options.py``,
named in the stage's ``STAGE``); :class:`~storytrace.config.Config` holds one instance per stage,
filled from the defaults. Every field says what it does and what data chose its default, in its
``description`` (what ``storytrace config`` prints next to it).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Options(BaseModel):
    """Options of one stage: validated on creation and on assignment; an unknown key is an error."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_attribute_docstrings=True)
