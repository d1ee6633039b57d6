# ruff: noqa: F811 - pytest fixtures imported from contributions_fixtures are named as arguments
"""Contribution pages: the person's list and the link from their record, offering and
withdrawing appraisal evidence, the evidence on the rating page, and the counts page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.strategy.models import ContributionEvidence
from cadre.strategy.tests.contributions_fixtures import contributions  # noqa: F401
from cadre.talent.models import TalentRating

pytestmark = pytest.mark.django_db


def _page(w) -> str:  # noqa: ANN001
    return reverse("strategy:contributions-person", args=[w.people.a_manager.pk])


def test_own_page_lists_every_kind_with_links(contributions, web_client) -> None:
    w = contributions
    client = web_client(w.manager)
    assert client.get(reverse("strategy:contributions-mine")).url == _page(w)
    page = client.get(_page(w)).content.decode()
    assert "Your contributions" in page
    for text in ("Deployed to Tax platform", "Mentoring in Contributions scheme",
                 "Leading the Data community", "Assessed an application for",
                 "Sat on the review panel", "Hosted a Fast Stream posting: Data engineer"):
        assert text in page
    assert "Declined one" not in page
    assert reverse("bench:bench-request", args=[w.records["bench"].pk]) in page
    record = client.get(reverse("people:detail", args=[w.people.a_manager.pk])).content.decode()
    assert 'id="contributions-link"' in record


def test_manager_sees_without_links_and_offers_evidence(contributions, web_client) -> None:
    w = contributions
    client = web_client(w.head)
    page = client.get(_page(w)).content.decode()
    assert "Contributions of" in page and "Deployed to Tax platform" in page
    assert reverse("bench:bench-request", args=[w.records["bench"].pk]) not in page
    assert "Offer as evidence" in page
    key = f"bench:{w.records['bench'].pk}"
    response = client.post(_page(w), {"cycle": str(w.cycle.pk), "contributions": [key]})
    assert response.status_code == 302
    evidence = ContributionEvidence.objects.get()
    assert evidence.offered_by == w.head
    # shown on the rating page of the head of profession
    rating = TalentRating.objects.create(cycle=w.cycle, person=w.people.a_manager,
                                         performance=2, potential=2, rated_by=w.head)
    rating_page = web_client(w.central).get(reverse("talent:rating", args=[rating.pk]))
    assert "Deployed to Tax platform" in rating_page.content.decode()
    # the person withdraws it
    mine = web_client(w.manager)
    url = reverse("strategy:contributions-evidence-withdraw", args=[evidence.pk])
    assert mine.get(url).status_code == 200
    assert mine.post(url).status_code == 302
    assert not ContributionEvidence.objects.exists()


def test_bad_offers_are_400_naming_the_field(contributions, web_client) -> None:
    w = contributions
    client = web_client(w.manager)
    response = client.post(_page(w), {"cycle": str(w.cycle.pk), "contributions": ["bench:1x"]})
    assert response.status_code == 400
    assert "not on the list" in response.content.decode()
    response = client.post(_page(w), {"cycle": "99999",
                                      "contributions": [f"bench:{w.records['bench'].pk}"]})
    assert response.status_code == 400
    assert not ContributionEvidence.objects.exists()


def test_counts_page(contributions, web_client) -> None:
    w = contributions
    client = web_client(w.analyst)
    url = reverse("strategy:contributions-counts")
    page = client.get(url, {"period": str(w.today.year)}).content.decode()
    assert "Department A" in page and "fewer than 5" in page and "[c]" in page
    for bad in ("2025-27", "abc", "2025\x00"):
        response = client.get(url, {"period": bad})
        assert response.status_code == 400
        assert "financial year" in response.content.decode()
    response = client.get(url, {"organisation": "NOPE"})
    assert response.status_code == 400 and "NOPE" in response.content.decode()
    assert client.get(url, {"organisation": "DA\x00"}).status_code == 400
    assert client.get(url, {"organisation": "DA"}).status_code == 200
    home = client.get(reverse("strategy:home")).content.decode()
    assert url in home
