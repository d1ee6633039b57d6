"""Contractor day-rate benchmarks at government scale (issue 17: "contractor-rate benchmarks
over 50,000 people under 300 ms"), each beside baselines from the same run.

``python -m benchmarks.learning_rates``. Puts ``BENCH_LEARNING_RATES_PEOPLE`` (default
50,000) current contingent people (contractors, consultants and interims), every one with
a day rate, a supplier and a role level of the default framework, across the embedded
departments, in ``var/bench-learning-rates-N.sqlite3`` or the database named by
``BENCH_DATABASE_URL`` (reused when it already holds them). This is harder than a
generated government of 50,000 people, of whom only about one in eight is contingent:
here all 50,000 rates are grouped. ``BENCH_NO_MIGRATIONS=1`` makes the tables straight
from the models (as ``pytest --no-migrations``) instead of running the migrations.

Then it measures, as the central team, the median and 90th percentile of
``BENCH_REPEATS`` runs (after one first run, ``first_ms``) and the queries of one run, of:

- the health check (``/healthz``): the baseline for pages;
- the raw NumPy kernel: ``learning.rates.benchmarks`` and ``flags`` on the same 50,000
  rates already in arrays (the baseline for the computation);
- the benchmark computation (``selectors.rates.benchmark_rows``): reading the rates (one
  query of tuples), NumPy and labels; and the same with the arrays from the shared cache
  (kept under the data stamps, ADR 27), as every request after the first reads them;
- the benchmarks page and API, and the variance, above-the-quartile, costs and named pages (after
  one first request, which fills the cache: ``first_ms``).

Prints one JSON document and writes it to ``var/bench-learning-rates-<engine>.json``.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import json  # noqa: E402
import platform  # noqa: E402
import secrets  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

from benchmarks.common import (  # noqa: E402
    ROOT,
    measure_url,
    percentile,
    record,
    sample,
    tables_from_models,
)

PEOPLE = int(os.environ.get("BENCH_LEARNING_RATES_PEOPLE", "50000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "30"))
TARGET_MS = 300
SUPPLIERS = 40


def _setup() -> str:
    default = f"sqlite:///{ROOT / 'var' / f'bench-learning-rates-{PEOPLE}.sqlite3'}"
    url = os.environ.get("BENCH_DATABASE_URL", default)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    (ROOT / "var").mkdir(exist_ok=True)
    import django

    django.setup()
    return "postgresql" if url.startswith("postgres") else "sqlite"


def _tables() -> None:
    import io

    from django.core.management import call_command

    if os.environ.get("BENCH_NO_MIGRATIONS") == "1":
        tables_from_models()
    else:
        call_command("migrate", verbosity=0, stdout=io.StringIO())


def _build() -> dict[str, float]:
    """``PEOPLE`` contingent people with rates (kept between runs); seconds taken."""
    import io

    import numpy as np
    from django.core.management import call_command
    from django.db import connection, transaction

    from cadre.framework.models import Framework, RoleLevel
    from cadre.organisations.models import Organisation
    from cadre.people.models import Person
    from cadre.workforce.models import WorkforceRecord

    took: dict[str, float] = {}
    start = time.perf_counter()
    _tables()
    took["tables_s"] = round(time.perf_counter() - start, 1)
    have = Person.objects.filter(staff_number__startswith="R").count()
    if have >= PEOPLE:
        return took
    start = time.perf_counter()
    if not Framework.objects.filter(is_default=True).exists():
        call_command("load_defaults", stdout=io.StringIO())
    levels = list(RoleLevel.objects.filter(framework__is_default=True)
                  .values_list("pk", "seniority"))
    orgs = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    rng = np.random.default_rng(17)
    level_pick = rng.integers(0, len(levels), PEOPLE)
    org_pick = rng.integers(0, len(orgs), PEOPLE)
    supplier_pick = rng.zipf(1.6, PEOPLE) % SUPPLIERS
    kind_pick = rng.choice(["contractor", "consultant", "interim"], PEOPLE, p=[.65, .2, .15])
    noise = rng.lognormal(0, 0.18, PEOPLE)
    with transaction.atomic():
        Person.objects.filter(staff_number__startswith="R").delete()
        people = [Person(organisation_id=orgs[org_pick[i]], staff_number=f"R{i:07d}",
                         first_name="Rate", last_name=f"Person {i}",
                         employment_type=str(kind_pick[i])) for i in range(PEOPLE)]
        Person.objects.bulk_create(people, batch_size=5000)
        ids = dict(Person.objects.filter(staff_number__startswith="R")
                   .values_list("staff_number", "pk"))
        records = []
        for i in range(PEOPLE):
            pk, seniority = levels[level_pick[i]]
            rate = min(2000, max(250, 5 * round((350 + 45 * seniority) * noise[i] / 5)))
            records.append(WorkforceRecord(
                person_id=ids[f"R{i:07d}"], role_level_id=pk, day_rate=rate,
                supplier=f"Supplier {int(supplier_pick[i]):02d} Ltd", in_profession=True))
        WorkforceRecord.objects.bulk_create(records, batch_size=5000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    took["build_s"] = round(time.perf_counter() - start, 1)
    return took


def _timed(func, repeats: int) -> dict[str, float]:  # noqa: ANN001
    from django.db import connection

    start = time.perf_counter()
    func()
    first_ms = (time.perf_counter() - start) * 1000
    queries: list[str] = []

    def count(execute, sql, params, many, context):  # noqa: ANN001, ANN202
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        func()
    times = sample(func, repeats)
    return {"median_ms": round(statistics.median(times), 2),
            "p90_ms": round(percentile(times, 0.90), 2),
            "p95_ms": round(percentile(times, 0.95), 2),
            "first_ms": round(first_ms, 1), "queries": len(queries)}


def main() -> int:
    engine = _setup()
    took = _build()
    from django.test import Client

    from cadre.access.services import get_or_create_account, grant_role
    from cadre.learning import rates
    from cadre.learning.selectors import rates as sel

    central, _ = get_or_create_account(email="bench-rates-central@example.org", actor=None)
    grant_role(user=central, role="central_team", actor=None)
    client = Client()
    client.force_login(central, backend="django.contrib.auth.backends.ModelBackend")
    loaded = sel.load_rates()
    counted = len(loaded.data)

    def kernel() -> None:
        groups = rates.benchmarks(loaded.data)
        rates.flags(loaded.data, groups)

    results = {
        "health check": measure_url(client, "/healthz", REPEATS),
        "raw NumPy kernel (benchmarks and flags)": _timed(kernel, REPEATS),
        "benchmark computation (query + NumPy + labels)":
            _timed(lambda: sel.benchmark_rows(loaded=sel.load_rates(
                suppliers=False, organisations=False, cached=False)), REPEATS),
        "benchmark computation (arrays from the shared cache)":
            _timed(lambda: sel.benchmark_rows(), REPEATS),
        "benchmarks page": measure_url(client, "/learning/rates/", REPEATS),
        "benchmarks API": measure_url(client, "/api/v1/learning/rates/", REPEATS),
        "variance page (organisations, one family)":
            measure_url(client, "/learning/rates/variance/", REPEATS),
        "above the upper quartile page": measure_url(client, "/learning/rates/above/", REPEATS),
        "costs page (one family)": measure_url(client, "/learning/rates/costs/", REPEATS),
        "named rates page (central team, first 100 of everyone flagged)":
            measure_url(client, "/learning/rates/above/named/", REPEATS),
    }
    health = results["health check"]["median_ms"]
    core = results["raw NumPy kernel (benchmarks and flags)"]["median_ms"]
    for name, r in results.items():
        if name in ("health check", "raw NumPy kernel (benchmarks and flags)"):
            continue
        computation = name.startswith("benchmark computation")
        record(f"learning rates: {name} [{engine}, {counted:,} rates]", r["median_ms"],
               baseline="raw NumPy kernel" if computation else "health check",
               baseline_value=core if computation else health, target_ms=TARGET_MS,
               p90_ms=r["p90_ms"], first_ms=r["first_ms"], queries=r["queries"])
    report = {
        "database": engine, "contingent_people_with_rates": counted, "repeats": REPEATS,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                   f"Python {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d"), "build": took, "target_ms": TARGET_MS,
        "results": results,
        "ratios_to_baseline": {
            name: round(r["median_ms"] / (core if name.startswith("benchmark computation")
                                          else health), 1)
            for name, r in results.items()
            if name not in ("health check", "raw NumPy kernel (benchmarks and flags)")},
        "under_target": {name: r["median_ms"] < TARGET_MS for name, r in results.items()},
    }
    text = json.dumps(report, indent=2)
    print(text)
    (ROOT / "var" / f"bench-learning-rates-{engine}.json").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
