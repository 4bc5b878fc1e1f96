"""HTML: one self-contained page a person can read, made from the JSON contract.

`write_html(document, out)` takes a scan or audit report (`Report.as_dict()`), or the drift
command's document (a `drift` key and no results), and writes a page that loads nothing:
score and failed counts, charts drawn here as SVG, per-framework pass rates, the worst
resources, every finding with its evidence and remediation (searchable and filterable by a
small inline script), and, when the document carries them, the history (score trend, new and
resolved findings) and the drift between code and cloud.

Everything in the document may come from a pull request's author, so: text is HTML-escaped,
control characters and bidirectional overrides are shown as escapes, the findings travel as
JSON in a data block whose `<`, `>`, `&` and line separators are escaped (it cannot end its
script element), the script only ever sets `textContent`, and a Content Security Policy lets
nothing run or load but the page's own script and stylesheet (by hash).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any, TextIO

from scanner.writers.common import (
    SEVERITIES,
    JsonReport,
    JsonResult,
    framework_ids,
    resource,
    suppression_reason,
    where,
)
from scanner.writers.html_assets import SCRIPT, STYLE
from scanner.writers.html_sections import (
    clean,
    drift_section,
    evidence_lines,
    history_section,
    problems_section,
    table,
    text,
    worst_resources_section,
)
from scanner.writers.html_svg import bar_chart, rate_bar

_STATUS_ORDER = {"failed": 0, "suppressed": 1, "passed": 2}
_SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


def _clean_json(value: Any) -> Any:
    """The same cleaning over a JSON value: strings (keys too), and no NaN / Infinity, which
    JSON.parse would refuse."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {clean(k): _clean_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean_json(v) for v in value]
    return clean(value)


def script_json(value: Any) -> str:
    """JSON for a `<script type="application/json">` block: strings cleaned as the page shows
    them, nothing that can end the element or be read as markup, U+2028 / U+2029 escaped."""
    return _encode(_clean_json(value))


