"""``cadre learning import-spend``, ``spend-mappings`` and ``spend-review``."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.learning.models import SpendImport, SpendLine, SupplierName
from cadre.learning.services.spend import save_mapping
from cadre.learning.tests.spend_fixtures import GOOD, catalogue, spend_csv  # noqa: F401

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_dry_run_then_import(catalogue, org_a, tmp_path) -> None:  # noqa: ANN001, F811
    path = tmp_path / "spend.csv"
    path.write_bytes(GOOD)
    out, _ = run("learning_import_spend", "--organisation", "DA", str(path), "--dry-run")
    assert "6 lines" in out and "Dry run: nothing was written." in out
    assert "'Net Amount': Amount (£) (amount)" in out
    assert not SpendImport.objects.exists()
    out, _ = run("learning_import_spend", "--organisation", "DA", str(path),
                 "--save-mapping", "default")
    assert "imported as import" in out and "1 possible duplicates" in out
    assert "to check: Row 5, column 'Vendor'" in out
    assert SpendLine.objects.count() == 6
    out, _ = run("learning_spend_mappings", "--organisation", "DA")
    assert "DA default" in out and "'Vendor': supplier" in out


def test_a_faulty_file_names_rows_and_columns(catalogue, org_a, tmp_path) -> None:  # noqa: ANN001, F811
    path = tmp_path / "bad.csv"
    path.write_bytes(spend_csv("2024-04-02,Acme,Course,\"1.234,50\",1,PO,CC",
                               "2024-04-31,Acme,Course,10,1,PO,CC"))
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("learning_import_spend", "--organisation", "DA", str(path),
                     stdout=io.StringIO(), stderr=err)
    assert "Row 2, column 'Net Amount'" in err.getvalue()
    assert "Row 3, column 'Invoice Date'" in err.getvalue()
    assert not SpendLine.objects.exists()


def test_refusals(org_a, tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "spend.csv"
    path.write_bytes(GOOD)
    with pytest.raises(CommandError, match="No organisation"):
        run("learning_import_spend", "--organisation", "NOPE", str(path))
    with pytest.raises(CommandError, match="no saved spend mapping called 'x'"):
        run("learning_import_spend", "--organisation", "DA", str(path), "--mapping", "x")
    with pytest.raises(CommandError):
        run("learning_import_spend", "--organisation", "DA", str(tmp_path / "missing.csv"))
    save_mapping(actor=None, organisation=org_a, name="finance", columns={"A": "date"})
    assert "DA finance" in run("learning_spend_mappings")[0]


def test_review_and_decide(catalogue, org_a, tmp_path) -> None:  # noqa: ANN001, F811
    path = tmp_path / "spend.csv"
    path.write_bytes(GOOD)
    run("learning_import_spend", "--organisation", "DA", str(path))
    out, _ = run("learning_spend_review", "--format", "json")
    waiting = json.loads(out)
    assert [s["name"] for s in waiting["suppliers"]] == ["Zebra Widgets"]
    zebra = SupplierName.objects.get(name_key="zebra widgets")
    with pytest.raises(CommandError, match="needs --provider"):
        run("learning_spend_review", "--supplier", str(zebra.pk))
    with pytest.raises(CommandError, match="give an id or 'none'"):
        run("learning_spend_review", "--supplier", str(zebra.pk), "--provider", "x")
    out, _ = run("learning_spend_review", "--supplier", str(zebra.pk), "--provider", "none")
    assert "applied to 1 line" in out
    with pytest.raises(CommandError, match="Nothing was changed"):
        run("learning_spend_review", "--supplier", str(zebra.pk), "--provider", "none")
    out, _ = run("learning_spend_review", "--organisation", "DA")
    assert "0 supplier name(s) waiting" in out
