"""The Fast Stream through its pages, API and command line: a round from offers to
published postings, with the dry run's explanations."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from cadre.access.roles import Role
from cadre.programmes import services
from cadre.programmes.models import Posting, PostingRound

pytestmark = pytest.mark.django_db


def _prefer(fs) -> None:  # noqa: ANN001
    services.set_preferences(actor=None, round_=fs.round, fast_streamer=fs.a_streamer,
                             offers=[fs.design, fs.data])
    services.set_preferences(actor=None, round_=fs.round, fast_streamer=fs.b_streamer,
                             offers=[fs.design])


def test_a_round_from_offers_to_published_postings_on_the_pages(
        fast_stream, central, people, make_account, web_client) -> None:  # noqa: ANN001
    fs = fast_stream
    streamer = web_client(make_account(person=people.a_staff1))
    page = streamer.get(f"/programmes/fast-stream/rounds/{fs.round.pk}/preferences/")
    assert page.status_code == 200 and "Choice 1" in page.content.decode()
    bad = streamer.post(f"/programmes/fast-stream/rounds/{fs.round.pk}/preferences/",
                        {"choice_1": fs.data.pk, "choice_2": fs.data.pk})
    assert bad.status_code == 400 and "Choose each one once" in bad.content.decode()
    ok = streamer.post(f"/programmes/fast-stream/rounds/{fs.round.pk}/preferences/",
                       {"choice_1": fs.design.pk, "choice_2": fs.data.pk})
    assert ok.status_code == 302
    services.set_preferences(actor=None, round_=fs.round, fast_streamer=fs.b_streamer,
                             offers=[fs.design])
    team = web_client(central)
    assert 'href="/programmes/fast-stream/"' in team.get("/talent/").content.decode()
    listing = team.get("/programmes/fast-stream/").content.decode()
    assert "Spring 2026" in listing
    dry = team.get(f"/programmes/fast-stream/rounds/{fs.round.pk}/allocation/")
    text = dry.content.decode()
    assert dry.status_code == 200 and "dry run" in text
    assert "clearance below the level the offer needs" in text
    assert not Posting.objects.exists()
    assert team.post(f"/programmes/fast-stream/rounds/{fs.round.pk}/allocation/").status_code \
        == 302
    assert Posting.objects.count() == 2
    published = team.post(f"/programmes/fast-stream/rounds/{fs.round.pk}/",
                          {"action": "publish"})
    assert published.status_code == 302
    fs.round.refresh_from_db()
    assert fs.round.state == PostingRound.State.PUBLISHED
    mine = streamer.get("/programmes/fast-stream/mine/").content.decode()
    assert "Data engineer" in mine
    posting = Posting.objects.get(fast_streamer=fs.a_streamer)
    override = team.post(f"/programmes/fast-stream/postings/{posting.pk}/",
                         {"action": "override", "override-offer": fs.architect.pk,
                          "override-reason": ""})
    assert override.status_code == 400
    assert "There is a problem" in override.content.decode()
    posting.refresh_from_db()
    assert posting.offer == fs.data and not posting.overridden
    moved = team.post(f"/programmes/fast-stream/postings/{posting.pk}/",
                      {"action": "override", "override-offer": fs.architect.pk,
                       "override-reason": "Needed at home this time"})
    assert moved.status_code == 302
    posting.refresh_from_db()
    assert posting.offer == fs.architect and posting.override_reason == "Needed at home this time"


def test_offer_page_and_host_ranking(fast_stream, people, make_account, web_client) -> None:  # noqa: ANN001
    fs = fast_stream
    host = web_client(make_account(person=people.b_head))
    page = host.get(f"/programmes/fast-stream/offers/{fs.data.pk}/")
    assert page.status_code == 200 and "Rank fast streamers" in page.content.decode()
    saved = host.post(f"/programmes/fast-stream/offers/{fs.data.pk}/",
                      {"rank-choice_1": fs.a_streamer.pk})
    assert saved.status_code == 302
    assert list(fs.data.host_preferences.values_list("fast_streamer", flat=True)) == [
        fs.a_streamer.pk]


def test_offer_form_for_a_head_of_profession(fast_stream, org_b, make_account,
                                             web_client, central) -> None:  # noqa: ANN001
    fs = fast_stream
    later = services.create_round(actor=central, scheme=fs.round.scheme, name="Later",
                                  starts_on=fs.round.starts_on)
    hop = web_client(make_account(Role.HEAD_OF_PROFESSION, org_b))
    url = f"/programmes/fast-stream/rounds/{later.pk}/offers/new/"
    assert hop.get(url).status_code == 200
    bad = hop.post(url, {"host_organisation": org_b.pk, "title": "", "capacity": "0",
                         "clearance": "1"})
    assert bad.status_code == 400
    good = hop.post(url, {"host_organisation": org_b.pk, "title": "Analyst",
                          "location": fs.london.pk, "capacity": "2", "clearance": "1"})
    assert good.status_code == 302
    assert later.offers.get().title == "Analyst"


def test_api_round_trip(fast_stream, central, people, make_account, api_client) -> None:  # noqa: ANN001
    fs = fast_stream
    streamer = api_client(make_account(person=people.a_staff1))
    put = streamer.put(f"/api/v1/programmes/rounds/{fs.round.pk}/preferences/",
                       {"ranked": [fs.data.pk]}, format="json")
    assert put.status_code == 200 and put.json() == {"ranked": [fs.data.pk]}
    team = api_client(central)
    dry = team.get(f"/api/v1/programmes/rounds/{fs.round.pk}/allocation/").json()
    assert {r["staff_number"] for r in dry} == {"A3", "B2"}
    assert set(dry[0]) == {"staff_number", "home_organisation", "posting",
                           "host_organisation", "preference_rank", "reason"}
    step = team.post(f"/api/v1/programmes/rounds/{fs.round.pk}/transition/",
                     {"action": "allocate"}, format="json")
    assert step.status_code == 200 and step.json()["state"] == "allocated"
    again = team.post(f"/api/v1/programmes/rounds/{fs.round.pk}/transition/",
                      {"action": "allocate"}, format="json")
    assert again.status_code == 409
    postings = team.get("/api/v1/programmes/postings/").json()
    assert postings["count"] == Posting.objects.count()
    bad = team.post(f"/api/v1/programmes/rounds/{fs.round.pk}/offers/",
                    {"title": "x"}, format="json")
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json()["errors"]} >= {"host_organisation", "location"}


def test_cli_dry_run_and_allocate(fast_stream, keep_connection_open) -> None:  # noqa: ANN001
    fs = fast_stream
    _prefer(fs)
    out = io.StringIO()
    call_command("programmes_postings", "allocate", "--round", str(fs.round.pk), "--dry-run",
                 "--format", "json", stdout=out)
    records = json.loads(out.getvalue())
    assert not Posting.objects.exists()
    assert [r["staff_number"] for r in records] == ["A3", "B2"]
    a3 = records[0]
    assert a3 == {"staff_number": "A3", "home_organisation": "DA", "posting": "Data engineer",
                  "host_organisation": "DB", "preference_rank": 2, "reason": a3["reason"]}
    assert "clearance" in a3["reason"]
    out = io.StringIO()
    call_command("programmes_postings", "allocate", "--round", str(fs.round.pk),
                 "--format", "csv", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == ("staff_number,home_organisation,posting,host_organisation,"
                        "preference_rank,reason")
    assert lines[1].startswith("A3,DA,Data engineer,DB,2,")
    assert Posting.objects.count() == 2
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("programmes_postings", "allocate", "--round", str(fs.round.pk),
                     stdout=io.StringIO())
    with pytest.raises(CommandError, match="No posting round 999"):
        call_command("programmes_postings", "allocate", "--round", "999",
                     stdout=io.StringIO())


def test_unranked_is_null_in_json(fast_stream, keep_connection_open) -> None:  # noqa: ANN001
    out = io.StringIO()
    call_command("programmes_postings", "allocate", "--round", str(fast_stream.round.pk),
                 "--dry-run", stdout=out)
    records = json.loads(out.getvalue())
    assert all(r["preference_rank"] is None for r in records)


def test_demo_adds_a_round_with_preferences(people, keep_connection_open) -> None:  # noqa: ANN001
    from cadre.organisations.models import Location

    Location.objects.create(name="London")
    Location.objects.create(name="Leeds")
    out = io.StringIO()
    call_command("demo_programmes", stdout=out)
    assert "taking preferences" in out.getvalue()
    first = PostingRound.objects.get(name="Demo first posting round")
    assert first.state == PostingRound.State.PUBLISHED and first.postings.exists()
    round_ = PostingRound.objects.get(name="Demo posting round")
    assert round_.state == PostingRound.State.PREFERENCES
    assert round_.offers.count() == 6 and round_.preferences.exists()
    again = io.StringIO()
    call_command("demo_programmes", stdout=again)
    assert "already" in again.getvalue()
