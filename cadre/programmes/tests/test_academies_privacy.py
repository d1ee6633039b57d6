"""Privacy of the IT and CIO Academies: signed-out visitors get nothing; candidates'
statements and panel scores reach only the nominee, their organisation's head of
profession and the central team; nobody steps another person's candidacy."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from cadre.access.roles import Role
from cadre.programmes.services import academies as services
from cadre.programmes.tests.academies_fixtures import academy  # noqa: F401
from cadre.programmes.tests.test_academies_channels import _scored

pytestmark = pytest.mark.django_db


def test_signed_out_visitors_get_nothing(academy, client) -> None:  # noqa: ANN001, F811
    cadre = academy.round.cadre
    for url in ("/programmes/academies/", f"/programmes/academies/{academy.academy.pk}/",
                f"/programmes/academies/rounds/{academy.round.pk}/",
                f"/programmes/academies/cadres/{cadre.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"], url
    anonymous = APIClient()
    for url in ("/api/v1/programmes/academies/",
                f"/api/v1/programmes/academies/{academy.academy.pk}/",
                f"/api/v1/programmes/academies/rounds/{academy.round.pk}/"):
        assert anonymous.get(url).status_code in (401, 403), url


def test_privacy_of_candidates_and_scores(academy, people, org_a, org_b,  # noqa: F811
                                         make_account, web_client, api_client) -> None:  # noqa: ANN001
    central = make_account(Role.CENTRAL_TEAM)
    a_cand, b_cand = _scored(academy, people)
    services.record_scores(actor=central, candidate=a_cand,
                           scores={academy.leadership.pk: 3, academy.technical.pk: 2})
    hop_b = make_account(Role.HEAD_OF_PROFESSION, org_b)
    nominee = make_account(person=people.a_staff1)
    stranger = make_account(person=people.a_staff2)
    assert web_client(hop_b).get(f"/programmes/academies/candidates/{a_cand.pk}/"
                                 ).status_code == 404
    # Never nominated: the permission map turns them away before any record is read.
    assert web_client(stranger).get(f"/programmes/academies/candidates/{a_cand.pk}/"
                                    ).status_code == 403
    own = web_client(nominee).get(f"/programmes/academies/candidates/{a_cand.pk}/")
    assert own.status_code == 200 and "Secret statement of A3" in own.content.decode()
    assert 'id="scores"' not in own.content.decode()  # panel scores are the centre's
    full = web_client(central).get(f"/programmes/academies/candidates/{a_cand.pk}/")
    assert 'id="scores"' in full.content.decode()
    data = api_client(hop_b).get(f"/api/v1/programmes/academies/rounds/{academy.round.pk}/"
                                 ).json()
    assert [c["staff_number"] for c in data["candidates"]] == ["B2"]
    data = api_client(stranger).get(f"/api/v1/programmes/academies/rounds/{academy.round.pk}/"
                                    ).json()
    assert data["candidates"] == []



def test_nobody_steps_another_persons_candidacy(academy, people, make_account,  # noqa: F811
                                               api_client, web_client) -> None:  # noqa: ANN001
    candidate = services.nominate(actor=None, round_=academy.round, person=people.a_staff1)
    services.transition_round(actor=None, round_id=academy.round.pk,
                              action="open_applications")
    stranger = make_account(person=people.a_staff2)
    url = f"/api/v1/programmes/academies/candidates/{candidate.pk}/transition/"
    got = api_client(stranger).post(url, {"action": "apply", "statement": "Not mine"},
                                    format="json")
    assert got.status_code in (403, 404)
    page = web_client(stranger).post(f"/programmes/academies/candidates/{candidate.pk}/",
                                     {"action": "apply", "statement": "Not mine"})
    assert page.status_code in (403, 404)
    candidate.refresh_from_db()
    assert candidate.state == "nominated" and not candidate.statement
    assert api_client(stranger).post(
        f"/api/v1/programmes/academies/rounds/{academy.round.pk}/transition/",
        {"action": "open_scoring"}, format="json").status_code == 403
