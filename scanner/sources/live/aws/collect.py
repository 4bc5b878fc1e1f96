"""Fan-out of a live AWS audit: accounts x regions x resource types on a bounded pool.

Phase one reads the SageMaker and Bedrock resources the selected rules need (each list call
paginated, jobs bounded by --jobs-since); phase two reads what they refer to: IAM roles per
account, KMS keys per account and region, S3 buckets per account. Whatever fails becomes a
coverage gap for its (account, region, service) and the audit goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from botocore.exceptions import ClientError

from scanner.model.resource import Location, NativeResource
from scanner.model.values import UNKNOWN
from scanner.sources.live.aws.gaps import GLOBAL_REGION, CoverageGap, classify
from scanner.sources.live.aws.options import AwsAuditOptions
from scanner.sources.live.aws.people import MAX_PRINCIPALS, collect_people
from scanner.sources.live.aws.related import (
    KeyLookup,
    collect_buckets,
    collect_keys,
    collect_roles,
)
from scanner.sources.live.aws.responses import (
    arn_parts,
    bucket_of,
    plain,
    policy_document,
    values_at,
)
from scanner.sources.live.aws.session import Target, resolve_targets, select_regions
from scanner.sources.live.aws.specs import (
    COLLECT_SPECS,
    IAM_GROUP_TYPE,
    IAM_MANAGED_POLICY_TYPE,
    IAM_ROLE_TYPE,
    IAM_USER_TYPE,
    KMS_KEY_TYPE,
    S3_BUCKET_TYPE,
    CollectSpec,
    ExtraRead,
    ParentList,
)
from scanner.sources.live.common import LiveLoad, ProgressSink
from scanner.sources.live.pool import GapPool, merge_gaps

log = logging.getLogger(__name__)

# A resource listed a moment ago and gone by the time it is described is simply skipped.
_VANISHED = frozenset({"ResourceNotFound", "ResourceNotFoundException", "ValidationException"})


@dataclass(frozen=True, slots=True)
class _Described:
    """One SageMaker describe response, before its references are resolved."""

    spec: CollectSpec
    account: str
    region: str
    attributes: dict[str, Any]


def _list_params(client: Any, spec: CollectSpec, since: datetime) -> list[dict[str, str]]:
    """The describe call's parameters for every listed resource, each once."""
    if spec.list_operation is None:
        return [{}]  # a regional setting: one describe, no parameters
    paginator = client.get_paginator(spec.list_operation)
    passes: list[dict[str, Any]] = [{}]
    if spec.bounded_history:
        passes = [{"CreationTimeAfter": since}, {"StatusEquals": spec.in_progress_status}]
    parents: list[dict[str, str]] = [{}]
    if spec.parent is not None:
        parents = [{spec.parent.filter_param: p} for p in _parent_ids(client, spec.parent)]
    found: dict[tuple[str, ...], dict[str, str]] = {}
    for params in ({**scope, **bounds} for scope in parents for bounds in passes):
        for page in paginator.paginate(**params):
            for item in page.get(spec.list_key, []):
                call = {spec.describe_param: str(item[spec.list_id])}
                call.update((name, str(item[name])) for name in spec.describe_also)
                found[tuple(call.values())] = call
    return list(found.values())


def _parent_ids(client: Any, parent: ParentList) -> list[str]:
    ids = {
        str(item[parent.id_field])
        for page in client.get_paginator(parent.operation).paginate()
        for item in page.get(parent.key, [])
    }
    return sorted(ids)


def _describe_all(
    target: Target,
    region: str,
    spec: CollectSpec,
    since: datetime,
    out: list[_Described],
    gaps: list[CoverageGap],
) -> None:
    client = target.client(spec.service, region)
    for response in _descriptions(client, spec, since):
        attributes = plain(response)
        for extra in spec.extra_reads:
            value, error = _read_extra(client, extra, attributes)
            attributes[extra.attribute] = value
            if error is not None:
                gaps.append(CoverageGap(target.account, region, spec.service, *classify(error)))
        out.append(_Described(spec, target.account, region, attributes))


def _descriptions(client: Any, spec: CollectSpec, since: datetime) -> Iterator[dict[str, Any]]:
    """Each listed resource's description: the listed item itself when the list call answers
    it in full, else one describe call per item (one that vanished since is skipped)."""
    if spec.listed_in_full and spec.list_operation is not None:
        for page in client.get_paginator(spec.list_operation).paginate():
            yield from page.get(spec.list_key, [])
        return
    for params in _list_params(client, spec, since):
        try:
            yield getattr(client, spec.describe_operation)(**params)
        except ClientError as exc:
            if str(exc.response.get("Error", {}).get("Code")) in _VANISHED:
                log.debug("%s %s vanished before it was described", spec.native_type, params)
                continue
            raise


