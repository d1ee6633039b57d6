# ruff: noqa: F811 - pytest fixtures imported from catalogue_fixtures are named as arguments
"""``cadre learning providers``, ``cadre learning products`` and ``cadre learning
import-catalogue``: JSON and CSV out, filters, an export that imports back, and a faulty
file reported by row and column with nothing written."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.learning.models import Product, Provider
from cadre.learning.services import catalogue as services
from cadre.learning.tests.catalogue_fixtures import world  # noqa: F401

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_providers_as_json_and_csv(world) -> None:  # noqa: ANN001
    body = json.loads(_run("learning_providers", "--format", "json")[0])
    assert body["providers"] == [{
        "id": world.provider.pk, "name": "Acme Learning Ltd", "company_number": "01234567",
        "website": "https://acme.example", "aliases": "Acme; ACME Training", "products": 1}]
    rows = list(csv.DictReader(io.StringIO(_run("learning_providers", "--format", "csv")[0])))
    assert rows[0]["name"] == "Acme Learning Ltd" and rows[0]["products"] == "1"


def test_products_with_filters(world) -> None:  # noqa: ANN001
    services.create_product(actor=Actor.system(), provider=world.provider, title="Testing",
                            kind="e_learning", mode="self_paced", duration_hours="1",
                            list_price="0", skills=[("Testing", "Expert")])
    every = json.loads(_run("learning_products", "--format", "json")[0])["products"]
    assert [p["title"] for p in every] == ["Python for analysts", "Testing"]
    assert every[0]["skills"] == "Programming: Working"
    only = json.loads(_run("learning_products", "--skill", "testing", "--format",
                           "json")[0])["products"]
    assert [p["title"] for p in only] == ["Testing"]
    expert = json.loads(_run("learning_products", "--min-level", "Expert", "--format",
                             "json")[0])["products"]
    assert [p["title"] for p in expert] == ["Testing"]
    by_provider = _run("learning_products", "--provider", "acme learning ltd", "--format",
                       "csv")[0]
    assert len(list(csv.DictReader(io.StringIO(by_provider)))) == 2
    with pytest.raises(CommandError, match="--skill"):
        _run("learning_products", "--skill", "Juggling")
    with pytest.raises(CommandError, match="--provider"):
        _run("learning_products", "--provider", "Nobody")


def test_the_products_csv_imports_back_unchanged(world, tmp_path) -> None:  # noqa: ANN001
    text = _run("learning_products", "--format", "csv")[0]
    rows = list(csv.DictReader(io.StringIO(text)))
    columns = [c for c in rows[0] if c not in ("id", "withdrawn")]
    path = tmp_path / "catalogue.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    out, _ = _run("learning_import_catalogue", str(path))
    assert "added 0 product(s), changed 0, 1 unchanged" in out


def test_import_catalogue_and_dry_run(world, tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "catalogue.csv"
    path.write_text("provider,company_number,title,kind,mode,duration_hours,list_price,skills\n"
                    "New Provider,AB123456,Course X,course,in_person,3,99.50,Testing: Working\n")
    out, _ = _run("learning_import_catalogue", str(path), "--dry-run")
    assert "would add 1 product(s)" in out and "Nothing was written" in out
    assert not Provider.objects.filter(name="New Provider").exists()
    out, _ = _run("learning_import_catalogue", str(path))
    assert "added 1 product(s)" in out and "added 1 provider(s)" in out
    assert Product.objects.get(title="Course X").provider.company_number == "AB123456"
    event = AuditEvent.objects.filter(action="import").latest("id")
    assert event.actor_email.startswith("cli:")


def test_a_faulty_file_names_rows_and_columns(world, tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "bad.csv"
    path.write_text("provider,title,kind,mode,duration_hours,list_price\n"
                    "A,One,course,in_person,1,1\n"
                    "A,Two,seminar,in_person,1,1\n"
                    "A,Three,course,in_person,-1,1\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("learning_import_catalogue", str(path), stdout=io.StringIO(), stderr=err)
    assert "Row 3, column 'kind'" in err.getvalue()
    assert "Row 4, column 'duration_hours'" in err.getvalue()
    assert not Provider.objects.filter(name="A").exists()
    with pytest.raises(CommandError, match="No such file"):
        _run("learning_import_catalogue", str(tmp_path / "missing.csv"))


def test_dispatch_names(world, keep_connection_open, capsys) -> None:  # noqa: ANN001
    from django.core.management import ManagementUtility

    ManagementUtility(["cadre", "learning", "providers", "--format", "json"]).execute()
    assert json.loads(capsys.readouterr().out)["providers"][0]["name"] == "Acme Learning Ltd"
    ManagementUtility(["cadre", "learning", "products", "--skill", "Programming",
                       "--format", "csv"]).execute()
    assert "Python for analysts" in capsys.readouterr().out
