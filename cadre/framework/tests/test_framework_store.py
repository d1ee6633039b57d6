"""Storing frameworks: the embedded default, the published files, JSON round trips, diffs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.framework.documents import DocumentError
from cadre.framework.models import Framework, Requirement, RoleLevel, Skill
from cadre.framework.reference_data import DEFAULT_FRAMEWORK_JSON
from cadre.framework.services import import_document
from tests.helpers import skip_or_fail

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("keep_connection_open")]
DDAT = Path(settings.CADRE_SHARED_DIR) / "data" / "ddat"




def _default_document() -> dict:
    return json.loads(DEFAULT_FRAMEWORK_JSON.read_text(encoding="utf-8"))


def test_embedded_default_loads_with_the_published_shape() -> None:
    call_command("defaults_framework")
    call_command("defaults_framework")  # safe to run again
    framework = Framework.objects.get()
    assert framework.is_default
    assert framework.families.count() == 8
    assert framework.roles.count() == 52
    assert framework.role_levels.count() == 205
    assert framework.skills.count() == 188
    assert "Open Government Licence" in framework.licence


def test_export_import_export_is_identical(tmp_path, capsys) -> None:  # noqa: ANN001
    call_command("defaults_framework")
    first = tmp_path / "first.json"
    call_command("framework", "export", "--output", str(first))
    call_command("framework", "import", str(first), "--version", "copy")
    second = tmp_path / "second.json"
    call_command("framework", "export", "--framework",
                 "UK Government Digital and Data Capability Framework", "--version", "copy",
                 "--output", str(second))
    a, b = json.loads(first.read_text()), json.loads(second.read_text())
    assert a["framework"]["version"] != b["framework"]["version"]
    a["framework"]["version"] = b["framework"]["version"] = "x"
    assert a == b
    assert set(a) >= {"role_families", "roles", "role_levels", "skills", "levels",
                      "requirements"}


def test_published_files_import_through_the_command(capsys) -> None:  # noqa: ANN001
    if not (DDAT / "roles.csv").exists():
        skip_or_fail(f"The published framework files are not at {DDAT}")
    call_command("framework", "import-ddat", "--roles", str(DDAT / "roles.csv"),
                 "--skills", str(DDAT / "skills.csv"), "--version", "published")
    framework = Framework.objects.get(version="published")
    assert (framework.families.count(), framework.roles.count(),
            framework.role_levels.count(), framework.skills.count()) == (8, 52, 205, 188)
    assert "8 role families, 52 roles, 205 role levels, 188 skills" in capsys.readouterr().out


def test_diff_between_versions(capsys) -> None:  # noqa: ANN001
    doc = _default_document()
    import_document(actor=None, document=doc, version="v1")
    newer = json.loads(json.dumps(doc))
    newer["skills"].append({"name": "Prompt engineering", "description": "", "category": "Data",
                            "is_core": False, "code": "", "descriptors": {}})
    removed = newer["roles"].pop(0)
    newer["role_levels"] = [lv for lv in newer["role_levels"] if lv["role"] != removed["name"]]
    newer["requirements"] = [r for r in newer["requirements"] if r["role"] != removed["name"]]
    changed = newer["requirements"][0]
    changed["level"] = "Expert" if changed["level"] != "Expert" else "Awareness"
    import_document(actor=None, document=newer, version="v2")
    capsys.readouterr()
    call_command("framework", "diff", "--from", "v1", "--to", "v2", "--format", "json")
    diff = json.loads(capsys.readouterr().out)
    assert {"kind": "skills", "key": "Prompt engineering"} in diff["added"]
    assert {"kind": "roles", "key": removed["name"]} in diff["removed"]
    assert any(c["kind"] == "requirements" and c["fields"]["level"]["to"] == changed["level"]
               for c in diff["changed"])


def test_bad_documents_are_rejected_whole() -> None:
    doc = _default_document()
    doc["requirements"][3]["skill"] = "Telepathy"
    doc["requirements"][4]["level"] = "Wizard"
    doc["roles"][0]["family"] = ""
    with pytest.raises(DocumentError) as caught:
        import_document(actor=None, document=doc, version="bad")
    text = str(caught.value)
    assert "requirements[3].skill" in text and "Telepathy" in text
    assert "requirements[4].level" in text and "roles[0].family" in text
    assert not Framework.objects.exists()
    assert not (RoleLevel.objects.exists() or Skill.objects.exists()
                or Requirement.objects.exists())


def test_same_version_twice_is_refused(tmp_path) -> None:  # noqa: ANN001
    call_command("defaults_framework")
    path = tmp_path / "f.json"
    call_command("framework", "export", "--output", str(path))
    with pytest.raises(CommandError, match="already exists"):
        call_command("framework", "import", str(path))


def test_sfia_layout_imports_as_a_second_framework(tmp_path) -> None:  # noqa: ANN001
    # Our own made-up skills in the SFIA file layout; no SFIA text is used.
    path = tmp_path / "sfia.csv"
    path.write_text(
        "Code,Skill,Category,Subcategory,Description,Level 1 description,"
        "Level 2 description,Level 3 description,Level 4 description,Level 5 description,"
        "Level 6 description,Level 7 description\n"
        "ABCD,Widget tuning,Making things,Widgets,Tuning widgets.,,,Tunes one widget.,"
        "Tunes many widgets.,,,\n"
        "EFGH,Gadget care,Making things,Gadgets,Caring for gadgets.,Dusts gadgets.,,,,,,\n",
        encoding="utf-8")
    call_command("framework", "import-sfia", str(path), "--version", "test-9")
    sfia = Framework.objects.get(name="SFIA")
    assert sfia.levels.count() == 7 and not sfia.is_default
    widget = sfia.skills.get(code="ABCD")
    assert widget.descriptors.count() == 2
    assert widget.category == "Making things / Widgets"


def test_skill_mappings_between_frameworks(tmp_path, capsys) -> None:  # noqa: ANN001
    from cadre.framework.models import SkillMapping

    call_command("defaults_framework")
    path = tmp_path / "sfia.csv"
    path.write_text("Code,Skill,Category,Subcategory,Description,Level 3 description\n"
                    "PROG,Programming things,Making,Code,Writing code.,Writes code.\n",
                    encoding="utf-8")
    call_command("framework", "import-sfia", str(path), "--version", "9")
    ddat = Framework.objects.get(is_default=True)
    call_command("framework", "map", "--skill", "Programming and build (software engineering)",
                 "--framework", ddat.name, "--version", ddat.version,
                 "--to-skill", "Programming things", "--to-framework", "SFIA",
                 "--to-version", "9", "--levels", "1:2,2:3,3:4,4:5")
    mapping = SkillMapping.objects.get()
    assert mapping.level_correspondence == {"1": 2, "2": 3, "3": 4, "4": 5}
    from rest_framework.test import APIClient

    from tests.factories import UserFactory

    client = APIClient()
    client.force_authenticate(UserFactory())
    listed = client.get("/api/v1/skill-mappings/").json()["results"]
    assert listed[0]["target_skill"] == "Programming things"
    assert listed[0]["target_framework"] == "SFIA 9"
    with pytest.raises(CommandError, match="outside"):
        call_command("framework", "map", "--skill", "Programming and build (software "
                     "engineering)", "--framework", ddat.name, "--version", ddat.version,
                     "--to-skill", "Programming things", "--to-framework", "SFIA",
                     "--to-version", "9", "--levels", "5:9")
    with pytest.raises(CommandError, match="SOURCE:TARGET"):
        call_command("framework", "map", "--skill", "Programming and build (software "
                     "engineering)", "--framework", ddat.name, "--version", ddat.version,
                     "--to-skill", "Programming things", "--to-framework", "SFIA",
                     "--to-version", "9", "--levels", "two-three")


def test_bad_published_files_write_nothing(tmp_path, capsys) -> None:  # noqa: ANN001
    roles = tmp_path / "roles.csv"
    skills = tmp_path / "skills.csv"
    roles.write_text("Role Family,Role,Role Description,Role Level,Role Level Description,"
                     "Skill Name,Skill Description,Skill Level,Skill Level Description,"
                     "Role Type\nDev,Developer,d,Developer,d,Coding,d,Guru,d,\n",
                     encoding="utf-8")
    skills.write_text("Skill Name,Skill Description,Awareness,Working,Practitioner,Expert,"
                      "Roles that require Skill\nCoding,c,a,b,c,d,Developer\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("framework", "import-ddat", "--roles", str(roles), "--skills",
                     str(skills))
    assert "roles.csv: Row 2, column 'skill_level'" in capsys.readouterr().err
    assert not Framework.objects.exists()
