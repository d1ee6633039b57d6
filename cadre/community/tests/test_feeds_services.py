"""The feeds' writes: a personal feed's token stored only as a hash, one active feed per
person, replaced and revoked with an audit event; a community's key made once and
replaced only by its leads and organisers; what each feed holds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from cadre.audit.models import AuditEvent
from cadre.community.models import Community, PersonalFeed, hash_feed_token
from cadre.community.selectors import feeds as sel
from cadre.community.services import feeds as services
from cadre.community.tests.feeds_fixtures import fw  # noqa: F401 - fixture
from cadre.core.actor import Actor

pytestmark = pytest.mark.django_db


def test_a_personal_feed_keeps_only_the_hash(fw) -> None:  # noqa: ANN001, F811
    person = fw.people.a_staff1
    feed, raw = services.create_personal_feed(actor=fw.accounts.member, person=person)
    assert len(raw) >= 40
    assert feed.token_hash == hash_feed_token(raw)
    assert not PersonalFeed.objects.filter(token_hash=raw).exists()
    assert sel.feed_for_token(raw) == feed
    assert services.personal_feed_url(raw).endswith(f"/community/calendar/personal/{raw}.ics")
    audit = AuditEvent.objects.filter(action=AuditEvent.Action.TOKEN_CREATED).first()
    assert raw not in audit.summary and raw not in str(audit.data)


def test_replacing_revokes_the_old_feed_and_revoking_stops_it(fw) -> None:  # noqa: ANN001, F811
    person = fw.people.a_staff1
    old, old_raw = services.create_personal_feed(actor=fw.accounts.member, person=person)
    new, new_raw = services.create_personal_feed(actor=fw.accounts.member, person=person)
    assert sel.feed_for_token(old_raw) is None and sel.feed_for_token(new_raw) == new
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert services.revoke_personal_feed(actor=fw.accounts.member, person=person) == new
    assert sel.feed_for_token(new_raw) is None
    assert services.revoke_personal_feed(actor=fw.accounts.member, person=person) is None
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TOKEN_REVOKED).count() == 1


def test_only_the_person_or_the_command_line_changes_a_personal_feed(fw) -> None:  # noqa: ANN001, F811
    person = fw.people.a_staff1
    for other in (fw.accounts.lead, fw.accounts.central, None):
        with pytest.raises(PermissionDenied):
            services.create_personal_feed(actor=Actor.coerce(other) if other else
                                          Actor(kind="anonymous"), person=person)
    services.create_personal_feed(actor=Actor.command_line("ops"), person=person)
    with pytest.raises(PermissionDenied):
        services.revoke_personal_feed(actor=fw.accounts.lead, person=person)
    assert sel.active_feed(person) is not None


def test_feed_use_is_noted_at_most_hourly(fw) -> None:  # noqa: ANN001, F811
    feed, _ = services.create_personal_feed(actor=fw.accounts.member,
                                            person=fw.people.a_staff1)
    now = timezone.now()
    assert services.note_feed_used(feed=feed, now=now) is True
    assert services.note_feed_used(feed=feed, now=now + dt.timedelta(minutes=30)) is False
    assert services.note_feed_used(feed=feed, now=now + dt.timedelta(minutes=61)) is True


def test_the_community_key_is_made_once_and_replaced_by_leads_and_organisers(fw) -> None:  # noqa: ANN001, F811
    assert fw.open.feed_key is None
    key = services.ensure_community_key(actor=fw.accounts.member, community_id=fw.open.pk)
    assert key and services.ensure_community_key(actor=fw.accounts.outsider,
                                                 community_id=fw.open.pk) == key
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TOKEN_CREATED).count() == 1
    for refused in (fw.accounts.member, fw.accounts.outsider, fw.accounts.no_person):
        with pytest.raises(PermissionDenied):
            services.replace_community_key(actor=refused, community_id=fw.open.pk)
    assert Community.objects.get(pk=fw.open.pk).feed_key == key
    by_lead = services.replace_community_key(actor=fw.accounts.lead, community_id=fw.open.pk)
    by_central = services.replace_community_key(actor=fw.accounts.central,
                                                community_id=fw.open.pk)
    assert len({key, by_lead, by_central}) == 3
    assert sel.community_for_key(key) is None
    assert sel.community_for_key(by_central) == fw.open
    # The lead of one community may not replace another's.
    with pytest.raises(PermissionDenied):
        services.replace_community_key(actor=fw.accounts.lead, community_id=fw.closed.pk)
    with pytest.raises(Community.DoesNotExist):
        services.ensure_community_key(actor=None, community_id=999_999)


def test_what_each_feed_holds(fw) -> None:  # noqa: ANN001, F811
    e = fw.events
    assert [x.pk for x in sel.community_events(fw.open)] == [
        e.recent.pk, e.coming.pk, e.cancelled.pk, e.later.pk]
    member = {x.event.pk: x.standing for x in sel.personal_events(fw.people.a_staff1)}
    assert member == {e.recent.pk: "registered", e.coming.pk: "registered",
                      e.cancelled.pk: "", e.later.pk: "waiting"}
    # Registered without belonging: only that event.
    assert [(x.event.pk, x.standing) for x in sel.personal_events(fw.people.b_staff)] == [
        (e.coming.pk, "registered")]
    # Left the community: nothing of it.
    assert sel.personal_events(fw.people.a_other) == []
    # The closed community's member: its coming event.
    assert [x.event.pk for x in sel.personal_events(fw.people.a_staff2)] == [e.closed.pk]
    # A cancelled registration: no place, but still a member's community event.
    registration = e.coming.registrations.get(person=fw.people.a_staff1)
    registration.status = "cancelled"
    registration.cancelled_at = timezone.now()
    registration.save()
    member = {x.event.pk: x.standing for x in sel.personal_events(fw.people.a_staff1)}
    assert member[e.coming.pk] == ""
