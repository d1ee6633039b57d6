"""``cadre learning xapi-credentials --provider NAME [--create LABEL | --revoke KEY]``.

Without an action, lists the provider's credentials (key, label, made, revoked). With
``--create`` makes one and prints its key and secret (the secret is shown only then);
with ``--revoke`` stops a credential working.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.commands import refusals_reported
from cadre.learning.models import Provider, ProviderCredential
from cadre.learning.services import xapi as services


class Command(BaseCommand):
    help = "A learning provider's xAPI credentials: list, create or revoke."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--provider", required=True, help="Provider name")
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--create", metavar="LABEL", help="Make a credential")
        action.add_argument("--revoke", metavar="KEY", help="Revoke the credential KEY")

    def handle(self, *args: str, **options: Any) -> None:
        provider = Provider.objects.filter(name__iexact=options["provider"].strip()).first()
        if provider is None:
            raise CommandError(f"No provider named '{options['provider'][:200]}'.")
        actor = command_line_actor()
        if options["create"] is not None:
            with refusals_reported(self):
                credential, secret = services.create_credential(
                    actor=actor, provider=provider, label=options["create"])
            self.stdout.write(f"key: {credential.key}\nsecret: {secret}\n"
                              "The secret is not kept: store it now.")
            return
        if options["revoke"] is not None:
            credential = ProviderCredential.objects.filter(
                provider=provider, key=options["revoke"].strip()).first()
            if credential is None:
                raise CommandError(f"{provider.name} has no credential "
                                   f"'{options['revoke'][:40]}'.")
            with refusals_reported(self):
                services.revoke_credential(actor=actor, credential_id=credential.pk)
            self.stdout.write(f"Revoked {credential.key}.")
            return
        for credential in provider.xapi_credentials.order_by("created_at", "pk"):
            state = (f"revoked {credential.revoked_at:%Y-%m-%d}" if credential.revoked_at
                     else "active")
            self.stdout.write(f"{credential.key}\t{credential.label}\t"
                              f"{credential.created_at:%Y-%m-%d}\t{state}")
