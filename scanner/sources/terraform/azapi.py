"""Terraform `azapi_resource` seen as the ARM resource it deploys.

Azure Verified Modules write Azure Machine Learning with azapi: `type` is the ARM type with an
API version (`Microsoft.MachineLearningServices/workspaces@2024-10-01`) and `body` is the ARM
request body, as an HCL object (azapi 2.x) or a `jsonencode(...)` string (1.x). Turned into the
ARM shape here, an azapi resource lands on the same mapping table as an ARM template's, so no
rule or mapping is written twice.
"""

from __future__ import annotations

from dataclasses import replace

from scanner.model.resource import NativeResource
from scanner.model.values import UNKNOWN, UNKNOWN_TEXT, Unknown
from scanner.sources.bounds import load_json

AZAPI_RESOURCE = "azapi_resource"


def wants_azapi(wanted_types: frozenset[str]) -> bool:
    """Whether any wanted type is an ARM type (`Namespace.Provider/type`)."""
    return any("/" in t and "." in t.split("/", 1)[0] for t in wanted_types)


def arm_view(native: NativeResource, wanted_types: frozenset[str]) -> NativeResource | None:
    """The azapi resource as its ARM type and body; None when that type is not wanted."""
    attributes = native.attributes
    typed = attributes.get("type")
    if not isinstance(typed, str):
        return None
    arm_type = typed.split("@", 1)[0]
    canonical = {t.lower(): t for t in wanted_types}.get(arm_type.lower())
    if canonical is None:
        return None
    body = _body(attributes["body"]) if "body" in attributes else {}
    arm: dict[str, object] = dict(body) if isinstance(body, dict) else {}
    if isinstance(body, Unknown):
        arm["properties"] = UNKNOWN  # a body known only after apply: every property unknown
    for key in ("name", "location", "tags"):
        if key in attributes and key not in arm:
            arm[key] = attributes[key]
    identity = _identity(attributes.get("identity"))
    if identity is not None and "identity" not in arm:
        arm["identity"] = identity
    references = {_arm_path(path): targets for path, targets in native.references.items()}
    if "parent_id" in attributes:
        arm["parent"] = attributes["parent_id"]
    texts = {_arm_path(path): text for path, text in native.texts.items()}
    lines = {_arm_path(path): line for path, line in native.lines.items()}
    return replace(
        native, type=canonical, attributes=arm, references=references, texts=texts, lines=lines
    )


def _body(body: object) -> object:
    if isinstance(body, str):
        try:  # a jsonencode()'d body; too deep or past the digit limit is not read either
            body = load_json(body)
        except ValueError:
            return UNKNOWN
    return _nulls_unknown(body)


def _nulls_unknown(value: object) -> object:
    """A null inside a body is a value tfparse could not evaluate (an unset or sensitive
    variable), never something a user sends: unknown, not absent, so no default stands in."""
    if value is None or value == UNKNOWN_TEXT:  # a reference inside a jsonencode'd body
        return UNKNOWN
    if isinstance(value, dict):
        return {k: _nulls_unknown(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nulls_unknown(v) for v in value]
    return value


def _identity(block: object) -> object:
    """azapi's `identity { type, identity_ids }` block as ARM's identity object."""
    if isinstance(block, list):
        block = block[0] if block else None
    if isinstance(block, Unknown):
        return UNKNOWN
    if not isinstance(block, dict):
        return None
    identity: dict[str, object] = {"type": block.get("type", UNKNOWN)}
    ids = block.get("identity_ids")
    if isinstance(ids, list):
        identity["userAssignedIdentities"] = {
            str(i) if not isinstance(i, Unknown) else f"unknown-{n}": {} for n, i in enumerate(ids)
        }
    elif isinstance(ids, Unknown):
        identity["userAssignedIdentities"] = UNKNOWN
    return identity


def _arm_path(path: str) -> str:
    """A Terraform attribute path as the ARM path the mapping tables read."""
    if path == "parent_id":
        return "parent"
    if path.startswith("body."):
        return path[len("body.") :]
    if path.startswith("identity.identity_ids"):
        return "identity.userAssignedIdentities"
    return path
