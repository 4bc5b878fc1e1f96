"""Evaluate ARM template values: parameters, variables, copy loops and the common functions.

What only the deployment knows (`reference()`, `resourceGroup().location`, `uniqueString()`,
`listKeys()`, a parameter without a default, a function not implemented here) is UNKNOWN:
present, but never equal to anything. A `resourceId()` / `reference()` naming another resource
of the template is recorded as a reference under the property path it sits in, so it becomes a
relation. Mistakes in the template are collected, never raised, and the value is UNKNOWN.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from scanner.model.values import UNKNOWN, Unknown
from scanner.sources.arm.expressions import (
    MAX_INTEGER,
    MIN_INTEGER,
    ExpressionError,
    Index,
    Literal,
    Member,
    Node,
    is_expression,
    parse,
    unescape,
)
from scanner.sources.arm.functions import (
    RESOURCE_GROUP_ID,
    SUBSCRIPTION_ID,
    TENANT_ID,
    TOO_LARGE,
    too_large,
)
from scanner.sources.bounds import InputTooLarge

# Each evaluated value is a step: a backstop that keeps one template from running away
# (a `range()` of a billion, variables that build on each other exponentially).
MAX_STEPS = 1_000_000
MAX_COPY = 800  # ARM's own limit on a copy loop's count

Refs = dict[str, set[str]]


class TemplateTooLarge(Exception):
    """The evaluation went past MAX_STEPS."""


@dataclass(slots=True)
class Problems:
    """Template mistakes met while evaluating: reported once each."""

    messages: dict[str, int | None] = field(default_factory=dict)

    def add(self, message: str, line: int | None) -> None:
        self.messages.setdefault(message, line)


@dataclass(slots=True)
class Scope:
    """What expressions of one template (or one inner-scoped nested deployment) read."""

    parameters: dict[str, object]
    variables: Mapping[str, object]
    # The id of what the template deploys into (its resource group unless `$schema` or a
    # nested deployment says otherwise): the parent of its top-level resources.
    deployed_at: str = RESOURCE_GROUP_ID
    # (lower-case full type, lower-case full name) -> resource id, for resourceId() targets;
    # symbolic names (languageVersion 2.0) and plain names -> id, for reference().
    by_type_and_name: dict[tuple[str, str], str] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    _variable_values: dict[str, tuple[object, frozenset[str]]] = field(default_factory=dict)
    _evaluating: set[str] = field(default_factory=set)


def _unknown_in(value: object) -> bool:
    return isinstance(value, Unknown)


class Evaluator:
    """Evaluates the values of one template file, scope by scope."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self._steps = 0
        self._functions: dict[str, Callable[[list[object]], object]] = _pure_functions()

    # --- values -------------------------------------------------------------------------

    def value(
        self,
        raw: object,
        scope: Scope,
        refs: Refs,
        path: str = "",
        line: int | None = None,
        copy_index: Mapping[str, int | Unknown] | None = None,
    ) -> object:
        """The plain value of a template value: expressions evaluated, property copies expanded."""
        self._step()
        indexes = copy_index or {}
        if isinstance(raw, dict):
            out: dict[str, object] = {}
            for key, item in raw.items():
                if key == "copy" and isinstance(item, list) and path:
                    out.update(self._property_copies(item, scope, refs, path, line, indexes))
                    continue
                name = self.value(key, scope, refs, path, line, indexes)
                child = f"{path}.{key}" if path else str(key)
                out[str(name)] = self.value(item, scope, refs, child, line, indexes)
            return out
        if isinstance(raw, list):
            return [self.value(item, scope, refs, path, line, indexes) for item in raw]
        if isinstance(raw, str):
            if not is_expression(raw):
                return unescape(str(raw))
            try:
                node = parse(raw)
            except ExpressionError as exc:
                self.problems.add(f"invalid template expression: {exc}", line)
                return UNKNOWN
            return self._eval(node, scope, refs, path, line, indexes)
        return raw

    def _property_copies(
        self,
        loops: list[object],
        scope: Scope,
        refs: Refs,
        path: str,
        line: int | None,
        indexes: Mapping[str, int | Unknown],
    ) -> dict[str, object]:
        out: dict[str, object] = {}
        for loop in loops:
            if not isinstance(loop, dict) or not isinstance(loop.get("name"), str):
                self.problems.add("a property copy loop needs a name", line)
                continue
            name = str(loop["name"])
            count = self.value(loop.get("count"), scope, refs, path, line, indexes)
            if isinstance(count, int) and not isinstance(count, bool) and count < 0:
                self.problems.add(f"copy count {count} is negative; ARM refuses it", line)
            if not isinstance(count, int) or isinstance(count, bool) or count > MAX_COPY:
                out[name] = UNKNOWN
                continue
            child = f"{path}.{name}"
            out[name] = [
                self.value(loop.get("input"), scope, refs, child, line, {**indexes, name: i})
                for i in range(max(count, 0))
            ]
        return out

    def _step(self) -> None:
        self._steps += 1
        if self._steps > MAX_STEPS:
            raise TemplateTooLarge

    # --- expressions --------------------------------------------------------------------

    def _eval(
        self,
        node: Node,
        scope: Scope,
        refs: Refs,
        path: str,
        line: int | None,
        indexes: Mapping[str, int | Unknown],
    ) -> object:
        self._step()
        if isinstance(node, Literal):
            return node.value
        if isinstance(node, Member):
            target = self._eval(node.target, scope, refs, path, line, indexes)
            if isinstance(target, dict):
                found = {k.lower(): v for k, v in target.items()}.get(node.name.lower())
                return UNKNOWN if found is None else found
            return UNKNOWN
        if isinstance(node, Index):
            target = self._eval(node.target, scope, refs, path, line, indexes)
            key = self._eval(node.index, scope, refs, path, line, indexes)
            return _index(target, key)

        def args() -> list[object]:
            return [self._eval(a, scope, refs, path, line, indexes) for a in node.args]

        name = node.name
        if name == "if":
            if len(node.args) != 3:
                self.problems.add("if() takes three arguments", line)
                return UNKNOWN
            condition = self._eval(node.args[0], scope, refs, path, line, indexes)
            if isinstance(condition, bool):
                chosen = node.args[1] if condition else node.args[2]
                return self._eval(chosen, scope, refs, path, line, indexes)
            for branch in node.args[1:]:  # for the references inside
                self._eval(branch, scope, refs, path, line, indexes)
            return UNKNOWN
        if name == "parameters":
            return self._parameter(args(), scope, line)
        if name == "variables":
            value, targets = self._variable(args(), scope, line)
            if targets:
                refs.setdefault(path, set()).update(targets)
            return value
        if name == "copyindex":
            return _copy_index(args(), indexes)
        if name in ("resourceid", "subscriptionresourceid", "tenantresourceid"):
            return self._resource_id(args(), scope, refs, path, _ID_PREFIX[name])
        if name == "reference":
            values = args()
            if values and isinstance(values[0], str):
                target = _target_of(values[0], scope)
                if target is not None:
                    refs.setdefault(path, set()).add(target)
            return UNKNOWN
        function = self._functions.get(name)
        if function is None:
            args()  # for the references inside
            return UNKNOWN  # uniqueString(), listKeys(), utcNow(), ...: known only at deploy
        values = args()
        try:
            result = function(values)
        except InputTooLarge as exc:
            too_much = "builds a value too large to evaluate" if exc.message == TOO_LARGE else ""
            self.problems.add(f"{name}() {too_much or exc.message}; not known", line)
            return UNKNOWN
        except (TypeError, ValueError, IndexError, KeyError, ZeroDivisionError, OverflowError):
            return UNKNOWN
        if too_large(result):
            self.problems.add(f"{name}() builds a value too large to evaluate; not known", line)
            return UNKNOWN
        if isinstance(result, int) and not MIN_INTEGER <= result <= MAX_INTEGER:
            self.problems.add(f"{name}() overflows a 64-bit integer; not known", line)
            return UNKNOWN
        return result

    def _parameter(self, args: list[object], scope: Scope, line: int | None) -> object:
        if len(args) != 1 or not isinstance(args[0], str):
            return UNKNOWN
        if args[0] not in scope.parameters:
            self.problems.add(f"parameters('{args[0]}') names no declared parameter", line)
            return UNKNOWN
        return scope.parameters[args[0]]

    def _variable(
        self, args: list[object], scope: Scope, line: int | None
    ) -> tuple[object, frozenset[str]]:
        """A variable's value, and the resources it refers to (its users refer to them too)."""
        if len(args) != 1 or not isinstance(args[0], str):
            return UNKNOWN, frozenset()
        name = args[0]
        if name in scope._variable_values:
            return scope._variable_values[name]
        if name not in scope.variables:
            self.problems.add(f"variables('{name}') names no declared variable", line)
            return UNKNOWN, frozenset()
        if name in scope._evaluating:
            self.problems.add(f"variable '{name}' refers to itself", line)
            return UNKNOWN, frozenset()
        scope._evaluating.add(name)
        inner: Refs = {}
        try:
            value = self.value(scope.variables[name], scope, inner, "", line)
        finally:
            scope._evaluating.discard(name)
        found = (value, frozenset(t for targets in inner.values() for t in targets))
        scope._variable_values[name] = found
        return found

    def _resource_id(
        self, args: list[object], scope: Scope, refs: Refs, path: str, prefix: str
    ) -> object:
        at = next((i for i, a in enumerate(args) if isinstance(a, str) and "/" in a), None)
        if at is None or any(_unknown_in(a) for a in args[at:]):
            return UNKNOWN
        rtype = str(args[at])
        names = [str(a) for a in args[at + 1 :]]
        target = scope.by_type_and_name.get((rtype.lower(), "/".join(names).lower()))
        if target is not None:
            refs.setdefault(path, set()).add(target)
        namespace, *types = rtype.split("/")
        segments = [namespace] + [p for pair in zip(types, names, strict=False) for p in pair]
        return f"{prefix.rstrip('/')}/providers/" + "/".join(segments)


