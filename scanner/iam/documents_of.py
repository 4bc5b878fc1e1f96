"""Where each IAM resource's documents are: its own fields, or the resources its fields refer to.

A field whose value is known only after apply (`policy = data.aws_iam_policy_document.x.json`)
is read through its relation to the resource it names; a Terraform `aws_iam_policy_document`
is composed from its statement blocks and its source / override documents.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from scanner.errors import InputError
from scanner.iam.computed import Estate
from scanner.iam.documents import (
    UNKNOWN_MARK,
    DocumentError,
    IncompleteDocument,
    Statement,
    merge_documents,
    parse_document,
    statement_from_block,
)

POLICY_DOCUMENT = "aws.iam.policy_document"


@dataclass(slots=True)
class Documents:
    """Resolves the documents of fields; a data source is composed once (memoized).

    A document that is not a policy (not JSON, a Statement that is neither a list nor an
    object, an Effect that is neither Allow nor Deny) is undecided, and listed in `errors` at
    the resource that holds it.
    """

    estate: Estate
    errors: list[InputError] = field(default_factory=list)
    _composed: dict[int, list[Statement] | None] = field(default_factory=dict)
    # Each distinct JSON text parsed once (an estate's roles share a few trust and inline
    # policies): its statements, or the error it raised (its class and message).
    _parsed: dict[str, list[Statement] | tuple[type[DocumentError], str]] = field(
        default_factory=dict
    )

    def parse(self, text: object, row: int, field_name: str) -> list[Statement] | None:
        try:
            return self._parse_once(text)
        except IncompleteDocument:
            return None
        except DocumentError as exc:
            self._malformed(row, field_name, exc)
            return None

    def _parse_once(self, text: object) -> list[Statement]:
        if not isinstance(text, str):
            return parse_document(text)
        found = self._parsed.get(text)
        if found is None:
            try:
                found = parse_document(text)
            except DocumentError as exc:
                found = (type(exc), str(exc))
            self._parsed[text] = found
        if isinstance(found, tuple):
            error, message = found
            raise error(message)
        return found

    def _malformed(self, row: int, field_name: str, exc: DocumentError) -> None:
        resource = self.estate.resources[row]
        where = resource.location
        error = InputError(
            where.file or resource.id, where.line, f"{resource.id}: {field_name}: {exc}"
        )
        if error not in self.errors:
            self.errors.append(error)

    def of_field(self, row: int, field_name: str) -> list[list[Statement] | None]:
        """The documents a field holds: one per JSON text, or per data source it refers to.

        [None] when the field is known only after apply and refers to nothing readable.
        """
        resource = self.estate.resources[row]
        value = resource.values.get(field_name)
        texts = value if isinstance(value, list) else ([] if value is None else [value])
        found: list[list[Statement] | None] = [
            self.parse(t, row, field_name) for t in texts if t != UNKNOWN_MARK
        ]
        targets = self.estate.related(row, field_name, POLICY_DOCUMENT)
        if targets:
            found.extend(self.composed(target) for target in targets)
        # Items known only after apply that no relation explains stay unknown documents.
        unexplained = texts.count(UNKNOWN_MARK) - len(targets)
        if field_name in resource.unknown and not targets:
            unexplained = max(unexplained, 1)
        found.extend(None for _ in range(max(unexplained, 0)))
        return found

    def composed(self, row: int) -> list[Statement] | None:
        """The statements of an `aws_iam_policy_document`; None when a part is unknown."""
        if row in self._composed:
            return self._composed[row]
        self._composed[row] = None  # a cycle of documents stays unknown
        resource = self.estate.resources[row]
        if "statements" in resource.unknown:
            return None
        own = []
        texts = resource.values.get("statements")
        for text in texts if isinstance(texts, list) else []:
            if text == UNKNOWN_MARK:
                return None
            block = json.loads(str(text))
            if isinstance(block, dict):
                try:
                    own.append(statement_from_block(block))
                except IncompleteDocument:
                    return None
                except DocumentError as exc:
                    self._malformed(row, "statement", exc)
                    return None
        layers: dict[str, list[list[Statement]]] = {}
        for name in ("source_documents", "override_documents"):
            docs = self.of_field(row, name)
            if any(d is None for d in docs):
                return None
            layers[name] = [d for d in docs if d is not None]
        result = merge_documents(layers["source_documents"], own, layers["override_documents"])
        self._composed[row] = result
        return result
