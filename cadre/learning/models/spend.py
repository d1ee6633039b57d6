"""Learning spend (issue 17 point 3): imported spend lines and their matches.

An organisation's spend file is read through a saved column mapping (like an HR extract)
and kept as one ``SpendImport`` with a ``SpendLine`` per row. Each line is matched to a
catalogue supplier and, where it can be, a product; a match the matcher is unsure of waits
in the review queue (``match_status``) until a learning lead confirms or corrects it, and
the decision is remembered (``SupplierName``, ``ProductDescription``) for the next import.

Lines are written once, in bulk, and never edited except for their match: the figures
(baseline, price variance) are database aggregates over them, so ``unit_price`` and
``year`` are stored to be grouped on without arithmetic per row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

USER = settings.AUTH_USER_MODEL

#: Limits shared by every channel (docs/limits.md).
MAX_SPEND_AMOUNT = 100_000_000          # one line, in pounds (either sign: credits too)
MAX_ATTENDEES = 100_000
MAX_SPEND_ROWS = 1_000_000              # one file


class MatchStatus(models.TextChoices):
    MATCHED = "matched", "Matched"
    REVIEW = "review", "Waiting for review"
    UNMATCHED = "unmatched", "No supplier found"
    CONFIRMED = "confirmed", "Confirmed by a reviewer"


class SpendColumnMapping(models.Model):
    """How one organisation's spend file headers map onto spend fields, saved by name."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="+")
    name = models.CharField(max_length=100, default="default")
    #: {"header as in the file": "spend_field"}; a header mapped to "" is ignored.
    columns = models.JSONField(default=dict)
    updated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"],
                                    name="learning_unique_spend_mapping"),
        ]

    def __str__(self) -> str:
        return f"{self.name} spend mapping"


