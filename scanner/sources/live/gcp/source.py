"""The live Google Cloud audit as the pipeline sees it."""

from __future__ import annotations

from functools import partial

from scanner.sources.live.common import LiveSource
from scanner.sources.live.gcp.collect import collect_gcp
from scanner.sources.live.gcp.options import GcpAuditOptions
from scanner.sources.live.gcp.specs import LIVE_TYPES


def gcp_source(options: GcpAuditOptions) -> LiveSource:
    return LiveSource("gcp", LIVE_TYPES, partial(collect_gcp, options))
