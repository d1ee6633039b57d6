# ruff: noqa: F811 - fixtures imported from xapi_fixtures are named as arguments
"""Bad input to /xapi/: every refusal is a 400 (413 for a body too large) naming the
property, with nothing stored; never a 500. And the plain checker on its own."""

from __future__ import annotations

import json

import pytest

from cadre.learning import xapi
from cadre.learning.models import StoredStatement
from cadre.learning.services.xapi import MAX_BATCH
from cadre.learning.tests.xapi_fixtures import lrs, statement, world  # noqa: F401
from cadre.learning.views.xapi import MAX_BODY

pytestmark = pytest.mark.django_db


def _fields(response) -> list[str]:  # noqa: ANN001
    return [e["field"] for e in response.json()["errors"]]


def test_not_json_or_not_json_content(lrs) -> None:  # noqa: ANN001
    response = lrs.client.post("/xapi/statements", data="{not json",
                               content_type="application/json", **lrs.headers)
    assert response.status_code == 400 and "body" in _fields(response)
    response = lrs.client.post("/xapi/statements", data="a=b",
                               content_type="application/x-www-form-urlencoded", **lrs.headers)
    assert response.status_code == 400 and "Content-Type" in _fields(response)
    response = lrs.client.post("/xapi/statements", data=b"\xff\xfe",
                               content_type="application/json", **lrs.headers)
    assert response.status_code == 400
    for body in ("[]", "42", '"text"', "null"):
        response = lrs.client.post("/xapi/statements", data=body,
                                   content_type="application/json", **lrs.headers)
        assert response.status_code == 400, body
    assert not StoredStatement.objects.exists()


def test_a_body_too_large_is_413(lrs) -> None:  # noqa: ANN001
    body = statement(result={"response": "x" * 4000})
    response = lrs.post([body] * ((MAX_BODY // 4000) + 5))
    assert response.status_code == 413
    assert not StoredStatement.objects.exists()


def test_too_many_statements(lrs) -> None:  # noqa: ANN001
    response = lrs.post([statement() for _ in range(MAX_BATCH + 1)])
    assert response.status_code == 400 and "statements" in _fields(response)
    assert lrs.post([statement() for _ in range(MAX_BATCH)]).status_code == 200


@pytest.mark.parametrize(("change", "field"), [
    (lambda s: s["result"].__setitem__("response", "x" * (xapi.MAX_STRING + 1)),
     "result.response"),
    (lambda s: s["object"].__setitem__("id", "https://e.org/" + "a" * xapi.MAX_IRI),
     "object.id"),
    (lambda s: s["actor"].__setitem__("name", "n" * 201), "actor.name"),
    (lambda s: s["verb"].__setitem__("display", {f"en-{i:03d}": "x" for i in range(101)}),
     "verb.display"),
    (lambda s: s["result"].__setitem__("extensions", {"not an iri": 1}),
     "result.extensions['not an iri']"),
    (lambda s: s.__setitem__("attachments", [{"usageType": "https://e.org/u"}]),
     "attachments[0].display"),
    (lambda s: s["context"].__setitem__("contextActivities", {"parent": [{"id": "x"}]}),
     "context.contextActivities.parent[0].id"),
    (lambda s: s["context"].__setitem__("language", "not a tag!"), "context.language"),
    (lambda s: s["context"].__setitem__("team", {"mbox": "mailto:t@e.org"}), "context.team"),
    (lambda s: s["object"].__setitem__("definition", {"interactionType": "essay"}),
     "object.definition.interactionType"),
])
def test_limits_and_shapes_name_the_property(lrs, change, field: str) -> None:  # noqa: ANN001
    body = statement(result={}, context={})
    change(body)
    response = lrs.post(body)
    assert response.status_code == 400, response.content
    assert field in _fields(response), _fields(response)
    assert not StoredStatement.objects.exists()


def test_deep_extensions_are_refused(lrs) -> None:  # noqa: ANN001
    deep: dict = {}
    here = deep
    for _ in range(20):
        here["a"] = {}
        here = here["a"]
    body = statement(result={"extensions": {"https://e.org/x": deep}})
    assert lrs.post(body).status_code == 400


def test_unsupported_methods_and_parameters(lrs) -> None:  # noqa: ANN001
    # DELETE is not in the permission map: refused before the view (statements stay)
    assert lrs.client.delete("/xapi/statements", **lrs.headers).status_code == 403
    response = lrs.client.post("/xapi/about", **lrs.headers)
    assert response.status_code in (403, 405)
    response = lrs.client.post("/xapi/statements?statementId=6fa459ea-ee8a-3ca4-894e-"
                               "db77e160355e", data=json.dumps(statement()),
                               content_type="application/json", **lrs.headers)
    assert response.status_code == 400 and "statementId" in _fields(response)
    assert lrs.get({"registration": "6fa459ea-ee8a-3ca4-894e-db77e160355e"}).status_code == 400


def test_the_checker_lists_every_problem_with_its_path() -> None:
    with pytest.raises(xapi.XapiError) as caught:
        xapi.check_statement({"actor": {}, "verb": {"id": "nope"}, "extra": 1})
    paths = [path for path, _ in caught.value.problems]
    assert {"actor", "verb.id", "object", "extra"} <= set(paths)
    assert "verb.id:" in str(caught.value)
    with pytest.raises(xapi.XapiError):
        xapi.check_statement([])


@pytest.mark.parametrize("value", ["PT1H", "P1D", "P1Y2M3DT4H5M6.5S", "PT0S", "P2W"])
def test_durations_taken(value: str) -> None:
    xapi.check_statement(statement(result={"duration": value}))


@pytest.mark.parametrize("value", ["PT", "1H", "P1H", "PT1D", "P-1D"])
def test_durations_refused(value: str) -> None:
    with pytest.raises(xapi.XapiError):
        xapi.check_statement(statement(result={"duration": value}))


def test_the_longest_identifiers_are_stored(lrs) -> None:  # noqa: ANN001
    long_home = "https://platform.example/" + "é" * (xapi.MAX_IRI - 25)
    body = statement(activity="https://e.org/" + "ü" * (xapi.MAX_IRI - 14))
    body["actor"] = {"account": {"homePage": long_home, "name": "n" * 200}}
    body["object"] = {"objectType": "Agent",
                      "account": {"homePage": long_home, "name": "m" * 200}}
    response = lrs.post(body)
    assert response.status_code == 200, response.content
    agent = json.dumps(body["actor"])
    assert len(lrs.get({"agent": agent}).json()["statements"]) == 1
