"""Errors about the user's input: collected into the report, never raised past the CLI."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class InputError:
    """A file (or path) that could not be read in full; its other findings still stand."""

    file: str
    line: int | None
    message: str
    # A live audit's coverage gap: the (account, region, service) that could not be read;
    # `file` is then its address, aws://ACCOUNT/REGION/SERVICE.
    account: str | None = None
    region: str | None = None
    service: str | None = None

    def as_dict(self) -> dict[str, object]:
        entry: dict[str, object] = {"file": self.file, "line": self.line, "message": self.message}
        if self.account is not None:
            entry.update(account=self.account, region=self.region, service=self.service)
        return entry


@dataclass(frozen=True, slots=True)
class NotScanned:
    """Something deliberately left out (a remote module), reported once, not an error."""

    file: str
    line: int | None
    what: str
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "what": self.what, "reason": self.reason}


class ScanError(Exception):
    """Raised inside a source for a broken input; the pipeline turns it into an InputError."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        super().__init__(f"{file}:{line or '?'}: {message}")
        self.error = InputError(file, line, message)


class UsageError(Exception):
    """A mistake in how the command was called (exit code 2)."""
