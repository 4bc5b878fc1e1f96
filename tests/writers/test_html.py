"""The HTML report: hostile data stays text, the page loads nothing and runs only its own
script, and in a real browser (headless Chromium) it shows the JSON report's counts and
filters its findings."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
import struct
import subprocess
import sys
from collections import Counter
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.cli import main
from scanner.drift import Drifted, DriftReport, Side
from scanner.writers.html import render_html, script_json
from scanner.writers.html_sections import clean
from tests.writers.browser import Chromium, chromium_binary

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_NAME = "</script><img src=x onerror=alert(1)>"
HOSTILE_VALUE = "Enabled\u2028\x1b[31mred\u2029\u202egnp.exe"
PWNED = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">'


def _result(**changes: Any) -> dict[str, Any]:
    result: dict[str, Any] = {
        "rule_id": "MLP-AWS-SM-002",
        "title": "SageMaker notebook instance has no direct internet access",
        "severity": "high",
        "category": "network",
        "status": "failed",
        "resource": {
            "id": "aws_sagemaker_notebook_instance.open",
            "kind": "aws.sagemaker.notebook_instance",
            "type": "aws_sagemaker_notebook_instance",
            "provider": "aws",
            "name": "open",
            "source": "terraform",
            "file": "main.tf",
            "line": 1,
            "account": None,
            "region": None,
        },
        "fingerprint": "f" * 32,
        "frameworks": {"aws-fsbp": ["SageMaker.2"], "nist-800-53": ["SC-7"]},
        "remediation": "Set `direct_internet_access` to `Disabled`.",
        "evidence": [
            {
                "field": "direct_internet_access",
                "value": "Enabled",
                "defaulted": True,
                "default": "Enabled",
                "line": 1,
            }
        ],
    }
    result.update(changes)
    return result


def _document(results: list[dict[str, Any]], **more: Any) -> dict[str, Any]:
    failed = [r for r in results if r["status"] == "failed"]
    return {
        "schema_version": "1",
        "tool": {"name": "mlposture", "version": "0.1.0"},
        "generated_at": "2026-12-04T10:00:00Z",
        "scope": {"paths": ["."]},
        "summary": {
            "resources": len(results),
            "rules": 2,
            "passed": 0,
            "failed": len(failed),
            "score": 40.0,
            "failed_by_severity": dict(Counter(r["severity"] for r in failed)),
            "frameworks": {"nist-800-53": {"passed": 5, "failed": 1, "rate": 0.8333}},
        },
        "errors": [],
        "not_scanned": [],
        "results": results,
        **more,
    }


def _hostile() -> dict[str, Any]:
    hostile = _result()
    hostile["resource"] = {**hostile["resource"], "name": HOSTILE_NAME, "id": HOSTILE_NAME}
    hostile["title"] = PWNED
    hostile["remediation"] = f"`{PWNED}`"
    hostile["evidence"] = [
        {"field": "direct_internet_access", "value": HOSTILE_VALUE, "line": 2},
        {"field": "tags", "text": f"tag {HOSTILE_VALUE} {PWNED} \ud800 lone", "line": 3},
    ]
    return _document(
        [hostile, _result(severity="medium", fingerprint="e" * 32)],
        errors=[{"file": HOSTILE_NAME, "line": 1, "message": PWNED}],
        notes=[HOSTILE_VALUE],
    )


class _Elements(HTMLParser):
    """Each element's tag and attributes, and the text of each script and style block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.blocks: list[tuple[str, dict[str, str | None], str]] = []
        self._open: tuple[str, dict[str, str | None]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.blocks.append((*self._open, data))
            self._open = None


def _parse(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    return parser


def _policy(page: str) -> dict[str, list[str]]:
    metas = [
        attrs
        for tag, attrs in _parse(page).elements
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert len(metas) == 1
    directives = (d.split() for d in str(metas[0]["content"]).split(";") if d.strip())
    return {d[0]: d[1:] for d in directives}


def _sha(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def test_hostile_data_never_appears_raw() -> None:
    page = render_html(_hostile())
    page.encode("utf-8")  # a lone surrogate would make this raise
    for raw in (HOSTILE_NAME, PWNED, "<img", "\x1b", "\u2028", "\u2029", "\u202e", "\ud800"):
        assert raw not in page, repr(raw)
    # One data block and one script end their elements: nothing from the data closed one.
    assert page.count("</script>") == 2
    assert [tag for tag, _ in _parse(page).elements].count("script") == 2
    # Shown as text: escaped in the server-side sections, control characters made visible.
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Enabled\\u2028\\x1b[31mred\\u2029\\u202egnp.exe" in page


def test_the_data_block_round_trips_the_findings_as_text() -> None:
    page = render_html(_hostile())
    data = [b for tag, attrs, b in _parse(page).blocks if attrs.get("type") == "application/json"]
    assert len(data) == 1
    findings = json.loads(data[0])["findings"]
    first = findings[0]
    assert first["name"] == HOSTILE_NAME and first["title"] == PWNED
    assert first["evidence"][0] == {
        "text": 'direct_internet_access = "Enabled\\u2028\\x1b[31mred\\u2029\\u202egnp.exe"',
        "where": "line 2",
    }
    assert first["evidence"][1]["text"].endswith("\ufffd lone")


def test_script_json_cannot_end_its_element() -> None:
    encoded = script_json({"a": "</script><!-- & \u2028\u2029 -->", "nan": float("nan")})
    assert not set(encoded) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(encoded) == {"a": "</script><!-- & \\u2028\\u2029 -->", "nan": None}


# Any text, with the pieces that break pages more often than chance would draw them: lone
# surrogates, control and bidi characters, line separators, tags and comments.
ANY_TEXT = st.lists(
    st.one_of(
        st.text(st.characters(codec=None, categories=None), max_size=8),
        st.sampled_from(["</script>", "</SCRIPT ", "<!--", "<script>", "&amp;", '"', "'"]),
        st.sampled_from(["\ud800", "\udfff", "\x1b[31m", "\u2028", "\u2029", "\u202e", "\x00"]),
    ),
    max_size=6,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(name=ANY_TEXT, value=ANY_TEXT, category=ANY_TEXT)
def test_any_text_stays_inside_its_element(name: str, value: str, category: str) -> None:
    result = _result(category=category, evidence=[{"field": value, "value": value}])
    result["resource"] = {**result["resource"], "name": name}
    page = render_html(_document([result], notes=[value]))
    page.encode("utf-8")
    assert len(re.findall(r"(?i)</script", page)) == 2
    (block,) = (b for _, attrs, b in _parse(page).blocks if attrs.get("type"))
    assert "<" not in block
    (finding,) = json.loads(block)["findings"]
    assert finding["name"] == clean(name) and finding["category"] == clean(category)


def test_policy_allows_only_the_pages_own_script_and_style() -> None:
    page = render_html(_hostile())
    policy = _policy(page)
    blocks = _parse(page).blocks
    script = [b for tag, attrs, b in blocks if tag == "script" and "type" not in attrs]
    style = [b for tag, _, b in blocks if tag == "style"]
    assert len(script) == 1 and len(style) == 1
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == [_sha(script[0])]
    assert policy["style-src"] == [_sha(style[0])]
    assert policy["img-src"] == ["data:"]
    # Self-contained: nothing is fetched, no inline style attribute or event handler.
    for tag, attrs in _parse(page).elements:
        for name in ("src", "href"):
            assert attrs.get(name) is None or str(attrs[name]).startswith("data:"), (tag, attrs)
        assert "style" not in attrs and not any(a.startswith("on") for a in attrs), (tag, attrs)
    assert not re.search(r"(?i)https?://(?!www\.w3\.org/2000/svg)", page)


def test_history_shows_trend_new_and_resolved() -> None:
    results = [
        _result(new=True, first_seen="2026-12-04T10:00:00Z"),
        _result(severity="low", fingerprint="e" * 32, new=False, first_seen="2026-11-01T00:00Z"),
    ]
    resolved = {
        "rule_id": "MLP-AWS-SM-001",
        "title": "fixed",
        "severity": "medium",
        "resource": {"id": "aws_sagemaker_notebook_instance.fixed", "name": "fixed"},
    }
    trend = [
        {"generated_at": f"2026-12-0{day}T10:00:00Z", "score": score}
        for day, score in ((1, 20.0), (2, 35.5), (3, None), (4, 40.0))
    ]
    page = render_html(_document(results, history={"trend": trend, "resolved": [resolved]}))
    section = page[page.index('<section id="history">') :]
    section = section[: section.index("</section>")]
    assert section.count("<circle") == 3  # a run without a score is left out
    assert '<span class="value" data-count="new">1</span>' in section
    assert '<span class="value" data-count="resolved">1</span>' in section
    assert "aws_sagemaker_notebook_instance.fixed" in section
    assert 'id="filter-change"' in page


def test_no_history_no_history_section() -> None:
    page = render_html(_document([_result()]))
    assert 'id="history"' not in page and 'id="filter-change"' not in page


def _side(resource_id: str, name: str, **where: Any) -> dict[str, Any]:
    return {
        "id": resource_id,
        "kind": "aws.sagemaker.notebook_instance",
        "provider": "aws",
        "type": "aws_sagemaker_notebook_instance",
        "name": name,
        **where,
    }


def test_drift_only_document() -> None:
    code = Side(
        _side("aws_sagemaker_notebook_instance.nb", "nb", file="main.tf", line=3),
        statuses={"MLP-AWS-SM-002": "passed"},
        evidence={"MLP-AWS-SM-002": [{"field": "direct_internet_access", "value": "Disabled"}]},
    )
    arn = "arn:aws:sagemaker:eu-west-1:111122223333:notebook-instance/nb"
    live = Side(
        _side(arn, "nb", account="111122223333", region="eu-west-1"),
        statuses={"MLP-AWS-SM-002": "failed"},
        evidence={"MLP-AWS-SM-002": [{"field": "x", "text": f"the account says {PWNED}"}]},
    )
    shadow = Side(_side("arn:aws:sagemaker:eu-west-1:1:notebook-instance/shadow", HOSTILE_NAME))
    drift = DriftReport(
        drifted=[Drifted("MLP-AWS-SM-002", "no direct internet", "high", code, live)],
        unmanaged=[shadow],
        matched=1,
        code_resources=1,
        live_resources=2,
    )
    page = render_html(
        {"generated_at": "2026-12-04T10:00:00Z", "errors": [], "drift": drift.as_dict()}
    )
    assert "<title>mlposture drift report" in page
    assert _policy(page)["script-src"] == ["'none'"]  # nothing to filter: no script at all
    assert 'id="findings"' not in page and "<script" not in page
    table = page[page.index('id="drift-table"') :]
    assert escape('direct_internet_access = "Disabled"') in table
    assert "the account says &lt;script&gt;" in table and arn in table
    assert '<span class="value" data-count="drift:unmanaged">1</span>' in page
    assert HOSTILE_NAME not in page and "&lt;/script&gt;&lt;img" in page


PASSING_NOTEBOOK = """\
resource "aws_sagemaker_notebook_instance" "nb" {
  name                   = "research-private"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-notebook"
  instance_type          = "ml.t3.medium"
  direct_internet_access = "Disabled"
}
"""


def test_drift_command_writes_html(tmp_path: Path) -> None:
    code = tmp_path / "code"
    code.mkdir()
    (code / "main.tf").write_text(PASSING_NOTEBOOK, encoding="utf-8")
    scanned = CliRunner().invoke(
        main,
        ["scan", str(code), "--include-passed", "--format", "json", "--rule", "MLP-AWS-SM-002"],
    )
    report = json.loads(scanned.output)
    # The "live" side: the same notebook, its setting changed behind the code's back.
    (seen,) = report["results"]
    assert seen["status"] == "passed"
    seen.update(status="failed", evidence=[{"field": "direct_internet_access", "value": "Enabled"}])
    seen["resource"].update(source="live", file=None, line=None, id="arn:aws:sagemaker:nb")
    report["summary"].update(passed=0, failed=1)
    live = tmp_path / "live.json"
    live.write_text(json.dumps(report), encoding="utf-8")
    out = tmp_path / "drift.html"
    result = CliRunner().invoke(
        main,
        ["drift", "--iac", str(code), "--live", str(live), "--format", "html", "-o", str(out)],
    )
    assert result.exit_code == 1, result.output
    page = out.read_text("utf-8")
    assert '<span class="value" data-count="drift:drifted">1</span>' in page
    table = page[page.index('id="drift-table"') :]
    assert "MLP-AWS-SM-002" in table and "arn:aws:sagemaker:nb" in table
    assert escape('direct_internet_access = "Enabled"') in table


# --- In a real browser -------------------------------------------------------------------

needs_chromium = pytest.mark.skipif(
    chromium_binary() is None,
    reason="chromium is not installed (.ci/system-deps.sh installs Debian's package as root)",
)
READY = "document.body.getAttribute('data-ready') === 'true'"


def _counts(page: Any) -> dict[str, str]:
    return dict(
        page.evaluate(
            "Array.from(document.querySelectorAll('[data-count]'))"
            ".map(e => [e.getAttribute('data-count'), e.textContent])"
        )
    )


def _rows(page: Any) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = page.evaluate(
        "Array.from(document.querySelectorAll('#findings .finding'))"
        ".map(e => Object.assign({text: e.textContent}, e.dataset))"
    )
    return rows


def _choose(page: Any, select: str, value: str) -> None:
    page.evaluate(
        f"(() => {{ const s = document.getElementById({json.dumps(select)});"
        f" s.value = {json.dumps(value)}; s.dispatchEvent(new Event('change')); }})()"
    )


def _is_png(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@needs_chromium
def test_report_of_the_sample_estate_in_chromium(tmp_path: Path) -> None:
    html_path, json_path = tmp_path / "report.html", tmp_path / "report.json"
    mlposture = Path(sys.executable).with_name("mlposture")
    run = subprocess.run(
        [
            str(mlposture),
            "scan",
            "iac/",
            "--format",
            "html",
            "-o",
            str(html_path),
            "--output-format",
            f"json={json_path}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 1, run.stderr  # the sample estate has findings
    report = json.loads(json_path.read_text("utf-8"))
    failed = [r for r in report["results"] if r["status"] == "failed"]
    by_severity = Counter(r["severity"] for r in failed)
    assert report["summary"]["failed"] == len(failed) and by_severity["high"] > 0

    with Chromium.launch(tmp_path / "profile") as browser:
        page = browser.open(html_path.as_uri())
        page.wait_until(READY, timeout=20)
        counts = _counts(page)
        assert int(counts["failed"]) == report["summary"]["failed"]
        for severity in ("critical", "high", "medium", "low", "info"):
            assert int(counts[f"severity:{severity}"]) == by_severity[severity], severity
        assert report["summary"]["failed_by_severity"] == {
            s: int(counts[f"severity:{s}"]) for s in report["summary"]["failed_by_severity"]
        }
        assert float(counts["score"]) == report["summary"]["score"]
        assert len(_rows(page)) == len(report["results"])

        _choose(page, "filter-severity", "high")
        high = _rows(page)
        assert {r["severity"] for r in high} == {"high"}
        assert len(high) == by_severity["high"]
        assert page.evaluate("document.getElementById('findings-matched').textContent") == str(
            by_severity["high"]
        )
        # Free text on top: one resource's name narrows the high findings to its own.
        name = next(r["resource"]["name"] for r in failed if r["severity"] == "high")
        page.evaluate(
            "(() => { const q = document.getElementById('filter-text');"
            f" q.value = {json.dumps(name)}; q.dispatchEvent(new Event('input')); }})()"
        )
        narrowed = _rows(page)
        assert narrowed and all(name.lower() in r["text"].lower() for r in narrowed)
        assert len(narrowed) < len(high) or len(high) == 1
        page.evaluate("document.getElementById('filter-reset').click()")
        assert len(_rows(page)) == len(report["results"])

        page.pump(0.3)
        assert page.console_errors() == []
        shot = page.screenshot()
    target = tmp_path / "report.png"
    target.write_bytes(shot)
    width, height = _is_png(target.read_bytes())
    assert width == 1280 and height > 900 and target.stat().st_size > 10_000


@needs_chromium
def test_hostile_report_runs_nothing_in_chromium(tmp_path: Path) -> None:
    document = _hostile()
    # Every place a string goes: the page must show it as text and run none of it.
    document["results"].append(copy.deepcopy(document["results"][0]) | {"category": PWNED})
    target = tmp_path / "hostile.html"
    target.write_text(render_html(document), encoding="utf-8")
    with Chromium.launch(tmp_path / "profile") as browser:
        page = browser.open(target.as_uri())
        page.wait_until(READY, timeout=20)
        page.evaluate("document.querySelectorAll('#findings details').forEach(d => d.open = true)")
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        shown = page.evaluate("document.getElementById('findings').textContent")
        assert HOSTILE_NAME in shown and PWNED in shown
        assert "\x1b" not in shown and "\\x1b[31m" in shown
        _choose(page, "filter-category", PWNED)
        assert len(_rows(page)) == 1
        page.pump(0.3)
        assert page.console_errors() == []


@needs_chromium
def test_the_browser_reports_a_policy_violation(tmp_path: Path) -> None:
    """The console check above means something: a script the policy does not allow is
    refused, and the refusal is seen as an error."""
    page_text = render_html(_document([_result()])).replace(
        "</body>", "<script>window.ran = true;</script></body>"
    )
    target = tmp_path / "tampered.html"
    target.write_text(page_text, encoding="utf-8")
    with Chromium.launch(tmp_path / "profile") as browser:
        page = browser.open(target.as_uri())
        page.wait_until(READY, timeout=20)
        page.pump(0.3)
        assert page.evaluate("typeof window.ran") == "undefined"
        errors = page.console_errors()
    assert any("Content Security Policy" in e for e in errors), errors
