"""Organisations of the public sector, their unit trees, locations and grades."""

from __future__ import annotations

from django.db import models
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

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})"


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
