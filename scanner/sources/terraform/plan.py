"""Terraform plan JSON (`terraform show -json plan.out`) into native resources.

`planned_values` hold what is known before apply; a value known only after apply is left out
there and marked in `resource_changes[].change.after_unknown`, so it is put back as UNKNOWN
(present, undecided). References between resources come from `configuration`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from scanner.model.resource import Location, NativeResource
from scanner.model.values import UNKNOWN
from scanner.sources.documents import Document

_INDEX = re.compile(r'\[(?:"(?:[^"\\]|\\.)*"|\d+)\]')
_NOT_RESOURCES = ("var.", "local.", "each.", "count.", "path.", "terraform.", "self.", "module.")


def _with_unknowns(values: object, unknown: object) -> object:
    if unknown is True:
        return UNKNOWN
    if isinstance(unknown, dict):
        merged = dict(values) if isinstance(values, dict) else {}
        for key, marks in unknown.items():
            if marks is not False:
                merged[key] = _with_unknowns(merged.get(key), marks)
        return merged
    if isinstance(unknown, list):
        items = list(values) if isinstance(values, list) else []
        items.extend([None] * (len(unknown) - len(items)))
        return [_with_unknowns(item, marks) for item, marks in zip(items, unknown, strict=False)]
    return values


def _planned(module: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield from module.get("resources", [])
    for child in module.get("child_modules", []):
        yield from _planned(child)


def _reference_target(reference: str, module_prefix: str) -> str | None:
    if reference.startswith(_NOT_RESOURCES):
        return None
    parts = _INDEX.sub("", reference).split(".")
    width = 3 if parts[0] == "data" else 2
    if len(parts) < width:
        return None
    return module_prefix + ".".join(parts[:width])


def _expression_references(
    expressions: object, path: str, module_prefix: str, out: dict[str, set[str]]
) -> None:
    if isinstance(expressions, list):
        for item in expressions:
            _expression_references(item, path, module_prefix, out)
        return
    if not isinstance(expressions, dict):
        return
    references = expressions.get("references")
    if isinstance(references, list):
        targets = {_reference_target(str(r), module_prefix) for r in references}
        out.setdefault(path, set()).update(t for t in targets if t)
        return
    for key, value in expressions.items():
        _expression_references(value, f"{path}.{key}" if path else key, module_prefix, out)


def _config_references(module: dict[str, Any], prefix: str = "") -> dict[str, dict[str, set[str]]]:
    """Config address (no instance keys) -> attribute path -> referenced resource addresses."""
    found: dict[str, dict[str, set[str]]] = {}
    for resource in module.get("resources", []):
        refs: dict[str, set[str]] = {}
        _expression_references(resource.get("expressions", {}), "", prefix, refs)
        found[prefix + str(resource.get("address"))] = refs
    for name, call in module.get("module_calls", {}).items():
        child = call.get("module", {}) if isinstance(call, dict) else {}
        found.update(_config_references(child, f"{prefix}module.{name}."))
    return found


def _line_of(text: str, address: str) -> int | None:
    quoted = json.dumps(address)
    for needle in (f'"address":{quoted}', f'"address": {quoted}'):
        position = text.find(needle)
        if position >= 0:
            return text.count("\n", 0, position) + 1
    return None


def count_plan_resources(document: Document) -> int:
    content = document.content
    assert isinstance(content, dict)
    root = content.get("planned_values", {}).get("root_module", {})
    return sum(1 for resource in _planned(root) if resource.get("mode") == "managed")


def plan_resources(document: Document, wanted_types: frozenset[str]) -> list[NativeResource]:
    """The managed resources of `wanted_types` that the plan will create or keep."""
    content = document.content
    assert isinstance(content, dict)
    root = content.get("planned_values", {}).get("root_module", {})
    unknowns = {
        change.get("address"): change.get("change", {}).get("after_unknown")
        for change in content.get("resource_changes", [])
        if isinstance(change, dict)
    }
    references = _config_references(content.get("configuration", {}).get("root_module", {}))
    found: list[NativeResource] = []
    for resource in _planned(root):
        if resource.get("mode") != "managed" or resource.get("type") not in wanted_types:
            continue
        address = str(resource["address"])
        attributes = _with_unknowns(resource.get("values") or {}, unknowns.get(address))
        assert isinstance(attributes, dict)
        config_refs = references.get(_INDEX.sub("", address), {})
        found.append(
            NativeResource(
                id=address,
                type=str(resource["type"]),
                name=address.rsplit(".", 1)[-1],
                attributes=attributes,
                location=Location(
                    "terraform-plan", document.shown, _line_of(document.text, address)
                ),
                references={k: tuple(sorted(v)) for k, v in config_refs.items() if v},
                scope=document.shown,
            )
        )
    return found
