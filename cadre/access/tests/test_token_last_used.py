"""``ApiToken.last_used_at`` is written at most once a minute, so token reads stay reads."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cadre.access.authentication import LAST_USED_INTERVAL, record_token_use
from cadre.access.models import ApiToken
from cadre.access.services import create_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _token_writes(queries: CaptureQueriesContext) -> int:
    return sum(1 for q in queries.captured_queries
               if q["sql"].startswith("UPDATE") and "access_apitoken" in q["sql"])


def test_a_burst_of_requests_writes_last_used_once(client) -> None:  # noqa: ANN001
    user = UserFactory()
    token, raw = create_token(user=user, actor=None)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {raw}")
            assert response.status_code == 200
    assert _token_writes(queries) == 1
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert timezone.now() - token.last_used_at < LAST_USED_INTERVAL


def test_last_used_moves_on_after_the_interval() -> None:
    token, _ = create_token(user=UserFactory(), actor=None)
    start = timezone.now()
    assert record_token_use(token, now=start)
    assert not record_token_use(token, now=start + timedelta(seconds=59))
    later = start + timedelta(seconds=61)
    assert record_token_use(token, now=later)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == later


def test_a_stale_copy_does_not_write_over_a_fresh_value() -> None:
    """Two servers holding the same stale copy: only the first writes."""
    token, _ = create_token(user=UserFactory(), actor=None)
    first = ApiToken.objects.get(pk=token.pk)
    second = ApiToken.objects.get(pk=token.pk)
    now = timezone.now()
    assert record_token_use(first, now=now)
    assert not record_token_use(second, now=now + timedelta(seconds=5))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == now


def test_revoked_tokens_are_refused_and_not_touched(client) -> None:  # noqa: ANN001
    token, raw = create_token(user=UserFactory(), actor=None)
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {raw}")
    assert response.status_code == 401
    assert ApiToken.objects.get(pk=token.pk).last_used_at is None
