"""Names, suppression reasons and messages come from the scanned files, which a pull
request's author writes: no writer lets them act on the reader's terminal or spreadsheet."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from scanner.cli import main
from scanner.model.text import terminal_safe

# An escape sequence (colour), a hyperlink (OSC 8), a bell, a title change (OSC 0), rich
# markup, a right-to-left override and a spreadsheet formula, all in one notebook name.
HOSTILE_NAME = "=cmd|'/c calc'!A1\x1b[31mRED\x1b]8;;http://evil\x07link\x1b]0;pwned\x07[bold]\u202e"
RAW = ("\x1b", "\x07", "\u202e")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    name = json.dumps(HOSTILE_NAME)  # HCL reads JSON's \uNNNN escapes the same way
    (tmp_path / "main.tf").write_text(
        'resource "aws_sagemaker_notebook_instance" "x" {\n'
        '  # mlposture:ignore MLP-AWS-SM-003 reason="[/bold] unbalanced [link=x]markup"\n'
        f"  name          = {name}\n"
        '  role_arn      = "arn:aws:iam::111122223333:role/r"\n'
        '  instance_type = "ml.t3.medium"\n'
        "}\n",
        encoding="utf-8",
    )
    return tmp_path


def _scan(folder: Path, fmt: str) -> str:
    result = CliRunner().invoke(
        main,
        [
            *("scan", str(folder), "--format", fmt, "--include-passed"),
            *("--rule", "MLP-AWS-SM-002", "--rule", "MLP-AWS-SM-003"),
        ],
    )
    assert result.exit_code == 1, result.output
    return result.stdout


def test_the_json_report_keeps_the_name_exactly(hostile: Path) -> None:
    [first, *_] = json.loads(_scan(hostile, "json"))["results"]
    assert first["resource"]["name"] == HOSTILE_NAME


def test_the_table_shows_escape_sequences_as_text(hostile: Path) -> None:
    out = _scan(hostile, "table")
    assert not any(c in out for c in RAW)
    assert "\\x1b[31mRED" in out and "\\u202e" in out
    assert "[bold]" in out and "[/bold] unbalanced [link=x]markup" in out  # markup shown, not run


def test_csv_cells_neither_compute_nor_escape(hostile: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_scan(hostile, "csv"))))
    assert {row["resource_name"] for row in rows} == {"'" + terminal_safe(HOSTILE_NAME)}
    assert not any(c in rows[0]["resource_name"] for c in RAW)


def test_junit_is_well_formed_xml(hostile: Path) -> None:
    root = ET.fromstring(_scan(hostile, "junit"))
    assert root.tag == "testsuites"
    assert not any(c in ET.tostring(root, encoding="unicode") for c in ("\x1b", "\x07"))
