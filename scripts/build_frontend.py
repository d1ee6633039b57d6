"""Copy GOV.UK Frontend's compiled files from node_modules into static files.

The npm package's stylesheet points at fonts and images under ``/assets/``;
we serve them under STATIC_URL, so the paths are made relative to the CSS.
The output folder is generated at set-up and never committed.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk"
TARGET = ROOT / "cadre" / "core" / "static" / "govuk"


def main() -> int:
    if not SOURCE.exists():
        print(f"GOV.UK Frontend is not installed at {SOURCE}; run 'npm ci' first.", file=sys.stderr)
        return 1
    if TARGET.exists():
        shutil.rmtree(TARGET)
    TARGET.mkdir(parents=True)
    css = (SOURCE / "govuk-frontend.min.css").read_text(encoding="utf-8")
    (TARGET / "govuk-frontend.min.css").write_text(
        css.replace("url(/assets/", "url(assets/"), encoding="utf-8"
    )
    shutil.copy2(SOURCE / "govuk-frontend.min.js", TARGET / "govuk-frontend.min.js")
    shutil.copytree(SOURCE / "assets", TARGET / "assets")
    print(f"GOV.UK Frontend copied to {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
