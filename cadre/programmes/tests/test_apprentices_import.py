"""The apprenticeship standards import: good files, re-imports and malformed files."""

from __future__ import annotations

import copy
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.programmes import services
from cadre.programmes.models import ApprenticeshipStandard

pytestmark = pytest.mark.django_db

SOFTWARE = {
    "referenceNumber": "ST0116", "title": "Software developer", "level": 4, "version": "1.1",
    "route": "Digital", "typicalDuration": 24, "maxFunding": 18000,
    "duties": ["Write clean code", "Test the code"],
    "knowledges": [{"id": "K1", "detail": "All stages of the software lifecycle"}],
    "skills": [{"id": "S1", "detail": "Create logical and maintainable code"}],
    "behaviours": [{"id": "B1", "detail": "Works independently"}],
}
DATA = {**SOFTWARE, "referenceNumber": "ST0505", "title": "Data analyst", "level": 4,
        "version": "1.0", "maxFunding": 15000}


def _file(*records: dict) -> bytes:
    return json.dumps(list(records)).encode()


def test_a_good_file_is_imported_and_a_reimport_updates() -> None:
    assert services.import_standards(actor=None, data=_file(SOFTWARE, DATA)) == {
        "created": 2, "updated": 0}
    standard = ApprenticeshipStandard.objects.get(reference_number="ST0116")
    assert (standard.level, standard.version, standard.max_funding) == (4, "1.1", 18000)
    assert standard.knowledges == [{"id": "K1", "detail": "All stages of the software lifecycle"}]
    assert standard.duties == ["Write clean code", "Test the code"]
    changed = {**SOFTWARE, "title": "Software developer (revised)", "maxFunding": 19000}
    newer = {**SOFTWARE, "version": "1.2"}
    assert services.import_standards(actor=None, data=_file(changed, newer)) == {
        "created": 1, "updated": 1}
    standard.refresh_from_db()
    assert (standard.title, standard.max_funding) == ("Software developer (revised)", 19000)
    assert ApprenticeshipStandard.objects.count() == 3


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("level", 9, "level: must be a whole number from 2 to 7"),
    ("level", "4", "level: must be a whole number"),
    ("referenceNumber", "XX1", "referenceNumber: must be ST"),
    ("version", "one", "version: must look like 1.0"),
    ("typicalDuration", 6, "typicalDuration: must be a whole number of months from 12"),
    ("maxFunding", 99999, "maxFunding: must be a whole number of pounds from 0 to 30000"),
    ("title", "", "title: must be text"),
    ("title", "x" * 201, "title: must be text of 1 to 200"),
    ("knowledges", [{"id": "S1", "detail": "wrong letter"}], "knowledges: item 0: id"),
    ("skills", [{"id": "S1"}], "skills: item 0 (S1): detail"),
    ("behaviours", "nice", "behaviours: must be a list"),
    ("duties", [""], "duties: must be a list"),
])
def test_a_malformed_file_names_record_and_field_and_writes_nothing(
        field: str, value: object, expected: str) -> None:
    bad = copy.deepcopy(DATA)
    bad[field] = value
    with pytest.raises(services.StandardsFileError) as caught:
        services.import_standards(actor=None, data=_file(SOFTWARE, bad))
    reference = bad["referenceNumber"]
    assert any(e.startswith(f"record 1 ({reference}): ") and expected in e
               for e in caught.value.errors), caught.value.errors
    assert not ApprenticeshipStandard.objects.exists()  # the good record 0 is not written
    assert not AuditEvent.objects.filter(summary__contains="standards imported").exists()


def test_a_malformed_reimport_leaves_the_old_version_alone() -> None:
    services.import_standards(actor=None, data=_file(SOFTWARE))
    with pytest.raises(services.StandardsFileError):
        services.import_standards(actor=None, data=_file({**SOFTWARE, "title": "New"},
                                                         {**DATA, "level": 1}))
    assert ApprenticeshipStandard.objects.get().title == "Software developer"


@pytest.mark.parametrize(("data", "expected"), [
    (b"not json", "The file is not JSON"),
    (b"{}", "must hold a list"),
    (_file(SOFTWARE, SOFTWARE), "record 1 (ST0116): version: ST0116 version 1.1 is also "
                                "record 0"),
    (_file({"title": "No reference"}), "record 0 (no referenceNumber): referenceNumber"),
])
def test_broken_files_are_refused(data: bytes, expected: str) -> None:
    with pytest.raises(services.StandardsFileError) as caught:
        services.parse_standards(data)
    assert any(expected in e for e in caught.value.errors), caught.value.errors


def test_only_the_central_team_imports(make_account, org_a) -> None:  # noqa: ANN001
    head = make_account(Role.HEAD_OF_PROFESSION, organisation=org_a)
    with pytest.raises(PermissionDenied):
        services.import_standards(actor=head, data=_file(SOFTWARE))
    services.import_standards(actor=make_account(Role.CENTRAL_TEAM), data=_file(SOFTWARE))
    assert ApprenticeshipStandard.objects.count() == 1


def test_the_command_imports_and_refuses(tmp_path, capsys) -> None:  # noqa: ANN001
    good = tmp_path / "standards.json"
    good.write_bytes(_file(SOFTWARE, DATA))
    call_command("programmes_import_standards", str(good))
    assert "2 new, 0 updated" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_bytes(_file({**SOFTWARE, "version": "2.0"}, {**DATA, "maxFunding": -1}))
    with pytest.raises(CommandError, match="1 problem"):
        call_command("programmes_import_standards", str(bad))
    assert "record 1 (ST0505): maxFunding" in capsys.readouterr().err
    assert ApprenticeshipStandard.objects.count() == 2


def test_standards_map_to_framework_skills(default_framework) -> None:  # noqa: ANN001
    services.import_standards(actor=None, data=_file(SOFTWARE))
    standard = ApprenticeshipStandard.objects.get()
    skills = list(default_framework.skills.all()[:2])
    services.map_standard_skills(actor=None, standard=standard, skills=skills)
    assert set(standard.framework_skills.all()) == set(skills)
