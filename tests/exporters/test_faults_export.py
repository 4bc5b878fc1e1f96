"""Receivers that misbehave, made here on loopback, and `mlposture export` run as a user runs
it: trickled answers, a huge error body, a redirect to another host, answers that are not
HEC's, and credentials written in the URL."""

from __future__ import annotations

import contextlib
import json
import resource
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from scanner.exporters import Destination, Target, export_report
from scanner.exporters.splunk_hec import HecExporter
from tests.exporters.receivers import HecReceiver

SCRIPT = Path(sys.executable).parent / "mlposture"
TOKEN = "5e1c0a7d-2b9f-4c3e-8a6d-1f2e3d4c5b6a"
NOTEBOOKS = """
resource "aws_sagemaker_notebook_instance" "open" {
  count                  = 3
  name                   = "open-${count.index}"
  direct_internet_access = "Enabled"
}
"""

Handler = Callable[[socket.socket, bytes], None]


class RawServer:
    """A TCP server on loopback: reads one HTTP request per connection, then lets the test's
    handler answer however it likes."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: list[bytes] = []
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        with conn:
            request = _read_request(conn)
            self.requests.append(request)
            # OSError: the client hung up, which is what a bounded client does.
            with contextlib.suppress(OSError):
                self.handler(conn, request)

    def close(self) -> None:
        self.sock.close()


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        (
            int(line.split(b":")[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        ),
        0,
    )
    while len(body) < length:
        body += conn.recv(65536)
    return head + b"\r\n\r\n" + body


def _answer(conn: socket.socket, status: str, body: bytes, *headers: str) -> None:
    lines = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}", "Connection: close", *headers]
    conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)


@pytest.fixture
def server(no_proxy: None) -> Iterator[Callable[[Handler], RawServer]]:
    made: list[RawServer] = []

    def make(handler: Handler) -> RawServer:
        made.append(RawServer(handler))
        return made[-1]

    yield make
    for each in made:
        each.close()


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real scan's JSON report with a few findings."""
    folder = tmp_path_factory.mktemp("estate")
    (folder / "main.tf").write_text(NOTEBOOKS, encoding="utf-8")
    out = folder / "results.json"
    done = subprocess.run(
        [str(SCRIPT), "scan", str(folder / "main.tf"), "--format", "json", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    return out


def _findings(results: Path) -> int:
    report = json.loads(results.read_text(encoding="utf-8"))
    return sum(1 for r in report["results"] if r["status"] == "failed")


def _export(
    results: Path, url: str, spool: Path, *more: str, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(SCRIPT),
            "export",
            str(results),
            "--to",
            "splunk-hec",
            "--url",
            url,
            "--token",
            TOKEN,
            "--spool-dir",
            str(spool),
            "--retries",
            "0",
            *more,
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _spooled(spool: Path) -> int:
    return sum(
        1 for file in spool.rglob("*.jsonl") for line in file.read_text().splitlines() if line
    )


def test_a_trickling_receiver_cannot_hold_the_export(
    server: Callable[[Handler], RawServer], results: Path, tmp_path: Path
) -> None:
    def trickle(conn: socket.socket, _: bytes) -> None:
        for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" * 100:
            conn.sendall(bytes([byte]))
            time.sleep(0.5)  # well inside the 2 s a read may take: only a deadline helps

    receiver = server(trickle)
    started = time.monotonic()
    done = _export(results, receiver.url, tmp_path / "spool", "--timeout", "2")
    assert time.monotonic() - started < 30
    assert done.returncode == 1
    assert "no complete answer within 2 s" in done.stderr
    assert _spooled(tmp_path / "spool") == _findings(results)


def test_a_huge_error_body_is_not_read(
    server: Callable[[Handler], RawServer], results: Path, tmp_path: Path
) -> None:
    def flood(conn: socket.socket, _: bytes) -> None:
        conn.sendall(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 2147483648\r\n\r\n")
        block = b"E" * (1024 * 1024)
        for _ in range(2048):
            conn.sendall(block)

    receiver = server(flood)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = _export(results, receiver.url, tmp_path / "spool", "--timeout", "20")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    assert done.returncode == 1
    assert "HTTP 500: EEEE" in done.stderr
    # The export's own process: a few hundred MB at most, not the 2 GB the body announced.
    assert peak_mb < 400 or before / 1024 >= 400, f"peak {peak_mb:.0f} MB"
    assert _spooled(tmp_path / "spool") == _findings(results)


def test_a_redirect_to_another_host_is_not_followed(
    server: Callable[[Handler], RawServer], results: Path, tmp_path: Path, no_proxy: None
) -> None:
    elsewhere = HecReceiver(TOKEN)
    elsewhere.start()
    try:

        def redirect(conn: socket.socket, _: bytes) -> None:
            where = f"{elsewhere.url}/services/collector/event"
            _answer(conn, "307 Temporary Redirect", b"", f"Location: {where}")

        receiver = server(redirect)
        done = _export(results, receiver.url, tmp_path / "spool")
    finally:
        elsewhere.stop()
    assert elsewhere.requests == 0  # not even sent: the token would have gone along
    assert done.returncode == 1
    assert "0 delivered" in done.stderr and "HTTP 307" in done.stderr
    assert _spooled(tmp_path / "spool") == _findings(results)


@pytest.mark.parametrize(
    "body",
    [b"<html><body>Please sign in</body></html>", b'{"text": "Invalid data format", "code": 6}'],
    ids=["html", "hec-error-code"],
)
def test_a_2xx_that_is_not_a_hec_answer_delivers_nothing(
    server: Callable[[Handler], RawServer], results: Path, tmp_path: Path, body: bytes
) -> None:
    receiver = server(lambda conn, _: _answer(conn, "200 OK", body))
    done = _export(results, receiver.url, tmp_path / "spool")
    assert done.returncode == 1
    assert "0 delivered" in done.stderr
    assert "not HEC's" in done.stderr
    assert _spooled(tmp_path / "spool") == _findings(results)


def test_with_acknowledgement_on_an_unacknowledged_batch_is_not_delivered(
    server: Callable[[Handler], RawServer], results: Path, tmp_path: Path
) -> None:
    """The first batch gets an ackId, the second a bare success; acks never come true."""
    answers = iter([b'{"text":"Success","code":0,"ackId":0}'])

    def collector(conn: socket.socket, request: bytes) -> None:
        if b"/services/collector/ack" in request.split(b"\r\n", 1)[0]:
            _answer(conn, "200 OK", b'{"acks":{"0":false}}')
        else:
            _answer(conn, "200 OK", next(answers, b'{"text":"Success","code":0}'))

    receiver = server(collector)
    report = json.loads(results.read_text(encoding="utf-8"))
    destination = Destination(Target.SPLUNK_HEC, receiver.url, token=TOKEN, retries=0)
    # A batch may hold 1 KB: each finding (a few KB) goes in a batch of its own.
    exporter = HecExporter(destination, max_batch_bytes=1024, ack_timeout=3)
    outcome = export_report(report, destination, spool_root=tmp_path / "spool", exporter=exporter)
    assert outcome.delivered == 0
    assert outcome.spooled == _findings(results)
    assert "without an ackId" in outcome.errors[0]


def test_credentials_in_the_url_are_never_printed_nor_spooled(
    server: Callable[[Handler], RawServer], results: Path, tmp_path: Path
) -> None:
    receiver = server(lambda conn, _: _answer(conn, "503 Service Unavailable", b"busy"))
    url = f"http://admin:S3cretPassw0rd@127.0.0.1:{receiver.port}/?password=hunter2hunter"
    done = _export(results, url, tmp_path / "spool")
    assert done.returncode == 1
    said = done.stdout + done.stderr
    assert "HTTP 503" in said and "127.0.0.1" in said
    spooled = "".join(p.read_text() for p in (tmp_path / "spool").rglob("*") if p.is_file())
    assert "127.0.0.1" in spooled  # destination.txt still names the receiver
    for secret in ("S3cretPassw0rd", "hunter2hunter", TOKEN):
        assert secret not in said
        assert secret not in spooled


def test_a_syslog_receiver_that_never_closes_cannot_hold_the_export(
    server: Callable[[Handler], RawServer], results: Path, tmp_path: Path
) -> None:
    def chatter(conn: socket.socket, _: bytes) -> None:
        for _ in range(200):  # reads everything, then talks back and never closes
            conn.sendall(b".")
            time.sleep(0.5)

    receiver = server(chatter)
    started = time.monotonic()
    done = subprocess.run(
        [
            *(str(SCRIPT), "export", str(results), "--to", "syslog"),
            *("--url", f"tcp://127.0.0.1:{receiver.port}", "--timeout", "2", "--retries", "0"),
            *("--spool-dir", str(tmp_path / "spool")),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert time.monotonic() - started < 30
    assert done.returncode == 1
    assert _spooled(tmp_path / "spool") == _findings(results)
