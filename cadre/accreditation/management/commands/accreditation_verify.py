"""``cadre accreditation verify FILE.json [--format text|json]``.

Checks a credential file (the JSON a holder downloads, or a bare VC-JWT): the signature
against the service's keys and each status (revocation, suspension) against the service's
signed status lists, and that today falls within its dates. Prints ``valid`` and exits 0
only when all hold; otherwise prints ``invalid:`` and why, and exits 1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.accreditation.services import credentials as services

MAX_FILE_BYTES = 1_000_000


class Command(BaseCommand):
    help = "Checks a credential's signature and status; exit 0 and 'valid' only if both hold."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="The credential file (JSON or a VC-JWT)")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: str, **options: Any) -> None:
        path = Path(options["file"])
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise CommandError(f"{path}: larger than {MAX_FILE_BYTES:,} bytes.")
            content = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: cannot be read ({error}).") from error
        result = services.verify_content(content)
        if options["format"] == "json":
            self.stdout.write(json.dumps({
                "valid": result.valid, "problems": result.problems,
                "statuses": result.statuses,
                "id": (result.credential or {}).get("id")}, indent=2))
        elif result.valid:
            self.stdout.write("valid")
        else:
            self.stdout.write("invalid: " + "; ".join(result.problems))
        if not result.valid:
            raise SystemExit(1)
