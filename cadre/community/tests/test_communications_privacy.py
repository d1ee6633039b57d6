# ruff: noqa: F811 - pytest fixtures imported from communications_fixtures are arguments
"""Who may open each communications URL: the central team and administrators
(COMMUNICATIONS) get 200; everyone else signed in 403, signed out the sign-in page (pages)
or 401/403 (API). The unsubscribe page is public, and checks its token (400 otherwise)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.community.services import communications as services
from cadre.community.tests.communications_fixtures import comms, draft  # noqa: F401

pytestmark = pytest.mark.django_db

PAGES = ("community:communications", "community:communications-stakeholders",
         "community:communications-stakeholder-add", "community:communications-channels",
         "community:communications-audiences", "community:communications-audience-add",
         "community:communications-messages", "community:communications-message-add")
API = ("api:community-stakeholder-list", "api:community-channel-list",
       "api:community-audience-list", "api:community-message-list")


def _with_ids(world, message) -> tuple[list[str], list[str]]:  # noqa: ANN001
    pages = [reverse(n) for n in PAGES] + [
        reverse("community:communications-stakeholder-edit", args=[world.union.pk]),
        reverse("community:communications-audience", args=[world.audience.pk]),
        reverse("community:communications-audience-edit", args=[world.audience.pk]),
        reverse("community:communications-message", args=[message.pk]),
        reverse("community:communications-message-edit", args=[message.pk]),
        reverse("community:communications-message-version", args=[message.pk, 1]),
    ]
    api = [reverse(n) for n in API] + [
        reverse("api:community-stakeholder-detail", args=[world.union.pk]),
        reverse("api:community-audience-detail", args=[world.audience.pk]),
        reverse("api:community-message-detail", args=[message.pk]),
        reverse("api:community-message-versions", args=[message.pk]),
        reverse("api:community-message-figures", args=[message.pk]),
    ]
    return pages, api


def test_signed_out_sees_nothing(comms) -> None:  # noqa: ANN001
    message = draft(comms)
    pages, api = _with_ids(comms, message)
    for url in pages:
        response = Client().get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"], url
    action = reverse("community:communications-message-action", args=[message.pk])
    assert Client().post(action, {"action": "submit"}).status_code == 302
    for url in api:
        assert APIClient().get(url).status_code in (401, 403), url
    transition = reverse("api:community-message-transition", args=[message.pk])
    assert APIClient().post(transition, {"action": "submit"}).status_code in (401, 403)


@pytest.mark.parametrize("role", [None, "head_of_profession", "analyst", "learning_lead",
                                  "programme_manager"])
def test_other_accounts_get_403(comms, make_account, web_client, api_client, role) -> None:  # noqa: ANN001
    user = make_account(role, comms.leeds if role in ("head_of_profession",
                                                      "learning_lead") else None,
                        person=comms.others[0])
    message = draft(comms)
    pages, api = _with_ids(comms, message)
    web, rest = web_client(user), api_client(user)
    for url in pages:
        response = web.get(url)
        assert response.status_code == 403, url
        assert comms.in_data_la[0].email.encode() not in response.content
    assert web.post(reverse("community:communications-message-action", args=[message.pk]),
                    {"action": "submit"}).status_code == 403
    for url in api:
        assert rest.get(url).status_code == 403, url
    assert rest.post(reverse("api:community-message-transition", args=[message.pk]),
                     {"action": "submit"}, format="json").status_code == 403
    assert rest.post(reverse("api:community-stakeholder-list"),
                     {"name": "X", "kind": "supplier"}, format="json").status_code == 403
    message.refresh_from_db()
    assert message.state == "draft"


@pytest.mark.parametrize("role", ["central_team", "administrator"])
def test_the_central_team_and_administrators_see_everything(comms, make_account, web_client,
                                                            api_client, role) -> None:  # noqa: ANN001
    user = make_account(role)
    message = draft(comms)
    pages, api = _with_ids(comms, message)
    web, rest = web_client(user), api_client(user)
    for url in pages:
        assert web.get(url).status_code == 200, url
    audience = web.get(reverse("community:communications-audience",
                               args=[comms.audience.pk]))
    assert comms.in_data_la[0].email.encode() in audience.content
    for url in api:
        assert rest.get(url).status_code == 200, url


def test_the_unsubscribe_page_is_public_and_checks_its_token(comms) -> None:  # noqa: ANN001
    token = services.unsubscribe_token(comms.in_data_la[0].email)
    url = reverse("community:communications-unsubscribe", args=[token])
    page = Client().get(url)
    assert page.status_code == 200 and b"Unsubscribe" in page.content
    done = Client().post(url)
    assert done.status_code == 200 and b"You are unsubscribed" in done.content
    bad = Client().get(reverse("community:communications-unsubscribe", args=[token[:-3] + "abc"]))
    assert bad.status_code == 400 and b"does not work" in bad.content
    assert Client().post(reverse("community:communications-unsubscribe",
                                 args=["nonsense"])).status_code == 400
