"""The learning catalogue: providers and the products they sell (issue 17 point 1).

A product says which framework skills it builds and to what level, how it is delivered,
how long it takes, its list price per place and who may take it. Its page publishes it as
schema.org ``Course`` JSON-LD. ``xapi_activity_id`` is the IRI a provider's learning
records name it by, so a statement about it can complete the matching plan activity.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from cadre.core.inputs import LONG_TEXT, SHORT_TEXT

USER = settings.AUTH_USER_MODEL

#: Limits shared by every channel (docs/limits.md).
COMPANY_NUMBER_PATTERN = r"^(?:[0-9]{8}|[A-Z]{2}[0-9]{6})$"
MAX_DURATION_HOURS = Decimal("2000")      # a long qualification, part time
MAX_LIST_PRICE = Decimal("1000000")       # per place, in pounds
MAX_PRODUCT_SKILLS = 20
MAX_AUDIENCE_GRADES = 30


class ProductKind(models.TextChoices):
    COURSE = "course", "Course"
    E_LEARNING = "e_learning", "E-learning"
    QUALIFICATION = "qualification", "Qualification"
    COACHING = "coaching", "Coaching"
    CONFERENCE = "conference", "Conference"


class DeliveryMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE_LIVE = "online_live", "Online, live"
    SELF_PACED = "self_paced", "Online, at your own pace"
    BLENDED = "blended", "Blended"


class Audience(models.TextChoices):
    OPEN = "open", "Open to anyone in the profession"
    ORGANISATIONS = "organisations", "Named organisations only"
    GRADES = "grades", "Named grades only"


class Provider(models.Model):
    """A supplier of learning (a company, a college, a professional body, another
    department)."""

    name = models.CharField(max_length=200, unique=True)
    company_number = models.CharField(
        max_length=8, blank=True,
        help_text="Companies House number where known: 8 digits, or 2 letters and 6 digits.")
    website = models.URLField(blank=True, max_length=SHORT_TEXT)
    #: Other ways spend lines name this supplier (trading names, old names): a list of
    #: strings, used first when spend is matched.
    aliases = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    """A learning product a provider sells."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="products")
    title = models.CharField(max_length=200)
    #: The provider's own code for it, unique per provider when given.
    code = models.CharField(max_length=50, blank=True)
    kind = models.CharField(max_length=20, choices=ProductKind.choices)
    mode = models.CharField(max_length=20, choices=DeliveryMode.choices)
    description = models.TextField(blank=True, max_length=LONG_TEXT)
    duration_hours = models.DecimalField(
        max_digits=6, decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(MAX_DURATION_HOURS)],
        help_text="Learning time, in hours.")
    list_price = models.DecimalField(
        max_digits=10, decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_LIST_PRICE)],
        help_text="Published price per place, in pounds, before any contracted rate.")
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.OPEN)
    audience_organisations = models.ManyToManyField("organisations.Organisation", blank=True,
                                                    related_name="+")
    #: Grade codes (as in organisations.Grade.code) when ``audience`` is grades.
    audience_grades = models.JSONField(default=list, blank=True)
    url = models.URLField(blank=True, max_length=SHORT_TEXT)
    xapi_activity_id = models.URLField(
        blank=True, max_length=SHORT_TEXT,
        help_text="The IRI the provider's learning records use for this product.")
    withdrawn = models.BooleanField(default=False)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title", "provider"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "code"], condition=~models.Q(code=""),
                                    name="learning_unique_product_code"),
            models.UniqueConstraint(fields=["xapi_activity_id"],
                                    condition=~models.Q(xapi_activity_id=""),
                                    name="learning_unique_xapi_activity"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.provider})"


class ProductSkill(models.Model):
    """A framework skill a product builds, and the level it builds it to."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey("framework.Skill", on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey("framework.SkillLevel", on_delete=models.PROTECT,
                              related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["product", "skill"]
        constraints = [
            models.UniqueConstraint(fields=["product", "skill"],
                                    name="learning_unique_product_skill"),
        ]

    def __str__(self) -> str:
        return f"{self.product.title}: {self.skill} to {self.level}"
