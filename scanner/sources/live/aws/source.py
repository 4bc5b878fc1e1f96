"""The live AWS audit as the pipeline sees it."""

from __future__ import annotations

from functools import partial

from scanner.sources.live.aws.collect import collect_aws
from scanner.sources.live.aws.options import AwsAuditOptions
from scanner.sources.live.aws.specs import LIVE_TYPES
from scanner.sources.live.common import LiveSource


def aws_source(options: AwsAuditOptions) -> LiveSource:
    return LiveSource("aws", LIVE_TYPES, partial(collect_aws, options))
