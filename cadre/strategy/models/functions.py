"""Strategy: the retained ICT function (issue 19, area 4).

- ``IctFunction``: the taxonomy (our own list, imported from ``data/ict-functions.csv`` or a
  file like it); each with the role families and the lowest level it needs
  (``FunctionNeed``: a ``framework.RoleFamily`` and a coarse rank of
  ``framework.level_order``);
- ``OperatingModel``: the reference models (centralised, federated, minimal) and the
  functions each keeps in house;
- ``FunctionSourcing``: one cell row of a department's matrix: how it sources a function
  (in house, outsourced, shared service, mixed), how mature it is (good, better, best) and
  the evidence; history kept, and a ``version`` raised by every change, so that an edit
  made from a stale form is refused (409) rather than lost.

The checks against the workforce are in ``cadre.strategy.function_checks``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from cadre.strategy import function_checks as fc

__all__ = ["FunctionNeed", "FunctionSourcing", "IctFunction", "Maturity", "OperatingModel",
           "Sourcing"]


class Sourcing(models.TextChoices):
    IN_HOUSE = fc.IN_HOUSE, fc.SOURCING_LABELS[fc.IN_HOUSE]
    OUTSOURCED = fc.OUTSOURCED, fc.SOURCING_LABELS[fc.OUTSOURCED]
    SHARED_SERVICE = fc.SHARED_SERVICE, fc.SOURCING_LABELS[fc.SHARED_SERVICE]
    MIXED = fc.MIXED, fc.SOURCING_LABELS[fc.MIXED]


class Maturity(models.TextChoices):
    GOOD = fc.GOOD, fc.MATURITY_LABELS[fc.GOOD]
    BETTER = fc.BETTER, fc.MATURITY_LABELS[fc.BETTER]
    BEST = fc.BEST, fc.MATURITY_LABELS[fc.BEST]


class IctFunction(models.Model):
    """One ICT function of the taxonomy ("Service management")."""

    key = models.SlugField(max_length=fc.MAX_KEY, unique=True)
    name = models.CharField(max_length=fc.MAX_NAME, unique=True)
    description = models.TextField(blank=True, max_length=fc.MAX_DESCRIPTION)
    position = models.PositiveIntegerField(default=0, help_text="Order in the taxonomy.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "ICT function"

    def __str__(self) -> str:
        return self.name


class FunctionNeed(models.Model):
    """A role family a function needs, and the lowest level (coarse rank) it needs in it."""

    function = models.ForeignKey(IctFunction, on_delete=models.CASCADE, related_name="needs")
    family = models.ForeignKey("framework.RoleFamily", on_delete=models.PROTECT,
                               related_name="+")
    min_rank = models.PositiveSmallIntegerField(
        choices=sorted(fc.RANK_LABELS.items()),
        validators=[MinValueValidator(1), MaxValueValidator(7)])

    class Meta:
        ordering = ["function", "family__name"]
        constraints = [models.UniqueConstraint(fields=["function", "family"],
                                               name="strategy_function_need_once")]

    def __str__(self) -> str:
        return f"{self.function}: {self.family} ({fc.RANK_LABELS[self.min_rank]})"


class OperatingModel(models.Model):
    """A reference operating model and the functions it keeps in house."""

    key = models.SlugField(max_length=fc.MAX_KEY, unique=True)
    name = models.CharField(max_length=fc.MAX_NAME, unique=True)
    description = models.TextField(blank=True, max_length=fc.MAX_DESCRIPTION)
    position = models.PositiveIntegerField(default=0)
    retained = models.ManyToManyField(IctFunction, blank=True, related_name="operating_models")

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class FunctionSourcing(models.Model):
    """How an organisation sources one function, how mature it is, and the evidence."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="ict_function_sourcing")
    function = models.ForeignKey(IctFunction, on_delete=models.PROTECT,
                                 related_name="sourcing")
    sourcing = models.CharField(max_length=20, choices=Sourcing.choices)
    maturity = models.CharField(max_length=10, choices=Maturity.choices)
    evidence = models.TextField(blank=True, max_length=fc.MAX_EVIDENCE)
    version = models.PositiveIntegerField(default=1, help_text="Raised by every change.")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "function__position", "function__name"]
        verbose_name = "ICT function sourcing"
        verbose_name_plural = "ICT function sourcing"
        constraints = [models.UniqueConstraint(fields=["organisation", "function"],
                                               name="strategy_function_sourcing_once")]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.function} ({self.get_sourcing_display()})"

    @property
    def retained(self) -> bool:
        return self.sourcing in fc.RETAINED
