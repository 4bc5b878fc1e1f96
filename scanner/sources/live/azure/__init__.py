"""Live Azure: the subscriptions, Azure Machine Learning resources, and the role assignments
and identities around them, read through Azure Resource Manager as native resources.

Importing this package never imports the Azure SDK; building a client does."""

from scanner.sources.live.azure.options import AzureAuditOptions
from scanner.sources.live.azure.source import azure_source
from scanner.sources.live.azure.specs import LIVE_TYPES

__all__ = ["LIVE_TYPES", "AzureAuditOptions", "azure_source"]
