# ruff: noqa: F811 - pytest fixtures imported from communications_fixtures are arguments
"""Communications services: audiences evaluated in one query, versions, assurance by
someone other than the author, nothing unassured sent, sending as a background task with
unsubscribes honoured for non-essential messages, and delivery figures."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cadre.community.models import Delivery, MessageState, Unsubscribe
from cadre.community.selectors import communications as sel
from cadre.community.services import communications as services
from cadre.community.tests.communications_fixtures import assured, comms, draft  # noqa: F401
from cadre.core.actor import Actor
from cadre.core.workflow import TransitionConflict
from cadre.notifications.models import Message

pytestmark = pytest.mark.django_db


def test_the_audience_is_the_in_profession_data_people_in_local_government(
        comms, django_assert_num_queries) -> None:  # noqa: ANN001
    audience = sel.audiences().get(pk=comms.audience.pk)  # its definition, prefetched
    with django_assert_num_queries(1):  # who is in it: one query
        emails = set(sel.audience_people(audience).values_list("email", flat=True))
    assert emails == {p.email for p in comms.in_data_la}
    size = sel.audience_size(comms.audience)
    assert (size.people, size.stakeholders, size.total) == (5, 1, 6)
    text = sel.describe(comms.audience)
    assert "Data family" in text and "Local authority" in text and "Public Sector Union" in text


def test_named_organisations_and_grades_narrow_the_audience(comms) -> None:  # noqa: ANN001
    audience = services.create_audience(actor=Actor.system(), name="Leeds G7",
                                        organisation_ids=[comms.leeds.pk],
                                        grade_ids=[comms.g7.pk])
    assert sel.audience_size(audience).people == 3
    everyone = services.create_audience(actor=Actor.system(), name="Everyone",
                                        in_profession_only=False)
    # everyone current with an address, in or out of the profession
    assert sel.audience_size(everyone).people == 8


@pytest.mark.parametrize(("field", "kwargs"), [
    ("name", {"name": "x" * 201}),
    ("name", {"name": ""}),
    ("organisation_types", {"organisation_types": ["moon_base"]}),
    ("role_families", {"role_family_ids": [999999]}),
    ("grades", {"grade_ids": ["abc"]}),
    ("description", {"description": "d" * 2001}),
])
def test_bad_audiences_are_refused_by_field(comms, field, kwargs) -> None:  # noqa: ANN001
    values = {"name": "An audience", **kwargs}
    with pytest.raises(ValidationError) as caught:
        services.create_audience(actor=Actor.system(), **values)
    assert field in caught.value.message_dict


@pytest.mark.parametrize(("field", "kwargs"), [
    ("name", {"name": "n" * 201}),
    ("kind", {"kind": "pirate"}),
    ("contact_email", {"contact_email": "not an address"}),
    ("notes", {"notes": "n" * 2001}),
])
def test_bad_stakeholders_are_refused_by_field(comms, field, kwargs) -> None:  # noqa: ANN001
    values = {"name": "Royal Statistical Society", "kind": "professional_body", **kwargs}
    with pytest.raises(ValidationError) as caught:
        services.create_stakeholder(actor=Actor.system(), **values)
    assert field in caught.value.message_dict


@pytest.mark.parametrize(("field", "kwargs"), [
    ("title", {"title": "t" * 201}),
    ("subject", {"subject": "s" * 151}),
    ("subject", {"subject": "two\nlines"}),
    ("body", {"body": "b" * 10001}),
    ("body", {"body": "  "}),
    ("channel", {"channel": 999999}),
    ("audience", {"audience": "x"}),
])
def test_bad_messages_are_refused_by_field(comms, field, kwargs) -> None:  # noqa: ANN001
    values = {"title": "T", "channel": comms.email.pk, "audience": comms.audience.pk,
              "subject": "S", "body": "B", **kwargs}
    with pytest.raises(ValidationError) as caught:
        services.create_message(actor=comms.author_actor, **values)
    assert field in caught.value.message_dict


def test_only_the_central_team_writes(comms, make_account) -> None:  # noqa: ANN001
    other = Actor.for_user(make_account("head_of_profession", comms.leeds))
    with pytest.raises(PermissionDenied):
        services.create_stakeholder(actor=other, name="X", kind="supplier")
    message = draft(comms)
    with pytest.raises(PermissionDenied):
        services.transition_message(actor=other, message_id=message.pk, action="submit")


def test_versions_are_kept_and_the_author_cannot_assure(comms) -> None:  # noqa: ANN001
    message = draft(comms)
    services.revise_message(actor=comms.author_actor, message_id=message.pk,
                            body="Join us for data week, 1 to 5 June.")
    message.refresh_from_db()
    assert message.version_number == 2
    assert list(message.versions.values_list("number", "body")) == [
        (2, "Join us for data week, 1 to 5 June."), (1, "Join us for data week.")]
    services.transition_message(actor=comms.author_actor, message_id=message.pk,
                                action="submit")
    with pytest.raises(PermissionDenied):
        services.transition_message(actor=comms.author_actor, message_id=message.pk,
                                    action="assure", version=2)
    with pytest.raises(PermissionDenied):
        services.transition_message(actor=Actor.command_line("ops"), message_id=message.pk,
                                    action="assure", version=2)
    with pytest.raises(TransitionConflict):  # an older version than the latest
        services.transition_message(actor=comms.assurer_actor, message_id=message.pk,
                                    action="assure", version=1)
    services.transition_message(actor=comms.assurer_actor, message_id=message.pk,
                                action="comment", comment="Add the venue.")
    services.transition_message(actor=comms.assurer_actor, message_id=message.pk,
                                action="return_for_changes", comment="Add the venue.")
    message.refresh_from_db()
    assert message.state == MessageState.DRAFT
    assert [c.kind for c in message.comments.all()] == ["comment", "returned"]
    with pytest.raises(ValidationError) as caught:  # returning needs a comment
        services.transition_message(actor=comms.assurer_actor, message_id=message.pk,
                                    action="submit", comment="c" * 2001)
    assert "comment" in caught.value.message_dict


def test_nothing_unassured_is_sent(comms) -> None:  # noqa: ANN001
    message = draft(comms)
    with pytest.raises(TransitionConflict):
        services.transition_message(actor=comms.author_actor, message_id=message.pk,
                                    action="send")
    services.transition_message(actor=comms.author_actor, message_id=message.pk,
                                action="submit")
    with pytest.raises(TransitionConflict):
        services.transition_message(actor=comms.author_actor, message_id=message.pk,
                                    action="send")
    assert not Message.objects.exists() and not Delivery.objects.exists()


def test_an_edit_after_assurance_needs_assurance_again(comms) -> None:  # noqa: ANN001
    message = assured(comms)
    services.revise_message(actor=comms.author_actor, message_id=message.pk,
                            subject="Data week: new dates")
    message.refresh_from_db()
    assert message.state == MessageState.DRAFT and message.assured_version is None
    with pytest.raises(TransitionConflict):
        services.transition_message(actor=comms.author_actor, message_id=message.pk,
                                    action="send")
    assert not Message.objects.exists()


def test_a_stale_edit_is_a_conflict(comms) -> None:  # noqa: ANN001
    message = draft(comms)
    services.revise_message(actor=comms.author_actor, message_id=message.pk, body="Two",
                            expected_version=1)
    with pytest.raises(TransitionConflict):
        services.revise_message(actor=comms.author_actor, message_id=message.pk, body="3",
                                expected_version=1)


def test_sending_queues_everyone_and_skips_the_unsubscribed(
        comms, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    Unsubscribe.objects.create(email=comms.in_data_la[0].email.upper().lower())
    message = assured(comms)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_message(actor=comms.author_actor, message_id=message.pk,
                                    action="send")
    message.refresh_from_db()
    assert message.state == MessageState.SENT and message.sent_at
    figures = sel.figures(message)
    assert figures.as_dict() == {"recipients": 6, "queued": 5, "sent": 5, "delivered": 0,
                                 "failed": 0, "skipped_unsubscribed": 1}
    sent = Message.objects.filter(kind="community_message")
    assert sent.count() == 5
    one = sent.get(to=comms.in_data_la[1].email)
    assert one.subject == "Data week is coming" and "unsubscribe" in one.body
    assert reverse("community:communications-unsubscribe",
                   args=["x"]).rsplit("/", 2)[0] in one.body
    # a second send is a conflict, and the task run again sends nothing twice
    with pytest.raises(TransitionConflict):
        services.transition_message(actor=comms.author_actor, message_id=message.pk,
                                    action="send")
    services.queue_recipients(message_id=message.pk)
    assert Message.objects.filter(kind="community_message").count() == 5


def test_essential_messages_reach_the_unsubscribed(comms, django_capture_on_commit_callbacks
                                                   ) -> None:  # noqa: ANN001
    Unsubscribe.objects.create(email=comms.in_data_la[0].email)
    message = assured(comms, essential=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_message(actor=comms.author_actor, message_id=message.pk,
                                    action="send")
    assert sel.figures(message).queued == 6
    body = Message.objects.get(to=comms.in_data_la[0].email).body
    assert "unsubscribe" not in body and "essential" in body


def test_batches_are_small_queries(comms, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    message = assured(comms)
    services.transition_message(actor=comms.author_actor, message_id=message.pk,
                                action="send")
    # the task, run by hand with batches of two
    figures = services.queue_recipients(message_id=message.pk, batch_size=2)
    assert figures.recipients == 6


def test_only_email_is_sent_by_cadre(comms) -> None:  # noqa: ANN001
    message = assured(comms, channel=comms.newsletter)
    with pytest.raises(ValidationError) as caught:
        services.transition_message(actor=comms.author_actor, message_id=message.pk,
                                    action="send")
    assert "channel" in caught.value.message_dict


def test_the_unsubscribe_token(comms) -> None:  # noqa: ANN001
    token = services.unsubscribe_token("Ada@Example.org", message_id=None)
    assert services.unsubscribe(token=token).email == "ada@example.org"
    assert services.unsubscribe(token=token).email == "ada@example.org"
    assert Unsubscribe.objects.count() == 1
    assert services.unsubscribe(token=token + "x") is None
    assert services.unsubscribe(token="nonsense") is None
