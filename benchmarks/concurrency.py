"""Concurrent clients against a real server, on SQLite and on PostgreSQL.

BENCH_CLIENTS clients (default 20), each on its own API token and keep-alive
connection, send a mix of reads and writes for BENCH_SECONDS (default 60) to gunicorn
(BENCH_WORKERS processes x BENCH_THREADS threads, default 4 x 5) on a loopback port,
with DEBUG off. Each request is one of: a page of the people list (45%), one person
(20%), the organisations list (10%), a change to a person's job title (20%, PATCH,
audited, with history) or a new person (5%, POST). Any transport failure or status
other than 200/201 (409 from workflow rules aside) counts as an error. Then the same
clients ask the same server for ``/healthz`` for BENCH_HEALTH_SECONDS (default 5): the
baseline that the mixed workload's throughput and p99 are compared with. The server
shares a Redis cache (BENCH_CACHE_URL, default redis://127.0.0.1:6379/12) between its
workers, as production does; without Redis each worker keeps its own.

SQLite runs on a new file var/bench-concurrency.sqlite3; PostgreSQL on the database in
BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/cadre_bench_concurrency,
dropped and created with psql), skipped when PostgreSQL cannot be reached.
BENCH_CONCURRENCY_PEOPLE=50000 adds that many generated people first. Run:
``python -m benchmarks.concurrency [sqlite|postgresql ...]``; results go to
var/bench-concurrency.json (and, under ``make bench``, var/bench/results.json).
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "20"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
THREADS = int(os.environ.get("BENCH_THREADS", "5"))
#: People added by ``demo generate`` before the run (BENCH_CONCURRENCY_PEOPLE, default none).
GENERATED = int(os.environ.get("BENCH_CONCURRENCY_PEOPLE", "0"))
HEALTH_SECONDS = float(os.environ.get("BENCH_HEALTH_SECONDS", "5"))
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/12")
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/cadre_bench_concurrency")
ORGANISATION = "DWP"
OK = {200, 201}
ALLOWED_CONFLICTS = {409}


def _setup_in_django() -> None:
    """Run inside the benchmark's database: data, accounts and one token per client."""
    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection

    from cadre.access.models import User
    from cadre.access.services import create_token
    from cadre.people.models import Person

    call_command("migrate", verbosity=0)
    call_command("load_defaults", stdout=StringIO())
    call_command("demo_load", stdout=StringIO())
    if GENERATED:  # a government's worth of people behind the same workload
        call_command("demo_generate", people=GENERATED, seed=1, stdout=StringIO())
    if connection.vendor == "postgresql":
        # What autovacuum does within a minute of a bulk load in production (this
        # machine's server runs with it off): the visibility map lets a page far into
        # the people list be found from the name index alone (docs/performance.md).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
    central = User.objects.get(email="central@cadre.example")
    tokens = [create_token(user=central, actor=None, name=f"bench {i}")[1]
              for i in range(CLIENTS)]
    people = list(Person.objects.filter(organisation__abbreviation=ORGANISATION)
                  .values_list("id", flat=True))
    pages = max(1, -(-Person.objects.count() // 50))  # the API's default page size
    print(json.dumps({"tokens": tokens, "people": people, "pages": pages}))


def _environment(database_url: str, var_dir: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "CADRE_")) and k != "DATABASE_URL"}
    env = {**base, "DATABASE_URL": database_url, "CADRE_VAR_DIR": str(var_dir),
           "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
           "DJANGO_SETTINGS_MODULE": "config.settings", "CADRE_TASKS_BACKEND": "immediate"}
    if CACHE_URL and _redis_up(CACHE_URL):
        env["CADRE_CACHE_URL"] = CACHE_URL
        env["CADRE_CACHE_PREFIX"] = f"bench-{secrets.token_hex(4)}"
    return env


