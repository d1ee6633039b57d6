"""The talent app's split (ADR 15) keeps every row: a database at the layout before the split,
with talent data in it, migrates to the four apps and each row is found through the new
models, history and many-to-many rows included."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

SPLIT_APPS = ("talent", "mobility", "bench", "planning")


def _migrate(targets, state):  # noqa: ANN001, ANN202
    """Migrate to ``targets``; the models as they are at ``state``."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(state).apps


def test_rows_written_before_the_split_are_found_after_it():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    others = [node for node in leaves if node[0] not in SPLIT_APPS]
    before = [("talent", "0001_initial")]
    old = _migrate([*before, ("mobility", None), ("bench", None), ("planning", None)],
                   [*others, *before])
    Organisation = old.get_model("organisations", "Organisation")  # noqa: N806
    Grade = old.get_model("organisations", "Grade")  # noqa: N806
    Location = old.get_model("organisations", "Location")  # noqa: N806
    Person = old.get_model("people", "Person")  # noqa: N806
    Framework = old.get_model("framework", "Framework")  # noqa: N806
    Skill = old.get_model("framework", "Skill")  # noqa: N806
    org = Organisation.objects.create(name="Split Office", abbreviation="SPL", type="ministerial")
    grade = Grade.objects.create(code="SPLG7", name="Split grade", scheme="civil_service",
                                 rank=7)
    location = Location.objects.create(name="Splitford")
    person = Person.objects.create(organisation=org, staff_number="S1", first_name="Sam",
                                   last_name="Split", grade=grade)
    fw = Framework.objects.create(name="Split framework", version="1")
    skill = Skill.objects.create(framework=fw, name="Splitting")

    preference = old.get_model("talent", "MobilityPreference").objects.create(
        person=person, open_to_opportunities=True)
    preference.locations.add(location)
    old.get_model("talent", "HistoricalMobilityPreference_locations").objects.create(
        history=old.get_model("talent", "HistoricalMobilityPreference").objects.create(
            id=preference.pk, person_id=person.pk, open_to_opportunities=True,
            updated_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), history_date=dt.datetime(
                2026, 1, 1, tzinfo=dt.UTC), history_type="+"),
        id=1, mobilitypreference_id=preference.pk, location_id=location.pk)
    window = old.get_model("talent", "BenchAvailability").objects.create(
        person=person, available_from=dt.date(2027, 1, 1), available_to=dt.date(2027, 3, 1))
    window.skills.add(skill)
    old.get_model("talent", "MobilityPolicy").objects.create(internal_days=21)
    old.get_model("talent", "TalentPool").objects.create(name="Split pool", organisation=org)

    new = _migrate(leaves, leaves)
    assert new.get_model("mobility", "MobilityPreference").objects.get().locations.get() \
        .name == "Splitford"
    history_m2m = new.get_model("mobility", "HistoricalMobilityPreference_locations")
    assert history_m2m.objects.get().location_id == location.pk
    assert new.get_model("bench", "BenchAvailability").objects.get().skills.get().name \
        == "Splitting"
    assert new.get_model("mobility", "MobilityPolicy").objects.get().internal_days == 21
    assert new.get_model("talent", "TalentPool").objects.get().name == "Split pool"
    ContentType = new.get_model("contenttypes", "ContentType")  # noqa: N806
    assert not ContentType.objects.filter(app_label="talent", model="vacancy").exists()
