"""Finding the published framework files for tests (never copied into the repository)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("CADRE_SHARED_DIR", REPO.parent / "shared"))
DDAT = SHARED / "data" / "ddat"


def skip_or_fail(reason: str) -> None:
    """Skip on a developer's machine; fail when ``CI`` is set, where nothing may be skipped."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run this test)")
    pytest.skip(reason)


def published_files(folder: Path = DDAT) -> tuple[bytes, bytes]:
    """(roles.csv, skills.csv) as bytes, or skip (fail in CI) when they are absent."""
    roles, skills = folder / "roles.csv", folder / "skills.csv"
    if not (roles.is_file() and skills.is_file()):
        skip_or_fail(f"The published framework files are not in {folder} "
                     "(the ../shared folder is absent)")
    return roles.read_bytes(), skills.read_bytes()
