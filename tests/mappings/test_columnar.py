"""Columnar normalization gives what the one-resource-at-a-time `normalize` gives.

`normalize` is the reference (its own tests pin its behaviour); the scan normalizes a
table's resources together (scanner/mappings/columnar.py), sharing each field's result
among resources with the same raw value. Every IaC fixture and the sample estate are read
and normalized both ways: resources, their order, values, unknown and defaulted fields,
lines and relations must be equal.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from scanner.mappings import Catalog, load_catalog, normalize, select_table
from scanner.mappings.companions import attach_companions
from scanner.mappings.iam_policies import expand_iam_policies
from scanner.mappings.secrets import secret_scanning
from scanner.model.resource import Location, NativeResource
from scanner.model.values import UNKNOWN
from scanner.sources.load import load_sources
from scanner.stages import Normalized, normalize_all
from tests.rules.cases import builtin_rulebook, fixture_cases

REPO = Path(__file__).resolve().parents[2]


def _one_by_one(natives: list[NativeResource], catalog: Catalog) -> Normalized:
    out = Normalized()
    with secret_scanning():
        for native in attach_companions(expand_iam_policies(natives), catalog.companions):
            table = select_table(native, catalog.by_native_type.get(native.type, ()))
            if table is None:
                continue
            resource, relations = normalize(native, table)
            out.resources.append(replace(resource, suppressions=native.suppressions))
            out.relations.extend(relations)
    return out


@cache
def _fixture_natives() -> tuple[NativeResource, ...]:
    catalog = builtin_rulebook().catalog
    files = [case.fixture for case in fixture_cases() if not case.is_live]
    paths = [(file, str(file.relative_to(REPO))) for file in files]
    paths.append((REPO / "iac", "iac"))
    return tuple(load_sources(paths, catalog.native_types).resources)


def _assert_same(natives: list[NativeResource], catalog: Catalog) -> int:
    expected = _one_by_one(natives, catalog)
    got = normalize_all(natives, catalog)
    assert [r.id for r in got.resources] == [r.id for r in expected.resources]
    for mine, reference in zip(got.resources, expected.resources, strict=True):
        assert mine == reference, mine.id
    assert got.relations == expected.relations
    return len(got.resources)


def test_every_fixture_and_the_estate_normalize_as_one_by_one() -> None:
    natives = list(_fixture_natives())
    catalog = builtin_rulebook().catalog
    assert _assert_same(natives, catalog) > 1000
    # Natives of a mapped type repeated many times, as in an estate: results are shared.
    assert _assert_same(natives * 3, catalog) > 3000


TABLE = """\
kind: test.thing
provider: aws
title: Thing
fields:
  label: {type: str, default: none}
  enabled: {type: bool, default: true}
  groups: {type: "list[str]"}
  port: {type: int}
  secrets: {type: "list[str]"}
mappings:
  - type: test_thing
    fields:
      label: config.label
      enabled: {path: access, values: {Enabled: true, Disabled: false}}
      groups: groups
      port: port
      secrets: {path: environment, secrets: true}
"""


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    (tmp_path / "thing.yaml").write_text(TABLE, encoding="utf-8")
    return load_catalog([tmp_path / "thing.yaml"])


def _thing(number: int, **attributes: object) -> NativeResource:
    return NativeResource(
        f"test_thing.t{number}", "test_thing", f"t{number}", attributes, Location("test")
    )


@pytest.mark.parametrize(
    "values",
    [
        # Equal under Python's == but not the same value: True == 1 == 1.0, and "true".
        [True, 1, 1.0, "true", "True", "1"],
        [None, "", UNKNOWN, "Disabled", "disabled", False, 0, "0"],
    ],
)
def test_values_equal_in_python_are_not_confused(catalog: Catalog, values: list[object]) -> None:
    natives = []
    for number, value in enumerate(values):
        config = {"label": value}
        natives.append(_thing(number, config=config, access=value, port=value, groups=[value]))
    got = normalize_all(natives, catalog)
    assert _assert_same(natives, catalog) == len(values)
    if values[0] is True:
        labels = [r.values["label"] for r in got.resources]
        assert labels == ["true", "1", "1.0", "true", "True", "1"]
        assert [r.values["port"] for r in got.resources] == [None, 1, 1, None, None, 1]


def test_resources_with_the_same_list_do_not_share_it(catalog: Catalog) -> None:
    natives = [_thing(n, groups=["sg-1", "sg-2"]) for n in range(3)]
    first, second, _ = normalize_all(natives, catalog).resources
    groups = first.values["groups"]
    assert isinstance(groups, list)
    groups.append("sg-3")  # one resource's list changed by a later stage
    assert second.values["groups"] == ["sg-1", "sg-2"]


def test_secrets_and_unknowns_shared_only_where_equal(catalog: Catalog) -> None:
    token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
    natives = [
        _thing(0, environment={"TOKEN": token}),
        _thing(1, environment={"TOKEN": token}),
        _thing(2, environment={"TOKEN": UNKNOWN}),
        _thing(3, environment={"1": token}),
        _thing(4, environment={1: token}),
        _thing(5, environment={"TOKEN": "plain"}),
    ]
    got = normalize_all(natives, catalog).resources
    assert _assert_same(natives, catalog) == len(natives)
    assert got[0].values["secrets"] == got[1].values["secrets"] != None  # noqa: E711
    assert "secrets" in got[2].unknown
    assert got[5].values["secrets"] is None
