"""`count` and `for_each` values that Terraform refuses, which tfparse drops without a word.

Terraform stops a plan on `count = -1`, a fractional count, or a `range()` of more than 1,024
values (its range function refuses to generate more); tfparse evaluates such a block to no
instance, or to one with a null count, and says nothing. The resource would vanish from the
report. What can be known from the text and tfparse's evaluated locals is checked here:
number literals, `range()` with literal arguments, and a `local.NAME` holding either; an
expression beyond that (a variable, a function of an unknown value) is left to Terraform.
"""

from __future__ import annotations

import math
import os
import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from pathlib import Path

from scanner.errors import InputError

RANGE_LIMIT = 1024
_BLOCK_HEADER = re.compile(r'^[ \t]*([A-Za-z_][\w-]*)((?:[ \t]+"[^"\n]*")*)[ \t]*\{', re.MULTILINE)
_META = re.compile(r"^[ \t]*(count|for_each)[ \t]*=[ \t]*(.+?)[ \t]*$", re.MULTILINE)
_NUMBER = r"-?\d+(?:\.\d+)?"
_RANGE = re.compile(rf"\brange\(\s*({_NUMBER})\s*(?:,\s*({_NUMBER})\s*)?(?:,\s*({_NUMBER})\s*)?\)")
_LITERAL = re.compile(rf"^{_NUMBER}$")
_LOCAL = re.compile(r"^local\.([A-Za-z_][\w-]*)$")
_ASSIGNMENT = re.compile(r"^[ \t]*([A-Za-z_][\w-]*)[ \t]*=[ \t]*(.+?)[ \t]*$", re.MULTILINE)
_LOCAL_USE = re.compile(r"\blocal\.([A-Za-z_][\w-]*)")
_BLOCKS = frozenset({"resource", "data", "module"})


def _range_length(arguments: tuple[str | None, ...]) -> int | None:
    """How many values Terraform's range() would generate (None: it refuses the call)."""
    numbers = [float(a) for a in arguments if a is not None]
    if len(numbers) == 1:
        start, limit, step = 0.0, numbers[0], 1.0
    else:
        start, limit = numbers[0], numbers[1]
        step = numbers[2] if len(numbers) == 3 else (1.0 if limit >= start else -1.0)
    if step == 0 or (limit - start) * step < 0:
        return None if step == 0 else 0
    return math.ceil((limit - start) / step)


def _refused_range(text: str) -> str | None:
    for match in _RANGE.finditer(text):
        length = _range_length(match.groups())
        if length is not None and length > RANGE_LIMIT:
            return (
                f"uses {match.group(0)}, which would generate {length:,} values; Terraform's "
                f"range stops at {RANGE_LIMIT:,} and refuses the call"
            )
    return None


def _refused_count(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if value < 0:
        return f"is {value:g}; Terraform requires a whole number of 0 or more"
    if value != int(value):
        return f"is {value:g}; Terraform requires a whole number"
    return None


class _Module:
    """The locals of one module folder: tfparse's values and the text each was written as."""

    def __init__(self) -> None:
        self.values: dict[str, object] = {}
        self.texts: dict[str, str] = {}


def _why(meta: str, expression: str, module: _Module) -> str | None:
    if reason := _refused_range(expression):
        return reason
    if meta == "count" and _LITERAL.match(expression):
        return _refused_count(float(expression) if "." in expression else int(expression))
    whole = _LOCAL.match(expression)
    if meta == "count" and whole is not None:
        name = whole.group(1)
        if reason := _refused_count(module.values.get(name)):
            return f"(local.{name}) {reason}"
    for name in _LOCAL_USE.findall(expression):
        if reason := _refused_range(module.texts.get(name, "")):
            return f"uses local.{name}, which {reason}"
    return None


def _headers(text: str) -> tuple[list[int], list[tuple[str, str]]]:
    found = [(m.start(), (m.group(1), m.group(2).strip())) for m in _BLOCK_HEADER.finditer(text)]
    return [start for start, _ in found], [header for _, header in found]


def _block_of(starts: list[int], headers: list[tuple[str, str]], at: int) -> tuple[str, str]:
    index = bisect_right(starts, at) - 1
    return headers[index] if index >= 0 else ("", "")


def _locals_of(
    folder: Path,
    texts: Mapping[Path, str],
    evaluated: Mapping[str, list[dict[str, object]]],
    module_folder: Path,
) -> _Module:
    """One module folder's locals, from its files and tfparse's values."""
    module = _Module()
    for file, text in texts.items():
        if file.parent != module_folder or "locals" not in text:
            continue
        starts, headers = _headers(text)
        for match in _ASSIGNMENT.finditer(text):
            if _block_of(starts, headers, match.start())[0] == "locals":
                module.texts.setdefault(match.group(1), match.group(2))
    for block in evaluated.get("locals", []):
        meta = block.get("__tfmeta")
        filename = meta.get("filename") if isinstance(meta, dict) else None
        if not isinstance(filename, str):
            continue
        # Lexically, as tfparse names it: a linked file belongs to the folder of the link.
        if Path(os.path.normpath(folder.resolve() / filename)).parent == module_folder:
            module.values.update((k, v) for k, v in block.items() if k not in ("__tfmeta", "id"))
    return module


def _suspect(meta: str, expression: str) -> bool:
    """Whether an expression could be one that is refused: the cheap test that keeps the
    common `count = var.n ? 1 : 0` from costing anything more."""
    if "range(" in expression or "local." in expression:
        return True
    negative_or_fraction = expression.startswith("-") or "." in expression
    return meta == "count" and negative_or_fraction and bool(_LITERAL.match(expression))


def _address(kind: str, labels: str) -> str:
    """The block as Terraform names it: aws_x.name, data.aws_x.name, module.name."""
    names = re.findall(r'"([^"]*)"', labels)
    return ".".join(names if kind == "resource" else [kind, *names])


def refused_meta_arguments(
    folder: Path,
    files: Mapping[Path, str],
    shown: Callable[[Path], str],
    evaluated: Mapping[str, list[dict[str, object]]],
) -> list[InputError]:
    """An error, with its line, for each `count` / `for_each` of a resource, data source or
    module call that Terraform would refuse. `files`: the text of every file of the module
    and of the local modules it calls (in resolved folders); `shown`: a file as the report
    names it."""
    texts = files
    modules: dict[Path, _Module] = {}
    errors: list[InputError] = []
    for file, text in texts.items():
        if "count" not in text and "for_each" not in text:
            continue
        found = [m for m in _META.finditer(text) if _suspect(m.group(1), m.group(2))]
        if not found:
            continue
        starts, headers = _headers(text)
        for match in found:
            kind, labels = _block_of(starts, headers, match.start())
            if kind not in _BLOCKS:
                continue  # a dynamic block's for_each, or not a block Terraform expands
            if file.parent not in modules:
                modules[file.parent] = _locals_of(folder, texts, evaluated, file.parent)
            meta, expression = match.group(1), match.group(2)
            reason = _why(meta, expression, modules[file.parent])
            if reason is None:
                continue
            line = text.count("\n", 0, match.start()) + 1
            message = f"{_address(kind, labels)}: {meta} {reason}"
            errors.append(InputError(shown(file), line, message))
    return errors
