# ruff: noqa: F811 - pytest fixtures imported from communications_fixtures are arguments
"""The communications pages: the register, an audience and who is in it, a message
drafted, changed (a new version), assured by someone else, sent and its figures; GOV.UK
forms with errors that name the field; a lost race a 409 page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.community.models import Audience, CommunityMessage, Stakeholder
from cadre.community.tests.communications_fixtures import comms  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_register_counts_the_profession_and_lists_stakeholders(comms, web_client) -> None:  # noqa: ANN001
    page = web_client(comms.author).get(reverse("community:communications-stakeholders"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Public Sector Union" in text and "Trade union" in text
    # Leeds has 4 current in-profession people with a record (3 data, 1 digital): fewer
    # than 5; the left and out-of-profession people are not counted
    assert "Leeds City Council" in text and "fewer than 5" in text
    assert "<caption" in text


def test_adding_a_stakeholder_and_errors_keep_the_input(comms, web_client) -> None:  # noqa: ANN001
    web = web_client(comms.author)
    url = reverse("community:communications-stakeholder-add")
    form = web.get(url).content.decode()
    assert "govuk-radios" in form and "---------" not in form
    bad = web.post(url, {"name": "Society " + "x" * 200, "kind": "professional_body",
                         "contact_email": "not-an-address"})
    text = bad.content.decode()
    assert bad.status_code == 400 and "govuk-error-summary" in text
    assert "Society xxx" in text
    assert not Stakeholder.objects.filter(kind="professional_body").exists()
    ok = web.post(url, {"name": "Royal Statistical Society", "kind": "professional_body",
                        "contact_email": "m@rss.example", "notes": ""})
    assert ok.status_code == 302
    found = Stakeholder.objects.get(name="Royal Statistical Society")
    edit = reverse("community:communications-stakeholder-edit", args=[found.pk])
    assert web.post(edit, {"name": found.name, "kind": "professional_body",
                           "contact_email": "", "notes": "Joint events"}).status_code == 302
    found.refresh_from_db()
    assert found.notes == "Joint events" and found.contact_email == ""


def test_defining_an_audience_shows_who_is_in_it(comms, web_client) -> None:  # noqa: ANN001
    web = web_client(comms.author)
    url = reverse("community:communications-audience-add")
    form = web.get(url).content.decode()
    assert "govuk-checkboxes" in form and "multiple" not in form
    made = web.post(url, {"name": "Leeds data", "organisations": [comms.leeds.pk],
                          "role_families": [comms.data.pk], "in_profession_only": "on"})
    assert made.status_code == 302
    audience = Audience.objects.get(name="Leeds data")
    page = web.get(made["Location"]).content.decode()
    assert "Leeds City Council" in page
    for person in comms.in_data_la[:3]:
        assert person.email in page
    for person in comms.in_data_la[3:]:
        assert person.email not in page
    listing = web.get(reverse("community:communications-audiences")).content.decode()
    assert audience.name in listing and "Data family" in listing


def test_a_message_from_draft_to_sent(comms, web_client, django_capture_on_commit_callbacks
                                      ) -> None:  # noqa: ANN001
    author, assurer = web_client(comms.author), web_client(comms.assurer)
    made = author.post(reverse("community:communications-message-add"), {
        "title": "Data week", "channel": comms.email.pk, "audience": comms.audience.pk,
        "subject": "Data week is coming", "body": "Join us."})
    assert made.status_code == 302
    message = CommunityMessage.objects.get(title="Data week")
    page = reverse("community:communications-message", args=[message.pk])
    action = reverse("community:communications-message-action", args=[message.pk])
    edit = reverse("community:communications-message-edit", args=[message.pk])
    assert author.post(edit, {"title": "Data week", "channel": comms.email.pk,
                              "audience": comms.audience.pk, "subject": "Data week is coming",
                              "body": "Join us, 1 to 5 June.", "version": 1}
                       ).status_code == 302
    old = author.get(reverse("community:communications-message-version",
                             args=[message.pk, 1])).content.decode()
    assert "Join us." in old and "the message is at version 2" in old
    assert author.post(action, {"action": "submit"}).status_code == 302
    assert "cannot assure" in author.get(page).content.decode()
    assert author.post(action, {"action": "assure", "version": 2}).status_code == 403
    assert "Assure version 2" in assurer.get(page).content.decode()
    # the assurer read version 1 in another tab: a 409 page, not an error
    assert assurer.post(action, {"action": "assure", "version": 1}).status_code == 409
    assert assurer.post(action, {"action": "assure", "version": 2,
                                 "comment": "Fine"}).status_code == 302
    assert "Send the message" in author.get(page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert author.post(action, {"action": "send"}).status_code == 302
    shown = author.get(page).content.decode()
    assert "Delivery figures" in shown and "Skipped as unsubscribed" in shown
    message.refresh_from_db()
    assert message.state == "sent"
    assert author.post(action, {"action": "send"}).status_code == 409
    assert author.get(edit).status_code == 404


def test_a_message_form_with_errors(comms, web_client) -> None:  # noqa: ANN001
    web = web_client(comms.author)
    bad = web.post(reverse("community:communications-message-add"), {
        "title": "T", "channel": 999999, "audience": comms.audience.pk,
        "subject": "s" * 151, "body": "A body I typed"})
    text = bad.content.decode()
    assert bad.status_code == 400 and "govuk-error-summary" in text
    assert "A body I typed" in text and not CommunityMessage.objects.exists()
    assert "---------" not in text


def test_the_hub_links_communications_for_the_central_team_only(comms, web_client,
                                                                make_account) -> None:  # noqa: ANN001
    hub = web_client(comms.author).get(reverse("community:home")).content.decode()
    for name in ("community:communications", "community:communications-messages",
                 "community:communications-audiences",
                 "community:communications-stakeholders",
                 "community:communications-channels"):
        assert f'href="{reverse(name)}"' in hub, name
    other = web_client(make_account("head_of_profession", comms.leeds))
    assert reverse("community:communications") not in other.get(
        reverse("community:home")).content.decode()


def test_changing_an_audience(comms, web_client) -> None:  # noqa: ANN001
    from cadre.community.tests.communications_fixtures import draft

    web = web_client(comms.author)
    url = reverse("community:communications-audience-edit", args=[comms.audience.pk])
    form = web.get(url).content.decode()
    assert "Data in local government" in form and "checked" in form
    changed = web.post(url, {"name": "Digital in local government",
                             "organisation_types": ["local_authority"],
                             "role_families": [comms.digital.pk], "in_profession_only": "on"})
    assert changed.status_code == 302
    comms.audience.refresh_from_db()
    assert comms.audience.name == "Digital in local government"
    message = draft(comms)
    from cadre.community.services import communications as services

    services.transition_message(actor=comms.author_actor, message_id=message.pk,
                                action="submit")
    busy = web.post(url, {"name": "Again", "in_profession_only": "on"})
    assert busy.status_code == 409
    comms.audience.refresh_from_db()
    assert comms.audience.name == "Digital in local government"
