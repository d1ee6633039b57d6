"""Sign-in through a real OpenID Connect provider running on loopback (ADR 29)."""

from __future__ import annotations

import base64
import json
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from django.urls import reverse

from cadre.access.models import User
from cadre.access.roles import Role
from cadre.access.services import grant_role
from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.identity import backends
from cadre.identity.models import ProviderIdentity
from cadre.identity.services import set_local_passwords
from cadre.identity.tests.conftest import (
    callback_path,
    sign_in_at_provider,
    start_sign_in,
)
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(provider_settings):  # noqa: ANN001, ANN201
    return PersonFactory(email="Alice@dept.example", organisation=OrganisationFactory())


def _refusals(reason: str) -> list[AuditEvent]:
    return [e for e in AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN_FAILED)
            if e.data.get("reason") == reason]


def _sign_in(client, email: str, provider_user: str | None = None) -> object:  # noqa: ANN001
    authorize = start_sign_in(client, email)
    callback = sign_in_at_provider(authorize, provider_user or email)
    return client.get(callback_path(callback))


def test_first_sign_in_creates_the_account_and_links_the_person(client, alice):  # noqa: ANN001
    authorize = start_sign_in(client, "alice@dept.example", next_url="/people/")
    query = parse_qs(urlparse(authorize).query)
    assert authorize.startswith(f"http://127.0.0.1:{alice and ''}") or "/o/authorize/" in authorize
    assert query["code_challenge_method"] == ["S256"]
    assert query["code_challenge"][0] and query["nonce"][0] and query["state"][0]
    assert query["login_hint"] == ["alice@dept.example"]
    assert "openid" in query["scope"][0].split()

    callback = sign_in_at_provider(authorize, "alice@dept.example")
    response = client.get(callback_path(callback))

    assert response.status_code == 302
    assert response["Location"] == "/people/"
    user = User.objects.get(email="alice@dept.example")
    alice.refresh_from_db()
    assert alice.account_id == user.pk
    assert not user.has_usable_password()
    assert not user.role_assignments.exists()  # roles only from Cadre's own assignments
    assert ProviderIdentity.objects.get(user=user).provider == "dept"
    home = client.get(reverse("core:home"))
    assert home.status_code == 200
    event = AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN, actor=user).get()
    assert event.data == {"provider": "dept"}
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ACCOUNT_CREATED,
                                     target_id=str(user.pk)).exists()

    client.post(reverse("access:sign-out"))
    signed_out = AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_OUT, actor=user).get()
    assert signed_out.data == {"provider": "dept"}

    # The second sign-in finds the same account through the bound identity.
    assert _sign_in(client, "alice@dept.example").status_code == 302
    assert User.objects.filter(email="alice@dept.example").count() == 1


def test_an_invited_account_without_a_person_signs_in(client, provider_settings):  # noqa: ANN001
    invited = UserFactory(email="admin@dept.example")
    grant_role(user=invited, role=Role.ADMINISTRATOR, actor=None)
    response = _sign_in(client, "admin@dept.example")
    assert response.status_code == 302
    assert ProviderIdentity.objects.filter(user=invited).exists()
    assert client.get(reverse("access:accounts")).status_code == 200


def test_an_email_that_matches_no_person_is_refused(client, provider_settings):  # noqa: ANN001
    response = _sign_in(client, "nobody@dept.example")
    assert response.status_code == 403
    assert b"does not match anyone in Cadre" in response.content
    assert not User.objects.filter(email="nobody@dept.example").exists()
    assert len(_refusals("no_person")) == 1
    assert client.get(reverse("core:home")).status_code == 302  # still signed out


def test_a_tampered_state_is_refused(client, alice):  # noqa: ANN001
    callback = sign_in_at_provider(start_sign_in(client, "alice@dept.example"),
                                   "alice@dept.example")
    parsed = urlparse(callback)
    query = {k: v[0] for k, v in parse_qs(parsed.query).items()}
    query["state"] = query["state"][:-2] + "xx"
    response = client.get(f"{parsed.path}?{urlencode(query)}")
    assert response.status_code == 403
    assert b"did not start in this browser" in response.content
    assert not User.objects.exists()
    assert len(_refusals("state_mismatch")) == 1


def test_a_callback_is_used_once_only(client, alice):  # noqa: ANN001
    callback = sign_in_at_provider(start_sign_in(client, "alice@dept.example"),
                                   "alice@dept.example")
    assert client.get(callback_path(callback)).status_code == 302
    client.post(reverse("access:sign-out"))
    assert client.get(callback_path(callback)).status_code == 403
    assert len(_refusals("state_mismatch")) == 1


