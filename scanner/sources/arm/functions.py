"""The ARM template functions that need no deployment to answer: strings, logic, arrays, objects.

Each takes its evaluated arguments. A TypeError / ValueError / IndexError raised here makes the
value UNKNOWN (the caller catches them), so the functions are written for the well-formed case.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from scanner.model.values import UNKNOWN, Unknown
from scanner.sources.bounds import MAX_STRING, InputTooLarge, load_json

# The deployment's subscription and resource group are not known from the template: their ids
# are written with these placeholders, so that an id built from them keeps its shape (a role
# assignment `scope` of `resourceGroup().id` is at resource-group level, whatever the group).
RESOURCE_GROUP = "{resourceGroup}"
SUBSCRIPTION = "{subscription}"
SUBSCRIPTION_ID = f"/subscriptions/{SUBSCRIPTION}"
RESOURCE_GROUP_ID = f"{SUBSCRIPTION_ID}/resourceGroups/{RESOURCE_GROUP}"
MANAGEMENT_GROUP_ID = "/providers/Microsoft.Management/managementGroups/{managementGroup}"
TENANT_ID = "/"

Function = Callable[[list[object]], object]

# No real template builds a value near these; a template that doubles a value in each of a
# chain of variables would otherwise take all memory. Over the limit, the value is UNKNOWN.
# A function that would build a larger value says so (InputTooLarge) before building it.
MAX_NODES = 100_000

_FORMAT_ITEM = re.compile(r"\{\{|\}\}|\{(\d+)(?:[,:][^}]*)?\}")


def too_large(value: object) -> bool:
    """Whether a value is past the bounds: a long string, or too many nested values."""
    if isinstance(value, str):
        return len(value) > MAX_STRING
    if not isinstance(value, (dict, list)):
        return False
    seen, stack = 0, [value]
    while stack:
        item = stack.pop()
        seen += 1
        if seen > MAX_NODES:
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and len(item) > MAX_STRING:
            return True
    return False


def _text(value: object) -> str:
    """A value as ARM writes it into a string (string(), concat(), format())."""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, (dict, list)):
        if too_large(value):
            raise ValueError("value too large")
        return json.dumps(value, separators=(",", ":"), default=str)
    if value is None:
        return ""
    return str(value)


TOO_LARGE = "value too large"


def _bounded(size: int, limit: int = MAX_STRING) -> None:
    if size > limit:
        raise InputTooLarge(TOO_LARGE)


def _concat(args: list[object]) -> object:
    if args and all(isinstance(a, list) for a in args):
        _bounded(sum(len(a) for a in args if isinstance(a, list)), MAX_NODES)
        return [item for a in args if isinstance(a, list) for item in a]
    texts = [_text(a) for a in args]
    _bounded(sum(len(t) for t in texts))
    return "".join(texts)


def _format(args: list[object]) -> object:
    template, values = str(args[0]), args[1:]
    built = len(template)

    def item(match: re.Match[str]) -> str:
        nonlocal built
        if match.group(0) in ("{{", "}}"):
            return match.group(0)[0]
        text = _text(values[int(match.group(1))])
        built += len(text)
        _bounded(built)
        return text

    return _FORMAT_ITEM.sub(item, template)


def _replace(args: list[object]) -> object:
    text, old, new = str(args[0]), str(args[1]), str(args[2])
    count = text.count(old) if old else len(text) + 1
    _bounded(len(text) + count * (len(new) - len(old)))
    return text.replace(old, new)


def _pad_left(args: list[object]) -> object:
    text, width = str(args[0]), int(_number(args[1]))
    _bounded(width)
    return text.rjust(width, str(args[2]) if len(args) > 2 else " ")


def _identity(value: object) -> object:
    """A hashable stand-in for a value, equal where ARM's union() sees two values as one."""
    if isinstance(value, (dict, list)):
        return ("json", json.dumps(value, sort_keys=True, separators=(",", ":"), default=str))
    return value


def _kleene_and(args: list[object]) -> object:
    if any(a is False for a in args):
        return False
    return True if all(a is True for a in args) else UNKNOWN


def _kleene_or(args: list[object]) -> object:
    if any(a is True for a in args):
        return True
    return False if all(a is False for a in args) else UNKNOWN


def _coalesce(args: list[object]) -> object:
    for value in args:
        if isinstance(value, Unknown):
            return UNKNOWN  # it might be the null that coalesce skips, or the answer
        if value is not None:
            return value
    return None


def _create_object(args: list[object]) -> object:
    if len(args) % 2 or any(not isinstance(k, str) for k in args[::2]):
        raise ValueError("createObject() takes key, value pairs")
    return {str(k): v for k, v in zip(args[::2], args[1::2], strict=True)}


def _union(args: list[object]) -> object:
    if all(isinstance(a, dict) for a in args):
        merged: dict[str, object] = {}
        for a in args:
            if isinstance(a, dict):
                merged.update(a)
        return merged
    if all(isinstance(a, list) for a in args):
        _bounded(sum(len(a) for a in args if isinstance(a, list)), MAX_NODES)
        seen: set[object] = set()  # `in` on the list built so far was quadratic
        kept: list[object] = []
        for a in args:
            for item in a if isinstance(a, list) else []:
                key = _identity(item)
                if key not in seen:
                    seen.add(key)
                    kept.append(item)
        return kept
    raise TypeError("union() of mixed types")


