"""A resource given its computed fields keeps everything else it had."""

from __future__ import annotations

from dataclasses import fields

from scanner.iam.computed import with_computed
from scanner.model.resource import Resource


def test_every_other_field_of_the_resource_is_kept() -> None:
    # A distinct object in every field: a field the copy forgot would come back as its default.
    given: dict[str, object] = {f.name: object() for f in fields(Resource)}
    given["values"] = {"over_privileged": None, "name": "r"}
    given["unknown"] = frozenset({"over_privileged", "arn"})
    resource = Resource(**given)  # type: ignore[arg-type]

    out = with_computed(resource, {"over_privileged": True, "not_a_field": 1})

    assert out.values == {"over_privileged": True, "name": "r"}
    assert out.unknown == frozenset({"arn"})
    for f in fields(Resource):
        if f.name not in ("values", "unknown"):
            assert getattr(out, f.name) is given[f.name], f.name


def test_a_computed_none_is_undecided() -> None:
    given: dict[str, object] = {f.name: object() for f in fields(Resource)}
    given["values"] = {"over_privileged": False}
    given["unknown"] = frozenset()
    out = with_computed(Resource(**given), {"over_privileged": None})  # type: ignore[arg-type]
    assert out.values == {"over_privileged": None}
    assert out.unknown == frozenset({"over_privileged"})
