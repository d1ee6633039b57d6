"""Outsiders get nothing from the notifications pages: the outbox is for administrators,
each account sees and changes only its own choices, and a bounce on a person's record shows
only to whoever manages that record (ADR 30)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from cadre.access.roles import Role
from cadre.notifications.models import AddressProblem, Preference
from cadre.notifications.services import send_message

pytestmark = pytest.mark.django_db

ROUND = {"manager_name": "Ada Manager", "person_name": "Secret Person",
         "role_level": "Developer", "link": "https://cadre.example/r/1/"}


def test_the_outbox_shows_outsiders_nothing(people, org_a, make_account, web_client,  # noqa: ANN001
                                            api_client, django_capture_on_commit_callbacks
                                            ) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message = send_message(kind="round_waiting", to="ada@dept.example",
                               personalisation=ROUND)
    urls = [reverse("notifications:outbox"),
            reverse("notifications:message", args=[message.pk])]
    for account in (make_account(person=people.a_staff1), make_account(Role.ANALYST),
                    make_account(Role.HEAD_OF_PROFESSION, org_a),
                    make_account(Role.CENTRAL_TEAM)):
        for url in urls:
            response = web_client(account).get(url)
            assert response.status_code == 403 and b"Secret Person" not in response.content
        response = api_client(account).get(reverse("api:notification-message-list"))
        assert response.status_code == 403 and b"Secret Person" not in response.content


def test_choices_are_each_accounts_own(make_account, web_client, api_client) -> None:  # noqa: ANN001
    mine, other = make_account(), make_account()
    Preference.objects.create(user=other, kind="round_waiting", choice="never")
    got = api_client(mine).get(reverse("api:notification-preferences")).json()
    assert got["round_waiting"] == "at_once"
    page = web_client(mine).get(reverse("notifications:preferences")).content.decode()
    assert not re.search(r'value="never"\s+checked', page)


def test_signed_out_visitors_are_refused(client) -> None:  # noqa: ANN001
    for url in (reverse("notifications:preferences"), reverse("notifications:outbox")):
        assert client.get(url).status_code in (302, 403)
    assert client.get(reverse("api:notification-preferences")).status_code in (401, 403)


def test_only_people_managers_clear_a_bounce(people, org_b, make_account,  # noqa: ANN001
                                             web_client) -> None:
    person = people.a_staff1
    person.email = "astaff1@dept-a.example"
    person.save(update_fields=["email"])
    AddressProblem.objects.create(email=person.email, reason="bounced")
    url = reverse("people:clear-address-problem", args=[person.pk])
    for account in (make_account(person=person), make_account(person=people.a_manager),
                    make_account(Role.HEAD_OF_PROFESSION, org_b), make_account(Role.ANALYST)):
        assert web_client(account).post(url).status_code in (403, 404)
        page = web_client(account).get(reverse("people:detail", args=[person.pk]))
        assert b"cannot be delivered" not in page.content
    assert AddressProblem.objects.get().cleared_at is None
