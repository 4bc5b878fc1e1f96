"""Policy documents as statements: JSON text, parsed JSON, and Terraform's policy_document blocks.

A value the source could not know (a reference resolved only after apply) reaches this module
as the placeholder string `<unknown...>` (see UNKNOWN_MARK): it is a concrete value that is never
`*` and never another account, so a reference never makes a grant look broader than it is.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from scanner.model.values import UNKNOWN_TEXT, Unknown

UNKNOWN_MARK = UNKNOWN_TEXT
# Every statement names actions: none means the source could not evaluate them.
_UNREAD = (UNKNOWN_MARK,)
_EFFECTS = {"allow": "Allow", "deny": "Deny"}
# An IAM principal ARN names its account (12 digits; `cloudfront` for legacy origin access
# identities): IAM rejects a policy whose principal ARN has none (`arn:aws:iam::root`).
_PRINCIPAL_ARN = re.compile(r"^arn:[a-z-]+:(iam|sts)::(\d{12}|cloudfront):\S.*$")


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement, its lists already normalized from "a string or a list of strings"."""

    sid: str
    effect: str  # Allow | Deny
    actions: tuple[str, ...]
    not_action: bool
    resources: tuple[str, ...]
    not_resource: bool
    principals: tuple[tuple[str, str], ...]  # (type: AWS | Service | Federated | *, value)
    not_principal: bool
    condition_keys: tuple[str, ...]  # lowercased context keys, e.g. iam:passedtoservice
    condition_values: tuple[str, ...]  # every value a condition compares with


class DocumentError(ValueError):
    """Text that is not a policy document."""


class IncompleteDocument(DocumentError):
    """A document whose statements are known only after apply."""


