"""The quality gate (eval/gate.py): its fast checks hold the floors pinned in eval/baseline.json,
and the gate itself fails below a floor, on changed data, and refuses to lower a floor unasked."""

from __future__ import annotations

import json

import pytest

from eval import gate

BASELINE = gate.load_baseline()
FAST = [c for c in gate.CHECKS if c.fast]


def test_every_check_has_a_pinned_floor_and_digest():
    for check in gate.CHECKS:
        pinned = BASELINE["checks"].get(check.name)
        assert pinned, (
            f"{check.name}: no floor in eval/baseline.json (python -m eval.gate --only {check.name} --update)"
        )
        assert pinned["floors"] and len(pinned["digest"]) == 64, check.name
        assert pinned["data"] and pinned["tuned"] and pinned["command"], check.name


@pytest.mark.parametrize("check", FAST, ids=[c.name for c in FAST])
def test_fast_check_holds_its_floor(check: gate.Check):
    outcome = gate.run_check(check, BASELINE)
    if outcome.status == "skipped":
        pytest.skip(f"{check.name}: {outcome.note} ({check.data})")
    assert outcome.status == "ok", gate.table([outcome])


def _check(value: float, digest: str = "d" * 64) -> gate.Check:
    return gate.Check(
        "toy", True, "toy command", "toy data", "nothing", lambda: digest, lambda: {"f1": value}
    )


def _baseline(floor: float, digest: str = "d" * 64) -> dict:
    return {"checks": {"toy": {"digest": digest, "floors": {"f1": floor}, "history": []}}}


def test_a_figure_below_its_floor_fails_the_gate(tmp_path, capsys):
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(_baseline(0.9)))
    assert gate.main(["--baseline", str(path)], checks=[_check(0.85)]) == 1
    assert "below" in capsys.readouterr().out
    assert gate.main(["--baseline", str(path)], checks=[_check(0.9)]) == 0


def test_changed_data_fails_the_gate():
    outcome = gate.run_check(_check(0.95, digest="e" * 64), _baseline(0.9))
    assert outcome.status == "data changed"
    assert gate.failed([outcome]) == [outcome]


def test_update_refuses_to_lower_a_floor_without_a_reason():
    baseline = _baseline(0.9)
    outcome = gate.run_check(_check(0.8), baseline)
    refusals = gate.update(baseline, [outcome], allow_lower=None)
    assert len(refusals) == 1 and "toy" in refusals[0]
    assert baseline["checks"]["toy"]["floors"] == {"f1": 0.9}  # untouched


def test_update_lowers_a_floor_with_a_reason_and_keeps_it():
    baseline = _baseline(0.9)
    outcome = gate.run_check(_check(0.8), baseline)
    assert gate.update(baseline, [outcome], allow_lower="the generator's stories got harder") == []
    entry = baseline["checks"]["toy"]
    assert entry["floors"] == {"f1": 0.8}
    assert entry["history"][-1]["why"] == "the generator's stories got harder"
    assert entry["history"][-1]["lowered"] == {"f1": 0.9}


def test_update_raises_a_floor_without_a_reason():
    baseline = _baseline(0.9)
    outcome = gate.run_check(_check(0.95), baseline)
    assert gate.update(baseline, [outcome], allow_lower=None) == []
    assert baseline["checks"]["toy"]["floors"] == {"f1": 0.95}


def test_allow_lower_needs_a_reason(tmp_path):
    with pytest.raises(SystemExit):
        gate.main(["--baseline", str(tmp_path / "b.json"), "--update", "--allow-lower", " "], checks=[])
