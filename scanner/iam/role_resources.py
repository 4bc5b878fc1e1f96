"""Which Resource patterns of a statement can name an IAM role.

iam:PassRole applies to roles only: a statement that grants it on an SQS queue, an S3 object
or a policy ARN passes no role, however it is conditioned. A pattern can name a role when some
role ARN (`arn:PARTITION:iam::ACCOUNT:role/PATH/NAME`) matches it, `*` and `?` as IAM reads
them. Each distinct pattern is judged once and joined back to the statements table.
"""

from __future__ import annotations

from fnmatch import fnmatchcase

import polars as pl

from scanner.iam.documents import UNKNOWN_MARK

_SAMPLE_ROLE = "arn:aws:iam::123456789012:role/x"


def _glob(value: str, pattern: str) -> bool:
    return fnmatchcase(value, pattern.replace("[", "[[]"))  # `[` is literal in IAM


def _wild(text: str) -> bool:
    return "*" in text or "?" in text


def can_name_a_role(resource: str) -> bool:
    """True when some role ARN matches the pattern; a value known only after apply may be one."""
    if UNKNOWN_MARK in resource or "${" in resource:
        return True
    parts = resource.split(":", 5)
    if len(parts) < 6:
        # Fewer than six segments: only a `*` spanning colons (`*`, `arn:aws:*`) reaches a role.
        return _glob(_SAMPLE_ROLE, resource)
    arn, _partition, service, region, _account, path = parts
    if not (_glob("arn", arn) and _glob("iam", service) and _glob("", region)):
        return False
    if _wild(path):
        # The literal text before the first wildcard must agree with `role/`.
        literal = path.split("*", 1)[0].split("?", 1)[0]
        return literal.startswith("role/") or "role/".startswith(literal)
    return path.startswith("role/") and len(path) > len("role/")


def role_resources(resources: pl.Series) -> pl.DataFrame:
    """Per distinct resource pattern: `role_resource`, whether it can name a role."""
    distinct = resources.drop_nulls().unique()
    return pl.DataFrame(
        {
            "resource": distinct,
            "role_resource": [can_name_a_role(r) for r in distinct.to_list()],
        },
        schema={"resource": pl.String(), "role_resource": pl.Boolean()},
    )
