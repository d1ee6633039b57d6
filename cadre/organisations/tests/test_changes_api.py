"""API: /api/v1/organisations/{id}/former-names/ and /changes/."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.access.roles import Role
from cadre.organisations.models import OrganisationChange, OrganisationName
from cadre.organisations.tests.changes_fixtures import change, former

pytestmark = pytest.mark.django_db


def test_list_and_add_former_names(org_a, make_account, api_client) -> None:  # noqa: ANN001
    former(org_a, "Department of Old A", "DOA")
    url = reverse("api:organisation-former-names", args=[org_a.pk])
    assert url == f"/api/v1/organisations/{org_a.pk}/former-names/"
    reader = api_client(make_account(Role.ANALYST))
    assert reader.get(url).json() == [{
        "id": OrganisationName.objects.get().pk, "organisation": "DA",
        "name": "Department of Old A", "abbreviation": "DOA", "valid_from": None,
        "valid_to": None}]
    central = api_client(make_account(Role.CENTRAL_TEAM))
    response = central.post(url, {"name": "Older A", "valid_to": "2001-03-31"}, format="json")
    assert response.status_code == 201
    assert response.json()["valid_to"] == "2001-03-31"
    for body, field in [({}, "name"), ({"name": "x" * 201}, "name"),
                        ({"name": "a\x00b"}, "name"),
                        ({"name": "N", "valid_from": "2001-13-01"}, "valid_from"),
                        ({"name": "N", "valid_from": "2002-01-01", "valid_to": "2001-01-01"},
                         "valid_to")]:
        response = central.post(url, body, format="json")
        assert response.status_code == 400, body
        assert field in {e["field"] for e in response.json()["errors"]}, body
    assert OrganisationName.objects.count() == 2


def test_list_and_record_changes(org_a, org_b, make_account, api_client) -> None:  # noqa: ANN001
    change("transfer", org_b, org_a)
    url = reverse("api:organisation-changes", args=[org_a.pk])
    assert url == f"/api/v1/organisations/{org_a.pk}/changes/"
    reader = api_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    body = reader.get(url).json()
    assert body[0]["kind"] == "transfer" and body[0]["predecessor"]["abbreviation"] == "DB"
    admin = api_client(make_account(Role.ADMINISTRATOR))
    response = admin.post(url, {"kind": "merger", "date": "2020-09-02", "successor": "db",
                                "note": "Joined B"}, format="json")
    assert response.status_code == 400  # abbreviations are exact in the API
    response = admin.post(url, {"kind": "merger", "date": "2020-09-02", "successor": "DB",
                                "note": "Joined B"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["successor"] == {"id": org_b.pk, "name": org_b.name,
                                            "abbreviation": "DB"}
    org_a.refresh_from_db()
    assert str(org_a.active_to) == "2020-09-02"
    for bad, field in [({"kind": "abolished", "date": "2020-01-01"}, "kind"),
                       ({"kind": "merger", "date": "2020-01-01"}, "successor"),
                       ({"kind": "closure"}, "date"),
                       ({"kind": "closure", "date": "2020-01-01", "note": "n" * 2001}, "note"),
                       ({"kind": "merger", "date": "2020-09-02", "successor": "DB",
                         "note": "again"}, "kind")]:
        response = admin.post(url, bad, format="json")
        assert response.status_code == 400, bad
        assert field in {e["field"] for e in response.json()["errors"]}, (bad, response.json())
    assert OrganisationChange.objects.count() == 2
