"""People: members of staff in an organisation, separate from sign-in accounts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from cadre.core.inputs import STAFF_NUMBER_LENGTH, validate_staff_number


class EmploymentType(models.TextChoices):
    PERMANENT = "permanent", "Permanent"
    FIXED_TERM = "fixed_term", "Fixed-term"
    CONTRACTOR = "contractor", "Contractor"
    CONSULTANT = "consultant", "Consultant"
    INTERIM = "interim", "Interim"
    APPRENTICE = "apprentice", "Apprentice"
    FAST_STREAMER = "fast_streamer", "Fast streamer"
    SECONDEE = "secondee", "Secondee"


#: Employment types that are bought in rather than employed.
CONTINGENT_TYPES = frozenset(
    {EmploymentType.CONTRACTOR, EmploymentType.CONSULTANT, EmploymentType.INTERIM}
)


class Person(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="people"
    )
    staff_number = models.CharField(max_length=STAFF_NUMBER_LENGTH,
                                    validators=[validate_staff_number])
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    unit = models.ForeignKey(
        "organisations.Unit", null=True, blank=True, on_delete=models.PROTECT,
        related_name="people",
    )
    grade = models.ForeignKey(
        "organisations.Grade", null=True, blank=True, on_delete=models.PROTECT,
        related_name="people",
    )
    line_manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    employment_type = models.CharField(
        max_length=30, choices=EmploymentType.choices, default=EmploymentType.PERMANENT
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    location = models.ForeignKey(
        "organisations.Location", null=True, blank=True, on_delete=models.PROTECT,
        related_name="people",
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="person",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "staff_number"], name="unique_staff_number_per_org"
            ),
            models.CheckConstraint(
                condition=~models.Q(line_manager=models.F("id")), name="not_own_line_manager"
            ),
        ]
        # The list's whole ordering, id included: a page far into the list is found by
        # walking this index alone (docs/performance.md, "concurrent clients").
        indexes = [models.Index(fields=["last_name", "first_name", "id"],
                                name="people_person_name_order")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"
