"""The HTML report's charts, drawn as inline SVG here so the page needs no script or library
to show them. Labels are escaped text; sizes and colours are attributes (the page's Content
Security Policy allows no inline `style` attribute)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

# One colour per severity, for bars and badges; anything else is grey.
SEVERITY_COLORS = {
    "critical": "#7f1d1d",
    "high": "#dc2626",
    "medium": "#d97706",
    "low": "#2563eb",
    "info": "#6b7280",
}
_NEUTRAL = "#4f46e5"
_ROW = 26
_LABEL_WIDTH = 150
_BAR_WIDTH = 260


def _text(value: object) -> str:
    return escape(str(value), quote=True)


def _short(label: str, limit: int = 22) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "\u2026"


def bar_chart(title: str, bars: Sequence[tuple[str, int]], by_severity: bool = False) -> str:
    """Horizontal bars, one per (label, count), the longest scaled to the full width. Labels
    are clean text (the caller sanitised them); colours per severity when `by_severity`."""
    if not bars:
        return ""
    top = max(count for _, count in bars) or 1
    width = _LABEL_WIDTH + _BAR_WIDTH + 50
    height = _ROW * len(bars) + 6
    parts = [
        f'<svg class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{_text(title)}</title>",
    ]
    for index, (label, count) in enumerate(bars):
        y = index * _ROW + 4
        length = round(_BAR_WIDTH * count / top)
        color = SEVERITY_COLORS.get(label, "#9ca3af") if by_severity else _NEUTRAL
        parts.append(
            f'<text x="{_LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end">'
            f"<title>{_text(label)}</title>{_text(_short(label))}</text>"
            f'<rect x="{_LABEL_WIDTH}" y="{y}" width="{max(length, 1)}" height="20" rx="3" '
            f'fill="{color}"/>'
            f'<text x="{_LABEL_WIDTH + max(length, 1) + 6}" y="{y + 15}">{count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def rate_bar(rate: float) -> str:
    """A small bar for a pass rate between 0 and 1: green for the share that passed."""
    share = min(max(rate, 0.0), 1.0)
    passed = round(120 * share)
    return (
        '<svg class="rate" width="120" height="12" viewBox="0 0 120 12" '
        'xmlns="http://www.w3.org/2000/svg" aria-hidden="true">'
        '<rect x="0" y="0" width="120" height="12" rx="3" fill="#fecaca"/>'
        f'<rect x="0" y="0" width="{passed}" height="12" rx="3" fill="#16a34a"/></svg>'
    )


def trend_line(points: Sequence[tuple[str, float]]) -> str:
    """The score (0-100) over runs, oldest first: a line with a dot per run, the first and last
    run's date under it. `points` are (clean date text, score)."""
    if not points:
        return ""
    width, height, left, bottom, top = 480, 160, 34, 24, 10
    plot_w, plot_h = width - left - 10, height - bottom - top
    step = plot_w / (len(points) - 1) if len(points) > 1 else 0.0

    def xy(index: int, score: float) -> tuple[float, float]:
        clamped = min(max(score, 0.0), 100.0)
        x = left + (index * step if len(points) > 1 else plot_w / 2)
        return round(x, 1), round(top + plot_h * (1 - clamped / 100), 1)

    coords = [xy(i, score) for i, (_, score) in enumerate(points)]
    parts = [
        f'<svg class="chart trend" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        "<title>Score over the recorded runs</title>",
    ]
    for level in (0, 50, 100):
        y = round(top + plot_h * (1 - level / 100), 1)
        parts.append(
            f'<line x1="{left}" y1="{y}" x2="{width - 10}" y2="{y}" stroke="#e5e7eb"/>'
            f'<text x="{left - 6}" y="{y + 4}" text-anchor="end">{level}</text>'
        )
    polyline = " ".join(f"{x},{y}" for x, y in coords)
    parts.append(
        f'<polyline points="{polyline}" fill="none" stroke="{_NEUTRAL}" stroke-width="2"/>'
    )
    for (x, y), (label, score) in zip(coords, points, strict=True):
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="3.5" fill="{_NEUTRAL}">'
            f"<title>{_text(label)}: {score:g}</title></circle>"
        )
    first, last = points[0][0], points[-1][0]
    parts.append(f'<text x="{left}" y="{height - 6}">{_text(first)}</text>')
    if len(points) > 1:
        parts.append(
            f'<text x="{width - 10}" y="{height - 6}" text-anchor="end">{_text(last)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
