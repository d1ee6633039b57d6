"""The central team sets up the Fast Stream: schemes, intakes and enrolling fast streamers,
on the pages and from the command line; nobody else may."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.programmes.forms.fast_stream import RankingForm, SchemeForm
from cadre.programmes.models import FastStreamer, Intake, Scheme

pytestmark = pytest.mark.django_db


def test_forms_live_in_the_forms_layer() -> None:
    form = SchemeForm({"name": "Data", "posting_pattern": "6, 6, x"})
    assert not form.is_valid() and "'x' is not one" in form.errors["posting_pattern"][0]
    form = SchemeForm({"name": "Data", "posting_pattern": "6, 12"})
    assert form.is_valid() and form.cleaned_data["posting_pattern"] == [6, 12]
    ranking = RankingForm({"choice_1": 1, "choice_2": 1}, options=[(1, "a"), (2, "b")],
                          initial_ids=[])
    assert not ranking.is_valid()


def test_central_team_creates_a_scheme_and_intake_and_enrols_on_the_pages(
        fast_stream, central, people, org_a, web_client) -> None:  # noqa: ANN001
    team = web_client(central)
    rounds = team.get("/programmes/fast-stream/").content.decode()
    assert "/programmes/fast-stream/schemes/" in rounds  # reachable by a link
    page = team.get("/programmes/fast-stream/schemes/")
    assert page.status_code == 200 and "Digital and Technology" in page.content.decode()
    bad = team.post("/programmes/fast-stream/schemes/", {
        "action": "scheme", "scheme-name": "Data", "scheme-posting_pattern": "6, 99"})
    assert bad.status_code == 400
    assert "99" in bad.content.decode() and not Scheme.objects.filter(name="Data").exists()
    ok = team.post("/programmes/fast-stream/schemes/", {
        "action": "scheme", "scheme-name": "Data", "scheme-posting_pattern": "6, 6, 12"})
    assert ok.status_code == 302
    data = Scheme.objects.get(name="Data")
    assert data.posting_pattern == [6, 6, 12]
    dup = team.post("/programmes/fast-stream/schemes/", {
        "action": "intake", "intake-scheme": fast_stream.round.scheme_id, "intake-year": 2025})
    assert dup.status_code == 400 and "already has an intake" in dup.content.decode()
    made = team.post("/programmes/fast-stream/schemes/", {
        "action": "intake", "intake-scheme": data.pk, "intake-year": 2026})
    intake = Intake.objects.get(scheme=data, year=2026)
    assert made.status_code == 302 and made.url == f"/programmes/fast-stream/intakes/{intake.pk}/"
    assert f"/programmes/fast-stream/intakes/{intake.pk}/" in team.get(
        "/programmes/fast-stream/schemes/").content.decode()
    url = f"/programmes/fast-stream/intakes/{intake.pk}/"
    missing = team.post(url, {"organisation": org_a.pk, "staff_number": "ZZ9",
                              "clearance": 1})
    assert missing.status_code == 400 and "ZZ9" in missing.content.decode()
    again = team.post(url, {"organisation": org_a.pk, "staff_number": "A3", "clearance": 1})
    assert again.status_code == 400 and "already a fast streamer" in again.content.decode()
    joined = team.post(url, {"organisation": org_a.pk, "staff_number": "A4", "clearance": 3,
                             "may_post_home": "on"})
    assert joined.status_code == 302
    streamer = FastStreamer.objects.get(person=people.a_staff2)
    assert (streamer.intake, streamer.clearance, streamer.may_post_home) == (intake, 3, True)
    assert AuditEvent.objects.filter(summary__contains="A4 joined the Fast Stream").exists()
    assert "Astafftwo" in team.get(url).content.decode()


def test_only_the_central_team_sets_up(fast_stream, make_account, org_a, people,
                                       web_client) -> None:  # noqa: ANN001
    intake = fast_stream.a_streamer.intake
    for user in (make_account(Role.HEAD_OF_PROFESSION, organisation=org_a),
                 make_account(person=people.a_staff1)):
        client = web_client(user)
        assert client.get("/programmes/fast-stream/schemes/").status_code == 403
        assert client.get(f"/programmes/fast-stream/intakes/{intake.pk}/").status_code == 403
        assert client.post(f"/programmes/fast-stream/intakes/{intake.pk}/", {
            "organisation": org_a.pk, "staff_number": "A4", "clearance": 1}).status_code == 403
    assert not FastStreamer.objects.filter(person=people.a_staff2).exists()


def test_the_command_line_sets_up_and_enrols(fast_stream, people) -> None:  # noqa: ANN001
    out = io.StringIO()
    call_command("programmes_fast_stream", "add-scheme", "--name", "Data", "--pattern",
                 "6,6,12", stdout=out)
    scheme = Scheme.objects.get(name="Data")
    call_command("programmes_fast_stream", "add-intake", "--scheme", str(scheme.pk),
                 "--year", "2026", stdout=out)
    intake = Intake.objects.get(scheme=scheme)
    call_command("programmes_fast_stream", "enrol", "--intake", str(intake.pk),
                 "--staff-number", "A4", "--clearance", "sc", stdout=out)
    streamer = FastStreamer.objects.get(person=people.a_staff2)
    assert streamer.intake == intake and streamer.clearance == 3
    with pytest.raises(CommandError, match="No person with staff number Q1"):
        call_command("programmes_fast_stream", "enrol", "--intake", str(intake.pk),
                     "--staff-number", "Q1")
    with pytest.raises(CommandError, match="already a fast streamer"):
        call_command("programmes_fast_stream", "enrol", "--intake", str(intake.pk),
                     "--staff-number", "A4", "--organisation", "DA")
    listing = io.StringIO()
    call_command("programmes_fast_stream", "intakes", "--format", "json", stdout=listing)
    rows = {(r["scheme"], r["year"]): r["fast_streamers"] for r in json.loads(listing.getvalue())}
    assert rows[("Data", 2026)] == 1 and rows[("Digital and Technology", 2025)] == 2
