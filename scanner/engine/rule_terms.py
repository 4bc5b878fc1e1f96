"""The words of a rule that need no parsing: its severity, category and status, the error of
a broken rule file, where the built-in rules are, and what a listed rule shows (RuleSummary).

Kept apart from rules.py, which builds the rule models (pydantic) and the condition language
(Polars): `rules list` reads its rules from a cache (rule_listing.py) with this alone.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Protocol

import scanner

# The standards a rule's `frameworks` may name (a closed list, so that a typo or another
# scanner's id fails at load instead of making an empty `--framework` selection). The key is
# the standard, the values its control ids. Adding a standard is one line here.
# Here, not in rules.py: `scan --framework` lists them without loading the rule models.
STANDARDS = frozenset(
    {
        "aws-ai-security",  # AWS Security Hub controls for SageMaker / AI services
        "aws-fsbp",  # AWS Foundational Security Best Practices
        "aws-resource-tagging",  # AWS Resource Tagging Standard
        "azure-policy",  # Azure Policy built-in definition GUIDs
        "azure-security-benchmark",  # Microsoft cloud security benchmark
        "cis-gcp-3.0",  # CIS Google Cloud Platform Foundation Benchmark 3.0
        "google-security-controls",  # Google Cloud recommended controls (VAI-CO, COM-CO)
        "mitre-atlas",  # MITRE ATLAS techniques (AML.Txxxx) and mitigations (AML.Mxxxx)
        "nist-800-53",  # NIST SP 800-53 rev. 5
        "owasp-ml-top-10",  # OWASP Machine Learning Security Top 10 (2023)
    }
)

# Other scanners whose checks a rule's `equivalents` may name.
EQUIVALENT_TOOLS = frozenset({"checkov", "kics", "prowler", "tfsec", "trivy"})


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {
    Severity.INFO: 0,
    Severity.LOW: 1,
    Severity.MEDIUM: 2,
    Severity.HIGH: 3,
    Severity.CRITICAL: 4,
}


class Category(StrEnum):
    IAM = "iam"
    ENCRYPTION = "encryption"
    NETWORK = "network"
    EXPOSURE = "exposure"
    LOGGING = "logging"
    RESILIENCE = "resilience"
    SUPPLY_CHAIN = "supply-chain"
    SECRETS = "secrets"
    OPERATIONS = "operations"
    # A chain from an exposed resource to what matters (check: `not: {path: ...}`).
    ATTACK_PATH = "attack-path"


class RuleStatus(StrEnum):
    """A rule's lifecycle, as in ruff: preview rules run only when asked for (`--preview`);
    a deprecated rule still runs, unless `replaced_by` names the rule that took its place."""

    STABLE = "stable"
    PREVIEW = "preview"
    DEPRECATED = "deprecated"


class RuleLoadError(Exception):
    """A rule file that does not validate; the message names the file."""


def builtin_rules_dir() -> Path:
    """The built-in rules, found through the package itself, never through sys.path.

    An installed wheel carries them as the package data `scanner/_rules` (hatch_build.py).
    An editable install reads `rules/` of the checkout the package sits in, recognised by its
    pyproject.toml: a foreign top-level `rules` package beside an install never stands in.
    """
    package = Path(scanner.__file__).parent  # not importlib.resources: 10 ms of start-up
    packaged = package / "_rules"
    if packaged.is_dir():
        return packaged
    checkout = package.parent
    if _is_mlposture_checkout(checkout) and (checkout / "rules").is_dir():
        return checkout / "rules"
    raise RuleLoadError(
        f"the built-in rules are missing from this installation ({packaged}); reinstall mlposture"
    )


def _is_mlposture_checkout(folder: Path) -> bool:
    try:
        project = tomllib.loads((folder / "pyproject.toml").read_text("utf-8")).get("project", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(project, dict) and project.get("name") == "mlposture"


class RuleSummary(Protocol):
    """What listing a rule and filing it under threats read: a Rule, or a ListedRule read
    back from the cache of `rules list`."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def category(self) -> Category: ...
    @property
    def kind(self) -> str: ...
    @property
    def status(self) -> RuleStatus: ...
    @property
    def replaced_by(self) -> str | None: ...
    @property
    def frameworks(self) -> Mapping[str, Sequence[str]]: ...
