"""Which resources of the estate a statement's Resource patterns name, without a cross join.

Each target resource is written as the ARN parts IAM matches against (service, region,
account, and the resource part per resource type: a bucket `train-data`, its objects
`train-data/...`, a repository `repository/images`). Each distinct pattern is parsed once and
classified: exact text, a literal prefix and one trailing `*` (`train-*`), or a general glob.
Patterns are joined to the subjects of their service on the first characters of their
literal prefix (the partition), then tested: equality, `starts_with`, or (for the rare general
glob) fnmatch on the few candidates left. A region or account the estate does not know (code:
the provider decides it) matches any.

Object-like resource types (an S3 object, a model package of a group) are matched on their
parent: a pattern `arn:aws:s3:::train-*/*` names objects of every bucket `train-*`, so it is
cut at the slash and compared with the bucket's name (a trailing `*` before any slash spans
into the objects too: `arn:aws:s3:::train*`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase

import polars as pl

from scanner.iam.documents import UNKNOWN_MARK
from scanner.model.resource import Resource

# At most this many characters of the literal prefix a pattern and a subject are partitioned
# on: all of a pattern's literal prefix up to it (names of an estate share long prefixes:
# `team7-` and `team70-` must fall in different partitions).
PARTITION_CHARS = 48
EXACT, PREFIX, GLOB = "exact", "prefix", "glob"


@dataclass(frozen=True, slots=True)
class SubjectType:
    """A resource type of the catalog and how a target's ARN resource part reads for it.

    `parent_slashes`: for object-like types, how many `/`-separated parts name the parent
    (an S3 object: 1, the bucket; a model package: 2, `model-package/GROUP`)."""

    rtype: str
    template: str
    parent_slashes: int = 0


@dataclass(frozen=True, slots=True)
class TargetKind:
    service: str
    subjects: tuple[SubjectType, ...]
    lowercase: bool = False  # SageMaker writes resource names lowercased in its ARNs


AWS_TARGETS: dict[str, TargetKind] = {
    "aws.s3.bucket": TargetKind(
        "s3", (SubjectType("bucket", "{}"), SubjectType("object", "{}", parent_slashes=1))
    ),
    "aws.ecr.repository": TargetKind("ecr", (SubjectType("repository", "repository/{}"),)),
    "aws.sagemaker.model_package_group": TargetKind(
        "sagemaker",
        (
            SubjectType("model-package-group", "model-package-group/{}"),
            SubjectType("model-package", "model-package/{}", parent_slashes=2),
        ),
        lowercase=True,
    ),
    "aws.sagemaker.endpoint": TargetKind(
        "sagemaker", (SubjectType("endpoint", "endpoint/{}"),), lowercase=True
    ),
    "aws.kms.key": TargetKind("kms", (SubjectType("key", "key/{}"),)),
}
TARGET_SERVICES = tuple(sorted({t.service for t in AWS_TARGETS.values()}))

SUBJECTS_SCHEMA = {
    "target": pl.UInt32(),
    "service": pl.String(),
    "rtype": pl.String(),
    "slashes": pl.UInt8(),
    "region": pl.String(),
    "account": pl.String(),
    "subject": pl.String(),
}
MATCHES_SCHEMA = {"resource": pl.String(), "target": pl.UInt32(), "rtype": pl.String()}


def _name_and_place(resource: Resource) -> tuple[str | None, str | None, str | None]:
    """The resource's name as its ARN writes it, its region and its account (None: unknown).

    A live resource's id is its ARN: the name (a KMS key's id) and the place are read from it."""
    region, account = resource.location.region, resource.location.account
    name = resource.values.get("name")
    if resource.id.startswith("arn:"):
        parts = resource.id.split(":", 5)
        if len(parts) == 6:
            region, account = parts[3] or region, parts[4] or account
            if not isinstance(name, str):
                name = parts[5].split("/", 1)[-1]
    if not isinstance(name, str) or UNKNOWN_MARK in name:
        return None, region, account
    return name, region, account


def subjects_table(resources: list[Resource], rows: Iterable[int] | None = None) -> pl.DataFrame:
    """One row per (target resource, resource type): the ARN parts its patterns must name.

    `rows`: the rows of `resources` that may be targets (all when not given)."""
    # One column list each, appended in place (a million targets: no per-row dict or tuple).
    cols: dict[str, list[object]] = {name: [] for name in SUBJECTS_SCHEMA}
    targets, services, rtypes, slashes = (
        cols["target"],
        cols["service"],
        cols["rtype"],
        cols["slashes"],
    )
    regions, accounts, names = cols["region"], cols["account"], cols["subject"]
    for row in range(len(resources)) if rows is None else rows:
        resource = resources[row]
        target = AWS_TARGETS.get(resource.kind)
        if target is None:
            continue
        name, region, account = _name_and_place(resource)
        if name is None:
            continue  # named only at apply: reached through references and `*`
        if target.lowercase:
            name = name.lower()
        for subject in target.subjects:
            targets.append(row)
            services.append(target.service)
            rtypes.append(subject.rtype)
            slashes.append(subject.parent_slashes)
            regions.append(region)
            accounts.append(account)
            names.append(subject.template.format(name))
    return pl.DataFrame(cols, schema=SUBJECTS_SCHEMA)


def _wild(text: str) -> bool:
    return "*" in text or "?" in text


def _mode(text: str) -> tuple[str, str]:
    """(exact | prefix | glob, the literal text before the first wildcard)."""
    if not _wild(text):
        return EXACT, text
    literal = text.split("*", 1)[0].split("?", 1)[0]
    if text == literal + "*":
        return PREFIX, literal
    return GLOB, literal


def _place_test(glob: str) -> str | None:
    """A region or account segment: None when it matches any value (empty for S3, `*`, or a
    glob, taken as any), else the literal it must equal."""
    return None if glob == "" or _wild(glob) else glob


def _parse(pattern: str) -> list[dict[str, object]]:
    """The rows of one pattern: per service it can name and per parent depth, its test."""
    if pattern == "*":
        services, region, account, rest = list(TARGET_SERVICES), "*", "*", "*"
    else:
        parts = pattern.split(":", 5)
        arn = parts[0] == "arn" or fnmatchcase("arn", parts[0])
        if len(parts) == 6 and arn:
            service_glob, region, account, rest = parts[2], parts[3], parts[4], parts[5]
        elif pattern.endswith("*") and arn:
            # `arn:aws:s3*`: fewer segments, a final `*` spanning the rest
            service_glob = parts[2] if len(parts) > 2 else "*"
            region, account, rest = "*", "*", "*"
        else:
            return []
        service_glob = service_glob.lower()
        if _wild(service_glob):
            services = [s for s in TARGET_SERVICES if fnmatchcase(s, service_glob)]
        else:
            services = [service_glob] if service_glob in TARGET_SERVICES else []
    rows: list[dict[str, object]] = []
    for slashes in (0, 1, 2):
        text = rest
        if slashes:
            pieces = rest.split("/")
            if len(pieces) > slashes:
                text = "/".join(pieces[:slashes])  # the parent the objects belong to
            elif not rest.endswith("*"):
                continue  # names no object below the parent
        mode, literal = _mode(text)
        for service in services:
            rows.append(
                {
                    "resource": pattern,
                    "service": service,
                    "slashes": slashes,
                    "mode": mode,
                    "text": text,
                    "literal": literal,
                    "key_len": min(len(literal), PARTITION_CHARS),
                    "region_is": _place_test(region),
                    "account_is": _place_test(account),
                }
            )
    return rows


_PATTERN_SCHEMA = {
    "resource": pl.String(),
    "service": pl.String(),
    "slashes": pl.UInt8(),
    "mode": pl.String(),
    "text": pl.String(),
    "literal": pl.String(),
    "key_len": pl.UInt8(),
    "region_is": pl.String(),
    "account_is": pl.String(),
}


def patterns_table(patterns: list[str]) -> pl.DataFrame:
    """Per distinct literal pattern (no value known only at apply): its parsed tests."""
    rows = [row for p in patterns if UNKNOWN_MARK not in p for row in _parse(p)]
    return (
        pl.DataFrame(rows, schema=_PATTERN_SCHEMA, orient="row")
        if rows
        else pl.DataFrame(schema=_PATTERN_SCHEMA)
    )


def match_patterns(patterns: list[str], subjects: pl.DataFrame) -> pl.DataFrame:
    """(resource pattern, target row, resource type) for every subject a pattern names."""
    table = patterns_table(patterns)
    if table.is_empty() or subjects.is_empty():
        return pl.DataFrame(schema=MATCHES_SCHEMA)
    lengths = sorted(table.filter(pl.col("mode") != EXACT)["key_len"].unique().to_list())
    keyed = subjects.lazy().with_columns(
        pl.col("subject").str.slice(0, k).alias(f"__key{k}") for k in lengths
    )
    found: list[pl.LazyFrame] = []
    exact = table.lazy().filter(pl.col("mode") == EXACT)
    found.append(
        exact.join(
            keyed,
            left_on=["service", "slashes", "text"],
            right_on=["service", "slashes", "subject"],
        ).with_columns(pl.col("text").alias("subject"))
    )
    for k in lengths:
        part = table.lazy().filter((pl.col("mode") != EXACT) & (pl.col("key_len") == k))
        joined = part.with_columns(pl.col("literal").str.slice(0, k).alias("__key")).join(
            keyed,
            left_on=["service", "slashes", "__key"],
            right_on=["service", "slashes", f"__key{k}"],
        )
        found.append(joined.filter(pl.col("subject").str.starts_with(pl.col("literal"))))
    candidates = (
        pl.concat([f.select(*_KEPT) for f in found], how="vertical_relaxed")
        .filter(
            (
                pl.col("region_is").is_null()
                | pl.col("region").is_null()
                | (pl.col("region") == pl.col("region_is"))
            )
            & (
                pl.col("account_is").is_null()
                | pl.col("account").is_null()
                | (pl.col("account") == pl.col("account_is"))
            )
        )
        .collect()
    )
    plain = candidates.filter(pl.col("mode") != GLOB)
    globbed = candidates.filter(pl.col("mode") == GLOB)
    if not globbed.is_empty():
        # General globs (a `*` inside, a `?`) are rare: tested one candidate pair at a time.
        keep = [
            fnmatchcase(subject, text.replace("[", "[[]"))
            for subject, text in globbed.select("subject", "text").iter_rows()
        ]
        globbed = globbed.filter(pl.Series(keep, dtype=pl.Boolean()))
    return (
        pl.concat([plain, globbed])
        .select("resource", "target", "rtype")
        .unique()
        .cast(MATCHES_SCHEMA)  # type: ignore[arg-type]
    )


_KEPT = (
    "resource",
    "target",
    "rtype",
    "mode",
    "text",
    "subject",
    "region",
    "account",
    "region_is",
    "account_is",
)
