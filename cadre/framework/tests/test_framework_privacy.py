"""The framework is reference data every account reads; only the central team changes it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.access.roles import Role
from cadre.framework.models import Framework, RoleLevel

pytestmark = pytest.mark.django_db


def test_only_the_central_team_changes_the_framework(default_framework, people, org_a,
                                                     make_account, web_client,
                                                     api_client) -> None:  # noqa: ANN001
    level = RoleLevel.objects.filter(framework=default_framework).first()
    role = level.role
    order = list(role.levels.order_by("order").values_list("pk", flat=True))
    frameworks = Framework.objects.count()
    for outsider in (make_account(Role.HEAD_OF_PROFESSION, org_a), make_account(Role.ANALYST),
                     make_account(person=people.a_head)):
        url = reverse("framework:level-order", args=[role.pk])
        assert web_client(outsider).get(url).status_code == 403
        positions = {f"position-{pk}": str(len(order) - i) for i, pk in enumerate(order)}
        assert web_client(outsider).post(url, positions).status_code == 403
        response = api_client(outsider).post(reverse("api:framework-import-document"),
                                             {"name": "Mine", "version": "1"}, format="json")
        assert response.status_code == 403
    assert list(role.levels.order_by("order").values_list("pk", flat=True)) == order
    assert Framework.objects.count() == frameworks
