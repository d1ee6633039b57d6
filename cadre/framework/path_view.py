"""An accessible SVG drawing of a career route (the page also lists the steps)."""

from __future__ import annotations

from django.utils.html import escape

BOX_W, BOX_H, GAP = 170, 64, 50


def _wrap(text: str, width: int = 22) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return lines[:3]


def route_svg(levels: list, developments: list[int]) -> str:
    """Boxes for each role level joined by arrows labelled with the development needed."""
    width = len(levels) * BOX_W + (len(levels) - 1) * GAP + 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="cadre-path" '
        f'viewBox="0 0 {width} {BOX_H + 40}" width="{width}" height="{BOX_H + 40}" '
        f'aria-labelledby="path-title"><title id="path-title">Career route: '
        f'{escape(" to ".join(lv.name for lv in levels))}</title>',
        '<defs><marker id="arrow" markerWidth="10" markerHeight="10" refX="9" refY="5" '
        'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#0b0c0c"/></marker></defs>',
    ]
    for i, level in enumerate(levels):
        x = 10 + i * (BOX_W + GAP)
        parts.append(f'<rect x="{x}" y="20" width="{BOX_W}" height="{BOX_H}" rx="4" '
                     f'fill="#f3f2f1" stroke="#0b0c0c" stroke-width="2"/>')
        for k, line in enumerate(_wrap(level.name)):
            parts.append(f'<text x="{x + 8}" y="{40 + k * 17}" font-size="14" '
                         f'fill="#0b0c0c">{escape(line)}</text>')
        if i < len(developments):
            x1, x2 = x + BOX_W, x + BOX_W + GAP
            parts.append(f'<line x1="{x1}" y1="52" x2="{x2 - 2}" y2="52" stroke="#0b0c0c" '
                         f'stroke-width="2" marker-end="url(#arrow)"/>')
            parts.append(f'<text x="{x1 + 6}" y="14" font-size="13" fill="#0b0c0c">'
                         f'+{developments[i]}</text>')
    parts.append("</svg>")
    return "".join(parts)
