"""The central team's academy pages (new academy, providers, modules, rounds, criteria,
interventions, attendance): only the central team and administrators open them; heads of
profession, professionals and analysts get 403 on GET and on a valid POST, and nothing is
written."""

# ruff: noqa: F811 - the academy fixture is imported by name

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cadre.access.roles import Role
from cadre.programmes.models import (
    Academy,
    AcademyModule,
    Attendance,
    Criterion,
    Intervention,
    Membership,
    Provider,
    SelectionRound,
)
from cadre.programmes.services import academies as services
from cadre.programmes.tests.academies_fixtures import academy  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(academy, people):  # noqa: ANN001, ANN201
    """(url, valid POST data) for each central page, with a cadre of two members and one
    intervention whose attendance is recorded as absent."""
    provider = services.create_provider(actor=None, name="Learning Ltd")
    cadre = academy.round.cadre
    for p in (people.a_staff1, people.b_staff):
        Membership.objects.create(
            cadre=cadre, person=p, starts_on=cadre.starts_on, ends_on=cadre.ends_on
        )
    welcome = services.add_intervention(
        actor=None,
        cadre=cadre,
        provider=provider,
        kind="session",
        title="Welcome day",
        held_on=dt.date(2026, 9, 15),
    )
    Attendance.objects.create(intervention=welcome, person=people.a_staff1, attended=False)
    a_pk = academy.academy.pk
    return [
        (
            reverse("programmes:academy-create"),
            {"name": "Leaked Academy", "kind": "cio", "cadre_size": "10"},
        ),
        (reverse("programmes:academy-providers"), {"name": "Leaked provider"}),
        (
            reverse("programmes:academy-module-create", args=[a_pk]),
            {"title": "Leaked module", "provider": provider.pk},
        ),
        (
            reverse("programmes:academy-round-create", args=[a_pk]),
            {
                "name": "Leaked round",
                "starts_on_0": "1",
                "starts_on_1": "9",
                "starts_on_2": "2027",
                "capacity": "20",
            },
        ),
        (
            reverse("programmes:academy-criterion-create", args=[academy.round.pk]),
            {"name": "Leaked criterion", "weight": "3"},
        ),
        (
            reverse("programmes:academy-intervention-create", args=[cadre.pk]),
            {
                "title": "Leaked session",
                "kind": "session",
                "provider": provider.pk,
                "held_on_0": "1",
                "held_on_1": "10",
                "held_on_2": "2026",
                "cost": "10",
            },
        ),
        (
            reverse("programmes:academy-attendance", args=[cadre.pk]),
            {
                f"i{welcome.pk}_p{people.a_staff1.pk}": "yes",
                f"i{welcome.pk}_p{people.b_staff.pk}": "yes",
            },
        ),
    ]


def _state() -> dict:
    """Everything the pages could write."""
    return {
        "academies": sorted(Academy.objects.values_list("name", flat=True)),
        "providers": sorted(Provider.objects.values_list("name", flat=True)),
        "modules": sorted(AcademyModule.objects.values_list("title", flat=True)),
        "rounds": sorted(SelectionRound.objects.values_list("name", flat=True)),
        "criteria": sorted(Criterion.objects.values_list("name", flat=True)),
        "interventions": sorted(Intervention.objects.values_list("title", flat=True)),
        "attendance": sorted(
            Attendance.objects.values_list("intervention_id", "person_id", "attended")
        ),
    }


@pytest.mark.parametrize(
    "role",
    [
        Role.HEAD_OF_PROFESSION,
        Role.PROFESSIONAL,
        Role.ANALYST,
        Role.LEARNING_LEAD,
        Role.PROGRAMME_MANAGER,
        None,
    ],
)
def test_others_get_403_and_write_nothing(
    cases, role, make_account, web_client, people, org_a
) -> None:  # noqa: ANN001
    scoped = role in (Role.HEAD_OF_PROFESSION, Role.LEARNING_LEAD)
    user = make_account(
        role,
        org_a if scoped else None,
        person=people.a_staff1 if role in (Role.PROFESSIONAL, None) else None,
    )
    client = web_client(user)
    before = _state()
    for url, data in cases:
        got = client.get(url)
        assert got.status_code == 403, url
        assert b"Astaffone" not in got.content and b"Welcome day" not in got.content, url
        assert client.post(url, data).status_code == 403, url
    assert _state() == before


@pytest.mark.parametrize("role", [Role.CENTRAL_TEAM, Role.ADMINISTRATOR])
def test_central_team_and_administrators_get_in(cases, role, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(role))
    before = _state()
    for url, data in cases:
        assert client.get(url).status_code == 200, url
        # Each POST is valid, so the refusals above are not vacuous.
        assert client.post(url, data).status_code == 302, url
    after = _state()
    assert all(after[key] != before[key] for key in before)


def test_signed_out_is_sent_to_sign_in(cases, client) -> None:  # noqa: ANN001
    before = _state()
    for url, data in cases:
        for response in (client.get(url), client.post(url, data)):
            assert response.status_code == 302 and "sign-in" in response["Location"], url
    assert _state() == before
