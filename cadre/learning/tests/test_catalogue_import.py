# ruff: noqa: F811 - pytest fixtures imported from catalogue_fixtures are named as arguments
"""The catalogue import: created and updated counts, new providers, XLSX as CSV, dry runs,
and every kind of bad row named by row and column with nothing written."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cadre.audit.models import AuditEvent
from cadre.core.tabular import TableError, write_xlsx
from cadre.learning.models import Product, Provider
from cadre.learning.services import catalogue as services
from cadre.learning.tests.catalogue_fixtures import world  # noqa: F401

pytestmark = pytest.mark.django_db

HEADER = ("provider,company_number,title,code,kind,mode,duration_hours,list_price,audience,"
          "organisations,grades,skills,url,xapi_activity_id")
GOOD = "\n".join([
    HEADER,
    'Acme Learning Ltd,01234567,Python for analysts (updated),PY1,course,Online live,'
    '14,"£1,250.00",,,,Programming: Expert; Testing: 2,https://acme.example/py1,',
    "Beta College,SC123456,Agile coaching,,coaching,in_person,10,3000,organisations,DA;DB,,"
    "User research: Working,,https://beta.example/xapi/agile",
    "Beta College,,Testing basics,TB-1,E-learning,self_paced,2.5,0,,,G7,Testing: Awareness,,",
]) + "\n"


def _import(world, text: str, **kw) -> services.ImportResult:  # noqa: ANN001, ANN003
    return services.import_catalogue(actor=world.lead, data=text.encode(), filename="cat.csv",
                                     **kw)


def test_a_good_file_creates_updates_and_adds_providers(world) -> None:  # noqa: ANN001
    result = _import(world, GOOD)
    assert (result.rows, result.products_created, result.products_updated,
            result.providers_created) == (3, 2, 1, 1)
    world.product.refresh_from_db()
    assert world.product.title == "Python for analysts (updated)"
    assert world.product.list_price == Decimal("1250.00")
    assert sorted((s.skill.name, s.level.name) for s in world.product.skills.all()) == [
        ("Programming", "Expert"), ("Testing", "Working")]
    beta = Provider.objects.get(name="Beta College")
    assert beta.company_number == "SC123456"
    agile = Product.objects.get(title="Agile coaching")
    assert agile.audience == "organisations"
    assert {o.abbreviation for o in agile.audience_organisations.all()} == {"DA", "DB"}
    basics = Product.objects.get(code="TB-1")
    assert basics.audience == "grades" and basics.audience_grades == ["G7"]
    assert basics.kind == "e_learning" and basics.duration_hours == Decimal("2.5")
    assert AuditEvent.objects.filter(action="import").count() == 1
    again = _import(world, GOOD)
    assert (again.products_created, again.products_updated, again.products_unchanged,
            again.providers_created) == (0, 0, 3, 0)


def test_xlsx_imports_like_csv_and_dry_run_writes_nothing(world) -> None:  # noqa: ANN001
    lines = [line.split(",") for line in [
        HEADER,
        "Gamma Ltd,,Data course,D1,course,blended,21,999.99,,,,Programming: 3,,"]]
    data = write_xlsx(lines[0], [dict(zip(lines[0], row, strict=True)) for row in lines[1:]])
    before = (Product.objects.count(), Provider.objects.count(), AuditEvent.objects.count())
    result = services.import_catalogue(actor=world.central, data=data, filename="cat.xlsx",
                                       dry_run=True)
    assert result.dry_run and result.products_created == 1 and result.providers_created == 1
    assert (Product.objects.count(), Provider.objects.count(),
            AuditEvent.objects.count()) == before
    result = services.import_catalogue(actor=world.central, data=data, filename="cat.xlsx")
    assert Product.objects.get(code="D1").skills.get().level.name == "Practitioner"


BAD_ROWS = [
    ("Acme Learning Ltd,,T,,lecture,in_person,1,1,,,,,,", "kind", "not one of"),
    ("Acme Learning Ltd,,T,,course,by pigeon,1,1,,,,,,", "mode", "not one of"),
    ("Acme Learning Ltd,,T,,course,in_person,0.2,1,,,,,,", "duration_hours", "between"),
    ("Acme Learning Ltd,,T,,course,in_person,2001,1,,,,,,", "duration_hours", "between"),
    ("Acme Learning Ltd,,T,,course,in_person,1.25,1,,,,,,", "duration_hours", "decimal"),
    ("Acme Learning Ltd,,T,,course,in_person,1,1000000.01,,,,,,", "list_price", "between"),
    ("Acme Learning Ltd,,T,,course,in_person,1,-5,,,,,,", "list_price", "between"),
    ("Acme Learning Ltd,,T,,course,in_person,1,ten,,,,,,", "list_price", "number"),
    ("Acme Learning Ltd,,T,,course,in_person,1,1,,XX,,,,", "organisations", "abbreviation"),
    ("Acme Learning Ltd,,T,,course,in_person,1,1,,,G99,,,", "grades", "grade code"),
    ("Acme Learning Ltd,,T,,course,in_person,1,1,,,,Juggling: Working,,", "skills", "skill"),
    ("Acme Learning Ltd,,T,,course,in_person,1,1,,,,Testing: Guru,,", "skills", "level"),
    ("Acme Learning Ltd,,T,,course,in_person,1,1,,,,Testing,,", "skills", "Skill name"),
    ("Acme Learning Ltd,,T,,course,in_person,1,1,,,,,ftp://x,", "url", "http"),
    (f"Acme Learning Ltd,,{'T' * 201},,course,in_person,1,1,,,,,,", "title", "200"),
    (f"{'P' * 201},,T,,course,in_person,1,1,,,,,,", "provider", "200"),
    ("Acme Learning Ltd,,T,{},course,in_person,1,1,,,,,,".format("C" * 51), "code", "50"),
    ("Acme Learning Ltd,99999999,T,,course,in_person,1,1,,,,,,", "company_number",
     "01234567"),
    ("New Ltd,1234,T,,course,in_person,1,1,,,,,,", "company_number", "company number"),
    ("Acme Learning Ltd,,,,course,in_person,1,1,,,,,,", "title", "Enter"),
    ("Acme Learning Ltd,,T,,course,in_person,1,1,organisations,,,,,", "organisations",
     "Choose the organisations"),
    ("Acme Learning Ltd,,T,,course,in_person,1,1,everyone,,,,,", "audience", "not one of"),
]


@pytest.mark.parametrize(("row", "column", "words"), BAD_ROWS)
def test_each_bad_value_is_named_by_row_and_column(world, row, column, words) -> None:  # noqa: ANN001
    good = GOOD.splitlines()[2]
    text = "\n".join([HEADER, good, row]) + "\n"
    before = (Product.objects.count(), Provider.objects.count())
    with pytest.raises(TableError) as exc:
        _import(world, text)
    errors = exc.value.errors
    assert any(e.row == 3 and e.column == column and words.lower() in e.message.lower()
               for e in errors), [str(e) for e in errors]
    assert all(e.row == 3 for e in errors), [str(e) for e in errors]
    assert (Product.objects.count(), Provider.objects.count()) == before


def test_file_level_problems(world) -> None:  # noqa: ANN001
    with pytest.raises(TableError) as exc:
        _import(world, HEADER + ",colour\nA,,T,,course,in_person,1,1,,,,,,,red\n")
    assert "unknown column" in str(exc.value) and "colour" in str(exc.value)
    with pytest.raises(TableError) as exc:
        _import(world, "provider,title\nA,B\n")
    assert "missing columns" in str(exc.value)
    with pytest.raises(TableError) as exc:
        _import(world, HEADER + "\n")
    assert "no product rows" in str(exc.value)


def test_duplicates_within_the_file_and_with_the_database(world) -> None:  # noqa: ANN001
    text = "\n".join([
        HEADER,
        "Zed Ltd,,Course one,,course,in_person,1,1,,,,,,https://z.example/1",
        "zed ltd,,course ONE,,course,in_person,1,1,,,,,,",
        "Zed Ltd,,Course two,,course,in_person,1,1,,,,,,https://z.example/1",
        "Zed Ltd,01234567,Course three,,course,in_person,1,1,,,,,,",
    ]) + "\n"
    services.update_product(actor=world.lead, product=world.product,
                            xapi_activity_id="https://acme.example/x")
    text += "Other Ltd,,X,,course,in_person,1,1,,,,,,https://acme.example/x\n"
    with pytest.raises(TableError) as exc:
        _import(world, text)
    found = {(e.row, e.column) for e in exc.value.errors}
    assert (3, None) in found            # the same product as row 2
    assert (4, "xapi_activity_id") in found   # also on row 2
    assert (6, "xapi_activity_id") in found   # another product has it
    assert Provider.objects.filter(name__iexact="zed ltd").count() == 0


def test_all_or_nothing_when_a_late_row_is_bad(world) -> None:  # noqa: ANN001
    rows = [f"Many Ltd,,Course {i},C{i},course,in_person,1,1,,,,,," for i in range(50)]
    rows.append("Many Ltd,,Bad,CX,course,in_person,1,1,,,,Nope: Working,,")
    with pytest.raises(TableError) as exc:
        _import(world, "\n".join([HEADER, *rows]) + "\n")
    assert [(e.row, e.column) for e in exc.value.errors] == [(52, "skills")]
    assert not Provider.objects.filter(name="Many Ltd").exists()
    assert Product.objects.count() == 1


def test_columns_left_out_keep_what_products_have(world) -> None:  # noqa: ANN001
    from cadre.core.actor import Actor

    services.update_product(actor=Actor.system(), product=world.product,
                            audience="organisations", organisations=["DB"],
                            url="https://acme.example/py1")
    text = ("provider,title,code,kind,mode,duration_hours,list_price\n"
            "Acme Learning Ltd,Python for analysts,PY1,course,online_live,14,800\n")
    result = _import(world, text)
    assert (result.products_updated, result.products_created) == (1, 0)
    world.product.refresh_from_db()
    assert world.product.list_price == Decimal("800")
    assert world.product.description == "Two days of Python."
    assert world.product.url == "https://acme.example/py1"
    assert world.product.audience == "organisations"
    assert [o.abbreviation for o in world.product.audience_organisations.all()] == ["DB"]
    assert world.product.skills.count() == 1  # no skills column: skills kept
