"""The match matrix (ADR 27): everyone's skill levels as a ready NumPy array on disk.

Matching ranks thousands of people against a vacancy's skills. Reading their levels from
the database on every request cost far more than the ranking itself (issue 13), so the
levels that count (``assessments.selectors.held_levels_matrix``) of every person for
every skill are kept in memory-mapped ``.npy`` files, one folder per data version, beside
each person's organisation, grade, location and mobility preference:

- the version is the hash of every data stamp (``cadre.core.stamps``), which the
  services (and ORM saves, through signals) change with assessments, people and
  preferences, so a stale matrix is never used: a request that finds no folder for the
  current version makes one, from the closest built version when only organisations'
  stamps changed (their people are read again, levels only where a person's assessment
  digest changed; :func:`update_arrays`), else from scratch (:func:`build_arrays`), and
  every process on the machine then maps the same files (the operating system shares
  their pages);
- folders are written under a temporary name and renamed into place, so a reader never
  sees half a matrix; older folders are removed, keeping the last few.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import Case, Count, IntegerField, Max, Value, When
from django.db.models.functions import Coalesce

from cadre.assessments.models import SkillAssessment
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
_FILES = ("people", "skills", "by_skill", "digest", "pref_grades", "pref_families",
          "pref_locations")
#: The layout of the files: part of every folder's name, so a process never maps a folder
#: written in another layout (a deploy that changes it builds its own).
LAYOUT = "3"


@dataclass(frozen=True)
class MatchMatrix:
    """One version of the matrix. Arrays are read-only memory maps."""

    version: str
    people: np.ndarray          # (n, 6) int64, by person id ascending
    skills: np.ndarray          # (k,) int64 skill ids ascending: the columns of ``held``
    by_skill: np.ndarray        # (k, n) int8 level ordinals, 0 = not held: one skill's
                                # levels of everyone are contiguous, so a vacancy's columns
                                # are read as a few contiguous runs
    digest: np.ndarray          # (n, 2) int64 per person: assessments, their largest id
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
        """The (rows x skills) levels, 0 for skills the matrix does not know (a transposed
        view of a skills x rows array)."""
        cols = self.columns(skill_ids)
        out = np.zeros((len(skill_ids), rows.shape[0]), dtype=np.int8)
        known = np.flatnonzero(cols >= 0)
        if known.size and rows.size:
            # The skills' runs first (contiguous), then the rows: k x n bytes copied.
            out[known] = np.take(self.by_skill[cols[known]], rows, axis=1)
        return out.T

    @property
    def held(self) -> np.ndarray:
        """Everyone's levels as (people x skills), a view."""
        return self.by_skill.T


def version_of(tokens: dict[str, str]) -> str:
    """The matrix version of a set of data stamps (and of the file layout)."""
    return f"{stamps.overall_token(tokens)}.{LAYOUT}"


def current_version() -> str:
    """The version of the data the matrix is built from (one query)."""
    return version_of(stamps.tokens())


def _folder() -> Path:
    return Path(settings.CADRE_MATCH_DIR)


def _load(path: Path, version: str) -> MatchMatrix:
    # Plain array views of the maps: NumPy's memmap subclass adds a cost to every index.
    arrays = {name: np.load(path / f"{name}.npy", mmap_mode="r").view(np.ndarray)
              for name in _FILES}
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


def _people_rows(people: Any) -> np.ndarray:
    """(n, 6) rows of ``PERSON .. PREFERENCE`` of a queryset of people, by person id."""
    rows = people.order_by("pk").annotate(
        m_loc=Coalesce("location_id", Value(0)), m_grade=Coalesce("grade_id", Value(0)),
        m_pref=Coalesce("mobility__id", Value(0)),
        m_opted=Case(When(mobility__open_to_opportunities=True, then=Value(1)),
                   default=Value(0), output_field=IntegerField()),
    ).values_list("pk", "organisation_id", "m_loc", "m_grade", "m_opted", "m_pref")
    out = np.fromiter(chain.from_iterable(rows.iterator(chunk_size=10000)),
                      dtype=np.int64).reshape(-1, 6)
    ranks = grade_ranks()
    out[:, GRADE] = ranks[np.minimum(out[:, GRADE], ranks.shape[0] - 1)]
    return out