def _read_extra(
    client: Any, extra: ExtraRead, attributes: dict[str, Any]
) -> tuple[Any, Exception | None]:
    """One extra read of a resource: its value, or None when there is nothing to read; on a
    failure UNKNOWN and the error, so the rules that need the value stay undecided."""
    try:
        answer = getattr(client, extra.operation)(**{extra.param: attributes[extra.from_field]})
    except ClientError as exc:
        if str(exc.response.get("Error", {}).get("Code")) in extra.absent_codes:
            return None, None
        return UNKNOWN, exc
    except Exception as exc:  # one unreadable extra never hides the resource itself
        return UNKNOWN, exc
    value = answer.get(extra.result_key)
    return (policy_document(value) if extra.json_text else plain(value)), None


def _gap_of(account: str, region: str, service: str, exc: Exception) -> CoverageGap:
    return CoverageGap(account, region, service, *classify(exc))


def _wanted_specs(wanted: frozenset[str]) -> list[CollectSpec]:
    """SageMaker types to read: those the rules judge, and those whose references lead to
    the roles, keys or buckets the rules judge (only those SageMaker resources refer to)."""

    def needed(spec: CollectSpec) -> bool:
        return (
            spec.native_type in wanted
            or (bool(spec.role_paths) and bool(wanted & {IAM_ROLE_TYPE, IAM_MANAGED_POLICY_TYPE}))
            or (bool(spec.kms_paths) and KMS_KEY_TYPE in wanted)
            or (bool(spec.s3_paths or spec.bucket_paths) and S3_BUCKET_TYPE in wanted)
        )

    return [spec for spec in COLLECT_SPECS if needed(spec)]


def _offered_regions(target: Target, specs: list[CollectSpec]) -> dict[str, set[str]]:
    """The regions botocore knows each service is offered in (empty when it does not say, as
    for Agents for Bedrock): Bedrock is not in every region SageMaker is, and reading it where
    it is not offered would only report the region as unreachable."""
    return {
        service: set(target.session.get_available_regions(service))
        for service in {spec.service for spec in specs}
    }


def _kms_region(reference: str, region: str) -> str:
    parts = arn_parts(reference)
    return parts[1] if parts is not None and parts[1] else region


def collect_aws(
    options: AwsAuditOptions,
    wanted: frozenset[str],
    progress: ProgressSink | None = None,
    now: datetime | None = None,
) -> LiveLoad:
    """Native resources of the `wanted` live types in every account and region asked for.

    Raises AuditSetupError when the base credentials do not work or no region is known.
    """
    since = (now or datetime.now(UTC)) - timedelta(days=options.jobs_since_days)
    targets, setup_gaps = resolve_targets(options)
    plan = [(target, select_regions(target, options.regions)) for target in targets]
    regions = sorted({r for _, rs in plan for r in rs})
    load = LiveLoad(
        accounts=len(targets),
        regions=len(regions),
        scope={"accounts": sorted(t.account for t in targets), "regions": regions},
    )
    specs = _wanted_specs(wanted)
    described: list[_Described] = []
    pool = GapPool(options.workers, progress, _gap_of, expected=(ClientError,))
    try:
        for target, regions in plan:
            offered = _offered_regions(target, specs)
            for region in regions:
                here = [s for s in specs if not offered[s.service] or region in offered[s.service]]
                pool.plan(target.account, region, len(here))
                for spec in here:
                    pool.submit(
                        target.account,
                        region,
                        spec.service,
                        partial(_describe_all, target, region, spec, since, described, pool.gaps),
                    )
        pool.wait()
        load.resources.extend(_related(pool, plan, described, wanted))
    finally:
        pool.close()
    load.gaps = merge_gaps([*setup_gaps, *pool.gaps])
    return load


