"""Terraform plan JSON (`terraform show -json plan.out`) into native resources.

`planned_values` hold what is known before apply; a value known only after apply is left out
there and marked in `resource_changes[].change.after_unknown`. Where the configuration sets it
(`kms_key_id = aws_kms_key.k.arn`) it is put back as UNKNOWN (present, undecided). Where the
configuration says nothing and the provider fills it in at apply (`platform_identifier` left
out, the notebook's `arn`), it is left absent, as the Terraform source leaves it, so the kind's
service default applies. References between resources come from `configuration`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from scanner.model.resource import Location, NativeResource
from scanner.model.values import UNKNOWN, Unknown
from scanner.sources.documents import Document
from scanner.sources.terraform.address import INSTANCE_KEY

_NOT_RESOURCES = ("var.", "local.", "each.", "count.", "path.", "terraform.", "self.", "module.")
_AWS_PROVIDER = "registry.terraform.io/hashicorp/aws"


@dataclass(frozen=True, slots=True)
class _Config:
    """One resource block of `configuration`: what it sets, with which provider, and refers to."""

    expressions: dict[str, Any] | None = None
    provider_key: str = ""
    references: dict[str, set[str]] = field(default_factory=dict)


def _nested_config(config: object, key: str) -> list[Any] | None:
    """The static blocks of `key` under a block's expressions; None when not known.

    An attribute's expression, a block written with `dynamic` (left out of `configuration`
    by Terraform) or no configuration at all: nothing is known of what is inside.
    """
    if not isinstance(config, dict):
        return None
    blocks = config.get(key)
    if isinstance(blocks, list) and all(isinstance(b, dict) for b in blocks):
        return blocks
    return None


def _skeleton(block: object) -> object:
    """What a static block sets, down through its own static blocks."""
    if isinstance(block, list):
        return tuple(_skeleton(b) for b in block)
    if isinstance(block, dict):
        return tuple(
            sorted((k, _skeleton(v) if isinstance(v, list) else None) for k, v in block.items())
        )
    return None


def _blocks_in_order(config: object, count: int) -> list[Any] | None:
    """The static blocks that match a planned list item by item; None when that is not sure.

    Terraform plans a set of blocks in its own order, not as written, so blocks that set
    different things are matched only when there is just one of them.
    """
    if not isinstance(config, list) or len(config) != count:
        return None
    if count > 1 and len({_skeleton(block) for block in config}) > 1:
        return None
    return config


def _set_by_provider(key: str, config: object, shape: object) -> bool:
    """Whether an unknown attribute is one the configuration leaves to the provider.

    Only a primitive attribute is told apart: `sensitive_values` marks a list, set, map or
    block (`[]`, `{}`) even when unknown, and an unknown block can come from a `dynamic` block
    that `configuration` does not show, so those stay unknown.
    """
    return (
        isinstance(config, dict)
        and key not in config
        and isinstance(shape, dict)
        and not isinstance(shape.get(key), (list, dict))
    )


def _with_unknowns(values: object, unknown: object, config: object, shape: object) -> object:
    """`values` with what `unknown` marks put back as UNKNOWN.

    `config` is the expressions at this level (a dict for a block, a list of static blocks for
    a list), `shape` the matching part of `sensitive_values`; None where not known.
    """
    if unknown is True:
        return UNKNOWN
    if isinstance(unknown, dict):
        merged = dict(values) if isinstance(values, dict) else {}
        for key, marks in unknown.items():
            if marks is False or (marks is True and _set_by_provider(key, config, shape)):
                continue
            merged[key] = _with_unknowns(
                merged.get(key),
                marks,
                _nested_config(config, key),
                shape.get(key) if isinstance(shape, dict) else None,
            )
        return merged
    if isinstance(unknown, list):
        items = list(values) if isinstance(values, list) else []
        items.extend([None] * (len(unknown) - len(items)))
        configs = _blocks_in_order(config, len(unknown))
        shapes = shape if isinstance(shape, list) and len(shape) == len(unknown) else None
        return [
            _with_unknowns(
                item,
                marks,
                configs[i] if configs is not None else None,
                shapes[i] if shapes is not None else None,
            )
            for i, (item, marks) in enumerate(zip(items, unknown, strict=False))
        ]
    return values


def _planned(module: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield from module.get("resources", [])
    for child in module.get("child_modules", []):
        yield from _planned(child)


def _reference_target(reference: str, module_prefix: str) -> str | None:
    if reference.startswith(_NOT_RESOURCES):
        return None
    parts = INSTANCE_KEY.sub("", reference).split(".")
    width = 3 if parts[0] == "data" else 2
    if len(parts) < width:
        return None
    return module_prefix + ".".join(parts[:width])


def _expression_references(
    expressions: object,
    path: str,
    module_prefix: str,
    out: dict[str, set[str]],
    inputs: dict[str, set[str]] | None = None,
) -> None:
    """`inputs`: what each `var.x` of a module refers to in the module call (resources of
    the caller), so a notebook given `role_arn = var.role_arn` still reaches its role."""
    if isinstance(expressions, list):
        for item in expressions:
            _expression_references(item, path, module_prefix, out, inputs)
        return
    if not isinstance(expressions, dict):
        return
    references = expressions.get("references")
    if isinstance(references, list):
        targets = {_reference_target(str(r), module_prefix) for r in references}
        for reference in references:
            name = str(reference).split(".")[1] if str(reference).startswith("var.") else None
            targets.update((inputs or {}).get(name or "", set()))
        out.setdefault(path, set()).update(t for t in targets if t)
        return
    for key, value in expressions.items():
        _expression_references(value, f"{path}.{key}" if path else key, module_prefix, out, inputs)


def _config_resources(
    module: dict[str, Any], prefix: str = "", inputs: dict[str, set[str]] | None = None
) -> dict[str, _Config]:
    """Config address (no instance keys) -> what the resource block sets and refers to."""
    found: dict[str, _Config] = {}
    for resource in module.get("resources", []):
        expressions = resource.get("expressions")
        expressions = expressions if isinstance(expressions, dict) else {}
        refs: dict[str, set[str]] = {}
        _expression_references(expressions, "", prefix, refs, inputs)
        found[prefix + str(resource.get("address"))] = _Config(
            expressions, str(resource.get("provider_config_key", "")), refs
        )
    for name, call in module.get("module_calls", {}).items():
        child = call.get("module", {}) if isinstance(call, dict) else {}
        call_refs: dict[str, set[str]] = {}
        arguments = call.get("expressions") if isinstance(call, dict) else None
        if isinstance(arguments, dict):
            for argument, expression in arguments.items():
                _expression_references(expression, argument, prefix, call_refs, inputs)
        found.update(_config_resources(child, f"{prefix}module.{name}.", call_refs))
    return found


def _default_tags(content: dict[str, Any], provider_key: str) -> dict[str, object] | None:
    """The AWS provider's `default_tags` for a resource, {} for none; None when not known."""
    providers = content.get("configuration", {}).get("provider_config", {})
    provider = providers.get(provider_key) if isinstance(providers, dict) else None
    if not isinstance(provider, dict):
        # No provider block at all gives no default tags; one declared in a module is not read.
        return {} if provider_key in ("", "aws") else None
    blocks = provider.get("expressions", {}).get("default_tags")
    if not blocks:
        return {}
    block = blocks[0] if isinstance(blocks, list) else None
    tags = block.get("tags") if isinstance(block, dict) else None
    if not isinstance(tags, dict):
        return {} if tags is None else None
    if "constant_value" in tags:
        value = tags["constant_value"]
        return dict(value) if isinstance(value, dict) else {}
    # `tags = var.x`: the plan holds the root module's variable values.
    references = tags.get("references")
    if isinstance(references, list) and len(references) == 1:
        reference = str(references[0])
        variable = content.get("variables", {}).get(reference.removeprefix("var."))
        if reference.startswith("var.") and isinstance(variable, dict):
            value = variable.get("value")
            return dict(value) if isinstance(value, dict) else {}
    return None


