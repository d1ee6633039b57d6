"""The match matrix (ADR 27): updated in place of a rebuild, never stale, and the ranking's
partial order the same as the full one."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys

import numpy as np
import pytest

from cadre.assessments.models import SkillAssessment, Source
from cadre.core import stamps
from cadre.mobility import matching, matrix, selectors
from cadre.mobility.models import MobilityPreference
from cadre.mobility.tests.mobility_setup import mob, open_vacancy  # noqa: F401
from cadre.people.models import Person
from tests.factories import PersonFactory


def _same(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> None:
    """Two sets of matrix arrays hold the same data (pairs compared as sets)."""
    for name in ("people", "skills", "by_skill", "digest"):
        assert np.array_equal(np.asarray(a[name]), np.asarray(b[name])), name
    for name in ("pref_grades", "pref_families", "pref_locations"):
        left = sorted(map(tuple, np.asarray(a[name]).tolist()))
        right = sorted(map(tuple, np.asarray(b[name]).tolist()))
        assert left == right, name


def _arrays(m: matrix.MatchMatrix) -> dict[str, np.ndarray]:
    return {name: getattr(m, name) for name in matrix._FILES}


def _how(m: matrix.MatchMatrix) -> str:
    from django.conf import settings

    return (settings.CADRE_MATCH_DIR / f"v-{m.version}" / "done").read_text()


def test_one_assessment_updates_the_matrix_from_the_last_version(mob):  # noqa: F811
    first = matrix.match_matrix()
    assert _how(first).endswith("built")
    person = mob.people.a_staff1
    SkillAssessment.objects.create(person=person, skill=mob.skills[2], level=mob.levels[3],
                                   source=Source.VALIDATED, assessed_on=dt.date.today())
    second = matrix.match_matrix()
    assert second.version != first.version
    assert _how(second) == f"{second.version} updated from {first.version}"
    row = int(np.searchsorted(second.people[:, matrix.PERSON], person.pk))
    assert second.levels(np.array([row]), [mob.skills[2].pk])[0, 0] == 4
    _same(_arrays(second), matrix.build_arrays())
    # The first version's files are untouched: a request still reading them is unaffected.
    row = int(np.searchsorted(first.people[:, matrix.PERSON], person.pk))
    assert first.levels(np.array([row]), [mob.skills[2].pk])[0, 0] == 0


def test_another_process_sees_the_update(mob, tmp_path):  # noqa: F811
    """What another process maps for the current version holds the change: it finds the
    folder by the data stamps alone and reads the files (no copy from this process)."""
    from django.conf import settings

    matrix.match_matrix()
    person = mob.people.b_staff
    SkillAssessment.objects.create(person=person, skill=mob.skills[2], level=mob.levels[1],
                                   source=Source.VALIDATED, assessed_on=dt.date.today())
    current = matrix.match_matrix()
    matrix._MAPPED.clear()
    assert matrix.match_matrix().version == current.version  # a fresh load, same version
    folder = settings.CADRE_MATCH_DIR / f"v-{matrix.version_of(stamps.tokens())}"
    script = (
        "import json, sys, numpy as np\n"
        "folder = sys.argv[1]\n"
        "people = np.load(folder + '/people.npy', mmap_mode='r')\n"
        "skills = np.load(folder + '/skills.npy', mmap_mode='r')\n"
        "by_skill = np.load(folder + '/by_skill.npy', mmap_mode='r')\n"
        "row = int(np.searchsorted(people[:, 0], int(sys.argv[2])))\n"
        "col = int(np.searchsorted(skills, int(sys.argv[3])))\n"
        "print(json.dumps(int(by_skill[col, row])))\n")
    command = [sys.executable, "-c", script, str(folder), str(person.pk),
               str(mob.skills[2].pk)]
    out = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    assert json.loads(out.stdout) == 2


def test_reference_data_changes_build_in_full(mob):  # noqa: F811
    first = matrix.match_matrix()
    stamps.bump_all()
    second = matrix.match_matrix()
    assert second.version != first.version
    assert _how(second).endswith("built")


def test_changed_organisations():
    before = {"all": "a", "org:1": "x", "org:2": "y"}
    assert matrix.changed_organisations(before, dict(before)) == set()
    assert matrix.changed_organisations(before, {**before, "org:2": "z", "org:3": "w"}) == {2, 3}
    assert matrix.changed_organisations(before, {**before, "all": "b"}) is None
    assert matrix.changed_organisations(before, {**before, "other": "q"}) is None


def _random_change(rng: random.Random, mob) -> str:  # noqa: ANN001, C901, F811
    """One random write through the ORM (signals bump the stamps, as services do)."""
    people = list(Person.objects.order_by("pk"))
    person = rng.choice(people)
    kind = rng.choice(["assess", "assess", "prefer", "lists", "unprefer", "move", "join",
                       "leave", "place", "grade"])
    if kind == "assess":
        SkillAssessment.objects.create(
            person=person, skill=rng.choice(mob.skills), level=rng.choice(mob.levels),
            source=rng.choice([Source.SELF, Source.MANAGER, Source.VALIDATED]),
            assessed_on=dt.date.today() - dt.timedelta(days=rng.randrange(30)))
    elif kind == "prefer":
        pref, _ = MobilityPreference.objects.get_or_create(person=person)
        pref.open_to_opportunities = not pref.open_to_opportunities
        pref.save()
    elif kind == "lists":
        pref, _ = MobilityPreference.objects.get_or_create(person=person)
        pref.grades.set(rng.sample([mob.g7, mob.g6], rng.randrange(3)))
        pref.role_families.set([mob.family] if rng.random() < 0.5 else [])
        pref.locations.set(rng.sample([mob.leeds, mob.london], rng.randrange(3)))
    elif kind == "unprefer":
        MobilityPreference.objects.filter(person=person).delete()
    elif kind == "move":
        person.organisation = mob.org_b if person.organisation_id == mob.org_a.pk else mob.org_a
        person.save()
    elif kind == "join":
        PersonFactory(organisation=rng.choice([mob.org_a, mob.org_b]),
                      grade=rng.choice([mob.g7, mob.g6, None]))
    elif kind == "leave" and len(people) > 3:
        person.delete()
    elif kind == "place":
        person.location = rng.choice([mob.leeds, mob.london, None])
        person.save()
    elif kind == "grade":
        person.grade = rng.choice([mob.g7, mob.g6, None])
        person.save()
    return kind


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_updates_match_a_full_build_after_random_changes(mob, seed):  # noqa: F811
    """Property: after any sequence of writes, the matrix made from the previous version
    holds exactly what a build from scratch holds."""
    rng = random.Random(seed)
    matrix.match_matrix()
    updated = 0
    for _ in range(15):
        for _ in range(rng.randrange(1, 3)):
            _random_change(rng, mob)
        current = matrix.match_matrix()
        updated += "updated from" in _how(current)
        _same(_arrays(current), matrix.build_arrays())
    assert updated >= 12  # no reference data changed: updates, not builds


def test_matches_after_an_update_equal_a_full_build(mob, settings, tmp_path):  # noqa: F811
    vacancy = open_vacancy(mob)
    MobilityPreference.objects.create(person=mob.people.b_head, open_to_opportunities=True)
    selectors.match(vacancy)
    SkillAssessment.objects.create(person=mob.people.b_head, skill=mob.skills[0],
                                   level=mob.levels[0], source=Source.VALIDATED,
                                   assessed_on=dt.date.today() + dt.timedelta(days=1))
    updated = selectors.match(vacancy, limit=None)
    settings.CADRE_MATCH_DIR = tmp_path / "fresh"  # no earlier version: a full build
    built = selectors.match(vacancy, limit=None)
    assert [(r["person"].pk, r["score"]) for r in updated.rows] == [
        (r["person"].pk, r["score"]) for r in built.rows]


def test_match_queries_do_not_grow_with_people(mob, django_assert_max_num_queries):  # noqa: F811
    vacancy = open_vacancy(mob)
    for _ in range(30):
        MobilityPreference.objects.create(person=PersonFactory(organisation=mob.org_b),
                                          open_to_opportunities=True)
    selectors.match(vacancy)
    with django_assert_max_num_queries(6):
        result = selectors.match(vacancy, limit=5)
    assert result.ranked == 31 and len(result.rows) == 5


@pytest.mark.parametrize("seed", range(40))
def test_partial_order_is_the_start_of_the_full_order(seed):
    rng = np.random.default_rng(seed)
    n, k = int(rng.integers(0, 60)), int(rng.integers(0, 5))
    held = rng.integers(0, 4, (n, k), dtype=np.int8)
    required = rng.integers(1, 4, k)
    essential = rng.random(k) < 0.5
    gaps = rng.integers(-2, 3, n)  # few values: many ties
    fit = rng.choice([0.0, 0.5, 1.0], n)
    full = matching.rank(held, required, essential, gaps, fit)
    reference, _ = matching.rank_reference(held.tolist(), required.tolist(),
                                           essential.tolist(), gaps.tolist(), fit.tolist())
    assert full.order.tolist() == reference
    for top in {0, 1, n // 2, max(n - 1, 0), n, n + 3}:
        part = matching.rank(held, required, essential, gaps, fit, top=top)
        assert part.order.tolist() == reference[:top]
        assert len(part) == n
        for i in part.order.tolist():
            assert part.positions[i] == full.positions[i]
