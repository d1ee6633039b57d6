"""Issue 12: "Vacancies that fit me" scores each vacancy for the person as the head of
profession's matching scores them, explains the score, and does not offer a job in another
family that the person fits nothing of; match scores are explained wherever shown."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.assessments.models import CapabilityProfile
from cadre.audit.models import AuditEvent
from cadre.core.tabular import read_ods_values
from cadre.framework.models import Requirement, RoleFamily, RoleLevel, Skill
from cadre.framework.models import Role as FrameworkRole
from cadre.mobility import matching, selectors
from cadre.mobility.fit_words import describe_score, how_scores_work, score_parts
from cadre.mobility.models import Vacancy
from cadre.mobility.tests.mobility_setup import mob, open_vacancy  # noqa: F401

pytestmark = pytest.mark.django_db


def _fire_vacancy(mob):  # noqa: ANN001, ANN202, F811
    """A fire-service watch manager's job, in a family b_staff has nothing to do with."""
    family = RoleFamily.objects.create(framework=mob.framework, name="Fire and rescue")
    role = FrameworkRole.objects.create(framework=mob.framework, family=family,
                                        name="Watch manager")
    level = RoleLevel.objects.create(framework=mob.framework, role=role, name="Watch manager",
                                     order=1, seniority=3)
    skill = Skill.objects.create(framework=mob.framework, name="Incident command")
    Requirement.objects.create(role_level=level, skill=skill, level=mob.levels[2])
    return open_vacancy(mob, title="Watch manager, blue watch", role_level=level), level


def test_fit_is_the_head_of_professions_score_for_the_person(mob) -> None:  # noqa: F811
    vacancy = open_vacancy(mob)
    found = selectors.fits_for(mob.people.b_staff)
    assert [f.vacancy for f in found.fits] == [vacancy]
    mine = found.fits[0]
    theirs = next(r for r in selectors.match(vacancy).rows
                  if r["person"] == mob.people.b_staff)
    assert mine.score == theirs["score"] == 85.0  # 75 for skills + 10 for location
    assert [s["skill"] for s in mine.explanation["met"]] == ["Data modelling"]
    assert [s["skill"] for s in mine.explanation["short"]] == ["Programming"]
    assert mine.explanation["missing"] == []


def test_a_job_in_another_family_that_fits_nothing_is_not_offered(mob) -> None:  # noqa: F811
    data_job = open_vacancy(mob)
    fire_job, fire_level = _fire_vacancy(mob)
    found = selectors.fits_for(mob.people.b_staff)
    assert [f.vacancy for f in found.fits] == [data_job]
    assert found.left_out == 1
    # Once their own role level is in that family, it is listed, with its (low) fit.
    CapabilityProfile.objects.create(person=mob.people.b_staff, current_role_level=fire_level)
    found = selectors.fits_for(mob.people.b_staff)
    assert [f.vacancy for f in found.fits] == [data_job, fire_job]  # best first
    assert found.fits[1].in_family and found.fits[1].explanation["skill_fit"] == 0
    assert found.families == ["Fire and rescue"]
    assert selectors.MIN_FIT_OUTSIDE_FAMILY == 0.5


def test_the_page_shows_the_fit_explained_and_the_rule(mob, web_client) -> None:  # noqa: F811
    open_vacancy(mob)
    _fire_vacancy(mob)
    body = web_client(mob.b_staff_user).get(reverse("mobility:vacancies-for-me")).content
    text = body.decode()
    assert "Senior data engineer" in text and "Watch manager, blue watch" not in text
    assert ("85 = 75 of 100 points for skills (1 skill met, 1 held below the level asked, "
            "0 not held), no points off for grade (same grade), 10 of 10 points for "
            "location.") in text
    assert "Programming (you hold level 1, it asks for 2)" in text
    assert 'id="family-rule"' in text and "at least 50%" in text
    assert "1 other open vacancy fits your preference" in text
    assert "/definitions#match-score" in text


def test_matches_page_and_files_explain_every_score(mob, web_client) -> None:  # noqa: F811
    vacancy = open_vacancy(mob)
    client = web_client(mob.a_hop)
    page = client.get(reverse("mobility:vacancy-matches", args=[vacancy.pk])).content.decode()
    assert "85 = 75 of 100 points for skills" in page and 'id="how-scores-work"' in page
    assert "Department B (<abbr" in page  # the organisation in words
    ods = client.get(reverse("mobility:vacancy-matches-export", args=[vacancy.pk])
                     + "?format=ods")
    assert ods.status_code == 200
    assert 'filename="matches-senior-data-engineer.ods"' in ods["Content-Disposition"]
    grid = read_ods_values(ods.content)
    header, row = grid[0], dict(zip(grid[0], grid[1], strict=False))
    assert "score_explained" in header and row["score"] == 85.0
    assert row["score_explained"].startswith("85 = 75 of 100 points for skills")
    assert row["organisation"] == "Department B" and row["grade"] == "Grade 7"
    event = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).latest("id")
    assert event.data["format"] == "ods"


def test_filled_by_names_people_not_record_numbers(mob, web_client) -> None:  # noqa: F811
    vacancy = open_vacancy(mob)
    client = web_client(mob.a_hop)
    page = client.get(reverse("mobility:vacancy", args=[vacancy.pk])).content.decode()
    assert "person record number" not in page
    staff = mob.people.a_staff1
    assert f'<option value="{staff.pk}">{staff.full_name}, staff number {staff.staff_number}' \
        in page
    client.post(reverse("mobility:vacancy", args=[vacancy.pk]),
                {"action": "fill", "person": staff.pk})
    assert Vacancy.objects.get(pk=vacancy.pk).filled_by == staff
    page = client.get(reverse("mobility:vacancy", args=[vacancy.pk])).content.decode()
    assert f'id="filled-by">{staff.full_name}<' in page


def test_one_met_ten_short_ranks_above_five_met_one_short_five_missing_and_says_why() -> None:
    # Issue 12's succession example, on eleven skills asked for at level 3.
    required = [3] * 11
    near = [3] + [2] * 10                # 1 met, 10 one level short, 0 missing
    mixed = [3] * 5 + [2] + [0] * 5      # 5 met, 1 short, 5 missing
    ranking = matching.rank([near, mixed], required, [True] * 11, [0, 0], [0.0, 0.0])
    assert ranking.order.tolist() == [0, 1]
    names = [f"Skill {k}" for k in range(11)]
    first, second = (matching.explain(ranking, i, names) for i in (0, 1))
    assert (score_parts(first).met, score_parts(first).short, score_parts(first).missing) == (
        1, 10, 0)
    assert (score_parts(second).met, score_parts(second).short,
            score_parts(second).missing) == (5, 1, 5)
    assert describe_score(first, with_grade=False, with_location=False) == (
        "69.7 = 69.7 of 100 points for skills (1 skill met, 10 held below the level asked, "
        "0 not held).")
    assert describe_score(second, with_grade=False, with_location=False).startswith(
        "51.5 = 51.5 of 100 points for skills (5 skills met, 1 held below")
    assert "score higher than someone who meets some skills" in how_scores_work()


def test_a_score_never_reads_minus_zero() -> None:
    """A skill fit that float32 arithmetic leaves at -0.0 reads "0", not "-0"."""
    from cadre.mobility.fit_words import describe_score

    words = describe_score({"skill_fit": -0.0, "grade_gap": 0, "location_fit": 0.0,
                            "met": [], "short": [], "missing": ["a"]})
    assert "-0" not in words and words.startswith("0 = 0 of 100 points for skills")
