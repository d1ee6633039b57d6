# ruff: noqa: F811 - fixtures imported from xapi_fixtures are named as arguments
"""Who sees learning records: the endpoint only with a provider's credentials (401 without)
and only that provider's statements; credentials for the supply roles, made and revoked by
the central team; statements for the central team and, about their organisations' people,
learning leads; a person's own records for them alone; a person's plan links for them and
their line manager."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from cadre.access.roles import Role
from cadre.learning.models import ActivityProduct, ProviderCredential
from cadre.learning.tests.xapi_fixtures import (  # noqa: F401
    XapiClient,
    lrs,
    other_lrs,
    statement,
    voiding,
    world,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PAGES = ("learning:xapi-credentials", "learning:xapi-statements", "learning:xapi-my-records")


def _urls(world) -> list[str]:  # noqa: ANN001
    return [*(reverse(name) for name in PAGES),
            reverse("learning:xapi-credential-create", args=[world.provider.pk]),
            reverse("learning:xapi-credential-revoke", args=[world.credential.pk]),
            reverse("learning:xapi-plan-links", args=[world.person.pk])]


def test_the_endpoint_needs_basic_auth(world) -> None:  # noqa: ANN001
    url = reverse("xapi:statements")
    assert url == "/xapi/statements"
    client = XapiClient(None)
    for response in (client.get(), client.post(statement()),
                     client.put("6fa459ea-ee8a-3ca4-894e-db77e160355e", statement())):
        assert response.status_code == 401 and "WWW-Authenticate" in response
    # a signed-in session is not a credential
    session = Client()
    session.force_login(world.user, backend="django.contrib.auth.backends.ModelBackend")
    assert session.get(url, HTTP_X_EXPERIENCE_API_VERSION="1.0.3").status_code == 401
    # about says only the version
    about = Client().get(reverse("xapi:about")).json()
    assert set(about) == {"version", "extensions"}


def test_a_provider_reads_only_its_own_statements(world, lrs, other_lrs) -> None:  # noqa: ANN001
    ident = lrs.post(statement()).json()[0]
    assert other_lrs.get({"statementId": ident}).status_code == 404
    assert other_lrs.get({"voidedStatementId": ident}).status_code == 404
    assert other_lrs.get().json()["statements"] == []
    assert other_lrs.get({"agent": '{"mbox": "mailto:learner@example.org"}'}).json() == {
        "statements": [], "more": ""}
    # its voiding of another provider's statement neither voids nor reveals it
    other_lrs.post(voiding(ident))
    assert lrs.get({"statementId": ident}).status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in(world) -> None:  # noqa: ANN001
    for url in _urls(world):
        response = Client().get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"], url


def test_a_person_sees_only_their_own_records(world, lrs, web_client) -> None:  # noqa: ANN001
    lrs.post(statement())                                        # about world.person
    lrs.post(statement(email="stranger@example.org",
                       activity="https://learning.example/secret-course"))
    mine = web_client(world.user).get(reverse("learning:xapi-my-records"))
    assert mine.status_code == 200
    assert "secure-coding" in mine.content.decode()
    assert "secret-course" not in mine.content.decode()
    theirs = web_client(world.stranger_user).get(reverse("learning:xapi-my-records"))
    assert "secure-coding" not in theirs.content.decode()
    assert "secret-course" in theirs.content.decode()


def test_plan_links_for_the_person_and_their_line_manager_only(world, web_client,
                                                                make_account) -> None:  # noqa: ANN001
    url = reverse("learning:xapi-plan-links", args=[world.person.pk])
    assert web_client(world.user).get(url).status_code == 200
    assert web_client(world.manager_user).get(url).status_code == 200
    stranger = web_client(world.stranger_user)
    assert stranger.get(url).status_code == 404
    post = stranger.post(url, {"activity": world.activity.pk, "product": ""})
    assert post.status_code == 404
    assert ActivityProduct.objects.filter(activity=world.activity).exists()
    central = web_client(make_account(Role.CENTRAL_TEAM))
    assert central.get(url).status_code in (403, 404)


def test_no_supply_role_no_credentials_or_statements(world, web_client) -> None:  # noqa: ANN001
    client = web_client(world.user)
    for name in ("learning:xapi-credentials", "learning:xapi-statements"):
        assert client.get(reverse(name)).status_code == 403
    assert client.get(reverse("learning:xapi-credential-create",
                              args=[world.provider.pk])).status_code == 403
    assert client.post(reverse("learning:xapi-credential-revoke",
                               args=[world.credential.pk])).status_code == 403
    assert ProviderCredential.objects.get(pk=world.credential.pk).revoked_at is None


def test_learning_leads_list_but_do_not_make_credentials(world, web_client,
                                                         make_account) -> None:  # noqa: ANN001
    lead = web_client(make_account(Role.LEARNING_LEAD, organisation=world.person.organisation))
    page = lead.get(reverse("learning:xapi-credentials"))
    assert page.status_code == 200 and world.credential.key in page.content.decode()
    assert world.secret not in page.content.decode()
    assert "Make a credential" not in page.content.decode()
    assert lead.post(reverse("learning:xapi-credential-create", args=[world.provider.pk]),
                     {"label": "Mine"}).status_code == 403
    assert lead.post(reverse("learning:xapi-credential-revoke",
                             args=[world.credential.pk])).status_code == 403
    assert ProviderCredential.objects.count() == 2


def test_learning_leads_see_statements_about_their_organisations_only(
        world, lrs, web_client, make_account) -> None:  # noqa: ANN001
    lrs.post(statement())                                    # about world.person (DX)
    lrs.post(statement(email="outsider@example.org"))        # nobody found
    url = reverse("learning:xapi-statements")
    own = web_client(make_account(Role.LEARNING_LEAD, organisation=world.person.organisation))
    body = own.get(url).content.decode()
    assert world.person.full_name in body and "outsider@example.org" not in body
    other = web_client(make_account(Role.LEARNING_LEAD,
                                    organisation=OrganisationFactory(abbreviation="ZZ")))
    body = other.get(url).content.decode()
    assert world.person.full_name not in body and "outsider@example.org" not in body
    central = web_client(make_account(Role.CENTRAL_TEAM)).get(url).content.decode()
    assert world.person.full_name in central and "outsider@example.org" in central


# -- the API beside the endpoint ----------------------------------------------------------

def test_api_signed_out_gets_nothing(world) -> None:  # noqa: ANN001
    from rest_framework.test import APIClient

    client = APIClient()
    for url in (reverse("api:learning-xapi-records"), reverse("api:learning-xapi-statements"),
                reverse("api:learning-xapi-credentials", args=[world.provider.pk]),
                reverse("api:learning-xapi-activity-product", args=[world.activity.pk])):
        assert client.get(url).status_code in (401, 403), url
    assert client.post(reverse("api:learning-xapi-credential-revoke",
                               args=[world.credential.pk])).status_code in (401, 403)


def test_api_scopes_records_statements_credentials_and_links(world, lrs, api_client,
                                                             make_account) -> None:  # noqa: ANN001
    lrs.post(statement())
    own = api_client(world.user).get(reverse("api:learning-xapi-records")).json()
    assert own["count"] == 1 and own["results"][0]["person"] == world.person.pk
    stranger = api_client(world.stranger_user)
    assert stranger.get(reverse("api:learning-xapi-records")).json()["count"] == 0
    assert stranger.get(reverse("api:learning-xapi-statements")).status_code == 403
    link = reverse("api:learning-xapi-activity-product", args=[world.activity.pk])
    assert stranger.get(link).status_code == 404
    assert stranger.put(link, {"product": None}, format="json").status_code == 404
    assert api_client(world.manager_user).get(link).json()["product"] == world.product.pk
    lead = api_client(make_account(Role.LEARNING_LEAD,
                                   organisation=OrganisationFactory(abbreviation="ZZ")))
    assert lead.get(reverse("api:learning-xapi-statements")).json()["count"] == 0
    creds = reverse("api:learning-xapi-credentials", args=[world.provider.pk])
    listed = lead.get(creds).json()
    assert [c["key"] for c in listed] == [world.credential.key]
    assert "secret" not in listed[0] and "secret_hash" not in listed[0]
    assert lead.post(creds, {"label": "x"}, format="json").status_code == 403
    assert lead.post(reverse("api:learning-xapi-credential-revoke",
                             args=[world.credential.pk])).status_code == 403
    central = api_client(make_account(Role.CENTRAL_TEAM))
    assert central.get(reverse("api:learning-xapi-statements")).json()["count"] == 1
