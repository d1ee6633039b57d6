"""An accessible SVG drawing of a career route (the page also lists the steps).

The route is drawn top to bottom, one box per role level, so the drawing keeps one
width however long the route is: it scales to the width of its container (never
wider than it is drawn) and its text is set in the GOV.UK typeface.
"""

from __future__ import annotations

from django.utils.html import escape

BOX_W, BOX_H, GAP, MARGIN = 300, 64, 44, 10
LINE_CHARS = 38
FONT = 'font-family="GDS Transport, arial, sans-serif"'


def _wrap(text: str, width: int = LINE_CHARS) -> list[str]:
    """``text`` in lines of at most ``width`` characters (a longer word keeps its own line)."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return lines


def route_svg(levels: list, developments: list[int]) -> str:
    """Boxes for each role level, top to bottom, joined by arrows labelled with the
    development needed."""
    wrapped = [_wrap(level.name) for level in levels]
    heights = [max(BOX_H, 24 + 18 * len(lines)) for lines in wrapped]
    width = BOX_W + 2 * MARGIN + 110
    height = sum(heights) + GAP * (len(levels) - 1) + 2 * MARGIN
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="cadre-path" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'preserveAspectRatio="xMinYMin meet" aria-labelledby="path-title">'
        f'<title id="path-title">Career route: '
        f'{escape(" to ".join(lv.name for lv in levels))}</title>',
    ]
    y = MARGIN
    for i, (lines, box_h) in enumerate(zip(wrapped, heights, strict=True)):
        parts.append(f'<rect x="{MARGIN}" y="{y}" width="{BOX_W}" height="{box_h}" rx="4" '
                     f'fill="#f3f2f1" stroke="#0b0c0c" stroke-width="2"/>')
        for k, line in enumerate(lines):
            parts.append(f'<text x="{MARGIN + 12}" y="{y + 26 + k * 18}" font-size="16" '
                         f'fill="#0b0c0c" {FONT}>{escape(line)}</text>')
        y += box_h
        if i < len(developments):
            x = MARGIN + BOX_W // 2
            parts.append(f'<line x1="{x}" y1="{y}" x2="{x}" y2="{y + GAP - 2}" '
                         f'stroke="#0b0c0c" stroke-width="2"/>'
                         f'<path d="M{x - 6},{y + GAP - 10} L{x + 6},{y + GAP - 10} '
                         f'L{x},{y + GAP - 1} z" fill="#0b0c0c"/>')
            steps = developments[i]
            parts.append(f'<text x="{x + 14}" y="{y + GAP // 2 + 6}" font-size="16" '
                         f'fill="#0b0c0c" {FONT}>+{steps} step{"" if steps == 1 else "s"}</text>')
            y += GAP
    parts.append("</svg>")
    return "".join(parts)
