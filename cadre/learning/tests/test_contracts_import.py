# ruff: noqa: F811 - pytest fixtures imported from contracts_fixtures are named as arguments
"""The contracts import (service, page, API, command): a good file adds and changes
contracts with their rate cards; a faulty one is refused whole, each problem named by row
and column, and nothing is written."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from cadre.core.actor import Actor
from cadre.core.tabular import TableError, write_xlsx
from cadre.learning.models import Contract, RateCardEntry
from cadre.learning.services import contracts as services
from cadre.learning.tests.contracts_fixtures import supply  # noqa: F401

pytestmark = pytest.mark.django_db

HEADER = "reference,title,supplier,buyers,starts_on,ends_on,framework,lot,ceiling_value," \
         "product,unit_price\n"


def _good(s) -> str:  # noqa: ANN001
    start, end = s.today.isoformat(), s.today.replace(year=s.today.year + 2).isoformat()
    return HEADER + (
        f"IMP-1,Imported,Acme Learning,DA;DB,{start},{end},RM0001,1,\"£12,000\",PY1,480\n"
        f"IMP-1,Imported,Acme Learning,DA;DB,{start},{end},RM0001,1,\"£12,000\",Test course,"
        "220.50\n"
        f"CA-1,Python for DA,Acme Learning,DA,{s.c_a.starts_on:%d/%m/%Y},"
        f"{s.c_a.ends_on:%d/%m/%Y},Learning DPS,1,50000,TS1,199\n"
        f"IMP-2,No products,Other Training,DB,{start},{end},,,,,\n")


def test_a_good_file_adds_and_changes_contracts(supply) -> None:  # noqa: ANN001
    result = services.import_contracts(actor=Actor.system(), data=_good(supply).encode(),
                                       filename="contracts.csv")
    assert (result.created, result.updated, result.rates) == (2, 1, 3)
    imported = Contract.objects.get(reference="IMP-1")
    assert imported.ceiling_value == Decimal("12000.00") and imported.lot == supply.lot
    assert {o.abbreviation for o in imported.buyers.all()} == {"DA", "DB"}
    assert dict(imported.rates.values_list("product__code", "unit_price")) == {
        "PY1": Decimal("480.00"), "TS1": Decimal("220.50")}
    # The existing contract keeps its rate card and gains the new price.
    assert supply.c_a.rates.count() == 2
    assert Contract.objects.get(reference="IMP-2").rates.count() == 0


def test_an_xlsx_file_is_read_too(supply) -> None:  # noqa: ANN001
    rows = [dict(zip(HEADER.strip().split(","), line.split(",", 10), strict=False))
            for line in _good(supply).splitlines()[4:]]
    data = write_xlsx(HEADER.strip().split(","), rows, sheet_title="Contracts")
    result = services.import_contracts(actor=Actor.system(), data=data, filename="c.xlsx")
    assert result.created == 1


def test_a_faulty_file_is_refused_whole(supply) -> None:  # noqa: ANN001
    start = supply.today.isoformat()
    bad = HEADER + (
        f"BAD-1,Fine,Acme Learning,DA,{start},{start},,,,PY1,100\n"
        f"BAD-2,Unknown,Nobody Ltd,DA,{start},{start},,,,,\n"
        f"BAD-3,Bad org,Acme Learning,ZZ,{start},{start},,,,,\n"
        f"BAD-4,Dates,Acme Learning,DA,31/02/2026,{start},,,,,\n"
        f"BAD-5,Order,Acme Learning,DA,{start},2000-01-01,,,,,\n"
        f"BAD-6,Lot,Acme Learning,DA,{start},{start},,3,,,\n"
        f"BAD-7,Price,Acme Learning,DA,{start},{start},,,,PY1,abc\n"
        f"BAD-8,Product,Acme Learning,DA,{start},{start},,,,UR1,5\n"
        f"BAD-1,Fine,Acme Learning,DA,{start},{start},,,,PY1,100\n"
        f"BAD-9,Ceiling,Acme Learning,DA,{start},{start},,,lots,,\n"
        f"BAD-1,Differs,Acme Learning,DA,{start},{start},,,,TS1,100\n")
    with pytest.raises(TableError) as exc:
        services.import_contracts(actor=Actor.system(), data=bad.encode(), filename="bad.csv")
    found = {(e.row, e.column) for e in exc.value.errors}
    assert {(3, "supplier"), (4, "buyers"), (5, "starts_on"), (6, "ends_on"), (7, "lot"),
            (8, "unit_price"), (9, "product"), (10, "product"), (11, "ceiling_value"),
            (12, "title")} <= found, found
    assert not Contract.objects.filter(reference__startswith="BAD").exists()
    assert not RateCardEntry.objects.filter(contract__reference__startswith="BAD").exists()


def test_missing_columns_and_a_learning_leads_scope(supply) -> None:  # noqa: ANN001
    with pytest.raises(TableError) as exc:
        services.import_contracts(actor=Actor.system(), data=b"reference,title\nX,Y\n",
                                  filename="short.csv")
    assert "supplier" in str(exc.value)
    with pytest.raises(TableError) as exc:
        services.import_contracts(actor=Actor.for_user(supply.lead_a),
                                  data=_good(supply).encode(), filename="c.csv")
    assert (2, "buyers") in {(e.row, e.column) for e in exc.value.errors}
    assert not Contract.objects.filter(reference="IMP-2").exists()


def test_the_import_page_and_api(supply, web_client, api_client) -> None:  # noqa: ANN001
    web = web_client(supply.central)
    assert web.get(reverse("learning:contracts-import")).status_code == 200
    bad = web.post(reverse("learning:contracts-import"), {"file": SimpleUploadedFile(
        "bad.csv", (HEADER + "X,Y,Nobody,DA,2026-01-01,2026-01-02,,,,,\n").encode())})
    assert bad.status_code == 400 and "Nobody" in bad.content.decode()
    good = web.post(reverse("learning:contracts-import"), {"file": SimpleUploadedFile(
        "good.csv", _good(supply).encode())})
    assert good.status_code == 302
    api = api_client(supply.central)
    refused = api.post(reverse("api:learning-contract-import"), {"file": SimpleUploadedFile(
        "bad.csv", (HEADER + "X,Y,Nobody,DA,2026-01-01,2026-01-02,,,,,\n").encode())},
        format="multipart")
    assert refused.status_code == 400
    assert refused.json()["errors"][0] == {"field": "supplier", "row": 2, "column": "supplier",
                                           "message": refused.json()["errors"][0]["message"]}
    again = api.post(reverse("api:learning-contract-import"), {"file": SimpleUploadedFile(
        "good.csv", _good(supply).encode())}, format="multipart")
    assert again.status_code == 201 and again.json()["updated"] == 3


def test_the_import_command(supply, tmp_path, keep_connection_open) -> None:  # noqa: ANN001
    path = tmp_path / "contracts.csv"
    path.write_text(_good(supply), encoding="utf-8")
    out = io.StringIO()
    call_command("learning_import_contracts", str(path), stdout=out)
    assert "2 contract(s) added, 1 changed, 3 rate(s) set" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "X,Y,Nobody,DA,2026-01-01,2026-01-02,,,,,\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("learning_import_contracts", str(bad), stderr=err)
    assert "column 'supplier'" in err.getvalue()
    with pytest.raises(CommandError, match="No file"):
        call_command("learning_import_contracts", str(tmp_path / "missing.csv"))
