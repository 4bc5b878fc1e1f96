"""The Checkov bridge as a pull-request check runs it: a project folder with the fixture tree
under infra/, and Checkov's JSON report of that tree (tests/checkov/data/report.json, written by
Checkov 3.3.30 on a CI runner: its absolute paths are not this machine's)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"
REPORT = DATA / "report.json"
NOTEBOOK = "aws_sagemaker_notebook_instance.research"
# Checkov's checks an mlposture rule lists as equivalent, on the fixture's resources.
SAGEMAKER_EQUIVALENTS = {
    "CKV_AWS_22",
    "CKV_AWS_122",
    "CKV_AWS_187",
    "CKV_AWS_306",
    "CKV_AWS_307",
    "CKV_AWS_371",
    "CKV2_AWS_68",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working folder, with the fixture tree at infra/."""
    folder = tmp_path / "project"
    shutil.copytree(DATA / "tree", folder / "infra")
    monkeypatch.chdir(folder)
    return folder


def checkov_results(report: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """Checkov's results of a report, by (resource id, check id)."""
    return {
        (r["resource"]["id"], r["rule_id"]): r
        for r in report["results"]
        if r.get("engine") == "checkov"
    }
