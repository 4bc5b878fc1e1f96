"""A fake Azure Resource Manager on 127.0.0.1, over HTTPS with a test CA.

It answers GETs the way ARM does for the api-versions it knows: collections (subscription
listings, a workspace's children, extension resources such as diagnostic settings) paged
with `nextLink`, single resources by id in any case, subscriptions, management group
descendants and built-in role definitions. It checks the bearer token and the api-version,
logs every request, refuses anything but GET (405, and logged), and injects faults: a status
with an ARM error code (and Retry-After) on paths matching a pattern, a given number of times.
"""

from __future__ import annotations

import json
import re
import ssl
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.live.azure.ca import Certificates

TOKEN = "fake-arm-token"
# api-versions the fake accepts, by the type a request reads (a few real ones each).
_ML = ("2023-04-01", "2023-10-01", "2024-04-01", "2024-10-01")
VERSIONS: dict[str, tuple[str, ...]] = {
    "microsoft.resources/subscriptions": ("2020-01-01", "2021-01-01", "2022-12-01"),
    "microsoft.management/managementgroups/descendants": ("2020-05-01", "2021-04-01"),
    "microsoft.machinelearningservices/workspaces": _ML,
    "microsoft.machinelearningservices/workspaces/computes": _ML,
    "microsoft.machinelearningservices/workspaces/onlineendpoints": _ML,
    "microsoft.machinelearningservices/workspaces/batchendpoints": _ML,
    "microsoft.machinelearningservices/workspaces/datastores": _ML,
    "microsoft.machinelearningservices/workspaces/connections": _ML,
    "microsoft.machinelearningservices/workspaces/onlineendpoints/deployments": _ML,
    "microsoft.machinelearningservices/workspaces/models/versions": _ML,
    "microsoft.machinelearningservices/workspaces/jobs": _ML,
    "microsoft.cognitiveservices/accounts/deployments": ("2023-05-01", "2024-10-01"),
    "microsoft.cognitiveservices/accounts/raipolicies": ("2024-10-01",),
    "microsoft.machinelearningservices/registries": _ML,
    "microsoft.containerregistry/registries": ("2019-05-01", "2023-07-01"),
    "microsoft.storage/storageaccounts": ("2022-09-01", "2023-05-01"),
    "microsoft.cognitiveservices/accounts": ("2023-05-01", "2024-10-01"),
    "microsoft.insights/diagnosticsettings": ("2017-05-01-preview", "2021-05-01-preview"),
    "microsoft.authorization/roleassignments": ("2020-04-01-preview", "2022-04-01"),
    "microsoft.authorization/roledefinitions": ("2018-01-01-preview", "2022-04-01"),
    "microsoft.managedidentity/userassignedidentities": ("2018-11-30", "2023-01-31"),
}
# Built-in roles have the same GUID in every tenant.
BUILTIN_ROLES: dict[str, tuple[str, list[str]]] = {
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": ("Owner", ["*"]),
    "b24988ac-6180-42a0-ab88-20f7382dd24c": ("Contributor", ["*"]),
    "acdd72a7-3385-48ef-bd42-f606fba81ae7": ("Reader", ["*/read"]),
    "f6c7c914-8db3-469d-8ca1-694a8f32e121": (
        "AzureML Data Scientist",
        ["Microsoft.MachineLearningServices/workspaces/*/read"],
    ),
}
OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7"
_ROLE_DEFINITION = re.compile(
    r"^(/subscriptions/[^/]+)?/providers/microsoft\.authorization/roledefinitions/([^/]+)$"
)
_SUBSCRIPTION = re.compile(r"^/subscriptions/([^/]+)$")
_DESCENDANTS = re.compile(
    r"^/providers/microsoft\.management/managementgroups/([^/]+)/descendants$"
)


@dataclass(slots=True)
class Fault:
    """Answer `status` with ARM error `code` to GETs whose path matches `pattern` (a regular
    expression searched in the lower-case path), `times` times (None: always)."""

    pattern: str
    status: int
    code: str
    times: int | None = None
    retry_after: int | None = None


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def _after_providers(path: str) -> list[str]:
    parts = _segments(path)
    if "providers" not in parts:
        return []
    at = len(parts) - 1 - parts[::-1].index("providers")
    return parts[at + 1 :]


def request_type(path: str) -> str:
    """The resource type a GET of `path` reads (lower case)."""
    if _SUBSCRIPTION.match(path) or path == "/subscriptions":
        return "microsoft.resources/subscriptions"
    tail = _after_providers(path)
    if not tail:
        return ""
    return "/".join([tail[0], *tail[1::2]])


