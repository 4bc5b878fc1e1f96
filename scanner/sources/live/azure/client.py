"""A read-only Azure Resource Manager client: azure-core's ARM pipeline with its policies
chosen here, and a pager over `nextLink`.

Built by hand rather than taken from a typed management client, because those add
ARMAutoResourceProviderRegistrationPolicy: on a 409 MissingSubscriptionRegistration it POSTs
`/providers/{namespace}/register`, a write an auditor must never send. Every request made
here is a GET. The Azure SDK is an optional extra, imported only when a client is built.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from scanner.errors import UsageError
from scanner.sources.live.azure.options import AzureAuditOptions

if TYPE_CHECKING:
    from azure.core.credentials import AccessToken, TokenCredential
    from azure.core.rest import HttpRequest, HttpResponse
    from azure.mgmt.core import ARMPipelineClient

log = logging.getLogger(__name__)

INSTALL_HINT = "the Azure SDK is not installed: pip install 'mlposture[azure]'"
_SDK_MODULES = ("azure.core", "azure.mgmt.core", "azure.identity")
# A listing that never ends (a server that always answers a nextLink) is cut here.
MAX_PAGES = 1000
_CONNECTION_TIMEOUT = 20
_READ_TIMEOUT = 120
# Characters an ARM id may hold as they are (resource group names take parentheses).
_PATH_SAFE = "/()@!$&'*+,;=:~"


class ArmError(Exception):
    """A request that failed after the retries: the HTTP status (0 when no answer came, 401
    when no token could be had), the ARM error code and message, and the path asked for."""

    def __init__(self, status: int, code: str, message: str, path: str) -> None:
        super().__init__(f"{status} {code}: {message} ({path})")
        self.status = status
        self.code = code
        self.message = message
        self.path = path


def require_azure_sdk() -> None:
    """Raise UsageError with the install hint when the `azure` extra is not installed."""
    for name in _SDK_MODULES:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            raise UsageError(INSTALL_HINT) from exc


class ArmReader:
    """GETs against one ARM endpoint through one pipeline (shared by the audit's threads)."""

    def __init__(self, client: ARMPipelineClient[HttpRequest, HttpResponse], endpoint: str):
        self._client = client
        self._endpoint = endpoint
        self._origin = urlsplit(endpoint)[:2]

    def list(self, path: str, api_version: str) -> Iterator[dict[str, Any]]:
        """Every item of a collection, page after page."""
        url = self._url(path, api_version)
        for _ in range(MAX_PAGES):
            body = self._get(url, path)
            items = body.get("value", [])
            yield from (item for item in items if isinstance(item, dict))
            next_link = body.get("nextLink")
            if not isinstance(next_link, str) or not next_link:
                return
            url = self._next(next_link, api_version, path)
        raise ArmError(0, "TooManyPages", f"more than {MAX_PAGES} pages", path)

    def get(self, path: str, api_version: str) -> dict[str, Any]:
        return self._get(self._url(path, api_version), path)

    def close(self) -> None:
        self._client.close()

    def _url(self, path: str, api_version: str) -> str:
        query = urlencode({"api-version": api_version})
        return f"{self._endpoint}{quote(path, safe=_PATH_SAFE)}?{query}"

    def _next(self, next_link: str, api_version: str, path: str) -> str:
        """The next page's URL with our api-version; never another host: the request carries
        the bearer token."""
        parts = urlsplit(next_link)
        if parts[:2] != self._origin:
            raise ArmError(0, "UnexpectedNextLink", f"nextLink leaves {self._origin[1]}", path)
        query = [(k, v) for k, v in parse_qsl(parts.query) if k.lower() != "api-version"]
        query.append(("api-version", api_version))
        return urlunsplit(parts._replace(query=urlencode(query)))

    def _get(self, url: str, path: str) -> dict[str, Any]:
        from azure.core.exceptions import AzureError, ClientAuthenticationError
        from azure.core.rest import HttpRequest

        try:
            response = self._client.send_request(HttpRequest("GET", url))
        except ClientAuthenticationError as exc:  # the credential gave no token
            raise ArmError(401, "NoToken", _one_line(exc.message), path) from exc
        except ValueError as exc:  # azure-identity refuses a scope or tenant id it is given
            raise ArmError(401, "NoToken", _one_line(exc), path) from exc
        except AzureError as exc:  # no answer: connection, TLS, timeout, retries spent
            raise ArmError(0, type(exc).__name__, _one_line(exc.message), path) from exc
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.status_code >= 400:
            code, message = _error_of(body, response.reason or "")
            raise ArmError(response.status_code, code, message, path)
        if not isinstance(body, dict):
            raise ArmError(response.status_code, "InvalidResponse", "not a JSON object", path)
        return body


def _error_of(body: object, reason: str) -> tuple[str, str]:
    """ARM's {"error": {"code", "message"}}, or the code and message at the top level."""
    error = body.get("error", body) if isinstance(body, dict) else None
    if isinstance(error, dict):
        return str(error.get("code") or reason), _one_line(str(error.get("message") or ""))
    return reason or "HttpError", ""


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


class _TenantCredential:
    """Asks every token of one tenant (--tenant)."""

    def __init__(self, inner: TokenCredential, tenant: str) -> None:
        self._inner = inner
        self._tenant = tenant

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        kwargs["tenant_id"] = self._tenant
        return self._inner.get_token(*scopes, **kwargs)


def default_credential(tenant: str | None) -> TokenCredential:
    """DefaultAzureCredential; raises ValueError for a bad AZURE_TOKEN_CREDENTIALS."""
    from azure.identity import DefaultAzureCredential

    if tenant is None:
        return DefaultAzureCredential()
    return DefaultAzureCredential(additionally_allowed_tenants=[tenant])


def open_reader(options: AzureAuditOptions, credential: TokenCredential) -> ArmReader:
    """An ArmReader on `options.endpoint`, with tokens for that endpoint's audience."""
    import requests
    from azure.core.pipeline import policies
    from azure.core.pipeline.transport import RequestsTransport
    from azure.mgmt.core import ARMPipelineClient
    from azure.mgmt.core.policies import ARMChallengeAuthenticationPolicy, ARMHttpLoggingPolicy

    endpoint = options.endpoint.rstrip("/")
    if options.tenant is not None:
        credential = _TenantCredential(credential, options.tenant)
    settings: dict[str, Any] = {
        "retry_backoff_factor": options.retry_backoff_factor,
        "retry_total": options.retry_total,
    }
    session = requests.Session()
    # One connection per worker thread; requests' default pool holds 10.
    adapter = requests.adapters.HTTPAdapter(pool_maxsize=max(10, options.workers))
    session.mount("https://", adapter)
    transport = RequestsTransport(
        session=session,
        session_owner=True,
        connection_verify=options.connection_verify or True,
        connection_timeout=_CONNECTION_TIMEOUT,
        read_timeout=_READ_TIMEOUT,
    )
    pipeline_policies = [
        policies.RequestIdPolicy(),
        policies.HeadersPolicy(),
        policies.UserAgentPolicy(sdk_moniker="mlposture"),
        # HTTPS_PROXY / NO_PROXY come through requests' environment settings.
        policies.ProxyPolicy(),
        policies.ContentDecodePolicy(),
        policies.RedirectPolicy(),
        policies.RetryPolicy(**settings),
        # The audience of the endpoint's cloud: https://management.azure.com/.default for the
        # public cloud, the sovereign cloud's own otherwise.
        ARMChallengeAuthenticationPolicy(credential, f"{endpoint}/.default"),
        policies.CustomHookPolicy(),
        policies.NetworkTraceLoggingPolicy(),
        ARMHttpLoggingPolicy(),
    ]
    client: ARMPipelineClient[HttpRequest, HttpResponse] = ARMPipelineClient(
        base_url=endpoint, policies=pipeline_policies, transport=transport
    )
    return ArmReader(client, endpoint)
