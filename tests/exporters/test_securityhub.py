"""Security Hub: moto's Security Hub (in process, and the moto server for an outage)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests
from click.testing import CliRunner
from moto import mock_aws
from moto.securityhub.models import securityhub_backends
from moto.server import ThreadedMotoServer

from scanner.cli import main
from scanner.exporters import Destination, Spool, Target, export_report
from scanner.exporters.securityhub import SCOPE_FIELD, SecurityHubExporter

ACCOUNT = "123456789012"  # moto's account
REGION = "eu-west-1"


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SECURITYHUB"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")


def _stored() -> dict[str, dict[str, Any]]:
    return {f.id: f.data for f in securityhub_backends[ACCOUNT][REGION].findings}


def _counting_session(batches: list[int]) -> boto3.Session:
    session = boto3.Session(region_name=REGION)

    def count(params: dict[str, Any], **_: Any) -> None:
        batches.append(len(params["Findings"]))

    session.events.register("provide-client-params.securityhub.BatchImportFindings", count)
    return session


def _destination(scope: str = "default") -> Destination:
    return Destination(Target.SECURITYHUB, region=REGION, scope=scope, retries=0, timeout=5)


def test_every_finding_imported_once_in_batches_of_100(
    aws: None, big_report: dict[str, Any], expected: set[str], spool_root: Path
) -> None:
    batches: list[int] = []
    with mock_aws():
        exporter = SecurityHubExporter(_destination(), session=_counting_session(batches))
        outcome = export_report(
            big_report, _destination(), spool_root=spool_root, exporter=exporter
        )
        assert outcome.ok, outcome.errors
        stored = _stored()
    assert outcome.delivered == 10_000
    assert batches == [100] * 100
    assert set(stored) == {f"mlposture/{fp}" for fp in expected}
    assert {f["ProductFields"][SCOPE_FIELD] for f in stored.values()} == {"default"}
    assert {f["RecordState"] for f in stored.values()} == {"ACTIVE"}
    product = f"arn:aws:securityhub:{REGION}:{ACCOUNT}:product/{ACCOUNT}/default"
    assert {f["ProductArn"] for f in stored.values()} == {product}


def test_findings_no_longer_reported_are_archived_only_in_their_scope(
    aws: None, big_report: dict[str, Any], spool_root: Path
) -> None:
    results = big_report["results"]
    estate_a = {**big_report, "results": results[:1_000]}
    estate_b = {**big_report, "results": results[1_000:1_200]}
    # Of estate A's 1,000 findings 150 are gone and 150 now pass (--include-passed).
    now_passing = [{**r, "status": "passed"} for r in results[850:1_000]]
    fixed_a = {**big_report, "results": [*results[:700], *now_passing]}
    with mock_aws():
        assert export_report(estate_a, _destination("a"), spool_root=spool_root).ok
        assert export_report(estate_b, _destination("b"), spool_root=spool_root).ok
        foreign = dict(next(iter(_stored().values())))
        foreign.update(Id="someone-else/1", GeneratorId="custom/check")
        boto3.client("securityhub", region_name=REGION).batch_import_findings(Findings=[foreign])

        outcome = export_report(fixed_a, _destination("a"), spool_root=spool_root)
        stored = _stored()
    assert outcome.ok and outcome.retired == 300
    archived = {i for i, f in stored.items() if f["RecordState"] == "ARCHIVED"}
    assert archived == {f"mlposture/{r['fingerprint']}" for r in results[700:1_000]}
    for result in [*results[:700], *results[1_000:1_200]]:
        assert stored[f"mlposture/{result['fingerprint']}"]["RecordState"] == "ACTIVE"
    assert stored["someone-else/1"]["RecordState"] == "ACTIVE"


@pytest.fixture
def moto_server(aws: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[ThreadedMotoServer]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    port = server.get_host_and_port()[1]
    url = f"http://127.0.0.1:{port}"
    requests.post(f"{url}/moto-api/reset", timeout=10)
    monkeypatch.setenv("AWS_ENDPOINT_URL", url)
    yield server
    server.stop()


def test_security_hub_unreachable_mid_export_then_replayed(
    moto_server: ThreadedMotoServer,
    big_report: dict[str, Any],
    expected: set[str],
    spool_root: Path,
) -> None:
    port = moto_server.get_host_and_port()[1]
    session = boto3.Session(region_name=REGION)
    calls: list[int] = []

    def stop_after_30(**_: Any) -> None:
        calls.append(1)
        if len(calls) == 30:
            moto_server.stop()  # the endpoint goes away mid-export

    session.events.register("after-call.securityhub.BatchImportFindings", stop_after_30)
    exporter = SecurityHubExporter(_destination(), session=session)
    first = export_report(big_report, _destination(), spool_root=spool_root, exporter=exporter)
    assert not first.ok
    assert first.delivered == 3_000 and first.spooled == 7_000
    assert len(_stored()) == 3_000

    restarted = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    restarted.start()
    try:
        result = CliRunner().invoke(
            main,
            [
                *("export", "--replay", "--to", "securityhub", "--region", REGION),
                *("--retries", "0", "--spool-dir", str(spool_root)),
            ],
        )
        assert result.exit_code == 0, result.output
        stored = _stored()
    finally:
        restarted.stop()
    # Security Hub keys findings by Id (mlposture/<fingerprint>): a re-import updates, so
    # delivery here is exactly once per finding by construction; every one arrived.
    assert len(stored) == 10_000
    assert set(stored) == {f"mlposture/{fp}" for fp in expected}
    assert Spool(spool_root, _destination().spool_key).files() == []
