"""A round of three submitted applications and a pool of assessors with conflicts.

Organisations A and B come from ``tests/fixtures`` (A: a_head <- a_manager <- a_staff1,
a_staff2; B: b_head <- b_staff); C, D and E are added. Families Software and Data. Scheme
"Alloc profession", level "Practitioner", criteria version 1 asks for Software skills.
Round "Spring" (open) has three submitted applications:

- ``app_a``: a_staff1 (A), supported by a_staff2;
- ``app_b``: b_staff (B), supported by d_two; d_two is also an assessor;
- ``app_c``: c_one (C), supported by a_other.

Assessors (capacity 5 unless said): a_manager and a_head (A; a_staff1's line chain),
b_head (B; b_staff's manager), c_two (C; account ``runner_assessor`` is also central team),
d_one and d_two (D, Software), d_data (D, Data), e_one (E, Software; declared a conflict
with a_staff1) and e_two (E, Software; allocated to an earlier application of b_staff a
year ago). ``runner`` is the central team with no person; ``applicant`` is a_staff1's
account.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from cadre.access.roles import Role
from cadre.accreditation.models import (
    AccreditationRound,
    Allocation,
    Application,
    Assessor,
    CriteriaVersion,
    Criterion,
    CriterionKind,
    DeclaredConflict,
    Scheme,
    SchemeLevel,
)
from cadre.framework.models import Framework, RoleFamily
from cadre.people.models import Person
from tests.factories import OrganisationFactory, PersonFactory


@dataclass
class Pool:
    round: AccreditationRound
    app_a: Application
    app_b: Application
    app_c: Application
    earlier_b: Application
    assessors: dict[str, Assessor]
    software: RoleFamily
    data: RoleFamily
    runner: Any
    runner_assessor: Any
    applicant: Any
    people: dict[str, Person]


def submitted(
    person: Person,
    version: CriteriaVersion,
    round_: AccreditationRound,
    supporter: Person,
    state: str = Application.State.SUBMITTED,
) -> Application:
    now = timezone.now()
    return Application.objects.create(
        person=person,
        level=version.level,
        criteria=version,
        round=round_,
        supporter=supporter,
        supporter_confirmed_at=now,
        state=state,
        submitted_at=now,
    )


@pytest.fixture
def pool(db, people, make_account) -> Pool:  # noqa: ANN001
    framework = Framework.objects.create(name="Alloc framework", version="1")
    software = RoleFamily.objects.create(framework=framework, name="Software")
    data = RoleFamily.objects.create(framework=framework, name="Data")
    org_c = OrganisationFactory(name="Department C", abbreviation="DC")
    org_d = OrganisationFactory(name="Department D", abbreviation="DD")
    org_e = OrganisationFactory(name="Department E", abbreviation="DE")
    extra = {
        name: PersonFactory(
            organisation=org, staff_number=name.upper(), last_name=name.replace("_", "")
        )
        for name, org in (
            ("c_one", org_c),
            ("c_two", org_c),
            ("d_one", org_d),
            ("d_two", org_d),
            ("d_data", org_d),
            ("e_one", org_e),
            ("e_two", org_e),
        )
    }
    everyone = {
        **{
            k: getattr(people, k)
            for k in ("a_head", "a_manager", "a_staff1", "a_staff2", "a_other", "b_head", "b_staff")
        },
        **extra,
    }
    scheme = Scheme.objects.create(name="Alloc profession")
    level = SchemeLevel.objects.create(scheme=scheme, name="Practitioner", ordinal=1)
    version = CriteriaVersion.objects.create(
        level=level, number=1, published_on=dt.date(2026, 1, 1)
    )
    skills = Criterion.objects.create(
        version=version,
        position=1,
        kind=CriterionKind.SKILLS_AT_LEVEL,
        text="Two software skills at level 3",
        count=2,
        min_level=3,
    )
    skills.families.set([software])
    today = timezone.localdate()
    old_round = AccreditationRound.objects.create(
        scheme=scheme,
        name="Last year",
        opens_on=today - dt.timedelta(days=400),
        closes_on=today - dt.timedelta(days=370),
        state=AccreditationRound.State.CLOSED,
    )
    round_ = AccreditationRound.objects.create(
        scheme=scheme, name="Spring", opens_on=today, closes_on=today + dt.timedelta(days=30)
    )
    families = {
        "d_one": [software],
        "d_two": [software],
        "d_data": [data],
        "e_one": [software],
        "e_two": [software],
    }
    assessors = {}
    for name in (
        "a_manager",
        "a_head",
        "b_head",
        "c_two",
        "d_one",
        "d_two",
        "d_data",
        "e_one",
        "e_two",
    ):
        assessor = Assessor.objects.create(person=everyone[name])
        assessor.families.set(families.get(name, []))
        assessors[name] = assessor
    DeclaredConflict.objects.create(
        assessor=assessors["e_one"],
        person=people.a_staff1,
        reason="We co-authored a paper last year.",
    )
    earlier_b = submitted(
        people.b_staff, version, old_round, people.b_head, state=Application.State.NOT_AWARDED
    )
    Allocation.objects.create(application=earlier_b, assessor=assessors["e_two"])
    Allocation.objects.filter(application=earlier_b).update(
        allocated_at=timezone.now() - dt.timedelta(days=365)
    )
    app_a = submitted(people.a_staff1, version, round_, people.a_staff2)
    app_b = submitted(people.b_staff, version, round_, everyone["d_two"])
    app_c = submitted(extra["c_one"], version, round_, people.a_other)
    runner = make_account(Role.CENTRAL_TEAM)
    runner_assessor = make_account(Role.CENTRAL_TEAM, person=extra["c_two"])
    applicant = make_account(person=people.a_staff1)
    return Pool(
        round_,
        app_a,
        app_b,
        app_c,
        earlier_b,
        assessors,
        software,
        data,
        runner,
        runner_assessor,
        applicant,
        everyone,
    )
