"""Administrators switch local passwords off per organisation: the page (radios, a
confirmation, audited), the accounts page's link to it, and the API (ADR 29)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.identity.models import OrganisationSignIn
from cadre.identity.services import local_passwords_allowed
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_account):  # noqa: ANN001, ANN201
    return make_account(role=Role.ADMINISTRATOR)


@pytest.fixture
def hmx():  # noqa: ANN201
    return OrganisationFactory(name="HM Example", abbreviation="HMX")


def _passwords_off(organisation) -> bool:  # noqa: ANN001
    return OrganisationSignIn.objects.filter(organisation=organisation,
                                             local_passwords=False).exists()


def test_the_accounts_page_links_to_the_list_of_organisations(admin, hmx, web_client):  # noqa: ANN001
    client = web_client(admin)
    accounts = client.get(reverse("access:accounts")).content.decode()
    assert reverse("identity:organisations") in accounts
    OrganisationSignIn.objects.create(organisation=OrganisationFactory(name="Off Office"),
                                      local_passwords=False)
    page = client.get(reverse("identity:organisations"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "<caption" in text and "2 organisations" in text
    assert "HM Example (HMX)" in text and "Allowed" in text and "Switched off" in text
    assert reverse("identity:organisation", args=[hmx.pk]) in text
    assert "Home" in text and reverse("access:accounts") in text  # breadcrumbs
    searched = client.get(reverse("identity:organisations"), {"q": "hmx"}).content.decode()
    assert "1 organisation<" in searched and "Off Office" not in searched


def test_switching_off_asks_for_confirmation_then_applies_and_audits(  # noqa: ANN001
        admin, hmx, web_client):
    person = PersonFactory(organisation=hmx, email="ann@hmx.example")
    person.account = UserFactory(email="ann@hmx.example")
    person.save(update_fields=["account"])
    client = web_client(admin)
    url = reverse("identity:organisation", args=[hmx.pk])

    form = client.get(url).content.decode()
    assert form.count('type="radio"') == 2
    assert re.search(r'value="allowed"\s+checked', form)
    confirm = client.post(url, {"local_passwords": "off"})
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert "Switch off local passwords?" in text
    assert "will not be able to sign in at all" in text  # no provider serves hmx.example
    assert not _passwords_off(hmx)  # nothing changed before confirming

    done = client.post(url, {"local_passwords": "off", "confirmed": "True"})
    assert done.status_code == 302 and done["Location"] == reverse("identity:organisations")
    assert _passwords_off(hmx)
    assert not local_passwords_allowed(person.account)
    event = AuditEvent.objects.get(summary="Local passwords switched off for HMX")
    assert event.actor == admin and event.data == {"organisation": "HMX", "allowed": False}
    listing = client.get(done["Location"]).content.decode()
    assert "Local passwords are now switched off for HM Example." in listing

    # And back on, with the same confirmation.
    assert "Allow local passwords again?" in client.post(
        url, {"local_passwords": "allowed"}).content.decode()
    client.post(url, {"local_passwords": "allowed", "confirmed": "True"})
    assert not _passwords_off(hmx)
    assert AuditEvent.objects.filter(summary="Local passwords allowed for HMX").exists()


def test_no_choice_is_an_error_naming_the_field(admin, hmx, web_client):  # noqa: ANN001
    response = web_client(admin).post(reverse("identity:organisation", args=[hmx.pk]), {})
    assert response.status_code == 400
    text = response.content.decode()
    assert "<title>Error: " in text and "govuk-error-summary" in text
    assert "Select whether local passwords are allowed" in text


def test_choosing_the_current_state_changes_nothing(admin, hmx, web_client):  # noqa: ANN001
    response = web_client(admin).post(reverse("identity:organisation", args=[hmx.pk]),
                                      {"local_passwords": "allowed"}, follow=True)
    assert "Nothing changed" in response.content.decode()
    assert not OrganisationSignIn.objects.exists()
    assert not AuditEvent.objects.filter(summary__startswith="Local passwords").exists()


def test_a_missing_organisation_is_404(admin, web_client):  # noqa: ANN001
    assert web_client(admin).get(reverse("identity:organisation", args=[987654])
                                 ).status_code == 404


def test_the_api_reads_and_switches_local_passwords(admin, hmx, api_client):  # noqa: ANN001
    client = api_client(admin)
    url = reverse("api:identity-organisation-sign-in", args=[hmx.pk])
    read = client.get(url)
    assert read.status_code == 200
    assert read.json() == {"organisation": "HMX", "organisation_name": "HM Example",
                           "local_passwords": True, "changed_at": None}
    version = read["ETag"]

    changed = client.patch(url, {"local_passwords": False}, format="json",
                           HTTP_IF_MATCH=version)
    assert changed.status_code == 200, changed.content
    assert changed.json()["local_passwords"] is False and changed.json()["changed_at"]
    assert changed["ETag"] != version
    assert _passwords_off(hmx)
    assert AuditEvent.objects.filter(summary="Local passwords switched off for HMX",
                                     actor=admin).exists()

    stale = client.patch(url, {"local_passwords": True}, format="json", HTTP_IF_MATCH=version)
    assert stale.status_code == 412 and stale["ETag"] == changed["ETag"]
    assert _passwords_off(hmx)

    bad = client.patch(url, {"local_passwords": "perhaps"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "local_passwords"
    assert client.get(reverse("api:identity-organisation-sign-in", args=[987654])
                      ).status_code == 404
