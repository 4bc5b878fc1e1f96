"""A Terraform plan JSON of the wrong shape, or past a bound: one error, never a traceback.

Each plan is the good fixture with one value replaced, scanned beside good files of every
format; the error names the JSON path of the first value that is not what `terraform show
-json` writes.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tests.sources.hostile import GOOD_PLAN, assert_one_error, scan_beside_good

_RESOURCE = ["planned_values", "root_module", "resources", 0]
_CHANGE = ["resource_changes", 0, "change"]
_CONFIG = ["configuration", "root_module"]
_PROVIDER = ["configuration", "provider_config", "aws"]
# (where, the path named in the error): a value at `where` of the wrong type or null
PLACES = {
    "planned_values": (["planned_values"], "planned_values"),
    "root_module": (["planned_values", "root_module"], "planned_values.root_module"),
    "resources": (_RESOURCE[:-1], "planned_values.root_module.resources"),
    "resource": (_RESOURCE, "planned_values.root_module.resources[0]"),
    "child_modules": (
        ["planned_values", "root_module", "child_modules"],
        "planned_values.root_module.child_modules",
    ),
    "values": ([*_RESOURCE, "values"], "planned_values.root_module.resources[0].values"),
    "resource_changes": (["resource_changes"], "resource_changes"),
    "change": (_CHANGE, "resource_changes[0].change"),
    "after_unknown": ([*_CHANGE, "after_unknown"], "resource_changes[0].change.after_unknown"),
    "configuration": (["configuration"], "configuration"),
    "configuration root": (_CONFIG, "configuration.root_module"),
    "configuration resources": ([*_CONFIG, "resources"], "configuration.root_module.resources"),
    "module_calls": ([*_CONFIG, "module_calls"], "configuration.root_module.module_calls"),
    "provider expressions": (
        [*_PROVIDER, "expressions"],
        "configuration.provider_config.aws.expressions",
    ),
    "variables": (["variables"], "variables"),
}
WRONG = {"null": (None, "null"), "string": ("x", "a string"), "number": (1, "a number")}


def _set(plan: dict[str, Any], where: list[str | int], value: object) -> None:
    node: Any = plan
    for step in where[:-1]:
        node = node[step]
    node[where[-1]] = value


@pytest.mark.parametrize("wrong", list(WRONG))
@pytest.mark.parametrize("place", list(PLACES))
def test_value_of_the_wrong_type_is_one_error_naming_its_path(
    tmp_path: Path, place: str, wrong: str
) -> None:
    where, path = PLACES[place]
    value, found = WRONG[wrong]
    plan = json.loads(GOOD_PLAN)
    _set(plan, where, value)
    scan = scan_beside_good(tmp_path, {"bad.plan.json": json.dumps(plan, indent=1)})
    assert_one_error(scan, "bad.plan.json", f"{path} is {found}, expected", None)


def test_resource_without_address_is_one_error(tmp_path: Path) -> None:
    plan = json.loads(GOOD_PLAN)
    del plan["planned_values"]["root_module"]["resources"][1]["address"]
    scan = scan_beside_good(tmp_path, {"bad.plan.json": json.dumps(plan)})
    assert_one_error(
        scan, "bad.plan.json", "planned_values.root_module.resources[1].address is missing", None
    )


def test_module_call_of_the_wrong_type_is_one_error(tmp_path: Path) -> None:
    plan = json.loads(GOOD_PLAN)
    plan["configuration"]["root_module"]["module_calls"] = {"net": {"module": "x"}}
    scan = scan_beside_good(tmp_path, {"bad.plan.json": json.dumps(plan)})
    assert_one_error(
        scan,
        "bad.plan.json",
        "configuration.root_module.module_calls.net.module is a string, expected an object",
        None,
    )


def test_integer_past_pythons_digit_limit_is_one_error_with_its_line(tmp_path: Path) -> None:
    plan = json.loads(GOOD_PLAN)
    plan["planned_values"]["root_module"]["resources"][0]["values"]["volume_size"] = 0
    text = json.dumps(plan, indent=1).replace('"volume_size": 0', '"volume_size": ' + "9" * 5000)
    line = text[: text.index("9" * 5000)].count("\n") + 1
    scan = scan_beside_good(tmp_path, {"bad.plan.json": text})
    assert_one_error(scan, "bad.plan.json", "more than 4300 digits", line)


def test_integer_past_the_limit_in_unrelated_json_is_skipped_quietly(tmp_path: Path) -> None:
    manifest = '{"name": "app",\n "version": ' + "9" * 5000 + "}"
    scan = scan_beside_good(tmp_path, {"package.json": manifest})
    assert scan.report["errors"] == []
    scan.assert_good_files_judged()


def test_lone_surrogate_in_an_address_is_replaced(tmp_path: Path) -> None:
    text = GOOD_PLAN.replace(
        "aws_sagemaker_notebook_instance.explicit", "aws_sagemaker_notebook_instance.e\\ud800"
    )
    scan = scan_beside_good(tmp_path, {"bad.plan.json": text})
    assert scan.report["errors"] == []
    assert "aws_sagemaker_notebook_instance.e\ufffd" in scan.resource_ids()
    scan.assert_good_files_judged()


def test_deeply_nested_value_is_one_error_with_its_line(tmp_path: Path) -> None:
    plan = json.loads(GOOD_PLAN)
    plan["planned_values"]["root_module"]["resources"][0]["values"]["tags"] = "DEEP"
    text = json.dumps(plan, indent=1)
    line = text[: text.index('"DEEP"')].count("\n") + 1
    text = text.replace('"DEEP"', "[" * 10_000 + "]" * 10_000)
    scan = scan_beside_good(tmp_path, {"bad.plan.json": text})
    assert_one_error(scan, "bad.plan.json", "nested more than 100 levels deep", line)


def test_good_plans_of_every_fixture_keep_their_shape() -> None:
    """The shape check accepts every plan fixture (real `terraform show -json` output)."""
    from scanner.sources.terraform.plan_shape import plan_shape_error

    plans = sorted(Path(__file__).resolve().parents[2].glob("rules/**/*.plan.json"))
    assert plans
    for plan in plans:
        content = json.loads(plan.read_text(encoding="utf-8"))
        assert plan_shape_error(copy.deepcopy(content)) is None, plan
