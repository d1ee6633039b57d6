"""Layout tags for every app's templates.

``{% scroll_table %}<table>…</table>{% end_scroll_table %}`` puts a table that can be
wider than the page inside a scroll container that keyboard users can reach: a
``region`` named after the table's caption ("Table: " and the caption, or the label
given: ``{% scroll_table "Table: counts by grade" %}``), with ``tabindex="0"`` so that it can be
focused and scrolled with the arrow keys. ``core/cadre.js`` takes the tab stop away
again while the table fits.
"""

from __future__ import annotations

import re
from html import unescape

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe

register = template.Library()

_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.S | re.I)


def region_label(html: str, label: str = "") -> str:
    """The label given, else "Table: " and the first caption's text, else "Table".

    "Table: " keeps the region's name apart from a section named by the same heading."""
    if label:
        return label
    found = _CAPTION.search(html)
    text = " ".join(unescape(strip_tags(found.group(1))).split()) if found else ""
    return f"Table: {text}" if text else "Table"


class ScrollTableNode(template.Node):
    def __init__(self, nodelist: template.NodeList, label: template.base.FilterExpression | None):
        self.nodelist = nodelist
        self.label = label

    def render(self, context: template.Context) -> str:
        inner = self.nodelist.render(context)
        label = str(self.label.resolve(context)) if self.label is not None else ""
        return format_html(
            '<div class="cadre-table-scroll" role="region" aria-label="{}" tabindex="0">{}</div>',
            region_label(inner, label), mark_safe(inner),  # noqa: S308 - rendered template
        )


@register.tag("scroll_table")
def scroll_table(parser: template.base.Parser, token: template.base.Token) -> ScrollTableNode:
    """``{% scroll_table ["label"] %}…{% end_scroll_table %}``."""
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError("scroll_table takes at most one label")
    label = parser.compile_filter(bits[1]) if len(bits) == 2 else None
    nodelist = parser.parse(("end_scroll_table",))
    parser.delete_first_token()
    return ScrollTableNode(nodelist, label)
