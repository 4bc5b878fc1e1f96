"""The line of each attribute of a Terraform resource block: `direct_internet_access` is on 12.

tfparse gives a block's first and last line, not its attributes'. The evidence of a failed
result points at the attribute's own line, so each .tf file holding a wanted resource is
tokenized once: strings, comments and heredocs are skipped, brackets counted, and every
attribute or nested block whose enclosing levels all have a name (`primary_container { image =
... }`, `environment = { ... }`) is recorded under its dotted path (`primary_container.image`),
the first occurrence winning (a block repeated, one line per `count` instance). A value inside
a list or a call (`ingress = [{...}]`, `jsonencode({...})`) is not recorded; its attribute is.
The JSON syntax (.tf.json) records nothing: its resources keep their block's line only.

One regular expression finds every token (in C); the Python loop only keeps a stack, so a file
costs about one microsecond per token.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

from scanner.model.resource import NativeResource

_META = "__tfmeta"
# Possessive quantifiers (`*+`): hostile text never makes the expression backtrack (a long
# run of letters could otherwise be split into labels in exponentially many ways).
_IDENTIFIER = r"[A-Za-z_][\w-]*+"
_TOKEN = re.compile(
    r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"?'  # a string (a template's braces are inside it)
    r"|(?P<open>[{\[(])|(?P<close>[}\])])"
    # An attribute (`name =`, not `==` or `=>`), or a block header (`name "label" ... {`).
    rf"|\n[ \t]*+(?P<name>{_IDENTIFIER})[ \t]*+"
    rf'(?:(?P<assign>=)(?![=>])|(?:(?:"[^"\n]*+"|{_IDENTIFIER})[ \t]*+)*+(?P<block>\{{))'
    r"|(?:\#|//)[^\n]*|/\*.*?(?:\*/|\Z)"  # comments
    rf"|<<-?[ \t]*(?P<tag>{_IDENTIFIER})[^\n]*\n.*?(?:^[ \t]*(?P=tag)[ \t]*$|\Z)",  # heredoc
    re.MULTILINE | re.DOTALL,
)
# Paths deeper than this are not recorded (no mapping reads that deep).
_MAX_DEPTH = 8


def resource_lines(text: str, first: int = 1) -> dict[int, dict[str, int]]:
    """Per `resource` (or `data`) block of a .tf file, by its header's line: attribute path ->
    line.

    `first`: the line `text` starts on, when it is a part of a file."""
    text = "\n" + text  # every name token starts at a newline; lines count from 1 below it
    found: dict[int, dict[str, int]] = {}
    current: dict[str, int] | None = None
    # One entry per open bracket: the name it opened (a block, `name = {`), "" for a level
    # that adds no name (the resource's own, `jsonencode(` 's object), None for any other.
    stack: list[str | None] = []
    unnamed = 0  # how many None entries the stack holds
    line, counted = first - 1, 0
    # What the next bracket opens when only blanks (or `jsonencode`) come before it: the name
    # of the last `name =`, and where the gap starts.
    pending: tuple[str, int] | None = None
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind is None or kind == "tag":  # a string, a comment, a heredoc
            continue
        if kind == "close":
            if stack and stack.pop() is None:
                unnamed -= 1
            if not stack:
                current = None
            pending = None
        elif kind == "open":
            opened, follows = None, None
            if pending is not None:
                gap = text[pending[1] : match.start()].strip()
                if match.group() == "{" and not gap:
                    opened = pending[0]
                elif match.group() == "(" and gap == "jsonencode" and pending[0]:
                    # `body = jsonencode({...})`: the object is the attribute's value.
                    opened, follows = pending[0], ("", match.end())
            stack.append(opened)
            unnamed += opened is None
            pending = follows
        else:  # `name =`, or a block header `name ... {` (its brace is part of the token)
            start = match.start("name")
            line += text.count("\n", counted, start)
            counted = start
            name = match.group("name")
            pending = None
            if not stack:  # a top-level block: `resource "type" "name" {`, `data ...`
                top = kind == "block" and name in ("resource", "data")
                current = found.setdefault(line, {}) if top else None
            elif current is not None and not unnamed and len(stack) <= _MAX_DEPTH:
                path = [n for n in stack if n]
                current.setdefault(".".join([*path, name]), line)
                if kind == "assign":
                    pending = (name, match.end())
            if kind == "block":
                stack.append(name if stack else "")
    return found


def _attach(
    resources: list[NativeResource], lines_of: Callable[[str, int], dict[str, int] | None]
) -> list[NativeResource]:
    """`lines_of(file, header)`: the attribute lines of the block at `header` of `file` (as
    the resource's location names it); one block is read once, for all its instances."""
    blocks: dict[tuple[str, int], dict[str, int] | None] = {}
    attached: list[NativeResource] = []
    for resource in resources:
        file, header = resource.location.file, resource.location.line
        if file is None or header is None:
            attached.append(resource)
            continue
        if (file, header) not in blocks:
            blocks[(file, header)] = lines_of(file, header)
        lines = blocks[(file, header)]
        attached.append(replace(resource, lines=lines) if lines else resource)
    return attached


def _read(path: Path) -> list[str] | None:
    if path.suffix != ".tf":  # the JSON syntax: no attribute lines
        return None
    try:
        return path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None


def attach_lines_evaluated(
    resources: list[NativeResource],
    evaluated: Mapping[str, list[dict[str, object]]],
    folder: Path,
    root_shown: str,
    file_names: Mapping[str, str],
) -> list[NativeResource]:
    """Resources read by tfparse, with their attribute lines (files named as in the report:
    `file_names`, else `root/relative`, as the resources' locations are). Only the lines of
    the resource blocks are read (tfparse gives each block's first and last line)."""
    files: dict[str, Path] = {}
    ends: dict[tuple[str, int], int] = {}
    for entries in evaluated.values():
        for block in entries:
            meta = block.get(_META)
            if not isinstance(meta, dict) or meta.get("type") != "resource":
                continue
            relative = str(meta.get("filename", ""))
            shown = file_names.get(relative) or f"{root_shown}/{relative}"
            files[shown] = folder / relative
            start, end = meta.get("line_start"), meta.get("line_end")
            if isinstance(start, int) and isinstance(end, int) and end >= start:
                ends[(shown, start)] = end
    texts: dict[str, list[str] | None] = {}

    def lines_of(file: str, header: int) -> dict[str, int] | None:
        if file not in texts:
            texts[file] = _read(files[file]) if file in files else None
        text = texts[file]
        if text is None:
            return None
        end = ends.get((file, header), len(text))
        return resource_lines("\n".join(text[header - 1 : end]), header).get(header)

    return _attach(resources, lines_of)


def attach_lines_read(resources: list[NativeResource], text: str | None) -> list[NativeResource]:
    """Resources read from one .tf file without evaluation, with their attribute lines."""
    if not text:
        return resources
    found = resource_lines(text)
    return _attach(resources, lambda _file, header: found.get(header))
