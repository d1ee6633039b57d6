"""Review: a period label in a query longer than any label is not cut to fit and then
matched to another period: it is a clear 400 naming the field."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.strategy.models.suppliers import MAX_PERIOD_LABEL
from cadre.strategy.services import suppliers as services
from cadre.strategy.tests.suppliers_fixtures import CLI, supplier_world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_overlong_period_label_is_refused_not_cut(supplier_world, make_account,  # noqa: ANN001, F811
                                                  api_client) -> None:  # noqa: ANN001
    long_label = "2027 to 2028 assessment of strategic suppliers ab"[:MAX_PERIOD_LABEL]
    long_label = long_label.ljust(MAX_PERIOD_LABEL, "x")
    services.create_period(actor=CLI, label=long_label, starts_on="2027-01-01",
                           ends_on="2027-12-31")
    client = api_client(make_account("central_team"))
    url = reverse("api:strategy-supplier-overall")
    assert client.get(url, {"period": long_label}).status_code == 200
    response = client.get(url, {"period": long_label + " and more"})
    assert response.status_code == 400
    assert "period" in str(response.json())


def test_overlong_search_is_refused_not_cut(supplier_world, make_account,  # noqa: ANN001, F811
                                            web_client) -> None:  # noqa: ANN001
    """The search box has no maxlength (the browser would cut pasted text without a word)
    and a search longer than 200 characters is a 400, not searched for its first 200."""
    web = web_client(make_account("central_team"))
    url = reverse("strategy:suppliers")
    page = web.get(url).content.decode()
    assert 'maxlength="200"' not in page
    found = web.get(url, {"q": "Imaginary" + " " * 191 + "no such words"})
    assert found.status_code == 400
    assert web.get(url, {"q": "Imaginary"}).status_code == 200


def test_supplier_edit_page_refuses_a_stale_form(supplier_world, make_account,  # noqa: ANN001, F811
                                                 web_client) -> None:  # noqa: ANN001
    """Two editors: a form opened before the other's change does not put the old words
    back; it is refused with a 409 and nothing is saved."""
    import re

    from cadre.strategy.models import StrategicSupplier

    w = supplier_world
    web = web_client(make_account("central_team"))
    url = reverse("strategy:supplier-edit", args=[w.supplier.pk])
    page = web.get(url).content.decode()
    found = re.search(r'name="version"[^>]*value="([^"]*)"', page) or re.search(
        r'value="([^"]*)"[^>]*name="version"', page)
    form = {"name": "Imaginary Systems Group plc", "company_number": "01234567",
            "description": "A made-up outsourcer.", "plan_summary": "", "active": "yes",
            "version": found.group(1) if found else ""}
    services.update_supplier(actor=CLI, supplier=w.supplier.pk,
                             description="Words from the other editor.")
    response = web.post(url, form)
    assert response.status_code == 409
    stored = StrategicSupplier.objects.get(pk=w.supplier.pk)
    assert stored.description == "Words from the other editor."
    assert stored.name == "Imaginary Systems plc"
