"""What the user asked of a live Azure audit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from azure.core.credentials import TokenCredential

DEFAULT_ARM_ENDPOINT = "https://management.azure.com"
ARM_ENDPOINT_VARIABLE = "MLPOSTURE_ARM_ENDPOINT"
DEFAULT_WORKERS = 8


@dataclass(frozen=True, slots=True)
class AzureAuditOptions:
    # () with no management group: every subscription the identity can list.
    subscriptions: tuple[str, ...] = ()
    management_groups: tuple[str, ...] = ()  # the subscriptions under each, at any depth
    tenant: str | None = None  # only this tenant's subscriptions, with tokens for it
    endpoint: str = DEFAULT_ARM_ENDPOINT  # Azure Resource Manager (a sovereign cloud's, a fake)
    workers: int = DEFAULT_WORKERS
    # None: DefaultAzureCredential. Tests and callers embedding mlposture pass their own.
    credential: TokenCredential | None = None
    # A CA bundle to trust instead of the default (REQUESTS_CA_BUNDLE also works).
    connection_verify: str | None = None
    # azure-core's RetryPolicy: Retry-After is followed exactly; otherwise the wait grows
    # by this factor (0.8 s, 1.6 s, ...), at most `retry_total` retries.
    retry_backoff_factor: float = 0.8
    retry_total: int = 10
