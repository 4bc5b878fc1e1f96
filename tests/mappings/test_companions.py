"""Companions: a Terraform bucket's encryption and public access block, set by resources of
their own, are read as the bucket's fields (by reference or by the bucket's name)."""

from __future__ import annotations

import pytest

from scanner.mappings import Catalog, load_catalog
from scanner.model.resource import Location, NativeResource
from scanner.model.values import UNKNOWN
from scanner.pipeline import normalize_all

BUCKET = "aws_s3_bucket"
SSE = "aws_s3_bucket_server_side_encryption_configuration"
BLOCK = "aws_s3_bucket_public_access_block"
SSE_INLINE = "server_side_encryption_configuration"  # provider 3.x, on the bucket


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _native(
    address: str,
    attributes: dict[str, object],
    references: dict[str, tuple[str, ...]] | None = None,
    scope: str = "root",
) -> NativeResource:
    native_type = address.split(".")[0]
    return NativeResource(
        id=address,
        type=native_type,
        name=address.rsplit(".", 1)[-1],
        attributes=attributes,
        location=Location("terraform", file="main.tf", line=1),
        references=references or {},
        scope=scope,
    )


def rule_of(algorithm: object) -> dict[str, object]:
    return {"apply_server_side_encryption_by_default": [{"sse_algorithm": algorithm}]}


def _sse(
    address: str, bucket: object, algorithm: object, refers_to: tuple[str, ...] = ()
) -> NativeResource:
    return _native(address, {"bucket": bucket, "rule": [rule_of(algorithm)]}, {"bucket": refers_to})


def _buckets(catalog: Catalog, natives: list[NativeResource]) -> dict[str, dict[str, object]]:
    """Bucket id -> its fields, an unknown one written UNKNOWN."""
    return {
        r.id: {k: UNKNOWN if k in r.unknown else v for k, v in r.values.items()}
        for r in normalize_all(natives, catalog).resources
        if r.type == BUCKET
    }


def test_a_companion_joined_by_reference_sets_the_bucket_fields(catalog: Catalog) -> None:
    natives = [
        _native("aws_s3_bucket.data", {"bucket": UNKNOWN}),
        _native("aws_s3_bucket.other", {"bucket": "ml-other"}),
        _sse(
            "aws_s3_bucket_server_side_encryption_configuration.data",
            UNKNOWN,
            "aws:kms",
            refers_to=("aws_s3_bucket.data",),
        ),
    ]
    buckets = _buckets(catalog, natives)
    assert buckets["aws_s3_bucket.data"]["sse_algorithm"] == "aws:kms"
    assert buckets["aws_s3_bucket.other"]["sse_algorithm"] == "AES256"  # the cloud's default


def test_a_companion_joined_by_the_bucket_name_and_only_in_its_scope(catalog: Catalog) -> None:
    block = {
        "bucket": "ml-data",
        "block_public_acls": True,
        "ignore_public_acls": True,
        "block_public_policy": False,
        "restrict_public_buckets": True,
    }
    natives = [
        _native("aws_s3_bucket.data", {"bucket": "ml-data"}),
        _native("aws_s3_bucket.data", {"bucket": "ml-data"}, scope="other-root"),
        _native("aws_s3_bucket_public_access_block.data", block),
    ]
    resources = normalize_all(natives, catalog).resources
    by_scope = {r.scope: r.values for r in resources if r.type == BUCKET}
    assert by_scope["root"]["public_access_block_configured"] is True
    assert by_scope["root"]["block_public_policy"] is False
    assert by_scope["root"]["restrict_public_buckets"] is True
    assert by_scope["other-root"]["public_access_block_configured"] is False


def test_a_companion_naming_no_known_bucket_is_ignored(catalog: Catalog) -> None:
    natives = [
        _native("aws_s3_bucket.data", {"bucket": "ml-data"}),
        _sse("aws_s3_bucket_server_side_encryption_configuration.x", "ml-elsewhere", "aws:kms"),
        _sse(
            "aws_s3_bucket_server_side_encryption_configuration.y",
            UNKNOWN,
            "aws:kms",
            refers_to=("aws_s3_bucket.gone",),
        ),
    ]
    resources = normalize_all(natives, catalog).resources
    assert [r.id for r in resources] == ["aws_s3_bucket.data"]  # companions are no resources
    assert resources[0].values["sse_algorithm"] == "AES256"


