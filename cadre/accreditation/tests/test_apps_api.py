"""The applications API: the same journey as the pages, errors naming fields, 404 for
applications the caller may not see, 409 when the step is no longer possible, and the
command line."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.accreditation.models import AccreditationRound, Application
from cadre.accreditation.tests.apps_fixtures import ready_application, setup  # noqa: F401

pytestmark = pytest.mark.django_db

API = "/api/v1/accreditation/"


def test_the_journey_through_the_api(setup, people, api_client) -> None:  # noqa: ANN001, F811
    me = api_client(setup.applicant)
    response = me.post(API + "applications/", {"level": setup.level.pk}, format="json")
    assert response.status_code == 201, response.content
    app_id = response.json()["id"]
    base = f"{API}applications/{app_id}/"
    response = me.post(base + "statements/", {"statements": [
        {"criterion": setup.skills_rule.pk, "text": "I analyse data."},
        {"criterion": setup.conduct.pk, "text": "I follow the code."}]}, format="json")
    assert response.status_code == 200
    assert [s["position"] for s in response.json()["statements"]] == [1, 2]
    response = me.post(base + "supporter/", {"staff_number": "A2"}, format="json")
    assert response.json()["supporter_staff_number"] == "A2"
    supporter = api_client(setup.supporter)
    assert supporter.post(base + "support/", {"confirm": True}, format="json").json()[
        "supporter_confirmed"] is True
    response = me.post(base + "transition/", {"action": "submit"}, format="json")
    assert response.status_code == 200
    assert response.json()["state"] == "submitted"
    assert response.json()["round"] == setup.round.pk
    response = me.post(base + "transition/", {"action": "submit"}, format="json")
    assert response.status_code == 409
    assert me.get(API + "applications/").json()[0]["id"] == app_id


def test_errors_name_the_field(setup, people, api_client) -> None:  # noqa: ANN001, F811
    me = api_client(setup.applicant)
    response = me.post(API + "applications/", {"level": 99999}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "level"
    application = ready_application(setup, people)
    Application.objects.filter(pk=application.pk).update(supporter_confirmed_at=None)
    base = f"{API}applications/{application.pk}/"
    response = me.post(base + "transition/", {"action": "submit"}, format="json")
    assert response.status_code == 400
    assert "Wait for" in json.dumps(response.json())
    response = me.post(base + "supporter/", {"staff_number": "ZZZ"}, format="json")
    assert response.status_code == 400
    response = me.post(base + "transition/", {"action": "award"}, format="json")
    assert response.status_code == 400
    response = me.post(base + "evidence/", {"skill_assessment": 99999}, format="json")
    assert response.status_code == 400


def test_others_cannot_see_or_change_an_application(setup, people, api_client) -> None:  # noqa: ANN001, F811
    application = ready_application(setup, people)
    base = f"{API}applications/{application.pk}/"
    stranger = api_client(setup.stranger)
    assert stranger.get(base).status_code in (403, 404)
    assert stranger.post(base + "transition/", {"action": "withdraw"},
                         format="json").status_code in (403, 404)
    assert stranger.get(API + "applications/").json() == []
    supporter = api_client(setup.supporter)
    assert supporter.post(base + "transition/", {"action": "submit"},
                          format="json").status_code == 403
    assert api_client(setup.applicant).post(base + "support/", {"confirm": True},
                                            format="json").status_code == 403


def test_rounds_through_the_api(setup, api_client) -> None:  # noqa: ANN001, F811
    me = api_client(setup.applicant)
    assert [r["name"] for r in me.get(API + "rounds/").json()] == ["Spring"]
    assert me.get(API + "rounds/").json()[0]["applications"] is None
    body = {"scheme": setup.scheme.pk, "name": "Autumn", "opens_on": "2027-09-01",
            "closes_on": "2027-10-01"}
    assert me.post(API + "rounds/", body, format="json").status_code == 403
    central = api_client(setup.runner)
    response = central.post(API + "rounds/", body, format="json")
    assert response.status_code == 201
    round_id = response.json()["id"]
    response = central.post(f"{API}rounds/{round_id}/transition/", {"action": "close"},
                            format="json")
    assert response.json()["state"] == "closed"
    assert central.post(f"{API}rounds/{round_id}/transition/", {"action": "close"},
                        format="json").status_code == 409


def test_the_command_line(setup, people, keep_connection_open) -> None:  # noqa: ANN001, F811
    application = ready_application(setup, people)
    out = io.StringIO()
    call_command("accreditation_applications", "list", "--format", "json", stdout=out)
    records = json.loads(out.getvalue())
    assert records[0]["id"] == application.pk
    assert records[0]["applicant_staff_number"] == "A3"
    assert records[0]["supporter_confirmed"] is True
    out = io.StringIO()
    call_command("accreditation_applications", "rounds", "--format", "csv", stdout=out)
    assert out.getvalue().splitlines()[0] == "id,scheme,round,opens_on,closes_on,state,applications"
    call_command("accreditation_applications", "open-round", "--scheme", str(setup.scheme.pk),
                 "--name", "Winter", "--opens", "2027-01-01", "--closes", "2027-02-01",
                 stdout=io.StringIO())
    winter = AccreditationRound.objects.get(name="Winter")
    call_command("accreditation_applications", "close-round", "--round", str(winter.pk),
                 stdout=io.StringIO())
    winter.refresh_from_db()
    assert winter.state == AccreditationRound.State.CLOSED
    with pytest.raises(CommandError, match="no longer possible"):
        call_command("accreditation_applications", "close-round", "--round", str(winter.pk),
                     stdout=io.StringIO())
    with pytest.raises(CommandError, match="not a date"):
        call_command("accreditation_applications", "open-round", "--scheme",
                     str(setup.scheme.pk), "--name", "Bad", "--opens", "soon", "--closes",
                     "2027-02-01", stdout=io.StringIO())
