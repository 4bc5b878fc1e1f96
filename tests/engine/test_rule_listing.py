"""`rules list` from its cache: what it lists is what loading the rule files lists, however
the files change after an entry was written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from scanner.cli import main
from scanner.engine.rule_listing import listed_rules
from scanner.engine.rulebook import load_rulebook

RULE = {
    "id": "ACME-SM-001",
    "slug": "notebook-approved-instance-types",
    "title": "Notebooks use approved instance types",
    "severity": "low",
    "category": "operations",
    "kind": "aws.sagemaker.notebook_instance",
    "check": {"field": "instance_type", "matches": "^ml\\.t3\\."},
    "rationale": "Why it matters.",
    "remediation": {"terraform": "Set instance_type."},
    "frameworks": {"mitre-atlas": ["AML.T0055"]},
}


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    (folder / "approved").mkdir(parents=True)
    _write(folder, RULE)
    return folder


def _write(folder: Path, rule: dict[str, object]) -> None:
    (folder / "approved" / "rule.yaml").write_text(yaml.safe_dump(rule, sort_keys=False))


def _list(cache: Path, *args: str) -> tuple[int, str]:
    result = CliRunner(env={"XDG_CACHE_HOME": str(cache)}).invoke(main, ["rules", "list", *args])
    return result.exit_code, result.output


def test_a_cached_listing_is_the_loaded_one(tmp_path: Path, mine: Path) -> None:
    loaded = [r.model_dump(mode="json") for r in load_rulebook((mine,)).rules]
    for _ in range(2):  # written, then read back
        listing = listed_rules((mine,), cache_dir=tmp_path / "cache")
        assert [r.dump for r in listing.rules] == loaded
    assert listing.key is not None  # it was read from the cache


def test_a_rule_edited_after_it_was_listed_is_listed_as_edited(tmp_path: Path, mine: Path) -> None:
    cache = tmp_path / "cache"
    assert "approved instance types" in _list(cache, "--rules-dir", str(mine))[1]
    _write(mine, {**RULE, "title": "Notebooks run on small instances"})
    code, shown = _list(cache, "--rules-dir", str(mine))
    assert code == 0
    assert "small instances" in shown and "approved instance types" not in shown
    code, shown = _list(cache, "--rules-dir", str(mine), "--format", "json", "--threat", "secrets")
    assert "Notebooks run on small instances" in [r["title"] for r in json.loads(shown)]


def test_a_rule_broken_after_it_was_listed_is_reported(tmp_path: Path, mine: Path) -> None:
    cache = tmp_path / "cache"
    assert _list(cache, "--rules-dir", str(mine))[0] == 0
    # Rust's regex (Polars, which evaluates it) has no look-ahead: still caught at load.
    _write(mine, {**RULE, "check": {"field": "instance_type", "matches": "^(?=ml)"}})
    for _ in range(2):  # never kept: reported every time
        code, said = _list(cache, "--rules-dir", str(mine))
        assert code == 2
        assert f"{mine / 'approved' / 'rule.yaml'}:" in said
        assert "check.matches: bad regular expression '^(?=ml)'" in said


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"key": 1}', b"[]", b'{"rules": 3}'])
def test_a_damaged_entry_is_a_miss(tmp_path: Path, mine: Path, damage: bytes) -> None:
    cache = tmp_path / "cache"
    expected = _list(cache, "--rules-dir", str(mine))
    entries = sorted((cache / "mlposture" / "rules").glob("*.json"))
    assert entries  # the listing and its rendered table
    listing = listed_rules((mine,), cache_dir=cache / "mlposture")
    for entry in entries:
        entry.write_bytes(damage)
    assert _list(cache, "--rules-dir", str(mine)) == expected
    # A damaged entry with the right key but no rules in it is a miss too.
    for entry in entries:
        entry.write_text(json.dumps({"key": listing.key, "rules": [{"id": 1}]}))
    assert _list(cache, "--rules-dir", str(mine)) == expected


def test_concurrent_listings_into_an_empty_cache_agree(tmp_path: Path, mine: Path) -> None:
    """Runs sharing a cache folder write whole entries or none: each lists every rule, and
    so does the run that reads what they wrote."""
    command = [
        sys.executable,
        "-c",
        "import sys; from scanner.entry import main; sys.argv[0] = 'mlposture'; main()",
        "rules",
        "list",
        "--format",
        "json",
        "--rules-dir",
        str(mine),
    ]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE) for _ in range(3)]
    outputs = [run.communicate()[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0]
    after = subprocess.run(command, env=env, stdout=subprocess.PIPE, check=True).stdout
    assert outputs == [after] * 3
    assert "ACME-SM-001" in {rule["id"] for rule in json.loads(after)}
    assert not list((tmp_path / "cache").rglob("*.tmp"))
