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


def test_facts_and_brief_weigh_a_story_by_its_members_text(bar):
    from storytrace.model import Article, Story
    from storytrace.progress import members_text

    arts = {"a": Article(id="a", text="x" * 300), "b": Article(id="b", text="y" * 100), "c": Article(id="c", text="z" * 50)}
    stories = [Story(id="s1", articles=["a", "b"]), Story(id="s2", articles=["c", "gone"])]
    assert list(progress.track(stories, "Facts", AT_ONCE, weight=members_text(arts))) == stories
    assert bar == {"total": 450, "done": [400, 450]}  # 300 + 100, then 50 (an absent member weighs nothing)
