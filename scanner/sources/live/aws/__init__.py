"""Live AWS: the accounts, regions and SageMaker resources (and the roles, keys and buckets
around them) of a running estate, read through boto3 as native resources."""

from scanner.sources.live.aws.collect import collect_aws
from scanner.sources.live.aws.options import AwsAuditOptions
from scanner.sources.live.aws.source import aws_source
from scanner.sources.live.aws.specs import LIVE_TYPES
from scanner.sources.live.common import AuditSetupError, CoverageGap, LiveLoad, ProgressSink

__all__ = [
    "LIVE_TYPES",
    "AuditSetupError",
    "AwsAuditOptions",
    "CoverageGap",
    "LiveLoad",
    "ProgressSink",
    "aws_source",
    "collect_aws",
]
