"""An installed wheel (what `pip install .` and pre-commit make) carries the built-in rules."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_wheel_carries_rules_mappings_and_policy_data(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("mlposture-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    rules = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "rules").rglob("rule.yaml"))
    assert rules and all(f"scanner/_{name}" in names for name in rules)
    assert "scanner/mappings/aws/sagemaker/notebook_instance.yaml" in names
    assert "scanner/iam/data/aws_managed_policies.json" in names
