"""Changing and withdrawing Fast Stream offers while their round is open for offers: the
services, the offer page, the API (ETag and If-Match) and the command line, and the refusal
(409) once the round has moved on to preferences.

The round "Autumn 2026" is open for offers with "Data engineer" (host B, London, host
manager b_head) and "Architect" (host A, Leeds).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.core.workflow import TransitionConflict
from cadre.organisations.models import Location
from cadre.programmes import services
from cadre.programmes.models import Clearance, PostingOffer, PostingRound
from tests.races import needs_postgres, run_together

pytestmark = pytest.mark.django_db


@dataclass
class OpenRound:
    round: PostingRound
    london: Location
    leeds: Location
    data: PostingOffer
    architect: PostingOffer


@pytest.fixture
def open_round(db, people, org_a, org_b) -> OpenRound:  # noqa: ANN001
    london = Location.objects.create(name="London")
    leeds = Location.objects.create(name="Leeds")
    scheme = services.create_scheme(actor=None, name="Digital and Technology",
                                    posting_pattern=[6, 6, 12])
    intake = services.create_intake(actor=None, scheme=scheme, year=2025)
    services.enrol_fast_streamer(actor=None, person=people.a_staff1, intake=intake)
    round_ = services.create_round(actor=None, scheme=scheme, name="Autumn 2026",
                                   starts_on=dt.date(2026, 10, 1))
    data = services.add_offer(actor=None, round_=round_, host_organisation=org_b,
                              title="Data engineer", location=london,
                              host_manager=people.b_head)
    architect = services.add_offer(actor=None, round_=round_, host_organisation=org_a,
                                   title="Architect", location=leeds)
    return OpenRound(round_, london, leeds, data, architect)


@pytest.fixture
def head_b(make_account, org_b):  # noqa: ANN001, ANN201
    return make_account(Role.HEAD_OF_PROFESSION, organisation=org_b)


@pytest.fixture
def head_a(make_account, org_a):  # noqa: ANN001, ANN201
    return make_account(Role.HEAD_OF_PROFESSION, organisation=org_a)


def _close_offers(r: OpenRound) -> None:
    services.transition_round(actor=None, round_id=r.round.pk, action="open_preferences")


# --- services ---------------------------------------------------------------------------

def test_the_hosts_head_of_profession_changes_an_offer(open_round, head_b) -> None:  # noqa: ANN001
    r = open_round
    offer = services.update_offer(actor=head_b, offer=r.data, title="  Data architect ",
                                  capacity=3, clearance=Clearance.SC, location=r.leeds)
    offer.refresh_from_db()
    assert (offer.title, offer.capacity, offer.clearance, offer.location) == (
        "Data architect", 3, Clearance.SC, r.leeds)
    event = AuditEvent.objects.filter(action=AuditEvent.Action.RECORD_UPDATED,
                                      target_id=str(offer.pk)).latest("pk")
    assert event.actor == head_b
    assert event.data["changes"]["capacity"] == {"before": 1, "after": 3}
    assert event.data["changes"]["location"] == {"before": r.london.pk, "after": r.leeds.pk}
    assert offer.history.first().history_user == head_b


def test_the_same_values_change_nothing_and_write_nothing(open_round, head_b) -> None:  # noqa: ANN001
    r = open_round
    rows = r.data.history.count()
    events = AuditEvent.objects.count()
    services.update_offer(actor=head_b, offer=r.data, title="Data engineer", capacity=1,
                          skills=[])
    assert r.data.history.count() == rows and AuditEvent.objects.count() == events


def test_who_may_change_or_withdraw(open_round, head_a, people, make_account,  # noqa: ANN001
                                    org_b) -> None:  # noqa: ANN001
    r = open_round
    host_manager = make_account(person=people.b_head)  # named on the offer, not a head
    staff = make_account(person=people.a_staff1)
    for account in (head_a, host_manager, staff):
        with pytest.raises(PermissionDenied):
            services.update_offer(actor=account, offer=r.data, capacity=2)
        with pytest.raises(PermissionDenied):
            services.withdraw_offer(actor=account, offer=r.data)
    # a head of A may not move A's offer to host B
    with pytest.raises(PermissionDenied):
        services.update_offer(actor=head_a, offer=r.architect, host_organisation=org_b)
    r.data.refresh_from_db()
    assert r.data.capacity == 1 and PostingOffer.objects.count() == 2


def test_changes_are_checked_like_a_new_offer(open_round, head_b) -> None:  # noqa: ANN001
    r = open_round
    with pytest.raises(ValidationError) as caught:
        services.update_offer(actor=head_b, offer=r.data, title=" ", capacity=0,
                              location=None)
    assert set(caught.value.message_dict) == {"title", "capacity", "location"}
    with pytest.raises(ValidationError) as caught:
        services.update_offer(actor=head_b, offer=r.data, round=None)
    assert "round" in caught.value.message_dict


def test_withdrawing_removes_the_offer_and_audits_it(open_round, head_b) -> None:  # noqa: ANN001
    r = open_round
    pk = r.data.pk
    services.withdraw_offer(actor=head_b, offer=r.data)
    assert not PostingOffer.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.RECORD_DELETED, target_id=str(pk))
    assert event.actor == head_b and "withdrawn" in event.summary
    assert PostingOffer.history.filter(id=pk, history_type="-").get().history_user == head_b


def test_refused_once_the_round_has_left_open_for_offers(open_round, head_b) -> None:  # noqa: ANN001
    r = open_round
    _close_offers(r)
    with pytest.raises(TransitionConflict) as caught:
        services.update_offer(actor=head_b, offer=r.data, capacity=2)
    assert "Taking preferences" in caught.value.message
    with pytest.raises(TransitionConflict):
        services.withdraw_offer(actor=head_b, offer=r.data)
    with pytest.raises(TransitionConflict):
        services.update_offer(actor=None, offer=r.data, title="Changed by the system")
    r.data.refresh_from_db()
    assert (r.data.capacity, r.data.title) == (1, "Data engineer")
    assert PostingOffer.objects.count() == 2


def test_an_offer_withdrawn_meanwhile_is_a_conflict(open_round, head_b) -> None:  # noqa: ANN001
    r = open_round
    stale = PostingOffer.objects.get(pk=r.data.pk)
    services.withdraw_offer(actor=head_b, offer=r.data)
    with pytest.raises(TransitionConflict, match="withdrawn"):
        services.update_offer(actor=head_b, offer=stale, capacity=2)


# --- the offer page ---------------------------------------------------------------------

def test_the_offer_page_changes_and_withdraws(open_round, head_b, web_client) -> None:  # noqa: ANN001
    r = open_round
    client = web_client(head_b)
    url = f"/programmes/fast-stream/offers/{r.data.pk}/"
    page = client.get(url).content.decode()
    assert "Change this offer" in page and "Withdraw this offer" in page
    form = {"action": "edit", "edit-host_organisation": r.data.host_organisation_id,
            "edit-title": "Data engineer", "edit-location": r.london.pk,
            "edit-capacity": "2", "edit-clearance": str(Clearance.BPSS),
            "edit-description": "Pipelines"}
    bad = client.post(url, {**form, "edit-capacity": "0"})
    assert bad.status_code == 400 and "There is a problem" in bad.content.decode()
    assert client.post(url, form).status_code == 302
    r.data.refresh_from_db()
    assert (r.data.capacity, r.data.description) == (2, "Pipelines")
    confirm = client.get(url + "?withdraw").content.decode()
    assert "Withdraw the offer" in confirm and "cannot be undone" in confirm
    done = client.post(url, {"action": "withdraw"})
    assert done.status_code == 302 and done.url == f"/programmes/fast-stream/rounds/{r.round.pk}/"
    assert not PostingOffer.objects.filter(pk=r.data.pk).exists()


def test_the_offer_page_refuses_others_and_a_closed_round(open_round, head_b, people,  # noqa: ANN001
                                                         make_account, web_client) -> None:  # noqa: ANN001
    r = open_round
    url = f"/programmes/fast-stream/offers/{r.data.pk}/"
    host_manager = web_client(make_account(person=people.b_head))
    page = host_manager.get(url)
    assert page.status_code == 200 and "Change this offer" not in page.content.decode()
    assert host_manager.post(url, {"action": "withdraw"}).status_code == 403
    client = web_client(head_b)
    form = {"action": "edit", "edit-host_organisation": r.data.host_organisation_id,
            "edit-title": "Late change", "edit-location": r.london.pk,
            "edit-capacity": "2", "edit-clearance": str(Clearance.BPSS)}
    _close_offers(r)  # e.g. while the head of profession had the form open
    assert "Change this offer" not in client.get(url).content.decode()
    late = client.post(url, form)
    assert late.status_code == 409 and "open for offers" in late.content.decode()
    withdraw = client.post(url, {"action": "withdraw"})
    assert withdraw.status_code == 409 and "open for offers" in withdraw.content.decode()
    r.data.refresh_from_db()
    assert r.data.title == "Data engineer"


# --- the API ----------------------------------------------------------------------------

def test_the_api_changes_with_etag_and_if_match(open_round, head_b, api_client) -> None:  # noqa: ANN001
    r = open_round
    client = api_client(head_b)
    url = f"/api/v1/programmes/offers/{r.data.pk}/"
    got = client.get(url)
    assert got.status_code == 200 and got["ETag"]
    body = got.json()
    assert body["host_organisation"]["id"] == r.data.host_organisation_id
    assert body["location"] == {"id": r.london.pk, "name": "London"}
    stale = got["ETag"]
    changed = client.patch(url, {"capacity": 4}, format="json", HTTP_IF_MATCH=stale)
    assert changed.status_code == 200, changed.content
    assert changed.json()["capacity"] == 4 and changed.json()["title"] == "Data engineer"
    assert changed["ETag"] != stale
    refused = client.patch(url, {"capacity": 5}, format="json", HTTP_IF_MATCH=stale)
    assert refused.status_code == 412 and refused["ETag"] == changed["ETag"]
    bad = client.patch(url, {"capacity": 0, "location": 999999}, format="json")
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json()["errors"]} >= {"capacity"}
    assert client.patch(url, {"location": r.leeds.pk, "skills": []},
                        format="json").json()["location"]["name"] == "Leeds"
    assert client.delete(url, HTTP_IF_MATCH=stale).status_code == 412
    assert client.delete(url).status_code == 204
    assert not PostingOffer.objects.filter(pk=r.data.pk).exists()
    assert client.get(url).status_code == 404


def test_the_api_refuses_others_and_a_closed_round(open_round, head_a, head_b, people,  # noqa: ANN001
                                                   make_account, api_client) -> None:  # noqa: ANN001
    r = open_round
    url = f"/api/v1/programmes/offers/{r.data.pk}/"
    staff = api_client(make_account(person=people.a_staff1))
    assert staff.get(url).status_code == 200  # a fast streamer of the scheme sees offers
    assert staff.patch(url, {"capacity": 2}, format="json").status_code == 403
    assert staff.delete(url).status_code == 403
    assert api_client(head_a).patch(url, {"capacity": 2}, format="json").status_code == 403
    _close_offers(r)
    client = api_client(head_b)
    conflict = client.patch(url, {"capacity": 2}, format="json")
    assert conflict.status_code == 409
    assert conflict.json()["current_state"] == "preferences"
    assert client.delete(url).status_code == 409
    assert client.patch(url, {}, format="json").status_code == 200  # nothing to change
    r.data.refresh_from_db()
    assert r.data.capacity == 1


# --- the command line -------------------------------------------------------------------

def test_the_command_line_changes_and_withdraws(open_round, org_a) -> None:  # noqa: ANN001
    r = open_round
    out = io.StringIO()
    call_command("programmes_fast_stream", "edit-offer", "--offer", str(r.data.pk),
                 "--capacity", "2", "--host", org_a.abbreviation, "--clearance", "sc",
                 stdout=out)
    assert "2 places" in out.getvalue()
    r.data.refresh_from_db()
    assert (r.data.capacity, r.data.host_organisation, r.data.clearance) == (
        2, org_a, Clearance.SC)
    with pytest.raises(CommandError, match="capacity"):
        call_command("programmes_fast_stream", "edit-offer", "--offer", str(r.data.pk),
                     "--capacity", "0", stdout=io.StringIO())
    _close_offers(r)
    with pytest.raises(CommandError, match="open for offers"):
        call_command("programmes_fast_stream", "withdraw-offer", "--offer",
                     str(r.architect.pk), stdout=io.StringIO())
    assert PostingOffer.objects.count() == 2


# --- the race ---------------------------------------------------------------------------

@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_change_racing_the_round_moving_on_is_kept_or_refused(open_round, head_b) -> None:  # noqa: ANN001
    """Closing the offers and changing an offer at once: either the change came first
    (and is kept) or it is refused with a conflict; never changed after the round moved."""
    r = open_round
    results = run_together([
        lambda: services.update_offer(actor=head_b, offer=r.data, capacity=7),
        lambda: services.transition_round(actor=None, round_id=r.round.pk,
                                          action="open_preferences"),
    ])
    assert isinstance(results[1], PostingRound), results
    r.data.refresh_from_db()
    if isinstance(results[0], TransitionConflict):
        assert r.data.capacity == 1
    else:
        assert isinstance(results[0], PostingOffer), results
        assert r.data.capacity == 7
        changed = (AuditEvent.objects.get(action=AuditEvent.Action.RECORD_UPDATED,
                                          target_id=str(r.data.pk)).occurred_at)
        moved = AuditEvent.objects.get(action="transition", target_id=str(r.round.pk))
        assert changed <= moved.occurred_at
