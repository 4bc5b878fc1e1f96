"""The live Azure audit as the pipeline sees it."""

from __future__ import annotations

from functools import partial

from scanner.sources.live.azure.collect import collect_azure
from scanner.sources.live.azure.options import AzureAuditOptions
from scanner.sources.live.azure.specs import LIVE_TYPES
from scanner.sources.live.common import LiveSource


def azure_source(options: AzureAuditOptions) -> LiveSource:
    return LiveSource("azure", LIVE_TYPES, partial(collect_azure, options))
