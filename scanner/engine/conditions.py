"""What the engine does with a parsed condition (language.py): check it against the kinds,
compile it to a Polars expression, and say what it reads.

A `related:` test is evaluated once on the related kind's table and joined back (see
evaluate.py): compiled here, with its own check, into a RelatedTest. A `path:` is compiled into
a PathTest: its entry and each hop's check compiled on their kinds, walked as joins.

Three-valued by design: a test of a field whose value is UNKNOWN (known only after apply)
yields null, and Polars' Kleene logic carries that through `all` / `any` / `not`, so a rule is
failed only when the known values decide it. `present` holds for an unknown value.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import polars as pl

from scanner.engine.language import (
    REACH_RELATIONS,
    AllOf,
    AnyOf,
    Condition,
    ElementTest,
    FieldTest,
    Not,
    Path,
    PathHop,
    PathSpec,
    Related,
    RelatedSpec,
    children,
    walk,
)
from scanner.engine.reach_inputs import reach_inputs
from scanner.model.kinds import FieldSpec, Kind

# The tests of a list field; every other test but `present` is of a scalar field.
_LIST_OPS = frozenset({"every", "some", "contains", "not_empty"})
_MISSING_OUTCOMES = {"undecided": None, "pass": True, "fail": False}

Location = tuple[str | int, ...]  # where in the rule file: ("check", "all", 0, "field")


class ConditionError(ValueError):
    """A condition that does not fit the kinds it tests; `where` is its place in the file."""

    def __init__(self, where: Location, message: str) -> None:
        super().__init__(message)
        self.where = where
        self.message = message

    def __str__(self) -> str:
        return f"{dotted(self.where)}: {self.message}" if self.where else self.message


def dotted(where: Location) -> str:
    """`check.all[0].field`: a place in a rule file as its author reads it."""
    text = ""
    for part in where:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def unknown_column(name: str) -> str:
    return f"{name}__unknown"


# --- checked against the kinds, once, at load ----------------------------------------------


def check_condition(
    condition: Condition,
    kind: Kind,
    kinds: Mapping[str, Kind],
    where: Location = ("check",),
) -> None:
    """Raise ConditionError unless every field `condition` tests is a field of `kind` that
    takes the test, and every `related:` names known kinds and fields."""
    if isinstance(condition, AllOf | AnyOf):
        key = "all" if isinstance(condition, AllOf) else "any"
        for index, item in enumerate(children(condition)):
            check_condition(item, kind, kinds, (*where, key, index))
    elif isinstance(condition, Not):
        check_condition(condition.negated, kind, kinds, (*where, "not"))
    elif isinstance(condition, Related):
        _check_related(condition.related, kind, kinds, (*where, "related"))
    elif isinstance(condition, Path):
        _check_path(condition.path, kind, kinds, (*where, "path"))
    else:
        _check_field(condition, kind, where)


def _check_field(test: FieldTest, kind: Kind, where: Location) -> None:
    try:
        spec = kind.field(test.field)
    except KeyError:
        raise ConditionError(
            (*where, "field"), f"{kind.name} has no field {test.field!r}"
        ) from None
    if test.op == "present":
        return
    if spec.type.is_list and test.op not in _LIST_OPS:
        raise ConditionError(
            (*where, test.op),
            f"{test.field} is a list ({spec.type}): it takes present, "
            + ", ".join(sorted(_LIST_OPS)),
        )
    if not spec.type.is_list and test.op in _LIST_OPS:
        raise ConditionError(
            (*where, test.op), f"{test.op} tests a list, and {test.field} is a {spec.type}"
        )


def _check_related(
    spec: RelatedSpec, kind: Kind, kinds: Mapping[str, Kind], where: Location
) -> None:
    target = kinds.get(spec.kind)
    if target is None:
        raise ConditionError((*where, "kind"), f"{spec.kind!r} is not a known kind")
    referring = target if spec.reverse else kind
    if spec.via not in referring.field_names:
        raise ConditionError((*where, "via"), f"{referring.name} has no field {spec.via!r}")
    if spec.match is not None and spec.match not in target.field_names:
        raise ConditionError((*where, "match"), f"{target.name} has no field {spec.match!r}")
    check_condition(spec.check, target, kinds, (*where, "check"))


def _check_path(spec: PathSpec, kind: Kind, kinds: Mapping[str, Kind], where: Location) -> None:
    if spec.entry is not None:
        check_condition(spec.entry, kind, kinds, (*where, "entry"))
    current = kind
    for index, hop in enumerate(spec.hops):
        at = (*where, "hops", index)
        target = kinds.get(hop.kind)
        if target is None:
            raise ConditionError((*at, "kind"), f"{hop.kind!r} is not a known kind")
        referring = target if hop.reverse else current
        if hop.via not in REACH_RELATIONS and hop.via not in referring.field_names:
            raise ConditionError(
                (*at, "via"),
                f"{referring.name} has no field {hop.via!r} (nor is it can_read, can_write, "
                "can_manage)",
            )
        named = current if hop.reverse else target
        if hop.match is not None and hop.match not in named.field_names:
            raise ConditionError((*at, "match"), f"{named.name} has no field {hop.match!r}")
        if hop.check is not None:
            check_condition(hop.check, target, kinds, (*at, "check"))
        current = target


# --- compiled to Polars, once per run --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RelatedTest:
    """`related:` compiled: a column computed by a join before the rules of a kind run.

    For each resource: False when a related resource fails `check`, null when one is
    undecided, True when all pass; `missing` decides when nothing related is found.
    """

    column: str
    via: str
    kind: Kind
    missing: bool | None
    match: str | None = None  # also join where `via`'s value equals this field of the target
    # The resources of `kind` whose field `via` refers to this one (a private endpoint names
    # the workspace it serves; the workspace names none).
    reverse: bool = False
    # The check compiled on `kind`'s table, and the related tests that check has in turn.
    check: pl.Expr = field(default_factory=lambda: pl.lit(True), compare=False, repr=False)
    nested: tuple[Joined, ...] = field(default=(), compare=False, repr=False)
    reads: tuple[str, ...] = ()  # the fields `check` tests on the related resources


@dataclass(frozen=True, slots=True)
class CompiledHop:
    """One hop of a path: the edges it walks and the check of the resource it reaches."""

    via: str
    kind: Kind
    match: str | None = None
    reverse: bool = False
    check: pl.Expr = field(default_factory=lambda: pl.lit(True), compare=False, repr=False)
    nested: tuple[Joined, ...] = field(default=(), compare=False, repr=False)
    reads: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PathTest:
    """`path:` compiled: a column computed by joins (evaluate.py), three-valued per resource:
    True when some chain surely holds, null when one may and none surely does, else False."""

    column: str
    hops: tuple[CompiledHop, ...]
    entry: pl.Expr = field(default_factory=lambda: pl.lit(True), compare=False, repr=False)
    nested: tuple[Joined, ...] = field(default=(), compare=False, repr=False)  # the entry's
    reads: tuple[str, ...] = ()  # the fields the entry tests


# What a rule's kind table gains a column for before its rules run: a join of some kind.
Joined = RelatedTest | PathTest


def _related_column(spec: RelatedSpec | PathSpec) -> str:
    # Same sub-test in several rules: one column, computed once.
    key = json.dumps(spec.model_dump(mode="json"), sort_keys=True)
    prefix = "__path_" if isinstance(spec, PathSpec) else "__related_"
    return prefix + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _scalar_test(column: pl.Expr, test: ElementTest | FieldTest) -> pl.Expr:
    """A decided test: an absent value fails a positive test and passes a negative one."""
    value = test.operand
    tests: dict[str, Callable[[], pl.Expr]] = {
        "equals": lambda: column.eq(value).fill_null(False),
        "not_equals": lambda: column.ne(value).fill_null(True),
        "in": lambda: column.is_in(list(value)).fill_null(False),
        "not_in": lambda: (~column.is_in(list(value))).fill_null(True),
        "matches": lambda: column.str.contains(value).fill_null(False),
        "not_matches": lambda: (~column.str.contains(value)).fill_null(True),
        "starts_with": lambda: column.str.starts_with(value).fill_null(False),
        "gt": lambda: (column > value).fill_null(False),
        "gte": lambda: (column >= value).fill_null(False),
        "lt": lambda: (column < value).fill_null(False),
        "lte": lambda: (column <= value).fill_null(False),
    }
    return tests[test.op]()


def _field_test(test: FieldTest, spec: FieldSpec) -> pl.Expr:
    column = pl.col(spec.name)
    is_unknown = pl.col(unknown_column(spec.name))
    op, value = test.op, test.operand
    if op == "present":
        known = column.is_not_null() if value else column.is_null()
        return pl.when(is_unknown).then(pl.lit(value)).otherwise(known)
    if op == "not_empty":
        decided = (column.list.len() > 0).fill_null(False)
        decided = decided if value else ~decided
    elif op == "contains":
        decided = column.list.contains(value).fill_null(False)
    elif op in ("every", "some"):
        reduced = column.list.eval(_scalar_test(pl.element(), value))
        decided = (reduced.list.all() if op == "every" else reduced.list.any()).fill_null(False)
    else:
        decided = _scalar_test(column, test)
    return pl.when(is_unknown).then(pl.lit(None, dtype=pl.Boolean)).otherwise(decided)


def compile_condition(
    condition: Condition,
    kind: Kind,
    kinds: Mapping[str, Kind],
    related: list[Joined],
) -> pl.Expr:
    """One Polars expression over `kind`'s table: True passes, False fails, null is
    undecided. The condition was checked at load (check_condition).

    `related:` tests are appended to `related`; the caller computes their columns.
    """
    if isinstance(condition, AllOf):
        return pl.all_horizontal(
            *(compile_condition(c, kind, kinds, related) for c in condition.all)
        )
    if isinstance(condition, AnyOf):
        return pl.any_horizontal(
            *(compile_condition(c, kind, kinds, related) for c in condition.any)
        )
    if isinstance(condition, Not):
        return ~compile_condition(condition.negated, kind, kinds, related)
    if isinstance(condition, Related):
        test = related_test(condition.related, kinds)
        related.append(test)
        return pl.col(test.column)
    if isinstance(condition, Path):
        path = path_test(condition.path, kind, kinds)
        related.append(path)
        return pl.col(path.column)
    return _field_test(condition, kind.field(condition.field))


def related_test(spec: RelatedSpec, kinds: Mapping[str, Kind]) -> RelatedTest:
    """A checked `related:` as the test evaluate.py joins, its own check compiled."""
    target = kinds[spec.kind]
    nested: list[Joined] = []
    check = compile_condition(spec.check, target, kinds, nested)
    return RelatedTest(
        column=_related_column(spec),
        via=spec.via,
        kind=target,
        missing=_MISSING_OUTCOMES[spec.missing],
        match=spec.match,
        reverse=spec.reverse,
        check=check,
        nested=tuple(nested),
        reads=fields_read(spec.check)[0],
    )


def path_test(spec: PathSpec, kind: Kind, kinds: Mapping[str, Kind]) -> PathTest:
    """A checked `path:` as the walk evaluate.py joins, its entry and hop checks compiled."""
    nested: list[Joined] = []
    entry = pl.lit(True)
    if spec.entry is not None:
        entry = compile_condition(spec.entry, kind, kinds, nested)
    return PathTest(
        column=_related_column(spec),
        hops=tuple(_hop(hop, kinds) for hop in spec.hops),
        entry=entry,
        nested=tuple(nested),
        reads=fields_read(spec.entry)[0] if spec.entry is not None else (),
    )


def _hop(hop: PathHop, kinds: Mapping[str, Kind]) -> CompiledHop:
    target = kinds[hop.kind]
    nested: list[Joined] = []
    check = pl.lit(True)
    if hop.check is not None:
        check = compile_condition(hop.check, target, kinds, nested)
    return CompiledHop(
        via=hop.via,
        kind=target,
        match=hop.match,
        reverse=hop.reverse,
        check=check,
        nested=tuple(nested),
        reads=fields_read(hop.check)[0] if hop.check is not None else (),
    )


# --- what a condition reads ------------------------------------------------------------------


def fields_read(condition: Condition) -> tuple[tuple[str, ...], tuple[RelatedSpec, ...]]:
    """The fields a condition tests on its own resource, in the order written, and its
    `related:` tests (their checks read the related resources' fields)."""
    fields: list[str] = []
    related: list[RelatedSpec] = []
    for node in walk(condition):
        if isinstance(node, Related):
            related.append(node.related)
        elif isinstance(node, FieldTest) and node.field not in fields:
            fields.append(node.field)
    return tuple(fields), tuple(related)


def kinds_touched(condition: Condition) -> frozenset[str]:
    """The kinds a condition's `related:` tests and paths join to, however deep (with, for a
    hop over an identity's reach, the kinds that reach is computed from)."""
    kinds: set[str] = set()
    pending = [condition]
    while pending:
        for node in walk(pending.pop()):
            if isinstance(node, Related):
                kinds.add(node.related.kind)
                pending.append(node.related.check)
            elif isinstance(node, Path):
                if node.path.entry is not None:
                    pending.append(node.path.entry)
                for hop in node.path.hops:
                    kinds.add(hop.kind)
                    if hop.via in REACH_RELATIONS:
                        kinds |= reach_inputs(hop.kind)
                    if hop.check is not None:
                        pending.append(hop.check)
    return frozenset(kinds)


def has_path(condition: Condition) -> bool:
    """Whether the condition walks a path (an attack-path rule's check)."""
    return any(isinstance(node, Path) for node in walk(condition))
