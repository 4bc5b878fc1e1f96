"""The command as a user runs it: output contract, exit codes, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from scanner.cli import main
from tests.conftest import WriteTree

WEAK = """
resource "aws_sagemaker_notebook_instance" "weak" {
  name          = "weak"
  role_arn      = "arn:aws:iam::111122223333:role/r"
  instance_type = "ml.t3.medium"
}
"""
HARDENED = """
resource "aws_sagemaker_notebook_instance" "hardened" {
  name                   = "hardened"
  role_arn               = "arn:aws:iam::111122223333:role/r"
  instance_type          = "ml.t3.medium"
  subnet_id              = "subnet-0a1b2c3d"
  security_groups        = ["sg-0a1b2c3d"]
  direct_internet_access = "Disabled"
}
"""
RULE = "MLP-AWS-SM-002"  # direct internet access disabled (high)


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


def test_json_contract_and_exit_code_on_findings(write_tree: WriteTree) -> None:
    root = write_tree({"weak.tf": WEAK, "hardened.tf": HARDENED})
    code, out = _run("scan", str(root), "--format", "json", "--include-passed", "--rule", RULE)
    assert code == 1
    report = json.loads(out)
    assert report["schema_version"] == "1"
    assert report["tool"]["name"] == "mlposture"
    assert {"resources", "rules", "passed", "failed", "score"} <= set(report["summary"])
    assert report["summary"]["resources"] == 2
    assert report["errors"] == []
    by_status = {r["resource"]["id"]: r["status"] for r in report["results"]}
    assert by_status == {
        "aws_sagemaker_notebook_instance.weak": "failed",
        "aws_sagemaker_notebook_instance.hardened": "passed",
    }
    failed = next(r for r in report["results"] if r["status"] == "failed")
    assert failed["rule_id"] == RULE
    assert failed["category"] == "network"
    assert failed["severity"] == "high"
    assert failed["resource"]["kind"] == "aws.sagemaker.notebook_instance"
    assert failed["resource"]["type"] == "aws_sagemaker_notebook_instance"
    assert failed["resource"]["provider"] == "aws"
    assert failed["resource"]["line"] == 2
    assert failed["resource"]["file"].endswith("weak.tf")
    assert failed["frameworks"]["aws-fsbp"] == ["SageMaker.1"]
    assert "Disabled" in failed["remediation"]
    assert len(failed["fingerprint"]) == 32
    assert report["summary"]["score"] == 50.0


def test_passed_results_only_with_include_passed(write_tree: WriteTree) -> None:
    root = write_tree({"hardened.tf": HARDENED})
    code, out = _run("scan", str(root), "--format", "json", "--rule", RULE)
    assert code == 0
    assert json.loads(out)["results"] == []


def test_fail_on_threshold(write_tree: WriteTree) -> None:
    root = write_tree({"weak.tf": WEAK})
    assert _run("scan", str(root), "--rule", RULE, "--fail-on", "critical")[0] == 0
    assert _run("scan", str(root), "--rule", RULE, "--fail-on", "high")[0] == 1


def test_fingerprint_does_not_move_with_the_line(write_tree: WriteTree) -> None:
    root = write_tree({"weak.tf": WEAK})
    first = json.loads(_run("scan", str(root), "--format", "json", "--rule", RULE)[1])
    (root / "weak.tf").write_text("\n\n\n# moved down\n" + WEAK, encoding="utf-8")
    second = json.loads(_run("scan", str(root), "--format", "json", "--rule", RULE)[1])
    assert first["results"][0]["resource"]["line"] != second["results"][0]["resource"]["line"]
    assert first["results"][0]["fingerprint"] == second["results"][0]["fingerprint"]


def test_broken_file_is_listed_and_makes_exit_nonzero(write_tree: WriteTree) -> None:
    root = write_tree({"hardened.tf": HARDENED, "broken.tf": 'resource "x" "y" {\n  a = \n}\n'})
    code, out = _run("scan", str(root), "--format", "json", "--rule", RULE, "--include-passed")
    report = json.loads(out)
    assert code == 1  # nothing failed, but a file could not be read
    assert [(e["file"].rsplit("/", 1)[-1], e["line"]) for e in report["errors"]] == [
        ("broken.tf", 2)
    ]
    assert [r["status"] for r in report["results"]] == ["passed"]


def test_nothing_readable_exits_2(tmp_path: Path) -> None:
    code, out = _run("scan", str(tmp_path / "missing"), "--format", "json")
    assert code == 2
    assert json.loads(out)["errors"] == [
        {"file": str(tmp_path / "missing"), "line": None, "message": "path does not exist"}
    ]
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out = _run("scan", str(empty), "--format", "json")
    assert code == 2
    assert "no Terraform" in json.loads(out)["errors"][0]["message"]


def test_missing_path_beside_a_good_one_is_an_error_not_a_stop(write_tree: WriteTree) -> None:
    root = write_tree({"weak.tf": WEAK})
    code, out = _run("scan", str(root), str(root / "nope"), "--format", "json", "--rule", RULE)
    report = json.loads(out)
    assert code == 1
    assert report["summary"]["failed"] == 1
    assert report["errors"][0]["message"] == "path does not exist"


def test_unknown_rule_is_a_usage_error(write_tree: WriteTree) -> None:
    root = write_tree({"weak.tf": WEAK})
    code, _ = _run("scan", str(root), "--rule", "MLP-NOPE-999")
    assert code == 2


def test_output_file_and_table(write_tree: WriteTree, tmp_path: Path) -> None:
    root = write_tree({"weak.tf": WEAK})
    target = tmp_path / "out" / "report.txt"
    target.parent.mkdir()
    code, _ = _run("scan", str(root), "--rule", RULE, "--output", str(target))
    assert code == 1
    text = target.read_text(encoding="utf-8")
    assert "aws_sagemaker_notebook_instance.weak" in text
    assert "weak.tf:2" in text
    assert RULE in text and "HIGH" in text
    assert "Score: 0.0/100" in text


def test_user_rules_dir(write_tree: WriteTree, tmp_path: Path) -> None:
    root = write_tree({"weak.tf": WEAK})
    own = tmp_path / "own" / "nb-type"
    own.mkdir(parents=True)
    (own / "rule.yaml").write_text(
        "id: ACME-SM-001\nslug: nb-small\ntitle: Notebooks use small instances\n"
        "severity: low\ncategory: operations\nkind: aws.sagemaker.notebook_instance\n"
        "check: {field: instance_type, in: [ml.t3.small]}\nrationale: cost\n"
        "remediation: {terraform: use ml.t3.small}\n",
        encoding="utf-8",
    )
    code, out = _run(
        "scan",
        str(root),
        "--rules-dir",
        str(tmp_path / "own"),
        "--rule",
        "ACME-SM-001",
        "--format",
        "json",
    )
    assert code == 1
    assert [r["rule_id"] for r in json.loads(out)["results"]] == ["ACME-SM-001"]


def test_rules_list_and_show() -> None:
    code, out = _run("rules", "list", "--format", "json")
    assert code == 0
    rules = json.loads(out)
    assert RULE in {r["id"] for r in rules}
    assert all(r["frameworks"] is not None for r in rules)
    code, out = _run("rules", "show", RULE)
    assert code == 0
    assert "SageMaker.1" in out and "direct_internet_access" in out


@pytest.mark.parametrize(
    "content", [b"\x00\x01binary", b"resource {{{{ \n", 'x = "caf\xe9"'.encode("latin-1")]
)
def test_console_script_never_shows_a_traceback(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "bad.tf").write_bytes(content)
    script = Path(sys.executable).parent / "mlposture"
    done = subprocess.run(
        [str(script), "scan", str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 1
    assert "bad.tf" in done.stdout


def test_rule_docs_in_the_repository_are_generated_from_the_rules() -> None:
    committed = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
    code, out = _run("rules", "docs")
    assert code == 0
    assert committed.read_text(encoding="utf-8") == out, (
        "run: mlposture rules docs -o docs/rules.md"
    )


def test_summary_counts_resources_read_and_judged(write_tree: WriteTree) -> None:
    root = write_tree({"weak.tf": WEAK, "other.tf": 'resource "aws_sns_topic" "t" {}\n'})
    report = json.loads(_run("scan", str(root), "--format", "json")[1])
    assert report["summary"]["resources"] == 1  # the notebook: rules judge it
    assert report["summary"]["resources_read"] == 2  # and the topic, which no rule tests
