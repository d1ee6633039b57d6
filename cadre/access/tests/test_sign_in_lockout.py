"""Emails are one spelling per account; lockout counts per normalised email and per IP."""

from __future__ import annotations

import importlib
import itertools

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import IntegrityError, transaction

from cadre.access.emails import normalise_email
from cadre.access.models import User
from cadre.access.services import get_or_create_account
from cadre.audit.models import AuditEvent
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"
EMAIL = "central@cadre.example"

pytestmark = pytest.mark.django_db


def _sign_in(client, username: str, password: str, ip: str = "10.0.0.1"):  # noqa: ANN001, ANN202
    return client.post("/sign-in/", {"username": username, "password": password},
                       REMOTE_ADDR=ip)


def _case_variants(email: str, count: int) -> list[str]:
    """``count`` distinct spellings of ``email`` differing only in letter case."""
    letters = [i for i, ch in enumerate(email) if ch.isalpha()]
    variants = []
    for flips in itertools.product([False, True], repeat=len(letters)):
        chars = list(email)
        for i, flip in zip(letters, flips, strict=True):
            if flip:
                chars[i] = chars[i].upper()
        variants.append("".join(chars))
        if len(variants) == count:
            return variants
    raise AssertionError("not enough variants")


# -- stored normalised ---------------------------------------------------------------------


def test_normalise_email_trims_and_case_folds() -> None:
    assert normalise_email("  Central@CADRE.example\t") == EMAIL
    assert normalise_email("STRASSE@x.example") == normalise_email("straße@X.example")
    assert normalise_email(None) == ""


def test_every_way_of_creating_an_account_stores_the_normalised_email() -> None:
    assert User.objects.create_user(" Central@Cadre.Example ", PASSWORD).email == EMAIL
    user, created = get_or_create_account(email="CENTRAL@cadre.example ", actor=None)
    assert not created and user.email == EMAIL
    other = User(email=" Other@Cadre.Example")
    other.save()
    assert other.email == "other@cadre.example"
    call_command("access", "grant", "--email", " OTHER@cadre.example", "--role", "analyst")
    assert User.objects.filter(email__iexact="other@cadre.example").count() == 1


def test_account_form_page_finds_the_existing_account(make_account, web_client) -> None:  # noqa: ANN001
    from cadre.access.roles import Role

    UserFactory(email=EMAIL)
    admin = web_client(make_account(Role.ADMINISTRATOR))
    admin.post("/accounts/new/", {"email": " CENTRAL@Cadre.example", "display_name": ""})
    assert User.objects.filter(email__iexact=EMAIL).count() == 1


def test_database_refuses_a_second_spelling_of_an_email() -> None:
    UserFactory(email=EMAIL)
    other = UserFactory(email="someone@cadre.example")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=other.pk).update(email="CENTRAL@cadre.example")


def test_migration_normalises_emails_and_refuses_clashes_with_a_report() -> None:
    migration = importlib.import_module(
        "cadre.access.migrations.0003_email_case_insensitive_unique")
    first = UserFactory(email=EMAIL)
    mixed = UserFactory(email="mixed@cadre.example")
    User.objects.filter(pk=mixed.pk).update(email="Mixed@Cadre.Example")
    migration.normalise_emails(apps, None)
    assert User.objects.get(pk=mixed.pk).email == "mixed@cadre.example"

    clash = UserFactory(email="clash@cadre.example")
    User.objects.filter(pk=clash.pk).update(email=" central@cadre.example")
    with pytest.raises(RuntimeError) as error:
        migration.normalise_emails(apps, None)
    report = str(error.value)
    assert f"account {first.pk} ('central@cadre.example')" in report
    assert f"account {clash.pk} (' central@cadre.example')" in report
    assert "Nothing was changed" in report
    assert User.objects.get(pk=clash.pk).email == " central@cadre.example"


# -- sign-in and lockout -------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["CENTRAL@cadre.example", " central@cadre.example",
                                      "Central@Cadre.Example "])
