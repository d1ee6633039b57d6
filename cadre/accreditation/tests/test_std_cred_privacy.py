"""Who changes the standards and who gets a credential.

Standards (schemes, levels, criteria) are reference data every signed-in account may read,
but only the central team and administrators write them: everyone else gets 403 on the
pages and the API and nothing changes; drafts stay hidden from them. A credential's JSON,
PDF and API detail go to its holder and the scheme runners only (others 404); only runners
change an award's status."""

# ruff: noqa: F811 - fixtures are imported by name

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from cadre.access.roles import Role
from cadre.accreditation.models import Award, CriteriaVersion, Criterion, Scheme, SchemeLevel
from cadre.accreditation.services import standards as svc
from cadre.accreditation.tests.cred_fixtures import award_for, cred  # noqa: F401
from cadre.accreditation.tests.std_fixtures import standards  # noqa: F401

pytestmark = pytest.mark.django_db

OTHER_ROLES = [
    Role.HEAD_OF_PROFESSION,
    Role.PROFESSIONAL,
    Role.ANALYST,
    Role.ASSESSOR,
    Role.LEARNING_LEAD,
    Role.PROGRAMME_MANAGER,
    None,
]


def _account(role, make_account, people):  # noqa: ANN001, ANN202
    scoped = role in (Role.HEAD_OF_PROFESSION, Role.ASSESSOR, Role.LEARNING_LEAD)
    return make_account(
        role,
        people.a_staff1.organisation if scoped else None,
        person=people.a_staff1 if role in (Role.PROFESSIONAL, None) else None,
    )


@pytest.fixture
def draft(standards):  # noqa: ANN001, ANN201
    """A draft version 2 of Senior practitioner (copied from version 1), noted so that a
    leak is easy to spot."""
    return svc.create_draft(actor=None, level=standards.senior, notes="Secret draft notes")


def _standards_state() -> dict:
    return {
        "schemes": sorted(
            Scheme.objects.values_list(
                "name", "description", "renewal_months", "cpd_credits", "appeal_days"
            )
        ),
        "levels": sorted(SchemeLevel.objects.values_list("name", "description", "ordinal")),
        "versions": sorted(
            CriteriaVersion.objects.values_list("level_id", "number", "published_on", "notes")
        ),
        "criteria": sorted(
            Criterion.objects.values_list(
                "version_id", "position", "kind", "text", "count", "years"
            )
        ),
    }


def _page_cases(s, draft) -> list[tuple[str, dict]]:  # noqa: ANN001
    criterion = draft.criteria.order_by("position").first()
    return [
        (
            reverse("accreditation:scheme-create"),
            {
                "name": "Leaked scheme",
                "renewal_months": "24",
                "cpd_credits": "20",
                "appeal_days": "28",
            },
        ),
        (
            reverse("accreditation:scheme-edit", args=[s.scheme.pk]),
            {"name": "Renamed", "renewal_months": "12", "cpd_credits": "5", "appeal_days": "10"},
        ),
        (reverse("accreditation:level-create", args=[s.scheme.pk]), {"name": "Leaked level"}),
        (reverse("accreditation:level-edit", args=[s.practitioner.pk]), {"name": "Renamed"}),
        (
            reverse("accreditation:version-create", args=[s.practitioner.pk]),
            {"notes": "Leaked draft", "copy_latest": "no"},
        ),
        (
            reverse("accreditation:criterion-create", args=[draft.pk]),
            {"kind": "conduct", "text": "Leaked criterion"},
        ),
        (
            reverse("accreditation:criterion-edit", args=[criterion.pk]),
            {"kind": "conduct", "text": "Leaked change"},
        ),
    ]


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_only_runners_write_standards_pages(
    standards, draft, role, make_account, web_client, people
) -> None:  # noqa: ANN001
    client = web_client(_account(role, make_account, people))
    before = _standards_state()
    for url, data in _page_cases(standards, draft):
        got = client.get(url)
        assert got.status_code == 403, url
        assert b"Secret draft notes" not in got.content, url
        assert client.post(url, data).status_code == 403, url
    # The draft's own page is not theirs either, nor is publishing it.
    version_url = reverse("accreditation:version", args=[draft.pk])
    assert client.get(version_url).status_code == 404
    assert client.post(version_url, {"action": "publish"}).status_code in (403, 404)
    assert _standards_state() == before


