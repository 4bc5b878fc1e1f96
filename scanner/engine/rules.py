"""Rule files: one YAML per rule, validated with pydantic (its errors name the bad field)."""

from __future__ import annotations

import tomllib
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from scanner.engine.conditions import ConditionError, validate_condition
from scanner.mappings.catalog import Catalog

# libyaml's loader when PyYAML was built with it: reading every rule and kind file with the
# pure-Python one took over a second per run.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    OPERATIONS = "operations"


class Rule(BaseModel):
    """A rule file. `check` is the condition a compliant resource satisfies."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
    slug: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str
    severity: Severity
    category: Category
    kind: str
    check: dict[str, Any]
    rationale: str
    remediation: dict[str, str]
    references: list[str] = Field(default_factory=list)
    frameworks: dict[str, list[str]] = Field(default_factory=dict)
    path: str = Field(default="", exclude=True)  # where the rule file is, for fixtures and errors


class RuleLoadError(Exception):
    """A rule file that does not validate; the message names the file."""


def builtin_rules_dir() -> Path:
    """The built-in rules, found through the package itself, never through sys.path.

    An installed wheel carries them as the package data `scanner/_rules` (hatch_build.py).
    An editable install reads `rules/` of the checkout the package sits in, recognised by its
    pyproject.toml: a foreign top-level `rules` package beside an install never stands in.
    """
    package = Path(str(resources.files("scanner")))
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


def load_rule_file(path: Path, catalog: Catalog) -> Rule:
    try:
        raw = yaml.load(path.read_text("utf-8"), Loader=_YAML_LOADER)
        rule = Rule.model_validate({**raw, "path": str(path)})
    except (OSError, yaml.YAMLError, ValidationError, TypeError) as exc:
        raise RuleLoadError(f"{path}: {exc}") from exc
    kind = catalog.kinds.get(rule.kind)
    if kind is None:
        raise RuleLoadError(f"{path}: unknown kind {rule.kind!r}")
    try:
        validate_condition(rule.check, kind, catalog.kinds)
    except ConditionError as exc:
        raise RuleLoadError(f"{path}: check: {exc}") from exc
    return rule


def merge_rule_sets(*sets: list[Rule]) -> list[Rule]:
    """One rule set, sorted by id; an id given twice is an error naming both files."""
    rules: dict[str, Rule] = {}
    for rule in (r for rule_set in sets for r in rule_set):
        if rule.id in rules:
            raise RuleLoadError(
                f"{rule.path}: rule id {rule.id} is already used by {rules[rule.id].path}"
            )
        rules[rule.id] = rule
    return sorted(rules.values(), key=lambda r: r.id)


def load_rules(dirs: list[Path], catalog: Catalog) -> list[Rule]:
    """Every `rule.yaml` under `dirs`, sorted by id; ids must be unique."""
    rules: dict[str, Rule] = {}
    for folder in dirs:
        if not folder.is_dir():
            raise RuleLoadError(f"{folder}: rules folder does not exist")
        for path in sorted(folder.rglob("rule.yaml")):
            rule = load_rule_file(path, catalog)
            rules.setdefault(rule.id, rule)
            if rules[rule.id] is not rule:
                raise RuleLoadError(
                    f"{path}: rule id {rule.id} is already used by {rules[rule.id].path}"
                )
    return sorted(rules.values(), key=lambda r: r.id)
