"""`scan --with-checkov` with the real Checkov, where its environment exists.

bench/checkov_venv.sh builds it (Checkov 3.3.30, the benchmark's) at bench/.venv-checkov;
MLPOSTURE_CHECKOV_BIN names another executable. Without either, the tests are skipped."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from scanner.engine.rules import builtin_rules_dir, load_rules
from scanner.mappings import load_catalog
from tests.checkov.conftest import REPORT, checkov_results
from tests.pr.conftest import run, run_json

REPOSITORY = Path(__file__).parents[2]
CHECKOV = Path(
    os.environ.get(
        "MLPOSTURE_CHECKOV_BIN", REPOSITORY / "bench" / ".venv-checkov" / "bin" / "checkov"
    )
)

pytestmark = pytest.mark.skipif(
    not os.access(CHECKOV, os.X_OK),
    reason=f"no Checkov at {CHECKOV} (bash bench/checkov_venv.sh builds it)",
)


def test_the_sample_estate_judges_no_ml_control_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPOSITORY)
    out = tmp_path / "report.json"
    scan = ("scan", "iac", "--with-checkov", "--checkov-bin", str(CHECKOV), "--include-passed")
    code, _ = run(*scan, "--format", "json", "-o", str(out))
    report = json.loads(out.read_text())
    assert code == 1
    assert report["errors"] == []
    assert report["tool"]["engines"] == {"checkov": "3.3.30"}
    counts = report["summary"]["engines"]["checkov"]
    assert counts["merged"] > 50
    assert counts["dropped"] > 20
    # No Checkov result of a check an mlposture rule judges, on a resource it judged.
    judged_kinds: dict[str, set[str]] = {}
    for rule in load_rules([builtin_rules_dir()], load_catalog()):
        for check_id in rule.equivalents.get("checkov", ()):
            judged_kinds.setdefault(check_id, set()).add(rule.kind)
    judged = {
        (r["resource"]["file"], r["resource"]["id"]) for r in report["results"] if "engine" not in r
    }
    merged = checkov_results(report)
    twice = [
        key
        for key, r in merged.items()
        if r["resource"]["kind"] in judged_kinds.get(r["rule_id"], ())
        and (r["resource"]["file"], r["resource"]["id"]) in judged
    ]
    assert twice == []
    # On the sample estate every Checkov check of a SageMaker resource is one mlposture judges.
    assert [key for key, r in merged.items() if "sagemaker" in r["resource"]["kind"]] == []
    # General checks mlposture lacks: a KMS key's policy, a security group's descriptions.
    assert merged[("aws_kms_key.ml", "CKV2_AWS_64")]["status"] == "failed"
    assert merged[("aws_security_group.notebooks", "CKV_AWS_23")]["category"] == "network"


def test_the_fixture_report_is_what_checkov_says_of_the_fixture_tree(project: Path) -> None:
    """The report fixture's results and fingerprints are those of a real run."""
    _, ran = run_json("scan", "infra", "--with-checkov", "--checkov-bin", str(CHECKOV))
    _, read = run_json("scan", "infra", "--checkov-report", str(REPORT))
    assert ran["results"] == read["results"]
    assert ran["summary"]["engines"] == read["summary"]["engines"]
