"""Reads for communications (issue 18 point 4): the stakeholder register, audiences
evaluated against people records (one query, never everyone loaded into Python),
messages and their delivery figures.

Every page and API call here is for the COMMUNICATIONS rule (the central team and
administrators), who may see everyone in the profession by name; ``may_communicate``
checks it again for the services.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.community.models import (
    Audience,
    Channel,
    CommunityMessage,
    Delivery,
    MessageVersion,
    Stakeholder,
)
from cadre.notifications.models import UNDELIVERED, Message
from cadre.people.models import Person
from cadre.people.selectors import current_filter

#: Counts of people in the register below this read "fewer than 5".
THRESHOLD = 5

#: The channels Cadre knows, as (key, name, description, sent by Cadre).
CHANNELS = (
    ("email", "Email",
     "An email to each person in the audience, sent by Cadre through GOV.UK Notify.", True),
    ("newsletter", "Newsletter",
     "An item in the profession's newsletter, assured here and published by the central "
     "team.", False),
    ("intranet", "Intranet",
     "A news story on departmental intranets, assured here and passed to each "
     "organisation's internal communications team.", False),
    ("events", "Events",
     "A message read out or shown at community events and conferences.", False),
)


def may_communicate(user: object) -> bool:
    return scope_for(user).has(Role.CENTRAL_TEAM, Role.ADMINISTRATOR)


def shown_count(n: int) -> str:
    return f"fewer than {THRESHOLD}" if 0 < n < THRESHOLD else str(n)


# ---------------------------------------------------------------------------- register


def profession_people() -> QuerySet[Person]:
    """Everyone in the profession now (current, classified in the profession)."""
    return Person.objects.filter(current_filter(), workforce__in_profession=True)


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int

    @property
    def shown(self) -> str:
        return shown_count(self.count)


def profession_counts() -> dict[str, list[CountRow]]:
    """The profession by organisation, by role family and by grade (counts, suppressed
    below 5 when shown)."""
    people = profession_people()

    def rows(field: str, empty: str) -> list[CountRow]:
        found = people.values(field).annotate(n=Count("id")).order_by(field)
        return [CountRow(str(r[field] or empty), r["n"]) for r in found]

    return {
        "organisation": rows("organisation__name", "No organisation"),
        "family": rows("workforce__role_level__role__family__name", "No role family"),
        "grade": rows("grade__name", "No grade recorded"),
    }


def stakeholders() -> QuerySet[Stakeholder]:
    return Stakeholder.objects.all()


def channels() -> QuerySet[Channel]:
    return Channel.objects.all()


# ---------------------------------------------------------------------------- audiences


def audience_filter(audience: Audience) -> Q:
    """The audience's definition as one filter on ``Person``."""
    condition = current_filter() & ~Q(email="")
    if audience.in_profession_only:
        condition &= Q(workforce__in_profession=True)
    org_ids = [o.pk for o in audience.organisations.all()]
    where = Q()
    if audience.organisation_types:
        where |= Q(organisation__type__in=audience.organisation_types)
    if org_ids:
        where |= Q(organisation_id__in=org_ids)
    condition &= where
    family_ids = [f.pk for f in audience.role_families.all()]
    if family_ids:
        condition &= Q(workforce__role_level__role__family_id__in=family_ids)
    grade_ids = [g.pk for g in audience.grades.all()]
    if grade_ids:
        condition &= Q(grade_id__in=grade_ids)
    return condition


def audience_people(audience: Audience) -> QuerySet[Person]:
    """The people in the audience now, as one query (ordered by id for batching)."""
    return Person.objects.filter(audience_filter(audience)).order_by("id")


def audience_stakeholders(audience: Audience) -> QuerySet[Stakeholder]:
    return audience.stakeholders.exclude(contact_email="")


@dataclass(frozen=True)
class AudienceSize:
    people: int
    stakeholders: int

    @property
    def total(self) -> int:
        return self.people + self.stakeholders


def audience_size(audience: Audience) -> AudienceSize:
    return AudienceSize(audience_people(audience).count(),
                        audience_stakeholders(audience).count())


def describe(audience: Audience) -> str:
    """The definition in words."""
    parts = ["Every " + ("in-profession " if audience.in_profession_only else "")
             + "person with an email address"]
    families = [f.name for f in audience.role_families.all()]
    if families:
        parts.append("in the " + ", ".join(families) + " famil" + ("ies" if len(families) > 1
                                                                   else "y"))
    grades = [g.name for g in audience.grades.all()]
    if grades:
        parts.append("at grade " + ", ".join(grades))
    where = [str(t) for t in audience.organisation_type_labels()] + [
        o.name for o in audience.organisations.all()]
    parts.append("in " + " or ".join(where) if where else "in any organisation")
    text = " ".join(parts)
    named = [s.name for s in audience.stakeholders.all()]
    if named:
        text += "; and " + ", ".join(named)
    return text + "."


def audiences() -> QuerySet[Audience]:
    return Audience.objects.prefetch_related("organisations", "role_families", "grades",
                                             "stakeholders")


# ---------------------------------------------------------------------------- messages


def messages() -> QuerySet[CommunityMessage]:
    return CommunityMessage.objects.select_related("channel", "audience", "author",
                                                   "assured_by", "assured_version")


def latest_version(message: CommunityMessage) -> MessageVersion:
    return message.versions.get(number=message.version_number)


@dataclass(frozen=True)
class Figures:
    recipients: int
    queued: int
    sent: int
    delivered: int
    failed: int
    skipped_unsubscribed: int

    def as_dict(self) -> dict[str, int]:
        return {"recipients": self.recipients, "queued": self.queued, "sent": self.sent,
                "delivered": self.delivered, "failed": self.failed,
                "skipped_unsubscribed": self.skipped_unsubscribed}


FIGURE_COLUMNS = ("recipients", "queued", "sent", "delivered", "failed",
                  "skipped_unsubscribed")
#: What each figure counts (shown on the page and in the API's schema).
FIGURE_WORDS = {
    "recipients": "Addresses in the audience when it was sent (one each, however often "
                  "an address appears).",
    "queued": "Messages handed to the notifications service to send.",
    "sent": "Handed to GOV.UK Notify (or kept in the local outbox) without an error.",
    "delivered": "GOV.UK Notify says arrived in the recipient's inbox.",
    "failed": "Could not be sent, or GOV.UK Notify says did not arrive.",
    "skipped_unsubscribed": "Not sent: the address unsubscribed (non-essential messages "
                            "only).",
}


def figures(message: CommunityMessage) -> Figures:
    """Delivery figures of one message, from its recipients and their notifications."""
    sent_status = (Message.Status.SENT, Message.Status.STORED)
    row = Delivery.objects.filter(message=message).aggregate(
        recipients=Count("id"),
        queued=Count("id", filter=Q(notification__isnull=False)),
        sent=Count("id", filter=Q(notification__status__in=sent_status)),
        delivered=Count("id", filter=Q(notification__delivery_status="delivered")),
        failed=Count("id", filter=Q(notification__status=Message.Status.FAILED)
                     | Q(notification__delivery_status__in=UNDELIVERED)
                     | Q(outcome=Delivery.Outcome.NOT_QUEUED)),
        skipped=Count("id", filter=Q(outcome=Delivery.Outcome.SKIPPED_UNSUBSCRIBED)),
    )
    return Figures(row["recipients"], row["queued"], row["sent"], row["delivered"],
                   row["failed"], row["skipped"])
