"""Pages: former names and changes on the detail page, adding them, the list of changes."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from cadre.access.roles import Role
from cadre.organisations.models import Organisation, OrganisationChange, OrganisationName

pytestmark = pytest.mark.django_db


@pytest.fixture
def defaults() -> None:
    call_command("load_defaults", stdout=io.StringIO())


def _by(abbreviation: str) -> Organisation:
    return Organisation.objects.get(abbreviation=abbreviation)


def test_detail_shows_former_names_and_linked_changes(defaults, make_account,
                                                      web_client) -> None:  # noqa: ANN001
    web = web_client(make_account(Role.ANALYST))
    page = web.get(reverse("organisations:detail", args=[_by("MHCLG").pk])).content.decode()
    assert "Department for Levelling Up, Housing and Communities" in page
    assert "19 September 2021" in page and "Add a former name" not in page
    beis = _by("BEIS")
    page = web.get(reverse("organisations:detail", args=[beis.pk])).content.decode()
    for abbreviation in ("BIS", "DECC", "DESNZ", "DSIT", "DBT"):
        assert reverse("organisations:detail", args=[_by(abbreviation).pk]) in page
    assert "7 February 2023 (closed)" in page and "Record a change" not in page
    page = web.get(reverse("organisations:changes")).content.decode()
    assert f"{OrganisationChange.objects.count()} changes, oldest first" in page
    assert "No successor" in page
    listing = web.get(reverse("organisations:list"), {"q": "International Development"})
    assert "Closed 2 September 2020" in listing.content.decode()
    assert reverse("organisations:changes") in listing.content.decode()


def test_the_central_team_adds_a_former_name(org_a, make_account, web_client) -> None:  # noqa: ANN001
    web = web_client(make_account(Role.CENTRAL_TEAM))
    detail = reverse("organisations:detail", args=[org_a.pk])
    url = reverse("organisations:former-name-add", args=[org_a.pk])
    assert url in web.get(detail).content.decode()
    form = web.get(url).content.decode()
    assert "valid_from_0" in form and "---------" not in form
    response = web.post(url, {"name": "Department of Old A", "abbreviation": "DOA",
                              "valid_from_0": "1", "valid_from_1": "4", "valid_from_2": "2001",
                              "valid_to_0": "", "valid_to_1": "", "valid_to_2": ""})
    assert response.status_code == 302
    assert OrganisationName.objects.get().valid_from == dt.date(2001, 4, 1)
    assert "Department of Old A" in web.get(detail).content.decode()
    response = web.post(url, {"name": "x" * 201, "valid_from_0": "1", "valid_from_1": "4",
                              "valid_from_2": "2001", "valid_to_0": "1", "valid_to_1": "4",
                              "valid_to_2": "2000"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page and "200 characters or fewer" in page
    response = web.post(url, {"name": "Later", "valid_from_0": "1", "valid_from_1": "4",
                              "valid_from_2": "2001", "valid_to_0": "1", "valid_to_1": "4",
                              "valid_to_2": "2000"})
    assert response.status_code == 400
    assert "cannot stop being used before it started" in response.content.decode()
    assert OrganisationName.objects.count() == 1


def test_the_central_team_records_a_change(org_a, org_b, make_account, web_client) -> None:  # noqa: ANN001
    web = web_client(make_account(Role.ADMINISTRATOR))
    url = reverse("organisations:change-add", args=[org_a.pk])
    assert url in web.get(reverse("organisations:detail", args=[org_a.pk])).content.decode()
    form = web.get(url).content.decode()
    assert 'value="merger"' in form and "---------" not in form
    response = web.post(url, {"kind": "merger", "date_0": "2", "date_1": "9", "date_2": "2020",
                              "successor": "", "note": ""})
    assert response.status_code == 400
    assert "Name the organisation that took over" in response.content.decode()
    response = web.post(url, {"kind": "merger", "date_0": "2", "date_1": "9", "date_2": "2020",
                              "successor": str(org_b.pk), "note": "Joined B"})
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.active_to == dt.date(2020, 9, 2)
    page = web.get(reverse("organisations:detail", args=[org_b.pk])).content.decode()
    assert "Joined B" in page and reverse("organisations:detail", args=[org_a.pk]) in page


def test_a_bad_page_number_is_reported(make_account, web_client) -> None:  # noqa: ANN001
    web = web_client(make_account(Role.ANALYST))
    for bad in ("abc", "\x00", "0"):
        response = web.get(reverse("organisations:changes"), {"page": bad})
        assert response.status_code == 400
        assert "The page number must be a whole number" in response.content.decode()
