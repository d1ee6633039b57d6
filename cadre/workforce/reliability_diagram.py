"""A reliability diagram as hand-written SVG, one panel per labelled set. No Django.

Each panel puts the confidence the classifier gave (in equal-width bins) along the
bottom and the share of those suggestions that were right up the side. A bar that
reaches the dashed diagonal means the confidence meant what it said; a bar below it
means the classifier was too sure, above it not sure enough. The number of titles in
each bin is written above the panel, so a bar resting on two titles is not read like
one resting on two hundred.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from cadre.workforce.accuracy import ReliabilityBin

PLOT = 260  # the plot area's side, in pixels
LEFT, TOP, RIGHT, BOTTOM = 64, 74, 24, 56  # margins of each panel around the plot
PANEL_W, PANEL_H = LEFT + PLOT + RIGHT, TOP + PLOT + BOTTOM
HEADER = 92  # the title and legend above the panels
FONT = "font-family=\"Arial, Helvetica, sans-serif\""
BAR, DIAGONAL, MARK, GRID, INK, QUIET = "#1d70b8", "#0b0c0c", "#d4351c", "#e1e1e1", \
    "#0b0c0c", "#505a5f"


@dataclass(frozen=True)
class Panel:
    """One labelled set: its name, its bins and its expected calibration error."""

    name: str
    bins: Sequence[ReliabilityBin]
    ece: float | None
    rows: int
    #: Where the titles came from (a file name), shown under the name.
    source: str = ""


def _text(x: float, y: float, words: str, *, size: int = 13, anchor: str = "start",
          colour: str = INK, bold: bool = False, extra: str = "") -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" {FONT} font-size="{size}" fill="{colour}" '
            f'text-anchor="{anchor}"{weight}{extra}>{escape(words)}</text>')


def _panel(panel: Panel, left: float, top: float) -> list[str]:
    x0, y0 = left + LEFT, top + TOP + PLOT  # the plot's bottom-left corner

    def x(value: float) -> float:
        return x0 + value * PLOT

    def y(value: float) -> float:
        return y0 - value * PLOT

    ece = "ECE not measured" if panel.ece is None else f"ECE {panel.ece:.3f}"
    out = [f'<g aria-label={quoteattr(f"{panel.name}: {_titles(panel.rows)}, {ece}")}>',
           _text(left + LEFT, top + 22, panel.name, size=15, bold=True),
           _text(left + LEFT, top + 40, f"{panel.source}{': ' if panel.source else ''}"
                                        f"{_titles(panel.rows)}, {ece}", colour=QUIET)]
    for step in range(6):
        value = step / 5
        out.append(f'<line x1="{x0:.1f}" y1="{y(value):.1f}" x2="{x(1):.1f}" '
                   f'y2="{y(value):.1f}" stroke="{GRID}" stroke-width="1"/>')
        out.append(_text(x0 - 8, y(value) + 4, f"{value:.1f}", size=12, anchor="end"))
        out.append(_text(x(value), y0 + 18, f"{value:.1f}", size=12, anchor="middle"))
    out.append(_text(left + LEFT - 50, top + 56, "titles:", size=11, colour=QUIET))
    for b in panel.bins:
        middle = x((b.lower + b.upper) / 2)
        if not b.count or b.accuracy is None or b.mean_confidence is None:
            continue
        out.append(_text(middle, top + 56, str(b.count), size=11, anchor="middle",
                         colour=QUIET))
        width = (b.upper - b.lower) * PLOT - 4
        height = b.accuracy * PLOT
        out.append(f'<rect x="{x(b.lower) + 2:.1f}" y="{y0 - height:.1f}" '
                   f'width="{width:.1f}" height="{height:.1f}" fill="{BAR}">'
                   f"<title>{escape(_bin_words(b))}</title></rect>")
        out.append(f'<line x1="{x(b.lower) + 2:.1f}" y1="{y(b.mean_confidence):.1f}" '
                   f'x2="{x(b.upper) - 2:.1f}" y2="{y(b.mean_confidence):.1f}" '
                   f'stroke="{MARK}" stroke-width="3"/>')
    out += [
        f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x(1):.1f}" y2="{y(1):.1f}" '
        f'stroke="{DIAGONAL}" stroke-width="1.5" stroke-dasharray="6 4"/>',
        f'<rect x="{x0:.1f}" y="{y(1):.1f}" width="{PLOT}" height="{PLOT}" fill="none" '
        f'stroke="{INK}" stroke-width="1"/>',
        _text(x(0.5), y0 + 40, "confidence given", anchor="middle"),
        _text(left + 16, y(0.5), "share of suggestions right", anchor="middle",
              extra=f' transform="rotate(-90 {left + 16:.1f} {y(0.5):.1f})"'),
        "</g>",
    ]
    return out


def _bin_words(b: ReliabilityBin) -> str:
    return (f"confidence {b.lower:.1f} to {b.upper:.1f}: {_titles(b.count)}, "
            f"mean confidence {b.mean_confidence:.3f}, share right {b.accuracy:.3f}")


def _description(panels: Sequence[Panel], measure: str) -> str:
    parts = [f"Reliability diagram of {measure}. For each labelled set, titles are grouped "
             "by the confidence the classifier gave; each bar is the share of the group "
             "that was right, the short red line the group's mean confidence, and the "
             "dashed diagonal where the two are equal."]
    for panel in panels:
        ece = "not measured" if panel.ece is None else f"{panel.ece:.3f}"
        filled = [b for b in panel.bins if b.count]
        source = f" ({panel.source})" if panel.source else ""
        parts.append(f"{panel.name}{source}: {_titles(panel.rows)}, expected calibration "
                     f"error {ece}; " + "; ".join(_bin_words(b) for b in filled) + ".")
    return " ".join(parts)


def reliability_svg(panels: Sequence[Panel], *, title: str,
                    measure: str = "the classifier's confidence", columns: int = 2) -> str:
    """The diagram as an SVG document (UTF-8 text)."""
    columns = max(1, min(columns, len(panels) or 1))
    rows = max(1, -(-len(panels) // columns))
    width, height = columns * PANEL_W + 16, HEADER + rows * PANEL_H
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="title desc">',
        f'<title id="title">{escape(title)}</title>',
        f'<desc id="desc">{escape(_description(panels, measure))}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        _text(16, 28, title, size=18, bold=True),
        _text(16, 50, f"Bars: share of titles right, by {measure} (bins of "
                      f"{_bin_width(panels)}).", colour=QUIET),
        f'<rect x="16" y="62" width="14" height="12" fill="{BAR}"/>',
        _text(36, 73, "share right", size=12),
        f'<line x1="130" y1="68" x2="150" y2="68" stroke="{MARK}" stroke-width="3"/>',
        _text(156, 73, "mean confidence in the bin", size=12),
        f'<line x1="340" y1="68" x2="364" y2="68" stroke="{DIAGONAL}" stroke-width="1.5" '
        'stroke-dasharray="6 4"/>',
        _text(370, 73, "confidence means what it says", size=12),
    ]
    for index, panel in enumerate(panels):
        row, column = divmod(index, columns)
        out += _panel(panel, 8 + column * PANEL_W, HEADER + row * PANEL_H)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _bin_width(panels: Sequence[Panel]) -> str:
    for panel in panels:
        if panel.bins:
            return f"{panel.bins[0].upper - panel.bins[0].lower:.2g}"
    return "0.1"


def _titles(count: int) -> str:
    return f"{count} title" + ("" if count == 1 else "s")
