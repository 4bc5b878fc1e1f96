"""Regenerate scanner/checkov/checks.csv: the mlposture category of every Checkov check.

Run it with the Python of Checkov's own environment (bench/checkov_venv.sh builds it):

    bench/.venv-checkov/bin/python bench/checkov_checks.py > scanner/checkov/checks.csv

It reads the check registries of the frameworks `scan --with-checkov` runs (Terraform,
Terraform plan, CloudFormation, ARM, Bicep; plan checks are Terraform's) and writes one row per
check id: the mlposture category and Checkov's own category, so a reviewer sees both. The
check's title decides first (the first keyword of `_KEYWORDS` in it): Checkov files some checks
under a category their title contradicts (CKV_AWS_19, S3 server-side encryption, is LOGGING
there). Without a keyword, Checkov's specific categories map one to one (ENCRYPTION ->
encryption, ...) and its broad ones (GENERAL_SECURITY, AI_AND_ML, ...) become `operations`.
Only ids, titles and categories are read from Checkov.
"""

from __future__ import annotations

import csv
import sys

_SPECIFIC = {
    "IAM": "iam",
    "ENCRYPTION": "encryption",
    "NETWORKING": "network",
    "LOGGING": "logging",
    "BACKUP_AND_RECOVERY": "resilience",
    "SECRETS": "exposure",
    "SUPPLY_CHAIN": "supply-chain",
    "API_SECURITY": "exposure",
}
# Checked in order on the lower-cased title of a check.
_KEYWORDS = (
    ("public", "exposure"),
    ("everyone", "exposure"),
    ("internet", "exposure"),
    ("anonymous", "exposure"),
    ("encrypt", "encryption"),
    ("kms", "encryption"),
    ("cmk", "encryption"),
    ("customer managed key", "encryption"),
    ("tls", "encryption"),
    ("ssl", "encryption"),
    ("https", "encryption"),
    ("logging", "logging"),
    ("audit", "logging"),
    ("trail", "logging"),
    ("monitor", "logging"),
    ("tracing", "logging"),
    ("x-ray", "logging"),
    ("iam", "iam"),
    ("role", "iam"),
    ("privilege", "iam"),
    ("root", "iam"),
    ("admin", "iam"),
    ("password", "iam"),
    ("credential", "iam"),
    ("vpc", "network"),
    ("subnet", "network"),
    ("network", "network"),
    ("firewall", "network"),
    ("security group", "network"),
    ("backup", "resilience"),
    ("deletion protection", "resilience"),
    ("versioning", "resilience"),
    ("retention", "resilience"),
    ("soft delete", "resilience"),
    ("lifecycle", "resilience"),
    ("replication", "resilience"),
    ("image", "supply-chain"),
    ("commit hash", "supply-chain"),
)


def category(checkov_category: str, title: str) -> str:
    lowered = title.lower()
    by_title = next((ours for word, ours in _KEYWORDS if word in lowered), None)
    return by_title or _SPECIFIC.get(checkov_category, "operations")


def _checks() -> dict[str, tuple[str, str]]:
    # Imported here: this script runs only inside Checkov's environment.
    from checkov.arm.registry import arm_parameter_registry, arm_resource_registry
    from checkov.bicep.checks.param.registry import registry as bicep_param_registry
    from checkov.bicep.checks.resource.registry import registry as bicep_resource_registry
    from checkov.cloudformation.checks.resource.registry import cfn_registry
    from checkov.common.checks_infra.registry import get_graph_checks_registry
    from checkov.terraform.checks.data.registry import data_registry
    from checkov.terraform.checks.module.registry import module_registry
    from checkov.terraform.checks.provider.registry import provider_registry
    from checkov.terraform.checks.resource.registry import resource_registry

    found: dict[str, tuple[str, str]] = {}
    for registry in (
        resource_registry,
        data_registry,
        provider_registry,
        module_registry,
        cfn_registry,
        arm_resource_registry,
        arm_parameter_registry,
        bicep_resource_registry,
        bicep_param_registry,
    ):
        for _entity, check in registry.all_checks():
            names = [c.name for c in check.categories] or ["GENERAL_SECURITY"]
            found.setdefault(check.id, (names[0], check.name))
    for framework in ("terraform", "cloudformation", "arm", "bicep"):
        graph = get_graph_checks_registry(framework)
        graph.load_checks()
        for check in graph.checks:
            found.setdefault(check.id, (check.category or "GENERAL_SECURITY", check.name))
    return found


def _order(check_id: str) -> tuple[str, int]:
    head, _, number = check_id.rpartition("_")
    return (head, int(number) if number.isdigit() else 0)


def main() -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["check_id", "category", "checkov_category"])
    checks = _checks()
    for check_id in sorted(checks, key=_order):
        checkov_category, title = checks[check_id]
        writer.writerow([check_id, category(checkov_category, title), checkov_category])


if __name__ == "__main__":
    main()
