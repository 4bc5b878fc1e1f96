"""Start-up: a subcommand imports what it needs when it runs, and `--help` lists them all.

`mlposture --version` and `rules list` (once its cache is written) import neither Polars
nor pydantic: together they were most of a second of every call."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from scanner.cli import COMMANDS, main

# Run in a fresh interpreter: this test process has imported everything already. The
# command runs as the installed `mlposture` runs it (scanner.entry), output swallowed.
_PROBE = """
import contextlib, io, json, sys
from scanner.entry import main
heavy = json.loads(sys.argv.pop(1))
sys.argv[0] = "mlposture"
code = 0
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main()
    except SystemExit as exit:
        code = exit.code
print(json.dumps({"code": code, "loaded": [m for m in heavy if m in sys.modules]}))
"""
_PIPELINE = [
    "scanner.pipeline",
    "scanner.cli_scan",
    "tfparse",
    "hcl2",
    "boto3",
    "scanner.cli_audit",
]
# What `rules list` and `--version` must not pay for: Polars and the rule models (pydantic)
# validate rules; the report model and the OCSF models are the writers'.
_RULE_MODELS = ["polars", "pydantic", "scanner.engine.rules", "scanner.engine.language"]
_WRITERS = [
    "scanner.report",
    "py_ocsf_models",
    "scanner.writers.ocsf",
    "scanner.writers.json_writer",
]


def _probe(
    *args: str, heavy: list[str] = _PIPELINE, cache: Path | None = None
) -> dict[str, object]:
    env = dict(os.environ)
    if cache is not None:
        env["XDG_CACHE_HOME"] = str(cache)
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(heavy), *args],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_rules_list_loads_neither_the_scan_pipeline_nor_the_cloud_sdks() -> None:
    assert _probe("rules", "list") == {"code": 0, "loaded": []}


def test_version_loads_neither_polars_nor_the_rule_models_nor_the_writers() -> None:
    assert _probe("--version", heavy=[*_RULE_MODELS, *_WRITERS, "rich_click"]) == {
        "code": 0,
        "loaded": [],
    }


def test_rules_list_once_cached_loads_neither_polars_nor_the_rule_models(tmp_path: Path) -> None:
    for args in (("rules", "list"), ("rules", "list", "--format", "json", "--threat", "theft")):
        first = _probe(*args, heavy=_WRITERS, cache=tmp_path)
        assert first == {"code": 0, "loaded": []}  # validating rules needs no writer
        again = _probe(*args, heavy=[*_RULE_MODELS, *_WRITERS], cache=tmp_path)
        assert again == {"code": 0, "loaded": []}


def test_rules_list_without_a_usable_cache_still_lists(tmp_path: Path) -> None:
    """A cache folder that cannot be written (a read-only home) costs time, never the list."""
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    for _ in range(2):
        assert _probe("rules", "list", heavy=["polars"], cache=blocked) == {
            "code": 0,
            "loaded": ["polars"],
        }


def test_scan_loads_its_own_command_and_not_the_audits() -> None:
    probe = _probe("scan", "--help")
    assert probe["code"] == 0
    assert "scanner.cli_scan" in probe["loaded"]  # type: ignore[operator]
    assert "scanner.cli_audit" not in probe["loaded"]  # type: ignore[operator]


def test_help_lists_every_command() -> None:
    shown = CliRunner().invoke(main, ["--help"]).output
    for name in COMMANDS:
        assert f" {name} " in shown, name


def test_audit_help_lists_every_cloud() -> None:
    shown = CliRunner().invoke(main, ["audit", "--help"]).output
    for cloud in ("aws", "azure", "gcp"):
        assert f" {cloud} " in shown, cloud
