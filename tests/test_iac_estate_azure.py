"""The Azure Machine Learning part of the sample estate (iac/azure): azurerm, azapi and an ARM
template in one scan. Every weak resource fails exactly where it should, every hardened one
passes everything, whatever format it is written in."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from scanner.pipeline import ScanOptions, scan

ESTATE = Path(__file__).resolve().parents[1] / "iac" / "azure"

WORKSPACE_RULES = {
    "MLP-AZ-ML-001",  # public network access
    "MLP-AZ-ML-002",  # private endpoint
    "MLP-AZ-ML-003",  # customer-managed key
    "MLP-AZ-ML-004",  # user-assigned identity
    "MLP-AZ-ML-005",  # managed network, approved outbound only
    "MLP-AZ-ML-006",  # high business impact
    "MLP-AZ-ML-018",  # V1LegacyMode (info)
    "MLP-AZ-ML-022",  # system datastores by identity
    "MLP-AZ-ML-024",  # resource logs exported (a diagnostic setting that targets it)
}
# The workspace's storage account, through its storage_account_id.
STORAGE_RULES = {
    "MLP-AZ-TH-004",  # shared key access refused
    "MLP-AZ-TH-005",  # no public containers
}
ACCOUNT_RULES = {
    "MLP-AZ-AI-001",  # key access
    "MLP-AZ-AI-002",  # network restricted
    "MLP-AZ-AI-003",  # private endpoint
    "MLP-AZ-AI-004",  # customer-managed key
    "MLP-AZ-AI-005",  # managed identity
    "MLP-AZ-AI-006",  # resource logs
}
WEAK = {
    # azurerm, everything left to the defaults.
    # Its storage account keeps the provider's defaults: account keys, public containers.
    "azurerm_machine_learning_workspace.sandbox": WORKSPACE_RULES | STORAGE_RULES,
    "azurerm_machine_learning_compute_instance.sandbox": {
        "MLP-AZ-ML-007",  # local auth
        "MLP-AZ-ML-010",  # no idle shutdown (azurerm cannot set one)
        "MLP-AZ-ML-011",  # no subnet
        "MLP-AZ-ML-013",  # node public IP by default
        "MLP-AZ-ML-015",  # an ssh block opens SSH
    },
    "azurerm_machine_learning_compute_cluster.sandbox": {
        "MLP-AZ-ML-008",
        "MLP-AZ-ML-012",
        "MLP-AZ-ML-014",
        "MLP-AZ-ML-023",  # ssh_public_access_enabled = true
    },
    "azurerm_machine_learning_inference_cluster.sandbox": {
        "MLP-AZ-ML-009",  # azurerm cannot disable local auth
        "MLP-AZ-ML-019",  # no ssl block: plain HTTP
    },
    "azurerm_machine_learning_datastore_blobstorage.raw": {"MLP-AZ-ML-020"},
    # azurerm's own default authentication_mode is Key; its workspace's storage allows public
    # containers: an attack path (iac/azure/paths.tf).
    "azurerm_machine_learning_online_endpoint.sandbox": {
        "MLP-AZ-ML-016",
        "MLP-AZ-ML-017",
        "MLP-AZ-PATH-002",
    },
    # azapi: key auth, public by default, in the sandbox workspace too.
    "azapi_resource.endpoint_demo": {"MLP-AZ-ML-016", "MLP-AZ-ML-017", "MLP-AZ-PATH-002"},
    # iac/azure/paths.tf: twins that break the path at hop 1 (workspace not in the code) and
    # hop 2 (the fraud workspace's storage refuses public containers); still key and public.
    "azurerm_machine_learning_online_endpoint.elsewhere": {"MLP-AZ-ML-016", "MLP-AZ-ML-017"},
    "azurerm_machine_learning_online_endpoint.fraud_key": {"MLP-AZ-ML-016", "MLP-AZ-ML-017"},
    # ARM: public through a parameter's default, internet outbound, no CMK.
    # Its storage account leaves allowSharedKeyAccess out (null: keys work).
    "mlw-contoso-research": WORKSPACE_RULES | {"MLP-AZ-TH-004"},
    # No subnet, so the ARM default NotSpecified leaves SSH open.
    "mlw-contoso-research/cc-research": {
        "MLP-AZ-ML-008",
        "MLP-AZ-ML-012",
        "MLP-AZ-ML-014",
        "MLP-AZ-ML-023",
    },
    # AMLToken passes 017; it serves a model trained on the survey exports datastore, whose
    # account allows public containers (MLP-AZ-PATH-004; the twins below break it).
    "mlw-contoso-research/ep-research": {"MLP-AZ-ML-016", "MLP-AZ-PATH-004"},
    "mlw-contoso-research/ep-research-uploaded": {"MLP-AZ-ML-016"},  # a model from files
    "mlw-contoso-research/ep-research-curated": {"MLP-AZ-ML-016"},  # trained on closed storage
    "mlw-contoso-research/survey_exports": {"MLP-AZ-ML-020"},
    "mlreg-contoso-community": {"MLP-AZ-ML-021"},
    # Contributor on the resource group for the sandbox workspace's identity.
    "azurerm_role_assignment.sandbox_contributor": {"MLP-AZ-IAM-001"},
    # iac/azure/genai.tf: an AI Services account and an AI Foundry hub left to the defaults;
    # the hub is a workspace of kind Hub, judged by every workspace rule.
    "azurerm_ai_services.playground": ACCOUNT_RULES,
    "azurerm_ai_foundry.playground": WORKSPACE_RULES,
}
HARDENED = {
    "azurerm_machine_learning_online_endpoint.sandbox_entra",  # breaks the path's entry
    "azurerm_machine_learning_workspace.fraud",
    "azurerm_machine_learning_compute_cluster.fraud",
    "azurerm_machine_learning_datastore_blobstorage.training",
    "azurerm_machine_learning_registry.shared",
    "azapi_resource.workspace_claims",
    "azapi_resource.instance_alice",
    "azapi_resource.scoring_aks",
    "azapi_resource.endpoint_fraud",
    "mlw-contoso-research/k8s-arc-scoring",
    "mlw-contoso-research/ep-research-private",  # breaks the poisoning path's entry
    "mlw-contoso-research/curated",  # a datastore that keeps no key: the workspace's identity
    # Deployments without secrets in their environment.
    "mlw-contoso-research/ep-research/blue",
    "mlw-contoso-research/ep-research-private/blue",
    "mlw-contoso-research/ep-research-uploaded/blue",
    "mlw-contoso-research/ep-research-curated/blue",
    "mlreg-contoso",
    "azurerm_role_assignment.ml_blob_data",
    "azurerm_cognitive_account.openai",
}


def test_azure_estate_is_judged_right_in_every_format() -> None:
    report = scan([str(ESTATE)], ScanOptions(include_passed=True))
    assert report.errors == []
    assert report.summary.undecided == 0
    failed: dict[str, set[str]] = defaultdict(set)
    passed: dict[str, set[str]] = defaultdict(set)
    for result in (r for r in report.results if r.resource.provider == "azure"):
        (failed if result.status == "failed" else passed)[result.resource.id].add(result.rule.id)
    assert dict(failed) == WEAK
    assert not set(failed) & HARDENED
    assert set(failed) | set(passed) == set(WEAK) | HARDENED
    # Each hardened resource is judged by every rule of its kind, in each format.
    assert passed["azurerm_machine_learning_workspace.fraud"] == WORKSPACE_RULES | STORAGE_RULES
    assert passed["azapi_resource.workspace_claims"] == WORKSPACE_RULES | STORAGE_RULES
    assert passed["azurerm_cognitive_account.openai"] == ACCOUNT_RULES
    sources = {r.resource.id: r.resource.location.source for r in report.results}
    assert {sources[i] for i in WEAK} == {"terraform", "arm"}
