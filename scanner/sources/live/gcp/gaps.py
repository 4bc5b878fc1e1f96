"""Coverage gaps: a (project, location, collection) the audit could not read, and why."""

from __future__ import annotations

import requests

from scanner.sources.live.common import CoverageGap, http_gap
from scanner.sources.live.gcp.client import GoogleApiError

__all__ = ["SERVICE_DISABLED", "CoverageGap", "classify", "gap", "is_service_disabled"]

SERVICE_DISABLED = "SERVICE_DISABLED"
_MAX_DETAIL = 300


def is_service_disabled(exc: BaseException) -> bool:
    """The API is not enabled in the project (403 with ErrorInfo reason SERVICE_DISABLED)."""
    return isinstance(exc, GoogleApiError) and exc.reason == SERVICE_DISABLED


def is_not_found(exc: BaseException) -> bool:
    return isinstance(exc, GoogleApiError) and exc.http_status == 404


def gap(project: str, location: str, service: str, exc: BaseException) -> CoverageGap:
    return CoverageGap(project, location, service, *classify(exc), provider="gcp")


def classify(exc: BaseException) -> tuple[str, str]:
    """(reason, detail) of an error that stopped a collection."""
    reason, detail = _classify(exc)
    # One line, bounded: a proxy's HTML error page must not flood the report.
    detail = " ".join(detail.split())
    return reason, detail if len(detail) <= _MAX_DETAIL else detail[: _MAX_DETAIL - 3] + "..."


def _classify(exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, GoogleApiError):
        detail = f"{exc.http_status} {exc.reason or exc.status}: {exc.message}"
        return http_gap(exc.http_status, detail)
    if isinstance(exc, requests.ConnectionError | requests.Timeout):
        return "unreachable", str(exc)
    if isinstance(exc, requests.RequestException):
        return "client-error", str(exc)
    if _is_google_auth_error(exc):
        # The token could not be refreshed midway (revoked, expired impersonation grant).
        return "credentials-expired", str(exc)
    return "unexpected-error", f"{type(exc).__name__}: {exc}"


def _is_google_auth_error(exc: BaseException) -> bool:
    try:
        from google.auth.exceptions import GoogleAuthError
    except ImportError:  # pragma: no cover - the audit does not start without google-auth
        return False
    return isinstance(exc, GoogleAuthError)
