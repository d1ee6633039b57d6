"""The form renderer: Django's templates, except for selects, which are written in Python.

Django renders a select through three templates: one for the select, then one for each
option, which includes one more for the option's attributes. A select of 300 organisations
therefore costs 600 template includes, which measured 100-150 ms of the people list page at
50,000 people (docs/performance.md). ``FormRenderer`` builds the same markup, character for
character, in Python; every other widget, and a select whose options use another template,
goes through the templates as before.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict[str, Any]) -> str:
    """As ``django/forms/widgets/attrs.html``: `` name="value"``; True alone; False left out."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {conditional_escape(name)}")
        else:
            out.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(out)


def select_html(widget: dict[str, Any]) -> SafeString | None:
    """The select's markup from its template context, or None when an option has a template
    of its own (then the templates render it)."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            if option.get("template_name") != OPTION:
                return None
            parts.append(f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                         f'{_attrs(option["attrs"])}>{conditional_escape(option["label"])}'
                         "</option>\n")  # the option template ends with a new line
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


class FormRenderer(DjangoTemplates):
    """``FORM_RENDERER``: selects in Python, everything else through the templates."""

    def render(self, template_name: str, context: dict[str, Any],
               request: Any = None) -> str:
        if template_name == SELECT and "widget" in context:
            html = select_html(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request)
