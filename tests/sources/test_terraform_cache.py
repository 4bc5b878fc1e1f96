"""The Terraform evaluation cache: a re-scan reuses unchanged modules and never a stale one."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from scanner.cli import main
from scanner.sources.terraform.cache import RootCache
from scanner.sources.terraform.evaluate import RootJob, evaluate_root
from scanner.sources.terraform.loader import load_terraform
from tests.conftest import WriteTree

ESTATE = Path(__file__).resolve().parents[2] / "iac"

NOTEBOOK = """
resource "aws_sagemaker_notebook_instance" "nb" {
  name                   = "nb"
  role_arn               = "arn:aws:iam::111122223333:role/nb"
  instance_type          = "ml.t3.medium"
  direct_internet_access = "%s"
  root_access            = trimspace(file("${path.module}/root.txt"))
  tags                   = { "\\u0000unknown" = "forged" }
}
"""


def _scan(folder: Path, cache: Path | None, *extra: str) -> dict[str, object]:
    where = ["--cache-dir", str(cache)] if cache else []
    result = CliRunner().invoke(
        main, ["scan", str(folder), "--format", "json", "--include-passed", *where, *extra]
    )
    assert result.exit_code in (0, 1), result.output
    report: dict[str, object] = json.loads(result.stdout)
    report.pop("generated_at", None)
    return report


def _status(report: dict[str, object], rule: str) -> str:
    results = report["results"]
    assert isinstance(results, list)
    return next(r["status"] for r in results if r["rule_id"] == rule)


def test_an_unchanged_rescan_reports_the_same_and_reads_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _scan(ESTATE, cache)
    entries = sorted(cache.rglob("*.json"))
    assert entries, "the first scan wrote no cache entry"
    second = _scan(ESTATE, cache)
    assert second == first
    assert sorted(cache.rglob("*.json")) == entries


def test_a_changed_file_anywhere_the_module_reads_is_evaluated_again(
    write_tree: WriteTree, tmp_path: Path
) -> None:
    folder = write_tree({"main.tf": NOTEBOOK % "Enabled", "root.txt": "Enabled"})
    cache = tmp_path / "cache"
    assert _status(_scan(folder, cache), "MLP-AWS-SM-002") == "failed"
    (folder / "main.tf").write_text(NOTEBOOK % "Disabled", encoding="utf-8")
    assert _status(_scan(folder, cache), "MLP-AWS-SM-002") == "passed"
    assert _status(_scan(folder, cache), "MLP-AWS-SM-003") == "failed"
    # A file the module reads with file(), not Terraform code: its time and size change.
    root = folder / "root.txt"
    root.write_text("Disabled", encoding="utf-8")
    stat = root.stat()
    os.utime(root, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert _status(_scan(folder, cache), "MLP-AWS-SM-003") == "passed"


def test_no_cache_writes_nothing(write_tree: WriteTree, tmp_path: Path) -> None:
    folder = write_tree({"main.tf": NOTEBOOK % "Enabled", "root.txt": "Enabled"})
    cache = tmp_path / "cache"
    _scan(folder, cache, "--no-cache")
    assert not cache.exists()


def test_a_damaged_or_unwritable_cache_never_changes_the_answer(
    write_tree: WriteTree, tmp_path: Path
) -> None:
    folder = write_tree({"main.tf": NOTEBOOK % "Enabled", "root.txt": "Enabled"})
    cache = tmp_path / "cache"
    expected = _scan(folder, cache)
    for entry in cache.rglob("*.json"):
        entry.write_text('{"resources": [{"id": 1}], "errors": "', encoding="utf-8")
    assert _scan(folder, cache) == expected
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    os.environ["XDG_CACHE_HOME"], before = str(blocked), os.environ["XDG_CACHE_HOME"]
    try:
        assert _scan(folder, None) == expected
    finally:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.mark.parametrize("root", ["", "azure", "gcp", "modules/team-notebook"])
def test_a_cached_module_is_the_module_as_evaluated(root: str, tmp_path: Path) -> None:
    """Every resource, value (unknowns too), reference, line and suppression survives."""
    job = RootJob(str(ESTATE / root), f"iac/{root}", frozenset({"*"}))
    evaluated = evaluate_root(job)
    cache = RootCache(tmp_path)
    key = cache.key(job)
    assert key is not None
    cache.put(key, evaluated)
    again = cache.get(key)
    assert again is not None
    assert again.resources == evaluated.resources
    assert (again.errors, again.not_scanned) == (evaluated.errors, evaluated.not_scanned)
    assert again.resources_read == evaluated.resources_read


def test_a_forged_unknown_marker_in_a_file_stays_a_plain_value(
    write_tree: WriteTree, tmp_path: Path
) -> None:
    folder = write_tree({"main.tf": NOTEBOOK % "Enabled", "root.txt": "Enabled"})
    types = frozenset({"aws_sagemaker_notebook_instance"})
    cache = RootCache(tmp_path / "cache")
    first = load_terraform([(folder, "code")], types, workers=1, cache=cache)
    second = load_terraform([(folder, "code")], types, workers=1, cache=cache)
    assert cache.hits == 1
    assert second.resources == first.resources
    tags = second.resources[0].attributes["tags"]
    assert isinstance(tags, dict) and tags["\x00unknown"] == "forged"
