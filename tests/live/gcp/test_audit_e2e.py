"""End to end: `mlposture audit gcp` as a subprocess with the real credential chain, offline.

A service-account key made at test time whose token_uri is the fake's /token, named by
GOOGLE_APPLICATION_CREDENTIALS; an empty gcloud config; NO_GCE_CHECK so that nothing probes
the metadata server; MLPOSTURE_GCP_ENDPOINT aiming every API at the fake.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from scanner.pipeline import ScanOptions, scan
from tests.live.gcp.fake_google import TOKEN, FakeGoogle
from tests.live.gcp.twin import DENIED, DISABLED, GRANTS, HARDENED, WEAK, seed_organization

MLPOSTURE = str(Path(sys.executable).with_name("mlposture"))
TWIN = Path(__file__).with_name("estate_twin.tf")


@pytest.fixture(scope="module")
def organization() -> Iterator[FakeGoogle]:
    fake = FakeGoogle().start()
    seed_organization(fake)
    try:
        yield fake
    finally:
        fake.stop()


def _key_file(folder: Path, token_uri: str) -> Path:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    info = {
        "type": "service_account",
        "project_id": WEAK,
        "private_key_id": "0123456789abcdef",
        "private_key": pem,
        "client_email": "auditor@ml-audit.iam.gserviceaccount.com",
        "client_id": "100000000000000000001",
        "token_uri": token_uri,
    }
    path = folder / "auditor.json"
    path.write_text(json.dumps(info), "utf-8")
    return path


def _env(tmp_path: Path, fake: FakeGoogle, key: Path | None) -> dict[str, str]:
    gcloud = tmp_path / "gcloud"
    gcloud.mkdir(exist_ok=True)
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "CLOUDSDK_CONFIG": str(gcloud),
        "NO_GCE_CHECK": "true",
        "MLPOSTURE_GCP_ENDPOINT": fake.url,
        "MLPOSTURE_GCP_ARTIFACTREGISTRY_ENDPOINT": fake.endpoints["artifactregistry"],
    }
    if key is not None:
        env["GOOGLE_APPLICATION_CREDENTIALS"] = str(key)
    return env


def _audit(
    env: dict[str, str], tmp_path: Path, *args: str
) -> tuple[int, dict[str, Any] | None, str]:
    out = tmp_path / "report.json"
    done = subprocess.run(
        [MLPOSTURE, "audit", "gcp", "--format", "json", "--output", str(out), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in done.stderr, done.stderr
    report = json.loads(out.read_text("utf-8")) if out.exists() else None
    return done.returncode, report, done.stderr


def _statuses(results: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """{resource name: {rule id: status}}; live grants named as their Terraform twins."""
    live_grant_names = {live: tf for tf, live in GRANTS.items()}
    by_name: dict[str, dict[str, str]] = {}
    for result in results:
        name = result["resource"]["name"]
        name = live_grant_names.get(name, name)
        by_name.setdefault(name, {})[result["rule_id"]] = result["status"]
    return by_name


def test_organization_audit_matches_terraform(organization: FakeGoogle, tmp_path: Path) -> None:
    key = _key_file(tmp_path, f"{organization.url}/token")
    env = _env(tmp_path, organization, key)
    code, report, _ = _audit(env, tmp_path, "--organization", "1000", "--include-passed")
    assert code == 1
    assert report is not None
    assert report["scope"]["projects"] == sorted([WEAK, HARDENED, DENIED, DISABLED])
    # The denied project: listed as not covered, collection by collection.
    assert {(e["account"], e["region"], e["service"]) for e in report["errors"]} == {
        (DENIED, "global", "aiplatform/locations"),
        (DENIED, "global", "notebooks/v2/instances"),
        (DENIED, "global", "notebooks/v1/instances"),
        (DENIED, "global", "notebooks/v1/runtimes"),
        (DENIED, "global", "cloudresourcemanager/getIamPolicy"),
        (DENIED, "global", "artifactregistry/repositories"),
        (DENIED, "global", "storage/buckets"),
        # Listed since the attack paths walk through service accounts.
        (DENIED, "global", "iam/serviceAccounts"),
    }
    assert all("not covered (access-denied)" in e["message"] for e in report["errors"])
    assert report["errors"][0]["file"].startswith(f"gcp://{DENIED}/global/")
    # The project without the APIs: empty, said once per API, not an error.
    assert report["notes"] == [
        f"project {DISABLED}: Vertex AI API not enabled; no Vertex AI resources",
        f"project {DISABLED}: Notebooks API not enabled; no Workbench instances, notebooks"
        " or runtimes",
    ]
    accounts = {r["resource"]["account"] for r in report["results"]}
    assert DENIED not in accounts
    assert {
        r["resource"]["kind"] for r in report["results"] if r["resource"]["account"] == DISABLED
    } == {"gcp.iam.role_grant"}
    # The other projects: the same rule ids and statuses as their Terraform twin.
    code_report = scan([str(TWIN)], ScanOptions(include_passed=True, workers=1)).as_dict()
    assert code_report["errors"] == []
    expected = _statuses(code_report["results"])
    live = _statuses([r for r in report["results"] if r["resource"]["account"] in (WEAK, HARDENED)])
    assert set(live) == set(expected)
    for name, statuses in expected.items():
        assert live[name] == statuses, name
    assert any(s == "failed" for s in expected["wb-weak"].values())
    assert set(expected["wb-hardened"].values()) == {"passed"}
    # Every API call carried the token the fake issued for the key's signed grant.
    api_calls = [s for s in organization.seen if s.permission is not None]
    assert api_calls and {s.authorization for s in api_calls} == {f"Bearer {TOKEN}"}
    assert [s.path for s in organization.seen if s.permission is None] == ["/token"]


def test_the_credentials_project_is_the_default(organization: FakeGoogle, tmp_path: Path) -> None:
    env = _env(tmp_path, organization, _key_file(tmp_path, f"{organization.url}/token"))
    code, report, _ = _audit(env, tmp_path, "--locations", "us-central1")
    assert code == 1  # the weak project's findings
    assert report is not None and report["errors"] == []
    assert report["scope"] == {"projects": [WEAK], "locations": ["us-central1"]}
    # Only the location asked for, and its zones (Workbench instances are listed zone-wide).
    regions = {r["resource"]["region"] for r in report["results"]}
    assert regions == {"us-central1", "us-central1-a", "global"}


def test_credentials_that_do_not_work_exit_2(organization: FakeGoogle, tmp_path: Path) -> None:
    env = _env(tmp_path, organization, _key_file(tmp_path, f"{organization.url}/revoked"))
    code, report, stderr = _audit(env, tmp_path, "--project", WEAK)
    assert code == 2
    assert "Google credentials do not work" in stderr
    assert report is not None and report["errors"][0]["file"] == "gcp"


def test_no_credentials_at_all_exit_2(organization: FakeGoogle, tmp_path: Path) -> None:
    code, _, stderr = _audit(_env(tmp_path, organization, None), tmp_path, "--project", WEAK)
    assert code == 2
    assert "no Google credentials" in stderr


def test_without_google_auth_says_what_to_install(tmp_path: Path) -> None:
    # As if the `gcp` extra were not installed: every google.* import fails.
    program = (
        "import sys; sys.modules['google'] = None; "
        "from scanner.cli import main; main(['audit', 'gcp', '--project', 'p'])"
    )
    done = subprocess.run(
        [sys.executable, "-c", program],
        env={"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "pip install 'mlposture[gcp]'" in done.stderr


def test_loading_the_cli_imports_no_google_module(tmp_path: Path) -> None:
    program = (
        "import sys, scanner.cli; "
        "print(sorted(m for m in sys.modules if m == 'google' or m.startswith('google.')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip() == "[]", done.stderr
