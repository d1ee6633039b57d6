"""People list and API at 1,000 and 50,000 people, against a health check of the same run.

Builds a synthetic data set (people spread over 300 organisations, with line-management
chains) in its own SQLite file under var/ (kept and reused while the size matches), or
in the database named by BENCH_DATABASE_URL, then requests the pages through Django's
test client: the median and p95 of BENCH_REPEATS requests, the queries one makes, and
the ratio to ``/healthz`` timed the same way in the same process. The API's last page
is timed both by page number (an OFFSET query) and by cursor (keyset), against page 1.

``python -m benchmarks.people_list`` (BENCH_SIZES, default ``1000,50000``).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from urllib.parse import urlencode

from benchmarks.common import FIGURES, ROOT, health_check_ms, measure_url, record, setup_django

SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,50000").split(",") if s]
ORGANISATIONS = 300
REPEATS = int(os.environ.get("BENCH_REPEATS", "20"))


def _build(size: int) -> None:
    from django.core.management import call_command

    from cadre.core.bulk import analyze_tables
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
    analyze_tables([Person, Organisation])


def _last_cursor() -> str:
    """The address of the API's last page of 50 as a client walking by cursor reaches it:
    the ``next`` link of the page before (the cursor is the key of the row before it)."""
    from django.core import signing

    from cadre.core.api_pagination import _SALT, keyset_for
    from cadre.people.models import Person

    qs = Person.objects.order_by("last_name", "first_name", "id")
    keys = [k.path for k in keyset_for(qs)]
    total = qs.count()
    before = qs.values_list(*keys)[max(0, total - (total % 50 or 50)) - 1]
    token = signing.dumps({"n": keys, "k": list(before), "b": False},
                          salt=f"{_SALT}:/api/v1/people/", compress=True)
    return "/api/v1/people/?" + urlencode({"cursor": token})


def run_size(size: int) -> None:
    """Measure one size (Django already set up on its database)."""
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
    health_client = Client()
    health = health_check_ms(health_client)
    record(f"{size:,} people: /healthz", health, baseline="health check",
           baseline_value=health)

    def figure(label: str, client, url: str) -> None:  # noqa: ANN001
        m = measure_url(client, url, REPEATS)
        record(f"{size:,} people: {label}", m["median_ms"], baseline="health check",
               baseline_value=health, p95_ms=m["p95_ms"], queries=m["queries"], url=url)

    for label, user in (("central team", central), ("head of profession", hop),
                        ("line manager", manager)):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        figure(f"people list page ({label})", client, "/people/")
        figure(f"GET /api/v1/people/ ({label})", client, "/api/v1/people/")
    client = Client()
    client.force_login(central, backend="django.contrib.auth.backends.ModelBackend")
    figure("GET /api/v1/people/?page_size=500 (central team)", client,
           "/api/v1/people/?page_size=500")
    figure("people search ?q=Last0042 (central team)", client, "/people/?q=Last0042")
    last_page = max(1, -(-Person.objects.count() // 50))
    first = measure_url(client, "/api/v1/people/", REPEATS)
    for label, url in (("last page by ?page=", f"/api/v1/people/?page={last_page}"),
                       ("last page by ?cursor=", _last_cursor())):
        m = measure_url(client, url, REPEATS)
        record(f"{size:,} people: API {label} vs page 1", m["median_ms"],
               baseline="page 1", baseline_value=first["median_ms"],
               p95_ms=m["p95_ms"], queries=m["queries"])


def main() -> int:
    """Each size in its own process (Django is set up once per database)."""
    if len(sys.argv) > 1 and sys.argv[1].isdigit():
        size = int(sys.argv[1])
        default = f"sqlite:///{ROOT / 'var' / f'bench-{size}.sqlite3'}"
        os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", default)
        setup_django()
        run_size(size)
        print("FIGURES " + json.dumps(FIGURES))
        return 0
    (ROOT / "var").mkdir(exist_ok=True)
    for size in SIZES:
        print(f"{size:,} people in {ORGANISATIONS} organisations "
              f"(median of {REPEATS} requests; ratio to /healthz)", flush=True)
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "benchmarks.people_list", str(size)], cwd=ROOT,
            check=True, stdout=subprocess.PIPE, text=True)
        for line in result.stdout.splitlines():
            if line.startswith("FIGURES "):
                FIGURES.extend(json.loads(line[len("FIGURES "):]))
            else:
                print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
