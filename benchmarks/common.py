"""Helpers shared by the benchmark scripts.

Every figure a benchmark reports goes through ``record``: the measured value, the
baseline measured in the same run on the same machine (a health check for pages and
endpoints, the raw NumPy kernel for matching, ``COPY`` or SQLite's bulk insert for
imports) and so their ratio. ``benchmarks.run`` collects the figures of every module
into ``var/bench/results.json`` and prints the ratios; absolute times on a shared
2-core machine vary from run to run, ratios to a same-run baseline much less.
"""

from __future__ import annotations

import atexit
import os
import secrets
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: Units where more is better; a figure's ratio is then baseline / value.
RATES = frozenset({"req/s", "rows/s", "per s"})
#: Figures recorded by the module running in this process (read by benchmarks.run).
FIGURES: list[dict[str, Any]] = []


class Skip(Exception):  # noqa: N818 - reads as "raise Skip(reason)"
    """Raised by a benchmark that cannot run here (the reason says why)."""


def shared_dir() -> Path:
    """The published files (``../shared`` or CADRE_SHARED_DIR)."""
    return Path(os.environ.get("CADRE_SHARED_DIR", ROOT.parent / "shared"))


def require_shared(*parts: str) -> Path:
    """The path under the shared files, or ``Skip`` saying it is missing."""
    path = shared_dir().joinpath(*parts)
    if not path.exists():
        raise Skip(f"needs {path} (the published files in ../shared), which is not here")
    return path


def setup_fresh_django(name: str) -> None:
    """Point Django at a new SQLite file var/bench-NAME-PID.sqlite3, removed when the
    process ends (two runs at once never share one), or at BENCH_DATABASE_URL."""
    db = ROOT / "var" / f"bench-{name}-{os.getpid()}.sqlite3"
    db.parent.mkdir(exist_ok=True)
    db.unlink(missing_ok=True)
    if "BENCH_DATABASE_URL" not in os.environ:
        atexit.register(_remove_sqlite, db)
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{db}")
    setup_django()


def _remove_sqlite(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def setup_django() -> None:
    """Django with DEBUG off on the DATABASE_URL already set."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DJANGO_DEBUG"] = "false"
    # DEBUG off needs a real key (config/settings.py); a throwaway one will do.
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()


def timed(func: Callable[[], object], repeats: int, digits: int = 1) -> tuple[float, float]:
    """Median and 90th percentile, in milliseconds, of ``repeats`` calls."""
    times = sample(func, repeats)
    return (round(statistics.median(times), digits),
            round(times[int(len(times) * 0.9) - 1], digits))


def sample(func: Callable[[], object], repeats: int) -> list[float]:
    """``repeats`` timings of ``func`` in milliseconds, sorted."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times


def percentile(ordered: list[float], share: float) -> float:
    """The value at ``share`` (0..1) of an already sorted list (nearest rank)."""
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, round(len(ordered) * share + 0.5) - 1))]


def measure_url(client: Any, url: str, repeats: int = 20, *,
                expect: int = 200) -> dict[str, float]:
    """Median, p90 and p95 of GET ``url`` through a Django test client (after one warm
    request, whose time is ``first_ms``), and the queries one request makes."""
    from django.db import connection

    start = time.perf_counter()
    client.get(url)  # warm: the first request fills caches (and the match matrix)
    first_ms = (time.perf_counter() - start) * 1000
    queries: list[str] = []

    def count(execute, sql, params, many, context):  # noqa: ANN001, ANN202
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    if response.status_code != expect:
        raise AssertionError(f"GET {url} answered {response.status_code}, not {expect}")
    times = sample(lambda: client.get(url), repeats)
    return {"median_ms": round(statistics.median(times), 2),
            "p90_ms": round(percentile(times, 0.90), 2),
            "p95_ms": round(percentile(times, 0.95), 2),
            "first_ms": round(first_ms, 1), "queries": len(queries)}


def health_check_ms(client: Any, repeats: int = 50) -> float:
    """The baseline for pages and endpoints: median ms of ``/healthz`` through the same
    client, in the same process and run."""
    client.get("/healthz")
    return round(statistics.median(sample(lambda: client.get("/healthz"), repeats)), 3)


def ratio(value: float, baseline: float | None, unit: str = "ms") -> float | None:
    """How many times the baseline's cost the value is (rates: baseline / value)."""
    if not baseline or not value:
        return None
    return round(baseline / value if unit in RATES else value / baseline, 2)


def record(name: str, value: float, *, unit: str = "ms", baseline: str | None = None,
           baseline_value: float | None = None, target: float | None = None,
           **details: Any) -> dict[str, Any]:
    """Keep one figure (and print it). ``target`` is the ratio (or, without a baseline,
    the value) it should stay under; ``details`` are kept as they are (queries, p95 ...)."""
    figure = {"name": name, "value": value, "unit": unit, "baseline": baseline,
              "baseline_value": baseline_value,
              "ratio": ratio(value, baseline_value, unit), "target": target, **details}
    FIGURES.append(figure)
    shown = f"  {name:60} {value:>10} {unit}"
    if figure["ratio"] is not None:
        shown += f"  = {figure['ratio']}x {baseline}"
    print(shown, flush=True)
    return figure


