"""Turn tfparse's evaluated JSON into native resources.

tfparse replaces a reference it cannot resolve to a value (`aws_iam_role.r.arn`, known only
after apply) by the referenced block's generated id, sometimes inside a longer string; an
attribute it knows nothing of (`azurerm_x.w.identity[0].principal_id`, an unset variable) by
`{"__attribute__": "..."}`; and a string template it cannot finish keeps its `${...}` text.
All become UNKNOWN here; the resources they name are kept, by attribute path, so they become
relations. A string known only in part also keeps its text, each unknown piece written
`${...}` (`/subscriptions/${data.azurerm_client_config.c.subscription_id}`): a mapping may
read the known segments of an id from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from scanner.model.resource import Location, NativeResource
from scanner.model.values import UNKNOWN, UNKNOWN_TEXT
from scanner.sources.terraform.address import Address, parse_address

_GENERATED_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_META = "__tfmeta"
_NOT_RESOURCES = frozenset({"module", "variable", "locals", "output", "provider", "terraform"})


# tfparse writes a template it cannot finish inside a for_each / count resource as `${...}`.
_ELIDED = "${...}"
# A template tfparse could not finish. Not an IAM policy variable (`${aws:username}`, `${*}`),
# which Terraform code writes `$${...}` and which stays in the policy as written.
# No `$` inside: a `${` without its `}` fails at the next `${` (linear), not at the text's end.
_TEMPLATE = re.compile(r"\$\{(?![A-Za-z0-9-]+:[^}$]*\}|[*?$]\})([^}$]*)\}")
# `type.name` or `data.type.name`, with an index (`[0]`, `["a"]`) where the block has many.
_REFERENCE = re.compile(
    r"\b((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)(?:\.?\[([^\]]*)\])?"
)


@dataclass(frozen=True, slots=True)
class _Addresses:
    """The resource addresses of one evaluated root, by generated id and by local name."""

    by_id: dict[str, str | None]  # generated id -> resource address (None: not a resource)
    # (module prefix, `type.name`) -> addresses of its instances (`x.y[0]`, `x.y["a"]`)
    by_local: dict[tuple[str, str], tuple[str, ...]]

    @classmethod
    def of(cls, by_id: dict[str, str | None]) -> _Addresses:
        by_local: dict[tuple[str, str], list[str]] = {}
        for address in by_id.values():
            parts = parse_address(address) if address else None
            if parts is not None and address:
                by_local.setdefault((parts.module, parts.local), []).append(address)
        return cls(by_id, {k: tuple(v) for k, v in by_local.items()})

    def named(self, text: str, prefix: str, own_key: str | None = None) -> list[str]:
        """Addresses an expression's text refers to, in the module at `prefix`.

        `own_key`: the index of the instance whose expression it is (`a` of `x.y["a"]`), what
        `each.key` and `count.index` stand for in an index."""
        found: list[str] = []
        for match in _REFERENCE.finditer(text):
            instances = self.by_local.get((prefix, match.group(1)), ())
            index = match.group(2)
            if index is not None:
                key = index.strip().strip('"')
                if key in ("each.key", "count.index") and own_key is not None:
                    key = own_key
                # An index not known here (`each.value.team`): every instance may be meant.
                instances = (
                    tuple(a for a in instances if a.endswith((f"[{key}]", f'["{key}"]')))
                    or instances
                )
            found.extend(instances)
        return found


@dataclass(slots=True)
class _Walk:
    addresses: _Addresses
    prefix: str = ""  # module path of the block walked (`module.m.`), where its names resolve
    own_key: str | None = None  # the block's own instance key (`a` of `x.y["a"]`, `0`)
    references: dict[str, set[str]] = field(default_factory=dict)
    texts: dict[str, str | None] = field(default_factory=dict)
    dropped: bool = False

    def value(self, raw: object, path: str, written: object = None) -> object:
        """`written`: the same value as written (python-hcl2), where tfparse left a null."""
        if raw is None or (isinstance(raw, str) and _ELIDED in raw):
            self.dropped = True  # tfparse may have dropped a reference here
        if raw is None and isinstance(written, str) and self._refers_to_resource(written):
            # tfparse evaluates a reference it cannot follow inside a list or an object
            # (`[google_service_account.x.email]`, an azapi body, `x[each.key].email`) to
            # null: the value is known only at apply, not absent.
            self._refer(written, path)
            return UNKNOWN
        if isinstance(raw, dict):
            if "__attribute__" in raw:
                self._refer(str(raw["__attribute__"]), path)
                return UNKNOWN
            # tfparse gives every block an `id` of its own; an `id` in an object value
            # (`subnet = { id = azurerm_subnet.x.id }`) is the user's and is kept.
            is_block = _META in raw
            if isinstance(written, list) and len(written) == 1:
                written = written[0]  # python-hcl2 writes a block as a list of one
            return {
                key: self.value(
                    item,
                    f"{path}.{key}" if path else key,
                    written.get(key) if isinstance(written, dict) else None,
                )
                for key, item in raw.items()
                if key != _META and not (key == "id" and is_block and _is_generated(item))
            }
        if isinstance(raw, list):
            paired = written if isinstance(written, list) and len(written) == len(raw) else []
            return [
                self.value(item, path, paired[n] if paired else None) for n, item in enumerate(raw)
            ]
        if isinstance(raw, str) and (len(raw) >= 36 or "${" in raw):
            if _ELIDED in raw and isinstance(written, str):
                raw = written  # the expression as written names what tfparse elided
            return self._string(raw, path)
        return raw

    def _refers_to_resource(self, written: str) -> bool:
        return "${" in written and bool(self.addresses.named(written, self.prefix, self.own_key))

    def _refer(self, text: str, path: str) -> None:
        for target in self.addresses.named(text, self.prefix, self.own_key):
            self.references.setdefault(path, set()).add(target)

    def _keep_text(self, text: str, path: str) -> None:
        # A path written twice (items of one list) has no single text.
        self.texts[path] = None if path in self.texts else text

    def _string(self, raw: str, path: str) -> object:
        by_id = self.addresses.by_id
        ids = [m for m in _GENERATED_ID.findall(raw) if m in by_id]
        templates = _TEMPLATE.findall(raw)
        if not ids and not templates:
            return raw
        for generated in ids:
            target = by_id[generated]
            if target is not None:
                self.references.setdefault(path, set()).add(target)
        for expression in templates:
            self._refer(expression, path)
        if raw.lstrip().startswith("{"):
            # JSON text (a policy from jsonencode or a heredoc) keeps its known parts; only
            # the references in it are unknown.
            known = _GENERATED_ID.sub(
                lambda m: UNKNOWN_TEXT if m.group() in by_id else m.group(), raw
            )
            return _TEMPLATE.sub(UNKNOWN_TEXT, known)
        if raw not in by_id:  # not one whole reference: some of the text is known
            self._keep_text(
                _GENERATED_ID.sub(
                    lambda m: (
                        f"${{{by_id.get(m.group()) or 'unknown'}}}"
                        if m.group() in by_id
                        else m.group()
                    ),
                    raw,
                ),
                path,
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


# (file relative to the root, type, name) -> the block as written, when one can be read
WrittenBlock = Callable[[str, str, str], dict[str, object] | None]


def native_resources(
    evaluated: dict[str, list[dict[str, object]]],
    root: str,
    wanted_types: frozenset[str],
    file_names: dict[str, str] | None = None,
    written: WrittenBlock | None = None,
) -> list[NativeResource]:
    """The managed resources of `wanted_types` in one evaluated root module.

    `written` gives a block as written, read where tfparse evaluated a reference to null (in a
    list, an object value such as an azapi `body`, or through `x[each.key]`)."""
    addresses = _Addresses.of(_addresses(evaluated))
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
            address = str(meta["path"])
            parts = parse_address(address) or Address("", address, "")
            walk = _Walk(addresses, parts.module, parts.key_value)
            attributes = walk.value(block, "")
            if walk.dropped and written is not None and meta["type"] == "resource":
                # Read again beside the block as written, for what tfparse dropped.
                as_written = written(str(meta.get("filename", "")), block_type, parts.name)
                if as_written is not None:
                    walk = _Walk(addresses, walk.prefix, walk.own_key)
                    attributes = walk.value(block, "", as_written)
            assert isinstance(attributes, dict)
            if native_type.startswith("aws_") and "tags_all" not in attributes:
                alias = _provider_alias(block)
                attributes["tags_all"] = _tags_all(attributes, alias, default_tags)
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
                    texts={k: v for k, v in walk.texts.items() if v is not None},
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
