"""Start-up: a subcommand imports what it needs when it runs, and `--help` lists them all."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from scanner.cli import COMMANDS, main

# Run in a fresh interpreter: this test process has imported everything already.
_PROBE = """
import contextlib, io, json, sys
from scanner.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(sys.argv[1:])
    except SystemExit as exit:
        code = exit.code
heavy = ["scanner.pipeline", "scanner.cli_scan", "tfparse", "hcl2", "boto3", "scanner.cli_audit"]
print(json.dumps({"code": code, "loaded": [m for m in heavy if m in sys.modules]}))
"""


def _probe(*args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_rules_list_loads_neither_the_scan_pipeline_nor_the_cloud_sdks() -> None:
    assert _probe("rules", "list") == {"code": 0, "loaded": []}


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
