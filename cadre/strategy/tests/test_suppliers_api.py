# ruff: noqa: F811 - pytest fixtures imported from suppliers_fixtures are named as arguments
"""Strategic suppliers API: suppliers with ETags, overall rows and figures scoped to the
caller, scores with a stale version refused (409), plan actions and their transitions, and
the framework."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.strategy.models import SupplierScore
from cadre.strategy.tests.suppliers_fixtures import FIVE, score_all, supplier_world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_suppliers_create_list_and_patch_with_etag(supplier_world, make_account,  # noqa: ANN001
                                                   api_client) -> None:  # noqa: ANN001
    client = api_client(make_account("central_team"))
    response = client.post(reverse("api:strategy-suppliers"),
                           {"name": "Fictional Ltd", "company_number": "bad"}, format="json")
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["company_number"]
    response = client.post(reverse("api:strategy-suppliers"), {"name": "Fictional Ltd"},
                           format="json")
    assert response.status_code == 201
    pk = response.json()["id"]
    listed = client.get(reverse("api:strategy-suppliers")).json()
    assert {row["name"] for row in listed["results"]} == {"Fictional Ltd",
                                                          "Imaginary Systems plc"}
    url = reverse("api:strategy-supplier", args=[pk])
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"active": False}, format="json",
                        HTTP_IF_MATCH=etag).status_code == 200
    assert client.patch(url, {"active": True}, format="json",
                        HTTP_IF_MATCH=etag).status_code == 412


def test_scores_round_trip_and_stale_versions(supplier_world, make_account,  # noqa: ANN001
                                              api_client) -> None:  # noqa: ANN001
    w = supplier_world
    client = api_client(make_account("head_of_profession", w.org_a))
    url = reverse("api:strategy-supplier-scores", args=[w.supplier.pk])
    body = {"period": "2026 H1", "organisation": "DA",
            "scores": [{"criterion": w.delivery.pk, "score": 4, "comment": "Good"},
                       {"criterion": w.security.pk, "score": 2}]}
    response = client.post(url, body, format="json")
    assert response.status_code == 200, response.json()
    rows = {r["criterion_name"]: r for r in response.json()}
    assert (rows["Delivery"]["score"], rows["Delivery"]["version"]) == (4, 1)
    stale = {"period": "2026 H1", "organisation": "DA",
             "scores": [{"criterion": w.delivery.pk, "score": 2, "version": 0}]}
    response = client.post(url, stale, format="json")
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == f"criterion_{w.delivery.pk}"
    fresh = {"period": "2026 H1", "organisation": "DA",
             "scores": [{"criterion": w.delivery.pk, "score": 2, "version": 1}]}
    assert client.post(url, fresh, format="json").status_code == 200
    got = client.get(url + f"?period={w.spring.pk}&organisation=DA").json()
    assert {r["criterion_name"]: r["version"] for r in got} == {"Delivery": 2, "Security": 1}
    # Out of scale, another organisation, no NUL.
    bad = {"period": "2026 H1", "organisation": "DA",
           "scores": [{"criterion": w.security.pk, "score": 4, "version": 1}]}
    assert client.post(url, bad, format="json").status_code == 400
    other = {**body, "organisation": "DB"}
    assert client.post(url, other, format="json").status_code == 403
    assert client.get(url + "?period=2026 H1&organisation=DB").status_code == 403
    assert client.get(url + "?period=x%00&organisation=DA").status_code == 400
    assert not SupplierScore.objects.filter(organisation=w.org_b).exists()


def test_overall_and_figures_are_scoped(supplier_world, make_account, api_client) -> None:  # noqa: ANN001
    w = supplier_world
    score_all(w, w.org_a, w.spring, 4, 2, 3)
    score_all(w, w.org_b, w.spring, 2, 2, 1)
    head = api_client(make_account("head_of_profession", w.org_a))
    rows = head.get(reverse("api:strategy-supplier-overall")).json()
    assert [(r["organisation"], r["overall"]) for r in rows] == [("DA", 62.5)]
    central = api_client(make_account("central_team"))
    rows = central.get(reverse("api:strategy-supplier-overall")
                       + "?supplier=imaginary systems plc&period=2026 H1").json()
    assert [(r["organisation"], r["overall"], r["organisations"]) for r in rows] == [
        ("DA", 62.5, 1), ("DB", 20.8, 1), ("All buying organisations", 41.7, 2)]
    assert central.get(reverse("api:strategy-supplier-overall")
                       + "?supplier=nobody").status_code == 400
    figures = head.get(reverse("api:strategy-supplier-figures", args=[w.supplier.pk])).json()
    assert (figures[0]["shown"], figures[0]["overall"], figures[0]["organisations"]) == (
        False, None, 2)
    assert figures[0]["hidden_reason"].startswith("Not shown")


def test_plan_actions_and_transitions(supplier_world, make_account, api_client) -> None:  # noqa: ANN001
    w = supplier_world
    central = api_client(make_account("central_team"))
    url = reverse("api:strategy-supplier-actions", args=[w.supplier.pk])
    response = central.post(url, {"title": "Recover", "owner_organisation": "DA",
                                  "due_on": "2027-01-31"}, format="json")
    assert response.status_code == 201
    pk = response.json()["id"]
    head = api_client(make_account("head_of_profession", w.org_a))
    move = reverse("api:strategy-supplier-action-transition", args=[pk])
    response = head.post(move, {"to": "in_progress", "reason": "Begun"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "in_progress"
    assert head.post(move, {"to": "in_progress"}, format="json").status_code == 409
    other = api_client(make_account("head_of_profession", w.org_b))
    assert other.post(move, {"to": "done"}, format="json").status_code == 403
    detail = head.get(reverse("api:strategy-supplier-action", args=[pk])).json()
    assert [h["status"] for h in detail["history"]] == ["In progress", "Open"]


def test_framework_api(supplier_world, make_account, api_client) -> None:  # noqa: ANN001
    central = api_client(make_account("central_team"))
    body = central.get(reverse("api:strategy-supplier-framework")).json()
    assert body["versions"][0]["criteria"][0]["descriptors"] == FIVE
    response = central.post(reverse("api:strategy-supplier-versions"),
                            {"label": "Second", "copy_latest": False}, format="json")
    assert response.status_code == 201
    version = response.json()["id"]
    url = reverse("api:strategy-supplier-criteria", args=[version])
    assert central.post(url, {"name": "Innovation", "weight": 1, "scale_max": 3,
                              "descriptors": ["a", "b"]}, format="json").status_code == 400
    assert central.post(url, {"name": "Innovation", "weight": 1, "scale_max": 3,
                              "descriptors": ["a", "b", "c"]}, format="json").status_code == 201
    response = central.post(reverse("api:strategy-supplier-periods"),
                            {"label": "2027", "starts_on": "2027-01-01",
                             "ends_on": "2027-12-31", "framework_version": 2}, format="json")
    assert response.status_code == 201 and response.json()["framework_version"] == 2
