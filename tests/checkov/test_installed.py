"""The installed wheel carries the bridge's data (the check table and severity defaults)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.checkov.conftest import REPORT, checkov_results
from tests.installed import Installed


def test_the_installed_wheel_merges_a_checkov_report(installed: Installed, project: Path) -> None:
    done = installed.run(
        "scan", "infra", "--checkov-report", str(REPORT), "--format", "json", cwd=project
    )
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["errors"] == []
    logging = checkov_results(report)[("aws_s3_bucket.training", "CKV_AWS_18")]
    assert (logging["category"], logging["severity"]) == ("logging", "low")
    assert report["summary"]["engines"] == {"checkov": {"merged": 21, "dropped": 12}}
