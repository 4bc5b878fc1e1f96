"""Terraform resource addresses: `module.m["x"].data.type.name[0]`, read once into parts."""

from __future__ import annotations

import re
from dataclasses import dataclass

# An instance key as Terraform writes it in an address: `[0]` or `["a"]`.
INSTANCE_KEY = re.compile(r'\[(?:"(?:[^"\\]|\\.)*"|\d+)\]')
_ADDRESS = re.compile(
    r"^((?:module\.[^.\[]+(?:\[[^\]]*\])?\.)*)((?:data\.)?[^.\[]+\.[^.\[]+)(\[.*\])?$"
)


@dataclass(frozen=True, slots=True)
class Address:
    module: str  # `module.m.` (empty at the root): where the block's own references resolve
    local: str  # `type.name` or `data.type.name`
    key: str  # the instance key as written (`[0]`, `["a"]`), empty for a single instance

    @property
    def name(self) -> str:
        return self.local.rsplit(".", 1)[-1]

    @property
    def key_value(self) -> str | None:
        """`0` of `[0]`, `a` of `["a"]`: what `count.index` / `each.key` stand for in it."""
        return self.key[1:-1].strip('"') if self.key else None


def parse_address(address: str) -> Address | None:
    """The parts of a resource address; None for text that is not one."""
    parts = _ADDRESS.match(address)
    if parts is None:
        return None
    return Address(parts.group(1), parts.group(2), parts.group(3) or "")


def instance_key(address: str) -> str:
    """The trailing instance key of any id (empty when it has none): ids of other sources
    (a CloudFormation logical id, an ARM name) have none."""
    found = re.search(INSTANCE_KEY.pattern + "$", address)
    return found.group() if found else ""
