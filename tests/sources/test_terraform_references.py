"""What tfparse cannot evaluate stays unknown, and the resources it names stay related.

tfparse drops three kinds of reference: an attribute it knows nothing of becomes
`{"__attribute__": ...}`, a string template it cannot finish keeps its `${...}` text, and a
reference inside a list or an object value (an azapi body, `x[each.key].email`) becomes
null. A rule must see none of them as a known value, and the relation must survive.
"""

from __future__ import annotations

from scanner.model.values import UNKNOWN
from scanner.sources.load import load_sources
from tests.conftest import WriteTree

WANTED = frozenset(
    {
        "azurerm_role_assignment",
        "google_project_iam_binding",
        "google_project_iam_member",
        "google_workbench_instance",
        "Microsoft.Authorization/roleAssignments",
    }
)

CODE = """\
data "azurerm_client_config" "current" {}

resource "azurerm_machine_learning_workspace" "ws" {
  count = 2
  name  = "ws-${count.index}"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_role_assignment" "indexed" {
  scope                = "/subscriptions/${data.azurerm_client_config.current.subscription_id}"
  role_definition_name = "Owner"
  principal_id         = azurerm_machine_learning_workspace.ws[1].identity[0].principal_id
}

resource "google_service_account" "sa" {
  for_each   = toset(["a", "b"])
  account_id = "nb-${each.key}"
}

resource "google_workbench_instance" "nb" {
  for_each = toset(["a", "b"])
  name     = "nb-${each.key}"
  location = "us-central1-a"
  gce_setup {
    service_accounts {
      email = google_service_account.sa[each.key].email
    }
  }
}

resource "google_project_iam_member" "templated" {
  project = "p"
  role    = "roles/editor"
  member  = "serviceAccount:${google_service_account.sa["a"].email}"
}

resource "google_project_iam_binding" "listed" {
  project = "p"
  role    = "roles/owner"
  members = ["user:alice@example.com", "serviceAccount:${google_service_account.sa["b"].email}"]
}

resource "azapi_resource" "assignment" {
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  name      = "a"
  parent_id = "/subscriptions/0000/resourceGroups/ml"
  body = {
    properties = {
      principalId      = azurerm_machine_learning_workspace.ws[0].identity[0].principal_id
      roleDefinitionId = "/subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/x"
    }
  }
}
"""


def test_dropped_references_are_unknown_and_related(write_tree: WriteTree) -> None:
    root = write_tree({"main.tf": CODE})
    load = load_sources([(root, "t")], WANTED, workers=1)
    assert load.errors == []
    found = {r.id: r for r in load.resources}

    indexed = found["azurerm_role_assignment.indexed"]
    assert indexed.attributes["principal_id"] is UNKNOWN
    assert indexed.references["principal_id"] == ("azurerm_machine_learning_workspace.ws[1]",)
    # A template tfparse could not finish: unknown, its text kept for the segments it shows.
    assert indexed.attributes["scope"] is UNKNOWN
    assert indexed.texts["scope"] == (
        "/subscriptions/${data.azurerm_client_config.current.subscription_id}"
    )

    templated = found["google_project_iam_member.templated"]
    assert templated.attributes["member"] is UNKNOWN  # never the text "serviceAccount:${...}"
    assert templated.references["member"] == ('google_service_account.sa["a"]',)

    listed = found["google_project_iam_binding.listed"]
    assert listed.attributes["members"] == ["user:alice@example.com", UNKNOWN]  # not dropped
    assert listed.references["members"] == ('google_service_account.sa["b"]',)

    # `x[each.key].email` inside for_each: tfparse gives null; it is unknown, and related.
    notebook = found['google_workbench_instance.nb["a"]']
    setup = notebook.attributes["gce_setup"]
    accounts = (
        setup[0]["service_accounts"] if isinstance(setup, list) else setup["service_accounts"]
    )
    email = accounts[0]["email"] if isinstance(accounts, list) else accounts["email"]
    assert email is UNKNOWN
    # each.key in the index is the instance's own key: nb["a"] runs as sa["a"] only.
    assert notebook.references["gce_setup.service_accounts.email"] == (
        'google_service_account.sa["a"]',
    )

    assignment = found["azapi_resource.assignment"]
    assert assignment.attributes["properties"]["principalId"] is UNKNOWN  # type: ignore[index]
    assert assignment.references["properties.principalId"] == (
        "azurerm_machine_learning_workspace.ws[0]",
    )


POLICY_VARIABLES = """\
data "aws_iam_policy_document" "home" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::team-data/home/$${aws:username}/*"]
  }
}
"""


def test_iam_policy_variables_are_kept_as_written(write_tree: WriteTree) -> None:
    """`$${aws:username}` is the policy's own variable, not a template Terraform left open."""
    root = write_tree({"main.tf": POLICY_VARIABLES})
    load = load_sources([(root, "t")], frozenset({"data.aws_iam_policy_document"}), workers=1)
    (document,) = load.resources
    statement = document.attributes["statement"]
    first = statement[0] if isinstance(statement, list) else statement
    assert first["resources"] == ["arn:aws:s3:::team-data/home/${aws:username}/*"]  # type: ignore[index]
