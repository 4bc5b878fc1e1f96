"""Every source over the scanned paths: Terraform folders, then documents found by content."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from scanner.errors import InputError, NotScanned
from scanner.model.resource import NativeResource
from scanner.sources.arm.loader import load_arm
from scanner.sources.cloudformation.loader import load_cloudformation
from scanner.sources.documents import (
    BICEP_SUFFIX,
    DOCUMENT_SUFFIXES,
    Document,
    find_documents,
    read_document,
)
from scanner.sources.suppressions import attach_metadata
from scanner.sources.terraform.azapi import AZAPI_RESOURCE, arm_view, wants_azapi
from scanner.sources.terraform.cache import RootCache
from scanner.sources.terraform.discover import TERRAFORM_SUFFIXES
from scanner.sources.terraform.loader import (
    MODULE_MEMORY_MB,
    MODULE_TIMEOUT_SECONDS,
    load_terraform,
)
from scanner.sources.terraform.plan import count_plan_resources, plan_resources
from scanner.sources.walk import Refused, SourceLoad

# Names a source would read: a refused entry so named is reported, any other is no concern.
_READ_SUFFIXES = (*TERRAFORM_SUFFIXES, *DOCUMENT_SUFFIXES, BICEP_SUFFIX, ".tfvars")

SUPPORTED = (
    "Terraform (.tf, .tf.json, azapi_resource), Terraform plan JSON, CloudFormation"
    " or ARM templates"
)
_BICEP = "compile it to an ARM template first (az bicep build --file FILE), then scan the JSON"


def _document_resources(
    document: Document, wanted_types: frozenset[str]
) -> tuple[list[NativeResource], int]:
    if document.format == "terraform-plan":
        return plan_resources(document, wanted_types), count_plan_resources(document)
    return [], 0


def _report_refused(refused: list[Refused], path: Path, shown: str, load: SourceLoad) -> None:
    """Entries not read under one scanned path: an error each (a notice for a link left
    alone), for the names a source would have read and for folders that could not be read."""
    for entry in refused:
        named = entry.path.name.endswith(_READ_SUFFIXES)
        if not (named or entry.reason.startswith("cannot read folder") or entry.path == path):
            continue
        try:
            where = str(Path(shown) / entry.path.relative_to(path))
        except ValueError:
            where = shown
        if entry.notice:
            load.not_scanned.append(NotScanned(where, None, "symbolic link", entry.reason))
        else:
            load.errors.append(InputError(where, None, entry.reason))


def load_sources(
    paths: list[tuple[Path, str]],
    wanted_types: frozenset[str],
    var_files: tuple[str, ...] = (),
    workers: int | None = None,
    parameters: Mapping[str, str] | None = None,
    module_timeout: float = MODULE_TIMEOUT_SECONDS,
    skip_paths: tuple[str, ...] = (),
    cache: RootCache | None = None,
    follow_symlinks: bool = False,
    module_memory_mb: int = MODULE_MEMORY_MB,
) -> SourceLoad:
    """Native resources of `wanted_types` from every readable file under `paths`.

    `parameters` are CloudFormation parameter values (and pseudo parameters such as
    `AWS::Region`) given by the user; they override the templates' defaults. Only regular
    files are read; file links leaving a scanned folder only with `follow_symlinks`.
    """
    terraform_types = wanted_types | {AZAPI_RESOURCE} if wants_azapi(wanted_types) else wanted_types
    load = load_terraform(
        paths,
        terraform_types,
        var_files,
        workers,
        module_timeout,
        skip_paths,
        cache,
        follow_symlinks=follow_symlinks,
        memory_mb=module_memory_mb,
    )
    templates: list[Document] = []
    arm_templates: list[tuple[Path, str, object]] = []
    arm_parameters: dict[Path, object] = {}
    for path, shown in paths:
        refused: list[Refused] = []
        found = find_documents(
            path, shown, skip_paths, follow_symlinks=follow_symlinks, refused=refused
        )
        _report_refused(refused, path, shown, load)
        for file, file_shown in found:
            if file.name.endswith(BICEP_SUFFIX):
                load.not_scanned.append(NotScanned(file_shown, None, "Bicep file", _BICEP))
                continue
            document, error = read_document(file, file_shown)
            if error is not None:
                load.errors.append(error)
                load.files += 1
            if document is None:
                continue
            load.files += 1
            if document.format == "cloudformation":
                templates.append(document)  # read together: one may nest another
                continue
            if document.format == "arm":
                arm_templates.append((document.path, document.shown, document.content))
                continue
            if document.format == "arm-parameters":
                arm_parameters[document.path.resolve()] = document.content
                load.files -= 1  # read for a template, not a source of its own
                continue
            resources, read = _document_resources(document, terraform_types)
            load.resources.extend(resources)
            load.resources_read += read
    if templates:
        stacks = load_cloudformation(templates, wanted_types, parameters or {}, paths)
        load.resources.extend(stacks.resources)
        load.errors.extend(stacks.errors)
        load.not_scanned.extend(stacks.not_scanned)
        load.files += stacks.files
        load.resources_read += stacks.read
    if arm_templates:
        arm = load_arm(arm_templates, arm_parameters, wanted_types, parameters or {})
        load.resources.extend(attach_metadata(arm.resources, "metadata"))
        load.errors.extend(arm.errors)
        load.not_scanned.extend(arm.not_scanned)
        load.resources_read += arm.read
    load.resources = [
        view
        for r in load.resources
        if (view := arm_view(r, wanted_types) if r.type == AZAPI_RESOURCE else r) is not None
    ]
    return load
