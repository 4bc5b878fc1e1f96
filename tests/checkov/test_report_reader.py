"""Checkov's JSON as it comes: one framework, a list of them, several documents printed one
after another, a summary alone; and anything else is one CheckovError, never a traceback."""

from __future__ import annotations

import contextlib
import functools
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.checkov.merge import bridge
from scanner.checkov.report_reader import CheckovError, read_report_text
from scanner.checkov.run import CheckovOptions
from scanner.mappings import load_catalog
from tests.checkov.conftest import REPORT

FRAMEWORK = json.loads(REPORT.read_text())


def test_one_framework_object() -> None:
    run = read_report_text(json.dumps(FRAMEWORK), "report")
    assert run.version == "3.3.30"
    statuses = [c.status for c in run.checks]
    assert (statuses.count("failed"), statuses.count("passed"), statuses.count("skipped")) == (
        20,
        12,
        1,
    )
    skipped = next(c for c in run.checks if c.status == "skipped")
    assert (skipped.check_id, skipped.resource, skipped.skip_reason, skipped.line) == (
        "CKV_AWS_21",
        "aws_s3_bucket.scratch",
        "scratch data is disposable",
        15,
    )


def test_a_list_and_documents_one_after_another() -> None:
    other = {**FRAMEWORK, "check_type": "cloudformation"}
    listed = read_report_text(json.dumps([FRAMEWORK, other]), "report")
    printed = read_report_text(json.dumps(FRAMEWORK) + "\n" + json.dumps([other]), "report")
    assert len(listed.checks) == len(printed.checks) == 66
    assert {c.framework for c in printed.checks} == {"terraform", "cloudformation"}


def test_a_run_over_nothing_prints_only_its_summary() -> None:
    empty = {"passed": 0, "failed": 0, "skipped": 0, "parsing_errors": 0, "resource_count": 0}
    run = read_report_text(json.dumps({**empty, "checkov_version": "3.3.30"}), "report")
    assert (run.checks, run.version) == ((), "3.3.30")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "empty"),
        ("{not json", "not Checkov's JSON report"),
        ('{"hello": 1}', "no results"),
        ("[1, 2]", "an item is no object"),
        ('{"check_type": "terraform", "results": {"failed_checks": [{}]}}', "check_id"),
        ('{"check_type": "terraform", "results": []}', "results"),
        ("[" * 100_000, "not Checkov's JSON report"),
    ],
)
def test_what_is_not_a_report_says_why(text: str, says: str) -> None:
    with pytest.raises(CheckovError) as raised:
        read_report_text(text, "checkov.json")
    assert str(raised.value).startswith("checkov.json: ")
    assert says in str(raised.value)


def test_lone_surrogates_and_long_names_are_made_safe() -> None:
    check = {**FRAMEWORK["results"]["failed_checks"][0], "resource": "aws_s3_bucket.\ud800x" * 500}
    framework = {**FRAMEWORK, "results": {"failed_checks": [check]}}
    [read] = read_report_text(json.dumps(framework), "report").checks
    read.resource.encode("utf-8")
    assert len(read.resource) == 2000


def _nested(inner: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=4)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8), _nested, max_leaves=20
)


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        json_values.map(json.dumps),
        st.text(max_size=60),
        st.builds(
            lambda results: json.dumps({"check_type": "terraform", "results": results}),
            json_values,
        ),
    )
)
def test_any_text_reads_or_is_a_checkov_error(text: str) -> None:
    with contextlib.suppress(CheckovError):
        read_report_text(text, "fuzz")


_catalog = functools.cache(load_catalog)  # read once for every example
_names = st.text(max_size=40) | st.sampled_from(
    ["/main.tf", "/../x.tf", "/a\x00b", "\ud800", 'module.m["\x1b"].aws_s3_bucket.b', ""]
)
_checks = st.fixed_dictionaries(
    {
        "check_id": st.text(min_size=1, max_size=12) | st.sampled_from(["CKV_AWS_18", "CKV_X"]),
        "check_name": _names,
        "check_result": st.fixed_dictionaries(
            {"result": st.sampled_from(["FAILED", "PASSED", "SKIPPED"])},
            optional={"suppress_comment": _names, "evaluated_keys": st.lists(_names, max_size=3)},
        ),
        "file_path": _names,
        "resource": _names,
    },
    optional={
        "file_abs_path": _names,
        "repo_file_path": _names,
        "file_line_range": st.lists(st.integers(-5, 10**12), max_size=2),
        "severity": _names | st.sampled_from(["HIGH", "low"]),
        "guideline": _names,
        "caller_file_path": _names,
    },
)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["terraform", "terraform_plan", "cloudformation", "arm", "bicep", "x"]),
    st.lists(_checks, max_size=6),
    st.lists(_names, max_size=3),
)
def test_any_report_content_merges_or_is_an_input_error(
    framework: str, checks: list[dict[str, object]], unparsed: list[str]
) -> None:
    """What a hostile report holds never raises past the bridge: results, or one error."""
    report = {
        "check_type": framework,
        "results": {"failed_checks": checks, "parsing_errors": unparsed},
        "summary": {"checkov_version": "3.3.30"},
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "checkov.json"
        path.write_text(json.dumps(report), encoding="utf-8")
        bridged = bridge(
            CheckovOptions(report=path),
            [(REPORT.parent / "tree", "infra")],
            [],
            _catalog(),
            [],
        )
    for result in bridged.results:
        result.as_dict()
        result.fingerprint.encode("ascii")
