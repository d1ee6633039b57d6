"""Spend imports and review decisions: what is written, what is refused, what is listed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.core.tabular import TableError
from cadre.learning.models import (
    MatchStatus,
    ProductDescription,
    SpendColumnMapping,
    SpendImport,
    SpendLine,
    SupplierName,
)
from cadre.learning.services.spend import (
    DecisionConflict,
    decide_description,
    decide_supplier,
    import_spend,
    save_mapping,
)
from cadre.learning.tests.spend_fixtures import (  # noqa: F401
    GOOD,
    HEADER,
    catalogue,
    central,
    lead_a,
    lead_b,
    spend_csv,
)

pytestmark = pytest.mark.django_db

CLI = Actor.command_line("tester")


def lines() -> dict[int, dict]:
    return {r["row"]: r for r in SpendLine.objects.values(
        "row", "provider_id", "product_id", "match_status", "unit_price", "year", "amount",
        "supplier_name_id", "product_description_id")}


def test_an_import_matches_and_lists_its_problems(catalogue, org_a, lead_a) -> None:  # noqa: ANN001, F811
    result = import_spend(actor=lead_a, organisation=org_a, data=GOOD, filename="spend.csv")
    found = lines()
    c = catalogue
    assert found[2]["provider_id"] == c.acme.pk and found[2]["product_id"] == c.agile.pk
    assert found[2]["match_status"] == MatchStatus.MATCHED
    assert found[2]["unit_price"] == Decimal("300.00") and found[2]["year"] == 2024
    assert found[3]["product_id"] == c.agile.pk  # "Agile Foundation course": title within
    assert found[4]["provider_id"] == c.acme.pk  # "Acme Learnin", fuzzy, score 96
    assert found[5]["match_status"] == MatchStatus.UNMATCHED and found[5]["provider_id"] is None
    assert found[6]["product_id"] == c.python.pk
    assert result.rows == 6 and result.to_review == 1 and result.duplicates == 1
    assert result.total == Decimal("5001.00")
    spend_import = result.spend_import
    assert spend_import.rows == 6 and spend_import.to_review == 1
    assert {(p["row"], p["column"]) for p in spend_import.problems} == {(5, "Vendor"), (7, "")}
    assert "Zebra Widgets" in spend_import.problems[0]["message"]
    events = AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT)
    assert events.count() == 1 and events.get().data["rows"] == 6


def test_a_faulty_file_writes_nothing(catalogue, org_a, lead_a) -> None:  # noqa: ANN001, F811
    bad = spend_csv(
        "2024-04-02,Acme Learning Ltd,Agile Foundation,\"£1,200.00\",4,PO-1,CC1",
        "2024-13-02,Acme Learning Ltd,Agile Foundation,100,1,PO-1,CC1",
        "2024-04-02,Zebra,Chairs,€100,1,PO-1,CC1",
        "2024-04-02,,Chairs,\"1.234,50\",x,PO-1,CC1",
    )
    events = AuditEvent.objects.count()
    with pytest.raises(TableError) as caught:
        import_spend(actor=lead_a, organisation=org_a, data=bad, filename="bad.csv")
    assert [(e.row, e.column) for e in caught.value.errors] == [
        (3, "Invoice Date"), (4, "Net Amount"), (5, "Vendor"), (5, "Net Amount"),
        (5, "Delegates")]
    assert not SpendImport.objects.exists() and not SpendLine.objects.exists()
    assert not SupplierName.objects.exists() and not ProductDescription.objects.exists()
    assert AuditEvent.objects.count() == events


def test_a_dry_run_writes_nothing(catalogue, org_a, lead_a) -> None:  # noqa: ANN001, F811
    result = import_spend(actor=lead_a, organisation=org_a, data=GOOD, filename="spend.csv",
                          dry_run=True)
    assert result.rows == 6 and result.spend_import is None and result.problems
    assert not SpendImport.objects.exists() and not SupplierName.objects.exists()


def test_lines_repeating_an_earlier_import_are_listed(catalogue, org_a, org_b, lead_a) -> None:  # noqa: ANN001, F811
    import_spend(actor=CLI, organisation=org_b, data=GOOD, filename="b.csv")  # other org
    first = import_spend(actor=lead_a, organisation=org_a, data=GOOD, filename="one.csv")
    assert first.duplicates == 1  # within the file only
    again = import_spend(actor=lead_a, organisation=org_a, data=GOOD, filename="two.csv")
    assert again.duplicates == 1 + 6
    messages = [p["message"] for p in again.spend_import.problems]
    assert sum("of an earlier import" in m for m in messages) == 6
    assert SpendLine.objects.filter(organisation=org_a).count() == 12


def test_refusals(catalogue, org_a, lead_b, make_account) -> None:  # noqa: ANN001, F811
    with pytest.raises(PermissionDenied):
        import_spend(actor=lead_b, organisation=org_a, data=GOOD, filename="x.csv")
    with pytest.raises(PermissionDenied):
        import_spend(actor=make_account(Role.ANALYST), organisation=org_a, data=GOOD,
                     filename="x.csv")
    with pytest.raises(ValidationError) as caught:
        import_spend(actor=CLI, organisation=org_a, data=GOOD, filename="x.csv",
                     mapping_name="nope")
    assert "mapping" in caught.value.message_dict
    assert not SpendImport.objects.exists()


def test_mappings_are_saved_checked_and_used(catalogue, org_a, lead_a, lead_b) -> None:  # noqa: ANN001, F811
    header = "When,Who,What,How much\n"
    data = spend_csv("2024-05-01,Acme Learning,Agile Foundation,10", header=header)
    with pytest.raises(TableError, match="no column is mapped to date"):
        import_spend(actor=lead_a, organisation=org_a, data=data, filename="x.csv")
    columns = {"When": "date", "Who": "supplier", "What": "description", "How much": "amount"}
    with pytest.raises(ValidationError) as caught:
        save_mapping(actor=lead_a, organisation=org_a, name="finance",
                     columns={**columns, "What": "amount"})
    assert "columns" in caught.value.message_dict
    with pytest.raises(ValidationError):
        save_mapping(actor=lead_a, organisation=org_a, name="x" * 101, columns=columns)
    with pytest.raises(PermissionDenied):
        save_mapping(actor=lead_b, organisation=org_a, name="finance", columns=columns)
    save_mapping(actor=lead_a, organisation=org_a, name="finance", columns=columns)
    assert SpendColumnMapping.objects.get().columns == columns
    result = import_spend(actor=lead_a, organisation=org_a, data=data, filename="x.csv",
                          mapping_name="finance")
    assert result.rows == 1 and result.matched == 1
    assert result.spend_import.mapping_name == "finance"


def test_a_supplier_decision_is_applied_and_remembered(catalogue, org_a, org_b, lead_a) -> None:  # noqa: ANN001, F811
    data = spend_csv("2024-04-02,Acme Trainin Services,Agile Foundation,100,1,PO-1,CC1",
                     "2024-04-03,Acme Trainin Services,Scrum practitioner training,200,1,PO-2,CC1",
                     "2024-04-04,Acme Trainin Services,,50,,PO-3,CC1")
    import_spend(actor=lead_a, organisation=org_a, data=data, filename="a.csv")
    import_spend(actor=CLI, organisation=org_b, data=data, filename="b.csv")
    waiting = SpendLine.objects.filter(match_status__in=[MatchStatus.REVIEW,
                                                         MatchStatus.UNMATCHED])
    assert waiting.count() == 6 and not waiting.exclude(provider=None).exists()
    name = SupplierName.objects.get(name_key="acme trainin services")
    decision = decide_supplier(actor=lead_a, supplier_name_id=name.pk,
                               provider_id=catalogue.acme.pk)
    assert decision.lines == 3  # this lead's organisation only
    mine = {line.row: line for line in SpendLine.objects.filter(organisation=org_a)}
    assert mine[2].provider_id == catalogue.acme.pk and mine[2].product_id == catalogue.agile.pk
    assert mine[2].match_status == MatchStatus.CONFIRMED
    assert mine[3].match_status == MatchStatus.REVIEW  # the description still waits
    assert mine[3].product_description.suggested_id == catalogue.scrum.pk
    assert mine[4].match_status == MatchStatus.CONFIRMED and mine[4].product_id is None
    assert SpendLine.objects.filter(organisation=org_b, provider=None).count() == 3
    name.refresh_from_db()
    assert name.decided and name.provider_id == catalogue.acme.pk
    assert name.decided_by == lead_a
    event = AuditEvent.objects.filter(target_type="learning.SupplierName").get()
    assert event.actor == lead_a and event.data["lines"] == 3
    # Someone else deciding it again for the same lines: nothing of theirs is waiting.
    with pytest.raises(DecisionConflict):
        decide_supplier(actor=lead_a, supplier_name_id=name.pk, provider_id=None)
    # The description decision, then a later import uses both decisions.
    description = mine[3].product_description
    assert decide_description(actor=lead_a, description_id=description.pk,
                              product_id=catalogue.scrum.pk).lines == 1
    later = import_spend(actor=lead_a, organisation=org_a, data=spend_csv(
        "2024-06-02,ACME TRAININ SERVICES LTD,Scrum Practitioner Training,300,1,PO-9,CC1"),
        filename="c.csv")
    line = SpendLine.objects.get(spend_import=later.spend_import)
    assert (line.provider_id, line.product_id, line.match_status) == (
        catalogue.acme.pk, catalogue.scrum.pk, MatchStatus.CONFIRMED)


def test_not_a_learning_supplier(catalogue, org_a, central) -> None:  # noqa: ANN001, F811
    import_spend(actor=central, organisation=org_a, data=GOOD, filename="a.csv")
    zebra = SupplierName.objects.get(name_key="zebra widgets")
    assert decide_supplier(actor=central, supplier_name_id=zebra.pk, provider_id=None).lines == 1
    line = SpendLine.objects.get(row=5)
    assert line.match_status == MatchStatus.CONFIRMED and line.provider_id is None
    later = import_spend(actor=central, organisation=org_a, data=spend_csv(
        "2024-06-02,Zebra Widgets Ltd,Desks,300,,PO-9,CC1"), filename="b.csv")
    assert later.to_review == 0


def test_decisions_are_checked(catalogue, org_a, lead_a, lead_b) -> None:  # noqa: ANN001, F811
    import_spend(actor=lead_a, organisation=org_a, data=spend_csv(
        "2024-04-02,Acme Learning,Something else entirely,100,1,PO-1,CC1"), filename="a.csv")
    zebra_free = ProductDescription.objects.get()
    with pytest.raises(ValidationError) as caught:
        decide_description(actor=lead_a, description_id=zebra_free.pk,
                           product_id=catalogue.python.pk)  # another supplier's product
    assert "product" in caught.value.message_dict
    with pytest.raises(DecisionConflict):  # nothing of lead B's is waiting
        decide_description(actor=lead_b, description_id=zebra_free.pk, product_id=None)
    with pytest.raises(ValidationError):
        decide_supplier(actor=lead_a, supplier_name_id=999999, provider_id=None)
    assert SpendLine.objects.get().match_status == MatchStatus.REVIEW


def test_a_workbook_with_spreadsheet_dates_and_numbers(catalogue, org_a, lead_a) -> None:  # noqa: ANN001, F811
    import datetime as dt
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Invoice Date", "Vendor", "Item Description", "Net Amount", "Delegates"])
    sheet.append([dt.datetime(2024, 4, 2), "Acme Learning", "Agile Foundation", 1200.5, 2])
    sheet.append([45383, "Acme Learning", "Agile Foundation", "£1,000.00", 1])
    sheet.append(["02/05/2024", "Acme Learning", "Agile Foundation", 0.1 + 0.2, None])
    out = io.BytesIO()
    book.save(out)
    result = import_spend(actor=lead_a, organisation=org_a, data=out.getvalue(),
                          filename="spend.xlsx")
    found = list(SpendLine.objects.order_by("row").values_list("spent_on", "amount",
                                                                 "unit_price"))
    assert found == [(dt.date(2024, 4, 2), Decimal("1200.50"), Decimal("600.25")),
                     (dt.date(2024, 4, 1), Decimal("1000.00"), Decimal("1000.00")),
                     (dt.date(2024, 5, 2), Decimal("0.30"), None)]
    assert result.matched == 3
