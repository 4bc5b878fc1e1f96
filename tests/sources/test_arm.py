"""ARM templates: parameters, variables, functions, children, copies, conditions, relations."""

from __future__ import annotations

import json
import time
from pathlib import Path

from scanner.model.resource import NativeResource
from scanner.model.values import UNKNOWN
from scanner.sources.load import SourceLoad, load_sources
from tests.conftest import WriteTree

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
WORKSPACE = "Microsoft.MachineLearningServices/workspaces"
COMPUTE = "Microsoft.MachineLearningServices/workspaces/computes"
SUBNET = "Microsoft.Network/virtualNetworks/subnets"
WANTED = frozenset({WORKSPACE, COMPUTE, SUBNET})


def _load(root: Path, **parameters: str) -> SourceLoad:
    return load_sources([(root, "estate")], WANTED, workers=1, parameters=parameters)


def _by_id(load: SourceLoad) -> dict[str, NativeResource]:
    return {r.id: r for r in load.resources}


def _template(resources: object, **extra: object) -> str:
    return json.dumps(
        {"$schema": SCHEMA, "contentVersion": "1.0.0.0", **extra, "resources": resources},
        indent=2,
    )


ESTATE = {
    "$schema": SCHEMA,
    "contentVersion": "1.0.0.0",
    "parameters": {
        "workspaceName": {"type": "string", "defaultValue": "mlws"},
        "environment": {"type": "string", "allowedValues": ["dev", "prod"]},
        "clusters": {"type": "int", "defaultValue": 2},
        "deployLegacy": {"type": "bool", "defaultValue": False},
    },
    "variables": {
        "subnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'ml')]",
        "prefix": "[toLower(format('{0}-{1}', parameters('workspaceName'), 'cc'))]",
    },
    "resources": [
        {
            "type": "Microsoft.Network/virtualNetworks/subnets",
            "apiVersion": "2023-09-01",
            "name": "vnet/ml",
            "properties": {"addressPrefix": "10.0.0.0/24"},
        },
        {
            "type": WORKSPACE,
            "apiVersion": "2024-10-01",
            "name": "[parameters('workspaceName')]",
            "location": "[resourceGroup().location]",
            "identity": {"type": "SystemAssigned"},
            "properties": {
                "publicNetworkAccess": "[if(equals(parameters('environment'), 'prod'), "
                "'Disabled', 'Enabled')]",
                "hbiWorkspace": "[equals(parameters('workspaceName'), 'mlws')]",
                "description": "[concat('Workspace ', parameters('workspaceName'))]",
            },
            "resources": [
                {
                    "type": "computes",
                    "apiVersion": "2024-10-01",
                    "name": "instance",
                    "properties": {
                        "computeType": "ComputeInstance",
                        "properties": {"subnet": {"id": "[variables('subnetId')]"}},
                    },
                }
            ],
        },
        {
            "type": COMPUTE,
            "apiVersion": "2024-10-01",
            "name": "[concat(parameters('workspaceName'), '/', variables('prefix'), copyIndex(1))]",
            "copy": {"name": "clusters", "count": "[parameters('clusters')]"},
            "properties": {
                "computeType": "AmlCompute",
                "disableLocalAuth": "[greater(copyIndex(), 0)]",
                "properties": {"enableNodePublicIp": "[reference('vnet/ml').private]"},
            },
        },
        {
            "condition": "[parameters('deployLegacy')]",
            "type": COMPUTE,
            "apiVersion": "2024-10-01",
            "name": "mlws/legacy",
            "properties": {"computeType": "AmlCompute"},
        },
    ],
}


