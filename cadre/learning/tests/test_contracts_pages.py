# ruff: noqa: F811 - pytest fixtures imported from contracts_fixtures are named as arguments
"""Contract pages: the register with its sections, filters and downloads; adding and
changing contracts, rates, frameworks and lots; bad input re-shown with 400; coverage."""

from __future__ import annotations

from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse

from cadre.audit.models import AuditEvent
from cadre.learning.models import Contract, Lot, RateCardEntry, SupplyFramework
from cadre.learning.tests.contracts_fixtures import supply  # noqa: F401

pytestmark = pytest.mark.django_db


def _date(name: str, day) -> dict:  # noqa: ANN001
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def _contract_post(s, **overrides) -> dict:  # noqa: ANN001
    data = {"reference": "PG-1", "title": "Page contract", "supplier": s.acme.pk,
            "buyers": [s.org_a.pk], **_date("starts_on", s.today),
            **_date("ends_on", s.today + relativedelta(months=18)), "ceiling_value": "1000"}
    data.update(overrides)
    return data


def test_the_register_shows_sections_and_links(supply, web_client) -> None:  # noqa: ANN001
    page = web_client(supply.central).get(reverse("learning:contracts"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Ending within 6 months (1)" in html and "Ending in 6 to 12 months (1)" in html
    for name in ("learning:contract-create", "learning:contracts-import",
                 "learning:contracts-coverage", "learning:frameworks"):
        assert reverse(name) in html, name
    assert reverse("learning:contract", args=[supply.c_a.pk]) in html
    assert "---" not in html


def test_the_register_filters_and_downloads(supply, web_client) -> None:  # noqa: ANN001
    web = web_client(supply.central)
    page = web.get(reverse("learning:contracts"), {"organisation": supply.org_b.pk})
    html = page.content.decode()
    assert "CB-1" in html and "CA-1" not in html
    for fmt in ("csv", "xlsx", "ods"):
        download = web.get(reverse("learning:contracts"), {"format": fmt,
                                                            "supplier": supply.acme.pk})
        assert download.status_code == 200, fmt
        assert f".{fmt}" in download["Content-Disposition"]
    csv = web.get(reverse("learning:contracts"), {"format": "csv"}).content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("reference,title,supplier")
    assert "CA-1" in csv and "Ending within 6 months" in csv
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT,
                                     data__what="learning_contracts").count() == 4
    assert web.get(reverse("learning:contracts"), {"format": "pdf"}).status_code == 400
    bad = web.get(reverse("learning:contracts"), {"supplier": "nonsense"})
    assert bad.status_code == 200 and "CA-1" in bad.content.decode()


def test_adding_a_contract_and_bad_input(supply, web_client) -> None:  # noqa: ANN001
    web = web_client(supply.lead_a)
    form = web.get(reverse("learning:contract-create"))
    html = form.content.decode()
    assert form.status_code == 200 and 'type="checkbox"' in html and "---" not in html
    # A learning lead is offered only their own organisations as buyers.
    assert "Department A" in html and "Department B" not in html
    bad = web.post(reverse("learning:contract-create"), _contract_post(
        supply, reference="", **_date("ends_on", supply.today - relativedelta(days=1))))
    assert bad.status_code == 400
    assert "Enter a reference" in bad.content.decode() or "reference" in bad.content.decode()
    assert not Contract.objects.filter(title="Page contract").exists()
    wrong_lot = web.post(reverse("learning:contract-create"),
                         _contract_post(supply, lot=supply.lot.pk))
    assert wrong_lot.status_code == 400 and "lot" in wrong_lot.content.decode()
    good = web.post(reverse("learning:contract-create"), _contract_post(supply))
    contract = Contract.objects.get(reference="PG-1")
    assert good.status_code == 302 and good["Location"] == reverse("learning:contract",
                                                                   args=[contract.pk])


def test_changing_a_contract_and_its_rate_card(supply, web_client) -> None:  # noqa: ANN001
    web = web_client(supply.lead_a)
    c = supply.c_a
    detail = web.get(reverse("learning:contract", args=[c.pk]))
    html = detail.content.decode()
    assert detail.status_code == 200
    assert "Python course" in html and "Data engineering" in html and "Level 3" in html
    edit = web.get(reverse("learning:contract-edit", args=[c.pk]))
    assert edit.status_code == 200 and "CA-1" in edit.content.decode()
    changed = web.post(reverse("learning:contract-edit", args=[c.pk]), _contract_post(
        supply, reference="CA-1", title="Renamed", framework=supply.framework.pk,
        lot=supply.lot.pk, **_date("starts_on", c.starts_on), **_date("ends_on", c.ends_on)))
    assert changed.status_code == 302
    c.refresh_from_db()
    assert c.title == "Renamed"
    bad_rate = web.post(reverse("learning:contract", args=[c.pk]),
                        {"product": supply.testing.pk, "unit_price": "-5"})
    assert bad_rate.status_code == 400
    other_supplier = web.post(reverse("learning:contract", args=[c.pk]),
                              {"product": supply.research.pk, "unit_price": "5"})
    assert other_supplier.status_code == 400  # not offered: the supplier's products only
    added = web.post(reverse("learning:contract", args=[c.pk]),
                     {"product": supply.testing.pk, "unit_price": "250.00"})
    assert added.status_code == 302
    entry = RateCardEntry.objects.get(contract=c, product=supply.testing)
    url = reverse("learning:contract-rate", args=[c.pk, entry.pk])
    assert web.get(url).status_code == 200
    assert web.post(url, {"unit_price": str(Decimal("2000000"))}).status_code == 400
    assert web.post(url, {"action": "save", "unit_price": "199.99"}).status_code == 302
    entry.refresh_from_db()
    assert entry.unit_price == Decimal("199.99")
    assert web.post(url, {"action": "remove"}).status_code == 302
    assert not RateCardEntry.objects.filter(pk=entry.pk).exists()


def test_a_lead_reads_but_cannot_change_a_shared_contract(supply, web_client) -> None:  # noqa: ANN001
    shared = supply.c_b
    shared.buyers.add(supply.org_a)
    web = web_client(supply.lead_a)
    page = web.get(reverse("learning:contract", args=[shared.pk]))
    assert page.status_code == 200
    assert reverse("learning:contract-edit", args=[shared.pk]) not in page.content.decode()
    assert web.get(reverse("learning:contract-edit", args=[shared.pk])).status_code == 403
    assert web.post(reverse("learning:contract", args=[shared.pk]),
                    {"product": supply.research.pk, "unit_price": "1"}).status_code == 403


def test_frameworks_and_lots_pages(supply, web_client) -> None:  # noqa: ANN001
    web = web_client(supply.central)
    listing = web.get(reverse("learning:frameworks"))
    assert listing.status_code == 200
    assert reverse("learning:framework", args=[supply.framework.pk]) in listing.content.decode()
    detail = web.get(reverse("learning:framework", args=[supply.framework.pk]))
    html = detail.content.decode()
    assert "Technical" in html and "CA-1" in html and "Ending within 6 months" in html
    bad = web.post(reverse("learning:framework-create"), {"name": "",
                                                           **_date("starts_on", supply.today)})
    assert bad.status_code == 400
    created = web.post(reverse("learning:framework-create"), {
        "name": "New DPS", **_date("starts_on", supply.today),
        **_date("ends_on", supply.today + relativedelta(years=4))})
    framework = SupplyFramework.objects.get(name="New DPS")
    assert created.status_code == 302
    edit = web.post(reverse("learning:framework-edit", args=[framework.pk]), {
        "name": "New DPS", "reference": "RM7", **_date("starts_on", framework.starts_on),
        **_date("ends_on", framework.ends_on)})
    assert edit.status_code == 302
    lot_form = web.get(reverse("learning:lot-create", args=[framework.pk]))
    html = lot_form.content.decode()
    assert lot_form.status_code == 200 and 'type="checkbox"' in html and "Programming" in html
    assert web.post(reverse("learning:lot-create", args=[framework.pk]),
                    {"number": "99", "title": "Too high"}).status_code == 400
    added = web.post(reverse("learning:lot-create", args=[framework.pk]), {
        "number": "1", "title": "Data", "skills": [supply.skills["Data engineering"].pk,
                                                   supply.skills["Testing"].pk]})
    assert added.status_code == 302
    lot = Lot.objects.get(framework=framework)
    assert lot.skills.count() == 2
    changed = web.post(reverse("learning:lot-edit", args=[lot.pk]), {
        "number": "1", "title": "Data", "skills": [supply.skills["Testing"].pk]})
    assert changed.status_code == 302 and lot.skills.count() == 1


def test_learning_leads_read_frameworks_but_do_not_write_them(supply, web_client) -> None:  # noqa: ANN001
    web = web_client(supply.lead_b)
    assert web.get(reverse("learning:frameworks")).status_code == 200
    detail = web.get(reverse("learning:framework", args=[supply.framework.pk]))
    assert detail.status_code == 200 and "CA-1" not in detail.content.decode()
    for url in (reverse("learning:framework-create"),
                reverse("learning:framework-edit", args=[supply.framework.pk]),
                reverse("learning:lot-create", args=[supply.framework.pk]),
                reverse("learning:lot-edit", args=[supply.lot.pk])):
        assert web.get(url).status_code == 403, url


def test_the_coverage_page(supply, web_client) -> None:  # noqa: ANN001
    page = web_client(supply.lead_a).get(reverse("learning:contracts-coverage"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Skills no current contract covers (1)" in html and "User research" in html
    assert reverse("learning:contract", args=[supply.c_a.pk]) in html
