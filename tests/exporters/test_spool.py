"""The spool: where it lives, how it is written, and that it goes first on the next run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scanner.cli import main
from scanner.exporters import Destination, Spool, Target, default_spool_dir, export_report
from scanner.exporters.spool import SpooledFinding
from tests.exporters.receivers import HecReceiver

TOKEN = "5b0c7d2e-1111-4a2b-9c3d-000000000001"
TOOL = {"name": "mlposture", "version": "0.1.0"}


def test_default_spool_dir_is_the_user_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert default_spool_dir() == tmp_path / "cache" / "mlposture" / "spool"


def test_spool_files_are_whole_and_named_by_destination_not_token(
    tmp_path: Path, big_report: dict[str, Any]
) -> None:
    secret = Destination(Target.SPLUNK_HEC, "https://splunk.example:8088", token="s3cr3t-token")
    spool = Spool(tmp_path, secret.spool_key)
    entries = [SpooledFinding(r, TOOL) for r in big_report["results"][:3]]
    written = spool.write(entries)
    assert written is not None and written.parent == spool.folder
    assert [p.name for p in spool.folder.iterdir() if p.name.startswith(".tmp-")] == []
    for path in spool.folder.iterdir():
        assert "s3cr3t-token" not in path.read_text(encoding="utf-8")
    loaded, files = spool.load()
    assert [e.result for e in loaded] == big_report["results"][:3]
    assert files == [written]


def test_unreadable_spool_line_is_skipped_not_fatal(
    tmp_path: Path, big_report: dict[str, Any]
) -> None:
    spool = Spool(tmp_path, "syslog|tcp://x:514")
    path = spool.write([SpooledFinding(big_report["results"][0], TOOL)])
    assert path is not None
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"result": trunc\n')
    loaded, _ = spool.load()
    assert len(loaded) == 1


def test_spooled_findings_go_first_on_the_next_run(
    no_proxy: None, tmp_path: Path, big_report: dict[str, Any]
) -> None:
    receiver = HecReceiver(TOKEN)
    receiver.start()
    try:
        destination = Destination(Target.SPLUNK_HEC, receiver.url, token=TOKEN, retries=0)
        old = {**big_report, "results": big_report["results"][:3]}
        new = {**big_report, "results": big_report["results"][3:6]}
        receiver.down = True
        assert export_report(old, destination, spool_root=tmp_path).spooled == 3
        receiver.down = False
        outcome = export_report(new, destination, spool_root=tmp_path)
        assert outcome.ok and outcome.replayed == 3 and outcome.delivered == 6
        order = [r["fingerprint"] for r in big_report["results"][:6]]
        assert receiver.fingerprints() == order
    finally:
        receiver.stop()


def test_export_of_a_file_that_is_not_json_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "results.json"
    bad.write_text('{\n  "results": [\n  oops\n]}', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["export", str(bad), "--to", "syslog", "--url", "udp://127.0.0.1:9"]
    )
    assert result.exit_code == 2
    # rich-click draws usage errors in a box, folding a long path over its lines.
    # A fold can fall on a space, so spaces are not compared.
    unfolded = "".join(line.strip(" │╭╮╰╯─") for line in result.output.splitlines())
    assert f"{bad}:3:notJSON" in unfolded.replace(" ", "")


def test_export_needs_a_report_or_replay() -> None:
    result = CliRunner().invoke(main, ["export", "--to", "syslog", "--url", "udp://127.0.0.1:9"])
    assert result.exit_code == 2 and "--replay" in result.output


def test_export_warns_loudly_when_tls_is_not_verified(tmp_path: Path) -> None:
    saved = tmp_path / "results.json"
    saved.write_text(json.dumps({"results": []}), encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            *("export", str(saved), "--to", "syslog", "--url", "tls://127.0.0.1:9"),
            *("--insecure", "--spool-dir", str(tmp_path / "spool")),
        ],
    )
    assert "WARNING: TLS certificate verification is OFF" in result.output
