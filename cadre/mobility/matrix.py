"""The match matrix (ADR 27): everyone's skill levels as a ready NumPy array on disk.

Matching ranks thousands of people against a vacancy's skills. Reading their levels from
the database on every request cost far more than the ranking itself (issue 13), so the
levels that count (``assessments.selectors.held_levels_matrix``) of every person for
every skill are kept in memory-mapped ``.npy`` files, one folder per data version, beside
each person's organisation, grade, location and mobility preference:

- the version is the hash of every data stamp (``cadre.core.stamps``), which the
  services (and ORM saves, through signals) change with assessments, people and
  preferences, so a stale matrix is never used: a request that finds no folder for the
  current version builds one (one pass over the assessments) and every process on the
  machine then maps the same files (the operating system shares their pages);
- folders are written under a temporary name and renamed into place, so a reader never
  sees half a matrix; older folders are removed, keeping the last few.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Coalesce

from cadre.assessments.selectors import held_levels_matrix
from cadre.core import stamps
from cadre.framework.models import Skill
from cadre.mobility.models import MobilityPreference
from cadre.organisations.models import Grade
from cadre.people.models import Person

#: Columns of ``people``: person id, organisation id, location id (0 = none),
#: comparable grade rank (the Civil Service equivalent's, -1 = no grade), opted in (1/0),
#: preference id (0 = none).
PERSON, ORGANISATION, LOCATION, GRADE, OPTED_IN, PREFERENCE = range(6)
#: Versions kept on disk besides the current one (a request may still be reading them).
KEEP = 3
_FILES = ("people", "skills", "held", "pref_grades", "pref_families", "pref_locations")


@dataclass(frozen=True)
class MatchMatrix:
    """One version of the matrix. Arrays are read-only memory maps."""

    version: str
    people: np.ndarray          # (n, 6) int64, by person id ascending
    skills: np.ndarray          # (k,) int64 skill ids ascending: the columns of ``held``
    held: np.ndarray            # (n, k) int8 level ordinals, 0 = not held
    pref_grades: np.ndarray     # (m, 2) int64 preference id, grade id
    pref_families: np.ndarray   # (m, 2) int64 preference id, role family id
    pref_locations: np.ndarray  # (m, 2) int64 person id, location id

    def columns(self, skill_ids: list[int]) -> np.ndarray:
        """Column of each skill id (-1 for a skill not in the matrix)."""
        wanted = np.asarray(skill_ids, dtype=np.int64)
        at = np.searchsorted(self.skills, wanted)
        at = np.minimum(at, max(len(self.skills) - 1, 0))
        found = (self.skills.shape[0] > 0) & (self.skills[at] == wanted) if len(
            self.skills) else np.zeros(len(wanted), dtype=bool)
        return np.where(found, at, -1)

    def levels(self, rows: np.ndarray, skill_ids: list[int]) -> np.ndarray:
        """The (rows x skills) levels, 0 for skills the matrix does not know."""
        cols = self.columns(skill_ids)
        out = np.zeros((rows.shape[0], len(skill_ids)), dtype=np.int8)
        known = np.flatnonzero(cols >= 0)
        if known.size and rows.size:
            out[:, known] = self.held[np.ix_(rows, cols[known])]  # gathers n x k only
        return out


def current_version() -> str:
    """The version of the data the matrix is built from (one query)."""
    return stamps.overall_token(stamps.tokens())


def _folder() -> Path:
    return Path(settings.CADRE_MATCH_DIR)


def _load(path: Path, version: str) -> MatchMatrix:
    arrays = {name: np.load(path / f"{name}.npy", mmap_mode="r") for name in _FILES}
    return MatchMatrix(version=version, **arrays)


def grade_ranks() -> np.ndarray:
    """Comparable rank by grade id (-1 for id 0, "no grade", and unknown ids)."""
    grades = {pk: (equivalent or own) for pk, own, equivalent in
              Grade.objects.values_list("pk", "rank", "civil_service_equivalent__rank")}
    ranks = np.full(max(grades, default=0) + 2, -1, dtype=np.int64)
    for pk, rank in grades.items():
        ranks[pk] = rank
    return ranks


def _pairs(through: type, left: str, right: str) -> np.ndarray:
    return np.array(list(through.objects.values_list(left, right)),
                    dtype=np.int64).reshape(-1, 2)


def build_arrays() -> dict[str, np.ndarray]:
    """Every array of the matrix, from the database (a fixed number of queries)."""
    rows = Person.objects.order_by("pk").annotate(
        m_loc=Coalesce("location_id", Value(0)), m_grade=Coalesce("grade_id", Value(0)),
        m_pref=Coalesce("mobility__id", Value(0)),
        m_opted=Case(When(mobility__open_to_opportunities=True, then=Value(1)),
                   default=Value(0), output_field=IntegerField()),
    ).values_list("pk", "organisation_id", "m_loc", "m_grade", "m_opted", "m_pref")
    people = np.fromiter(chain.from_iterable(rows.iterator(chunk_size=10000)),
                         dtype=np.int64).reshape(-1, 6)
    ranks = grade_ranks()
    people[:, GRADE] = ranks[np.minimum(people[:, GRADE], ranks.shape[0] - 1)]
    skills = np.array(sorted(Skill.objects.values_list("pk", flat=True)), dtype=np.int64)
    _, held = held_levels_matrix(people[:, PERSON].copy(), skills.tolist())
    through = MobilityPreference
    return {
        "people": people, "skills": skills, "held": held,
        "pref_grades": _pairs(through.grades.through, "mobilitypreference_id", "grade_id"),
        "pref_families": _pairs(through.role_families.through, "mobilitypreference_id",
                                "rolefamily_id"),
        "pref_locations": _pairs(through.locations.through,
                                 "mobilitypreference__person_id", "location_id"),
    }


def _tidy(root: Path, keep: str) -> None:
    folders = sorted((p for p in root.iterdir() if p.is_dir() and p.name.startswith("v-")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for old in folders[KEEP + 1:]:
        if old.name != f"v-{keep}":
            shutil.rmtree(old, ignore_errors=True)


def match_matrix() -> MatchMatrix:
    """The matrix of the current data version: mapped from disk, built first if missing."""
    version = current_version()
    root = _folder()
    path = root / f"v-{version}"
    if not (path / "done").exists():
        root.mkdir(parents=True, exist_ok=True)
        arrays = build_arrays()
        work = Path(tempfile.mkdtemp(prefix=".building-", dir=root))
        for name, array in arrays.items():
            np.save(work / f"{name}.npy", array)
        (work / "done").write_text(version)
        try:
            os.replace(work, path)
        except OSError:  # another process put the same version in place first
            shutil.rmtree(work, ignore_errors=True)
        _tidy(root, version)
    return _load(path, version)
