# ruff: noqa: F811 - pytest fixtures imported from panels_fixtures are named as arguments
"""Privacy of panels, per URL name (issue 21, Done-when): a panel member sees only the
campaigns they sit on and, at each stage, only the applications allocated to them; other
members' scores only after submitting their own; outsiders (an account with nothing, the
head of profession of another organisation, a member of another panel) get nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from cadre.access.roles import Role
from cadre.access.services import grant_role
from cadre.recruitment.models import Assignment, PanelMember, PanelStage
from cadre.recruitment.selectors import panels as sel
from cadre.recruitment.tests.applications_fixtures import make_campaign
from cadre.recruitment.tests.panels_fixtures import (  # noqa: F401
    allocate,
    application,
    panel_world,
    submit,
    submit_all,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _unallocated(w, member):  # noqa: ANN001, ANN202
    return next(a for a in (w.x, w.y, w.inside)
                if not a.assignments.filter(member=member).exists())


def _allocated(w, member):  # noqa: ANN001, ANN202
    return member.assignments.select_related("application").first().application


def test_pages_refuse_or_hide_from_outsiders(panel_world, web_client) -> None:
    w = panel_world
    allocate(w)
    assignment = w.m_c.assignments.first()
    pk = w.campaign.pk
    app = w.x.pk
    gets = [reverse("recruitment:panel", args=[pk]),
            reverse("recruitment:panel-conflicts", args=[pk]),
            reverse("recruitment:panel-member-add", args=[pk]),
            reverse("recruitment:panel-allocate", args=[pk, "sift"]),
            reverse("recruitment:panel-scores", args=[assignment.pk]),
            reverse("recruitment:panel-application", args=[app, "sift"])]
    posts = [reverse("recruitment:panel-member-remove", args=[w.m_b.pk]),
             reverse("recruitment:panel-moderate", args=[app, "sift"]),
             reverse("recruitment:panel-decide", args=[app, "sift"]),
             reverse("recruitment:panel-feedback", args=[app, "sift"]),
             reverse("recruitment:panel-feedback-release", args=[app, "sift"])]
    for user in (w.nobody, w.hop_b, w.staff):
        client = web_client(user)
        for url in gets:
            assert client.get(url).status_code in (403, 404), (user, url)
        for url in posts:
            assert client.post(url, {"text": "x", "reasons": "x"}).status_code in (403, 404)
        html = client.get(reverse("recruitment:panels")).content.decode() if \
            client.get(reverse("recruitment:panels")).status_code == 200 else ""
        assert w.campaign.title not in html
    assert Client().get(reverse("recruitment:panels")).status_code == 302
    assert PanelMember.objects.filter(pk=w.m_b.pk).exists()


def test_a_member_sees_only_applications_allocated_to_them(panel_world, web_client) -> None:
    w = panel_world
    allocate(w)
    mine, other = _allocated(w, w.m_c), _unallocated(w, w.m_c)
    client = web_client(w.c_user)
    assert client.get(reverse("recruitment:panel-application",
                              args=[mine.pk, "sift"])).status_code == 200
    assert client.get(reverse("recruitment:panel-application",
                              args=[other.pk, "sift"])).status_code == 404
    # nor at a stage they have nothing allocated at
    assert client.get(reverse("recruitment:panel-application",
                              args=[mine.pk, "interview"])).status_code == 404
    html = client.get(reverse("recruitment:panel", args=[w.campaign.pk])).content.decode()
    assert other.candidate.display_name not in html
    someone_elses = Assignment.objects.exclude(member=w.m_c).first()
    assert client.get(reverse("recruitment:panel-scores",
                              args=[someone_elses.pk])).status_code == 404
    assert [a.pk for a in sel.stage_applications(w.c_user, w.campaign, "sift")] == sorted(
        a.application_id for a in w.m_c.assignments.all())


def test_before_allocation_a_member_sees_no_application(panel_world, web_client) -> None:
    w = panel_world
    client = web_client(w.c_user)
    assert client.get(reverse("recruitment:panel", args=[w.campaign.pk])).status_code == 200
    for app in (w.x, w.y, w.inside):
        assert client.get(reverse("recruitment:panel-application",
                                  args=[app.pk, "sift"])).status_code == 404
    assert not sel.stage_applications(w.c_user, w.campaign, "sift").exists()


def test_a_member_of_another_panel_sees_nothing_of_this_one(panel_world, web_client) -> None:
    w = panel_world
    mine = make_campaign(w.org_b, "Another role", state="sift")
    PanelMember.objects.create(campaign=mine, person=w.people.a_head)
    outsider = w.people.a_head
    user = UserFactory()
    grant_role(user=user, role=Role.PROFESSIONAL, organisation=None, actor=None)
    outsider.account = user
    outsider.save(update_fields=["account"])
    allocate(w)
    client = web_client(user)
    assert client.get(reverse("recruitment:panel", args=[mine.pk])).status_code == 200
    assert client.get(reverse("recruitment:panel", args=[w.campaign.pk])).status_code == 404
    assert client.get(reverse("recruitment:panel-application",
                              args=[w.x.pk, "sift"])).status_code == 404
    html = client.get(reverse("recruitment:panels")).content.decode()
    assert "Another role" in html and w.campaign.title not in html
    api = web_client(user)
    assert api.get(f"/api/v1/recruitment/campaigns/{w.campaign.pk}/panel/").status_code == 404


def test_scores_are_independent_until_submitted(panel_world, web_client) -> None:
    w = panel_world
    allocate(w)
    app = _allocated(w, w.m_c)
    others = app.assignments.exclude(member=w.m_c)
    for assignment in others:
        submit(w, assignment, score=1)
    client = web_client(w.c_user)
    url = reverse("recruitment:panel-application", args=[app.pk, "sift"])
    html = client.get(url).content.decode()
    assert "Comment by" not in html and "you see their scores once you have submitted" in html
    api = f"/api/v1/recruitment/applications/{app.pk}/panel/sift/"
    data = client.get(api).json()
    assert all(a["scores"] is None for a in data["assessments"])
    assert all(a["hidden"] for a in data["assessments"] if not a["mine"])
    submit(w, w.m_c.assignments.get(application=app))
    html = client.get(url).content.decode()
    assert html.count("Comment by") >= 2
    data = client.get(api).json()
    assert all(a["scores"] is not None for a in data["assessments"])


def test_the_chair_and_recruiters_see_the_whole_stage(panel_world, web_client) -> None:
    w = panel_world
    allocate(w)
    submit_all(w, w.y)
    for user in (w.chair_user, w.hop_a, w.hub):
        client = web_client(user)
        for app in (w.x, w.y, w.inside):
            assert client.get(reverse("recruitment:panel-application",
                                      args=[app.pk, "sift"])).status_code == 200
        html = client.get(reverse("recruitment:panel-application",
                                  args=[w.y.pk, "sift"])).content.decode()
        assert "Comment by" in html
        for sheet in w.y.assignments.all():
            link = reverse("recruitment:panel-scores", args=[sheet.pk])
            assert link in html
            assert client.get(link).status_code == 200


def test_api_privacy_per_endpoint(panel_world, web_client) -> None:
    w = panel_world
    allocate(w)
    pk, app = w.campaign.pk, w.x.pk
    assignment = w.m_c.assignments.first()
    gets = [f"/api/v1/recruitment/campaigns/{pk}/panel/",
            f"/api/v1/recruitment/campaigns/{pk}/panel/conflicts/",
            f"/api/v1/recruitment/panel-assignments/{assignment.pk}/scores/",
            f"/api/v1/recruitment/applications/{app}/panel/sift/",
            f"/api/v1/recruitment/applications/{app}/feedback/"]
    posts = [f"/api/v1/recruitment/campaigns/{pk}/panel/allocation/",
             f"/api/v1/recruitment/applications/{app}/panel/sift/moderation/",
             f"/api/v1/recruitment/applications/{app}/panel/sift/decision/",
             f"/api/v1/recruitment/applications/{app}/feedback/release/"]
    for user in (w.nobody, w.hop_b, w.staff):
        client = web_client(user)
        for url in gets:
            assert client.get(url).status_code in (403, 404), (user, url)
        for url in posts:
            assert client.post(url, {}, content_type="application/json").status_code in (
                403, 404), (user, url)
        assert client.delete(f"/api/v1/recruitment/panel-members/{w.m_b.pk}/"
                             ).status_code in (403, 404)
        response = client.get("/api/v1/recruitment/panel-assignments/")
        assert response.status_code == 403 or response.json()["results"] == []
    # a member's own list holds only their assignments
    data = web_client(w.c_user).get("/api/v1/recruitment/panel-assignments/").json()
    assert {row["id"] for row in data["results"]} == set(
        w.m_c.assignments.values_list("pk", flat=True))
    assert web_client(w.c_user).get(
        f"/api/v1/recruitment/applications/{_unallocated(w, w.m_c).pk}/panel/sift/"
    ).status_code == 404
    assert PanelStage.SIFT == "sift" and application is not None
