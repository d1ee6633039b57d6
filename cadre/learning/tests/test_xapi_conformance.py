# ruff: noqa: F811 - fixtures imported from xapi_fixtures are named as arguments
"""Conformance of /xapi/ with the statement rules of xAPI 1.0.3 (Data part 2 and
Communication part 2), one test per rule: required properties, the actor's identifier,
verbs, objects, results, voiding, conflicting ids, the version header and Basic auth."""

from __future__ import annotations

import pytest

from cadre.learning import xapi
from cadre.learning.models import StoredStatement
from cadre.learning.tests.xapi_fixtures import (  # noqa: F401
    ACTIVITY_IRI,
    XapiClient,
    lrs,
    new_id,
    other_lrs,
    statement,
    voiding,
    world,
)

pytestmark = pytest.mark.django_db


def _fields(response) -> list[str]:  # noqa: ANN001
    return [e["field"] for e in response.json()["errors"]]


def _refused(lrs, body, field: str) -> None:  # noqa: ANN001
    before = StoredStatement.objects.count()
    response = lrs.post(body)
    assert response.status_code == 400, response.content
    assert field in _fields(response), _fields(response)
    assert response["X-Experience-API-Version"] == "1.0.3"
    assert StoredStatement.objects.count() == before


# -- required properties -------------------------------------------------------------------

@pytest.mark.parametrize("missing", ["actor", "verb", "object"])
def test_actor_verb_and_object_are_required(lrs, missing: str) -> None:  # noqa: ANN001
    body = statement()
    del body[missing]
    _refused(lrs, body, missing)


def test_a_minimal_statement_is_stored_with_stored_authority_and_version(lrs) -> None:  # noqa: ANN001
    ident = new_id()
    response = lrs.post(statement(statement_id=ident))
    assert response.status_code == 200 and response.json() == [ident]
    assert response["X-Experience-API-Version"] == "1.0.3"
    got = lrs.get({"statementId": ident}).json()
    assert got["id"] == ident and got["version"] == "1.0.0"
    assert got["stored"].endswith("Z") and got["timestamp"] == got["stored"]
    assert got["authority"]["account"]["name"].startswith("cx_")


def test_an_id_is_given_when_none_is_sent(lrs) -> None:  # noqa: ANN001
    ids = lrs.post(statement()).json()
    assert len(ids) == 1 and xapi.is_uuid(ids[0])


def test_unknown_top_level_and_nested_properties_are_refused(lrs) -> None:  # noqa: ANN001
    _refused(lrs, {**statement(), "colour": "blue"}, "colour")
    body = statement()
    body["verb"]["label"] = "x"
    _refused(lrs, body, "verb.label")


def test_null_values_are_refused(lrs) -> None:  # noqa: ANN001
    _refused(lrs, {**statement(), "result": None}, "result")


def test_the_id_must_be_a_uuid(lrs) -> None:  # noqa: ANN001
    _refused(lrs, statement(statement_id="not-a-uuid"), "id")


@pytest.mark.parametrize("stamp", ["yesterday", "2026-13-01T00:00:00Z", "2026-12-05"])
def test_timestamp_must_be_iso_8601(lrs, stamp: str) -> None:  # noqa: ANN001
    _refused(lrs, statement(timestamp=stamp), "timestamp")


def test_timestamps_in_any_zone_are_taken(lrs) -> None:  # noqa: ANN001
    for stamp in ("2026-12-01T10:00:00Z", "2026-12-01T10:00:00.123456789+01:00",
                  "2026-12-01T10:00:00+0100"):
        assert lrs.post(statement(timestamp=stamp)).status_code == 200, stamp


@pytest.mark.parametrize("version", ["2.0.0", "0.95", "one"])
def test_a_statement_version_other_than_1_0_x_is_refused(lrs, version: str) -> None:  # noqa: ANN001
    _refused(lrs, statement(version=version), "version")


# -- the actor and its inverse functional identifier ---------------------------------------