def _preference_pairs(**where: Any) -> dict[str, np.ndarray]:
    """The preference lists as (id, id) pairs; ``where`` filters the preferences."""
    through = MobilityPreference
    grades = through.grades.through.objects.filter(
        **{f"mobilitypreference__{k}": v for k, v in where.items()})
    families = through.role_families.through.objects.filter(
        **{f"mobilitypreference__{k}": v for k, v in where.items()})
    places = through.locations.through.objects.filter(
        **{f"mobilitypreference__{k}": v for k, v in where.items()})
    return {"pref_grades": _pairs(grades, "mobilitypreference_id", "grade_id"),
            "pref_families": _pairs(families, "mobilitypreference_id", "rolefamily_id"),
            "pref_locations": _pairs(places, "mobilitypreference__person_id", "location_id")}


def _pairs(rows: Any, left: str, right: str) -> np.ndarray:
    return np.array(list(rows.values_list(left, right)), dtype=np.int64).reshape(-1, 2)


def _digests(person_ids: np.ndarray, **where: Any) -> np.ndarray:
    """(n, 2) per person id: how many assessments they have and the largest assessment id.

    Assessments are only ever added (they go only with their person; the one bulk
    rewrite, the capability demo, bumps ``all``), so a person whose digest is unchanged
    holds the same levels. Read before the levels, so levels are never older than it.
    """
    rows = np.array(list(SkillAssessment.objects.filter(**where).order_by()
                         .values_list("person_id").annotate(n=Count("id"), top=Max("id"))
                         .values_list("person_id", "n", "top")), dtype=np.int64).reshape(-1, 3)
    out = np.zeros((person_ids.shape[0], 2), dtype=np.int64)
    if rows.shape[0] and person_ids.shape[0]:
        at = np.searchsorted(person_ids, rows[:, 0])
        inside = at < person_ids.shape[0]
        inside[inside] = person_ids[at[inside]] == rows[inside, 0]
        out[at[inside]] = rows[inside, 1:]
    return out


def build_arrays() -> dict[str, np.ndarray]:
    """Every array of the matrix, from the database (a fixed number of queries)."""
    people = _people_rows(Person.objects.all())
    skills = np.array(sorted(Skill.objects.values_list("pk", flat=True)), dtype=np.int64)
    digest = _digests(people[:, PERSON])
    _, held = held_levels_matrix(people[:, PERSON].copy(), skills.tolist())
    return {"people": people, "skills": skills, "by_skill": np.ascontiguousarray(held.T),
            "digest": digest, **_preference_pairs()}


#: People whose levels one query reads in an update (``held_levels_matrix`` filters by
#: person below its own limit).
UPDATE_CHUNK = 2000


def changed_organisations(before: dict[str, str], now: dict[str, str]) -> set[int] | None:
    """Organisations whose stamp differs between two sets of tokens, or None when
    ``all`` differs (reference data changed: grades, skills, levels, locations), which
    needs a full build."""
    if before.get(stamps.ALL) != now.get(stamps.ALL):
        return None
    prefix = stamps.org_name(0)[:-1]
    names = {n for n in set(before) | set(now) if before.get(n) != now.get(n)}
    if any(not n.startswith(prefix) for n in names):
        return None
    return {int(n[len(prefix):]) for n in names}


