"""``?framework=`` on the role-level and skill lists: an id or nothing, never a 500
(the conformance run found ``?framework=¹`` answering 500)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/api/v1/role-levels/", "/api/v1/skills/"])
@pytest.mark.parametrize("value", ["¹", "abc", "0", "99999999999999999999"])
def test_a_framework_that_is_not_an_id_is_refused(default_framework, make_account, api_client,
                                                   url, value) -> None:  # noqa: ANN001
    response = api_client(make_account()).get(url, {"framework": value})
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["framework"]


def test_a_framework_id_or_none(default_framework, make_account, api_client) -> None:  # noqa: ANN001
    client = api_client(make_account())
    assert client.get("/api/v1/skills/", {"framework": default_framework.pk}).json()["count"]
    assert client.get("/api/v1/skills/").json()["count"]
    assert client.get("/api/v1/skills/", {"framework": 999999}).status_code == 404


def test_the_pages_do_not_fail_on_odd_digits(default_framework, make_account,
                                             web_client) -> None:  # noqa: ANN001
    response = web_client(make_account()).get("/framework/", {"framework": "¹"})
    assert response.status_code == 404
