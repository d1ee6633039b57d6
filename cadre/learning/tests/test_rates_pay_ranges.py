# ruff: noqa: F811 - pytest fixtures imported from rates_fixtures are named as arguments
"""Pay ranges: the service, bad input on every channel (named fields, nothing written),
the import (atomic, row and column errors) and the pages."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.learning.models import PayRange
from cadre.learning.services import rates as services
from cadre.learning.tests.rates_fixtures import pay_ranges, rates_world  # noqa: F401
from cadre.organisations.models import Grade

pytestmark = pytest.mark.django_db

GOOD = {"grade": "G7", "minimum": 55_000, "maximum": 65_000, "on_cost_percent": "27.5",
        "effective_from": "2025-04-01", "source": "Pay award 2025"}


@pytest.fixture
def central(make_account):  # noqa: ANN001, ANN201
    return make_account("central_team")


def test_central_team_adds_and_changes_with_history_and_audit(rates_world, central) -> None:  # noqa: ANN001
    pay = services.create_pay_range(actor=Actor.for_user(central), **GOOD)
    assert (pay.grade.code, pay.minimum, pay.on_cost_percent) == ("G7", 55_000,
                                                                  Decimal("27.5"))
    services.update_pay_range(actor=Actor.for_user(central), pay_range_id=pay.pk,
                              maximum="66,000")
    pay.refresh_from_db()
    assert pay.maximum == 66_000 and pay.history.count() == 2
    assert AuditEvent.objects.filter(action__in=["record_created", "record_updated"],
                                     summary__contains="Pay range").count() == 2


@pytest.mark.parametrize("role", ["head_of_profession", "learning_lead", "analyst"])
def test_others_may_not_keep_pay_ranges(rates_world, make_account, role) -> None:  # noqa: ANN001
    user = make_account(role, rates_world.org_a if role != "analyst" else None)
    with pytest.raises(PermissionDenied):
        services.create_pay_range(actor=Actor.for_user(user), **GOOD)
    assert not PayRange.objects.exists()


@pytest.mark.parametrize("field,value,words", [
    ("grade", "Z9", "not a grade code"),
    ("grade", "", "Choose a grade"),
    ("minimum", "0", "from £1"),
    ("minimum", "12.5", "whole pounds"),
    ("minimum", "lots", "whole pounds"),
    ("maximum", "500001", "£500,000"),
    ("maximum", "40000", "at least the minimum"),
    ("on_cost_percent", "101", "from 0 to 100"),
    ("on_cost_percent", "1.234", "two decimal places"),
    ("on_cost_percent", "", "percentage"),
    ("effective_from", "1999-12-31", "from 1 January 2000"),
    ("effective_from", "2099-01-01", "from 1 January 2000"),
    ("effective_from", "01/04/2025x", "YYYY-MM-DD"),
    ("source", "x" * 201, "at most 200"),
])
def test_bad_values_name_the_field(rates_world, central, field, value, words) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        services.create_pay_range(actor=Actor.for_user(central), **{**GOOD, field: value})
    assert field in exc.value.message_dict
    assert words in " ".join(exc.value.message_dict[field])
    assert not PayRange.objects.exists()


def test_one_range_per_grade_and_date(rates_world, central) -> None:  # noqa: ANN001
    services.create_pay_range(actor=Actor.for_user(central), **GOOD)
    with pytest.raises(ValidationError) as exc:
        services.create_pay_range(actor=Actor.for_user(central), **GOOD)
    assert "effective_from" in exc.value.message_dict
    assert PayRange.objects.count() == 1


def test_pages_add_and_change(rates_world, pay_ranges, central, web_client) -> None:  # noqa: ANN001
    web = web_client(central)
    listing = web.get(reverse("learning:pay-ranges")).content.decode()
    assert "Higher Executive Officer" in listing and "In force" in listing
    assert reverse("learning:pay-range-add") in listing
    g7 = Grade.objects.get(code="G7")
    form = {"grade": g7.pk, "minimum": "55000", "maximum": "65000", "on_cost_percent": "27.5",
            "effective_from_0": "1", "effective_from_1": "4", "effective_from_2": "2025",
            "source": ""}
    assert web.get(reverse("learning:pay-range-add")).status_code == 200
    response = web.post(reverse("learning:pay-range-add"), form)
    assert response.status_code == 302
    pay = PayRange.objects.get(grade=g7)
    bad = web.post(reverse("learning:pay-range-edit", args=[pay.pk]),
                   {**form, "maximum": "50000"})
    assert bad.status_code == 400 and "at least the minimum" in bad.content.decode()
    pay.refresh_from_db()
    assert pay.maximum == 65_000
    blank = web.post(reverse("learning:pay-range-add"), {})
    assert blank.status_code == 400 and "govuk-error-summary" in blank.content.decode()
    ok = web.post(reverse("learning:pay-range-edit", args=[pay.pk]),
                  {**form, "maximum": "70000"})
    assert ok.status_code == 302
    pay.refresh_from_db()
    assert pay.maximum == 70_000


def test_api_add_change_and_errors(rates_world, pay_ranges, central, api_client) -> None:  # noqa: ANN001
    api = api_client(central)
    created = api.post(reverse("api:learning-pay-range-list"), GOOD, format="json")
    assert created.status_code == 201 and created.json()["grade"] == "G7"
    pk = created.json()["id"]
    changed = api.patch(reverse("api:learning-pay-range-detail", args=[pk]),
                        {"on_cost_percent": "30"}, format="json")
    assert changed.status_code == 200 and changed.json()["on_cost_percent"] == 30.0
    bad = api.patch(reverse("api:learning-pay-range-detail", args=[pk]),
                    {"minimum": 99_999}, format="json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "maximum"
    unknown = api.post(reverse("api:learning-pay-range-list"), {**GOOD, "grade": "Z9"},
                       format="json")
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["field"] == "grade"
    assert api.get(reverse("api:learning-pay-range-detail", args=[999_999])
                   ).status_code == 404
    listing = api.get(reverse("api:learning-pay-range-list")).json()
    assert listing["count"] == 4


def _pay_ranges(*args: str) -> str:
    out = io.StringIO()
    call_command("learning_pay_ranges", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_import_is_all_or_nothing_with_row_errors(rates_world, tmp_path,
                                                  keep_connection_open) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.csv"
    bad.write_text("grade,minimum,maximum,on_cost_percent,effective_from\n"
                   "HEO,36000,40000,25,2025-04-01\n"
                   "Z9,1,2,25,2025-04-01\n"
                   "SEO,50000,40000,x,2025-04-01\n"
                   "HEO,36000,40000,25,2025-04-01\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="problem"):
        call_command("learning_pay_ranges", "--import", str(bad), stdout=io.StringIO(),
                     stderr=err)
    problems = err.getvalue()
    assert "Row 3, column 'grade'" in problems
    assert "Row 4, column 'on_cost_percent'" in problems
    assert "Row 5, column 'effective_from'" in problems
    assert not PayRange.objects.exists()
    good = tmp_path / "good.csv"
    good.write_text("grade,minimum,maximum,on_cost_percent,effective_from,source\n"
                    "HEO,\"36,000\",40000,25,2025-04-01,Award\n"
                    "g7,55000,65000,27.5,01/04/2025,\n")
    rows = json.loads(_pay_ranges("--import", str(good), "--format", "json"))["rows"]
    assert [r["grade"] for r in rows] == ["HEO", "G7"]
    again = _pay_ranges("--import", str(good), "--format", "csv")
    assert again.splitlines()[0].startswith("grade,grade_name,minimum")
    assert PayRange.objects.count() == 2


def test_import_refuses_missing_columns(rates_world, tmp_path) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.csv"
    bad.write_text("grade,minimum\nHEO,1\n")
    with pytest.raises(CommandError):
        call_command("learning_pay_ranges", "--import", str(bad), stdout=io.StringIO(),
                     stderr=io.StringIO())
    assert not PayRange.objects.exists()
