"""`rules list` in an 80-column terminal, and `--help` with its options in groups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scanner import __version__
from scanner.cli import main


def _invoke(*args: str, columns: int = 80) -> str:
    result = CliRunner(env={"COLUMNS": str(columns)}).invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _rules() -> list[dict[str, object]]:
    rules: list[dict[str, object]] = json.loads(_invoke("rules", "list", "--format", "json"))
    return rules


def test_rules_list_fits_80_columns_and_cuts_nothing() -> None:
    listed = _invoke("rules", "list")
    lines = listed.splitlines()
    assert max(len(line) for line in lines) <= 80
    words = listed.split()
    text = " ".join(words)
    for rule in _rules():
        assert str(rule["id"]) in words
        # The title wraps at spaces, the kind is never broken.
        assert str(rule["title"]) in text
        assert f"{rule['kind']}, {rule['category']}" in text


def test_rules_list_uses_a_wider_terminal() -> None:
    lines = _invoke("rules", "list", columns=200).splitlines()
    assert max(len(line) for line in lines) <= 200
    longest = max((str(r["title"]) for r in _rules()), key=len)
    assert any(longest in line for line in lines)  # on one line when there is room


def _panel(help_text: str, title: str) -> str:
    """The text of one option panel of rich-click's help."""
    lines = help_text.splitlines()
    start = next(i for i, line in enumerate(lines) if f" {title} " in line and "─" in line)
    end = next(i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("╰"))
    return "\n".join(lines[start:end])


@pytest.mark.parametrize("command", [("scan",), ("audit", "aws")])
def test_help_groups_the_options(command: tuple[str, ...]) -> None:
    shown = _invoke(*command, "--help", columns=100)
    rules = _panel(shown, "Rule selection")
    for option in ("--rule", "--skip-rule", "--framework", "--preview", "--rules-dir"):
        assert option in rules
    output = _panel(shown, "Output")
    for option in ("--format", "--output", "--fail-on"):
        assert option in output
    assert "--export" in _panel(shown, "Export and Security Hub")


def test_scan_help_groups_pull_request_and_code_options() -> None:
    shown = _invoke("scan", "--help", columns=100)
    assert "--baseline" in _panel(shown, "Pull requests")
    assert "--var-file" in _panel(shown, "Infrastructure code")


def test_version() -> None:
    assert _invoke("--version").strip() == f"mlposture, version {__version__}"


def test_threat_matrix_in_the_repository_is_generated_from_the_rules() -> None:
    committed = Path(__file__).resolve().parents[1] / "docs" / "threats.md"
    result = CliRunner().invoke(main, ["rules", "threats"])
    assert result.exit_code == 0
    assert committed.read_text(encoding="utf-8") == result.output, (
        "run: mlposture rules threats -o docs/threats.md"
    )


def test_every_threat_has_rules_on_every_cloud() -> None:
    """Issue 16's bar: each threat answered on AWS, Azure and Google Cloud."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "threats.md").read_text("utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) == 5
    missing = [row.split(" | ")[0] for row in rows if "| none" in row]
    assert missing == []


def test_rules_list_filters_by_threat_and_framework() -> None:
    def ids(*args: str) -> set[str]:
        result = CliRunner().invoke(main, ["rules", "list", "--format", "json", *args])
        assert result.exit_code == 0, result.output
        return {rule["id"] for rule in json.loads(result.output)}

    poisoning = ids("--threat", "poisoning")
    assert "MLP-AWS-TH-005" in poisoning and "MLP-AWS-SEC-001" not in poisoning
    assert ids("--threat", "AML.T0055") == ids("--threat", "secrets") >= {"MLP-GCP-SEC-001"}
    assert ids("--threat", "ml02") == ids("--framework", "owasp-ml") & ids("--threat", "ML02")
    atlas = ids("--framework", "atlas")
    assert atlas == ids("--framework", "mitre-atlas") and "MLP-AWS-TH-007" in atlas
    assert ids("--threat", "nothing-like-this") == set()
