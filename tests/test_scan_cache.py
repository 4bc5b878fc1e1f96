"""The whole-run cache: an unchanged re-scan writes the kept report again, and anything the
report depends on (a file, a rule, an option, a variable) makes it judge again."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from scanner.cli import main
from tests.conftest import WriteTree

NOTEBOOK = """
resource "aws_sagemaker_notebook_instance" "nb" {
  name                   = "nb"
  role_arn               = "arn:aws:iam::111122223333:role/nb"
  instance_type          = var.size
  direct_internet_access = "%s"
}
variable "size" {
  default = "ml.t3.medium"
}
"""
INTERNET = "MLP-AWS-SM-002"
OWN_RULE = (
    "id: ACME-SM-001\nslug: nb-small\ntitle: Notebooks use small instances\n"
    "severity: {severity}\ncategory: operations\nkind: aws.sagemaker.notebook_instance\n"
    "check: {{field: instance_type, in: [ml.t3.small]}}\nrationale: cost\n"
    "remediation: {{terraform: use ml.t3.small}}\n"
)


def _scan(folder: Path, cache: Path, *extra: str) -> tuple[int, dict[str, object]]:
    result = CliRunner().invoke(
        main, ["scan", str(folder), "--format", "json", "--cache-dir", str(cache), *extra]
    )
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def _judged_again(cache: Path) -> bool:
    """A run that judged (not answered from the run cache) reads the module cache again,
    so it recreates the module cache folder removed before it."""
    return (cache / "terraform").is_dir()


def _forget_modules(cache: Path) -> None:
    shutil.rmtree(cache / "terraform", ignore_errors=True)


def _statuses(report: dict[str, object]) -> dict[str, str]:
    results = report["results"]
    assert isinstance(results, list)
    return {r["rule_id"]: r["status"] for r in results}


@pytest.fixture
def tree(write_tree: WriteTree) -> Path:
    return write_tree({"code/main.tf": NOTEBOOK % "Enabled"})


def test_an_unchanged_rescan_writes_the_same_report_with_its_own_time(
    tree: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    code, first = _scan(tree / "code", cache, "--include-passed")
    _forget_modules(cache)
    again, second = _scan(tree / "code", cache, "--include-passed")
    assert not _judged_again(cache), "the unchanged tree was judged again"
    assert again == code == 1
    assert second["generated_at"] >= first["generated_at"]  # type: ignore[operator]
    first.pop("generated_at"), second.pop("generated_at")
    assert second == first


def test_the_report_file_and_exit_codes_match_a_scan_without_cache(
    tree: Path, tmp_path: Path
) -> None:
    cache, out = tmp_path / "cache", tmp_path / "report.json"
    runner = CliRunner()
    for fail_on in ("info", "critical"):
        args = ["scan", str(tree / "code"), "--format", "json", "--fail-on", fail_on]
        fresh = runner.invoke(main, [*args, "--no-cache"])
        runner.invoke(main, [*args, "--cache-dir", str(cache), "--output", str(out)])
        _forget_modules(cache)
        kept = runner.invoke(main, [*args, "--cache-dir", str(cache), "--output", str(out)])
        assert not _judged_again(cache)
        assert kept.exit_code == fresh.exit_code == (1 if fail_on == "info" else 0)
        from_file = json.loads(out.read_text(encoding="utf-8"))
        assert _statuses(from_file) == _statuses(json.loads(fresh.stdout))


def test_a_changed_added_or_removed_file_is_judged_again(tree: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    code = tree / "code"
    assert _statuses(_scan(code, cache)[1])[INTERNET] == "failed"
    (code / "main.tf").write_text(NOTEBOOK % "Disabled", encoding="utf-8")
    _forget_modules(cache)
    assert INTERNET not in _statuses(_scan(code, cache)[1])
    assert _judged_again(cache)
    (code / "other.tf").write_text(
        NOTEBOOK.replace('"nb"', '"nb2"')
        .replace('"size"', '"size2"')
        .replace("var.size", "var.size2")
        % "Enabled",
        encoding="utf-8",
    )
    assert _statuses(_scan(code, cache)[1])[INTERNET] == "failed"
    (code / "other.tf").unlink()
    assert INTERNET not in _statuses(_scan(code, cache)[1])


def test_a_touched_file_with_the_same_content_is_still_unchanged(
    tree: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    _, first = _scan(tree / "code", cache)
    main_tf = tree / "code" / "main.tf"
    status = main_tf.stat()
    os.utime(main_tf, ns=(status.st_atime_ns, status.st_mtime_ns + 5_000_000_000))
    _forget_modules(cache)
    _, second = _scan(tree / "code", cache)
    assert not _judged_again(cache), "a new time alone made it judge again"
    assert _statuses(second) == _statuses(first)


def test_a_changed_rule_file_or_option_is_judged_again(tree: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    own = tmp_path / "own" / "nb-small"
    own.mkdir(parents=True)
    rule = own / "rule.yaml"
    rule.write_text(OWN_RULE.format(severity="low"), encoding="utf-8")
    args = ("--rules-dir", str(tmp_path / "own"), "--fail-on", "high", "--rule", "ACME-SM-001")
    code, report = _scan(tree / "code", cache, *args)
    assert code == 0 and _statuses(report) == {"ACME-SM-001": "failed"}
    rule.write_text(OWN_RULE.format(severity="critical"), encoding="utf-8")
    code, report = _scan(tree / "code", cache, *args)
    assert code == 1
    results = report["results"]
    assert isinstance(results, list) and results[0]["severity"] == "critical"
    _forget_modules(cache)
    _, report = _scan(tree / "code", cache, *args, "--include-passed")
    assert _judged_again(cache)
    summary = report["summary"]
    assert isinstance(summary, dict) and summary["failed"] == 1


def test_a_changed_terraform_variable_is_judged_again(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    args = ("--rules-dir", str(tmp_path / "own"), "--rule", "ACME-SM-001")
    own = tmp_path / "own" / "nb-small"
    own.mkdir(parents=True)
    (own / "rule.yaml").write_text(OWN_RULE.format(severity="low"), encoding="utf-8")
    assert _statuses(_scan(tree / "code", cache, *args)[1]) == {"ACME-SM-001": "failed"}
    monkeypatch.setenv("TF_VAR_size", "ml.t3.small")
    assert _statuses(_scan(tree / "code", cache, *args)[1]) == {}
