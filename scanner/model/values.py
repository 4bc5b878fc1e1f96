"""Values a source could not know before apply (a reference, an unset variable)."""

from __future__ import annotations

from typing import Final


class Unknown:
    """A value known only after apply. Present, but never equal or unequal to anything."""

    __slots__ = ()
    _instance: Unknown | None = None

    def __new__(cls) -> Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __reduce__(self) -> str:
        # Keeps the singleton across process boundaries (folders are evaluated in workers).
        return "UNKNOWN"


UNKNOWN: Final = Unknown()

# How an unknown value is written inside a structured value kept as JSON text (a policy
# document with a reference in it): a string that is never `*` and never equal to a literal.
UNKNOWN_TEXT: Final = "<unknown>"
