"""``cadre identity providers|passwords``: the configured sign-in providers, and whether an
organisation's people may still use local passwords (ADR 29)."""

from __future__ import annotations

from django.core.management.base import CommandError

from cadre.core.actor import Actor
from cadre.core.commands import SubcommandCommand
from cadre.identity.providers import ProviderUnavailable, all_providers
from cadre.identity.selectors import organisations_without_local_passwords
from cadre.identity.services import set_local_passwords
from cadre.organisations.selectors import organisation_by_abbreviation


class Command(SubcommandCommand):
    help = "Sign-in providers (list and check) and local passwords per organisation."

    def add_actions(self, actions) -> None:  # noqa: ANN001
        providers = actions.add_parser(
            "providers", help="List the configured providers; --check reads each one's "
            "discovery document.")
        providers.add_argument("--check", action="store_true")
        passwords = actions.add_parser(
            "passwords", help="Show, or switch off or on, local passwords for an "
            "organisation's people (administrators always keep theirs).")
        passwords.add_argument("--organisation", help="Abbreviation")
        state = passwords.add_mutually_exclusive_group()
        state.add_argument("--off", action="store_true")
        state.add_argument("--on", action="store_true")

    def handle_providers(self, options: dict, *, actor: Actor) -> None:
        providers = all_providers()
        if not providers:
            self.stdout.write("No sign-in providers are configured (CADRE_OIDC_PROVIDERS).")
        for provider in providers:
            line = f"{provider.key}: {provider.name}, {provider.issuer}, for " + ", ".join(
                provider.domains)
            if options.get("check"):
                try:
                    provider.metadata()
                except ProviderUnavailable as exc:
                    line += f" - UNREACHABLE ({exc})"
                else:
                    line += " - discovery document read"
            self.stdout.write(line)

    def handle_passwords(self, options: dict, *, actor: Actor) -> None:
        if options.get("off") or options.get("on"):
            if not options.get("organisation"):
                raise CommandError("Name the organisation with --organisation.")
            organisation = organisation_by_abbreviation(str(options["organisation"]))
            if organisation is None:
                raise CommandError(f"No organisation '{options['organisation']}'.")
            set_local_passwords(actor=actor, organisation=organisation,
                                allowed=bool(options.get("on")))
        names = organisations_without_local_passwords()
        self.stdout.write("Local passwords are off for: " + (", ".join(names) or "none") +
                          ". Administrators may always use theirs.")
