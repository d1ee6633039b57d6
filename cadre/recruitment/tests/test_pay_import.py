"""The optional annual pay column of an HR extract (read by the pay benchmarks): headers
recognised, whole pounds stored, changes reported, every bad cell named by row and column
and nothing written when any is bad."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cadre.core.tabular import TableError
from cadre.people.models import Person
from cadre.workforce.columns import suggest_mapping
from cadre.workforce.models import Extract, ExtractChange, WorkforceRecord
from cadre.workforce.services import import_extract
from cadre.workforce.tests.extract_data import corrected, make_grades

pytestmark = pytest.mark.django_db

DAY1 = dt.date(2026, 1, 31)
DAY2 = dt.date(2026, 2, 28)


@pytest.fixture(autouse=True)
def grades() -> None:
    make_grades()


def with_pay(pay: dict[str, str], header: str = "Annual Salary") -> bytes:
    """The corrected test extract with a pay column; blank for staff not in ``pay``."""
    lines = corrected().decode("utf-8").splitlines()
    out = [f"{lines[0]},{header}"]
    for line in lines[1:]:
        staff = line.split(",", 1)[0]
        cell = pay.get(staff, "")
        out.append(f'{line},"{cell}"' if "," in cell else f"{line},{cell}")
    return ("\n".join(out) + "\n").encode("utf-8")


def _import(org, data: bytes, taken_on: dt.date = DAY1):  # noqa: ANN001, ANN202
    return import_extract(actor=None, organisation=org, data=data, filename="hr.csv",
                          taken_on=taken_on)


def _pay(staff: str) -> Decimal | None:
    return WorkforceRecord.objects.get(person__staff_number=staff).annual_pay


@pytest.mark.parametrize("header", ["Annual Salary", "Salary", "Basic Pay", "FTE Salary",
                                    "Annual Pay", "annual salary (GBP)"])
def test_pay_headers_are_recognised(header: str) -> None:
    assert suggest_mapping([header, "Daily Rate", "Pay Grade"])[header] == "annual_pay"


def test_good_values_are_stored_as_whole_pounds(org_a) -> None:  # noqa: ANN001
    _import(org_a, with_pay({"E001": "£95,000", "E002": "72000.00", "E003": "61500",
                             "E004": "0"}))
    assert (_pay("E001"), _pay("E002"), _pay("E003"), _pay("E004")) == (
        Decimal("95000"), Decimal("72000"), Decimal("61500"), Decimal("0"))
    assert _pay("E005") is None


def test_a_change_of_pay_is_a_change(org_a) -> None:  # noqa: ANN001
    _import(org_a, with_pay({"E003": "61500"}))
    result = _import(org_a, with_pay({"E003": "63000"}), taken_on=DAY2)
    assert result.changed == 1
    change = ExtractChange.objects.get(extract=result.extract, kind="changed")
    assert change.staff_number == "E003"
    assert change.fields == {"annual_pay": {"before": "61500", "after": "63000"}}
    assert _pay("E003") == Decimal("63000")
    assert WorkforceRecord.objects.get(person__staff_number="E003").history.filter(
        annual_pay=Decimal("61500")).exists()


def test_bad_values_name_row_and_column_and_nothing_is_written(org_a) -> None:  # noqa: ANN001
    data = with_pay({"E001": "lots", "E002": "-5", "E003": "52000.50",
                     "E004": "1,000,001", "E007": "60000"})
    with pytest.raises(TableError) as caught:
        _import(org_a, data)
    errors = {(e.row, e.column): e.message for e in caught.value.errors}
    assert "is not a number" in errors[2, "Annual Salary"]
    assert "is negative" in errors[3, "Annual Salary"]
    assert "has pence" in errors[4, "Annual Salary"]
    assert "more than 1,000,000" in errors[5, "Annual Salary"]
    assert "only for employed people" in errors[8, "Annual Salary"]  # E007 is a contractor
    assert not Person.objects.exists() and not Extract.objects.exists()
    assert not WorkforceRecord.objects.exists()


def test_a_bad_value_in_a_later_import_leaves_the_earlier_one(org_a) -> None:  # noqa: ANN001
    _import(org_a, with_pay({"E003": "61500"}))
    with pytest.raises(TableError):
        _import(org_a, with_pay({"E003": "61500", "E002": "£"}), taken_on=DAY2)
    assert _pay("E003") == Decimal("61500") and Extract.objects.count() == 1


def test_an_extract_without_the_column_leaves_pay_alone(org_a) -> None:  # noqa: ANN001
    _import(org_a, with_pay({"E003": "61500"}))
    _import(org_a, corrected(), taken_on=DAY2)
    assert _pay("E003") == Decimal("61500")
