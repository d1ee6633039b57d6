"""Learning spend figures at 500,000 spend lines (issue 17: "the variance and baseline pages
under 500 ms at that size").

``python -m benchmarks.learning_figures`` (also run by ``make bench``). Writes
``BENCH_LEARNING_FIGURES_LINES`` spend lines (default 500,000) over 50 organisations, 40
suppliers, 400 products (each building skills in one to three of 8 skill families, about
half on a running contract's rate card) and 3 financial years, with 20,000 people in the
profession for the per-head figures: lines go in with ``COPY`` on PostgreSQL (one
``executemany`` on SQLite). The database is ``BENCH_DATABASE_URL`` (or a fresh SQLite file)
and is reused when it already holds that many lines. Tables come straight from the models,
as ``pytest --no-migrations`` makes them.

Then it measures through Django's test client, signed in as the central team, the median
and 90th percentile of ``BENCH_REPEATS`` requests (after one first request) and the
queries of one request, each beside the health check (``/healthz``) of the same process:
the baseline page, the price variance page, a product's drill-down, the baseline and
variance API, and the variance download (CSV of every product and organisation); and the
two pages with a cold shared cache (the grouped spend is cached under a fingerprint of the
spend that changes with every import and review decision, so the first request after one
groups the year's lines again).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import datetime as dt  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from benchmarks.common import (  # noqa: E402
    health_check_ms,
    measure_url,
    record,
    setup_fresh_django,
    tables_from_models,
    timed,
)

LINES = int(os.environ.get("BENCH_LEARNING_FIGURES_LINES", "500000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "20"))
ORGANISATIONS, SUPPLIERS, PRODUCTS, YEARS = 50, 40, 400, (2023, 2024, 2025)
FAMILIES = 8
PEOPLE = 20_000
TARGET_MS = 500
PREFIX = "Bench figures"


def _reference() -> dict:
    """Organisations, suppliers, products with skills, contracts and people (small)."""
    from decimal import Decimal

    from cadre.framework.models import Framework, Skill, SkillLevel
    from cadre.learning.models import (
        Contract,
        Product,
        ProductSkill,
        Provider,
        RateCardEntry,
    )
    from cadre.organisations.models import Organisation, OrganisationType
    from cadre.people.models import Person
    from cadre.workforce.models import WorkforceRecord

    rng = np.random.default_rng(17)
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"{PREFIX} organisation {i:02d}", abbreviation=f"BF{i:02d}",
                     type=OrganisationType.MINISTERIAL_DEPARTMENT)
        for i in range(ORGANISATIONS))
    providers = Provider.objects.bulk_create(
        Provider(name=f"{PREFIX} supplier {i:02d}") for i in range(SUPPLIERS))
    products = Product.objects.bulk_create(
        Product(provider=providers[i % SUPPLIERS], title=f"{PREFIX} product {i:03d}",
                kind="course", mode="online_live", duration_hours=Decimal("7"),
                list_price=Decimal(int(200 + rng.integers(0, 1800))))
        for i in range(PRODUCTS))
    framework = Framework.objects.create(name=f"{PREFIX} framework", version="1")
    level = SkillLevel.objects.create(framework=framework, name="Working", ordinal=2)
    skills = Skill.objects.bulk_create(
        Skill(framework=framework, name=f"{PREFIX} skill {i}", category=f"Family {i % FAMILIES}")
        for i in range(FAMILIES * 3))
    ProductSkill.objects.bulk_create(
        ProductSkill(product=p, skill=s, level=level)
        for p in products
        for s in rng.choice(skills, size=int(rng.integers(1, 4)), replace=False))
    today = dt.date.today()
    contracts = Contract.objects.bulk_create(
        Contract(reference=f"BF-{i:02d}", title=f"{PREFIX} contract {i}", supplier=providers[i],
                 starts_on=today - dt.timedelta(days=200), ends_on=today + dt.timedelta(days=400))
        for i in range(SUPPLIERS))
    RateCardEntry.objects.bulk_create(
        RateCardEntry(contract=contracts[i % SUPPLIERS], product=p,
                      unit_price=(p.list_price * Decimal("0.8")).quantize(Decimal("0.01")))
        for i, p in enumerate(products) if i % 2 == 0)
    people = Person.objects.bulk_create(
        (Person(organisation=orgs[int(i % ORGANISATIONS)], staff_number=f"BF{i:06d}",
                first_name="Bench", last_name=f"Figures {i}") for i in range(PEOPLE)),
        batch_size=5000)
    WorkforceRecord.objects.bulk_create(
        (WorkforceRecord(person=p, in_profession=bool(i % 5)) for i, p in enumerate(people)),
        batch_size=5000)
    return {"orgs": [o.pk for o in orgs], "providers": [p.pk for p in providers],
            "products": [(p.pk, p.provider_id, float(p.list_price)) for p in products]}


COLUMNS = ["spend_import_id", "organisation_id", "row", "spent_on", "year", "supplier_text",
           "description", "amount", "attendees", "unit_price", "purchase_order", "cost_centre",
           "provider_id", "product_id", "match_status", "supplier_score", "product_score"]


def _lines(ref: dict, imports: dict, n: int):  # noqa: ANN202
    """``n`` random lines as tuples in COLUMNS order."""
    rng = np.random.default_rng(29)
    org_ix = rng.integers(0, ORGANISATIONS, n)
    prod_ix = rng.integers(0, PRODUCTS, n)
    year_ix = rng.integers(0, len(YEARS), n)
    status = rng.choice(["matched", "confirmed", "review", "unmatched", "no_product"], n,
                        p=[0.7, 0.1, 0.1, 0.05, 0.05])
    attendees = np.where(rng.random(n) < 0.15, 0, rng.integers(1, 21, n))
    org_factor = np.linspace(0.7, 1.5, ORGANISATIONS)[org_ix]
    prices = np.array([p[2] for p in ref["products"]])[prod_ix] * org_factor
    prices *= rng.normal(1, 0.05, n)
    amounts = np.round(np.where(attendees > 0, prices * attendees, prices), 2)
    day = rng.integers(0, 365, n)
    for i in range(n):
        org = ref["orgs"][org_ix[i]]
        year = YEARS[year_ix[i]]
        product, provider, _ = ref["products"][prod_ix[i]]
        kind = status[i]
        people = int(attendees[i]) or None
        amount = float(amounts[i])
        spent_on = dt.date(year, 4, 1) + dt.timedelta(days=int(day[i]))
        yield (imports[(org, year)], org, i + 2, spent_on, year, f"Supplier {provider}",
               f"Course {product}", f"{amount:.2f}", people,
               f"{amount / people:.2f}" if people else None, "", "",
               None if kind == "unmatched" else provider,
               None if kind in ("unmatched", "no_product") else product,
               "matched" if kind == "no_product" else kind, 90.0, 90.0)


def _build() -> float:
    """Write the world and the lines; seconds taken (0 when already there)."""
    from django.db import connection, transaction

    from cadre.learning.models import SpendImport, SpendLine

    if SpendLine.objects.count() >= LINES:
        return 0.0
    start = time.perf_counter()
    with transaction.atomic():
        SpendLine.objects.all().delete()
        ref = _reference()
        made = SpendImport.objects.bulk_create(
            SpendImport(organisation_id=org, filename=f"bench-{org}-{year}.csv")
            for org in ref["orgs"] for year in YEARS)
        imports = {(m.organisation_id, int(m.filename.split("-")[2][:4])): m.pk for m in made}
        names = ", ".join(COLUMNS)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(
                        f"COPY learning_spendline ({names}) FROM STDIN") as copy:
                    for row in _lines(ref, imports, LINES):
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(COLUMNS))
                cursor.executemany(f"INSERT INTO learning_spendline ({names}) "  # noqa: S608
                                   f"VALUES ({marks})",
                                   list(_lines(ref, imports, LINES)))
    with connection.cursor() as cursor:
        # What autovacuum does soon after a large import: statistics, and the visibility
        # map that lets the figures read the lines from their index alone.
        cursor.execute("VACUUM ANALYZE learning_spendline"
                       if connection.vendor == "postgresql" else "ANALYZE")
    return round(time.perf_counter() - start, 1)


def main() -> int:
    setup_fresh_django("learning-figures")
    tables_from_models("learning_spendline")
    built = _build()
    from django.db import connection
    from django.test import Client

    from cadre.access.services import get_or_create_account, grant_role
    from cadre.learning.models import Product, SpendLine

    central, _ = get_or_create_account(email="bench-figures-central@example.org", actor=None)
    grant_role(user=central, role="central_team", actor=None)
    client = Client()
    client.force_login(central, backend="django.contrib.auth.backends.ModelBackend")
    lines = SpendLine.objects.count()
    product = Product.objects.filter(title__startswith=PREFIX).order_by("pk").first()
    year = max(YEARS)
    urls = {
        "spend baseline page": f"/learning/figures/baseline/?year={year}",
        "price variance page": f"/learning/figures/variance/?year={year}",
        "price variance of one product (page)":
            f"/learning/figures/variance/products/{product.pk}/?year={year}",
        "spend baseline (API)": f"/api/v1/learning/figures/baseline/?year={year}",
        "price variance (API)": f"/api/v1/learning/figures/variance/?year={year}",
        "spend baseline page, newest year by default": "/learning/figures/baseline/",
        "unit prices download (CSV, every product and organisation)":
            f"/learning/figures/variance/download/?year={year}&format=csv",
    }
    health = health_check_ms(client)
    engine = connection.vendor
    print(f"Learning figures over {lines:,} spend lines ({engine}; built in {built} s); "
          f"health check {health} ms")
    failed = False
    from django.core.cache import cache

    for name in ("spend baseline page", "price variance page"):
        # Cold: the grouped spend is not yet in the shared cache (after an import or a
        # review decision changes the spend's fingerprint, the first request regroups).
        def cold(url: str = urls[name]) -> None:
            cache.clear()
            client.get(url)

        median, p90 = timed(cold, max(3, REPEATS // 4))
        record(f"{name}, cold cache [{engine}, {lines:,} lines]", median,
               baseline="health check", baseline_value=health, p90_ms=p90)
    for name, url in urls.items():
        result = measure_url(client, url, REPEATS)
        page = "page" in name
        print(f"    first request {result['first_ms']} ms, p90 {result['p90_ms']} ms, "
              f"{result['queries']} queries")
        record(f"{name} [{engine}, {lines:,} lines]", result["median_ms"],
               baseline="health check", baseline_value=health, p90_ms=result["p90_ms"],
               first_ms=result["first_ms"], queries=result["queries"],
               target_ms=TARGET_MS if page else None)
        if page and "download" not in name and result["median_ms"] >= TARGET_MS:
            print(f"  {name}: over the {TARGET_MS} ms target")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
