"""python-hcl2: validate a file with its line, and read a file tfparse could not evaluate.

Reading without evaluation keeps literal values; anything with an interpolation (`${...}`)
is UNKNOWN, so a rule never fails on a value it could not see.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import hcl2
from lark.exceptions import (
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
    VisitError,
)

from scanner.errors import InputError
from scanner.model.resource import Location, NativeResource
from scanner.model.values import UNKNOWN
from scanner.sources.bounds import (
    HCL_STRINGS,
    MAX_DEPTH,
    InputTooLarge,
    check_depth,
    check_value_depth,
    load_json,
)

_OPTIONS = hcl2.SerializationOptions(
    with_comments=False,
    explicit_blocks=False,
    preserve_heredocs=False,
    strip_string_quotes=True,
)


@dataclass(frozen=True, slots=True)
class ParsedFile:
    path: Path
    text: str | None
    document: dict[str, object] | None
    error: InputError | None


def read_text(path: Path, shown: str) -> tuple[str | None, InputError | None]:
    """The file as text, or an error saying why it is not Terraform text."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, InputError(shown, None, f"cannot read file: {exc.strerror}")
    if b"\x00" in data:
        return None, InputError(shown, None, "binary file, not Terraform text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, InputError(shown, line, "not UTF-8 text (Terraform files must be UTF-8)")


def _syntax_message(exc: UnexpectedInput) -> str:
    if isinstance(exc, UnexpectedEOF):
        return "syntax error: unexpected end of file (unclosed block or string?)"
    if isinstance(exc, UnexpectedToken):
        shown = str(exc.token).strip() or exc.token.type.lower()
        return f"syntax error: unexpected {shown[:40]!r}"
    if isinstance(exc, UnexpectedCharacters):
        return f"syntax error: unexpected character {exc.char!r}"
    return "syntax error"


def parse_file(path: Path, shown: str) -> ParsedFile:
    """Parse one file; a syntax error becomes an InputError with its line."""
    text, error = read_text(path, shown)
    if text is None:
        return ParsedFile(path, None, None, error)
    if path.name.endswith(".json"):
        return _parse_json(path, shown, text)
    try:
        check_depth(text, HCL_STRINGS)  # python-hcl2's transformer recurses a few frames a level
        document = hcl2.loads(text, serialization_options=_OPTIONS)
        # The text's brackets are bounded, but labels and blocks nest the document further
        # (each block a list of dicts under its labels): bound what the readers walk too.
        check_value_depth(document, 2 * MAX_DEPTH)
    except InputTooLarge as exc:
        return ParsedFile(path, text, None, InputError(shown, exc.line, exc.message))
    except UnexpectedInput as exc:
        line = getattr(exc, "line", None)
        where = line if isinstance(line, int) and line > 0 else None
        return ParsedFile(path, text, None, InputError(shown, where, _syntax_message(exc)))
    # The transformer, late. RuntimeError: python-hcl2 raises it for a name set twice in a
    # body ("Attribute rule is already defined."); RecursionError is one too.
    except (ValueError, RuntimeError, VisitError) as exc:
        reason = exc.orig_exc if isinstance(exc, VisitError) else exc
        return ParsedFile(path, text, None, InputError(shown, None, f"cannot parse: {reason}"))
    return ParsedFile(path, text, document, None)


def nesting_error(path: Path, shown: str) -> InputError | None:
    """The error of a file nested past the bound, before any parser (tfparse's too) reads it."""
    text, _ = read_text(path, shown)
    if text is None:
        return None
    try:
        if path.name.endswith(".json"):
            check_depth(text)
        else:
            check_depth(text, HCL_STRINGS)
    except InputTooLarge as exc:
        return InputError(shown, exc.line, exc.message)
    return None


def _parse_json(path: Path, shown: str, text: str) -> ParsedFile:
    """Terraform's JSON syntax (`.tf.json`): validated as JSON, read like HCL."""
    try:
        document = load_json(text)
    except json.JSONDecodeError as exc:
        return ParsedFile(
            path, text, None, InputError(shown, exc.lineno, f"invalid JSON: {exc.msg}")
        )
    except InputTooLarge as exc:
        return ParsedFile(path, text, None, InputError(shown, exc.line, exc.message))
    if not isinstance(document, dict):
        return ParsedFile(path, text, None, InputError(shown, 1, "not a Terraform JSON document"))
    resources = document.get("resource")
    if isinstance(resources, dict):  # the JSON syntax nests one object, HCL lists blocks
        document = {**document, "resource": [resources]}
    return ParsedFile(path, text, document, None)


def _block_line(text: str, rtype: str, name: str) -> int | None:
    # hcl2 8.x does not serialise line numbers, so the header is found in the text.
    header = re.compile(rf'^[ \t]*resource\s+"{re.escape(rtype)}"\s+"{re.escape(name)}"', re.M)
    match = header.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _literal(value: object) -> object:
    if isinstance(value, str):
        return UNKNOWN if "${" in value else value
    if isinstance(value, list):
        return [_literal(v) for v in value]
    if isinstance(value, dict):
        return {k: _literal(v) for k, v in value.items() if not k.startswith("__")}
    return value


def unevaluated_resources(
    parsed: ParsedFile, shown: str, wanted_types: frozenset[str], module_prefix: str, scope: str
) -> list[NativeResource]:
    """Resources of one file read as written (no variables, no count / for_each expansion)."""
    found: list[NativeResource] = []
    blocks = parsed.document.get("resource", []) if parsed.document else []
    for block in blocks if isinstance(blocks, list) else []:
        if not isinstance(block, dict):
            continue
        for rtype, named in block.items():
            if rtype not in wanted_types or not isinstance(named, dict):
                continue
            for name, body in named.items():
                if not isinstance(body, dict):
                    continue
                line = _block_line(parsed.text or "", rtype, name)
                found.append(
                    NativeResource(
                        id=f"{module_prefix}{rtype}.{name}",
                        type=rtype,
                        name=name,
                        attributes=_literal(body),  # type: ignore[arg-type]
                        location=Location("terraform", shown, line),
                        scope=scope,
                    )
                )
    return found


@dataclass(slots=True)
class WrittenBlocks:
    """Resource blocks as written (python-hcl2), for what tfparse's evaluation dropped: it
    turns a reference inside an object value (an azapi `body`) into null, and the written
    expression still names what it refers to. Each file is parsed once, when first asked."""

    folder: Path
    _files: dict[str, dict[str, object] | None] = field(default_factory=dict)

    def block(self, relative: str, rtype: str, name: str) -> dict[str, object] | None:
        if relative not in self._files:
            parsed = parse_file(self.folder / relative, relative)
            self._files[relative] = parsed.document
        document = self._files[relative]
        blocks = document.get("resource", []) if document else []
        for entry in blocks if isinstance(blocks, list) else []:
            named = entry.get(rtype) if isinstance(entry, dict) else None
            body = named.get(name) if isinstance(named, dict) else None
            if isinstance(body, dict):
                return body
        return None
