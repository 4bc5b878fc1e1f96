"""Exit codes a CI job reads: --soft-fail and --fail-on."""

from __future__ import annotations

from pathlib import Path

from tests.pr.conftest import INTERNET, run, weak_notebook

MEDIUM = "MLP-AWS-SM-001"  # customer managed KMS key (medium); fails on the weak notebook


def test_soft_fail_exits_0_on_findings_but_still_reports_them(project: Path) -> None:
    (project / "main.tf").write_text(weak_notebook("weak"))
    assert run("scan", ".", "--rule", INTERNET)[0] == 1
    code, out = run("scan", ".", "--rule", INTERNET, "--soft-fail")
    assert code == 0
    assert INTERNET in out and "failed" in out


def test_soft_fail_does_not_hide_unreadable_input_or_usage_errors(project: Path) -> None:
    (project / "main.tf").write_text(weak_notebook("weak"))
    (project / "broken.tf").write_text('resource "aws_s3_bucket" "b" {\n')
    assert run("scan", ".", "--rule", INTERNET, "--soft-fail")[0] == 1
    (project / "broken.tf").unlink()
    (project / "main.tf").write_text(
        "# mlposture:ignore MLP-AWS-SM-002\n" + weak_notebook("weak").lstrip()
    )
    assert run("scan", ".", "--rule", INTERNET, "--soft-fail")[0] == 1  # no reason
    assert run("scan", "missing-folder", "--soft-fail")[0] == 2
    assert run("scan", ".", "--rule", "NO-SUCH-RULE", "--soft-fail")[0] == 2


def test_fail_on_sets_the_threshold(project: Path) -> None:
    (project / "main.tf").write_text(weak_notebook("weak"))
    rules = ("--rule", MEDIUM)
    assert run("scan", ".", *rules, "--fail-on", "medium")[0] == 1
    assert run("scan", ".", *rules, "--fail-on", "low")[0] == 1
    assert run("scan", ".", *rules, "--fail-on", "high")[0] == 0
    assert run("scan", ".", "--rule", INTERNET, "--fail-on", "high")[0] == 1
    assert run("scan", ".", "--rule", INTERNET, "--fail-on", "critical")[0] == 0
    assert run("scan", ".", *rules, "--fail-on", "severe")[0] == 2
