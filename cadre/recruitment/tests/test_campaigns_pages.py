# ruff: noqa: F811 - pytest fixtures imported from campaigns_fixtures are named as arguments
"""Campaign pages: starting a campaign from a vacancy gone external (and the link on the
vacancy's page), for a new senior role, changing it, its plan, its state actions, stale
forms and the list's filters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cadre.recruitment.models import Campaign
from cadre.recruitment.tests.campaigns_fixtures import (  # noqa: F401
    CLI,
    mob,
    new_campaign,
    opened,
    world,
)

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month),
            f"{prefix}_2": str(day.year)}


def _form(w, **changes) -> dict:  # noqa: ANN001
    data = {"title": "Head of data", "role_level": w.role_level.pk, "grade": w.g6.pk,
            "pay_min": "70000", "pay_max": "80000", "location": "Leeds",
            "engagement": "permanent", "retention_months": "12",
            **_date("closing_date", timezone.localdate() + dt.timedelta(days=20))}
    data.update(changes)
    return data


def test_the_vacancy_page_links_to_a_campaign_from_it(world, web_client) -> None:  # noqa: ANN001
    w = world
    page = web_client(w.mob.a_hop).get(reverse("mobility:vacancy", args=[w.vacancy.pk]))
    link = f'{reverse("recruitment:campaign-create")}?vacancy={w.vacancy.pk}'
    assert link in page.content.decode()
    staff = web_client(w.mob.b_staff_user).get(reverse("mobility:vacancy", args=[w.vacancy.pk]))
    assert "Start a recruitment campaign" not in staff.content.decode()


def test_starting_from_the_vacancy(world, web_client) -> None:  # noqa: ANN001
    w = world
    client = web_client(w.mob.a_hop)
    url = f'{reverse("recruitment:campaign-create")}?vacancy={w.vacancy.pk}'
    page = client.get(url).content.decode()
    assert w.vacancy.title in page and "went external" in page and "---------" not in page
    assert 'name="closing_date_0"' in page and 'name="organisation"' not in page
    response = client.post(url, _form(w, title=w.vacancy.title))
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and campaign.vacancy == w.vacancy
    assert campaign.criteria.count() == 2
    # A second visit goes to the campaign the vacancy has.
    again = client.get(url)
    assert again.status_code == 302 and again["Location"] == reverse("recruitment:campaign",
                                                                      args=[campaign.pk])


def test_starting_for_a_new_senior_role_lists_the_vacancies_gone_external(world, web_client
                                                                          ) -> None:  # noqa: ANN001
    w = world
    client = web_client(w.mob.a_hop)
    page = client.get(reverse("recruitment:campaign-create")).content.decode()
    assert f"?vacancy={w.vacancy.pk}" in page and "Recruiting organisation" in page
    response = client.post(reverse("recruitment:campaign-create"),
                           _form(w, organisation=w.org_a.pk))
    assert response.status_code == 302
    assert Campaign.objects.get().vacancy is None


def test_bad_input_shows_the_error_summary_and_keeps_the_input(world, web_client) -> None:  # noqa: ANN001
    w = world
    client = web_client(w.mob.a_hop)
    response = client.post(reverse("recruitment:campaign-create"),
                           _form(w, organisation=w.org_a.pk, pay_min="90000",
                                 title="Keep this title"))
    page = response.content.decode()
    assert response.status_code == 400 and "govuk-error-summary" in page
    assert "The highest pay must not be below the lowest." in page
    assert "Keep this title" in page and not Campaign.objects.exists()


def test_a_vacancy_not_theirs_is_not_found(world, web_client) -> None:  # noqa: ANN001
    w = world
    url = f'{reverse("recruitment:campaign-create")}?vacancy={w.vacancy.pk}'
    assert web_client(w.mob.b_hop).get(url).status_code == 404
    assert web_client(w.mob.a_hop).get(
        f'{reverse("recruitment:campaign-create")}?vacancy=abc').status_code == 404


def test_the_detail_page_for_those_who_run_it(world, web_client) -> None:  # noqa: ANN001
    w = world
    campaign = new_campaign(w, vacancy=w.vacancy, organisation=None)
    page = web_client(w.mob.a_hop).get(reverse("recruitment:campaign",
                                               args=[campaign.pk])).content.decode()
    for words in ("£70,000 to £80,000 a year", "Assessment plan", "Open for applications",
                  "Cancel the campaign", "From the vacancy", "Kept for 12 months",
                  reverse("recruitment:campaign-criteria", args=[campaign.pk])):
        assert words in page, words


def test_a_pay_range_outside_the_benchmark_is_flagged(world, web_client) -> None:  # noqa: ANN001
    from cadre.recruitment.services import pay as pay_services

    w = world
    pay_services.add_market_figure(actor=CLI, role_level_id=w.role_level.pk, grade_id=w.g6.pk,
                                   low=90000, median=100000, high=110000,
                                   source="Demo salary survey", source_date="2026-01-01")
    campaign = new_campaign(w, pay_min=60000, pay_max=70000)
    page = web_client(w.mob.a_hop).get(reverse("recruitment:campaign",
                                               args=[campaign.pk])).content.decode()
    assert 'id="pay-flags"' in page and "below" in page and "Demo salary survey" in page
    staff = web_client(w.mob.b_staff_user)
    opened_campaign = opened(w, pay_min=60000, pay_max=70000, title="Open")
    page = staff.get(reverse("recruitment:campaign", args=[opened_campaign.pk])).content
    assert b"Demo salary survey" not in page and b"pay-flags" not in page


def test_editing_and_a_stale_form(world, web_client) -> None:  # noqa: ANN001
    w = world
    campaign = new_campaign(w)
    client = web_client(w.mob.a_hop)
    url = reverse("recruitment:campaign-edit", args=[campaign.pk])
    page = client.get(url).content.decode()
    assert 'value="Chief data architect"' in page and 'name="version"' in page
    assert client.post(url, _form(w, title="Renamed", version="1")).status_code == 302
    stale = client.post(url, _form(w, title="Lost", version="1"))
    assert stale.status_code == 409 and "Someone else changed" in stale.content.decode()
    campaign.refresh_from_db()
    assert campaign.title == "Renamed"


def test_the_plan_is_changed_on_its_page(world, web_client) -> None:  # noqa: ANN001
    w = world
    campaign = new_campaign(w, seed_criteria=False)
    client = web_client(w.mob.a_hop)
    url = reverse("recruitment:campaign-criteria", args=[campaign.pk])
    response = client.post(url, {"text": "Leads teams", "stage": "interview",
                                 "method": "interview", "version": "1"})
    assert response.status_code == 302
    criterion = campaign.criteria.get()
    edit = reverse("recruitment:campaign-criterion-edit", args=[criterion.pk])
    assert client.post(edit, {"text": "Leads large teams", "stage": "interview",
                              "method": "interview", "order": "1",
                              "version": "2"}).status_code == 302
    bad = client.post(url, {"text": "On paper", "stage": "sift", "method": "presentation",
                            "version": "3"})
    assert bad.status_code == 400 and "cannot assess" in bad.content.decode()
    client.post(reverse("recruitment:campaign-criterion-remove", args=[criterion.pk]),
                {"version": "3"})
    assert not campaign.criteria.exists()


def test_moving_the_campaign_on_from_its_page(world, web_client) -> None:  # noqa: ANN001
    w = world
    campaign = opened(w)
    client = web_client(w.mob.a_hop)
    url = reverse("recruitment:campaign-transition", args=[campaign.pk])
    assert client.post(url, {"to": "sift", "version": str(campaign.version)}
                       ).status_code == 302
    # The same button pressed again from the old page: the step is no longer possible.
    again = client.post(url, {"to": "sift", "version": str(campaign.version)})
    assert again.status_code == 409
    refused = client.post(url, {"to": "cancelled", "version": str(campaign.version + 1),
                                "reason": ""})
    page = refused.content.decode()
    assert refused.status_code == 400 and "Give the reason for cancelling" in page
    assert 'href="#id_cancel_reason"' in page


def test_opening_without_a_pay_range_says_so(world, web_client) -> None:  # noqa: ANN001
    w = world
    campaign = new_campaign(w, pay_min=None, pay_max=None)
    response = web_client(w.mob.a_hop).post(
        reverse("recruitment:campaign-transition", args=[campaign.pk]),
        {"to": "open", "version": "1"})
    assert response.status_code == 400
    assert "Set the pay range before opening" in response.content.decode()


def test_the_list_filters(world, web_client) -> None:  # noqa: ANN001
    w = world
    opened(w, title="Open one")
    new_campaign(w, title="Draft one")
    client = web_client(w.mob.central)
    page = client.get(reverse("recruitment:campaigns") + "?state=draft").content.decode()
    assert "Draft one" in page and "Open one" not in page
    page = client.get(reverse("recruitment:campaigns") + "?q=open").content.decode()
    assert "Open one" in page and "Draft one" not in page
    bad = client.get(reverse("recruitment:campaigns") + "?state=nonsense")
    assert bad.status_code == 400 and "govuk-error-summary" in bad.content.decode()
    assert client.get(reverse("recruitment:campaigns") + "?q=%00").status_code == 400


def test_the_hub_links_to_the_campaigns(world, web_client) -> None:  # noqa: ANN001
    page = web_client(world.mob.a_hop).get(reverse("recruitment:home")).content.decode()
    assert reverse("recruitment:campaigns") in page
    assert reverse("recruitment:campaign-create") in page
    staff = web_client(world.mob.b_staff_user).get(reverse("recruitment:home")).content.decode()
    assert reverse("recruitment:campaigns") in staff
    assert reverse("recruitment:campaign-create") not in staff
