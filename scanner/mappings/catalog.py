"""Load the kind tables (`scanner/mappings/<provider>/<service>/<kind>.yaml`).

Each file declares one kind: its typed fields with the cloud's defaults, and for every native
type that maps onto it (Terraform `aws_sagemaker_notebook_instance`, CloudFormation
`AWS::SageMaker::NotebookInstance`, later the live API) a table from kind field to native path.
Keeping the schema and its mappings in one file means a reader sees in one place how every
source lands on the fields a rule tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from scanner.mappings.companions import Companion
from scanner.mappings.iam_policies import EXPANDED_TYPES
from scanner.model.kinds import FieldSpec, FieldType, Kind

# libyaml's loader when PyYAML was built with it: reading every rule and kind file with the
# pure-Python one took over a second per run.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FieldModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: FieldType
    default: Any = None
    description: str = ""


class _FieldMappingModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    path: str
    values: dict[str, Any] | None = None
    present: bool = False  # the field is whether `path` is set at all
    # The field is the keys of what is at `path` (tags): `true` for a mapping (Terraform's
    # `tags = {owner = "..."}`), or the name of the key field for a list of entries
    # (CloudFormation's `Tags: [{Key: owner, Value: ...}]`).
    keys: bool | str = False
    # One element per block at `path`: the value at `each` inside it, or `default` when the
    # block leaves it out (so a block that says nothing is not silently dropped).
    each: str | None = None
    # With `each`: only the blocks whose value at each key equals the given one
    # (case-insensitive): a guardrail's prompt-attack filter is the `filters_config` block
    # whose `type` is PROMPT_ATTACK, beside the other content filters in the same list.
    where: dict[str, str] | None = None
    # Without `each`: what this native type sends when `path` is absent, where it differs from
    # the cloud's default (azurerm sends `remoteLoginPortPublicAccess: Disabled` unless told).
    default: Any = None
    # A list keeps its known items and writes each unknown one as the text `<unknown>`
    # (instead of the whole list being unknown): a policy's `managed_policy_arns` mixes
    # literal ARNs with references, and the literal ones still decide.
    partial: bool = False
    # An unknown string known in part (`/subscriptions/${data.x.y.subscription_id}`) gives
    # its text, unknown pieces written `${...}`: for ids whose segments are read, never for
    # values a rule compares.
    text: bool = False
    # The field is the secrets found in what is at `path` and the `also` paths (scripts, base64
    # or not; environment mappings), redacted: see scanner/mappings/secrets.py.
    secrets: bool = False
    # More paths read like `path` (a model's primary container and its pipeline containers).
    also: list[str] = Field(default_factory=list)
    # The field is the bucket or storage account that the URI at `path` names (s3://, gs://,
    # Azure blob / Data Lake URLs): relations to the stores ML resources read and write.
    storage: bool = False
    # The field is the resource name at `path` without the version it may name
    # (`.../models/7@2` and `.../models/7@golden` are the model `.../models/7`).
    unversioned: bool = False
    # The field is the last segment of the resource name at `path`: the id by which a resource
    # of the same project and location is named alone (a training pipeline's `datasetId`).
    last_segment: bool = False
    # Azure ML keys (scanner/model/azureml.py), so that names which repeat in every workspace
    # are matched within their own: `own` makes the field this resource's key, its name at
    # `path` under the resource at `within` (its parent); `model`, `job` or `datastore` makes it
    # the key of what the reference at `path` names, in the workspace of the resource at
    # `within` (a deployment's `azureml:fraud:3`, a job input's `azureml://datastores/...`).
    azureml: Literal["own", "model", "job", "datastore"] | None = None
    within: str | None = None

    @field_validator("values")
    @classmethod
    def _lower_keys(cls, values: dict[str, Any] | None) -> dict[str, Any] | None:
        return None if values is None else {str(k).lower(): v for k, v in values.items()}


class _CompanionModel(BaseModel):
    """A native type that configures this one from outside (see scanner/mappings/companions)."""

    model_config = ConfigDict(extra="forbid")
    type: str
    into: str = Field(description="the key its attributes are merged under")
    via: str = Field(description="its attribute that names this resource")
    # This type's attribute a literal `via` equals; the table's `name` path when left out.
    matches: str | None = None


class _NativeMappingModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: str
    name: str | None = Field(default=None, description="native path of the display name")
    companions: list[_CompanionModel] = Field(default_factory=list)
    # Only native resources whose value at each path equals the given one (case-insensitive):
    # one ARM type, `.../workspaces/computes`, is a compute instance, a cluster or an AKS
    # attachment by its `properties.computeType`.
    where: dict[str, str] = Field(default_factory=dict)
    fields: dict[str, str | _FieldMappingModel]


class _KindFileModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: str
    provider: str
    title: str
    fields: dict[str, _FieldModel]
    mappings: list[_NativeMappingModel]


@dataclass(frozen=True, slots=True)
class FieldMapping:
    """How one kind field is read from a native resource."""

    field: str
    path: tuple[str, ...]
    values: dict[str, object] | None = None
    present: bool = False
    keys: bool | str = False
    each: tuple[str, ...] | None = None
    each_default: object = None
    each_where: tuple[tuple[tuple[str, ...], str], ...] = ()
    partial: bool = False
    text: bool = False
    secrets: bool = False
    also: tuple[tuple[str, ...], ...] = ()
    storage: bool = False
    unversioned: bool = False
    last_segment: bool = False
    azureml: str | None = None
    within: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class KindMapping:
    """A native type's table onto a kind."""

    native_type: str
    kind: Kind
    name_path: tuple[str, ...] | None
    fields: tuple[FieldMapping, ...]
    where: tuple[tuple[tuple[str, ...], str], ...] = ()


