"""Scan one hostile file beside good files of every document format, as a user runs it.

The command runs in this process (click's runner), so a traceback surfaces as the runner's
exception; the good files' resources must still be judged and the bad file listed under
`errors`.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from scanner.cli import main

RULES = Path(__file__).resolve().parents[2] / "rules"
_NOTEBOOK = RULES / "aws/sagemaker/notebook-direct-internet-access"
_COMPUTE = RULES / "azure/machinelearning/compute-cluster-local-auth"

GOOD_PLAN = (_NOTEBOOK / "fail.plan.json").read_text(encoding="utf-8")
GOOD_ARM = (_COMPUTE / "fail.arm.json").read_text(encoding="utf-8")
GOOD_CFN = (_NOTEBOOK / "fail.cfn.yaml").read_text(encoding="utf-8")
GOOD_AZAPI = (_COMPUTE / "fail.azapi.tf").read_text(encoding="utf-8")
# file -> a resource of it that fails a rule, so it shows in the results
GOOD = {
    "good.plan.json": (GOOD_PLAN, "aws_sagemaker_notebook_instance.default"),
    "good.arm.json": (GOOD_ARM, "mlw-fraud/cc-train"),
    "good.cfn.yaml": (GOOD_CFN, "ScratchNotebook"),
}


@dataclass(frozen=True, slots=True)
class Scan:
    code: int
    report: dict[str, Any]
    seconds: float

    def errors_of(self, name: str) -> list[dict[str, Any]]:
        return [e for e in self.report["errors"] if Path(e["file"]).name == name]

    def resource_ids(self) -> set[str]:
        return {r["resource"]["id"] for r in self.report["results"]}

    def assert_good_files_judged(self) -> None:
        missing = {f for f, (_, rid) in GOOD.items() if rid not in self.resource_ids()}
        assert not missing, f"findings of {missing} lost: {self.report['errors']}"


def scan_beside_good(folder: Path, files: dict[str, str | bytes], *args: str) -> Scan:
    """Scan `files` written into `folder` beside the good files, through the command."""
    for name, (content, _) in GOOD.items():
        (folder / name).write_text(content, encoding="utf-8")
    for name, content in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(
        main, ["scan", str(folder), "--format", "json", "--no-cache", *args]
    )
    seconds = time.monotonic() - started
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError("the scan ended in a traceback") from result.exception
    return Scan(result.exit_code, json.loads(result.stdout), seconds)


def assert_one_error(scan: Scan, name: str, message: str, line: int | None) -> None:
    """The bad file is one line under `errors`, with `message` in it and its line."""
    errors = scan.errors_of(name)
    assert [(message in e["message"], e["line"]) for e in errors] == [(True, line)], errors
    assert scan.code == 1
    scan.assert_good_files_judged()
