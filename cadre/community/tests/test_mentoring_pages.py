# ruff: noqa: F811 - pytest fixtures imported from mentoring_fixtures are named as arguments
"""Mentoring pages: the organiser adds a scheme with its rules, opens it, previews and
confirms matching; a member signs up (GOV.UK checkboxes, grade from the record), answers a
match, records a check-in and ends with a review. Bad input is an error naming the field."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from cadre.community.models import (
    MentoringMatch,
    MentoringMatchStatus,
    MentoringScheme,
    MentoringSchemeStatus,
)
from cadre.community.tests.mentoring_fixtures import mentoring  # noqa: F401

pytestmark = pytest.mark.django_db


def _date(prefix: str, day) -> dict:  # noqa: ANN001
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def test_organiser_adds_opens_and_matches(mentoring, web_client) -> None:  # noqa: ANN001
    w = mentoring
    web = web_client(w.pm)
    page = web.get(reverse("community:mentoring-scheme-create"))
    assert page.status_code == 200
    assert "---------" not in page.content.decode()
    data = {"name": "Spring scheme", "description": "", "grade_gap": 1, "grade_tolerance": 1,
            "skill_weight": 6, "grade_weight": 3, "location_weight": 1,
            "exclude_same_unit": "on", **_date("signup_opens", w.today),
            **_date("signup_closes", w.today)}
    bad = web.post(reverse("community:mentoring-scheme-create"), {**data, "grade_gap": 99,
                                                                  "name": "n" * 201})
    assert bad.status_code == 400
    assert "govuk-error-summary" in bad.content.decode()
    response = web.post(reverse("community:mentoring-scheme-create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    scheme = MentoringScheme.objects.get(name="Spring scheme")
    assert scheme.status == MentoringSchemeStatus.DRAFT
    manage = reverse("community:mentoring-scheme-manage", args=[scheme.pk])
    assert web.post(manage, {"transition": "open"}).status_code == 302
    assert web.post(manage, {"transition": "open"}).status_code == 409
    # the existing scheme: preview writes nothing, confirm proposes
    match_url = reverse("community:mentoring-scheme-match", args=[w.scheme.pk])
    preview = web.get(match_url)
    assert preview.status_code == 200 and "Score" in preview.content.decode()
    assert not MentoringMatch.objects.exists()
    stale = web.post(match_url, {"fingerprint": "0" * 16})
    assert stale.status_code == 409 and "changed since the preview" in stale.content.decode()
    assert not MentoringMatch.objects.exists()
    fingerprint = re.search(r'name="fingerprint" value="([0-9a-f]+)"',
                            preview.content.decode()).group(1)
    assert web.post(match_url, {"fingerprint": fingerprint}).status_code == 302
    assert MentoringMatch.objects.count() == 2
    edit = web.post(reverse("community:mentoring-scheme-edit", args=[w.scheme.pk]),
                    {**data, "name": "Test scheme", "grade_tolerance": 2})
    assert edit.status_code == 302
    w.scheme.refresh_from_db()
    assert w.scheme.grade_tolerance == 2


def test_member_signs_up_answers_checks_in_and_reviews(mentoring, web_client) -> None:  # noqa: ANN001
    w = mentoring
    web = web_client(w.outsider)
    url = reverse("community:mentoring-signup", args=[w.scheme.pk, "mentor"])
    page = web.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert "govuk-checkboxes" in body and "SEO" in body  # the grade shown, not typed
    assert "---------" not in body
    bad = web.post(url, {"capacity": 9})
    assert bad.status_code == 400
    assert web.post(url, {"skills": [w.skills["Agile"].pk], "capacity": 2}).status_code == 302
    assert web.get(reverse("community:mentoring")).status_code == 200
    # staff2 and b_head's match
    from cadre.community.services import mentoring as services
    from cadre.core.actor import Actor

    services.run_matching(actor=Actor.system(), scheme=w.scheme)
    match = MentoringMatch.objects.get(mentee=w.signups["staff2"])
    mentee, mentor = web_client(w.staff2), web_client(w.bhead)
    url = reverse("community:mentoring-match", args=[match.pk])
    assert mentee.post(url, {"response": "accept"}).status_code == 302
    assert mentee.post(url, {"response": "decline"}).status_code == 409
    assert mentor.post(url, {"response": "accept"}).status_code == 302
    match.refresh_from_db()
    assert match.status == MentoringMatchStatus.ACTIVE
    check = reverse("community:mentoring-check-in", args=[match.pk])
    assert mentor.post(check, {**_date("met_on", w.today), "notes": "x" * 5001}) \
        .status_code == 400
    assert mentor.post(check, {**_date("met_on", w.today), "notes": "Talked"}) \
        .status_code == 302
    assert "Talked" in mentee.get(url).content.decode()
    review = reverse("community:mentoring-review", args=[match.pk])
    assert mentee.post(review, {"rating": 9, "what_changed": ""}).status_code == 400
    assert mentee.post(review, {"rating": 4, "what_changed": "Confidence"}).status_code == 302
    match.refresh_from_db()
    assert match.status == MentoringMatchStatus.ENDED and match.rating == 4


def test_withdraw_page(mentoring, web_client) -> None:  # noqa: ANN001
    w = mentoring
    web = web_client(w.staff1)
    url = reverse("community:mentoring-signup-withdraw", args=[w.signups["staff1"].pk])
    assert web.get(url).status_code == 200
    assert web.post(url).status_code == 302
    assert web.post(url).status_code == 409


def test_unknown_role_is_404(mentoring, web_client) -> None:  # noqa: ANN001
    web = web_client(mentoring.outsider)
    assert web.get(reverse("community:mentoring-signup",
                           args=[mentoring.scheme.pk, "boss"])).status_code == 404


def test_every_mentoring_page_is_reached_by_links_from_the_hub(mentoring, web_client) -> None:  # noqa: ANN001
    """The crawl test's rule on this world: from the community hub, a party to an active
    match and an organiser reach every mentoring page they may open, and no link breaks."""
    from cadre.community.services import mentoring as services
    from cadre.core.actor import Actor
    from tests.demo_site import crawl

    w = mentoring
    services.run_matching(actor=Actor.system(), scheme=w.scheme)
    match = MentoringMatch.objects.get(mentee=w.signups["staff2"])
    for person in (w.people.a_staff2, w.people.b_head):
        services.respond(actor=Actor.system(), match=match, response="accept", person=person)
    member_pages = {"community:mentoring", "community:mentoring-scheme",
                    "community:mentoring-signup", "community:mentoring-signup-withdraw",
                    "community:mentoring-match", "community:mentoring-check-in",
                    "community:mentoring-review"}
    organiser_pages = {"community:mentoring-manage", "community:mentoring-scheme-create",
                       "community:mentoring-scheme-manage", "community:mentoring-scheme-edit",
                       "community:mentoring-scheme-match"}
    for user, wanted in ((w.staff2, member_pages), (w.pm, organiser_pages),
                         (w.central, organiser_pages)):
        result = crawl(web_client(user), start=reverse("community:home"), max_pages=400)
        assert not result.broken(), result.broken()
        assert wanted <= result.reached(), wanted - result.reached()
