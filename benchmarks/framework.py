"""Framework benchmarks: importing the published files, the path finder, the role level page.

Run by ``make bench`` (after the people benchmarks) or alone:
``python -m benchmarks.framework``. Needs the published files in ../shared.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from benchmarks.common import (
    ROOT,
    health_check_ms,
    record,
    record_timed,
    require_shared,
    setup_fresh_django,
    timed,
)

DDAT = Path(os.environ.get("CADRE_SHARED_DIR", ROOT.parent / "shared")) / "data" / "ddat"


def main() -> int:
    setup_fresh_django("framework")
    import numpy as np
    from django.core.management import call_command
    from django.test import Client

    from cadre.access.services import get_or_create_account, grant_role
    from cadre.framework import selectors
    from cadre.framework.ddat_csv import parse_ddat
    from cadre.framework.documents import ddat_document
    from cadre.framework.models import Framework, RoleLevel
    from cadre.framework.services import import_document

    require_shared("data", "ddat", "roles.csv")  # Skip, saying so, without ../shared
    call_command("migrate", verbosity=0)
    Framework.objects.all().delete()
    health = health_check_ms(Client())
    record_timed("/healthz", (health, health), health)
    roles, skills = (DDAT / "roles.csv").read_bytes(), (DDAT / "skills.csv").read_bytes()
    start = time.perf_counter()
    parsed = parse_ddat(roles, skills)
    parse_s = time.perf_counter() - start
    framework = import_document(actor=None, document=ddat_document(
        parsed, name="UK", version="bench"))
    total_s = time.perf_counter() - start
    print("Import of the published roles file (1,825 rows) and "
          f"skills file: parse {parse_s:.2f} s, parse and store {total_s:.2f} s")
    record("framework import: parse", round(parse_s * 1000, 1), baseline="health check",
           baseline_value=health)
    record("framework import: parse and store", round(total_s * 1000, 1),
           baseline="health check", baseline_value=health)

    start = time.perf_counter()
    index = selectors.career_graph(framework)
    build_ms = (time.perf_counter() - start) * 1000
    graph = index.graph
    n = len(index.levels)
    rng = np.random.default_rng(1)
    pairs = [tuple(rng.choice(n, size=2, replace=False)) for _ in range(200)]
    it = iter(pairs * 2)
    route_ms = timed(lambda: graph.route(*next(it)), 200, digits=2)
    print(f"Path finder over {n} role levels: graph built from the database in {build_ms:.1f} ms;"
          f" one route: median {route_ms[0]} ms, p90 {route_ms[1]} ms (200 random pairs)")
    record("career graph built from the database", round(build_ms, 1),
           baseline="health check", baseline_value=health)
    record_timed(f"path finder, one route ({n} role levels)", route_ms, health)
    lateral_ms = timed(lambda: graph.lateral_moves(int(rng.integers(n))), 200, digits=2)
    print(f"Lateral moves for one role level: median {lateral_ms[0]} ms, p90 {lateral_ms[1]} ms")
    record_timed("lateral moves for one role level", lateral_ms, health)

    user, _ = get_or_create_account(email="bench-framework@example.org", actor=None)
    grant_role(user=user, role="professional", actor=None)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    level = RoleLevel.objects.get(framework=framework, name="Senior developer")
    url = f"/framework/role-levels/{level.pk}/"
    client.get(url)
    page_ms = timed(lambda: client.get(url), 30, digits=2)
    print(f"Role level page ({url}): median {page_ms[0]} ms, p90 {page_ms[1]} ms (30 requests)")
    record_timed("role level page", page_ms, health)
    other = RoleLevel.objects.get(framework=framework, name="Lead data engineer")
    path_url = f"/framework/paths/?from={level.pk}&to={other.pk}"
    path_ms = timed(lambda: client.get(path_url), 30, digits=2)
    print(f"Path finder page: median {path_ms[0]} ms, p90 {path_ms[1]} ms (30 requests)")
    record_timed("path finder page", path_ms, health)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
