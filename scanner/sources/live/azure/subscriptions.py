"""Which subscriptions an Azure audit reads: those given, those under the management groups
given, or every subscription the identity can list. Read one after the other before the
fan-out, so the first token is fetched once."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from scanner.sources.live.azure.client import ArmError, ArmReader
from scanner.sources.live.azure.gaps import SUBSCRIPTION_WIDE, classify, gap
from scanner.sources.live.azure.options import AzureAuditOptions
from scanner.sources.live.azure.specs import API_VERSIONS, MANAGEMENT_GROUP_TYPE, SUBSCRIPTION_TYPE
from scanner.sources.live.common import AuditSetupError, CoverageGap

log = logging.getLogger(__name__)

_UNREADABLE_STATES = frozenset({"deleted"})


@dataclass(slots=True)
class Resolved:
    subscriptions: list[str] = field(default_factory=list)
    gaps: list[CoverageGap] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _setup_error(exc: ArmError, what: str) -> AuditSetupError:
    reason, detail = classify(exc)
    if exc.status == 401:
        return AuditSetupError(f"Azure credentials do not work ({reason}): {detail}")
    return AuditSetupError(f"cannot {what} ({reason}): {detail}")


def resolve_subscriptions(reader: ArmReader, options: AzureAuditOptions) -> Resolved:
    """The subscriptions to audit. Raises AuditSetupError when no token can be had, or when
    the subscriptions cannot even be listed."""
    resolved = Resolved()
    given = list(options.subscriptions)
    for group in options.management_groups:
        given.extend(_under_group(reader, group, resolved))
    if not options.subscriptions and not options.management_groups:
        return _listed(reader, options, resolved)
    for subscription in dict.fromkeys(s.lower() for s in given):
        try:
            body = reader.get(f"/subscriptions/{subscription}", API_VERSIONS[SUBSCRIPTION_TYPE])
        except ArmError as exc:
            if exc.code == "NoToken":
                raise _setup_error(exc, "reach Azure Resource Manager") from exc
            log.warning("cannot read subscription %s: %s", subscription, exc)
            resolved.gaps.append(gap(subscription, SUBSCRIPTION_WIDE, "subscription", exc))
            continue
        _add(resolved, body, subscription)
    return resolved


def _listed(reader: ArmReader, options: AzureAuditOptions, resolved: Resolved) -> Resolved:
    try:
        listed = list(reader.list("/subscriptions", API_VERSIONS[SUBSCRIPTION_TYPE]))
    except ArmError as exc:
        raise _setup_error(exc, "list the Azure subscriptions") from exc
    for body in listed:
        tenant = str(body.get("tenantId", ""))
        if options.tenant is not None and tenant.lower() != options.tenant.lower():
            continue
        _add(resolved, body, str(body.get("subscriptionId", "")))
    if not resolved.subscriptions and not resolved.notes:
        of_tenant = f" of tenant {options.tenant}" if options.tenant else ""
        raise AuditSetupError(
            f"the Azure identity can list no subscription{of_tenant}: nothing to audit"
        )
    return resolved


def _add(resolved: Resolved, body: dict[str, object], subscription: str) -> None:
    subscription = str(body.get("subscriptionId") or subscription)
    state = str(body.get("state", "")).lower()
    if state in _UNREADABLE_STATES:
        resolved.notes.append(f"subscription {subscription} is {state}: not audited")
        return
    if subscription and subscription not in resolved.subscriptions:
        resolved.subscriptions.append(subscription)


def _under_group(reader: ArmReader, group: str, resolved: Resolved) -> list[str]:
    """The subscriptions at any depth under a management group."""
    path = f"/providers/{MANAGEMENT_GROUP_TYPE}/{group}/descendants"
    try:
        return [
            str(item.get("name"))
            for item in reader.list(path, API_VERSIONS[MANAGEMENT_GROUP_TYPE])
            if str(item.get("type", "")).lower().endswith("/subscriptions") and item.get("name")
        ]
    except ArmError as exc:
        if exc.code == "NoToken":
            raise _setup_error(exc, "reach Azure Resource Manager") from exc
        log.warning("cannot list management group %s: %s", group, exc)
        resolved.gaps.append(
            gap(f"managementGroups/{group}", SUBSCRIPTION_WIDE, "descendants", exc)
        )
        return []
