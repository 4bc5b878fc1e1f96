"""Azure ML references matched within their workspace, and a mapping's values projected by `*`.

A job's inputs are a mapping keyed by each input's name (`inputs.training_data.uri`): the `*`
step reads every value. Azure ML resources name each other by short references that hold only
a name (`azureml:fraud:3`, `azureml://datastores/workspaceblobstore/...`, a `jobName`), and
those names repeat in every workspace: the `azureml` mapping option turns each into a key that
holds its workspace, computed the same way by normalize and by the columnar normalization.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.mappings import Catalog, load_catalog, normalize
from scanner.mappings.catalog import CatalogError
from scanner.model.azureml import own_key, referenced_key
from scanner.model.resource import Location, NativeResource
from scanner.model.values import UNKNOWN
from scanner.stages import normalize_all

WORKSPACE = (
    "/subscriptions/5F1C3B6E-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/RG-ML"
    "/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
)
LIVE = "5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/rg-ml/mlw-fraud"
TEMPLATE_ID = (
    "/subscriptions/{subscription}/resourceGroups/{resourceGroup}"
    "/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud/models/Fraud/versions/3"
)


@pytest.mark.parametrize(
    ("reference", "kind", "owner", "key"),
    [
        # A deployment's model, from a template (its endpoint `ws/ep`) and live.
        ("azureml:Fraud:3", "model", "mlw-fraud/ep", "mlw-fraud/fraud/3"),
        ("azureml:fraud:3", "model", f"{WORKSPACE}/onlineEndpoints/ep", f"{LIVE}/fraud/3"),
        (TEMPLATE_ID, "model", "mlw-fraud/ep", "mlw-fraud/fraud/3"),
        (f"azureml:{WORKSPACE}/models/fraud/versions/3", "model", "x/ep", f"{LIVE}/fraud/3"),
        ("azureml://registries/azureml/models/fraud/versions/3", "model", "mlw-fraud/ep", None),
        ("azureml:fraud@latest", "model", "mlw-fraud/ep", None),
        (f"{WORKSPACE}/models/fraud", "model", "mlw-fraud/ep", None),  # a container
        # A model version's job: its jobName, or the job its modelUri names.
        ("train-3", "job", "mlw-fraud/fraud", "mlw-fraud/train-3"),
        ("azureml://jobs/train-3/outputs/artifacts/paths/model/", "job", "w/m", "w/train-3"),
        ("runs:/train-3/model", "job", f"{WORKSPACE}/models/fraud", f"{LIVE}/train-3"),
        ("https://st.blob.core.windows.net/models/fraud/", "job", "mlw-fraud/fraud", None),
        # A job input's datastore; a data asset and a blob URL name none.
        (
            "azureml://datastores/Training/paths/fraud/",
            "datastore",
            "mlw-fraud",
            "mlw-fraud/training",
        ),
        (
            "azureml://subscriptions/S/resourcegroups/R/workspaces/W/datastores/D/paths/x",
            "datastore",
            "mlw-fraud",
            "s/r/w/d",
        ),
        ("azureml:training-data:1", "datastore", "mlw-fraud", None),
        ("https://st.blob.core.windows.net/training/", "datastore", "mlw-fraud", None),
    ],
)
def test_a_reference_names_its_target_in_the_referrer_workspace(
    reference: str, kind: str, owner: str, key: str | None
) -> None:
    assert referenced_key(reference, kind, owner) == key


def test_a_resource_key_is_what_references_to_it_give() -> None:
    assert own_key("mlw-fraud/Fraud", "3") == referenced_key(
        "azureml:fraud:3", "model", "mlw-fraud/ep"
    )
    live_version = own_key(f"{WORKSPACE}/models/fraud", "3")
    assert live_version == f"{LIVE}/fraud/3"
    assert live_version == referenced_key(f"{WORKSPACE}/models/fraud/versions/3", "model", "")
    assert own_key(WORKSPACE, "workspaceblobstore") == f"{LIVE}/workspaceblobstore"


TABLE = """\
kind: test.job
provider: azure
title: Job
fields:
  name_key: {type: str}
  datastores: {type: "list[str]"}
  accounts: {type: "list[str]"}
mappings:
  - type: Test/jobs
    fields:
      name_key: {path: name, azureml: own, within: parent}
      datastores: {path: properties.inputs.*.uri, azureml: datastore, within: parent}
      accounts: {path: properties.inputs.*.uri, storage: true}
