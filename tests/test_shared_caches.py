"""Shared caches and the match matrix (ADR 27): queries do not grow with the data, a write
is seen by the next read, and a stale matrix is never used."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadre.assessments.models import CapabilityProfile, SkillAssessment, Source
from cadre.assessments.selectors import coverage_summary
from cadre.core import stamps
from cadre.mobility import selectors as mobility
from cadre.mobility.matrix import match_matrix
from cadre.mobility.models import MobilityPreference
from cadre.mobility.tests.mobility_setup import mob, open_vacancy  # noqa: F401 - fixture
from cadre.people.models import Person
from cadre.workforce import selectors_picture as picture
from cadre.workforce.models import WorkforceRecord

pytestmark = pytest.mark.django_db


def _add_people(data, count: int, start: int) -> None:  # noqa: ANN001
    """``count`` people in organisation B, in bulk (no signals, so the stamps are bumped
    by hand as every bulk write must): role level, assessments, workforce record, opted in."""
    made = Person.objects.bulk_create(
        Person(organisation=data.org_b, staff_number=f"Q{start + i:05d}", first_name="Q",
               last_name=f"{start + i}", grade=data.g7, location=data.leeds)
        for i in range(count))
    CapabilityProfile.objects.bulk_create(
        CapabilityProfile(person=p, current_role_level=data.role_level) for p in made)
    SkillAssessment.objects.bulk_create(
        SkillAssessment(person=p, skill=data.skills[i % 2], level=data.levels[(i % 4)],
                        source=Source.MANAGER, assessed_on=dt.date.today())
        for i, p in enumerate(made))
    WorkforceRecord.objects.bulk_create(
        WorkforceRecord(person=p, in_profession=True, role_level=data.role_level,
                        day_rate=500 if i % 3 == 0 else None) for i, p in enumerate(made))
    MobilityPreference.objects.bulk_create(
        MobilityPreference(person=p, open_to_opportunities=i % 5 != 0)
        for i, p in enumerate(made))
    stamps.bump([data.org_b.pk])


def _queries(client, urls: dict[str, str]) -> dict[str, tuple[int, int]]:  # noqa: ANN001
    """Per URL: queries of the first request with empty caches and no match matrix on disk
    (so the matrix is built in full each time, not updated from the last run's), and of
    the next one."""
    out = {}
    for name, url in urls.items():
        cache.clear()
        shutil.rmtree(settings.CADRE_MATCH_DIR, ignore_errors=True)
        counts = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200, url
            counts.append(len(captured))
        out[name] = tuple(counts)
    return out


def test_query_counts_do_not_grow_with_the_data(mob, web_client):  # noqa: ANN001, F811
    vacancy = open_vacancy(mob)
    client = web_client(mob.central)
    urls = {
        "coverage across government": "/capability/coverage/",
        "coverage of an organisation": f"/capability/organisations/{mob.org_b.pk}/",
        "picture across government": "/workforce/government/",
        "picture API": "/api/v1/workforce/government/picture/",
        "picture of an organisation": f"/workforce/organisation/{mob.org_b.abbreviation}/",
        "matches API": f"/api/v1/mobility/vacancies/{vacancy.pk}/matches/",
        "matches page": f"/talent/vacancies/{vacancy.pk}/matches/",
    }
    _add_people(mob, 30, 0)
    small = _queries(client, urls)
    _add_people(mob, 300, 100)
    large = _queries(client, urls)
    assert small == large


def test_a_write_is_seen_by_the_next_read(mob):  # noqa: ANN001, F811
    _add_people(mob, 10, 0)
    framework = mob.framework
    modelling = next(j for j, (pk, _) in enumerate(coverage_summary(framework).skills)
                     if pk == mob.skills[0].pk)

    def met() -> int:
        _, _, counts = coverage_summary(framework).grouped(None)
        return int(counts[0, modelling])

    before = met()
    assert met() == before  # from the cache now
    unmet = next(p for p in Person.objects.filter(staff_number__startswith="Q")
                 if not SkillAssessment.objects.filter(person=p, skill=mob.skills[0]).exists())
    # Through the ORM (the signal bumps the stamp) ...
    SkillAssessment.objects.create(person=unmet, skill=mob.skills[0], level=mob.levels[3],
                                   source=Source.VALIDATED)
    assert met() == before + 1
    # ... and in bulk, with the stamp bumped as bulk writes must.
    other = next(p for p in Person.objects.filter(staff_number__startswith="Q")
                 if not SkillAssessment.objects.filter(person=p, skill=mob.skills[0]).exists())
    SkillAssessment.objects.bulk_create([SkillAssessment(
        person=other, skill=mob.skills[0], level=mob.levels[3], source=Source.VALIDATED)])
    assert met() == before + 1  # not bumped yet: the cached figure stands
    stamps.bump([other.organisation_id])
    assert met() == before + 2


def test_a_move_refreshes_both_organisations(mob):  # noqa: ANN001, F811
    _add_people(mob, 6, 0)
    b_before = picture.profession(mob.org_b.pk).count.sum()
    a_before = picture.profession(mob.org_a.pk).count.sum()
    moving = Person.objects.filter(staff_number__startswith="Q").first()
    moving.organisation = mob.org_a
    moving.save()
    assert picture.profession(mob.org_b.pk).count.sum() == b_before - 1
    assert picture.profession(mob.org_a.pk).count.sum() == a_before + 1


def test_picture_sees_a_new_record_at_once(mob):  # noqa: ANN001, F811
    _add_people(mob, 6, 0)
    before = picture.profession(None).count.sum()
    person = Person.objects.create(organisation=mob.org_b, staff_number="NEW1",
                                   first_name="N", last_name="Ew")
    assert picture.profession(None).count.sum() == before
    WorkforceRecord.objects.create(person=person, in_profession=True)
    assert picture.profession(None).count.sum() == before + 1


def test_a_stale_match_matrix_is_never_used(mob, settings):  # noqa: ANN001, F811
    _add_people(mob, 8, 0)
    first = match_matrix()
    assert match_matrix().version == first.version  # the same files, mapped again
    person = Person.objects.filter(staff_number__startswith="Q").first()
    row = int((first.people[:, 0] == person.pk).nonzero()[0][0])
    column = int(first.columns([mob.skills[2].pk])[0])
    assert first.held[row, column] == 0
    SkillAssessment.objects.create(person=person, skill=mob.skills[2], level=mob.levels[1],
                                   source=Source.SELF)
    second = match_matrix()
    assert second.version != first.version
    assert second.held[row, column] == 2
    # A preference change is a new version too, and the count of people not opted in
    # follows it.
    vacancy = open_vacancy(mob)
    before = mobility.not_opted_in_count(vacancy)
    pref = MobilityPreference.objects.get(person=person)
    pref.open_to_opportunities = not pref.open_to_opportunities
    pref.save()
    assert match_matrix().version != second.version
    assert mobility.not_opted_in_count(vacancy) >= 0
    assert isinstance(before, int)
    # Only a few versions are kept on disk.
    folders = [p for p in settings.CADRE_MATCH_DIR.iterdir() if p.name.startswith("v-")]
    assert 1 <= len(folders) <= 4


def test_matches_from_the_matrix_equal_matches_from_the_database(mob):  # noqa: ANN001, F811
    """The matrix holds the same levels ``held_levels_matrix`` reads from the database."""
    from cadre.assessments.selectors import held_levels_matrix

    _add_people(mob, 40, 0)
    vacancy = open_vacancy(mob)
    result = mobility.match(vacancy, limit=None)
    skill_ids = [s.skill_id for s in mobility.vacancy_skills(vacancy)]
    _, held = held_levels_matrix(result.person_ids, skill_ids)
    assert (held == result.ranking.held).all()
