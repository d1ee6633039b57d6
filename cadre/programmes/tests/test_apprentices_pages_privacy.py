"""Who may open the apprentices pages: an apprentice sees only their own record and is the
only one offered the link to it; the managers' record, places, enrolment, cohorts and
industry partners refuse the wrong roles and show outsiders no one's name."""

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
    IndustryPartner,
    KsbEvidence,
)
from cadre.programmes.tests.test_apprentices_pages import STANDARD

pytestmark = pytest.mark.django_db

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
                                  starts_on=dt.date(2026, 9, 1))


@pytest.fixture
def apprentice(cohort, people):  # noqa: ANN001, ANN201
    return services.enrol_apprentice(actor=None, person=people.a_staff1, cohort=cohort,
                                     training_provider="Code College")


def _page(apprentice: Apprentice) -> str:
    return f"/programmes/apprentices/{apprentice.pk}/"


def _text(response) -> str:  # noqa: ANN001
    return response.content.decode()


def test_only_apprentices_get_the_link_and_the_page(
        apprentice, people, make_account, web_client) -> None:  # noqa: ANN001
    mine = web_client(make_account(person=people.a_staff1))
    assert f'href="{MINE}"' in _text(mine.get("/talent/"))
    assert f'href="{MINE}"' in _text(mine.get("/"))
    other = web_client(make_account(person=people.a_staff2))
    assert f'href="{MINE}"' not in _text(other.get("/talent/"))
    assert f'href="{MINE}"' not in _text(other.get("/"))
    assert other.get(MINE).status_code == 403
    assert other.post(MINE, {"evidence-ksb": "S1", "evidence-note": "Not mine",
                             "evidence-recorded_on": "2026-10-01"}).status_code == 403
    assert not KsbEvidence.objects.exists()


def test_an_apprentice_sees_only_their_own_record(
        apprentice, cohort, people, make_account, web_client) -> None:  # noqa: ANN001
    services.enrol_apprentice(actor=None, person=people.b_staff, cohort=cohort,
                              training_provider="Other College")
    client = web_client(make_account(person=people.b_staff))
    text = _text(client.get(MINE))
    assert "Other College" in text and "Code College" not in text
    # The managers' page of anyone, themselves included, is not theirs to open.
    assert client.get(_page(apprentice)).status_code == 403
    assert client.post(_page(apprentice), {"action": "evidence", "evidence-ksb": "S1",
                                           "evidence-note": "x",
                                           "evidence-recorded_on": "2026-10-01"}
                       ).status_code == 403
    assert not KsbEvidence.objects.exists()


def test_heads_of_profession_manage_their_own_apprentices_only(
        apprentice, people, org_a, org_b, make_account, web_client) -> None:  # noqa: ANN001
    services.add_placement(actor=None, apprentice=apprentice, host_organisation=org_b,
                           starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2027, 2, 28))
    employer = web_client(make_account(Role.HEAD_OF_PROFESSION, organisation=org_a))
    assert "Add a placement" in _text(employer.get(_page(apprentice)))
    assert employer.post(_page(apprentice), {
        "action": "evidence", "evidence-ksb": "B1", "evidence-note": "Ran stand-up",
        "evidence-recorded_on": "2026-10-01"}).status_code == 302
    host = web_client(make_account(Role.HEAD_OF_PROFESSION, organisation=org_b))
    page = host.get(_page(apprentice))
    assert page.status_code == 200  # the host organisation sees the record
    assert "Add a placement" not in _text(page)
    refused = host.post(_page(apprentice), {"action": "step", "step-action": "withdraw"})
    assert refused.status_code == 403
    apprentice.refresh_from_db()
    assert apprentice.state == Apprentice.State.IN_TRAINING
    analyst = web_client(make_account(Role.ANALYST))
    assert analyst.get(_page(apprentice)).status_code == 403


def test_the_setup_pages_refuse_the_wrong_roles(
        apprentice, cohort, people, org_a, make_account, web_client) -> None:  # noqa: ANN001
    staff = web_client(make_account(person=people.a_staff1))  # an apprentice, no role
    analyst = web_client(make_account(Role.ANALYST))
    head = web_client(make_account(Role.HEAD_OF_PROFESSION, organisation=org_a))
    for client in (staff, analyst):
        for url in (PLACES, ENROL, COHORT, PARTNER, "/programmes/apprentices/"):
            assert client.get(url).status_code == 403, url
        assert client.post(PLACES, {"organisation": org_a.pk, "year": 2026,
                                    "places": 5}).status_code == 403
        assert client.post(ENROL, {"person": people.a_staff2.pk, "cohort": cohort.pk,
                                   "training_provider": "X"}).status_code == 403
    for url in (COHORT, PARTNER):  # the central team's alone
        assert head.get(url).status_code == 403
        assert head.post(url, {"name": "Sneaky"}).status_code == 403
    assert not ApprenticePlaces.objects.exists()
    assert Apprentice.objects.count() == 1
    assert ApprenticeCohort.objects.count() == 1 and not IndustryPartner.objects.exists()
