"""Organisations are reference data every account reads; only the central team changes them."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from cadre.access.roles import Role
from cadre.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_only_the_central_team_changes_organisations(people, org_a, make_account, web_client,
                                                     api_client) -> None:  # noqa: ANN001
    before = set(Organisation.objects.values_list("pk", "name"))
    new = {"name": "Department Z", "abbreviation": "DZ", "type": org_a.type}
    upload = io.BytesIO(b"name,abbreviation,type,parent\nDepartment Z,DZ,,\n")
    upload.name = "organisations.csv"
    for outsider in (make_account(Role.HEAD_OF_PROFESSION, org_a), make_account(Role.ANALYST),
                     make_account(person=people.a_head)):
        web, api = web_client(outsider), api_client(outsider)
        for url in (reverse("organisations:create"), reverse("organisations:import"),
                    reverse("organisations:edit", args=[org_a.pk])):
            assert web.get(url).status_code == 403
        assert web.post(reverse("organisations:create"), new).status_code == 403
        assert web.post(reverse("organisations:edit", args=[org_a.pk]),
                        {**new, "name": "Renamed"}).status_code == 403
        assert web.post(reverse("organisations:import"), {"file": upload}).status_code == 403
        assert web.post(reverse("organisations:import-confirm"),
                        {"token": "x"}).status_code == 403
        assert api.post(reverse("api:organisation-list"), new,
                        format="json").status_code == 403
        assert api.patch(reverse("api:organisation-detail", args=[org_a.pk]),
                         {"name": "Renamed"}, format="json").status_code == 403
    assert set(Organisation.objects.values_list("pk", "name")) == before
