"""Terraform plan JSON: planned values, unknown-after-apply values, modules, relations."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from scanner.cli import main
from scanner.mappings import load_catalog
from scanner.model.resource import Resource
from scanner.model.values import UNKNOWN
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
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    failed = [(r["resource"]["id"], r["resource"]["source"]) for r in report["results"]]
    assert failed == [(f'module.team["churn"].{NOTEBOOK}.this[0]', "terraform-plan")]
    assert [(Path(e["file"]).name, e["message"][:12]) for e in report["errors"]] == [
        ("broken-plan.json", "invalid JSON")
    ]


IMAGE = "aws_sagemaker_image"
AWS = "registry.terraform.io/hashicorp/aws"
# A planned resource, its change and its configuration block.
Planned = tuple[dict[str, object], dict[str, object], dict[str, object]]


def _resource(
    address: str,
    values: dict[str, object],
    after_unknown: dict[str, object],
    sensitive: dict[str, object],
    expressions: dict[str, object],
    provider_key: str = "aws",
) -> Planned:
    """A planned resource, its change and its configuration, as `terraform show -json` has them."""
    rtype, name = address.rsplit(".", 2)[-2:]
    planned = {
        "address": address,
        "mode": "managed",
        "type": rtype,
        "name": name,
        "provider_name": AWS,
        "schema_version": 0,
        "values": values,
        "sensitive_values": sensitive,
    }
    change = {
        "address": address,
        "mode": "managed",
        "type": rtype,
        "name": name,
        "provider_name": AWS,
        "change": {
            "actions": ["create"],
            "before": None,
            "after": values,
            "after_unknown": after_unknown,
            "before_sensitive": False,
            "after_sensitive": sensitive,
        },
    }
    config = {
        "address": address,
        "mode": "managed",
        "type": rtype,
        "name": name,
        "provider_config_key": provider_key,
        "expressions": expressions,
        "schema_version": 0,
    }
    return planned, change, config


def _plan(
    *resources: Planned,
    providers: dict[str, object] | None = None,
    variables: dict[str, object] | None = None,
) -> dict[str, object]:
    plan: dict[str, object] = {"format_version": "1.2", "terraform_version": "1.11.4"}
    if variables:
        plan["variables"] = {k: {"value": v} for k, v in variables.items()}
    plan["planned_values"] = {"root_module": {"resources": [r[0] for r in resources]}}
    plan["resource_changes"] = [r[1] for r in resources]
    plan["configuration"] = {
        "provider_config": providers
        or {"aws": {"name": "aws", "full_name": AWS, "expressions": {}}},
        "root_module": {"resources": [r[2] for r in resources]},
    }
    return plan


def _normalized(write_tree: WriteTree, plan: dict[str, object]) -> dict[str, Resource]:
    root = write_tree({"plan.json": json.dumps(plan)})
    catalog = load_catalog()
    load = load_sources([(root / "plan.json", "plan.json")], catalog.native_types, workers=1)
    assert not load.errors
    return {r.id: r for r in normalize_all(load.resources, catalog).resources}


NOTEBOOK_VALUES = {
    "direct_internet_access": "Enabled",
    "instance_type": "ml.t3.medium",
    "name": "lab",
    "role_arn": "arn:aws:iam::111122223333:role/nb",
    "root_access": "Enabled",
    "subnet_id": None,
    "tags": None,
    "volume_size": 5,
}


def test_what_the_provider_fills_in_is_absent_and_takes_the_service_default(
    write_tree: WriteTree,
) -> None:
    # platform_identifier and the version inside a written block are left to the provider: the
    # kind's default applies, as in the Terraform source. kms_key_id is set to a reference:
    # unknown. Security groups, a set, stay unknown: a `dynamic` block looks the same.
    omitted = _resource(
        f"{NOTEBOOK}.omitted",
        {
            **NOTEBOOK_VALUES,
            "instance_metadata_service_configuration": [{}],
            "kms_key_id": None,
        },
        {
            "arn": True,
            "instance_metadata_service_configuration": [
                {"minimum_instance_metadata_service_version": True}
            ],
            "kms_key_id": True,
            "platform_identifier": True,
            "security_groups": True,
            "tags_all": True,
        },
        {"instance_metadata_service_configuration": [{}], "security_groups": [], "tags_all": {}},
        {
            "instance_metadata_service_configuration": [{}],
            "instance_type": {"constant_value": "ml.t3.medium"},
            "kms_key_id": {"references": ["aws_kms_key.nb.arn", "aws_kms_key.nb"]},
            "name": {"constant_value": "lab"},
            "role_arn": {"constant_value": "arn:aws:iam::111122223333:role/nb"},
        },
    )
    notebook = _normalized(write_tree, _plan(omitted))[f"{NOTEBOOK}.omitted"]
    assert notebook.values["platform_identifier"] == "notebook-al2023-v1"
    assert notebook.values["imds_minimum_version"] == "1"
    assert notebook.unknown == {"kms_key_id", "security_groups"}


def test_without_sensitive_values_or_configuration_every_unknown_stays_unknown(
    write_tree: WriteTree,
) -> None:
    planned, change, config = _resource(
        f"{NOTEBOOK}.bare",
        dict(NOTEBOOK_VALUES),
        {"platform_identifier": True},
        {},
        {"name": {"constant_value": "lab"}},
    )
    del planned["sensitive_values"]
    plan = _plan((planned, change, config))
    assert "platform_identifier" in _normalized(write_tree, plan)[f"{NOTEBOOK}.bare"].unknown
    plan["configuration"] = {}
    planned["sensitive_values"] = {}
    assert "platform_identifier" in _normalized(write_tree, plan)[f"{NOTEBOOK}.bare"].unknown


def _image(name: str, tags: object, provider_key: str = "aws") -> Planned:
    values: dict[str, object] = {"image_name": name, "role_arn": "arn:aws:iam::1:role/i"}
    unknown: dict[str, object] = {"arn": True, "id": True, "tags_all": True}
    expressions: dict[str, object] = {"image_name": {"constant_value": name}}
    if tags is UNKNOWN:
        unknown["tags"] = True
        expressions["tags"] = {"references": ["aws_iam_role.r.arn", "aws_iam_role.r"]}
    else:
        values["tags"] = tags
        if tags is not None:
            unknown["tags"] = {}
            expressions["tags"] = {"constant_value": tags}
    sensitive = {"tags": {}, "tags_all": {}} if tags is not None else {"tags_all": {}}
    return _resource(f"{IMAGE}.{name}", values, unknown, sensitive, expressions, provider_key)


def test_tags_all_is_what_the_apply_will_set(write_tree: WriteTree) -> None:
    # On create the provider leaves tags_all unknown when it has nothing to merge; the plan's
    # configuration decides it all the same. A tags map with an unknown value is wholly unknown.
    providers = {
        "aws": {"name": "aws", "full_name": AWS, "expressions": {}},
        "aws.team": {
            "name": "aws",
            "full_name": AWS,
            "alias": "team",
            "expressions": {"default_tags": [{"tags": {"references": ["var.team_tags"]}}]},
        },
        "aws.other": {
            "name": "aws",
            "full_name": AWS,
            "alias": "other",
            "expressions": {"default_tags": [{"tags": {"references": ["local.tags"]}}]},
        },
    }
    plan = _plan(
        _image("untagged", None),
        _image("empty", {}),
        _image("zero_valued", {"owner": ""}),
        _image("from_variable", None, "aws.team"),
        _image("computed", UNKNOWN),
        _image("unresolved_defaults", None, "aws.other"),
        providers=providers,
        variables={"team_tags": {"owner": "ml"}},
    )
    tags = {
        rid.removeprefix(f"{IMAGE}."): (r.values["tag_keys"], "tag_keys" in r.unknown)
        for rid, r in _normalized(write_tree, plan).items()
    }
    assert tags == {
        "untagged": (None, False),
        "empty": (None, False),
        "zero_valued": (["owner"], False),
        "from_variable": (["owner"], False),
        "computed": (None, True),
        "unresolved_defaults": (None, True),
    }


def test_a_deposed_object_does_not_hide_the_unknowns_of_the_new_one(
    write_tree: WriteTree,
) -> None:
    keyed = _resource(
        f"{NOTEBOOK}.keyed",
        dict(NOTEBOOK_VALUES),
        {"kms_key_id": True},
        {},
        {"kms_key_id": {"references": ["aws_kms_key.nb.arn", "aws_kms_key.nb"]}},
    )
    plan = _plan(keyed)
    deposed = json.loads(json.dumps(keyed[1]))
    deposed["deposed"] = "00000001"
    deposed["change"] = {"actions": ["delete"], "before": {}, "after": None, "after_unknown": {}}
    plan["resource_changes"].append(deposed)  # type: ignore[attr-defined]
    assert "kms_key_id" in _normalized(write_tree, plan)[f"{NOTEBOOK}.keyed"].unknown


def test_blocks_that_differ_are_not_matched_by_position(write_tree: WriteTree) -> None:
    # A set of blocks is planned in Terraform's own order, not as written: the unknown count
    # below may be the first block's, which sets it, so it stays unknown.
    endpoint = "aws_sagemaker_endpoint_configuration"
    variants = [
        {"variant_name": "a", "initial_instance_count": None, "instance_type": "ml.m5.large"},
        {"variant_name": "b", "initial_instance_count": None, "instance_type": None},
    ]
    config = _resource(
        f"{endpoint}.mixed",
        {"name": "mixed", "production_variants": variants},
        {"production_variants": [{}, {"initial_instance_count": True}]},
        {"production_variants": [{}, {}]},
        {
            "name": {"constant_value": "mixed"},
            "production_variants": [
                {
                    "variant_name": {"constant_value": "b"},
                    "initial_instance_count": {"references": ["aws_x.y.count", "aws_x.y"]},
                },
                {
                    "variant_name": {"constant_value": "a"},
                    "instance_type": {"constant_value": "ml.m5.large"},
                },
            ],
        },
    )
    resource = _normalized(write_tree, _plan(config))[f"{endpoint}.mixed"]
    assert "variant_initial_instance_counts" in resource.unknown


def test_each_resource_is_located_at_its_address_in_the_plan(write_tree: WriteTree) -> None:
    text = json.dumps(PLAN, indent=2)
    root = write_tree({"plan.json": text})
    load = load_sources([(root / "plan.json", "plan.json")], load_catalog().native_types, workers=1)
    lines = {r.id: r.location.line for r in load.resources}
    for address, line in lines.items():
        needle = f'"address": {json.dumps(address)}'
        expected = next(n for n, t in enumerate(text.splitlines(), start=1) if needle in t)
        assert line == expected, address
    # A module instance key is quoted inside the address: `module.team[\"churn\"]...`.
    assert lines[f'module.team["churn"].{NOTEBOOK}.this[0]'] > lines[f"{NOTEBOOK}.keyed"]
