"""Template tags that render Django forms as GOV.UK components (crispy-forms-gds, ADR 22)."""

from __future__ import annotations

import re

from crispy_forms_gds.layout import Field
from django import forms, template
from django.contrib.messages import constants as message_levels
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from cadre.core.forms import FILTER_FROM

register = template.Library()

# crispy-forms-gds 2.0.1 marks a select or textarea in error with the text input's class.
_ERROR_CLASS = re.compile(r"<(select|textarea)\b[^>]*>")


def _error_class(match: re.Match) -> str:
    return match.group(0).replace("govuk-input--error", f"govuk-{match.group(1)}--error")


@register.simple_tag(takes_context=True)
def govuk_field(context: template.Context, bound: forms.BoundField) -> SafeString:
    """One field as its GOV.UK component, with its hint, error messages and ids wired up."""
    form = bound.form
    layout = form.layout_field(bound) if hasattr(form, "layout_field") else Field(bound.name)
    with context.push(form_show_errors=True, form_show_labels=True, form=form):
        html = layout.render(form, context, template_pack="gds")
    if bound.errors:
        html = mark_safe(_ERROR_CLASS.sub(_error_class, html))  # noqa: S308 - only a class changes
    if (isinstance(bound.field.widget, forms.CheckboxSelectMultiple)
            and len(bound.field.choices) > FILTER_FROM):
        return format_html('<div class="cadre-filter-checkboxes" '
                           'data-module="cadre-filter-checkboxes">{}</div>', html)
    return html  # the GOV.UK templates' output: already safe and escaped


@register.filter
def error_anchor(bound: forms.BoundField) -> str:
    """The id the error summary links to: the first box of a date, checkbox or radio group."""
    widget = bound.field.widget
    if isinstance(widget, forms.MultiWidget):
        return f"{bound.auto_id}_0"
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        return f"id_{bound.html_name}_1"
    return bound.id_for_label or bound.auto_id


def _has_errors(value: object) -> bool:
    if isinstance(value, forms.BaseForm):
        return bool(value.is_bound and value.errors)
    if isinstance(value, forms.BaseFormSet):
        return bool(value.is_bound and (value.non_form_errors() or any(value.errors)))
    return False


@register.simple_tag(takes_context=True)
def error_title_prefix(context: template.Context) -> str:
    """'Error: ' when any form on the page has errors or an error message is shown."""
    for layer in context.dicts:
        if any(_has_errors(v) for v in layer.values() if v is not None):
            return "Error: "
    if context.get("page_errors"):
        return "Error: "
    storage = context.get("messages")
    if storage is not None and any(m.level >= message_levels.ERROR for m in storage):
        return "Error: "
    return ""


@register.simple_tag(takes_context=True)
def error_messages(context: template.Context) -> list:
    """Error-level messages (shown in the error summary, not a notification banner)."""
    storage = context.get("messages")
    if storage is None:
        return []
    return [m for m in storage if m.level >= message_levels.ERROR]
