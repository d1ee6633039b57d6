"""Accounts and roles are for administrators only; ``/api/v1/me/`` tells an account about itself
and nobody else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.access.models import RoleAssignment, User
from cadre.access.roles import Role

pytestmark = pytest.mark.django_db


def test_account_pages_refuse_everyone_but_administrators(people, org_a, make_account,
                                                          web_client) -> None:  # noqa: ANN001
    target = make_account(Role.HEAD_OF_PROFESSION, org_a)
    assignment = RoleAssignment.objects.get(user=target)
    pages = [reverse("access:accounts"), reverse("access:account-create"),
             reverse("access:account", args=[target.pk])]
    writes = [(reverse("access:account-create"), {"email": "new@example.gov.uk"}),
              (reverse("access:account-active", args=[target.pk]), {"active": "0"}),
              (reverse("access:role-revoke", args=[assignment.pk]), {})]
    for outsider in (make_account(Role.CENTRAL_TEAM), make_account(Role.HEAD_OF_PROFESSION, org_a),
                     make_account(person=people.a_staff1), make_account(Role.ANALYST)):
        client = web_client(outsider)
        for url in pages:
            response = client.get(url)
            assert response.status_code == 403 and target.email not in response.content.decode()
        for url, data in writes:
            assert client.post(url, data).status_code == 403
    target.refresh_from_db()
    assert target.is_active and not User.objects.filter(email="new@example.gov.uk").exists()
    assert RoleAssignment.objects.current().filter(pk=assignment.pk).exists()
    admin = web_client(make_account(Role.ADMINISTRATOR))
    assert target.email in admin.get(reverse("access:accounts")).content.decode()


def test_me_describes_the_caller_only(people, org_a, make_account, api_client) -> None:  # noqa: ANN001
    other = make_account(Role.HEAD_OF_PROFESSION, org_a)
    caller = make_account(person=people.a_staff1)
    data = api_client(caller).get(reverse("api:me")).json()
    assert data == {"email": caller.email, "roles": [], "organisations": {},
                    "person_id": people.a_staff1.pk}
    assert other.email not in str(data)
