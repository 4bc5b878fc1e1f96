"""Terraform plan JSON: planned values, unknown-after-apply values, modules, relations."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from scanner.cli import main
from scanner.mappings import load_catalog
from scanner.pipeline import normalize_all
from scanner.sources.load import load_sources
from tests.conftest import WriteTree

NOTEBOOK = "aws_sagemaker_notebook_instance"

PLAN = {
    "format_version": "1.2",
    "terraform_version": "1.9.5",
    "planned_values": {
        "root_module": {
            "resources": [
                {
                    "address": f"{NOTEBOOK}.keyed",
                    "mode": "managed",
                    "type": NOTEBOOK,
                    "name": "keyed",
                    "values": {
                        "name": "keyed",
                        "direct_internet_access": "Disabled",
                        "root_access": "Enabled",
                        "instance_type": "ml.t3.medium",
                        "instance_metadata_service_configuration": [
                            {"minimum_instance_metadata_service_version": "2"}
                        ],
                    },
                },
                {
                    "address": f"data.{NOTEBOOK}.existing",
                    "mode": "data",
                    "type": NOTEBOOK,
                    "name": "existing",
                    "values": {"name": "existing"},
                },
            ],
            "child_modules": [
                {
                    "address": 'module.team["churn"]',
                    "resources": [
                        {
                            "address": f'module.team["churn"].{NOTEBOOK}.this[0]',
                            "mode": "managed",
                            "type": NOTEBOOK,
                            "name": "this",
                            "index": 0,
                            "values": {
                                "name": "churn-0",
                                "direct_internet_access": "Enabled",
                                "root_access": "Enabled",
                            },
                        }
                    ],
                }
            ],
        }
    },
    "resource_changes": [
        {
            "address": f"{NOTEBOOK}.keyed",
            "change": {
                "actions": ["create"],
                "after_unknown": {"arn": True, "kms_key_id": True, "role_arn": True},
            },
        },
        {
            "address": f'module.team["churn"].{NOTEBOOK}.this[0]',
            "change": {"actions": ["create"], "after_unknown": {"arn": True}},
        },
    ],
    "configuration": {
        "root_module": {
            "resources": [
                {
                    "address": f"{NOTEBOOK}.keyed",
                    "type": NOTEBOOK,
                    "expressions": {
                        "kms_key_id": {"references": ["aws_kms_key.ml.arn", "aws_kms_key.ml"]},
                        "role_arn": {"references": ["aws_iam_role.exec.arn", "aws_iam_role.exec"]},
                        "name": {"constant_value": "keyed"},
                    },
                }
            ],
            "module_calls": {
                "team": {
                    "source": "./modules/team",
                    "module": {
                        "resources": [
                            {
                                "address": f"{NOTEBOOK}.this",
                                "expressions": {
                                    "role_arn": {"references": ["var.role_arn"]},
                                    "kms_key_id": {
                                        "references": ["aws_kms_key.team.arn", "aws_kms_key.team"]
                                    },
                                },
                            }
                        ]
                    },
                }
            },
        }
    },
}


def test_plan_resources_with_unknowns_modules_and_relations(write_tree: WriteTree) -> None:
    root = write_tree({"plan.json": json.dumps(PLAN, indent=2)})
    catalog = load_catalog()
    load = load_sources([(root / "plan.json", "plan.json")], catalog.native_types, workers=1)
    assert not load.errors
    normalized = normalize_all(load.resources, catalog)
    by_id = {r.id: r for r in normalized.resources}
    assert sorted(by_id) == [f"{NOTEBOOK}.keyed", f'module.team["churn"].{NOTEBOOK}.this[0]']
    keyed = by_id[f"{NOTEBOOK}.keyed"]
    assert keyed.location.source == "terraform-plan"
    assert keyed.location.file == "plan.json"
    assert keyed.location.line is not None and keyed.location.line > 1
    assert {"kms_key_id", "role_arn"} <= keyed.unknown
    assert keyed.values["direct_internet_access"] is False
    assert keyed.values["imds_minimum_version"] == "2"
    edges = {(r.source_id, r.field, r.target_id) for r in normalized.relations}
    assert (keyed.id, "kms_key_id", "aws_kms_key.ml") in edges
    assert (keyed.id, "role_arn", "aws_iam_role.exec") in edges
    churn = by_id[f'module.team["churn"].{NOTEBOOK}.this[0]']
    assert churn.values["kms_key_id"] is None and "kms_key_id" not in churn.unknown


def test_plan_scan_finds_weak_resources_and_other_json_is_skipped(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "plan.json": json.dumps(PLAN),
            "package.json": '{"name": "not-a-template", "version": "1.0.0"}',
            "broken-plan.json": '{"format_version": "1.2", "planned_values": {',
        }
    )
    result = CliRunner().invoke(
        main, ["scan", str(root), "--format", "json", "--rule", "MLP-AWS-SM-002"]
    )
    report = json.loads(result.output)
    assert result.exit_code == 1
    failed = [(r["resource"]["id"], r["resource"]["source"]) for r in report["results"]]
    assert failed == [(f'module.team["churn"].{NOTEBOOK}.this[0]', "terraform-plan")]
    assert [(Path(e["file"]).name, e["message"][:12]) for e in report["errors"]] == [
        ("broken-plan.json", "invalid JSON")
    ]
