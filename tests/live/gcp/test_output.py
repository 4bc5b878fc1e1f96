"""A Google audit goes through every report format unchanged, and the setup and retry edges
a user meets: an impersonation that is refused, a server asking to wait an hour."""

from __future__ import annotations

import io
import json

import pytest
from urllib3.response import HTTPResponse

from scanner.pipeline import ScanOptions, audit
from scanner.report import Report
from scanner.sources.live.gcp.client import MAX_RETRY_AFTER, authorized_session
from scanner.sources.live.gcp.options import GcpAuditOptions
from scanner.sources.live.gcp.source import gcp_source
from scanner.writers import FORMATS, WriteOptions, write_report
from tests.live.gcp.estate import options
from tests.live.gcp.fake_google import FakeGoogle
from tests.live.gcp.twin import DENIED, ORGANIZATION, seed_organization


@pytest.fixture
def organization_report(fake: FakeGoogle) -> Report:
    seed_organization(fake)
    return audit(
        gcp_source(options(fake, projects=(), organization=ORGANIZATION)),
        ScanOptions(include_passed=True),
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_writes_a_google_audit(organization_report: Report, fmt: str) -> None:
    out = io.StringIO()
    settings = WriteOptions(aws_account_id="123456789012", aws_region="eu-west-1")
    write_report(organization_report, fmt, out, settings)
    text = out.getvalue()
    assert "wb-weak" in text
    if fmt == "json":
        document = json.loads(text)
        assert document["scope"]["projects"][0] == DENIED
        assert document["errors"] and document["notes"]


def test_a_refused_impersonation_stops_the_audit(fake: FakeGoogle) -> None:
    fake.inject(":generateAccessToken", [403])
    report = audit(
        gcp_source(options(fake, impersonate_service_account="auditor@p.iam.gserviceaccount.com")),
        ScanOptions(),
    )
    assert not report.readable
    assert "Google credentials do not work" in report.errors[0].message
    assert fake.calls("aiplatform.") == []


def test_a_server_asking_to_wait_an_hour_is_waited_for_a_minute() -> None:
    from google.oauth2.credentials import Credentials

    credentials = Credentials(token="x")  # type: ignore[no-untyped-call]
    session = authorized_session(credentials, GcpAuditOptions())
    retry = session.get_adapter("https://aiplatform.googleapis.com").max_retries
    answer = HTTPResponse(status=429, headers={"Retry-After": "3600"})
    assert retry.get_retry_after(answer) == MAX_RETRY_AFTER
    assert 403 not in retry.status_forcelist
    assert retry.is_retry("GET", 503) and retry.is_retry("GET", 429)
    assert not retry.is_retry("GET", 403)
