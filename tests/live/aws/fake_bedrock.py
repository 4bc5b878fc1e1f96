"""A local Amazon Bedrock (control plane) and Agents for Bedrock, in their wire protocol.

moto 5.2 implements neither guardrails (CreateGuardrail, ListGuardrails, GetGuardrail) nor an
agent's guardrail configuration (its CreateAgent drops `guardrailConfiguration`), so the
Bedrock live fixtures are served from here: REST-JSON over plain HTTP, routed by method and
path as the service models say, errors as `x-amzn-ErrorType` + `{"message": ...}`, state per
region (read from the SigV4 credential scope) and list calls paged with `maxResults` /
`nextToken`. A boto3 client reaches it through the standard service endpoint variables
(`AWS_ENDPOINT_URL_BEDROCK`, `AWS_ENDPOINT_URL_BEDROCK_AGENT`), the auditor's as well as the
seeding one; one endpoint serves one whole service, so the invocation logging configuration
(which moto does implement) is kept here too.
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

ACCOUNT = "123456789012"
_SCOPE = re.compile(r"Credential=[^/]+/\d{8}/([a-z0-9-]+)/")
Answer = tuple[int, dict[str, Any]]


class _Error(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code = status, code


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _page(
    items: list[dict[str, Any]], query: dict[str, str], key: str, page_size: int = 100
) -> Answer:
    """One page of `items`: `nextToken` is the index of the next item; the service's page
    size unless the caller asks for fewer."""
    start = int(query.get("nextToken") or 0)
    size = min(int(query.get("maxResults") or page_size), page_size)
    answer: dict[str, Any] = {key: items[start : start + size]}
    if start + size < len(items):
        answer["nextToken"] = str(start + size)
    return 200, answer


@dataclass
class _Region:
    logging: dict[str, Any] | None = None
    guardrails: dict[str, dict[str, Any]] = field(default_factory=dict)
    agents: dict[str, dict[str, Any]] = field(default_factory=dict)
    jobs: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class FakeBedrock:
    regions: dict[str, _Region] = field(default_factory=dict)
    seen: list[tuple[str, str]] = field(default_factory=list)
    page_size: int = 100  # items per page of a list answer
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    # -- the server -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FakeBedrock:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _any(self) -> None:
                fake._serve(self)

            do_GET = do_POST = do_PUT = do_DELETE = _any

            def log_message(self, *_args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        serve = partial(self._server.serve_forever, poll_interval=0.02)
        threading.Thread(target=serve, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def reset(self) -> None:
        with self._lock:
            self.regions.clear()
            self.seen.clear()
            self.page_size = 100

    # -- answering --------------------------------------------------------------------------

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        scope = _SCOPE.search(handler.headers.get("Authorization", ""))
        region_name = scope.group(1) if scope else "us-east-1"
        headers = {"Content-Type": "application/json", "x-amzn-RequestId": str(uuid.uuid4())}
        try:
            body = json.loads(raw) if raw else {}
            route = self._route(handler.command, parts.path)
            with self._lock:
                self.seen.append((handler.command, parts.path))
                region = self.regions.setdefault(region_name, _Region())
                query["__page_size"] = str(self.page_size)
                status, answer = route(region, region_name, body, query)
        except _Error as exc:
            status, answer = exc.status, {"message": str(exc)}
            headers["x-amzn-ErrorType"] = exc.code
        except (ValueError, KeyError) as exc:
            status, answer = 400, {"message": f"malformed request: {exc}"}
            headers["x-amzn-ErrorType"] = "ValidationException"
        data = json.dumps(answer).encode("utf-8")
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def _route(self, method: str, path: str) -> Callable[..., Answer]:
        path = unquote(path)
        table: list[tuple[str, str, Callable[..., Answer]]] = [
            ("GET", r"/logging/modelinvocations", _get_logging),
            ("PUT", r"/logging/modelinvocations", _put_logging),
            ("DELETE", r"/logging/modelinvocations", _delete_logging),
            ("POST", r"/guardrails", _create_guardrail),
            ("GET", r"/guardrails", _list_guardrails),
            ("GET", r"/guardrails/(?P<ident>.+)", _get_guardrail),
            ("POST", r"/model-customization-jobs", _create_job),
            ("GET", r"/model-customization-jobs", _list_jobs),
            ("GET", r"/model-customization-jobs/(?P<ident>.+)", _get_job),
            ("PUT", r"/agents/", _create_agent),
            ("POST", r"/agents/", _list_agents),
            ("GET", r"/agents/(?P<ident>[^/]+)/", _get_agent),
        ]
        for verb, pattern, action in table:
            match = re.fullmatch(pattern, path)
            if verb == method and match:
                return partial(action, **match.groupdict())
        raise _Error(404, "UnknownOperationException", f"no operation {method} {path}")


# -- model invocation logging -------------------------------------------------------------


def _get_logging(region: _Region, _name: str, _body: Any, _query: Any) -> Answer:
    return 200, ({"loggingConfig": region.logging} if region.logging else {})


def _put_logging(region: _Region, _name: str, body: dict[str, Any], _query: Any) -> Answer:
    config = body["loggingConfig"]
    if not (config.get("s3Config") or config.get("cloudWatchConfig")):
        raise _Error(400, "ValidationException", "a logging configuration needs a destination")
    region.logging = config
    return 200, {}


def _delete_logging(region: _Region, _name: str, _body: Any, _query: Any) -> Answer:
    region.logging = None
    return 200, {}


# -- guardrails ---------------------------------------------------------------------------


def _create_guardrail(region: _Region, name: str, body: dict[str, Any], _query: Any) -> Answer:
    ident = uuid.uuid4().hex[:12]
    arn = f"arn:aws:bedrock:{name}:{ACCOUNT}:guardrail/{ident}"
    created = _now()
    guardrail = {
        "name": body["name"],
        "guardrailId": ident,
        "guardrailArn": arn,
        "version": "DRAFT",
        "status": "READY",
        "blockedInputMessaging": body["blockedInputMessaging"],
        "blockedOutputsMessaging": body["blockedOutputsMessaging"],
        "createdAt": created,
        "updatedAt": created,
    }
    # CreateGuardrail takes `...PolicyConfig` with `...Config` lists; GetGuardrail answers
    # `...Policy` with the same entries under shorter names.
    content = body.get("contentPolicyConfig")
    if content:
        guardrail["contentPolicy"] = {"filters": content.get("filtersConfig", [])}
    sensitive = body.get("sensitiveInformationPolicyConfig")
    if sensitive:
        guardrail["sensitiveInformationPolicy"] = {
            "piiEntities": sensitive.get("piiEntitiesConfig", []),
            "regexes": sensitive.get("regexesConfig", []),
        }
    if body.get("kmsKeyId"):
        guardrail["kmsKeyArn"] = body["kmsKeyId"]
    region.guardrails[ident] = guardrail
    return 202, {
        "guardrailId": ident,
        "guardrailArn": arn,
        "version": "DRAFT",
        "createdAt": created,
    }


def _list_guardrails(region: _Region, _name: str, _body: Any, query: dict[str, str]) -> Answer:
    summaries = [
        {k: g[k] for k in ("name", "status", "version", "createdAt", "updatedAt")}
        | {"id": g["guardrailId"], "arn": g["guardrailArn"]}
        for g in region.guardrails.values()
    ]
    return _page(summaries, query, "guardrails", int(query["__page_size"]))


def _find(items: dict[str, dict[str, Any]], ident: str, arn_key: str, kind: str) -> dict[str, Any]:
    for key, item in items.items():
        if ident in (key, item.get(arn_key)):
            return item
    raise _Error(404, "ResourceNotFoundException", f"{kind} {ident} not found")


def _get_guardrail(region: _Region, _name: str, _body: Any, _query: Any, ident: str) -> Answer:
    return 200, _find(region.guardrails, ident, "guardrailArn", "guardrail")


# -- model customization jobs -------------------------------------------------------------


def _create_job(region: _Region, name: str, body: dict[str, Any], _query: Any) -> Answer:
    arn = f"arn:aws:bedrock:{name}:{ACCOUNT}:model-customization-job/{uuid.uuid4().hex[:12]}"
    job = {
        "jobArn": arn,
        "jobName": body["jobName"],
        "outputModelName": body["customModelName"],
        "roleArn": body["roleArn"],
        "status": "InProgress",
        "creationTime": _now(),
        "baseModelArn": body["baseModelIdentifier"],
        "hyperParameters": body.get("hyperParameters", {}),
        "trainingDataConfig": body["trainingDataConfig"],
        "validationDataConfig": body.get("validationDataConfig", {"validators": []}),
        "outputDataConfig": body["outputDataConfig"],
    }
    if body.get("customModelKmsKeyId"):
        job["outputModelKmsKeyArn"] = body["customModelKmsKeyId"]
    if body.get("vpcConfig"):
        job["vpcConfig"] = body["vpcConfig"]
    region.jobs[arn] = job
    return 201, {"jobArn": arn}


def _list_jobs(region: _Region, _name: str, _body: Any, query: dict[str, str]) -> Answer:
    summaries = [
        {
            "jobArn": j["jobArn"],
            "jobName": j["jobName"],
            "status": j["status"],
            "baseModelArn": j["baseModelArn"],
            "creationTime": j["creationTime"],
            "customModelName": j["outputModelName"],
        }
        for j in region.jobs.values()
    ]
    return _page(summaries, query, "modelCustomizationJobSummaries", int(query["__page_size"]))


def _get_job(region: _Region, _name: str, _body: Any, _query: Any, ident: str) -> Answer:
    return 200, _find(region.jobs, ident, "jobArn", "model customization job")


# -- agents -------------------------------------------------------------------------------


def _create_agent(region: _Region, name: str, body: dict[str, Any], _query: Any) -> Answer:
    ident = uuid.uuid4().hex[:10].upper()
    now = _now()
    agent = {
        "agentId": ident,
        "agentName": body["agentName"],
        "agentArn": f"arn:aws:bedrock:{name}:{ACCOUNT}:agent/{ident}",
        "agentVersion": "DRAFT",
        "agentStatus": "NOT_PREPARED",
        "idleSessionTTLInSeconds": body.get("idleSessionTTLInSeconds", 600),
        "agentResourceRoleArn": body["agentResourceRoleArn"],
        "createdAt": now,
        "updatedAt": now,
    }
    for key in ("foundationModel", "instruction", "customerEncryptionKeyArn"):
        if body.get(key):
            agent[key] = body[key]
    if body.get("guardrailConfiguration"):
        agent["guardrailConfiguration"] = body["guardrailConfiguration"]
    region.agents[ident] = agent
    return 202, {"agent": agent}


def _list_agents(
    region: _Region, _name: str, body: dict[str, Any], query: dict[str, str]
) -> Answer:
    # ListAgents is a POST whose paging parameters travel in the body.
    summaries = [
        {
            "agentId": a["agentId"],
            "agentName": a["agentName"],
            "agentStatus": a["agentStatus"],
            "updatedAt": a["updatedAt"],
        }
        | (
            {"guardrailConfiguration": a["guardrailConfiguration"]}
            if "guardrailConfiguration" in a
            else {}
        )
        for a in region.agents.values()
    ]
    paging = {k: str(v) for k, v in body.items() if k in ("maxResults", "nextToken")}
    return _page(summaries, paging, "agentSummaries", int(query["__page_size"]))


def _get_agent(region: _Region, _name: str, _body: Any, _query: Any, ident: str) -> Answer:
    return 200, {"agent": _find(region.agents, ident, "agentArn", "agent")}
