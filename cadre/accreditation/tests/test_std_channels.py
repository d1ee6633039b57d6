"""Standards pages, API and command line: the same rules through every channel, errors
naming the field, and who sees what (drafts, other people's eligibility)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from cadre.access.roles import Role
from cadre.accreditation.models import CriteriaVersion, Scheme
from cadre.accreditation.services import standards as svc
from cadre.accreditation.tests.std_fixtures import standards  # noqa: F401
from cadre.assessments.models import SkillAssessment, Source

pytestmark = pytest.mark.django_db


def _qualify(s, person) -> None:  # noqa: ANN001
    """Enough agreed skills and years for Senior practitioner."""
    person.start_date = timezone.localdate() - dt.timedelta(days=365 * 8)
    person.save(update_fields=["start_date"])
    for skill, level in ((s.programming, 5), (s.testing, 4), (s.data_engineering, 3)):
        SkillAssessment.objects.create(
            person=person, skill=skill, level=s.levels[level], source=Source.MANAGER
        )


# --- pages -----------------------------------------------------------------------------


def test_schemes_pages_for_everyone_signed_in(standards, make_account, web_client, people):  # noqa: F811, ANN001
    client = web_client(make_account(person=people.a_staff1))
    text = client.get("/accreditation/schemes/").content.decode()
    assert "Technology professional" in text and "Add a scheme" not in text
    text = client.get(f"/accreditation/schemes/{standards.scheme.pk}/").content.decode()
    assert "Two software skills at Enable or above" in text
    assert "Start new criteria" not in text
    version_page = client.get(f"/accreditation/criteria-versions/{standards.senior_v1.pk}/")
    assert version_page.status_code == 200
    assert "At least 2 skills at level 4 (Enable) or above in Software" in (
        version_page.content.decode()
    )
    assert "Publish version" not in version_page.content.decode()
    for url in (
        "/accreditation/schemes/new/",
        f"/accreditation/schemes/{standards.scheme.pk}/edit/",
        f"/accreditation/levels/{standards.senior.pk}/criteria/new/",
    ):
        assert client.get(url).status_code == 403
    assert (
        client.post(
            f"/accreditation/criteria-versions/{standards.senior_v1.pk}/", {"action": "publish"}
        ).status_code
        == 403
    )


def test_drafts_are_hidden_from_all_but_runners(standards, make_account, web_client, people):  # noqa: F811, ANN001
    draft = svc.create_draft(actor=None, level=standards.practitioner)
    svc.add_criterion(actor=None, version=draft, kind="conduct", text="Secret draft rule")
    staff = web_client(make_account(person=people.a_staff1))
    assert staff.get(f"/accreditation/criteria-versions/{draft.pk}/").status_code == 404
    assert (
        "Secret draft rule"
        not in staff.get(f"/accreditation/schemes/{standards.scheme.pk}/").content.decode()
    )
    central = web_client(make_account(Role.CENTRAL_TEAM))
    text = central.get(f"/accreditation/criteria-versions/{draft.pk}/").content.decode()
    assert "Secret draft rule" in text and "Publish version 1" in text


def test_runner_builds_and_publishes_through_pages(standards, make_account, web_client):  # noqa: F811, ANN001
    client = web_client(make_account(Role.CENTRAL_TEAM))
    response = client.post(
        "/accreditation/schemes/new/",
        {
            "name": "Data professional",
            "description": "",
            "renewal_months": "36",
            "cpd_credits": "30",
            "appeal_days": "21",
        },
    )
    scheme = Scheme.objects.get(name="Data professional")
    assert response.status_code == 302 and scheme.renewal_months == 36
    assert (
        client.post(
            f"/accreditation/schemes/{scheme.pk}/levels/new/", {"name": "Practitioner"}
        ).status_code
        == 302
    )
    level = scheme.levels.get()
    assert (
        client.post(
            f"/accreditation/levels/{level.pk}/criteria/new/", {"notes": "", "copy_latest": "yes"}
        ).status_code
        == 302
    )
    version = CriteriaVersion.objects.get(level=level)
    response = client.post(
        f"/accreditation/criteria-versions/{version.pk}/criteria/new/",
        {
            "kind": "skills_at_level",
            "text": "Two data skills",
            "count": "2",
            "min_level": "3",
            "families": [str(standards.data.pk)],
        },
    )
    assert response.status_code == 302
    criterion = version.criteria.get()
    assert list(criterion.families.all()) == [standards.data]
    response = client.post(
        f"/accreditation/criteria/{criterion.pk}/edit/",
        {
            "kind": "skills_at_level",
            "text": "Three data skills",
            "count": "3",
            "min_level": "3",
            "families": [str(standards.data.pk)],
        },
    )
    assert response.status_code == 302
    response = client.post(f"/accreditation/criteria-versions/{version.pk}/", {"action": "publish"})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.published_on == timezone.localdate()
    # Published: no change, and a second publish is a conflict page.
    response = client.post(f"/accreditation/criteria-versions/{version.pk}/", {"action": "publish"})
    assert response.status_code == 409
    response = client.post(
        f"/accreditation/criteria/{criterion.pk}/edit/", {"kind": "conduct", "text": "Sneaky"}
    )
    assert response.status_code == 400 and "is published" in response.content.decode()


def test_page_errors_name_the_field_and_keep_input(standards, make_account, web_client):  # noqa: F811, ANN001
    client = web_client(make_account(Role.CENTRAL_TEAM))
    response = client.post(
        "/accreditation/schemes/new/",
        {
            "name": "Technology professional",
            "renewal_months": "24",
            "cpd_credits": "20",
            "appeal_days": "28",
        },
    )
    assert response.status_code == 400
    assert "already a scheme called" in response.content.decode()
    draft = svc.create_draft(actor=None, level=standards.practitioner)
    response = client.post(
        f"/accreditation/criteria-versions/{draft.pk}/criteria/new/",
        {"kind": "experience", "text": "Long service", "count": "3"},
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in text and "Long service" in text
    assert "#id_years" in text and "#id_count" in text
    response = client.post(
        f"/accreditation/criteria-versions/{draft.pk}/criteria/new/",
        {"kind": "conduct", "text": "x" * 5001},
    )
    assert response.status_code == 400
    response = client.post(
        f"/accreditation/criteria-versions/{draft.pk}/",
        {"action": "remove", "criterion": "99999999999999999999"},
    )
    assert response.status_code == 400


def test_my_eligibility_page(standards, make_account, web_client, people):  # noqa: F811, ANN001
    _qualify(standards, people.a_staff1)
    client = web_client(make_account(person=people.a_staff1))
    text = client.get("/accreditation/eligibility/").content.decode()
    assert "Accreditation you could apply for" in text
    assert "You could apply now" in text and "Programming, Testing" in text
    assert f"/accreditation/applications/start/?level={standards.senior.pk}" in text
    other = web_client(make_account(person=people.a_staff2))
    text = other.get("/accreditation/eligibility/").content.decode()
    assert "criteria not met yet" in text and "Programming" not in text
    nobody = web_client(make_account())
    assert (
        "not linked to a person record"
        in nobody.get("/accreditation/eligibility/").content.decode()
    )


def test_someone_elses_eligibility_needs_sight_of_their_capability(
    standards,  # noqa: F811
    make_account,
    web_client,
    people,
):  # noqa: ANN001
    _qualify(standards, people.a_staff1)
    url = f"/accreditation/people/{people.a_staff1.pk}/eligibility/"
    manager = web_client(make_account(person=people.a_manager))
    hop_a = web_client(
        make_account(Role.HEAD_OF_PROFESSION, organisation=people.a_staff1.organisation)
    )
    central = web_client(make_account(Role.CENTRAL_TEAM))
    for client in (manager, hop_a, central):
        response = client.get(url)
        assert response.status_code == 200
        assert "Programming, Testing" in response.content.decode()
    peer = web_client(make_account(person=people.a_staff2))
    hop_b = web_client(
        make_account(Role.HEAD_OF_PROFESSION, organisation=people.b_staff.organisation)
    )
    outsider = web_client(make_account(person=people.b_staff))
    for client in (peer, hop_b, outsider):
        assert client.get(url).status_code in (403, 404)


# --- API -------------------------------------------------------------------------------


def test_api_reads_and_runner_writes(standards, make_account, api_client, people):  # noqa: F811, ANN001
    staff = api_client(make_account(person=people.a_staff1))
    listed = staff.get("/api/v1/accreditation/schemes/").json()
    assert [s["name"] for s in listed] == ["Technology professional"]
    detail = staff.get(f"/api/v1/accreditation/schemes/{standards.scheme.pk}/").json()
    senior = next(lv for lv in detail["levels"] if lv["name"] == "Senior practitioner")
    assert [c["kind"] for c in senior["current_criteria"]["criteria"]] == [
        "skills_at_level",
        "breadth",
        "experience",
        "conduct",
    ]
    assert senior["current_criteria"]["criteria"][0]["families"] == ["Software"]
    assert (
        staff.post("/api/v1/accreditation/schemes/", {"name": "X"}, format="json").status_code
        == 403
    )

    central = api_client(make_account(Role.CENTRAL_TEAM))
    response = central.post(
        "/api/v1/accreditation/schemes/", {"name": "Data", "cpd_credits": 5}, format="json"
    )
    assert response.status_code == 201
    scheme_id = response.json()["id"]
    level = central.post(
        f"/api/v1/accreditation/schemes/{scheme_id}/levels/",
        {"name": "Practitioner"},
        format="json",
    )
    assert level.status_code == 201
    version = central.post(
        f"/api/v1/accreditation/levels/{level.json()['id']}/criteria-versions/", {}, format="json"
    )
    assert version.status_code == 201 and version.json()["published_on"] is None
    vid = version.json()["id"]
    assert staff.get(f"/api/v1/accreditation/criteria-versions/{vid}/").status_code == 404
    assert (
        staff.get(f"/api/v1/accreditation/levels/{level.json()['id']}/criteria-versions/").json()
        == []
    )
    bad = central.post(
        f"/api/v1/accreditation/criteria-versions/{vid}/criteria/",
        {"kind": "breadth", "text": "Breadth", "count": 3},
        format="json",
    )
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json()["errors"]} == {"min_level"}
    bad = central.post(
        f"/api/v1/accreditation/criteria-versions/{vid}/criteria/",
        {"kind": "breadth", "text": "Breadth", "count": 51, "min_level": 3},
        format="json",
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "count"
    good = central.post(
        f"/api/v1/accreditation/criteria-versions/{vid}/criteria/",
        {"kind": "breadth", "text": "Breadth", "count": 3, "min_level": 3},
        format="json",
    )
    assert good.status_code == 201
    published = central.post(f"/api/v1/accreditation/criteria-versions/{vid}/publish/")
    assert published.status_code == 200 and published.json()["published_on"]
    again = central.post(f"/api/v1/accreditation/criteria-versions/{vid}/publish/")
    assert again.status_code == 409
    late = central.post(
        f"/api/v1/accreditation/criteria-versions/{vid}/criteria/",
        {"kind": "conduct", "text": "Late"},
        format="json",
    )
    assert late.status_code == 400 and late.json()["errors"][0]["field"] == "version"


def test_api_eligibility_scoped(standards, make_account, api_client, people):  # noqa: F811, ANN001
    _qualify(standards, people.a_staff1)
    own = api_client(make_account(person=people.a_staff1))
    rows = own.get("/api/v1/accreditation/eligibility/").json()
    assert rows[0]["eligible"] is True and rows[0]["level"] == "Senior practitioner"
    assert [r["met"] for r in rows[0]["results"]] == [True, True, True, None]
    manager = api_client(make_account(person=people.a_manager))
    assert (
        manager.get(f"/api/v1/accreditation/eligibility/?person={people.a_staff1.pk}").json()[0][
            "eligible"
        ]
        is True
    )
    peer = api_client(make_account(person=people.a_staff2))
    assert (
        peer.get(f"/api/v1/accreditation/eligibility/?person={people.a_staff1.pk}").status_code
        == 404
    )
    assert peer.get("/api/v1/accreditation/eligibility/?person=abc").status_code == 400
    assert api_client(make_account()).get("/api/v1/accreditation/eligibility/").status_code == 404


# --- command line ----------------------------------------------------------------------


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("accreditation_schemes", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_cli_lists_builds_and_checks(standards, people, keep_connection_open):  # noqa: F811, ANN001
    assert "Two software skills at Enable or above" in _run("list")
    listed = json.loads(_run("list", "--format", "json"))
    assert listed[0]["levels"][1]["current_criteria"]["number"] == 1
    assert "Scheme" in _run("create", "--name", "Cyber", "--renewal-months", "12")
    scheme = Scheme.objects.get(name="Cyber")
    assert "added" in _run("add-level", "--scheme", str(scheme.pk), "--name", "Practitioner")
    level = scheme.levels.get()
    _run("draft", "--level", str(level.pk))
    version = CriteriaVersion.objects.get(level=level)
    _run(
        "add-criterion",
        "--version",
        str(version.pk),
        "--kind",
        "skills_at_level",
        "--text",
        "Two skills",
        "--count",
        "2",
        "--min-level",
        "3",
        "--family",
        str(standards.software.pk),
    )
    assert "published" in _run("publish", "--version", str(version.pk))
    _qualify(standards, people.a_staff1)
    org = people.a_staff1.organisation.abbreviation
    text = _run("eligibility", "--organisation", org, "--staff-number", "A3")
    assert "Senior practitioner: You could apply now" in text
    rows = json.loads(
        _run("eligibility", "--organisation", org, "--staff-number", "A3", "--format", "json")
    )
    assert {r["level"]: r["eligible"] for r in rows}["Practitioner"] is True


def test_cli_refusals_name_the_field(standards, people, keep_connection_open):  # noqa: F811, ANN001
    with pytest.raises(CommandError, match="renewal_months: Give a number of at most 120"):
        _run("create", "--name", "Too long", "--renewal-months", "500")
    with pytest.raises(CommandError, match="version: .*is published"):
        _run(
            "add-criterion",
            "--version",
            str(standards.senior_v1.pk),
            "--kind",
            "conduct",
            "--text",
            "Late",
        )
    with pytest.raises(CommandError, match="already published"):
        _run("publish", "--version", str(standards.senior_v1.pk))
    with pytest.raises(CommandError, match="No person"):
        _run("eligibility", "--organisation", "XX", "--staff-number", "nobody")
    with pytest.raises(CommandError, match="No scheme level"):
        _run("draft", "--level", "999999")