def _related(
    pool: GapPool,
    plan: list[tuple[Target, list[str]]],
    described: list[_Described],
    wanted: frozenset[str],
) -> list[NativeResource]:
    """Phase two: roles, keys and buckets referred to; then every native resource."""
    roles: dict[str, set[str]] = {}
    keys: dict[tuple[str, str], set[str]] = {}
    buckets: dict[str, set[str]] = {}
    for item in described:
        for path in item.spec.role_paths:
            roles.setdefault(item.account, set()).update(values_at(item.attributes, path))
        for path in item.spec.kms_paths:
            for ref in values_at(item.attributes, path):
                keys.setdefault((item.account, _kms_region(ref, item.region)), set()).add(ref)
        for path in item.spec.s3_paths:
            names = {bucket_of(uri) for uri in values_at(item.attributes, path)}
            buckets.setdefault(item.account, set()).update(n for n in names if n)
        for path in item.spec.bucket_paths:
            buckets.setdefault(item.account, set()).update(values_at(item.attributes, path))
    found: list[NativeResource] = []
    lookups: dict[tuple[str, str], KeyLookup] = {}
    for target, _regions in plan:
        account = target.account
        with_roles = bool(wanted & {IAM_ROLE_TYPE, IAM_MANAGED_POLICY_TYPE})
        with_people = bool(wanted & {IAM_USER_TYPE, IAM_GROUP_TYPE})
        if with_roles or with_people:
            referenced = roles.get(account, set()) if with_roles else None
            pool.plan(account, GLOBAL_REGION, 1)
            pool.submit(
                account,
                GLOBAL_REGION,
                "iam",
                partial(_iam_into, found, pool.gaps, target, referenced, with_people),
            )
        if S3_BUCKET_TYPE in wanted and buckets.get(account):
            pool.plan(account, GLOBAL_REGION, 1)
            pool.submit(
                account,
                GLOBAL_REGION,
                "s3",
                partial(_buckets_into, found, target, buckets[account]),
            )
        if KMS_KEY_TYPE in wanted:
            for (key_account, region), refs in sorted(keys.items()):
                if key_account != account:
                    continue
                pool.plan(account, region, 1)
                pool.submit(
                    account,
                    region,
                    "kms",
                    partial(_keys_into, lookups, target, region, refs),
                )
    pool.wait()
    for lookup in lookups.values():
        found.extend(lookup.resources)
    return [_native(item, lookups) for item in described] + found


def _iam_into(
    out: list[NativeResource],
    gaps: list[CoverageGap],
    target: Target,
    referenced: set[str] | None,
    with_people: bool,
) -> None:
    """Roles (when `referenced` is given), then users and groups: one IAM reader per account,
    so a customer managed policy attached to a role and to a user is read once."""
    found = collect_roles(target, referenced) if referenced is not None else []
    if with_people:
        known = {r.id for r in found if r.type == IAM_MANAGED_POLICY_TYPE}
        people = collect_people(target, known)
        found.extend(people.resources)
        for what in people.truncated:
            detail = f"only the first {MAX_PRINCIPALS} {what} of the account were read"
            gaps.append(CoverageGap(target.account, GLOBAL_REGION, "iam", "truncated", detail))
    out.extend(found)


def _buckets_into(out: list[NativeResource], target: Target, buckets: set[str]) -> None:
    out.extend(collect_buckets(target, buckets))


def _keys_into(
    out: dict[tuple[str, str], KeyLookup], target: Target, region: str, references: set[str]
) -> None:
    out[(target.account, region)] = collect_keys(target, region, references)


def _native(item: _Described, lookups: dict[tuple[str, str], KeyLookup]) -> NativeResource:
    spec, attributes = item.spec, item.attributes
    references: dict[str, tuple[str, ...]] = {}
    for path in spec.role_paths:
        references[path] = tuple(
            arn
            for arn in values_at(attributes, path)
            if (parts := arn_parts(arn)) is not None and parts[2] == item.account
        )
    for path in spec.kms_paths:
        resolved = []
        for ref in values_at(attributes, path):
            lookup = lookups.get((item.account, _kms_region(ref, item.region)))
            if lookup is not None and ref in lookup.arn_of:
                resolved.append(lookup.arn_of[ref])
        references[path] = tuple(resolved)
    arn = next(iter(values_at(attributes, spec.arn_field)), None) if spec.arn_field else None
    name = next(iter(values_at(attributes, spec.name_field)), "") if spec.name_field else ""
    if spec.setting_id:
        arn = spec.setting_id.format(region=item.region, account=item.account)
        name = name or f"{spec.service} {item.region}"
    return NativeResource(
        id=str(arn or name),
        type=spec.native_type,
        name=str(name),
        attributes=attributes,
        location=Location("live", account=item.account, region=item.region),
        references={path: ids for path, ids in references.items() if ids},
        scope=item.account,
    )
