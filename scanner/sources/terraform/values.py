"""Turn tfparse's evaluated JSON into native resources.

tfparse replaces a reference it cannot resolve to a value (`aws_iam_role.r.arn`, known only
after apply) by the referenced block's generated id, sometimes inside a longer string, and an
unset variable by `{"__attribute__": "var.x"}`. Both become UNKNOWN here; references to
resources are kept, by attribute path, so they become relations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scanner.model.resource import Location, NativeResource
from scanner.model.values import UNKNOWN, UNKNOWN_TEXT

_GENERATED_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_META = "__tfmeta"
_NOT_RESOURCES = frozenset({"module", "variable", "locals", "output", "provider", "terraform"})


@dataclass(slots=True)
class _Walk:
    addresses: dict[str, str | None]  # generated id -> resource address (None: not a resource)
    references: dict[str, set[str]] = field(default_factory=dict)

    def value(self, raw: object, path: str) -> object:
        if isinstance(raw, dict):
            if "__attribute__" in raw:
                return UNKNOWN
            # tfparse gives every block an `id` of its own; an `id` in an object value
            # (`subnet = { id = azurerm_subnet.x.id }`) is the user's and is kept.
            is_block = _META in raw
            return {
                key: self.value(item, f"{path}.{key}" if path else key)
                for key, item in raw.items()
                if key != _META and not (key == "id" and is_block and _is_generated(item))
            }
        if isinstance(raw, list):
            return [self.value(item, path) for item in raw]
        if isinstance(raw, str) and len(raw) >= 36:
            return self._string(raw, path)
        return raw

    def _string(self, raw: str, path: str) -> object:
        ids = [m for m in _GENERATED_ID.findall(raw) if m in self.addresses]
        if not ids:
            return raw
        for generated in ids:
            target = self.addresses[generated]
            if target is not None:
                self.references.setdefault(path, set()).add(target)
        if raw.lstrip().startswith("{"):
            # JSON text (a policy from jsonencode or a heredoc) keeps its known parts; only
            # the references in it are unknown.
            return _GENERATED_ID.sub(
                lambda m: UNKNOWN_TEXT if m.group() in self.addresses else m.group(), raw
            )
        return UNKNOWN


def _is_generated(value: object) -> bool:
    return isinstance(value, str) and _GENERATED_ID.fullmatch(value) is not None


def _addresses(evaluated: dict[str, list[dict[str, object]]]) -> dict[str, str | None]:
    addresses: dict[str, str | None] = {}
    for block_type, blocks in evaluated.items():
        for block in blocks:
            meta = block.get(_META)
            generated = block.get("id")
            if not isinstance(meta, dict) or not isinstance(generated, str):
                continue
            is_resource = block_type not in _NOT_RESOURCES and meta.get("type") in (
                "resource",
                "data",
            )
            addresses[generated] = str(meta.get("path")) if is_resource else None
    return addresses


def _default_tags(evaluated: dict[str, list[dict[str, object]]], walk: _Walk) -> dict[str, object]:
    """AWS provider `default_tags` by alias ("" for the default provider configuration)."""
    by_alias: dict[str, object] = {}
    for block in evaluated.get("provider", []):
        meta = block.get(_META)
        if not isinstance(meta, dict) or meta.get("label") != "aws":
            continue
        alias = block.get("alias")
        settings = walk.value(block.get("default_tags"), "default_tags")
        tags = settings.get("tags") if isinstance(settings, dict) else None
        if tags is not None:
            by_alias[alias if isinstance(alias, str) else ""] = tags
    return by_alias


def _provider_alias(block: dict[str, object]) -> str:
    # tfparse leaves `provider = aws.us` as {"__attribute__": "aws.us"}.
    provider = block.get("provider")
    if isinstance(provider, dict):
        provider = provider.get("__attribute__")
    if isinstance(provider, str) and "." in provider:
        return provider.split(".", 1)[1]
    return ""


def _tags_all(attributes: dict[str, object], alias: str, default_tags: dict[str, object]) -> object:
    """What Terraform computes as `tags_all`: the provider's default tags under the resource's."""
    defaults = default_tags.get(alias, {})
    own = attributes.get("tags", {})
    if defaults is UNKNOWN or own is UNKNOWN:
        return UNKNOWN
    merged = dict(defaults) if isinstance(defaults, dict) else {}
    merged.update(own if isinstance(own, dict) else {})
    return merged


def native_resources(
    evaluated: dict[str, list[dict[str, object]]],
    root: str,
    wanted_types: frozenset[str],
    file_names: dict[str, str] | None = None,
) -> list[NativeResource]:
    """The managed resources of `wanted_types` in one evaluated root module."""
    addresses = _addresses(evaluated)
    default_tags = _default_tags(evaluated, _Walk(addresses))
    found: list[NativeResource] = []
    for block_type in sorted(evaluated):
        for block in evaluated[block_type]:
            meta = block.get(_META)
            if not isinstance(meta, dict) or meta.get("type") not in ("resource", "data"):
                continue
            # A data source is its own native type (`data.aws_iam_policy_document`).
            native_type = block_type if meta["type"] == "resource" else f"data.{block_type}"
            if native_type not in wanted_types:
                continue
            walk = _Walk(addresses)
            attributes = walk.value(block, "")
            assert isinstance(attributes, dict)
            if native_type.startswith("aws_") and "tags_all" not in attributes:
                alias = _provider_alias(block)
                attributes["tags_all"] = _tags_all(attributes, alias, default_tags)
            address = str(meta["path"])
            relative = str(meta.get("filename", ""))
            file = (file_names or {}).get(relative) or f"{root}/{relative}"
            found.append(
                NativeResource(
                    id=address,
                    type=native_type,
                    name=address.rsplit(".", 1)[-1],
                    attributes=attributes,
                    location=Location("terraform", file=file, line=_int(meta.get("line_start"))),
                    references={k: tuple(sorted(v)) for k, v in walk.references.items()},
                    scope=root,
                )
            )
    return found


def count_resources(evaluated: dict[str, list[dict[str, object]]]) -> int:
    """Managed resources of every type, judged or not (the summary reports both)."""
    count = 0
    for block_type, blocks in evaluated.items():
        if block_type in _NOT_RESOURCES:
            continue
        for block in blocks:
            meta = block.get(_META)
            count += isinstance(meta, dict) and meta.get("type") == "resource"
    return count


def remote_modules(
    evaluated: dict[str, list[dict[str, object]]],
) -> list[tuple[str, str, int | None, str]]:
    """(address, file, line, source) of each module call whose source is not a local folder."""
    calls = []
    for block in evaluated.get("module", []):
        meta = block.get(_META)
        source = block.get("source")
        if not isinstance(meta, dict) or not isinstance(source, str):
            continue
        if source.startswith(("./", "../")):
            continue
        calls.append(
            (
                str(meta.get("path")),
                str(meta.get("filename", "")),
                _int(meta.get("line_start")),
                source,
            )
        )
    return calls


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None