def _redis_up(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379),
                                      timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _psql(url: str, sql: str) -> bool:
    parts = urlsplit(url)
    result = subprocess.run(  # noqa: S603
        ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", parts.hostname or "127.0.0.1",  # noqa: S607
         "-p", str(parts.port or 5432), "-U", parts.username or "postgres", "-d", "postgres",
         "-c", sql],
        capture_output=True, text=True, check=False,
        env={**os.environ, **({"PGPASSWORD": parts.password} if parts.password else {})})
    return result.returncode == 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client(threading.Thread):
    """One client: its own token and keep-alive connection, a seeded mix of requests."""

    def __init__(self, index: int, port: int, token: str, people: list[int], pages: int,
                 start: threading.Barrier, clock: dict[str, float], *,
                 health: bool = False) -> None:
        super().__init__(daemon=True)
        self.health = health
        self.index, self.port, self.start_line, self.clock = index, port, start, clock
        self.headers = {"Authorization": f"Token {token}", "Accept": "application/json",
                        "Content-Type": "application/json"}
        self.people, self.pages = people, pages
        self.rng = random.Random(index)  # noqa: S311
        self.samples: list[tuple[str, int, float]] = []  # (kind, status or -1, seconds)
        self.failures: list[str] = []
        self.created = 0

    def _request(self) -> tuple[str, str, str, str | None]:
        if self.health:
            return "health check", "GET", "/healthz", None
        roll = self.rng.random()
        person = self.rng.choice(self.people)
        if roll < 0.45:
            page = self.rng.randint(1, self.pages)
            return "list people", "GET", f"/api/v1/people/?page={page}", None
        if roll < 0.65:
            return "get person", "GET", f"/api/v1/people/{person}/", None
        if roll < 0.75:
            return "list organisations", "GET", "/api/v1/organisations/", None
        if roll < 0.95:
            title = f"Developer {self.rng.randint(1, 10_000)}"
            return ("update person", "PATCH", f"/api/v1/people/{person}/",
                    json.dumps({"job_title": title}))
        self.created += 1
        staff = f"BENCH-{self.index}-{self.created}-{self.rng.randint(0, 10**9)}"
        return ("create person", "POST", "/api/v1/people/", json.dumps({
            "organisation": ORGANISATION, "staff_number": staff, "first_name": "Bench",
            "last_name": f"Client{self.index}"}))

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        # One unmeasured request each, so every server worker has loaded the code.
        connection.request("GET", "/api/v1/organisations/", headers=self.headers)
        connection.getresponse().read()
        self.start_line.wait()
        while time.monotonic() < self.clock["stop"]:
            kind, method, path, body = self._request()
            start = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=self.headers)
                response = connection.getresponse()
                text = response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                status, text = -1, str(exc).encode()
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            self.samples.append((kind, status, time.perf_counter() - start))
            if status not in OK and status not in ALLOWED_CONFLICTS and len(self.failures) < 5:
                self.failures.append(f"{method} {path} -> {status}: {text[:300]!r}")
        connection.close()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


