"""Workforce benchmarks: HR extract import, title classification, the workforce pages,
and ``cadre demo generate``.

``python -m benchmarks.workforce`` (also run by ``make bench``). For each size
(BENCH_WORKFORCE_SIZES, default 1000,10000,50000) it builds one organisation's
extract of that many rows with the demo generator, in a fresh SQLite file (or
the database named by BENCH_DATABASE_URL, emptied first), then in separate
processes: imports it (time and the process's peak memory), re-imports it with
1% of rows changed, and classifies every title with the default engine. At the
largest size it classifies the organisation into the database and times its
workforce page. Finally it times ``cadre demo generate --people N``
(BENCH_WORKFORCE_GENERATE, default 50000; 0 skips) and the pages on that data.
Results go to var/bench-workforce.json and, as a Markdown section, to
var/bench-workforce.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import platform
import resource
import secrets
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import ROOT, health_check_ms, measure_url, record, setup_fresh_django

SIZES = [int(s) for s in os.environ.get("BENCH_WORKFORCE_SIZES", "1000,10000,50000").split(",")]
GENERATE = int(os.environ.get("BENCH_WORKFORCE_GENERATE", "50000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "30"))
ABBREVIATION = "BENCH"
FIRST_ON, SECOND_ON = dt.date(2026, 9, 30), dt.date(2026, 10, 31)
HOP_EMAIL = "bench-hop@example.org"
CENTRAL_EMAIL = "bench-central@example.org"


def _file(size: int, suffix: str = "") -> Path:
    return ROOT / "var" / f"bench-workforce-{size}{suffix}.csv"


def _django(name: str, fresh: bool) -> None:
    """Django on var/bench-NAME.sqlite3 (new if ``fresh``) or on BENCH_DATABASE_URL."""
    if fresh and "BENCH_DATABASE_URL" not in os.environ:
        setup_fresh_django(name)
    else:
        db = ROOT / "var" / f"bench-{name}.sqlite3"
        os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{db}")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        os.environ["DJANGO_DEBUG"] = "false"
        # DEBUG off needs a real key (config/settings.py); a throwaway one will do.
        os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
        import django

        django.setup()
    if fresh:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        if "BENCH_DATABASE_URL" in os.environ:
            call_command("flush", interactive=False, verbosity=0)
        call_command("load_defaults", stdout=io.StringIO())


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _accounts(organisation) -> None:  # noqa: ANN001
    from cadre.access.services import get_or_create_account, grant_role

    hop, _ = get_or_create_account(email=HOP_EMAIL, actor=None)
    grant_role(user=hop, role="head_of_profession", organisation=organisation, actor=None)
    central, _ = get_or_create_account(email=CENTRAL_EMAIL, actor=None)
    grant_role(user=central, role="central_team", actor=None)


def _bench_org_plan(size: int):  # noqa: ANN202
    from cadre.workforce import demo_government as gen

    spec = gen.OrgSpec("Bench department", ABBREVIATION, "ministerial_department", "", size,
                       False)
    return gen.plan_organisation(spec=spec, seed=1, levels=gen.framework_levels())


# --- Steps, each in its own process -------------------------------------------------------


def step_prepare(size: int) -> dict:
    _django(f"workforce-{size}", fresh=True)
    from cadre.organisations.models import Organisation
    from cadre.workforce import demo_government as gen

    organisation = Organisation.objects.create(name="Bench department",
                                               abbreviation=ABBREVIATION,
                                               type="ministerial_department")
    _accounts(organisation)
    start = time.perf_counter()
    rows = gen.extract_rows(_bench_org_plan(size))
    _file(size).write_text(gen.extract_csv(rows, 0), encoding="utf-8")
    _file(size, "-changed").write_text(gen.extract_csv(gen.change_rows(rows, 0.01, 1), 0),
                                       encoding="utf-8")
    return {"rows": len(rows), "build_s": round(time.perf_counter() - start, 2),
            "bytes": _file(size).stat().st_size}


def step_import(size: int, which: str) -> dict:
    _django(f"workforce-{size}", fresh=False)
    import cadre.workforce.services_review  # noqa: F401 - loaded once by a running service
    from cadre.organisations.models import Organisation
    from cadre.workforce import demo_government as gen
    from cadre.workforce.services import import_extract

    path = _file(size, "" if which == "first" else "-changed")
    data = path.read_bytes()
    organisation = Organisation.objects.get(abbreviation=ABBREVIATION)
    before, cpu = _peak_mb(), _cpu()
    start = time.perf_counter()
    result = import_extract(actor=None, organisation=organisation, data=data,
                            filename=path.name, mapping=gen.extract_mapping(0),
                            taken_on=FIRST_ON if which == "first" else SECOND_ON)
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 2), "cpu_s": round(_cpu() - cpu, 2),
            "rows": result.rows, "joiners": result.joiners,
            "changed": result.changed, "leavers": result.leavers,
            "peak_mb": _peak_mb(), "peak_before_mb": before}


def step_classify(size: int) -> dict:
    _django(f"workforce-{size}", fresh=False)
    from cadre.workforce.catalogue import load_catalogue
    from cadre.workforce.classifier import DefaultEngine

    with _file(size).open(newline="", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    rows = [{"job_title": r["Job Title"], "grade": r["Pay Band"]} for r in table]
    start, cpu = time.perf_counter(), _cpu()
    engine = DefaultEngine(load_catalogue())
    built = time.perf_counter() - start
    results = engine.classify_many(rows)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    # How often the engine agrees with what the generator made each person.
    truth = {p.staff_number: p for p in _bench_org_plan(size).people}
    people = [truth[r["Employee Number"]] for r in table]
    agree = sum(c.in_profession == p.in_profession for c, p in zip(results, people, strict=True))
    in_prof = [(c, p) for c, p in zip(results, people, strict=True) if p.in_profession]
    role = sum(c.role == p.level.role for c, p in in_prof)
    # The worst case: every title different (a made-up team name after each).
    syllables = ("ka", "lo", "mer", "tan", "vi", "sel", "dun", "ro", "pa", "fen", "hal", "bri",
                 "cor", "elm", "gar", "in", "jo", "ness", "os", "quil", "rad", "sto", "tor",
                 "ul", "wen", "yar", "zel", "ash", "bel", "cal", "dor", "ev", "fal", "gil", "hu",
                 "lin", "mo")
    words = [a + b + c for a in syllables for b in syllables for c in syllables]
    distinct = [{"job_title": f"{r['job_title']} - {w.title()} team", "grade": r["grade"]}
                for r, w in zip(rows, words, strict=False)]
    fresh = DefaultEngine(load_catalogue())
    start_distinct, cpu_distinct = time.perf_counter(), _cpu()
    fresh.classify_many(distinct)
    distinct_s = time.perf_counter() - start_distinct
    return {"seconds": round(seconds, 2), "cpu_s": round(cpu, 2), "engine_s": round(built, 2),
            "distinct_s": round(distinct_s, 2),
            "distinct_cpu_s": round(_cpu() - cpu_distinct, 2), "rows": len(rows),
            "distinct_titles": len({(r["job_title"], r["grade"]) for r in rows}),
            "profession_agreement": round(agree / len(rows), 3),
            "role_agreement": round(role / max(1, len(in_prof)), 3), "peak_mb": _peak_mb()}


def _client(email: str):  # noqa: ANN202
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(email=email),
                       backend="django.contrib.auth.backends.ModelBackend")
    return client


def step_page(size: int) -> dict:
    _django(f"workforce-{size}", fresh=False)
    from django.db import connection

    from cadre.organisations.models import Organisation
    from cadre.people.models import Person
    from cadre.workforce.services_review import classify_organisation

    organisation = Organisation.objects.get(abbreviation=ABBREVIATION)
    start = time.perf_counter()
    classify_organisation(actor=None, organisation=organisation)
    classified = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"people": Person.objects.count(), "classify_organisation_s": round(classified, 2),
            "health_ms": health_check_ms(_client(CENTRAL_EMAIL)),
            "organisation page (head of profession)": measure_url(
                _client(HOP_EMAIL), f"/workforce/organisation/{ABBREVIATION}/", REPEATS),
            "government page (central team)": measure_url(
                _client(CENTRAL_EMAIL), "/workforce/government/", REPEATS)}


def step_generate(people: int) -> dict:
    _django("workforce-generate", fresh=True)
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count

    from cadre.organisations.models import Organisation
    from cadre.people.models import Person
    from cadre.workforce.models import ExtractRecord

    before, cpu = _peak_mb(), _cpu()
    start = time.perf_counter()
    out = io.StringIO()
    call_command("demo_generate", people=people, seed=1, stdout=out)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    peak = _peak_mb()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    largest = (Organisation.objects.annotate(n=Count("people")).order_by("-n", "name").first())
    _accounts(largest)
    return {"seconds": round(seconds, 1), "cpu_s": round(cpu, 1), "peak_mb": peak,
            "peak_before_mb": before,
            "people_rows": Person.objects.count(),
            "extract_records": ExtractRecord.objects.count(),
            "output": out.getvalue().strip().splitlines(),
            "largest": largest.abbreviation, "largest_people": largest.n,
            "health_ms": health_check_ms(_client(CENTRAL_EMAIL)),
            "organisation page (head of profession, largest)": measure_url(
                _client(HOP_EMAIL), f"/workforce/organisation/{largest.abbreviation}/",
                REPEATS),
            "government page (central team)": measure_url(
                _client(CENTRAL_EMAIL), "/workforce/government/", REPEATS)}


# --- Orchestration ------------------------------------------------------------------------


def _run(*args: object) -> dict:
    proc = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "benchmarks.workforce", *map(str, args)], cwd=ROOT,
        capture_output=True, text=True, check=False)
    if proc.returncode:
        sys.stderr.write(proc.stderr[-3000:])
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _machine() -> str:
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {round(kb / 1024 / 1024)} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{platform.machine()}, {os.cpu_count()} cores{mem}, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


def _database() -> str:
    url = os.environ.get("BENCH_DATABASE_URL", "")
    return "PostgreSQL" if url.startswith("postgres") else "SQLite"


def markdown(report: dict) -> str:
    """The results as a Markdown section for docs/performance.md."""
    lines = [f"### {report['database']}, {report['date']}", "",
             f"Machine: {report['machine']}. Command: `{report['command']}`. Load average "
             f"(1 min) at the start {report.get('load_start', '?')}, at the end "
             f"{report.get('load_end', '?')}.", "",
             "Times are wall clock, with the process's CPU time in brackets.", "",
             "| rows | first import | peak memory | re-import, 1% changed (changed) "
             "| classify all titles (distinct) | classify, every title different "
             "| engine agrees: profession / role |",
             "|---|---|---|---|---|---|---|"]
    for run in report["sizes"]:
        first, again, cls = run["import_first"], run["import_again"], run["classify"]
        if "error" in first or "error" in again or "error" in cls:
            lines.append(f"| {run['rows']:,} | {first.get('error', '')} "
                         f"{again.get('error', '')} {cls.get('error', '')} | | | | | |")
            continue
        lines.append(
            f"| {run['rows']:,} | {_secs(first)} | {first['peak_mb']:.0f} MB "
            f"| {_secs(again)} ({again['changed']:,}) "
            f"| {_secs(cls)} ({cls['distinct_titles']:,}) "
            f"| {_distinct(cls)} "
            f"| {cls['profession_agreement']:.1%} / {cls['role_agreement']:.1%} |")
    page = report.get("page") or {}
    if page and "error" not in page:
        lines += ["", f"With {page['people']:,} people in one organisation (classified "
                      f"into the database in {page['classify_organisation_s']:.1f} s):", ""]
        lines += _page_lines(page)
    gen = report.get("generate") or {}
    if gen and "error" not in gen:
        lines += ["", f"`cadre demo generate --people {report['generate_people']}`: "
                      f"{_secs(gen)}, peak memory {gen['peak_mb']:.0f} MB; "
                      f"{gen['people_rows']:,} people rows (with leavers), "
                      f"{gen['extract_records']:,} extract records. Pages on that data "
                      f"(largest organisation {gen['largest']}, {gen['largest_people']:,} "
                      "people):", ""]
        lines += _page_lines(gen)
    elif gen:
        lines += ["", f"demo generate failed: {gen['error']}"]
    return "\n".join(lines) + "\n"


def _distinct(result: dict) -> str:
    if "distinct_s" not in result:
        return "not measured"
    return f"{result['distinct_s']:.1f} s ({result['distinct_cpu_s']:.1f} s)"


def _secs(result: dict) -> str:
    cpu = f" ({result['cpu_s']:.1f} s)" if "cpu_s" in result else ""
    return f"{result['seconds']:.1f} s{cpu}"


def _page_lines(results: dict) -> list[str]:
    lines = ["| page | first request | median / p90 | queries |", "|---|---|---|---|"]
    for name, r in results.items():
        if isinstance(r, dict) and "median_ms" in r:
            lines.append(f"| {name} | {r['first_ms']:.0f} ms | {r['median_ms']:.0f} / "
                         f"{r['p90_ms']:.0f} ms | {r['queries']} |")
    return lines


def _record(report: dict) -> None:
    """Every figure through ``benchmarks.common.record``: imports and classification against
    the first import of the smallest size in the same run (how they grow), pages against
    the health check measured in the same process."""
    db = report["database"]
    runs = [r for r in report["sizes"] if "seconds" in r["import_first"]]
    base = runs[0]["import_first"]["seconds"] * 1000 if runs else None
    label = f"first import of {runs[0]['rows']:,} rows" if runs else None
    for run in runs:
        for key, what in (("import_first", "first import"), ("import_again", "re-import, 1% "
                          "changed"), ("classify", "classify all titles")):
            result = run[key]
            if "seconds" in result:
                record(f"workforce {what}, {run['rows']:,} rows [{db}]",
                       round(result["seconds"] * 1000), baseline=label, baseline_value=base,
                       cpu_s=result.get("cpu_s"), peak_mb=result.get("peak_mb"))
    for part in ("page", "generate"):
        results = report.get(part) or {}
        health = results.get("health_ms")
        for name, r in results.items():
            if isinstance(r, dict) and "median_ms" in r:
                record(f"workforce {name} ({part}) [{db}]", r["median_ms"],
                       baseline="health check", baseline_value=health, p90_ms=r["p90_ms"],
                       first_ms=r["first_ms"], queries=r["queries"])


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "markdown":  # again from a saved report
        print(markdown(json.loads(Path(sys.argv[2]).read_text())))
        return 0
    if len(sys.argv) > 1:
        step, arg = sys.argv[1], int(sys.argv[2])
        result = {"prepare": step_prepare, "classify": step_classify, "page": step_page,
                  "generate": step_generate}.get(step)
        out = step_import(arg, sys.argv[3]) if step == "import" else result(arg)
        print(json.dumps(out, default=str))
        return 0
    (ROOT / "var").mkdir(exist_ok=True)
    command = ("BENCH_DATABASE_URL=... " if "BENCH_DATABASE_URL" in os.environ else "") + \
        "python -m benchmarks.workforce"
    report = {"machine": _machine(), "date": time.strftime("%Y-%m-%d"),
              "database": _database(), "command": command, "sizes": [],
              "generate_people": GENERATE, "load_start": round(os.getloadavg()[0], 1)}
    print(f"{report['database']}: import, re-import (1% changed), classify "
          "(seconds; peak memory of the import process)")
    for size in SIZES:
        prepared = _run("prepare", size)
        run = {"rows": size, "prepare": prepared, "import_first": _run("import", size, "first"),
               "import_again": _run("import", size, "again"), "classify": _run("classify", size)}
        report["sizes"].append(run)
        f, a, c = run["import_first"], run["import_again"], run["classify"]
        print(f"  {size:>7,} rows: import {f.get('seconds', '-')} s "
              f"({f.get('peak_mb', '-')} MB), re-import {a.get('seconds', '-')} s "
              f"({a.get('changed', '-')} changed), classify {c.get('seconds', '-')} s "
              f"{f.get('error', '')}{a.get('error', '')}{c.get('error', '')}")
    report["page"] = _run("page", max(SIZES))
    print(f"  pages with {max(SIZES):,} people in one organisation: {report['page']}")
    if GENERATE:
        report["generate"] = _run("generate", GENERATE)
        g = report["generate"]
        print(f"  demo generate --people {GENERATE}: {g.get('seconds', '-')} s, "
              f"{g.get('peak_mb', '-')} MB {g.get('error', '')}")
    report["load_end"] = round(os.getloadavg()[0], 1)
    _record(report)
    suffix = "-postgres" if report["database"] == "PostgreSQL" else ""
    (ROOT / "var" / f"bench-workforce{suffix}.json").write_text(json.dumps(report, indent=2,
                                                                           default=str))
    (ROOT / "var" / f"bench-workforce{suffix}.md").write_text(markdown(report))
    print(f"\n{markdown(report)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
