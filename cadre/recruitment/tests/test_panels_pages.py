# ruff: noqa: F811 - pytest fixtures imported from panels_fixtures are named as arguments
"""Panel pages: the panels list, a campaign's panel, adding a member, the allocation's dry
run (who is excluded and why, in words) and allocating, declaring a conflict, the score
sheet (radios 0 to 4 with their meanings), moderation, the decision and feedback; the hub
link; the links on the campaign and application pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.recruitment.models import (
    ApplicationState,
    Assignment,
    DeclaredConflict,
    Feedback,
    PanelMember,
    Score,
    StageDecision,
)
from cadre.recruitment.tests.panels_fixtures import (  # noqa: F401
    allocate,
    panel_world,
    submit_all,
    user_of,
)

pytestmark = pytest.mark.django_db


def test_the_hub_links_to_the_panels(panel_world, web_client) -> None:
    page = web_client(panel_world.c_user).get(reverse("recruitment:home"))
    assert reverse("recruitment:panels") in page.content.decode()
    page = web_client(panel_world.nobody).get(reverse("recruitment:home"))
    assert reverse("recruitment:panels") not in page.content.decode()


def test_panels_list_shows_waiting_score_sheets(panel_world, web_client) -> None:
    w = panel_world
    allocate(w)
    page = web_client(w.c_user).get(reverse("recruitment:panels"))
    html = page.content.decode()
    assert page.status_code == 200
    assert w.campaign.title in html and w.other.title not in html
    for a in w.m_c.assignments.all():
        assert reverse("recruitment:panel-scores", args=[a.pk]) in html


def test_panel_page_for_recruiters_and_members(panel_world, web_client) -> None:
    w = panel_world
    allocate(w)
    html = web_client(w.hop_a).get(reverse("recruitment:panel", args=[w.campaign.pk])
                                   ).content.decode()
    assert "Add someone to the panel" in html and "Allocate the sift" in html
    assert "Tom Okafor" in html and "Priya Raman" in html
    page = web_client(w.other_user).get(reverse("recruitment:panel", args=[w.campaign.pk]))
    html = page.content.decode()
    assert "Add someone to the panel" not in html
    # a_other was kept off the DA candidate: their sift table does not list that application
    assert w.people.a_staff1.full_name not in html.split('id="stage-sift"')[1]


def test_add_member_page(panel_world, web_client) -> None:
    w = panel_world
    client = web_client(w.hub)
    url = reverse("recruitment:panel-member-add", args=[w.campaign.pk])
    page = client.get(url)
    assert 'type="radio"' in page.content.decode()
    page = client.post(url, {"person": "A2", "role": "chair", "stages": "both",
                             "capacity": "5"})
    assert page.status_code == 400
    assert "already chairs" in page.content.decode()
    page = client.post(url, {"person": "A2", "role": "member", "stages": "sift",
                             "capacity": "5"})
    assert page.status_code == 302
    assert PanelMember.objects.filter(campaign=w.campaign, person=w.people.a_manager).exists()


def test_remove_member_page(panel_world, web_client) -> None:
    w = panel_world
    page = web_client(w.hop_a).post(reverse("recruitment:panel-member-remove",
                                            args=[w.m_c.pk]))
    assert page.status_code == 302
    assert not PanelMember.objects.filter(pk=w.m_c.pk).exists()


def test_allocation_dry_run_explains_exclusions_in_words(panel_world, web_client) -> None:
    w = panel_world
    client = web_client(w.hop_a)
    url = reverse("recruitment:panel-allocate", args=[w.campaign.pk, "sift"])
    html = client.get(url).content.decode()
    assert "works in the internal candidate&#x27;s organisation" in html
    assert w.people.a_other.full_name in html
    assert not Assignment.objects.exists()
    assert client.post(url).status_code == 302
    assert Assignment.objects.count() == 6
    page = client.post(url)
    assert page.status_code == 400 and "No applications are waiting" in page.content.decode()
    page = client.get(reverse("recruitment:panel-allocate", args=[w.campaign.pk, "interview"]))
    assert page.status_code == 200 and "allocated while it is at" in page.content.decode()
    assert client.get(reverse("recruitment:panel-allocate",
                              args=[w.campaign.pk, "lunch"])).status_code == 404


def test_declare_conflict_page_for_a_member(panel_world, web_client) -> None:
    w = panel_world
    allocate(w)
    mine = w.m_c.assignments.first()
    client = web_client(w.c_user)
    url = reverse("recruitment:panel-conflicts", args=[w.campaign.pk])
    page = client.get(url)
    assert page.status_code == 200
    page = client.post(url, {"member": w.m_c.pk, "application": mine.application_id,
                             "reason": ""})
    assert page.status_code == 400 and "Enter why they cannot assess it" in page.content.decode()
    page = client.post(url, {"member": w.m_c.pk, "application": mine.application_id,
                             "reason": "My neighbour"})
    assert page.status_code == 302
    assert DeclaredConflict.objects.filter(member=w.m_c).count() == 1


def test_score_sheet_has_radios_with_meanings_and_submits_once(panel_world, web_client) -> None:
    w = panel_world
    allocate(w)
    assignment = w.m_c.assignments.first()
    client = web_client(w.c_user)
    url = reverse("recruitment:panel-scores", args=[assignment.pk])
    html = client.get(url).content.decode()
    assert html.count('type="radio"') == 10  # two criteria at the sift, five scores each
    assert "0: no evidence" in html and "4: strong evidence" in html
    assert "Meets the criterion in full" in html  # the hint of 4
    page = client.post(url, {f"score_{w.sift.pk}": "9"})
    assert page.status_code == 400
    content = page.content.decode()
    assert "choose a score from 0 to 4" in content
    assert f"Choose your score for {w.both.text}" in content
    assert not Score.objects.exists()
    page = client.post(url, {f"score_{w.sift.pk}": "3", f"score_{w.both.pk}": "2",
                             f"comment_{w.sift.pk}": "Good scale"})
    assert page.status_code == 302
    html = client.get(url).content.decode()
    assert 'type="radio"' not in html and "Good scale" in html
    assert client.post(url, {f"score_{w.sift.pk}": "1"}).status_code == 403


def test_moderation_decision_and_feedback_pages(panel_world, web_client) -> None:
    w = panel_world
    allocate(w)
    submit_all(w, w.inside)
    chair = web_client(w.chair_user)
    url = reverse("recruitment:panel-application", args=[w.inside.pk, "sift"])
    html = chair.get(url).content.decode()
    assert "Moderate the scores" in html and "Make the decision" in html
    page = chair.post(reverse("recruitment:panel-moderate", args=[w.inside.pk, "sift"]),
                      {f"score_{w.sift.pk}": "3"})
    assert page.status_code == 400
    page = chair.post(reverse("recruitment:panel-moderate", args=[w.inside.pk, "sift"]),
                      {f"score_{w.sift.pk}": "3", f"score_{w.both.pk}": "2"})
    assert page.status_code == 302
    page = chair.post(reverse("recruitment:panel-decide", args=[w.inside.pk, "sift"]),
                      {"outcome": "sifted_out", "reasons": ""})
    assert page.status_code == 400 and "Enter reasons for the decision" in page.content.decode()
    page = chair.post(reverse("recruitment:panel-decide", args=[w.inside.pk, "sift"]),
                      {"outcome": "sifted_out", "reasons": "Thin evidence",
                       "version": str(w.inside.version)})
    assert page.status_code == 302
    w.inside.refresh_from_db()
    assert w.inside.state == ApplicationState.SIFTED_OUT
    page = chair.post(reverse("recruitment:panel-decide", args=[w.inside.pk, "sift"]),
                      {"outcome": "sifted_in", "reasons": "Again"})
    assert page.status_code == 409
    page = chair.post(reverse("recruitment:panel-feedback", args=[w.inside.pk, "sift"]),
                      {"text": "Thank you for applying."})
    assert page.status_code == 302
    page = chair.post(reverse("recruitment:panel-feedback-release", args=[w.inside.pk, "sift"]))
    assert page.status_code == 302
    assert Feedback.objects.get(application=w.inside).released_at is not None
    assert StageDecision.objects.filter(application=w.inside).exists()
    # the internal candidate reads the decision and the feedback on their application page
    html = web_client(w.staff).get(reverse("recruitment:application", args=[w.inside.pk])
                                   ).content.decode()
    assert "Thank you for applying." in html and "Sifted out" in html
    assert "Thin evidence" not in html  # the reasons are the panel's


def test_campaign_page_links_to_the_panel(panel_world, web_client) -> None:
    w = panel_world
    html = web_client(w.hop_a).get(reverse("recruitment:campaign", args=[w.campaign.pk])
                                   ).content.decode()
    assert reverse("recruitment:panel", args=[w.campaign.pk]) in html


def test_release_before_a_decision_is_an_error_on_the_page(panel_world, web_client) -> None:
    w = panel_world
    allocate(w)
    client = web_client(w.hop_a)
    client.post(reverse("recruitment:panel-feedback", args=[w.x.pk, "sift"]),
                {"text": "Draft"})
    page = client.post(reverse("recruitment:panel-feedback-release", args=[w.x.pk, "sift"]))
    assert page.status_code == 400
    assert "once the panel has decided" in page.content.decode()
    assert user_of(w, w.m_c.pk) == w.c_user
