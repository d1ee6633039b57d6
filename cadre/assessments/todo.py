"""What the home page lists from capability: assessments and plans waiting, own records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from cadre.assessments.models import AssessmentRound, DevelopmentPlan, Objective
from cadre.assessments.selectors import rounds_to_validate
from cadre.core.todo import HomeItem, Step
from cadre.people.selectors import own_person

#: Records named one by one under an item; more than this and only the count shows.
NAMED = 5
#: How often a person is asked to assess themselves.
SELF_ASSESSMENT_EVERY = dt.timedelta(days=365)


def waiting(user: object) -> Sequence[HomeItem]:
    """Rounds to review and plans to agree as line manager; the account's own draft."""
    items = []
    to_validate = rounds_to_validate(user)
    count = to_validate.count()
    if count:
        first = to_validate.first()
        items.append(HomeItem(
            "Agreed assessments to validate", "assessments:round", (first.pk,), count=count,
            hint="Line managers have agreed these; as assessor you confirm the levels.",
            steps=[Step(f"Validate {r.person.full_name}'s assessment against {r.role_level}",
                        "assessments:round", (r.pk,)) for r in to_validate[:NAMED]]))
    items += _learning_needs(user)
    me = own_person(user)
    if me is None:
        return items
    rounds = (AssessmentRound.objects.filter(manager=me, state=AssessmentRound.State.SUBMITTED)
              .select_related("person").order_by("submitted_at", "pk"))
    count = rounds.count()
    items.append(HomeItem(
        "Assessments waiting for your review", "assessments:team", count=count,
        hint="Your reports have sent these for you to agree or send back.",
        steps=[Step(f"Review {r.person.full_name}'s assessment", "assessments:round", (r.pk,))
               for r in rounds[:NAMED]]))
    plans = (DevelopmentPlan.objects.filter(
        person__line_manager=me, state=DevelopmentPlan.State.DRAFT)
        .filter(Exists(Objective.objects.filter(plan=OuterRef("pk"))))
        .select_related("person").order_by("person__last_name", "pk"))
    count = plans.count()
    items.append(HomeItem(
        "Development plans to agree", "assessments:team", count=count,
        hint="Plans with objectives that you have not agreed yet.",
        steps=[Step(f"Agree {p.person.full_name}'s plan", "assessments:plan", (p.person_id,))
               for p in plans[:NAMED]]))
    drafts = AssessmentRound.objects.filter(person=me, state=AssessmentRound.State.DRAFT)
    items.append(HomeItem(
        "Your self-assessment to finish and send", "assessments:mine", count=drafts.count(),
        steps=[Step("Carry on with your self-assessment", "assessments:round", (r.pk,))
               for r in drafts[:1]]))
    since = timezone.now() - SELF_ASSESSMENT_EVERY
    recent = AssessmentRound.objects.filter(person=me).filter(
        Q(state__in=[AssessmentRound.State.DRAFT, AssessmentRound.State.SUBMITTED])
        | Q(completed_at__gte=since))
    if not recent.exists():
        items.append(HomeItem(
            "Your self-assessment to start", "assessments:person", (me.pk,), count=1,
            hint="You have not assessed yourself against your role level in the last year."))
    return items


def own(user: object) -> Sequence[HomeItem]:
    me = own_person(user)
    if me is None:
        return []
    return [HomeItem("Your capability profile and assessments", "assessments:mine"),
            HomeItem("Your development plan", "assessments:plan", (me.pk,))]


def _learning_needs(user: object) -> list[HomeItem]:
    """For learning leads: skills that fewer than half of the people who need them in their
    organisations have at the level, to plan learning for (counts of skills, not people)."""
    from cadre.access.roles import Role
    from cadre.access.scope import scope_for
    from cadre.assessments.coverage import Coverage
    from cadre.assessments.selectors import coverage_summary
    from cadre.framework.selectors import default_framework

    organisations = scope_for(user).organisations_for(Role.LEARNING_LEAD)
    framework = default_framework()
    if not organisations or framework is None:
        return []
    _, needed, met = coverage_summary(framework, sorted(organisations)).grouped(None)
    coverage = Coverage(needed, met)
    short = int(((coverage.needed[0] > 0) & (coverage.met[0] * 2 < coverage.needed[0])).sum())
    return [HomeItem(
        "Skills most people who need them are short of, in your organisations",
        "assessments:coverage", count=short,
        hint="Fewer than half of the people whose role level needs each of these skills have "
             "it at the level: learning to plan. The coverage page shows them across "
             "government.")]
