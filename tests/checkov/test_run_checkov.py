"""`scan --with-checkov`: Checkov run as a subprocess, here a stand-in `checkov` executable on
PATH (a real process that prints what Checkov would); the real Checkov is in
test_real_checkov.py."""

from __future__ import annotations

import os
import shlex
import shutil
import stat
from pathlib import Path

import pytest

from tests.checkov.conftest import NOTEBOOK, REPORT, SAGEMAKER_EQUIVALENTS, checkov_results
from tests.pr.conftest import run_json
from tests.pr.test_diff_base import commit_all, git


def fake_checkov(folder: Path, body: str) -> Path:
    """An executable `checkov` in `folder` that records its arguments, then runs `body`."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "checkov"
    record = folder / "calls.txt"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> {shlex.quote(str(record))}\n{body}\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return script


@pytest.fixture
def on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder first on PATH for stand-in executables."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return folder


def test_checkov_on_path_runs_on_the_scanned_paths(project: Path, on_path: Path) -> None:
    fake_checkov(on_path, f"cat {shlex.quote(str(REPORT))}\nexit 1")
    code, report = run_json("scan", "infra", "--with-checkov")
    assert code == 1
    assert report["errors"] == []
    calls = (on_path / "calls.txt").read_text().splitlines()
    assert len(calls) == 1
    arguments = calls[0].split()
    assert arguments[:2] == ["-d", str((project / "infra").resolve())]
    assert {"--framework", "terraform", "cloudformation", "arm", "-o", "json"} <= set(arguments)
    merged = checkov_results(report)
    assert {c for r, c in merged if r == NOTEBOOK}.isdisjoint(SAGEMAKER_EQUIVALENTS)
    assert merged[("aws_s3_bucket.training", "CKV_AWS_18")]["status"] == "failed"
    assert report["tool"]["engines"] == {"checkov": "3.3.30"}


def test_checkov_bin_names_the_executable_and_a_file_is_scanned_with_f(
    project: Path, tmp_path: Path
) -> None:
    script = fake_checkov(tmp_path / "elsewhere", f"cat {shlex.quote(str(REPORT))}")
    code, report = run_json("scan", "infra/main.tf", "--with-checkov", "--checkov-bin", str(script))
    assert code == 1
    arguments = (tmp_path / "elsewhere" / "calls.txt").read_text().split()
    assert arguments[:2] == ["-f", str((project / "infra" / "main.tf").resolve())]
    merged = checkov_results(report)
    assert merged[("aws_s3_bucket.training", "CKV_AWS_18")]["resource"]["file"] == "infra/main.tf"


def test_checkov_that_fails_with_garbage_is_an_input_error(project: Path, on_path: Path) -> None:
    fake_checkov(on_path, 'echo "{not json"\necho "checkov: boom" >&2\nexit 2')
    code, report = run_json("scan", "infra", "--with-checkov")
    assert code == 1
    assert len(report["errors"]) == 1
    message = report["errors"][0]["message"]
    assert "exit code 2" in message
    assert "not Checkov's JSON report" in message
    assert "checkov: boom" in message
    assert "Traceback" not in message
    assert "MLP-AWS-SM-002" in {r["rule_id"] for r in report["results"]}
    # Asked for and not had: said, with no version.
    assert report["summary"]["engines"] == {"checkov": {"merged": 0, "dropped": 0}}
    assert report["tool"]["engines"] == {"checkov": None}


def test_checkov_that_prints_nothing_says_what_it_said(project: Path, on_path: Path) -> None:
    fake_checkov(on_path, 'echo "No module named checkov.main" >&2\nexit 1')
    code, report = run_json("scan", "infra", "--with-checkov")
    assert code == 1
    [error] = report["errors"]
    assert error["file"] == "checkov"
    assert "printed no report: No module named checkov.main" in error["message"]


def test_missing_checkov_is_an_input_error(project: Path, tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere" / "checkov")
    code, report = run_json("scan", "infra", "--with-checkov", "--checkov-bin", missing)
    assert code == 1
    assert [e["message"] for e in report["errors"]] == [f"Checkov executable {missing!r} not found"]
    assert "MLP-AWS-SM-002" in {r["rule_id"] for r in report["results"]}


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_base_leaves_out_checkov_failures_the_base_had(project: Path, on_path: Path) -> None:
    fake_checkov(on_path, f"cat {shlex.quote(str(REPORT))}")
    git(project, "init", "-q")
    commit_all(project, "base")
    code, report = run_json("scan", "infra", "--with-checkov", "--diff-base", "HEAD")
    # Checkov ran twice (now, and on the tree at HEAD): every failure is preexisting.
    assert len((on_path / "calls.txt").read_text().splitlines()) == 2
    assert code == 0
    assert [r for r in report["results"] if r["status"] == "failed"] == []
    assert report["summary"]["preexisting"] > 0


def test_the_contract_is_unchanged_without_checkov(project: Path, on_path: Path) -> None:
    fake_checkov(on_path, f"cat {shlex.quote(str(REPORT))}")
    _, report = run_json("scan", "infra")
    assert not (on_path / "calls.txt").exists()
    assert "engines" not in report["tool"]
    assert "engines" not in report["summary"]
    assert all("engine" not in r for r in report["results"])
