"""Helpers shared by the benchmark scripts."""

from __future__ import annotations

import os
import secrets
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_fresh_django(name: str) -> None:
    """Point Django at a new SQLite file var/bench-NAME.sqlite3 (or BENCH_DATABASE_URL)."""
    db = ROOT / "var" / f"bench-{name}.sqlite3"
    db.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{db}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DJANGO_DEBUG"] = "false"
    # DEBUG off needs a real key (config/settings.py); a throwaway one will do.
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()


def timed(func: Callable[[], object], repeats: int, digits: int = 1) -> tuple[float, float]:
    """Median and 90th percentile, in milliseconds, of ``repeats`` calls."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return (round(statistics.median(times), digits),
            round(times[int(len(times) * 0.9) - 1], digits))
