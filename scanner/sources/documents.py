"""Structured documents (JSON and YAML) found by content, not extension.

A `.json` file can be a Terraform plan, a CloudFormation or ARM template, an ARM parameter
file, or something else entirely
(a package manifest, a fixture); a `.yaml` can be a CloudFormation template, a Kubernetes
manifest or a CI file. Each is read, recognised by its keys, and handed to the source that
understands it; anything else is skipped quietly. A file that was meant as a plan or a
template but does not parse is reported, with its line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from scanner.errors import InputError, ScanError
from scanner.sources.arm.loader import (
    decode_arm,
    is_arm_parameters,
    is_arm_template,
    looks_like_arm,
    strip_json_comments,
)
from scanner.sources.bounds import InputTooLarge, load_json, without_surrogate_escapes
from scanner.sources.cloudformation.decode import (
    decode_template,
    is_template,
    looks_like_template,
)
from scanner.sources.terraform.plan_shape import plan_shape_error
from scanner.sources.walk import Refused, read_regular, refusal, walk

DOCUMENT_SUFFIXES = (".json", ".yaml", ".yml", ".template")
BICEP_SUFFIX = ".bicep"
# A template or plan this large is not hand-written; refusing it bounds time and memory.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Document:
    path: Path
    shown: str
    text: str
    content: object
    format: str  # terraform-plan | cloudformation | arm | arm-parameters


def find_documents(
    path: Path,
    shown: str,
    skip_paths: tuple[str, ...] = (),
    *,
    follow_symlinks: bool = False,
    refused: list[Refused] | None = None,
) -> list[tuple[Path, str]]:
    """Candidate files under `path` (or `path` itself), with how each is shown; entries
    that are not read (not regular files, links leaving the folder) go to `refused`."""
    if not path.is_dir():
        # Named on the command line: a link is followed, but only to a regular file.
        why = refusal(path, None, follow_symlinks=True)
        if why is not None:
            if refused is not None:
                refused.append(why)
            return []
        return [(path, shown)] if _is_candidate(path.name) else []
    found: list[tuple[Path, str]] = []
    for folder, names in walk(path, skip_paths, follow_symlinks=follow_symlinks, refused=refused):
        for name in names:
            if _is_candidate(name):
                full = folder / name
                found.append((full, str(Path(shown) / full.relative_to(path))))
    return found


def _is_candidate(name: str) -> bool:
    if name.endswith(BICEP_SUFFIX):
        return True  # reported as not scanned, once each
    return name.endswith(DOCUMENT_SUFFIXES) and not name.endswith(".tf.json")


def detect_format(content: object) -> str | None:
    """What a parsed document is, by its keys; None for anything the scanner does not read."""
    if not isinstance(content, dict):
        return None
    if "format_version" in content and (
        "planned_values" in content or "resource_changes" in content
    ):
        return "terraform-plan"
    if is_template(content):
        return "cloudformation"
    if is_arm_template(content):
        return "arm"
    if is_arm_parameters(content):
        return "arm-parameters"
    return None


def read_document(path: Path, shown: str) -> tuple[Document | None, InputError | None]:
    """Read and recognise one file. (None, None) means: not something to scan, skip it."""
    text, error = _read_text(path, shown)
    if text is None:
        return None, error
    # Here, not in each decoder: the ones that keep lines (cfn-lint's) read the text again.
    text = without_surrogate_escapes(text)
    if path.name.endswith(".json"):
        return _read_json(path, shown, text)
    if "AWSTemplateFormatVersion" not in text and "AWS::" not in text:
        return None, None  # most YAML is not a template: not even parsed
    return _read_template(path, shown, text, None, known=False)


def read_template_file(path: Path, shown: str) -> tuple[Document | None, InputError | None]:
    """Read a file known to be meant as a template (a nested stack's), whatever its name."""
    text, error = _read_text(path, shown)
    if text is None:
        return None, error or InputError(shown, None, "not a UTF-8 text file")
    return _read_template(path, shown, without_surrogate_escapes(text), None, known=True)


def _read_text(path: Path, shown: str) -> tuple[str | None, InputError | None]:
    """The file as text; a file that cannot be read is an error whatever its format (it
    might be the template), one that is not UTF-8 is not a document this scanner reads."""
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            # Peek before refusing: a huge file that is not a plan or template is skipped.
            text = read_regular(path, 4096, head=True).decode("utf-8", "replace")
            if _looks_like_plan_head(text) or looks_like_template(text):
                limit = MAX_DOCUMENT_BYTES // (1024 * 1024)
                return None, InputError(shown, None, f"file is larger than {limit} MB; not read")
            return None, None
        data = read_regular(path, MAX_DOCUMENT_BYTES)
    except OSError as exc:
        return None, InputError(shown, None, f"cannot read file: {exc.strerror or exc}")
    try:
        # Newlines as Path.read_text gives them: line numbers count \r\n and \r as one.
        return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"), None
    except UnicodeDecodeError:
        return None, None  # not a UTF-8 document: not something this scanner reads


def _read_json(path: Path, shown: str, text: str) -> tuple[Document | None, InputError | None]:
    try:
        content = load_json(text)
    except ValueError as exc:
        meant = _looks_like_plan(text) or looks_like_template(text) or looks_like_arm(text)
        if not meant:
            return None, None
        if looks_like_arm(text) and isinstance(exc, json.JSONDecodeError):
            try:  # ARM templates may carry comments
                text = strip_json_comments(text)
                content = load_json(text)
            except ValueError as again:
                return None, _json_error(shown, again)
        else:
            return None, _json_error(shown, exc)
    fmt = detect_format(content)
    if fmt == "cloudformation":
        return _read_template(path, shown, text, content, known=True)
    if fmt == "arm":
        try:
            content = decode_arm(text, shown, content)
        except ScanError as exc:
            return None, exc.error
    if fmt == "terraform-plan":
        assert isinstance(content, dict)
        problem = plan_shape_error(content)
        if problem is not None:
            return None, InputError(shown, None, problem)
    if fmt is None:
        return None, None
    return Document(path, shown, text, content, fmt), None


def _json_error(shown: str, exc: ValueError) -> InputError:
    if isinstance(exc, json.JSONDecodeError):
        return InputError(shown, exc.lineno, f"invalid JSON: {exc}")
    if isinstance(exc, InputTooLarge):
        return InputError(shown, exc.line, exc.message)
    return InputError(shown, None, f"invalid JSON: {exc}")


def _read_template(
    path: Path, shown: str, text: str, parsed_json: object, known: bool
) -> tuple[Document | None, InputError | None]:
    """Decode with line marks; `known`: already recognised as a template, so errors count."""
    try:
        content = decode_template(text, shown, parsed_json)
    except ScanError as exc:
        return (None, exc.error) if known or looks_like_template(text) else (None, None)
    if not (is_template(content) or (known and isinstance(content, dict))):
        return None, None
    return Document(path, shown, text, content, "cloudformation"), None


def _looks_like_plan_head(head: str) -> bool:
    return '"format_version"' in head or '"planned_values"' in head


def _looks_like_plan(text: str) -> bool:
    head = text[:4096]
    return '"format_version"' in head and (
        '"planned_values"' in text or '"resource_changes"' in text
    )