def _complete_tags_all(attributes: dict[str, object], defaults: dict[str, object] | None) -> None:
    """`tags_all` as the AWS provider sets it at apply: its default tags under `tags`.

    The provider leaves `tags_all` unknown on create when it has nothing to merge (no tags, no
    default tags): what the apply produces is still decided by the configuration, as the
    Terraform source computes it. A `tags` map with any unknown value is wholly unknown in the
    plan, and so then is `tags_all`.
    """
    tags = attributes.get("tags")
    if attributes.get("tags_all") is not UNKNOWN or isinstance(tags, Unknown) or defaults is None:
        return
    attributes["tags_all"] = {**defaults, **(tags if isinstance(tags, dict) else {})}


_ADDRESS = re.compile(r'"address": ?("(?:[^"\\]|\\.)*")')


def _address_lines(text: str) -> dict[str, int]:
    """Address -> line of its first `"address": ...` in the plan text, in one pass: searching
    the text once per resource was quadratic (minutes on a plan of a few thousand)."""
    lines: dict[str, int] = {}
    line, counted = 1, 0
    for match in _ADDRESS.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        address = json.loads(match.group(1))
        if isinstance(address, str):
            lines.setdefault(address, line)
    return lines


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
        # A deposed object (left by a failed create-before-destroy) shares the address.
        if isinstance(change, dict) and not change.get("deposed")
    }
    configs = _config_resources(content.get("configuration", {}).get("root_module", {}))
    lines = _address_lines(document.text)
    found: list[NativeResource] = []
    for resource in _planned(root):
        if resource.get("mode") != "managed" or resource.get("type") not in wanted_types:
            continue
        address = str(resource["address"])
        config = configs.get(INSTANCE_KEY.sub("", address), _Config())
        attributes = _with_unknowns(
            resource.get("values") or {},
            unknowns.get(address),
            config.expressions,
            resource.get("sensitive_values"),
        )
        assert isinstance(attributes, dict)
        if resource.get("provider_name") == _AWS_PROVIDER and config.expressions is not None:
            _complete_tags_all(attributes, _default_tags(content, config.provider_key))
        found.append(
            NativeResource(
                id=address,
                type=str(resource["type"]),
                name=address.rsplit(".", 1)[-1],
                attributes=attributes,
                location=Location("terraform-plan", document.shown, lines.get(address)),
                references={k: tuple(sorted(v)) for k, v in config.references.items() if v},
                scope=document.shown,
            )
        )
    return found
