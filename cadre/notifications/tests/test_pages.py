"""The pages, API and commands around messages: each account's choices ("Messages you
get") and the administrators' outbox (ADR 30)."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.notifications.kinds import all_kinds
from cadre.notifications.models import Message, Preference
from cadre.notifications.services import send_message, set_preferences

pytestmark = pytest.mark.django_db

ROUND = {"manager_name": "Ada Manager", "person_name": "Bo Person",
         "role_level": "Data scientist (senior)", "link": "https://cadre.example/r/1/"}
PASSWORD = {"link": "https://cadre.example/p/", "hours": "72"}


def _choosable() -> list[str]:
    return sorted(k.key for k in all_kinds().values() if not k.mandatory)


def _mandatory() -> list[str]:
    return sorted(k.key for k in all_kinds().values() if k.mandatory)


def _full_put(**changes: str) -> dict[str, str]:
    """A PUT body naming every kind that can be chosen (digest-only kinds weekly)."""
    body = {key: ("weekly" if getattr(all_kinds()[key], "digest_only", False) else "at_once")
            for key in _choosable()}
    return body | changes


def test_the_page_offers_a_choice_per_kind_and_says_which_are_required(
        make_account, web_client) -> None:  # noqa: ANN001
    user = make_account()
    page = web_client(user).get("/notifications/preferences/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "<h1 class=\"govuk-heading-xl\">Messages you get</h1>" in body
    for key in _choosable():
        assert f'name="{key}"' in body and 'type="radio"' in body
        assert all_kinds()[key].title in body
    for key in _mandatory():
        assert all_kinds()[key].title in body
        assert f'name="{key}"' not in body
    assert "Always sent (required)" in body
    assert body.count('value="never"') == len(_choosable())
    # Reachable: every signed-in page links to it.
    assert 'href="/notifications/preferences/"' in web_client(user).get("/").content.decode()


def test_choices_saved_on_the_page_are_respected(make_account, web_client) -> None:  # noqa: ANN001
    user = make_account()
    data = _full_put(round_waiting="never")
    response = web_client(user).post("/notifications/preferences/", data)
    assert response.status_code == 302
    assert Preference.objects.get(user=user, kind="round_waiting").choice == "never"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ACCOUNT_UPDATED,
                                     summary__contains="round_waiting never").exists()
    page = web_client(user).get("/notifications/preferences/").content.decode()
    assert re.search(r'id="id_round_waiting_3"\s+value="never"\s+checked', page)
    # "never" stops the message; the mandatory password link still goes.
    assert send_message(kind="round_waiting", to=user.email, recipient=user,
                        personalisation=ROUND) is None
    assert send_message(kind="password_link", to=user.email, recipient=user,
                        personalisation=PASSWORD) is not None
    assert list(Message.objects.values_list("kind", flat=True)) == ["password_link"]


def test_a_mandatory_kind_cannot_be_set_to_never(make_account, web_client,  # noqa: ANN001
                                                 api_client) -> None:
    user = make_account()
    title = all_kinds()["password_link"].title
    response = web_client(user).post("/notifications/preferences/",
                                     _full_put() | {"password_link": "never"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body and f"{title} is required" in body
    api = api_client(user).put("/api/v1/notifications/preferences/",
                               _full_put(password_link="never"), format="json")
    assert api.status_code == 400
    errors = api.json()["errors"]
    assert errors[0]["field"] == "password_link" and "is required" in errors[0]["message"]
    with pytest.raises(ValidationError, match="is required"):
        set_preferences(actor=Actor.for_user(user), choices={"password_link": "weekly"})
    assert not Preference.objects.filter(user=user).exists()


def test_the_api_reads_and_replaces_the_callers_choices(make_account, api_client) -> None:  # noqa: ANN001
    user = make_account()
    api = api_client(user)
    got = api.get("/api/v1/notifications/preferences/").json()
    assert set(got) == set(all_kinds())
    assert got["password_link"] == "at_once"
    response = api.put("/api/v1/notifications/preferences/",
                       _full_put(round_waiting="weekly"), format="json")
    assert response.status_code == 200, response.content
    assert response.json()["round_waiting"] == "weekly"
    assert Preference.objects.get(user=user, kind="round_waiting").choice == "weekly"
    # A PUT names every kind that can be chosen; one left out is a 400 naming it.
    missing = api.put("/api/v1/notifications/preferences/",
                      {k: v for k, v in _full_put().items() if k != "round_waiting"},
                      format="json")
    assert missing.status_code == 400
    assert "round_waiting" in [e["field"] for e in missing.json()["errors"]]
    bad = api.put("/api/v1/notifications/preferences/", _full_put(round_waiting="daily"),
                  format="json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "round_waiting"
    digest_only = [k.key for k in all_kinds().values() if getattr(k, "digest_only", False)]
    for key in digest_only:  # these only come weekly: "at once" is refused by name
        refused = api.put("/api/v1/notifications/preferences/", _full_put(**{key: "at_once"}),
                          format="json")
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["field"] == key
        assert "weekly digest" in refused.json()["errors"][0]["message"]


def test_an_account_changes_only_its_own_choices(make_account) -> None:  # noqa: ANN001
    user, other = make_account(), make_account()
    with pytest.raises(PermissionDenied):
        set_preferences(actor=Actor.for_user(user), user=other,
                        choices={"round_waiting": "never"})
    with pytest.raises(ValidationError, match="No message kind"):
        set_preferences(actor=Actor.for_user(user), choices={"nonsense": "never"})
    assert not Preference.objects.exists()


def test_the_preferences_command(make_account) -> None:  # noqa: ANN001
    user = make_account()
    out = StringIO()
    call_command("notifications", "preferences", "--user", user.email.upper(),
                 "--set", "round_waiting=never", "--format", "json", stdout=out)
    rows = {row["kind"]: row for row in json.loads(out.getvalue())}
    assert rows["round_waiting"]["choice"] == "never"
    assert rows["password_link"]["mandatory"] is True
    assert Preference.objects.get(user=user, kind="round_waiting").choice == "never"
    assert AuditEvent.objects.filter(actor_email__startswith="cli:",
                                     summary__contains="round_waiting never").exists()
    out = StringIO()
    call_command("notifications", "preferences", "--user", user.email, stdout=out)
    assert "Always sent (required)" in out.getvalue() and "Never" in out.getvalue()
    with pytest.raises(CommandError, match="password_link: .*is required"):
        call_command("notifications", "preferences", "--user", user.email,
                     "--set", "password_link=never")
    with pytest.raises(CommandError, match="KIND=CHOICE"):
        call_command("notifications", "preferences", "--user", user.email, "--set", "x")
    with pytest.raises(CommandError, match="No account"):
        call_command("notifications", "preferences", "--user", "nobody@x.example")


def _messages(django_capture_on_commit_callbacks) -> list[Message]:  # noqa: ANN001
    with django_capture_on_commit_callbacks(execute=True):
        first = send_message(kind="round_waiting", to="ada@dept.example",
                             personalisation=ROUND)
        second = send_message(kind="password_link", to="bo@dept.example",
                              personalisation=PASSWORD)
    Message.objects.filter(pk=second.pk).update(status=Message.Status.FAILED,
                                                error="GOV.UK Notify refused the message")
    return [first, second]


def test_the_outbox_is_for_administrators_only(make_account, web_client, api_client,  # noqa: ANN001
                                               org_a, django_capture_on_commit_callbacks
                                               ) -> None:
    first, _ = _messages(django_capture_on_commit_callbacks)
    for account in (make_account(), make_account(Role.PROFESSIONAL),
                    make_account(Role.HEAD_OF_PROFESSION, org_a)):
        assert web_client(account).get("/notifications/outbox/").status_code == 403
        assert web_client(account).get(f"/notifications/outbox/{first.pk}/").status_code \
            == 403
        assert api_client(account).get("/api/v1/notifications/messages/").status_code == 403
    admin = make_account(Role.ADMINISTRATOR)
    assert web_client(admin).get("/notifications/outbox/").status_code == 200
    # Reachable from the header.
    assert 'href="/notifications/outbox/"' in web_client(admin).get("/").content.decode()


def test_the_outbox_lists_newest_first_with_failures_on_top(
        make_account, web_client, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    first, second = _messages(django_capture_on_commit_callbacks)
    web = web_client(make_account(Role.ADMINISTRATOR))
    body = web.get("/notifications/outbox/").content.decode()
    assert "1 message could not be sent" in body
    assert body.index("bo@dept.example") < body.index("ada@dept.example")
    assert "2 messages, newest first" in body
    detail = web.get(f"/notifications/outbox/{first.pk}/").content.decode()
    assert "Bo Person&#x27;s self-assessment waits for your review" in detail
    assert "Data scientist (senior)" in detail and "manager_name" in detail
    assert "Kept in the local outbox" in detail and "https://cadre.example/r/1/" in detail
    failed = web.get(f"/notifications/outbox/{second.pk}/").content.decode()
    assert "This message could not be sent: GOV.UK Notify refused the message" in failed
    assert web.get("/notifications/outbox/999999/").status_code == 404


def test_the_outbox_filters(make_account, web_client, api_client,  # noqa: ANN001
                            django_capture_on_commit_callbacks) -> None:
    _messages(django_capture_on_commit_callbacks)
    admin = make_account(Role.ADMINISTRATOR)
    web, api = web_client(admin), api_client(admin)
    body = web.get("/notifications/outbox/?to=ADA@dept.example").content.decode()
    assert "1 message, newest first" in body and "bo@dept.example</td>" not in body
    body = web.get("/notifications/outbox/?status=failed").content.decode()
    assert "1 message, newest first" in body and "bo@dept.example</td>" in body
    body = web.get("/notifications/outbox/?kind=round_waiting").content.decode()
    assert "ada@dept.example</td>" in body and "bo@dept.example</td>" not in body
    rows = api.get("/api/v1/notifications/messages/?status=failed").json()["results"]
    assert [r["to"] for r in rows] == ["bo@dept.example"]
    rows = api.get("/api/v1/notifications/messages/?kind=round_waiting").json()["results"]
    assert [r["personalisation"] for r in rows] == [ROUND]
    assert len(api.get("/api/v1/notifications/messages/").json()["results"]) == 2


@pytest.mark.parametrize(("query", "field", "label"), [
    ("kind=nonsense", "kind", "Kind of message"),
    ("status=lost", "status", "Status"),
    ("to=not-an-address", "to", "To"),
])
def test_a_bad_filter_is_a_400_naming_it(query: str, field: str, label: str,  # noqa: ANN001
                                         make_account, web_client, api_client) -> None:
    admin = make_account(Role.ADMINISTRATOR)
    page = web_client(admin).get(f"/notifications/outbox/?{query}")
    assert page.status_code == 400
    assert "govuk-error-summary" in page.content.decode()
    assert label.lower() in page.content.decode().lower()
    response = api_client(admin).get(f"/api/v1/notifications/messages/?{query}")
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [field]
