"""Real receivers on localhost: a Splunk HEC server and syslog listeners (UDP, TCP, TLS).

Each records what arrived, can be stopped and started again on the same port, and can be
told to go down by itself after a number of events, so an outage lands mid-export.
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import json
import re
import socket
import ssl
import struct
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from scanner.exporters.cef import parse_extension

# ---------------------------------------------------------------- Splunk HEC


class HecReceiver:
    """Speaks the HEC protocol: token check, batched events, channels, indexer acks."""

    def __init__(self, token: str, *, ack: bool = False, tls: tuple[Path, Path] | None = None):
        self.token = token
        self.ack = ack
        self.tls = tls
        self.events: list[dict[str, Any]] = []
        self.body_sizes: list[int] = []
        self.requests = 0
        self.ack_polls = 0
        self.down = False  # answer 503, as a collector whose queue is full
        self.stop_after: int | None = None  # stop the server once this many events arrived
        self.down_after: int | None = None  # start answering 503 once this many arrived
        self.port = 0
        self._lock = threading.Lock()
        self._next_ack = 0
        self._acks: dict[str, dict[int, int]] = {}  # channel -> ackId -> polls until true
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://localhost:{self.port}"

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return None

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                status, answer = receiver.handle(self.path, dict(self.headers.items()), body)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        ThreadingHTTPServer.allow_reuse_address = True
        server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        server.daemon_threads = True
        if self.tls:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(str(self.tls[0]), str(self.tls[1]))
            server.socket = context.wrap_socket(server.socket, server_side=True)
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()

    def handle(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, Any]:
        headers = {k.lower(): v for k, v in headers.items()}
        with self._lock:
            self.requests += 1
            if self.down:
                return 503, {"text": "Server is busy", "code": 9}
            auth = headers.get("authorization", "")
            if not auth:
                return 401, {"text": "Token is required", "code": 2}
            if auth != f"Splunk {self.token}":
                return 403, {"text": "Invalid token", "code": 4}
            channel = headers.get("x-splunk-request-channel", "")
            if self.ack and not channel:
                return 400, {"text": "Data channel is missing", "code": 10}
            if path.startswith("/services/collector/ack"):
                return self._ack_status(channel, body)
            if not path.startswith("/services/collector/event"):
                return 404, {"text": "The requested URL was not found", "code": 404}
            try:
                events = list(_concatenated_json(body.decode("utf-8")))
            except ValueError:
                return 400, {"text": "Invalid data format", "code": 6}
            if any("event" not in e for e in events):
                return 400, {"text": "Event field is required", "code": 12}
            self.events.extend(events)
            self.body_sizes.append(len(body))
            self._after_events()
            if not self.ack:
                return 200, {"text": "Success", "code": 0}
            ack_id = self._next_ack
            self._next_ack += 1
            self._acks.setdefault(channel, {})[ack_id] = 1  # acknowledged at the 2nd poll
            return 200, {"text": "Success", "code": 0, "ackId": ack_id}

    def _ack_status(self, channel: str, body: bytes) -> tuple[int, Any]:
        self.ack_polls += 1
        asked = json.loads(body)["acks"]
        pending = self._acks.get(channel, {})
        states = {}
        for ack_id in asked:
            left = pending.get(ack_id)
            states[str(ack_id)] = left == 0
            if left:
                pending[ack_id] = left - 1
        return 200, {"acks": states}

    def _after_events(self) -> None:
        if self.down_after is not None and len(self.events) >= self.down_after:
            self.down_after, self.down = None, True
        if self.stop_after is not None and len(self.events) >= self.stop_after:
            self.stop_after = None
            threading.Thread(target=self.stop, daemon=True).start()

    def fingerprints(self) -> list[str]:
        return [e["event"]["fingerprint"] for e in self.events]


def _concatenated_json(text: str) -> Iterator[dict[str, Any]]:
    decoder = json.JSONDecoder()
    index = 0
    while index < len(text):
        while index < len(text) and text[index].isspace():
            index += 1
        if index == len(text):
            return
        value, index = decoder.raw_decode(text, index)
        yield value


# ---------------------------------------------------------------- syslog

RFC5424 = re.compile(
    r"^<(?P<pri>\d{1,3})>1 (?P<ts>\S+) (?P<host>\S+) (?P<app>\S+) (?P<proc>\S+) (?P<msgid>\S+) "
    r"(?P<sd>-|\[.*?\]) (?P<msg>.*)$",
    re.DOTALL,
)


def parse_syslog(message: bytes) -> dict[str, Any]:
    """An RFC 5424 message with a CEF body, as fields (raises on a malformed one)."""
    match = RFC5424.match(message.decode("utf-8"))
    if match is None:
        raise ValueError(f"not RFC 5424: {message[:80]!r}")
    fields = match.groupdict()
    datetime.datetime.fromisoformat(fields["ts"].replace("Z", "+00:00"))
    header, extension = _split_cef(fields["msg"])
    fields["cef"] = header
    fields["ext"] = parse_extension(extension)
    return fields


def _split_cef(msg: str) -> tuple[list[str], str]:
    """The 7 header fields (unescaped) and the raw extension of a CEF line."""
    parts: list[str] = []
    current: list[str] = []
    i = 0
    while len(parts) < 7:
        char = msg[i]
        if char == "\\":
            current.append(msg[i + 1])
            i += 2
            continue
        if char == "|":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    return parts, msg[i:]


class SyslogReceiver:
    """A syslog listener on UDP, TCP or TLS; TCP and TLS read octet-counted frames."""

    def __init__(self, transport: str, *, tls: tuple[Path, Path] | None = None) -> None:
        self.transport = transport
        self.tls = tls
        self.messages: list[bytes] = []
        self.connections = 0
        self.stop_after: int | None = None  # reset everything once this many arrived
        self.port = 0
        self._lock = threading.Lock()
        self._socket: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._open: list[socket.socket] = []

    @property
    def url(self) -> str:
        return f"{self.transport}://localhost:{self.port}"

    def start(self) -> None:
        kind = socket.SOCK_DGRAM if self.transport == "udp" else socket.SOCK_STREAM
        sock = socket.socket(socket.AF_INET, kind)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if kind == socket.SOCK_DGRAM:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 * 1024 * 1024)
        sock.bind(("127.0.0.1", self.port))
        self.port = sock.getsockname()[1]
        if kind == socket.SOCK_STREAM:
            sock.listen(16)
        self._socket = sock
        target = self._datagrams if kind == socket.SOCK_DGRAM else self._accept
        self._thread = threading.Thread(target=target, args=(sock,), daemon=True)
        self._thread.start()

    def stop(self) -> None:
        sock, self._socket = self._socket, None
        if sock is None:
            return
        for conn in list(self._open):  # reset live connections, as a crashed receiver does
            _reset(conn)
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _record(self, message: bytes) -> bool:
        with self._lock:
            if self._socket is None:
                return False
            self.messages.append(message)
            if self.stop_after is not None and len(self.messages) >= self.stop_after:
                self.stop_after = None
                threading.Thread(target=self.stop, daemon=True).start()
                return False
            return True

    def _datagrams(self, sock: socket.socket) -> None:
        while True:
            try:
                data = sock.recv(65535)
            except OSError:
                return
            if not data and self._socket is None:
                return
            if data:
                self._record(data)

    def _accept(self, sock: socket.socket) -> None:
        context = None
        if self.tls:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(str(self.tls[0]), str(self.tls[1]))
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(conn, context), daemon=True).start()

    def _serve(self, conn: socket.socket, context: ssl.SSLContext | None) -> None:
        stream = conn
        try:
            if context is not None:
                stream = context.wrap_socket(conn, server_side=True)
            self._open.append(stream)
            buffer = b""
            while True:
                data = stream.recv(65536)
                if not data:
                    break
                buffer += data
                while True:
                    space = buffer.find(b" ")
                    if space < 0:
                        break
                    length = int(buffer[:space])
                    if len(buffer) < space + 1 + length:
                        break
                    message = buffer[space + 1 : space + 1 + length]
                    buffer = buffer[space + 1 + length :]
                    if not self._record(message):
                        _reset(stream)  # crashed: what was read but not recorded is lost
                        return
            stream.close()  # the sender's EOF reached: everything was read
        except (OSError, ValueError):
            return
        finally:
            if stream in self._open:
                self._open.remove(stream)

    def fingerprints(self) -> list[str]:
        return [parse_syslog(m)["ext"]["externalId"] for m in self.messages]


def _reset(conn: socket.socket) -> None:
    """Close with RST (linger 0), as a process that died does, not with an orderly FIN."""
    with contextlib.suppress(OSError):
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()


# ---------------------------------------------------------------- TLS material


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for localhost / 127.0.0.1 and its key, made with `cryptography`."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path
