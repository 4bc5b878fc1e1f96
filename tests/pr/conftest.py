"""The command as a pull-request check runs it: in the project folder, paths as written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scanner.cli import main

WEAK_NOTEBOOK = """
resource "aws_sagemaker_notebook_instance" "{name}" {{
  name          = "{name}"
  role_arn      = "arn:aws:iam::111122223333:role/{name}"
  instance_type = "ml.t3.medium"
}}
"""
INTERNET = "MLP-AWS-SM-002"  # direct internet access disabled (high); fails on WEAK_NOTEBOOK
ROOT = "MLP-AWS-SM-003"  # root access disabled (high); fails on WEAK_NOTEBOOK


def weak_notebook(name: str) -> str:
    return WEAK_NOTEBOOK.format(name=name)


def run(*args: str, stdout_only: bool = False) -> tuple[int, str]:
    """`mlposture ARGS` in the current folder: exit code and what it printed (standard
    output and error, or standard output alone)."""
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout if stdout_only else result.output


def run_json(*args: str) -> tuple[int, dict[str, Any]]:
    code, out = run(*args, "--format", "json", stdout_only=True)
    return code, json.loads(out)


def statuses(report: dict[str, Any]) -> dict[tuple[str, str], str]:
    return {(r["resource"]["id"], r["rule_id"]): r["status"] for r in report["results"]}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder that is also the working folder."""
    folder = tmp_path / "project"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder
