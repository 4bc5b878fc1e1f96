"""The condition language of rule files, compiled to Polars expressions.

A condition is `{all: [...]}`, `{any: [...]}`, `{not: ...}` or a test of one field:
`{field: kms_key_id, present: true}`, `{field: root_access, equals: false}`; list fields take
`every:` / `some:` with a test of each element, `contains:` and `not_empty:`. A test of the
resources a field refers to is `{related: {via: FIELD, kind: KIND, check: ...}}` (with
`match: FIELD` it also follows a plain value, e.g. a name, to the resource that has it; with
`reverse: true` it tests the resources of KIND whose field `via` refers to this one): it is
evaluated once on the related kind's table and joined back (see evaluate.py).

Three-valued by design: a test of a field whose value is UNKNOWN (known only after apply)
yields null, and Polars' Kleene logic carries that through `all` / `any` / `not`, so a rule is
failed only when the known values decide it. `present` holds for an unknown value.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from scanner.model.kinds import FieldSpec, Kind

_COMBINATORS = ("all", "any", "not")
_LIST_OPS = frozenset({"every", "some", "contains", "not_empty"})
_SCALAR_OPS = frozenset(
    {
        "present",
        "equals",
        "not_equals",
        "in",
        "not_in",
        "matches",
        "not_matches",
        "starts_with",
        "gt",
        "gte",
        "lt",
        "lte",
    }
)


_MISSING_OUTCOMES = {"undecided": None, "pass": True, "fail": False}


class ConditionError(ValueError):
    """A rule's `check` that does not fit the language or the kind."""


@dataclass(frozen=True, slots=True)
class RelatedTest:
    """`related:` compiled: a column computed by a join before the rules of a kind run.

    For each resource: False when a related resource fails `check`, null when one is
    undecided, True when all pass; `missing` decides when nothing related is found.
    """

    column: str
    via: str
    kind: Kind
    check: dict[str, Any]
    missing: bool | None
    match: str | None = None  # also join where `via`'s value equals this field of the target
    kinds: dict[str, Kind] = field(default_factory=dict, compare=False, repr=False)
    # The resources of `kind` whose field `via` refers to this one (a private endpoint names
    # the workspace it serves; the workspace names none).
    reverse: bool = False


def _related_column(spec: dict[str, Any]) -> str:
    # Same sub-test in several rules: one column, computed once.
    key = json.dumps(spec, sort_keys=True)
    return "__related_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def unknown_column(field: str) -> str:
    return f"{field}__unknown"


def _single_op(test: dict[str, Any], allowed: frozenset[str]) -> tuple[str, Any]:
    ops = [key for key in test if key != "field"]
    if len(ops) != 1 or ops[0] not in allowed:
        raise ConditionError(f"expected exactly one of {sorted(allowed)}, got {sorted(ops)}")
    return ops[0], test[ops[0]]


def _check_operand(op: str, value: Any) -> None:
    if op in ("in", "not_in") and not isinstance(value, list):
        raise ConditionError(f"{op} takes a list")
    if op in ("matches", "not_matches"):
        try:
            re.compile(value)
        except (re.error, TypeError) as exc:
            raise ConditionError(f"{op}: bad regular expression {value!r}: {exc}") from exc
    if op in ("gt", "gte", "lt", "lte") and not isinstance(value, int | float):
        raise ConditionError(f"{op} takes a number")
    if op in ("present", "not_empty") and not isinstance(value, bool):
        raise ConditionError(f"{op} takes true or false")


def _validate_related(related: Any, kind: Kind, kinds: dict[str, Kind] | None) -> None:
    allowed = {"via", "kind", "check", "missing", "match", "reverse"}
    if not isinstance(related, dict) or set(related) - allowed:
        raise ConditionError(
            "related takes via, kind, check and optionally match, missing and reverse"
        )
    reverse = related.get("reverse", False)
    if not isinstance(reverse, bool) or (reverse and "match" in related):
        raise ConditionError("related reverse is true or false, and takes no match")
    target = (kinds or {}).get(str(related.get("kind")))
    if target is None:
        raise ConditionError(f"related kind {related.get('kind')!r} is not a known kind")
    try:
        (target if reverse else kind).field(str(related.get("via")))
    except KeyError as exc:
        raise ConditionError(f"related via: {exc}") from exc
    if "match" in related:
        try:
            target.field(str(related["match"]))
        except KeyError as exc:
            raise ConditionError(f"related match: {exc}") from exc
    if related.get("missing", "undecided") not in _MISSING_OUTCOMES:
        raise ConditionError(f"related missing is one of {sorted(_MISSING_OUTCOMES)}")
    validate_condition(related.get("check"), target, kinds)


