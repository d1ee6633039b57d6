"""PATCH is partial, PUT is full and creates answer 201, on every operation in the schema.

The operations are read from the same OpenAPI document the conformance test checks, so an
endpoint added later is covered without editing this file:

- a PATCH that sends one field, with the value the record already has, changes nothing
  else (a partial update must not clear the fields it was not sent);
- a PATCH with an empty body is accepted and changes nothing;
- a PUT that leaves out a required field is a 400 naming that field;
- a POST to a collection (a path that does not end in an action or parameter) documents
  201 as its success.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.test_api_schema_conformance import KNOWN, RAW_SCHEMA, World, _load_world

PATHS: dict[str, dict[str, Any]] = RAW_SCHEMA["paths"]
COMPONENTS: dict[str, Any] = RAW_SCHEMA["components"]["schemas"]
#: Fields a response shows that change on every write, or are not part of the record.
VOLATILE = {"updated_at", "version", "modified", "etag"}


def _request_schema(operation: dict[str, Any]) -> dict[str, Any]:
    content = operation.get("requestBody", {}).get("content", {})
    body = content.get("application/json", {}).get("schema", {})
    name = body.get("$ref", "").rsplit("/", 1)[-1]
    return COMPONENTS.get(name, body)


def _operations(method: str) -> list[str]:
    return sorted(path for path, item in PATHS.items() if method in item)


def _url(world: World, path: str) -> str:
    values = world.known("administrator", path)
    assert set(values) == set(KNOWN.get(path, {})), path
    return path.format(**values)


def _stable(body: Any) -> Any:
    if isinstance(body, dict):
        return {key: _stable(value) for key, value in body.items() if key not in VOLATILE}
    if isinstance(body, list):
        return [_stable(value) for value in body]
    return body


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):  # noqa: ANN001, ANN201
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield _load_world()
        transaction.set_rollback(True)


@pytest.fixture
def api(world: World, db) -> Client:  # noqa: ANN001
    return Client(headers=world.headers["administrator"])


def _get(api: Client, url: str) -> dict[str, Any]:
    response = api.get(url)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return response.json()


def _patch(api: Client, url: str, body: dict[str, Any]):  # noqa: ANN202
    return api.patch(url, data=json.dumps(body), content_type="application/json")


PATCH_WITH_GET = [path for path in _operations("patch") if "get" in PATHS[path]]


@pytest.mark.parametrize("path", PATCH_WITH_GET)
def test_patch_with_nothing_changes_nothing(path: str, world: World, api: Client) -> None:
    url = _url(world, path)
    before = _stable(_get(api, url))
    response = _patch(api, url, {})
    assert response.status_code == 200, (path, response.content[:300])
    assert _stable(_get(api, url)) == before


@pytest.mark.parametrize("path", PATCH_WITH_GET)
def test_patch_of_one_field_keeps_the_others(path: str, world: World, api: Client) -> None:
    """Each writable field sent alone with its current value leaves the record as it was."""
    url = _url(world, path)
    before = _get(api, url)
    writable = _request_schema(PATHS[path]["patch"]).get("properties", {})
    sent = 0
    for name, spec in writable.items():
        if spec.get("readOnly") or name not in before:
            continue
        value = before[name]
        nested = isinstance(value, dict) or (
            isinstance(value, list) and any(isinstance(item, dict) for item in value))
        if nested:  # a nested representation ({id, name}) is not its input form
            continue
        response = _patch(api, url, {name: value})
        assert response.status_code == 200, (path, name, value, response.content[:300])
        assert _stable(_get(api, url)) == _stable(before), (path, name)
        sent += 1
    assert sent, f"{path}: no field could be sent back as it was read"


def _only_writer(path: str) -> dict[str, str] | None:
    """Headers for the one person who may write where no demo role can: an assessor's own
    scores go only to the assessor allocated (the demo's first allocation's assessor, who
    gets an account here if they have none)."""
    if path != "/api/v1/accreditation/allocations/{allocation_id}/scores/":
        return None
    from cadre.access.services import create_token
    from cadre.accreditation.models import Allocation
    from tests.factories import UserFactory

    person = Allocation.objects.order_by("pk").select_related("assessor__person").first() \
        .assessor.person
    if person.account is None:
        person.account = UserFactory()
        person.save(update_fields=["account"])
    _, raw = create_token(user=person.account, actor=None)
    return {"Authorization": f"Token {raw}"}


PUT_WITH_REQUIRED = [path for path in _operations("put")
                     if _request_schema(PATHS[path]["put"]).get("required")]


@pytest.mark.parametrize("path", PUT_WITH_REQUIRED)
def test_put_without_a_required_field_is_refused(path: str, world: World,
                                                 api: Client) -> None:
    """Sent as the administrator, or, where only the person may write (the mobility
    preference, a fast streamer's choices), as the professional."""
    url = _url(world, path)
    schema = _request_schema(PATHS[path]["put"])
    empty = api.put(url, data=json.dumps({}), content_type="application/json")
    if empty.status_code in (403, 404):
        api = Client(headers=_only_writer(path) or world.headers["professional"])
    for name in schema["required"]:
        response = api.put(url, data=json.dumps({}), content_type="application/json")
        assert response.status_code == 400, (path, response.content[:300])
        body = response.json()
        assert name in json.dumps(body), (path, name, body)


def _is_collection(path: str) -> bool:
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return not last.startswith("{")


CREATES = [path for path in _operations("post") if _is_collection(path)
           and "201" in PATHS[path]["post"]["responses"]]


def test_creates_answer_201() -> None:
    """Every POST whose success is a new record documents 201; the others are actions."""
    actions = {path for path in _operations("post") if path not in CREATES}
    for path in actions:
        responses = PATHS[path]["post"]["responses"]
        assert "200" in responses or "202" in responses, path
    assert len(CREATES) >= 15


def test_pool_member_patch_keeps_the_note(world: World, api: Client) -> None:
    """The case from issue 11: sending only ``review_on`` must not clear ``note``."""
    from cadre.talent.models import PoolMembership

    member = PoolMembership.objects.order_by("pk").first()
    member.note = "Keep this note"
    member.save(update_fields=["note"])
    response = _patch(api, f"/api/v1/talent/pool-members/{member.pk}/",
                      {"review_on": "2031-01-31"})
    assert response.status_code == 200, response.content[:300]
    member.refresh_from_db()
    assert member.note == "Keep this note"
    assert str(member.review_on) == "2031-01-31"