def update_arrays(old: MatchMatrix, organisations: set[int]) -> dict[str, np.ndarray]:
    """The arrays of ``old`` with the rows of these organisations' people made current.

    The organisations are the ones whose data stamps changed since ``old`` was built, so
    every other row is still right (a person moved between organisations bumps both).
    Their people's rows (organisation, grade, location, preference) and assessment
    digests are read again (two grouped queries over those organisations); levels are
    read only for people whose digest changed or who are new to the matrix, usually the
    one person whose assessment changed. Everyone else's levels are copied.
    """
    wanted = np.array(sorted(organisations), dtype=np.int64)
    fresh = _people_rows(Person.objects.filter(organisation_id__in=wanted.tolist()))
    ids = fresh[:, PERSON]
    digest_fresh = _digests(ids, person__organisation_id__in=wanted.tolist())
    people = np.asarray(old.people)
    old_by_skill, old_digest = np.asarray(old.by_skill), np.asarray(old.digest)
    at = np.minimum(np.searchsorted(people[:, PERSON], ids), max(people.shape[0] - 1, 0))
    known = (people[at, PERSON] == ids) if people.shape[0] else np.zeros(len(ids), bool)
    reread = ~known | (digest_fresh != old_digest[at]).any(axis=1) if people.shape[0] else ~known
    held_fresh = np.zeros((ids.shape[0], old.skills.shape[0]), dtype=np.int8)
    copied = np.flatnonzero(~reread)
    held_fresh[copied] = old_by_skill[:, at[copied]].T
    read = np.flatnonzero(reread)
    for start in range(0, read.shape[0], UPDATE_CHUNK):
        rows = read[start:start + UPDATE_CHUNK]
        held_fresh[rows] = held_levels_matrix(ids[rows].copy(), old.skills.tolist())[1]
    gone = np.isin(people[:, ORGANISATION], wanted) | np.isin(people[:, PERSON], ids)
    keep = np.flatnonzero(~gone)
    if np.array_equal(people[gone, PERSON], fresh[:, PERSON]):
        # The same people as before (the usual change): copy, then overwrite their rows.
        merged, by_skill, digest = people.copy(), old_by_skill.copy(), old_digest.copy()
        rows = np.flatnonzero(gone)
        merged[rows] = fresh
        by_skill[:, rows] = held_fresh.T
        digest[rows] = digest_fresh
    else:  # people joined, left or moved: merge by person id
        merged = np.concatenate([people[keep], fresh])
        order = np.argsort(merged[:, PERSON], kind="stable")
        merged = merged[order]
        place = np.empty_like(order)
        place[order] = np.arange(order.shape[0])
        by_skill = np.empty((old_by_skill.shape[0], merged.shape[0]), dtype=np.int8)
        by_skill[:, place[:keep.shape[0]]] = old_by_skill[:, keep]
        by_skill[:, place[keep.shape[0]:]] = held_fresh.T
        digest = np.concatenate([old_digest[keep], digest_fresh])[order]
    dropped_prefs = people[gone, PREFERENCE]
    dropped_people = people[gone, PERSON]
    pairs = _preference_pairs(person__organisation_id__in=wanted.tolist())
    out = {"people": merged, "skills": np.asarray(old.skills).copy(), "by_skill": by_skill,
           "digest": digest}
    for name, dropped in (("pref_grades", dropped_prefs), ("pref_families", dropped_prefs),
                          ("pref_locations", dropped_people)):
        kept = np.asarray(getattr(old, name))
        kept = kept[~np.isin(kept[:, 0], dropped)]
        out[name] = np.concatenate([kept, pairs[name]]).reshape(-1, 2)
    return out


def _tidy(root: Path, keep: str) -> None:
    folders = sorted((p for p in root.iterdir() if p.is_dir() and p.name.startswith("v-")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for old in folders[KEEP + 1:]:
        if old.name != f"v-{keep}":
            shutil.rmtree(old, ignore_errors=True)


def _base(root: Path, now: dict[str, str]) -> tuple[MatchMatrix, set[int]] | None:
    """The built version that needs the fewest organisations read again to reach ``now``
    (None when every one needs a full build)."""
    best: tuple[MatchMatrix, set[int]] | None = None
    for path in root.glob(f"v-*.{LAYOUT}/stamps.json"):  # only folders in this layout
        try:
            before = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        changed = changed_organisations(before, now)
        if changed is not None and (best is None or len(changed) < len(best[1])):
            try:
                best = (_load(path.parent, path.parent.name[2:]), changed)
            except (OSError, ValueError):
                continue
    return best


def _write(root: Path, version: str, arrays: dict[str, np.ndarray], tokens: dict[str, str],
           how: str) -> None:
    work = Path(tempfile.mkdtemp(prefix=".building-", dir=root))
    for name, array in arrays.items():
        np.save(work / f"{name}.npy", array)
    (work / "stamps.json").write_text(json.dumps(tokens, sort_keys=True))
    (work / "done").write_text(f"{version} {how}")
    try:
        os.replace(work, root / f"v-{version}")
    except OSError:  # another process put the same version in place first
        shutil.rmtree(work, ignore_errors=True)


#: The last matrix this process mapped, by folder and version (a version never changes,
#: so this memo can never be stale; it saves opening six files per request).
_MAPPED: dict[tuple[str, str], MatchMatrix] = {}


def match_matrix() -> MatchMatrix:
    """The matrix of the current data version: mapped from disk, made first if missing.

    A missing version is made from the built version closest to it (the rows of the
    organisations whose stamps changed are read again, :func:`update_arrays`), or from
    the database as a whole when none is close (:func:`build_arrays`). Either way it is
    written to its own folder, so every process maps the same files.
    """
    now = stamps.tokens()
    version = version_of(now)
    root = _folder()
    memo = (str(root), version)
    if memo in _MAPPED:
        return _MAPPED[memo]
    path = root / f"v-{version}"
    if not (path / "done").exists():
        root.mkdir(parents=True, exist_ok=True)
        base = _base(root, now)
        if base is not None:
            arrays, how = update_arrays(*base), f"updated from {base[0].version}"
        else:
            arrays, how = build_arrays(), "built"
        _write(root, version, arrays, now, how)
        _tidy(root, version)
    matrix = _load(path, version)
    _MAPPED.clear()
    _MAPPED[memo] = matrix
    return matrix
