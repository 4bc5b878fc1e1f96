"""Grants judged beside IAM policies: Azure role assignments, Google Cloud IAM grants, and
resource policies."""

from __future__ import annotations

from scanner.iam.azure_model_access import analyse_model_access
from scanner.iam.azure_rbac import analyse_role_assignments
from scanner.iam.azure_roles import ROLE_DEFINITION, analyse_role_definitions
from scanner.iam.computed import Estate
from scanner.iam.gcp_grants import analyse_role_grants
from scanner.iam.resource_policies import analyse_resource_policies
from scanner.model.resource import Resource


def analyse_grants(resources: list[Resource], estate: Estate) -> list[Resource]:
    """The resources with the computed fields of Azure role assignments, Google grants and
    resource policies (who outside may reach a resource)."""
    # `estate` indexes the same rows: each step changes only the kinds it computes, so what
    # the others read through it stays as indexed.
    resources = analyse_role_assignments(resources, estate)
    resources = analyse_model_access(resources, estate)
    if estate.has((ROLE_DEFINITION,)):
        resources = analyse_role_definitions(resources)
    resources = analyse_resource_policies(resources)
    return analyse_role_grants(resources, estate)
