"""Progress bars count work when items weigh differently, and refresh as work is done."""

from __future__ import annotations

import pytest

from storytrace import progress
from storytrace.config import Config


@pytest.fixture
def bar(monkeypatch) -> dict:
    """What the bar was told: its total and the work done at each refresh."""
    record: dict = {}

    class FakeProgress:
        def __init__(self, *columns, **options) -> None: ...

        def start(self) -> None: ...

        def stop(self) -> None: ...

        def add_task(self, description: str, total: float, completed: float) -> int:
            record["total"], record["done"] = total, [completed]
            return 0

        def update(self, task: int, completed: float) -> None:
            record["done"].append(completed)

    monkeypatch.setattr("rich.progress.Progress", FakeProgress)
    monkeypatch.setattr(progress, "_enabled", lambda config: True)
    return record


AT_ONCE = Config(progress_delay=-1.0, progress_refresh=0.0)  # show the bar at once, refresh after every item


def test_weighted_bar_counts_work_not_items(bar):
    assert list(progress.track([3, 1, 2], "Aligning", AT_ONCE, weight=lambda n: n * n)) == [3, 1, 2]
    assert bar == {"total": 14, "done": [9, 10, 14]}  # weights 9, 1, 4


def test_unweighted_bar_counts_items(bar):
    assert list(progress.track(["a", "b"], "Brief", AT_ONCE)) == ["a", "b"]
    assert bar == {"total": 2, "done": [1, 2]}