class SpendImport(models.Model):
    """One imported spend file of one organisation."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="+")
    filename = models.CharField(max_length=255)
    mapping_name = models.CharField(max_length=100, blank=True)
    imported_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)
    rows = models.PositiveIntegerField(default=0)
    total = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    #: Lines left for review, and problems that were not errors (possible duplicates of
    #: earlier lines, unknown suppliers): [{"row": n, "column": "...", "message": "..."}].
    to_review = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)
    history = HistoricalRecords(excluded_fields=["problems"])

    class Meta:
        ordering = ["organisation", "-imported_at", "-id"]

    def __str__(self) -> str:
        return f"Spend file {self.filename}"


class SpendLine(models.Model):
    """One line of learning spend as imported (normalised values)."""

    #: Lines are written once, in bulk (COPY), and never edited but for their match: like
    #: the workforce snapshot rows (ADR 21) their references carry no database constraint,
    #: whose check at commit cost 3 s per 100,000 lines (Django's ``on_delete`` still
    #: cascades, protects and clears them; every Cadre path deletes through Django).
    spend_import = models.ForeignKey(SpendImport, on_delete=models.CASCADE, related_name="lines",
                                     db_index=False, db_constraint=False)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="+", db_index=False, db_constraint=False)
    row = models.PositiveIntegerField(help_text="Row number in the file.")
    spent_on = models.DateField()
    #: The financial year the line falls in, named by its first calendar year (April
    #: 2024 to March 2025 is 2024): stored, so the figures group on it directly.
    year = models.PositiveSmallIntegerField()
    supplier_text = models.CharField(max_length=200)
    description = models.CharField(max_length=500, blank=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    attendees = models.PositiveIntegerField(null=True, blank=True)
    #: ``amount / attendees`` to the penny, when attendees are given and above 0.
    unit_price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    purchase_order = models.CharField(max_length=50, blank=True)
    cost_centre = models.CharField(max_length=50, blank=True)
    provider = models.ForeignKey("learning.Provider", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+", db_index=False,
                                 db_constraint=False)
    product = models.ForeignKey("learning.Product", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+", db_index=False,
                                db_constraint=False)
    match_status = models.CharField(max_length=20, choices=MatchStatus.choices)
    #: The matcher's score (0-100) for the supplier and the product it chose.
    supplier_score = models.FloatField(default=0.0)
    product_score = models.FloatField(default=0.0)
    #: The line's supplier name and (supplier, description) as matched: a reviewer's
    #: decision on either is applied to every waiting line through these (area 3).
    #: ``provider`` and ``product`` are set only once certain; while a line waits, the
    #: matcher's suggestion is on these rows. Written once per line in bulk, like the
    #: workforce snapshot rows (ADR 21): no database constraint (Django's ``on_delete``
    #: still clears them), and indexed only on the lines still waiting.
    supplier_name = models.ForeignKey("learning.SupplierName", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+",
                                      db_index=False, db_constraint=False)
    product_description = models.ForeignKey("learning.ProductDescription", null=True,
                                            blank=True, on_delete=models.SET_NULL,
                                            related_name="+", db_index=False,
                                            db_constraint=False)

    class Meta:
        ordering = ["spend_import", "row"]
        indexes = [
            models.Index(fields=["spend_import", "row"]),
            models.Index(fields=["organisation", "year"]),
            models.Index(fields=["product", "organisation"]),
            models.Index(fields=["provider", "year"]),
            models.Index(fields=["match_status", "organisation"]),
            models.Index(fields=["supplier_name"], name="learning_spend_waiting_name",
                         condition=models.Q(match_status__in=["review", "unmatched"])),
            models.Index(fields=["product_description"],
                         name="learning_spend_waiting_desc",
                         condition=models.Q(match_status__in=["review", "unmatched"])),
            # The spend figures (area 4): a year's lines read from the index alone, in
            # (organisation, supplier, product) order, with everything they sum.
            models.Index(fields=["year", "organisation", "provider", "product",
                                 "match_status", "amount", "attendees"],
                         name="learning_spend_figures"),
        ]

    def __str__(self) -> str:
        return f"Row {self.row}: {self.amount} to {self.supplier_text}"


class SupplierName(models.Model):
    """A supplier as spend files write it, and the catalogue provider it is (a reviewer's
    decision, used first by the next import). ``provider`` null: not a learning supplier."""

    name_key = models.CharField(max_length=200, unique=True,
                                help_text="The name normalised (lower case, plain words).")
    name = models.CharField(max_length=200)
    provider = models.ForeignKey("learning.Provider", null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="+")
    #: False until a reviewer decides (area 3): the row then only carries the matcher's
    #: suggestion, and ``provider`` means nothing yet.
    decided = models.BooleanField(default=False)
    suggested = models.ForeignKey("learning.Provider", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    score = models.FloatField(default=0.0, help_text="The matcher's score for the suggestion.")
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_key"]

    def __str__(self) -> str:
        return self.name


class ProductDescription(models.Model):
    """A spend line description under one supplier, and the product it is (a reviewer's
    decision). ``product`` null: not a catalogue product."""

    provider = models.ForeignKey("learning.Provider", on_delete=models.CASCADE,
                                 related_name="+")
    description_key = models.CharField(max_length=500)
    description = models.CharField(max_length=500)
    product = models.ForeignKey("learning.Product", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="+")
    #: As on ``SupplierName`` (area 3).
    decided = models.BooleanField(default=False)
    suggested = models.ForeignKey("learning.Product", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    score = models.FloatField(default=0.0, help_text="The matcher's score for the suggestion.")
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["provider", "description_key"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "description_key"],
                                    name="learning_unique_product_description"),
        ]

    def __str__(self) -> str:
        return self.description


__all__ = ["MAX_ATTENDEES", "MAX_SPEND_AMOUNT", "MAX_SPEND_ROWS", "MatchStatus",
           "ProductDescription", "SpendColumnMapping", "SpendImport", "SpendLine",
           "SupplierName"]
