"""ARM templates of a scan: recognised by `$schema`, decoded with lines, paired with parameters.

A parameter file (`deploymentParameters.json` schema) beside a template, named after it the
way the Azure quickstarts do (`main.parameters.json` for `main.json`, `azuredeploy.parameters
.json` for `azuredeploy.json`), supplies its values; `--parameter KEY=VALUE` overrides both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from scanner.errors import ScanError
from scanner.model.values import UNKNOWN
from scanner.sources.arm.template import ArmLoad, read_arm_template
from scanner.sources.cloudformation.decode import MAX_TEMPLATE_BYTES, check_json_bounds

_TEMPLATE_SCHEMA = re.compile(r"deploymentTemplate\.json", re.IGNORECASE)
_PARAMETERS_SCHEMA = re.compile(r"deploymentParameters\.json", re.IGNORECASE)
_HINT = re.compile(r"deploymentTemplate\.json|deploymentParameters\.json", re.IGNORECASE)


def is_arm_template(content: object) -> bool:
    return (
        isinstance(content, dict)
        and isinstance(content.get("$schema"), str)
        and _TEMPLATE_SCHEMA.search(content["$schema"]) is not None
        and "resources" in content
    )


def is_arm_parameters(content: object) -> bool:
    return (
        isinstance(content, dict)
        and isinstance(content.get("$schema"), str)
        and _PARAMETERS_SCHEMA.search(content["$schema"]) is not None
    )


def looks_like_arm(text: str) -> bool:
    """Whether a file that does not parse was meant as an ARM template or parameter file."""
    return _HINT.search(text[:4096]) is not None


def strip_json_comments(text: str) -> str:
    """ARM accepts `//` and `/* */` comments in templates; blanked out, lines kept."""
    out: list[str] = []
    i, n = 0, len(text)
    in_string = False
    while i < n:
        char = text[i]
        if in_string:
            out.append(char)
            if char == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
            out.append(char)
        elif text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
            continue
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
            continue
        else:
            out.append(char)
        i += 1
    return "".join(out)


def decode_arm(text: str, shown: str, parsed: object) -> object:
    """The template again, with line marks on every mapping (cfn-lint's JSON decoder)."""
    if len(text.encode("utf-8")) > MAX_TEMPLATE_BYTES:
        limit = MAX_TEMPLATE_BYTES // (1024 * 1024)
        raise ScanError(shown, None, f"template is larger than {limit} MB (ARM's limit); not read")
    check_json_bounds(parsed, shown)
    from cfnlint.decode.cfn_json import JSONDecodeError, loads  # late: slow to import

    try:
        return loads(text)
    except JSONDecodeError as exc:  # what json.loads accepts and this decoder does not
        duplicate = exc.msg.startswith("Duplicate found")
        # A duplicate's position is the end of its mapping; its 0-based line is the key's.
        line = exc.lineno + 1 if duplicate else text.count("\n", 0, exc.pos) + 1
        message = exc.msg.replace("Duplicate found", "duplicate key")
        raise ScanError(shown, line, f"invalid JSON: {message}") from exc


def parameter_values(content: object) -> dict[str, object]:
    """`{"parameters": {"name": {"value": ...}}}`; a Key Vault `reference` is UNKNOWN."""
    found: dict[str, object] = {}
    entries = content.get("parameters") if isinstance(content, dict) else None
    if isinstance(entries, dict):
        for name, entry in entries.items():
            if isinstance(entry, dict):
                found[str(name)] = entry.get("value", UNKNOWN)
    return found


def parameters_file_for(template: Path) -> list[Path]:
    """Where the parameter file of `template` sits by the usual naming."""
    stem = template.name[: -len(".json")] if template.name.endswith(".json") else template.stem
    return [template.with_name(f"{stem}.parameters.json")]


def load_arm(
    templates: list[tuple[Path, str, object]],
    parameter_files: Mapping[Path, object],
    wanted_types: frozenset[str],
    given: Mapping[str, str],
) -> ArmLoad:
    """Every template (path, shown, decoded content) with its parameter file's values."""
    load = ArmLoad()
    for path, shown, content in templates:
        values: dict[str, object] = {}
        for candidate in parameters_file_for(path):
            if candidate.resolve() in parameter_files:
                values.update(parameter_values(parameter_files[candidate.resolve()]))
        values.update(given)
        assert isinstance(content, dict)
        one = read_arm_template(content, shown, wanted_types, values)
        load.resources.extend(one.resources)
        load.errors.extend(one.errors)
        load.not_scanned.extend(one.not_scanned)
        load.read += one.read
    return load
