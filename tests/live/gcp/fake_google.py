"""A fake of the Google REST APIs an audit reads, over plain http on 127.0.0.1.

It answers the Vertex AI (aiplatform v1), Notebooks v1 / v2, Cloud Resource Manager v1 / v3,
IAM v1, Artifact Registry v1 and Cloud Storage JSON v1 shapes an audit lists (and each
bucket's IAM policy), pages every list by `nextPageToken`, issues OAuth tokens at /token (and
impersonated ones at :generateAccessToken), and records each request with the IAM permission
Google would check for it. Faults are injected per project (403 PERMISSION_DENIED,
403 SERVICE_DISABLED) or per path (a queue of statuses: 429 with Retry-After, 503, ...).

One server stands for every host. Artifact Registry's paths are those of Vertex AI
(`/v1/projects/{p}/locations`), so it is served under the prefix `/artifactregistry`, the
base URL its override names (`endpoints`); Cloud Storage's `/storage/v1/b` is its own.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

TOKEN = "fake-access-token"
IMPERSONATED_TOKEN = "fake-impersonated-token"
VERSIONS = {
    "aiplatform": "v1",
    "notebooks/v1": "v1",
    "notebooks/v2": "v2",
    "iam": "v1",
    "artifactregistry": "artifactregistry/v1",  # under its host's prefix (see above)
}


@dataclass(frozen=True, slots=True)
class Seen:
    method: str
    path: str
    query: dict[str, str]
    permission: str | None
    authorization: str | None
    status: int


@dataclass(frozen=True, slots=True)
class _Route:
    method: str
    pattern: re.Pattern[str]
    service: str | None  # aiplatform.googleapis.com, ... (None: not an API call)
    permission: Callable[[re.Match[str]], str | None]
    handler: str


def _route(method: str, pattern: str, service: str | None, permission: Any, handler: str) -> _Route:
    check = permission if callable(permission) else (lambda _m, p=permission: p)
    return _Route(method, re.compile(pattern), service, check, handler)


_P = r"projects/(?P<project>[^/:]+)"
ROUTES = (
    _route("POST", r"^/token$", None, None, "token"),
    _route(
        "GET",
        rf"^/artifactregistry/v1/{_P}/locations$",
        "artifactregistry.googleapis.com",
        "artifactregistry.locations.list",
        "api_locations",
    ),
    _route(
        "GET",
        rf"^/artifactregistry/v1/{_P}/locations/[^/]+/repositories$",
        "artifactregistry.googleapis.com",
        "artifactregistry.repositories.list",
        "collection",
    ),
    _route("GET", r"^/storage/v1/b$", "storage.googleapis.com", "storage.buckets.list", "buckets"),
    _route(
        "GET",
        r"^/storage/v1/b/(?P<bucket>[^/]+)/iam$",
        "storage.googleapis.com",
        "storage.buckets.getIamPolicy",
        "bucket_policy",
    ),
    _route(
        "POST",
        r"^/v1/projects/-/serviceAccounts/(?P<email>[^/:]+):generateAccessToken$",
        "iamcredentials.googleapis.com",
        "iam.serviceAccounts.getAccessToken",
        "impersonate",
    ),
    _route(
        "POST",
        rf"^/v1/{_P}:getIamPolicy$",
        "cloudresourcemanager.googleapis.com",
        "resourcemanager.projects.getIamPolicy",
        "policy",
    ),
    _route(
        "GET",
        r"^/v3/projects$",
        "cloudresourcemanager.googleapis.com",
        "resourcemanager.projects.list",
        "projects",
    ),
    _route(
        "GET",
        r"^/v3/folders$",
        "cloudresourcemanager.googleapis.com",
        "resourcemanager.folders.list",
        "folders",
    ),
    _route(
        "GET",
        rf"^/v1/{_P}/locations$",
        "aiplatform.googleapis.com",
        "aiplatform.locations.list",
        "locations",
    ),
    _route(
        "GET",
        rf"^/v1/{_P}/serviceAccounts$",
        "iam.googleapis.com",
        "iam.serviceAccounts.list",
        "collection",
    ),
    _route(
        "GET",
        rf"^/v[12]/{_P}/locations/[^/]+/(?P<collection>instances|runtimes)$",
        "notebooks.googleapis.com",
        lambda m: f"notebooks.{m['collection']}.list",
        "collection",
    ),
    _route(
        "GET",
        rf"^/v1/{_P}/locations/[^/]+/featurestores/[^/]+/entityTypes$",
        "aiplatform.googleapis.com",
        "aiplatform.entityTypes.list",
        "collection",
    ),
    _route(
        "GET",
        rf"^/v1/{_P}/locations/[^/]+/(?P<collection>[A-Za-z]+)$",
        "aiplatform.googleapis.com",
        lambda m: f"aiplatform.{m['collection']}.list",
        "collection",
    ),
)
_ITEM_KEYS = {"serviceAccounts": "accounts"}
_FILTER = re.compile(r'^(?P<field>create_time|state)(?P<op>>=|=)"(?P<value>[^"]*)"$')


def error_body(
    code: int, status: str, message: str, reason: str = "", service: str = ""
) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "status": status, "message": message}
    if reason:
        error["details"] = [
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": reason,
                "domain": "googleapis.com",
                "metadata": {"service": service},
            }
        ]
    return {"error": error}


@dataclass(slots=True)
class FakeGoogle:
    page_size: int = 2
    retry_after: str = "0"
    require_auth: bool = True
    latency: float = 0.0  # seconds each answer waits, as a remote API would (the benchmark)
    items: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # list path -> items
    locations: dict[str, set[str]] = field(default_factory=dict)
    # Artifact Registry's own locations per project; Cloud Storage buckets per project id.
    registry_locations: dict[str, set[str]] = field(default_factory=dict)
    buckets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    policies: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Cloud Storage IAM policies by bucket name (none: the policy a new bucket gets).
    bucket_policies: dict[str, dict[str, Any]] = field(default_factory=dict)
    tree: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)
    denied_projects: set[str] = field(default_factory=set)
    disabled: dict[str, set[str]] = field(default_factory=dict)  # project -> services
    faults: list[tuple[str, list[int]]] = field(default_factory=list)
    # Zones a `locations/-` list reports as unreachable (resource names of locations).
    unreachable: list[str] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    # -- the estate -------------------------------------------------------------------------

    def add(self, api: str, item: dict[str, Any], project: str | None = None) -> None:
        """One resource, listed under its resource name's parent collection (a bucket, whose
        name says nothing of its project, under `project`)."""
        if api == "storage":
            assert project is not None
            self.buckets.setdefault(project, []).append(item)
            return
        name = item["name"]
        collection = name.rsplit("/", 1)[0]
        self.items.setdefault(f"/{VERSIONS[api]}/{collection}", []).append(item)
        match = re.match(rf"^{_P}/locations/(?P<location>[^/]+)/", name)
        if api == "aiplatform" and match:
            self.locations.setdefault(match["project"], set()).add(match["location"])
        if api == "artifactregistry" and match:
            self.registry_locations.setdefault(match["project"], set()).add(match["location"])

    def add_service_account(self, project: str, email: str) -> None:
        self.add(
            "iam",
            {
                "name": f"projects/{project}/serviceAccounts/{email}",
                "email": email,
                "projectId": project,
            },
        )

    def add_project(self, parent: str, project: str, state: str = "ACTIVE") -> None:
        number = str(100000 + len(self.tree))
        entry = {
            "name": f"projects/{number}",
            "projectId": project,
            "parent": parent,
            "state": state,
        }
        self.tree.setdefault(parent, {}).setdefault("projects", []).append(entry)

    def add_folder(self, parent: str, folder: str) -> None:
        entry = {"name": folder, "parent": parent, "state": "ACTIVE"}
        self.tree.setdefault(parent, {}).setdefault("folders", []).append(entry)

    def inject(self, path_part: str, statuses: list[int]) -> None:
        """The next requests whose path holds `path_part` answer these statuses, in order."""
        with self._lock:
            self.faults.append((path_part, list(statuses)))

    # -- the server -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def endpoints(self) -> dict[str, str]:
        """The audit's endpoint overrides that reach this fake for every API."""
        return {"*": self.url, "artifactregistry": f"{self.url}/artifactregistry"}

    def start(self) -> FakeGoogle:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out in two writes

            def do_GET(self) -> None:
                fake._serve(self, "GET")

            def do_POST(self) -> None:
                fake._serve(self, "POST")

            def log_message(self, *_args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        # A short poll: stopping the server waits for it, once per test.
        serve = partial(self._server.serve_forever, poll_interval=0.02)
        threading.Thread(target=serve, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def calls(self, permission_prefix: str = "") -> list[Seen]:
        with self._lock:
            return [s for s in self.seen if (s.permission or "").startswith(permission_prefix)]

    # -- answering --------------------------------------------------------------------------

    def _serve(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        if self.latency:
            time.sleep(self.latency)
        parts = urlsplit(handler.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        status, answer, headers = 404, error_body(404, "NOT_FOUND", "no such route"), {}
        permission = None
        for route in ROUTES:
            match = route.pattern.match(parts.path)
            if route.method == method and match:
                permission = route.permission(match)
                status, answer, headers = self._answer(route, match, query, body, handler)
                break
        with self._lock:
            self.seen.append(
                Seen(
                    method,
                    parts.path,
                    query,
                    permission,
                    handler.headers.get("Authorization"),
                    status,
                )
            )
        data = json.dumps(answer).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        for key, value in headers.items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(data)

    def _answer(
        self,
        route: _Route,
        match: re.Match[str],
        query: dict[str, str],
        body: bytes,
        handler: BaseHTTPRequestHandler,
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        if route.handler == "token":
            return 200, {"access_token": TOKEN, "expires_in": 3600, "token_type": "Bearer"}, {}
        auth = handler.headers.get("Authorization")
        if self.require_auth and not (auth or "").startswith("Bearer "):
            return 401, error_body(401, "UNAUTHENTICATED", "no credentials"), {}
        fault = self._fault(handler.path)
        if fault is not None:
            headers = {"Retry-After": self.retry_after} if fault == 429 else {}
            status = {429: "RESOURCE_EXHAUSTED", 503: "UNAVAILABLE"}.get(fault, "INTERNAL")
            return fault, error_body(fault, status, f"injected {fault}"), headers
        project = match.groupdict().get("project") or query.get("project")
        if project in self.denied_projects:
            return (
                403,
                error_body(
                    403,
                    "PERMISSION_DENIED",
                    f"Permission '{route.permission(match)}' denied",
                    "IAM_PERMISSION_DENIED",
                    route.service or "",
                ),
                {},
            )
        if project and route.service in self.disabled.get(project, set()):
            return (
                403,
                error_body(
                    403,
                    "PERMISSION_DENIED",
                    f"{route.service} has not been used in project {project}",
                    "SERVICE_DISABLED",
                    route.service or "",
                ),
                {},
            )
        if route.handler == "impersonate":
            expire = (datetime.now(UTC) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
            return 200, {"accessToken": IMPERSONATED_TOKEN, "expireTime": expire}, {}
        if route.handler == "policy":
            assert json.loads(body or b"{}").get("options", {}).get("requestedPolicyVersion") == 3
            return 200, self.policies.get(project or "", {"version": 1, "etag": "BwX="}), {}
        if route.handler in ("projects", "folders"):
            listed = self.tree.get(query.get("parent", ""), {}).get(route.handler, [])
            return self._page(listed, route.handler, query)
        if route.handler == "bucket_policy":
            assert query.get("optionsRequestedPolicyVersion") == "3"
            known = {b.get("name") for listed in self.buckets.values() for b in listed}
            if match["bucket"] not in known:
                return 404, error_body(404, "NOT_FOUND", "no such bucket"), {}
            default = {"version": 1, "bindings": [], "etag": "CAE="}
            return 200, self.bucket_policies.get(match["bucket"], default), {}
        if route.handler == "buckets":
            return self._page(self.buckets.get(project or "", []), "items", query)
        if route.handler == "api_locations":
            listed = [
                {"name": f"projects/{project}/locations/{loc}", "locationId": loc}
                for loc in sorted(self.registry_locations.get(project or "", set()))
            ]
            return self._page(listed, "locations", query)
        if route.handler == "locations":
            listed = [
                {"name": f"projects/{project}/locations/{loc}", "locationId": loc}
                for loc in sorted(self.locations.get(project or "", set()))
            ]
            return self._page(listed, "locations", query)
        return self._collection(urlsplit(handler.path).path, query)

    def _fault(self, path: str) -> int | None:
        with self._lock:
            for part, statuses in self.faults:
                if part in path and statuses:
                    return statuses.pop(0)
        return None

    def _collection(
        self, path: str, query: dict[str, str]
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        key = path.rsplit("/", 1)[-1]
        if "/locations/-/" in path:
            pattern = re.compile(
                "^" + re.escape(path).replace("/locations/\\-/", "/locations/[^/]+/") + "$"
            )
            listed = [
                i for p, found in sorted(self.items.items()) if pattern.match(p) for i in found
            ]
        else:
            listed = list(self.items.get(path, []))
        condition = query.get("filter")
        if condition:
            parsed = _FILTER.match(condition)
            if parsed is None:
                return 400, error_body(400, "INVALID_ARGUMENT", f"bad filter {condition}"), {}
            if parsed["field"] == "create_time":
                listed = [i for i in listed if str(i.get("createTime", "")) >= parsed["value"]]
            else:
                listed = [i for i in listed if i.get("state") == parsed["value"]]
        status, answer, headers = self._page(listed, _ITEM_KEYS.get(key, key), query)
        project = path.split("/projects/", 1)[1].split("/", 1)[0]
        missed = [u for u in self.unreachable if u.startswith(f"projects/{project}/")]
        if "/locations/-/" in path and missed and not query.get("pageToken"):
            answer["unreachable"] = missed
        return status, answer, headers

    def _page(
        self, listed: list[dict[str, Any]], key: str, query: dict[str, str]
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        start = int(query.get("pageToken") or 0)
        size = min(int(query.get("pageSize") or self.page_size), self.page_size)
        answer: dict[str, Any] = {key: listed[start : start + size]} if listed else {}
        if start + size < len(listed):
            answer["nextPageToken"] = str(start + size)
        return 200, answer, {}
