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
    table = load_catalog([tmp_path / "tagged.yaml"]).by_native_type[native_type]
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
