"""ARM template expressions (`"[concat(parameters('name'), '-ws')]"`): parsed, then evaluated.

The grammar is small: function calls, single-quoted strings (`''` escapes a quote), numbers,
and member (`.name`) or index (`[0]`) access on a result. A string is an expression when it is
wrapped in `[` `]`; a leading `[[` escapes a literal bracket.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_EXPRESSION_LENGTH = 20_000  # the service's own limit is 24,576 characters for a string
MAX_EXPRESSION_DEPTH = 100
# ARM's integers are 64-bit: a larger value is refused by the service, and bounding them keeps
# repeated multiplication from building integers of millions of digits.
MIN_INTEGER, MAX_INTEGER = -(2**63), 2**63 - 1


class ExpressionError(ValueError):
    """An expression that does not parse; the message says where."""


@dataclass(frozen=True, slots=True)
class Literal:
    value: object


@dataclass(frozen=True, slots=True)
class Call:
    name: str  # lower case: ARM function names are case-insensitive
    args: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Member:
    target: Node
    name: str


@dataclass(frozen=True, slots=True)
class Index:
    target: Node
    index: Node


Node = Literal | Call | Member | Index

_TOKEN = re.compile(
    r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<number>-?\d+(?:\.\d+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<punct>[(),.\[\]]))"
)


def is_expression(value: object) -> bool:
    return (
        isinstance(value, str)
        and value.startswith("[")
        and not value.startswith("[[")
        and (value.rstrip().endswith("]"))
    )


def unescape(value: str) -> str:
    """A literal string that starts with `[[` stands for one starting with `[`."""
    return value[1:] if value.startswith("[[") else value


def parse(text: str) -> Node:
    """The syntax tree of an expression string (with its outer brackets)."""
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_EXPRESSION_LENGTH} characters")
    body = text.strip()[1:-1]
    parser = _Parser(_tokens(body))
    node = parser.expression(0)
    if parser.peek() is not None:
        raise ExpressionError(f"unexpected {parser.peek()!r} in expression {text!r}")
    return node


def _integer(text: str) -> int:
    # More digits than any 64-bit integer has: refused before int() reads it.
    value = int(text) if len(text.lstrip("-")) <= 20 else None
    if value is None or not MIN_INTEGER <= value <= MAX_INTEGER:
        raise ExpressionError(f"integer {text[:24]}... is out of ARM's 64-bit range")
    return value


def _tokens(body: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(body):
        if body[position:].strip() == "":
            break
        match = _TOKEN.match(body, position)
        if match is None:
            raise ExpressionError(f"cannot read expression at {body[position : position + 20]!r}")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self._tokens = tokens
        self._at = 0

    def peek(self) -> str | None:
        return self._tokens[self._at][1] if self._at < len(self._tokens) else None

    def _take(self) -> tuple[str, str]:
        if self._at >= len(self._tokens):
            raise ExpressionError("expression ends too early")
        token = self._tokens[self._at]
        self._at += 1
        return token

    def _expect(self, punct: str) -> None:
        kind, text = self._take()
        if kind != "punct" or text != punct:
            raise ExpressionError(f"expected {punct!r}, found {text!r}")

    def expression(self, depth: int) -> Node:
        if depth > MAX_EXPRESSION_DEPTH:
            raise ExpressionError(f"expression nested more than {MAX_EXPRESSION_DEPTH} deep")
        kind, text = self._take()
        node: Node
        if kind == "string":
            node = Literal(text[1:-1].replace("''", "'"))
        elif kind == "number":
            node = Literal(float(text) if "." in text else _integer(text))
        elif kind == "name" and self.peek() == "(":
            node = Call(text.lower(), self._arguments(depth))
        elif kind == "name" and text.lower() in ("true", "false", "null"):
            node = Literal({"true": True, "false": False, "null": None}[text.lower()])
        else:
            raise ExpressionError(f"unexpected {text!r} in expression")
        while self.peek() in (".", "["):
            _, punct = self._take()
            if punct == ".":
                kind, name = self._take()
                if kind != "name":
                    raise ExpressionError(f"expected a property name after '.', found {name!r}")
                node = Member(node, name)
            else:
                node = Index(node, self.expression(depth + 1))
                self._expect("]")
        return node

    def _arguments(self, depth: int) -> tuple[Node, ...]:
        self._expect("(")
        args: list[Node] = []
        if self.peek() == ")":
            self._take()
            return ()
        while True:
            args.append(self.expression(depth + 1))
            _kind, text = self._take()
            if text == ")":
                return tuple(args)
            if text != ",":
                raise ExpressionError(f"expected ',' or ')', found {text!r}")
