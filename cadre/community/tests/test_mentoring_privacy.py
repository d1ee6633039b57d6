# ruff: noqa: F811 - pytest fixtures imported from mentoring_fixtures are named as arguments
"""Who sees mentoring, per URL name: a person sees their own sign-ups and matches; the
scheme's organisers (and the central team) its sign-ups and matches; a programme manager
who does not organise the scheme, another member, or an account without a person record see
no names (403 for the rule, 404 for a record that is not theirs)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.community.models import MentoringMatch
from cadre.community.services import mentoring as services
from cadre.community.tests.mentoring_fixtures import mentoring  # noqa: F401
from cadre.core.actor import Actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def matched(mentoring):  # noqa: ANN001, ANN201
    services.run_matching(actor=Actor.system(), scheme=mentoring.scheme)
    mentoring.match = MentoringMatch.objects.get(mentee=mentoring.signups["staff2"])
    return mentoring


def _member_pages(w) -> dict[str, str]:  # noqa: ANN001
    s, m, mine = w.scheme.pk, w.match.pk, w.signups["staff2"].pk
    return {
        "mentoring": reverse("community:mentoring"),
        "mentoring-scheme": reverse("community:mentoring-scheme", args=[s]),
        "mentoring-signup": reverse("community:mentoring-signup", args=[s, "mentee"]),
        "mentoring-signup-withdraw": reverse("community:mentoring-signup-withdraw",
                                             args=[mine]),
        "mentoring-match": reverse("community:mentoring-match", args=[m]),
        "mentoring-check-in": reverse("community:mentoring-check-in", args=[m]),
        "mentoring-review": reverse("community:mentoring-review", args=[m]),
    }


def _organiser_pages(w) -> dict[str, str]:  # noqa: ANN001
    s = w.scheme.pk
    return {
        "mentoring-manage": reverse("community:mentoring-manage"),
        "mentoring-scheme-create": reverse("community:mentoring-scheme-create"),
        "mentoring-scheme-manage": reverse("community:mentoring-scheme-manage", args=[s]),
        "mentoring-scheme-edit": reverse("community:mentoring-scheme-edit", args=[s]),
        "mentoring-scheme-match": reverse("community:mentoring-scheme-match", args=[s]),
    }


def _organiser_api(w) -> dict[str, str]:  # noqa: ANN001
    s = w.scheme.pk
    return {
        "community-mentoring-scheme-list": reverse("api:community-mentoring-scheme-list"),
        "community-mentoring-scheme-detail": reverse("api:community-mentoring-scheme-detail",
                                                     args=[s]),
    }


def _member_api(w) -> dict[str, str]:  # noqa: ANN001
    return {
        "community-mentoring-signup-list": reverse("api:community-mentoring-signup-list"),
        "community-mentoring-match-list": reverse("api:community-mentoring-match-list"),
    }


def _post_api(w) -> dict[str, str]:  # noqa: ANN001
    s, m = w.scheme.pk, w.match.pk
    return {
        "community-mentoring-scheme-status": reverse("api:community-mentoring-scheme-status",
                                                     args=[s]),
        "community-mentoring-match-run": reverse("api:community-mentoring-match-run",
                                                 args=[s]),
        "community-mentoring-match-response": reverse(
            "api:community-mentoring-match-response", args=[m]),
        "community-mentoring-match-review": reverse("api:community-mentoring-match-review",
                                                    args=[m]),
        "community-mentoring-match-check-ins": reverse(
            "api:community-mentoring-match-check-ins", args=[m]),
    }


def test_signed_out_sees_nothing(matched) -> None:  # noqa: ANN001
    for name, url in {**_member_pages(matched), **_organiser_pages(matched)}.items():
        response = Client().get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"], name
    for name, url in {**_organiser_api(matched), **_member_api(matched)}.items():
        assert APIClient().get(url).status_code in (401, 403), name
    for name, url in _post_api(matched).items():
        assert APIClient().post(url, {}, format="json").status_code in (401, 403), name


def test_an_account_without_a_person_or_role_is_refused(matched, web_client,  # noqa: ANN001
                                                         api_client) -> None:  # noqa: ANN001
    web, api = web_client(matched.nobody), api_client(matched.nobody)
    for name, url in {**_member_pages(matched), **_organiser_pages(matched)}.items():
        assert web.get(url).status_code == 403, name
    for name, url in {**_organiser_api(matched), **_member_api(matched)}.items():
        assert api.get(url).status_code == 403, name
    for name, url in _post_api(matched).items():
        assert api.post(url, {}, format="json").status_code == 403, name


def test_the_parties_see_their_match(matched, web_client, api_client) -> None:  # noqa: ANN001
    w = matched
    for user in (w.staff2, w.bhead):
        web = web_client(user)
        for name in ("mentoring", "mentoring-match", "mentoring-scheme"):
            response = web.get(_member_pages(w)[name])
            assert response.status_code == 200, name
        body = web.get(_member_pages(w)["mentoring-match"]).content.decode()
        assert w.people.a_staff2.full_name in body or w.people.b_head.full_name in body
        check_ins = api_client(user).get(_post_api(w)["community-mentoring-match-check-ins"])
        assert check_ins.status_code == 200
        listed = api_client(user).get(reverse("api:community-mentoring-match-list")).json()
        assert [r["id"] for r in listed["results"]] == [w.match.pk]
    web = web_client(w.staff2)
    assert web.get(_member_pages(w)["mentoring-signup-withdraw"]).status_code == 200
    # a proposed match: check-in and review pages open, the services refuse until active
    assert web.get(_member_pages(w)["mentoring-check-in"]).status_code == 200


def test_another_member_sees_no_names(matched, web_client, api_client) -> None:  # noqa: ANN001
    w = matched
    web, api = web_client(w.outsider), api_client(w.outsider)
    home = web.get(reverse("community:mentoring"))
    assert home.status_code == 200
    body = home.content.decode()
    for person in (w.people.a_staff1, w.people.a_staff2, w.people.b_head, w.people.a_other):
        assert person.full_name not in body
    scheme = web.get(_member_pages(w)["mentoring-scheme"]).content.decode()
    assert w.people.a_staff2.full_name not in scheme
    for name in ("mentoring-match", "mentoring-check-in", "mentoring-review",
                 "mentoring-signup-withdraw"):
        assert web.get(_member_pages(w)[name]).status_code == 404, name
    assert web.post(_member_pages(w)["mentoring-match"],
                    {"response": "decline"}).status_code == 404
    assert api.get(reverse("api:community-mentoring-match-list")).json()["results"] == []
    assert api.get(reverse("api:community-mentoring-signup-list")).json()["results"] == []
    assert api.post(_post_api(w)["community-mentoring-match-response"],
                    {"response": "decline"}, format="json").status_code == 404
    for name in ("community-mentoring-match-review", "community-mentoring-match-check-ins"):
        assert api.post(_post_api(w)[name], {}, format="json").status_code == 404, name
    assert api.get(_post_api(w)["community-mentoring-match-check-ins"]).status_code == 404
    for name, url in _organiser_pages(w).items():
        assert web.get(url).status_code == 403, name
    for name, url in _organiser_api(w).items():
        assert api.get(url).status_code == 403, name


def test_organisers_see_their_schemes_only(matched, web_client, api_client) -> None:  # noqa: ANN001
    w = matched
    for user in (w.pm, w.central):
        web = web_client(user)
        for name, url in _organiser_pages(w).items():
            assert web.get(url).status_code == 200, name
        manage = web.get(_organiser_pages(w)["mentoring-scheme-manage"]).content.decode()
        assert w.people.a_staff2.full_name in manage
        api = api_client(user)
        for name, url in _organiser_api(w).items():
            assert api.get(url).status_code == 200, name
        run = api.post(_post_api(w)["community-mentoring-match-run"], {"dry_run": True},
                       format="json")
        assert run.status_code == 200
    other = web_client(w.pm_other)
    assert other.get(reverse("community:mentoring-manage")).status_code == 200
    assert w.scheme.name not in other.get(reverse("community:mentoring-manage")) \
        .content.decode()
    for name in ("mentoring-scheme-manage", "mentoring-scheme-edit", "mentoring-scheme-match"):
        assert other.get(_organiser_pages(w)[name]).status_code == 404, name
    api = api_client(w.pm_other)
    assert api.get(_organiser_api(w)["community-mentoring-scheme-detail"]).status_code == 404
    assert api.get(_organiser_api(w)["community-mentoring-scheme-list"]).json()["results"] == []
    for name in ("community-mentoring-scheme-status", "community-mentoring-match-run"):
        assert api.post(_post_api(w)[name], {}, format="json").status_code == 404, name
    # organisers without a person record are not members: the member pages are 403
    assert other.get(reverse("community:mentoring")).status_code == 403
