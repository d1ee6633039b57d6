"""``make bench``: response times and query counts for the people list and API.

Builds a synthetic data set (people spread over 300 organisations, with
line-management chains) in its own SQLite file under var/, or in the database
named by BENCH_DATABASE_URL, then requests the pages through Django's test
client and reports the median and 90th percentile of repeated requests.
"""

from __future__ import annotations

import json
import os
import platform
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,50000").split(",")]
ORGANISATIONS = 300
REPEATS = int(os.environ.get("BENCH_REPEATS", "30"))


def _setup_django(size: int) -> None:
    default = f"sqlite:///{ROOT / 'var' / f'bench-{size}.sqlite3'}"
    url = os.environ.get("BENCH_DATABASE_URL", default)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DJANGO_DEBUG"] = "false"
    # DEBUG off needs a real key (config/settings.py); a throwaway one will do.
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()


def _build(size: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from cadre.organisations.models import Grade, Organisation
    from cadre.people.models import Person

    call_command("migrate", verbosity=0)
    if Person.objects.count() == size:
        return
    Person.objects.all().delete()
    Organisation.objects.all().delete()
    call_command("load_defaults", stdout=open(os.devnull, "w"))  # noqa: SIM115
    Organisation.objects.all().delete()
    grades = list(Grade.objects.filter(scheme="civil_service"))
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Bench organisation {i}", abbreviation=f"B{i:03d}",
                     type="ministerial_department")
        for i in range(ORGANISATIONS)
    )
    rng = random.Random(size)  # noqa: S311
    per_org = max(1, size // ORGANISATIONS)
    people = []
    for i in range(size):
        org = orgs[min(i // per_org, ORGANISATIONS - 1)]
        people.append(Person(
            organisation=org, staff_number=f"P{i:06d}", first_name=f"First{i}",
            last_name=f"Last{rng.randint(0, 9999):04d}", email=f"p{i}@example.org",
            job_title="Software developer", grade=rng.choice(grades),
            employment_type=rng.choice(["permanent", "permanent", "contractor"]),
        ))
    Person.objects.bulk_create(people, batch_size=5000)
    # Chains: in each organisation, person k reports to person (k - 1) // 4.
    updates = []
    for org in orgs:
        members = list(Person.objects.filter(organisation=org).order_by("id"))
        for k, person in enumerate(members[1:], start=1):
            person.line_manager_id = members[(k - 1) // 4].pk
            updates.append(person)
    Person.objects.bulk_update(updates, ["line_manager"], batch_size=5000)
    # Fresh planner statistics, as the database's own maintenance would keep them.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _measure(client, url: str) -> dict[str, float]:  # noqa: ANN001
    from django.db import connection

    client.get(url)  # warm
    queries: list[str] = []

    def count(execute, sql, params, many, context):  # noqa: ANN001, ANN202
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 1),
        "p90_ms": round(times[int(len(times) * 0.9) - 1], 1),
        "queries": len(queries),
    }


def _run(size: int) -> dict[str, dict[str, float]]:
    _setup_django(size)
    _build(size)
    from django.test import Client

    from cadre.access.services import get_or_create_account, grant_role
    from cadre.organisations.models import Organisation
    from cadre.people.models import Person

    central, _ = get_or_create_account(email="bench-central@example.org", actor=None)
    grant_role(user=central, role="central_team", actor=None)
    hop, _ = get_or_create_account(email="bench-hop@example.org", actor=None)
    grant_role(user=hop, role="head_of_profession", actor=None,
               organisation=Organisation.objects.order_by("id").first())
    manager, _ = get_or_create_account(email="bench-manager@example.org", actor=None)
    top = Person.objects.filter(line_manager__isnull=True).order_by("id").first()
    Person.objects.filter(account=manager).update(account=None)
    Person.objects.filter(pk=top.pk).update(account=manager)
    results = {}
    for label, user in (("central team", central), ("head of profession", hop),
                        ("line manager", manager)):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        results[f"people list page ({label})"] = _measure(client, "/people/")
        results[f"GET /api/v1/people/ ({label})"] = _measure(client, "/api/v1/people/")
    client = Client()
    client.force_login(central, backend="django.contrib.auth.backends.ModelBackend")
    results["GET /api/v1/people/?page_size=500 (central team)"] = _measure(
        client, "/api/v1/people/?page_size=500")
    results["people search ?q=Last0042 (central team)"] = _measure(client, "/people/?q=Last0042")
    return results


def main() -> int:
    if len(sys.argv) > 1:  # one size per process, so Django is set up once per database
        size = int(sys.argv[1])
        print(json.dumps({"size": size, "results": _run(size)}))
        return 0
    import subprocess

    report = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                         f"Python {platform.python_version()}",
              "date": time.strftime("%Y-%m-%d"), "runs": []}
    for size in SIZES:
        out = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "benchmarks.run", str(size)], cwd=ROOT, check=True,
            capture_output=True, text=True,
        ).stdout
        run = json.loads(out.strip().splitlines()[-1])
        report["runs"].append(run)
        print(f"\n{size:,} people in {ORGANISATIONS} organisations "
              f"(median / p90 of {REPEATS} requests, queries per request)")
        for name, r in run["results"].items():
            print(f"  {name:58} {r['median_ms']:7.1f} ms {r['p90_ms']:7.1f} ms "
                  f"{r['queries']:3d} queries")
    (ROOT / "var").mkdir(exist_ok=True)
    (ROOT / "var" / "bench-results.json").write_text(json.dumps(report, indent=2))
    print(f"\n{report['machine']}, {report['date']}; results in var/bench-results.json")
    print("\nFramework")
    subprocess.run([sys.executable, "-m", "benchmarks.framework"], cwd=ROOT, check=True)  # noqa: S603
    print("\nCapability")
    subprocess.run([sys.executable, "-m", "benchmarks.capability"], cwd=ROOT, check=True)  # noqa: S603
    print("\nWorkforce data")
    subprocess.run([sys.executable, "-m", "benchmarks.workforce"], cwd=ROOT, check=True)  # noqa: S603
    print("\nSpecialist bench and workforce plans")
    subprocess.run([sys.executable, "-m", "benchmarks.planning"], cwd=ROOT, check=True)  # noqa: S603
    print("\nNine-box calibration")
    subprocess.run([sys.executable, "-m", "benchmarks.ninebox"], cwd=ROOT, check=True)  # noqa: S603
    print("\nTalent matching")
    subprocess.run([sys.executable, "-m", "benchmarks.talent"], cwd=ROOT, check=True)  # noqa: S603
    print("\nConcurrent clients (BENCH_SECONDS each, SQLite and PostgreSQL)")
    subprocess.run([sys.executable, "-m", "benchmarks.concurrency"], cwd=ROOT, check=True)  # noqa: S603
    print("\nManaged moves under concurrency (PostgreSQL)")
    subprocess.run([sys.executable, "-m", "benchmarks.moves_concurrency"], cwd=ROOT,  # noqa: S603
                   check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
