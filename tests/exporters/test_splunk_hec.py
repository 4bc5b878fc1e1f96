"""Splunk HEC: a real HTTP receiver on localhost counts what arrives."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scanner.cli import main
from scanner.exporters import Destination, Spool, Target, export_report
from scanner.exporters.splunk_hec import MAX_BATCH_BYTES, HecExporter
from tests.exporters.receivers import HecReceiver

TOKEN = "9f6a1c2e-4b7d-4e21-8c3a-5d0e7f1a2b3c"


@pytest.fixture
def hec(no_proxy: None) -> Iterator[HecReceiver]:
    receiver = HecReceiver(TOKEN)
    receiver.start()
    yield receiver
    receiver.stop()


def _destination(receiver: HecReceiver, **extra: Any) -> Destination:
    return Destination(Target.SPLUNK_HEC, receiver.url, token=TOKEN, retries=0, timeout=5, **extra)


@pytest.mark.parametrize("ack", [False, True], ids=["no-ack", "ack"])
def test_every_finding_arrives_exactly_once(
    hec: HecReceiver, big_report: dict[str, Any], expected: set[str], spool_root: Path, ack: bool
) -> None:
    hec.ack = ack
    outcome = export_report(big_report, _destination(hec), spool_root=spool_root)
    assert outcome.ok, outcome.errors
    assert outcome.delivered == 10_000
    assert len(hec.fingerprints()) == 10_000
    assert set(hec.fingerprints()) == expected
    # Batched: many events per POST, each POST under the bound HEC accepts.
    assert 1 < len(hec.body_sizes) < 100
    assert max(hec.body_sizes) <= MAX_BATCH_BYTES
    if ack:
        assert hec.ack_polls >= 2  # acknowledged at the second poll: the exporter waited
    event = hec.events[0]
    assert event["sourcetype"] == "mlposture:finding"
    assert event["fields"]["fingerprint"] == event["event"]["fingerprint"]
    assert event["event"]["tool"]["name"] == "mlposture"
    assert Spool(spool_root, _destination(hec).spool_key).files() == []


def test_collector_answering_503_mid_export_loses_nothing(
    hec: HecReceiver, big_report: dict[str, Any], expected: set[str], spool_root: Path
) -> None:
    hec.down_after = 3_000
    first = export_report(big_report, _destination(hec), spool_root=spool_root)
    arrived = len(hec.events)
    assert 3_000 <= arrived < 10_000
    assert first.delivered == arrived
    assert first.spooled == 10_000 - arrived
    assert not first.ok and "HTTP 503" in first.errors[0]
    assert len(Spool(spool_root, _destination(hec).spool_key).files()) == 1

    hec.down = False  # the collector is back; the next run replays the spool
    second = export_report(None, _destination(hec), spool_root=spool_root)
    assert second.ok
    assert second.replayed == second.delivered == 10_000 - arrived
    # A 503 batch is not recorded, so here delivery is exactly once, not only at least once.
    assert len(hec.fingerprints()) == 10_000
    assert set(hec.fingerprints()) == expected
    assert Spool(spool_root, _destination(hec).spool_key).files() == []


@pytest.mark.parametrize("ack", [False, True], ids=["no-ack", "ack"])
def test_collector_stopped_mid_export_and_started_again(
    hec: HecReceiver,
    big_report: dict[str, Any],
    expected: set[str],
    spool_root: Path,
    tmp_path: Path,
    ack: bool,
) -> None:
    hec.ack = ack
    hec.stop_after = 4_000
    first = export_report(big_report, _destination(hec), spool_root=spool_root)
    assert not first.ok
    assert first.spooled > 0 and first.delivered + first.spooled == 10_000
    port = hec.port

    hec.start()  # same port
    assert hec.port == port
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--replay",
            "--to",
            "splunk-hec",
            "--url",
            hec.url,
            "--retries",
            "0",
            "--spool-dir",
            str(spool_root),
        ],
        env={"MLPOSTURE_HEC_TOKEN": TOKEN},
    )
    assert result.exit_code == 0, result.output
    received = hec.fingerprints()
    # At-least-once: a batch that arrived just as the collector stopped (or was never
    # acknowledged) is sent again. Deduplicated by fingerprint, the set is exactly the
    # report; the duplicates are at most the batches in flight at the stop.
    assert set(received) == expected
    duplicates = len(received) - len(expected)
    assert 0 <= duplicates <= 20 * _events_per_batch(hec)
    assert Spool(spool_root, _destination(hec).spool_key).files() == []


def _events_per_batch(receiver: HecReceiver) -> int:
    return MAX_BATCH_BYTES // min(len(json.dumps(e)) for e in receiver.events) + 1


def test_bad_token_is_reported_not_retried_and_never_printed(
    hec: HecReceiver, big_report: dict[str, Any], spool_root: Path, tmp_path: Path
) -> None:
    wrong = "0000dead-beef-4000-8000-secretsecret"
    small = {**big_report, "results": big_report["results"][:50]}
    saved = tmp_path / "results.json"
    saved.write_text(json.dumps(small), encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "export",
            str(saved),
            "--to",
            "splunk-hec",
            "--url",
            hec.url,
            "--spool-dir",
            str(spool_root),
        ],
        env={"MLPOSTURE_HEC_TOKEN": wrong},
    )
    assert result.exit_code == 1
    assert "HTTP 403" in result.output and "Invalid token" in result.output
    assert "50 kept in the spool" in result.output
    assert wrong not in result.output
    assert hec.requests == 1  # a rejected token is not retried
    destination = Destination(Target.SPLUNK_HEC, hec.url, token=wrong)
    assert wrong not in repr(destination) and wrong not in str(destination)
    assert wrong not in repr(HecExporter(destination))
    for path in spool_root.rglob("*"):
        if path.is_file():
            assert wrong not in path.read_text(encoding="utf-8")


def test_tls_is_verified_by_default(
    certificate: tuple[Path, Path],
    big_report: dict[str, Any],
    expected: set[str],
    spool_root: Path,
    no_proxy: None,
) -> None:
    receiver = HecReceiver(TOKEN, tls=certificate)
    receiver.start()
    try:
        small = {**big_report, "results": big_report["results"][:200]}
        refused = export_report(small, _destination(receiver), spool_root=spool_root)
        assert "TLS error" in refused.errors[0] and refused.spooled == 200
        assert receiver.events == []
        trusted = _destination(receiver, ca_file=str(certificate[0]))
        outcome = export_report(small, trusted, spool_root=spool_root)
        # The same findings again: the report's copies supersede the spooled ones, once each.
        assert outcome.ok and outcome.delivered == 200 and outcome.replayed == 0
        assert len(receiver.events) == 200
    finally:
        receiver.stop()


def test_scan_with_export_ships_what_it_found(
    hec: HecReceiver, tmp_path: Path, spool_root: Path
) -> None:
    estate = tmp_path / "estate"
    estate.mkdir()
    (estate / "main.tf").write_text(
        'resource "aws_sagemaker_notebook_instance" "weak" {\n'
        '  name          = "weak"\n'
        '  role_arn      = "arn:aws:iam::111122223333:role/r"\n'
        '  instance_type = "ml.t3.medium"\n'
        "}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main,
        [
            "scan",
            str(estate),
            "--format",
            "json",
            "--export",
            f"splunk-hec={hec.url}",
            "--spool-dir",
            str(spool_root),
        ],
        env={"MLPOSTURE_HEC_TOKEN": TOKEN},
    )
    assert result.exit_code == 1  # the notebook's findings, not the export
    report = json.loads(result.stdout)
    failed = {r["fingerprint"] for r in report["results"] if r["status"] == "failed"}
    assert failed and set(hec.fingerprints()) == failed
    assert TOKEN not in result.output


def test_spool_inside_the_scanned_folder_is_refused(hec: HecReceiver, tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text("", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "scan",
            str(tmp_path),
            "--export",
            f"splunk-hec={hec.url}",
            "--spool-dir",
            str(tmp_path / ".spool"),
        ],
        env={"MLPOSTURE_HEC_TOKEN": TOKEN},
    )
    assert "inside the scanned path" in result.output
    assert not (tmp_path / ".spool").exists()


def test_missing_token_keeps_the_findings_and_says_where_to_put_one(
    hec: HecReceiver, big_report: dict[str, Any], spool_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MLPOSTURE_HEC_TOKEN", raising=False)
    small = {**big_report, "results": big_report["results"][:20]}
    outcome = export_report(small, Destination(Target.SPLUNK_HEC, hec.url), spool_root=spool_root)
    assert outcome.spooled == 20 and "MLPOSTURE_HEC_TOKEN" in outcome.errors[0]
    assert hec.requests == 0