def _run_against(label: str, database_url: str) -> dict:
    var_dir = Path(tempfile.mkdtemp(prefix="cadre-bench-"))
    env = _environment(database_url, var_dir)
    setup = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "benchmarks.concurrency", "--setup"], cwd=ROOT, env=env,
        capture_output=True, text=True, check=False)
    if setup.returncode != 0:
        raise RuntimeError(f"setting up {label} failed:\n{setup.stderr[-3000:]}")
    data = json.loads(setup.stdout.strip().splitlines()[-1])
    port = _free_port()
    log = (var_dir / "gunicorn.log").open("w")
    server = subprocess.Popen(  # noqa: S603
        [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(WORKERS), "--threads", str(THREADS), "--worker-class", "gthread",
         "--timeout", "120", "--keep-alive", "30"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                probe.request("GET", "/healthz")
                if probe.getresponse().status == 200:
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"gunicorn did not start for {label}") from None
                time.sleep(0.3)
        clients, elapsed = _phase(port, data, SECONDS, health=False)
        health_clients, health_elapsed = _phase(port, data, HEALTH_SECONDS, health=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    health = _summary(health_clients, health_elapsed)
    mixed = _summary(clients, elapsed)
    return {
        "database": label, "clients": CLIENTS, "seconds": round(elapsed, 1),
        "server": f"gunicorn gthread {WORKERS} workers x {THREADS} threads",
        "generated_people": GENERATED,
        "cache": "redis (shared)" if "CADRE_CACHE_URL" in env else "local memory per worker",
        **mixed,
        "health_check": {k: health[k] for k in ("requests", "errors", "throughput_rps",
                                                "p50_ms", "p95_ms", "p99_ms")},
        "health_seconds": round(health_elapsed, 1),
    }


def _phase(port: int, data: dict, seconds: float, *,
           health: bool) -> tuple[list[Client], float]:
    """Every client sends requests for ``seconds`` (health checks only, if ``health``)."""
    clock: dict[str, float] = {}

    def go() -> None:
        clock["start"] = time.monotonic()
        clock["stop"] = clock["start"] + seconds

    start = threading.Barrier(CLIENTS, action=go)
    clients = [Client(i, port, data["tokens"][i], data["people"], data["pages"], start,
                      clock, health=health) for i in range(CLIENTS)]
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    return clients, time.monotonic() - clock["start"]


def _summary(clients: list[Client], elapsed: float) -> dict:
    samples = [s for c in clients for s in c.samples]
    statuses: dict[str, int] = {}
    for _, status, _ in samples:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    errors = sum(1 for _, status, _ in samples
                 if status not in OK and status not in ALLOWED_CONFLICTS)
    times = [t for _, _, t in samples]
    kinds = sorted({k for k, _, _ in samples})
    return {
        "requests": len(samples), "errors": errors,
        "conflicts_409": statuses.get("409", 0), "statuses": statuses,
        "throughput_rps": round(len(samples) / elapsed, 1),
        "p50_ms": round(_percentile(times, 0.50) * 1000, 1),
        "p95_ms": round(_percentile(times, 0.95) * 1000, 1),
        "p99_ms": round(_percentile(times, 0.99) * 1000, 1),
        "p95_ms_by_kind": {k: round(_percentile([t for kk, _, t in samples if kk == k], 0.95)
                                    * 1000, 1) for k in kinds},
        "writes": sum(1 for k, _, _ in samples if k in {"update person", "create person"}),
        "first_failures": [f for c in clients for f in c.failures][:10],
    }


def _record(run: dict) -> None:
    """The run's figures for ``make bench``, each against the health check."""
    from benchmarks.common import record

    base = run["health_check"]
    where = f"{run['database']}, {run['clients']} clients, {run['server']}"
    record(f"mixed workload throughput ({where})", run["throughput_rps"], unit="req/s",
           baseline="health check req/s", baseline_value=base["throughput_rps"],
           errors=run["errors"], requests=run["requests"], goal_rps=100)
    record(f"mixed workload p99 ({where})", run["p99_ms"], baseline="health check p99",
           baseline_value=base["p99_ms"], p50_ms=run["p50_ms"], p95_ms=run["p95_ms"],
           goal_ms=1000)


def main() -> int:
    if "--setup" in sys.argv:
        _setup_in_django()
        return 0
    wanted = [a for a in sys.argv[1:] if not a.startswith("-")] or ["sqlite", "postgresql"]
    report = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                         f"Python {platform.python_version()}",
              "date": time.strftime("%Y-%m-%d"), "runs": []}
    failed = False
    for label in wanted:
        if label == "sqlite":
            db = ROOT / "var" / "bench-concurrency.sqlite3"
            db.parent.mkdir(exist_ok=True)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            url = f"sqlite:///{db}"
        else:
            name = urlsplit(POSTGRES_URL).path.lstrip("/")
            if not (_psql(POSTGRES_URL, f"DROP DATABASE IF EXISTS {name}")
                    and _psql(POSTGRES_URL, f"CREATE DATABASE {name}")):
                print(f"\n{label}: skipped, cannot create {name} with psql at {POSTGRES_URL}")
                continue
            url = POSTGRES_URL
        print(f"\n{label}: {CLIENTS} clients for {SECONDS:.0f} s ...", flush=True)
        run = _run_against(label, url)
        report["runs"].append(run)
        print(f"  {run['requests']:,} requests ({run['writes']:,} writes) in {run['seconds']} s: "
              f"{run['throughput_rps']} requests/s, p50 {run['p50_ms']} ms, "
              f"p95 {run['p95_ms']} ms, errors {run['errors']}, 409s {run['conflicts_409']}")
        print(f"  p95 by kind (ms): {run['p95_ms_by_kind']}; p99 {run['p99_ms']} ms")
        base = run["health_check"]
        print(f"  health check, same server and clients: {base['throughput_rps']} requests/s, "
              f"p99 {base['p99_ms']} ms")
        _record(run)
        for failure in run["first_failures"]:
            print(f"  ! {failure}")
        failed = failed or run["errors"] > 0
    out = ROOT / "var" / "bench-concurrency.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    print(f"\n{report['machine']}, {report['date']}; results in {out.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
