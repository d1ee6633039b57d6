"""HR extract imports against the database's own speed, on SQLite and PostgreSQL.

``python -m benchmarks.imports`` (BENCH_IMPORT_ROWS, default 50000). For SQLite
(a fresh file) and, when BENCH_DATABASE_URL names one, PostgreSQL (emptied first),
in separate processes:

* the baseline: the extract's rows written by the database's fastest bulk path into
  a plain table (PostgreSQL ``COPY``; SQLite ``executemany`` in one transaction);
* a first import, an unchanged re-import and a re-import with 10% of rows changed
  (``services.import_extract``), wall and CPU time of this process;
* through the pages (``benchmarks.jobs``): the upload step, the preview, the
  confirm; the import job run by a real ``cadre db_worker``; and ``cadre workforce
  import`` of the same file.

Each import time is printed beside the baseline as a ratio. Results go to
var/bench-imports.json. Targets (issue 13): first import under 8 s, unchanged under
1.5 s, 10% changed under 3 s; upload under 2 s; the job within the CLI's time.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import ROOT

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "50000"))
ABBREVIATION = "BENCH"
TAKEN_ON = (dt.date(2026, 9, 30), dt.date(2026, 10, 31), dt.date(2026, 11, 30))
TARGETS = {"first": 8.0, "unchanged": 1.5, "changed_10pct": 3.0}


def _file(suffix: str = "") -> Path:
    return ROOT / "var" / f"bench-imports-{ROWS}{suffix}.csv"


def _setup(database_url: str | None) -> None:
    """Django on a fresh SQLite file, or on ``database_url`` emptied first."""
    db = ROOT / "var" / "bench-imports.sqlite3"
    if database_url is None:
        db.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-" + "k" * 40)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if database_url is not None:
        call_command("flush", interactive=False, verbosity=0)
    call_command("load_defaults", stdout=io.StringIO())


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> dict[str, float]:
    wall, cpu = _clock()
    return {"s": round(wall - start[0], 3), "cpu_s": round(cpu - start[1], 3)}


def _baseline(rows: list[dict[str, str]]) -> dict:
    """The same rows written the database's fastest way into a plain table of text
    columns: COPY on PostgreSQL, executemany in one transaction on SQLite."""
    from django.db import connection, transaction

    columns = list(rows[0])
    values = [[row[c] for c in columns] for row in rows]
    ddl = ", ".join(f'"{c}" text' for c in columns)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE bench_plain ({ddl})")
        start = _clock()
        if connection.vendor == "postgresql":
            names = ", ".join(f'"{c}"' for c in columns)
            with cursor.cursor.copy(f"COPY bench_plain ({names}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
            how = "COPY into a plain table"
        else:
            marks = ", ".join(["?"] * len(columns))
            cursor.cursor.executemany(f"INSERT INTO bench_plain VALUES ({marks})",  # noqa: S608
                                      values)
            how = "executemany INSERT into a plain table, one transaction"
        took = _since(start)
        cursor.execute("DROP TABLE bench_plain")
    return {**took, "how": how, "rows": len(values)}


def step_imports(database_url: str | None) -> dict:
    """Baseline, then first, unchanged and 10%-changed imports in one database."""
    _setup(database_url)
    from benchmarks.workforce import _accounts, _bench_org_plan
    from cadre.organisations.models import Organisation
    from cadre.workforce import demo_government as gen
    from cadre.workforce.services import import_extract

    organisation = Organisation.objects.create(name="Bench department",
                                               abbreviation=ABBREVIATION,
                                               type="ministerial_department")
    _accounts(organisation)
    rows = gen.extract_rows(_bench_org_plan(ROWS))
    changed = gen.change_rows(rows, 0.10, 1)
    _file().write_text(gen.extract_csv(rows, 0), encoding="utf-8")
    _file("-changed").write_text(gen.extract_csv(changed, 0), encoding="utf-8")
    report: dict = {"baseline": _baseline(rows)}
    for name, path, taken_on in (("first", _file(), TAKEN_ON[0]),
                                 ("unchanged", _file(), TAKEN_ON[1]),
                                 ("changed_10pct", _file("-changed"), TAKEN_ON[2])):
        data = path.read_bytes()
        start = _clock()
        result = import_extract(actor=None, organisation=organisation, data=data,
                                filename=path.name, mapping=gen.extract_mapping(0),
                                taken_on=taken_on)
        report[name] = {**_since(start), "rows": result.rows, "joiners": result.joiners,
                        "changed": result.changed, "unchanged": result.unchanged,
                        "leavers": result.leavers,
                        "load_average": round(os.getloadavg()[0], 2)}
    return report


def _run(*args: str, env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, env=env,  # noqa: S603
                          capture_output=True, text=True, check=False)
    if done.returncode:
        return {"error": done.stderr[-3000:]}
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"error": (done.stdout + done.stderr)[-3000:]}


def _pages_and_job(env: dict[str, str]) -> dict:
    """Upload, preview and confirm through the pages, the job in a real worker and the
    command line (``benchmarks.jobs``), in this database."""
    import benchmarks.jobs as jobs

    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    os.environ["BENCH_JOBS_ROWS"] = str(ROWS)
    try:
        jobs.ROWS = ROWS
        web = jobs._step("web", "imports-web")
        worker = jobs._timed_command("imports-web", "db_worker", "--batch",
                                     "--no-startup-delay", "--no-reload")
        job = jobs._step("job", "imports-web")
        jobs._step("setup", "imports-cli")
        cli = jobs._timed_command("imports-cli", "workforce", "import", "--organisation",
                                  jobs.ABBREVIATION, str(jobs._extract_file()),
                                  "--taken-on", jobs.TAKEN_ON)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return {"web": web, "worker_s": worker["seconds"], "job": job,
            "cli_s": cli["seconds"], "cli_returncode": cli["returncode"]}


def _ratios(name: str, result: dict) -> list[str]:
    lines = []
    imports, pages = result.get("imports", {}), result.get("pages", {})
    base = imports.get("baseline", {}).get("s")
    if "error" in imports:
        return [f"{name}: imports failed: {imports['error'][-300:]}"]
    lines.append(f"{name}: baseline ({imports['baseline']['how']}) {base:.3f} s")
    for key, target in TARGETS.items():
        got = imports[key]["s"]
        ratio = f"{got / base:.0f}x baseline" if base else "n/a"
        verdict = "meets" if got < target else "MISSES"
        lines.append(f"  {key}: {got:.2f} s (CPU {imports[key]['cpu_s']:.2f} s), {ratio}; "
                     f"{verdict} the {target} s target")
    web = pages.get("web", {})
    if "upload_s" in web:
        lines.append(f"  page upload {web['upload_s']} s, preview {web['preview_s']} s, "
                     f"confirm {web['confirm_s']} s")
    job_s, cli_s = pages.get("job", {}).get("job_s"), pages.get("cli_s")
    if job_s is not None and cli_s:
        lines.append(f"  job {job_s} s vs CLI {cli_s} s (ratio {job_s / cli_s:.2f})")
    elif pages:
        lines.append(f"  pages/job: {json.dumps(pages)[:400]}")
    return lines


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "step":
        url = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] != "-" else None
        print(json.dumps(step_imports(url), default=str))
        return 0
    (ROOT / "var").mkdir(exist_ok=True)
    pg = os.environ.get("BENCH_DATABASE_URL")
    base_env = {k: v for k, v in os.environ.items() if k != "BENCH_DATABASE_URL"}
    report: dict = {"rows": ROWS, "date": time.strftime("%Y-%m-%d %H:%M"),
                    "load_average": os.getloadavg()}
    databases = [("SQLite", None)] + ([("PostgreSQL", pg)] if pg else [])
    skip_pages = os.environ.get("BENCH_IMPORT_PAGES", "1") == "0"
    for name, url in databases:
        result = {"imports": _run("benchmarks.imports", "step", url or "-", env=base_env)}
        if not skip_pages:
            env = {**base_env, **({"BENCH_DATABASE_URL": url} if url else {})}
            result["pages"] = _pages_and_job(env)
        report[name] = result
    report["load_average_after"] = os.getloadavg()
    (ROOT / "var" / "bench-imports.json").write_text(json.dumps(report, indent=2, default=str))
    print(json.dumps(report, indent=2, default=str))
    for name, _url in databases:
        print("\n".join(_ratios(name, report[name])))
        _record(name, report[name])
    return 0


def _record(name: str, result: dict) -> None:
    """Hand the figures to ``make bench`` (benchmarks.run) with their baselines."""
    from benchmarks import common

    record = getattr(common, "record", None)
    imports = result.get("imports", {})
    if record is None or "baseline" not in imports:
        return
    base = imports["baseline"]
    for key, target in TARGETS.items():
        record(f"imports {name} {key.removesuffix('_s')} ({ROWS:,} rows)",
               round(imports[key]["s"], 3), unit="s", baseline=base["how"],
               baseline_value=base["s"], cpu_s=imports[key]["cpu_s"], target_s=target,
               load_average=imports[key].get("load_average"))
    pages = result.get("pages", {})
    if "upload_s" in pages.get("web", {}):
        record(f"imports {name} page upload ({ROWS:,} rows)", pages["web"]["upload_s"],
               unit="s", target=2.0)
    if pages.get("job", {}).get("job_s") is not None and pages.get("cli_s"):
        record(f"imports {name} job vs command line", pages["job"]["job_s"], unit="s",
               baseline="cadre workforce import", baseline_value=pages["cli_s"], target=1.0)


if __name__ == "__main__":
    raise SystemExit(main())
