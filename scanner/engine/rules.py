"""Rule files: one YAML per rule, parsed once into a Rule whose `check` is a typed condition
(language.py), checked against the kinds at load; an error names the file, the line and the key."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema
from pydantic.types import JsonValue

from scanner.engine.conditions import ConditionError, check_condition, has_path, kinds_touched
from scanner.engine.language import Condition
from scanner.engine.load_errors import rule_problems, yaml_problem

# Defined without pydantic for `rules list` (rule_listing.py) and the scan's options, and
# named here as before.
from scanner.engine.rule_terms import EQUIVALENT_TOOLS as EQUIVALENT_TOOLS
from scanner.engine.rule_terms import STANDARDS as STANDARDS
from scanner.engine.rule_terms import Category as Category
from scanner.engine.rule_terms import RuleLoadError as RuleLoadError
from scanner.engine.rule_terms import RuleStatus as RuleStatus
from scanner.engine.rule_terms import Severity as Severity
from scanner.engine.rule_terms import builtin_rules_dir as builtin_rules_dir
from scanner.mappings.catalog import Catalog

# libyaml's loader when PyYAML was built with it: reading every rule and kind file with the
# pure-Python one took over a second per run.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Ids of the threat catalogues, whose shape is known: a typo there is caught too.
_ID_SHAPES = {
    "mitre-atlas": re.compile(r"AML\.[TM]\d{4}(\.\d{3})?"),  # techniques and mitigations
    "owasp-ml-top-10": re.compile(r"ML(0[1-9]|10)"),
}


def _names(names: frozenset[str]) -> list[JsonValue]:
    """The keys a mapping may have, for the schema (an editor offers them)."""
    return [name for name in sorted(names)]


_ID_PATTERN = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"


class Rule(BaseModel):
    """A rule file: one control, judged on every resource of one kind."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(
        pattern=_ID_PATTERN,
        description="Stable id (suppressions, baselines and history refer to it).",
    )
    slug: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", description="Readable name.")
    title: str = Field(description="What a compliant resource does, in one line.")
    severity: Severity
    category: Category
    kind: str = Field(description="The normalized kind judged, e.g. aws.sagemaker.model.")
    check: Condition = Field(description="The condition a compliant resource satisfies.")
    rationale: str = Field(description="Why it matters.")
    remediation: dict[str, str] = Field(
        description="How to fix it, per source: terraform, cloudformation, arm, live."
    )
    references: list[str] = Field(default_factory=list)
    # Standards (STANDARDS) -> their control ids; other scanners' ids go in `equivalents`.
    frameworks: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Standards only, each with its control ids.",
        json_schema_extra={"propertyNames": {"enum": _names(STANDARDS)}},
    )
    equivalents: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Other scanners' ids for the same control.",
        json_schema_extra={"propertyNames": {"enum": _names(EQUIVALENT_TOOLS)}},
    )
    status: RuleStatus = RuleStatus.STABLE
    replaced_by: str | SkipJsonSchema[None] = Field(
        default=None, pattern=_ID_PATTERN, description="A deprecated rule's successor."
    )
    # Where the rule file is, for fixtures and errors: set by the loader, never written.
    path: SkipJsonSchema[str] = Field(default="", exclude=True)

    def kinds(self) -> frozenset[str]:
        """The kind the rule judges and every kind its `related:` tests join to."""
        return frozenset({self.kind}) | kinds_touched(self.check)

    @field_validator("frameworks")
    @classmethod
    def _standards_only(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, ids in value.items():
            if name in EQUIVALENT_TOOLS:
                raise ValueError(
                    f"{name} is another scanner, not a standard: list it under equivalents"
                )
            if name not in STANDARDS:
                raise ValueError(
                    f"unknown standard {name!r}; known: {', '.join(sorted(STANDARDS))}"
                )
            _check_ids(name, ids)
        return value

    @field_validator("equivalents")
    @classmethod
    def _known_tools(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, ids in value.items():
            if name not in EQUIVALENT_TOOLS:
                raise ValueError(
                    f"unknown scanner {name!r}; known: {', '.join(sorted(EQUIVALENT_TOOLS))}"
                    + (" (a standard belongs under frameworks)" if name in STANDARDS else "")
                )
            _check_ids(name, ids)
        return value

    @model_validator(mode="after")
    def _attack_path_walks_one(self) -> Rule:
        walks = has_path(self.check)
        if self.category is Category.ATTACK_PATH and not walks:
            raise ValueError("category attack-path: the check walks a path (`path:`)")
        if walks and self.category is not Category.ATTACK_PATH:
            raise ValueError("a check that walks a path is of category attack-path")
        return self

    @model_validator(mode="after")
    def _replacement(self) -> Rule:
        if self.replaced_by is not None and self.status is not RuleStatus.DEPRECATED:
            raise ValueError("replaced_by: only a deprecated rule is replaced (status: deprecated)")
        if self.replaced_by == self.id:
            raise ValueError("replaced_by: a rule cannot replace itself")
        return self


_RULE_KEYS = frozenset(Rule.model_fields) - {"path"}


def _check_ids(name: str, ids: list[str]) -> None:
    if not ids:
        raise ValueError(f"{name}: list at least one id")
    shape = _ID_SHAPES.get(name)
    wrong = [i for i in ids if shape is not None and not shape.fullmatch(i)]
    if wrong:
        raise ValueError(f"{name}: {', '.join(wrong)} is not a {name} id")


def load_rule_file(path: Path, catalog: Catalog) -> Rule:
    """One rule file, parsed and checked against the catalog's kinds: a RuleLoadError names
    the file, and the line and key of each problem."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleLoadError(f"{path}: {exc}") from exc
    try:
        raw = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        raise RuleLoadError(yaml_problem(path, exc)) from exc
    if not isinstance(raw, dict):
        raise RuleLoadError(f"{path}:1: a rule file is a mapping of keys (id, title, check...)")
    try:
        rule = Rule.model_validate({**raw, "path": str(path)})
    except ValidationError as exc:
        raise RuleLoadError(rule_problems(path, text, exc, _RULE_KEYS)) from exc
    kind = catalog.kinds.get(rule.kind)
    try:
        if kind is None:
            raise ConditionError(("kind",), f"unknown kind {rule.kind!r}")
        check_condition(rule.check, kind, catalog.kinds)
    except ConditionError as exc:
        raise RuleLoadError(rule_problems(path, text, exc, _RULE_KEYS)) from exc
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
    merged = sorted(rules.values(), key=lambda r: r.id)
    replacements(merged)  # every replaced_by names a rule of the set, without a circle
    return merged


def replacements(rules: Iterable[Rule]) -> dict[str, str]:
    """Each replaced rule's id -> the id of the rule that runs in its place, a chain followed
    to its end (A replaced by B, B by C: A -> C). A `replaced_by` naming no rule of the set,
    or a circle, is a RuleLoadError."""
    by_id = {r.id: r for r in rules}
    forward: dict[str, str] = {}
    for rule in by_id.values():
        chain, current = [rule.id], rule
        while current.replaced_by is not None:
            target = by_id.get(current.replaced_by)
            if target is None:
                raise RuleLoadError(
                    f"{current.path}: replaced_by names unknown rule {current.replaced_by}"
                )
            chain.append(target.id)
            if target.id in chain[:-1]:
                raise RuleLoadError(f"{rule.path}: replaced_by goes round: {' -> '.join(chain)}")
            current = target
        if current is not rule:
            forward[rule.id] = current.id
    return forward


def effective_ids(rules: Iterable[Rule]) -> dict[str, str]:
    """Every rule id -> the id of the rule that judges for it: itself, or its replacement.
    What a suppression, `--rule` or `--skip-rule` naming an id means."""
    listed = list(rules)
    forward = replacements(listed)
    return {r.id: forward.get(r.id, r.id) for r in listed}


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
