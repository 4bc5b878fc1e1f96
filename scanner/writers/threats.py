"""The attacks ML systems suffer, and which rules answer each: `rules list --threat`, and the
threat x cloud matrix of docs/threats.md.

A rule names the MITRE ATLAS techniques and OWASP Machine Learning Security Top 10 (2023)
risks it answers under `frameworks`; the threats below are groups of those ids, so a rule is
filed under a threat by the ids it already carries, never by a second list to keep in step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from scanner.engine.rule_terms import RuleSummary

ATLAS = "mitre-atlas"
OWASP_ML = "owasp-ml-top-10"
# Short names accepted by `rules list --framework`.
FRAMEWORK_ALIASES = {"atlas": ATLAS, "owasp-ml": OWASP_ML}
PROVIDERS = (("aws", "AWS"), ("azure", "Azure"), ("gcp", "Google Cloud"))


@dataclass(frozen=True, slots=True)
class Threat:
    slug: str
    title: str
    ids: frozenset[str]  # ATLAS technique / mitigation ids and OWASP ML risks that file a rule here


THREATS: tuple[Threat, ...] = (
    Threat(
        "poisoning",
        "Training-data poisoning",
        frozenset({"AML.T0020", "AML.T0019", "ML02"}),
    ),
    Threat(
        "tampering",
        "Model and image tampering (supply chain)",
        frozenset({"AML.T0010", "AML.T0018", "ML06", "ML10"}),
    ),
    Threat(
        "theft",
        "Model theft, inversion and membership inference",
        frozenset({"AML.T0024", "AML.T0035", "AML.T0040", "AML.T0044", "ML03", "ML04", "ML05"}),
    ),
    Threat("secrets", "Secrets in the ML lifecycle", frozenset({"AML.T0055"})),
    Threat(
        "blind-spots",
        "Blind spots: inference and data access nobody logs",
        frozenset({"AML.M0024"}),
    ),
)


def threat_ids(rule: RuleSummary) -> set[str]:
    """The ATLAS and OWASP ML ids a rule answers."""
    return set(rule.frameworks.get(ATLAS, ())) | set(rule.frameworks.get(OWASP_ML, ()))


def threats_of(rule: RuleSummary) -> list[Threat]:
    ids = threat_ids(rule)
    return [t for t in THREATS if t.ids & ids]


def answers(rule: RuleSummary, wanted: str) -> bool:
    """Whether `rule` answers a threat named by its slug or by one ATLAS / OWASP id."""
    key = wanted.strip()
    return any(t.slug == key.lower() for t in threats_of(rule)) or key.upper() in {
        i.upper() for i in threat_ids(rule)
    }


def framework_name(name: str) -> str:
    return FRAMEWORK_ALIASES.get(name.lower(), name.lower())


def _provider(rule: RuleSummary) -> str:
    return rule.kind.split(".", 1)[0]


def write_threat_matrix(rules: Sequence[RuleSummary], out: TextIO) -> None:
    """docs/threats.md: for each threat and cloud, the rules that answer it."""
    out.write(
        "# Threats x clouds\n\n"
        "Generated from the rule files by `mlposture rules threats`; do not edit by hand.\n"
        "A rule is filed under a threat by the MITRE ATLAS and OWASP ML Top 10 (2023) ids\n"
        "in its `frameworks`; `mlposture rules list --threat poisoning` (or an id such as\n"
        "`AML.T0020`) lists them.\n\n"
    )
    out.write("| threat | ids | " + " | ".join(title for _, title in PROVIDERS) + " |\n")
    out.write("|---" * (len(PROVIDERS) + 2) + "|\n")
    for threat in THREATS:
        cells = []
        for provider, _ in PROVIDERS:
            ids = sorted(
                r.id for r in rules if _provider(r) == provider and threat in threats_of(r)
            )
            cells.append("<br>".join(f"[{i}](rules.md#{i.lower()})" for i in ids) or "none")
        ids_text = ", ".join(sorted(threat.ids))
        out.write(
            f"| {threat.title} (`{threat.slug}`) | {ids_text} | " + " | ".join(cells) + " |\n"
        )
