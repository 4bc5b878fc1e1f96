"""The 10,000-finding report every exporter test ships: a real scan, not made-up results."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scanner.pipeline import ScanOptions, scan
from tests.exporters.receivers import self_signed

FINDINGS = 10_000
# Each bare notebook fails several rules; 2,400 of them give comfortably over 10,000 findings.
NOTEBOOKS = 2_400
ESTATE = """
resource "aws_sagemaker_notebook_instance" "weak" {
  count         = %d
  name          = "weak-${count.index}"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"
}
"""


@pytest.fixture(scope="session")
def big_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A JSON-contract report holding exactly 10,000 failed findings from a real scan."""
    folder = tmp_path_factory.mktemp("estate")
    (folder / "main.tf").write_text(ESTATE % NOTEBOOKS, encoding="utf-8")
    report = scan([str(folder)], ScanOptions()).as_dict()
    failed = [r for r in report["results"] if r["status"] == "failed"]
    assert len(failed) >= FINDINGS, f"the estate scan gave only {len(failed)} findings"
    report["results"] = failed[:FINDINGS]
    assert len({r["fingerprint"] for r in report["results"]}) == FINDINGS
    return report


@pytest.fixture(scope="session")
def expected(big_report: dict[str, Any]) -> set[str]:
    return {r["fingerprint"] for r in big_report["results"]}


@pytest.fixture
def spool_root(tmp_path: Path) -> Path:
    return tmp_path / "spool"


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return self_signed(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Requests to localhost must not go through a proxy configured on the machine."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
    yield
