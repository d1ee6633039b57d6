"""The Fast Stream services: the round workflow, preferences, allocation, overrides."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.core.workflow import TransitionConflict
from cadre.programmes import services
from cadre.programmes.models import Posting, PostingRound
from tests.races import needs_postgres, run_together

pytestmark = pytest.mark.django_db


def test_allocation_keeps_the_rules_and_explains(fast_stream, central, people) -> None:  # noqa: ANN001
    fs = fast_stream
    # a_staff1 wants the SC posting (too low a clearance) and then the host B posting;
    # b_staff wants host B (their home: not allowed), then the designer.
    services.set_preferences(actor=None, round_=fs.round, fast_streamer=fs.a_streamer,
                             offers=[fs.design, fs.data])
    services.set_preferences(actor=None, round_=fs.round, fast_streamer=fs.b_streamer,
                             offers=[fs.data, fs.design])
    dry = services.dry_run(actor=central, round_=fs.round)
    assert not Posting.objects.exists()
    by = {row.fast_streamer.pk: row for row in dry}
    assert by[fs.a_streamer.pk].offer == fs.data
    assert by[fs.a_streamer.pk].preference_rank == 2
    assert "clearance" in by[fs.a_streamer.pk].reason
    assert "'Service designer'" in by[fs.a_streamer.pk].reason
    assert by[fs.b_streamer.pk].offer == fs.design
    assert "home organisation" in by[fs.b_streamer.pk].reason
    rows = services.allocate_round(actor=central, round_=fs.round)
    assert [r.as_record() for r in rows] == [r.as_record() for r in dry]
    fs.round.refresh_from_db()
    assert fs.round.state == PostingRound.State.ALLOCATED
    assert Posting.objects.count() == 2
    event = (AuditEvent.objects.filter(action="transition", target_id=str(fs.round.pk))
             .order_by("id").last())
    assert event.data["to"] == "allocated" and event.data["placed"] == 2
    services.transition_round(actor=central, round_id=fs.round.pk, action="publish")
    fs.round.refresh_from_db()
    assert fs.round.state == PostingRound.State.PUBLISHED


def test_a_repeat_host_is_refused_in_a_later_round(fast_stream, central) -> None:  # noqa: ANN001
    fs = fast_stream
    services.set_preferences(actor=None, round_=fs.round, fast_streamer=fs.a_streamer,
                             offers=[fs.data])
    services.allocate_round(actor=central, round_=fs.round)
    services.transition_round(actor=central, round_id=fs.round.pk, action="publish")
    later = services.create_round(actor=central, scheme=fs.round.scheme, name="Autumn 2026",
                                  starts_on=fs.round.starts_on.replace(month=10))
    again = services.add_offer(actor=central, round_=later, host_organisation=fs.data
                               .host_organisation, title="Data engineer 2", location=fs.london)
    services.transition_round(actor=central, round_id=later.pk, action="open_preferences")
    services.set_preferences(actor=None, round_=later, fast_streamer=fs.a_streamer,
                             offers=[again])
    row = next(r for r in services.dry_run(actor=central, round_=later)
               if r.fast_streamer == fs.a_streamer)
    assert row.offer is None
    assert "no second posting with the same host" in row.reason


def test_unplaced_reasons_survive_allocation(fast_stream, central) -> None:  # noqa: ANN001
    fs = fast_stream
    for offer in (fs.design,):
        offer.delete()
    # Only host A's and host B's offers remain, and each fast streamer's home is one of them.
    fs.architect.delete()
    rows = services.allocate_round(actor=central, round_=fs.round)
    b_row = next(r for r in rows if r.fast_streamer == fs.b_streamer)
    assert b_row.offer is None and "no offer meets the hard rules" in b_row.reason


def test_who_may_do_what(fast_stream, people, org_b, make_account) -> None:  # noqa: ANN001
    fs = fast_stream
    hop_b = make_account(Role.HEAD_OF_PROFESSION, org_b)
    a1 = make_account(person=people.a_staff1)
    host_manager = make_account(person=people.b_head)
    with pytest.raises(PermissionDenied):
        services.dry_run(actor=hop_b, round_=fs.round)
    with pytest.raises(PermissionDenied):
        services.transition_round(actor=hop_b, round_id=fs.round.pk, action="allocate")
    with pytest.raises(PermissionDenied):
        services.set_preferences(actor=a1, round_=fs.round, fast_streamer=fs.b_streamer,
                                 offers=[fs.design])
    services.set_preferences(actor=a1, round_=fs.round, fast_streamer=fs.a_streamer,
                             offers=[fs.data])
    services.set_host_preferences(actor=host_manager, offer=fs.data,
                                  fast_streamers=[fs.a_streamer])
    with pytest.raises(PermissionDenied):
        services.set_host_preferences(actor=host_manager, offer=fs.design,
                                      fast_streamers=[fs.a_streamer])
    with pytest.raises(PermissionDenied):
        services.create_scheme(actor=hop_b, name="Data", posting_pattern=[6])


def test_bad_input_names_the_field(fast_stream, central, org_b) -> None:  # noqa: ANN001
    fs = fast_stream
    with pytest.raises(ValidationError) as exc:
        services.add_offer(actor=central, round_=fs.round, host_organisation=org_b,
                           title="Late", location=fs.london)
    assert "round" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.set_preferences(actor=None, round_=fs.round, fast_streamer=fs.a_streamer,
                                 offers=[fs.data, fs.data])
    assert "offers" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.create_scheme(actor=None, name="Data", posting_pattern=[6, 99])
    assert "posting_pattern" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.transition_round(actor=central, round_id=fs.round.pk, action="explode")
    with pytest.raises(TransitionConflict):
        services.transition_round(actor=central, round_id=fs.round.pk, action="publish")


def test_override_needs_a_reason_and_room_and_is_audited(fast_stream, central) -> None:  # noqa: ANN001
    fs = fast_stream
    services.set_preferences(actor=None, round_=fs.round, fast_streamer=fs.a_streamer,
                             offers=[fs.data])
    services.set_preferences(actor=None, round_=fs.round, fast_streamer=fs.b_streamer,
                             offers=[fs.design])
    services.allocate_round(actor=central, round_=fs.round)
    posting = Posting.objects.get(fast_streamer=fs.a_streamer)
    with pytest.raises(ValidationError) as exc:
        services.override_posting(actor=central, posting=posting, offer=fs.architect, reason="")
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.override_posting(actor=central, posting=posting, offer=fs.design,
                                  reason="Needs design experience")
    assert "full" in exc.value.message_dict["offer"][0]
    changed = services.override_posting(actor=Actor.for_user(central), posting=posting,
                                        offer=fs.architect, reason="Needed at home this time")
    assert changed.overridden and changed.offer == fs.architect
    event = AuditEvent.objects.filter(target_id=str(posting.pk),
                                      action=AuditEvent.Action.RECORD_UPDATED
                                      ).order_by("id").last()
    assert event.data["rules_broken"] == ["home_organisation"]
    assert event.data["reason"] == "Needed at home this time"


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_publishers_at_once_one_wins(fast_stream, central) -> None:  # noqa: ANN001
    fs = fast_stream
    services.allocate_round(actor=central, round_=fs.round)
    results = run_together([
        lambda: services.transition_round(actor=central, round_id=fs.round.pk,
                                          action="publish"),
        lambda: services.transition_round(actor=central, round_id=fs.round.pk,
                                          action="reopen"),
    ])
    assert sum(isinstance(r, TransitionConflict) for r in results) == 1
    assert sum(isinstance(r, PostingRound) for r in results) == 1
