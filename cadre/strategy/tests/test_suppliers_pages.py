# ruff: noqa: F811 - pytest fixtures imported from suppliers_fixtures are named as arguments
"""Strategic supplier pages: the list and a supplier's page with the figures each viewer may
see (and the words saying what is shown), scoring with a stale version refused (409), the
framework pages and the plan action's move page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.strategy.models import (
    ActionStatus,
    AssessmentVersion,
    StrategicSupplier,
    SupplierScore,
)
from cadre.strategy.services import suppliers as services
from cadre.strategy.tests.suppliers_fixtures import (  # noqa: F401
    CLI,
    FIVE,
    score_all,
    supplier_world,
)

pytestmark = pytest.mark.django_db


def test_supplier_page_shows_what_each_viewer_may_see(supplier_world, make_account,  # noqa: ANN001
                                                      web_client) -> None:  # noqa: ANN001
    w = supplier_world
    score_all(w, w.org_a, w.spring, 4, 2, 3)
    score_all(w, w.org_b, w.spring, 2, 2, 1)
    url = reverse("strategy:supplier", args=[w.supplier.pk])
    central = web_client(make_account("central_team")).get(url).content.decode()
    assert "41.7" in central and "62.5" in central and "20.8" in central
    assert "As the central team you see every figure" in central
    head = web_client(make_account("head_of_profession", w.org_a)).get(url).content.decode()
    assert "62.5" in head and "20.8" not in head and "41.7" not in head
    assert "Not shown: fewer than 2 buying organisations other than your own" in head
    analyst = web_client(make_account("analyst")).get(url).content.decode()
    assert "41.7" in analyst and "62.5" not in analyst


def test_list_and_search(supplier_world, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account("analyst"))
    page = client.get(reverse("strategy:suppliers") + "?q=imaginary")
    assert page.status_code == 200 and "Imaginary Systems plc" in page.content.decode()
    assert client.get(reverse("strategy:suppliers") + "?q=a%00b").status_code == 400


def test_create_and_edit_a_supplier(make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account("central_team"))
    response = client.post(reverse("strategy:supplier-create"),
                           {"name": "Fictional Ltd", "company_number": "12", "active": "yes"})
    assert response.status_code == 400 and "Companies House number" in response.content.decode()
    response = client.post(reverse("strategy:supplier-create"),
                           {"name": "Fictional Ltd", "company_number": "SC123456",
                            "active": "yes"})
    item = StrategicSupplier.objects.get(name="Fictional Ltd")
    assert response.status_code == 302
    response = client.post(reverse("strategy:supplier-edit", args=[item.pk]),
                           {"name": "Fictional Ltd", "company_number": "", "active": "no"})
    item.refresh_from_db()
    assert response.status_code == 302 and not item.active and item.company_number == ""


def test_scoring_page_saves_and_refuses_a_stale_change(supplier_world, make_account,  # noqa: ANN001
                                                       web_client) -> None:  # noqa: ANN001
    w = supplier_world
    head = make_account("head_of_profession", w.org_a)
    client = web_client(head)
    url = reverse("strategy:supplier-scores", args=[w.supplier.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Choose" in page.content.decode()
    chosen = f"{url}?period={w.spring.pk}&organisation={w.org_a.pk}"
    page = client.get(chosen)
    assert "1: Very poor" in page.content.decode()
    d, v = w.delivery.pk, w.value.pk
    response = client.post(chosen, {f"criterion_{d}": "4", f"comment_{d}": "Fine",
                                    f"version_{d}": "0", f"criterion_{v}": "3",
                                    f"version_{v}": "0"})
    assert response.status_code == 302
    assert SupplierScore.objects.count() == 2
    # Someone else changes delivery; a form read before that is refused, nothing saved.
    services.set_score(actor=CLI, supplier=w.supplier, period=w.spring, organisation=w.org_a,
                       criterion=w.delivery, score=1, version=1)
    response = client.post(chosen, {f"criterion_{d}": "5", f"version_{d}": "1",
                                    f"criterion_{v}": "5", f"version_{v}": "1"})
    assert response.status_code == 409
    assert "Someone else changed the score for Delivery" in response.content.decode()
    assert sorted(SupplierScore.objects.values_list("score", flat=True)) == [1, 3]
    # Another organisation: not offered, and refused.
    assert client.get(f"{url}?period={w.spring.pk}&organisation={w.org_b.pk}"
                      ).status_code in (200, 404)
    assert client.post(f"{url}?period={w.spring.pk}&organisation={w.org_b.pk}",
                       {f"criterion_{d}": "5"}).status_code in (400, 404)
    assert not SupplierScore.objects.filter(organisation=w.org_b).exists()


def test_framework_pages(supplier_world, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account("central_team"))
    page = client.get(reverse("strategy:supplier-framework")).content.decode()
    assert "Version 1: First framework" in page and "Very poor" in page
    response = client.post(reverse("strategy:supplier-version-create"),
                           {"label": "Second", "copy_latest": "no"})
    assert response.status_code == 302
    second = str(AssessmentVersion.objects.get(number=2).pk)
    response = client.post(reverse("strategy:supplier-criterion-create"),
                           {"version": second, "name": "Innovation", "weight": "2",
                            "scale_max": "5", "descriptors": "\n".join(FIVE[:4])})
    assert response.status_code == 400 and "Give words for each of the 5 scores" in \
        response.content.decode()
    response = client.post(reverse("strategy:supplier-criterion-create"),
                           {"version": second, "name": "Innovation", "weight": "2",
                            "scale_max": "5", "descriptors": "\n".join(FIVE)})
    assert response.status_code == 302
    response = client.post(reverse("strategy:supplier-period-create"),
                           {"label": "2027", "starts_on": "2027-01-01",
                            "ends_on": "2027-12-31", "version": second})
    assert response.status_code == 302


def test_plan_action_pages(supplier_world, make_account, web_client) -> None:  # noqa: ANN001
    w = supplier_world
    central = web_client(make_account("central_team"))
    response = central.post(reverse("strategy:supplier-action-create", args=[w.supplier.pk]),
                            {"title": "Recover service levels", "owner_organisation":
                             w.org_a.pk, "due_on": "2027-03-31"})
    assert response.status_code == 302
    action = w.supplier.plan_actions.get()
    head = web_client(make_account("head_of_profession", w.org_a))
    page = head.get(reverse("strategy:supplier-action", args=[action.pk])).content.decode()
    assert "Move it on" in page
    move = reverse("strategy:supplier-action-move", args=[action.pk])
    assert head.post(move, {"to": "done", "reason": "Checked"}).status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    # A second, stale move from open to dropped: a 409, not a form error.
    assert head.post(move, {"to": "dropped"}).status_code == 409
    other = web_client(make_account("head_of_profession", w.org_b))
    assert other.post(move, {"to": "open"}).status_code == 403
    assert "Move it on" not in other.get(reverse("strategy:supplier-action",
                                                 args=[action.pk])).content.decode()
