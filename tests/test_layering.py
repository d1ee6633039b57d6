"""Apps depend downward only: a lower app's code never imports a higher app."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CADRE = Path(__file__).resolve().parent.parent / "cadre"
# Each app and the Cadre apps its code may import (tests excluded).
ALLOWED = {
    "core": set(),
    "audit": {"core"},
    "organisations": {"core", "audit"},
    "framework": {"core", "audit"},
    "access": {"core", "audit", "organisations"},
    "people": {"core", "audit", "organisations", "access"},
    "assessments": {"core", "audit", "organisations", "framework", "access", "people"},
    "workforce": {"core", "audit", "organisations", "framework", "access", "people",
                  "assessments"},
    "mobility": {"core", "audit", "organisations", "framework", "access", "people",
                 "assessments", "workforce"},
    "talent": {"core", "audit", "organisations", "framework", "access", "people",
               "assessments", "workforce", "mobility"},
    "bench": {"core", "audit", "organisations", "framework", "access", "people",
              "assessments", "workforce"},
    "planning": {"core", "audit", "organisations", "framework", "access", "people",
                 "assessments", "workforce", "mobility", "talent"},
}


def _imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "cadre" and len(parts) > 1:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_app_imports_only_lower_apps(app: str) -> None:
    problems = []
    for path in (CADRE / app).rglob("*.py"):
        if "tests" in path.parts:
            continue
        wrong = _imported_apps(path) - ALLOWED[app] - {app}
        if wrong:
            problems.append(f"{path.relative_to(CADRE)} imports {sorted(wrong)}")
    assert not problems, "\n".join(problems)
