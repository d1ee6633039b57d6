"""The talent app's split (ADR 15) keeps every row: a database at the layout before the split,
with talent data in it, migrates to the four apps and each row is found through the new
models, history and many-to-many rows included.

The database is a scratch one (the ``scratch_database`` fixture), migrated forwards only:
first to talent's layout before the split, then to the split. Unapplying every later app's
migrations in the test database instead took many minutes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db

BEFORE = [("talent", "0001_initial"), ("contenttypes", "0002_remove_content_type_name")]
AFTER = [("talent", "0002_split_into_apps")]


def _migrate(alias: str, targets: list[tuple[str, str]]):  # noqa: ANN202
    """Migrate the scratch database forwards to ``targets``; the models as they are there."""
    executor = MigrationExecutor(connections[alias])
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def test_rows_written_before_the_split_are_found_after_it(scratch_database: str) -> None:
    scratch = scratch_database
    old = _migrate(scratch, BEFORE)

    def make(app: str, name: str, /, **values):  # noqa: ANN003, ANN202
        return old.get_model(app, name).objects.using(scratch).create(**values)

    org = make("organisations", "Organisation", name="Split Office", abbreviation="SPL",
               type="ministerial")
    grade = make("organisations", "Grade", code="SPLG7", name="Split grade",
                 scheme="civil_service", rank=7)
    location = make("organisations", "Location", name="Splitford")
    person = make("people", "Person", organisation=org, staff_number="S1", first_name="Sam",
                  last_name="Split", grade=grade)
    fw = make("framework", "Framework", name="Split framework", version="1")
    skill = make("framework", "Skill", framework=fw, name="Splitting")

    preference = make("talent", "MobilityPreference", person=person,
                      open_to_opportunities=True)
    preference.locations.add(location)
    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    history = make("talent", "HistoricalMobilityPreference", id=preference.pk,
                   person_id=person.pk, open_to_opportunities=True, updated_at=stamp,
                   history_date=stamp, history_type="+")
    make("talent", "HistoricalMobilityPreference_locations", history=history, id=1,
         mobilitypreference_id=preference.pk, location_id=location.pk)
    window = make("talent", "BenchAvailability", person=person,
                  available_from=dt.date(2027, 1, 1), available_to=dt.date(2027, 3, 1))
    window.skills.add(skill)
    make("talent", "MobilityPolicy", internal_days=21)
    make("talent", "TalentPool", name="Split pool", organisation=org)
    make("contenttypes", "ContentType", app_label="talent", model="vacancy")

    new = _migrate(scratch, AFTER)

    def one(app: str, name: str):  # noqa: ANN202
        return new.get_model(app, name).objects.using(scratch)

    assert one("mobility", "MobilityPreference").get().locations.get().name == "Splitford"
    history_m2m = one("mobility", "HistoricalMobilityPreference_locations")
    assert history_m2m.get().location_id == location.pk
    assert one("bench", "BenchAvailability").get().skills.get().name == "Splitting"
    assert one("mobility", "MobilityPolicy").get().internal_days == 21
    assert one("talent", "TalentPool").get().name == "Split pool"
    content_types = one("contenttypes", "ContentType")
    assert not content_types.filter(app_label="talent", model="vacancy").exists()
    assert content_types.filter(app_label="mobility", model="vacancy").exists()