@pytest.mark.parametrize("role", [Role.CENTRAL_TEAM, Role.ADMINISTRATOR])
def test_runners_open_the_standards_pages(standards, draft, role, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(role))
    cases = _page_cases(standards, draft)
    before = _standards_state()
    for url, data in cases:
        assert client.get(url).status_code == 200, url
        # Each POST is valid, so the refusals above are not vacuous.
        assert client.post(url, data).status_code == 302, url
    after = _standards_state()
    assert all(after[key] != before[key] for key in before)


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_only_runners_write_standards_api(
    standards, draft, role, make_account, api_client, people
) -> None:  # noqa: ANN001
    s = standards
    client = api_client(_account(role, make_account, people))
    before = _standards_state()
    # Reading the reference data is fine, but never a draft.
    detail = client.get(reverse("api:accreditation-scheme-detail", args=[s.scheme.pk]))
    assert detail.status_code == 200 and detail.json()["name"] == "Technology professional"
    assert b"Secret draft notes" not in detail.content
    versions = client.get(reverse("api:accreditation-level-versions", args=[s.senior.pk]))
    assert versions.status_code == 200
    assert [v["number"] for v in versions.json()] == [1]
    writes = [
        (reverse("api:accreditation-scheme-levels", args=[s.scheme.pk]), {"name": "Leaked level"}),
        (
            reverse("api:accreditation-level-versions", args=[s.practitioner.pk]),
            {"notes": "Leaked draft"},
        ),
        (
            reverse("api:accreditation-version-criteria", args=[draft.pk]),
            {"kind": "conduct", "text": "Leaked criterion"},
        ),
        (reverse("api:accreditation-version-publish", args=[draft.pk]), {}),
    ]
    for url, data in writes:
        response = client.post(url, data, format="json")
        assert response.status_code in (403, 404), url
        assert b"Secret draft notes" not in response.content, url
    assert _standards_state() == before
    assert CriteriaVersion.objects.get(pk=draft.pk).published_on is None


def test_runners_write_through_the_api(standards, draft, make_account, api_client) -> None:  # noqa: ANN001
    client = api_client(make_account(Role.CENTRAL_TEAM))
    versions = client.get(
        reverse("api:accreditation-level-versions", args=[standards.senior.pk])
    ).json()
    assert sorted(v["number"] for v in versions) == [1, 2]
    url = reverse("api:accreditation-version-publish", args=[draft.pk])
    assert client.post(url, {}, format="json").status_code == 200
    assert CriteriaVersion.objects.get(pk=draft.pk).published_on is not None


def test_signed_out_cannot_write_standards(standards, draft) -> None:  # noqa: ANN001
    before = _standards_state()
    for url, data in _page_cases(standards, draft):
        response = Client().post(url, data)
        assert response.status_code == 302 and "sign-in" in response["Location"], url
    assert _standards_state() == before


# Credentials


def _award_state(award) -> tuple:  # noqa: ANN001
    row = Award.objects.get(pk=award.pk)
    return row.status, row.status_reason, row.expires_on


def test_downloads_and_detail_for_holder_and_runners_only(
    cred, make_account, web_client, api_client, people
) -> None:  # noqa: ANN001
    award = award_for(cred)
    pid = award.public_id
    json_url = reverse("accreditation:credential-json", args=[pid])
    pdf_url = reverse("accreditation:credential-pdf", args=[pid])
    detail_url = reverse("api:accreditation-credential-detail", args=[pid])
    for user in (cred.holder, cred.runner, make_account(Role.ADMINISTRATOR)):
        assert web_client(user).get(json_url).status_code == 200
        assert web_client(user).get(pdf_url).content.startswith(b"%PDF")
        detail = api_client(user).get(detail_url)
        assert detail.status_code == 200 and detail.json()["holder"]
    others = [
        cred.stranger,
        make_account(Role.HEAD_OF_PROFESSION, people.a_staff1.organisation),
        make_account(person=people.a_manager),  # the holder's line manager
        make_account(Role.ASSESSOR, people.a_staff1.organisation),
        make_account(Role.ANALYST),
    ]
    for user in others:
        for url in (json_url, pdf_url):
            got = web_client(user).get(url)
            assert got.status_code in (403, 404), url
            assert b"Astaffone" not in got.content and not got.content.startswith(b"%PDF")
        got = api_client(user).get(detail_url)
        assert got.status_code in (403, 404) and b"Astaffone" not in got.content
        listed = api_client(user).get(reverse("api:accreditation-credential-list"))
        assert listed.status_code == 200 and str(pid).encode() not in listed.content
    assert Client().get(json_url).status_code == 302
    assert Client().get(pdf_url).status_code == 302


def test_only_runners_change_an_award_status(
    cred, make_account, web_client, api_client, people
) -> None:  # noqa: ANN001
    award = award_for(cred)
    page_url = reverse("accreditation:credential-status", args=[award.public_id])
    api_url = reverse("api:accreditation-credential-status", args=[award.public_id])
    before = _award_state(award)
    others = [
        cred.holder,
        cred.stranger,
        make_account(Role.HEAD_OF_PROFESSION, people.a_staff1.organisation),
        make_account(Role.ANALYST),
    ]
    for user in others:
        assert web_client(user).get(page_url).status_code == 403
        assert (
            web_client(user)
            .post(page_url, {"action": "revoke", "reason": "Not theirs to do"})
            .status_code
            == 403
        )
        assert api_client(user).post(
            api_url, {"action": "revoke", "reason": "Not theirs to do"}, format="json"
        ).status_code in (403, 404)
    assert _award_state(award) == before
    runner = web_client(cred.runner)
    assert runner.get(page_url).status_code == 200
    done = api_client(cred.runner).post(
        api_url, {"action": "suspend", "reason": "CPD lapsed"}, format="json"
    )
    assert done.status_code == 200
    assert Award.objects.get(pk=award.pk).status == Award.Status.SUSPENDED
