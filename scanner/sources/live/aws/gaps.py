"""Coverage gaps: an (account, region, service) the audit could not read, and why."""

from __future__ import annotations

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    ReadTimeoutError,
)

from scanner.sources.live.common import CoverageGap

__all__ = ["GLOBAL_REGION", "CoverageGap", "classify"]

GLOBAL_REGION = "global"  # IAM and Organizations answer for the whole account

_ACCESS_DENIED = frozenset(
    {
        "AccessDenied",
        "AccessDeniedException",
        "UnauthorizedOperation",
        "AuthorizationError",
        "AuthorizationErrorException",
    }
)
# A region that is not enabled for the account answers as if the credentials were unknown.
_REGION_DISABLED = frozenset(
    {"UnrecognizedClientException", "InvalidClientTokenId", "OptInRequired"}
)
_EXPIRED = frozenset(
    {"ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired"}
)
_THROTTLED = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "SlowDown",
        "ProvisionedThroughputExceededException",
    }
)


_MAX_DETAIL = 300


def classify(exc: Exception) -> tuple[str, str]:
    """(reason, detail) of an error that stopped a service's collection."""
    reason, detail = _classify(exc)
    # One line, bounded: an endpoint that answers an HTML error page must not flood the report.
    detail = " ".join(detail.split())
    return reason, detail if len(detail) <= _MAX_DETAIL else detail[: _MAX_DETAIL - 3] + "..."


def _classify(exc: Exception) -> tuple[str, str]:
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        code = str(error.get("Code", ""))
        detail = f"{code}: {error.get('Message', '')}".rstrip(": ")
        if exc.operation_name:
            detail = f"{exc.operation_name}: {detail}"
        if code in _ACCESS_DENIED:
            return "access-denied", detail
        if code in _REGION_DISABLED:
            return "region-not-enabled", detail
        if code in _EXPIRED:
            return "credentials-expired", detail
        if code in _THROTTLED:
            return "throttled", detail + " (after the retries)"
        # An error body botocore could not read (a proxy, a gateway): the status still tells.
        if exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 403:
            return "access-denied", detail
        return "api-error", detail
    if isinstance(exc, NoCredentialsError):
        return "no-credentials", str(exc)
    if isinstance(exc, EndpointConnectionError | ConnectTimeoutError | ReadTimeoutError):
        return "unreachable", str(exc)
    if isinstance(exc, BotoCoreError):
        return "client-error", str(exc)
    return "unexpected-error", f"{type(exc).__name__}: {exc}"
