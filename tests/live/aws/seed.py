"""Seed an AWS account (moto, in process or server) from a live fixture file.

A live fixture (`rules/**/pass.live.json`, `fail.live.json`) is data: the regions the audit
reads and the boto3 calls that build the account. A call may `save_as` its response, and a
later parameter written `${name.Path.To.Value}` takes that value (a key id moto makes up).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import boto3

from scanner.errors import InputError
from scanner.report import Report

ACCOUNT = "123456789012"  # moto's default account
# SageMaker and Bedrock calls moto 5.2 does not implement: reading roles, keys or buckets needs
# the resources that refer to them, feature groups and user profiles among them, so these gaps
# are expected here (Bedrock's guardrails are served by tests/live/aws/fake_bedrock.py where a
# test reaches it; a CLI run against the moto server alone gets this gap). In process moto
# raises NotImplementedError (the Python name shows); the moto server answers HTTP 500 (the
# operation name shows).
MOTO_UNIMPLEMENTED = (
    "list_feature_groups",
    "list_monitoring_schedules",
    "list_user_profiles",
    "get_model_package_group_policy",
    "ListFeatureGroups",
    "ListMonitoringSchedules",
    "ListUserProfiles",
    "GetModelPackageGroupPolicy",
    "list_guardrails",
    "ListGuardrails",
)
_SAVED = re.compile(r"^\$\{([A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_]+)*)\}$")


def load_fixture(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return document


def _resolve(value: Any, saved: dict[str, Any]) -> Any:
    if isinstance(value, dict):
        return {k: _resolve(v, saved) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, saved) for v in value]
    if isinstance(value, str) and (match := _SAVED.match(value)):
        current = saved[match.group(1)]
        for key in filter(None, match.group(2).split(".")):
            current = current[key]
        return current
    return value


def seed(fixture: dict[str, Any], endpoint_url: str | None = None) -> None:
    """Make every call of the fixture, in order, in its first region (or the call's own)."""
    saved: dict[str, Any] = {}
    default_region = fixture["regions"][0]
    for call in fixture["calls"]:
        client = boto3.client(
            call["service"],
            region_name=call.get("region", default_region),
            endpoint_url=endpoint_url,
        )
        response = getattr(client, call["operation"])(**_resolve(call.get("params", {}), saved))
        if "save_as" in call:
            saved[call["save_as"]] = response


def unexpected_gaps(report: Report) -> list[InputError]:
    """Coverage gaps other than moto's unimplemented calls."""
    return [
        e
        for e in report.errors
        if not (
            e.service in ("sagemaker", "bedrock")
            and any(call in e.message for call in MOTO_UNIMPLEMENTED)
        )
    ]
