"""`scan --store`, `--fail-on-new`, `history` and `diff` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scanner.cli import main
from scanner.exporters.base import findings
from scanner.writers.asff import asff_findings
from scanner.writers.ocsf import ocsf_events

WEAK = """
resource "aws_sagemaker_notebook_instance" "{name}" {{
  name          = "{name}"
  role_arn      = "arn:aws:iam::111122223333:role/r"
  instance_type = "ml.t3.medium"
}}
"""
DIRECT_INTERNET = "MLP-AWS-SM-002"


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def _estate(folder: Path, *names: str, fixed: tuple[str, ...] = ()) -> Path:
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.tf"):
        old.unlink()
    for name in names:
        text = WEAK.format(name=name)
        if name in fixed:
            text = text.replace(
                "instance_type", 'direct_internet_access = "Disabled"\n  instance_type'
            )
        (folder / f"{name}.tf").write_text(text, encoding="utf-8")
    return folder


def _scan(folder: Path, store: str, *more: str) -> tuple[int, dict[str, Any], str]:
    out = folder.parent / "report.json"
    code, _, stderr = _run(
        "scan", str(folder), "--store", store, "--format", "json", "-o", str(out), *more
    )
    return code, json.loads(out.read_text("utf-8")), stderr


def test_scan_marks_new_findings_and_fails_only_on_new(tmp_path: Path, store: str) -> None:
    code_dir = _estate(tmp_path / "infra", "a")
    code, first, stderr = _scan(code_dir, store, "--fail-on-new")
    assert code == 1
    assert "run 1 recorded" in stderr
    failed = [r for r in first["results"] if r["status"] == "failed"]
    assert failed and all(r["new"] is True for r in failed)
    assert {r["first_seen"] for r in failed} == {first["generated_at"]}

    code, second, _ = _scan(code_dir, store, "--fail-on-new")
    assert code == 0  # the same findings: nothing new
    assert all(r["new"] is False for r in second["results"] if r["status"] == "failed")
    assert {r["first_seen"] for r in second["results"]} == {first["generated_at"]}

    _estate(code_dir, "a", "b", fixed=("a",))
    code, third, _ = _scan(code_dir, store, "--fail-on-new")
    assert code == 1
    new = {r["resource"]["name"] for r in third["results"] if r["status"] == "failed" and r["new"]}
    assert new == {"b"}
    # --fail-on-new honours --fail-on: b's new findings are none of them critical.
    _estate(code_dir, "a", "b", "c", fixed=("a",))
    code, _, _ = _scan(code_dir, store, "--fail-on-new", "--fail-on", "critical")
    assert code == 0


def test_history_and_diff(tmp_path: Path, store: str) -> None:
    code_dir = _estate(tmp_path / "infra", "a")
    _scan(code_dir, store)
    _estate(code_dir, "a", "b", fixed=("a",))
    _scan(code_dir, store)

    code, out, _ = _run("history", "--store", store, "--format", "json")
    assert code == 0
    runs = json.loads(out)["runs"]
    assert [r["run"] for r in runs] == [1, 2]
    assert runs[1]["resolved"] == 1 and runs[1]["new"] == runs[1]["failed"] - runs[0]["failed"] + 1
    assert runs[0]["scope"] == {"paths": [str(code_dir)]}

    code, out, _ = _run("history", "--store", store)
    assert code == 0 and "trend" in out and str(code_dir.name) in out

    code, out, _ = _run("diff", "--store", store, "--format", "json")
    assert code == 0
    diff = json.loads(out)
    assert (diff["from"]["run"], diff["to"]["run"]) == (1, 2)
    assert [(f["rule_id"], f["resource"]["name"]) for f in diff["resolved"]] == [
        (DIRECT_INTERNET, "a")
    ]
    assert {f["resource"]["name"] for f in diff["new"]} == {"b"}
    assert all(f["age_days"] == 0 and f["first_seen"] for f in diff["still_failing"])
    assert sum(diff["summary"]["resolved"].values()) == 1

    code, out, _ = _run("diff", "1", "2", "--store", store)
    assert code == 0
    assert "Resolved (1)" in out and DIRECT_INTERNET in out and "still failing" in out

    assert _run("diff", "1", "--store", store)[0] == 2  # the first run: nothing before it
    assert _run("diff", "7", "--store", store)[0] == 2
    assert _run("diff", "1", "2", "3", "--store", store)[0] == 2


def test_store_from_the_environment_and_usage_errors(tmp_path: Path) -> None:
    folder = _estate(tmp_path / "infra", "a")
    env = {"MLPOSTURE_STORE": f"sqlite:///{tmp_path / 'env.sqlite'}"}
    out = tmp_path / "r.json"
    code, _, _ = _run("scan", str(folder), "--format", "json", "-o", str(out), env=env)
    assert code == 1 and (tmp_path / "env.sqlite").exists()
    code, text, _ = _run("history", "--format", "json", env=env)
    assert len(json.loads(text)["runs"]) == 1

    code, _, stderr = _run("scan", str(folder), "--fail-on-new")
    assert code == 2 and "--store" in stderr
    code, _, stderr = _run("scan", str(folder), "--store", "mysql://db/x")
    assert code == 2 and "SQLite" in stderr
    # Nothing recorded yet: history says so; diff has nothing to compare.
    empty = f"sqlite:///{tmp_path / 'none.sqlite'}"
    assert _run("history", "--store", empty, "--format", "json")[1].strip() == '{\n  "runs": []\n}'
    assert _run("diff", "--store", empty)[0] == 2
    assert not (tmp_path / "none.sqlite").exists()


def test_an_unreachable_store_does_not_lose_the_report(tmp_path: Path) -> None:
    folder = _estate(tmp_path / "infra", "a")
    out = tmp_path / "r.json"
    code, _, stderr = _run(
        "scan",
        str(folder),
        "--store",
        "postgresql://u:pw@127.0.0.1:1/h",
        "--format",
        "json",
        "-o",
        str(out),
        "--fail-on",
        "critical",
    )
    assert code == 1  # the report alone would pass; the history was not recorded
    assert "cannot record the run" in stderr and "pw" not in stderr
    assert json.loads(out.read_text("utf-8"))["results"]


@pytest.fixture
def resolved() -> dict[str, Any]:
    return {
        "rule_id": DIRECT_INTERNET,
        "title": "SageMaker notebook instance has direct internet access disabled",
        "severity": "high",
        "category": "network",
        "status": "resolved",
        "resource": {
            "id": "arn:aws:sagemaker:eu-west-1:123456789012:notebook-instance/a",
            "kind": "aws.sagemaker.notebook_instance",
            "provider": "aws",
            "account": "123456789012",
            "region": "eu-west-1",
        },
        "fingerprint": "f" * 32,
        "frameworks": {},
        "remediation": "Disable it.",
    }


def test_a_resolved_finding_closes_in_every_siem_format(resolved: dict[str, Any]) -> None:
    report = {"generated_at": "2026-12-04T10:00:00Z", "results": [resolved]}
    assert findings(report) == [resolved]  # shipped, unlike a plain pass
    (asff,) = asff_findings(report, account_id="123456789012", region="eu-west-1")
    assert asff["RecordState"] == "ARCHIVED"
    assert asff["Workflow"]["Status"] == "RESOLVED"
    assert asff["Compliance"]["Status"] == "PASSED"
    (ocsf,) = ocsf_events(report)
    assert (ocsf["status"], ocsf["status_id"]) == ("Resolved", 4)
    assert ocsf["compliance"]["status_id"] == 1  # Pass
    assert ocsf["activity_name"] == "Close"
