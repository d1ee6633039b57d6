"""Races on PostgreSQL: two feeds made at once for one person leave exactly one working;
two first looks at a community's feed make one key; two revokes revoke once."""

from __future__ import annotations

import pytest

from cadre.audit.models import AuditEvent
from cadre.community.models import Community, PersonalFeed
from cadre.community.selectors import feeds as sel
from cadre.community.services import feeds as services
from cadre.community.tests.feeds_fixtures import fw  # noqa: F401 - fixture
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_two_new_feeds_at_once_leave_one_working(fw) -> None:  # noqa: ANN001, F811
    person = fw.people.a_staff1
    results = run_together([
        lambda: services.create_personal_feed(actor=fw.accounts.member, person=person),
        lambda: services.create_personal_feed(actor=fw.accounts.member, person=person),
    ])
    assert all(isinstance(r, tuple) for r in results), results
    working = [raw for _, raw in results if sel.feed_for_token(raw) is not None]
    assert len(working) == 1
    assert PersonalFeed.objects.filter(person=person).count() == 2
    assert PersonalFeed.objects.filter(person=person, revoked_at__isnull=True).count() == 1


def test_two_revokes_at_once_revoke_once(fw) -> None:  # noqa: ANN001, F811
    person = fw.people.a_staff1
    services.create_personal_feed(actor=fw.accounts.member, person=person)
    results = run_together([
        lambda: services.revoke_personal_feed(actor=fw.accounts.member, person=person),
        lambda: services.revoke_personal_feed(actor=fw.accounts.member, person=person),
    ])
    assert sum(isinstance(r, PersonalFeed) for r in results) == 1, results
    assert sum(r is None for r in results) == 1
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TOKEN_REVOKED).count() == 1


def test_two_first_looks_make_one_community_key(fw) -> None:  # noqa: ANN001, F811
    results = run_together([
        lambda: services.ensure_community_key(actor=fw.accounts.member,
                                              community_id=fw.open.pk),
        lambda: services.ensure_community_key(actor=fw.accounts.outsider,
                                              community_id=fw.open.pk),
    ])
    assert results[0] == results[1] == Community.objects.get(pk=fw.open.pk).feed_key
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TOKEN_CREATED,
                                     target_type="community.Community").count() == 1
