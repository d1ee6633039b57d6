"""``make bench``: every benchmark module, each figure beside a baseline from the same run.

Runs each module in its own process (each sets Django up on its own database), collects
the figures it recorded with ``benchmarks.common.record`` (or the dict its ``main()``
returns), and writes them all to ``var/bench/results.json`` with the machine, the date,
the sizes used and each module's status, then prints every ratio. A module that needs
the published files in ../shared is skipped, saying so, when they are not there; a
module that fails is reported and the others still run (the exit status is then 1).

    python -m benchmarks.run                 # every module
    python -m benchmarks.run pages talent    # some of them
    BENCH_SKIP=concurrency python -m benchmarks.run

Sizes come from each module's environment variables (docs/performance.md lists them);
the defaults finish in about ten minutes on a 2-core machine. ``BENCH_QUICK=1`` shrinks
them for a smoke test of the harness.
"""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import secrets
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(os.environ.get("BENCH_RESULTS", ROOT / "var" / "bench" / "results.json"))


@dataclass(frozen=True)
class Module:
    name: str
    title: str
    needs_shared: bool = False
    #: Environment defaults for ``make bench`` (the module's own defaults are larger).
    defaults: tuple[tuple[str, str], ...] = ()
    #: JSON files the module writes itself (globs under the project), merged in when
    #: written during the run.
    writes: tuple[str, ...] = ()


MODULES = [
    Module("people_list", "People list and API (ratio to /healthz; last page vs page 1)",
           defaults=(("BENCH_SIZES", "1000,50000"), ("BENCH_REPEATS", "10"))),
    Module("pages", "Pages and matching at scale (ratio to /healthz and the NumPy kernel)",
           writes=("var/bench-pages-*.json",)),
    Module("matching", "Vacancy matches API against the raw NumPy kernel; matrix updates",
           writes=("var/bench-matching-*.json",)),
    Module("imports", "HR extract imports (ratio to COPY / SQLite bulk insert)",
           writes=("var/bench-imports*.json",)),
    Module("framework", "Framework import, path finder, role level page", needs_shared=True),
    Module("capability", "Capability gap analysis and pages"),
    Module("workforce", "Workforce data"),
    Module("job_titles", "Job title classification, 50,000 titles (ratio to reading them once)"),
    Module("planning", "Specialist bench and workforce plans"),
    Module("ninebox", "Nine-box calibration"),
    Module("programmes", "Fast Stream allocation (ratio to linear_sum_assignment alone)"),
    Module("accreditation", "Assessor allocation (ratio to a min-cost flow alone)"),
    Module("learning_spend", "Learning spend import at 500,000 lines (ratio to COPY)"),
    Module("learning_figures", "Learning spend baseline and price variance at 500,000 lines "
           "(ratio to /healthz)"),
    Module("learning_rates", "Contractor day-rate benchmarks at 50,000 people (ratio to "
           "/healthz and the NumPy kernel)"),
    Module("learning_demand", "Demand for learning from gaps and plans at 50,000 people "
           "(ratio to /healthz)"),
    Module("community_impact", "Impact of taking part in the community at 20,000 people "
           "(ratio to /healthz)"),
    Module("strategy_metrics", "Strategy metrics computed from Cadre's data at 50,000 people "
           "and 50 organisations (ratio to a grouped headcount)"),
    Module("talent", "Talent matching"),
    Module("jobs", "Background jobs: an HR extract through the pages and a worker",
           writes=("var/bench-jobs.json",)),
    Module("concurrency", "Concurrent clients on gunicorn (ratio to a health check)",
           defaults=(("BENCH_SECONDS", "20"),)),
    Module("moves_concurrency", "Managed moves under concurrency (PostgreSQL)"),
]
QUICK = (("BENCH_SIZES", "500"), ("BENCH_SECONDS", "5"), ("BENCH_REPEATS", "5"),
         ("BENCH_PEOPLE", "2000"), ("BENCH_CAPABILITY_PEOPLE", "1000"),
         ("BENCH_TALENT_PEOPLE", "2000"), ("BENCH_JOBS_ROWS", "2000"),
         ("BENCH_IMPORT_ROWS", "2000"), ("BENCH_MATCHING_PEOPLE", "2000"),
         ("BENCH_LEARNING_DEMAND_PEOPLE", "2000"), ("BENCH_LEARNING_SPEND_LINES", "5000"),
         ("BENCH_LEARNING_FIGURES_LINES", "5000"), ("BENCH_LEARNING_RATES_PEOPLE", "2000"),
         ("BENCH_COMMUNITY_IMPACT_PEOPLE", "2000"), ("BENCH_STRATEGY_PEOPLE", "2000"))


def _exists(name: str) -> bool:
    return importlib.util.find_spec(f"benchmarks.{name}") is not None


