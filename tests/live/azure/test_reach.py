"""Which subscriptions are audited: those given, those under a management group, every one
the identity lists (of one tenant with --tenant); and progress per subscription."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.live.azure.estate import SUB_HARDENED, SUB_WEAK, TENANT, twin_estate
from tests.live.azure.fake_arm import FakeArm
from tests.live.azure.harness import FakeCredential, audit_fake

OTHER_TENANT = "4d3c2b1a-0f9e-4d8c-b7a6-958473625140"


def _accounts(report: object) -> set[str | None]:
    return {r.resource.location.account for r in report.results}  # type: ignore[attr-defined]


def test_given_subscriptions_only(fake_arm: FakeArm, ca_pem: Path) -> None:
    fake_arm.seed(twin_estate())
    report = audit_fake(fake_arm, ca_pem, subscriptions=(SUB_WEAK,))
    assert report.errors == []
    assert _accounts(report) == {SUB_WEAK}
    assert report.scope == {"subscriptions": [SUB_WEAK]}
    assert ("GET", "/subscriptions") not in fake_arm.requests


def test_a_subscription_that_does_not_exist_is_a_gap(fake_arm: FakeArm, ca_pem: Path) -> None:
    fake_arm.seed(twin_estate())
    missing = "00000000-0000-4000-8000-000000000000"
    report = audit_fake(fake_arm, ca_pem, subscriptions=(missing, SUB_HARDENED))
    assert [(e.account, e.service) for e in report.errors] == [(missing, "subscription")]
    assert "not-found" in report.errors[0].message
    assert _accounts(report) == {SUB_HARDENED}


def test_subscriptions_under_a_management_group(fake_arm: FakeArm, ca_pem: Path) -> None:
    fake_arm.seed(twin_estate())
    fake_arm.management_groups["mg-ml"] = [SUB_WEAK, SUB_HARDENED]
    report = audit_fake(fake_arm, ca_pem, management_groups=("mg-ml",))
    assert report.errors == []
    assert _accounts(report) == {SUB_WEAK, SUB_HARDENED}
    unknown = audit_fake(
        fake_arm, ca_pem, management_groups=("mg-none",), subscriptions=(SUB_WEAK,)
    )
    assert [(e.account, e.service) for e in unknown.errors] == [
        ("managementGroups/mg-none", "descendants")
    ]
    assert _accounts(unknown) == {SUB_WEAK}


def test_every_listed_subscription_of_one_tenant(fake_arm: FakeArm, ca_pem: Path) -> None:
    fake_arm.seed(twin_estate())
    fake_arm.subscriptions[SUB_HARDENED]["tenantId"] = OTHER_TENANT
    credential = FakeCredential()
    report = audit_fake(fake_arm, ca_pem, tenant=TENANT, credential=credential)
    assert _accounts(report) == {SUB_WEAK}
    assert set(credential.tenants) == {TENANT}
    assert set(credential.scopes) == {(f"{fake_arm.url}/.default",)}
    nothing = audit_fake(fake_arm, ca_pem, tenant="11111111-2222-4333-8444-555555555555")
    assert not nothing.readable
    assert "no subscription of tenant" in nothing.errors[0].message


@pytest.mark.parametrize("page_size", [1, 100])
def test_every_page_is_read(fake_arm: FakeArm, ca_pem: Path, page_size: int) -> None:
    fake_arm.seed(twin_estate())
    fake_arm.page_size = page_size
    report = audit_fake(fake_arm, ca_pem, rules=("MLP-AZ-ML-007", "MLP-AZ-ML-008"))
    assert {r.resource.name for r in report.results} == {
        "ci-weak",
        "ci-hardened",
        "cc-weak",
        "cc-hardened",
    }


class Recorder:
    def __init__(self) -> None:
        self.planned: Counter[tuple[str, str]] = Counter()
        self.done: Counter[tuple[str, str]] = Counter()

    def add(self, account: str, region: str, total: int) -> None:
        self.planned[(account, region)] += total

    def advance(self, account: str, region: str) -> None:
        self.done[(account, region)] += 1


def test_progress_per_subscription_and_resource_group(fake_arm: FakeArm, ca_pem: Path) -> None:
    fake_arm.seed(twin_estate())
    recorder = Recorder()
    audit_fake(fake_arm, ca_pem, progress=recorder)
    assert set(recorder.planned) == {
        (SUB_WEAK, "*"),
        (SUB_WEAK, "rg-ml"),
        (SUB_HARDENED, "*"),
        (SUB_HARDENED, "rg-ml"),
    }
    assert recorder.done == recorder.planned
