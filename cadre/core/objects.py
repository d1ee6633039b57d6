"""One record by id from a selector's queryset, or 404: the same for pages and API.

Selectors return only what the caller may see, so "does not exist" and "not yours"
are the same 404. Ids that are not whole numbers, or are outside the range of the
table's key column, are a 404 too, never a database error.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import connections, models
from django.http import Http404

M = TypeVar("M", bound=models.Model)


def parse_id(value: object, field: models.Field | None = None,
             using: str = "default") -> int | None:
    """``value`` as an id the key column can hold, or None."""
    if isinstance(value, bool):
        return None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    internal = field.get_internal_type() if field is not None else "BigAutoField"
    low, high = connections[using].ops.integer_field_range(internal)
    if (low is not None and number < low) or (high is not None and number > high):
        return None
    return number


def get_visible_or_404(queryset: models.QuerySet[M], pk: object, *,
                       message: str = "Not found, or not one you can see.") -> M:
    """The record with primary key ``pk`` in ``queryset``, or ``Http404``."""
    number = parse_id(pk, queryset.model._meta.pk, queryset.db)
    if number is None:
        raise Http404(message)
    found = queryset.filter(pk=number).first()
    if found is None:
        raise Http404(message)
    return found


class VisibleObjectMixin:
    """For a DRF generic view: ``get_object`` through :func:`get_visible_or_404`.

    The lookup runs on ``get_queryset()`` (the selector's scope) without the list
    filters, and bad or out-of-range ids are 404s rather than database errors.
    """

    def object_queryset(self) -> models.QuerySet:
        """The queryset ``get_object`` looks in: the selector's (``get_queryset``)."""
        return self.get_queryset()  # type: ignore[attr-defined]

    def get_object(self):  # noqa: ANN201
        lookup = getattr(self, "lookup_url_kwarg", None) or getattr(self, "lookup_field", "pk")
        found = get_visible_or_404(self.object_queryset(), self.kwargs[lookup])  # type: ignore[attr-defined]
        self.check_object_permissions(self.request, found)  # type: ignore[attr-defined]
        return found
