"""The rule lifecycle as a user meets it: preview rules, deprecated rules and replaced ids.

The rules are the fixture folder `lifecycle_rules/` (see its README): MLP-TEST-001 is
replaced by MLP-TEST-002, MLP-TEST-003 is a preview rule, MLP-TEST-004 is deprecated
without a replacement. They test a notebook that fails all four.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from scanner.cli import main
from scanner.engine.rules import RuleLoadError, effective_ids, load_rule_file, merge_rule_sets
from scanner.mappings import load_catalog
from scanner.pipeline import ScanOptions, scan
from scanner.report import fingerprint

RULES_DIR = Path(__file__).parent / "lifecycle_rules"
WEAK_NOTEBOOK = """
resource "aws_sagemaker_notebook_instance" "weak" {
  name          = "weak"
  role_arn      = "arn:aws:iam::111122223333:role/weak"
  instance_type = "ml.t3.medium"
}
"""
REPLACED_WARNING = "MLP-TEST-001 is deprecated and replaced by MLP-TEST-002"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "main.tf").write_text(WEAK_NOTEBOOK, encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def _scan(*args: str) -> Result:
    result = CliRunner().invoke(
        main, ["scan", ".", "--rules-dir", str(RULES_DIR), "--format", "json", *args]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def _report(result: Result) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def _rule_ids(result: Result) -> set[str]:
    return {r["rule_id"] for r in _report(result)["results"]}


def test_replaced_and_preview_rules_do_not_run_and_deprecated_ones_still_do(
    project: Path,
) -> None:
    result = _scan("--rule", "MLP-TEST-*")
    assert _rule_ids(result) == {"MLP-TEST-002", "MLP-TEST-004"}
    assert _report(result)["summary"]["rules"] == 2
    assert "warning" not in result.stderr  # a glob names no replaced id


def test_preview_rules_run_with_preview(project: Path) -> None:
    result = _scan("--rule", "MLP-TEST-*", "--preview")
    assert _rule_ids(result) == {"MLP-TEST-002", "MLP-TEST-003", "MLP-TEST-004"}


def test_naming_a_preview_rule_without_preview_is_a_usage_error(project: Path) -> None:
    result = _scan("--rule", "MLP-TEST-003")
    assert result.exit_code == 2
    assert "MLP-TEST-003: preview rule; add --preview" in result.stderr
    assert _rule_ids(_scan("--rule", "MLP-TEST-003", "--preview")) == {"MLP-TEST-003"}


def test_rule_naming_a_replaced_id_runs_its_replacement_with_a_warning(project: Path) -> None:
    for name in ("MLP-TEST-001", "test-old-internet"):  # by id or by slug
        result = _scan("--rule", name)
        assert result.exit_code == 1
        assert _rule_ids(result) == {"MLP-TEST-002"}
        assert f"mlposture: warning: --rule {name}: rule {REPLACED_WARNING}" in result.stderr


def test_skip_rule_naming_a_replaced_id_skips_its_replacement_with_a_warning(
    project: Path,
) -> None:
    result = _scan("--rule", "MLP-TEST-*", "--skip-rule", "MLP-TEST-001")
    assert _rule_ids(result) == {"MLP-TEST-004"}
    assert f"--skip-rule MLP-TEST-001: rule {REPLACED_WARNING}" in result.stderr


def test_inline_suppression_naming_a_replaced_id_suppresses_the_replacement(
    project: Path,
) -> None:
    (project / "main.tf").write_text(
        '# mlposture:ignore MLP-TEST-001 reason="egress goes through the proxy VPC"\n'
        + WEAK_NOTEBOOK.lstrip(),
        encoding="utf-8",
    )
    result = _scan("--rule", "MLP-TEST-002")
    report = _report(result)
    assert [(r["rule_id"], r["status"]) for r in report["results"]] == [
        ("MLP-TEST-002", "suppressed")
    ]
    assert report["errors"] == []
    assert result.exit_code == 0
    assert "main.tf:1: suppression names MLP-TEST-001, which is deprecated and replaced by " in (
        result.stderr
    )


def test_rules_list_and_show_give_the_status(project: Path) -> None:
    listed = CliRunner().invoke(main, ["rules", "list", "--rules-dir", str(RULES_DIR)])
    assert listed.exit_code == 0
    text = " ".join(listed.stdout.split())
    assert "[deprecated, replaced by MLP-TEST-002]" in text
    assert "[preview]" in text
    shown = CliRunner().invoke(
        main, ["rules", "show", "MLP-TEST-001", "--rules-dir", str(RULES_DIR)]
    )
    assert "status: deprecated, replaced by MLP-TEST-002" in shown.stdout
    as_json = CliRunner().invoke(
        main, ["rules", "list", "--format", "json", "--rules-dir", str(RULES_DIR)]
    )
    by_id = {r["id"]: r for r in json.loads(as_json.stdout)}
    assert by_id["MLP-TEST-001"]["status"] == "deprecated"
    assert by_id["MLP-TEST-001"]["replaced_by"] == "MLP-TEST-002"
    assert by_id["MLP-TEST-002"]["status"] == "stable"
    assert by_id["MLP-TEST-002"]["equivalents"] == {"checkov": ["CKV_AWS_122"]}


def test_rule_docs_say_which_rule_replaces_a_deprecated_one(project: Path) -> None:
    docs = CliRunner().invoke(main, ["rules", "docs", "--rules-dir", str(RULES_DIR)]).stdout
    assert "Status: deprecated, replaced by [MLP-TEST-002](#mlp-test-002)." in docs
    assert "Status: preview." in docs
    assert "Equivalent checks: checkov: CKV_AWS_122" in docs


def _rule_file(folder: Path, name: str, **fields: object) -> Path:
    rule = {
        "id": "MLP-TEST-100",
        "slug": "test-rule",
        "title": "A rule",
        "severity": "low",
        "category": "network",
        "kind": "aws.sagemaker.notebook_instance",
        "check": {"field": "root_access", "equals": False},
        "rationale": "Why.",
        "remediation": {"terraform": "Fix it."},
        **fields,
    }
    path = folder / name / "rule.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(rule), encoding="utf-8")  # JSON is YAML
    return path


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"frameworks": {"checkov": ["CKV_AWS_1"]}}, "checkov is another scanner"),
        ({"frameworks": {"nist-800-54": ["AC-6"]}}, "unknown standard 'nist-800-54'"),
        ({"frameworks": {"mitre-atlas": ["T0010"]}}, "T0010 is not a mitre-atlas id"),
        ({"frameworks": {"owasp-ml-top-10": ["ML11"]}}, "ML11 is not a owasp-ml-top-10 id"),
        ({"frameworks": {"nist-800-53": []}}, "list at least one id"),
        ({"equivalents": {"nist-800-53": ["AC-6"]}}, "a standard belongs under frameworks"),
        ({"status": "beta"}, "status"),
        ({"replaced_by": "MLP-TEST-200"}, "only a deprecated rule is replaced"),
        ({"status": "deprecated", "replaced_by": "MLP-TEST-100"}, "cannot replace itself"),
    ],
)
def test_rule_files_that_break_the_schema_do_not_load(
    tmp_path: Path, fields: dict[str, object], message: str
) -> None:
    path = _rule_file(tmp_path, "bad", **fields)
    with pytest.raises(RuleLoadError) as caught:
        load_rule_file(path, load_catalog())
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_a_replacement_must_exist_and_must_not_go_round(tmp_path: Path) -> None:
    catalog = load_catalog()
    orphan = load_rule_file(
        _rule_file(tmp_path, "orphan", status="deprecated", replaced_by="MLP-TEST-999"), catalog
    )
    with pytest.raises(RuleLoadError, match="replaced_by names unknown rule MLP-TEST-999"):
        merge_rule_sets([orphan])
    first = load_rule_file(
        _rule_file(tmp_path, "a", status="deprecated", replaced_by="MLP-TEST-101"), catalog
    )
    second = load_rule_file(
        _rule_file(
            tmp_path, "b", id="MLP-TEST-101", status="deprecated", replaced_by="MLP-TEST-100"
        ),
        catalog,
    )
    with pytest.raises(RuleLoadError, match="goes round"):
        merge_rule_sets([first, second])


def test_a_chain_of_replacements_ends_at_the_rule_that_runs(tmp_path: Path) -> None:
    catalog = load_catalog()
    chain = [
        load_rule_file(
            _rule_file(tmp_path, "a", status="deprecated", replaced_by="MLP-TEST-101"), catalog
        ),
        load_rule_file(
            _rule_file(
                tmp_path, "b", id="MLP-TEST-101", status="deprecated", replaced_by="MLP-TEST-102"
            ),
            catalog,
        ),
        load_rule_file(_rule_file(tmp_path, "c", id="MLP-TEST-102"), catalog),
    ]
    assert effective_ids(merge_rule_sets(chain)) == {
        "MLP-TEST-100": "MLP-TEST-102",
        "MLP-TEST-101": "MLP-TEST-102",
        "MLP-TEST-102": "MLP-TEST-102",
    }


def test_a_baseline_naming_a_replaced_id_still_accepts_the_finding(project: Path) -> None:
    """A baseline written when MLP-TEST-001 ran keeps accepting its finding once
    MLP-TEST-002 runs in its place (the fingerprint carries the rule id)."""
    options = ScanOptions(rules_dirs=(RULES_DIR,), only_rules=("MLP-TEST-002",))
    [finding] = scan([str(project)], options).results
    entry = {
        "fingerprint": fingerprint("MLP-TEST-001", finding.resource),
        "rule_id": "MLP-TEST-001",
        "resource": finding.resource.id,
        "file": "main.tf",
    }
    baseline = {"format": "mlposture-baseline", "version": 1, "findings": [entry]}
    (project / "bl.json").write_text(json.dumps(baseline), encoding="utf-8")
    result = _scan("--rule", "MLP-TEST-002", "--baseline", "bl.json")
    report = _report(result)
    assert report["results"] == [] and report["summary"]["baselined"] == 1
    assert result.exit_code == 0
    assert "the baseline names MLP-TEST-001, replaced by MLP-TEST-002" in result.stderr