def _contains(args: list[object]) -> object:
    container, item = args
    if isinstance(container, str):
        return str(item).lower() in container.lower()
    if isinstance(container, dict):
        return str(item).lower() in (k.lower() for k in container)
    if isinstance(container, list):
        return item in container
    raise TypeError("contains() of a scalar")


def _bool(args: list[object]) -> object:
    value = args[0]
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    text = str(value).strip().lower()
    if text in ("true", "false"):
        return text == "true"
    raise ValueError("not a boolean")


def _int(args: list[object]) -> object:
    value = args[0]
    if isinstance(value, bool):
        raise TypeError("int() of a boolean")
    return int(value) if isinstance(value, (int, float)) else int(str(value).strip())


def _string(args: list[object]) -> object:
    value = args[0]
    return (
        value
        if isinstance(value, str)
        else _text(value).lower()
        if isinstance(value, bool)
        else _text(value)
    )


def _equals(args: list[object]) -> object:
    return args[0] == args[1]


def _number(value: object) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError("not a number")
    return value


def _compare(op: Callable[[object, object], bool]) -> Function:
    def compare(args: list[object]) -> object:
        first, second = args
        if isinstance(first, str) and isinstance(second, str):
            return op(first, second)
        return op(_number(first), _number(second))

    return compare


def _split(args: list[object]) -> object:
    text, separators = str(args[0]), args[1]
    if isinstance(separators, list):
        return re.split("|".join(re.escape(str(s)) for s in separators), text)
    return text.split(str(separators))


def _range(args: list[object]) -> object:
    start, count = int(_number(args[0])), int(_number(args[1]))
    if count > 10_000:
        raise ValueError("range() too long")
    return list(range(start, start + max(count, 0)))


TABLE: dict[str, Function] = {
    "concat": _concat,
    "format": _format,
    "string": _string,
    "int": _int,
    "bool": _bool,
    "float": lambda a: float(str(a[0])),
    "json": lambda a: load_json(str(a[0])),
    "tolower": lambda a: str(a[0]).lower(),
    "toupper": lambda a: str(a[0]).upper(),
    "trim": lambda a: str(a[0]).strip(),
    "replace": _replace,
    "split": _split,
    "substring": lambda a: str(a[0])[
        int(_number(a[1])) : (int(_number(a[1])) + int(_number(a[2]))) if len(a) > 2 else None
    ],
    "startswith": lambda a: str(a[0]).lower().startswith(str(a[1]).lower()),
    "endswith": lambda a: str(a[0]).lower().endswith(str(a[1]).lower()),
    "indexof": lambda a: str(a[0]).lower().find(str(a[1]).lower()),
    "lastindexof": lambda a: str(a[0]).lower().rfind(str(a[1]).lower()),
    "padleft": _pad_left,
    "empty": lambda a: a[0] in (None, "", [], {}),
    "length": lambda a: len(a[0]),  # type: ignore[arg-type]
    "contains": _contains,
    "first": lambda a: a[0][0],  # type: ignore[index]
    "last": lambda a: a[0][-1],  # type: ignore[index]
    "take": lambda a: a[0][: int(_number(a[1]))],  # type: ignore[index]
    "skip": lambda a: a[0][int(_number(a[1])) :],  # type: ignore[index]
    "array": lambda a: a[0] if isinstance(a[0], list) else [a[0]],
    "createarray": lambda a: list(a),
    "createobject": _create_object,
    "union": _union,
    "range": _range,
    "min": lambda a: min(a[0] if len(a) == 1 and isinstance(a[0], list) else a),
    "max": lambda a: max(a[0] if len(a) == 1 and isinstance(a[0], list) else a),
    "add": lambda a: _number(a[0]) + _number(a[1]),
    "sub": lambda a: _number(a[0]) - _number(a[1]),
    "mul": lambda a: _number(a[0]) * _number(a[1]),
    "div": lambda a: int(_number(a[0]) / _number(a[1])),
    "mod": lambda a: _number(a[0]) % _number(a[1]),
    "equals": _equals,
    "not": lambda a: not a[0] if isinstance(a[0], bool) else UNKNOWN,
    "and": _kleene_and,
    "or": _kleene_or,
    "coalesce": _coalesce,
    "true": lambda a: True,
    "false": lambda a: False,
    "null": lambda a: None,
    "less": _compare(lambda x, y: x < y),  # type: ignore[operator]
    "lessorequals": _compare(lambda x, y: x <= y),  # type: ignore[operator]
    "greater": _compare(lambda x, y: x > y),  # type: ignore[operator]
    "greaterorequals": _compare(lambda x, y: x >= y),  # type: ignore[operator]
    "resourcegroup": lambda a: {
        "id": RESOURCE_GROUP_ID,
        "name": UNKNOWN,
        "location": UNKNOWN,
        "type": "Microsoft.Resources/resourceGroups",
        "tags": UNKNOWN,
        "properties": UNKNOWN,
    },
    "subscription": lambda a: {
        "id": SUBSCRIPTION_ID,
        "subscriptionId": UNKNOWN,
        "tenantId": UNKNOWN,
        "displayName": UNKNOWN,
    },
}

# These decide for themselves what an UNKNOWN argument means (Kleene logic, containers that
# may hold an unknown value, the zero-argument functions).
LENIENT = frozenset(
    {"and", "or", "coalesce", "createarray", "createobject", "true", "false", "null"}
    | {"resourcegroup", "subscription"}
)
