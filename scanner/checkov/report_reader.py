"""Checkov's JSON report (`checkov -o json`), validated at the edge and read into checks.

The report is one object per framework Checkov ran (`check_type`, `results`, `summary`), or a
list of them; a run over nothing prints only a summary object. `results` holds
`failed_checks`, `passed_checks` and `skipped_checks` (a check silenced by a
`checkov:skip=ID:reason` comment, with its `suppress_comment`), and `parsing_errors` (files
Checkov could not parse). Several documents printed one after another are read in turn.

A report comes from a pull request's pipeline: it is bounded in size, and anything that is not
such a report is a `CheckovError` with a one-line message, never a traceback.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

# A report of a large estate with every passed check is tens of MB; past this it is refused.
MAX_REPORT_BYTES = 512 * 1024 * 1024
# Longer names, paths and titles are cut: they come from the scanned code.
_TEXT_LIMIT = 2000


class CheckovError(Exception):
    """Checkov could not run, or what it gave back is not a report: one line for `errors`."""


class _CheckResult(BaseModel):
    model_config = ConfigDict(extra="ignore")

    result: str
    suppress_comment: str | None = None
    evaluated_keys: list[str] = Field(default_factory=list)


class _Check(BaseModel):
    model_config = ConfigDict(extra="ignore")

    check_id: str = Field(min_length=1, max_length=200)
    check_name: str = ""
    check_result: _CheckResult
    file_path: str = ""
    file_abs_path: str | None = None
    repo_file_path: str | None = None
    file_line_range: list[int] = Field(default_factory=list)
    resource: str = ""
    resource_address: str | None = None
    caller_file_path: str | None = None
    severity: str | None = None
    guideline: str | None = None


class _Results(BaseModel):
    model_config = ConfigDict(extra="ignore")

    failed_checks: list[_Check] = Field(default_factory=list)
    passed_checks: list[_Check] = Field(default_factory=list)
    skipped_checks: list[_Check] = Field(default_factory=list)
    parsing_errors: list[str] = Field(default_factory=list)


class _Summary(BaseModel):
    model_config = ConfigDict(extra="ignore")

    checkov_version: str | None = None


class _FrameworkReport(BaseModel):
    model_config = ConfigDict(extra="ignore")

    check_type: str = ""
    results: _Results = Field(default_factory=_Results)
    summary: _Summary = Field(default_factory=_Summary)


class _FrameworkRun(_FrameworkReport):
    """A framework's report as Checkov prints it, `check_type` given (the fast path)."""

    check_type: str


@functools.cache
def _typical() -> TypeAdapter[_FrameworkRun | list[_FrameworkRun]]:
    """A report of a run or a file is nearly always one of these; pydantic reads it straight
    from the JSON text, skipping what it does not keep (code blocks, breadcrumbs), several times
    faster than parsing every value first. Anything else takes the path that says what is
    wrong. Built on first use, not at import."""
    return TypeAdapter(_FrameworkRun | list[_FrameworkRun])


@dataclass(frozen=True, slots=True)
class CheckovCheck:
    """One result of one Checkov check on one resource, as Checkov wrote it."""

    check_id: str
    title: str
    status: str  # passed | failed | skipped
    framework: str  # Checkov's check_type: terraform, terraform_plan, cloudformation, arm, ...
    resource: str  # terraform address, `AWS::S3::Bucket.Logical`, `Microsoft.X/y.name`
    file_path: str  # relative to the folder Checkov scanned, with a leading `/`
    caller: str | None  # a module's resource: the file of the module call
    file_abs_path: str | None
    repo_file_path: str | None
    line: int | None
    severity: str | None
    guideline: str | None
    skip_reason: str | None
    evaluated_keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CheckovRun:
    """Every check result of a run (or a report file), Checkov's version, unparsed files."""

    checks: tuple[CheckovCheck, ...]
    version: str | None
    parsing_errors: tuple[str, ...]


_STATUS = {"failed_checks": "failed", "passed_checks": "passed", "skipped_checks": "skipped"}


def _documents(text: str) -> list[object]:
    """The JSON values of `text`: one, or several printed one after another."""
    decoder = json.JSONDecoder()
    documents: list[object] = []
    position = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return documents
        value, position = decoder.raw_decode(text, position)
        documents.append(value)


