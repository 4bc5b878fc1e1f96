"""Syslog: RFC 5424 messages carrying CEF, over UDP (RFC 5426), TCP (RFC 6587) or TLS (RFC 5425).

URLs: `udp://host:514`, `tcp://host:514`, `tls://host:6514`. On TCP and TLS each message is
framed by octet counting (`LEN SP MSG`). Syslog has no acknowledgement, so a stream is
confirmed the only way the protocol allows: each batch goes over its own connection, the
sender closes its side, and the batch counts as delivered when the receiver has read it all
and closed the connection in turn. A reset, a refusal or a timeout leaves the whole batch
undelivered (at-least-once; the fingerprint in `externalId` makes duplicates recognisable).
UDP cannot confirm anything: a datagram sent is counted as delivered; only a refused port
(ICMP unreachable) is noticed, and the rest is spooled from there.
"""

from __future__ import annotations

import logging
import os
import socket
import ssl
import time
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from scanner.exporters.base import (
    Delivery,
    Destination,
    ExportFailure,
    JsonResult,
    ReceiverRejected,
    ReceiverUnavailable,
    redact_url,
)
from scanner.exporters.cef import SYSLOG_SEVERITY, cef_line

log = logging.getLogger(__name__)

DEFAULT_PORTS = {"udp": 514, "tcp": 514, "tls": 6514}
FACILITY_LOCAL0 = 16
APP_NAME = "mlposture"
MSG_ID = "finding"
BATCH_MESSAGES = 500
BATCH_BYTES = 256 * 1024


def syslog_message(
    result: Mapping[str, Any], tool: Mapping[str, Any], *, hostname: str, procid: str
) -> bytes:
    """One RFC 5424 message: `<PRI>1 TIMESTAMP HOST APP PROCID MSGID - CEF:0|...`."""
    severity = SYSLOG_SEVERITY.get(str(result.get("severity", "info")), 6)
    priority = FACILITY_LOCAL0 * 8 + severity
    stamp = datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
    header = f"<{priority}>1 {stamp} {hostname} {APP_NAME} {procid} {MSG_ID} -"
    return f"{header} {cef_line(result, tool)}".encode()


def octet_frame(message: bytes) -> bytes:
    """RFC 6587 octet counting, also the framing of RFC 5425."""
    return str(len(message)).encode("ascii") + b" " + message


class SyslogExporter:
    """Sends findings to one syslog receiver."""

    def __init__(self, destination: Destination, *, batch_messages: int = BATCH_MESSAGES) -> None:
        parts = urlsplit(destination.url)
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            raise ReceiverRejected(
                "syslog URL must be udp://, tcp:// or tls://HOST[:PORT], not "
                f"{redact_url(destination.url)!r}"
            )
        self._destination = destination
        self._transport = parts.scheme
        self._host = parts.hostname
        self._port = parts.port or DEFAULT_PORTS[parts.scheme]
        self._batch_messages = batch_messages
        self._hostname = _syslog_hostname()
        self._procid = str(os.getpid())
        self._tls = _tls_context(destination) if parts.scheme == "tls" else None

    def __repr__(self) -> str:
        return f"SyslogExporter({self._transport}://{self._host}:{self._port})"

    def deliver(self, results: Sequence[JsonResult], tool: Mapping[str, Any]) -> Delivery:
        if self._transport == "udp":
            return self._deliver_datagrams(results, tool)
        delivered = 0
        batches = list(self._batches(results, tool))
        for index, (frames, members) in enumerate(batches):
            try:
                self._send_stream(frames)
            except ExportFailure as exc:
                rest = [r for _, batch in batches[index:] for r in batch]
                return Delivery(delivered, rest, exc)
            delivered += len(members)
        return Delivery(delivered, [], None)

    def reconcile(self, report: Mapping[str, Any]) -> int:
        return 0  # a log stream has nothing to retire

    def close(self) -> None:
        return None

    def _message(self, result: JsonResult, tool: Mapping[str, Any]) -> bytes:
        return syslog_message(result, tool, hostname=self._hostname, procid=self._procid)

    def _batches(
        self, results: Sequence[JsonResult], tool: Mapping[str, Any]
    ) -> Iterator[tuple[bytes, list[JsonResult]]]:
        frames: list[bytes] = []
        members: list[JsonResult] = []
        size = 0
        for result in results:
            frame = octet_frame(self._message(result, tool))
            if members and (
                len(members) >= self._batch_messages or size + len(frame) > BATCH_BYTES
            ):
                yield b"".join(frames), members
                frames, members, size = [], [], 0
            frames.append(frame)
            members.append(result)
            size += len(frame)
        if members:
            yield b"".join(frames), members

    def _send_stream(self, payload: bytes) -> None:
        attempts = self._destination.retries + 1
        for attempt in range(attempts):
            try:
                self._send_once(payload)
                return
            except ssl.SSLCertVerificationError as exc:
                message = f"{self!r}: TLS certificate rejected: {exc.verify_message}"
                raise ReceiverRejected(message) from None
            except OSError as exc:  # refused, reset, timed out, TLS alert
                if attempt == attempts - 1:
                    raise ReceiverUnavailable(f"{self!r}: {type(exc).__name__}: {exc}") from None
                time.sleep(self._destination.backoff * (2**attempt))

    def _send_once(self, payload: bytes) -> None:
        """One batch over one connection, bounded as a whole by the timeout: a receiver that
        trickles bytes back never keeps it open longer."""
        timeout = self._destination.timeout
        until = time.monotonic() + timeout
        with socket.create_connection((self._host, self._port), timeout=timeout) as raw:
            stream: socket.socket = raw
            if self._tls is not None:
                raw.settimeout(_left(until))
                stream = self._tls.wrap_socket(raw, server_hostname=self._host)
            stream.settimeout(_left(until))  # sendall's timeout bounds all of it
            stream.sendall(payload)
            stream.shutdown(socket.SHUT_WR)
            # The receiver closes once it has read everything we sent: that is the receipt.
            while True:
                stream.settimeout(_left(until))
                if not stream.recv(4096):
                    break

    def _deliver_datagrams(
        self, results: Sequence[JsonResult], tool: Mapping[str, Any]
    ) -> Delivery:
        family = socket.getaddrinfo(self._host, self._port, type=socket.SOCK_DGRAM)[0]
        with socket.socket(family[0], socket.SOCK_DGRAM) as sock:
            sock.connect(family[4])  # connected: a refused port surfaces as an error
            for index, result in enumerate(results):
                try:
                    sock.send(self._message(result, tool))
                except OSError as exc:
                    failure = ReceiverUnavailable(f"{self!r}: {type(exc).__name__}: {exc}")
                    # The refusal reports on an earlier datagram: count that one lost too.
                    start = max(index - 1, 0)
                    return Delivery(start, list(results[start:]), failure)
        return Delivery(len(results), [], None)


def _left(until: float) -> float:
    """Seconds left before `until`; TimeoutError once it has passed."""
    left = until - time.monotonic()
    if left <= 0:
        raise TimeoutError("the receiver did not finish in time")
    return left


def _syslog_hostname() -> str:
    """RFC 5424 HOSTNAME: printable US-ASCII, no spaces, at most 255 octets; "-" if unknown."""
    name = socket.getfqdn() or socket.gethostname()
    name = "".join(c for c in name if 33 <= ord(c) <= 126)[:255]
    return name or "-"


def _tls_context(destination: Destination) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=destination.ca_file)
    if not destination.verify_tls:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context
