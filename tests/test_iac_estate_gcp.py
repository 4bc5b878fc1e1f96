"""The Google part of the sample estate (iac/gcp): every weak Vertex AI / Workbench resource
fails exactly the rules it should, every hardened one passes them all.

The estate evaluates variables, locals, `for_each` and references to keys created in the same
configuration (known only after apply), so this is the end-to-end check of the google HCL path.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from scanner.pipeline import ScanOptions, scan

ESTATE = Path(__file__).resolve().parents[1] / "iac" / "gcp"

_WORKBENCH_DEFAULTS = {
    "MLP-GCP-WB-001": "network",
    "MLP-GCP-WB-002": "iam",
    "MLP-GCP-WB-003": "exposure",
    "MLP-GCP-WB-004": "iam",
    "MLP-GCP-WB-005": "operations",
    "MLP-GCP-WB-006": "iam",
    "MLP-GCP-WB-007": "supply-chain",
    "MLP-GCP-WB-010": "iam",
    "MLP-GCP-WB-011": "encryption",
    "MLP-GCP-WB-012": "encryption",
}
WEAK = {
    "google_project_iam_member.default_editor": {
        "MLP-GCP-IAM-001": "iam",
        "MLP-GCP-IAM-002": "iam",
    },
    "google_vertex_ai_endpoint.churn": {
        "MLP-GCP-VAI-001": "network",
        "MLP-GCP-VAI-002": "encryption",
        "MLP-GCP-TH-002": "logging",
    },
    # The poisoned pipeline: embeddings in an unversioned bucket left to the org policy, and
    # serving images whose tags can be moved.
    "google_vertex_ai_index.scratch": {
        "MLP-GCP-VAI-006": "encryption",
        "MLP-GCP-TH-003": "resilience",
        "MLP-GCP-TH-004": "exposure",
    },
    "google_artifact_registry_repository.scratch_images": {"MLP-GCP-TH-001": "supply-chain"},
    "google_vertex_ai_dataset.claims": {"MLP-GCP-VAI-003": "encryption"},
    "google_vertex_ai_featurestore.scratch": {"MLP-GCP-VAI-004": "encryption"},
    "google_vertex_ai_featurestore_entitytype.sessions": {"MLP-GCP-VAI-005": "encryption"},
    "google_vertex_ai_index_endpoint.search_public": {
        "MLP-GCP-VAI-007": "network",
        "MLP-GCP-VAI-008": "encryption",
    },
    "google_vertex_ai_tensorboard.experiments": {"MLP-GCP-VAI-009": "encryption"},
    # iac/gcp/genai.tf: an Agent Engine agent with the defaults.
    "google_vertex_ai_reasoning_engine.support_prototype": {
        "MLP-GCP-VAI-011": "encryption",
        "MLP-GCP-VAI-012": "iam",
    },
    # Shielded VM vTPM and integrity monitoring are on by default: no finding for them.
    "google_workbench_instance.sandbox": _WORKBENCH_DEFAULTS,
    "google_notebooks_instance.legacy": _WORKBENCH_DEFAULTS,
    "google_notebooks_runtime.shared": {
        "MLP-GCP-WB-020": "network",
        "MLP-GCP-WB-021": "encryption",
        "MLP-GCP-WB-022": "iam",
        "MLP-GCP-WB-023": "operations",
        "MLP-GCP-WB-024": "supply-chain",
    },
    # iac/gcp/paths.tf: an external IP, and an editor service account (the attack path); the
    # twins keep the external IP and break the path at hop 1 and hop 2.
    "google_workbench_instance.research_exposed": {
        "MLP-GCP-PATH-001": "attack-path",  # the editor account can write every bucket
        "MLP-GCP-PATH-003": "attack-path",
        "MLP-GCP-WB-001": "network",
    },
    "google_project_iam_member.research_editor": {
        "MLP-GCP-IAM-001": "iam",
        "MLP-GCP-IAM-002": "iam",
    },
    "google_workbench_instance.research_external": {"MLP-GCP-WB-001": "network"},
    "google_workbench_instance.research_viewer": {"MLP-GCP-WB-001": "network"},
}
HARDENED = {
    # iac/gcp/paths.tf: the twins that break the research notebook's path at the entry (no
    # external IP) and at hop 2 (an account with no administrative grant).
    "google_workbench_instance.research_private",
    "google_project_iam_member.research_viewer_vertex_user",
    'google_project_iam_member.notebook_vertex_user["fraud"]',
    'google_project_iam_member.notebook_vertex_user["pricing"]',
    "google_vertex_ai_endpoint.fraud",
    "google_vertex_ai_index.products",
    "google_artifact_registry_repository.serving",
    "google_vertex_ai_dataset.transactions",
    "google_vertex_ai_featurestore.customers",
    "google_vertex_ai_featurestore_entitytype.customer",
    "google_vertex_ai_index_endpoint.search",
    "google_vertex_ai_metadata_store.lineage",
    'google_workbench_instance.team["fraud"]',
    'google_workbench_instance.team["pricing"]',
    "google_notebooks_runtime.research",
    "google_vertex_ai_reasoning_engine.support",
}


def test_google_estate_is_judged_right() -> None:
    report = scan([str(ESTATE)], ScanOptions(include_passed=True))
    assert report.errors == []
    failed: dict[str, dict[str, str]] = defaultdict(dict)
    passed: dict[str, set[str]] = defaultdict(set)
    undecided = []
    for result in (r for r in report.results if r.resource.provider == "gcp"):
        if result.status == "failed":
            failed[result.resource.id][result.rule.id] = result.rule.category.value
        elif result.status == "passed":
            passed[result.resource.id].add(result.rule.id)
        else:
            undecided.append((result.resource.id, result.rule.id, result.status))
    assert undecided == []
    assert dict(failed) == WEAK
    assert all(not failed.get(resource) for resource in HARDENED)
    assert set(failed) | set(passed) == set(WEAK) | HARDENED


def test_hardened_workbench_passes_every_workbench_rule() -> None:
    """Each hardened team notebook (from for_each) is judged on all thirteen instance rules."""
    report = scan([str(ESTATE)], ScanOptions(include_passed=True))
    for team in ("fraud", "pricing"):
        address = f'google_workbench_instance.team["{team}"]'
        judged = {
            r.rule.id: r.status
            for r in report.results
            if r.resource.id == address and not r.is_attack_path
        }
        assert len(judged) == 13, judged
        assert set(judged.values()) == {"passed"}, judged
