"""`# mlposture:ignore` comments of Terraform resources, attached to the resources they sit on.

A comment counts for a resource when it is inside the resource block (from the header line
to the closing brace, nested blocks included) or in the comment lines directly above the
header (no blank line between). The block's end comes from tfparse when the module was
evaluated, else from matching braces in the text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from scanner.model.resource import NativeResource
from scanner.sources.suppressions import MARKER, comment_suppressions, comments_above

_META = "__tfmeta"


def _lines(path: Path, cache: dict[Path, list[str] | None]) -> list[str] | None:
    """The file's lines if it has any suppression comment at all (most files have none)."""
    if path not in cache:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        cache[path] = text.splitlines() if MARKER in text else None
    return cache[path]


def _block_end(lines: list[str], header: int) -> int:
    """The line of the brace closing the block opened on line `header` (or the file's end).

    Strings, `${...}` inside them, comments and heredocs are skipped so that a brace in
    them does not count.
    """
    depth, opened = 0, False
    heredoc: str | None = None
    in_block_comment = False
    for number in range(header, len(lines) + 1):
        text = lines[number - 1]
        if heredoc is not None:
            if text.strip() == heredoc:
                heredoc = None
            continue
        i, in_string = 0, False
        while i < len(text):
            pair = text[i : i + 2]
            char = text[i]
            if in_block_comment:
                if pair == "*/":
                    in_block_comment, i = False, i + 1
            elif in_string:
                if char == "\\":
                    i += 1
                elif char == '"':
                    in_string = False
            elif char == '"':
                in_string = True
            elif char == "#" or pair == "//":
                break
            elif pair == "/*":
                in_block_comment, i = True, i + 1
            elif pair == "<<":
                marker = text[i + 2 :].lstrip("-").strip()
                if marker.isidentifier():
                    heredoc = marker
                    break
            elif char == "{":
                depth, opened = depth + 1, True
            elif char == "}":
                depth -= 1
                if opened and depth == 0:
                    return number
            i += 1
    return len(lines)


def _with_comments(resource: NativeResource, lines: list[str], end: int | None) -> NativeResource:
    header = resource.location.line
    if header is None or resource.location.file is None:
        return resource
    last = end if end is not None else _block_end(lines, header)
    found = comment_suppressions(lines, comments_above(lines, header), last, resource.location.file)
    return replace(resource, suppressions=found) if found else resource


def attach_evaluated(
    resources: list[NativeResource],
    evaluated: Mapping[str, list[dict[str, object]]],
    folder: Path,
    root_shown: str,
    file_names: Mapping[str, str],
) -> list[NativeResource]:
    """Resources read by tfparse, with the suppressions written on them.

    tfparse's metadata gives each block's file (relative to `folder`) and its line range; the
    report names the file as the Terraform source does (`file_names`, else `root/relative`).
    """
    blocks: dict[tuple[str, int], tuple[Path, int | None]] = {}
    for entries in evaluated.values():
        for block in entries:
            meta = block.get(_META)
            if not isinstance(meta, dict) or not isinstance(meta.get("line_start"), int):
                continue
            relative = str(meta.get("filename", ""))
            shown = file_names.get(relative) or f"{root_shown}/{relative}"
            end = meta.get("line_end")
            blocks[(shown, meta["line_start"])] = (
                folder / relative,
                end if isinstance(end, int) else None,
            )
    cache: dict[Path, list[str] | None] = {}
    attached: list[NativeResource] = []
    for resource in resources:
        key = (resource.location.file or "", resource.location.line or 0)
        found = blocks.get(key)
        lines = _lines(found[0], cache) if found is not None else None
        if lines is None or found is None:
            attached.append(resource)
        else:
            attached.append(_with_comments(resource, lines, found[1]))
    return attached


def attach_read(resources: list[NativeResource], text: str | None) -> list[NativeResource]:
    """Resources read from one file without evaluation (python-hcl2), with their suppressions."""
    if not text or MARKER not in text:
        return resources
    lines = text.splitlines()
    return [_with_comments(resource, lines, None) for resource in resources]