# Where each resourceId() function's ids live (a role definition is a subscription resource).
_ID_PREFIX = {
    "resourceid": RESOURCE_GROUP_ID,
    "subscriptionresourceid": SUBSCRIPTION_ID,
    "tenantresourceid": TENANT_ID,
}


def _target_of(name_or_id: str, scope: Scope) -> str | None:
    """The template resource that reference() names: symbolic name, name, or an id we built."""
    if name_or_id in scope.by_name:
        return scope.by_name[name_or_id]
    if "/providers/" in name_or_id:
        for (_, name), target in scope.by_type_and_name.items():
            if name_or_id.lower().endswith("/" + name.split("/")[-1]):
                return target
    return None


def _index(target: object, key: object) -> object:
    if isinstance(target, list) and isinstance(key, int) and not isinstance(key, bool):
        return target[key] if -len(target) <= key < len(target) else UNKNOWN
    if isinstance(target, dict) and isinstance(key, str):
        found = {k.lower(): v for k, v in target.items()}.get(key.lower())
        return UNKNOWN if found is None else found
    return UNKNOWN


def _copy_index(args: list[object], indexes: Mapping[str, int | Unknown]) -> object:
    offset = next((a for a in args if isinstance(a, int) and not isinstance(a, bool)), 0)
    loop = next((a for a in args if isinstance(a, str)), "")
    index = indexes.get(loop, UNKNOWN)
    return UNKNOWN if isinstance(index, Unknown) else index + offset


def _pure_functions() -> dict[str, Callable[[list[object]], object]]:
    """Functions of known arguments only: any UNKNOWN argument makes the result UNKNOWN."""
    from scanner.sources.arm import functions

    table = functions.TABLE
    lenient = functions.LENIENT

    def strict(function: Callable[[list[object]], object]) -> Callable[[list[object]], object]:
        def call(args: list[object]) -> object:
            if any(_unknown_in(a) for a in args):
                return UNKNOWN
            return function(args)

        return call

    return {
        name: (function if name in lenient else strict(function))
        for name, function in table.items()
    }


def parse_json_string(text: str) -> object:
    """json(): a JSON document inside a string."""
    return json.loads(text)