def test_an_agent_needs_exactly_one_identifier(lrs) -> None:  # noqa: ANN001
    body = statement()
    body["actor"] = {"name": "Nobody"}
    _refused(lrs, body, "actor")
    body["actor"] = {"mbox": "mailto:a@example.org",
                     "openid": "https://openid.example/a"}
    _refused(lrs, body, "actor")


@pytest.mark.parametrize("actor", [
    {"mbox": "mailto:someone@example.org"},
    {"mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9"},
    {"openid": "https://openid.example/someone"},
    {"account": {"homePage": "https://platform.example", "name": "u-42"}},
])
def test_each_identifier_on_its_own_is_taken(lrs, actor: dict) -> None:  # noqa: ANN001
    body = statement()
    body["actor"] = actor
    assert lrs.post(body).status_code == 200


@pytest.mark.parametrize(("actor", "field"), [
    ({"mbox": "someone@example.org"}, "actor.mbox"),
    ({"mbox_sha1sum": "xyz"}, "actor.mbox_sha1sum"),
    ({"openid": "not an iri"}, "actor.openid"),
    ({"account": {"name": "u-42"}}, "actor.account.homePage"),
    ({"account": {"homePage": "https://platform.example"}}, "actor.account.name"),
    ({"account": {"homePage": "platform", "name": "u"}}, "actor.account.homePage"),
])
def test_each_identifier_is_checked(lrs, actor: dict, field: str) -> None:  # noqa: ANN001
    body = statement()
    body["actor"] = actor
    _refused(lrs, body, field)


def test_groups(lrs) -> None:  # noqa: ANN001
    body = statement()
    body["actor"] = {"objectType": "Group", "member": [{"mbox": "mailto:a@example.org"},
                                                       {"mbox": "mailto:b@example.org"}]}
    assert lrs.post(body).status_code == 200
    body["actor"] = {"objectType": "Group", "name": "Anonymous and empty"}
    _refused(lrs, body, "actor.member")
    body["actor"] = {"objectType": "Group", "member": [{"objectType": "Group",
                                                        "mbox": "mailto:g@example.org"}]}
    _refused(lrs, body, "actor.member[0].objectType")
    body["actor"] = {"objectType": "Team", "mbox": "mailto:g@example.org"}
    _refused(lrs, body, "actor.objectType")


# -- verb and object -------------------------------------------------------------------------

def test_the_verb_needs_an_iri_and_display_is_a_language_map(lrs) -> None:  # noqa: ANN001
    body = statement()
    body["verb"] = {"display": {"en": "completed"}}
    _refused(lrs, body, "verb.id")
    body["verb"] = {"id": "completed"}
    _refused(lrs, body, "verb.id")
    body["verb"] = {"id": xapi.COMPLETED, "display": "completed"}
    _refused(lrs, body, "verb.display")
    body["verb"] = {"id": xapi.COMPLETED, "display": {"not a tag!": "completed"}}
    _refused(lrs, body, "verb.display.not a tag!")


def test_an_activity_needs_an_iri_id(lrs) -> None:  # noqa: ANN001
    body = statement()
    body["object"] = {"objectType": "Activity"}
    _refused(lrs, body, "object.id")
    body["object"] = {"id": "course 1"}
    _refused(lrs, body, "object.id")
    body["object"] = {"id": ACTIVITY_IRI, "definition": {"name": "Secure coding"}}
    _refused(lrs, body, "object.definition.name")


def test_objects_of_each_kind(lrs) -> None:  # noqa: ANN001
    stored = lrs.post(statement()).json()[0]
    for target in (
        {"objectType": "Agent", "mbox": "mailto:mentor@example.org"},
        {"objectType": "StatementRef", "id": stored},
        {"objectType": "SubStatement", "actor": {"mbox": "mailto:x@example.org"},
         "verb": {"id": "http://adlnet.gov/expapi/verbs/attempted"},
         "object": {"id": ACTIVITY_IRI}},
    ):
        body = statement()
        body["object"] = target
        assert lrs.post(body).status_code == 200, target
    body = statement()
    body["object"] = {"objectType": "StatementRef", "id": "nope"}
    _refused(lrs, body, "object.id")
    body["object"] = {"objectType": "SubStatement", "id": new_id(),
                      "actor": {"mbox": "mailto:x@example.org"},
                      "verb": {"id": xapi.COMPLETED}, "object": {"id": ACTIVITY_IRI}}
    _refused(lrs, body, "object.id")
    body["object"] = {"objectType": "SubStatement", "actor": {"mbox": "mailto:x@example.org"},
                      "verb": {"id": xapi.COMPLETED},
                      "object": {"objectType": "SubStatement"}}
    _refused(lrs, body, "object.object.objectType")
    body["object"] = {"objectType": "Thing", "id": ACTIVITY_IRI}
    _refused(lrs, body, "object.objectType")


