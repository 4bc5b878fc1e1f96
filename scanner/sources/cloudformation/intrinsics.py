"""Intrinsic functions and conditions of a template, evaluated as far as the template allows.

A value the template cannot know before deployment (a parameter without a default, an
attribute of a resource, an import from another stack) is UNKNOWN: present, but never equal to
anything. A `Ref` / `Fn::GetAtt` / `${...}` to another resource is also recorded under the
property path it sits in (dotted, list positions left out, as the mappings read them), so that
it becomes a relation.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from scanner.errors import ScanError
from scanner.model.values import UNKNOWN, Unknown
from scanner.sources.bounds import MAX_STRING

# Each call of `resolve` is a step; the decoder already bounds the expanded template, this is
# the backstop that keeps one template from running away whatever it holds.
MAX_STEPS = 2_000_000
# Conditions naming conditions recurse; real templates chain a handful. The decoder bounds how
# deep one value is, not how long a chain of conditions gets, so this bounds the stack.
MAX_CONDITION_CHAIN = 30

Refs = dict[str, set[str]]
Truth = bool | Unknown


class _NoValue:
    """`AWS::NoValue`: the property is removed, as if it had not been written."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NO_VALUE"


NO_VALUE: Final = _NoValue()
# No `$` inside: `${` without its `}` then fails at the next `${`, not at the end of the text
# (scanning to the end from each one was quadratic: 80 KB of `${` took half a minute).
_SUB_VARIABLE = re.compile(r"\$\{([^}$]*)\}")


class _TooLarge(Exception):
    """A string function would build a value past MAX_STRING."""


@dataclass(frozen=True, slots=True)
class TemplateContext:
    """What intrinsics read: parameter values, mappings, conditions, resource names."""

    shown: str
    parameters: dict[str, object]
    mappings: dict[str, object]
    conditions: dict[str, object]
    condition_lines: dict[str, int | None]
    resources: frozenset[str]
    # A transform (SAM) generates resources and parameters that Ref may name.
    generated_names: bool = False


@dataclass(slots=True)
class Problems:
    """Template mistakes met while evaluating: reported once each, never raised."""

    messages: dict[str, int | None] = field(default_factory=dict)
    transforms: dict[str, int | None] = field(default_factory=dict)

    def add(self, message: str, line: int | None) -> None:
        self.messages.setdefault(message, line)


