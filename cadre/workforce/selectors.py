"""Reads of HR extracts and column mappings, limited to what the account may see.

Heads of profession see their organisations' extracts and mappings; the central
team and administrators see every organisation's. Anyone else sees none.
``managed_organisations`` is that scope, shared by the review queue and the
named Senior Civil Service list.
"""

from __future__ import annotations

from django.db.models import QuerySet

from cadre.access.scope import scope_for
from cadre.organisations.models import Organisation
from cadre.workforce.models import ColumnMapping, Extract, ExtractChange


def managed_organisations(user: object) -> QuerySet[Organisation]:
    """Organisations whose workforce data the account manages (extracts, mappings, job-title
    reviews), by name."""
    ids = scope_for(user).managed_organisation_ids
    qs = Organisation.objects.order_by("name")
    return qs if ids is None else qs.filter(pk__in=ids)


def listed_organisations(user: object) -> QuerySet[Organisation]:
    """The managed organisations to offer in lists and filters: the open ones, and a closed
    one only while it has HR extracts or people recorded (its figures stay reachable)."""
    from cadre.people.models import Person

    return managed_organisations(user).open_or(
        Extract.objects.values("organisation_id"), Person.objects.values("organisation_id"))


def managed_organisation(user: object, abbreviation: str) -> Organisation | None:
    """One managed organisation by abbreviation (any case), or None (answered as 404)."""
    return managed_organisations(user).filter(abbreviation__iexact=abbreviation.strip()).first()


def visible_extracts(user: object, *, organisation_id: int | None = None) -> QuerySet[Extract]:
    qs = Extract.objects.filter(organisation__in=managed_organisations(user))
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    return qs.select_related("organisation", "imported_by").order_by("-taken_on", "-id")


def extract_detail(*, user: object, extract_id: int) -> Extract | None:
    return visible_extracts(user).filter(pk=extract_id).first()


def extract_changes(*, extract: Extract, kind: str = "") -> QuerySet[ExtractChange]:
    """An extract's joiners, leavers and changes (the extract comes from ``extract_detail``)."""
    qs = ExtractChange.objects.filter(extract=extract).select_related("person")
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("kind", "staff_number")


def visible_mappings(user: object, *, organisation_id: int | None = None
                     ) -> QuerySet[ColumnMapping]:
    qs = ColumnMapping.objects.filter(organisation__in=managed_organisations(user))
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    return qs.select_related("organisation", "updated_by").order_by("organisation__name", "name")


def mapping_detail(*, user: object, organisation: Organisation, name: str
                   ) -> ColumnMapping | None:
    return visible_mappings(user, organisation_id=organisation.pk).filter(name=name).first()
