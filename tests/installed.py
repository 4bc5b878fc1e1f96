"""The product as a user installs it: the wheel, built and installed into a fresh virtual
environment by the GitHub Action's own install step. Built once per test session."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True, slots=True)
class Installed:
    root: Path  # the virtual environment
    dist: Path  # where the wheel was built

    @property
    def bin(self) -> Path:
        return self.root / "bin"

    @property
    def wheel(self) -> Path:
        (wheel,) = self.dist.glob("mlposture-*.whl")
        return wheel

    def env(self, **extra: str) -> dict[str, str]:
        path = f"{self.bin}{os.pathsep}{os.environ.get('PATH', '')}"
        return {**os.environ, "PATH": path, "VIRTUAL_ENV": str(self.root), **extra}

    def run(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / "mlposture"), *args],
            cwd=cwd or REPO,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=600,
        )

    def pip(self, *args: str) -> None:
        subprocess.run(
            [str(self.bin / "python"), "-m", "pip", "--disable-pip-version-check", "-q", *args],
            check=True,
            capture_output=True,
            timeout=600,
        )

    def site_packages(self) -> Path:
        (site,) = self.root.glob("lib/python*/site-packages")
        return site


def install_step() -> str:
    """The shell script of the action's "Install mlposture" step."""
    action = yaml.safe_load((REPO / "action.yml").read_text("utf-8"))
    [step] = [s for s in action["runs"]["steps"] if s.get("name") == "Install mlposture"]
    return str(step["run"])


def install_wheel(where: Path) -> Installed:
    """A fresh venv (no site packages of this one) and the action's install step run in it,
    as the runner runs it: bash -e, GITHUB_ACTION_PATH at this checkout."""
    root, dist = where / "venv", where / "runner-temp" / "mlposture-dist"
    venv.EnvBuilder(with_pip=True, clear=True).create(root)
    installed = Installed(root, dist)
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", install_step()],
        cwd=where,
        env=installed.env(GITHUB_ACTION_PATH=str(REPO), RUNNER_TEMP=str(where / "runner-temp")),
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the action's install step failed:\n{done.stdout}\n{done.stderr}")
    assert sys.prefix != str(root)
    return installed
