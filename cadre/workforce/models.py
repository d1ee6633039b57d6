"""Workforce data: HR extracts, the profession found in them, and contingent labour.

An organisation's HR extract is imported through a saved column mapping. Each
import is kept as a dated snapshot (``Extract`` with one ``ExtractRecord`` per
row) and a list of what changed since the previous one (``ExtractChange``:
joiners, leavers and changed records). The people themselves stay in
``people.Person``; what only the extract carries (job description, day rate,
supplier) and what the classifier worked out (in the profession or not, the
framework role level) sits beside them in ``WorkforceRecord``.

Job titles are classified once per organisation, title and grade
(``TitleClassification``): that row is both the review queue and the memory of
what a head of profession accepted, which is used first next time.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from cadre.core.inputs import LONG_TEXT


class ColumnMapping(models.Model):
    """How one organisation's extract headers map onto Cadre's fields, saved by name."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="column_mappings")
    name = models.CharField(max_length=100, default="default")
    #: {"header as in the file": "cadre_field"}; a header mapped to "" is ignored.
    columns = models.JSONField(default=dict)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"],
                                    name="unique_mapping_name_per_org"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.abbreviation}: {self.name}"


class Extract(models.Model):
    """One imported HR extract: a dated snapshot of an organisation's workforce."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="extracts")
    taken_on = models.DateField(help_text="The date the extract describes.")
    filename = models.CharField(max_length=255)
    mapping_name = models.CharField(max_length=100, blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)
    rows = models.PositiveIntegerField(default=0)
    joiners = models.PositiveIntegerField(default=0)
    leavers = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    #: The last history ids of people and workforce records when this import ended
    #: ({"person": id, "record": id}): anyone with a later history row was changed
    #: since, so their stored row fingerprint is not trusted by the next import.
    history_marks = models.JSONField(default=dict, blank=True)
    history = HistoricalRecords(excluded_fields=["history_marks"])

    class Meta:
        ordering = ["organisation", "-taken_on", "-id"]
        indexes = [models.Index(fields=["organisation", "taken_on"])]

    def __str__(self) -> str:
        return f"{self.organisation.abbreviation} extract of {self.taken_on}"


class ExtractRecord(models.Model):
    """One row of an extract as it was imported (normalised values, not the raw cells).

    Like history rows, snapshot rows are written once, in bulk, by the import that made
    the extract, and never edited: their references have no database constraint (each
    would be checked once per row per import) and ``extract`` no index of its own (the
    (extract, staff_number) index serves look-ups by extract). Deleting through Django
    still cascades or clears them (``on_delete``). ADR 21.
    """

    extract = models.ForeignKey(Extract, on_delete=models.CASCADE, related_name="records",
                                db_index=False, db_constraint=False)
    person = models.ForeignKey("people.Person", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="extract_records",
                               db_constraint=False)
    staff_number = models.CharField(max_length=40)
    grade_code = models.CharField(max_length=40, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    employment_type = models.CharField(max_length=30, blank=True)
    unit_path = models.CharField(max_length=1000, blank=True)
    location = models.CharField(max_length=120, blank=True)
    day_rate = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    supplier = models.CharField(max_length=200, blank=True)
    in_profession = models.BooleanField(null=True)
    role_level = models.ForeignKey("framework.RoleLevel", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   db_constraint=False)

    class Meta:
        ordering = ["extract", "staff_number"]
        indexes = [models.Index(fields=["extract", "staff_number"])]

    def __str__(self) -> str:
        return f"{self.staff_number} in {self.extract}"


class ChangeKind(models.TextChoices):
    JOINER = "joiner", "Joiner"
    LEAVER = "leaver", "Leaver"
    CHANGED = "changed", "Changed"


class ExtractChange(models.Model):
    """A joiner, a leaver, or a person whose record changed, found by one extract.

    Written once in bulk by the import, like the snapshot rows (``ExtractRecord``): no
    database constraint on its references and no lone index on ``extract``.
    """

    extract = models.ForeignKey(Extract, on_delete=models.CASCADE, related_name="changes",
                                db_index=False, db_constraint=False)
    person = models.ForeignKey("people.Person", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+",
                               db_constraint=False)
    staff_number = models.CharField(max_length=40)
    kind = models.CharField(max_length=10, choices=ChangeKind.choices)
    #: For CHANGED: {"field": {"before": "...", "after": "..."}}.
    fields = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["extract", "kind", "staff_number"]
        indexes = [models.Index(fields=["extract", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.staff_number}"


class ReviewStatus(models.TextChoices):
    SUGGESTED = "suggested", "Suggested, not yet reviewed"
    ACCEPTED = "accepted", "Accepted"
    CORRECTED = "corrected", "Corrected by a reviewer"
    AUTO = "auto", "Accepted automatically"


class TitleClassification(models.Model):
    """What a job title (at a grade) in one organisation means for the profession.

    Made by the classifier as a suggestion; a head of profession accepts or
    corrects it, and the decision is used first the next time the title appears.
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="title_classifications")
    #: Normalised title (see ``workforce.classifier.normalise_title``).
    title_key = models.CharField(max_length=200)
    grade_code = models.CharField(max_length=40, blank=True)
    #: The title as first seen, for display.
    title = models.CharField(max_length=200)
    in_profession = models.BooleanField(default=False)
    role_level = models.ForeignKey("framework.RoleLevel", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    confidence = models.FloatField(default=0.0)
    reason = models.CharField(max_length=500, blank=True)
    #: [{"role": "...", "role_level": "...", "confidence": 0.0}, ...] next best.
    alternatives = models.JSONField(default=list, blank=True)
    engine = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=20, choices=ReviewStatus.choices,
                              default=ReviewStatus.SUGGESTED)
    people_count = models.PositiveIntegerField(default=0)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "title_key", "grade_code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "title_key", "grade_code"],
                                    name="unique_title_classification"),
        ]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.grade_code or 'any grade'})"


