"""Every source over the scanned paths: Terraform folders, then documents found by content."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from scanner.model.resource import NativeResource
from scanner.sources.cloudformation.loader import load_cloudformation
from scanner.sources.documents import Document, find_documents, read_document
from scanner.sources.terraform import load_terraform
from scanner.sources.terraform.loader import MODULE_TIMEOUT_SECONDS
from scanner.sources.terraform.plan import count_plan_resources, plan_resources
from scanner.sources.walk import SourceLoad

SUPPORTED = "Terraform (.tf, .tf.json), Terraform plan JSON or CloudFormation"


def _document_resources(
    document: Document, wanted_types: frozenset[str]
) -> tuple[list[NativeResource], int]:
    if document.format == "terraform-plan":
        return plan_resources(document, wanted_types), count_plan_resources(document)
    return [], 0


def load_sources(
    paths: list[tuple[Path, str]],
    wanted_types: frozenset[str],
    var_files: tuple[str, ...] = (),
    workers: int | None = None,
    parameters: Mapping[str, str] | None = None,
    module_timeout: float = MODULE_TIMEOUT_SECONDS,
) -> SourceLoad:
    """Native resources of `wanted_types` from every readable file under `paths`.

    `parameters` are CloudFormation parameter values (and pseudo parameters such as
    `AWS::Region`) given by the user; they override the templates' defaults.
    """
    load = load_terraform(paths, wanted_types, var_files, workers, module_timeout)
    templates: list[Document] = []
    for path, shown in paths:
        for file, file_shown in find_documents(path, shown):
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
            resources, read = _document_resources(document, wanted_types)
            load.resources.extend(resources)
            load.resources_read += read
    if templates:
        stacks = load_cloudformation(templates, wanted_types, parameters or {}, paths)
        load.resources.extend(stacks.resources)
        load.errors.extend(stacks.errors)
        load.not_scanned.extend(stacks.not_scanned)
        load.files += stacks.files
        load.resources_read += stacks.read
    return load
