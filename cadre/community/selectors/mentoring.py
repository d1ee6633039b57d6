"""Reads for mentoring, scoped to the account (issue 18 point 2).

A person sees their own sign-ups and their own matches (with the other party's name). An
organiser sees the sign-ups and matches of the schemes they organise: the central team and
administrators organise every scheme; a programme manager the schemes that name them.
Nobody else sees names.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet

from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.community.models import (
    MentoringCheckIn,
    MentoringMatch,
    MentoringMatchStatus,
    MentoringRole,
    MentoringScheme,
    MentoringSchemeStatus,
    MentoringSignup,
    MentoringSignupStatus,
)
from cadre.community.models.mentoring import LIVE

ORGANISER_ROLES = (Role.PROGRAMME_MANAGER, Role.CENTRAL_TEAM, Role.ADMINISTRATOR)


def person_of(user: Any) -> Any:
    """The account's person record, or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.person
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist: no person record
        return None


def is_organiser(user: Any) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and \
        scope_for(user).has(*ORGANISER_ROLES)


def organises_all(user: Any) -> bool:
    return is_organiser(user) and scope_for(user).government_wide


def all_schemes_with_counts() -> QuerySet[MentoringScheme]:
    """Every scheme with its active mentor and mentee sign-up counts (the command line)."""
    return _with_counts(MentoringScheme.objects.all())


def managed_schemes(user: Any) -> QuerySet[MentoringScheme]:
    """The schemes the account organises (every scheme for the central team)."""
    if not is_organiser(user):
        return MentoringScheme.objects.none()
    schemes = MentoringScheme.objects.all()
    if not organises_all(user):
        schemes = schemes.filter(organisers=user)
    return _with_counts(schemes)


def _with_counts(schemes: QuerySet[MentoringScheme]) -> QuerySet[MentoringScheme]:
    return schemes.annotate(
        mentors=Count("signups", filter=Q(signups__role=MentoringRole.MENTOR,
                                          signups__status=MentoringSignupStatus.ACTIVE),
                      distinct=True),
        mentees=Count("signups", filter=Q(signups__role=MentoringRole.MENTEE,
                                          signups__status=MentoringSignupStatus.ACTIVE),
                      distinct=True),
    ).order_by("-signup_opens", "name")


def may_manage(user: Any, scheme: MentoringScheme) -> bool:
    if not is_organiser(user):
        return False
    return organises_all(user) or scheme.organisers.filter(pk=user.pk).exists()


def visible_schemes(user: Any) -> QuerySet[MentoringScheme]:
    """Schemes a member may read: open ones, and any they signed up to."""
    person = person_of(user)
    found = Q(status=MentoringSchemeStatus.OPEN)
    if person is not None:
        found |= Q(signups__person=person)
    return MentoringScheme.objects.filter(found).distinct().order_by("-signup_opens", "name")


def open_for_signup(scheme: MentoringScheme, today: dt.date) -> bool:
    return (scheme.status == MentoringSchemeStatus.OPEN
            and scheme.signup_opens <= today <= scheme.signup_closes)


def my_signups(user: Any, scheme: MentoringScheme | None = None) -> QuerySet[MentoringSignup]:
    person = person_of(user)
    if person is None:
        return MentoringSignup.objects.none()
    found = MentoringSignup.objects.filter(person=person)
    if scheme is not None:
        found = found.filter(scheme=scheme)
    return found.select_related("scheme").prefetch_related("skills").order_by(
        "-scheme__signup_opens", "role")


def my_matches(user: Any) -> QuerySet[MentoringMatch]:
    person = person_of(user)
    if person is None:
        return MentoringMatch.objects.none()
    return (MentoringMatch.objects
            .filter(Q(mentee__person=person) | Q(mentor__person=person))
            .select_related("scheme", "mentee__person", "mentor__person")
            .order_by("-proposed_at", "-id"))


def visible_matches(user: Any) -> QuerySet[MentoringMatch]:
    """Matches the account is a party to, or in schemes it organises."""
    person = person_of(user)
    found = Q(pk__in=[])
    if person is not None:
        found |= Q(mentee__person=person) | Q(mentor__person=person)
    if is_organiser(user):
        found |= Q(scheme__in=managed_schemes(user).values("pk"))
    return (MentoringMatch.objects.filter(found)
            .select_related("scheme", "mentee__person", "mentor__person"))


def party_role(user: Any, match: MentoringMatch) -> str | None:
    """"mentor", "mentee" or None for the account on a match."""
    person = person_of(user)
    if person is None:
        return None
    if match.mentee.person_id == person.pk:
        return MentoringRole.MENTEE
    if match.mentor.person_id == person.pk:
        return MentoringRole.MENTOR
    return None


def scheme_signups(scheme: MentoringScheme) -> QuerySet[MentoringSignup]:
    return (scheme.signups.select_related("person__grade", "person__location",
                                          "person__organisation")
            .prefetch_related("skills").order_by("role", "person__last_name", "id"))


def scheme_matches(scheme: MentoringScheme) -> QuerySet[MentoringMatch]:
    return (scheme.matches.select_related("mentee__person", "mentor__person")
            .order_by("status", "-proposed_at", "id"))


def check_ins(match: MentoringMatch) -> QuerySet[MentoringCheckIn]:
    return match.check_ins.select_related("author").order_by("-met_on", "-id")


def live_load(scheme: MentoringScheme) -> dict[int, int]:
    """Mentor sign-up id -> places already taken by proposed or active matches."""
    rows = (MentoringMatch.objects.filter(scheme=scheme, status__in=LIVE)
            .values("mentor").annotate(n=Count("id")))
    return {r["mentor"]: r["n"] for r in rows}


def held_mentees(scheme: MentoringScheme) -> set[int]:
    return set(MentoringMatch.objects.filter(scheme=scheme, status__in=LIVE)
               .values_list("mentee", flat=True))


def declined_pairs(scheme: MentoringScheme) -> set[tuple[int, int]]:
    """(mentee person, mentor person) pairs declined in this scheme before."""
    return set(MentoringMatch.objects.filter(scheme=scheme,
                                             status=MentoringMatchStatus.DECLINED)
               .values_list("mentee__person", "mentor__person"))


def has_live_match(signup: MentoringSignup) -> bool:
    field = "mentee" if signup.role == MentoringRole.MENTEE else "mentor"
    return MentoringMatch.objects.filter(**{field: signup}, status__in=LIVE).exists()
