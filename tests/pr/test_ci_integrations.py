"""The pre-commit hook and the GitHub Action: their definitions, and their commands run for real."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.installed import Installed
from tests.pr.conftest import INTERNET, weak_notebook

REPO = Path(__file__).resolve().parents[2]


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    [hook] = [h for h in hooks if h["id"] == "mlposture"]
    return dict(hook)


def test_pre_commit_hook_definition() -> None:
    hook = _hook()
    # What pre-commit requires of a hook manifest entry.
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["language"] == "python"
    assert hook["entry"] == "mlposture scan"
    # A Terraform module is evaluated whole: the hook scans the tree, not the staged files.
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for name in (
        "main.tf",
        "x.tf.json",
        "prod.tfvars",
        "stack.yaml",
        "t.yml",
        "a.json",
        "s.template",
    ):
        assert files.search(f"infra/{name}"), name
    for name in ("setup.py", "README.md", "Makefile"):
        assert not files.search(name), name


def test_pre_commit_hook_command_runs_as_pre_commit_would(
    tmp_path: Path, installed: Installed
) -> None:
    hook = _hook()
    (tmp_path / "main.tf").write_text(weak_notebook("weak"))
    command = [*shlex.split(hook["entry"]), *hook.get("args", []), "--rule", INTERNET]
    env = installed.env()
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert INTERNET in done.stdout
    (tmp_path / "main.tf").write_text(
        f'# mlposture:ignore {INTERNET} reason="hook test"\n' + weak_notebook("weak").lstrip()
    )
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def _action() -> dict[str, Any]:
    return dict(yaml.safe_load((REPO / "action.yml").read_text()))


def test_action_definition() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    assert any(str(s.get("uses", "")).startswith("actions/setup-python@") for s in steps)
    [upload] = [s for s in steps if "upload-sarif" in str(s.get("uses", ""))]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert "always()" in upload["if"]  # findings fail the scan step; the SARIF still goes up
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    for name in ("path", "fail-on", "baseline", "diff-base", "soft-fail", "args", "sarif-file"):
        assert name in action["inputs"], name
    for step in steps:  # inputs never pasted into a script (script injection)
        assert "${{ inputs." not in step.get("run", ""), step.get("name")


def _run_scan_step(workspace: Path, installed: Installed, **inputs: str) -> tuple[int, str, Path]:
    """The action's scan step as the runner runs it: its env with the inputs, bash -e."""
    action = _action()
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update(inputs)
    [step] = [s for s in action["runs"]["steps"] if s.get("id") == "scan"]

    def substitute(text: str) -> str:
        return re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: values[m.group(1)], text)

    output = workspace.parent / "github_output"
    output.write_text("")
    env = {
        **os.environ,
        **{key: substitute(str(value)) for key, value in step["env"].items()},
        "GITHUB_OUTPUT": str(output),
        "PATH": installed.env()["PATH"],
    }
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
    )
    return done.returncode, done.stdout + done.stderr, output


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_action_scan_step_writes_sarif_and_fails_on_findings(
    tmp_path: Path, installed: Installed
) -> None:
    workspace = tmp_path / "workspace"
    (workspace / "infra").mkdir(parents=True)
    (workspace / "infra" / "main.tf").write_text(weak_notebook("weak"))
    code, log, output = _run_scan_step(
        workspace, installed, path="infra", args=f"--rule {INTERNET}", **{"fail-on": "high"}
    )
    assert code == 1, log
    assert "exit-code=1" in output.read_text()
    sarif = json.loads((workspace / "mlposture.sarif").read_text())
    assert sarif["version"] == "2.1.0"
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == [INTERNET]
    assert "aws_sagemaker_notebook_instance.weak" in log  # the table in the job log

    code, log, output = _run_scan_step(
        workspace, installed, path="infra", args=f"--rule {INTERNET}", **{"soft-fail": "true"}
    )
    assert code == 0, log
    assert "exit-code=0" in output.read_text()


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_action_scan_step_uses_the_baseline_input(tmp_path: Path, installed: Installed) -> None:
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    (workspace / "main.tf").write_text(weak_notebook("legacy"))
    env = installed.env()
    subprocess.run(
        ["mlposture", "scan", ".", "--rule", INTERNET, "--create-baseline", "bl.json"],
        cwd=workspace,
        env=env,
        capture_output=True,
    )
    code, log, _ = _run_scan_step(
        workspace, installed, baseline="bl.json", args=f"--rule {INTERNET}"
    )
    assert code == 0, log
    assert json.loads((workspace / "mlposture.sarif").read_text())["runs"][0]["results"] == []
