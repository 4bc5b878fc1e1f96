"""Decode a CloudFormation template with cfn-lint's decoder, within bounds fixed beforehand.

cfn-lint keeps the line of every node, which is why it is used. It is not built for hostile
input: its duplicate-key check is quadratic in the width of a mapping, and YAML aliases or a
deep nesting cost time or the stack. So the text is first composed with PyYAML's C composer
(linear, nothing constructed) and the node graph measured: expanded size (aliases counted
every time they are used), depth, and the quadratic work. Only a template inside the bounds
is handed to cfn-lint.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import yaml

from scanner.errors import ScanError
from scanner.sources.bounds import (
    MAX_DEPTH,
    TOO_DEEP,
    TOO_MANY_DIGITS,
    InputTooLarge,
    load_json,
    long_integer_line,
)

# CloudFormation itself refuses a template body over 1 MB; four times that is not a template.
MAX_TEMPLATE_BYTES = 4 * 1024 * 1024
MAX_NODES = 500_000  # after alias expansion; a 1 MB template has well under 100,000
# Sum of the squared widths of the mappings: cfn-lint compares every key of a mapping with
# every other one, so this is its work. 25 M is about two seconds.
MAX_KEY_WORK = 25_000_000

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TEMPLATE_HINT = re.compile(r"""AWSTemplateFormatVersion|["']?Type["']?\s*:\s*["']?AWS::""")


def looks_like_template(text: str) -> bool:
    """Whether a file that does not parse was meant as a template (report it, do not skip it)."""
    return _TEMPLATE_HINT.search(text) is not None


def is_template(content: object) -> bool:
    """A CloudFormation template by its keys: a format version, or resources of AWS types."""
    if not isinstance(content, dict):
        return False
    if "AWSTemplateFormatVersion" in content:
        return True
    resources = content.get("Resources")
    return isinstance(resources, dict) and any(
        isinstance(r, dict) and isinstance(r.get("Type"), str) and r["Type"].startswith("AWS::")
        for r in resources.values()
    )


def decode_template(text: str, shown: str, parsed_json: object = None) -> Any:
    """The template with cfn-lint's line marks; ScanError when it is broken or out of bounds.

    `parsed_json` is the document already read by `json.loads`, if it was JSON: its bounds are
    measured on it directly.
    """
    if len(text.encode("utf-8")) > MAX_TEMPLATE_BYTES:
        raise ScanError(
            shown,
            None,
            f"template is larger than {MAX_TEMPLATE_BYTES // (1024 * 1024)} MB "
            "(CloudFormation accepts at most 1 MB); not read",
        )
    if parsed_json is not None:
        _check(_python_children, parsed_json, shown)
    else:
        _check(_node_children, _compose(text, shown), shown)
    # Imported here: cfn-lint's package takes over half a second to import (its rules and
    # schemas), which a scan without templates should not pay.
    from cfnlint.decode import decode_str

    template, matches = decode_str(text)
    if matches or template is None:
        first = matches[0] if matches else None
        line = first.linenumber if first is not None else None
        message = first.message if first is not None else "empty template"
        if "integer string conversion" in message:  # int() refused a YAML integer
            raise ScanError(shown, long_integer_line(text), TOO_MANY_DIGITS)
        raise ScanError(shown, line, _plain(message))
    return template


def check_json_bounds(content: object, shown: str) -> None:
    """ScanError when parsed JSON is deeper or larger than any template (ARM uses it too)."""
    _check(_python_children, content, shown)


def _compose(text: str, shown: str) -> yaml.Node | None:
    try:
        node: yaml.Node | None = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        if exc.problem and "'\\t'" in exc.problem:
            # JSON indented with tabs is not YAML; cfn-lint falls back to its JSON reader.
            _check_json(text, shown)
            return None
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        raise ScanError(shown, line, _plain(f"invalid YAML: {exc.problem or exc}")) from exc
    except yaml.YAMLError as exc:
        raise ScanError(shown, None, _plain(f"invalid YAML: {exc}")) from exc
    except RecursionError as exc:  # the pure-Python composer, where libyaml is missing
        raise ScanError(shown, None, TOO_DEEP) from exc
    return node


def _check_json(text: str, shown: str) -> None:
    try:
        content = load_json(text)
    except json.JSONDecodeError as exc:
        raise ScanError(shown, exc.lineno, f"invalid JSON: {exc.msg}") from exc
    except InputTooLarge as exc:
        raise ScanError(shown, exc.line, exc.message) from exc
    _check(_python_children, content, shown)


def _plain(message: str) -> str:
    """cfn-lint's messages, in words a user of this tool reads."""
    if "recursion" in message or "nesting depth" in message:
        return TOO_DEEP
    return message.splitlines()[0] if message else "template could not be read"


def _node_children(node: object) -> tuple[list[object], int, int | None]:
    """(children, mapping width, line) of a composed YAML node."""
    if isinstance(node, yaml.MappingNode):
        children: list[object] = [part for pair in node.value for part in pair]
        return children, len(node.value), node.start_mark.line + 1
    if isinstance(node, yaml.SequenceNode):
        return list(node.value), 0, node.start_mark.line + 1
    return [], 0, None


def _python_children(value: object) -> tuple[list[object], int, int | None]:
    if isinstance(value, dict):
        return list(value.values()), len(value), None
    if isinstance(value, list):
        return list(value), 0, None
    return [], 0, None


_Children = Callable[[object], tuple[list[object], int, "int | None"]]


def _check(children_of: _Children, root: object, shown: str) -> None:
    """Refuse a node graph beyond the bounds, in one iterative post-order walk.

    Sizes and heights are memoized per node (an alias is the same node object), so the walk
    is linear in the distinct nodes even when the expanded template is exponential.
    """
    if root is None:
        return
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    on_path: set[int] = set()
    key_work = 0
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        ident = id(node)
        kids, width, line = children_of(node)
        if expanded:
            on_path.discard(ident)
            size[ident] = 1 + sum(size[id(k)] for k in kids)
            height[ident] = 1 + max((height[id(k)] for k in kids), default=0)
            if size[ident] > MAX_NODES:
                raise ScanError(
                    shown,
                    line,
                    f"template expands to more than {MAX_NODES} values "
                    "(YAML aliases used over and over?); not read",
                )
            if height[ident] > MAX_DEPTH:
                raise ScanError(shown, line, TOO_DEEP)
            continue
        if ident in size:
            continue
        if ident in on_path:
            raise ScanError(shown, line, "a YAML alias refers to the value that contains it")
        on_path.add(ident)
        key_work += width * width
        if key_work > MAX_KEY_WORK:
            raise ScanError(shown, line, "template has too many keys in one mapping; not read")
        if len(on_path) > MAX_DEPTH:
            raise ScanError(shown, line, TOO_DEEP)
        stack.append((node, True))
        stack.extend((kid, False) for kid in kids if id(kid) not in size)
