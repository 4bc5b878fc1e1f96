"""The rule file's JSON Schema: published, in sync with the types, and true of every rule.

The loader and the schema are generated from the same types, so what an editor accepts the
loader accepts, and a malformed rule is refused by both, the loader with one line naming the
file, the line and the key.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from scanner.cli import main
from scanner.engine.language import as_written
from scanner.engine.rules import RuleLoadError, builtin_rules_dir, load_rule_file
from scanner.engine.schema import MODELINE, PUBLISHED
from tests.rules.cases import builtin_rulebook

REPO = Path(__file__).resolve().parents[2]

RULE = {
    "id": "ACME-SM-001",
    "slug": "notebook-approved-instance-types",
    "title": "Notebooks use approved instance types",
    "severity": "low",
    "category": "operations",
    "kind": "aws.sagemaker.notebook_instance",
    "rationale": "Why it matters.",
    "remediation": {"terraform": "Set instance_type."},
}


def _printed_schema() -> str:
    result = CliRunner().invoke(main, ["rules", "schema"])
    assert result.exit_code == 0, result.output
    return result.stdout


def _validator() -> Draft202012Validator:
    schema = json.loads((REPO / PUBLISHED).read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_the_published_schema_is_what_rules_schema_prints() -> None:
    assert (REPO / PUBLISHED).read_text("utf-8") == _printed_schema(), (
        f"run: mlposture rules schema -o {PUBLISHED}"
    )


def test_every_built_in_rule_validates_against_the_schema() -> None:
    validator = _validator()
    paths = sorted(builtin_rules_dir().rglob("rule.yaml"))
    assert len(paths) == len(builtin_rulebook().rules)
    for path in paths:
        errors = [e.message for e in validator.iter_errors(yaml.safe_load(path.read_text()))]
        assert not errors, f"{path}: {errors}"


def test_a_condition_reads_back_as_written() -> None:
    """`rules show`, the rule docs and the history's rule-set version print the check from
    the parsed tree: it must be the check the file wrote, every test and key of it."""
    for rule in builtin_rulebook().rules:
        written = yaml.safe_load(Path(rule.path).read_text("utf-8"))["check"]
        assert as_written(rule.check) == written, rule.path


def _write(tmp_path: Path, check: object, **changed: object) -> Path:
    path = tmp_path / "rule.yaml"
    path.write_text(yaml.safe_dump({**RULE, **changed, "check": check}, sort_keys=False))
    return path


MALFORMED: list[tuple[str, Any, str, str]] = [
    # (what is wrong, the check, the key the error names, what it says)
    (
        "a list test given one value",
        {"all": [{"field": "instance_type", "in": "ml.t3.medium"}]},
        "check.all[0].in",
        "takes a list",
    ),
    (
        "a misspelt test",
        {"any": [{"field": "kms_key_id", "equal": "x"}]},
        "check.any[0].equal",
        "unknown key (did you mean equals?)",
    ),
    (
        "two tests in one",
        {"field": "kms_key_id", "present": True, "equals": "x"},
        "check",
        "takes exactly one test",
    ),
    ("a bad regular expression", {"field": "kms_key_id", "matches": "("}, "check.matches", "("),
    (
        # Python's re reads it; the engine's (Rust) regex has no look-around.
        "a regular expression the engine cannot run",
        {"field": "security_groups", "every": {"matches": "^sg-(?!0)"}},
        "check.every.matches",
        "look-around, including look-ahead and look-behind, is not supported",
    ),
    ("an empty all", {"all": []}, "check.all", "at least one condition"),
    (
        "a related test with a misspelt key",
        {"related": {"via": "role_arn", "kind": "aws.iam.role", "chek": {"field": "arn"}}},
        "check.related.chek",
        "did you mean check?",
    ),
    (
        "a mapping that is no condition",
        {"nott": {"field": "kms_key_id", "present": True}},
        "check",
        "a condition is one of all, any, not, related",
    ),
    ("a number compared with text", {"field": "instance_type", "gt": "one"}, "check.gt", "number"),
]


@pytest.mark.parametrize(
    ("check", "key", "said"),
    [case[1:] for case in MALFORMED],
    ids=[case[0] for case in MALFORMED],
)
def test_a_malformed_rule_gets_one_error_naming_file_line_and_key(
    tmp_path: Path, check: object, key: str, said: str
) -> None:
    path = _write(tmp_path, check)
    with pytest.raises(RuleLoadError) as raised:
        load_rule_file(path, builtin_rulebook().catalog)
    lines = str(raised.value).splitlines()
    assert len(lines) == 1, lines
    place, named, message = lines[0].split(": ", 2)
    assert (named, place.rpartition(":")[0]) == (key, str(path))
    assert said in message
    # The line is the one of the key named: `in:` for check.all[0].in, `all:` for check.all.
    line = int(place.rpartition(":")[2])
    last_key = re.sub(r"\[\d+\]$", "", key).rpartition(".")[2]
    assert path.read_text().splitlines()[line - 1].lstrip(" -").startswith(f"{last_key}:")
    # The editor, through the schema, refuses it too; except a regular expression only the
    # engine's dialect refuses (JSON Schema's regexes are ECMA 262's, which look around).
    refused = list(_validator().iter_errors(yaml.safe_load(path.read_text())))
    assert bool(refused) == ("look-around" not in said)


@pytest.mark.parametrize(
    ("check", "key", "said"),
    [
        ({"field": "instance_typo", "equals": "x"}, "check.field", "has no field 'instance_typo'"),
        (
            {"not": {"field": "security_groups", "equals": "sg-1"}},
            "check.not.equals",
            "security_groups is a list",
        ),
        (
            {
                "related": {
                    "via": "role_arn",
                    "kind": "aws.iam.rol",
                    "check": {"field": "arn", "present": True},
                }
            },
            "check.related.kind",
            "'aws.iam.rol' is not a known kind",
        ),
        (
            {
                "related": {
                    "via": "role_arn",
                    "kind": "aws.iam.role",
                    "check": {"field": "nope", "present": True},
                }
            },
            "check.related.check.field",
            "aws.iam.role has no field 'nope'",
        ),
    ],
)
def test_a_check_that_does_not_fit_its_kind_gets_one_error(
    tmp_path: Path, check: object, key: str, said: str
) -> None:
    path = _write(tmp_path, check)
    with pytest.raises(RuleLoadError) as raised:
        load_rule_file(path, builtin_rulebook().catalog)
    [line] = str(raised.value).splitlines()
    assert f": {key}: " in line and said in line and line.startswith(f"{path}:")


def test_rules_list_names_the_broken_rule_file(tmp_path: Path) -> None:
    folder = tmp_path / "mine" / "bad"
    folder.mkdir(parents=True)
    _write(folder, {"field": "kms_key_id", "equal": "x"})
    result = CliRunner().invoke(main, ["rules", "list", "--rules-dir", str(tmp_path / "mine")])
    assert result.exit_code == 2
    assert f"{folder / 'rule.yaml'}:" in result.output
    assert "check.equal: unknown key (did you mean equals?)" in result.output


def test_every_built_in_rule_names_the_schema_for_editors() -> None:
    """The first line of every rule.yaml points the YAML language server at the published
    schema, by a path that leads to it from the rule's folder."""
    missing = []
    for path in sorted((REPO / "rules").rglob("rule.yaml")):
        first = path.read_text("utf-8").partition("\n")[0]
        target = first.removeprefix(MODELINE)
        if first == target or (path.parent / target).resolve() != (REPO / PUBLISHED).resolve():
            missing.append(str(path.relative_to(REPO)))
    depth = "../" * 4  # rules/<provider>/<service>/<slug>/
    assert not missing, (
        f"first line should be: {MODELINE}{depth}{PUBLISHED}\nmissing in: {missing}\n"
        f"fix: sed -i '1i {MODELINE}{depth}{PUBLISHED}' <file>"
    )