"""


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    (tmp_path / "job.yaml").write_text(TABLE, encoding="utf-8")
    return load_catalog([tmp_path / "job.yaml"])


def _job(number: int, parent: object, inputs: object) -> NativeResource:
    attributes = {"name": "train", "parent": parent, "properties": {"inputs": inputs}}
    return NativeResource(f"job{number}", "Test/jobs", f"job{number}", attributes, Location("t"))


def test_star_reads_every_value_of_a_mapping(catalog: Catalog) -> None:
    inputs = {
        "training_data": {"jobInputType": "uri_folder", "uri": "azureml://datastores/a/paths/x"},
        "labels": {"jobInputType": "uri_file", "uri": "https://stlabels.blob.core.windows.net/c/f"},
        "asset": {"jobInputType": "mltable", "uri": "azureml:fraud-table:2"},
        "epochs": {"jobInputType": "literal", "value": "10"},
    }
    table = catalog.by_native_type["Test/jobs"][0]
    resource, _ = normalize(_job(0, "mlw-fraud", inputs), table)
    assert resource.values["name_key"] == "mlw-fraud/train"
    assert resource.values["datastores"] == ["mlw-fraud/a"]
    assert resource.values["accounts"] == ["stlabels"]
    unknown, _ = normalize(_job(1, "mlw-fraud", UNKNOWN), table)
    assert unknown.unknown == {"datastores", "accounts"}
    unknown_input, _ = normalize(_job(2, "mlw-fraud", {"data": UNKNOWN}), table)
    assert unknown_input.unknown == {"datastores", "accounts"}
    empty, _ = normalize(_job(3, "mlw-fraud", {}), table)
    assert empty.values["datastores"] is None


def test_a_parent_known_only_after_apply_leaves_the_keys_unknown(catalog: Catalog) -> None:
    inputs = {"data": {"uri": "azureml://datastores/a/paths/x"}}
    resource, _ = normalize(_job(0, UNKNOWN, inputs), catalog.by_native_type["Test/jobs"][0])
    assert {"name_key", "datastores"} <= resource.unknown


def test_same_reference_in_two_workspaces_gives_two_keys(catalog: Catalog) -> None:
    """The columnar normalization shares a result by raw value: the owner is part of it."""
    inputs = {"data": {"uri": "azureml://datastores/workspaceblobstore/paths/x"}}
    natives = [_job(n, f"mlw-{n % 2}", inputs) for n in range(4)]
    got = normalize_all(natives, catalog).resources
    assert [r.values["datastores"] for r in got] == [
        ["mlw-0/workspaceblobstore"],
        ["mlw-1/workspaceblobstore"],
        ["mlw-0/workspaceblobstore"],
        ["mlw-1/workspaceblobstore"],
    ]
    table = catalog.by_native_type["Test/jobs"][0]
    assert got == [normalize(native, table)[0] for native in natives]


def test_azureml_needs_within(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(TABLE.replace(", within: parent}", "}", 1), "utf-8")
    with pytest.raises(CatalogError, match="`azureml` and `within` go together"):
        load_catalog([tmp_path / "bad.yaml"])


def test_a_full_id_is_matched_whatever_the_parent(catalog: Catalog, tmp_path: Path) -> None:
    """azapi writes `parent_id = azapi_resource.endpoint.id`, known only after apply: a
    deployment that names its model version by full id is still followed."""
    table_text = """\
kind: test.deployment
provider: azure
title: Deployment
fields:
  model: {type: str}
mappings:
  - type: Test/deployments
    fields:
      model: {path: properties.model, azureml: model, within: parent}
"""
    (tmp_path / "deployment.yaml").write_text(table_text, "utf-8")
    table = load_catalog([tmp_path / "deployment.yaml"]).by_native_type["Test/deployments"][0]

    def model(reference: str) -> NativeResource:
        attributes = {"parent": UNKNOWN, "properties": {"model": reference}}
        return NativeResource("d", "Test/deployments", "d", attributes, Location("t"))

    by_id, _ = normalize(model(f"{WORKSPACE}/models/fraud/versions/3"), table)
    assert by_id.values["model"] == f"{LIVE}/fraud/3"
    short, _ = normalize(model("azureml:fraud:3"), table)
    assert short.unknown == {"model"}
    registry, _ = normalize(model("azureml://registries/azureml/models/fraud/versions/3"), table)
    assert registry.values["model"] is None and not registry.unknown
