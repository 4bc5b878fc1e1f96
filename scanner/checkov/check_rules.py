"""Checkov checks as rules of the report: id, title, severity, category.

The category of each check id is data (`checks.csv` beside this module, regenerated from
Checkov's registries by bench/checkov_checks.py); the severity is Checkov's when its result
carries one (it does only with a Prisma Cloud API key), else the category's default in
`defaults.yaml`. A Checkov check is not a rule file: it has no condition of its own and its
id (`CKV_AWS_18`) is not an mlposture id, so its `Rule` is built here, not validated from YAML.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources

import yaml

from scanner.checkov.report_reader import CheckovCheck
from scanner.engine.rules import Category, Rule, RuleStatus, Severity

# The kind of a Checkov check's rule: the tag SARIF and the rule listings show for it.
CHECKOV_KIND = "checkov"


@dataclass(frozen=True, slots=True)
class CheckTable:
    categories: dict[str, Category]
    severity_by_category: dict[Category, Severity]
    unknown_category: Category

    def category(self, check_id: str) -> Category:
        return self.categories.get(check_id, self.unknown_category)

    def severity(self, check: CheckovCheck) -> Severity:
        """Checkov's severity when it gave one, else the default of the check's category."""
        given = (check.severity or "").strip().lower()
        if given in {s.value for s in Severity}:
            return Severity(given)
        return self.severity_by_category[self.category(check.check_id)]


def load_check_table() -> CheckTable:
    """The packaged tables (read per run: a scan without Checkov never reads them)."""
    folder = resources.files("scanner.checkov")
    rows = csv.DictReader(io.StringIO(folder.joinpath("checks.csv").read_text("utf-8")))
    categories = {row["check_id"]: Category(row["category"]) for row in rows}
    defaults = yaml.safe_load(folder.joinpath("defaults.yaml").read_text("utf-8"))
    severity = {
        Category(name): Severity(value) for name, value in defaults["severity_by_category"].items()
    }
    missing = set(Category) - set(severity)
    if missing:
        raise ValueError(f"defaults.yaml: no severity for {', '.join(sorted(missing))}")
    return CheckTable(categories, severity, Category(defaults["unknown_category"]))


def _slug(check_id: str) -> str:
    return check_id.lower().replace("_", "-")


def checkov_rule(check: CheckovCheck, table: CheckTable) -> Rule:
    """The rule a Checkov check stands for in the report (the same for all its results)."""
    guideline = check.guideline if (check.guideline or "").startswith("https://") else None
    fix = (
        f"Follow Checkov's guideline for {check.check_id}: {guideline}"
        if guideline
        else f"Make the resource satisfy Checkov's check {check.check_id}: {check.title}"
    )
    return Rule.model_construct(
        id=check.check_id,
        slug=_slug(check.check_id),
        title=check.title,
        severity=table.severity(check),
        category=table.category(check.check_id),
        kind=CHECKOV_KIND,
        check={},
        rationale=(
            f"Checkov check {check.check_id} ({check.title}), merged into this report by "
            "the Checkov bridge: no mlposture rule judges it."
        ),
        remediation={CHECKOV_KIND: fix},
        references=[guideline] if guideline else [],
        frameworks={},
        equivalents={},
        status=RuleStatus.STABLE,
        replaced_by=None,
        path="",
    )
