"""Options from a .mlposture.yaml, MLPOSTURE_* variables and flags (flag > env > file);
--skip-path and several reports from one run."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.installed import Installed

WEAK = """
resource "aws_sagemaker_notebook_instance" "weak" {
  name          = "weak"
  role_arn      = "arn:aws:iam::111122223333:role/r"
  instance_type = "ml.t3.medium"
}
"""
INTERNET = "MLP-AWS-SM-002"  # high: direct internet access left at its default, Enabled
ROOT = "MLP-AWS-SM-003"  # medium: root access left at its default, Enabled


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with a weak notebook in infra/ and one under examples/."""
    (tmp_path / ".git").mkdir()
    for folder in ("infra", "examples"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "main.tf").write_text(WEAK.replace("weak", f"{folder}_nb"))
    return tmp_path


def _scan(installed: Installed, cwd: Path, *args: str, **env: str) -> tuple[int, dict[str, Any]]:
    done = subprocess.run(
        [str(installed.bin / "mlposture"), "scan", ".", "--format", "json", *args],
        cwd=cwd,
        env=installed.env(**env),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


def _rules(report: dict[str, Any]) -> set[str]:
    return {r["rule_id"] for r in report["results"]}


def test_flag_beats_environment_beats_file(installed: Installed, repo: Path) -> None:
    (repo / ".mlposture.yaml").write_text(f"fail-on: critical\nrule: [{INTERNET}, {ROOT}]\n")
    infra = repo / "infra"  # the file is found from a folder below the repository root
    code, report = _scan(installed, infra)
    assert (code, _rules(report)) == (0, {INTERNET, ROOT})  # high and medium < critical
    code, _ = _scan(installed, infra, MLPOSTURE_FAIL_ON="medium")
    assert code == 1
    code, _ = _scan(installed, infra, "--fail-on", "critical", MLPOSTURE_FAIL_ON="medium")
    assert code == 0
    code, report = _scan(installed, infra, MLPOSTURE_RULE=ROOT)
    assert _rules(report) == {ROOT}


def test_command_section_and_unknown_keys(installed: Installed, repo: Path) -> None:
    (repo / ".mlposture.yaml").write_text(
        f"rule: [{INTERNET}]\nscan:\n  skip-path: ['examples/*', examples]\n"
    )
    _, report = _scan(installed, repo)
    assert {r["resource"]["id"] for r in report["results"]} == {
        "aws_sagemaker_notebook_instance.infra_nb"
    }
    (repo / ".mlposture.yaml").write_text("fail-onn: high\n")
    done = installed.run("scan", ".", cwd=repo)
    assert done.returncode == 2
    assert ".mlposture.yaml: unknown option fail-onn" in done.stderr


def test_the_file_is_not_looked_for_above_the_repository(installed: Installed, repo: Path) -> None:
    (repo.parent / ".mlposture.yaml").write_text("fail-on: critical\n")
    try:
        code, _ = _scan(installed, repo, "--rule", INTERNET)
    finally:
        (repo.parent / ".mlposture.yaml").unlink()
    assert code == 1


def test_skip_path_globs(installed: Installed, repo: Path) -> None:
    _, everything = _scan(installed, repo, "--rule", INTERNET)
    assert everything["summary"]["files"] == 2
    _, skipped = _scan(installed, repo, "--rule", INTERNET, "--skip-path", "examples")
    assert skipped["summary"]["files"] == 1
    done = installed.run("scan", ".", "--format", "json", "--skip-path", "*.tf", cwd=repo)
    assert done.returncode == 2  # nothing left to read is a usage error, never a clean pass
    assert json.loads(done.stdout)["summary"]["score"] is None


def test_several_reports_from_one_run(installed: Installed, repo: Path) -> None:
    done = subprocess.run(
        [
            str(installed.bin / "mlposture"),
            "scan",
            ".",
            "--rule",
            INTERNET,
            "--output-format",
            "sarif=out/r.sarif",
            "--output-format",
            "junit=r.xml",
            "-o",
            "r.json",
            "--format",
            "json",
        ],
        cwd=repo,
        env=installed.env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2 and "out/r.sarif" in done.stderr  # no such folder: usage error
    (repo / "out").mkdir()
    done = subprocess.run(
        [
            *(str(installed.bin / "mlposture"), "scan", ".", "--rule", INTERNET),
            *("--output-format", "sarif=out/r.sarif", "--output-format", "junit=r.xml"),
        ],
        cwd=repo,
        env=installed.env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1
    assert "weak" not in done.stdout and "infra_nb" in done.stdout  # the table on stdout
    sarif = json.loads((repo / "out" / "r.sarif").read_text())
    assert len(sarif["runs"][0]["results"]) == 2
    assert (repo / "r.xml").read_text().count("<failure") == 2
