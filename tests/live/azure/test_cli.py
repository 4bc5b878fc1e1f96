"""End to end: `mlposture audit azure` as a subprocess against the fake Resource Manager,
with the real credential chain kept offline: AZURE_TOKEN_CREDENTIALS=AzureCliCredential and
a fake `az` first on PATH; the test CA trusted through REQUESTS_CA_BUNDLE."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from scanner.pipeline import ScanOptions, scan
from tests.live.azure.estate import SUB_HARDENED, SUB_WEAK, TENANT, twin_estate
from tests.live.azure.fake_arm import TOKEN, FakeArm, Fault
from tests.live.azure.harness import statuses_by_name
from tests.live.azure.test_twin import TWIN

MLPOSTURE = str(Path(sys.executable).with_name("mlposture"))
PYTHON = sys.executable


def _fake_az(folder: Path, logged_in: bool = True) -> Path:
    """An `az` that answers `az account get-access-token` as Azure CLI 2.x does, and logs
    the arguments it was called with."""
    folder.mkdir(exist_ok=True)
    answer = {
        "accessToken": TOKEN,
        "expiresOn": time.strftime("%Y-%m-%d %H:%M:%S.000000", time.localtime(time.time() + 3600)),
        "expires_on": int(time.time()) + 3600,
        "subscription": SUB_WEAK,
        "tenant": TENANT,
        "tokenType": "Bearer",
    }
    if logged_in:
        body = f"cat <<'JSON'\n{json.dumps(answer)}\nJSON\n"
    else:
        body = "echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n"
    script = folder / "az"
    script.write_text(f'#!/bin/sh\necho "$@" >> "{folder}/calls.log"\n{body}', "utf-8")
    script.chmod(0o755)
    return folder


def _env(tmp_path: Path, fake: FakeArm, ca_pem: Path, az: Path) -> dict[str, str]:
    return {
        "PATH": f"{az}:{os.environ.get('PATH', '')}",
        "HOME": str(tmp_path),
        "AZURE_CONFIG_DIR": str(tmp_path / "azure-config"),
        "AZURE_TOKEN_CREDENTIALS": "AzureCliCredential",
        "REQUESTS_CA_BUNDLE": str(ca_pem),
        "MLPOSTURE_ARM_ENDPOINT": fake.url,
        "NO_PROXY": "127.0.0.1",
    }


def _audit(env: dict[str, str], tmp_path: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    out = tmp_path / "report.json"
    done = subprocess.run(
        [MLPOSTURE, "audit", "azure", "--format", "json", "--output", str(out), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in done.stderr, done.stderr
    report = json.loads(out.read_text("utf-8")) if out.exists() else {}
    return done.returncode, report, done.stderr


def test_audit_through_the_cli(fake_arm: FakeArm, ca_pem: Path, tmp_path: Path) -> None:
    fake_arm.seed(twin_estate())
    az = _fake_az(tmp_path / "bin")
    code, live, _ = _audit(_env(tmp_path, fake_arm, ca_pem, az), tmp_path, "--include-passed")
    assert code == 1  # findings
    assert live["errors"] == []
    assert live["scope"] == {"subscriptions": [SUB_WEAK, SUB_HARDENED]}
    twin = scan([str(TWIN)], ScanOptions(include_passed=True, workers=1)).as_dict()
    assert statuses_by_name(live) == statuses_by_name(twin)
    # The token was asked of the Azure CLI for the endpoint's audience.
    calls = (az / "calls.log").read_text("utf-8")
    assert f"account get-access-token --output json --resource {fake_arm.url}" in calls
    assert {method for method, _ in fake_arm.requests} == {"GET"}


def test_a_subscription_answering_403_is_listed_as_not_covered(
    fake_arm: FakeArm, ca_pem: Path, tmp_path: Path
) -> None:
    fake_arm.seed(twin_estate())
    env = _env(tmp_path, fake_arm, ca_pem, _fake_az(tmp_path / "bin"))
    _, whole, _ = _audit(env, tmp_path)
    fake_arm.faults.append(Fault(f"^/subscriptions/{SUB_HARDENED}/", 403, "AuthorizationFailed"))
    code, partial, stderr = _audit(env, tmp_path)
    assert code == 1
    assert {(e["account"], e["service"]) for e in partial["errors"]} == {
        (SUB_HARDENED, "workspaces"),
        (SUB_HARDENED, "cognitiveServicesAccounts"),
        (SUB_HARDENED, "registries"),
        (SUB_HARDENED, "containerRegistries"),
        (SUB_HARDENED, "storageAccounts"),
        (SUB_HARDENED, "roleAssignments"),
    }
    assert all(e["message"].startswith("not covered (access-denied)") for e in partial["errors"])
    assert "not covered (access-denied)" in stderr

    def weak(report: dict[str, Any]) -> set[str]:
        return {r["fingerprint"] for r in report["results"] if r["resource"]["account"] == SUB_WEAK}

    assert weak(partial) == weak(whole) != set()
    assert all(r["resource"]["account"] == SUB_WEAK for r in partial["results"])


def test_no_azure_login_is_a_usage_error(fake_arm: FakeArm, ca_pem: Path, tmp_path: Path) -> None:
    env = _env(tmp_path, fake_arm, ca_pem, _fake_az(tmp_path / "bin", logged_in=False))
    code, report, stderr = _audit(env, tmp_path)
    assert code == 2
    assert "credentials do not work" in stderr and "az login" in stderr
    assert report["errors"][0]["file"] == "azure"
    assert fake_arm.requests == []


def test_an_endpoint_without_tls_is_refused(tmp_path: Path) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)}
    env["MLPOSTURE_ARM_ENDPOINT"] = "http://127.0.0.1:9"
    done = subprocess.run(
        [MLPOSTURE, "audit", "azure"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert "must be an https:// URL" in done.stderr


_WITHOUT_AZURE = (
    "import sys\n"
    "sys.modules['azure'] = None  # as if the azure extra were not installed\n"
    "from scanner.cli import main\n"
    "sys.argv = ['mlposture', *sys.argv[1:]]\n"
    "main()\n"
)


def test_without_the_azure_extra(tmp_path: Path) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)}
    audit = subprocess.run(
        [PYTHON, "-c", _WITHOUT_AZURE, "audit", "azure"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert audit.returncode == 2
    assert "pip install 'mlposture[azure]'" in audit.stderr
    assert "Traceback" not in audit.stderr
    # Scanning ARM code needs no Azure SDK.
    scanned = subprocess.run(
        [PYTHON, "-c", _WITHOUT_AZURE, "scan", str(TWIN), "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert scanned.returncode == 1, scanned.stderr
    assert json.loads(scanned.stdout)["summary"]["failed"] > 0
