"""Bar charts people can read on any screen: an HTML table whose rows carry the bars.

The labels are HTML text (wrapping, at the page's font size — never SVG text scaled down with
the drawing, which came out at about 5 px on a phone); each bar is a tiny SVG whose lengths are
attributes, not styles, so the strict CSP holds. Being a real table with a caption and headers,
the chart is also the data table screen readers read.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.utils.safestring import mark_safe


@dataclass
class Bar:
    label: str
    value: int
    text: str = ""  # what is written beside the bar ("120 of 300 seats"); the value by default
    capacity: int | None = None  # drawn as the track behind the bar
    previous: int | None = None  # an earlier value, drawn as a thin bar under this one
    previous_text: str = ""


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f}".rstrip("0").rstrip(".") if whole else "0"


def _previous(bar: Bar, scale: int) -> str:
    if bar.previous is None:
        return ""
    return (
        '<svg class="bar bar-before" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" '
        f'focusable="false"><rect class="bar-fill" width="{_percent(bar.previous, scale)}" height="10"></rect></svg>'
        f'<span class="bar-value muted">{escape(bar.previous_text or str(bar.previous))}</span>'
    )


def bar_chart(bars: list[Bar], *, title: str, label_heading: str, value_heading: str, scale: int | None = None) -> str:
    """``scale``: the value of a full bar (the largest value or capacity unless given, e.g. 100
    for percentages)."""
    scale = scale or max([1, *(max(b.value, b.capacity or 0, b.previous or 0) for b in bars)])
    rows = []
    for bar in bars:
        track = (
            f'<rect class="bar-track" width="{_percent(bar.capacity, scale)}" height="10"></rect>'
            if bar.capacity
            else ""
        )
        rows.append(
            f'<tr><th scope="row">{escape(bar.label)}</th><td>'
            f'<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">'
            f'{track}<rect class="bar-fill" width="{_percent(bar.value, scale)}" height="10"></rect></svg>'
            f'<span class="bar-value">{escape(bar.text or str(bar.value))}</span>{_previous(bar, scale)}</td></tr>'
        )
    return mark_safe(  # noqa: S308 — every value above is escaped
        '<table class="bar-chart">'
        f"<caption>{escape(title)}</caption>"
        f'<thead><tr><th scope="col">{escape(label_heading)}</th>'
        f'<th scope="col">{escape(value_heading)}</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
