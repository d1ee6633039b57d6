"""``Scope.manages``: the one rule for "manages organisation X"."""

from __future__ import annotations

import pytest

from cadre.access.roles import Role
from cadre.access.scope import ANONYMOUS, scope_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_manages(org_a, org_b, make_account) -> None:  # noqa: ANN001
    head = scope_for(make_account(Role.HEAD_OF_PROFESSION, org_a))
    assert head.manages(org_a) and head.manages(org_a.pk)
    assert not head.manages(org_b) and not head.manages(None)
    assert head.managed_organisation_ids == frozenset({org_a.pk})
    for role in (Role.CENTRAL_TEAM, Role.ADMINISTRATOR):
        wide = scope_for(make_account(role))
        assert wide.manages(org_a) and wide.manages(org_b.pk)
        assert wide.managed_organisation_ids is None
    assert scope_for(UserFactory(is_superuser=True)).manages(org_b)
    for nobody in (scope_for(make_account(Role.LEARNING_LEAD, org_a)),
                   scope_for(make_account(Role.ANALYST)), ANONYMOUS):
        assert not nobody.manages(org_a)


def test_the_command_line_records_the_operating_system_user(monkeypatch) -> None:  # noqa: ANN001
    import io

    from django.core.management import call_command

    from cadre.access.models import User
    from cadre.audit.models import AuditEvent

    monkeypatch.setattr("getpass.getuser", lambda: "ops-sam")
    call_command("access", "grant", "--email", "new@example.gov.uk", "--role",
                 Role.CENTRAL_TEAM, stdout=io.StringIO())
    events = AuditEvent.objects.filter(action__in=["account_created", "role_granted"])
    assert {(e.action, e.actor_email) for e in events} == {
        ("account_created", "cli:ops-sam"), ("role_granted", "cli:ops-sam")}
    assert User.objects.get(email="new@example.gov.uk").history.latest().history_user is None