def test_a_token_for_another_nonce_is_refused(client, alice):  # noqa: ANN001
    authorize = start_sign_in(client, "alice@dept.example")
    parsed = urlparse(authorize)
    query = {k: v[0] for k, v in parse_qs(parsed.query).items()}
    query["nonce"] = "a-nonce-from-another-sign-in"
    callback = sign_in_at_provider(parsed._replace(query=urlencode(query)).geturl(),
                                   "alice@dept.example")
    response = client.get(callback_path(callback))
    assert response.status_code == 403
    assert b"does not belong to this sign-in" in response.content
    assert not User.objects.exists()
    assert len(_refusals("wrong_nonce")) == 1


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_a_token_with_a_bad_signature_is_refused(client, alice, monkeypatch):  # noqa: ANN001
    """The provider's real token with its email changed: the signature no longer fits."""
    real_get_token = backends.ProviderBackend.get_token

    def forged(self, payload):  # noqa: ANN001, ANN202
        tokens = real_get_token(self, payload)
        header, body, signature = tokens["id_token"].split(".")
        claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        claims["email"] = "alice@dept.example"
        tokens["id_token"] = ".".join([header, _b64(claims), signature])
        return tokens

    monkeypatch.setattr(backends.ProviderBackend, "get_token", forged)
    PersonFactory(email="bob@dept.example")
    response = _sign_in(client, "bob@dept.example")
    assert response.status_code == 403
    assert b"failed its signature check" in response.content
    assert not User.objects.exists()
    assert len(_refusals("bad_signature")) == 1


def test_an_expired_token_is_refused(client, alice, monkeypatch):  # noqa: ANN001
    real_now = backends.now
    monkeypatch.setattr(backends, "now", lambda: real_now() + 3600)
    response = _sign_in(client, "alice@dept.example")
    assert response.status_code == 403
    assert b"has expired" in response.content
    assert not User.objects.exists()
    assert len(_refusals("expired_token")) == 1


def test_an_unverified_email_is_refused(client, provider_settings):  # noqa: ANN001
    PersonFactory(email="carol@dept.example")
    response = _sign_in(client, "carol@dept.example", "unverified.carol@dept.example")
    assert response.status_code == 403
    assert b"not verified your email" in response.content
    assert not User.objects.exists()


def test_entras_domain_verified_claim_stands_for_email_verified(client,  # noqa: ANN001
                                                               provider_settings):
    dave = PersonFactory(email="dave@dept.example")
    response = _sign_in(client, "dave@dept.example", "entra.dave@dept.example")
    assert response.status_code == 302, [e.data for e in AuditEvent.objects.all()]
    dave.refresh_from_db()
    assert dave.account.email == "dave@dept.example"


def test_an_email_outside_the_providers_domains_is_refused(client, alice):  # noqa: ANN001
    PersonFactory(email="mallory@other.example")
    response = _sign_in(client, "alice@dept.example", "mallory@other.example")
    assert response.status_code == 403
    assert not User.objects.exists()
    assert len(_refusals("domain_not_served")) == 1


def test_an_email_without_a_provider_needs_a_password(client, provider_settings):  # noqa: ANN001
    response = client.post(reverse("access:sign-in"),
                           {"username": "someone@elsewhere.example", "password": ""})
    assert response.status_code == 200
    assert b"There is a problem" in response.content


def test_an_unreachable_provider_gives_a_clear_page(client, settings):  # noqa: ANN001
    from cadre.identity.providers import forget_discovery

    settings.CADRE_OIDC_PROVIDERS = {"down": {
        "name": "Down provider", "issuer": "http://127.0.0.1:9/o", "client_id": "x",
        "client_secret": "y", "domains": "down.example"}}
    settings.OIDC_TIMEOUT = 2
    forget_discovery()
    response = client.post(reverse("access:sign-in"),
                           {"username": "a@down.example", "password": ""})
    assert response.status_code == 503
    assert b"cannot reach Down provider" in response.content


def test_local_passwords_switched_off_for_an_organisation(client, alice):  # noqa: ANN001
    from tests.fixtures import PASSWORD

    user = UserFactory(email="alice@dept.example")  # linked to alice by email
    alice.refresh_from_db()
    assert alice.account_id == user.pk
    set_local_passwords(actor=Actor.command_line(), organisation=alice.organisation,
                        allowed=False)
    response = client.post(reverse("access:sign-in"),
                           {"username": "alice@dept.example", "password": PASSWORD})
    assert response.status_code == 200
    assert b"leave the password empty" in response.content
    assert client.get(reverse("core:home")).status_code == 302

    grant_role(user=user, role=Role.ADMINISTRATOR, actor=None)  # break-glass administrator
    response = client.post(reverse("access:sign-in"),
                           {"username": "alice@dept.example", "password": PASSWORD})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN, actor=user,
                                     data__provider="password").exists()


def test_only_administrators_switch_local_passwords(provider_settings):  # noqa: ANN001
    from django.core.exceptions import PermissionDenied

    organisation = OrganisationFactory()
    someone = UserFactory()
    with pytest.raises(PermissionDenied):
        set_local_passwords(actor=someone, organisation=organisation, allowed=False)


def test_the_identity_command_lists_providers_and_switches_passwords(provider_settings):  # noqa: ANN001
    from io import StringIO

    from django.core.management import call_command

    OrganisationFactory(abbreviation="HMX")
    out = StringIO()
    call_command("identity", "providers", "--check", stdout=out)
    assert "dept: Department sign-in" in out.getvalue()
    assert "discovery document read" in out.getvalue()
    out = StringIO()
    call_command("identity", "passwords", "--organisation", "HMX", "--off", stdout=out)
    assert "Local passwords are off for: HMX." in out.getvalue()
    assert AuditEvent.objects.filter(summary="Local passwords switched off for HMX").exists()
