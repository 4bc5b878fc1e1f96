"""Every live mapping path and every collection spec path exists in the AWS API's own model.

botocore ships the output shape of each operation; a path in a `sagemaker:Describe...` (or
`bedrock:Get...`) table
that the API never returns would silently leave a field to its default, so it is checked here
for every field, including those moto does not model.
"""

from __future__ import annotations

import botocore.session
import pytest
from botocore.model import ListShape, Shape, StructureShape

from scanner.mappings import load_catalog
from scanner.sources.live.aws.specs import COLLECT_SPECS, CollectSpec

# Attributes a collector adds beside the describe response, and the operation they come from.
_EXTRA_OPERATIONS = {
    "kms:DescribeKey": ("kms", "GetKeyRotationStatus"),
    "sagemaker:DescribeModelPackageGroup": ("sagemaker", "GetModelPackageGroupPolicy"),
    "ecr:DescribeRepositories": ("ecr", "GetRepositoryPolicy"),
}
# Types whose list call answers each resource in full: paths are read inside each listed item.
_LISTED_IN_FULL = {spec.native_type: spec.list_key for spec in COLLECT_SPECS if spec.listed_in_full}


# Services whose collected types are read with a Get call rather than a Describe.
_GET_SERVICES = frozenset({"bedrock", "bedrock-agent"})


def _output(service: str, operation: str) -> Shape:
    model = botocore.session.get_session().get_service_model(service)
    shape = model.operation_model(operation).output_shape
    assert shape is not None
    return shape


def _described(native_type: str, shape: Shape) -> Shape:
    """The shape one resource is described by: a listed item's, for a list answered in full."""
    key = _LISTED_IN_FULL.get(native_type)
    if key is None:
        return shape
    assert isinstance(shape, StructureShape)
    items = shape.members[key]
    assert isinstance(items, ListShape)
    return items.member


def _has_path(shape: Shape, path: tuple[str, ...]) -> bool:
    for key in path:
        while isinstance(shape, ListShape):
            shape = shape.member
        if not isinstance(shape, StructureShape) or key not in shape.members:
            return False
        shape = shape.members[key]
    return True


def _live_tables() -> list[tuple[str, str, tuple[str, ...]]]:
    rows = []
    for native_type, tables in load_catalog().by_native_type.items():
        service, _, operation = native_type.partition(":")
        if not operation.startswith("Describe") and service not in _GET_SERVICES:
            continue
        for table in tables:
            for field in table.fields:
                rows.append((native_type, field.field, field.path + (field.each or ())))
            if table.name_path:
                rows.append((native_type, "(name)", table.name_path))
    return rows


ROWS = _live_tables()


def test_every_collected_type_has_a_mapping() -> None:
    mapped = {native_type for native_type, _, _ in ROWS}
    assert {spec.native_type for spec in COLLECT_SPECS} <= mapped


@pytest.mark.parametrize(
    ("native_type", "field", "path"), ROWS, ids=[f"{t}.{f}" for t, f, _ in ROWS]
)
def test_mapping_path_is_in_the_api_output(
    native_type: str, field: str, path: tuple[str, ...]
) -> None:
    service, _, operation = native_type.partition(":")
    shapes = [_described(native_type, _output(service, operation))]
    if native_type in _EXTRA_OPERATIONS:
        shapes.append(_output(*_EXTRA_OPERATIONS[native_type]))
    assert any(_has_path(shape, path) for shape in shapes), f"{native_type}: {'.'.join(path)}"


@pytest.mark.parametrize("spec", COLLECT_SPECS, ids=[s.native_type for s in COLLECT_SPECS])
def test_collection_spec_matches_the_api(spec: CollectSpec) -> None:
    model = botocore.session.get_session().get_service_model(spec.service)
    by_python_name = {botocore.xform_name(name): name for name in model.operation_names}
    describe = model.operation_model(by_python_name[spec.describe_operation])
    output = _described(spec.native_type, describe.output_shape)
    if spec.list_operation is None:  # a regional setting: described with no parameters
        assert spec.setting_id
        assert describe.input_shape is None or not describe.input_shape.required_members
        return
    listing = model.operation_model(by_python_name[spec.list_operation])
    assert _has_path(listing.output_shape, (spec.list_key, spec.list_id))
    assert spec.describe_param in describe.input_shape.members
    for name in spec.describe_also:  # taken from the listed item, passed under its own name
        assert _has_path(listing.output_shape, (spec.list_key, name))
        assert name in describe.input_shape.members
    for extra in spec.extra_reads:
        operation = model.operation_model(by_python_name[extra.operation])
        assert extra.param in operation.input_shape.members
        assert _has_path(output, (extra.from_field,))
        assert _has_path(operation.output_shape, (extra.result_key,))
    for path in (
        spec.arn_field,
        spec.name_field,
        *spec.role_paths,
        *spec.kms_paths,
        *spec.s3_paths,
        *spec.bucket_paths,
    ):
        assert _has_path(output, tuple(path.split("."))), f"{spec.native_type}: {path}"
    if spec.bounded_history:
        assert {"CreationTimeAfter", "StatusEquals"} <= set(listing.input_shape.members)
