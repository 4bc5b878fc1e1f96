"""Role grants outside AWS: Azure role assignments and Google Cloud IAM grants."""

from __future__ import annotations

from scanner.iam.azure_rbac import analyse_role_assignments
from scanner.iam.gcp_grants import analyse_role_grants
from scanner.model.resource import Relation, Resource


def analyse_grants(resources: list[Resource], relations: list[Relation]) -> list[Resource]:
    """The resources with the computed fields of Azure role assignments and Google grants."""
    resources = analyse_role_assignments(resources, relations)
    return analyse_role_grants(resources, relations)