def _child(name: str, out: Path) -> int:
    """In the module's own process: run its ``main()`` and write what it recorded."""
    from benchmarks import common

    module = importlib.import_module(f"benchmarks.{name}")
    sys.argv = [str(ROOT / "benchmarks" / f"{name}.py")]  # the module's own defaults
    status, reason, returned, code = "ok", "", None, 0
    try:
        result = module.main()
        if isinstance(result, dict):
            returned = result
        elif isinstance(result, int) and result != 0:
            status, code, reason = "failed", result, f"main() returned {result}"
    except common.Skip as skip:
        status, reason = "skipped", str(skip)
    except SystemExit as exit_:
        if exit_.code not in (0, None):
            status, code, reason = "failed", 1, f"exited with {exit_.code}"
    except Exception:  # noqa: BLE001 - reported in the results, the other modules run
        status, code, reason = "failed", 1, traceback.format_exc(limit=8)
        print(reason, file=sys.stderr)
    out.write_text(json.dumps({"status": status, "reason": reason, "figures": common.FIGURES,
                               "returned": returned}, default=str))
    return code


def _run_module(module: Module) -> dict[str, Any]:
    started, wall_start = time.monotonic(), time.time()
    if module.needs_shared:
        from benchmarks.common import shared_dir

        if not shared_dir().exists():
            reason = f"needs the published files in {shared_dir()}, which are not here"
            print(f"  skipped: {reason}")
            return {"status": "skipped", "reason": reason, "figures": []}
    env = dict(os.environ)
    defaults = list(module.defaults) + (list(QUICK) if os.environ.get("BENCH_QUICK") else [])
    for key, value in defaults:
        if key not in os.environ:
            env[key] = value
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    try:
        code = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "benchmarks.run", "--child", module.name, str(out)],
            cwd=ROOT, env=env, check=False).returncode
        try:
            result = json.loads(out.read_text() or "{}")
        except json.JSONDecodeError:
            result = {}
    finally:
        out.unlink(missing_ok=True)
    if not result:
        result = {"status": "failed", "reason": f"the process ended with {code}", "figures": []}
    result["seconds"] = round(time.monotonic() - started, 1)
    reports = {}
    for pattern in module.writes:
        for path in sorted(ROOT.glob(pattern)):
            if path.stat().st_mtime >= wall_start:
                try:
                    reports[str(path.relative_to(ROOT))] = json.loads(path.read_text())
                except (OSError, json.JSONDecodeError):
                    continue
    if reports:
        result["reports"] = reports
    result["settings"] = {k: env[k] for k in sorted(env) if k.startswith("BENCH_")}
    if result["status"] != "ok":
        print(f"  {result['status']}: {result['reason'].strip().splitlines()[-1:]}")
    return result


def _print_ratios(report: dict[str, Any]) -> None:
    print("\nRatios to the same run's baselines (x = times the baseline's cost)")
    for name, result in report["modules"].items():
        figures = [f for f in result.get("figures", []) if f.get("ratio") is not None
                   and f.get("baseline") != f.get("name")]
        if result["status"] != "ok":
            print(f"  {name}: {result['status']} ({result['reason'].strip().splitlines()[-1]})"
                  if result.get("reason") else f"  {name}: {result['status']}")
            continue
        for path, data in ([] if figures else result.get("reports", {}).items()):
            ratios = data.get("ratios_to_baseline") or data.get("ratios") or {}
            for label, value in ratios.items():
                print(f"  {label[:70]:70} {value:>8}x (from {path})")
        for f in figures:
            if f["value"] == f["baseline_value"]:
                continue
            mark = ""
            if f.get("target") is not None:
                mark = "  ok" if f["ratio"] <= f["target"] else f"  OVER target {f['target']}x"
            print(f"  {f['name'][:70]:70} {f['ratio']:>8}x {f['baseline']}{mark}")


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        return _child(sys.argv[2], Path(sys.argv[3]))
    wanted = [a for a in sys.argv[1:] if not a.startswith("-")] or [
        m for m in os.environ.get("BENCH_MODULES", "").split(",") if m]
    skip = {m for m in os.environ.get("BENCH_SKIP", "").split(",") if m}
    known = {m.name for m in MODULES}
    unknown = [w for w in wanted if w not in known]
    if unknown:
        print(f"unknown modules {unknown}; known: {', '.join(sorted(known))}", file=sys.stderr)
        return 2
    report: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                   f"Python {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "shared_files": str(Path(os.environ.get("CADRE_SHARED_DIR", ROOT.parent / "shared"))),
        "modules": {}}
    started = time.monotonic()
    failed = False
    # Pages are rendered with DEBUG off, which needs the hashed static files' manifest.
    subprocess.run([sys.executable, "-m", "cadre.cli", "collectstatic", "--no-input",  # noqa: S603
                    "--verbosity", "0"], cwd=ROOT, check=True,
                   env={"DJANGO_SECRET_KEY": secrets.token_urlsafe(50), **os.environ,
                        "DJANGO_DEBUG": "false"})
    for module in MODULES:
        if (wanted and module.name not in wanted) or module.name in skip:
            continue
        print(f"\n== {module.title} (benchmarks.{module.name})", flush=True)
        if not _exists(module.name):
            print("  not present in this tree; skipped")
            report["modules"][module.name] = {"status": "absent", "reason": "no such module",
                                             "figures": []}
            continue
        result = _run_module(module)
        report["modules"][module.name] = result
        failed = failed or result["status"] == "failed"
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(report, indent=2, default=str))  # partial results kept
    report["seconds"] = round(time.monotonic() - started, 1)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2, default=str))
    _print_ratios(report)
    print(f"\n{report['machine']}, {report['date']}, {report['seconds']:.0f} s; "
          f"every figure in {OUT}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
