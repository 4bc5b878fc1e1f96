"""A native type's own default: what a tool sends when the code leaves an attribute out."""

from __future__ import annotations

from pathlib import Path

from scanner.mappings import load_catalog, normalize
from scanner.model.resource import Location, NativeResource
from scanner.model.values import UNKNOWN

KIND = """
kind: test.cluster
provider: azure
title: test
fields:
  ssh:
    type: str
    default: NotSpecified
mappings:
  - type: tool_cluster
    fields:
      ssh:
        path: ssh_enabled
        values: {"true": Enabled, "false": Disabled}
        default: Disabled
  - type: Cloud/clusters
    fields:
      ssh: properties.ssh
"""


def _ssh(tmp_path: Path, native_type: str, attributes: dict[str, object]) -> object:
    (tmp_path / "k.yaml").write_text(KIND, encoding="utf-8")
    catalog = load_catalog([tmp_path / "k.yaml"])
    native = NativeResource("c", native_type, "c", attributes, Location("terraform"))
    resource, _ = normalize(native, catalog.by_native_type[native_type][0])
    return resource.values["ssh"] if "ssh" not in resource.unknown else UNKNOWN


def test_the_tool_default_applies_only_to_its_own_type(tmp_path: Path) -> None:
    assert _ssh(tmp_path, "tool_cluster", {}) == "Disabled"  # the tool sends its own value
    assert _ssh(tmp_path, "Cloud/clusters", {}) == "NotSpecified"  # the cloud's default
    assert _ssh(tmp_path, "tool_cluster", {"ssh_enabled": True}) == "Enabled"
    assert _ssh(tmp_path, "tool_cluster", {"ssh_enabled": UNKNOWN}) is UNKNOWN
