"""Organisations of the public sector, their unit trees, locations and grades."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class OrganisationType(models.TextChoices):
    MINISTERIAL_DEPARTMENT = "ministerial_department", "Ministerial department"
    NON_MINISTERIAL_DEPARTMENT = "non_ministerial_department", "Non-ministerial department"
    AGENCY = "agency", "Executive agency"
    ARMS_LENGTH_BODY = "arms_length_body", "Arm's-length body"
    DEVOLVED_ADMINISTRATION = "devolved_administration", "Devolved administration"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    NHS_BODY = "nhs_body", "NHS body"
    POLICE_FORCE = "police_force", "Police force"
    FIRE_AND_RESCUE_SERVICE = "fire_and_rescue_service", "Fire and rescue service"
    OTHER_PUBLIC_BODY = "other_public_body", "Other public body"


class OrganisationQuerySet(models.QuerySet):
    """Organisations narrowed by the dates they were in being."""

    @staticmethod
    def _open_q(on: dt.date | None) -> models.Q:
        day = on or timezone.localdate()
        return ((models.Q(active_to__isnull=True) | models.Q(active_to__gte=day))
                & (models.Q(active_from__isnull=True) | models.Q(active_from__lte=day)))

    def open(self, on: dt.date | None = None) -> OrganisationQuerySet:
        """Organisations in being on ``on`` (today by default): for new records and filters."""
        return self.filter(self._open_q(on))

    def open_or(self, *keep: Iterable[int | None] | models.QuerySet,
                on: dt.date | None = None) -> OrganisationQuerySet:
        """Open organisations plus the ids in each ``keep`` (a list of ids, or a values
        queryset of organisation ids: those with records, or the one an edited record already
        points at), so a closed organisation's figures are not lost."""
        q = self._open_q(on)
        for ids in keep:
            if not isinstance(ids, models.QuerySet):
                ids = [k for k in ids if k is not None]
            q |= models.Q(pk__in=ids)
        return self.filter(q)


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    abbreviation = models.CharField(max_length=30, unique=True)
    type = models.CharField(max_length=40, choices=OrganisationType.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    active_from = models.DateField(null=True, blank=True)
    active_to = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})"

    def is_closed(self, on: dt.date | None = None) -> bool:
        """Whether the organisation had closed by ``on`` (today by default)."""
        return self.active_to is not None and self.active_to < (on or timezone.localdate())


class Unit(models.Model):
    """A directorate, division or team; units form a tree inside one organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(max_length=200)
    path = models.CharField(max_length=1000, help_text="Names from the top, joined by '/'.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "path"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "path"], name="unique_unit_path"),
        ]

    def __str__(self) -> str:
        return self.path


class Location(models.Model):
    name = models.CharField(max_length=120, unique=True)
    region = models.CharField(max_length=120, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GradeScheme(models.TextChoices):
    CIVIL_SERVICE = "civil_service", "Civil Service"
    LOCAL_GOVERNMENT = "local_government", "Local government"
    NHS = "nhs", "NHS Agenda for Change"
    POLICE = "police", "Police staff and officers"
    FIRE = "fire", "Fire and rescue"


class Grade(models.Model):
    """A pay grade; every grade maps onto a Civil Service equivalent for comparison."""

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    scheme = models.CharField(max_length=30, choices=GradeScheme.choices)
    rank = models.PositiveSmallIntegerField(help_text="Seniority; higher is more senior.")
    civil_service_equivalent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="equivalents"
    )
    is_senior_civil_service = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scheme", "rank"]

    def __str__(self) -> str:
        return self.name

    @property
    def comparable(self) -> Grade:
        return self.civil_service_equivalent or self


#: Limits for organisation names and changes (docs/limits.md, "Organisation names and changes").
MAX_ORGANISATION_NAME = 200
MAX_ABBREVIATION = 30
MAX_CHANGE_NOTE = 2000


class OrganisationName(models.Model):
    """A name an organisation was known by, with the dates it was in use.

    ``valid_to`` is the day the name stopped being used (the day the next name began);
    either date may be unknown.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="former_names"
    )
    name = models.CharField(max_length=MAX_ORGANISATION_NAME)
    abbreviation = models.CharField(max_length=MAX_ABBREVIATION, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "valid_from", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name", "valid_from"],
                                    name="unique_organisation_former_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ChangeKind(models.TextChoices):
    RENAME = "rename", "Renamed"
    MERGER = "merger", "Merged"
    SPLIT = "split", "Split"
    CLOSURE = "closure", "Closed"
    TRANSFER = "transfer", "Functions transferred"


#: Changes whose successors take on the predecessor's figures when comparing across years
#: (a transfer moves some functions only, so figures stay with the predecessor).
ROLL_UP_KINDS = frozenset({ChangeKind.RENAME, ChangeKind.MERGER, ChangeKind.SPLIT})


class OrganisationChange(models.Model):
    """A machinery-of-government change: what happened to ``predecessor`` on ``date``.

    A split or a merger is one row per predecessor and successor pair; a closure with
    no successor has ``successor`` empty.
    """

    kind = models.CharField(max_length=20, choices=ChangeKind.choices)
    date = models.DateField()
    predecessor = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="changes_as_predecessor"
    )
    successor = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT,
        related_name="changes_as_successor",
    )
    note = models.TextField(max_length=MAX_CHANGE_NOTE, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "predecessor", "successor"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "date", "predecessor", "successor"],
                                    name="unique_organisation_change"),
        ]

    def __str__(self) -> str:
        after = f" -> {self.successor.abbreviation}" if self.successor_id else ""
        return f"{self.date} {self.get_kind_display()}: {self.predecessor.abbreviation}{after}"
