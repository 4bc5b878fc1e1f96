"""Results in the JSON contract and runs of them, for the store tests and the benchmark."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from scanner.history.observe import Observer, RunFacts
from scanner.history.record import RunRecord, record_run

ACCOUNT = "123456789012"
START = datetime(2026, 1, 1, 6, 0, tzinfo=UTC)
SEVERITIES = ("critical", "high", "medium", "low", "info")


def result(
    number: int,
    status: str = "failed",
    *,
    evidence: object = "Enabled",
    account: str = ACCOUNT,
    region: str = "eu-west-1",
    rule: int | None = None,
    **more: Any,
) -> dict[str, Any]:
    """A live result on notebook `nb-<number // 3>`: three rules judge each notebook."""
    rule_number = number % 3 + 1 if rule is None else rule
    name = f"nb-{number // 3}"
    return {
        "rule_id": f"MLP-AWS-SM-{rule_number:03d}",
        "title": f"Notebook rule {rule_number}",
        "severity": SEVERITIES[rule_number % len(SEVERITIES)],
        "category": "network",
        "status": status,
        "resource": {
            "id": f"arn:aws:sagemaker:{region}:{account}:notebook-instance/{name}",
            "kind": "aws.sagemaker.notebook_instance",
            "type": "sagemaker:DescribeNotebookInstance",
            "provider": "aws",
            "name": name,
            "source": "live",
            "file": None,
            "line": None,
            "account": account,
            "region": region,
        },
        "fingerprint": f"fp-{account}-{region}-{number:08d}",
        "frameworks": {"aws-fsbp": ["SageMaker.2"]},
        "remediation": "Set DirectInternetAccess to Disabled.",
        "evidence": [{"field": "direct_internet_access", "value": evidence, "defaulted": False}],
        **more,
    }


def facts(
    day: int,
    scope: Mapping[str, list[str]] | None = None,
    errors: Iterable[Mapping[str, Any]] = (),
    score: float = 50.0,
) -> RunFacts:
    return RunFacts(
        scope=dict(scope or {"accounts": [ACCOUNT], "regions": ["eu-west-1"]}),
        generated_at=START + timedelta(days=day),
        command="audit",
        tool_version="0.1.0",
        rules_version="test",
        summary={"score": score, "failed_by_severity": {"high": 1}},
        errors=[dict(e) for e in errors],
    )


def record(
    engine: Engine,
    day: int,
    results: Iterable[Mapping[str, Any]],
    **kwargs: Any,
) -> RunRecord:
    return record_run(engine, facts(day, **kwargs), Observer().observe(results))
