"""``cadre accreditation credential --award ID [--format json|jwt|document]``.

Prints an award's signed Open Badges 3.0 credential: by default the JSON a holder downloads
(a VC 2.0 enveloped credential holding the VC-JWT, which ``cadre accreditation verify``
reads); ``jwt`` prints the bare token; ``document`` the credential it signs, readable.
``--award`` is the award's number or its public id (the UUID in its check page's address).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.accreditation.models import Award
from cadre.accreditation.services import credentials as services


def find_award(value: str) -> Award:
    """The award by number or public id; ``CommandError`` when there is none."""
    text = (value or "").strip()
    award = None
    if text.isdigit():
        award = Award.objects.filter(pk=int(text)).first()
    else:
        try:
            award = Award.objects.filter(public_id=uuid.UUID(text)).first()
        except ValueError:
            raise CommandError("--award must be an award number or its public id.") from None
    if award is None:
        raise CommandError(f"No award {text}.")
    return award


class Command(BaseCommand):
    help = "Prints an award's signed Open Badges 3.0 credential."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--award", required=True, help="Award number or public id")
        parser.add_argument("--format", choices=["json", "jwt", "document"], default="json")

    def handle(self, *args: str, **options: Any) -> None:
        award = find_award(options["award"])
        if options["format"] == "jwt":
            self.stdout.write(services.signed_credential(award))
        elif options["format"] == "document":
            self.stdout.write(json.dumps(services.credential_document(award), indent=2))
        else:
            self.stdout.write(services.dumps(services.enveloped_credential(award)))
