"""The JSON Schema of rule files, generated from the types the loader parses them into.

Published as docs/rule.schema.json (a test keeps it in sync) and printed by
`mlposture rules schema`; every built-in rule.yaml names it in a `yaml-language-server`
comment, so editors complete and check rules as they are written. What needs the catalog
(does a kind have the field, is it a list) is the loader's to check, not the schema's.
"""

from __future__ import annotations

import json
from typing import Any

from scanner.engine.rules import Rule

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# Where the published copy is, relative to the repository, and how a rule file names it.
PUBLISHED = "docs/rule.schema.json"
MODELINE = "# yaml-language-server: $schema="


def rule_schema() -> dict[str, Any]:
    """The schema of one rule file (JSON Schema 2020-12)."""
    generated = Rule.model_json_schema(mode="validation")
    _drop_null_defaults(generated)
    return {
        "$schema": DIALECT,
        **generated,
        "title": "mlposture rule",
        "description": "One rule file (rules/<provider>/<service>/<slug>/rule.yaml): "
        "see docs/writing-rules.md.",
    }


def schema_text() -> str:
    return json.dumps(rule_schema(), indent=2, ensure_ascii=False) + "\n"


def _drop_null_defaults(node: object) -> None:
    """A test left out is `None` inside; in a file it is simply not written (nor is null a
    value it may take)."""
    if isinstance(node, dict):
        if "default" in node and node["default"] is None:
            del node["default"]
        options = node.get("anyOf")
        if isinstance(options, list) and {"type": "null"} in options:
            options.remove({"type": "null"})
            if len(options) == 1:
                rest = {k: v for k, v in node.items() if k != "anyOf"}
                node.clear()
                node.update({**options[0], **rest})
        for value in node.values():
            _drop_null_defaults(value)
    elif isinstance(node, list):
        for item in node:
            _drop_null_defaults(item)
