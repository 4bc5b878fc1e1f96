"""Which storage a URI names: the S3 or Cloud Storage bucket, or the Azure storage account.

ML resources name their training data and model artefacts by URI (`s3://bucket/key`,
`gs://bucket/path`, `https://account.blob.core.windows.net/container/blob`,
`abfss://container@account.dfs.core.windows.net/path`); rules follow those URIs to the store
to judge it (versioned, not public), so the name is read the same way for every source.
"""

from __future__ import annotations

import re

_BUCKET = re.compile(r"^(?:s3|s3a|gs)://([^/?#]+)")
# Blob and Data Lake endpoints of an Azure storage account, over https or the Hadoop schemes.
_AZURE = re.compile(
    r"^(?:https?://|(?:abfss?|wasbs?)://[^@/]*@)([a-z0-9]{3,24})\.(?:blob|dfs)\.core\.windows\.net",
    re.IGNORECASE,
)


def storage_name(uri: str) -> str | None:
    """The bucket or storage account a URI names; None for anything else."""
    found = _BUCKET.match(uri) or _AZURE.match(uri)
    return found.group(1).lower() if found and found.group(1) else None
