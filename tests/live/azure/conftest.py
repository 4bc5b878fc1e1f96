"""A fake Azure Resource Manager per test, served over HTTPS with a CA made for the session;
no Azure configuration of the machine leaks in."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.live.azure.ca import Certificates, make_certificates
from tests.live.azure.fake_arm import FakeArm


@pytest.fixture(scope="session")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    return make_certificates(tmp_path_factory.mktemp("azure-ca"))


@pytest.fixture
def fake_arm(certificates: Certificates) -> Iterator[FakeArm]:
    fake = FakeArm(certificates)
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def ca_pem(certificates: Certificates) -> Path:
    return certificates.ca_pem


@pytest.fixture(autouse=True)
def azure_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        upper = name.upper()
        if upper.startswith(("AZURE_", "MSI_", "IDENTITY_")) or upper.endswith("_PROXY"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("MLPOSTURE_ARM_ENDPOINT", raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("AZURE_CONFIG_DIR", str(tmp_path / "azure-config"))
