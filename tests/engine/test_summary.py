"""The summary, built in one place: the engine's tally of every check, then the results as
they stand. A suppression or a baseline moves a failure out of `failed`; it never changes
what was judged, nor the score."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scanner.audit import live_types
from scanner.pipeline import ScanOptions, scan
from scanner.report import Summary
from tests.rules.cases import builtin_rulebook

NOTEBOOK = """
resource "aws_sagemaker_notebook_instance" "{name}" {{
  name          = "{name}"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  instance_type = "ml.t3.medium"
}}
"""
INTERNET = "MLP-AWS-SM-002"  # direct internet access left at its default: enabled


def _scan(path: Path, **options: Any) -> Summary:
    report = scan([str(path)], ScanOptions(workers=1, **options), builtin_rulebook())
    assert not report.errors, report.errors
    return report.summary


def _judged(summary: Summary) -> tuple[object, ...]:
    return (
        summary.resources,
        summary.rules,
        summary.passed,
        summary.undecided,
        summary.score,
        summary.score_by_provider,
        summary.frameworks,
    )


def test_a_suppression_moves_a_failure_and_keeps_the_tally(tmp_path: Path) -> None:
    plain, quiet = tmp_path / "plain", tmp_path / "quiet"
    plain.mkdir()
    quiet.mkdir()
    (plain / "main.tf").write_text(NOTEBOOK.format(name="a") + NOTEBOOK.format(name="b"))
    (quiet / "main.tf").write_text(
        f'# mlposture:ignore {INTERNET} reason="egress through the proxy VPC"\n'
        + NOTEBOOK.format(name="a").lstrip()
        + NOTEBOOK.format(name="b")
    )
    before, after = _scan(plain), _scan(quiet)
    assert before.failed > 1 and before.suppressed == 0
    assert (after.failed, after.suppressed) == (before.failed - 1, 1)
    assert _judged(after) == _judged(before)
    assert sum(after.failed_by_severity.values()) == after.failed
    assert (after.files, after.resources_read, after.errors) == (1, 2, 0)


def test_a_baseline_leaves_failures_out_and_keeps_the_tally(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(NOTEBOOK.format(name="a"))
    baseline = tmp_path / "baseline.json"
    first = _scan(tmp_path, create_baseline=baseline)
    again = _scan(tmp_path, baseline=baseline)
    assert first.failed > 0
    assert (again.failed, again.baselined, again.failed_by_severity) == (0, first.failed, {})
    assert _judged(again) == _judged(first)


def test_an_audit_collects_the_kinds_related_tests_join_to() -> None:
    """Live type discovery: a rule on notebooks that judges their role makes an audit read
    roles too, and only what some selected rule needs."""
    book = builtin_rulebook()
    [rule] = [r for r in book.rules if r.id == "MLP-AWS-IAM-011"]  # notebook -> its role
    assert rule.kinds() == {"aws.sagemaker.notebook_instance", "aws.iam.role"}
    available = frozenset(book.catalog.by_native_type)
    wanted = live_types(book.catalog, [rule], available)
    kinds = {t.kind.name for native in wanted for t in book.catalog.by_native_type[native]}
    assert {"aws.sagemaker.notebook_instance", "aws.iam.role"} <= kinds
    assert not any(kind.startswith(("azure.", "gcp.", "aws.s3.")) for kind in kinds)
