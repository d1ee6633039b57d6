"""The figures make as many queries with ten times the spend, organisations, suppliers and
products as with the hand-worked world: grouped queries, no query per row."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadre.access.roles import Role
from cadre.learning.models import MatchStatus, ProductSkill, Provider
from cadre.learning.tests.figures_fixtures import people, product, spend, world  # noqa: F401
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _grow(world, n: int) -> None:  # noqa: ANN001, F811
    skill = ProductSkill.objects.filter(product=world.x).first()
    for i in range(n):
        org = OrganisationFactory()
        people(org, 3 + i, prefix=f"G{i}-")
        provider = Provider.objects.create(name=f"Grown supplier {i}")
        items = [product(provider, f"Grown product {i}-{k}") for k in range(3)]
        ProductSkill.objects.create(product=items[0], skill=skill.skill, level=skill.level)
        spend(org, [(str(100 + 10 * k), 1 + k, provider, item, MatchStatus.MATCHED)
                    for k, item in enumerate(items)]
              + [("75", 1, world.acme, world.x, MatchStatus.MATCHED),
                 ("50", None, None, None, MatchStatus.UNMATCHED)])


def _count(client, url: str, *, cold: bool) -> int:  # noqa: ANN001
    if cold:  # the grouped spend is cached under the spend's fingerprint
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_counts_do_not_grow(world, make_account, web_client, api_client) -> None:  # noqa: ANN001, F811
    user = make_account(Role.CENTRAL_TEAM)
    web, api = web_client(user), api_client(user)
    urls = [(web, reverse("learning:baseline")), (web, reverse("learning:variance")),
            (web, reverse("learning:variance-product", args=[world.x.pk])),
            (web, reverse("learning:baseline-download") + "?by=product&format=csv"),
            (web, reverse("learning:variance-download") + "?format=csv"),
            (api, reverse("api:learning-baseline")), (api, reverse("api:learning-variance")),
            (api, reverse("api:learning-variance") + f"?product={world.x.pk}")]
    for client, url in urls:  # warm: sessions, tokens, caches
        client.get(url)
    small = [_count(client, url, cold=cold) for cold in (True, False) for client, url in urls]
    _grow(world, 12)
    large = [_count(client, url, cold=cold) for cold in (True, False) for client, url in urls]
    assert small == large
    assert max(small) <= 20
