"""What DRF's fields write for simple values, as plain functions (issue 13).

A list endpoint's serializer may build each record's dict directly instead of going
through every field's ``get_attribute`` and ``to_representation``, which was most of a
page's CPU. These functions give exactly what the matching DRF field gives, so such a
serializer's output is unchanged; each user tests its records against DRF's own output.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rest_framework.settings import api_settings


def text(value: Any) -> str | None:
    """``CharField`` (and ``EmailField``): the value as a string; None stays None."""
    return None if value is None else str(value)


def iso_date(value: Any) -> Any:
    """``DateField`` with the default format (ISO 8601); empty is None."""
    if not value:
        return None
    if isinstance(value, str) or api_settings.DATE_FORMAT is None:
        return value
    if api_settings.DATE_FORMAT.lower() != "iso-8601":
        return value.strftime(api_settings.DATE_FORMAT)
    return value.isoformat()


def choice(choices: Iterable[tuple[Any, Any]]) -> Callable[[Any], Any]:
    """``ChoiceField`` over ``choices`` (value, label pairs): the choice's own value."""
    by_string = {str(value): value for value, _ in choices}

    def represent(value: Any) -> Any:
        if value in ("", None):
            return value
        return by_string.get(str(value), value)

    return represent
