"""Strategy: contributions to the whole of government (issue 19, area 6).

Contributions are read live from the apps that hold them (``selectors/contributions.py``);
nothing is copied here except what a person (or their line manager) chooses to offer as
evidence in an appraisal cycle: ``ContributionEvidence`` keeps which contribution (its kind
and the id of the record it comes from) and a copy of what it said when offered, so the
evidence still reads the same if the record later changes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

USER = settings.AUTH_USER_MODEL

__all__ = ["MAX_CONTRIBUTION_TEXT", "ContributionEvidence", "ContributionKind"]

#: The longest "what" and "organisation" text kept with a piece of evidence.
MAX_CONTRIBUTION_TEXT = 300


class ContributionKind(models.TextChoices):
    WORKSTREAM = "workstream", "Strategy workstream"
    BENCH = "bench", "Bench deployment"
    MENTORING = "mentoring", "Mentoring"
    COMMUNITY_LEAD = "community_lead", "Community leadership"
    ASSESSING = "assessing", "Assessing for accreditation"
    PANEL = "panel", "Accreditation panel"
    POSTING_HOST = "posting_host", "Hosting a Fast Stream posting"


class ContributionEvidence(models.Model):
    """A contribution offered as evidence in the person's appraisal cycle."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="contribution_evidence")
    cycle = models.ForeignKey("talent.AppraisalCycle", on_delete=models.CASCADE,
                              related_name="contribution_evidence")
    kind = models.CharField(max_length=20, choices=ContributionKind.choices)
    #: The id of the record the contribution comes from (a deployment request, a mentoring
    #: match, a community membership, an assessor allocation, a panel decision, a posting).
    record_id = models.PositiveBigIntegerField()
    what = models.CharField(max_length=MAX_CONTRIBUTION_TEXT)
    organisation = models.CharField(max_length=MAX_CONTRIBUTION_TEXT, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    offered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    offered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cycle", "person", "starts_on", "id"]
        verbose_name_plural = "contribution evidence"
        constraints = [
            models.UniqueConstraint(fields=["cycle", "person", "kind", "record_id"],
                                    name="strategy_contribution_evidence_once"),
        ]

    def __str__(self) -> str:
        return f"{self.what} ({self.person_id}, cycle {self.cycle_id})"
