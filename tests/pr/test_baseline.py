"""Baselines: write the accepted failures once, then only new failures fail."""

from __future__ import annotations

import json
from pathlib import Path

from tests.pr.conftest import INTERNET, ROOT, run, run_json, statuses, weak_notebook

NOTEBOOK = "aws_sagemaker_notebook_instance"
RULES = ("--rule", INTERNET, "--rule", ROOT)


def test_round_trip_only_a_new_failing_resource_fails(project: Path) -> None:
    (project / "legacy.tf").write_text(weak_notebook("legacy"))
    code, _ = run("scan", ".", *RULES, "--create-baseline", "baseline.json")
    assert code == 1  # creating a baseline does not hide what fails today
    baseline = json.loads((project / "baseline.json").read_text())
    assert baseline["format"] == "mlposture-baseline"
    assert [(f["resource"], f["rule_id"], f["file"]) for f in baseline["findings"]] == [
        (f"{NOTEBOOK}.legacy", INTERNET, "./legacy.tf"),
        (f"{NOTEBOOK}.legacy", ROOT, "./legacy.tf"),
    ]

    code, report = run_json("scan", ".", *RULES, "--baseline", "baseline.json")
    assert code == 0
    assert report["results"] == []
    assert report["summary"]["baselined"] == 2
    assert report["summary"]["failed"] == 0

    (project / "new.tf").write_text(weak_notebook("fresh"))
    code, report = run_json("scan", ".", *RULES, "--baseline", "baseline.json")
    assert code == 1
    assert statuses(report) == {
        (f"{NOTEBOOK}.fresh", INTERNET): "failed",
        (f"{NOTEBOOK}.fresh", ROOT): "failed",
    }
    assert report["summary"]["baselined"] == 2
    assert report["summary"]["failed"] == 2
    assert report["summary"]["failed_by_severity"] == {"high": 2}


def test_baseline_survives_code_moving_within_its_file(project: Path) -> None:
    (project / "main.tf").write_text(weak_notebook("legacy"))
    run("scan", ".", "--rule", INTERNET, "--create-baseline", "baseline.json")
    (project / "main.tf").write_text("\n\n# moved down\n" + weak_notebook("legacy"))
    code, report = run_json("scan", ".", "--rule", INTERNET, "--baseline", "baseline.json")
    assert (code, report["results"]) == (0, [])


def test_baseline_file_is_sorted_and_stable(project: Path) -> None:
    for name in ("zeta", "alpha", "mid"):
        (project / f"{name}.tf").write_text(weak_notebook(name))
    run("scan", ".", *RULES, "--create-baseline", "first.json")
    run("scan", ".", *RULES, "--create-baseline", "second.json")
    first = (project / "first.json").read_text()
    assert first == (project / "second.json").read_text()
    assert first.endswith("\n")
    findings = json.loads(first)["findings"]
    keys = [(f["file"], f["resource"], f["rule_id"]) for f in findings]
    assert keys == sorted(keys)
    assert len({f["fingerprint"] for f in findings}) == 6


def test_suppressed_findings_are_not_written_to_a_baseline(project: Path) -> None:
    (project / "main.tf").write_text(
        f'# mlposture:ignore {INTERNET} reason="lab"\n' + weak_notebook("lab").lstrip()
    )
    run("scan", ".", *RULES, "--create-baseline", "baseline.json")
    findings = json.loads((project / "baseline.json").read_text())["findings"]
    assert [f["rule_id"] for f in findings] == [ROOT]


def test_a_file_that_is_not_a_baseline_is_a_usage_error(project: Path) -> None:
    (project / "main.tf").write_text(weak_notebook("n"))
    (project / "report.json").write_text('{"schema_version": "1", "results": []}')
    (project / "broken.json").write_text("{not json")
    code, out = run("scan", ".", "--baseline", "report.json")
    assert code == 2
    assert "report.json is not an mlposture baseline" in out
    code, out = run("scan", ".", "--baseline", "broken.json")
    assert code == 2
    assert "baseline broken.json is not JSON" in out
    code, out = run("scan", ".", "--baseline", "missing.json")
    assert code == 2
