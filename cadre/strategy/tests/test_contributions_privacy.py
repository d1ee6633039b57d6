# ruff: noqa: F811 - pytest fixtures imported from contributions_fixtures are named as arguments
"""Who sees contributions, per URL name: a person sees their own, their line managers and
the central team see them; a report, someone in another organisation and an account with
no person record get 404 (or 403 from the rule); counts are for heads of profession,
analysts and the central team, with 1 to 4 people hidden; evidence is offered and withdrawn
only by the person and their line managers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.core.actor import Actor
from cadre.strategy.models import ContributionEvidence
from cadre.strategy.services import contributions as services
from cadre.strategy.tests.contributions_fixtures import contributions  # noqa: F401

pytestmark = pytest.mark.django_db

PERSON_NAMES = ("strategy:contributions-person", "api:strategy-contributions-person")


def _person_urls(w) -> list[str]:  # noqa: ANN001
    pk = w.people.a_manager.pk
    return [reverse(name, args=[pk]) for name in PERSON_NAMES]


def test_the_person_their_managers_and_central_see_them(contributions, web_client,
                                                        api_client) -> None:
    w = contributions
    page, api = _person_urls(w)
    for account in (w.manager, w.head, w.central):
        assert web_client(account).get(page).status_code == 200
        assert api_client(account).get(api).status_code == 200


def test_strangers_see_nothing(contributions, web_client, api_client) -> None:
    w = contributions
    page, api = _person_urls(w)
    for account in (w.staff1, w.outsider):  # a report; someone in another organisation
        response = web_client(account).get(page)
        assert response.status_code == 404
        assert b"Tax platform" not in response.content
        assert api_client(account).get(api).status_code == 404
        record = web_client(account).get(reverse("people:detail",
                                                 args=[w.people.a_manager.pk]))
        assert b"contributions-link" not in record.content
    for account in (w.nobody, w.analyst):  # no person record: the rule refuses
        assert web_client(account).get(page).status_code == 403
        assert api_client(account).get(api).status_code == 403
    assert web_client(w.nobody).get(reverse("strategy:contributions-mine")).status_code == 200


def test_only_the_person_and_managers_offer_and_withdraw(contributions, web_client) -> None:
    w = contributions
    page = _person_urls(w)[0]
    key = f"bench:{w.records['bench'].pk}"
    # the central team sees the page but offers nothing
    assert b"Offer as evidence" not in web_client(w.central).get(page).content
    assert web_client(w.central).post(page, {"cycle": w.cycle.pk,
                                             "contributions": [key]}).status_code == 403
    assert web_client(w.outsider).post(page, {"cycle": w.cycle.pk,
                                              "contributions": [key]}).status_code == 404
    assert not ContributionEvidence.objects.exists()
    [evidence] = services.offer_evidence(actor=Actor.system(), person=w.people.a_manager,
                                         cycle=w.cycle, keys=[key])
    url = reverse("strategy:contributions-evidence-withdraw", args=[evidence.pk])
    for account in (w.staff1, w.outsider):
        assert web_client(account).post(url).status_code == 404
    for account in (w.central, w.nobody, w.analyst):
        assert web_client(account).post(url).status_code == 403
    assert ContributionEvidence.objects.filter(pk=evidence.pk).exists()


def test_counts_for_figures_roles_only_and_suppressed(contributions, web_client,
                                                      api_client) -> None:
    w = contributions
    page = reverse("strategy:contributions-counts")
    api = reverse("api:strategy-contributions-counts")
    params = {"period": str(w.today.year)}
    for account in (w.manager, w.head, w.outsider, w.nobody):
        assert web_client(account).get(page, params).status_code == 403
        assert api_client(account).get(api, params).status_code == 403
    shown = web_client(w.analyst).get(page, params).content.decode()
    assert "fewer than 5" in shown and w.people.a_manager.last_name not in shown
    rows = api_client(w.central).get(api, params).json()["rows"]
    assert rows and all(r["suppressed"] and r["people"] == "fewer than 5"
                        and r["contributions"] == "[c]" for r in rows)
