"""Academy pages, API and command line (who sees what: test_academies_privacy.py)."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from cadre.access.roles import Role
from cadre.programmes.models import Candidate, Membership
from cadre.programmes.services import academies as services
from cadre.programmes.tests.academies_fixtures import academy  # noqa: F401

pytestmark = pytest.mark.django_db


def _scored(setup, people):  # noqa: ANN001, ANN202
    cands = [services.nominate(actor=None, round_=setup.round, person=p)
             for p in (people.a_staff1, people.b_staff)]
    services.transition_round(actor=None, round_id=setup.round.pk, action="open_applications")
    for c in cands:
        services.transition_candidate(actor=None, candidate_id=c.pk, action="apply",
                                      statement="Secret statement of " + c.person.staff_number)
    services.transition_round(actor=None, round_id=setup.round.pk, action="open_scoring")
    return cands


def test_round_page_nominates_and_steps(academy, people, org_a, make_account,  # noqa: F811
                                        web_client) -> None:  # noqa: ANN001
    hop_a = make_account(Role.HEAD_OF_PROFESSION, org_a)
    page = web_client(hop_a)
    url = f"/programmes/academies/rounds/{academy.round.pk}/"
    response = page.get(url)
    assert response.status_code == 200
    assert "(A3, DA)" in response.content.decode()
    assert "(B2, DB)" not in response.content.decode()  # not theirs
    bad = page.post(url, {"action": "nominate", "person": people.b_staff.pk})
    assert bad.status_code == 400
    ok = page.post(url, {"action": "nominate", "person": people.a_staff1.pk, "reason": "Ready"})
    assert ok.status_code == 302
    assert page.post(url, {"action": "open_applications"}).status_code == 403
    central = web_client(make_account(Role.CENTRAL_TEAM))
    assert central.post(url, {"action": "open_scoring"}).status_code == 409
    assert central.post(url, {"action": "open_applications"}).status_code == 302


def test_candidate_page_scores_moderates_and_offers(academy, people, make_account,  # noqa: F811
                                                     web_client) -> None:  # noqa: ANN001
    a_cand, _ = _scored(academy, people)
    page = web_client(make_account(Role.CENTRAL_TEAM))
    url = f"/programmes/academies/candidates/{a_cand.pk}/"
    bad = page.post(url, {"action": "scores", f"criterion_{academy.leadership.pk}": "9",
                          f"criterion_{academy.technical.pk}": "1"})
    assert bad.status_code == 400
    assert page.post(url, {"action": "scores", f"criterion_{academy.leadership.pk}": "3",
                           f"criterion_{academy.technical.pk}": "1"}).status_code == 302
    assert page.post(url, {"action": "moderate", "moderation-score": "3.25",
                           "moderation-reason": ""}).status_code == 400
    assert page.post(url, {"action": "moderate", "moderation-score": "3.25",
                           "moderation-reason": "Calibrated"}).status_code == 302
    assert page.post(url, {"action": "score"}).status_code == 302
    assert page.post(url, {"action": "decide", "decision-decision": "offer",
                           "decision-feedback": "Well done"}).status_code == 302
    assert Candidate.objects.get(pk=a_cand.pk).state == Candidate.State.OFFERED
    assert Membership.objects.filter(person=people.a_staff1).exists()
    cadre = page.get(f"/programmes/academies/cadres/{academy.round.cadre.pk}/")
    assert cadre.status_code == 200 and people.a_staff1.full_name in cadre.content.decode()


def test_api_transitions_and_conflict(academy, people, make_account,  # noqa: F811
                                      api_client) -> None:  # noqa: ANN001
    cand = services.nominate(actor=None, round_=academy.round, person=people.a_staff1)
    central = api_client(make_account(Role.CENTRAL_TEAM))
    url = f"/api/v1/programmes/academies/rounds/{academy.round.pk}/transition/"
    assert central.post(url, {"action": "open_applications"}, format="json").status_code == 200
    assert central.post(url, {"action": "open_applications"}, format="json").status_code == 409
    nominee = api_client(make_account(person=people.a_staff1))
    curl = f"/api/v1/programmes/academies/candidates/{cand.pk}/transition/"
    assert nominee.post(curl, {"action": "apply"}, format="json").status_code == 400
    got = nominee.post(curl, {"action": "apply", "statement": "Me"}, format="json")
    assert got.status_code == 200 and got.json()["state"] == "applied"
    assert nominee.post(url, {"action": "open_scoring"}, format="json").status_code == 403
    listing = nominee.get("/api/v1/programmes/academies/").json()
    assert listing[0]["name"] == "IT Academy"


def test_academy_page_shows_prospectus_and_flags(academy, people, make_account,  # noqa: F811
                                                 web_client, settings) -> None:  # noqa: ANN001
    settings.CADRE_ACADEMY_FEEDBACK_MIN_RESPONSES = 1
    provider = services.create_provider(actor=None, name="Weak Ltd")
    services.add_module(actor=None, academy=academy.academy, title="Leading teams",
                        provider=provider)
    cadre = academy.round.cadre
    Membership.objects.create(cadre=cadre, person=people.a_staff1, starts_on=cadre.starts_on,
                              ends_on=cadre.ends_on)
    i = services.add_intervention(actor=None, cadre=cadre, provider=provider, kind="session",
                                  title="Dull session", held_on=dt.date(2026, 10, 1), cost=10)
    services.record_attendance(actor=None, intervention=i, person=people.a_staff1)
    member = web_client(make_account(person=people.a_staff1))
    assert member.post(f"/programmes/academies/cadres/{cadre.pk}/",
                       {"intervention": i.pk, "score": "2", "comment": "meh"}
                       ).status_code == 302
    html = member.get(f"/programmes/academies/{academy.academy.pk}/").content.decode()
    assert "Leading teams" in html and "Weak Ltd" in html and "Below threshold" in html


def test_command_lists_rounds_and_decisions(academy, people,  # noqa: F811
                                            keep_connection_open) -> None:  # noqa: ANN001
    _scored(academy, people)
    out = StringIO()
    call_command("programmes_academies", "rounds", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())[0]["round"] == "2026 cadre"
    out = StringIO()
    call_command("programmes_academies", "decisions", "--round", str(academy.round.pk),
                 "--format", "csv", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "staff_number,organisation,state,score,moderated,feedback"
    assert len(lines) == 3
