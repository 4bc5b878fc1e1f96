"""Splunk HTTP Event Collector: batched JSON events, TLS verified, indexer acknowledgement.

Each finding is one event on `/services/collector/event`: `event` is the JSON-contract result
(with the tool that produced it), `fields` repeats the fingerprint so searches and dedupe can
use it as an indexed field. Several events go in one POST (concatenated JSON objects, as HEC
batches them), up to `max_batch_bytes`. Every request carries a channel
(`X-Splunk-Request-Channel`); when the token has acknowledgement on, the collector answers
with an `ackId`, and a batch counts as delivered only once `/services/collector/ack` says so.

Only HEC's own answers count: a 2xx that is not `{"code": 0, ...}` (a proxy's page, a
captive portal) delivers nothing, and once the collector has given an ackId, a batch
answered without one is not confirmed. Every request is bounded as a whole, answers are read
up to a bound, and redirects are refused (findings go to the address given, nowhere else).
"""

from __future__ import annotations

import json
import logging
import socket
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests

from scanner.exporters.base import (
    Delivery,
    Destination,
    ExportFailure,
    JsonResult,
    ReceiverRejected,
    ReceiverUnavailable,
    redact,
    redact_url,
)
from scanner.exporters.http import DeadlinePassed, bounded_session, deadline, read_bounded
from scanner.model.text import terminal_safe

log = logging.getLogger(__name__)

EVENT_PATH = "/services/collector/event"
ACK_PATH = "/services/collector/ack"
SOURCETYPE = "mlposture:finding"
# HEC's default max_content_length is 1 MB; stay well under it.
MAX_BATCH_BYTES = 512 * 1024
# Status codes that mean "try again later", not "your request is wrong".
TRANSIENT_4XX = frozenset({408, 429})
# HEC answers in tens of bytes (an ack poll of 20 batches in a few hundred); more is not HEC.
MAX_ANSWER_BYTES = 64 * 1024


@dataclass(slots=True)
class _Batch:
    body: bytes
    results: list[JsonResult]
    ack_id: int | None = None
    done: bool = False