@dataclass(frozen=True, slots=True)
class Catalog:
    kinds: dict[str, Kind]
    # Most native types have one table; a type shared by several kinds has one per kind,
    # each with its own `where`.
    by_native_type: dict[str, tuple[KindMapping, ...]]
    # Native types merged into another before normalization, by their own type.
    companions: dict[str, tuple[Companion, ...]]

    @property
    def native_types(self) -> frozenset[str]:
        """Every native type a source should yield: the mapped ones, their companions, and the
        authoritative IAM policies read as grants (scanner/mappings/iam_policies.py)."""
        return frozenset(self.by_native_type) | frozenset(self.companions) | EXPANDED_TYPES


class CatalogError(Exception):
    """A kind table that does not validate: a bug in the package, reported with its file."""


def _split_path(path: str) -> tuple[str, ...]:
    # `[*]` is accepted for readability; lists are always projected (see normalize). A `*`
    # step is every value of a mapping (a job's `inputs`, keyed by the input's name).
    return tuple(part for part in path.replace("[*]", "").split(".") if part)


def _companions(native: _NativeMappingModel, origin: str) -> list[Companion]:
    found = []
    for companion in native.companions:
        matches = companion.matches or native.name
        if not matches:
            raise CatalogError(f"{origin}: companion {companion.type} needs `matches` or `name`")
        found.append(
            Companion(
                native_type=companion.type,
                target_type=native.type,
                into=companion.into,
                via=_split_path(companion.via),
                matches=_split_path(matches),
            )
        )
    return found