def test_context_revision_and_platform_not_with_an_agent_object(lrs) -> None:  # noqa: ANN001
    body = statement(context={"platform": "Moodle"})
    body["object"] = {"objectType": "Agent", "mbox": "mailto:mentor@example.org"}
    _refused(lrs, body, "context.platform")
    _refused(lrs, statement(context={"registration": "x"}), "context.registration")


# -- result ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("result", "field"), [
    ({"score": {"scaled": 1.5}}, "result.score.scaled"),
    ({"score": {"scaled": -1.01}}, "result.score.scaled"),
    ({"score": {"raw": 11, "min": 0, "max": 10}}, "result.score.raw"),
    ({"score": {"raw": -1, "min": 0, "max": 10}}, "result.score.raw"),
    ({"score": {"min": 10, "max": 0}}, "result.score.min"),
    ({"score": {"raw": "9"}}, "result.score.raw"),
    ({"success": "yes"}, "result.success"),
    ({"completion": 1}, "result.completion"),
    ({"duration": "90 minutes"}, "result.duration"),
    ({"duration": "P"}, "result.duration"),
    ({"grade": "A"}, "result.grade"),
])
def test_result_rules(lrs, result: dict, field: str) -> None:  # noqa: ANN001
    _refused(lrs, statement(result=result), field)


def test_a_full_result_is_taken(lrs) -> None:  # noqa: ANN001
    result = {"score": {"scaled": 0.9, "raw": 9, "min": 0, "max": 10}, "success": True,
              "completion": True, "duration": "PT1H30M", "response": "all correct",
              "extensions": {"https://learning.example/ext/attempts": 2}}
    assert lrs.post(statement(result=result)).status_code == 200


# -- lists -------------------------------------------------------------------------------------

def test_a_list_is_all_or_nothing_and_names_the_bad_statement(lrs) -> None:  # noqa: ANN001
    good, bad = statement(statement_id=new_id()), statement()
    del bad["verb"]
    response = lrs.post([good, bad])
    assert response.status_code == 400 and "[1].verb" in _fields(response)
    assert not StoredStatement.objects.exists()
    response = lrs.post([good, statement(statement_id=good["id"])])
    assert response.status_code == 400 and "[1].id" in _fields(response)
    assert not StoredStatement.objects.exists()


def test_a_list_returns_the_ids_in_order(lrs) -> None:  # noqa: ANN001
    ids = [new_id(), new_id()]
    response = lrs.post([statement(statement_id=ids[0]), statement(statement_id=ids[1])])
    assert response.json() == ids


# -- conflicting ids ----------------------------------------------------------------------

def test_the_same_id_with_the_same_content_is_accepted_once(lrs) -> None:  # noqa: ANN001
    ident = new_id()
    body = statement(statement_id=ident, timestamp="2026-12-01T10:00:00Z")
    assert lrs.post(body).status_code == 200
    again = statement(statement_id=ident.upper(), timestamp="2026-12-01T11:00:00+01:00")
    again["object"]["definition"] = {"name": {"en": "Renamed"}}  # definitions do not count
    response = lrs.post(again)
    assert response.status_code == 200 and response.json() == [ident]
    assert lrs.put(ident, body).status_code == 204
    assert StoredStatement.objects.filter(statement_id=ident).count() == 1


