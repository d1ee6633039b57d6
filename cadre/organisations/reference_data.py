"""Where the embedded reference data lives (loaded by ``cadre load_defaults``)."""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
DEPARTMENTS_CSV = DATA_DIR / "departments.csv"
GRADES_CSV = DATA_DIR / "grades.csv"
FORMER_DEPARTMENTS_CSV = DATA_DIR / "former-departments.csv"
FORMER_NAMES_CSV = DATA_DIR / "former-names.csv"
ORGANISATION_CHANGES_CSV = DATA_DIR / "organisation-changes.csv"
