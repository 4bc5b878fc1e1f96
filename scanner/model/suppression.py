"""An inline suppression as a source read it: which rule, why, until when, and where."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Suppression:
    """`mlposture:ignore RULE reason="..." expires=YYYY-MM-DD` on one resource.

    Sources only read what is written; whether it is valid (a reason, a known rule, a date)
    is judged once for every source after evaluation. `problem` says what could not be read
    (a date that is not a date), so that the judgement reports it with the file and line.
    """

    rule_id: str
    reason: str | None
    expires: date | None
    file: str
    line: int | None
    problem: str | None = None
