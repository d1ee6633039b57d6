"""Talent and workforce planning across government.

- Mobility: people who are open to moves (``MobilityPreference``), vacancies
  posted on the cross-government board (``Vacancy`` with ``VacancySkill``), the
  policy on looking inside government first (``MobilityPolicy``) and managed
  moves between organisations (``MoveRequest``).
- Talent: appraisal cycles with nine-box ratings and their calibration
  (``AppraisalCycle``, ``TalentRating``), talent pools (``TalentPool``,
  ``PoolMembership``, ``DevelopmentAction``).
- Succession: critical posts and their successors (``CriticalPost``, ``Successor``).
- Specialist bench: availability windows and deployment requests.
- Workforce plans: demand by year and role level for an organisation's role family.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

USER = settings.AUTH_USER_MODEL


# --- Mobility -----------------------------------------------------------------------------

class MobilityPreference(models.Model):
    """A person's wish to move, and where to: only people who opt in are named to hirers."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE,
                                  related_name="mobility")
    open_to_opportunities = models.BooleanField(default=False)
    locations = models.ManyToManyField("organisations.Location", blank=True, related_name="+")
    grades = models.ManyToManyField("organisations.Grade", blank=True, related_name="+")
    role_families = models.ManyToManyField("framework.RoleFamily", blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[locations, grades, role_families])

    def __str__(self) -> str:
        return f"Mobility of {self.person}"


class MobilityPolicy(models.Model):
    """Cross-government policy; one row. Vacancies stay internal this many days first."""

    internal_days = models.PositiveSmallIntegerField(default=28)
    updated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Internal first for {self.internal_days} days"


class SecurityClearance(models.TextChoices):
    NONE = "none", "None beyond baseline checks"
    BPSS = "bpss", "Baseline personnel security standard (BPSS)"
    CTC = "ctc", "Counter-terrorist check (CTC)"
    SC = "sc", "Security check (SC)"
    DV = "dv", "Developed vetting (DV)"


class Vacancy(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        FILLED = "filled", "Filled"
        WITHDRAWN = "withdrawn", "Withdrawn"

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="vacancies")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    role_level = models.ForeignKey("framework.RoleLevel", on_delete=models.PROTECT,
                                   related_name="vacancies")
    grade = models.ForeignKey("organisations.Grade", on_delete=models.PROTECT,
                              related_name="vacancies")
    locations = models.ManyToManyField("organisations.Location", blank=True, related_name="+")
    hybrid = models.BooleanField(default=True)
    security_clearance = models.CharField(max_length=10, choices=SecurityClearance.choices,
                                          default=SecurityClearance.BPSS)
    closing_date = models.DateField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    opened_on = models.DateField(null=True, blank=True)
    #: Set when the organisation decides to recruit outside government.
    external_decided_at = models.DateTimeField(null=True, blank=True)
    external_decided_by = models.ForeignKey(USER, null=True, blank=True,
                                            on_delete=models.SET_NULL, related_name="+")
    external_reason = models.TextField(blank=True)
    filled_by = models.ForeignKey("people.Person", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[locations])

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "vacancies"
        indexes = [models.Index(fields=["state", "closing_date"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation.abbreviation})"


class VacancySkill(models.Model):
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey("framework.Skill", on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey("framework.SkillLevel", on_delete=models.PROTECT, related_name="+")
    essential = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["vacancy", "-essential", "skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "skill"], name="unique_vacancy_skill"),
        ]

    def __str__(self) -> str:
        return f"{self.skill} at {self.level} ({'essential' if self.essential else 'desirable'})"


class MoveRequest(models.Model):
    """A managed move of one person from a releasing to a receiving organisation."""

    class State(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        RECEIVING_AGREED = "receiving_agreed", "Agreed by the receiving organisation"
        RELEASING_AGREED = "releasing_agreed", "Agreed by both organisations"
        LOGISTICS = "logistics", "Arranging logistics"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="moves")
    releasing = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                  related_name="moves_out")
    receiving = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                  related_name="moves_in")
    vacancy = models.ForeignKey(Vacancy, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="moves")
    state = models.CharField(max_length=20, choices=State.choices, default=State.PROPOSED)
    proposed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    receiving_agreed_at = models.DateTimeField(null=True, blank=True)
    releasing_agreed_at = models.DateTimeField(null=True, blank=True)
    # Logistics
    start_date = models.DateField(null=True, blank=True)
    clearance_transferred = models.BooleanField(default=False)
    pay_and_pension_agreed = models.BooleanField(default=False)
    equipment_ready = models.BooleanField(default=False)
    access_ready = models.BooleanField(default=False)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_at", "-id"]

    def __str__(self) -> str:
        return (f"Move of {self.person} from {self.releasing.abbreviation} "
                f"to {self.receiving.abbreviation}")


# --- Talent identification ----------------------------------------------------------------

class AppraisalCycle(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="appraisal_cycles")
    name = models.CharField(max_length=200)
    opens_on = models.DateField()
    closes_on = models.DateField()
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "-opens_on"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation.abbreviation})"


class Rating(models.IntegerChoices):
    LOW = 1, "Low"
    MEDIUM = 2, "Medium"
    HIGH = 3, "High"