def test_the_same_id_with_different_content_is_a_409(lrs) -> None:  # noqa: ANN001
    ident = new_id()
    assert lrs.post(statement(statement_id=ident)).status_code == 200
    response = lrs.post(statement(statement_id=ident, verb="http://adlnet.gov/expapi/verbs/passed"))
    assert response.status_code == 409 and response["X-Experience-API-Version"] == "1.0.3"
    assert lrs.put(ident, statement(email="else@example.org")).status_code == 409
    assert StoredStatement.objects.count() == 1


def test_same_statement_ignores_what_the_store_sets() -> None:
    one = statement(statement_id=new_id(), timestamp="2026-12-01T10:00:00Z")
    two = {**one, "stored": "2026-12-02T00:00:00Z", "version": "1.0.3",
           "authority": {"mbox": "mailto:lrs@example.org"}}
    two["actor"] = {**one["actor"]}
    two["actor"].pop("objectType")
    assert xapi.same_statement(one, two)
    assert not xapi.same_statement(one, {**one, "result": {"success": True}})


def test_put_needs_a_matching_statement_id(lrs) -> None:  # noqa: ANN001
    ident = new_id()
    assert lrs.put(ident, statement()).status_code == 204
    assert StoredStatement.objects.filter(statement_id=ident).exists()
    response = lrs.put(new_id(), statement(statement_id=new_id()))
    assert response.status_code == 400 and "id" in _fields(response)
    response = lrs.client.put("/xapi/statements", data="{}", content_type="application/json",
                              **lrs.headers)
    assert response.status_code == 400 and "statementId" in _fields(response)


# -- voiding -----------------------------------------------------------------------------------

def test_voiding_needs_a_statement_ref(lrs) -> None:  # noqa: ANN001
    body = statement(verb=xapi.VOIDED)
    _refused(lrs, body, "object")


def test_a_voided_statement_is_found_only_by_voided_statement_id(lrs) -> None:  # noqa: ANN001
    target = lrs.post(statement()).json()[0]
    voider = lrs.post(voiding(target)).json()[0]
    assert lrs.get({"statementId": target}).status_code == 404
    assert lrs.get({"voidedStatementId": target}).json()["id"] == target
    assert lrs.get({"voidedStatementId": voider}).status_code == 404
    assert lrs.get({"statementId": voider}).json()["object"]["id"] == target
    listed = [s["id"] for s in lrs.get().json()["statements"]]
    assert target not in listed and voider in listed


def test_a_voiding_statement_cannot_be_voided(lrs) -> None:  # noqa: ANN001
    target = lrs.post(statement()).json()[0]
    voider = lrs.post(voiding(target)).json()[0]
    _refused(lrs, voiding(voider), "object.id")
    first = new_id()
    response = lrs.post([voiding(target, statement_id=first), voiding(first)])
    assert response.status_code == 400 and "[1].object.id" in _fields(response)


# -- the version header and auth ------------------------------------------------------------

def test_the_version_header_is_required(world) -> None:  # noqa: ANN001, F811
    for version in (None, "0.95", "2.0.0", "banana"):
        client = XapiClient(world.credential, world.secret, version=version)
        for response in (client.post(statement()), client.get()):
            assert response.status_code == 400, version
            assert "X-Experience-API-Version" in _fields(response)
            assert response["X-Experience-API-Version"] == "1.0.3"
    assert not StoredStatement.objects.exists()
    assert XapiClient(world.credential, world.secret, version="1.0.1").get().status_code == 200


def test_about_gives_the_version_without_credentials() -> None:
    from django.test import Client

    response = Client().get("/xapi/about")
    assert response.status_code == 200 and "1.0.3" in response.json()["version"]
    assert response["X-Experience-API-Version"] == "1.0.3"


def test_basic_auth_is_required(world) -> None:  # noqa: ANN001, F811
    for client in (XapiClient(None), XapiClient(world.credential, "wrong secret")):
        for response in (client.post(statement()), client.get()):
            assert response.status_code == 401
            assert response["WWW-Authenticate"].startswith("Basic")
            assert response["X-Experience-API-Version"] == "1.0.3"
    bad = XapiClient(None)
    bad.headers["HTTP_AUTHORIZATION"] = "Basic !!!"
    assert bad.get().status_code == 401
    assert not StoredStatement.objects.exists()


