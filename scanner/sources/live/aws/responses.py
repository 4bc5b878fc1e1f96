"""Plain JSON-like values out of boto3 responses, and small path helpers over them."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any
from urllib.parse import unquote

from scanner.model.storage import storage_name


def plain(value: Any) -> Any:
    """A boto3 response as plain JSON values: timestamps as ISO text, no ResponseMetadata."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return None  # binary blobs are never judged
    return value


def values_at(document: Any, dotted: str) -> list[Any]:
    """Every value at a dotted path, projecting over lists (as the mappings do)."""
    current = [document]
    for key in dotted.split("."):
        found: list[Any] = []
        for item in current:
            if isinstance(item, dict) and key in item:
                value = item[key]
                found.extend(value if isinstance(value, list) else [value])
        current = found
    return [v for v in current if v not in (None, "")]


def policy_document(value: Any) -> Any:
    """IAM answers policy documents URL-encoded; boto3 usually decodes them already."""
    if isinstance(value, str):
        try:
            return json.loads(unquote(value))
        except ValueError:
            return value
    return value


def arn_parts(arn: str) -> tuple[str, str, str, str] | None:
    """(service, region, account, resource) of an ARN, None for anything else."""
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn":
        return None
    return parts[2], parts[3], parts[4], parts[5]


def bucket_of(uri: str) -> str | None:
    """The S3 bucket of an `s3://` URI (the only kind an AWS resource writes to)."""
    return storage_name(uri) if uri.startswith("s3://") else None