class TalentRating(models.Model):
    """A line manager's nine-box rating of one person in a cycle, and its calibration."""

    cycle = models.ForeignKey(AppraisalCycle, on_delete=models.CASCADE, related_name="ratings")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="talent_ratings")
    performance = models.PositiveSmallIntegerField(choices=Rating.choices)
    potential = models.PositiveSmallIntegerField(choices=Rating.choices)
    rated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    rated_at = models.DateTimeField(auto_now_add=True)
    calibrated_performance = models.PositiveSmallIntegerField(choices=Rating.choices,
                                                              null=True, blank=True)
    calibrated_potential = models.PositiveSmallIntegerField(choices=Rating.choices,
                                                            null=True, blank=True)
    calibration_reason = models.TextField(blank=True)
    calibrated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    calibrated_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle", "person"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "person"], name="one_rating_per_cycle"),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.cycle}"

    @property
    def final_performance(self) -> int:
        return self.calibrated_performance or self.performance

    @property
    def final_potential(self) -> int:
        return self.calibrated_potential or self.potential


class TalentPool(models.Model):
    """A named pool (for example 'G6/G7 ready for SCS'); organisation blank = cross-government."""

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="talent_pools")
    review_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PoolMembership(models.Model):
    pool = models.ForeignKey(TalentPool, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="pool_memberships")
    added_on = models.DateField(auto_now_add=True)
    review_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pool", "person"]
        constraints = [
            models.UniqueConstraint(fields=["pool", "person"], name="unique_pool_member"),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.pool}"


class DevelopmentAction(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    membership = models.ForeignKey(PoolMembership, on_delete=models.CASCADE,
                                   related_name="actions")
    description = models.CharField(max_length=500)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    history = HistoricalRecords()

    class Meta:
        ordering = ["membership", "due_on", "id"]

    def __str__(self) -> str:
        return self.description


# --- Succession ---------------------------------------------------------------------------

class CriticalPost(models.Model):
    class Risk(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="critical_posts")
    title = models.CharField(max_length=200)
    role_level = models.ForeignKey("framework.RoleLevel", on_delete=models.PROTECT,
                                   related_name="critical_posts")
    incumbent = models.ForeignKey("people.Person", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="critical_posts")
    risk_of_loss = models.CharField(max_length=10, choices=Risk.choices, default=Risk.MEDIUM)
    risk_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation.abbreviation})"


class Readiness(models.TextChoices):
    NOW = "now", "Ready now"
    ONE_TO_TWO = "1_2_years", "Ready in 1 to 2 years"
    THREE_PLUS = "3_plus_years", "Ready in 3 or more years"


class Successor(models.Model):
    post = models.ForeignKey(CriticalPost, on_delete=models.CASCADE, related_name="successors")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="succession_for")
    readiness = models.CharField(max_length=20, choices=Readiness.choices)
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["post", "readiness", "person"]
        constraints = [
            models.UniqueConstraint(fields=["post", "person"], name="unique_successor"),
        ]

    def __str__(self) -> str:
        return f"{self.person} for {self.post} ({self.get_readiness_display()})"


# --- Specialist bench ---------------------------------------------------------------------

class BenchAvailability(models.Model):
    """A window in which a specialist can be deployed into a programme."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="bench_windows")
    available_from = models.DateField()
    available_to = models.DateField()
    skills = models.ManyToManyField("framework.Skill", blank=True, related_name="+")
    note = models.TextField(blank=True)
    history = HistoricalRecords(m2m_fields=[skills])

    class Meta:
        ordering = ["available_from", "person"]
        constraints = [
            models.CheckConstraint(condition=models.Q(available_to__gte=models.F("available_from")),
                                   name="bench_window_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.available_from} to {self.available_to}"


class DeploymentRequest(models.Model):
    class State(models.TextChoices):
        REQUESTED = "requested", "Requested"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    requesting_organisation = models.ForeignKey("organisations.Organisation",
                                                on_delete=models.PROTECT,
                                                related_name="deployment_requests")
    programme = models.CharField(max_length=200)
    specialist = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                                   related_name="deployments")
    starts_on = models.DateField()
    ends_on = models.DateField()
    skills = models.ManyToManyField("framework.Skill", blank=True, related_name="+")
    state = models.CharField(max_length=20, choices=State.choices, default=State.REQUESTED)
    outcome = models.TextField(blank=True)
    requested_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[skills])

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="deployment_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.specialist} to {self.programme}"


# --- Workforce plans ----------------------------------------------------------------------

class WorkforcePlan(models.Model):
    """Supply against planned demand for an organisation's role family over five years."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="workforce_plans")
    role_family = models.ForeignKey("framework.RoleFamily", on_delete=models.PROTECT,
                                    related_name="+")
    first_year = models.PositiveSmallIntegerField(help_text="The first planned year, e.g. 2027.")
    attrition_rate = models.DecimalField(max_digits=5, decimal_places=4, default=0.10,
                                         help_text="Share of supply lost each year, 0 to 1.")
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "role_family"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "role_family"],
                                    name="one_plan_per_family"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.abbreviation} plan for {self.role_family}"


class PlannedDemand(models.Model):
    plan = models.ForeignKey(WorkforcePlan, on_delete=models.CASCADE, related_name="demand")
    year = models.PositiveSmallIntegerField()
    role_level = models.ForeignKey("framework.RoleLevel", on_delete=models.PROTECT,
                                   related_name="+")
    headcount = models.PositiveIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "year", "role_level"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year", "role_level"],
                                    name="unique_planned_demand"),
        ]

    def __str__(self) -> str:
        return f"{self.headcount} x {self.role_level} in {self.year}"
