"""Choosing rules from the command line: ids, slugs and globs in --rule / --skip-rule,
--framework, and the per-framework pass rate in the summary; standards kept apart from other
scanners' ids."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from scanner.cli import main
from scanner.engine.rules import EQUIVALENT_TOOLS, STANDARDS, builtin_rules_dir, load_rules
from scanner.mappings import load_catalog
from scanner.writers.common import framework_ids, standards

ESTATE = Path(__file__).parents[1] / "iac"
WEAK_NOTEBOOK = """
resource "aws_sagemaker_notebook_instance" "weak" {
  name          = "weak"
  role_arn      = "arn:aws:iam::111122223333:role/weak"
  instance_type = "ml.t3.medium"
}
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "main.tf").write_text(WEAK_NOTEBOOK, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _invoke(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def _scan_json(path: str, *args: str) -> tuple[Result, dict[str, Any]]:
    result = _invoke("scan", path, "--format", "json", *args)
    assert result.exit_code in (0, 1), result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return result, report


def _judged_rules(report: dict[str, Any]) -> int:
    return int(report["summary"]["rules"])


def test_a_glob_selects_every_rule_whose_id_matches(project: Path) -> None:
    _, report = _scan_json(".", "--rule", "MLP-AWS-SM-00*", "--include-passed")
    assert _judged_rules(report) == 9  # MLP-AWS-SM-001 .. MLP-AWS-SM-009
    assert {r["rule_id"] for r in report["results"]} <= {f"MLP-AWS-SM-00{i}" for i in range(1, 10)}


def test_a_glob_matches_slugs_too(project: Path) -> None:
    _, report = _scan_json(".", "--rule", "sagemaker-notebook-*", "--include-passed")
    # The six notebook rules and the notebook's execution role rule (MLP-AWS-IAM-011).
    assert _judged_rules(report) == 7
    _, by_slug = _scan_json(".", "--rule", "sagemaker-notebook-no-direct-internet")
    assert {r["rule_id"] for r in by_slug["results"]} == {"MLP-AWS-SM-002"}


def test_skip_rule_takes_globs(project: Path) -> None:
    _, report = _scan_json(
        ".", "--rule", "MLP-AWS-SM-00*", "--skip-rule", "MLP-AWS-SM-00[1-3]", "--include-passed"
    )
    assert _judged_rules(report) == 6
    assert not {"MLP-AWS-SM-001", "MLP-AWS-SM-002", "MLP-AWS-SM-003"} & {
        r["rule_id"] for r in report["results"]
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--rule", "mlp-aws-sm-*"), "no rule matches 'mlp-aws-sm-*'"),  # ids are upper case
        (("--skip-rule", "MLP-NOPE-*"), "no rule matches 'MLP-NOPE-*'"),
        (("--rule", "MLP-NOPE-001"), "unknown rule id: MLP-NOPE-001"),
    ],
)
def test_a_name_or_glob_that_matches_nothing_is_a_usage_error(
    project: Path, args: tuple[str, ...], message: str
) -> None:
    result = _invoke("scan", ".", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_framework_keeps_the_rules_mapped_to_it(project: Path) -> None:
    _, report = _scan_json(".", "--framework", "aws-fsbp", "--include-passed")
    assert report["results"]
    assert all("aws-fsbp" in r["frameworks"] for r in report["results"])
    _, two = _scan_json(
        ".", "--framework", "aws-fsbp", "--framework", "mitre-atlas", "--include-passed"
    )
    assert _judged_rules(two) > _judged_rules(report)
    assert all({"aws-fsbp", "mitre-atlas"} & set(r["frameworks"]) for r in two["results"])


def test_an_unknown_framework_is_a_usage_error(project: Path) -> None:
    result = _invoke("scan", ".", "--framework", "checkov")
    assert result.exit_code == 2
    assert "checkov" in result.stderr


def test_summary_gives_the_pass_rate_of_each_framework() -> None:
    _, report = _scan_json(str(ESTATE), "--include-passed")
    rates = report["summary"]["frameworks"]
    assert {"nist-800-53", "aws-fsbp", "azure-policy", "mitre-atlas"} <= set(rates)
    for name, tally in rates.items():
        mapped = [r for r in report["results"] if name in r["frameworks"]]
        passed = sum(r["status"] == "passed" for r in mapped)
        assert tally["passed"] == passed
        assert tally["failed"] == len(mapped) - passed  # failed, suppressed
        assert tally["rate"] == round(passed / len(mapped), 4)


def test_summary_of_one_framework_and_the_table_line(project: Path) -> None:
    _, report = _scan_json(".", "--framework", "aws-fsbp")
    # Direct internet access, root access and VPC fail; the platform passes.
    assert report["summary"]["frameworks"]["aws-fsbp"] == {"passed": 1, "failed": 3, "rate": 0.25}
    table = _invoke("scan", ".", "--framework", "aws-fsbp").stdout
    assert "Frameworks: aws-fsbp 25.0% (1/4), mitre-atlas 0.0% (0/1), nist-800-53 25.0% (1/4)" in (
        table
    )


def test_nothing_judged_has_no_framework_rates(tmp_path: Path) -> None:
    (tmp_path / "empty.tf").write_text('variable "x" {}\n', encoding="utf-8")
    _, report = _scan_json(str(tmp_path))
    assert report["summary"]["frameworks"] == {}


def test_frameworks_hold_standards_and_equivalents_other_scanners() -> None:
    rules = load_rules([builtin_rules_dir()], load_catalog())
    assert all(set(r.frameworks) <= STANDARDS for r in rules)
    assert all(set(r.equivalents) <= EQUIVALENT_TOOLS for r in rules)
    by_id = {r.id: r for r in rules}
    assert by_id["MLP-AWS-SM-002"].frameworks["aws-fsbp"] == ["SageMaker.1"]
    assert by_id["MLP-AWS-SM-002"].equivalents["checkov"] == ["CKV_AWS_122"]
    # The threat catalogues where they apply: egress (exfiltration), images (supply chain).
    assert by_id["MLP-AWS-SM-009"].frameworks["mitre-atlas"] == ["AML.T0025"]
    assert by_id["MLP-AWS-SM-011"].frameworks["owasp-ml-top-10"] == ["ML06"]


def test_reports_carry_standards_apart_from_equivalents(project: Path) -> None:
    _, report = _scan_json(".", "--rule", "MLP-AWS-SM-002")
    assert "checkov" not in report["results"][0]["frameworks"]
    sarif = json.loads(_invoke("scan", ".", "--rule", "MLP-AWS-SM-002", "--format", "sarif").stdout)
    rule = sarif["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["properties"]["equivalents"]["checkov"] == ["CKV_AWS_122"]
    assert "checkov" not in rule["properties"]["frameworks"]
    assert "## Equivalent checks" in rule["help"]["markdown"]


def test_a_report_saved_before_equivalents_existed_keeps_them_out_of_standards() -> None:
    old = {"frameworks": {"aws-fsbp": ["SageMaker.1"], "checkov": ["CKV_AWS_122"]}}
    assert framework_ids(old) == ["aws-fsbp SageMaker.1"]
    assert standards(old) == ["aws-fsbp"]
