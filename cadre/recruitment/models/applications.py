"""Candidates, applications and their evidence (issue 21 point 2). Owned by the
applications area.

A :class:`Candidate` is the person behind one application: someone from outside government
(name, email, phone; no person record until hired) or a person inside it (``person``). Each
application has its own candidate row, so the personal data of a campaign's candidates can
be erased when that campaign's retention period ends (``services.applications.
purge_expired``) without touching another campaign's. ``personal_data_deleted_at`` says
when that happened; ``Application.internal`` keeps whether the candidate came from inside,
for the outcome figures, after the person is unlinked.

An :class:`Application` moves submitted -> sifted_in | sifted_out; sifted_in -> interviewed
-> appointable | not_appointable; appointable -> offered -> appointed | declined; and from
any open state (submitted, sifted_in, interviewed, appointable, offered) -> withdrawn. Only
``services.applications.transition`` calls the transition methods (under the row's lock);
``version`` goes up with every change, so a change naming an older version is a 409.
:class:`Evidence` is the candidate's text against one criterion of the campaign.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

USER = settings.AUTH_USER_MODEL

__all__ = [
    "DELETED_CANDIDATE",
    "MAX_CANDIDATE_EMAIL",
    "MAX_CANDIDATE_NAME",
    "MAX_CANDIDATE_PHONE",
    "MAX_EVIDENCE_TEXT",
    "OPEN_APPLICATION_STATES",
    "Application",
    "ApplicationState",
    "Candidate",
    "Evidence",
]

#: Limits of this area (docs/limits.md, "Recruitment: applications").
MAX_CANDIDATE_NAME = 200
MAX_CANDIDATE_EMAIL = 254
MAX_CANDIDATE_PHONE = 40
MAX_EVIDENCE_TEXT = 5000
#: What an external candidate's name becomes when their personal data is erased.
DELETED_CANDIDATE = "Deleted candidate"


class ApplicationState(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    SIFTED_IN = "sifted_in", "Sifted in"
    SIFTED_OUT = "sifted_out", "Sifted out"
    INTERVIEWED = "interviewed", "Interviewed"
    APPOINTABLE = "appointable", "Appointable"
    NOT_APPOINTABLE = "not_appointable", "Not appointable"
    OFFERED = "offered", "Offered the role"
    APPOINTED = "appointed", "Appointed"
    DECLINED = "declined", "Declined the offer"
    WITHDRAWN = "withdrawn", "Withdrawn"


#: The states an application may still be withdrawn from.
OPEN_APPLICATION_STATES = (ApplicationState.SUBMITTED, ApplicationState.SIFTED_IN,
                           ApplicationState.INTERVIEWED, ApplicationState.APPOINTABLE,
                           ApplicationState.OFFERED)


class Candidate(models.Model):
    """The person behind one application: external (name, email, phone) or internal
    (``person``)."""

    person = models.ForeignKey("people.Person", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="recruitment_candidacies")
    name = models.CharField(max_length=MAX_CANDIDATE_NAME, blank=True)
    email = models.EmailField(max_length=MAX_CANDIDATE_EMAIL, blank=True)
    phone = models.CharField(max_length=MAX_CANDIDATE_PHONE, blank=True)
    #: When the retention task erased the personal data (None: still held).
    personal_data_deleted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name to show: the person's for an internal candidate, else the one given."""
        if self.person_id is not None:
            return self.person.full_name
        return self.name or DELETED_CANDIDATE


class Application(models.Model):
    """One candidate's application to one campaign."""

    campaign = models.ForeignKey("recruitment.Campaign", on_delete=models.PROTECT,
                                 related_name="applications")
    candidate = models.OneToOneField(Candidate, on_delete=models.PROTECT,
                                     related_name="application")
    #: The candidate came from inside government (kept after the person is unlinked).
    internal = models.BooleanField(default=False)
    state = FSMField(max_length=20, choices=ApplicationState.choices,
                     default=ApplicationState.SUBMITTED)
    submitted_at = models.DateTimeField()
    sifted_at = models.DateTimeField(null=True, blank=True)
    interviewed_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    #: The candidate agrees to be offered similar roles from the reserve list.
    reserve_consent = models.BooleanField(default=False)
    reserve_consent_on = models.DateField(null=True, blank=True)
    #: Made by the reserve area: appointable in this campaign without a second assessment.
    from_reserve = models.BooleanField(default=False)
    #: Goes up by one with every change.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "submitted_at", "pk"]
        indexes = [models.Index(fields=["campaign", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(reserve_consent=False) | Q(reserve_consent_on__isnull=False),
                name="recruitment_application_consent_dated"),
        ]

    def __str__(self) -> str:
        return f"Application {self.pk} to {self.campaign}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_APPLICATION_STATES

    @transition(field=state, source=ApplicationState.SUBMITTED,
                target=ApplicationState.SIFTED_IN)
    def sift_in(self) -> None:
        """The sift panel takes the candidate to interview."""

    @transition(field=state, source=ApplicationState.SUBMITTED,
                target=ApplicationState.SIFTED_OUT)
    def sift_out(self) -> None:
        """The sift panel does not take the candidate further."""

    @transition(field=state, source=ApplicationState.SIFTED_IN,
                target=ApplicationState.INTERVIEWED)
    def interview(self) -> None:
        """The candidate was interviewed."""

    @transition(field=state, source=ApplicationState.INTERVIEWED,
                target=ApplicationState.APPOINTABLE)
    def find_appointable(self) -> None:
        """The interview panel finds the candidate appointable."""

    @transition(field=state, source=ApplicationState.INTERVIEWED,
                target=ApplicationState.NOT_APPOINTABLE)
    def find_not_appointable(self) -> None:
        """The interview panel finds the candidate not appointable."""

    @transition(field=state, source=ApplicationState.APPOINTABLE,
                target=ApplicationState.OFFERED)
    def offer(self) -> None:
        """The role is offered to the candidate."""

    @transition(field=state, source=ApplicationState.OFFERED,
                target=ApplicationState.APPOINTED)
    def appoint(self) -> None:
        """The candidate accepted and is appointed."""

    @transition(field=state, source=ApplicationState.OFFERED,
                target=ApplicationState.DECLINED)
    def decline(self) -> None:
        """The candidate declined the offer."""

    @transition(field=state, source=list(OPEN_APPLICATION_STATES),
                target=ApplicationState.WITHDRAWN)
    def withdraw(self) -> None:
        """The candidate withdraws (or the recruiter records that they did)."""


class Evidence(models.Model):
    """The candidate's evidence against one criterion of the campaign."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="evidence")
    criterion = models.ForeignKey("recruitment.Criterion", on_delete=models.PROTECT,
                                  related_name="application_evidence")
    text = models.TextField(max_length=MAX_EVIDENCE_TEXT, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "criterion__order", "criterion__pk"]
        verbose_name_plural = "evidence"
        constraints = [
            models.UniqueConstraint(fields=["application", "criterion"],
                                    name="recruitment_one_evidence_per_criterion"),
        ]

    def __str__(self) -> str:
        return f"Evidence on criterion {self.criterion_id} of application {self.application_id}"
