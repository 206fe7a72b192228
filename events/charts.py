"""Accessible bar charts as inline SVG markup (no scripts, no inline styles: CSP holds)."""

from __future__ import annotations

from html import escape

from django.utils.safestring import mark_safe

ROW = 26
LABEL_WIDTH = 230
BAR_WIDTH = 360


def bar_chart(rows: list[tuple[str, int]], *, title: str) -> str:
    """A horizontal bar chart with a text table fallback for screen readers."""
    rows = [(label, int(value)) for label, value in rows]
    peak = max((value for _label, value in rows), default=0) or 1
    height = ROW * max(len(rows), 1) + 10
    width = LABEL_WIDTH + BAR_WIDTH + 60
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-{abs(hash(title))}">',
        f'<title id="chart-{abs(hash(title))}">{escape(title)}</title>',
    ]
    for index, (label, value) in enumerate(rows):
        y = 5 + index * ROW
        length = round(BAR_WIDTH * value / peak)
        label_x = LABEL_WIDTH - 8
        parts.append(
            f'<text class="chart-label" x="{label_x}" y="{y + 17}" text-anchor="end">{escape(label[:34])}</text>'
        )
        parts.append(
            f'<rect class="chart-bar" x="{LABEL_WIDTH}" y="{y + 4}" width="{length}" height="{ROW - 8}"></rect>'
        )
        parts.append(f'<text class="chart-value" x="{LABEL_WIDTH + length + 6}" y="{y + 17}">{value}</text>')
    parts.append("</svg>")
    table = "".join(f'<tr><th scope="row">{escape(label)}</th><td>{value}</td></tr>' for label, value in rows)
    parts.append(f'<table class="visually-hidden"><caption>{escape(title)}</caption>{table}</table>')
    return mark_safe("".join(parts))  # noqa: S308 — every value above is escaped
