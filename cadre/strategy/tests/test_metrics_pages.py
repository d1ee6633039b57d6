# ruff: noqa: F811 - pytest fixtures imported from metrics_fixtures are named as arguments
"""Metric pages: the list, one metric with its charts and tables, entering a value,
defining and changing metrics, queueing a computation, the published set and downloads."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cadre.strategy.models import MetricDefinition, MetricValue
from cadre.strategy.services import metrics as services
from cadre.strategy.tests.metrics_fixtures import (  # noqa: F401
    CLI,
    FY,
    PREVIOUS,
    fake_source,
    metrics_world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def computed(metrics_world):  # noqa: ANN001, ANN201
    services.compute_metrics(actor=CLI, period=PREVIOUS)
    services.compute_metrics(actor=CLI, period=FY)
    return metrics_world


def test_list_and_detail_with_charts_and_tables(computed, make_account, web_client) -> None:  # noqa: ANN001
    web = web_client(make_account("analyst"))
    listing = web.get(reverse("strategy:metrics"))
    page = listing.content.decode()
    assert listing.status_code == 200 and "Share of something" in page
    assert "Define a metric" not in page and "Compute values" not in page
    detail = web.get(reverse("strategy:metric", args=[computed.computed.pk]))
    html = detail.content.decode()
    assert detail.status_code == 200
    assert '<svg' in html and 'role="img"' in html and "metric-trend" in html
    assert "<caption" in html and "by organisation, 2025-26" in html
    assert "Hidden: based on fewer than 5 people" in html and "Hidden [c]" in html
    assert "50.0%" in html and "25.0%" not in html  # DB and DC are hidden
    assert "Enter a value" not in html and "Change the definition" not in html
    older = web.get(reverse("strategy:metric", args=[computed.computed.pk]),
                    {"period": "2024-25"})
    assert older.status_code == 200 and "30.0%" in older.content.decode()
    assert web.get(reverse("strategy:metric", args=[computed.computed.pk]),
                   {"period": "1999-00"}).status_code == 404
    assert web.get(reverse("strategy:metric", args=[computed.computed.pk]),
                   {"format": "pdf"}).status_code == 400
    assert web.get(reverse("strategy:metric", args=[99999])).status_code == 404


def test_download_of_one_metric_hides_small_values(computed, make_account, web_client) -> None:  # noqa: ANN001
    web = web_client(make_account("analyst"))
    response = web.get(reverse("strategy:metric", args=[computed.computed.pk]),
                       {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    dc = next(r for r in rows if r["organisation"] == "DC" and r["period"] == "2025-26")
    assert dc["value"] == "" and dc["suppressed"] in ("True", "true")
    assert "attachment" in response["Content-Disposition"]


def test_head_of_profession_enters_a_value_for_their_organisation(computed, make_account,
                                                                  web_client) -> None:  # noqa: ANN001
    da = computed.orgs["DA"]
    web = web_client(make_account("head_of_profession", da))
    url = reverse("strategy:metric-value-add", args=[computed.entered.pk])
    listing = web.get(reverse("strategy:metrics")).content.decode()
    assert listing.count("Enter a value") == 1 and url in listing
    form = web.get(url)
    html = form.content.decode()
    assert form.status_code == 200 and "Department A" in html and "Department B" not in html
    assert "Whole of government" not in html and "---------" not in html
    bad = web.post(url, {"organisation": str(da.pk), "period": "2025 Q1", "value": "120"})
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "govuk-error-summary" in text and "0 to 100" in text and "yearly" in text
    other = web.post(url, {"organisation": str(computed.orgs["DB"].pk), "period": "2025-26",
                           "value": "50"})
    assert other.status_code == 400
    good = web.post(url, {"organisation": str(da.pk), "period": "2025-26", "value": "64.5",
                          "people": "30", "note": "Survey"})
    assert good.status_code == 302
    value = MetricValue.objects.get(definition=computed.entered, current=True)
    assert (value.organisation, float(value.value), value.origin) == (da, 64.5, "entered")
    detail = web.get(reverse("strategy:metric", args=[computed.entered.pk]))
    assert "Enter a value" in detail.content.decode() and "64.5%" in detail.content.decode()
    assert web.get(reverse("strategy:metric-value-add", args=[computed.computed.pk])
                   ).status_code == 404


def test_editors_define_change_and_compute(metrics_world, make_account, web_client) -> None:  # noqa: ANN001
    web = web_client(make_account("central_team"))
    create = reverse("strategy:metric-create")
    page = web.get(create)
    assert page.status_code == 200 and "---------" not in page.content.decode()
    bad = web.post(create, {"key": "Bad key", "name": "", "unit": "percent",
                            "direction": "higher", "frequency": "yearly", "source": "entered",
                            "target_value": "150"})
    assert bad.status_code == 400 and "govuk-error-summary" in bad.content.decode()
    good = web.post(create, {"key": "learning-hours", "name": "Learning hours per head",
                             "unit": "ratio", "direction": "higher", "frequency": "yearly",
                             "source": "entered", "baseline_period": "2024-25",
                             "baseline_value": "12.5", "agreed": "on"})
    assert good.status_code == 302
    made = MetricDefinition.objects.get(key="learning-hours")
    assert made.agreed and made.baseline_period == "2024-25"
    edit = reverse("strategy:metric-edit", args=[made.pk])
    assert web.get(edit).status_code == 200
    changed = web.post(edit, {"name": "Learning hours a head", "unit": "ratio",
                              "direction": "higher", "frequency": "yearly",
                              "source": "entered"})
    assert changed.status_code == 302
    made.refresh_from_db()
    assert made.name == "Learning hours a head" and not made.agreed
    listing = web.get(reverse("strategy:metrics")).content.decode()
    assert "Compute values" in listing and "Define a metric" in listing
    queued = web.post(reverse("strategy:metrics-compute"), {"period": "2025-26"})
    assert queued.status_code == 302
    assert MetricValue.objects.filter(definition=metrics_world.computed).count() == 4
    refused = web.post(reverse("strategy:metrics-compute"), {"period": "2025-13"})
    assert refused.status_code == 400 and "neither a month" in refused.content.decode()


def test_published_page_and_downloads(computed, make_account, web_client) -> None:  # noqa: ANN001
    web = web_client(make_account())
    page = web.get(reverse("strategy:metrics-published"))
    html = page.content.decode()
    assert page.status_code == 200 and "Share of something" in html
    assert "Hidden: based on fewer than 5 people" in html and "cli:tester" not in html
    for fmt in ("csv", "xlsx", "ods"):
        response = web.get(reverse("strategy:metrics-published"), {"format": fmt})
        assert response.status_code == 200, fmt
    xlsx = web.get(reverse("strategy:metrics-published"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, [c.value for c in row], strict=True))
            for row in sheet.iter_rows(min_row=2)]
    dc = next(r for r in rows if r["organisation"] == "DC")
    assert dc["value"] in (None, "") and "recorded_by" not in header
    assert web.get(reverse("strategy:metrics-published"), {"period": "x\x00"}).status_code == 400