def validate_condition(condition: Any, kind: Kind, kinds: dict[str, Kind] | None = None) -> None:
    """Raise ConditionError unless `condition` is well formed for `kind`."""
    if not isinstance(condition, dict) or not condition:
        raise ConditionError(f"a condition is a mapping, got {condition!r}")
    if "all" in condition or "any" in condition:
        key = "all" if "all" in condition else "any"
        items = condition[key]
        if len(condition) != 1 or not isinstance(items, list) or not items:
            raise ConditionError(f"{key} takes a non-empty list and nothing beside it")
        for item in items:
            validate_condition(item, kind, kinds)
        return
    if "not" in condition:
        if len(condition) != 1:
            raise ConditionError("not takes one condition and nothing beside it")
        validate_condition(condition["not"], kind, kinds)
        return
    if "related" in condition:
        if len(condition) != 1:
            raise ConditionError("related takes one mapping and nothing beside it")
        _validate_related(condition["related"], kind, kinds)
        return
    field = condition.get("field")
    if not isinstance(field, str):
        raise ConditionError(f"a test names a field: {condition!r}")
    try:
        spec = kind.field(field)
    except KeyError as exc:
        raise ConditionError(str(exc)) from exc
    allowed = (_LIST_OPS | {"present"}) if spec.type.is_list else _SCALAR_OPS
    op, value = _single_op(condition, allowed)
    if op in ("every", "some"):
        if not isinstance(value, dict):
            raise ConditionError(f"{op} takes a test of each element, e.g. {{gt: 1}}")
        element_op, element_value = _single_op(value, _SCALAR_OPS - {"present"})
        _check_operand(element_op, element_value)
    else:
        _check_operand(op, value)


def _scalar_test(column: pl.Expr, op: str, value: Any) -> pl.Expr:
    """A decided test: an absent value fails a positive test and passes a negative one."""
    tests: dict[str, Callable[[], pl.Expr]] = {
        "equals": lambda: column.eq(value).fill_null(False),
        "not_equals": lambda: column.ne(value).fill_null(True),
        "in": lambda: column.is_in(value).fill_null(False),
        "not_in": lambda: (~column.is_in(value)).fill_null(True),
        "matches": lambda: column.str.contains(value).fill_null(False),
        "not_matches": lambda: (~column.str.contains(value)).fill_null(True),
        "starts_with": lambda: column.str.starts_with(value).fill_null(False),
        "gt": lambda: (column > value).fill_null(False),
        "gte": lambda: (column >= value).fill_null(False),
        "lt": lambda: (column < value).fill_null(False),
        "lte": lambda: (column <= value).fill_null(False),
    }
    return tests[op]()


def _field_test(condition: dict[str, Any], spec: FieldSpec) -> pl.Expr:
    column = pl.col(spec.name)
    is_unknown = pl.col(unknown_column(spec.name))
    allowed = (_LIST_OPS | {"present"}) if spec.type.is_list else _SCALAR_OPS
    op, value = _single_op(condition, allowed)
    if op == "present":
        known = column.is_not_null() if value else column.is_null()
        return pl.when(is_unknown).then(pl.lit(value)).otherwise(known)
    if op == "not_empty":
        decided = (column.list.len() > 0).fill_null(False)
        decided = decided if value else ~decided
    elif op == "contains":
        decided = column.list.contains(value).fill_null(False)
    elif op in ("every", "some"):
        element_op, element_value = _single_op(value, _SCALAR_OPS - {"present"})
        each = _scalar_test(pl.element(), element_op, element_value)
        reduced = column.list.eval(each)
        decided = (reduced.list.all() if op == "every" else reduced.list.any()).fill_null(False)
    else:
        decided = _scalar_test(column, op, value)
    return pl.when(is_unknown).then(pl.lit(None, dtype=pl.Boolean)).otherwise(decided)


def compile_condition(
    condition: dict[str, Any],
    kind: Kind,
    kinds: dict[str, Kind] | None = None,
    related: list[RelatedTest] | None = None,
) -> pl.Expr:
    """One Polars expression: True passes, False fails, null is undecided.

    `related:` tests are appended to `related`; the caller computes their columns.
    """
    if "all" in condition:
        parts = [compile_condition(c, kind, kinds, related) for c in condition["all"]]
        return pl.all_horizontal(*parts)
    if "any" in condition:
        parts = [compile_condition(c, kind, kinds, related) for c in condition["any"]]
        return pl.any_horizontal(*parts)
    if "not" in condition:
        return ~compile_condition(condition["not"], kind, kinds, related)
    if "related" in condition:
        if related is None or kinds is None:
            raise ConditionError("related tests need the catalog's kinds and a collector")
        test = related_test(condition["related"], kinds)
        related.append(test)
        return pl.col(test.column)
    return _field_test(condition, kind.field(condition["field"]))


def related_test(spec: dict[str, Any], kinds: dict[str, Kind]) -> RelatedTest:
    """A validated `related:` mapping as the test evaluate.py joins."""
    return RelatedTest(
        column=_related_column(spec),
        via=spec["via"],
        kind=kinds[spec["kind"]],
        check=spec["check"],
        missing=_MISSING_OUTCOMES[str(spec.get("missing", "undecided"))],
        match=spec.get("match"),
        kinds=kinds,
        reverse=bool(spec.get("reverse", False)),
    )


def fields_read(condition: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """The fields a validated condition tests on its own resource, in the order written, and
    its `related:` mappings (their checks read the related resources' fields)."""
    fields: list[str] = []
    related: list[dict[str, Any]] = []
    pending = [condition]
    while pending:
        node = pending.pop()
        if "all" in node or "any" in node:
            pending.extend(reversed(node.get("all") or node.get("any") or []))
        elif "not" in node:
            pending.append(node["not"])
        elif "related" in node:
            related.append(node["related"])
        elif node.get("field") not in fields:
            fields.append(str(node["field"]))
    return fields, related
