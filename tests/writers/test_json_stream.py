"""The JSON report is written as its results come, and reads exactly as the whole document."""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import UTC, datetime

import orjson

from scanner.report import Report
from scanner.writers.json_writer import write_json


def _whole(report: Report) -> str:
    """The report as one document: what `--format json` wrote before it streamed."""
    return orjson.dumps(report.as_dict(), option=orjson.OPT_INDENT_2).decode() + "\n"


def _written(report: Report) -> str:
    out = io.StringIO()
    write_json(report, out)
    return out.getvalue()


class _Writes(io.StringIO):
    """Counts what each write() hands over."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []

    def write(self, text: str) -> int:
        self.sizes.append(len(text))
        return super().write(text)


def test_streamed_text_is_the_whole_documents_byte_for_byte(scanned: Report) -> None:
    # Suppressed, live, passed and failed results with evidence; errors and a scope.
    assert any(r.evidence for r in scanned.results) and scanned.errors
    assert _written(scanned) == _whole(scanned)


def test_a_report_without_results_is_the_whole_document_too(scanned: Report) -> None:
    empty = dataclasses.replace(scanned, results=[], errors=[])
    assert _written(empty) == _whole(empty)
    assert json.loads(_written(empty))["results"] == []


def test_history_fields_are_written_as_in_the_whole_document(scanned: Report) -> None:
    seen = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    results = [dataclasses.replace(r, new=True, first_seen=seen) for r in scanned.results]
    report = dataclasses.replace(scanned, results=results)
    assert _written(report) == _whole(report)


def test_many_results_are_written_in_pieces_not_as_one_text(scanned: Report) -> None:
    many = dataclasses.replace(scanned, results=scanned.results * 2000)
    out = _Writes()
    write_json(many, out)
    whole = out.getvalue()
    assert whole == _whole(many)
    assert len(out.sizes) > 10 and max(out.sizes) < len(whole) / 10


def test_a_lone_surrogate_in_one_result_still_gives_the_same_json(scanned: Report) -> None:
    first = scanned.results[0]
    hostile = dataclasses.replace(
        first, resource=dataclasses.replace(first.resource, name="nb-\udc80")
    )
    report = dataclasses.replace(scanned, results=[hostile, *scanned.results[1:]])
    text = _written(report)
    text.encode("utf-8")  # writable to a UTF-8 file: the surrogate is escaped
    expected = json.loads(json.dumps(report.as_dict()))
    assert json.loads(text) == expected
    assert json.loads(text)["results"][0]["resource"]["name"] == "nb-\udc80"


def test_only_the_refused_result_is_escaped_the_rest_of_its_batch_reads_as_written(
    scanned: Report,
) -> None:
    # Results are encoded a batch at a time; a batch orjson refuses falls back result by
    # result, so a neighbour's non-ASCII name keeps its own characters.
    first = scanned.results[0]
    hostile = dataclasses.replace(
        first, resource=dataclasses.replace(first.resource, name="nb-\udc80")
    )
    accented = dataclasses.replace(
        first, resource=dataclasses.replace(first.resource, name="nb-\u00e9t\u00e9")
    )
    results = [*scanned.results * 1000, accented, hostile, accented]
    report = dataclasses.replace(scanned, results=results)
    text = _written(report)
    assert text.count('"name": "nb-\u00e9t\u00e9"') == 2
    assert json.loads(text) == json.loads(json.dumps(report.as_dict()))
    clean = dataclasses.replace(report, results=[*scanned.results * 1000, accented])
    assert _written(clean) == _whole(clean)


def test_what_a_rule_says_is_written_as_in_the_whole_document(scanned: Report) -> None:
    # A rule's text is encoded once per rule, indented where the results' keys sit; text
    # that needs escaping, nested standards and an empty one read as orjson writes them.
    first = scanned.results[0]
    rule = first.rule.model_copy(
        update={
            "title": 'quoted "title" \\ with\ttab, \u00e9t\u00e9 and \u2028',
            "frameworks": {"nist-800-53": ["AC-4", "SC-7"], "empty": []},
            "equivalents": {},
        }
    )
    odd = dataclasses.replace(first, rule=rule)
    report = dataclasses.replace(scanned, results=[odd, *scanned.results, odd])
    assert _written(report) == _whole(report)


def test_a_lone_surrogate_in_a_rule_still_gives_the_same_json(scanned: Report) -> None:
    first = scanned.results[0]
    rule = first.rule.model_copy(update={"title": "title \udc80"})
    report = dataclasses.replace(
        scanned, results=[*scanned.results, dataclasses.replace(first, rule=rule)]
    )
    text = _written(report)
    text.encode("utf-8")
    assert json.loads(text) == json.loads(json.dumps(report.as_dict()))
    clean = dataclasses.replace(report, results=scanned.results)
    assert _written(clean) == _whole(clean)
