# ruff: noqa: F811 - pytest fixtures imported from applications_fixtures are named as arguments
"""Application pages: a campaign's applications, recording, importing, one application with
the recruiters' next step, withdrawing, applying and "Your applications"."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cadre.core.actor import Actor
from cadre.recruitment.models import Application, ApplicationState
from cadre.recruitment.services import applications as services
from cadre.recruitment.tests.applications_fixtures import external, world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_campaigns_applications_and_recording_one(world, web_client) -> None:  # noqa: ANN001
    external(world)
    web = web_client(world.hop_a)
    page = web.get(reverse("recruitment:campaign-applications", args=[world.campaign.pk]))
    assert page.status_code == 200
    assert "Priya Raman" in page.content.decode()
    assert web.get(reverse("recruitment:campaign-applications", args=[world.campaign.pk]),
                   {"state": "nonsense"}).status_code == 400
    url = reverse("recruitment:application-record", args=[world.campaign.pk])
    form = web.get(url).content.decode()
    assert f'name="evidence_{world.sift.pk}"' in form and "govuk-character-count" in form
    bad = web.post(url, {"name": "", "email": "x"})
    assert bad.status_code == 400 and "govuk-error-summary" in bad.content.decode()
    done = web.post(url, {"name": "Tom Okafor", "email": "tom@example.com",
                          f"evidence_{world.sift.pk}": "Evidence"})
    assert done.status_code == 302
    assert Application.objects.filter(candidate__email="tom@example.com").exists()


def test_importing_a_file_with_a_bad_row(world, web_client) -> None:  # noqa: ANN001
    web = web_client(world.hub)
    url = reverse("recruitment:application-import", args=[world.campaign.pk])
    assert "evidence_1" in web.get(url).content.decode()
    bad = web.post(url, {"file": SimpleUploadedFile("a.csv", b"name,email\nA,nope\n")})
    page = bad.content.decode()
    assert bad.status_code == 400 and 'id="import-errors"' in page
    assert "Enter an email address in the correct format" in page
    assert not Application.objects.exists()
    good = web.post(url, {"file": SimpleUploadedFile("a.csv", b"name,email\nA,a@example.com\n")})
    assert good.status_code == 302 and Application.objects.count() == 1


def test_the_recruiter_takes_the_next_step(world, web_client) -> None:  # noqa: ANN001
    application = external(world)
    for to in ("sifted_in", "interviewed", "appointable"):
        services.transition(actor=None, application_id=application.pk, to=to)
    web = web_client(world.hop_a)
    url = reverse("recruitment:application", args=[application.pk])
    page = web.get(url).content.decode()
    assert "priya@example.com" in page and "Offered the role" in page
    stale = web.post(url, {"to": "offered", "version": "1"})
    assert stale.status_code == 409
    assert web.post(url, {"to": "appointed", "version": "4"}).status_code == 400
    assert web.post(url, {"to": "offered", "version": "4"}).status_code == 302
    assert Application.objects.get(pk=application.pk).state == ApplicationState.OFFERED


def test_an_internal_person_applies_and_withdraws(world, web_client) -> None:  # noqa: ANN001
    web = web_client(world.staff)
    url = reverse("recruitment:application-apply", args=[world.campaign.pk])
    page = web.get(url).content.decode()
    assert f'name="evidence_{world.sift.pk}"' in page
    assert f'name="evidence_{world.interview.pk}"' not in page  # interview only
    too_long = web.post(url, {f"evidence_{world.sift.pk}": "x" * 5001})
    assert too_long.status_code == 400
    response = web.post(url, {f"evidence_{world.sift.pk}": "My evidence",
                              "reserve_consent": "on"})
    assert response.status_code == 302
    mine = Application.objects.get(candidate__person=world.people.a_staff1)
    assert mine.reserve_consent
    assert web.get(url).status_code == 302  # already applied: to the application
    listing = web.get(reverse("recruitment:my-applications")).content.decode()
    assert world.campaign.title in listing
    detail = web.get(reverse("recruitment:application", args=[mine.pk])).content.decode()
    assert "Your application" in detail and "My evidence" in detail
    assert web.post(reverse("recruitment:application", args=[mine.pk]),
                    {"to": "withdrawn", "version": "1"}).status_code == 403
    withdraw = reverse("recruitment:application-withdraw", args=[mine.pk])
    assert web.get(withdraw).status_code == 200
    assert web.post(withdraw, {"version": "1", "reason": "Changed my mind"}).status_code == 302
    assert Application.objects.get(pk=mine.pk).state == ApplicationState.WITHDRAWN
    assert web.get(withdraw).status_code == 403


def test_the_campaign_page_links_to_applications(world, web_client) -> None:  # noqa: ANN001
    page = web_client(world.staff).get(reverse("recruitment:campaign",
                                               args=[world.campaign.pk])).content.decode()
    assert reverse("recruitment:application-apply", args=[world.campaign.pk]) in page
    page = web_client(world.hop_a).get(reverse("recruitment:campaign",
                                               args=[world.campaign.pk])).content.decode()
    assert reverse("recruitment:campaign-applications", args=[world.campaign.pk]) in page
    hub = web_client(world.staff).get(reverse("recruitment:home")).content.decode()
    assert reverse("recruitment:my-applications") in hub


def test_an_account_without_a_person_cannot_apply(world, web_client) -> None:  # noqa: ANN001
    web = web_client(world.nobody)
    assert web.get(reverse("recruitment:application-apply",
                           args=[world.campaign.pk])).status_code == 403
    assert "not linked to a person" in web.get(
        reverse("recruitment:my-applications")).content.decode()
    services.apply(actor=Actor.for_user(world.staff), campaign=world.campaign)


def test_the_persons_own_page_links_to_their_applications(world, web_client) -> None:  # noqa: ANN001
    url = reverse("people:detail", args=[world.people.a_staff1.pk])
    web = web_client(world.staff)
    assert "recruitment-applications-link" not in web.get(url).content.decode()
    services.apply(actor=Actor.for_user(world.staff), campaign=world.campaign)
    page = web.get(url).content.decode()
    assert reverse("recruitment:my-applications") in page
    hop = web_client(world.hop_a).get(url).content.decode()
    assert "recruitment-applications-link" not in hop
