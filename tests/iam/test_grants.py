"""Azure role assignments and Google grants: the level, the role and whose identity it is."""

from __future__ import annotations

import json

import pytest

from scanner.pipeline import ScanOptions, scan
from tests.conftest import WriteTree

AZ_RULE = "MLP-AZ-IAM-001"
GCP_RULE = "MLP-GCP-IAM-001"


def _outcomes(root: str, rule: str) -> dict[str, tuple[str, list[str]]]:
    report = scan([root], ScanOptions(only_rules=(rule,), include_passed=True))
    assert report.errors == [], [e.as_dict() for e in report.errors]
    return {
        r.resource.id: (r.status, list(r.resource.values.get("used_by") or []))
        for r in report.results
    }


def _template(schema: str, resources: list[dict[str, object]]) -> str:
    return json.dumps(
        {
            "$schema": f"https://schema.management.azure.com/schemas/2019-04-01/{schema}#",
            "contentVersion": "1.0.0.0",
            "resources": resources,
        }
    )


WORKSPACE = {
    "type": "Microsoft.MachineLearningServices/workspaces",
    "apiVersion": "2024-10-01",
    "name": "mlw",
    "location": "westeurope",
    "identity": {"type": "SystemAssigned"},
    "properties": {},
}
PRINCIPAL = (
    "[reference(resourceId('Microsoft.MachineLearningServices/workspaces', 'mlw'),"
    " '2024-10-01', 'full').identity.principalId]"
)
OWNER = (
    "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions',"
    " '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')]"
)


def _assignment(name: str, **extra: object) -> dict[str, object]:
    return {
        "type": "Microsoft.Authorization/roleAssignments",
        "apiVersion": "2022-04-01",
        "name": name,
        "properties": {"roleDefinitionId": OWNER, "principalId": PRINCIPAL},
        **extra,
    }


@pytest.mark.parametrize(
    ("schema", "extra", "expected"),
    [
        # Deployed without a scope: at the level the template deploys into.
        ("deploymentTemplate.json", {}, "failed"),
        ("subscriptionDeploymentTemplate.json", {}, "failed"),
        ("managementGroupDeploymentTemplate.json", {}, "failed"),
        # An explicit scope: the subscription, or the workspace itself.
        ("deploymentTemplate.json", {"scope": "[subscription().id]"}, "failed"),
        (
            "deploymentTemplate.json",
            {"scope": "[resourceId('Microsoft.MachineLearningServices/workspaces', 'mlw')]"},
            "passed",
        ),
        (
            "deploymentTemplate.json",
            {"scope": "Microsoft.MachineLearningServices/workspaces/mlw"},
            "passed",
        ),
    ],
)
def test_arm_assignment_level(
    write_tree: WriteTree, schema: str, extra: dict[str, object], expected: str
) -> None:
    root = write_tree({"main.json": _template(schema, [WORKSPACE, _assignment("ra", **extra)])})
    assert _outcomes(str(root), AZ_RULE) == {"ra": (expected, ["mlw"])}


TERRAFORM = """\
locals {
  roles = "/providers/Microsoft.Authorization/roleDefinitions"
}

data "azurerm_management_group" "root" {
  name = "contoso"
}

resource "azurerm_machine_learning_workspace" "ws" {
  name = "mlw"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-ml"
  location = "westeurope"
}

resource "azurerm_role_assignment" "management_group" {
  scope                = data.azurerm_management_group.root.id
  role_definition_name = "Owner"
  principal_id         = azurerm_machine_learning_workspace.ws.identity[0].principal_id
}

resource "azurerm_role_assignment" "resource_in_group" {
  scope = "${azurerm_resource_group.rg.id}/providers/Microsoft.Storage/storageAccounts/st"
  role_definition_name = "Owner"
  principal_id         = azurerm_machine_learning_workspace.ws.identity[0].principal_id
}

resource "azurerm_role_assignment" "lower_case_name" {
  scope                = "/subscriptions/0000/resourceGroups/rg-ml"
  role_definition_name = "user access administrator"
  principal_id         = azurerm_machine_learning_workspace.ws.identity[0].principal_id
}

resource "azurerm_role_assignment" "rbac_admin_by_guid" {
  scope              = "/providers/Microsoft.Management/managementGroups/contoso"
  role_definition_id = "${local.roles}/f58310d9-a9f6-439a-9e8d-f62e7b41a168"
  principal_id       = azurerm_machine_learning_workspace.ws.identity[0].principal_id
}
"""


def test_terraform_scope_forms(write_tree: WriteTree) -> None:
    root = write_tree({"main.tf": TERRAFORM})
    ws = ["azurerm_machine_learning_workspace.ws"]
    assert _outcomes(str(root), AZ_RULE) == {
        "azurerm_role_assignment.management_group": ("failed", ws),
        # A reference to a resource group followed by a resource path: one resource.
        "azurerm_role_assignment.resource_in_group": ("passed", ws),
        "azurerm_role_assignment.lower_case_name": ("failed", ws),
        "azurerm_role_assignment.rbac_admin_by_guid": ("failed", ws),
    }


GOOGLE = """\
resource "google_service_account" "sa" {
  for_each   = toset(["fraud", "ci"])
  account_id = each.key
}

resource "google_workbench_instance" "nb" {
  name     = "nb-fraud"
  location = "us-central1-a"
  gce_setup {
    service_accounts {
      email = google_service_account.sa["fraud"].email
    }
  }
}

resource "google_project_iam_member" "editor" {
  for_each = toset(["fraud", "ci"])
  project  = "p"
  role     = "roles/editor"
  member   = "serviceAccount:${google_service_account.sa[each.key].email}"
}

resource "google_project_iam_member" "default_owner" {
  project = "p"
  role    = "roles/owner"
  member  = "serviceAccount:123456789012-compute@developer.gserviceaccount.com"
}
"""


def test_google_grants_follow_each_key_and_default_account(write_tree: WriteTree) -> None:
    root = write_tree({"main.tf": GOOGLE})
    assert _outcomes(str(root), GCP_RULE) == {
        'google_project_iam_member.editor["fraud"]': (
            "failed",
            ["google_workbench_instance.nb"],
        ),
        'google_project_iam_member.editor["ci"]': ("passed", []),
        # No notebook here runs as the default account: it names its own.
        "google_project_iam_member.default_owner": ("passed", []),
    }
