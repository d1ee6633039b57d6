"""Former names and changes are reference data every account reads; only the central team
and administrators add them. Outsiders change nothing, and signed-out visitors see nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cadre.access.roles import Role
from cadre.organisations.models import Organisation, OrganisationChange, OrganisationName
from cadre.organisations.tests.changes_fixtures import change, former

pytestmark = pytest.mark.django_db


def test_only_the_central_team_adds_former_names_and_changes(people, org_a, org_b, make_account,
                                                             web_client, api_client) -> None:  # noqa: ANN001
    former(org_a, "Department of Old A", "DOA")
    change("transfer", org_a, org_b)
    pages = [reverse("organisations:former-name-add", args=[org_a.pk]),
             reverse("organisations:change-add", args=[org_a.pk])]
    forms = [{"name": "Sneaky", "abbreviation": ""},
             {"kind": "closure", "date": "2020-01-01", "successor": "", "note": ""}]
    apis = [reverse("api:organisation-former-names", args=[org_a.pk]),
            reverse("api:organisation-changes", args=[org_a.pk])]
    bodies = [{"name": "Sneaky"}, {"kind": "closure", "date": "2020-01-01"}]
    for outsider in (make_account(Role.HEAD_OF_PROFESSION, org_a), make_account(Role.ANALYST),
                     make_account(Role.LEARNING_LEAD, org_a), make_account(person=people.a_head)):
        web, api = web_client(outsider), api_client(outsider)
        for url, data in zip(pages, forms, strict=True):
            assert web.get(url).status_code == 403
            assert web.post(url, data).status_code == 403
        for url, body in zip(apis, bodies, strict=True):
            assert api.post(url, body, format="json").status_code == 403
            assert api.get(url).status_code == 200  # reference data: readable
        assert web.get(reverse("organisations:changes")).status_code == 200
    assert list(OrganisationName.objects.values_list("name", flat=True)) == ["Department of Old A"]
    assert OrganisationChange.objects.count() == 1
    assert Organisation.objects.get(pk=org_a.pk).active_to is None


def test_signed_out_visitors_see_nothing(org_a, client, api_client) -> None:  # noqa: ANN001
    former(org_a, "Department of Old A")
    for url in (reverse("organisations:changes"),
                reverse("organisations:former-name-add", args=[org_a.pk]),
                reverse("organisations:change-add", args=[org_a.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "Old A" not in response.content.decode()
    for url in (reverse("api:organisation-former-names", args=[org_a.pk]),
                reverse("api:organisation-changes", args=[org_a.pk])):
        response = client.get(url)
        assert response.status_code in (401, 403)
        assert "Old A" not in response.content.decode()
        assert client.post(url, {"name": "x"}).status_code in (401, 403)
    assert OrganisationName.objects.count() == 1


def test_unknown_organisations_are_not_found(make_account, web_client, api_client) -> None:  # noqa: ANN001
    central = make_account(Role.CENTRAL_TEAM)
    web, api = web_client(central), api_client(central)
    assert web.get(reverse("organisations:former-name-add", args=[987654])).status_code == 404
    assert web.get(reverse("organisations:change-add", args=[987654])).status_code == 404
    assert api.get(reverse("api:organisation-former-names", args=[987654])).status_code == 404
    assert api.post(reverse("api:organisation-changes", args=[987654]),
                    {"kind": "closure", "date": dt.date(2020, 1, 1).isoformat()},
                    format="json").status_code == 404