def collections_of(arm_id: str) -> set[str]:
    """The list paths (lower case) whose answer holds the resource `arm_id`."""
    lowered = arm_id.lower()
    paths = {lowered.rsplit("/", 1)[0]}
    parts = _segments(lowered)
    tail = _after_providers(lowered)
    if parts[:1] == ["subscriptions"] and len(tail) == 3:  # a top-level resource
        paths.add(f"/subscriptions/{parts[1]}/providers/{tail[0]}/{tail[1]}")
    if "microsoft.authorization/roleassignments/" in lowered and parts[:1] == ["subscriptions"]:
        # Listed at a subscription: the assignments at it and at everything in it.
        paths.add(f"/subscriptions/{parts[1]}/providers/microsoft.authorization/roleassignments")
    return paths


class FakeArm:
    def __init__(self, certificates: Certificates, page_size: int = 2) -> None:
        self._certificates = certificates
        self.page_size = page_size
        self.resources: dict[str, dict[str, Any]] = {}
        self._listed: dict[str, list[str]] = {}  # list path -> ids of its items (lower case)
        self.subscriptions: dict[str, dict[str, Any]] = {}
        self.management_groups: dict[str, list[str]] = {}
        self.faults: list[Fault] = []
        self.tokens = {TOKEN}
        self.requests: list[tuple[str, str]] = []  # (method, path): what the auditor asked
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # --- seeding -------------------------------------------------------------------------

    def add_subscription(self, subscription: str, name: str = "", tenant: str = "") -> None:
        self.subscriptions[subscription.lower()] = {
            "id": f"/subscriptions/{subscription}",
            "subscriptionId": subscription,
            "displayName": name or subscription,
            "state": "Enabled",
            "tenantId": tenant or "72f988bf-86f1-41af-91ab-2d7cd011db47",
            "subscriptionPolicies": {"locationPlacementId": "Public_2014-09-01"},
            "authorizationSource": "RoleBased",
        }

    def seed(self, bodies: Iterable[dict[str, Any]]) -> None:
        for body in bodies:
            arm_id = str(body["id"])
            parts = _segments(arm_id)
            if parts[:1] == ["subscriptions"] and parts[1].lower() not in self.subscriptions:
                self.add_subscription(parts[1])
            if arm_id.lower() not in self.resources:
                for path in collections_of(arm_id):
                    self._listed.setdefault(path, []).append(arm_id.lower())
            self.resources[arm_id.lower()] = body

    # --- serving -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"https://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> None:
        fake = self

        class Handler(_Handler):
            arm = fake

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self._certificates.server_cert, self._certificates.server_key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        self._server = server
        threading.Thread(target=server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def reset_log(self) -> None:
        with self._lock:
            self.requests.clear()

    # --- answers -------------------------------------------------------------------------

    def answer(
        self, method: str, raw_path: str, headers: dict[str, str]
    ) -> tuple[int, dict[str, str], Any]:
        split = urlsplit(raw_path)
        path = unquote(split.path).rstrip("/") or "/"
        query = {k: v[-1] for k, v in parse_qs(split.query).items()}
        with self._lock:
            self.requests.append((method, path))
        if method != "GET":
            return 405, {}, _error("MethodNotAllowed", f"{method} is not expected of an auditor")
        token = headers.get("authorization", "").removeprefix("Bearer ")
        if token not in self.tokens:
            return 401, {}, _error("InvalidAuthenticationToken", "The access token is invalid.")
        lowered = path.lower()
        fault = self._fault(lowered)
        if fault is not None:
            extra = {"Retry-After": str(fault.retry_after)} if fault.retry_after else {}
            return fault.status, extra, _error(fault.code, f"injected {fault.code} on {path}")
        kind = request_type(lowered)
        version = query.get("api-version", "")
        if version not in VERSIONS.get(kind, ()):
            return (
                400,
                {},
                _error(
                    "InvalidApiVersionParameter", f"api-version '{version}' is not valid for {kind}"
                ),
            )
        return self._route(path, lowered, query)

    def _fault(self, lowered: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if (fault.times is None or fault.times > 0) and re.search(fault.pattern, lowered):
                    if fault.times is not None:
                        fault.times -= 1
                    return fault
        return None

    def _route(
        self, path: str, lowered: str, query: dict[str, str]
    ) -> tuple[int, dict[str, str], Any]:
        if lowered == "/subscriptions":
            return self._page(path, query, list(self.subscriptions.values()))
        if match := _SUBSCRIPTION.match(lowered):
            found = self.subscriptions.get(match.group(1))
            if found is None:
                return 404, {}, _error("SubscriptionNotFound", f"{match.group(1)} not found")
            return 200, {}, found
        if match := _DESCENDANTS.match(lowered):
            group = match.group(1)
            if group not in self.management_groups:
                return 404, {}, _error("NotFound", f"management group {group} not found")
            items = [_descendant(group, s) for s in self.management_groups[group]]
            return self._page(path, query, items)
        if match := _ROLE_DEFINITION.match(lowered):
            return self._role_definition(path, match.group(2))
        if lowered in self.resources:
            return 200, {}, self.resources[lowered]
        if len(_after_providers(lowered)) % 2 == 0 and _after_providers(lowered):
            return self._collection(path, lowered, query)
        return 404, {}, _error("ResourceNotFound", f"The Resource '{path}' was not found.")

    def _collection(
        self, path: str, lowered: str, query: dict[str, str]
    ) -> tuple[int, dict[str, str], Any]:
        owner = lowered.rsplit("/", 1)[0]
        if owner.endswith("/providers/" + _after_providers(lowered)[0]):
            owner = owner.rsplit("/providers/", 1)[0]
        parts = _segments(owner)
        if parts[:1] == ["subscriptions"] and parts[1] not in self.subscriptions:
            return 404, {}, _error("SubscriptionNotFound", f"{parts[1]} not found")
        if len(parts) > 2 and owner not in self.resources and len(_after_providers(owner)) >= 3:
            return 404, {}, _error("ParentResourceNotFound", f"{owner} was not found")
        items = [self.resources[key] for key in sorted(self._listed.get(lowered, []))]
        return self._page(path, query, items)

    def _page(
        self, path: str, query: dict[str, str], items: list[dict[str, Any]]
    ) -> tuple[int, dict[str, str], Any]:
        start = int(query.get("$skipToken", "0"))
        body: dict[str, Any] = {"value": items[start : start + self.page_size]}
        if start + self.page_size < len(items):
            version = query.get("api-version", "")
            body["nextLink"] = (
                f"{self.url}{path}?api-version={version}&$skipToken={start + self.page_size}"
            )
        return 200, {}, body

    def _role_definition(self, path: str, guid: str) -> tuple[int, dict[str, str], Any]:
        if path.lower() in self.resources:
            return 200, {}, self.resources[path.lower()]
        if guid not in BUILTIN_ROLES:
            return 404, {}, _error("RoleDefinitionDoesNotExist", f"{guid} does not exist")
        name, actions = BUILTIN_ROLES[guid]
        return (
            200,
            {},
            {
                "id": path,
                "name": guid,
                "type": "Microsoft.Authorization/roleDefinitions",
                "properties": {
                    "roleName": name,
                    "type": "BuiltInRole",
                    "description": f"The built-in {name} role.",
                    "assignableScopes": ["/"],
                    "permissions": [
                        {
                            "actions": actions,
                            "notActions": [],
                            "dataActions": [],
                            "notDataActions": [],
                        }
                    ],
                    "createdOn": "2015-02-02T21:55:09.8806423Z",
                    "updatedOn": "2021-11-11T20:13:47.8628684Z",
                },
            },
        )


_GROUPS = "/providers/Microsoft.Management/managementGroups"


def _descendant(group: str, subscription: str) -> dict[str, Any]:
    return {
        "id": f"{_GROUPS}/{group}/subscriptions/{subscription}",
        "type": "Microsoft.Management/managementGroups/subscriptions",
        "name": subscription,
        "properties": {
            "displayName": subscription,
            "parent": {"id": f"{_GROUPS}/{group}"},
        },
    }


def _error(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


class _Handler(BaseHTTPRequestHandler):
    arm: FakeArm
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without TCP_NODELAY the second waits for the
    # client's delayed ACK (40 ms a response on Linux).
    disable_nagle_algorithm = True

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length", "0") or 0)
        if length:
            self.rfile.read(length)
        headers = {k.lower(): v for k, v in self.headers.items()}
        status, extra, body = self.arm.answer(self.command, self.path, headers)
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-ms-request-id", "00000000-0000-0000-0000-000000000000")
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

    def log_message(self, format: str, *args: Any) -> None:
        return