def test_two_companions_of_one_type_leave_the_bucket_undecided(catalog: Catalog) -> None:
    natives = [
        _native("aws_s3_bucket.data", {"bucket": "ml-data"}),
        _sse("aws_s3_bucket_server_side_encryption_configuration.kms", "ml-data", "aws:kms"),
        _sse(
            "aws_s3_bucket_server_side_encryption_configuration.s3",
            UNKNOWN,
            "AES256",
            refers_to=("aws_s3_bucket.data",),
        ),
        _native("aws_s3_bucket_public_access_block.data", {"bucket": "ml-data"}),
    ]
    bucket = _buckets(catalog, natives)["aws_s3_bucket.data"]
    assert bucket["sse_algorithm"] is UNKNOWN
    assert bucket["public_access_block_configured"] is True  # the single block still holds


def test_a_plan_reference_reaches_the_instance_of_the_same_key(catalog: Catalog) -> None:
    # A plan's `configuration` names `aws_s3_bucket.team` for `aws_s3_bucket.team[each.key]`.
    natives = [
        _native('aws_s3_bucket.team["nlp"]', {"bucket": UNKNOWN}),
        _native('aws_s3_bucket.team["vision"]', {"bucket": UNKNOWN}),
        _sse(
            'aws_s3_bucket_server_side_encryption_configuration.team["nlp"]',
            UNKNOWN,
            "aws:kms",
            refers_to=("aws_s3_bucket.team",),
        ),
        # Another key: every instance may be meant, so none is decided by it.
        _sse(
            "aws_s3_bucket_server_side_encryption_configuration.any",
            UNKNOWN,
            "aws:kms",
            refers_to=("aws_s3_bucket.team",),
        ),
    ]
    buckets = _buckets(catalog, natives)
    assert buckets['aws_s3_bucket.team["nlp"]']["sse_algorithm"] is UNKNOWN  # two may apply
    assert buckets['aws_s3_bucket.team["vision"]']["sse_algorithm"] is UNKNOWN
    natives.pop()
    buckets = _buckets(catalog, natives)
    assert buckets['aws_s3_bucket.team["nlp"]']["sse_algorithm"] == "aws:kms"
    assert buckets['aws_s3_bucket.team["vision"]']["sse_algorithm"] == "AES256"


def test_the_companion_holds_over_the_inline_block_and_brings_its_references(
    catalog: Catalog,
) -> None:
    inline = {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}]}
    key_path = "rule.apply_server_side_encryption_by_default.kms_master_key_id"
    companion = _native(
        "aws_s3_bucket_server_side_encryption_configuration.data",
        {
            "bucket": "ml-data",
            "rule": [
                {
                    "apply_server_side_encryption_by_default": [
                        {"sse_algorithm": "aws:kms:dsse", "kms_master_key_id": UNKNOWN}
                    ]
                }
            ],
        },
        {key_path: ("aws_kms_key.data",)},
    )
    natives = [
        _native("aws_s3_bucket.data", {"bucket": "ml-data", SSE_INLINE: [inline]}),
        _native("aws_s3_bucket.legacy", {"bucket": "ml-legacy", SSE_INLINE: [inline]}),
        companion,
    ]
    normalized = normalize_all(natives, catalog)
    values = {r.id: r.values for r in normalized.resources}
    assert values["aws_s3_bucket.data"]["sse_algorithm"] == "aws:kms:dsse"
    assert values["aws_s3_bucket.legacy"]["sse_algorithm"] == "aws:kms"  # provider 3.x form
    assert [(r.source_id, r.field, r.target_id) for r in normalized.relations] == [
        ("aws_s3_bucket.data", "sse_kms_key_id", "aws_kms_key.data")
    ]


def test_sources_are_asked_for_the_companion_types(catalog: Catalog) -> None:
    assert {SSE, BLOCK} <= catalog.native_types
    assert SSE not in catalog.by_native_type  # no kind of their own


def test_a_bucket_with_a_companion_keeps_everything_else_it_says(catalog: Catalog) -> None:
    """Merging rebuilds the bucket: its own suppressions, lines, texts and place stay."""
    from dataclasses import fields, replace

    from scanner.mappings.companions import attach_companions
    from scanner.model.suppression import Suppression

    bucket = replace(
        _native("aws_s3_bucket.data", {"bucket": "ml-data"}),
        suppressions=(Suppression("MLP-AWS-S3-001", "tested elsewhere", None, "main.tf", 3),),
        texts={"policy": "arn:${x}"},
        lines={"bucket": 4},
    )
    merged = attach_companions([bucket, _sse(f"{SSE}.s", "ml-data", "AES256")], catalog.companions)[
        0
    ]
    (spec,) = catalog.companions[SSE]
    assert merged.attributes[spec.into] == {"bucket": "ml-data", "rule": [rule_of("AES256")]}
    changed = {"attributes", "references", "texts"}
    for kept in fields(bucket):
        if kept.name not in changed:
            assert getattr(merged, kept.name) == getattr(bucket, kept.name), kept.name
    assert merged.texts == bucket.texts
