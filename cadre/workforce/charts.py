"""Accessible SVG charts, drawn on the server: no JavaScript, no Django.

Each chart is an ``<svg role="img">`` named by its ``<title>`` and described by
a ``<desc>`` (both referenced through ``aria-labelledby``). Every bar carries its
value as text. The table printed beside each chart is its full accessible
equivalent. A hidden (suppressed) value is drawn as no bar, labelled
"fewer than 5".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from cadre.core.suppression import suppressed_label

#: GOV.UK colours: blue for bars, black for text and axes, a second series in orange.
BAR = "#1d70b8"
TEXT = "#0b0c0c"
GRID = "#b1b4b6"
SERIES = ("#1d70b8", "#f47738", "#00703c", "#d4351c")
FONT = 'font-family="GDS Transport, arial, sans-serif"'


def _fmt(value: float, unit: str) -> str:
    if unit == "£":
        return f"£{value:,.0f}"
    if unit == "%":
        return f"{value:.1f}%"
    return f"{value:,.0f}"


def _open(chart_id: str, title: str, description: str, width: int, height: int) -> list[str]:
    cid = escape(chart_id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="cadre-chart" '
        f'id="{cid}" viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{cid}-title {cid}-desc">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(description)}</desc>',
    ]


def bar_chart(chart_id: str, title: str, items: Sequence[tuple[str, float | None]], *,
              unit: str = "", threshold: int = 5, width: int = 320) -> str:
    """A horizontal bar chart; ``None`` values are hidden ones, drawn as no bar."""
    label_w, bar_h, gap, top = 130, 20, 6, 8
    height = top * 2 + max(1, len(items)) * (bar_h + gap)
    shown = [v for _, v in items if v is not None]
    top_value = max(shown, default=0) or 1
    scale = (width - label_w - 72) / top_value
    hidden = sum(1 for _, v in items if v is None)
    description = (f"{len(items)} bars; the table beside the chart gives every value."
                   + (f" {hidden} hidden because they count {suppressed_label(threshold)}"
                      " people or would reveal such a count." if hidden else ""))
    parts = _open(chart_id, title, description, width, height)
    parts.append(f'<line x1="{label_w}" y1="{top}" x2="{label_w}" y2="{height - top}" '
                 f'stroke="{TEXT}" stroke-width="1"/>')
    for k, (label, value) in enumerate(items):
        y = top + k * (bar_h + gap)
        short = label if len(label) <= 18 else label[:17] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + bar_h - 5}" text-anchor="end" '
                     f'font-size="12" fill="{TEXT}" {FONT}>{escape(short)}</text>')
        if value is None:
            parts.append(f'<text x="{label_w + 6}" y="{y + bar_h - 5}" font-size="12" '
                         f'font-style="italic" fill="{TEXT}" {FONT}>'
                         f'{escape(suppressed_label(threshold))}</text>')
            continue
        w = max(0.0, value * scale)
        parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                     f'fill="{BAR}"/>')
        parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + bar_h - 5}" font-size="12" '
                     f'fill="{TEXT}" {FONT}>{escape(_fmt(value, unit))}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def line_chart(chart_id: str, title: str, x_labels: Sequence[str],
               series: Mapping[str, Sequence[float | None]], *, unit: str = "",
               width: int = 360, height: int = 220) -> str:
    """A line chart of one or more series over the same points; gaps where hidden."""
    left, right, top, bottom = 56, 34, 16, 56
    values = [v for vs in series.values() for v in vs if v is not None]
    top_value = max(values, default=0) or 1
    n = len(x_labels)
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h - plot_h * v / top_value

    description = (f"{', '.join(series)} at {n} points from "
                   f"{x_labels[0] if n else 'none'} to {x_labels[-1] if n else 'none'}; "
                   "the table beside the chart gives every value.")
    parts = _open(chart_id, title, description, width, height)
    for frac in (0, 0.5, 1):
        gy = top + plot_h - plot_h * frac
        parts.append(f'<line x1="{left}" y1="{gy:.1f}" x2="{width - right}" y2="{gy:.1f}" '
                     f'stroke="{GRID}" stroke-width="1"/>')
        parts.append(f'<text x="{left - 4}" y="{gy + 4:.1f}" text-anchor="end" font-size="11" '
                     f'fill="{TEXT}" {FONT}>{escape(_fmt(top_value * frac, unit))}</text>')
    step = max(1, -(-n // 5))  # at most five labels along the bottom, so they never overlap
    for i, label in enumerate(x_labels):
        if i % step:
            continue
        parts.append(f'<text x="{x(i):.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                     f'font-size="11" fill="{TEXT}" {FONT}>{escape(label)}</text>')
    for s, (name, vs) in enumerate(series.items()):
        colour = SERIES[s % len(SERIES)]
        run: list[str] = []
        for i, v in enumerate(vs):
            if v is None:
                if len(run) > 1:
                    parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                                 f'points="{" ".join(run)}"/>')
                run = []
                continue
            run.append(f"{x(i):.1f},{y(v):.1f}")
            parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}"/>')
        if len(run) > 1:
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                         f'points="{" ".join(run)}"/>')
        ly = height - 18 + s * 14
        lx = left
        parts.append(f'<rect x="{lx}" y="{ly - 9}" width="12" height="4" fill="{colour}"/>')
        parts.append(f'<text x="{lx + 16}" y="{ly - 4}" font-size="11" fill="{TEXT}" {FONT}>'
                     f'{escape(name)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
