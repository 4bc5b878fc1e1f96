"""Sections of the HTML report rendered on the server side: the worst resources, the history
(trend, new, resolved), the drift between code and cloud, and input errors; with the text
helpers every section uses. Every value from the document goes through `text` (or `clean`
then `html.escape`) before it reaches the page."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

from scanner.model.text import terminal_safe
from scanner.scoring import SEVERITY_WEIGHTS
from scanner.writers.common import SEVERITIES, JsonResult, resource, where
from scanner.writers.html_svg import SEVERITY_COLORS, trend_line

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_MAX_TEXT = 2000
# Longer lists are cut (the findings list below the sections has them all, filterable).
_MAX_ROWS = 200
_WORST = 10
_WEIGHTS = {severity.value: weight for severity, weight in SEVERITY_WEIGHTS.items()}
_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


def clean(value: object) -> str:
    """Text as the page shows it: lone surrogates (which UTF-8 cannot encode) replaced,
    control characters and bidirectional overrides written as visible escapes."""
    shown = value if isinstance(value, str) else str(value)
    # Fast path: a printable string has no control, format (bidi) or surrogate character.
    if shown.isprintable():
        return shown
    return terminal_safe(_SURROGATE.sub("\ufffd", shown))


def text(value: object) -> str:
    """Clean, escaped text for HTML content or a quoted attribute."""
    return escape(clean(value), quote=True)


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _mappings(value: object) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()
) -> str:
    """A table of cells that are already HTML (escaped by the caller)."""
    head = "".join(
        f"<th{' class=num' if i in numeric else ''}>{text(h)}</th>" for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(f"<td{' class=num' if i in numeric else ''}>{c}</td>" for i, c in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def badge(severity: object) -> str:
    name = clean(severity)
    known = f" sev-{name}" if name in SEVERITY_COLORS else ""
    return f'<span class="badge{known}">{escape(name)}</span>'


def _cut(value: str) -> str:
    return value if len(value) <= _MAX_TEXT else value[: _MAX_TEXT - 1] + "\u2026"


def _value(value: object) -> str:
    # Strings quoted as they are (`clean` then shows control characters the same way as
    # everywhere else on the page); other values as JSON.
    if isinstance(value, str):
        return f'"{value}"'
    return json.dumps(value, ensure_ascii=False, default=str)


def _evidence_item(item: Mapping[str, Any]) -> dict[str, str]:
    shown = item.get("text")
    if not isinstance(shown, str) or not shown.strip():
        field = item.get("field") or "?"
        if item.get("defaulted"):
            default = item.get("default", item.get("value"))
            shown = f"{field} is not set: the service default {_value(default)} applies"
        else:
            shown = f"{field} = {_value(item.get('value'))}"
    places = []
    if item.get("resource"):
        places.append(f"on {item.get('resource')}")
    line = item.get("line")
    if isinstance(line, int) and not isinstance(line, bool) and line > 0:
        places.append(f"line {line}")
    return {"text": _cut(clean(shown)), "where": clean(", ".join(places))}


def evidence_lines(result: Mapping[str, Any]) -> list[dict[str, str]]:
    """Each evidence item as the page shows it (clean text): its own `text` when it has one,
    else `field = value` (and the service default when the field was not set), and where."""
    return [_evidence_item(item) for item in _mappings(result.get("evidence"))]


def _evidence_html(result: Mapping[str, Any]) -> str:
    lines = evidence_lines(result)
    if not lines:
        return '<span class="muted">-</span>'
    items = "".join(
        f'<li class="mono">{escape(line["text"])}'
        + (f' <span class="muted">({escape(line["where"])})</span>' if line["where"] else "")
        + "</li>"
        for line in lines
    )
    return f'<ul class="evidence">{items}</ul>'


def _resource_cell(res: Mapping[str, Any]) -> str:
    name, ident = res.get("name"), res.get("id")
    first = f"<strong>{text(name or ident or '?')}</strong>"
    second = f'<br><span class="mono">{text(ident)}</span>' if name and ident else ""
    place = where(res)
    third = f'<br><span class="muted">{text(place)}</span>' if place else ""
    return first + second + third


def _more(total: int, shown: int) -> str:
    if total <= shown:
        return ""
    return f'<p class="muted">and {total - shown} more (see the findings below).</p>'


def worst_resources_section(failed: list[JsonResult]) -> str:
    """The resources whose failed checks weigh most (the score's severity weights)."""
    groups: dict[tuple[str, ...], list[JsonResult]] = {}
    for result in failed:
        res = resource(result)
        key = tuple(str(res.get(k) or "") for k in ("provider", "account", "region", "file", "id"))
        groups.setdefault(key, []).append(result)

    def weight(results: list[JsonResult]) -> float:
        return sum(_WEIGHTS.get(str(r.get("severity")), 0.0) for r in results)

    ranked = sorted(groups.items(), key=lambda group: (-weight(group[1]), -len(group[1]), group[0]))
    rows = []
    for _, results in ranked[:_WORST]:
        res = resource(results[0])
        counts: dict[str, int] = {}
        for r in sorted(results, key=lambda r: _RANK.get(str(r.get("severity")), 99)):
            counts[str(r.get("severity"))] = counts.get(str(r.get("severity")), 0) + 1
        badges = " ".join(f"{badge(sev)} {n}" for sev, n in counts.items())
        rows.append(
            [
                _resource_cell(res),
                text(res.get("kind") or ""),
                text(res.get("provider") or ""),
                badges,
                f"{weight(results):g}",
            ]
        )
    if not rows:
        return ""
    headers = ["resource", "kind", "provider", "failed checks", "weight"]
    return (
        '<section id="worst"><h2>Worst resources</h2><p class="muted">By the weight of their '
        "failed checks (critical 10, high 5, medium 3, low 1).</p>"
        f"{table(headers, rows, numeric=(4,))}</section>"
    )


def _finding_rows(items: list[Mapping[str, Any]]) -> list[list[str]]:
    return [
        [
            badge(item.get("severity")),
            f'<span class="mono">{text(item.get("rule_id") or "")}</span><br>'
            f"{text(item.get('title') or '')}",
            _resource_cell(resource(item)),
            text(item.get("first_seen") or ""),
        ]
        for item in items[:_MAX_ROWS]
    ]


def history_section(document: Mapping[str, Any], failed: list[JsonResult]) -> str:
    """With a store: the score over recorded runs, the findings new since the last run of the
    same scope and those it resolved. Empty when the document carries no history."""
    history = _mapping(document.get("history"))
    knows_new = any(isinstance(r.get("new"), bool) for r in failed)
    if not history and not knows_new:
        return ""
    points = []
    for run in _mappings(history.get("trend")):
        score = run.get("score")
        if isinstance(score, int | float) and not isinstance(score, bool) and score == score:
            points.append((clean(run.get("generated_at") or "")[:16].replace("T", " "), score))
    new = [r for r in failed if r.get("new") is True]
    resolved = _mappings(history.get("resolved"))
    parts = ['<section id="history"><h2>Since the last run</h2>']
    if points:
        parts.append(f"<h3>Score trend</h3>{trend_line([(d, float(s)) for d, s in points])}")
    parts.append(
        '<div class="cards">'
        f'<div class="card"><span class="value" data-count="new">{len(new)}</span>'
        '<span class="label">new</span></div>'
        f'<div class="card"><span class="value" data-count="resolved">{len(resolved)}</span>'
        '<span class="label">resolved</span></div></div>'
    )
    headers = ["severity", "rule", "resource", "first seen"]
    for title, items in (("New findings", new), ("Resolved findings", resolved)):
        if items:
            parts.append(f"<h3>{title}</h3>{table(headers, _finding_rows(items))}")
            parts.append(_more(len(items), _MAX_ROWS))
    parts.append("</section>")
    return "".join(parts)


def _side_where(side: Mapping[str, Any]) -> str:
    place = where(side)
    return f"{text(side.get('name') or side.get('id') or '?')}<br>" + (
        f'<span class="muted">{text(place)}</span>' if place else ""
    )


def drift_section(drift: Mapping[str, Any]) -> str:
    """Rules that pass in the code and fail live, both evidences side by side; live ML
    resources no code declares; declared ones not found live."""
    summary = _mapping(drift.get("summary"))
    cards = "".join(
        f'<div class="card"><span class="value" data-count="drift:{key}">'
        f'{text(summary.get(key, 0))}</span><span class="label">{label}</span></div>'
        for key, label in (
            ("matched", "matched"),
            ("drifted", "drifted"),
            ("unmanaged", "unmanaged"),
            ("not_deployed", "not deployed"),
            ("unresolved", "unresolved"),
        )
    )
    parts = [
        f'<section id="drift"><h2>Drift between code and cloud</h2><div class="cards">{cards}</div>'
    ]
    drifted = _mappings(drift.get("drifted"))
    if drifted:
        rows = [
            [
                badge(item.get("severity")),
                f'<span class="mono">{text(item.get("rule_id") or "")}</span><br>'
                f"{text(item.get('title') or '')}",
                f"{_resource_cell(_mapping(item.get('live')))}<br>"
                f'<span class="muted">code: {text(where(_mapping(item.get("code"))))}</span>',
                _evidence_html(_mapping(item.get("code"))),
                _evidence_html(_mapping(item.get("live"))),
            ]
            for item in drifted
        ]
        headers = ["severity", "rule", "resource", "the code says", "the cloud runs"]
        parts.append(
            f"<h3>Drift: rules that pass in the code and fail in the cloud</h3>"
            f'<div id="drift-table">{table(headers, rows)}</div>'
        )
    for key, title in (
        ("unmanaged", "Unmanaged: live ML resources no code declares"),
        ("not_deployed", "Not deployed: declared in code, not found live"),
        ("unresolved", "Unresolved: names known only after apply, not matched"),
    ):
        sides = _mappings(drift.get(key))
        if sides:
            rows = [
                [
                    text(s.get("kind") or ""),
                    _side_where(s),
                    f'<span class="mono">{text(s.get("id") or "")}</span>',
                ]
                for s in sides
            ]
            parts.append(f"<h3>{title}</h3>{table(['kind', 'name', 'id'], rows)}")
    parts.append("</section>")
    return "".join(parts)


def problems_section(document: Mapping[str, Any]) -> str:
    """Files that could not be read (they make the exit code non-zero), what was left out on
    purpose, and notes."""
    parts = []
    errors = _mappings(document.get("errors"))
    if errors:
        rows = [
            [
                text(where(e) or e.get("account") or ""),
                text(e.get("message") or ""),
            ]
            for e in errors
        ]
        parts.append(f"<h3>Errors</h3>{table(['where', 'message'], rows)}")
    not_scanned = _mappings(document.get("not_scanned"))
    if not_scanned:
        rows = [
            [text(where(n)), text(n.get("what") or ""), text(n.get("reason") or "")]
            for n in not_scanned
        ]
        parts.append(f"<h3>Not scanned</h3>{table(['where', 'what', 'reason'], rows)}")
    notes = document.get("notes")
    if isinstance(notes, list) and notes:
        items = "".join(f"<li>{text(n)}</li>" for n in notes)
        parts.append(f"<h3>Notes</h3><ul>{items}</ul>")
    if not parts:
        return ""
    return f'<section id="problems"><h2>Errors and notes</h2>{"".join(parts)}</section>'
