"""The IAM permissions the auditor itself needs: exactly the calls the collectors make."""

from __future__ import annotations

from scanner.sources.live.gcp.projects import FOLDERS_PERMISSION, PROJECTS_PERMISSION
from scanner.sources.live.gcp.specs import BUCKET_IAM_PERMISSION, LOCATIONS_PERMISSION, SPECS

# Only to find the projects below --organization / --folder.
DISCOVERY_PERMISSIONS = (FOLDERS_PERMISSION, PROJECTS_PERMISSION)
# Only with --impersonate-service-account, on that account (Service Account Token Creator).
IMPERSONATION_PERMISSIONS = ("iam.serviceAccounts.getAccessToken",)


def auditor_permissions() -> list[str]:
    """Every permission the audit uses in an audited project, sorted."""
    located = {spec.locations_permission for spec in SPECS if spec.locations_permission}
    listed = (spec.permission for spec in SPECS)
    return sorted({LOCATIONS_PERMISSION, BUCKET_IAM_PERMISSION, *located, *listed})
