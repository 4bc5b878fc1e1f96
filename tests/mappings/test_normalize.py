"""Kind tables: tag keys from a mapping or from a list of entries, value translation."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.mappings import load_catalog, normalize
from scanner.mappings.catalog import CatalogError
from scanner.model.resource import Location, NativeResource
from scanner.model.values import UNKNOWN

TABLE = """\
kind: test.tagged
provider: aws
title: Tagged thing
fields:
  tag_keys: {type: "list[str]"}
  enabled: {type: bool, default: true}
mappings:
  - type: test_tagged
    fields:
      tag_keys: {path: tags, keys: true}
      enabled: {path: access, values: {Enabled: true, Disabled: false}}
  - type: Test::Tagged
    fields:
      tag_keys: {path: Tags, keys: Key}
      enabled: {path: Access, values: {Enabled: true, Disabled: false}}
"""


def _values(tmp_path: Path, native_type: str, attributes: dict[str, object]) -> dict[str, object]:
    (tmp_path / "tagged.yaml").write_text(TABLE, encoding="utf-8")
    table = load_catalog([tmp_path / "tagged.yaml"]).by_native_type[native_type][0]
    native = NativeResource("r", native_type, "r", attributes, Location("test"))
    resource, _ = normalize(native, table)
    return {**resource.values, "unknown": resource.unknown}


def test_keys_of_a_mapping_and_of_a_list_of_entries(tmp_path: Path) -> None:
    terraform = _values(tmp_path, "test_tagged", {"tags": {"owner": "a", "Key": "b"}})
    assert terraform["tag_keys"] == ["owner", "Key"]  # a tag literally named Key stays a key
    entries = [{"Key": "owner", "Value": "a"}, {"Key": "project", "Value": UNKNOWN}]
    cloudformation = _values(tmp_path, "Test::Tagged", {"Tags": entries})
    assert cloudformation["tag_keys"] == ["owner", "project"]  # an unknown value, a known key
    unknown_key = _values(tmp_path, "Test::Tagged", {"Tags": [{"Key": UNKNOWN, "Value": "a"}]})
    assert unknown_key["tag_keys"] is None and "tag_keys" in unknown_key["unknown"]
    assert _values(tmp_path, "Test::Tagged", {"Tags": UNKNOWN})["unknown"] == {"tag_keys"}
    assert _values(tmp_path, "Test::Tagged", {})["tag_keys"] is None


@pytest.mark.parametrize("written", ["Disabled", "disabled", "DISABLED", False, "false"])
def test_values_are_translated_whatever_their_case(tmp_path: Path, written: object) -> None:
    assert _values(tmp_path, "Test::Tagged", {"Access": written})["enabled"] is False


def test_keys_must_name_an_entry_field(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(TABLE.replace("keys: Key", 'keys: ""'), encoding="utf-8")
    with pytest.raises(CatalogError, match="names no entry field"):
        load_catalog([tmp_path / "bad.yaml"])


SHARED_TYPE = """\
kind: test.{name}
provider: azure
title: {name}
fields:
  nodes: {{type: int}}
mappings:
  - type: Test/computes
    where: {{properties.computeType: {discriminator}}}
    fields:
      nodes: properties.properties.nodes
"""


def test_one_native_type_lands_on_the_kind_its_discriminator_names(tmp_path: Path) -> None:
    from scanner.mappings import select_table

    for name, discriminator in (("instance", "ComputeInstance"), ("cluster", "AmlCompute")):
        text = SHARED_TYPE.format(name=name, discriminator=discriminator)
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    catalog = load_catalog([tmp_path / "instance.yaml", tmp_path / "cluster.yaml"])
    tables = catalog.by_native_type["Test/computes"]

    def kind_of(compute_type: str) -> str | None:
        attributes = {"properties": {"computeType": compute_type}}
        table = select_table(
            NativeResource("c", "Test/computes", "c", attributes, Location("arm")), tables
        )
        return None if table is None else table.kind.name

    assert kind_of("amlcompute") == "test.cluster"  # ARM enum values are case-insensitive
    assert kind_of("ComputeInstance") == "test.instance"
    assert kind_of("Kubernetes") is None  # a compute type no kind describes is not guessed


def test_a_shared_native_type_needs_where_on_every_table(tmp_path: Path) -> None:
    text = SHARED_TYPE.format(name="a", discriminator="X")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    plain = SHARED_TYPE.format(name="b", discriminator="Y").replace(
        "    where: {properties.computeType: Y}\n", ""
    )
    (tmp_path / "b.yaml").write_text(plain, encoding="utf-8")
    with pytest.raises(CatalogError, match="needs `where`"):
        load_catalog([tmp_path / "a.yaml", tmp_path / "b.yaml"])