def record_timed(name: str, timing: tuple[float, float], health_ms: float,
                 **details: Any) -> dict[str, Any]:
    """A ``timed`` (median, p90) pair against the health check of the same run (the
    baseline of modules measuring pages, selectors and computation alike)."""
    return record(name, timing[0], baseline="health check", baseline_value=health_ms,
                  p90_ms=timing[1], **details)


#: The matching kernel's shape: every person's levels in 190 skills, the best 100 kept.
KERNEL_SKILLS, KERNEL_TOP = 190, 100


def matching_kernel(rows: int, repeats: int) -> dict[str, float]:
    """The raw arithmetic a match does, as the matches API's baseline: a (rows x 190
    float32) matrix times a vector, then the top 100 in order. Median and p90 in ms."""
    import numpy as np

    rng = np.random.default_rng(3)
    matrix = rng.random((rows, KERNEL_SKILLS), dtype=np.float32)
    vector = rng.random(KERNEL_SKILLS, dtype=np.float32)

    def run() -> object:
        scores = matrix @ vector
        top = np.argpartition(-scores, KERNEL_TOP)[:KERNEL_TOP]
        return top[np.argsort(-scores[top])]

    run()
    times = sample(run, max(repeats, 50))
    return {"median_ms": round(statistics.median(times), 3),
            "p90_ms": round(percentile(times, 0.9), 3)}


def bench_vacancy(central: Any, title: str) -> Any:
    """An open vacancy for the role level with the most skills in the largest
    organisation, made once per database through the services (``title`` tells them apart)."""
    import datetime as dt

    from django.db.models import Count

    from cadre.framework.models import RoleLevel
    from cadre.framework.selectors import default_framework
    from cadre.mobility import services
    from cadre.mobility.models import Vacancy
    from cadre.organisations.models import Grade, Location, Organisation

    existing = Vacancy.objects.filter(title=title).first()
    if existing is not None:
        return existing
    level = (RoleLevel.objects.filter(framework=default_framework())
             .annotate(n=Count("requirements")).order_by("-n", "pk").first())
    org = Organisation.objects.annotate(n=Count("people")).order_by("-n").first()
    grade = Grade.objects.filter(scheme="civil_service").order_by("rank")[3]
    vacancy = services.create_vacancy(
        actor=central, organisation=org, title=title, role_level=level, grade=grade,
        closing_date=dt.date.today() + dt.timedelta(days=30),
        locations=list(Location.objects.order_by("pk")[:2]))
    services.open_vacancy(actor=central, vacancy=vacancy)
    return vacancy


def build_government(people: int, opted_in_share: float) -> dict[str, float]:
    """A generated government of about ``people`` (kept between runs when already there)
    with a random ``opted_in_share`` of them open to opportunities; seconds per step."""
    import io

    import numpy as np
    from django.core.management import call_command
    from django.db import connection

    from cadre.core import stamps
    from cadre.mobility.models import MobilityPreference
    from cadre.people.models import Person

    took: dict[str, float] = {}
    call_command("migrate", verbosity=0)
    if Person.objects.filter(staff_number__startswith="G").count() < people * 0.9:
        start = time.perf_counter()
        call_command("load_defaults", stdout=io.StringIO())
        call_command("demo_generate", "--people", str(people), "--seed", "13", "--replace",
                     stdout=io.StringIO())
        took["demo_generate_s"] = round(time.perf_counter() - start, 1)
    if not MobilityPreference.objects.exists():
        start = time.perf_counter()
        ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
        rng = np.random.default_rng(5)
        chosen = [pk for pk, r in zip(ids, rng.random(len(ids)), strict=True)
                  if r < opted_in_share]
        MobilityPreference.objects.bulk_create(
            (MobilityPreference(person_id=pk, open_to_opportunities=True) for pk in chosen),
            batch_size=5000)
        stamps.bump_all()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        took["preferences_s"] = round(time.perf_counter() - start, 1)
    return took


class _NoMigrations(dict):
    """A MIGRATION_MODULES that names no migrations for any app."""

    def __contains__(self, item: object) -> bool:
        return True

    def __getitem__(self, item: object) -> None:
        return None


def tables_from_models(marker: str | None = None) -> None:
    """Every app's tables straight from its models (as ``pytest --no-migrations``: faster
    than running the migrations), unless table ``marker`` is already there (a benchmark
    database kept from an earlier run)."""
    import io

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    if marker and marker in connection.introspection.table_names():
        return
    settings.MIGRATION_MODULES = _NoMigrations()
    call_command("migrate", run_syncdb=True, verbosity=0, stdout=io.StringIO())