def unknown_placeholder(value: object) -> str:
    """json.dumps `default=`: a value known only after apply becomes the placeholder."""
    if isinstance(value, Unknown):
        return UNKNOWN_MARK
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def _strings(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(UNKNOWN_MARK if isinstance(i, Unknown) else str(i) for i in items if i is not None)


def _principals(value: object) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (("*", value),) if value == "*" else (("AWS", value),)
    if isinstance(value, dict):
        return tuple(
            (str(kind), ident) for kind, idents in value.items() for ident in _strings(idents)
        )
    return (("AWS", UNKNOWN_MARK),)


def _checked(principals: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """The principals; DocumentError for an AWS principal ARN without an account, which IAM
    refuses and which a scanner must not read as the role's own account."""
    for kind, ident in principals:
        if kind.upper() != "AWS" or not ident.startswith("arn:"):
            continue
        if UNKNOWN_MARK in ident or "${" in ident:
            continue  # a reference: its account is known only at deploy time
        if not _PRINCIPAL_ARN.match(ident):
            raise DocumentError(f"principal {ident!r} is not an IAM ARN with an account id")
    return principals


def _conditions(value: object) -> tuple[tuple[str, ...], tuple[str, ...]]:
    keys: list[str] = []
    values: list[str] = []
    if isinstance(value, dict):
        for tests in value.values():
            if isinstance(tests, dict):
                for key, compared in tests.items():
                    keys.append(str(key).lower())
                    values.extend(_strings(compared))
    elif value is not None:
        keys.append(UNKNOWN_MARK)
    return tuple(keys), tuple(values)


def _effect(value: object, default: str | None = None) -> str:
    """Allow or Deny (any case, as the engine compares them); DocumentError for anything else,
    IncompleteDocument for a value known only after apply."""
    if isinstance(value, Unknown) or value == UNKNOWN_MARK:
        raise IncompleteDocument("statement Effect known only after apply")
    if value is None and default is not None:
        return default
    effect = _EFFECTS.get(value.lower()) if isinstance(value, str) else None
    if effect is None:
        shown = "missing" if value is None else repr(value)
        raise DocumentError(f"statement Effect is {shown}, not Allow or Deny")
    return effect


def statement_from_json(raw: dict[str, object]) -> Statement:
    keys, values = _conditions(raw.get("Condition"))
    return Statement(
        sid=str(raw.get("Sid") or ""),
        effect=_effect(raw.get("Effect")),
        actions=_strings(raw.get("NotAction", raw.get("Action"))) or _UNREAD,
        not_action="NotAction" in raw,
        resources=_strings(raw.get("NotResource", raw.get("Resource"))),
        not_resource="NotResource" in raw,
        principals=_checked(_principals(raw.get("NotPrincipal", raw.get("Principal")))),
        not_principal="NotPrincipal" in raw,
        condition_keys=keys,
        condition_values=values,
    )


def parse_document(document: object) -> list[Statement]:
    """Statements of a document given as JSON text or already parsed; DocumentError if neither."""
    parsed = document
    if isinstance(document, str):
        try:
            parsed = json.loads(document)
        except json.JSONDecodeError as exc:
            raise DocumentError(
                f"policy document is not JSON: {exc.msg} (line {exc.lineno} column {exc.colno})"
            ) from exc
    if not isinstance(parsed, dict):
        raise DocumentError(f"policy document is a {_json_type(parsed)}, not a JSON object")
    raw = parsed.get("Statement")
    if raw is None:
        # Every policy has statements: none means the source could not evaluate them
        # (Terraform leaves `Statement` null when a variable in it has no value).
        raise IncompleteDocument("policy document without Statement")
    if not isinstance(raw, list | dict):
        raise DocumentError(f"policy Statement is a {_json_type(raw)}, not a list or an object")
    statements = []
    for index, item in enumerate(raw if isinstance(raw, list) else [raw], start=1):
        if not isinstance(item, dict):
            raise DocumentError(f"policy statement {index} is a {_json_type(item)}, not an object")
        try:
            statements.append(statement_from_json(item))
        except IncompleteDocument:
            raise
        except DocumentError as exc:
            raise DocumentError(f"policy statement {index}: {exc}") from exc
    return statements


def _json_type(value: object) -> str:
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "list" if isinstance(value, list) else type(value).__name__


def _block_principals(blocks: object) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    for block in blocks if isinstance(blocks, list) else [blocks]:
        if isinstance(block, dict):
            kind = str(block.get("type") or "AWS")
            found.extend((kind, ident) for ident in _strings(block.get("identifiers")))
    return tuple(found)


def statement_from_block(block: dict[str, object]) -> Statement:
    """A `statement { ... }` block of Terraform's `aws_iam_policy_document` data source."""
    conditions = block.get("condition")
    keys: list[str] = []
    values: list[str] = []
    for test in conditions if isinstance(conditions, list) else [conditions]:
        if isinstance(test, dict):
            keys.append(str(test.get("variable", UNKNOWN_MARK)).lower())
            values.extend(_strings(test.get("values")))
    not_principal = block.get("not_principals") is not None
    return Statement(
        sid=str(block.get("sid") or ""),
        effect=_effect(block.get("effect"), default="Allow"),
        actions=_strings(block.get("not_actions", block.get("actions"))) or _UNREAD,
        not_action=block.get("not_actions") is not None,
        resources=_strings(block.get("not_resources", block.get("resources"))),
        not_resource=block.get("not_resources") is not None,
        principals=_checked(
            _block_principals(
                block.get("not_principals") if not_principal else block.get("principals")
            )
        ),
        not_principal=not_principal,
        condition_keys=tuple(keys),
        condition_values=tuple(values),
    )


def merge_documents(
    sources: list[list[Statement]], own: list[Statement], overrides: list[list[Statement]]
) -> list[Statement]:
    """`aws_iam_policy_document` merging: source documents, then the data source's own
    statements, then each override document; a statement with a non-blank sid replaces an
    earlier one with the same sid, any other is appended (the provider's documented order)."""
    merged: list[Statement] = []
    for layer in [*sources, own, *overrides]:
        for statement in layer:
            same = [i for i, s in enumerate(merged) if statement.sid and s.sid == statement.sid]
            if same:
                merged[same[0]] = statement
            else:
                merged.append(statement)
    return merged