class HecExporter:
    """Sends findings to one HEC endpoint."""

    def __init__(
        self,
        destination: Destination,
        *,
        max_batch_bytes: int = MAX_BATCH_BYTES,
        ack_timeout: float = 120.0,
        max_pending_acks: int = 20,
    ) -> None:
        if not destination.token:
            raise ReceiverRejected(
                "no HEC token: pass --token or set MLPOSTURE_HEC_TOKEN in the environment"
            )
        self._destination = destination
        self._token = destination.token
        self._event_url, self._ack_url = endpoints(destination.url)
        self._max_batch_bytes = max_batch_bytes
        self._ack_timeout = ack_timeout
        self._max_pending_acks = max_pending_acks
        self._channel = str(uuid.uuid4())
        self._host = socket.gethostname()
        self._acknowledging = False  # the collector gave an ackId: acknowledgement is on
        self._secrets = destination.secrets()
        self._session = bounded_session()
        # Given per request: a session's verify loses to REQUESTS_CA_BUNDLE in the environment.
        self._verify: bool | str = destination.ca_file or destination.verify_tls
        self._session.headers.update(
            {
                "Authorization": f"Splunk {self._token}",
                "X-Splunk-Request-Channel": self._channel,
                "Content-Type": "application/json",
            }
        )

    def __repr__(self) -> str:
        return f"HecExporter({redact_url(self._event_url)!r})"

    def deliver(self, results: Sequence[JsonResult], tool: Mapping[str, Any]) -> Delivery:
        batches = list(self._batches(results, tool))
        awaiting: list[_Batch] = []
        failure: ExportFailure | None = None
        try:
            for batch in batches:
                batch.ack_id = self._post(batch.body)
                if batch.ack_id is None:
                    batch.done = True
                else:
                    awaiting.append(batch)
                if len(awaiting) >= self._max_pending_acks:
                    awaiting = self._await_acks(awaiting)
            self._await_acks(awaiting, until_all=True)
        except ExportFailure as exc:
            failure = exc
        delivered = sum(len(b.results) for b in batches if b.done)
        undelivered = [r for b in batches if not b.done for r in b.results]
        return Delivery(delivered, undelivered, failure)

    def reconcile(self, report: Mapping[str, Any]) -> int:
        return 0  # an event stream has nothing to retire

    def close(self) -> None:
        self._session.close()

    def _batches(self, results: Sequence[JsonResult], tool: Mapping[str, Any]) -> Iterator[_Batch]:
        tool_info = {"name": tool.get("name", "mlposture"), "version": tool.get("version")}
        now = round(time.time(), 3)
        parts: list[bytes] = []
        members: list[JsonResult] = []
        size = 0
        for result in results:
            event = {
                "time": now,
                "host": self._host,
                "source": "mlposture",
                "sourcetype": SOURCETYPE,
                "fields": {"fingerprint": result.get("fingerprint")},
                "event": {**result, "tool": tool_info},
            }
            encoded = json.dumps(event, separators=(",", ":")).encode("utf-8")
            if members and size + len(encoded) > self._max_batch_bytes:
                yield _Batch(b"".join(parts), members)
                parts, members, size = [], [], 0
            parts.append(encoded)
            members.append(result)
            size += len(encoded)
        if members:
            yield _Batch(b"".join(parts), members)

    def _post(self, body: bytes) -> int | None:
        """POST one batch; its ackId when acknowledgement is on, else None."""
        answer = self._request(self._event_url, body)
        if answer.get("code") != 0:
            raise ReceiverRejected(self._say(f"the answer is not HEC's: {_quote(answer)}"))
        ack_id = answer.get("ackId")
        if isinstance(ack_id, int) and not isinstance(ack_id, bool):
            self._acknowledging = True
            return ack_id
        if self._acknowledging:
            raise ReceiverUnavailable(
                self._say("a batch was answered without an ackId while acknowledgement is on")
            )
        return None

    def _await_acks(self, awaiting: list[_Batch], *, until_all: bool = False) -> list[_Batch]:
        """Poll the acks of `awaiting`; return the still unacknowledged batches."""
        deadline = time.monotonic() + self._ack_timeout
        delay = 0.05
        while awaiting:
            query = json.dumps({"acks": [b.ack_id for b in awaiting]}).encode("utf-8")
            answer = self._request(self._ack_url, query)
            states = answer.get("acks")
            if not isinstance(states, dict):
                raise ReceiverRejected(self._say(f"not a HEC acknowledgement: {_quote(answer)}"))
            for batch in awaiting:
                if states.get(str(batch.ack_id)) is True:
                    batch.done = True
            awaiting = [b for b in awaiting if not b.done]
            if not awaiting or (not until_all and len(awaiting) < self._max_pending_acks):
                break
            if time.monotonic() > deadline:
                raise ReceiverUnavailable(
                    f"{len(awaiting)} batches not acknowledged within {self._ack_timeout:g} s"
                )
            time.sleep(delay)
            delay = min(delay * 2, 2.0)
        return awaiting

    def _request(self, url: str, body: bytes) -> dict[str, Any]:
        """POST `body`; the JSON answer of a 2xx (an empty dict when it is not JSON)."""
        attempts = self._destination.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                status, answer, location = self._exchange(url, body)
            except requests.exceptions.SSLError as exc:
                # A certificate problem does not heal by waiting.
                raise ReceiverRejected(self._say(f"TLS error: {exc}")) from None
            except (requests.RequestException, DeadlinePassed) as exc:
                if last:
                    what = str(exc) if isinstance(exc, DeadlinePassed) else type(exc).__name__
                    raise ReceiverUnavailable(self._say(what)) from None
                self._pause(attempt)
                continue
            if 200 <= status < 300:
                parsed = _json(answer)
                if isinstance(parsed, dict):
                    return parsed
                return {"answer": answer[:200].decode("utf-8", "replace")}
            if 300 <= status < 400:
                where = redact_url(location) if location else "elsewhere"
                raise ReceiverRejected(
                    self._say(
                        f"HTTP {status}: redirected to {where}; findings are only sent "
                        "to the address given, give the collector's own URL"
                    )
                )
            said = terminal_safe(answer[:200].decode("utf-8", "replace").strip(), one_line=True)
            text = self._say(f"HTTP {status}: {said}")
            if 400 <= status < 500 and status not in TRANSIENT_4XX:
                raise ReceiverRejected(text)
            if last:
                raise ReceiverUnavailable(text)
            self._pause(attempt)
        raise ReceiverUnavailable("no attempt made")  # attempts >= 1, never reached

    def _exchange(self, url: str, body: bytes) -> tuple[int, bytes, str]:
        """One POST, bounded as a whole: status, the answer (cut at MAX_ANSWER_BYTES) and
        the Location of a redirect, which is never followed."""
        timeout = self._destination.timeout
        with deadline(timeout):
            response = self._session.post(
                url,
                data=body,
                timeout=timeout,
                verify=self._verify,
                stream=True,
                allow_redirects=False,
            )
            try:
                answer, _ = read_bounded(response, MAX_ANSWER_BYTES)
            finally:
                response.close()
        return response.status_code, answer, response.headers.get("Location", "")

    def _pause(self, attempt: int) -> None:
        time.sleep(self._destination.backoff * (2**attempt))

    def _say(self, text: str) -> str:
        return f"{redact(text, self._secrets)} ({redact_url(self._event_url)})"


def _json(answer: bytes) -> object:
    try:
        return json.loads(answer)
    except ValueError:
        return None


def _quote(answer: dict[str, Any]) -> str:
    return json.dumps(answer)[:200]


def endpoints(url: str) -> tuple[str, str]:
    """The event and ack URLs for a base URL (`https://host:8088`) or a full event URL."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ReceiverRejected(f"not an HTTP(S) URL: {redact_url(url)!r}")
    base = parts.path.rstrip("/")
    for suffix in (EVENT_PATH, "/services/collector"):
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            break
    event = urlunsplit((parts.scheme, parts.netloc, base + EVENT_PATH, parts.query, ""))
    ack = urlunsplit((parts.scheme, parts.netloc, base + ACK_PATH, parts.query, ""))
    return event, ack