def test_parameters_variables_functions_children_and_copies(write_tree: WriteTree) -> None:
    root = write_tree({"azure/ml.json": json.dumps(ESTATE, indent=2)})
    load = _load(root)
    assert load.errors == []
    resources = _by_id(load)
    assert sorted(resources) == [
        "mlws",
        "mlws/instance",
        "mlws/mlws-cc1",
        "mlws/mlws-cc2",
        "vnet/ml",
    ]
    workspace = resources["mlws"]
    assert workspace.type == WORKSPACE
    assert workspace.location.source == "arm" and workspace.location.file == "estate/azure/ml.json"
    properties = workspace.attributes["properties"]
    assert isinstance(properties, dict)
    # `environment` has no default and no value: which branch of if() is not known.
    assert properties["publicNetworkAccess"] is UNKNOWN
    assert properties["hbiWorkspace"] is True
    assert properties["description"] == "Workspace mlws"
    assert workspace.attributes["location"] is UNKNOWN
    assert workspace.attributes["identity"] == {"type": "SystemAssigned"}

    instance = resources["mlws/instance"]
    assert instance.type == COMPUTE  # a nested child gets its parent's type as prefix
    assert instance.attributes["name"] == "instance"
    assert instance.attributes["parent"] == "mlws" and instance.references["parent"] == ("mlws",)
    subnet_id = instance.attributes["properties"]["properties"]["subnet"]["id"]  # type: ignore[index]
    assert str(subnet_id).endswith("/providers/Microsoft.Network/virtualNetworks/vnet/subnets/ml")
    assert instance.references["properties.properties.subnet.id"] == ("vnet/ml",)

    first, second = resources["mlws/mlws-cc1"], resources["mlws/mlws-cc2"]
    assert first.attributes["properties"]["disableLocalAuth"] is False  # type: ignore[index]
    assert second.attributes["properties"]["disableLocalAuth"] is True  # type: ignore[index]
    assert first.references["parent"] == ("mlws",)  # a top-level child by its full name
    assert first.references["properties.properties.enableNodePublicIp"] == ("vnet/ml",)
    assert first.attributes["properties"]["properties"]["enableNodePublicIp"] is UNKNOWN  # type: ignore[index]


def test_resource_lines_point_into_the_file(write_tree: WriteTree) -> None:
    root = write_tree({"ml.json": json.dumps(ESTATE, indent=2)})
    text = (root / "ml.json").read_text().splitlines()
    for resource in _load(root).resources:
        assert resource.location.line is not None
        assert '"type"' in text[resource.location.line - 1], resource.id


def test_parameter_values_from_the_command_line_and_a_parameter_file(
    write_tree: WriteTree,
) -> None:
    parameters = {
        "$schema": SCHEMA.replace("deploymentTemplate", "deploymentParameters"),
        "contentVersion": "1.0.0.0",
        "parameters": {"environment": {"value": "prod"}, "clusters": {"value": 1}},
    }
    root = write_tree({"ml.json": json.dumps(ESTATE), "ml.parameters.json": json.dumps(parameters)})
    load = _load(root)
    assert load.errors == [] and load.files == 1  # the parameter file is not a source itself
    resources = _by_id(load)
    assert "mlws/mlws-cc2" not in resources
    assert resources["mlws"].attributes["properties"]["publicNetworkAccess"] == "Disabled"  # type: ignore[index]
    # --parameter wins over the file, and takes the declared type (int, bool).
    resources = _by_id(_load(root, environment="dev", clusters="3", deployLegacy="true"))
    assert resources["mlws"].attributes["properties"]["publicNetworkAccess"] == "Enabled"  # type: ignore[index]
    assert {"mlws/mlws-cc3", "mlws/legacy"} <= set(resources)


def test_comments_nested_deployments_and_symbolic_names(write_tree: WriteTree) -> None:
    inner = {
        "$schema": SCHEMA,
        "contentVersion": "1.0.0.0",
        "parameters": {"name": {"type": "string"}, "access": {"type": "string"}},
        "resources": [
            {
                "type": WORKSPACE,
                "apiVersion": "2024-10-01",
                "name": "[parameters('name')]",
                "properties": {"publicNetworkAccess": "[parameters('access')]"},
            }
        ],
    }
    template = {
        "$schema": SCHEMA,
        "languageVersion": "2.0",
        "contentVersion": "1.0.0.0",
        "resources": {
            "existingWs": {
                "type": WORKSPACE,
                "apiVersion": "2024-10-01",
                "name": "old",
                "existing": True,
            },
            "module": {
                "type": "Microsoft.Resources/deployments",
                "apiVersion": "2022-09-01",
                "name": "workspace-module",
                "properties": {
                    "mode": "Incremental",
                    "expressionEvaluationOptions": {"scope": "inner"},
                    "parameters": {
                        "name": {"value": "from-module"},
                        "access": {"value": "Disabled"},
                    },
                    "template": inner,
                },
            },
            "linked": {
                "type": "Microsoft.Resources/deployments",
                "apiVersion": "2022-09-01",
                "name": "remote",
                "properties": {"templateLink": {"uri": "https://example.com/t.json"}},
            },
        },
    }
    text = json.dumps(template, indent=2).replace(
        '"contentVersion"', '// a comment\n  "contentVersion"', 1
    )
    text = text.replace('"resources"', '/* block\n comment */ "resources"', 1)
    root = write_tree({"main.json": text})
    load = _load(root)
    assert load.errors == []
    resources = _by_id(load)
    assert list(resources) == ["from-module"]  # `existing` is deployed elsewhere: not reported
    assert resources["from-module"].attributes["properties"] == {"publicNetworkAccess": "Disabled"}
    assert [n.what for n in load.not_scanned] == ["linked template of deployment remote"]