def _encode(value: Any) -> str:
    """`script_json` for a value whose strings are clean already (the findings)."""
    encoded = json.dumps(value, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        encoded = encoded.replace(char, escaped)
    return encoded


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(script: str | None) -> str:
    scripts = _hash(script) if script is not None else "'none'"
    return (
        f"default-src 'none'; script-src {scripts}; style-src {_hash(STYLE)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _count(value: object) -> int:
    number = _number(value)
    return int(number) if number is not None else 0


def _results(document: JsonReport) -> list[JsonResult]:
    found = document.get("results")
    return [r for r in found if isinstance(r, Mapping)] if isinstance(found, list) else []


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _failed_by_severity(summary: Mapping[str, Any], failed: list[JsonResult]) -> dict[str, int]:
    given = summary.get("failed_by_severity")
    if isinstance(given, Mapping):
        counts = {str(k): _count(v) for k, v in given.items()}
    else:
        counts = dict(Counter(str(r.get("severity")) for r in failed))
    return {s: counts.get(s, 0) for s in SEVERITIES} | {
        k: v for k, v in counts.items() if k not in SEVERITIES
    }


def _card(label: str, value: object, key: str, extra: str = "") -> str:
    return (
        f'<div class="card {extra}"><span class="value" data-count="{text(key)}">'
        f'{text(value)}</span><span class="label">{text(label)}</span></div>'
    )


def _score_class(score: float | None) -> str:
    if score is None:
        return ""
    return "score-good" if score >= 80 else "score-fair" if score >= 50 else "score-poor"


def _overview(summary: Mapping[str, Any], failed: list[JsonResult], results: int) -> str:
    score = _number(summary.get("score"))
    failed_total = _count(summary["failed"]) if "failed" in summary else len(failed)
    cards = [
        _card("score", f"{score:g}" if score is not None else "n/a", "score", _score_class(score)),
        _card("failed", failed_total, "failed"),
    ]
    if _count(summary.get("attack_paths")):
        cards.append(_card("attack paths", _count(summary.get("attack_paths")), "attack-paths"))
    by_severity = _failed_by_severity(summary, failed)
    cards += [_card(sev, count, f"severity:{sev}") for sev, count in by_severity.items()]
    for key in ("passed", "suppressed", "resources", "rules", "errors"):
        if key in summary:
            cards.append(_card(key, _count(summary.get(key)), key))
    providers = _mapping(summary.get("score_by_provider"))
    by_provider = ", ".join(
        f"{clean(name)} {value:g}"
        for name, raw in providers.items()
        if (value := _number(raw)) is not None
    )
    note = f'<p class="muted">Score by provider: {escape(by_provider)}</p>' if by_provider else ""
    listed = f'<p class="muted">{results} results listed in this report.</p>'
    return (
        '<section id="overview"><h2>Overview</h2>'
        f'<div class="cards">{"".join(cards)}</div>{note}{listed}</section>'
    )


def _bars(values: Iterable[object]) -> list[tuple[str, int]]:
    counts = Counter(clean(v) for v in values if v not in (None, ""))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _charts(summary: Mapping[str, Any], failed: list[JsonResult]) -> str:
    by_severity = [(s, n) for s, n in _failed_by_severity(summary, failed).items() if n]
    charts = [
        ("Failed by severity", by_severity, True),
        ("Failed by provider", _bars(resource(r).get("provider") for r in failed), False),
        ("Failed by category", _bars(r.get("category") for r in failed), False),
    ]
    figures = "".join(
        f"<figure><figcaption><h3>{text(title)}</h3></figcaption>"
        f"{bar_chart(title, bars, by_severity=sev)}</figure>"
        for title, bars, sev in charts
        if bars
    )
    if not figures:
        return ""
    return (
        f'<section id="charts"><h2>Failed checks</h2><div class="charts">{figures}</div></section>'
    )


def _frameworks(summary: Mapping[str, Any]) -> str:
    frameworks = _mapping(summary.get("frameworks"))
    rows = []
    for name in sorted(frameworks, key=str):
        counts = _mapping(frameworks[name])
        passed, failed = _count(counts.get("passed")), _count(counts.get("failed"))
        rate = _number(counts.get("rate"))
        if rate is None:
            rate = passed / (passed + failed) if passed + failed else 0.0
        rows.append(
            [
                text(name),
                str(passed),
                str(failed),
                f"{rate_bar(rate)} {round(100 * rate)}%",
            ]
        )
    if not rows:
        return ""
    return (
        '<section id="frameworks"><h2>Standards: pass rate of their checks</h2>'
        f"{table(['standard', 'passed', 'failed', 'pass rate'], rows, numeric=(1, 2))}"
        "</section>"
    )


def _text_or_none(value: object) -> str | None:
    return None if value is None else clean(value)


def _finding(result: JsonResult) -> dict[str, Any]:
    """A result as the page's script reads it: clean strings (shown with `textContent`)."""
    res = resource(result)
    used_by = result.get("used_by")
    fields = {
        "rule_id": result.get("rule_id"),
        "title": result.get("title"),
        "severity": result.get("severity"),
        "category": result.get("category"),
        "status": result.get("status"),
        "provider": res.get("provider"),
        "resource_id": res.get("id"),
        "name": res.get("name"),
        "kind": res.get("kind"),
        "type": res.get("type"),
        "where": where(res),
        "remediation": " ".join(str(result.get("remediation") or "").split()),
        "fingerprint": result.get("fingerprint"),
        "first_seen": result.get("first_seen"),
        "suppression": suppression_reason(result),
    }
    finding: dict[str, Any] = {key: _text_or_none(value) for key, value in fields.items()}
    finding["frameworks"] = [clean(ident) for ident in framework_ids(result)]
    finding["used_by"] = [clean(u) for u in used_by] if isinstance(used_by, list) else []
    finding["evidence"] = evidence_lines(result)
    new = result.get("new")
    finding["new"] = new if isinstance(new, bool) else None
    return finding


def _sort_key(result: JsonResult) -> tuple[int, bool, int, str, str]:
    """Failures first, attack paths first among them, most severe first."""
    return (
        _STATUS_ORDER.get(str(result.get("status")), 3),
        result.get("category") != "attack-path",
        _SEVERITY_RANK.get(str(result.get("severity")), len(SEVERITIES)),
        str(result.get("rule_id")),
        str(resource(result).get("id")),
    )


def _options(name: str, label: str, values: Sequence[str]) -> str:
    options = "".join(f'<option value="{text(v)}">{text(v)}</option>' for v in values)
    return (
        f'<label>{text(label)}<select id="filter-{name}">'
        f'<option value="">all</option>{options}</select></label>'
    )


def _present(values: Iterable[object], order: Sequence[str] = ()) -> list[str]:
    found = {clean(v) for v in values if isinstance(v, str) and v}
    return [v for v in order if v in found] + sorted(found - set(order))


def _findings(results: list[JsonResult]) -> str:
    res = [resource(r) for r in results]
    filters = [
        _options(
            "severity", "severity", _present((r.get("severity") for r in results), SEVERITIES)
        ),
        _options("provider", "provider", _present(r.get("provider") for r in res)),
        _options("category", "category", _present(r.get("category") for r in results)),
        _options(
            "status", "status", _present((r.get("status") for r in results), tuple(_STATUS_ORDER))
        ),
    ]
    if any(isinstance(r.get("new"), bool) for r in results):
        filters.append(
            '<label>since last run<select id="filter-change"><option value="">all</option>'
            '<option value="new">new</option><option value="seen">seen before</option>'
            "</select></label>"
        )
    return (
        '<section id="findings-section"><h2>Findings</h2>'
        f'<div class="filters">{"".join(filters)}'
        '<label>search<input id="filter-text" type="search" '
        'placeholder="rule, resource, file, evidence..." autocomplete="off"></label>'
        '<button id="filter-reset" type="button">reset</button></div>'
        '<p class="muted">Showing <span id="findings-shown">0</span> of '
        '<span id="findings-matched">0</span> matching results '
        f'(<span data-count="results">{len(results)}</span> in all).</p>'
        "<noscript><p>The findings list needs JavaScript; every finding is also in the JSON "
        "report (<code>--format json</code>).</p></noscript>"
        '<div id="findings"></div>'
        '<p><button id="findings-more" type="button" hidden>show more</button></p></section>'
    )


def _scope(document: JsonReport) -> str:
    scope = _mapping(document.get("scope"))
    parts = []
    for key, value in scope.items():
        if isinstance(value, list):
            shown = ", ".join(clean(v) for v in value[:10]) + (" ..." if len(value) > 10 else "")
        elif isinstance(value, Mapping):
            shown = "; ".join(f"{clean(k)}: {clean(v)}" for k, v in value.items())
        else:
            shown = clean(value)
        if shown:
            parts.append(f"{clean(key)}: {shown}")
    return " \u00b7 ".join(parts)


def render_html(document: JsonReport) -> str:
    """The whole page for a report or drift document (see the module's docstring)."""
    summary = _mapping(document.get("summary"))
    results = sorted(_results(document), key=_sort_key)
    failed = [r for r in results if r.get("status") == "failed"]
    has_results = isinstance(document.get("results"), list)
    drift = _mapping(document.get("drift"))
    sections: list[str] = []
    if has_results:
        sections += [_overview(summary, failed, len(results)), _charts(summary, failed)]
        sections += [_frameworks(summary), history_section(document, failed)]
        sections.append(worst_resources_section(failed))
    if drift:
        sections.append(drift_section(drift))
    if has_results:
        sections.append(_findings(results))
    sections.append(problems_section(document))
    script = SCRIPT if has_results else None
    data = (
        f'<script type="application/json" id="mlp-data">'
        f"{_encode({'findings': [_finding(r) for r in results]})}</script>"
        f"<script>{SCRIPT}</script>"
        if script is not None
        else ""
    )
    tool = _mapping(document.get("tool"))
    kind = "drift report" if drift and not has_results else "report"
    stamp = clean(document.get("generated_at") or "")
    version = clean(tool.get("version") or "")
    scope = _scope(document)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(script)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>mlposture {kind}{escape(' - ' + scope) if scope else ''}</title>"
        '<link rel="icon" href="data:,">'
        f"<style>{STYLE}</style></head>\n<body>"
        f"<header><h1>mlposture {kind}</h1><p>{escape(scope)}</p>"
        f"<p>generated {escape(stamp)} by mlposture {escape(version)}</p></header>\n"
        f"<main>{''.join(s for s in sections if s)}</main>\n{data}</body></html>\n"
    )


def write_html(document: JsonReport, out: TextIO) -> None:
    """Write the page for a report (`Report.as_dict()`) or a drift document to `out`."""
    out.write(render_html(document))