#: The range of the automatic-acceptance threshold (``ClassificationSettings``).
AUTO_ACCEPT_MIN = Decimal("0.500")
AUTO_ACCEPT_MAX = Decimal("1.000")


class ClassificationSettings(models.Model):
    """How the installation classifies job titles: one row (id 1), set by the central team.

    ``auto_accept_above``: a suggestion whose confidence (the classifier's calibrated
    probability that it is right) is at or above this is accepted automatically when an
    organisation is classified; empty means every title waits for a reviewer. ``version``
    goes up with every change, so a change made from a stale read is refused.
    """

    auto_accept_above = models.DecimalField(
        max_digits=4, decimal_places=3, null=True, blank=True,
        validators=[MinValueValidator(AUTO_ACCEPT_MIN), MaxValueValidator(AUTO_ACCEPT_MAX)],
        help_text="Empty: never accept automatically.")
    version = models.PositiveIntegerField(default=0)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "classification settings"
        verbose_name_plural = "classification settings"
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="workforce_one_settings_row"),
            models.CheckConstraint(
                condition=Q(auto_accept_above__isnull=True)
                | Q(auto_accept_above__gte=AUTO_ACCEPT_MIN,
                    auto_accept_above__lte=AUTO_ACCEPT_MAX),
                name="workforce_auto_accept_in_range"),
        ]

    def __str__(self) -> str:
        if self.auto_accept_above is None:
            return "Job titles: never accepted automatically"
        return f"Job titles: accepted automatically at {self.auto_accept_above} or above"


class WorkforceRecord(models.Model):
    """What the HR extract and the classifier say about a person beyond ``Person``."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE,
                                  related_name="workforce")
    job_description = models.TextField(blank=True, max_length=LONG_TEXT)
    day_rate = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True,
                                   help_text="Contractors, consultants and interims only.")
    supplier = models.CharField(max_length=200, blank=True)
    #: Whole pounds a year from the extract's optional pay column (employed people only;
    #: contractors have a day rate). Read by the recruitment pay benchmarks (issue 21).
    annual_pay = models.DecimalField(
        max_digits=9, decimal_places=0, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1_000_000)],
        help_text="Whole pounds a year, employed people only.")
    in_profession = models.BooleanField(null=True, help_text="Unknown until classified.")
    role_level = models.ForeignKey("framework.RoleLevel", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="workforce_records")
    classification = models.ForeignKey(TitleClassification, null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="records")
    #: Bookkeeping that every import sets on everyone in the file: no index and no
    #: database constraint, so PostgreSQL rewrites each row inside its page (a "HOT"
    #: update, ADR 21) touching no index and checking nothing. Deleting an extract
    #: through Django still clears it (``on_delete``).
    last_extract = models.ForeignKey(Extract, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", db_index=False, db_constraint=False)
    #: Fingerprint of the person's row in the last extract that planned it (see
    #: ``extracts.row_fingerprints``); blank when unknown or no longer to be trusted.
    fingerprint = models.CharField(max_length=32, blank=True, default="")
    history = HistoricalRecords(excluded_fields=["fingerprint"])

    class Meta:
        indexes = [models.Index(fields=["in_profession"])]

    def __str__(self) -> str:
        return f"Workforce record of {self.person}"
