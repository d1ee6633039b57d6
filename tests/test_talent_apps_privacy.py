"""Talent pages the area privacy tests do not reach (the hub, appraisal cycles, succession
coverage, proposing a move, removing a bench window, the plans list) refuse outsiders and show
them nothing. That every URL has a privacy test is checked for all apps by
``tests/test_privacy_coverage.py``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cadre.access.roles import Role
from cadre.bench import services as services_bench
from cadre.bench.models import BenchAvailability
from cadre.mobility.models import MoveRequest
from cadre.mobility.tests.mobility_setup import mob  # noqa: F401
from cadre.talent.models import AppraisalCycle
from cadre.talent.tests.identification_data import talent_records  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_hub_needs_a_signed_in_account(client, people, make_account, web_client):
    response = client.get(reverse("talent:home"))
    assert response.status_code == 302 and "sign-in" in response["Location"]
    page = web_client(make_account(person=people.a_staff2)).get(reverse("talent:home"))
    assert page.status_code == 200 and b"Astaffone" not in page.content


def test_appraisal_cycles_only_for_their_organisations_managers(
        talent_records, people, org_a, org_b, make_account, web_client, api_client):  # noqa: F811
    page, api = reverse("talent:cycles"), reverse("api:talent-cycle-list")
    for outsider in (make_account(person=people.a_manager), make_account(Role.ANALYST)):
        assert web_client(outsider).get(page).status_code == 403
        assert api_client(outsider).get(api).status_code == 403
    b_hop = make_account(Role.HEAD_OF_PROFESSION, org_b)
    assert "Year end" not in web_client(b_hop).get(page).content.decode()
    assert api_client(b_hop).get(api).json()["results"] == []
    before = AppraisalCycle.objects.count()
    web_client(b_hop).post(page, {"organisation": org_a.pk, "name": "Theirs",
                                  "opens_on": "2027-01-01", "closes_on": "2027-02-01"})
    response = api_client(b_hop).post(api, {"organisation": org_a.pk, "name": "Theirs",
                                            "opens_on": "2027-01-01",
                                            "closes_on": "2027-02-01"}, format="json")
    assert response.status_code in (400, 403, 404)
    assert AppraisalCycle.objects.count() == before
    a_hop = make_account(Role.HEAD_OF_PROFESSION, org_a)
    assert "Year end" in web_client(a_hop).get(page).content.decode()


def test_succession_coverage_is_aggregate_only(talent_records, people, org_a, org_b,  # noqa: F811
                                               make_account, web_client, api_client):
    page, api = reverse("talent:succession-coverage"), reverse("api:succession-coverage")
    professional = make_account(person=people.a_manager)
    assert web_client(professional).get(page).status_code == 403
    assert api_client(professional).get(api).status_code == 403
    # Organisation B's head of profession: A's single post is a small cell, hidden; no names.
    b_hop = make_account(Role.HEAD_OF_PROFESSION, org_b)
    body = web_client(b_hop).get(page).content.decode()
    assert "Chief architect" not in body and "Astaffone" not in body
    data = api_client(b_hop).get(api).json()
    assert "own" not in data or data["own"]["rows"] == []
    assert all(row["posts"] != 1 for row in data["government"]["rows"])
    # A's own head of profession sees their organisation exactly.
    a_data = api_client(make_account(Role.HEAD_OF_PROFESSION, org_a)).get(api).json()
    assert [(r["posts"], r["ready"]) for r in a_data["own"]["rows"]] == [(1, 1)]


def test_proposing_a_move_needs_a_person_in_reach(mob, web_client):  # noqa: F811
    url = reverse("mobility:move-propose")
    a_staff = mob.people.a_staff1  # in organisation A, not open to opportunities
    assert web_client(mob.analyst).post(url, {"person": a_staff.pk}).status_code == 403
    assert web_client(mob.b_staff_user).post(url, {"person": a_staff.pk}).status_code == 403
    response = web_client(mob.b_hop).post(url, {"person": a_staff.pk,
                                                "receiving": mob.org_b.pk})
    assert response.status_code == 404 and b"Astaffone" not in response.content
    # A receiving organisation the account does not manage is refused too.
    response = web_client(mob.b_hop).post(url, {"person": mob.people.b_staff.pk,
                                                "receiving": mob.org_a.pk})
    assert response.status_code == 404
    assert not MoveRequest.objects.exists()


def test_only_the_specialists_side_removes_a_bench_window(people, org_a, org_b,
                                                          make_account, web_client):
    window = services_bench.add_window(actor=None, person=people.a_staff1,
                                       available_from=dt.date(2027, 1, 1),
                                       available_to=dt.date(2027, 6, 30))
    url = reverse("bench:bench-window-delete", args=[window.pk])
    outsiders = [make_account(person=people.a_staff2), make_account(Role.ANALYST),
                 make_account(Role.HEAD_OF_PROFESSION, org_b),
                 make_account(Role.PROGRAMME_MANAGER)]
    for outsider in outsiders:
        assert web_client(outsider).post(url).status_code in (403, 404)
    assert BenchAvailability.objects.filter(pk=window.pk).exists()
    web_client(make_account(person=people.a_staff1)).post(url)
    assert not BenchAvailability.objects.filter(pk=window.pk).exists()


def test_the_plans_list_is_for_aggregate_roles(people, make_account, web_client):
    url = reverse("planning:plans")
    assert web_client(make_account(person=people.a_manager)).get(url).status_code == 403
    assert web_client(make_account(Role.PROGRAMME_MANAGER)).get(url).status_code == 403
