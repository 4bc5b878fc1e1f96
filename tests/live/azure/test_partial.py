"""Partial failure: what cannot be read is listed under errors with its reason, and the rest
of the tenant is still judged. Retries follow Retry-After; a workspace deleted between
being listed and being read is left out, not reported as a gap."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from azure.core.credentials import AccessToken
from azure.core.exceptions import ClientAuthenticationError

from scanner.cli_common import EXIT_FINDINGS, EXIT_USAGE, exit_code
from scanner.engine.rules import Severity
from scanner.report import Report
from tests.live.azure.estate import SUB_HARDENED, SUB_WEAK, twin_estate
from tests.live.azure.fake_arm import FakeArm, Fault
from tests.live.azure.harness import audit_fake

WEAK_WORKSPACE = "/workspaces/mlw-weak"


def _gaps(report: Report) -> list[tuple[str | None, str | None, str | None, str]]:
    return [(e.account, e.region, e.service, e.message) for e in report.errors]


def _fingerprints(report: Report, subscription: str) -> set[str]:
    return {r.fingerprint for r in report.results if r.resource.location.account == subscription}


def test_a_subscription_answering_403_is_not_covered_the_other_is(
    fake_arm: FakeArm, ca_pem: Path
) -> None:
    fake_arm.seed(twin_estate())
    whole = audit_fake(fake_arm, ca_pem)
    fake_arm.faults.append(Fault(f"^/subscriptions/{SUB_HARDENED}/", 403, "AuthorizationFailed"))
    partial = audit_fake(fake_arm, ca_pem)
    gaps = _gaps(partial)
    assert {(a, r, s) for a, r, s, _ in gaps} == {
        (SUB_HARDENED, "*", "workspaces"),
        (SUB_HARDENED, "*", "cognitiveServicesAccounts"),
        (SUB_HARDENED, "*", "registries"),
        (SUB_HARDENED, "*", "containerRegistries"),
        (SUB_HARDENED, "*", "storageAccounts"),
        (SUB_HARDENED, "*", "roleAssignments"),
    }
    assert all("access-denied" in m and "AuthorizationFailed" in m for *_, m in gaps)
    assert partial.errors[0].file == f"azure://{SUB_HARDENED}/*/cognitiveServicesAccounts"
    assert _fingerprints(partial, SUB_WEAK) == _fingerprints(whole, SUB_WEAK)
    assert _fingerprints(partial, SUB_HARDENED) == set()
    assert exit_code(partial, Severity.INFO) == EXIT_FINDINGS


def test_throttling_and_server_errors_are_retried(fake_arm: FakeArm, ca_pem: Path) -> None:
    fake_arm.seed(twin_estate())
    whole = audit_fake(fake_arm, ca_pem)
    fake_arm.reset_log()
    workspaces = (
        f"^/subscriptions/{SUB_WEAK}/providers/microsoft.machinelearningservices/workspaces$"
    )
    fake_arm.faults += [
        Fault(workspaces, 429, "TooManyRequests", times=1, retry_after=1),
        Fault(WEAK_WORKSPACE + "/computes", 500, "InternalServerError", times=2),
    ]
    started = time.monotonic()
    retried = audit_fake(fake_arm, ca_pem)
    assert time.monotonic() - started >= 1  # Retry-After: 1 was waited for
    assert retried.errors == []
    assert {r.fingerprint for r in retried.results} == {r.fingerprint for r in whole.results}
    asked = [p for _, p in fake_arm.requests]
    assert (
        sum(
            p.lower().endswith(f"{SUB_WEAK}/providers/microsoft.machinelearningservices/workspaces")
            for p in asked
        )
        == 2
    )
    assert sum(p.endswith("mlw-weak/computes") for p in asked) == 3


def test_errors_past_the_retries_are_gaps_of_their_workspace(
    fake_arm: FakeArm, ca_pem: Path
) -> None:
    fake_arm.seed(twin_estate())
    fake_arm.faults += [
        Fault(WEAK_WORKSPACE + "/computes", 503, "ServiceUnavailable"),
        Fault(WEAK_WORKSPACE + "/onlineendpoints", 429, "TooManyRequests"),
    ]
    report = audit_fake(fake_arm, ca_pem, retry_total=2)
    gaps = {(a, r, s): m for a, r, s, m in _gaps(report)}
    assert set(gaps) == {
        (SUB_WEAK, "rg-ml", "mlw-weak/computes"),
        (SUB_WEAK, "rg-ml", "mlw-weak/onlineEndpoints"),
    }
    assert gaps[(SUB_WEAK, "rg-ml", "mlw-weak/computes")].startswith("not covered (server-error)")
    assert "throttled" in gaps[(SUB_WEAK, "rg-ml", "mlw-weak/onlineEndpoints")]
    names = {r.resource.name for r in report.results}
    assert {"mlw-weak", "ds-weak", "ci-hardened", "ep-hardened"} <= names
    assert not names & {"ci-weak", "cc-weak", "ep-weak"}


def test_a_workspace_deleted_after_listing_is_left_out(fake_arm: FakeArm, ca_pem: Path) -> None:
    fake_arm.seed(twin_estate())
    # Listed with its subscription, then gone: its children and itself answer 404.
    fake_arm.faults.append(Fault(WEAK_WORKSPACE + "(/|$)", 404, "ResourceNotFound"))
    # The user-assigned identity the hardened workspace names was deleted too.
    fake_arm.faults.append(Fault("/userassignedidentities/", 404, "ResourceNotFound"))
    report = audit_fake(fake_arm, ca_pem)
    assert report.errors == []
    names = {r.resource.name for r in report.results}
    assert not names & {"mlw-weak", "ci-weak", "cc-weak", "ep-weak", "ds-weak"}
    assert {"mlw-hardened", "reg-weak"} <= names
    assert report.notes == [
        f"workspace mlw-weak in subscription {SUB_WEAK} was deleted during the audit: not judged"
    ]


def test_an_expired_token_is_a_gap(fake_arm: FakeArm, ca_pem: Path) -> None:
    fake_arm.seed(twin_estate())
    fake_arm.faults.append(
        Fault(
            f"{SUB_HARDENED}/providers/microsoft.machinelearningservices/registries",
            401,
            "ExpiredAuthenticationToken",
        )
    )
    report = audit_fake(fake_arm, ca_pem)
    assert [(a, s) for a, _, s, _ in _gaps(report)] == [(SUB_HARDENED, "registries")]
    assert "credentials-expired" in report.errors[0].message
    assert "mlw-hardened" in {r.resource.name for r in report.results}


def test_an_unregistered_provider_holds_nothing(fake_arm: FakeArm, ca_pem: Path) -> None:
    fake_arm.seed(twin_estate())
    fake_arm.faults.append(Fault("/registries$", 409, "MissingSubscriptionRegistration"))
    report = audit_fake(fake_arm, ca_pem)
    assert report.errors == []
    assert not {"reg-weak", "reg-hardened"} & {r.resource.name for r in report.results}


class _NoCredential:
    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        raise ClientAuthenticationError("DefaultAzureCredential failed to retrieve a token")


def test_credentials_that_do_not_work_end_the_audit(fake_arm: FakeArm, ca_pem: Path) -> None:
    fake_arm.seed(twin_estate())
    report = audit_fake(fake_arm, ca_pem, credential=_NoCredential())
    assert not report.readable
    assert exit_code(report, Severity.INFO) == EXIT_USAGE
    assert "Azure credentials do not work" in report.errors[0].message
    assert "failed to retrieve a token" in report.errors[0].message
    assert fake_arm.requests == []  # no request goes out without a token


def test_a_token_the_server_refuses_everywhere_is_nothing_readable(
    fake_arm: FakeArm, ca_pem: Path
) -> None:
    fake_arm.seed(twin_estate())
    fake_arm.tokens = {"another-token"}
    report = audit_fake(fake_arm, ca_pem)
    assert not report.readable
    assert "InvalidAuthenticationToken" in report.errors[0].message


def test_a_next_link_to_another_host_is_not_followed(fake_arm: FakeArm, ca_pem: Path) -> None:
    fake_arm.seed(twin_estate())
    fake_arm.page_size = 1
    base = fake_arm.url
    fake_arm.faults.clear()
    original = fake_arm._page

    def foreign(path: str, query: dict[str, str], items: list[dict[str, Any]]) -> Any:
        status, headers, body = original(path, query, items)
        if "nextLink" in body:
            body["nextLink"] = body["nextLink"].replace(base, "https://attacker.example")
        return status, headers, body

    fake_arm._page = foreign  # type: ignore[method-assign]
    report = audit_fake(fake_arm, ca_pem, subscriptions=(SUB_WEAK,))
    assert report.errors
    assert all(
        "UnexpectedNextLink" in e.message and "api-error" in e.message for e in report.errors
    )
