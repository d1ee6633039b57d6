"""Words, not codes, for every app's templates.

- ``{% organisation org %}``: the organisation's name, with its abbreviation after it in
  an ``<abbr title="name">`` (or the name alone when it has none).
- ``{% definition "current-staff" %}``: a link to that entry of the definitions page,
  reading the phrase the entry gives for a count ("current staff"), or the text given:
  ``{% definition "hidden-numbers" "what hidden numbers mean" %}``.
- ``{% suppression_legend %}``: the inset explaining "fewer than 5" and ``[c]``, with a
  link to the definitions page (``threshold=`` for another threshold).
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html

from cadre.core.definitions import BY_SLUG
from cadre.core.suppression import PROTECTED_LABEL, suppressed_label

register = template.Library()


@register.simple_tag
def organisation(org: object) -> str:
    """Name (<abbr title="Name">ABBR</abbr>); empty for no organisation."""
    if org is None:
        return ""
    name = str(getattr(org, "name", "") or "")
    abbreviation = str(getattr(org, "abbreviation", "") or "")
    if not abbreviation or abbreviation == name:
        return format_html("{}", name or abbreviation)
    if not name:
        return format_html('<abbr title="{}">{}</abbr>', abbreviation, abbreviation)
    return format_html('{} (<abbr title="{}">{}</abbr>)', name, name, abbreviation)


@register.simple_tag
def definition(slug: str, text: str = "") -> str:
    """A link to one definition; an unknown slug is an error (caught by tests)."""
    entry = BY_SLUG[slug]
    return format_html('<a class="govuk-link" href="{}#{}">{}</a>',
                       reverse("core:definitions"), slug, text or entry.counts or entry.term)


@register.simple_tag
def suppression_legend(threshold: int = 5, extra: str = "") -> str:
    """The legend for a page with hidden numbers."""
    return format_html(
        '<div class="govuk-inset-text" id="suppression-notice">'
        "<p class=\"govuk-body\">Some numbers are hidden so that nobody can be picked out. "
        "<strong>{}</strong> means the count is between 1 and {}. <strong>{}</strong> means "
        "the number is not necessarily small: it is hidden so that it cannot be subtracted "
        "from a total to reveal a small count. Shares and costs worked out from a hidden "
        'number are hidden too. {}</p><p class="govuk-body"><a class="govuk-link" '
        'href="{}#hidden-numbers">More about hidden numbers</a></p></div>',
        suppressed_label(threshold), threshold - 1, PROTECTED_LABEL, extra,
        reverse("core:definitions"))


@register.filter
def small_count(value: object, threshold: int = 5) -> object:
    """A headline count shown to people who may not see the people in it: "fewer than 5"
    from 1 to 4, else the number."""
    try:
        n = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return value
    return suppressed_label(threshold) if 0 < n < threshold else n
