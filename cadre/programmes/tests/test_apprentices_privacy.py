"""Privacy of the apprentices pages and API: the central team sees every organisation,
a head of profession theirs, and an account out of scope gets nothing (403 or 404).

Uses the hand-worked example of ``test_apprentices_target``.
"""

from __future__ import annotations

import pytest

from cadre.access.roles import Role
from cadre.programmes.models import Apprentice
from cadre.programmes.tests.test_apprentices_target import EXPECTED, example  # noqa: F401

pytestmark = pytest.mark.django_db


def test_who_sees_which_organisations(example,  # noqa: F811
                                       make_account, org_a, api_client,  # noqa: ANN001
                                      web_client, people) -> None:  # noqa: ANN001
    central = make_account(Role.CENTRAL_TEAM)
    head_a = make_account(Role.HEAD_OF_PROFESSION, organisation=org_a)
    nobody = make_account()
    analyst = make_account(Role.ANALYST)
    staff = make_account(person=people.a_staff1)
    url = "/api/v1/programmes/apprentices/target/?year=2026"
    got = api_client(central).get(url)
    assert got.status_code == 200
    assert got.json() == EXPECTED
    got = api_client(head_a).get(url)
    assert got.status_code == 200
    assert got.json() == [EXPECTED[0]]
    for account in (nobody, analyst, staff):
        assert api_client(account).get(url).status_code == 403
    assert api_client(central).get("/api/v1/programmes/apprentices/target/?year=x"
                                   ).status_code == 400
    page = web_client(head_a).get("/programmes/apprentices/target/?year=2026")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Department A" in text and "Department B" not in text
    assert web_client(nobody).get("/programmes/apprentices/target/?year=2026"
                                  ).status_code == 403
    bad = web_client(head_a).get("/programmes/apprentices/target/?year=abc")
    assert bad.status_code == 400
    assert "govuk-error-summary" in bad.content.decode()
    listing = web_client(head_a).get("/programmes/apprentices/")
    assert listing.status_code == 200
    names = [a.person.full_name for a in Apprentice.objects.filter(employer=org_a)]
    assert names and all(name in listing.content.decode() for name in names)
    assert "/programmes/apprentices/target/" in listing.content.decode()
    assert web_client(nobody).get("/programmes/apprentices/").status_code == 403
    assert web_client(staff).get("/programmes/apprentices/").status_code == 403


def test_apprentice_records_and_steps_stay_in_scope(example, make_account, org_a, org_b,  # noqa: ANN001, F811
                                                    api_client) -> None:  # noqa: ANN001
    head_a = make_account(Role.HEAD_OF_PROFESSION, organisation=org_a)
    head_b = make_account(Role.HEAD_OF_PROFESSION, organisation=org_b)
    nobody = make_account()
    mine = set(Apprentice.objects.filter(employer=org_a).values_list("pk", flat=True))
    got = api_client(head_a).get("/api/v1/programmes/apprentices/")
    assert got.status_code == 200
    assert {r["id"] for r in got.json()["results"]} == mine
    assert api_client(nobody).get("/api/v1/programmes/apprentices/").status_code == 403
    one = min(mine)
    url = f"/api/v1/programmes/apprentices/{one}/transition/"
    assert api_client(head_b).post(url, {"action": "to_gateway"}, format="json"
                                   ).status_code == 404
    assert api_client(nobody).post(url, {"action": "to_gateway"}, format="json"
                                   ).status_code == 403
    assert api_client(head_a).post(url, {"action": "nonsense"}, format="json"
                                   ).status_code == 400
    done = api_client(head_a).post(url, {"action": "to_gateway"}, format="json")
    assert done.status_code == 200 and done.json()["state"] == "gateway"
    again = api_client(head_a).post(url, {"action": "to_gateway"}, format="json")
    assert again.status_code == 409
    Apprentice.objects.get(pk=one).refresh_from_db()
    assert Apprentice.objects.get(pk=one).state == "gateway"
