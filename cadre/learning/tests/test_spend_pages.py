"""Spend pages: upload, map, check, import (a job); imports and their problems; the review
queue and its decisions."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cadre.jobs.models import Job
from cadre.learning.models import (
    MatchStatus,
    SpendColumnMapping,
    SpendImport,
    SpendLine,
    SupplierName,
)
from cadre.learning.services.spend import import_spend
from cadre.learning.tests.spend_fixtures import (  # noqa: F401
    GOOD,
    catalogue,
    central,
    lead_a,
    lead_b,
    spend_csv,
)

pytestmark = pytest.mark.django_db


def _upload(client, org, data: bytes, name: str = "spend.csv"):  # noqa: ANN001, ANN202
    return client.post("/learning/spend/upload/", {
        "organisation": org.pk, "file": SimpleUploadedFile(name, data, "text/csv")})


def _mapping_post(step, **overrides: str) -> dict:  # noqa: ANN001
    form = step.context["form"]
    data = {"token": form.initial.get("token") or form.data.get("token")}
    for i, header in enumerate(form.headers):
        data[f"column_{i}"] = overrides.get(header, form[f"column_{i}"].value() or "")
    return data


def test_upload_map_check_import(catalogue, org_a, lead_a, web_client) -> None:  # noqa: ANN001, F811
    client = web_client(lead_a)
    page = client.get("/learning/spend/upload/")
    assert page.status_code == 200 and b"Import learning spend" in page.content
    step = _upload(client, org_a, GOOD)
    assert step.status_code == 200 and b"Match the columns" in step.content
    assert step.context["form"]["column_3"].value() == "amount"  # "Net Amount"
    post = _mapping_post(step)
    post["save_as"] = "default"
    preview = client.post("/learning/spend/upload/mapping/", post)
    assert preview.status_code == 200 and b"Check the spend file" in preview.content
    assert preview.context["result"].rows == 6 and b"Zebra Widgets" in preview.content
    assert not SpendLine.objects.exists()  # nothing written before confirming
    assert SpendColumnMapping.objects.get(organisation=org_a, name="default")
    done = client.post("/learning/spend/upload/confirm/", {"token": preview.context["token"]})
    job = Job.objects.get()
    spend_import = SpendImport.objects.get()
    assert done.status_code == 302 and done["Location"] == f"/jobs/{job.pk}/"
    assert job.state == Job.State.SUCCEEDED
    assert job.result_url == f"/learning/spend/imports/{spend_import.pk}/"
    assert SpendLine.objects.count() == 6
    again = client.post("/learning/spend/upload/confirm/", {"token": preview.context["token"]})
    assert again.status_code == 302 and SpendImport.objects.count() == 1  # token works once
    listing = client.get("/learning/spend/")
    assert listing.status_code == 200 and b"spend.csv" in listing.content
    assert f"/learning/spend/imports/{spend_import.pk}/".encode() in listing.content
    detail = client.get(f"/learning/spend/imports/{spend_import.pk}/")
    assert detail.status_code == 200 and b"Zebra Widgets" in detail.content
    assert b"repeats row 6" in detail.content
    assert client.get("/learning/spend/mappings/").status_code == 200


def test_a_faulty_file_shows_every_problem(catalogue, org_a, lead_a, web_client) -> None:  # noqa: ANN001, F811
    client = web_client(lead_a)
    step = _upload(client, org_a, spend_csv(
        "2024-02-30,Acme,Course,\"£1,000\",1,PO,CC", "2024-04-01,Acme,Course,$5,1,PO,CC"))
    checked = client.post("/learning/spend/upload/mapping/", _mapping_post(step))
    assert checked.status_code == 400
    content = checked.content.decode()
    assert "was not imported" in content and "Invoice Date" in content
    assert "not in pounds" in content and "not a real date" in content
    assert not SpendLine.objects.exists()


def test_bad_uploads(org_a, lead_a, web_client) -> None:  # noqa: ANN001, F811
    client = web_client(lead_a)
    assert client.post("/learning/spend/upload/", {}).status_code == 400
    empty = _upload(client, org_a, b"   ")
    assert empty.status_code == 400 and b"empty" in empty.content
    old = _upload(client, org_a, b"\xd0\xcf\x11\xe0rest", "old.xls")
    assert old.status_code == 400 and b"old Excel" in old.content
    expired = client.post("/learning/spend/upload/mapping/", {"token": "nonsense"})
    assert expired.status_code == 302


def test_review_queue_and_decisions(catalogue, org_a, lead_a, web_client) -> None:  # noqa: ANN001, F811
    import_spend(actor=lead_a, organisation=org_a, data=spend_csv(
        "2024-04-02,Acme Trainin Services,Agile Foundation,100,1,PO-1,CC1",
        "2024-04-03,Acme Trainin Services,Scrum practitioner training,200,1,PO-2,CC1"),
        filename="a.csv")
    client = web_client(lead_a)
    queue = client.get("/learning/spend/review/")
    assert queue.status_code == 200 and b"Acme Trainin Services" in queue.content
    name = SupplierName.objects.get(name_key="acme trainin services")
    page = client.get(f"/learning/spend/review/suppliers/{name.pk}/")
    assert page.status_code == 200 and b"Acme Learning Limited (suggested)" in page.content
    bad = client.post(f"/learning/spend/review/suppliers/{name.pk}/", {"provider": "999999"})
    assert bad.status_code == 400
    done = client.post(f"/learning/spend/review/suppliers/{name.pk}/",
                       {"provider": str(catalogue.acme.pk)})
    assert done.status_code == 302
    assert not SpendLine.objects.filter(provider=None).exists()
    queue = client.get("/learning/spend/review/")
    assert b"Scrum practitioner training" in queue.content
    assert b"No supplier names are waiting" in queue.content
    gone = client.get(f"/learning/spend/review/suppliers/{name.pk}/")
    assert gone.status_code == 404
    waiting = SpendLine.objects.get(match_status=MatchStatus.REVIEW)
    url = f"/learning/spend/review/descriptions/{waiting.product_description_id}/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"product": "none"}).status_code == 302
    waiting.refresh_from_db()
    assert waiting.match_status == MatchStatus.CONFIRMED and waiting.product_id is None
    assert b"No descriptions are waiting" in client.get("/learning/spend/review/").content


def test_filters_are_checked(org_a, lead_a, web_client) -> None:  # noqa: ANN001, F811
    client = web_client(lead_a)
    assert client.get("/learning/spend/?organisation=abc").status_code == 400
    assert client.get("/learning/spend/review/?organisation=999999").status_code == 400
