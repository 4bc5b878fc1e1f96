"""The attack paths of the sample estate (iac/): one full path per cloud (and Azure's poisoning
path in its ARM template), and hardened twins that each break it at a hop of their own.

"Breaks at hop b" is checked, not assumed: for each twin the path cut before hop b still
holds (its chain reaches that far) and the path cut after hop b does not. Hop 0 is the entry
condition: the twin satisfies every hop but not the entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from scanner.pipeline import ScanOptions, scan
from tests.rules.cases import builtin_rulebook

ESTATE = Path(__file__).resolve().parents[1] / "iac"


@dataclass(frozen=True)
class Case:
    folder: Path
    rule_id: str
    full: str  # the resource the full path starts from
    twins: dict[str, int]  # resource -> the hop it breaks the path at (0: the entry)
    # For a rule of several chains (`not: {any: [{path: ...}, ...]}`), the one walked here.
    chain: int | None = None


CASES = {
    "aws": Case(
        ESTATE,
        "MLP-AWS-PATH-002",
        "aws_sagemaker_endpoint.churn",
        {
            "aws_sagemaker_endpoint.churn_external_config": 1,
            "aws_sagemaker_endpoint.churn_external_model": 2,
            "aws_sagemaker_endpoint.fraud": 3,
        },
    ),
    "azure": Case(
        ESTATE / "azure",
        "MLP-AZ-PATH-002",
        "azurerm_machine_learning_online_endpoint.sandbox",
        {
            "azurerm_machine_learning_online_endpoint.sandbox_entra": 0,
            "azurerm_machine_learning_online_endpoint.elsewhere": 1,
            "azurerm_machine_learning_online_endpoint.fraud_key": 2,
        },
    ),
    "azure-poisoning": Case(
        ESTATE / "azure",
        "MLP-AZ-PATH-004",
        "mlw-contoso-research/ep-research",
        {
            "mlw-contoso-research/ep-research-private": 0,
            "mlw-contoso-research/ep-research-uploaded": 3,
            "mlw-contoso-research/ep-research-curated": 5,
        },
        chain=1,  # through a datastore
    ),
    "gcp": Case(
        ESTATE / "gcp",
        "MLP-GCP-PATH-003",
        "google_workbench_instance.research_exposed",
        {
            "google_workbench_instance.research_private": 0,
            "google_workbench_instance.research_external": 1,
            "google_workbench_instance.research_viewer": 2,
        },
    ),
}


def _rule_file(folder: Path, rule_id: str, kind: str, category: str, check: Any) -> None:
    folder.mkdir(parents=True)
    rule = {
        "id": rule_id,
        "slug": rule_id.lower(),
        "title": "cut path",
        "severity": "info",
        "category": category,
        "kind": kind,
        "check": {"not": check},
        "rationale": "r",
        "remediation": {"terraform": "r"},
    }
    (folder / "rule.yaml").write_text(yaml.safe_dump(rule), "utf-8")


def _cut_rules(folder: Path, case: Case) -> tuple[dict[str, Any], int]:
    """Rules that fail where a cut of the path holds: `T-ENTRY` (the entry alone), `T-NOENTRY`
    (every hop, no entry) and `T-UPTO-k` (the entry and the first k hops)."""
    rule = next(r for r in builtin_rulebook().rules if r.id == case.rule_id)
    negated = rule.model_dump(mode="json", include={"check"})["check"]["not"]
    chosen = negated if case.chain is None else negated["any"][case.chain]
    written = chosen["path"]
    hops = written["hops"]
    # No entry condition: the resource names its first hop (the entry rule needs a test).
    entry = written.get("entry", {"field": hops[0]["via"], "present": True})
    _rule_file(folder / "entry", "T-ENTRY", rule.kind, "exposure", entry)
    _rule_file(folder / "noentry", "T-NOENTRY", rule.kind, "attack-path", {"path": {"hops": hops}})
    for k in range(1, len(hops) + 1):
        cut = {"path": {**({"entry": entry} if "entry" in written else {}), "hops": hops[:k]}}
        _rule_file(folder / f"upto{k}", f"T-UPTO-{k}", rule.kind, "attack-path", cut)
    return written, len(hops)


@pytest.mark.parametrize("cloud", sorted(CASES))
def test_the_full_path_is_found_and_each_twin_breaks_it_at_its_hop(
    cloud: str, tmp_path: Path
) -> None:
    case = CASES[cloud]
    report = scan([str(case.folder)], ScanOptions(only_rules=(case.rule_id,), include_passed=True))
    assert report.errors == []
    status = {r.resource.id: r for r in report.results}
    full = status[case.full]
    assert full.status == "failed"
    hops = {e.hop.index for e in full.evidence if e.hop is not None and e.hop.chain == 0}
    _, count = _cut_rules(tmp_path / "rules", case)
    assert hops == set(range(count + 1))  # the entry and every hop, named in the evidence
    assert {twin: status[twin].status for twin in case.twins} == dict.fromkeys(case.twins, "passed")

    cuts = scan(
        [str(case.folder)],
        ScanOptions(rules_dirs=(tmp_path / "rules",), builtin_rules=False, include_passed=True),
    )
    holds = {(r.rule.id, r.resource.id) for r in cuts.results if r.status == "failed"}
    for rule_id in ["T-ENTRY", "T-NOENTRY", *(f"T-UPTO-{k}" for k in range(1, count + 1))]:
        assert (rule_id, case.full) in holds, f"{case.full}: {rule_id} should hold"
    for twin, hop in case.twins.items():
        if hop == 0:
            assert ("T-NOENTRY", twin) in holds, f"{twin}: every hop but the entry holds"
            assert ("T-ENTRY", twin) not in holds, f"{twin}: its entry should not hold"
            continue
        reached = ("T-ENTRY" if hop == 1 else f"T-UPTO-{hop - 1}", twin)
        assert reached in holds, f"{twin}: the path should hold up to hop {hop - 1}"
        assert (f"T-UPTO-{hop}", twin) not in holds, f"{twin}: the path should break at {hop}"
