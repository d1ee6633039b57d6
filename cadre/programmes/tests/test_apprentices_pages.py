"""Apprentices through their pages: an apprentice's own record and evidence log; one
apprentice's record with the managers' forms (placements, evidence, results with a resit,
workflow steps, a lost race); places, cohorts, industry partners and enrolment; and who may
open each page."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cadre.access.roles import Role
from cadre.programmes import services
from cadre.programmes.models import (
    Apprentice,
    ApprenticeCohort,
    ApprenticePlaces,
    ApprenticeshipStandard,
    EpaAttempt,
    IndustryPartner,
    KsbEvidence,
)

pytestmark = pytest.mark.django_db

STANDARD = {"referenceNumber": "ST0116", "title": "Software developer", "level": 4,
            "version": "1.1", "route": "Digital", "typicalDuration": 24, "maxFunding": 18000,
            "duties": [], "knowledges": [{"id": "K1", "detail": "The development lifecycle"}],
            "skills": [{"id": "S1", "detail": "Write maintainable code"}],
            "behaviours": [{"id": "B1", "detail": "Takes responsibility"}]}
MINE = "/programmes/apprentices/mine/"
PLACES = "/programmes/apprentices/places/"
ENROL = "/programmes/apprentices/enrol/"
COHORT = "/programmes/apprentices/cohorts/new/"
PARTNER = "/programmes/apprentices/partners/new/"


@pytest.fixture
def cohort(db):  # noqa: ANN001, ANN201
    services.import_standards(actor=None, data=json.dumps([STANDARD]))
    return services.create_cohort(actor=None, name="2026 developers",
                                  standard=ApprenticeshipStandard.objects.get(),
                                  starts_on=dt.date(2026, 9, 1), recruiter="Recruiter Ltd")


@pytest.fixture
def apprentice(cohort, people):  # noqa: ANN001, ANN201
    return services.enrol_apprentice(actor=None, person=people.a_staff1, cohort=cohort,
                                     training_provider="Code College")


def _page(apprentice: Apprentice) -> str:
    return f"/programmes/apprentices/{apprentice.pk}/"


def _text(response) -> str:  # noqa: ANN001
    return response.content.decode()


# --- The apprentice's own record ----------------------------------------------------------

def test_an_apprentice_sees_their_record_and_logs_evidence(
        apprentice, people, make_account, web_client) -> None:  # noqa: ANN001
    services.add_placement(actor=None, apprentice=apprentice, host_organisation=people.b_head
                           .organisation, starts_on=dt.date(2026, 9, 1),
                           ends_on=dt.date(2027, 2, 28))
    client = web_client(make_account(person=people.a_staff1))
    page = client.get(MINE)
    text = _text(page)
    assert page.status_code == 200
    for shown in ("Software developer", "2026 developers", "Code College", "In training",
                  "Department B", "No evidence logged yet", "Not taken yet"):
        assert shown in text
    saved = client.post(MINE, {"evidence-ksb": "S1", "evidence-note": "Built the form",
                               "evidence-recorded_on": "2026-10-01"})
    assert saved.status_code == 302
    entry = KsbEvidence.objects.get()
    assert (entry.apprentice, entry.ksb, entry.recorded_on) == (apprentice, "S1",
                                                                dt.date(2026, 10, 1))
    assert "S1: Write maintainable code" in _text(client.get(MINE))


def test_the_evidence_form_names_each_field_it_refuses(
        apprentice, people, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(person=people.a_staff1))
    refused = client.post(MINE, {"evidence-ksb": "K9", "evidence-note": "",
                                 "evidence-recorded_on": "2150-01-01"})
    text = _text(refused)
    assert refused.status_code == 400
    assert "There is a problem" in text and "<title>Error: " in text
    assert "Choose knowledge, skill or behaviour from the list" in text
    assert "Enter evidence" in text
    assert "Date must be today or in the past" in text
    assert not KsbEvidence.objects.exists()


# --- One apprentice, for their managers ---------------------------------------------------

def test_managers_take_an_apprentice_through_assessment_with_a_resit(
        apprentice, central, org_b, make_account, web_client) -> None:  # noqa: ANN001
    team = web_client(central)
    listing = _text(team.get("/programmes/apprentices/"))
    assert f'href="{_page(apprentice)}"' in listing
    page = team.get(_page(apprentice))
    text = _text(page)
    assert page.status_code == 200
    assert "Add a placement" in text and "Move the apprenticeship on" in text
    assert "Record an end-point assessment result" not in text  # not in assessment yet
    assert "---------" not in text
    partner = services.create_industry_partner(actor=None, name="Big Tech plc")
    assert team.post(_page(apprentice), {
        "action": "placement", "placement-industry_partner": partner.pk,
        "placement-starts_on": "2026-09-01", "placement-ends_on": "2027-02-28",
    }).status_code == 302
    assert apprentice.placements.get().industry_partner == partner
    assert team.post(_page(apprentice), {
        "action": "evidence", "evidence-ksb": "K1", "evidence-note": "Sprint review",
        "evidence-recorded_on": "2026-11-01"}).status_code == 302
    assert KsbEvidence.objects.filter(apprentice=apprentice, ksb="K1").exists()
    for step in ("to_gateway", "start_epa"):
        moved = team.post(_page(apprentice), {"action": "step", "step-action": step,
                                              "step-on": "2026-11-01"})
        assert moved.status_code == 302, _text(moved)
    apprentice.refresh_from_db()
    assert apprentice.state == Apprentice.State.EPA
    assert apprentice.gateway_on == dt.date(2026, 11, 1)
    assert "Record an end-point assessment result" in _text(team.get(_page(apprentice)))
    early = team.post(_page(apprentice), {"action": "step", "step-action": "complete"})
    assert early.status_code == 400 and "passing end-point assessment" in _text(early)
    for result, day in (("fail", "2026-11-10"), ("merit", "2026-11-20")):
        assert team.post(_page(apprentice), {"action": "epa", "epa-result": result,
                                             "epa-taken_on": day}).status_code == 302
    assert list(EpaAttempt.objects.values_list("attempt", "result")) == [(1, "fail"),
                                                                        (2, "merit")]
    text = _text(team.get(_page(apprentice)))
    assert "Resit 1" in text and "Merit" in text
    assert "Record an end-point assessment result" not in text  # passed: no more attempts
    done = team.post(_page(apprentice), {"action": "step", "step-action": "complete",
                                         "step-on": "2026-11-21",
                                         "step-went_next": "Junior developer, DA"})
    assert done.status_code == 302
    apprentice.refresh_from_db()
    assert apprentice.state == Apprentice.State.COMPLETED
    assert apprentice.went_next == "Junior developer, DA"
    text = _text(team.get(_page(apprentice)))
    assert "Junior developer, DA" in text and "Move the apprenticeship on" not in text


def test_the_managers_forms_name_the_fields_they_refuse(
        apprentice, central, org_b, web_client) -> None:  # noqa: ANN001
    team = web_client(central)
    partner = services.create_industry_partner(actor=None, name="Big Tech plc")
    neither = team.post(_page(apprentice), {"action": "placement",
                                            "placement-starts_on": "2027-03-01",
                                            "placement-ends_on": "2027-01-01"})
    text = _text(neither)
    assert neither.status_code == 400 and "There is a problem" in text
    assert "Choose a host organisation or an industry partner." in text
    assert 'href="#id_placement-host_organisation"' in text
    assert "End date must be after the start date." in text
    both = team.post(_page(apprentice), {"action": "placement",
                                         "placement-host_organisation": org_b.pk,
                                         "placement-industry_partner": partner.pk,
                                         "placement-starts_on": "2027-03-01",
                                         "placement-ends_on": "2027-08-31"})
    assert both.status_code == 400 and "not both" in _text(both)
    assert not apprentice.placements.exists()
    step = team.post(_page(apprentice), {"action": "step", "step-action": "fly"})
    assert step.status_code == 400 and "Choose next step from the list" in _text(step)
    result = team.post(_page(apprentice), {"action": "epa", "epa-result": "pass",
                                           "epa-taken_on": "2026-11-01"})
    text = _text(result)
    assert result.status_code == 400
    assert "Results are recorded only during the end-point assessment." in text
    assert not EpaAttempt.objects.exists()
    assert team.post(_page(apprentice), {"action": "nonsense"}).status_code == 403


def test_a_lost_race_on_a_step_is_a_clear_message(
        apprentice, central, web_client) -> None:  # noqa: ANN001
    team = web_client(central)
    assert "Ready for assessment" in _text(team.get(_page(apprentice)))
    # Someone else moves the apprentice on between this page being shown and sent.
    services.transition_apprentice(actor=None, apprentice_id=apprentice.pk,
                                   action="to_gateway")
    lost = team.post(_page(apprentice), {"action": "step", "step-action": "to_gateway"})
    text = _text(lost)
    assert lost.status_code == 409
    assert "There is a problem" in text and "<title>Error: " in text
    assert "At gateway" in text and "no longer possible" in text
    assert "Start the end-point assessment" in text  # the form offers what is possible now


# --- Places, cohorts, industry partners and enrolment ---------------------------------------

def test_places_are_set_per_organisation_and_year(
        org_a, org_b, central, make_account, web_client) -> None:  # noqa: ANN001
    team = web_client(central)
    assert f'href="{PLACES}"' in _text(team.get("/programmes/apprentices/"))
    assert team.get(PLACES).status_code == 200
    saved = team.post(PLACES, {"organisation": org_a.pk, "year": 2026, "places": 12})
    assert saved.status_code == 302
    again = team.post(PLACES, {"organisation": org_a.pk, "year": 2026, "places": 15})
    assert again.status_code == 302
    assert list(ApprenticePlaces.objects.values_list("organisation", "year", "places")) == [
        (org_a.pk, 2026, 15)]
    assert "Department A" in _text(team.get(PLACES))
    refused = team.post(PLACES, {"organisation": org_a.pk, "year": 1999, "places": 1001})
    text = _text(refused)
    assert refused.status_code == 400
    assert "Reporting year must be 2000 or more" in text
    assert "Places offered must be 1000 or less" in text
    head = web_client(make_account(Role.HEAD_OF_PROFESSION, organisation=org_a))
    page = _text(head.get(PLACES))
    assert "Department A" in page and "Department B" not in page
    other = head.post(PLACES, {"organisation": org_b.pk, "year": 2026, "places": 3})
    assert other.status_code == 400 and "Choose organisation from the list" in _text(other)
    assert not ApprenticePlaces.objects.filter(organisation=org_b).exists()
    nobody = web_client(make_account(Role.ANALYST))
    assert nobody.get(PLACES).status_code == 403
    assert nobody.post(PLACES, {"organisation": org_a.pk, "year": 2026,
                                "places": 1}).status_code == 403


def test_the_central_team_creates_cohorts_and_industry_partners(
        cohort, org_a, central, make_account, web_client) -> None:  # noqa: ANN001
    team = web_client(central)
    listing = _text(team.get("/programmes/apprentices/"))
    assert f'href="{COHORT}"' in listing and f'href="{PARTNER}"' in listing
    standard = ApprenticeshipStandard.objects.get()
    assert team.get(COHORT).status_code == 200
    made = team.post(COHORT, {"name": "2027 developers", "standard": standard.pk,
                              "starts_on": "2027-09-01", "recruiter": "Recruiter Ltd"})
    assert made.status_code == 302
    assert ApprenticeCohort.objects.get(name="2027 developers").starts_on == dt.date(2027, 9, 1)
    twice = team.post(COHORT, {"name": "2026 DEVELOPERS", "standard": standard.pk,
                               "starts_on": "2027-09-01"})
    assert twice.status_code == 400 and "There is already a cohort" in _text(twice)
    blank = team.post(COHORT, {"name": "", "standard": "", "starts_on_0": "31",
                               "starts_on_1": "2", "starts_on_2": "2027"})
    text = _text(blank)
    assert blank.status_code == 400
    assert "Enter name" in text and "Choose apprenticeship standard" in text
    assert "Start date must be a real date" in text
    assert team.post(PARTNER, {"name": "Big Tech plc"}).status_code == 302
    assert IndustryPartner.objects.filter(name="Big Tech plc").exists()
    empty = team.post(PARTNER, {"name": "x" * 201})
    assert empty.status_code == 400
    assert "Company name must be 200 characters or fewer" in _text(empty)
    head = web_client(make_account(Role.HEAD_OF_PROFESSION, organisation=org_a))
    assert f'href="{COHORT}"' not in _text(head.get("/programmes/apprentices/"))
    for url in (COHORT, PARTNER):
        assert head.get(url).status_code == 403
        assert head.post(url, {"name": "Sneaky"}).status_code == 403
    assert ApprenticeCohort.objects.count() == 2 and IndustryPartner.objects.count() == 1


def test_heads_of_profession_enrol_their_own_people(
        apprentice, cohort, people, org_a, org_b, make_account,
        web_client) -> None:  # noqa: ANN001
    head = web_client(make_account(Role.HEAD_OF_PROFESSION, organisation=org_a))
    page = head.get(ENROL)
    text = _text(page)
    assert page.status_code == 200
    assert "Astafftwo" in text and f"({people.a_staff2.staff_number}, DA)" in text
    assert "Bstaff" not in text  # another organisation's person
    assert "Astaffone" not in text  # already an apprentice
    assert "---------" not in text and "multiple" not in text
    missing = head.post(ENROL, {"cohort": cohort.pk, "training_provider": ""})
    text = _text(missing)
    assert missing.status_code == 400
    assert "Choose who starts the apprenticeship" in text and "Enter training provider" in text
    outside = head.post(ENROL, {"person": people.b_staff.pk, "cohort": cohort.pk,
                                "training_provider": "Code College"})
    assert outside.status_code == 400 and "Choose apprentice from the list" in _text(outside)
    started = head.post(ENROL, {"person": people.a_staff2.pk, "cohort": cohort.pk,
                                "training_provider": "Code College",
                                "started_on": "2026-09-15"})
    new = Apprentice.objects.get(person=people.a_staff2)
    assert started.status_code == 302 and started["Location"] == _page(new)
    assert (new.employer, new.started_on) == (org_a, dt.date(2026, 9, 15))
    nobody = web_client(make_account(person=people.a_other))
    assert nobody.get(ENROL).status_code == 403
    assert nobody.post(ENROL, {"person": people.a_other.pk, "cohort": cohort.pk,
                               "training_provider": "X"}).status_code == 403
    assert not Apprentice.objects.filter(person=people.a_other).exists()


def test_the_central_team_narrows_the_people_to_one_organisation(
        cohort, people, org_b, central, web_client) -> None:  # noqa: ANN001
    team = web_client(central)
    everyone = _text(team.get(ENROL))
    assert "Astaffone" in everyone and "Bstaff" in everyone
    narrowed = _text(team.get(f"{ENROL}?organisation={org_b.pk}"))
    assert "Bstaff" in narrowed and "Astaffone" not in narrowed
    assert f'action="?organisation={org_b.pk}"' in narrowed
    started = team.post(f"{ENROL}?organisation={org_b.pk}", {
        "person": people.b_staff.pk, "cohort": cohort.pk, "training_provider": "Code College"})
    assert started.status_code == 302
    assert Apprentice.objects.get(person=people.b_staff).started_on == dt.date(2026, 9, 1)