def test_broken_templates_are_reported_with_lines_and_the_rest_is_read(
    write_tree: WriteTree,
) -> None:
    broken_expression = _template(
        [
            {"type": WORKSPACE, "apiVersion": "1", "name": "good", "properties": {}},
            {
                "type": WORKSPACE,
                "apiVersion": "1",
                "name": "bad",
                "properties": {"publicNetworkAccess": "[concat('a', ]"},
            },
        ]
    )
    root = write_tree(
        {
            "a_expression.json": broken_expression,
            "b_invalid.json": '{"$schema": "' + SCHEMA + '",\n "resources": [\n  {"type": ]\n}',
            "c_self.json": _template(
                [{"type": WORKSPACE, "apiVersion": "1", "name": "[variables('a')]"}],
                variables={"a": "[variables('b')]", "b": "[variables('a')]"},
            ),
            "d_copy.json": _template(
                [
                    {
                        "type": WORKSPACE,
                        "apiVersion": "1",
                        "name": "[concat('w', copyIndex())]",
                        "copy": {"name": "c", "count": 100000},
                    }
                ]
            ),
            "e_other.json": json.dumps({"name": "package", "version": "1.0.0"}),
            "f_studio.bicep": "resource ws 'Microsoft.Storage/storageAccounts@2024' = {}",
        }
    )
    load = _load(root)
    errors = {(e.file, e.line): e.message for e in load.errors}
    assert any(
        f.endswith("a_expression.json") and "invalid template expression" in m
        for (f, _), m in errors.items()
    )
    assert ("estate/b_invalid.json", 3) in errors
    assert any(
        f.endswith("c_self.json") and "refers to itself" in m for (f, _), m in errors.items()
    )
    assert any(f.endswith("d_copy.json") and "limit of 800" in m for (f, _), m in errors.items())
    assert not any(f.endswith("e_other.json") for f, _ in errors)
    names = {r.id for r in load.resources}
    assert {"good", "bad"} <= names and "w799" in names and "w800" not in names
    bad = _by_id(load)["bad"]
    assert bad.attributes["properties"] == {"publicNetworkAccess": UNKNOWN}
    assert [(n.file, n.what) for n in load.not_scanned] == [("estate/f_studio.bicep", "Bicep file")]


def test_hostile_templates_end_quickly(write_tree: WriteTree) -> None:
    deep = '{"a": ' * 5000 + '"x"' + "}" * 5000
    doubling = {
        f"v{i}": f"[concat(variables('v{i - 1}'), variables('v{i - 1}'))]" for i in range(1, 60)
    }
    root = write_tree(
        {
            "deep.json": '{"$schema": "' + SCHEMA + '", "resources": [' + deep + "]}",
            "doubling.json": _template(
                [{"type": WORKSPACE, "apiVersion": "1", "name": "[variables('v59')]"}],
                variables={"v0": "ab", **doubling},
            ),
            "range.json": _template(
                [
                    {
                        "type": WORKSPACE,
                        "apiVersion": "1",
                        "name": "r",
                        "properties": {"x": "[length(range(0, 1000000000))]"},
                    }
                ]
            ),
        }
    )
    started = time.monotonic()
    load = _load(root)
    assert time.monotonic() - started < 20
    files = {e.file for e in load.errors}
    assert {"estate/deep.json", "estate/doubling.json"} <= files
    ranged = _by_id(load)["r"]
    assert ranged.attributes["properties"] == {"x": UNKNOWN}


def test_an_extension_resource_belongs_to_the_resource_it_is_scoped_to(
    write_tree: WriteTree,
) -> None:
    diagnostics = "Microsoft.Insights/diagnosticSettings"
    template = _template(
        [
            {"type": WORKSPACE, "apiVersion": "1", "name": "[parameters('ws')]"},
            {
                "type": diagnostics,
                "apiVersion": "2021-05-01-preview",
                "name": "by-format",
                "scope": "[format('Microsoft.MachineLearningServices/workspaces/{0}', "
                "parameters('ws'))]",
            },
            {
                "type": diagnostics,
                "apiVersion": "2021-05-01-preview",
                "name": "by-id",
                "scope": "[resourceId('Microsoft.MachineLearningServices/workspaces', 'ml')]",
            },
        ],
        parameters={"ws": {"type": "string", "defaultValue": "ml"}},
    )
    root = write_tree({"diag.json": template})
    load = load_sources([(root, "x")], WANTED | {diagnostics}, workers=1)
    found = _by_id(load)
    assert found["by-format"].references["parent"] == ("ml",)
    assert found["by-id"].references["parent"] == ("ml",)
