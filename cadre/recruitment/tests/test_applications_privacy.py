# ruff: noqa: F811 - pytest fixtures imported from applications_fixtures are named as arguments
"""Who sees applications, per URL name: the hub every one; a head of profession their
organisations' campaigns' (a head of another organisation none: 403 for the campaign's
pages, 404 for an application); a panel member only the applications allocated to them; an
internal candidate only their own; signed out, nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.access.roles import Role
from cadre.core.actor import Actor
from cadre.recruitment.services import applications as services
from cadre.recruitment.tests.applications_fixtures import external, world  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world, make_account):  # noqa: ANN001, ANN201
    world.theirs = external(world)
    world.second = external(world, name="Tom Okafor", email="tom@example.com")
    world.mine = services.apply(actor=Actor.for_user(world.staff), campaign=world.campaign)
    world.member = make_account(Role.PROFESSIONAL, person=world.people.b_head)
    from cadre.recruitment.models import Assignment, PanelMember

    seat = PanelMember.objects.create(campaign=world.campaign, person=world.people.b_head)
    Assignment.objects.create(application=world.theirs, member=seat, stage="sift")
    return world


def _campaign_pages(w) -> dict[str, str]:  # noqa: ANN001
    c = w.campaign.pk
    return {
        "campaign-applications": reverse("recruitment:campaign-applications", args=[c]),
        "application-record": reverse("recruitment:application-record", args=[c]),
        "application-import": reverse("recruitment:application-import", args=[c]),
    }


def _application_pages(w, pk: int) -> dict[str, str]:  # noqa: ANN001
    return {
        "application": reverse("recruitment:application", args=[pk]),
        "application-withdraw": reverse("recruitment:application-withdraw", args=[pk]),
        "recruitment-application": reverse("api:recruitment-application", args=[pk]),
    }


def _names(response) -> set[str]:  # noqa: ANN001
    return {row["candidate_name"] for row in response.json()["results"]}


def test_signed_out_sees_nothing(w) -> None:  # noqa: ANN001
    pages = {**_campaign_pages(w), **_application_pages(w, w.theirs.pk),
             "my-applications": reverse("recruitment:my-applications"),
             "application-apply": reverse("recruitment:application-apply",
                                          args=[w.campaign.pk])}
    for name, url in pages.items():
        if name.startswith("recruitment-"):
            continue
        response = Client().get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"], name
    api = APIClient()
    for url in (reverse("api:recruitment-applications"),
                reverse("api:recruitment-application", args=[w.theirs.pk])):
        assert api.get(url).status_code in (401, 403)
    for url in (reverse("api:recruitment-application-transition", args=[w.theirs.pk]),
                reverse("api:recruitment-campaign-apply", args=[w.campaign.pk]),
                reverse("api:recruitment-applications-import", args=[w.campaign.pk])):
        assert api.post(url, {}, format="json").status_code in (401, 403)


def test_the_hub_and_the_campaigns_head_see_every_application(w, web_client,  # noqa: ANN001
                                                               api_client) -> None:  # noqa: ANN001
    for user in (w.hub, w.hop_a):
        web, api = web_client(user), api_client(user)
        for name, url in _campaign_pages(w).items():
            assert web.get(url).status_code == 200, name
        for application in (w.theirs, w.mine):
            assert web.get(reverse("recruitment:application",
                                   args=[application.pk])).status_code == 200
        assert len(api.get(reverse("api:recruitment-applications")).json()["results"]) == 3


def test_a_head_of_another_organisation_sees_none(w, web_client, api_client) -> None:  # noqa: ANN001
    web, api = web_client(w.hop_b), api_client(w.hop_b)
    for name, url in _campaign_pages(w).items():
        assert web.get(url).status_code == 403, name
    for application in (w.theirs, w.mine):
        for name, url in _application_pages(w, application.pk).items():
            assert (api if name.startswith("recruitment-") else web).get(
                url).status_code == 404, name
        assert api.post(reverse("api:recruitment-application-transition",
                                args=[application.pk]), {"to": "withdrawn"},
                        format="json").status_code == 404
    assert api.get(reverse("api:recruitment-applications")).json()["results"] == []
    assert api.post(reverse("api:recruitment-applications-import", args=[w.campaign.pk]),
                    {}, format="multipart").status_code in (400, 403)
    assert "Priya" not in web.get(reverse("recruitment:my-applications")).content.decode()


def test_a_panel_member_sees_only_the_application_allocated_to_them(  # noqa: ANN001
        w, web_client, api_client) -> None:  # noqa: ANN001
    web, api = web_client(w.member), api_client(w.member)
    assert web.get(reverse("recruitment:application", args=[w.theirs.pk])).status_code == 200
    for application in (w.second, w.mine):
        for name, url in _application_pages(w, application.pk).items():
            if name == "application-withdraw":
                continue
            assert (api if name.startswith("recruitment-") else web).get(
                url).status_code == 404, name
    # withdrawing is for recruiters and candidates: the permission map refuses a member
    for application in (w.theirs, w.second):
        assert web.get(reverse("recruitment:application-withdraw",
                               args=[application.pk])).status_code == 403
    assert _names(api.get(reverse("api:recruitment-applications"))) == {"Priya Raman"}
    for name, url in _campaign_pages(w).items():
        assert web.get(url).status_code == 403, name
    page = web.get(reverse("recruitment:application", args=[w.theirs.pk])).content.decode()
    assert "priya@example.com" not in page  # contact details: the recruiters only


def test_an_internal_candidate_sees_only_their_own(w, web_client, api_client) -> None:  # noqa: ANN001
    web, api = web_client(w.staff), api_client(w.staff)
    assert web.get(reverse("recruitment:application", args=[w.mine.pk])).status_code == 200
    for name, url in _application_pages(w, w.theirs.pk).items():
        assert (api if name.startswith("recruitment-") else web).get(
            url).status_code == 404, name
    for name, url in _campaign_pages(w).items():
        assert web.get(url).status_code == 403, name
    listing = web.get(reverse("recruitment:my-applications")).content.decode()
    assert "Priya" not in listing and w.campaign.title in listing
    assert len(api.get(reverse("api:recruitment-applications")).json()["results"]) == 1
    other = web_client(w.b_staff)
    # a person who has applied nowhere: the permission map refuses the application pages
    assert other.get(reverse("recruitment:application", args=[w.mine.pk])).status_code == 403
    assert api_client(w.b_staff).get(reverse("api:recruitment-application",
                                             args=[w.mine.pk])).status_code == 404
    assert other.get(reverse("recruitment:application-apply",
                             args=[w.campaign.pk])).status_code == 200
    assert api_client(w.b_staff).post(reverse("api:recruitment-campaign-apply",
                                              args=[w.other.pk]), {},
                                      format="json").status_code == 201
