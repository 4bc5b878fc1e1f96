"""AWS managed policies known by ARN, with their documents (shipped in data/).

The documents are the default versions AWS publishes (the version and its date are kept with
each); an attachment of one of them is judged by what its document grants. An AWS managed
policy that is not listed here is unknown: rules that depend on it stay undecided.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

AWS_MANAGED_PREFIX = "arn:aws:iam::aws:policy/"


@dataclass(frozen=True, slots=True)
class ManagedPolicy:
    arn: str
    name: str
    version: str
    updated: str
    document: dict[str, object]


def load_managed_policies() -> dict[str, ManagedPolicy]:
    """Known AWS managed policies by ARN (read once per run, not at import)."""
    text = (resources.files("scanner.iam") / "data" / "aws_managed_policies.json").read_text(
        "utf-8"
    )
    return {
        arn: ManagedPolicy(
            arn, entry["name"], entry["version"], entry["updated"], entry["document"]
        )
        for arn, entry in json.loads(text).items()
    }


def is_aws_managed(arn: str) -> bool:
    """`arn:aws:iam::aws:policy/...` (also under a path, and in other partitions)."""
    parts = arn.split(":")
    return (
        len(parts) >= 6
        and parts[2] == "iam"
        and parts[4] == "aws"
        and parts[5].startswith("policy/")
    )


def canonical_arn(arn: str) -> str:
    """The commercial-partition ARN that data/ keys by (aws-cn, aws-us-gov have the same
    documents under their own partition)."""
    parts = arn.split(":", 5)
    if len(parts) == 6:
        parts[1] = "aws"
    return ":".join(parts)
