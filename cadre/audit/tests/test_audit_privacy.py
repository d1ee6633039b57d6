"""The audit trail, page, export and API, is for administrators only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_only_administrators_read_the_audit_trail(people, org_a, make_account, web_client,
                                                  api_client) -> None:  # noqa: ANN001
    make_account(Role.HEAD_OF_PROFESSION, org_a)  # granting a role is audited
    event = AuditEvent.objects.first()
    assert event is not None
    pages = [reverse("audit:list"), reverse("audit:export")]
    endpoints = [reverse("api:audit-event-list"), reverse("api:audit-event-detail",
                                                          args=[event.pk])]
    for outsider in (make_account(Role.CENTRAL_TEAM), make_account(Role.HEAD_OF_PROFESSION, org_a),
                     make_account(Role.ANALYST), make_account(person=people.a_head)):
        for url in pages:
            assert web_client(outsider).get(url).status_code == 403
        for url in endpoints:
            assert api_client(outsider).get(url).status_code == 403
    admin = make_account(Role.ADMINISTRATOR)
    assert web_client(admin).get(pages[0]).status_code == 200
    assert api_client(admin).get(endpoints[1]).json()["id"] == event.pk
