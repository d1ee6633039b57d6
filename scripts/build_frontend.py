"""Copy GOV.UK Frontend's and accessible-autocomplete's compiled files into static files.

The npm package's stylesheet points at fonts and images under ``/assets/``;
we serve them under STATIC_URL, so the paths are made relative to the CSS.
The output folder is generated at set-up and never committed.

alphagov's accessible-autocomplete (enhances long selects, ADR 22) goes to
``cadre/core/static/autocomplete/``, also generated and never committed.

The packages' minified CSS and JS end with a ``sourceMappingURL`` comment naming a
``.map`` file. We strip those comments rather than copy the maps (see
docs/deployment.md): production's manifest storage rewrites every such reference
and fails on a missing file, and the maps (660 KB) are of no use to users.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk"
TARGET = ROOT / "cadre" / "core" / "static" / "govuk"
AUTOCOMPLETE_SOURCE = ROOT / "node_modules" / "accessible-autocomplete" / "dist"
AUTOCOMPLETE_TARGET = ROOT / "cadre" / "core" / "static" / "autocomplete"
AUTOCOMPLETE_FILES = ("accessible-autocomplete.min.css", "accessible-autocomplete.min.js")
# axe-core (accessibility rules) is for the browser tests only: copied next to them, never
# into static files, never committed (tests/browser/test_axe_in_browser.py).
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TARGET = ROOT / "tests" / "browser" / "vendor" / "axe.min.js"
# "/*# sourceMappingURL=x.map */" in CSS, "//# sourceMappingURL=x.map" in JS.
SOURCE_MAP_COMMENT = re.compile(r"(/\*# sourceMappingURL=[^*]*\*/|//# sourceMappingURL=\S*)\s*$")


def strip_source_map(text: str) -> str:
    """The file's text without its trailing source-map comment."""
    return SOURCE_MAP_COMMENT.sub("", text).rstrip() + "\n"


def main() -> int:
    if not SOURCE.exists():
        print(f"GOV.UK Frontend is not installed at {SOURCE}; run 'npm ci' first.", file=sys.stderr)
        return 1
    if TARGET.exists():
        shutil.rmtree(TARGET)
    TARGET.mkdir(parents=True)
    css = (SOURCE / "govuk-frontend.min.css").read_text(encoding="utf-8")
    (TARGET / "govuk-frontend.min.css").write_text(
        strip_source_map(css.replace("url(/assets/", "url(assets/")), encoding="utf-8"
    )
    js = (SOURCE / "govuk-frontend.min.js").read_text(encoding="utf-8")
    (TARGET / "govuk-frontend.min.js").write_text(strip_source_map(js), encoding="utf-8")
    shutil.copytree(SOURCE / "assets", TARGET / "assets",
                    ignore=shutil.ignore_patterns("*.map"))
    if not AUTOCOMPLETE_SOURCE.exists():
        print(f"accessible-autocomplete is not installed at {AUTOCOMPLETE_SOURCE}; "
              "run 'npm ci' first.", file=sys.stderr)
        return 1
    if AUTOCOMPLETE_TARGET.exists():
        shutil.rmtree(AUTOCOMPLETE_TARGET)
    AUTOCOMPLETE_TARGET.mkdir(parents=True)
    for name in AUTOCOMPLETE_FILES:
        text = (AUTOCOMPLETE_SOURCE / name).read_text(encoding="utf-8")
        (AUTOCOMPLETE_TARGET / name).write_text(strip_source_map(text), encoding="utf-8")
    left = [p for folder in (TARGET, AUTOCOMPLETE_TARGET) for p in folder.rglob("*")
            if p.suffix in {".css", ".js", ".mjs"}
            and "sourceMappingURL" in p.read_text(encoding="utf-8")]
    if left:
        print(f"Source-map references left in {left}", file=sys.stderr)
        return 1
    if AXE_SOURCE.exists():  # a devDependency: absent where only the service is built
        AXE_TARGET.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(AXE_SOURCE, AXE_TARGET)
    print(f"GOV.UK Frontend copied to {TARGET.relative_to(ROOT)}, accessible-autocomplete to "
          f"{AUTOCOMPLETE_TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
