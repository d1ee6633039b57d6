"""Accessible SVG charts, drawn on the server: no JavaScript, no Django.

Each chart is an ``<svg role="img">`` named by its ``<title>`` and described by
a ``<desc>`` (both referenced through ``aria-labelledby``). Every bar carries its
value as text. The table printed beside each chart is its full accessible
equivalent. A hidden (suppressed) value is drawn as no bar, labelled with its
reason: "fewer than 5" when it is small, "[c]" when it is hidden to protect
another (``None`` is read as "[c]").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from cadre.core.suppression import PROTECTED_LABEL, suppressed_label

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


#: Characters of a bar's label per line (12 px text in the label column), and lines at most.
LABEL_CHARS, LABEL_LINES = 24, 2


def wrap_label(label: str, chars: int = LABEL_CHARS, lines: int = LABEL_LINES) -> list[str]:
    """``label`` in at most ``lines`` lines of at most ``chars`` characters, broken between
    words; what does not fit ends in "…" (the table beside the chart has the full name)."""
    out: list[str] = []
    words = label.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= chars:
            line += " " + words.pop(0)
        out.append(line if len(line) <= chars else line[:chars - 1] + "…")
    if words:
        out[-1] = (out[-1][:chars - 1].rstrip() + "…") if len(out[-1]) >= chars else out[-1] + "…"
    return out or [""]


def bar_chart(chart_id: str, title: str, items: Sequence[tuple[str, float | str | None]], *,
              unit: str = "", threshold: int = 5, width: int = 400) -> str:
    """A horizontal bar chart; text (or ``None``) values are hidden ones, drawn as no bar
    with their label."""
    label_w, bar_h, gap, top = 170, 20, 6, 8
    labels = [wrap_label(label) for label, _ in items]
    # A row is as tall as its label: one line beside the bar, or two lines.
    rows = [max(bar_h, 14 * len(lines)) + gap for lines in labels]
    height = top * 2 + max(bar_h + gap, sum(rows))
    shown = [v for _, v in items if isinstance(v, int | float)]
    top_value = max(shown, default=0) or 1
    scale = (width - label_w - 72) / top_value
    hidden = sum(1 for _, v in items if not isinstance(v, int | float))
    description = (f"{len(items)} bars; the table beside the chart gives every value."
                   + (f" {hidden} hidden because they count {suppressed_label(threshold)}"
                      f" people ({suppressed_label(threshold)}) or would reveal such a count"
                      f" ({PROTECTED_LABEL})." if hidden else ""))
    parts = _open(chart_id, title, description, width, height)
    parts.append(f'<line x1="{label_w}" y1="{top}" x2="{label_w}" y2="{height - top}" '
                 f'stroke="{TEXT}" stroke-width="1"/>')
    y = top
    for k, (_label, value) in enumerate(items):
        if k:
            y += rows[k - 1]
        lines = labels[k]
        first = y + bar_h - 5 - (7 if len(lines) > 1 else 0)
        spans = "".join(f'<tspan x="{label_w - 6}" y="{first + 14 * i}">{escape(line)}</tspan>'
                        for i, line in enumerate(lines))
        parts.append(f'<text text-anchor="end" font-size="12" fill="{TEXT}" {FONT}>{spans}</text>')
        if not isinstance(value, int | float):
            parts.append(f'<text x="{label_w + 6}" y="{y + bar_h - 5}" font-size="12" '
                         f'font-style="italic" fill="{TEXT}" {FONT}>'
                         f'{escape(value or PROTECTED_LABEL)}</text>')
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
    # Room below the plot for the point labels and one legend line per series.
    left, right, top = 56, 34, 16
    bottom = 38 + 14 * len(series)
    height = max(height, top + 120 + bottom)
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
    # Every step-th point is labelled, so that labels (11 px text, about 6.5 px a
    # character) are at least 8 px apart and never overlap.
    label_px = max((len(label) for label in x_labels), default=0) * 6.5 + 8
    spacing = plot_w / (n - 1) if n > 1 else plot_w
    step = max(1, -(-int(label_px) // max(1, int(spacing))))
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
        ly = height - bottom + 34 + s * 14
        lx = left
        parts.append(f'<rect x="{lx}" y="{ly - 9}" width="12" height="4" fill="{colour}"/>')
        parts.append(f'<text x="{lx + 16}" y="{ly - 4}" font-size="11" fill="{TEXT}" {FONT}>'
                     f'{escape(name)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