class Resolver:
    """Evaluates the values and conditions of one template (one set of parameters)."""

    def __init__(self, context: TemplateContext) -> None:
        self._ctx = context
        self._truths: dict[str, Truth] = {}
        self._evaluating: list[str] = []
        self._steps = 0
        self._line: int | None = None  # of the intrinsic function being evaluated
        self._copies: dict[int, str] = {}  # id of a long decoded string -> its plain copy
        self.problems = Problems()
        self._functions: dict[str, Callable[[object, str, Refs, int], object]] = {
            "Ref": self._ref,
            "Fn::GetAtt": self._get_att,
            "Fn::Sub": self._sub,
            "Fn::Join": self._join,
            "Fn::Select": self._select,
            "Fn::Split": self._split,
            "Fn::FindInMap": self._find_in_map,
            "Fn::If": self._if,
            "Fn::Base64": self._base64,
        }

    # --- values -------------------------------------------------------------------------

    def resolve(self, node: object, path: str, refs: Refs, depth: int = 0) -> object:
        """Plain JSON-like value of `node`; NO_VALUE when it resolves to `AWS::NoValue`."""
        self._steps += 1
        if self._steps > MAX_STEPS:
            raise ScanError(self._ctx.shown, None, "template too large to evaluate; not read")
        if isinstance(node, dict):
            if len(node) == 1:
                ((key, argument),) = node.items()
                function = self._functions.get(str(key))
                if function is not None:
                    # The function's own line, for its problems (a tag's argument has none).
                    outer, self._line = self._line, line_of(node) or self._line
                    try:
                        return function(argument, path, refs, depth + 1)
                    finally:
                        self._line = outer
                if str(key).startswith("Fn::"):
                    return self._opaque(str(key), argument, path, refs, depth + 1)
            resolved: dict[str, object] = {}
            for key, value in node.items():
                child = self.resolve(value, f"{path}.{key}" if path else str(key), refs, depth + 1)
                if child is not NO_VALUE:
                    resolved[str(key)] = child
            return resolved
        if isinstance(node, list):
            items = [self.resolve(item, path, refs, depth + 1) for item in node]
            return [item for item in items if item is not NO_VALUE]
        if isinstance(node, str):
            return self._plain(node)
        return node

    def _plain(self, text: str) -> str:
        """The text without cfn-lint's node class and marks. A long one is copied once: a YAML
        alias repeats the same node, and a copy each time is how 200 KB became 2 GB."""
        if type(text) is str or len(text) < 1024:
            return str(text)
        plain = self._copies.get(id(text))
        if plain is None:
            plain = self._copies[id(text)] = str(text)
        return plain

    def _opaque(self, name: str, argument: object, path: str, refs: Refs, depth: int) -> object:
        """Fn::ImportValue, Fn::GetAZs, Fn::Cidr, Fn::Transform, ...: known only when deployed."""
        if name == "Fn::Transform":
            transform = argument.get("Name") if isinstance(argument, dict) else None
            what = f"Fn::Transform {transform or ''}".strip()
            self.problems.transforms.setdefault(what, line_of(argument))
        self.resolve(argument, path, refs, depth)  # for the references inside
        return UNKNOWN

    def _named(self, name: str, path: str, refs: Refs, line: int | None) -> object:
        """What `Ref: name` (or `${name}`) stands for; `line`: where it is written."""
        if name == "AWS::NoValue":
            return NO_VALUE
        if name in self._ctx.parameters:
            return self._ctx.parameters[name]
        if name in self._ctx.resources:
            refs.setdefault(path, set()).add(name)
        elif not self._ctx.generated_names:  # CloudFormation refuses the template
            self.problems.add(f"Ref {name} names no parameter or resource of the template", line)
        return UNKNOWN

    def _ref(self, argument: object, path: str, refs: Refs, depth: int) -> object:
        if not isinstance(argument, str):
            return UNKNOWN
        return self._named(str(argument), path, refs, self._line)

    def _get_att(self, argument: object, path: str, refs: Refs, depth: int) -> object:
        line = self._line
        if isinstance(argument, str):
            argument = argument.split(".", 1)
        if isinstance(argument, list) and argument and isinstance(argument[0], str):
            if len(argument) > 1:
                self.resolve(argument[1], path, refs, depth)  # an attribute from a Ref
            name = str(argument[0])
            if name in self._ctx.resources:
                refs.setdefault(path, set()).add(name)
            elif not self._ctx.generated_names:
                self.problems.add(f"Fn::GetAtt {name} names no resource of the template", line)
        return UNKNOWN

    def _sub(self, argument: object, path: str, refs: Refs, depth: int) -> object:
        variables: dict[str, object] = {}
        if isinstance(argument, list) and len(argument) == 2 and isinstance(argument[1], dict):
            text = argument[0]
            variables = {str(k): self.resolve(v, path, refs, depth) for k, v in argument[1].items()}
        else:
            text = argument
        if not isinstance(text, str):
            return UNKNOWN
        known = True
        line = self._line
        built = len(text)

        def substitute(match: re.Match[str]) -> str:
            nonlocal known, built
            name = match.group(1).strip()
            if name.startswith("!"):
                return "${" + name[1:] + "}"  # ${!Literal} is written out as ${Literal}
            if name in variables:
                value = variables[name]
            elif "." in name:
                value = self._get_att(name, path, refs, depth)
            else:
                value = self._named(name, path, refs, line)
            text_value = _text(value)
            if text_value is None:
                known = False
                return ""
            built += len(text_value)
            if built > MAX_STRING:
                raise _TooLarge
            return text_value

        try:
            result = _SUB_VARIABLE.sub(substitute, text)
        except _TooLarge:
            self.problems.add("Fn::Sub builds a value too large to evaluate; not known", line)
            return UNKNOWN
        return result if known else UNKNOWN

    def _join(self, argument: object, path: str, refs: Refs, depth: int) -> object:
        line = self._line
        if not (isinstance(argument, list) and len(argument) == 2):
            return UNKNOWN
        delimiter = self.resolve(argument[0], path, refs, depth)
        items = self.resolve(argument[1], path, refs, depth)
        if not isinstance(delimiter, str) or not isinstance(items, list):
            return UNKNOWN
        texts = [_text(item) for item in items]
        if any(t is None for t in texts):
            return UNKNOWN
        size = len(delimiter) * len(texts) + sum(len(t) for t in texts if t is not None)
        if size > MAX_STRING:  # before building it: aliases can repeat a large value
            self.problems.add("Fn::Join builds a value too large to evaluate; not known", line)
            return UNKNOWN
        return delimiter.join(t for t in texts if t is not None)

    def _select(self, argument: object, path: str, refs: Refs, depth: int) -> object:
        if not (isinstance(argument, list) and len(argument) == 2):
            return UNKNOWN
        index = self.resolve(argument[0], path, refs, depth)
        items = self.resolve(argument[1], path, refs, depth)
        try:
            position = int(str(index))
        except ValueError:
            return UNKNOWN
        if isinstance(items, list) and 0 <= position < len(items):
            return items[position]
        return UNKNOWN

    def _split(self, argument: object, path: str, refs: Refs, depth: int) -> object:
        if not (isinstance(argument, list) and len(argument) == 2):
            return UNKNOWN
        delimiter = self.resolve(argument[0], path, refs, depth)
        text = self.resolve(argument[1], path, refs, depth)
        if isinstance(delimiter, str) and delimiter and isinstance(text, str):
            return text.split(delimiter)
        return UNKNOWN

    def _find_in_map(self, argument: object, path: str, refs: Refs, depth: int) -> object:
        if not (isinstance(argument, list) and len(argument) in (3, 4)):
            return UNKNOWN
        keys = [self.resolve(part, path, refs, depth) for part in argument[:3]]
        found: object = self._ctx.mappings
        for key in keys:
            text = _text(key)
            if text is None or not isinstance(found, dict) or text not in found:
                found = NO_VALUE
                break
            found = found[text]
        if found is NO_VALUE:
            # AWS::LanguageExtensions adds a fourth argument: {DefaultValue: ...}.
            extra = argument[3] if len(argument) == 4 else None
            if isinstance(extra, dict) and "DefaultValue" in extra:
                return self.resolve(extra["DefaultValue"], path, refs, depth)
            return UNKNOWN
        return _literal(found)  # mappings hold literals only: nothing in them is evaluated

    def _if(self, argument: object, path: str, refs: Refs, depth: int) -> object:
        if not (isinstance(argument, list) and len(argument) == 3):
            return UNKNOWN
        truth = self.condition(str(argument[0]), line_of(argument[0]))
        if truth is True:
            return self.resolve(argument[1], path, refs, depth)
        if truth is False:
            return self.resolve(argument[2], path, refs, depth)
        # Either branch may be deployed: what they agree on is known, the rest is not.
        return _agree(
            self.resolve(argument[1], path, refs, depth),
            self.resolve(argument[2], path, refs, depth),
        )

    def _base64(self, argument: object, path: str, refs: Refs, depth: int) -> object:
        value = self.resolve(argument, path, refs, depth)
        if isinstance(value, str):
            return base64.b64encode(value.encode("utf-8")).decode("ascii")
        return UNKNOWN

    # --- conditions ---------------------------------------------------------------------

    def condition(self, name: str, line: int | None = None) -> Truth:
        """The value of a named condition: True, False, or UNKNOWN when parameters decide it.

        `line` is where the name is used, for the error when it is not defined.
        """
        if name in self._truths:
            return self._truths[name]
        if name in self._evaluating:
            cycle = [*self._evaluating[self._evaluating.index(name) :], name]
            self.problems.add(
                f"circular condition: {' -> '.join(cycle)}", self._ctx.condition_lines.get(name)
            )
            return UNKNOWN
        if name not in self._ctx.conditions:
            self.problems.add(f"condition {name} is not defined", line)
            self._truths[name] = UNKNOWN
            return UNKNOWN
        if len(self._evaluating) >= MAX_CONDITION_CHAIN:
            raise ScanError(
                self._ctx.shown,
                self._ctx.condition_lines.get(name),
                f"conditions refer to one another more than {MAX_CONDITION_CHAIN} deep; not read",
            )
        self._evaluating.append(name)
        try:
            truth = self._truth(self._ctx.conditions[name], 0)
        finally:
            self._evaluating.pop()
        self._truths[name] = truth
        return truth

    def _truth(self, node: object, depth: int) -> Truth:
        self._steps += 1
        if self._steps > MAX_STEPS or not isinstance(node, dict) or len(node) != 1:
            return UNKNOWN
        ((key, argument),) = node.items()
        if key == "Condition" and isinstance(argument, str):
            return self.condition(argument, line_of(argument))
        if not isinstance(argument, list):
            return UNKNOWN
        if key == "Fn::Equals" and len(argument) == 2:
            left, right = (self.resolve(a, "", {}, depth + 1) for a in argument)
            if _has_unknown(left) or _has_unknown(right):
                return UNKNOWN
            return _comparable(left) == _comparable(right)
        truths = [self._truth(item, depth + 1) for item in argument]
        if key == "Fn::Not" and len(truths) == 1:
            return truths[0] if isinstance(truths[0], Unknown) else not truths[0]
        if key == "Fn::And":
            if False in truths:
                return False
            return UNKNOWN if any(isinstance(t, Unknown) for t in truths) else True
        if key == "Fn::Or":
            if True in truths:
                return True
            return UNKNOWN if any(isinstance(t, Unknown) for t in truths) else False
        return UNKNOWN


