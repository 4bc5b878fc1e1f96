"""Dummy credentials and no stray AWS configuration for every live test; Bedrock served by
the local fake (tests/live/aws/fake_bedrock.py), which moto lacks guardrails for."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.live.aws.fake_bedrock import FakeBedrock


@pytest.fixture(scope="session")
def fake_bedrock() -> Iterator[FakeBedrock]:
    fake = FakeBedrock().start()
    yield fake
    fake.stop()


@pytest.fixture(autouse=True)
def aws_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fake_bedrock: FakeBedrock
) -> Iterator[None]:
    for name in (
        "AWS_PROFILE",
        "AWS_ENDPOINT_URL",
        "AWS_SESSION_TOKEN",
        "AWS_SECURITY_TOKEN",
        "AWS_ROLE_ARN",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    # The standard per-service endpoints: seeding clients and the auditor (in process or a
    # CLI child) reach the fake for Bedrock, moto for everything else.
    fake_bedrock.reset()
    monkeypatch.setenv("AWS_ENDPOINT_URL_BEDROCK", fake_bedrock.url)
    monkeypatch.setenv("AWS_ENDPOINT_URL_BEDROCK_AGENT", fake_bedrock.url)
    yield
