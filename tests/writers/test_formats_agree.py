"""One finding, one fingerprint, in every format; the command line writes every format."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from scanner.cli import main
from scanner.report import Report
from scanner.writers import FORMATS
from scanner.writers.asff import asff_findings
from scanner.writers.csv_writer import write_csv
from scanner.writers.junit import write_junit
from scanner.writers.ocsf import ocsf_events
from scanner.writers.sarif import FINGERPRINT_KEY, sarif_log
from tests.conftest import WriteTree

WEAK = """
resource "aws_sagemaker_notebook_instance" "weak" {
  name          = "weak"
  role_arn      = "arn:aws:iam::111122223333:role/r"
  instance_type = "ml.t3.medium"
}
"""


def test_fingerprint_is_the_same_in_every_format(scanned: Report) -> None:
    expected = [r.fingerprint for r in scanned.results]
    assert len(set(expected)) == len(expected), "two results share a fingerprint"
    contract = json.loads(json.dumps(scanned.as_dict()))
    assert [r["fingerprint"] for r in contract["results"]] == expected
    sarif = sarif_log(scanned)["runs"][0]["results"]
    assert [r["partialFingerprints"][FINGERPRINT_KEY] for r in sarif] == expected
    assert [e["finding_info"]["uid"] for e in ocsf_events(contract)] == expected
    asff = asff_findings(contract, account_id="123456789012", region="us-east-1")
    assert [f["Id"].removeprefix("mlposture/") for f in asff] == expected
    out = io.StringIO()
    write_csv(scanned, out)
    assert [row["fingerprint"] for row in csv.DictReader(io.StringIO(out.getvalue()))] == expected
    out = io.StringIO()
    write_junit(scanned, out)
    failures = [f.text or "" for f in ET.fromstring(out.getvalue()).iter("failure")]
    failed = {r.fingerprint for r in scanned.results if r.status == "failed"}
    assert {t.rsplit("fingerprint: ", 1)[1].split()[0] for t in failures} == failed


def test_nested_stack_in_two_parents_gives_two_findings(scanned: Report) -> None:
    nested = [r for r in scanned.results if r.resource.id == "NotebookStack.Notebook"]
    by_rule: dict[str, set[str]] = {}
    for result in nested:
        by_rule.setdefault(result.rule.id, set()).add(result.fingerprint)
    assert by_rule and all(len(prints) == 2 for prints in by_rule.values())


def _scan(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["scan", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "asff"])
def test_every_format_from_the_command_line(write_tree: WriteTree, fmt: str) -> None:
    root = write_tree({"weak.tf": WEAK})
    code, out = _scan(str(root), "--format", fmt, "--rule", "MLP-AWS-SM-003")
    assert code == 1
    assert "aws_sagemaker_notebook_instance.weak" in out


def test_asff_from_the_command_line(write_tree: WriteTree, tmp_path: Path) -> None:
    root = write_tree({"weak.tf": WEAK})
    target = tmp_path / "findings.json"
    code, _ = _scan(
        str(root), "--format", "asff", "--rule", "MLP-AWS-SM-003", "-o", str(target),
        "--aws-account-id", "123456789012", "--aws-region", "eu-west-1",
    )  # fmt: skip
    assert code == 1
    findings = json.loads(target.read_text("utf-8"))
    assert [f["ProductArn"].split(":")[3:5] for f in findings] == [["eu-west-1", "123456789012"]]


def test_asff_without_an_account_is_a_usage_error(
    write_tree: WriteTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MLPOSTURE_AWS_ACCOUNT_ID", raising=False)
    root = write_tree({"weak.tf": WEAK})
    target = tmp_path / "findings.json"
    result = CliRunner().invoke(
        main,
        ["scan", str(root), "--format", "asff", "--aws-region", "eu-west-1", "-o", str(target)],
    )
    assert result.exit_code == 2
    assert "--aws-account-id" in result.output
    assert not target.exists()
