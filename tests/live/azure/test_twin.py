"""Done when: a fake tenant of two subscriptions, the weak estate in one and its hardened twin
in the other, is judged exactly as the same estate written as an ARM template: the same rule
ids with the same statuses, resource by resource."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scanner.pipeline import ScanOptions, scan
from tests.live.azure.estate import SUB_HARDENED, SUB_WEAK, twin_estate
from tests.live.azure.fake_arm import FakeArm
from tests.live.azure.harness import audit_fake, statuses_by_name

TWIN = Path(__file__).with_name("estate_twin.arm.json")
TWINS = ("mlw", "ci", "cc", "ep", "ds", "reg")


def test_live_tenant_is_judged_as_its_arm_template(fake_arm: FakeArm, ca_pem: Path) -> None:
    fake_arm.seed(twin_estate())
    live = audit_fake(fake_arm, ca_pem).as_dict()
    code = scan([str(TWIN)], ScanOptions(include_passed=True, workers=1)).as_dict()
    assert live["errors"] == [] and code["errors"] == []
    live_statuses, code_statuses = statuses_by_name(live), statuses_by_name(code)
    for twin in TWINS:
        assert f"{twin}-weak" in code_statuses and f"{twin}-hardened" in code_statuses
    assert set(live_statuses) == set(code_statuses)
    for name, statuses in code_statuses.items():
        assert live_statuses[name] == statuses, name
    # The weak twin fails every rule it is judged by but one (v1 legacy mode is informational
    # and off in both); the hardened one passes them.
    # Attack paths aside: a weak twin alone is not a chain (no privileged role, no storage).
    for twin in TWINS:
        judged = {r: s for r, s in code_statuses[f"{twin}-weak"].items() if "-PATH-" not in r}
        assert "passed" not in judged.values(), twin
    assert {s for n, r in code_statuses.items() if "hardened" in n for s in r.values()} == {
        "passed",
        "failed",
    }
    assert [r for r, s in code_statuses["mlw-hardened"].items() if s == "failed"] == [
        "MLP-AZ-ML-018"
    ]


def test_live_results_carry_subscription_region_and_arm_id(fake_arm: FakeArm, ca_pem: Path) -> None:
    fake_arm.seed(twin_estate())
    rules = ("MLP-AZ-ML-007", "MLP-AZ-IAM-001")
    report: dict[str, Any] = audit_fake(fake_arm, ca_pem, rules=rules).as_dict()
    by_name = {r["resource"]["name"]: r for r in report["results"]}
    group = f"/subscriptions/{SUB_WEAK}/resourceGroups/rg-ml"
    workspace = f"{group}/providers/Microsoft.MachineLearningServices/workspaces/mlw-weak"
    assert by_name["ci-weak"]["resource"] == {
        "id": f"{workspace}/computes/ci-weak",
        "kind": "azure.ml.compute_instance",
        "type": "Microsoft.MachineLearningServices/workspaces/computes",
        "provider": "azure",
        "name": "ci-weak",
        "source": "live",
        "file": None,
        "line": None,
        "account": SUB_WEAK,
        "region": "westeurope",
    }
    hardened = by_name["c8e3b5f2-7d4a-4b69-8f1e-2a3b4c5d6e7f"]["resource"]
    assert hardened["account"] == SUB_HARDENED
    assert hardened["id"].startswith(f"/subscriptions/{SUB_HARDENED}/resourceGroups/rg-ml/")
    assert report["scope"] == {"subscriptions": [SUB_WEAK, SUB_HARDENED]}


def test_the_auditor_only_reads(fake_arm: FakeArm, ca_pem: Path) -> None:
    fake_arm.seed(twin_estate())
    audit_fake(fake_arm, ca_pem)
    assert fake_arm.requests
    assert {method for method, _ in fake_arm.requests} == {"GET"}
