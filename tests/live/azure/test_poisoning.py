"""The poisoning path live (MLP-AZ-PATH-004): an audit reads the model versions that online
deployments serve and the jobs that trained them, by the names they give (never a workspace's
job history), and follows a job's inputs to the storage account behind them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.live.azure.estate import SUB_HARDENED, SUB_WEAK, twin_estate, workspace_id
from tests.live.azure.fake_arm import FakeArm, Fault
from tests.live.azure.harness import audit_fake

RULE = "MLP-AZ-PATH-004"
WEAK = workspace_id(SUB_WEAK, "rg-ml", "mlw-weak")
HARDENED = workspace_id(SUB_HARDENED, "rg-ml", "mlw-hardened")


def _statuses(report: Any) -> dict[str, str]:
    return {r.resource.name: r.status for r in report.results}


def test_the_weak_endpoint_serves_a_model_trained_on_public_data(
    fake_arm: FakeArm, ca_pem: Path
) -> None:
    fake_arm.seed(twin_estate())
    report = audit_fake(fake_arm, ca_pem, rules=(RULE,))
    assert report.errors == []
    assert _statuses(report) == {"ep-weak": "failed", "ep-hardened": "passed"}
    (weak,) = [r for r in report.results if r.status == "failed"]
    walked = str(report.as_dict()["results"])
    for hop in ("dep-weak", "train-weak", "ds-weak", "stmlweak"):
        assert hop in walked, hop
    assert weak.resource.location.account == SUB_WEAK


def test_only_what_deployments_and_models_name_is_read(fake_arm: FakeArm, ca_pem: Path) -> None:
    fake_arm.seed(twin_estate())
    audit_fake(fake_arm, ca_pem, rules=(RULE,))
    asked = [path.lower() for _, path in fake_arm.requests]
    for workspace, job in ((WEAK, "train-weak"), (HARDENED, "train-hardened")):
        ws = workspace.lower()
        assert asked.count(f"{ws}/models/fraud-model/versions/3") == 1
        assert asked.count(f"{ws}/jobs/{job}") == 1
        assert f"{ws}/jobs" not in asked and f"{ws}/models" not in asked


def test_the_hardened_twin_breaks_at_its_storage_too(fake_arm: FakeArm, ca_pem: Path) -> None:
    """Made public, the hardened endpoint still passes: its training data's account refuses
    anonymous access. Opened, that account makes the path."""
    fake_arm.seed(twin_estate())
    endpoint = f"{HARDENED}/onlineEndpoints/ep-hardened".lower()
    fake_arm.resources[endpoint]["properties"]["publicNetworkAccess"] = "Enabled"
    assert _statuses(audit_fake(fake_arm, ca_pem, rules=(RULE,)))["ep-hardened"] == "passed"
    account = next(k for k in fake_arm.resources if k.endswith("/storageaccounts/stmlhardened"))
    fake_arm.resources[account]["properties"]["allowBlobPublicAccess"] = True
    assert _statuses(audit_fake(fake_arm, ca_pem, rules=(RULE,)))["ep-hardened"] == "failed"


def test_a_model_that_cannot_be_read_is_a_gap(fake_arm: FakeArm, ca_pem: Path) -> None:
    fake_arm.seed(twin_estate())
    fake_arm.faults.append(
        Fault(r"mlw-weak/models/fraud-model/versions/3$", 403, "AuthorizationFailed")
    )
    report = audit_fake(fake_arm, ca_pem, rules=(RULE,))
    assert [(e.account, e.region, e.service) for e in report.errors] == [
        (SUB_WEAK, "rg-ml", "modelVersions")
    ]
    # Its chain ends at the deployment: the path is not found (the gap says why).
    assert _statuses(report)["ep-weak"] == "passed"
