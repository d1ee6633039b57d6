"""Sign in through a real OpenID Connect provider on loopback in headless Chromium
(ADR 29): Cadre's sign-in page, the provider's own form, the callback, the home page; and
signing out, which ends the session at the provider too and comes back to Cadre."""

from __future__ import annotations

import pytest

from cadre.access.models import User
from cadre.audit.models import AuditEvent
from cadre.identity.tests.conftest import (  # noqa: F401 - fixtures used by name
    PROVIDER_PASSWORD,
    oidc_provider,
    provider_settings,
)
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_signs_in_through_their_provider(page, live_server, provider_settings,  # noqa: ANN001, F811
                                                  settings) -> None:
    provider_origin = f"http://127.0.0.1:{provider_settings.port}"
    policy = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {
        **policy["DIRECTIVES"], "form-action": ["'self'", provider_origin]}}
    person = PersonFactory(email="alice@dept.example", organisation=OrganisationFactory(),
                           first_name="Alice", last_name="Provider")
    # The provider accepts any port on 127.0.0.1 for its registered loopback callback.
    cadre = live_server.url.replace("localhost", "127.0.0.1")

    page.goto(f"{cadre}/")
    assert "/sign-in/" in page.url
    page.get_by_label("Email address").fill("alice@dept.example")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{provider_origin}/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Test identity provider"
    page.get_by_label("Username").fill("alice@dept.example")
    page.get_by_label("Password").fill(PROVIDER_PASSWORD)
    page.get_by_role("button", name="Sign in to the provider").click()
    page.wait_for_url(f"{cadre}/")
    assert "Sign out" in page.locator("body").inner_text()

    user = User.objects.get(email="alice@dept.example")
    person.refresh_from_db()
    assert person.account_id == user.pk
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN, actor=user,
                                     data__provider="dept").exists()

    # Sign out: through the provider's end-session endpoint and back to Cadre.
    page.goto(f"{provider_origin}/whoami/")
    assert page.locator("body").inner_text().strip() == "alice@dept.example"
    page.goto(f"{cadre}/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{cadre}/signed-out/")
    assert page.get_by_role("heading", level=1).inner_text() == "You have signed out"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_OUT, actor=user,
                                     data__provider="dept").exists()
    page.goto(f"{provider_origin}/whoami/")
    assert page.locator("body").inner_text().strip() == ""
    page.goto(f"{cadre}/")
    assert "/sign-in/" in page.url


def test_a_person_with_no_record_sees_why(page, live_server, provider_settings,  # noqa: ANN001, F811
                                          settings) -> None:
    provider_origin = f"http://127.0.0.1:{provider_settings.port}"
    policy = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {
        **policy["DIRECTIVES"], "form-action": ["'self'", provider_origin]}}
    cadre = live_server.url.replace("localhost", "127.0.0.1")
    page.goto(f"{cadre}/sign-in/")
    page.get_by_label("Email address").fill("nobody@dept.example")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{provider_origin}/**")
    page.get_by_label("Username").fill("nobody@dept.example")
    page.get_by_label("Password").fill(PROVIDER_PASSWORD)
    page.get_by_role("button", name="Sign in to the provider").click()
    page.wait_for_url(f"{cadre}/sign-in/provider/callback/**")
    assert page.get_by_role("heading", level=1).inner_text() == "You could not be signed in"
    assert "does not match anyone in Cadre" in page.locator("#refusal").inner_text()
    assert not User.objects.filter(email="nobody@dept.example").exists()