def _text(value: str) -> str:
    """Text UTF-8 can encode (a lone surrogate from a `\\ud800` escape becomes `?`), cut."""
    if value.isascii():  # nearly always: names and paths
        return value[:_TEXT_LIMIT]
    return value.encode("utf-8", "replace").decode("utf-8")[:_TEXT_LIMIT]


def _optional(value: str | None) -> str | None:
    return None if value is None else _text(value)


def _keys(keys: list[str]) -> tuple[str, ...]:
    """The attributes a check read, sorted (Checkov lists them in no stable order), without
    `resource_type`, which every graph check reads."""
    return tuple(sorted({_text(k) for k in keys[:50] if k != "resource_type"}))[:20]


def _checks(framework: _FrameworkReport) -> list[CheckovCheck]:
    out = []
    for key, status in _STATUS.items():
        for check in getattr(framework.results, key):
            lines = check.file_line_range
            out.append(
                CheckovCheck(
                    check_id=_text(check.check_id),
                    title=_text(check.check_name or check.check_id),
                    status=status,
                    framework=_text(framework.check_type),
                    resource=_text(check.resource_address or check.resource),
                    file_path=_text(check.file_path),
                    caller=_optional(check.caller_file_path),
                    file_abs_path=_optional(check.file_abs_path),
                    repo_file_path=_optional(check.repo_file_path),
                    line=lines[0] if lines and lines[0] >= 1 else None,
                    severity=_optional(check.severity),
                    guideline=_optional(check.guideline),
                    skip_reason=_optional(check.check_result.suppress_comment),
                    evaluated_keys=_keys(check.check_result.evaluated_keys),
                )
            )
    return out


def read_report_text(text: str, origin: str) -> CheckovRun:
    """The checks of Checkov's JSON output `text`; `origin` names it in error messages."""
    try:
        typical = _typical().validate_json(text)
    except (ValidationError, ValueError, RecursionError):
        return _read_documents(text, origin)
    frameworks: list[_FrameworkReport] = list(typical if isinstance(typical, list) else [typical])
    versions = [f.summary.checkov_version for f in frameworks if f.summary.checkov_version]
    return _run(frameworks, versions)


def _run(frameworks: list[_FrameworkReport], versions: list[str]) -> CheckovRun:
    checks = [check for framework in frameworks for check in _checks(framework)]
    unparsed = [
        _text(path) for framework in frameworks for path in framework.results.parsing_errors
    ]
    return CheckovRun(
        checks=tuple(checks),
        version=versions[0] if versions else None,
        parsing_errors=tuple(dict.fromkeys(unparsed)),
    )


def _read_documents(text: str, origin: str) -> CheckovRun:
    """Any shape Checkov prints (documents one after another, a summary alone), or a
    CheckovError that says what is wrong."""
    try:
        documents = _documents(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise CheckovError(f"{origin}: not Checkov's JSON report ({exc})") from exc
    if not documents:
        raise CheckovError(f"{origin}: empty, not Checkov's JSON report")
    frameworks: list[_FrameworkReport] = []
    versions: list[str] = []
    for document in documents:
        for item in document if isinstance(document, list) else [document]:
            if not isinstance(item, dict):
                raise CheckovError(f"{origin}: not Checkov's JSON report (an item is no object)")
            if "results" not in item and "check_type" not in item:
                # A run that found nothing prints only its summary.
                version = item.get("checkov_version")
                if "checkov_version" not in item and "passed" not in item:
                    raise CheckovError(f"{origin}: not Checkov's JSON report (no results)")
                if isinstance(version, str):
                    versions.append(version)
                continue
            try:
                framework = _FrameworkReport.model_validate(item)
            except ValidationError as exc:
                problem = exc.errors()[0]
                where = ".".join(str(p) for p in problem["loc"])
                raise CheckovError(
                    f"{origin}: not Checkov's JSON report ({where}: {problem['msg']})"
                ) from exc
            frameworks.append(framework)
            if framework.summary.checkov_version:
                versions.append(framework.summary.checkov_version)
    return _run(frameworks, versions)


def read_report_file(path: Path) -> CheckovRun:
    """A report written by `checkov -o json` elsewhere (`--checkov-report FILE`)."""
    try:
        size = path.stat().st_size
        if size > MAX_REPORT_BYTES:
            raise CheckovError(
                f"{path}: Checkov report of {size} bytes, over the {MAX_REPORT_BYTES} limit"
            )
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise CheckovError(f"cannot read Checkov report {path}: {exc.strerror}") from exc
    return read_report_text(text, str(path))