def _build(model: _KindFileModel, origin: str) -> tuple[Kind, list[KindMapping], list[Companion]]:
    specs = tuple(
        FieldSpec(name=name, type=f.type, default=f.default, description=f.description)
        for name, f in model.fields.items()
    )
    kind = Kind(name=model.kind, provider=model.provider, title=model.title, fields=specs)
    mappings = []
    companions = []
    for native in model.mappings:
        companions.extend(_companions(native, origin))
        field_maps = []
        for field_name, raw in native.fields.items():
            if field_name not in kind.field_names:
                raise CatalogError(f"{origin}: {native.type} maps unknown field {field_name!r}")
            spec = raw if isinstance(raw, _FieldMappingModel) else _FieldMappingModel(path=raw)
            if spec.each is not None and not kind.field(field_name).type.is_list:
                raise CatalogError(f"{origin}: {field_name}: `each` needs a list field")
            if spec.where and spec.each is None:
                raise CatalogError(f"{origin}: {field_name}: `where` needs `each`")
            if spec.text and kind.field(field_name).type != FieldType.STR:
                raise CatalogError(f"{origin}: {field_name}: `text` needs a str field")
            if spec.secrets and kind.field(field_name).type != FieldType.LIST_STR:
                raise CatalogError(f"{origin}: {field_name}: `secrets` needs a list[str] field")
            if spec.also and not (spec.secrets or spec.storage or spec.azureml):
                raise CatalogError(
                    f"{origin}: {field_name}: `also` is for secrets, storage and azureml"
                )
            if (spec.azureml is None) != (spec.within is None):
                raise CatalogError(f"{origin}: {field_name}: `azureml` and `within` go together")
            if spec.keys == "":
                raise CatalogError(f"{origin}: {field_name}: `keys` names no entry field")
            field_maps.append(
                FieldMapping(
                    field=field_name,
                    path=_split_path(spec.path),
                    values=spec.values,
                    present=spec.present,
                    keys=spec.keys,
                    each=_split_path(spec.each) if spec.each else None,
                    each_default=spec.default,
                    each_where=tuple(
                        (_split_path(key), str(value)) for key, value in (spec.where or {}).items()
                    ),
                    partial=spec.partial,
                    text=spec.text,
                    secrets=spec.secrets,
                    also=tuple(_split_path(path) for path in spec.also),
                    storage=spec.storage,
                    unversioned=spec.unversioned,
                    last_segment=spec.last_segment,
                    azureml=spec.azureml,
                    within=_split_path(spec.within) if spec.within else (),
                )
            )
        name_path = _split_path(native.name) if native.name else None
        where = tuple((_split_path(path), value) for path, value in native.where.items())
        mappings.append(KindMapping(native.type, kind, name_path, tuple(field_maps), where))
    return kind, mappings, companions


def _builtin_files() -> list[Path]:
    root = Path(str(resources.files("scanner.mappings")))
    return sorted(root.rglob("*.yaml"))


def load_catalog(extra_files: list[Path] | None = None) -> Catalog:
    """Load every built-in kind table (plus `extra_files`) into one catalog."""
    kinds: dict[str, Kind] = {}
    by_native: dict[str, tuple[KindMapping, ...]] = {}
    companions: dict[str, tuple[Companion, ...]] = {}
    for path in [*_builtin_files(), *(extra_files or [])]:
        try:
            model = _KindFileModel.model_validate(
                yaml.load(path.read_text("utf-8"), Loader=_YAML_LOADER)
            )
        except (ValidationError, yaml.YAMLError) as exc:
            raise CatalogError(f"{path}: {exc}") from exc
        kind, mappings, found = _build(model, str(path))
        if kind.name in kinds:
            raise CatalogError(f"{path}: kind {kind.name} is declared twice")
        kinds[kind.name] = kind
        for mapping in mappings:
            shared = by_native.get(mapping.native_type, ())
            if shared and not (mapping.where and all(m.where for m in shared)):
                raise CatalogError(
                    f"{path}: native type {mapping.native_type} mapped twice"
                    " (a type shared by several kinds needs `where` on every table)"
                )
            by_native[mapping.native_type] = (*shared, mapping)
        for companion in found:
            companions[companion.native_type] = (
                *companions.get(companion.native_type, ()),
                companion,
            )
    return Catalog(kinds=kinds, by_native_type=by_native, companions=companions)
