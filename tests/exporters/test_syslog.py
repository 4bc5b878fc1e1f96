"""Syslog / CEF: real UDP, TCP and TLS listeners on localhost count what arrives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scanner.exporters import Destination, Spool, Target, export_report
from scanner.exporters.cef import cef_line, escape_extension, escape_header, parse_extension
from scanner.exporters.syslog import BATCH_MESSAGES
from tests.exporters.receivers import SyslogReceiver, parse_syslog

TOOL = {"name": "mlposture", "version": "0.1.0"}


@pytest.fixture(params=["tcp", "tls"])
def stream(
    request: pytest.FixtureRequest, certificate: tuple[Path, Path]
) -> Iterator[SyslogReceiver]:
    receiver = SyslogReceiver(request.param, tls=certificate if request.param == "tls" else None)
    receiver.start()
    yield receiver
    receiver.stop()


def _destination(receiver: SyslogReceiver, certificate: tuple[Path, Path]) -> Destination:
    return Destination(
        Target.SYSLOG, receiver.url, ca_file=str(certificate[0]), retries=0, timeout=5
    )


def test_every_finding_arrives_exactly_once(
    stream: SyslogReceiver,
    certificate: tuple[Path, Path],
    big_report: dict[str, Any],
    expected: set[str],
    spool_root: Path,
) -> None:
    outcome = export_report(big_report, _destination(stream, certificate), spool_root=spool_root)
    assert outcome.ok, outcome.errors
    received = stream.fingerprints()
    assert len(received) == 10_000
    assert set(received) == expected
    # One connection per batch (at most 500 messages, 256 KiB), each confirmed by its close.
    assert 10_000 // BATCH_MESSAGES <= stream.connections <= 10_000 // 100

    first = parse_syslog(stream.messages[0])
    result = big_report["results"][0]
    assert first["app"] == "mlposture" and first["msgid"] == "finding"
    assert int(first["pri"]) == 16 * 8 + {"high": 3, "medium": 4}[result["severity"]]
    vendor, product, _, signature, name, severity = first["cef"][1:7]
    assert (vendor, product, signature, name) == (
        "mlposture",
        "mlposture",
        result["rule_id"],
        result["title"],
    )
    assert severity == {"high": "8", "medium": "5"}[result["severity"]]
    assert first["ext"]["cs1"] == result["resource"]["id"]
    assert first["ext"]["msg"] == result["remediation"]


def test_receiver_stopped_mid_export_and_started_again(
    stream: SyslogReceiver,
    certificate: tuple[Path, Path],
    big_report: dict[str, Any],
    expected: set[str],
    spool_root: Path,
) -> None:
    stream.stop_after = 3_750  # mid-batch: the listener resets its connection and goes away
    destination = _destination(stream, certificate)
    first = export_report(big_report, destination, spool_root=spool_root)
    assert not first.ok and first.spooled > 0
    assert first.delivered + first.spooled == 10_000

    stream.start()  # same port
    second = export_report(None, destination, spool_root=spool_root)
    assert second.ok, second.errors
    assert second.replayed == first.spooled
    received = stream.fingerprints()
    # At-least-once: the batch cut by the reset is sent again whole. Deduplicated by
    # fingerprint the set is exactly the report; duplicates are at most that one batch.
    assert set(received) == expected
    assert 0 <= len(received) - 10_000 < BATCH_MESSAGES
    assert Spool(spool_root, destination.spool_key).files() == []


def test_udp_datagrams(
    certificate: tuple[Path, Path], big_report: dict[str, Any], spool_root: Path
) -> None:
    receiver = SyslogReceiver("udp")
    receiver.start()
    try:
        # UDP confirms nothing; 2,000 datagrams fit the listener's socket buffer on loopback.
        small = {**big_report, "results": big_report["results"][:2_000]}
        outcome = export_report(small, _destination(receiver, certificate), spool_root=spool_root)
        assert outcome.ok and outcome.delivered == 2_000
        deadline = 50
        while len(receiver.messages) < 2_000 and deadline:
            import time

            time.sleep(0.1)
            deadline -= 1
        assert sorted(receiver.fingerprints()) == sorted(r["fingerprint"] for r in small["results"])
        assert all(len(m) < 2048 for m in receiver.messages)  # one message per datagram
    finally:
        receiver.stop()


def test_udp_port_closed_spools_the_rest(
    certificate: tuple[Path, Path], big_report: dict[str, Any], spool_root: Path
) -> None:
    receiver = SyslogReceiver("udp")
    receiver.start()
    receiver.stop()  # nothing listens: the kernel answers ICMP port unreachable
    small = {**big_report, "results": big_report["results"][:100]}
    outcome = export_report(small, _destination(receiver, certificate), spool_root=spool_root)
    assert not outcome.ok
    assert outcome.spooled >= 99 and outcome.delivered + outcome.spooled == 100


def test_tls_certificate_is_verified_by_default(
    certificate: tuple[Path, Path], big_report: dict[str, Any], spool_root: Path
) -> None:
    receiver = SyslogReceiver("tls", tls=certificate)
    receiver.start()
    try:
        small = {**big_report, "results": big_report["results"][:10]}
        untrusted = Destination(Target.SYSLOG, receiver.url, retries=0, timeout=5)
        outcome = export_report(small, untrusted, spool_root=spool_root)
        assert "certificate rejected" in outcome.errors[0]
        assert outcome.spooled == 10 and receiver.messages == []
    finally:
        receiver.stop()


# ---------------------------------------------------------------- CEF escaping


def test_cef_header_escapes_pipe_and_backslash() -> None:
    assert escape_header("a|b\\c") == "a\\|b\\\\c"
    assert escape_header("two\nlines") == "two lines"
    assert escape_header("k=v") == "k=v"  # "=" is literal in the header


def test_cef_extension_escapes_equals_backslash_and_newlines() -> None:
    assert escape_extension("a=b") == "a\\=b"
    assert escape_extension("c:\\dir") == "c:\\\\dir"
    assert escape_extension("one\ntwo\r\nthree\rfour") == "one\\ntwo\\nthree\\rfour"
    assert escape_extension("a|b") == "a|b"  # "|" is literal in the extension


def test_cef_line_with_hostile_values_parses_back() -> None:
    result = {
        "rule_id": "MLP|X\\1",
        "title": "pipes | and \\ slashes",
        "severity": "critical",
        "category": "iam",
        "status": "failed",
        "fingerprint": "f" * 32,
        "remediation": "set a=b\nthen c\\d = e",
        "resource": {"id": 'module.m["k=v"].aws_x.y', "file": "dir with space/main.tf", "line": 7},
    }
    line = cef_line(result, TOOL)
    message = b"<130>1 2026-01-01T00:00:00.000000Z h mlposture 1 finding - " + line.encode()
    parsed = parse_syslog(message)
    assert parsed["cef"][4:7] == ["MLP|X\\1", "pipes | and \\ slashes", "10"]
    assert parsed["ext"]["msg"] == result["remediation"]
    assert parsed["ext"]["cs1"] == result["resource"]["id"]
    assert parsed["ext"]["fname"] == "dir with space/main.tf"
    assert "\n" not in line


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_extension_value_round_trips(value: str) -> None:
    line = f"cs1={escape_extension(value)} externalId=x"
    assert parse_extension(line)["cs1"] == value.replace("\r\n", "\n")