def line_of(node: object) -> int | None:
    """1-based line of a node decoded by cfn-lint (keys too); None for a value without marks."""
    line = getattr(getattr(node, "start_mark", None), "line", None)
    return line + 1 if isinstance(line, int) else None


def _literal(value: object) -> object:
    """A plain copy of decoded data (cfn-lint's node classes dropped), nothing evaluated."""
    if isinstance(value, dict):
        return {str(k): _literal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_literal(v) for v in value]
    return str(value) if isinstance(value, str) else value


def _text(value: object) -> str | None:
    """A scalar as CloudFormation writes it into a string; None when it is not known."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


def _comparable(value: object) -> object:
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items()}
    text = _text(value)
    return text if text is not None else value


def _has_unknown(value: object) -> bool:
    if isinstance(value, Unknown):
        return True
    if isinstance(value, list):
        return any(_has_unknown(v) for v in value)
    if isinstance(value, dict):
        return any(_has_unknown(v) for v in value.values())
    return False


def _agree(first: object, second: object) -> object:
    """What two possible values have in common; UNKNOWN where they differ."""
    if first == second:
        return first
    if isinstance(first, dict) and isinstance(second, dict):
        return {
            key: _agree(first.get(key, NO_VALUE), second.get(key, NO_VALUE))
            for key in {**first, **second}
        }
    return UNKNOWN
