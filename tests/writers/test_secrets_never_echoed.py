"""A secret found in a scanned file is described, never echoed: in no writer, no exporter.

A fake AWS key and a fake private key sit in a lifecycle script (base64, as SageMaker wants
it) and in a model's environment; every output format of one scan, and what the Splunk HEC
and syslog exporters put on the wire, are searched for them.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from scanner.cli import main
from tests.exporters.receivers import HecReceiver, SyslogReceiver

AWS_KEY = "AKIAIOSFODNN7EXAMPLE"
PRIVATE_KEY_BODY = "MIIEowIBAAKCAQEAsecretsecretsecretsecretsecretsecretsecretsecret0"
PASSWORD = "Pr0duction-Passw0rd-2026"
FORMATS = ("table", "json", "sarif", "junit", "csv", "ocsf", "asff", "html")
TOKEN = "5d0e7f1a-2b3c-4b7d-4e21-9f6a1c2e8c3a"


def _tree(root: Path) -> Path:
    script = (
        "#!/bin/bash\n"
        f"export AWS_ACCESS_KEY_ID={AWS_KEY}\n"
        "cat > /home/ec2-user/.ssh/id_rsa <<'KEY'\n"
        "-----BEGIN RSA PRIVATE KEY-----\n"
        f"{PRIVATE_KEY_BODY}\n"
        "-----END RSA PRIVATE KEY-----\n"
        "KEY\n"
    )
    encoded = base64.b64encode(script.encode()).decode()
    (root / "main.tf").write_text(
        f'''
resource "aws_sagemaker_notebook_instance_lifecycle_configuration" "setup" {{
  name     = "setup"
  on_start = "{encoded}"
}}

resource "aws_sagemaker_model" "ranker" {{
  name               = "ranker"
  execution_role_arn = "arn:aws:iam::123456789012:role/ml-model"
  primary_container {{
    image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/inference:1"
    environment = {{
      AWS_ACCESS_KEY_ID = "{AWS_KEY}"
      DB_PASSWORD       = "{PASSWORD}"
    }}
  }}
}}
''',
        "utf-8",
    )
    return root


def _leaks(text: str) -> list[str]:
    return [s for s in (AWS_KEY, PRIVATE_KEY_BODY, PASSWORD, AWS_KEY[4:]) if s in text]


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = _tree(tmp_path_factory.mktemp("tree"))
    out = tree.parent / "report.json"
    result = CliRunner().invoke(main, ["scan", str(tree), "--format", "json", "-o", str(out)])
    assert result.exit_code == 1, result.output
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_output_format_echoes_a_secret(fmt: str, tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    _tree(tree)
    out = tmp_path / f"report.{fmt}"
    asff = ["--aws-account-id", "123456789012", "--aws-region", "eu-west-1"]
    args = ["scan", str(tree), "--format", fmt, "-o", str(out), "--include-passed"]
    result = CliRunner().invoke(main, args + (asff if fmt == "asff" else []))
    assert result.exit_code == 1, result.output
    text = out.read_text("utf-8") + result.output
    assert "MLP-AWS-SEC-001" in text and "MLP-AWS-SEC-002" in text
    assert _leaks(text) == []


def test_the_finding_says_what_and_where(report_file: Path) -> None:
    report = json.loads(report_file.read_text("utf-8"))
    evidence = {
        r["rule_id"]: r["evidence"][0]["value"]
        for r in report["results"]
        if r["rule_id"].startswith("MLP-AWS-SEC")
    }
    assert evidence["MLP-AWS-SEC-001"] == [
        "AWS Access Key at on_start (base64) line 2: AKIA… (20 chars)",
        "Private Key at on_start (base64) line 4: … (21 chars)",
    ]
    assert evidence["MLP-AWS-SEC-002"] == [
        "AWS Access Key at primary_container.environment.AWS_ACCESS_KEY_ID: AKIA… (20 chars)",
        f"Secret Keyword at primary_container.environment.DB_PASSWORD: … ({len(PASSWORD)} chars)",
    ]


@pytest.fixture
def hec(monkeypatch: pytest.MonkeyPatch) -> Iterator[HecReceiver]:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
    receiver = HecReceiver(TOKEN)
    receiver.start()
    yield receiver
    receiver.stop()


def test_splunk_hec_receives_no_secret(hec: HecReceiver, report_file: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "export",
            str(report_file),
            "--to",
            "splunk-hec",
            "--url",
            hec.url,
            "--spool-dir",
            str(tmp_path / "spool"),
        ],
        env={"MLPOSTURE_HEC_TOKEN": TOKEN},
    )
    assert result.exit_code == 0, result.output
    sent = json.dumps(hec.events)
    assert "MLP-AWS-SEC-002" in sent
    assert _leaks(sent + result.output) == []


def test_syslog_receives_no_secret(report_file: Path, tmp_path: Path) -> None:
    receiver = SyslogReceiver("tcp")
    receiver.start()
    try:
        result = CliRunner().invoke(
            main,
            [
                "export",
                str(report_file),
                "--to",
                "syslog",
                "--url",
                receiver.url,
                "--spool-dir",
                str(tmp_path / "spool"),
            ],
        )
        assert result.exit_code == 0, result.output
    finally:
        receiver.stop()
    sent = b"".join(receiver.messages).decode("utf-8", "replace")
    assert "MLP-AWS-SEC-001" in sent
    assert _leaks(sent + result.output) == []
