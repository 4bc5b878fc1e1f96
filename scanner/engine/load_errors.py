"""A rule file's problems as its author reads them: `file:line: key: what is wrong`.

pydantic locates an error by the path of keys (its tagged unions add the member's tag, which
is not a key of the file); the line is found by walking the same path through the YAML nodes.
"""

from __future__ import annotations

from difflib import get_close_matches
from pathlib import Path

import yaml
from pydantic import ValidationError

from scanner.engine.conditions import ConditionError, Location, dotted
from scanner.engine.language import NODE_TAGS, keys

_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def yaml_problem(path: Path, exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
    problem = getattr(exc, "problem", None) or str(exc)
    return f"{where}: not valid YAML: {problem}"


def rule_problems(
    path: Path, text: str, exc: ValidationError | ConditionError, known: frozenset[str]
) -> str:
    """One line per problem (a malformed key is one problem), each naming file, line, key.
    `known`: the keys a rule file has, to suggest one for a misspelt key."""
    if isinstance(exc, ConditionError):
        found = [(exc.where, exc.message)]
    else:
        errors = [
            (tuple(p for p in e["loc"] if p not in NODE_TAGS), e["type"], e["msg"])
            for e in exc.errors()
        ]
        found = [
            (where, _said(kind, message, where, known | keys()))
            for where, kind, message in errors
            if not _misspelt(where, kind, errors)
        ]
    root = _compose(text)
    lines = []
    for where, message in found:
        line = _line(root, where)
        place = f"{path}:{line}" if line else str(path)
        lines.append(f"{place}: {dotted(where)}: {message}" if where else f"{place}: {message}")
    return "\n".join(lines)


def _misspelt(where: Location, kind: str, errors: list[tuple[Location, str, str]]) -> bool:
    """A required key missing beside an unknown key like it: one mistake, said once (as the
    unknown key, which is the line to fix)."""
    if kind != "missing" or not where:
        return False
    siblings = [str(w[-1]) for w, k, _ in errors if k == "extra_forbidden" and w[:-1] == where[:-1]]
    return bool(get_close_matches(str(where[-1]), siblings, n=1))


def _said(kind: str, message: str, where: Location, known: frozenset[str]) -> str:
    """pydantic's wording, said the way a rule author needs it."""
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        close = get_close_matches(str(where[-1]), sorted(known), n=1) if where else []
        return "unknown key" + (f" (did you mean {close[0]}?)" if close else "")
    return message.removeprefix("Value error, ")


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_COMPOSER)
    except yaml.YAMLError:
        return None


def _line(node: yaml.Node | None, where: Location) -> int | None:
    """The line of the deepest key of `where` the file has (1-based)."""
    line = None
    for part in where:
        if isinstance(node, yaml.MappingNode):
            pair = next((p for p in node.value if p[0].value == part), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line + 1, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line
