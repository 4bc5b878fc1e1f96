"""The auditor's least privilege: the custom role in docs/live-audit-azure.md lists exactly
the actions of the requests the code makes, no more and no fewer; every one is a read, so the
built-in Reader role suffices."""

from __future__ import annotations

import json
import re
from pathlib import Path

from scanner.sources.live.azure.collect import collect_azure
from scanner.sources.live.azure.permissions import auditor_actions
from scanner.sources.live.azure.specs import LIVE_TYPES
from tests.live.azure.estate import SUB_HARDENED, SUB_WEAK, twin_estate, workspace_id
from tests.live.azure.fake_arm import FakeArm
from tests.live.azure.harness import options

DOC = Path(__file__).resolve().parents[3] / "docs" / "live-audit-azure.md"
_SUBSCRIPTION = re.compile(r"^/subscriptions(/[^/]+)?$", re.I)


def action_of(path: str) -> str:
    """The Azure RBAC action that authorizes a GET of `path`."""
    if _SUBSCRIPTION.match(path):
        return "Microsoft.Resources/subscriptions/read"
    parts = [p for p in path.split("/") if p]
    lowered = [p.lower() for p in parts]
    at = len(lowered) - 1 - lowered[::-1].index("providers")
    tail = parts[at + 1 :]
    return "/".join([tail[0], *tail[1::2], "read"])


def _documented_role() -> dict[str, object]:
    blocks = re.findall(r"```json\n(.*?)\n```", DOC.read_text("utf-8"), re.S)
    block = next((b for b in blocks if '"Name": "mlposture auditor"' in b), None)
    assert block, "docs/live-audit-azure.md has no custom role"
    role: dict[str, object] = json.loads(block)
    return role


def test_requests_made_are_exactly_the_documented_actions(fake_arm: FakeArm, ca_pem: Path) -> None:
    batch = workspace_id(SUB_WEAK, "rg-ml", "mlw-weak") + "/batchEndpoints/be-nightly"
    account = (
        f"/subscriptions/{SUB_WEAK}/resourceGroups/rg-ml/providers/"
        "Microsoft.CognitiveServices/accounts/oai-weak"
    )
    fake_arm.seed(
        [
            *twin_estate(),
            {
                "id": batch,
                "name": "be-nightly",
                "type": "Microsoft.MachineLearningServices/workspaces/batchEndpoints",
                "location": "westeurope",
                "properties": {"authMode": "AADToken"},
            },
            {  # an Azure OpenAI account, whose deployments and content filters are listed
                "id": account,
                "name": "oai-weak",
                "type": "Microsoft.CognitiveServices/accounts",
                "location": "westeurope",
                "kind": "OpenAI",
                "properties": {"disableLocalAuth": True},
            },
        ]
    )
    fake_arm.management_groups["mg-ml"] = [SUB_WEAK, SUB_HARDENED]
    load = collect_azure(options(fake_arm, ca_pem, management_groups=("mg-ml",)), LIVE_TYPES)
    assert load.gaps == []
    assert {r.id for r in load.resources} >= {batch}
    # Every list the code can make, with every type wanted; and --management-group.
    made = {action_of(path) for _, path in fake_arm.requests}
    assert {a.lower() for a in made} == {a.lower() for a in auditor_actions()}
    assert {method for method, _ in fake_arm.requests} == {"GET"}


def test_documented_custom_role_lists_exactly_the_actions() -> None:
    role = _documented_role()
    assert role["Actions"] == auditor_actions()
    assert role["NotActions"] == [] and role["DataActions"] == []
    assert all(str(a).endswith("/read") for a in auditor_actions())  # Reader (*/read) suffices
    assert "**Reader**" in DOC.read_text("utf-8")
