"""Issue 13: the pages and endpoints people use make as many queries with 200 people as with
20, for every kind of user, so their cost does not grow with the data (no query per row,
no per-person look-ups in a template). The timings at 50,000 people are in
docs/performance.md; this checks the shape that makes them possible."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadre.access.roles import Role
from cadre.assessments.models import CapabilityProfile, SkillAssessment, Source
from cadre.core import stamps
from cadre.mobility.models import MobilityPreference
from cadre.mobility.tests.mobility_setup import mob, open_vacancy  # noqa: F401 - fixture
from cadre.people.models import Person
from cadre.workforce.models import WorkforceRecord

pytestmark = pytest.mark.django_db

SMALL, LARGE = 20, 200


def _grow(data, upto: int) -> None:  # noqa: ANN001
    """Organisations A and B up to ``upto`` people together, in bulk as an import writes
    them (stamps bumped by hand): in A, every new person reports to a_manager or to one of
    the people before them, so the line manager's chain grows too; each has a grade, a
    location, a role level, two assessments, a workforce record and a preference."""
    start = Person.objects.count()
    new = max(0, upto - start)
    if not new:
        return
    people = data.people
    made: list[Person] = []
    for i in range(new):
        org = data.org_a if i % 3 else data.org_b
        made.append(Person(
            organisation=org, staff_number=f"F{start + i:05d}", first_name=f"Flat{i}",
            last_name=f"Grown{start + i:04d}", email=f"flat{start + i}@example.org",
            job_title="Data engineer", grade=data.g7 if i % 2 else data.g6,
            location=data.leeds if i % 2 else data.london,
            line_manager=people.a_manager if org == data.org_a else people.b_head))
    made = Person.objects.bulk_create(made)
    in_a = [p for p in made if p.organisation_id == data.org_a.pk]
    for k, person in enumerate(in_a[4:], start=4):  # deeper chains below a_manager
        person.line_manager = in_a[k // 4]
    Person.objects.bulk_update(in_a, ["line_manager"])
    CapabilityProfile.objects.bulk_create(
        CapabilityProfile(person=p, current_role_level=data.role_level) for p in made)
    SkillAssessment.objects.bulk_create(
        SkillAssessment(person=p, skill=data.skills[(i + j) % 3], level=data.levels[i % 4],
                        source=Source.MANAGER, assessed_on=dt.date.today())
        for i, p in enumerate(made) for j in range(2))
    WorkforceRecord.objects.bulk_create(
        WorkforceRecord(person=p, in_profession=True, role_level=data.role_level)
        for p in made)
    MobilityPreference.objects.bulk_create(
        MobilityPreference(person=p, open_to_opportunities=i % 4 != 0)
        for i, p in enumerate(made))
    stamps.bump([data.org_a.pk, data.org_b.pk])


def _count(client, url: str) -> tuple[int, int]:  # noqa: ANN001
    """Status and queries of one request after a first one (which fills the shared caches
    and, for a token, writes ``last_used_at`` at most once a minute)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, len(captured)


def _pages(data, vacancy) -> dict[str, tuple[str, list[str]]]:  # noqa: ANN001
    """Per kind of user: (account, the pages and endpoints they use)."""
    p = data.people
    person, manager = p.a_staff1.pk, p.a_manager.pk
    common = ["/", "/people/", "/people/?q=Grown", f"/people/{person}/",
              "/api/v1/people/", "/api/v1/people/?search=Grown", "/api/v1/people/?cursor=",
              f"/api/v1/people/{person}/", "/talent/vacancies/", f"/talent/vacancies/{vacancy}/",
              "/framework/"]
    org_a = data.org_a
    return {
        "central team": ("central", [
            *common, f"/people/{manager}/", "/capability/coverage/",
            f"/capability/organisations/{org_a.pk}/", "/workforce/government/",
            f"/workforce/organisation/{org_a.abbreviation}/",
            "/api/v1/workforce/government/picture/", "/organisations/",
            f"/talent/vacancies/{vacancy}/matches/",
            f"/api/v1/mobility/vacancies/{vacancy}/matches/", "/talent/bench/",
            "/talent/plans/", "/people/statistics/"]),
        "head of profession": ("a_hop", [
            *common, f"/people/{manager}/", f"/capability/organisations/{org_a.pk}/",
            f"/capability/people/{person}/", f"/workforce/organisation/{org_a.abbreviation}/",
            f"/talent/vacancies/{vacancy}/matches/", "/talent/vacancies/manage/",
            "/talent/bench/"]),
        "line manager": ("a_manager_user", [
            "/", "/people/", "/people/?q=Grown", f"/people/{person}/", "/api/v1/people/",
            f"/api/v1/people/{person}/", "/capability/team/",
            f"/capability/people/{person}/", "/talent/vacancies/for-me/"]),
        "professional": ("a_staff_user", [
            "/", f"/people/{person}/", f"/capability/people/{person}/", "/capability/my-data/",
            "/talent/vacancies/", "/talent/vacancies/for-me/", "/talent/mobility/preference/",
            "/framework/"]),
    }


def test_queries_do_not_grow_with_the_people(mob, make_account, web_client,  # noqa: F811
                                             api_client):  # noqa: ANN001
    mob._makers["a_manager_user"] = lambda: make_account(
        Role.PROFESSIONAL, person=mob.people.a_manager)
    vacancy = open_vacancy(mob).pk
    pages = _pages(mob, vacancy)
    clients = {}
    for role, (account, urls) in pages.items():
        user = getattr(mob, account)
        web, api = web_client(user), api_client(user)
        clients[role] = {url: api if url.startswith("/api/") else web for url in urls}
    counts = {}
    for size in (SMALL, LARGE):
        _grow(mob, size)
        counts[size] = {(role, url): _count(client, url) for role, by_url in clients.items()
                        for url, client in by_url.items()}
    failed = {key: status for size in counts for key, (status, _) in counts[size].items()
              if status != 200}
    assert not failed, f"not answered with 200: {failed}"
    grew = {key: (counts[SMALL][key][1], counts[LARGE][key][1]) for key in counts[SMALL]
            if counts[SMALL][key] != counts[LARGE][key]}
    assert not grew, f"queries grew from {SMALL} to {LARGE} people: {grew}"
