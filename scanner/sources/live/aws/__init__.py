"""Live AWS: the accounts, regions and SageMaker resources (and the roles, keys and buckets
around them) of a running estate, read through boto3 as native resources."""

from scanner.sources.live.aws.collect import LiveLoad, ProgressSink, collect_aws
from scanner.sources.live.aws.gaps import CoverageGap
from scanner.sources.live.aws.options import AwsAuditOptions
from scanner.sources.live.aws.session import AuditSetupError
from scanner.sources.live.aws.specs import LIVE_TYPES

__all__ = [
    "LIVE_TYPES",
    "AuditSetupError",
    "AwsAuditOptions",
    "CoverageGap",
    "LiveLoad",
    "ProgressSink",
    "collect_aws",
]
