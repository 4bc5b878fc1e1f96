"""Coverage gaps of an Azure audit: a (subscription, resource group or workspace, collection)
that could not be read, and why."""

from __future__ import annotations

from scanner.sources.live.azure.client import ArmError
from scanner.sources.live.common import CoverageGap, http_gap

PROVIDER = "azure"
SUBSCRIPTION_WIDE = "*"  # the gap's "region": the whole subscription, not one resource group
_MAX_DETAIL = 300
# The listing itself misbehaved (no transport problem): a nextLink to another host, no end.
PAGING_ERRORS = frozenset({"UnexpectedNextLink", "TooManyPages"})
_EXPIRED = frozenset({"ExpiredAuthenticationToken"})
# The resource provider was never registered in the subscription: none of its resources can
# exist there, so the collection is empty rather than unread.
NOT_REGISTERED = frozenset({"MissingSubscriptionRegistration", "SubscriptionNotRegistered"})
# What ARM answers for a resource deleted after it was listed (or its parent deleted).
GONE = frozenset(
    {"ResourceNotFound", "ParentResourceNotFound", "NotFound", "ResourceGroupNotFound"}
)


def gap(account: str, region: str, service: str, exc: Exception) -> CoverageGap:
    reason, detail = classify(exc)
    return CoverageGap(account, region, service, reason, detail, provider=PROVIDER)


def classify(exc: Exception) -> tuple[str, str]:
    """(reason, detail) of an error that stopped a collection."""
    reason, detail = _classify(exc)
    # One line, bounded: a gateway's HTML error page must not flood the report.
    detail = " ".join(detail.split())
    return reason, detail if len(detail) <= _MAX_DETAIL else detail[: _MAX_DETAIL - 3] + "..."


def _classify(exc: Exception) -> tuple[str, str]:
    if not isinstance(exc, ArmError):
        return "unexpected-error", f"{type(exc).__name__}: {exc}"
    detail = f"GET {exc.path}: {exc.code}: {exc.message}".rstrip(": ")
    if exc.code in PAGING_ERRORS:
        return "api-error", detail
    if exc.status == 0:
        return "unreachable", detail
    if exc.code == "NoToken":  # the credential gave none (not logged in, renewal failed)
        return "no-credentials", detail
    if exc.status == 401 and exc.code not in _EXPIRED:
        return "unauthenticated", detail
    return http_gap(exc.status, detail)
