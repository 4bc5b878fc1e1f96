"""Credentials and a read-only REST client for the Google APIs an audit reads.

google-auth supplies the credentials (Application Default Credentials, or a service account
impersonated through them) and `AuthorizedSession`, which adds the bearer token and refreshes
it; urllib3's Retry retries 429 and 5xx answers with backoff and honours Retry-After. google
is imported only when an audit runs: `scan` never loads it, and without the `gcp` extra the
command says what to install.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from scanner.errors import UsageError
from scanner.sources.live.common import AuditSetupError
from scanner.sources.live.gcp.endpoints import base_url
from scanner.sources.live.gcp.options import GcpAuditOptions

log = logging.getLogger(__name__)

SCOPES = ("https://www.googleapis.com/auth/cloud-platform",)
INSTALL_HINT = "the Google Cloud audit needs google-auth: pip install 'mlposture[gcp]'"
RETRIED_STATUSES = (429, 500, 502, 503, 504)  # never 403: a denial does not pass with time
MAX_RETRY_AFTER = 60.0  # seconds; a server asking for longer is not waited for that long
_TIMEOUT = (10, 60)  # connect, read


class GoogleApiError(Exception):
    """An error answer of a Google API: its HTTP status, canonical status and ErrorInfo reason."""

    def __init__(self, http_status: int, status: str, reason: str, message: str, url: str):
        super().__init__(f"{http_status} {status or reason}: {message}")
        self.http_status = http_status
        self.status = status  # PERMISSION_DENIED, RESOURCE_EXHAUSTED, ...
        self.reason = reason  # ErrorInfo: SERVICE_DISABLED, IAM_PERMISSION_DENIED, ...
        self.message = message
        self.url = url

    @classmethod
    def from_response(cls, response: requests.Response) -> GoogleApiError:
        status = reason = ""
        message = response.reason or ""
        try:
            error = response.json().get("error", {})
        except ValueError:
            error = {}
        if isinstance(error, dict):
            status = str(error.get("status", ""))
            message = str(error.get("message", message))
            for detail in error.get("details") or []:
                if isinstance(detail, dict) and str(detail.get("@type", "")).endswith(
                    "google.rpc.ErrorInfo"
                ):
                    reason = str(detail.get("reason", ""))
        return cls(response.status_code, status, reason, message, response.url)


def require_google_auth() -> None:
    """Raises UsageError (exit 2) when google-auth, the `gcp` extra, is not installed."""
    try:
        import google.auth
        import google.auth.transport.requests  # noqa: F401
    except ImportError as exc:
        raise UsageError(INSTALL_HINT) from exc


@dataclass(frozen=True, slots=True)
class Identity:
    credentials: Any
    default_project: str | None  # the ADC's project, when the user named none


def load_credentials(options: GcpAuditOptions) -> Identity:
    """Working credentials, refreshed once now. Raises AuditSetupError when they do not work."""
    require_google_auth()
    import google.auth
    from google.auth import exceptions, impersonated_credentials
    from google.auth.transport.requests import Request

    credentials, project = options.credentials, None
    try:
        if credentials is None:
            credentials, project = google.auth.default(scopes=list(SCOPES))
        if options.impersonate_service_account:
            email = options.impersonate_service_account
            override = None
            if options.endpoints:
                base = base_url("iamcredentials", None, options.endpoints)
                override = f"{base}/v1/projects/-/serviceAccounts/{email}:generateAccessToken"
            credentials = impersonated_credentials.Credentials(  # type: ignore[no-untyped-call]
                source_credentials=credentials,
                target_principal=email,
                target_scopes=list(SCOPES),
                iam_endpoint_override=override,
            )
        if not credentials.valid:
            credentials.refresh(Request())
    except exceptions.DefaultCredentialsError as exc:
        raise AuditSetupError(f"no Google credentials: {_one_line(exc)}") from exc
    except (exceptions.GoogleAuthError, requests.RequestException) as exc:
        raise AuditSetupError(f"Google credentials do not work: {_one_line(exc)}") from exc
    return Identity(credentials, project)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 300 else text[:297] + "..."


class _CappedRetry(Retry):
    """urllib3's Retry, with a server's Retry-After bounded: an audit never sleeps an hour."""

    def get_retry_after(self, response: Any) -> float | None:
        after = super().get_retry_after(response)
        return None if after is None else min(after, MAX_RETRY_AFTER)


def authorized_session(credentials: Any, options: GcpAuditOptions) -> requests.Session:
    """A session that signs every request and retries 429 / 5xx with backoff."""
    from google.auth.transport.requests import AuthorizedSession

    session = AuthorizedSession(credentials)  # type: ignore[no-untyped-call]
    retry = _CappedRetry(
        total=options.retries,
        status_forcelist=RETRIED_STATUSES,
        backoff_factor=options.backoff,
        respect_retry_after_header=True,
        # GET, and the POST :getIamPolicy, which is a read.
        allowed_methods=frozenset({"GET", "POST"}),
        raise_on_status=False,
    )
    pool = max(10, options.workers)
    adapter = HTTPAdapter(max_retries=retry, pool_connections=pool, pool_maxsize=pool)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


class GoogleClient:
    """The only requests an audit sends: GET, and POST to :getIamPolicy (a read)."""

    def __init__(self, session: requests.Session, endpoints: Mapping[str, str]) -> None:
        self._session = session
        self._endpoints = endpoints

    def url(self, api: str, version: str, path: str, location: str | None = None) -> str:
        return f"{base_url(api, location, self._endpoints)}/{version}/{path}"

    def get(self, url: str, params: Mapping[str, str] | None = None) -> dict[str, Any]:
        response = self._session.get(url, params=dict(params or {}), timeout=_TIMEOUT)
        return _body(response)

    def get_iam_policy(self, url: str) -> dict[str, Any]:
        if not url.endswith(":getIamPolicy"):
            raise ValueError(f"not a policy read: {url}")
        body = {"options": {"requestedPolicyVersion": 3}}  # conditional bindings too
        response = self._session.post(url, json=body, timeout=_TIMEOUT)
        return _body(response)

    def close(self) -> None:
        self._session.close()


def _body(response: requests.Response) -> dict[str, Any]:
    if response.status_code >= 400:
        raise GoogleApiError.from_response(response)
    try:
        body = response.json()
    except ValueError as exc:
        raise GoogleApiError(
            response.status_code, "INVALID_RESPONSE", "", "the answer is not JSON", response.url
        ) from exc
    if not isinstance(body, dict):
        raise GoogleApiError(
            response.status_code,
            "INVALID_RESPONSE",
            "",
            "the answer is not an object",
            response.url,
        )
    return body
