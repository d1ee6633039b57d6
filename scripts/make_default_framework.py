"""Build cadre/framework/data/default-framework.json from the published CSV files.

Keeps the framework's facts (family, role, level and skill names, level order,
required levels) and replaces every description with a short one written here,
so no published sentence is copied. The skill level scale is described in
Cadre's own words (``cadre/framework/scale.py``, through ``ddat_document``); the
published per-skill level texts are left out, so pages fall back to the scale.
Run by maintainers when the framework is republished:
python scripts/make_default_framework.py ../shared/data/ddat
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cadre.framework.ddat_csv import parse_ddat  # noqa: E402
from cadre.framework.documents import ddat_document  # noqa: E402

OUTPUT = ROOT / "cadre" / "framework" / "data" / "default-framework.json"

FAMILIES = {
    "Architecture": "Designing how systems, data and services fit together and change over time.",
    "Chief digital and data": "Senior leaders accountable for an organisation's digital, data, "
    "technology and security.",
    "Data": "Collecting, managing, analysing and using data well, and the ethics of doing so.",
    "IT operations": "Running, supporting and improving live technology services.",
    "Product and delivery": "Deciding what to build, and getting it built and run as a service.",
    "Quality assurance testing (QAT)": "Checking that software and services work as they should.",
    "Software development": "Building and running software, from code to deployment.",
    "User-centred design": "Understanding users and designing services, content and "
    "interfaces that work for them.",
}
#: Cadre's own estimate of the Civil Service grades at each seniority (not published
#: with the framework); organisations correct it per role level.
GRADES = {0: ("AA", "AO"), 2: ("EO", "EO"), 3: ("EO", "HEO"), 4: ("HEO", "SEO"),
          6: ("SEO", "G7"), 8: ("G7", "G7"), 10: ("G6", "G6"), 12: ("G6", "SCS1"),
          14: ("SCS2", "SCS3")}
LEVEL_WORDS = {
    0: "an entry level, learning on the job",
    2: "an early-career level",
    3: "an early-career level",
    4: "the practitioner level of the role",
    6: "an experienced level",
    8: "a leading level",
    10: "a senior expert level",
    12: "the head of the profession in an organisation",
    14: "an executive level",
}


def build(folder: Path) -> dict:
    parsed = parse_ddat((folder / "roles.csv").read_bytes(), (folder / "skills.csv").read_bytes())
    doc = ddat_document(
        parsed, name="UK Government Digital and Data Capability Framework",
        version="2025 (embedded)",
        source="Names, level order and required levels from the framework's published CSV "
        "files (2025); descriptions written by the Cadre project.",
        licence="Contains public sector information licensed under the Open Government "
        "Licence v3.0.",
    )
    for family in doc["role_families"]:
        family["description"] = FAMILIES.get(family["name"], "")
    levels_of: dict[str, list[dict]] = {}
    for level in doc["role_levels"]:
        levels_of.setdefault(level["role"], []).append(level)
    for role in doc["roles"]:
        ladder = sorted(levels_of[role["name"]], key=lambda lv: lv["order"])
        role["description"] = (
            f"A role in the {role['family']} family with {len(ladder)} "
            f"level{'s' if len(ladder) > 1 else ''}, from {ladder[0]['name']} "
            f"to {ladder[-1]['name']}."
        )
        role["entry_routes"] = entry_routes(ladder)
    for level in doc["role_levels"]:
        words = LEVEL_WORDS.get(level["seniority"], "a level of the role")
        track = " on the management track" if level["track"] == "management" else ""
        level["description"] = f"{level['name']}: {words}{track}."
        level["grade_from"], level["grade_to"] = GRADES.get(level["seniority"], ("", ""))
    for skill in doc["skills"]:
        kind = "a skill needed across several role families" if skill["is_core"] else (
            f"a specialist skill of the {skill['category']} family")
        skill["description"] = f"{skill['name']}: {kind}."
        skill["descriptors"] = {}
    return doc


def entry_routes(ladder: list[dict]) -> list[dict]:
    """Entry routes implied by a role's levels (our own reading, recorded as data)."""
    routes = []
    first = ladder[0]
    if first["seniority"] == 0:
        routes.append({"kind": "apprenticeship", "entry_level": first["name"],
                       "description": "Join as an apprentice or trainee and learn on the job."})
    early = next((lv for lv in ladder if 2 <= lv["seniority"] <= 3), None)
    if early:
        routes.append({"kind": "graduate", "entry_level": early["name"],
                       "description": "Join from a graduate scheme or the Fast Stream."})
        routes.append({"kind": "career_changer", "entry_level": early["name"],
                       "description": "Move across from another career, or return after a "
                       "break, with transferable skills."})
    practitioner = next((lv for lv in ladder if lv["seniority"] >= 4), ladder[-1])
    routes.append({"kind": "experienced", "entry_level": practitioner["name"],
                   "description": "Join with experience of the role from elsewhere."})
    return sorted(routes, key=lambda r: (r["kind"], r["entry_level"] or ""))


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/ddat"
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(build(folder), indent=1, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    print(f"Wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