def test_any_spelling_signs_in(client, spelling: str) -> None:  # noqa: ANN001
    UserFactory(email=EMAIL)
    assert _sign_in(client, spelling, PASSWORD).status_code == 302


@pytest.mark.parametrize("spelling", ["CENTRAL@cadre.example", " central@cadre.example"])
def test_lockout_on_one_spelling_holds_for_every_spelling(client, settings, spelling) -> None:  # noqa: ANN001
    UserFactory(email=EMAIL)
    for n in range(settings.AXES_FAILURE_LIMIT):
        failed = _sign_in(client, EMAIL, "wrong")
        # the failure that reaches the limit already answers with the lockout page
        assert failed.status_code == (429 if n == settings.AXES_FAILURE_LIMIT - 1 else 200)
    response = _sign_in(client, spelling, PASSWORD)
    assert response.status_code == 429
    assert b"Too many failed sign-in attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_failures_spread_over_spellings_and_addresses_lock_the_account(client, settings) -> None:  # noqa: ANN001
    """12 letter-case variants, 4 wrong guesses each, each variant from its own IP."""
    UserFactory(email=EMAIL)
    variants = _case_variants(EMAIL, 12)
    assert len(set(variants)) == 12
    for n, variant in enumerate(variants):
        for _ in range(4):
            _sign_in(client, variant, "wrong", ip=f"10.1.0.{n + 1}")
    for variant in [EMAIL, *variants[:3], f"  {EMAIL.upper()}  "]:
        response = _sign_in(client, variant, PASSWORD, ip="10.9.9.9")
        assert response.status_code == 429, variant
    assert "_auth_user_id" not in client.session
    failed = AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN_FAILED)
    assert failed.count() >= 48
    assert failed.filter(summary=f"Failed sign-in for {EMAIL}").count() >= 48


def test_right_password_after_lockout_is_refused_and_failures_stay_audited(
    client, settings,  # noqa: ANN001
) -> None:
    UserFactory(email=EMAIL)
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        _sign_in(client, EMAIL.upper(), "wrong")
    assert _sign_in(client, EMAIL, PASSWORD).status_code == 429
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN).exists()
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.SIGN_IN_FAILED, ip_address="10.0.0.1",
    ).count() >= settings.AXES_FAILURE_LIMIT + 2


def test_password_spray_from_one_ip_is_throttled(client, settings) -> None:  # noqa: ANN001
    limit = settings.CADRE_SIGNIN_IP_FAILURE_LIMIT
    targets = [UserFactory(email=f"person{n}@cadre.example") for n in range(limit + 5)]
    spare = UserFactory(email="untouched@cadre.example")
    for n, user in enumerate(targets[:limit]):  # one guess per account: none reaches its limit
        guess = _sign_in(client, user.email, "Winter2026!", ip="203.0.113.7")
        assert guess.status_code == (429 if n == limit - 1 else 200)
    # The spraying address is now refused, for further guesses and right passwords alike.
    spray = _sign_in(client, targets[limit].email, "Winter2026!", ip="203.0.113.7")
    assert spray.status_code == 429
    assert _sign_in(client, spare.email, PASSWORD, ip="203.0.113.7").status_code == 429
    # Other addresses, and the sprayed accounts themselves, are unaffected.
    assert _sign_in(client, targets[0].email, PASSWORD, ip="198.51.100.2").status_code == 302
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.SIGN_IN_FAILED, ip_address="203.0.113.7").count() >= limit + 2


def test_a_few_failures_from_a_shared_office_address_do_not_lock_it(client, settings) -> None:  # noqa: ANN001
    users = [UserFactory(email=f"colleague{n}@cadre.example") for n in range(3)]
    for user in users:
        for _ in range(2):
            _sign_in(client, user.email, "typo", ip="192.0.2.10")
    assert _sign_in(client, users[0].email, PASSWORD, ip="192.0.2.10").status_code == 302