def test_a_revoked_credential_is_refused(world, lrs) -> None:  # noqa: ANN001, F811
    from cadre.core.actor import Actor
    from cadre.learning.services.xapi import revoke_credential

    revoke_credential(actor=Actor.system(), credential_id=world.credential.pk)
    assert lrs.post(statement()).status_code == 401
    assert lrs.get().status_code == 401


# -- queries --------------------------------------------------------------------------------

def test_filters_and_the_more_link(lrs) -> None:  # noqa: ANN001
    ids = lrs.post([statement(email=f"p{i}@example.org") for i in range(5)]).json()
    lrs.post(statement(verb="http://adlnet.gov/expapi/verbs/attempted",
                       activity="https://learning.example/other"))
    page = lrs.get({"limit": "2", "verb": xapi.COMPLETED}).json()
    assert [s["id"] for s in page["statements"]] == ids[::-1][:2]
    assert page["more"].startswith("/xapi/statements?")
    rest = lrs.client.get(page["more"], **lrs.headers).json()
    assert [s["id"] for s in rest["statements"]] == ids[::-1][2:4]
    agent = '{"mbox": "mailto:p3@example.org"}'
    assert [s["id"] for s in lrs.get({"agent": agent}).json()["statements"]] == [ids[3]]
    only = lrs.get({"activity": "https://learning.example/other"}).json()["statements"]
    assert len(only) == 1
    ascending = lrs.get({"ascending": "true", "verb": xapi.COMPLETED}).json()["statements"]
    assert [s["id"] for s in ascending] == ids
    assert lrs.get({"since": "2999-01-01T00:00:00Z"}).json()["statements"] == []
    assert "X-Experience-API-Consistent-Through" in lrs.get()


@pytest.mark.parametrize(("params", "field"), [
    ({"limit": "-1"}, "limit"), ({"since": "soon"}, "since"), ({"agent": "{"}, "agent"),
    ({"agent": '{"name": "x"}'}, "agent"), ({"verb": "completed"}, "verb"),
    ({"ascending": "maybe"}, "ascending"), ({"more": "forged"}, "more"),
    ({"statementId": "x"}, "statementId"), ({"colour": "blue"}, "colour"),
    ({"statementId": "6fa459ea-ee8a-3ca4-894e-db77e160355e",
      "voidedStatementId": "6fa459ea-ee8a-3ca4-894e-db77e160355e"}, "statementId"),
])
def test_bad_queries_name_the_parameter(lrs, params: dict, field: str) -> None:  # noqa: ANN001
    response = lrs.get(params)
    assert response.status_code == 400 and field in _fields(response)


def test_the_same_statement_without_a_timestamp_is_accepted_again(lrs) -> None:  # noqa: ANN001
    ident = new_id()
    assert lrs.post(statement(statement_id=ident)).status_code == 200
    assert lrs.post(statement(statement_id=ident)).status_code == 200
    assert lrs.post(statement(statement_id=ident,
                              timestamp="2020-01-01T00:00:00Z")).status_code == 409


def test_comparison_ignores_member_order_context_definitions_and_uuid_case() -> None:
    ident = new_id()
    one = statement(statement_id=ident, context={
        "registration": ident.upper(),
        "contextActivities": {"parent": {"id": "https://e.org/p",
                                         "definition": {"name": {"en": "P"}}}}})
    one["actor"] = {"objectType": "Group", "member": [{"mbox": "mailto:a@example.org"},
                                                      {"mbox": "mailto:b@example.org"}]}
    two = statement(statement_id=ident, context={
        "registration": ident,
        "contextActivities": {"parent": [{"objectType": "Activity", "id": "https://e.org/p"}]}})
    two["actor"] = {"objectType": "Group", "member": [{"mbox": "mailto:b@example.org"},
                                                      {"mbox": "mailto:a@example.org"}]}
    assert xapi.same_statement(one, two)
    two["context"]["contextActivities"]["parent"][0]["id"] = "https://e.org/q"
    assert not xapi.same_statement(one, two)
