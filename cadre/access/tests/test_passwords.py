"""Setting a first password and resetting a forgotten one by email, through Django's own
views and tokens (ADR 23) with the link sent as the ``password_link`` message (the
notifications outbox, ADR 30), and what ``cadre access grant`` tells the administrator."""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from cadre.access.models import User
from cadre.access.services import get_or_create_account
from cadre.audit.models import AuditEvent
from cadre.notifications.models import Message, Preference

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "correct horse battery staple"  # noqa: S105 - test value


def _link(message: Message) -> str:
    found = re.fullmatch(r"https?://[^/\s]+(/password/set/[^\s]+/)",
                         message.personalisation["link"])
    assert found, message.personalisation
    assert message.personalisation["link"] in message.body
    return found.group(1)


def _outbox() -> list[Message]:
    return list(Message.objects.filter(kind="password_link").order_by("created_at", "id"))


def test_a_new_account_sets_its_first_password_by_email(client) -> None:  # noqa: ANN001
    user, _ = get_or_create_account(email="new@example.gov.uk", actor=None)
    assert not user.has_usable_password()
    sign_in = client.get(reverse("access:sign-in")).content.decode()
    assert reverse("access:password-email") in sign_in

    response = client.post(reverse("access:password-email"), {"email": "NEW@example.gov.uk"})
    assert response.status_code == 302
    assert response["Location"] == reverse("access:password-email-sent")
    [message] = _outbox()
    assert message.to == "new@example.gov.uk" and message.recipient == user
    assert message.subject == "Set your Cadre password"
    assert message.personalisation["hours"] == "72"  # PASSWORD_RESET_TIMEOUT, 3 days
    assert mail.outbox == []  # not through Django's email any more

    form = client.get(_link(message), follow=True)
    assert "Choose a password" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD,
                                                    "new_password2": NEW_PASSWORD})
    assert done["Location"] == reverse("access:password-set-done")
    assert User.objects.get(email="new@example.gov.uk").check_password(NEW_PASSWORD)
    signed_in = client.post(reverse("access:sign-in"), {"username": "new@example.gov.uk",
                                                        "password": NEW_PASSWORD})
    assert signed_in.status_code == 302 and signed_in["Location"] == reverse("core:home")


def test_a_used_link_does_not_work_again(client) -> None:  # noqa: ANN001
    User.objects.create_user("old@example.gov.uk", password="an old password 123")
    client.post(reverse("access:password-email"), {"email": "old@example.gov.uk"})
    link = _link(_outbox()[0])
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD,
                                             "new_password2": NEW_PASSWORD})
    again = client.get(link, follow=True).content.decode()
    assert "This link does not work" in again
    assert reverse("access:password-email") in again


def test_unknown_and_inactive_emails_get_the_same_page_and_no_email(client) -> None:  # noqa: ANN001
    User.objects.create_user("gone@example.gov.uk", is_active=False)
    for email in ("nobody@example.gov.uk", "gone@example.gov.uk"):
        response = client.post(reverse("access:password-email"), {"email": email}, follow=True)
        assert "Check your email" in response.content.decode()
    assert _outbox() == [] and mail.outbox == []
    assert not AuditEvent.objects.filter(summary__startswith="Message password_link").exists()


def test_mismatched_passwords_are_an_error_with_the_title_prefix(client) -> None:  # noqa: ANN001
    User.objects.create_user("typo@example.gov.uk")
    client.post(reverse("access:password-email"), {"email": "typo@example.gov.uk"})
    form = client.get(_link(_outbox()[0]), follow=True)
    page = client.post(form.redirect_chain[-1][0], {
        "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"}).content.decode()
    assert "<title>Error: Choose a password" in page
    assert "govuk-error-summary" in page


def test_an_empty_email_is_an_error_not_a_500(client) -> None:  # noqa: ANN001
    page = client.post(reverse("access:password-email"), {"email": ""}).content.decode()
    assert "<title>Error: " in page and "govuk-error-summary" in page


def test_grant_says_how_a_new_account_gets_a_password(db) -> None:  # noqa: ANN001
    out = io.StringIO()
    call_command("access", "grant", "--email", "analyst@example.gov.uk", "--role", "analyst",
                 stdout=out)
    assert "has no password yet" in out.getvalue()
    assert "/password/" in out.getvalue()


def test_the_link_is_sent_even_to_someone_who_chose_never(client, settings) -> None:  # noqa: ANN001
    """``password_link`` is mandatory; the link is on the service's public address."""
    settings.CADRE_SITE_URL = "https://cadre.example.gov.uk"
    user = User.objects.create_user("never@example.gov.uk")
    Preference.objects.create(user=user, kind="password_link", choice=Preference.Choice.NEVER)
    client.post(reverse("access:password-email"), {"email": "never@example.gov.uk"},
                HTTP_HOST="testserver")
    [message] = _outbox()
    assert message.personalisation["link"].startswith(
        "https://cadre.example.gov.uk/password/set/")
    assert AuditEvent.objects.filter(summary="Message password_link queued for "
                                     "never@example.gov.uk").exists()
